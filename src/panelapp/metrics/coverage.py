"""The dates a data source's records cover: outside them there is no data, never a zero.

A file that starts in January 2021 says nothing about 2020: counting 2020
from it gives zeros, and a deck that compares 2021 with those zeros
reports a rise that never happened. So every item knows the dates its
records cover, as the pack states them (``covers = { start, end }``) or
from its first record's start to its last's, in whole months (an extract
taken on 27 December still covers December). A figure that reads dates
outside them (a period, the previous period, a month of the trend, with
no day inside) is made 'no data' with the reason, so the screen says "no
2020 data", the sentence drops its comparison and the trend draws no bar.
A period part inside is counted as it always was: a year in progress is
counted to date.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace

from panelapp.config import Covers, Item, Period
from panelapp.metrics import format as fmt
from panelapp.metrics.kpis import unavailable_result
from panelapp.metrics.results import Figure, KpiResult, MonthPoint, ThemeResult

Span = tuple[dt.date, dt.date]

Needs = Callable[[Period, "dt.date | None"], tuple[Span, ...]]
"""The dates one figure of a KPI reads, for a whole period (month None) or for the month of
its trend starting on the given day: each span must have a day covered (a day alone, such as
the last day a child is counted as looked after on, must be covered itself)."""


@dataclass(frozen=True)
class Coverage:
    """The first and last day the item's records can speak for."""

    start: dt.date
    end: dt.date
    stated: bool = False
    """Whether the pack gave the dates (``covers``), rather than the records."""

    def holds(self, spans: tuple[Span, ...]) -> bool:
        """Whether each span has at least one day covered."""
        return all(self.start <= last and first <= self.end for first, last in spans)

    def words(self) -> str:
        """'January 2021 to December 2021', or exact days when the pack gave them."""
        if not self.stated:
            return f"{self.start:%B %Y} to {self.end:%B %Y}"
        return f"{fmt.long_day(self.start)} to {fmt.long_day(self.end)}"

    def reason(self, label: str) -> str:
        """Why a figure for the period ``label`` is not given: 'no data for 2020 (…)'."""
        return f"no data for {label} (the records cover {self.words()})"


def stated(covers: Covers) -> Coverage:
    """The coverage a pack states."""
    return Coverage(covers.start, covers.end, stated=True)


def of_item(item: Item, first: dt.date | None, last: dt.date | None) -> Coverage | None:
    """The item's coverage: as its pack states it, else from its records' first and last
    dates (None when there are none)."""
    if item.data.covers is not None:
        return stated(item.data.covers)
    if first is None or last is None:
        return None
    return inferred(first, last)


def inferred(first: dt.date, last: dt.date) -> Coverage:
    """From the first record's start to the last record's date, widened to whole months."""
    end = last.replace(day=calendar.monthrange(last.year, last.month)[1])
    return Coverage(first.replace(day=1), end)


def month_span(month: dt.date, period: Period) -> Span:
    """The part of a month inside the period: a trend's first and last points may be partial."""
    last = month.replace(day=calendar.monthrange(month.year, month.month)[1])
    return (max(month, period.start), min(last, period.end))


def by_dates(period: Period, month: dt.date | None) -> tuple[Span, ...]:
    """What most figures read: the records of the period, or of the month within it."""
    return ((period.start, period.end) if month is None else month_span(month, period),)


def restricted(kpi: KpiResult, coverage: Coverage, needs: Needs = by_dates) -> KpiResult:
    """The KPI with every figure whose dates are not covered made 'no data'.

    This period uncovered: the KPI is not available, with the reason. The
    previous period uncovered: no previous figure and no change, with the
    reason in ``previous_reason``. A month uncovered: a point with no value,
    which the trend draws as no bar.
    """
    if not kpi.available:
        return kpi
    if not coverage.holds(needs(kpi.period, None)):
        return unavailable_result(kpi, coverage.reason(kpi.period.name))
    monthly = _points(kpi.monthly, kpi.period, coverage, needs)
    previous_period = kpi.previous_period
    if previous_period is None or kpi.previous is None:
        return replace(kpi, monthly=monthly)
    previous_monthly = _points(kpi.previous_monthly, previous_period, coverage, needs)
    if coverage.holds(needs(previous_period, None)):
        return replace(kpi, monthly=monthly, previous_monthly=previous_monthly)
    return replace(
        kpi,
        monthly=monthly,
        previous=None,
        previous_monthly=previous_monthly,
        change=None,
        count_change=None,
        previous_reason=coverage.reason(previous_period.name),
    )


def _points(
    points: tuple[MonthPoint, ...], period: Period, coverage: Coverage, needs: Needs
) -> tuple[MonthPoint, ...]:
    return tuple(
        point
        if coverage.holds(needs(period, point.month))
        else MonthPoint(point.month, Figure(None))
        for point in points
    )


def theme_restricted(theme: ThemeResult, coverage: Coverage, period: Period) -> ThemeResult:
    """A theme of a period the records do not cover: not available, with the reason."""
    if not theme.available or coverage.holds(by_dates(period, None)):
        return theme
    return replace(
        theme,
        cohort=None,
        highlights=(),
        breakdowns=(),
        available=False,
        reason=coverage.reason(period.name),
    )
