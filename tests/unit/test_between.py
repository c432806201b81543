"""Between meetings: the previous minutes approved, actions followed up, in the next minute."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from panelapp.config import load_pack
from panelapp.minutes.action_log import record_update
from panelapp.minutes.draft import Minutes, prepare_minutes
from panelapp.minutes.entries import Kind
from panelapp.minutes.export import render
from panelapp.minutes.facts import facts
from panelapp.minutes.notices import notices
from panelapp.minutes.previous import previous_minutes_item, read_previous
from tests.data.journals.between import (
    JUNE,
    MARCH,
    Meetings,
    folders,
    hold_june,
    hold_march,
    hold_september,
    open_journal,
)


@pytest.fixture
def meetings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Meetings:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data-home"))
    return folders(tmp_path)


def draft(config: Path, *, public: bool = False) -> Minutes:
    pack = load_pack(config)
    return prepare_minutes(
        pack, journal=config.parent / "config.journal.sqlite", figures=[], public=public
    )


def markdown(minutes: Minutes) -> str:
    text = render(minutes, "md")
    assert isinstance(text, str)
    return text


def log_rows(text: str) -> list[list[str]]:
    """The action log table's rows, cell by cell (the header and rule left out)."""
    table = text[text.index("## Action log") :].splitlines()[4:]
    return [[cell.strip() for cell in row.strip("|").split("|")] for row in table if row]


def test_approval_updates_and_carry_forward_reach_the_second_minute(meetings: Meetings) -> None:
    hold_march(meetings)
    before = meetings.journal(meetings.march).read_bytes()
    hold_june(meetings)
    text = markdown(draft(meetings.june))
    item = text[text.index("## 2. Minutes of the Previous Meeting") : text.index("## 3.")]
    assert (
        "To approve the minutes of the meeting held on 9 March 2022 as an accurate record." in item
    )
    assert (
        "RESOLVED: That the minutes of the meeting held on 9 March 2022 be agreed as an "
        "accurate record.\n"
    ) in item
    assert log_rows(text) == [
        [
            "CPP-2022-03-09/1",
            "Report RHI completion after the process review",
            "Hannah Franklin",
            "15 June 2022",
            "Done",
            "Completion rose to 61%.",
        ],
        [
            "CPP-2022-03-09/2",
            "Share the EMPIRE relationship work with Members • including the foster carers' part",
            "Julie Daley",
            "next meeting",
            "Carried forward",
            "Awaiting EMPIRE's July session.",
        ],
        [
            "CPP-2022-03-09/4",
            "Brief Members on the MACE protocol",
            "Sam Okafor",
            "30 April 2022",
            "In progress",
            "",
        ],
        [
            "CPP-2022-06-08/1",
            "Bring the Q1 figures to the next meeting",
            "Hannah Franklin",
            "next meeting",
            "Open",
            "",
        ],
    ]
    assert meetings.journal(meetings.march).read_bytes() == before, "the March journal is read only"


def test_minutes_agreed_subject_to_a_correction_say_it(meetings: Meetings) -> None:
    hold_march(meetings)
    hold_june(meetings, subject_to="item 4: Councillor Nair's apologies were received")
    text = markdown(draft(meetings.june))
    assert (
        "RESOLVED: That the minutes of the meeting held on 9 March 2022 be agreed as an "
        "accurate record, subject to the following amendment: item 4: Councillor Nair's "
        "apologies were received.\n"
    ) in text


def test_the_third_minute_lists_what_was_open_at_its_start_with_earlier_notes(
    meetings: Meetings,
) -> None:
    hold_march(meetings)
    hold_june(meetings)
    with open_journal(meetings.june, JUNE) as journal:
        # June's word on the MACE briefing, which September leaves as it is.
        previous = {a.reference: a for a in read_previous(load_pack(meetings.june)).open_actions()}
        record_update(
            journal, previous["CPP-2022-03-09/4"], "in_progress", "Training booked for July."
        )
    hold_september(meetings)
    minutes = draft(meetings.september)
    rows = log_rows(markdown(minutes))
    assert [(r[0], r[4], r[5]) for r in rows] == [
        ("CPP-2022-03-09/2", "Done", "Shared at the July session."),
        ("CPP-2022-03-09/4", "In progress", "8 June 2022: Training booked for July."),
        ("CPP-2022-06-08/1", "Dropped", "Superseded by the annual report."),
    ], "March's first action, done in June, is no longer followed up"
    assert all(a.carried for a in minutes.actions)
    assert "held on 8 June 2022 be agreed as an accurate record." in markdown(minutes)


