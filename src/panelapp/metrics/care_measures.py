"""The placement measures, over SSDA903 episodes of care: as the DfE counts them.

Every figure is counted on a day over a window (:mod:`~panelapp.metrics.as_at`):
the episodes in the window are cut from the child's history
(:func:`~panelapp.metrics.care_records.load_care`) with the columns that
depend on it (``AT_END``, ``STARTED``, ``PLACEMENTS``, ``AGE``), which
filters may read too. Then:

- children looked after on a day: those with an episode spanning it (a series
  of short breaks aside, as the DfE leaves them out);
- short-term stability: of those children, the share with three or more
  placements during the window (the placement in progress at its start, and
  each one begun in it: an episode whose reason is S, P, T, B or U);
- long-term stability (as the DfE publishes it since 2023): of the children
  under 16 on the day who had been looked after continuously for at least two
  and a half years, the share who had lived with the same carer for at least
  two years (a move with the same carer, U or B, does not break it; a child
  placed for adoption counts the time with the carer before the adopters too).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from panelapp.config import Kpi, Period
from panelapp.kinds import PLACE_GROUP_OF
from panelapp.metrics import as_at
from panelapp.metrics.filters import mask
from panelapp.metrics.measures import columns_needed, measure
from panelapp.metrics.results import Figure

ADOPTION = tuple(code for code, group in PLACE_GROUP_OF.items() if group == "Adoption")
"""Placement codes of a child placed for adoption."""

NEEDS: dict[str, frozenset[str]] = {
    "looked_after": frozenset({"DEC"}),
    "short_term_stability": frozenset({"DEC", "RNE"}),
    "long_term_stability": frozenset({"DEC", "RNE", "DOB"}),
}
"""The file columns each placement measure reads besides its filters'."""


def cut(frame: pd.DataFrame, first: dt.date, day: dt.date) -> pd.DataFrame:
    """The episodes open at any time from ``first`` to ``day``, with the columns that
    depend on the window: ``AT_END`` (the child's episode on ``day``, short breaks aside),
    ``STARTED`` (it began in the window), ``PLACEMENTS`` (the child's placements in it) and
    ``AGE`` (completed years on ``day``).

    An episode is in the window when it began by its last day and ended after its
    first (or is open): one that ended on the first day ended as the window began.
    """
    start, until = frame["DECOM"], frame["UNTIL"]
    begin, end = pd.Timestamp(first), pd.Timestamp(day)
    rows = frame.loc[(start <= end) & (until.isna() | (until > begin))]
    on_day = (rows["DECOM"] <= end) & (rows["UNTIL"].isna() | (rows["UNTIL"] > end))
    return rows.assign(
        AT_END=(on_day & ~rows["SHORT_BREAK"]).astype(bool),
        STARTED=(rows["DECOM"] >= begin).astype(bool),
        PLACEMENTS=rows.groupby("CHILD_NO")["PLACEMENT"].transform("nunique").astype(np.int64),
        AGE=_age(rows["DOB"], day),
    )


def _age(born: pd.Series, day: dt.date) -> pd.Series:
    """Completed years on ``day``, as a birthday is counted; NaN where the birth date is not
    known."""
    before = (born.dt.month > day.month) | ((born.dt.month == day.month) & (born.dt.day > day.day))
    years = day.year - born.dt.year - before.astype(float)
    return years.astype(float).where(born.notna())


@dataclass
class Cuts:
    """Each window's cut, made once however many KPIs read it."""

    frame: pd.DataFrame
    made: dict[tuple[dt.date, dt.date], pd.DataFrame] = field(default_factory=dict)

    def __call__(self, first: dt.date, day: dt.date) -> pd.DataFrame:
        key = (first, day)
        if key not in self.made:
            self.made[key] = cut(self.frame, first, day)
        return self.made[key]


def needed(kpi: Kpi) -> frozenset[str]:
    """The file columns a KPI over episodes of care reads, to say 'not available' up front."""
    return columns_needed(kpi) | NEEDS.get(kpi.measure, frozenset())


def figure(kpi: Kpi, cuts: Cuts, period: Period, month: dt.date | None) -> Figure:
    """The KPI for the period (``month`` None) or one month of its trend."""
    first, day = as_at.window(kpi.measure, period, month)
    rows = cuts(first, day)
    if kpi.filter is not None:
        rows = rows.loc[mask(rows, kpi.filter).to_numpy(dtype=bool)]
    if kpi.measure == "looked_after":
        return Figure(float(_children(rows, rows["AT_END"].to_numpy(dtype=bool)).size))
    if kpi.measure == "short_term_stability":
        return short_term(rows)
    if kpi.measure == "long_term_stability":
        return long_term(rows, day)
    return measure(kpi, rows).figure


def _children(rows: pd.DataFrame, chosen: np.ndarray) -> np.ndarray:
    """The distinct children of the chosen rows."""
    return np.unique(rows["CHILD_NO"].to_numpy()[chosen])


def short_term(rows: pd.DataFrame) -> Figure:
    """Of the children looked after on the day, those with three or more placements in the
    window."""
    on_day = rows["AT_END"].to_numpy(dtype=bool)
    moved = on_day & (rows["PLACEMENTS"].to_numpy() >= as_at.SHORT_TERM_PLACEMENTS)
    return _share(_children(rows, moved).size, _children(rows, on_day).size)


def long_term(rows: pd.DataFrame, day: dt.date) -> Figure:
    """Of the children under 16 on ``day`` looked after for two and a half years, those who
    had lived with the same carer for two years (adoptive placements with the carer before)."""
    on_day = rows.loc[rows["AT_END"].to_numpy(dtype=bool)]
    on_day = on_day.drop_duplicates("CHILD_NO", keep="last")
    care_since = pd.Timestamp(as_at.months_back(day, as_at.CARE_MONTHS))
    carer_since = pd.Timestamp(as_at.months_back(day, as_at.CARER_MONTHS))
    young = (on_day["AGE"] < as_at.LONG_TERM_AGE).to_numpy(dtype=bool)
    long_in_care = (on_day["CARE_FROM"] <= care_since).to_numpy(dtype=bool)
    adopting = on_day["PLACE"].isin(ADOPTION).fillna(False).to_numpy(dtype=bool)
    with_carer = on_day["CARER_BEFORE"].where(adopting, on_day["CARER_FROM"])
    settled = (with_carer <= carer_since).to_numpy(dtype=bool)
    eligible = young & long_in_care
    return _share(int((eligible & settled).sum()), int(eligible.sum()))


def _share(numerator: int, denominator: int) -> Figure:
    return Figure(numerator / denominator if denominator else None, numerator, denominator)
