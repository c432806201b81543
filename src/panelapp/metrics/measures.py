"""The measures a KPI can be: one function per kind, all over one period's episodes.

Kept general on purpose: a care-leavers or placement-stability panel is a
new config.toml, not new code.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from panelapp.config import Filter, Kpi
from panelapp.metrics.columns import source_columns
from panelapp.metrics.filters import mask
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
    whole = Grouping(episodes, np.zeros(len(episodes), dtype=np.intp), 1)
    return measure_groups(kpi, whole).overall


class Grouping:
    """Episodes each numbered by its group (a period's months): what every measure reads.

    One grouping serves every KPI of a period, so the per-child numbering that
    child-based measures share is worked out once, not once per KPI.
    """

    def __init__(self, episodes: pd.DataFrame, group: np.ndarray, groups: int) -> None:
        self.episodes = episodes
        """The episodes measured."""
        self.group = group
        """Each episode's group, from 0 to ``groups - 1``."""
        self.groups = groups
        """How many groups; a group may have no episodes."""

    def only(self, flags: np.ndarray) -> Grouping:
        """The flagged episodes alone (a KPI's own filter), in the same groups."""
        return Grouping(self.episodes[flags], self.group[flags], self.groups)

    @cached_property
    def children(self) -> _Children:
        """The episodes' (group, child) pairs, made on first use and then kept."""
        return _Children(self.episodes, self.group, self.groups)


@dataclass(frozen=True)
class Grouped:
    """A KPI over each group of episodes and over them all, from one pass.

    A trend's months and the headline for the whole period come together, so
    they can never disagree about which episodes or children they count.
    """

    groups: list[Measured]
    """One per group, in group number order (the trend's months)."""
    overall: Measured
    """Over every group together: not a sum of the groups, as a child may be in several."""


def measure_groups(kpi: Kpi, grouping: Grouping) -> Grouped:
    """The KPI's value over each group of episodes and over all of them, in one pass.

    A group with no episodes gets the value of an empty period. One pass for
    a period's headline figure and its month-by-month trend keeps a trend of
    millions of episodes as quick as the headline alone.
    """
    kind = kpi.measure
    episodes, group, groups = grouping.episodes, grouping.group, grouping.groups
    if kind == "distinct_count":
        per_group, overall = grouping.children.count()
        return Grouped(
            [Measured(Figure(float(count))) for count in per_group],
            Measured(Figure(float(overall))),
        )
    if kind == "record_count":
        counts = np.bincount(group, minlength=groups)
        return Grouped(
            [Measured(Figure(float(count))) for count in counts],
            Measured(Figure(float(len(group)))),
        )
    if kind in ("share", "rate"):
        return _share(kpi, grouping)
    if kind == "top_n_share":
        return _top_n_share(kpi, grouping)
    if kind == "median_duration":
        hours = episodes["DURATION_HOURS"].to_numpy(dtype=np.float64, na_value=np.nan)
        known = ~np.isnan(hours)
        medians = pd.Series(hours[known]).groupby(group[known]).median()
        counts = np.bincount(group[known], minlength=groups)
        return Grouped(
            [
                Measured(
                    Figure(float(medians[g]) if counts[g] else None, denominator=int(counts[g]))
                )
                for g in range(groups)
            ],
            Measured(
                Figure(
                    float(np.median(hours[known])) if known.any() else None,
                    denominator=int(known.sum()),
                )
            ),
        )
    raise ValueError(f"measure {kind!r} is not computed from records")


_TABLE_BYTES = 1 << 25
"""The most a table of every (group, child) cell may take; above it, pairs are found by hashing."""


def _table_fits(cells: int, dtype: type[np.generic]) -> bool:
    """Whether a table of ``cells`` values of ``dtype`` stays within :data:`_TABLE_BYTES`."""
    return cells * np.dtype(dtype).itemsize <= _TABLE_BYTES


class _Children:
    """Each episode's (group, child) pair as one integer, for counting children per group.

    Children are numbered in id order, so a pair's remainder orders children
    by id. Distinct pairs are found by marking a table of every (group,
    child) cell, one linear pass that also leaves them sorted; only when the
    table would be too large are they found by hashing.
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

    def flagged(self, flags: np.ndarray | None) -> np.ndarray:
        """The pairs of every episode, or of the flagged ones."""
        return self.pairs if flags is None else self.pairs[flags[self.known]]

    def distinct(self, flags: np.ndarray | None = None) -> np.ndarray:
        """The (group, child) pairs with any episode, or any flagged one."""
        pairs = self.flagged(flags)
        cells = self.groups * self.size
        if not _table_fits(cells, np.bool_):
            return pd.unique(pairs)
        return _marked(pairs, cells)

    def tally(self) -> tuple[np.ndarray, np.ndarray]:
        """The distinct (group, child) pairs and each one's number of episodes."""
        cells = self.groups * self.size
        if not _table_fits(cells, np.int64):
            codes, pairs = pd.factorize(self.pairs)
            return pairs, np.bincount(codes, minlength=len(pairs))
        counts = np.bincount(self.pairs, minlength=cells)
        pairs = np.flatnonzero(counts)
        return pairs, counts[pairs]

    def group_of(self, pairs: np.ndarray) -> np.ndarray:
        return pairs // self.size

    def child_of(self, pairs: np.ndarray) -> np.ndarray:
        return pairs % self.size

    def count(self, flags: np.ndarray | None = None) -> tuple[np.ndarray, int]:
        """Children with any (flagged) episode: per group, and in all groups together."""
        return self.everyone if flags is None else self._count(self.distinct(flags))

    @cached_property
    def everyone(self) -> tuple[np.ndarray, int]:
        """Children with any episode: asked for by several KPIs of a period, so kept."""
        return self._count(self.distinct())

    def _count(self, distinct: np.ndarray) -> tuple[np.ndarray, int]:
        children = len(_marked(self.child_of(distinct), self.size))
        return np.bincount(self.group_of(distinct), minlength=self.groups), children


def _flags(episodes: pd.DataFrame, condition: Filter | None) -> np.ndarray:
    return mask(episodes, condition).to_numpy(dtype=bool)


def _share(kpi: Kpi, grouping: Grouping) -> Grouped:
    episodes, group, groups = grouping.episodes, grouping.group, grouping.groups
    # No denominator filter is every episode: no mask to build or apply.
    base = None if kpi.denominator is None else _flags(episodes, kpi.denominator)
    hits = _flags(episodes, kpi.numerator)
    if base is not None:
        hits = hits & base
    if kpi.of == "episodes":
        numerators = np.bincount(group[hits], minlength=groups)
        denominators = np.bincount(group if base is None else group[base], minlength=groups)
        numerator = int(hits.sum())
        denominator = len(group) if base is None else int(base.sum())
    else:
        children = grouping.children
        numerators, numerator = children.count(hits)
        denominators, denominator = children.count(base)
    return Grouped(
        [
            Measured(_fraction(int(n), int(d)))
            for n, d in zip(numerators, denominators, strict=True)
        ],
        Measured(_fraction(numerator, denominator)),
    )


def _top_n_share(kpi: Kpi, grouping: Grouping) -> Grouped:
    episodes, group, groups = grouping.episodes, grouping.group, grouping.groups
    children = grouping.children
    pairs, counts = children.tally()
    matched = None if kpi.matching is None else children.distinct(_flags(episodes, kpi.matching))
    size = children.size
    per_group = _top_n(kpi, size, pairs, counts, matched, np.bincount(group, minlength=groups))
    # The whole period is one group: each child's episodes summed over every group.
    child_counts = np.bincount(pairs % size, weights=counts, minlength=size).astype(np.int64)
    everyone = np.flatnonzero(child_counts)
    overall = _top_n(
        kpi,
        size,
        everyone,
        child_counts[everyone],
        None if matched is None else _marked(matched % size, size),
        np.array([len(group)]),
    )
    return Grouped(per_group, overall[0])


def _marked(values: np.ndarray, size: int) -> np.ndarray:
    """The distinct ``values`` (each below ``size``) in order, by marking a table: linear."""
    seen = np.zeros(size, dtype=bool)
    seen[values] = True
    return np.flatnonzero(seen)


def _top_n(
    kpi: Kpi,
    size: int,
    pairs: np.ndarray,
    counts: np.ndarray,
    matched: np.ndarray | None,
    total: np.ndarray,
) -> list[Measured]:
    """Per group: the share of its episodes held by its ``kpi.n`` children with most episodes.

    ``pairs`` are the distinct (group, child) pairs as ``group * size +
    child``, ``counts`` their episodes, ``matched`` the pairs with an episode
    matching kpi.matching and ``total`` each group's episodes.
    """
    groups = len(total)
    contenders = _contenders(pairs // size, counts, kpi.n, groups)
    pairs, counts = pairs[contenders], counts[contenders]
    of_group, child = pairs // size, pairs % size
    # Most episodes first; ties broken by child id so the same children are picked every time.
    order = np.lexsort((child, -counts, of_group))
    ranked = of_group[order]
    top = order[np.arange(len(order)) - np.searchsorted(ranked, ranked) < kpi.n]
    numerators = np.bincount(of_group[top], weights=counts[top], minlength=groups)
    matching: np.ndarray | None = None
    if matched is not None:
        # A lookup table over the pairs' range: far quicker than sorting the matched pairs.
        if _table_fits(size * groups, np.bool_):
            hits = np.isin(pairs[top], matched, kind="table")
        else:
            hits = np.isin(pairs[top], matched)
        matching = np.bincount(of_group[top], weights=hits, minlength=groups)
    return [
        Measured(
            _fraction(int(numerators[g]), int(total[g])),
            None if matching is None else int(matching[g]),
        )
        for g in range(groups)
    ]


def _contenders(of_group: np.ndarray, counts: np.ndarray, n: int, groups: int) -> np.ndarray:
    """The pairs that can be in their group's top ``n``: at least the n-th largest count.

    Ordering only these sorts a few dozen pairs per group instead of every child.
    """
    keep = np.zeros(len(counts), dtype=bool)
    for group in range(groups):
        members = np.flatnonzero(of_group == group)
        if len(members) <= n:
            keep[members] = True
            continue
        own = counts[members]
        # A sort, not np.partition: with most children on one or two episodes the
        # partition's selection degenerates and took fifteen times as long.
        nth = np.sort(own)[len(own) - n]
        keep[members[own >= nth]] = True
    return keep


def _fraction(numerator: int, denominator: int) -> Figure:
    value = numerator / denominator if denominator else None
    return Figure(value, numerator=numerator, denominator=denominator)
