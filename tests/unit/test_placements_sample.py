"""The bundled placements pack: reproducible, calibrated, and its figures as the engine gives them.

The stability measures are worked out here a second way, child by child in
plain Python over the CSV text (not the engine's vectorised history), so a
fault in either shows up as a disagreement.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest

from panelapp.check import to_json
from panelapp.config import load_pack
from panelapp.metrics.engine import compute_item, present
from panelapp.metrics.results import ItemFigures
from panelapp.sample_placements import age_on, generate, write_data

PACK = Path(__file__).parents[2] / "src" / "panelapp" / "examples" / "placements"
MISSING_PACK = Path(__file__).parents[2] / "config.toml"
YEAR_END, LAST_YEAR_END = dt.date(2024, 3, 31), dt.date(2023, 3, 31)


def test_the_committed_tables_are_what_the_seed_writes(tmp_path: Path) -> None:
    write_data(tmp_path)
    for name in ("episodes.csv", "header.csv"):
        assert (tmp_path / name).read_bytes() == (PACK / "data" / name).read_bytes()


def test_the_same_seed_gives_the_same_records_and_another_seed_others() -> None:
    assert generate(2024) == generate(2024)
    assert generate(2024) != generate(7)


# -- the measures, child by child ---------------------------------------------------------


@pytest.fixture(scope="module")
def children() -> dict[str, list[dict[str, object]]]:
    """Each child's episodes, in order, with dates parsed strictly."""
    frame = pd.read_csv(PACK / "data" / "episodes.csv", dtype=str, keep_default_na=False)
    out: dict[str, list[dict[str, object]]] = {}
    for row in frame.to_dict("records"):
        row["start"] = dt.datetime.strptime(row["DECOM"], "%d/%m/%Y").date()
        row["end"] = dt.datetime.strptime(row["DEC"], "%d/%m/%Y").date() if row["DEC"] else None
        out.setdefault(row["CHILD"], []).append(row)
    for episodes in out.values():
        episodes.sort(key=lambda e: e["start"])  # type: ignore[arg-type,return-value]
    return out


@pytest.fixture(scope="module")
def born() -> dict[str, dt.date]:
    header = pd.read_csv(PACK / "data" / "header.csv", dtype=str, keep_default_na=False)
    return {
        row["CHILD"]: dt.datetime.strptime(row["DOB"], "%d/%m/%Y").date()
        for row in header.to_dict("records")
    }


def on(episodes: list[dict[str, object]], day: dt.date) -> int | None:
    """The position of the child's episode on ``day`` (short breaks aside), or None."""
    for n, e in enumerate(episodes):
        if e["start"] <= day and (e["end"] is None or e["end"] > day):  # type: ignore[operator]
            return None if e["LS"] in ("V3", "V4") else n
    return None


def placements(episodes: list[dict[str, object]], first: dt.date, last: dt.date) -> int:
    """The one in progress as the year begins, and each begun in it."""
    ongoing = any(
        e["start"] < first and (e["end"] is None or e["end"] > first)  # type: ignore[operator]
        for e in episodes
    )
    begun = sum(
        1
        for e in episodes
        if first <= e["start"] <= last and e["RNE"] in ("S", "P", "T", "U", "B")  # type: ignore[operator]
    )
    return int(ongoing) + begun


