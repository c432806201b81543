"""A child named in typed text: found in any common UK date form, replaced in public."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from panelapp.config import load_pack
from panelapp.metrics.child_index import figure_numbers, read_identifiers
from panelapp.metrics.store import raw_figures
from panelapp.minutes.identifiers import Identifiers, dates_in, find, redact, warning

SAMPLE = Path(__file__).resolve().parents[2] / "config.toml"
BORN = dt.date(2005, 2, 2)
IDS = Identifiers(children=frozenset({"zk001x", "c10796", "12345"}), births=frozenset({BORN}))


@pytest.mark.parametrize(
    "written",
    [
        "02/02/2005",
        "2/2/2005",
        "2/2/05",
        "2.2.2005",
        "2-2-2005",
        "2005-02-02",
        "2 February 2005",
        "2nd February 2005",
        "2nd of Feb 2005",
        "2 Feb. 2005",
        "February 2, 2005",
        "february 2nd 2005",
    ],
)
def test_a_date_of_birth_is_found_in_any_common_uk_form(written: str) -> None:
    text = f"What happened with ZK001X, born {written}?"
    assert [(n.what, n.text) for n in find(text, IDS)] == [("child", "ZK001X"), ("date", written)]
    assert redact(text, IDS) == "What happened with [child], born [date]?"


@pytest.mark.parametrize(
    "text",
    [
        "A review on 3 February 2005 of the 12 cases",  # another date
        "ZK001 and ZK001XY are not ids",  # not whole tokens
        "a period 12/02/20055 or 2005-02-022",  # not dates
        "c1079",  # too short to be one of them
    ],
)
def test_what_is_not_a_child_is_left_alone(text: str) -> None:
    assert find(text, IDS) == []
    assert redact(text, IDS) == text


def test_tokens_are_whole_and_case_blind() -> None:
    assert redact("zk001x's review; see C10796-related notes", IDS) == (
        "[child]'s review; see [child]-related notes"
    )
    assert find("Nothing to check", Identifiers()) == []


def test_the_warning_never_quotes_what_it_found() -> None:
    said = warning("ZK001X born 2/2/2005", IDS, "4")
    assert "ZK001X" not in said and "2005" not in said
    assert "a child's identifier and a child's date of birth from item 4" in said
    assert "[child] and [date]" in said
    assert warning("nothing here", IDS, "4") == ""


def test_two_digit_years_are_in_the_past() -> None:
    [(_, _, day)] = list(dates_in("born 1/1/99"))
    assert day == dt.date(1999, 1, 1)


def test_the_sample_items_children_are_read_from_its_data_not_its_figures() -> None:
    pack = load_pack(SAMPLE)
    item = pack.item("4")
    ids = read_identifiers(pack, item)
    assert "c10796" in ids.children and dt.date(2004, 5, 2) in ids.births
    assert ids.problem == ""
    assert read_identifiers(pack, pack.item("1")) == Identifiers(), "no data, no children"
    [figures] = [f for f in raw_figures(pack) if f.item.number == "4"]
    shown = figure_numbers(figures)
    assert {425, 134, 2050} <= shown
    numeric = Identifiers(children=frozenset({"20500"}))
    assert find("20500 episodes", numeric), "without the figures, a number is looked for"


def test_a_numeric_child_id_that_is_also_a_figure_is_not_looked_for(tmp_path: Path) -> None:
    pack = load_pack(SAMPLE)
    item = pack.item("4")
    [figures] = [f for f in raw_figures(pack) if f.item.number == "4"]
    data = tmp_path / "episodes.csv"
    rows = (SAMPLE.parent / item.data.episodes[0]).read_text().splitlines()
    rows[1] = rows[1].replace("C10796", "20500", 1)
    rows[2] = rows[2].replace("C10764", "02050", 1)
    data.write_text("\n".join(rows) + "\n")
    from dataclasses import replace

    from panelapp.config import DataSources

    moved = replace(item, data=DataSources(episodes=(data,)))
    ids = read_identifiers(pack, moved, figures)
    assert "20500" in ids.children and "02050" not in ids.children


def test_a_file_that_cannot_be_read_says_so(tmp_path: Path) -> None:
    pack = load_pack(SAMPLE)
    from dataclasses import replace

    from panelapp.config import DataSources

    moved = replace(pack.item("4"), data=DataSources(episodes=(tmp_path / "gone.csv",)))
    ids = read_identifiers(pack, moved)
    assert ids.children == frozenset() and "does not exist" in ids.problem
