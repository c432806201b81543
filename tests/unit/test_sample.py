"""The sample pack's records: reproducible, calibrated to the minute, and clean.

The figures are measured here with plain pandas, independently of the metrics
engine, so a fault in either shows up as a disagreement with the engine's own
test of the same sample.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from panelapp.sample_episodes import write_sample

SAMPLE_CSV = Path(__file__).resolve().parents[2] / "data" / "missing_episodes.csv"

ETHNIC_CODES = {
    *("WBRI", "WIRI", "WOTH", "WIRT", "WROM"),
    *("MWBC", "MWBA", "MWAS", "MOTH"),
    *("AIND", "APKN", "ABAN", "AOTH"),
    *("BCRB", "BAFR", "BOTH"),
    *("CHNE", "OOTH", "REFU", "NOBT"),
}
"""SSDA903 ethnicity codes: White, Mixed, Asian, Black, other, refused and not obtained."""
FLAGS = ["LOOKED_AFTER", "UASC", "CCE", "CSE", "MACE", "RHI_OFFERED", "RHI_COMPLETED"]


@pytest.fixture(scope="module")
def records() -> pd.DataFrame:
    """The committed sample, parsed strictly: a malformed value fails here."""
    frame = pd.read_csv(SAMPLE_CSV, dtype=str, keep_default_na=False)
    frame["dob"] = pd.to_datetime(frame["DOB"], format="%d/%m/%Y")
    frame["start"] = pd.to_datetime(frame["MIS_START"], format="%d/%m/%Y %H:%M")
    frame["end"] = pd.to_datetime(frame["MIS_END"].replace("", None), format="%d/%m/%Y %H:%M")
    return frame


def in_year(records: pd.DataFrame, year: int) -> pd.DataFrame:
    """Episodes belong to the period their MIS_START date falls in."""
    return records[records["start"].dt.year == year]


def children_with(episodes: pd.DataFrame, mask: pd.Series) -> set[str]:
    """Children with the condition on any of their episodes."""
    return set(episodes.loc[mask, "CHILD"])


def yes(episodes: pd.DataFrame, column: str) -> pd.Series:
    return episodes[column] == "Y"


def headline(records: pd.DataFrame, year: int) -> dict[str, float]:
    """The minute's headline figures for one year."""
    episodes = in_year(records, year)
    per_child = episodes.groupby("CHILD").size().sort_values(ascending=False)
    offered = yes(episodes, "RHI_OFFERED")
    completed = offered & yes(episodes, "RHI_COMPLETED")
    return {
        "children": episodes["CHILD"].nunique(),
        "episodes": len(episodes),
        "mace": len(children_with(episodes, yes(episodes, "MACE"))),
        "looked_after": len(children_with(episodes, yes(episodes, "LOOKED_AFTER"))),
        "top20_episodes": int(per_child.iloc[:20].sum()),
        "rank20": int(per_child.iloc[19]),
        "rank21": int(per_child.iloc[20]),
        "rhi_offered": int(offered.sum()),
        "rhi_completed": int(completed.sum()),
        "one_episode": int((per_child == 1).sum()),
    }


def completed_years(dob: pd.Series, day: pd.Series) -> pd.Series:
    """Age as a birthday is counted, from DOB to the day of an episode's start."""
    before_birthday = (day.dt.month < dob.dt.month) | (
        (day.dt.month == dob.dt.month) & (day.dt.day < dob.dt.day)
    )
    return day.dt.year - dob.dt.year - before_birthday.astype(int)


def percent(numerator: float, denominator: float) -> int:
    """Whole-number percentages, as a published paper shows them."""
    return round(100 * numerator / denominator)


def test_committed_csv_is_what_the_generator_writes(tmp_path: Path) -> None:
    rows = write_sample(tmp_path / "missing_episodes.csv")
    assert (tmp_path / "missing_episodes.csv").read_bytes() == SAMPLE_CSV.read_bytes()
    assert rows == SAMPLE_CSV.read_text(encoding="utf-8").count("\n") - 1


def test_columns_and_row_order(records: pd.DataFrame) -> None:
    assert list(records.columns[:14]) == [
        "CHILD",
        "DOB",
        "SEX",
        "ETHNIC",
        "MISSING",
        "MIS_START",
        "MIS_END",
        "LOOKED_AFTER",
        "UASC",
        "CCE",
        "CSE",
        "MACE",
        "RHI_OFFERED",
        "RHI_COMPLETED",
    ]
    order = records.sort_values(["start", "CHILD"], kind="mergesort").index
    assert list(order) == list(records.index)


def test_coverage_is_2020_and_2021(records: pd.DataFrame) -> None:
    assert records["start"].min() >= pd.Timestamp("2020-01-01")
    assert records["start"].max() < pd.Timestamp("2022-01-01")


def test_2021_headlines_match_the_minute(records: pd.DataFrame) -> None:
    now = headline(records, 2021)
    assert now["children"] == 425
    assert 2000 <= now["episodes"] <= 2100
    assert now["mace"] == 105
    assert percent(now["mace"], now["children"]) == 25
    assert now["looked_after"] == 134
    assert percent(now["top20_episodes"], now["episodes"]) == 41
    assert now["rank20"] >= 30 > now["rank21"]
    assert 40 <= now["top20_episodes"] / 20 <= 44
    assert percent(now["rhi_offered"], now["episodes"]) == 93
    assert percent(now["rhi_completed"], now["rhi_offered"]) == 49
    assert 0.45 <= now["one_episode"] / now["children"] <= 0.55


