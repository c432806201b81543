"""The measures a KPI can be: one function per kind, all over one period's episodes.

Kept general on purpose: a care-leavers or placement-stability panel is a
new config.toml, not new code.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from panelapp.config import Filter, Kpi
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
    return measure_groups(kpi, episodes, np.zeros(len(episodes), dtype=np.intp), 1)[0]


def measure_groups(
    kpi: Kpi, episodes: pd.DataFrame, group: np.ndarray, groups: int
) -> list[Measured]:
    """The KPI's value over each group of episodes, in one pass over them all.

    ``group`` numbers each episode's group from 0 to ``groups - 1`` (a month
    of a trend line, say); a group with no episodes gets the value of an
    empty period. One pass instead of one per month keeps a trend of
    millions of episodes as quick as its headline figure.
    """
    kind = kpi.measure
    if kind == "distinct_count":
        children = _Children(episodes, group, groups)
        return [Measured(Figure(float(count))) for count in children.count()]
    if kind == "record_count":
        return [Measured(Figure(float(count))) for count in np.bincount(group, minlength=groups)]
    if kind in ("share", "rate"):
        return [Measured(figure) for figure in _share(kpi, episodes, group, groups)]
    if kind == "top_n_share":
        return _top_n_share(kpi, episodes, group, groups)
    if kind == "median_duration":
        hours = episodes["DURATION_HOURS"].to_numpy(dtype=np.float64, na_value=np.nan)
        known = ~np.isnan(hours)
        medians = pd.Series(hours[known]).groupby(group[known]).median()
        counts = np.bincount(group[known], minlength=groups)
        return [
            Measured(Figure(float(medians[g]) if counts[g] else None, denominator=int(counts[g])))
            for g in range(groups)
        ]
    raise ValueError(f"measure {kind!r} is not computed from records")


class _Children:
    """Each episode's (group, child) pair as one integer, for counting children per group.

    Children are numbered in id order, so a pair's remainder orders children by id.
    Distinct pairs are found by hashing, not sorting: one linear pass.
    """

    def __init__(self, episodes: pd.DataFrame, group: np.ndarray, groups: int) -> None:
        child = episodes["CHILD"]
        if pd.api.types.is_integer_dtype(child):  # the engine's: numbered in id order already
            codes = child.to_numpy()
            self.size = int(codes.max()) + 1 if len(codes) else 1
        else:
            codes, ids = pd.factorize(child, sort=True)
            self.size = max(len(ids), 1)
        self.known = codes >= 0
        self.pairs = group[self.known].astype(np.int64) * self.size + codes[self.known]
        self.groups = groups

    def distinct(self, flags: np.ndarray | None = None) -> np.ndarray:
        """The (group, child) pairs with any episode, or any flagged one."""
        return pd.unique(self.pairs if flags is None else self.pairs[flags[self.known]])

    def group_of(self, pairs: np.ndarray) -> np.ndarray:
        return pairs // self.size

    def child_of(self, pairs: np.ndarray) -> np.ndarray:
        return pairs % self.size

    def count(self, flags: np.ndarray | None = None) -> np.ndarray:
        """Per group: children with any episode, or with any flagged episode."""
        return np.bincount(self.group_of(self.distinct(flags)), minlength=self.groups)


def _flags(episodes: pd.DataFrame, condition: Filter | None) -> np.ndarray:
    return mask(episodes, condition).to_numpy(dtype=bool)


def _share(kpi: Kpi, episodes: pd.DataFrame, group: np.ndarray, groups: int) -> list[Figure]:
    base = _flags(episodes, kpi.denominator)
    hits = _flags(episodes, kpi.numerator) & base
    if kpi.of == "episodes":
        numerators = np.bincount(group[hits], minlength=groups)
        denominators = np.bincount(group[base], minlength=groups)
    else:
        children = _Children(episodes, group, groups)
        numerators, denominators = children.count(hits), children.count(base)
    return [_fraction(int(n), int(d)) for n, d in zip(numerators, denominators, strict=True)]


def _top_n_share(
    kpi: Kpi, episodes: pd.DataFrame, group: np.ndarray, groups: int
) -> list[Measured]:
    children = _Children(episodes, group, groups)
    codes, pairs = pd.factorize(children.pairs)
    counts = np.bincount(codes, minlength=len(pairs))
    of_group = children.group_of(pairs)
    # Most episodes first; ties broken by child id so the same children are picked every time.
    order = np.lexsort((children.child_of(pairs), -counts, of_group))
    ranked = of_group[order]
    top = order[np.arange(len(order)) - np.searchsorted(ranked, ranked) < kpi.n]
    numerators = np.bincount(of_group[top], weights=counts[top], minlength=groups)
    matching: np.ndarray | None = None
    if kpi.matching is not None:
        matched = children.distinct(_flags(episodes, kpi.matching))
        hits = pd.Series(pairs[top]).isin(matched).to_numpy()
        matching = np.bincount(of_group[top], weights=hits, minlength=groups)
    total = np.bincount(group, minlength=groups)
    return [
        Measured(
            _fraction(int(numerators[g]), int(total[g])),
            None if matching is None else int(matching[g]),
        )
        for g in range(groups)
    ]


def _fraction(numerator: int, denominator: int) -> Figure:
    value = numerator / denominator if denominator else None
    return Figure(value, numerator=numerator, denominator=denominator)
