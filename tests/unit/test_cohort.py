"""A theme's cohort as integer arrays, and each dimension's classification of it."""

from __future__ import annotations

import numpy as np
import pandas as pd

from panelapp.kinds import MISSING
from panelapp.metrics.cohort import CLASSIFIERS, Cohort
from panelapp.metrics.dimensions import DIMENSIONS

from .frames import episodes


def categories(dimension: str, frame: pd.DataFrame, min_episodes: int = 1) -> dict[str, str]:
    """Each child's category, by child id."""
    cohort = Cohort.of(frame, min_episodes)
    ids = sorted(frame["CHILD"].unique())
    kept = [i for i in ids if (frame["CHILD"] == i).sum() >= min_episodes]
    names = DIMENSIONS[dimension].categories
    return {
        child: names[code] for child, code in zip(kept, CLASSIFIERS[dimension](cohort), strict=True)
    }


def test_every_dimension_a_pack_may_name_can_be_computed() -> None:
    assert CLASSIFIERS.keys() == DIMENSIONS.keys()


def test_the_cohort_is_the_children_with_enough_episodes() -> None:
    frame = episodes({"CHILD": "a"}, {"CHILD": "b"}, {"CHILD": "a"}, {"CHILD": "c"})
    cohort = Cohort.of(frame, 2)
    assert cohort.size == 1
    assert cohort.frame(["CHILD"])["CHILD"].tolist() == ["a", "a"]
    assert Cohort.of(frame, 1).size == 3


def test_a_child_without_episodes_here_is_never_in_the_cohort() -> None:
    """The engine numbers children across the whole file; a period holds only some."""
    frame = episodes({"CHILD": "a"}, {"CHILD": "c"}, {"CHILD": "c"})
    frame["CHILD"] = np.array([0, 2, 2])  # child 1 has episodes only in another period
    for min_episodes in (0, 1):
        cohort = Cohort.of(frame, min_episodes)
        assert cohort.size == 2
        assert cohort.child.tolist() == [0, 1, 1]
        assert all(len(CLASSIFIERS[name](cohort)) == 2 for name in MISSING.dimensions)


def test_episodes_out_of_order_are_put_in_order_of_start_then_row() -> None:
    frame = episodes(
        {"CHILD": "a", "MIS_START": "2021-05-01"},
        {"CHILD": "a", "MIS_START": "2021-02-01"},
        {"CHILD": "b", "MIS_START": "2021-02-01"},
    )
    cohort = Cohort.of(frame, 1)
    assert cohort.frame(["ROW"])["ROW"].tolist() == [3, 4, 2]
    assert cohort.child.tolist() == [0, 1, 0]
    assert cohort.first.tolist() == [0, 1]
    assert cohort.latest.tolist() == [2, 1]


def test_age_band_is_the_first_known_age() -> None:
    frame = episodes(
        {"CHILD": "a", "MIS_START": "2021-01-05", "DOB": None},
        {"CHILD": "a", "MIS_START": "2021-02-05", "DOB": "2008-03-01"},
        {"CHILD": "a", "MIS_START": "2021-06-05", "DOB": "2004-01-01"},
        {"CHILD": "b", "DOB": None},
    )
    assert categories("age_band", frame) == {"a": "Under 13", "b": "Not known"}


def test_sex_and_ethnic_group_are_the_latest_known() -> None:
    frame = episodes(
        {"CHILD": "a", "MIS_START": "2021-01-05", "SEX": 2, "ETHNIC": "BAFR"},
        {"CHILD": "a", "MIS_START": "2021-02-05", "SEX": None, "ETHNIC": "MWBC"},
        {"CHILD": "b", "SEX": None, "ETHNIC": "NOBT"},
    )
    assert categories("sex", frame) == {"a": "Female", "b": "Not known"}
    assert categories("ethnic_group", frame) == {"a": "Mixed", "b": "Not known"}


def test_flags_count_if_any_episode_has_them() -> None:
    frame = episodes(
        {"CHILD": "a", "CCE": True},
        {"CHILD": "a", "CSE": True},
        {"CHILD": "b", "CSE": True, "UASC": None},
        {"CHILD": "c", "MISSING": "A"},
        {"CHILD": "c", "MISSING": None},
    )
    assert categories("exploitation", frame) == {
        "a": "Criminal and sexual",
        "b": "Sexual only",
        "c": "Neither recorded",
    }
    assert categories("uasc", frame) == {"a": "Not UASC", "b": "Not UASC", "c": "Not UASC"}
    assert categories("missing_type", frame) == {
        "a": "Missing only",
        "b": "Missing only",
        "c": "Away only",
    }


def test_episode_bands_follow_the_published_edges() -> None:
    counts = {"a": 2, "b": 3, "c": 9, "d": 10, "e": 30}
    frame = episodes(*({"CHILD": child} for child, n in counts.items() for _ in range(n)))
    assert categories("episodes", frame) == {
        "a": "1–2",
        "b": "3–5",
        "c": "6–9",
        "d": "10–19",
        "e": "30 or more",
    }


def test_an_empty_cohort_breaks_down_to_nothing() -> None:
    cohort = Cohort.of(episodes({"CHILD": "a"}), 2)
    assert cohort.size == 0
    for name in MISSING.dimensions:
        assert len(CLASSIFIERS[name](cohort)) == 0
    assert np.bincount(CLASSIFIERS["sex"](cohort), minlength=3).tolist() == [0, 0, 0]
