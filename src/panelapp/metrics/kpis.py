"""A KPI's full result: this period, the last, the change, RAG and the trend.

Judgements (better or worse, RAG) are made here, once, so the presenter's
colours and the minute's words can never disagree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from panelapp.config import Kpi, Period
from panelapp.metrics.filters import mask
from panelapp.metrics.judged import (  # noqa: F401 - where the engine has always found them
    assemble,
    change,
    rag,
    unit_of,
)
from panelapp.metrics.measures import Grouping, Measured, columns_needed, measure_groups
from panelapp.metrics.results import Figure, KpiResult, MonthPoint


def for_figures(episodes: pd.DataFrame, *, number_children: bool = True) -> pd.DataFrame:
    """The records as every figure reads them fastest: in order of start, children as numbers.

    The loader already gives both, and then nothing is copied. In order of
    start, :func:`in_period` cuts each period and month out as a
    slice instead of copying rows. Each child id becomes its rank among the
    ids, so every per-child count groups integers rather than text while ties
    are still broken in id order. No figure depends on row order or on the
    id's spelling, so the figures are the same; ``number_children=False``
    keeps the ids for a pack whose filters read them.
    """
    starts = episodes["MIS_START"]
    ordered = episodes if _in_order(starts) else episodes.sort_values("MIS_START", kind="stable")
    if not number_children:
        return ordered
    if "CHILD_NO" in ordered:  # the loader's: numbered in id order already
        return ordered.assign(CHILD=ordered["CHILD_NO"])
    ranks, _ = pd.factorize(ordered["CHILD"], sort=True)
    return ordered.assign(CHILD=ranks)


def _in_order(starts: pd.Series) -> bool:
    """Whether the starts only ever rise (and none is missing), as the loader orders them.

    As pandas' ``is_monotonic_increasing`` says, without building an index
    of a million timestamps to say it (about 10 ms each time it is asked).
    """
    values = starts.to_numpy(dtype="datetime64[ns]")
    if not len(values):
        return True
    ticks = values.view(np.int64)
    return not np.isnat(values[0]) and bool((ticks[1:] >= ticks[:-1]).all())


def in_period(episodes: pd.DataFrame, period: Period) -> pd.DataFrame:
    """Episodes whose MIS_START date falls inside the period, both ends inclusive.

    A slice of the frame when it is in order of start (the engine's), else a copy.
    """
    return _cut(episodes, period)[0]


def _cut(episodes: pd.DataFrame, period: Period) -> tuple[pd.DataFrame, bool]:
    """:func:`in_period`, and whether its rows are in order of start."""
    starts = episodes["MIS_START"]
    first = pd.Timestamp(period.start)
    after = pd.Timestamp(period.end + dt.timedelta(days=1))
    if _in_order(starts):
        low, high = starts.searchsorted([first, after])
        return episodes.iloc[low:high], True
    return episodes[(starts >= first) & (starts < after)], False


@dataclass(frozen=True)
class PeriodCut:
    """One period's episodes, each numbered by the month it starts in.

    Cut once per period and shared by every KPI, so a pack's millions of
    episodes are sliced and numbered twice (this period and the last) rather
    than twice for every KPI.
    """

    period: Period
    months: list[dt.date]
    """The first day of each month the period touches: the trend's points."""
    grouping: Grouping
    """The period's episodes, grouped by their position in :attr:`months`."""

    @classmethod
    def of(cls, episodes: pd.DataFrame, period: Period) -> PeriodCut:
        """The episodes whose start falls in ``period``, numbered by month."""
        months = months_of(period)
        rows, ordered = _cut(episodes, period)
        starts = rows["MIS_START"].to_numpy(dtype="datetime64[ns]")
        edges = np.array([*months, _next_month(months[-1])], dtype="datetime64[D]")
        edges = edges.astype(starts.dtype)
        if ordered:
            # Rows in order of start: each month is a run, found by bisecting the edges.
            runs = np.diff(np.searchsorted(starts, edges))
            group = np.repeat(np.arange(len(months)), runs)
        else:
            group = np.searchsorted(edges, starts, side="right") - 1
        return cls(period, months, Grouping(rows, group, len(months)))

    def measure(self, kpi: Kpi) -> tuple[Measured, tuple[MonthPoint, ...]]:
        """The KPI over the period's episodes and month by month, in one pass."""
        grouping = self.grouping
        if kpi.filter is not None:
            grouping = grouping.only(mask(grouping.episodes, kpi.filter).to_numpy(dtype=bool))
        measured = measure_groups(kpi, grouping)
        trend = tuple(
            MonthPoint(month, value.figure)
            for month, value in zip(self.months, measured.groups, strict=True)
        )
        return measured.overall, trend


def months_of(period: Period) -> list[dt.date]:
    """The first day of every month the period touches, for the trend line."""
    months = []
    day = period.start.replace(day=1)
    while day <= period.end:
        months.append(day)
        day = _next_month(day)
    return months


def _next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def compute_kpis(
    kpis: Sequence[Kpi],
    episodes: pd.DataFrame,
    present: frozenset[str],
    period: Period,
    previous_period: Period | None,
) -> list[KpiResult]:
    """Every figure for each KPI from record-level episodes, cutting each period once."""
    if not kpis:
        return []
    current = PeriodCut.of(episodes, period)
    previous = PeriodCut.of(episodes, previous_period) if previous_period is not None else None
    return [_compute(kpi, present, current, previous) for kpi in kpis]


def compute_kpi(
    kpi: Kpi,
    episodes: pd.DataFrame,
    present: frozenset[str],
    period: Period,
    previous_period: Period | None,
) -> KpiResult:
    """Every figure for one KPI from record-level episodes."""
    return compute_kpis([kpi], episodes, present, period, previous_period)[0]


def _compute(
    kpi: Kpi, present: frozenset[str], current: PeriodCut, previous: PeriodCut | None
) -> KpiResult:
    previous_period = previous.period if previous is not None else None
    missing = sorted(columns_needed(kpi) - present)
    if missing:
        reason = f"not available in this data (no {', '.join(missing)} column)"
        return unavailable(kpi, current.period, previous_period, reason)
    now, monthly = current.measure(kpi)
    before: Measured | None = None
    previous_monthly: tuple[MonthPoint, ...] = ()
    if previous is not None:
        before, previous_monthly = previous.measure(kpi)
    return assemble(
        kpi,
        current.period,
        previous_period,
        now.figure,
        before.figure if before else None,
        monthly,
        previous_monthly,
        matching=now.matching,
    )


def unavailable(kpi: Kpi, period: Period, previous_period: Period | None, reason: str) -> KpiResult:
    """A KPI the data cannot support: shown as n/a with the reason, never an error."""
    empty = Figure(None)
    return KpiResult(
        id=kpi.id,
        title=kpi.title,
        unit=unit_of(kpi),
        polarity=kpi.polarity,
        measure=kpi.measure,
        period=period,
        previous_period=previous_period,
        current=empty,
        previous=empty if previous_period else None,
        change=None,
        count_change=None,
        rag=None,
        target=kpi.target,
        tolerance=kpi.tolerance,
        monthly=(),
        previous_monthly=(),
        available=False,
        reason=reason,
        notes=kpi.notes,
    )


def unavailable_result(kpi: KpiResult, reason: str) -> KpiResult:
    """A KPI already computed, made not available with ``reason`` (its dates have no data)."""
    return replace(
        kpi,
        current=Figure(None),
        previous=Figure(None) if kpi.previous_period else None,
        change=None,
        count_change=None,
        rag=None,
        monthly=(),
        previous_monthly=(),
        matching=None,
        available=False,
        reason=reason,
    )
