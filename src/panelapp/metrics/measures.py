"""The measures a KPI can be: one function per kind, all over one period's episodes.

Kept general on purpose: a care-leavers or placement-stability panel is a
new config.toml, not new code.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from panelapp.config import Kpi
from panelapp.metrics.filters import mask, source_columns
from panelapp.metrics.results import Figure


@dataclass(frozen=True)
class Measured:
    """A figure plus what a top-N share also knows."""

    figure: Figure
    matching: int | None = None


def columns_needed(kpi: Kpi) -> frozenset[str]:
    """Canonical columns a KPI reads, to say 'not available in this data' up front."""
    needed: set[str] = set()
    for condition in (kpi.filter, kpi.numerator, kpi.denominator, kpi.matching):
        if condition is not None:
            needed |= condition.columns
    if kpi.measure == "median_duration":
        needed.add("MIS_END")
    return source_columns(needed)


def measure(kpi: Kpi, episodes: pd.DataFrame) -> Measured:
    """The KPI's value over ``episodes`` (already limited to a period and kpi.filter)."""
    kind = kpi.measure
    if kind == "distinct_count":
        return Measured(Figure(float(episodes["CHILD"].nunique())))
    if kind == "record_count":
        return Measured(Figure(float(len(episodes))))
    if kind in ("share", "rate"):
        return Measured(_share(kpi, episodes))
    if kind == "top_n_share":
        return _top_n_share(kpi, episodes)
    if kind == "median_duration":
        known = episodes["DURATION_HOURS"].dropna()
        value = float(known.median()) if len(known) else None
        return Measured(Figure(value, denominator=len(known)))
    raise ValueError(f"measure {kind!r} is not computed from records")


def _share(kpi: Kpi, episodes: pd.DataFrame) -> Figure:
    base = episodes[mask(episodes, kpi.denominator)]
    hits = mask(base, kpi.numerator)
    if kpi.of == "episodes":
        numerator, denominator = int(hits.sum()), len(base)
    else:
        children = hits.groupby(base["CHILD"], observed=True).any()
        numerator, denominator = int(children.sum()), len(children)
    return _fraction(numerator, denominator)


def _top_n_share(kpi: Kpi, episodes: pd.DataFrame) -> Measured:
    per_child = episodes.groupby("CHILD", observed=True).size()
    # Most episodes first; ties broken by child id so the same children are picked every time.
    ranked = per_child.reset_index(name="n").sort_values(["n", "CHILD"], ascending=[False, True])
    top = ranked.head(kpi.n)
    figure = _fraction(int(top["n"].sum()), len(episodes))
    matching = None
    if kpi.matching is not None:
        mine = episodes[episodes["CHILD"].isin(top["CHILD"])]
        hits = mask(mine, kpi.matching).groupby(mine["CHILD"], observed=True).any()
        matching = int(hits.sum())
    return Measured(figure, matching)


def _fraction(numerator: int, denominator: int) -> Figure:
    value = numerator / denominator if denominator else None
    return Figure(value, numerator=numerator, denominator=denominator)
