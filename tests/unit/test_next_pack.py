"""`panelapp next`: the next pack from this one, its periods moved on, its comments kept."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from panelapp.cli import main
from panelapp.config import Period, default_next, default_previous, load_pack, tomllib
from panelapp.next_pack import Shift
from panelapp.toml_edit import KEEP, Added, edit
from tests.data.journals.sample import copy_sample
from tests.unit.conftest import run as run_command


@pytest.fixture
def sample(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the sample in its own folder, named by its date."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data-home"))
    (tmp_path / "2022-03-09").mkdir()
    return copy_sample(tmp_path / "2022-03-09")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    return run_command(capsys, "next", *args)


def test_the_next_pack_moves_the_period_on_and_keeps_the_committee(
    sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, str(sample.parent), "--date", "2022-06-08")
    assert (status, err) == (0, "")
    made = sample.parent.parent / "2022-06-08" / "config.toml"
    assert out.startswith(f"Wrote {made}: Corporate Parenting Panel, 8 June 2022.\n")
    assert "item 4: January – December 2022, compared with 2021" in out
    old, new = load_pack(sample), load_pack(made)
    assert new.meeting.date == dt.date(2022, 6, 8)
    assert (new.folder / new.meeting.previous).resolve() == sample.parent.resolve()
    assert new.meeting.members == old.meeting.members and new.meeting.chair == old.meeting.chair
    assert new.meeting.officers == old.meeting.officers
    assert new.meeting.apologies == () and new.meeting.substitutes == ()
    assert [i.title for i in new.items] == [i.title for i in old.items]
    item, was = new.item("4"), old.item("4")
    assert item.kpis == was.kpis and item.themes == was.themes
    assert item.period == Period(
        dt.date(2022, 1, 1), dt.date(2022, 12, 31), "January – December 2022"
    )
    assert item.previous_period == Period(dt.date(2021, 1, 1), dt.date(2021, 12, 31), "2021")
    assert [(new.folder / p).resolve() for p in item.data.episodes] == [
        (old.folder / p).resolve() for p in was.data.episodes
    ]
    assert item.report_file is not None and (new.folder / item.report_file).is_file()
    assert new.item("2").purpose == (
        "To approve the minutes of the meeting held on 9 March 2022 as an accurate record."
    )
    assert "items[4].documents[2]" in out, "'Appendix 1: … January - December 2021' to check"
    assert main(["check", str(made)]) in (0, 1), "the new pack checks"


def test_every_comment_and_untouched_line_is_kept(
    sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        run(capsys, str(sample), "--date", "2022-06-08", "--to", str(sample.parent.parent / "n"))[0]
        == 0
    )
    before = sample.read_text(encoding="utf-8").splitlines()
    after = (sample.parent.parent / "n" / "config.toml").read_text(encoding="utf-8").splitlines()
    assert [line for line in before if line.lstrip().startswith("#")] == [
        line
        for line in after
        if line.lstrip().startswith("#") and "previous meeting: its minutes" not in line
    ]
    changed = set(before) - set(after)
    assert {line.split("=")[0].strip() for line in changed} == {
        "date",
        "apologies",
        "purpose",
        "report_file",
        "episodes",
        "start",
        "end",
        "label",
    }
    assert after[after.index("date = 2022-06-08") + 2] == 'previous = "../2022-03-09"'


def test_an_existing_folder_is_never_written_over(
    sample: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    taken = tmp_path / "taken"
    taken.mkdir()
    (taken / "notes.txt").write_text("mine")
    status, out, err = run(capsys, str(sample), "--date", "2022-06-08", "--to", str(taken))
    assert (status, out) == (2, "")
    assert f"{taken}: already exists and was left as it is" in err
    assert [p.name for p in taken.iterdir()] == ["notes.txt"]
    status, _, err = run(capsys, str(sample), "--date", "2022-03-01")
    assert status == 2 and "must come after this one (2022-03-09)" in err
    assert not (tmp_path / "2022-03-01").exists()
    status, _, err = run(capsys, str(sample), "--date", "8 June")
    assert status == 2 and "should be a date, YYYY-MM-DD" in err


def test_the_templates_folder_is_copied(
    sample: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["templates", "copy", "item.md.j2", "--to", str(sample)]) == 0
    (sample.parent / "templates" / "outside.md.j2").symlink_to(tmp_path / "elsewhere.j2")
    capsys.readouterr()
    status, out, _ = run(
        capsys, str(sample), "--date", "2022-06-08", "--to", str(tmp_path / "next")
    )
    assert status == 0 and f"templates copied to {tmp_path / 'next' / 'templates'}" in out
    copied = tmp_path / "next" / "templates"
    assert (copied / "item.md.j2").read_text() == (
        sample.parent / "templates" / "item.md.j2"
    ).read_text()
    assert (copied / "outside.md.j2").is_symlink(), "a link stays a link, refused when used"
    assert load_pack(tmp_path / "next").templates == Path("templates")


def test_a_chain_of_packs_points_each_back_to_the_one_before(
    sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = sample.parent.parent
    assert run(capsys, str(sample), "--date", "2022-06-08")[0] == 0
    assert run(capsys, str(root / "2022-06-08"), "--date", "2022-09-07")[0] == 0
    third = load_pack(root / "2022-09-07")
    assert third.meeting.previous == Path("../2022-06-08")
    assert third.item("4").period == Period(
        dt.date(2023, 1, 1), dt.date(2023, 12, 31), "January – December 2023"
    )
    assert third.item("2").purpose.endswith("held on 8 June 2022 as an accurate record.")
    assert [(third.folder / p).resolve() for p in third.item("4").data.episodes] == [
        (sample.parent / "data" / "missing_episodes.csv").resolve()
    ]


@pytest.mark.parametrize(
    ("start", "end", "label", "moved"),
    [
        (
            (2021, 1, 1),
            (2021, 12, 31),
            "January – December 2021",
            ((2022, 1, 1), (2022, 12, 31), "January – December 2022"),
        ),
        (
            (2022, 4, 1),
            (2022, 6, 30),
            "April – June 2022",
            ((2022, 7, 1), (2022, 9, 30), "July – September 2022"),
        ),
        (
            (2022, 10, 1),
            (2022, 12, 31),
            "Oct – Dec 2022",
            ((2023, 1, 1), (2023, 3, 31), "Jan – Mar 2023"),
        ),
        ((2021, 4, 1), (2022, 3, 31), "2021/22", ((2022, 4, 1), (2023, 3, 31), "2022/23")),
        ((2022, 2, 1), (2022, 2, 28), "February 2022", ((2022, 3, 1), (2022, 3, 31), "March 2022")),
        # What a shift cannot read gets panelapp's own words for the new range.
        (
            (2022, 1, 1),
            (2022, 3, 31),
            "Q1 2022",
            ((2022, 4, 1), (2022, 6, 30), "April 2022 – June 2022"),
        ),
        (
            (2022, 4, 8),
            (2022, 5, 5),
            "four weeks to 5 May",
            ((2022, 5, 6), (2022, 6, 2), "06 May 2022 – 02 June 2022"),
        ),
    ],
)
def test_a_period_and_its_label_move_on_by_its_own_length(
    start: tuple[int, int, int], end: tuple[int, int, int], label: str, moved: tuple
) -> None:
    period = Period(dt.date(*start), dt.date(*end), label)
    assert Shift.of(period).moved(period) == Period(
        dt.date(*moved[0]), dt.date(*moved[1]), moved[2]
    )


@pytest.mark.parametrize(
    ("start", "end"),
    [((2021, 1, 1), (2021, 12, 31)), ((2022, 4, 1), (2022, 6, 30)), ((2022, 1, 31), (2022, 3, 2))],
)
def test_the_next_period_is_the_previous_rule_in_reverse(
    start: tuple[int, int, int], end: tuple[int, int, int]
) -> None:
    period = Period(dt.date(*start), dt.date(*end))
    after = default_next(period)
    assert (default_previous(after).start, default_previous(after).end) == (
        period.start,
        period.end,
    )
    assert after.start == period.end + dt.timedelta(days=1)


# -- editing a config.toml in place ----------------------------------------------------------

TEXT = """\
# A pack.
[meeting]
date = 2022-03-09   # the meeting
members = [
    "A",  # the chair
    "B",
]
note = "a [bracket] and # hash"
"quoted" = 1

