"""Statistical disclosure control: what a public meeting or minute may show.

Applied to finished results, once, so the screen in public mode and the
public minute suppress exactly the same cells. Counts from 1 to the
threshold become the symbol (``[c]``); a share whose numerator or base is
suppressed is suppressed; in a breakdown a lone suppressed cell takes the
next-smallest with it, so it cannot be recovered from the total.
"""

from __future__ import annotations

from dataclasses import replace

from panelapp.config import Disclosure, Theme
from panelapp.metrics.columns import source_columns
from panelapp.metrics.dimensions import DIMENSIONS
from panelapp.metrics.results import (
    BreakdownResult,
    BreakdownRow,
    Figure,
    HighlightResult,
    ItemFigures,
    KpiResult,
    MonthPoint,
    ThemeResult,
)


def is_small(count: float | int | None, threshold: int) -> bool:
    """A count that could identify a child: 1 up to the threshold (zero is safe)."""
    return count is not None and 0 < count <= threshold


def disclose(figures: ItemFigures, rules: Disclosure) -> ItemFigures:
    """The same figures as fit for a public meeting."""
    return replace(
        figures,
        kpis=tuple(_kpi(k, rules.threshold) for k in figures.kpis),
        themes=tuple(_theme(t, rules, _spec(figures, t.id)) for t in figures.themes),
        findings=(),
        notes=_public_notes(figures),
        public=True,
    )


def figure(fig: Figure, measure: str, threshold: int) -> Figure:
    """One figure, suppressed when any count behind it is small."""
    if fig.suppressed:
        return fig
    if measure in ("distinct_count", "record_count"):
        small = is_small(fig.value, threshold)
    else:
        small = is_small(fig.numerator, threshold) or is_small(fig.denominator, threshold)
    return Figure(None, suppressed=True) if small else fig


def _kpi(kpi: KpiResult, threshold: int) -> KpiResult:
    current = figure(kpi.current, kpi.measure, threshold)
    previous = figure(kpi.previous, kpi.measure, threshold) if kpi.previous else None
    hidden = current.suppressed or (previous is not None and previous.suppressed)
    matching = None if is_small(kpi.matching, threshold) else kpi.matching
    return replace(
        kpi,
        current=current,
        previous=previous,
        change=None if hidden else kpi.change,
        count_change=None if hidden else kpi.count_change,
        rag=None if current.suppressed else kpi.rag,
        monthly=_points(kpi.monthly, kpi.measure, threshold),
        previous_monthly=_points(kpi.previous_monthly, kpi.measure, threshold),
        matching=matching,
    )


def _points(points: tuple[MonthPoint, ...], measure: str, threshold: int) -> tuple[MonthPoint, ...]:
    return tuple(MonthPoint(p.month, figure(p.figure, measure, threshold)) for p in points)


def _spec(figures: ItemFigures, theme_id: str) -> Theme | None:
    return next((t for t in figures.item.themes if t.id == theme_id), None)


def _theme(theme: ThemeResult, rules: Disclosure, spec: Theme | None) -> ThemeResult:
    if is_small(theme.cohort, rules.threshold):
        # A cohort this small is itself identifying: nothing about it is shown.
        return replace(
            theme,
            cohort=None,
            cohort_suppressed=True,
            highlights=tuple(_hide_highlight(h) for h in theme.highlights),
            breakdowns=tuple(
                replace(b, rows=tuple(_hide_row(r) for r in b.rows)) for b in theme.breakdowns
            ),
        )
    tables = tuple(breakdown(b, rules) for b in theme.breakdowns)
    return replace(
        theme,
        highlights=_highlights(theme.highlights, tables, rules.threshold, spec),
        breakdowns=tables,
    )


def _highlights(
    shown: tuple[HighlightResult, ...],
    tables: tuple[BreakdownResult, ...],
    threshold: int,
    spec: Theme | None,
) -> tuple[HighlightResult, ...]:
    """Highlights that give away nothing the tables beside them hide.

    A highlight is hidden when its own counts are small, when the children
    it leaves out of its base are (98 of 100 names two children), when its
    base is a hidden highlight, or when it reads a column behind a table with
    a hidden cell: 'bame 85 of 100' beside an ethnicity table recovers the
    hidden 'Other' cell by subtraction.
    """
    guarded = {
        column
        for table in tables
        if any(row.suppressed for row in table.rows)
        for column in DIMENSIONS[table.dimension].columns
    }
    specs = {h.id: h for h in spec.highlights} if spec is not None else {}
    hidden: set[str] = set()
    result = []
    for h in shown:
        own = specs.get(h.id)
        reads = source_columns(own.filter.columns) if own is not None else frozenset()
        left_out = None if h.count is None or h.base is None else h.base - h.count
        hide = (
            is_small(h.count, threshold)
            or is_small(h.base, threshold)
            or is_small(left_out, threshold)
            or bool(reads & guarded)
            or (own is not None and own.base in hidden)
        )
        if hide:
            hidden.add(h.id)
        result.append(_hide_highlight(h) if hide else h)
    return tuple(result)


def _hide_highlight(h: HighlightResult) -> HighlightResult:
    return replace(h, count=None, base=None, share=None, suppressed=True)


def breakdown(table: BreakdownResult, rules: Disclosure) -> BreakdownResult:
    """Primary then secondary suppression of one drill-down table."""
    hidden = {i for i, row in enumerate(table.rows) if is_small(row.count, rules.threshold)}
    if rules.secondary and len(hidden) == 1:
        others = [
            (row.count, i)
            for i, row in enumerate(table.rows)
            if i not in hidden and row.count  # zero cells reveal nothing
        ]
        if others:
            hidden.add(min(others)[1])
    rows = tuple(_hide_row(row) if i in hidden else row for i, row in enumerate(table.rows))
    return replace(table, rows=rows)


def _hide_row(row: BreakdownRow) -> BreakdownRow:
    if row.count == 0:
        return row
    return replace(row, count=None, share=None, suppressed=True)


def _public_notes(figures: ItemFigures) -> tuple[str, ...]:
    notes = list(figures.notes)
    if figures.findings:
        notes.append(f"{len(figures.findings)} data-quality findings are not shown in public mode.")
    return tuple(notes)
