"""Statistical disclosure control: what a public meeting or minute may show.

Applied to finished results, once, so the screen in public mode, public
``check`` and the public minute suppress exactly the same cells. The whole
item is protected at once, not table by table: :mod:`~panelapp.metrics.linked`
lists every count the item publishes and what adds up with what, and
:mod:`~panelapp.metrics.suppression` picks the cells to hide so that no
count from 1 to the threshold can be worked out by adding or subtracting
what is shown. The method is described for analysts in docs/disclosure.md.

A hidden count shows as the symbol (``[c]``). A share is shown only when
its numerator and base both are (a share beside its base publishes its
numerator); its base stays visible when it is published anyway ('[c] of
100'). A change on the last period is shown only when both ends are (a
previous figure and its change publish the current one).
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass, replace

from panelapp.config import Disclosure
from panelapp.metrics import linked
from panelapp.metrics.format import plural
from panelapp.metrics.linked import Model, Slots
from panelapp.metrics.results import (
    BreakdownResult,
    Figure,
    HighlightResult,
    ItemFigures,
    KpiResult,
    MonthPoint,
    ThemeResult,
)
from panelapp.metrics.suppression import Key, primary, protect


def is_small(count: float | int | None, threshold: int) -> bool:
    """A count that could identify a child: 1 up to the threshold (zero is safe)."""
    return count is not None and 0 < count <= threshold


@dataclass(frozen=True)
class Hidden:
    """What disclosure control hid in one item, counted for analysts and the docs."""

    cells: int
    """Counts the item publishes in private mode, each once however often it is shown."""
    small: int
    """Hidden because they are from 1 to the threshold."""
    protecting: int
    """Hidden so that a small count cannot be worked out from the rest."""


def disclose(figures: ItemFigures, rules: Disclosure) -> ItemFigures:
    """The same figures as fit for a public meeting."""
    model = linked.build(figures)
    hidden = _hidden(model, rules)
    return replace(
        figures,
        kpis=tuple(_kpi(k, model, hidden) for k in figures.kpis),
        themes=tuple(_theme(t, model, hidden) for t in figures.themes),
        findings=(),
        notes=_public_notes(figures),
        public=True,
    )


def hidden_count(figures: ItemFigures, rules: Disclosure) -> Hidden:
    """How many counts public mode hides, and why: the figure docs/disclosure.md reports."""
    model = linked.build(figures)
    hidden = _hidden(model, rules)
    small = primary(model.cells, rules.threshold) if rules.threshold > 0 else frozenset()
    published = sum(1 for cell in model.cells.values() if cell.published and not cell.known)
    return Hidden(published, len(hidden & small), len(hidden - small))


def _hidden(model: Model, rules: Disclosure) -> frozenset[Key]:
    if rules.threshold <= 0:
        return frozenset()
    forced = model.forced | {k for k, n in model.tops.items() if n <= rules.threshold}
    if not rules.secondary:
        return primary(model.cells, rules.threshold) | frozenset(forced)
    return protect(model.cells, model.relations.values(), rules.threshold, forced=forced)


def _shown(fig: Figure, slots: Slots | None, hidden: Set[Key]) -> Figure:
    """A figure with what is hidden taken out; the value goes when any cell behind it does."""
    if slots is None or not any(k in hidden for k in slots.cells()):
        return fig
    numerator = None if slots.numerator is None or slots.numerator in hidden else fig.numerator
    denominator = (
        None if slots.denominator is None or slots.denominator in hidden else fig.denominator
    )
    return Figure(None, numerator=numerator, denominator=denominator, suppressed=True)


def _kpi(kpi: KpiResult, model: Model, hidden: Set[Key]) -> KpiResult:
    places = model.places
    current = _shown(kpi.current, places.get(("kpi", kpi.id, "current")), hidden)
    previous = kpi.previous
    if previous is not None:
        previous = _shown(previous, places.get(("kpi", kpi.id, "previous")), hidden)
    either = current.suppressed or (previous is not None and previous.suppressed)
    matching = places.get(("kpi", kpi.id, "matching"))
    return replace(
        kpi,
        current=current,
        previous=previous,
        change=None if either else kpi.change,
        count_change=None if either else kpi.count_change,
        rag=None if current.suppressed else kpi.rag,
        monthly=_points(kpi.id, "current", kpi.monthly, model, hidden),
        previous_monthly=_points(kpi.id, "previous", kpi.previous_monthly, model, hidden),
        matching=None if matching is not None and matching.value in hidden else kpi.matching,
    )


def _points(
    kpi_id: str, when: str, points: tuple[MonthPoint, ...], model: Model, hidden: Set[Key]
) -> tuple[MonthPoint, ...]:
    return tuple(
        MonthPoint(
            p.month, _shown(p.figure, model.places.get(("kpi", kpi_id, when, p.month)), hidden)
        )
        for p in points
    )


def _theme(theme: ThemeResult, model: Model, hidden: Set[Key]) -> ThemeResult:
    places = model.places
    cohort = places.get(("theme", theme.id, "cohort"))
    if cohort is None:
        return theme
    cohort_hidden = cohort.value in hidden
    highlights = []
    for h in theme.highlights:
        slots = places.get(("theme", theme.id, "highlight", h.id))
        highlights.append(_highlight(h, slots, hidden) if slots is not None else h)
    tables = tuple(
        _table(theme.id, at, table, model, hidden, cohort_hidden)
        for at, table in enumerate(theme.breakdowns)
    )
    return replace(
        theme,
        cohort=None if cohort_hidden else theme.cohort,
        cohort_suppressed=cohort_hidden,
        highlights=tuple(highlights),
        breakdowns=tables,
    )


def _highlight(h: HighlightResult, slots: Slots, hidden: Set[Key]) -> HighlightResult:
    count_hidden, base_hidden = slots.numerator in hidden, slots.denominator in hidden
    if not (count_hidden or base_hidden):
        return h
    return replace(
        h,
        count=None if count_hidden else h.count,
        base=None if base_hidden else h.base,
        share=None,
        suppressed=True,
    )


def _table(
    theme_id: str,
    at: int,
    table: BreakdownResult,
    model: Model,
    hidden: Set[Key],
    cohort_hidden: bool,
) -> BreakdownResult:
    rows = []
    for number, row in enumerate(table.rows):
        slots = model.places.get(("theme", theme_id, "row", at, number))
        # Beside a hidden cohort, a row's share would give the cohort back: the row goes too.
        gone = (slots is not None and slots.value in hidden) or (cohort_hidden and row.count)
        rows.append(replace(row, count=None, share=None, suppressed=True) if gone else row)
    return replace(table, rows=tuple(rows))


def _public_notes(figures: ItemFigures) -> tuple[str, ...]:
    notes = list(figures.notes)
    if figures.findings:
        found = len(figures.findings)
        verb = "is" if found == 1 else "are"
        notes.append(f"{plural(found, 'data-quality finding')} {verb} not shown in public mode.")
    return tuple(notes)
