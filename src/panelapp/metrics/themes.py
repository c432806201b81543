"""Themes: a cohort of children (e.g. repeat missing), its highlights and breakdowns.

Every highlight and every breakdown row is precomputed here, so drilling
into a theme on screen only reads a table that already exists.
"""

from __future__ import annotations

import pandas as pd

from panelapp.config import Highlight, Period, Theme
from panelapp.metrics.dimensions import DIMENSIONS
from panelapp.metrics.filters import mask, source_columns
from panelapp.metrics.kpis import in_period
from panelapp.metrics.results import BreakdownResult, BreakdownRow, HighlightResult, ThemeResult


def compute_theme(
    theme: Theme, episodes: pd.DataFrame, present: frozenset[str], period: Period
) -> ThemeResult:
    """The theme's cohort in the period, with every highlight and breakdown."""
    rows = in_period(episodes, period)
    cohort_filter = theme.cohort.filter
    if cohort_filter is not None:
        missing = _missing(cohort_filter.columns, present)
        if missing:
            return unavailable_theme(
                theme, f"not available in this data (no {', '.join(missing)} column)"
            )
        rows = rows[mask(rows, cohort_filter)]
    per_child = rows.groupby("CHILD", observed=True).size()
    children = per_child[per_child >= theme.cohort.min_episodes].index
    cohort_rows = rows[rows["CHILD"].isin(children)]
    cohort = len(children)
    # Which of a child's episodes a highlight looks at; first and latest chosen once per theme.
    ordered = cohort_rows.sort_values(["MIS_START", "ROW"])
    by_child = ordered.groupby("CHILD", observed=True)
    chosen = {"any": cohort_rows, "first": by_child.head(1), "latest": by_child.tail(1)}

    matched: dict[str, pd.Index] = {}
    highlights = []
    for highlight in theme.highlights:
        base = matched.get(highlight.base, children) if highlight.base else children
        missing = _missing(highlight.filter.columns, present)
        if missing:
            highlights.append(HighlightResult(highlight.id, highlight.label, None, None, None))
            matched[highlight.id] = children[:0]
            continue
        candidates = chosen[highlight.episode]
        if base is not children:
            candidates = candidates[candidates["CHILD"].isin(base)]
        hits = _children_matching(highlight, candidates)
        matched[highlight.id] = hits
        count, size = len(hits), len(base)
        highlights.append(
            HighlightResult(
                highlight.id, highlight.label, count, size, count / size if size else None
            )
        )
    breakdowns = tuple(
        _breakdown(b.dimension, b.title, cohort_rows, cohort, present) for b in theme.breakdowns
    )
    return ThemeResult(
        id=theme.id,
        title=theme.title,
        description=theme.description,
        cohort=cohort,
        cohort_suppressed=False,
        highlights=tuple(highlights),
        breakdowns=tuple(b for b in breakdowns if b is not None),
    )


def _children_matching(highlight: Highlight, episodes: pd.DataFrame) -> pd.Index:
    """Children with an episode (already the chosen one(s) per child) matching the filter."""
    hits = mask(episodes, highlight.filter).groupby(episodes["CHILD"], observed=True).any()
    return hits[hits].index


def _breakdown(
    dimension: str, title: str, episodes: pd.DataFrame, cohort: int, present: frozenset[str]
) -> BreakdownResult | None:
    spec = DIMENSIONS[dimension]
    if _missing(frozenset(spec.columns), present):
        return None
    if episodes.empty:
        counts = pd.Series(0, index=list(spec.categories))
    else:
        counts = spec.classify(episodes).value_counts()
    rows = tuple(
        BreakdownRow(
            category,
            int(counts.get(category, 0)),
            int(counts.get(category, 0)) / cohort if cohort else None,
        )
        for category in spec.categories
    )
    return BreakdownResult(dimension, title or spec.title, rows)


def _missing(columns: frozenset[str], present: frozenset[str]) -> list[str]:
    return sorted(source_columns(columns) - present)


def unavailable_theme(theme: Theme, reason: str) -> ThemeResult:
    """A theme the data cannot support: shown with the reason, never an error."""
    return ThemeResult(
        id=theme.id,
        title=theme.title,
        description=theme.description,
        cohort=None,
        cohort_suppressed=False,
        highlights=(),
        breakdowns=(),
        available=False,
        reason=reason,
    )