[[items]]
number = "1"

[[items]]
number = "2"
purpose = \"\"\"Two
lines [of it]\"\"\"
"""


def test_edit_changes_only_what_it_is_asked_and_keeps_comments() -> None:
    def change(place: tuple[str, int], name: str, value: object) -> object:
        if (place, name) == (("meeting", -1), "date"):
            return dt.date(2022, 6, 8)
        if name == "members":
            return ["A"]
        if (place, name) == (("items", 1), "purpose"):
            return "One line"
        return KEEP

    added = (
        Added(("meeting", -1), "previous", "../x", "Where it came from.", after="date"),
        Added(("meeting", -1), "date", dt.date(2000, 1, 1)),  # present: never twice
    )
    out = edit(TEXT, change, added)
    assert out == (
        "# A pack.\n[meeting]\ndate = 2022-06-08   # the meeting\n# Where it came from.\n"
        'previous = "../x"\nmembers = ["A"]\nnote = "a [bracket] and # hash"\n"quoted" = 1\n\n'
        '[[items]]\nnumber = "1"\n\n[[items]]\nnumber = "2"\npurpose = "One line"\n'
    )
    assert tomllib.loads(out)["items"][1]["purpose"] == "One line"
    assert edit(TEXT, lambda *_: KEEP) == TEXT
    crlf = TEXT.replace("\n", "\r\n")
    assert edit(crlf, change, added).count("\r\n") == edit(TEXT, change, added).count("\n")


def test_a_header_inside_a_multi_line_string_is_not_a_table() -> None:
    text = 'title = """\n[meeting]\ndate = 1\n"""\n[meeting]\ndate = 2\n'
    out = edit(text, lambda place, name, value: 3 if place == ("meeting", -1) else KEEP)
    assert tomllib.loads(out) == {"title": "[meeting]\ndate = 1\n", "meeting": {"date": 3}}
    assert re.search(r"^title", out)