def test_changes_against_2020_match_the_minute(records: pd.DataFrame) -> None:
    now, before = headline(records, 2021), headline(records, 2020)
    assert before["children"] == 531
    assert percent(now["children"] - before["children"], before["children"]) == -20
    assert before["looked_after"] == 174
    assert percent(now["looked_after"] - before["looked_after"], before["looked_after"]) == -23
    assert percent(before["rhi_completed"], before["rhi_offered"]) == 71


def test_top_twenty_are_looked_after_throughout(records: pd.DataFrame) -> None:
    episodes = in_year(records, 2021)
    top = episodes.groupby("CHILD").size().nlargest(20).index
    theirs = episodes[episodes["CHILD"].isin(top)]
    assert (theirs["LOOKED_AFTER"] == "Y").all()


def test_repeat_missing_themes_match_the_minute(records: pd.DataFrame) -> None:
    episodes = in_year(records, 2021)
    per_child = episodes.groupby("CHILD").size()
    cohort = set(per_child[per_child >= 3].index)
    mine = episodes[episodes["CHILD"].isin(cohort)]
    latest = mine.sort_values("start").groupby("CHILD").last()
    first = mine.sort_values("start").groupby("CHILD").first()
    ages = completed_years(first["dob"], first["start"])
    bame = ~latest["ETHNIC"].str.startswith("W") & ~latest["ETHNIC"].isin(["REFU", "NOBT"])
    cared = children_with(mine, yes(mine, "LOOKED_AFTER"))
    uasc = children_with(mine, yes(mine, "UASC"))

    assert len(cohort) == 100
    assert len(children_with(mine, yes(mine, "CCE") | yes(mine, "CSE"))) == 95
    assert int(bame.sum()) == 85
    assert len(cared) == 80
    assert len(uasc & cared) == 16 and uasc <= cared
    assert percent(16, 80) == 20
    assert int((ages >= 17).sum()) == 75
    assert int((latest["SEX"] == "1").sum()) == 55
    assert int((latest["SEX"] == "2").sum()) == 45


def test_mace_children_are_mostly_the_exploited_repeat_children(records: pd.DataFrame) -> None:
    episodes = in_year(records, 2021)
    per_child = episodes.groupby("CHILD").size()
    repeat = set(per_child[per_child >= 3].index)
    mace = children_with(episodes, yes(episodes, "MACE"))
    exploited = children_with(episodes, yes(episodes, "CCE") | yes(episodes, "CSE"))
    assert mace <= exploited
    assert len(mace & repeat & exploited) >= 75


def test_mace_only_with_exploitation_concerns(records: pd.DataFrame) -> None:
    mace = records[yes(records, "MACE")]
    assert (yes(mace, "CCE") | yes(mace, "CSE")).all()


def test_realistic_shape(records: pd.DataFrame) -> None:
    closed = records.dropna(subset=["end"])
    hours = (closed["end"] - closed["start"]).dt.total_seconds() / 3600
    assert (hours <= 48).mean() >= 0.9
    assert hours.max() > 7 * 24
    now = in_year(records, 2021)
    ages = completed_years(now["dob"], now["start"])
    assert ages.min() >= 10 and ages.max() <= 17
    assert ((ages >= 13) & (ages < 18)).mean() >= 0.85
    assert set(records["MISSING"]) == {"M", "A"}
    assert 0.5 <= (records["MISSING"] == "M").mean() <= 0.9
    both = set(in_year(records, 2020)["CHILD"]) & set(now["CHILD"])
    assert 50 <= len(both) <= 300


def test_open_episodes_are_few_and_recent(records: pd.DataFrame) -> None:
    still_open = records[records["MIS_END"] == ""]
    assert 1 <= len(still_open) <= 10
    assert (still_open["start"] >= pd.Timestamp("2021-12-24")).all()
    assert not yes(still_open, "RHI_OFFERED").any()


def test_no_data_quality_findings(records: pd.DataFrame) -> None:
    assert records["CHILD"].str.fullmatch(r"C\d{5}").all()
    assert set(records["SEX"]) <= {"1", "2"}
    assert set(records["ETHNIC"]) <= ETHNIC_CODES
    assert set(records["MISSING"]) <= {"M", "A"}
    for column in FLAGS:
        assert set(records[column]) <= {"Y", "N"}, column
    assert (records["start"] > records["dob"]).all()
    closed = records.dropna(subset=["end"])
    assert (closed["end"] >= closed["start"]).all()
    assert not (yes(records, "RHI_COMPLETED") & ~yes(records, "RHI_OFFERED")).any()
    assert not (yes(records, "UASC") & ~yes(records, "LOOKED_AFTER")).any()
    per_child = records.groupby("CHILD")
    assert (per_child[["DOB", "SEX", "ETHNIC"]].nunique() == 1).all().all()


def test_no_overlapping_or_overtaking_episodes(records: pd.DataFrame) -> None:
    ordered = records.sort_values(["CHILD", "start"])
    previous_end = ordered.groupby("CHILD")["end"].shift()
    has_previous = ordered.groupby("CHILD").cumcount() > 0
    follows = ordered.loc[has_previous, "start"] > previous_end[has_previous]
    # A missing previous end means the earlier episode was still open: rule 574 too.
    assert follows.all()
