"""Drill-down dimensions: how a theme's cohort of children can be broken down.

Each dimension turns the cohort's episodes into one category per child, in a
fixed natural order, so tables read the same way at every meeting.

pandas is imported where a breakdown is computed, not with the module: reading
a pack checks dimension names, and a presenter reopening a cached pack never
computes one, so the first screen does not wait for pandas to load.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class Dimension:
    """A named way of putting each child of a cohort into one category."""

    title: str
    categories: tuple[str, ...]
    """Every category in display order, shown even when empty so tables compare."""
    columns: tuple[str, ...]
    """The canonical columns it needs; absent ones make it not available."""
    classify: Callable[[pd.DataFrame], pd.Series]
    """Episodes (of the cohort, in the period) -> category per CHILD."""


NOT_KNOWN = "Not known"


def _first(episodes: pd.DataFrame, column: str) -> pd.Series:
    ordered = episodes.sort_values(["MIS_START", "ROW"])
    return ordered.groupby("CHILD", observed=True)[column].first()


def _latest(episodes: pd.DataFrame, column: str) -> pd.Series:
    ordered = episodes.sort_values(["MIS_START", "ROW"])
    return ordered.groupby("CHILD", observed=True)[column].last()


def _any(episodes: pd.DataFrame, column: str) -> pd.Series:
    flags = episodes[column].fillna(False).astype(bool)
    return flags.groupby(episodes["CHILD"], observed=True).any()


def _age_band(episodes: pd.DataFrame) -> pd.Series:
    import pandas as pd

    age = _first(episodes, "AGE").astype("Float64")
    bands = pd.Series(NOT_KNOWN, index=age.index, dtype="object")
    bands[age < 13] = "Under 13"
    bands[(age >= 13) & (age < 15)] = "13–14"
    bands[(age >= 15) & (age < 17)] = "15–16"
    bands[age >= 17] = "17 and over"
    return bands


def _sex(episodes: pd.DataFrame) -> pd.Series:
    sex = _latest(episodes, "SEX")
    return sex.map({1: "Male", 2: "Female"}).fillna(NOT_KNOWN).astype("object")


def _ethnic_group(episodes: pd.DataFrame) -> pd.Series:
    return _latest(episodes, "ETHNIC_GROUP").fillna(NOT_KNOWN).astype("object")


def _yes_no(column: str, yes: str, no: str) -> Callable[[pd.DataFrame], pd.Series]:
    def classify(episodes: pd.DataFrame) -> pd.Series:
        return _any(episodes, column).map({True: yes, False: no}).astype("object")

    return classify


def _exploitation(episodes: pd.DataFrame) -> pd.Series:
    import pandas as pd

    cce, cse = _any(episodes, "CCE"), _any(episodes, "CSE")
    out = pd.Series("Neither recorded", index=cce.index, dtype="object")
    out[cce & ~cse] = "Criminal only"
    out[~cce & cse] = "Sexual only"
    out[cce & cse] = "Criminal and sexual"
    return out


def _missing_type(episodes: pd.DataFrame) -> pd.Series:
    import pandas as pd

    is_m = (
        (episodes["MISSING"] == "M").fillna(False).groupby(episodes["CHILD"], observed=True).any()
    )
    is_a = (
        (episodes["MISSING"] == "A").fillna(False).groupby(episodes["CHILD"], observed=True).any()
    )
    out = pd.Series(NOT_KNOWN, index=is_m.index, dtype="object")
    out[is_m & ~is_a] = "Missing only"
    out[~is_m & is_a] = "Away only"
    out[is_m & is_a] = "Both"
    return out


def _episode_band(episodes: pd.DataFrame) -> pd.Series:
    import pandas as pd

    counts = episodes.groupby("CHILD", observed=True).size()
    return pd.cut(
        counts,
        bins=[0, 2, 5, 9, 19, 29, float("inf")],
        labels=["1–2", "3–5", "6–9", "10–19", "20–29", "30 or more"],
    ).astype("object")


DIMENSIONS: dict[str, Dimension] = {
    "age_band": Dimension(
        "Age at first episode",
        ("Under 13", "13–14", "15–16", "17 and over", NOT_KNOWN),
        ("DOB",),
        _age_band,
    ),
    "sex": Dimension("Sex", ("Male", "Female", NOT_KNOWN), ("SEX",), _sex),
    "ethnic_group": Dimension(
        "Ethnic group",
        ("White", "Mixed", "Asian", "Black", "Other", NOT_KNOWN),
        ("ETHNIC",),
        _ethnic_group,
    ),
    "looked_after": Dimension(
        "Looked after",
        ("Looked after", "Not looked after"),
        ("LOOKED_AFTER",),
        _yes_no("LOOKED_AFTER", "Looked after", "Not looked after"),
    ),
    "uasc": Dimension(
        "Unaccompanied asylum-seeking",
        ("UASC", "Not UASC"),
        ("UASC",),
        _yes_no("UASC", "UASC", "Not UASC"),
    ),
    "exploitation": Dimension(
        "Exploitation concerns",
        ("Criminal only", "Sexual only", "Criminal and sexual", "Neither recorded"),
        ("CCE", "CSE"),
        _exploitation,
    ),
    "missing_type": Dimension(
        "Missing or away",
        ("Missing only", "Away only", "Both", NOT_KNOWN),
        ("MISSING",),
        _missing_type,
    ),
    "episodes": Dimension(
        "Episodes in the period",
        ("1–2", "3–5", "6–9", "10–19", "20–29", "30 or more"),
        (),
        _episode_band,
    ),
}
"""Every dimension a pack's breakdowns may name."""