def test_the_json_carries_references_statuses_and_the_approval(meetings: Meetings) -> None:
    hold_march(meetings)
    hold_june(meetings)
    with open_journal(meetings.june, JUNE) as journal:
        journal.add(Kind.RESOLUTION, "Note the update.", item="4")
    shown = facts(draft(meetings.june))
    actions = {a["reference"]: a for a in shown["actions"]}
    assert actions["CPP-2022-03-09/2"] | {"points": []} == {
        "reference": "CPP-2022-03-09/2",
        "owner": "Julie Daley",
        "text": "Share the EMPIRE relationship work with Members",
        "due": "next meeting",
        "item": "4",
        "points": [],
        "raised": "9 March 2022",
        "carried": True,
        "status": "carried_forward",
        "update": "Awaiting EMPIRE's July session.",
        "update_from": "",
    }
    assert actions["CPP-2022-06-08/1"]["carried"] is False
    assert actions["CPP-2022-06-08/1"]["status"] == "open"
    items = {i["number"]: i for i in shown["items"]}
    assert items["2"]["approval"] == {"agreed": True, "held": "9 March 2022", "subject_to": ""}
    assert items["4"]["approval"] is None
    [raised] = [e for e in items["4"]["entries"] if e["kind"] == "action"]
    assert raised["reference"] == "CPP-2022-06-08/1"


def test_a_missing_previous_pack_is_said_and_the_meeting_is_minuted_anyway(
    meetings: Meetings,
) -> None:
    hold_march(meetings)
    hold_june(meetings)
    meetings.march.unlink()  # the pack moved away; its data files (June's too) stay
    minutes = draft(meetings.june)
    [problem] = minutes.between
    assert "2022-03-09/config.toml: does not exist" in problem
    text = markdown(minutes)
    assert (
        "RESOLVED: That the minutes of the previous meeting be agreed as an accurate record."
        in (text)
    )
    # March's actions are known from June's own updates; the Q1 figures are June's.
    assert [r[0] for r in log_rows(text)] == ["CPP-2022-06-08/1"]
    said = notices(minutes, register="press a")
    assert any(
        s.startswith("The meetings before this one: ") and "does not exist" in s for s in said
    )


def test_an_unreadable_previous_journal_is_said_in_one_line(meetings: Meetings) -> None:
    meetings.journal(meetings.march).write_text("Minutes of the last meeting\n")
    previous = read_previous(load_pack(meetings.june))
    assert previous.meeting is not None and previous.meeting.date == MARCH
    assert "is not a panelapp journal (not an SQLite file)" in previous.problem
    assert "\n" not in previous.problem
    assert previous.open_actions() == ()
    [said] = [s for s in notices(draft(meetings.june), register="") if "journal" in s]
    assert said.startswith("The meetings before this one: ") and not said.endswith(".."), said


def test_two_meetings_claiming_the_same_reference_are_reported(meetings: Meetings) -> None:
    hold_march(meetings)
    # The June folder was made by copying March's, journal and all.
    shutil.copy(meetings.journal(meetings.march), meetings.journal(meetings.june))
    minutes = draft(meetings.september)
    assert any("CPP-2022-03-09/1 is raised by two meetings' journals" in b for b in minutes.between)


def test_a_public_minute_names_no_child_in_an_earlier_meetings_action(meetings: Meetings) -> None:
    with open_journal(meetings.march, MARCH) as journal:
        journal.add(Kind.ACTION, "Follow up C10796's return interview", item="4", owner="HF")
    text = markdown(draft(meetings.june, public=True))
    assert "Follow up [child]'s return interview" in text and "C10796" not in text
    private = markdown(draft(meetings.june))
    assert "C10796" in private


def test_the_previous_minutes_item_is_its_kind_else_its_title(meetings: Meetings) -> None:
    pack = load_pack(meetings.march)
    assert previous_minutes_item(pack) == pack.item("2")
    config = meetings.march.read_text(encoding="utf-8").replace('kind = "previous_minutes"\n', "")
    meetings.march.write_text(config, encoding="utf-8")
    assert previous_minutes_item(load_pack(meetings.march)) == load_pack(meetings.march).item("2")
    renamed = config.replace('title = "Minutes of the Previous Meeting"', 'title = "Minutes"')
    meetings.march.write_text(renamed, encoding="utf-8")
    assert previous_minutes_item(load_pack(meetings.march)) is None