def back(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError


def since(episodes: list[dict[str, object]], n: int, keeps: tuple[str, ...]) -> int:
    """Walking back from episode ``n``: the first of the run of episodes joined end to start
    whose reasons are in ``keeps``."""
    while n > 0:
        here, before = episodes[n], episodes[n - 1]
        if before["end"] != here["start"] or here["RNE"] not in keeps:
            break
        n -= 1
    return n


def stability(
    children: dict[str, list[dict[str, object]]], born: dict[str, dt.date], day: dt.date
) -> dict[str, int]:
    first = dt.date(day.year - 1, 4, 1)
    looked_after = moved = eligible = settled = 0
    for child, episodes in children.items():
        n = on(episodes, day)
        if n is None:
            continue
        looked_after += 1
        moved += placements(episodes, first, day) >= 3
        care = since(episodes, n, ("L", "P", "T", "U", "B"))
        if age_on(born[child], day) >= 16 or episodes[care]["start"] > back(day, 30):  # type: ignore[operator]
            continue
        eligible += 1
        carer = since(episodes, n, ("L", "U", "B"))
        if episodes[n]["PLACE"] in ("A3", "A4", "A5", "A6") and carer > care:
            # Placed for adoption: the time with the carer before counts too.
            carer = since(episodes, carer - 1, ("L", "U", "B"))
        settled += episodes[carer]["start"] <= back(day, 24)  # type: ignore[operator]
    return {"looked_after": looked_after, "moved": moved, "eligible": eligible, "settled": settled}


def test_march_2024_as_the_pack_says(
    children: dict[str, list[dict[str, object]]], born: dict[str, dt.date]
) -> None:
    assert stability(children, born, YEAR_END) == {
        "looked_after": 452,
        "moved": 45,
        "eligible": 212,
        "settled": 144,
    }


def test_march_2023_as_the_pack_says(
    children: dict[str, list[dict[str, object]]], born: dict[str, dt.date]
) -> None:
    assert stability(children, born, LAST_YEAR_END) == {
        "looked_after": 468,
        "moved": 52,
        "eligible": 205,
        "settled": 135,
    }


def test_nobody_is_in_care_at_18(
    children: dict[str, list[dict[str, object]]], born: dict[str, dt.date]
) -> None:
    for child, episodes in children.items():
        last = episodes[-1]["end"] or YEAR_END
        assert age_on(born[child], last) <= 18, child  # type: ignore[arg-type]


# -- through the engine --------------------------------------------------------------------


@pytest.fixture(scope="module")
def figures() -> ItemFigures:
    pack = load_pack(PACK)
    return present(compute_item(pack, pack.item("4")), pack)


def test_the_engine_gives_the_same_figures(figures: ItemFigures) -> None:
    looked_after = figures.kpi("looked_after")
    assert (looked_after.current.value, looked_after.previous.value) == (452, 468)  # type: ignore[union-attr]
    short = figures.kpi("short_term")
    assert (short.current.numerator, short.current.denominator) == (45, 452)
    assert (short.previous.numerator, short.previous.denominator) == (52, 468)  # type: ignore[union-attr]
    long = figures.kpi("long_term")
    assert (long.current.numerator, long.current.denominator) == (144, 212)
    assert (long.previous.numerator, long.previous.denominator) == (135, 205)  # type: ignore[union-attr]
    assert (short.rag, long.rag) == ("green", "amber")
    assert figures.findings == () and figures.excluded == 0


def test_the_sentences_the_minute_will_print(figures: ItemFigures) -> None:
    said = {kpi.id: kpi.narrative for kpi in figures.kpis}
    assert said["looked_after"] == (
        "The number of children looked after on 31 March 2024 was 452, which was 3% lower "
        "than for 2022–23."
    )
    assert said["short_term"] == (
        "10% (45 of 452) of the children looked after on 31 March 2024 had three or more "
        "placements during the year, which was 1 percentage point lower than for 2022–23."
    )
    assert said["long_term"].startswith("68% (144 of 212) of the children under 16 who had")
    assert said["long_term"].endswith("which was 2 percentage points higher than for 2022–23.")
    # England's figures are given for 2023-24 only: no comparison is made.
    assert said["england_long_term"] == (
        "Nationally, 68% (19,750 of 29,000) had lived with the same carer for at least two years."
    )
    # A share's comparison is of its counts (343 against 399), so the count leads the sentence.
    assert said["foster_share"] == (
        "343 of the 452 children looked after on 31 March 2024 (76%) were living with foster "
        "carers, which was 14% lower than for 2022–23."
    )
    themes = {theme.id: theme for theme in figures.themes}
    assert themes["unstable"].cohort == 45 and themes["on_31_march"].cohort == 452
    assert themes["unstable"].narrative.startswith("Of the 45 children with three or more")


def test_the_previous_england_figure_is_no_data_with_the_reason(figures: ItemFigures) -> None:
    england = figures.kpi("england_short_term")
    assert england.previous is None and england.change is None
    assert england.previous_reason == (
        "no 'england_short_term' figure for 2022–23 in the metrics file"
    )


def test_check_json_has_the_same_shape_as_the_missing_packs(figures: ItemFigures) -> None:
    missing_pack = load_pack(MISSING_PACK)
    missing = present(compute_item(missing_pack, missing_pack.item("4")), missing_pack)
    ours, theirs = json.loads(to_json([figures])), json.loads(to_json([missing]))
    item, other = ours["items"][0], theirs["items"][0]
    assert item.keys() == other.keys()
    assert {k for kpi in item["kpis"] for k in kpi} == set(other["kpis"][0])
    assert {k for t in item["themes"] for k in t} == set(other["themes"][0])
    assert (
        len(item["kpis"][0]["months"]) == 12 and item["kpis"][0]["months"][0]["month"] == "2023-04"
    )
    england = next(k for k in item["kpis"] if k["id"] == "england_long_term")
    assert england["previous"] is None and "2022–23" in england["reason"]


def test_in_public_the_headlines_stay_and_small_counts_go() -> None:
    pack = load_pack(PACK)
    public = present(compute_item(pack, pack.item("4")), pack, public=True)
    assert public.kpi("short_term").current.numerator == 45
    assert public.kpi("long_term").current.numerator == 144
    ages = next(b for b in public.theme("on_31_march").breakdowns if b.dimension == "age_group")
    under_one = next(r for r in ages.rows if r.category == "Under 1")
    assert under_one.suppressed and under_one.count is None
