"""Themes: a cohort of children (e.g. repeat missing), its highlights and breakdowns.

Every highlight and every breakdown row is precomputed here, so drilling
into a theme on screen only reads a table that already exists.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from panelapp.config import Period, Theme
from panelapp.metrics.cohort import CLASSIFIERS, Cohort
from panelapp.metrics.columns import source_columns
from panelapp.metrics.dimensions import DIMENSIONS
from panelapp.metrics.filters import mask
from panelapp.metrics.kpis import in_period
from panelapp.metrics.results import BreakdownResult, BreakdownRow, HighlightResult, ThemeResult


def compute_theme(
    theme: Theme, episodes: pd.DataFrame, present: frozenset[str], period: Period
) -> ThemeResult:
    """The theme's cohort in the period, with every highlight and breakdown."""
    return theme_of(theme, in_period(episodes, period), present)


def theme_of(
    theme: Theme, rows: pd.DataFrame, present: frozenset[str], start: str = "MIS_START"
) -> ThemeResult:
    """The theme over one period's records (``rows``, each starting on column ``start``)."""
    cohort_filter = theme.cohort.filter
    if cohort_filter is not None:
        missing = _missing(cohort_filter.columns, present)
        if missing:
            return unavailable_theme(
                theme, f"not available in this data (no {', '.join(missing)} column)"
            )
        rows = rows[mask(rows, cohort_filter)]
    cohort = Cohort.of(rows, theme.cohort.min_episodes, start)
    everyone = np.ones(cohort.size, dtype=bool)
    # Which of a child's episodes a highlight looks at: all, the first or the latest.
    chosen = {
        "any": (None, cohort.child),
        "first": (cohort.first, np.arange(cohort.size)),
        "latest": (cohort.latest, np.arange(cohort.size)),
    }
    matched: dict[str, np.ndarray] = {}
    highlights = []
    for highlight in theme.highlights:
        base = matched.get(highlight.base, everyone) if highlight.base else everyone
        if _missing(highlight.filter.columns, present):
            highlights.append(HighlightResult(highlight.id, highlight.label, None, None, None))
            matched[highlight.id] = ~everyone
            continue
        which, child = chosen[highlight.episode]
        candidates = cohort.frame(highlight.filter.columns, which)
        flagged = mask(candidates, highlight.filter).to_numpy(dtype=bool)
        hits = base & cohort.any(flagged, child)
        matched[highlight.id] = hits
        count, size = int(hits.sum()), int(base.sum())
        highlights.append(
            HighlightResult(
                highlight.id, highlight.label, count, size, count / size if size else None
            )
        )
    breakdowns = tuple(_breakdown(b.dimension, b.title, cohort, present) for b in theme.breakdowns)
    return ThemeResult(
        id=theme.id,
        title=theme.title,
        description=theme.description,
        cohort=cohort.size,
        cohort_suppressed=False,
        highlights=tuple(highlights),
        breakdowns=tuple(b for b in breakdowns if b is not None),
    )


def _breakdown(
    dimension: str, title: str, cohort: Cohort, present: frozenset[str]
) -> BreakdownResult | None:
    spec = DIMENSIONS[dimension]
    if _missing(frozenset(spec.columns), present):
        return None
    counts = np.bincount(CLASSIFIERS[dimension](cohort), minlength=len(spec.categories))
    rows = tuple(
        BreakdownRow(
            category,
            int(count),
            int(count) / cohort.size if cohort.size else None,
        )
        for category, count in zip(spec.categories, counts, strict=True)
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
