"""The figures a panel sees, as plain frozen objects.

These are the contract between the engine and everything that shows a
figure: the presenter's screens, ``panelapp check`` and the minutes. A screen
never computes; it reads one of these.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from panelapp.config import Item, Period

Rag = Literal["green", "amber", "red"]
Judgement = Literal["better", "worse", "same", "neutral"]
Direction = Literal["up", "down", "same"]


@dataclass(frozen=True)
class Finding:
    """One data-quality finding, worded for the analyst who will fix the file."""

    rule: str
    """DfE 903 rule number ('1004', '574', …) or a local rule name ('rhi-without-offer')."""
    row: int | None
    """The row as a spreadsheet shows it (header is row 1), or None for the file as a whole."""
    column: str
    value: str
    message: str
    excluded: bool = False
    """True when the row could not be used and is left out of every figure."""
    source: str = ""
    """The file the row came from, by name."""
    withheld: bool = False
    """The value identifies a child (a CHILD or DOB cell, a ragged row) and was left out of
    the figures cache; :func:`panelapp.metrics.withheld.read_back` reads it again from the
    data file for the private views that show it."""


@dataclass(frozen=True)
class Figure:
    """One value of a KPI for one period (or month)."""

    value: float | None
    """A count, a fraction in [0, 1] for percentages, or hours; None when not available."""
    numerator: int | None = None
    denominator: int | None = None
    suppressed: bool = False
    """Hidden by disclosure control in public mode; the value is then None, and so is
    each count hidden with it (a base published anyway stays: '[c] of 100')."""

    @property
    def known(self) -> bool:
        """Whether there is a value to show."""
        return self.value is not None and not self.suppressed


@dataclass(frozen=True)
class Change:
    """Direction of travel against the previous period, judged by polarity."""

    absolute: float
    """Current minus previous, in the figure's own unit (fraction points for shares)."""
    relative: float | None
    """Absolute over previous; None when the previous value was zero."""
    direction: Direction
    judgement: Judgement


@dataclass(frozen=True)
class MonthPoint:
    """One month of a KPI's trend line."""

    month: dt.date
    """The first day of the month."""
    figure: Figure


@dataclass(frozen=True)
class KpiResult:
    """Everything the presenter and the minutes need to say about one KPI."""

    id: str
    title: str
    unit: str
    polarity: str
    measure: str
    period: Period
    previous_period: Period | None
    current: Figure
    previous: Figure | None
    change: Change | None
    """Of the value itself (the share, for a share)."""
    count_change: Change | None
    """Of the numerator, for shares: minutes compare '134 against 174'."""
    rag: Rag | None
    target: float | None
    tolerance: float | None
    monthly: tuple[MonthPoint, ...]
    previous_monthly: tuple[MonthPoint, ...]
    available: bool = True
    reason: str = ""
    """Why not available, e.g. 'not available in this data (no MACE column)'."""
    n: int = 0
    matching: int | None = None
    """For top-N shares: how many of the top children match the KPI's 'matching' filter."""
    narrative: str = ""
    """The sentence for the minutes, filled in with this result's own figures."""
    notes: str = ""
    """Speaker notes: for the presenter's screen only, never exported."""
    previous_reason: str = ""
    """Why there is no previous figure when there is a previous period ('no data for 2020
    (the records cover January 2021 to December 2021)'): the screen says 'no 2020 data'
    and the sentence makes no comparison, rather than compare with a zero."""


@dataclass(frozen=True)
class HighlightResult:
    """'95% (95 of 100) criminal and/or sexual exploitation'."""

    id: str
    label: str
    count: int | None
    base: int | None
    share: float | None
    suppressed: bool = False
    """Hidden by disclosure control: share None, count None, base None unless published anyway."""
    narrative: str = ""


@dataclass(frozen=True)
class BreakdownRow:
    """One category of a drill-down table."""

    category: str
    count: int | None
    share: float | None
    suppressed: bool = False


@dataclass(frozen=True)
class BreakdownResult:
    """A drill-down dimension over a theme's cohort, categories in their natural order."""

    dimension: str
    title: str
    rows: tuple[BreakdownRow, ...]


@dataclass(frozen=True)
class ThemeResult:
    """A closer look at one group of children."""

    id: str
    title: str
    description: str
    cohort: int | None
    cohort_suppressed: bool
    highlights: tuple[HighlightResult, ...]
    breakdowns: tuple[BreakdownResult, ...]
    available: bool = True
    reason: str = ""
    narrative: str = ""


@dataclass(frozen=True)
class ItemFigures:
    """The figures of one agenda item for one period, private or public."""

    item: Item
    period: Period
    previous_period: Period | None
    kpis: tuple[KpiResult, ...]
    themes: tuple[ThemeResult, ...]
    findings: tuple[Finding, ...] = ()
    records: int = 0
    """Rows read, before exclusions."""
    excluded: int = 0
    """Rows left out of every figure (each has a finding)."""
    public: bool = False
    notes: tuple[str, ...] = field(default=())
    """Things worth knowing that are not row findings (e.g. the file was latin-1)."""

    def kpi(self, kpi_id: str) -> KpiResult:
        """The KPI with that id."""
        for kpi in self.kpis:
            if kpi.id == kpi_id:
                return kpi
        raise KeyError(kpi_id)

    def theme(self, theme_id: str) -> ThemeResult:
        """The theme with that id."""
        for theme in self.themes:
            if theme.id == theme_id:
                return theme
        raise KeyError(theme_id)


@dataclass(frozen=True)
class Unavailable:
    """An agenda item whose figures could not be made: one bad file blocks only its own item."""

    item: Item
    message: str
    """The one line that names the file, the place and the fix."""


Outcome = ItemFigures | Unavailable
"""What making one item's figures gave: the figures, or why there are none."""
