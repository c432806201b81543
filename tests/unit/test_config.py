"""The pack reader: the sample reads, and every kind of mistake gets one clear message."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from panelapp.config import ConfigError, Period, default_previous, load_pack, parse_period

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

DATA = Path(__file__).parents[1] / "data"
ROOT = Path(__file__).parents[2]

CASES = tomllib.loads((DATA / "cases.toml").read_text("utf-8"))["case"]
BAD = {
    Path(arg).name: (case["where"], case["says"])
    for case in CASES
    for arg in case["args"]
    if arg.startswith("{data}/bad_configs/")
}
"""Each bad config's place and words, from the corpus the command line is tested on too."""


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_config_names_file_place_and_fix(name: str) -> None:
    where, words = BAD[name]
    with pytest.raises(ConfigError) as caught:
        load_pack(DATA / "bad_configs" / name)
    message = caught.value.message
    assert message.startswith(str(DATA / "bad_configs" / name))
    assert where in message
    assert words in message
    assert "\n" not in message


def test_every_bad_config_fixture_has_a_test() -> None:
    assert {p.name for p in (DATA / "bad_configs").iterdir()} == set(BAD)


def test_the_sample_pack_reads() -> None:
    pack = load_pack(ROOT / "config.toml")
    assert pack.meeting.committee == "Corporate Parenting Panel"
    item = pack.item("4")
    assert [k.id for k in item.kpis] == [
        "children_missing",
        "episodes",
        "mace_share",
        "looked_after_share",
        "top20_episode_share",
        "rhi_offered_rate",
        "rhi_completed_rate",
    ]
    assert [t.id for t in item.themes] == ["repeat"]
    assert item.period == Period(
        dt.date(2021, 1, 1), dt.date(2021, 12, 31), "January – December 2021"
    )


def test_a_folder_means_its_config_toml() -> None:
    assert load_pack(DATA / "packs" / "minimal").meeting.body == "Test Borough Council"


def test_a_missing_pack_says_so(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_pack(tmp_path / "nowhere.toml")


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ((2021, 1, 1), (2021, 12, 31), ((2020, 1, 1), (2020, 12, 31), "2020")),
        ((2021, 4, 1), (2021, 6, 30), ((2021, 1, 1), (2021, 3, 31), "January 2021 – March 2021")),
        (
            (2021, 3, 1),
            (2021, 3, 31),
            ((2021, 2, 1), (2021, 2, 28), "February 2021"),
        ),
        ((2021, 1, 10), (2021, 1, 19), ((2020, 12, 31), (2021, 1, 9), None)),
    ],
)
def test_default_previous_period(start, end, expected) -> None:  # type: ignore[no-untyped-def]
    previous = default_previous(Period(dt.date(*start), dt.date(*end)))
    assert (previous.start, previous.end) == (dt.date(*expected[0]), dt.date(*expected[1]))
    if expected[2]:
        assert previous.label == expected[2]


def test_command_line_period() -> None:
    assert parse_period("2021-01-01..2021-06-30").end == dt.date(2021, 6, 30)
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_period("2021")
    with pytest.raises(ValueError, match="ends before"):
        parse_period("2021-06-30..2021-01-01")


def test_quoted_as_and_report_file_read_as_typed(tmp_path: Path) -> None:
    text = (DATA / "packs" / "minimal" / "config.toml").read_text()
    (tmp_path / "data").mkdir()
    source = DATA / "packs" / "minimal" / "data" / "episodes.csv"
    (tmp_path / "data" / "episodes.csv").write_bytes(source.read_bytes())
    (tmp_path / "report.md").write_text("425 children went missing.")
    text = text.replace(
        'title = "Children Missing"', 'title = "Children Missing"\nreport_file = "report.md"', 1
    )
    text = text.replace(
        'measure = "distinct_count"',
        'measure = "distinct_count"\nquoted_as = ["children who went missing"]',
        1,
    )
    (tmp_path / "config.toml").write_text(text)
    pack = load_pack(tmp_path / "config.toml")
    item = pack.items[0]
    assert item.report_file == Path("report.md")
    assert item.kpis[0].quoted_as == ("children who went missing",)
