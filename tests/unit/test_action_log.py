"""The action log: references given once and never again, statuses across meetings, overdue."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from panelapp.config import Meeting
from panelapp.minutes import migrations
from panelapp.minutes.action_log import (
    LoggedAction,
    MeetingLog,
    Raised,
    Update,
    clear_update,
    merge,
    prefix,
    read_log,
    record_update,
    updates_in,
)
from panelapp.minutes.entries import Kind
from panelapp.minutes.journal import Journal, JournalError

MARCH = dt.date(2022, 3, 9)
JUNE = dt.date(2022, 6, 8)
HEAD = "CPP-2022-03-09"


@pytest.fixture
def journal(tmp_path: Path) -> Journal:
    opened = Journal.open(tmp_path / "meeting.journal.sqlite", references=HEAD)
    yield opened  # type: ignore[misc]
    opened.close()


def test_the_prefix_is_the_committees_initials_and_the_date() -> None:
    def of(committee: str) -> str:
        return prefix(Meeting("Council", committee, MARCH))

    assert of("Corporate Parenting Panel") == HEAD
    assert of("Children and Young People Sub-Committee") == "CYPSC-2022-03-09"
    assert of("") == "ACTION-2022-03-09"


def test_a_reference_is_never_given_twice_whatever_happens_to_actions(journal: Journal) -> None:
    first = journal.add(Kind.ACTION, "Report back", item="4", owner="Hannah Franklin")
    gone = journal.add(Kind.ACTION, "Mistyped", item="4")
    journal.delete(gone.id)
    undone = journal.add(Kind.ACTION, "Added in error", item="4")
    journal.undo()  # the add is taken back: the row stays, deleted, with its number
    note = journal.add(Kind.NOTE, "Chair to write to the police", item="4")
    made = journal.edit(note.id, kind=Kind.ACTION)  # a note corrected to an action
    journal.edit(made.id, kind=Kind.NOTE)  # and back: it keeps its number
    journal.undo()
    moved = journal.add(Kind.ACTION, "Brief Members", item="2")
    journal.move_up(moved.id)
    last = journal.add(Kind.ACTION, "Last", item="4")
    numbers = {e.text: e.ref_number for e in journal.actions()}
    assert numbers == {
        "Report back": 1,
        "Chair to write to the police": 4,
        "Brief Members": 5,
        "Last": 6,
    }
    assert journal.get(gone.id).ref_number == 2 and journal.get(undone.id).ref_number == 3
    assert first.ref_number == 1 and last.ref_number == 6
    assert journal.references == HEAD


def test_the_prefix_is_kept_with_the_first_action(tmp_path: Path) -> None:
    path = tmp_path / "meeting.journal.sqlite"
    with Journal.open(path, references="CPP-2022-03-02") as journal:
        journal.add(Kind.NOTE, "before any action", item="1")
    with Journal.open(path, references=HEAD) as journal:
        assert journal.references == HEAD, "no action yet: the pack's date (moved) stands"
        journal.add(Kind.ACTION, "Report back", item="4")
    with Journal.open(path, references="CPP-2022-03-10") as journal:
        assert journal.references == HEAD, "a reference once given keeps its date"


def _version_3(path: Path) -> None:
    """A journal as the release before references wrote it: schema 3, no ref_number."""
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA journal_mode = WAL")
        migrations.migrate(conn, migrations.MIGRATIONS[:3])
        for at, (kind, text) in enumerate(
            [("action", "First"), ("note", "A note"), ("action", "Gone"), ("action", "Third")],
            start=1,
        ):
            conn.execute(
                "INSERT INTO entry (kind, item, grp, position, created, text, owner, deleted) "
                "VALUES (?, '4', ?, ?, '2022-03-09T16:00:00+00:00', ?, 'Julie Daley', ?)",
                (kind, kind, at, text, "2022-03-09T16:30:00+00:00" if text == "Gone" else None),
            )
    conn.close()


def test_an_older_journal_is_read_as_it_is_and_numbered_as_an_upgrade_would(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.journal.sqlite"
    _version_3(path)
    before = path.read_bytes()
    with Journal.open(path, read_only=True, references=HEAD) as journal:
        assert journal.schema == 3
        log = read_log(journal, MARCH, HEAD)
        with pytest.raises(JournalError, match="another meeting's journal"):
            journal.add(Kind.NOTE, "never", item="1")
    assert [(r.reference, r.text) for r in log.raised] == [
        (f"{HEAD}/1", "First"),
        (f"{HEAD}/3", "Third"),
    ]
    assert log.updates == ()
    assert path.read_bytes() == before, "read only: not upgraded, not written"
    with Journal.open(path) as upgraded:  # the meeting's own release brings it up to date
        numbers = {e.text: e.ref_number for e in upgraded.actions()}
    assert numbers == {"First": 1, "Third": 3}


def test_a_missing_journal_is_never_created_when_read(tmp_path: Path) -> None:
    path = tmp_path / "none.journal.sqlite"
    with pytest.raises(JournalError, match="does not exist"):
        Journal.open(path, read_only=True)
    assert not path.exists()


def test_an_update_replaces_this_meetings_earlier_one_and_can_be_cleared(
    journal: Journal,
) -> None:
    action = LoggedAction(f"{HEAD}/2", "Share the work", "Julie Daley", "next meeting", "4")
    record_update(journal, action, "in_progress", "Started")
    record_update(journal, action, "carried_forward", "Awaiting EMPIRE")
    [update] = updates_in(journal, JUNE)
    assert (update.status, update.note, update.recorded) == (
        "carried_forward",
        "Awaiting EMPIRE",
        JUNE,
    )
    assert (update.action, update.owner, update.due) == (
        "Share the work",
        "Julie Daley",
        "next meeting",
    )
    with pytest.raises(ValueError, match="not a status"):
        record_update(journal, action, "finished")
    clear_update(journal, action.reference)
    assert updates_in(journal, JUNE) == ()


def _raised(number: int, text: str, day: dt.date = MARCH, **more: str) -> Raised:
    return Raised(f"CPP-{day.isoformat()}/{number}", text, raised=day, **more)


def test_the_latest_update_is_the_status_and_history_is_kept() -> None:
    march = MeetingLog(MARCH, "march", (_raised(1, "Report"), _raised(2, "Share")))
    june = MeetingLog(
        JUNE,
        "june",
        (_raised(1, "New one", JUNE),),
        (
            Update(f"{HEAD}/1", "done", "Rose to 61%", JUNE, "2022-06-08T16:10:00"),
            Update(f"{HEAD}/2", "carried_forward", "July", JUNE, "2022-06-08T16:11:00"),
        ),
    )
    september = MeetingLog(
        dt.date(2022, 9, 7),
        "september",
        updates=(Update(f"{HEAD}/2", "done", "Shared", dt.date(2022, 9, 7), "2022-09-07T16:00"),),
    )
    merged = merge([september, june, march])  # any order: by meeting date
    by_ref = {a.reference: a for a in merged.actions}
    assert [a.reference for a in merged.actions] == [
        f"{HEAD}/1",
        f"{HEAD}/2",
        "CPP-2022-06-08/1",
    ]
    assert by_ref[f"{HEAD}/1"].status == "done" and not by_ref[f"{HEAD}/1"].is_open
    shared = by_ref[f"{HEAD}/2"]
    assert [(u.recorded, u.status) for u in shared.history] == [
        (JUNE, "carried_forward"),
        (dt.date(2022, 9, 7), "done"),
    ]
    assert by_ref["CPP-2022-06-08/1"].status == "open"
    assert merged.conflicts == ()


def test_an_update_about_an_action_no_meeting_given_raised_brings_its_words() -> None:
    update = Update(
        f"{HEAD}/7", "carried_forward", "", JUNE, "t", MARCH, "Write to the police", "Chair", ""
    )
    [action] = merge([MeetingLog(JUNE, "june", updates=(update,))]).actions
    assert (action.text, action.owner, action.raised) == ("Write to the police", "Chair", MARCH)
    assert action.is_open


def test_two_meetings_raising_the_same_reference_are_reported() -> None:
    one = MeetingLog(MARCH, "a/config.journal.sqlite", (_raised(1, "Report"),))
    copy = MeetingLog(MARCH, "b/config.journal.sqlite", (_raised(1, "Other"),))
    merged = merge([one, copy])
    assert [a.text for a in merged.actions] == ["Report"]
    [conflict] = merged.conflicts
    assert f"{HEAD}/1 is raised by two meetings' journals" in conflict
    assert "a/config.journal.sqlite" in conflict and "b/config.journal.sqlite" in conflict


@pytest.mark.parametrize(
    ("due", "status", "today", "overdue"),
    [
        ("2022-04-30", "open", JUNE, True),
        ("2022-04-30", "in_progress", JUNE, True),
        ("2022-04-30", "done", JUNE, False),
        ("2022-04-30", "open", dt.date(2022, 4, 30), False),
        ("next meeting", "open", JUNE, False),  # due that day: not yet overdue
        ("next meeting", "carried_forward", dt.date(2022, 6, 9), True),
        ("by the next meeting", "open", dt.date(2022, 6, 9), True),
        ("the summer", "open", dt.date(2030, 1, 1), False),  # no date: never flagged
    ],
)
def test_overdue_is_open_and_due_before_today(
    due: str, status: str, today: dt.date, overdue: bool
) -> None:
    history = () if status == "open" else (Update("r", status, recorded=JUNE),)
    action = LoggedAction("r", "Report", due=due, raised=MARCH, history=history)
    assert action.overdue(today, [MARCH, JUNE]) is overdue
