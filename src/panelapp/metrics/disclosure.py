"""Statistical disclosure control: what a public meeting or minute may show.

Applied to finished results, once, so the screen in public mode and the
public minute suppress exactly the same cells. Counts from 1 to the
threshold become the symbol (``[c]``); a share whose numerator or base is
suppressed is suppressed; in a breakdown a lone suppressed cell takes the
next-smallest with it, so it cannot be recovered from the total.
"""

from __future__ import annotations

from dataclasses import replace

from panelapp.config import Disclosure
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
        themes=tuple(_theme(t, rules) for t in figures.themes),
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


def _theme(theme: ThemeResult, rules: Disclosure) -> ThemeResult:
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
    return replace(
        theme,
        highlights=tuple(_highlight(h, rules.threshold) for h in theme.highlights),
        breakdowns=tuple(breakdown(b, rules) for b in theme.breakdowns),
    )


def _highlight(h: HighlightResult, threshold: int) -> HighlightResult:
    if is_small(h.count, threshold) or is_small(h.base, threshold):
        return _hide_highlight(h)
    return h


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
