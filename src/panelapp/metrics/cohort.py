"""A theme's cohort as integer arrays, and each dimension's classification of it.

Every per-child question (how many episodes, any of them flagged, the first
known age) is a count or a lookup over integer arrays rather than a
grouping of the frame, so a cohort of tens of thousands of children breaks
down in milliseconds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from panelapp.kinds import CIN_GROUP_OF, LS_GROUP_OF, PROVIDER_GROUP_OF
from panelapp.metrics.dimensions import DIMENSIONS, NOT_KNOWN

Classifier = Callable[["Cohort"], np.ndarray]
"""A dimension's classification: a cohort -> each child's position in its categories."""


@dataclass(frozen=True)
class Cohort:
    """A theme's children and their episodes, numbered for arithmetic per child.

    The episodes stay where they are in the period's rows: the cohort holds
    their positions, and each question copies only the columns it reads.
    """

    rows: pd.DataFrame
    """The rows the cohort was drawn from (a period's episodes), not copied."""
    at: np.ndarray
    """Positions in ``rows`` of the children's episodes, in order of start, then row."""
    child: np.ndarray
    """Each episode's child, numbered 0 to ``size - 1`` in id order."""
    size: int
    """How many children: highlights and breakdowns are shares of this."""

    @classmethod
    def of(cls, rows: pd.DataFrame, min_episodes: int, start: str = "MIS_START") -> Cohort:
        """The children with at least ``min_episodes`` of ``rows``, and their episodes (each
        starting on column ``start``)."""
        ids = rows["CHILD"]
        if pd.api.types.is_integer_dtype(ids):  # the engine's: numbered in id order already
            codes = ids.to_numpy()
        else:
            codes, _ = pd.factorize(ids, sort=True)
        valid = codes >= 0
        counts = np.bincount(codes[valid], minlength=1)
        # A child is in a cohort by its episodes in ``rows``: never with none, even
        # when the pack asks for zero (numbers run across the whole file).
        member = (counts > 0) & (counts >= min_episodes)
        at = np.flatnonzero(valid & member[np.where(valid, codes, 0)])
        child = (np.cumsum(member) - 1)[codes[at]]
        order = _by_start_and_row(rows, at, start)
        if order is not None:
            at, child = at[order], child[order]
        return cls(rows, at, child, int(member.sum()))

    def frame(self, columns: Iterable[str], which: np.ndarray | None = None) -> pd.DataFrame:
        """Some columns of the episodes, or of those at positions ``which`` (e.g. :attr:`first`)."""
        at = self.at if which is None else self.at[which]
        # Sorted: a filter names its columns as a set, and a frame's columns have an order.
        return self.rows[sorted(columns)].take(at)

    def pick(self, values: np.ndarray) -> np.ndarray:
        """From ``values``, one per row of :attr:`rows`, the entries of the cohort's episodes."""
        return values[self.at]

    @cached_property
    def first(self) -> np.ndarray:
        """Position of each child's first episode."""
        return _ends(self.child, self.size, last=False)

    @cached_property
    def latest(self) -> np.ndarray:
        """Position of each child's latest episode."""
        return _ends(self.child, self.size, last=True)

    def any(self, flags: np.ndarray, child: np.ndarray | None = None) -> np.ndarray:
        """Per child: whether any of its episodes is flagged.

        ``child`` numbers another selection of the cohort's episodes (each
        child's first or latest), which ``flags`` then describes.
        """
        of = self.child if child is None else child
        return np.bincount(of[flags], minlength=self.size) > 0

    def episode_counts(self) -> np.ndarray:
        """Per child: how many episodes it had, for the 'episodes in the period' breakdown."""
        return np.bincount(self.child, minlength=self.size)

    def known(self, values: np.ndarray, *, last: bool = False) -> np.ndarray:
        """Per child: the first (or last) of its episodes' ``values`` that is not NaN (else NaN)."""
        given = np.flatnonzero(~np.isnan(values))
        at = _ends(self.child[given], self.size, last=last)
        chosen = at >= 0
        out = np.full(self.size, np.nan)
        out[chosen] = values[given[at[chosen]]]
        return out

    def numbers(self, column: str) -> np.ndarray:
        """A numeric column of the episodes as floats, NaN where blank."""
        return self.pick(self.rows[column].to_numpy(dtype=np.float64, na_value=np.nan))


def _ends(child: np.ndarray, size: int, *, last: bool) -> np.ndarray:
    """Per child number below ``size``: the position of its first (or last) entry, -1 if none.

    One unbuffered minimum (maximum) per entry: linear, where finding them
    by sorting the entries is not.
    """
    none = -1 if last else len(child)
    at = np.full(size, none, dtype=np.intp)
    (np.maximum if last else np.minimum).at(at, child, np.arange(len(child)))
    at[at == none] = -1
    return at


def _by_start_and_row(rows: pd.DataFrame, at: np.ndarray, column: str) -> np.ndarray | None:
    """The order of ``rows`` at ``at`` by (start, ROW), or None when in it already."""
    start = rows[column].to_numpy(dtype="datetime64[ns]").view(np.int64)[at]
    row = rows["ROW"].to_numpy()[at]
    if np.all((start[1:] > start[:-1]) | ((start[1:] == start[:-1]) & (row[1:] >= row[:-1]))):
        return None
    return np.lexsort((row, start))


def _position(dimension: str, category: str) -> int:
    """Where ``category`` stands among the dimension's categories, the order tables show."""
    return DIMENSIONS[dimension].categories.index(category)


def _flags(cohort: Cohort, column: str) -> np.ndarray:
    return cohort.pick(cohort.rows[column].to_numpy(dtype=bool, na_value=False))


def _age_band(cohort: Cohort) -> np.ndarray:
    age = cohort.known(cohort.numbers("AGE"))
    band = np.digitize(age, [13, 15, 17])  # Under 13, 13–14, 15–16, 17 and over
    return np.where(np.isnan(age), _position("age_band", NOT_KNOWN), band)


def _sex(cohort: Cohort) -> np.ndarray:
    sex = cohort.known(cohort.numbers("SEX"), last=True)
    return np.select([sex == 1, sex == 2], [0, 1], _position("sex", NOT_KNOWN))


def _latest(dimension: str, labels: Callable[[pd.DataFrame], pd.Series]) -> Classifier:
    """Each child by the category of its latest episode with one (``labels`` names each row's
    category, NA where it has none)."""

    def classify(cohort: Cohort) -> np.ndarray:
        column = labels(cohort.rows)
        given = np.where(column.notna().to_numpy(dtype=bool), np.arange(len(column)), np.nan)
        latest = cohort.known(cohort.pick(given), last=True)
        known = ~np.isnan(latest)
        unknown = _position(dimension, NOT_KNOWN)
        out = np.full(cohort.size, unknown, dtype=np.intp)
        values = column.iloc[latest[known].astype(np.intp)]
        codes = pd.Categorical(values, categories=DIMENSIONS[dimension].categories).codes
        out[known] = np.where(codes >= 0, codes, unknown)
        return out

    return classify


def _column(
    name: str, names: Mapping[str, str] | None = None
) -> Callable[[pd.DataFrame], pd.Series]:
    """A row's category: its value of column ``name``, or that value's name in ``names``."""

    def labels(rows: pd.DataFrame) -> pd.Series:
        return rows[name] if names is None else rows[name].map(names)

    return labels


def _age_group(cohort: Cohort) -> np.ndarray:
    age = cohort.known(cohort.numbers("AGE"))
    group = np.digitize(age, [1, 5, 10, 16])  # Under 1, 1–4, 5–9, 10–15, 16 and over
    return np.where(np.isnan(age), _position("age_group", NOT_KNOWN), group)


def _placements(cohort: Cohort) -> np.ndarray:
    # 1, 2, 3, 4 or more: the child's placements in the period (the same on each episode)
    return np.digitize(cohort.known(cohort.numbers("PLACEMENTS")), [2, 3, 4])


def _yes_no(column: str) -> Callable[[Cohort], np.ndarray]:
    def classify(cohort: Cohort) -> np.ndarray:
        return np.where(cohort.any(_flags(cohort, column)), 0, 1)

    return classify


def _both(first: np.ndarray, second: np.ndarray, neither: int) -> np.ndarray:
    """Only the first, only the second, both, neither: as categories 0, 1, 2 and ``neither``."""
    return np.select([first & ~second, ~first & second, first & second], [0, 1, 2], neither)


def _exploitation(cohort: Cohort) -> np.ndarray:
    neither = _position("exploitation", "Neither recorded")
    return _both(cohort.any(_flags(cohort, "CCE")), cohort.any(_flags(cohort, "CSE")), neither)


def _missing_type(cohort: Cohort) -> np.ndarray:
    kind = cohort.rows["MISSING"]
    is_m = cohort.pick((kind == "M").to_numpy(dtype=bool, na_value=False))
    is_a = cohort.pick((kind == "A").to_numpy(dtype=bool, na_value=False))
    return _both(cohort.any(is_m), cohort.any(is_a), _position("missing_type", NOT_KNOWN))


def _episode_band(cohort: Cohort) -> np.ndarray:
    # 1–2, 3–5, 6–9, 10–19, 20–29, 30 or more
    return np.digitize(cohort.episode_counts(), [2, 5, 9, 19, 29], right=True)


CLASSIFIERS: dict[str, Classifier] = {
    "age_band": _age_band,
    "sex": _sex,
    "ethnic_group": _latest("ethnic_group", _column("ETHNIC_GROUP")),
    "looked_after": _yes_no("LOOKED_AFTER"),
    "uasc": _yes_no("UASC"),
    "exploitation": _exploitation,
    "missing_type": _missing_type,
    "episodes": _episode_band,
    "age_group": _age_group,
    "placement_type": _latest("placement_type", _column("PLACE_GROUP")),
    "placement_provider": _latest(
        "placement_provider", _column("PLACE_PROVIDER", PROVIDER_GROUP_OF)
    ),
    "legal_status": _latest("legal_status", _column("LS", LS_GROUP_OF)),
    "category_of_need": _latest("category_of_need", _column("CIN", CIN_GROUP_OF)),
    "placements": _placements,
}
"""Each dimension's classification: a cohort -> each child's position in its categories."""
