"""`panelapp actions`: a committee's action log across three meetings, read only."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.data.journals.between import (
    Meetings,
    folders,
    hold_june,
    hold_march,
    hold_september,
)
from tests.unit.conftest import run as run_command


@pytest.fixture
def meetings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Meetings:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data-home"))
    held = folders(tmp_path)
    hold_march(held)
    hold_june(held)
    hold_september(held)
    return held


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    return run_command(capsys, "actions", *args)


def folders_of(meetings: Meetings) -> list[str]:
    return [str(c.parent) for c in (meetings.march, meetings.june, meetings.september)]


def test_json_lists_every_action_oldest_due_first_with_its_latest_status(
    meetings: Meetings, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, *folders_of(meetings), "--json", "--as-of", "2022-09-07")
    assert (status, err) == (0, "")
    listed = json.loads(out)
    assert [(a["reference"], a["due"], a["status"], a["overdue"]) for a in listed] == [
        ("CPP-2022-03-09/4", "2022-04-30", "in_progress", True),
        ("CPP-2022-03-09/2", "next meeting", "done", False),
        ("CPP-2022-03-09/1", "2022-06-15", "done", False),
        ("CPP-2022-06-08/1", "next meeting", "dropped", False),
    ], "'next meeting' is due at the next meeting: 8 June for March's, 7 September for June's"
    shared = listed[1]
    assert shared["meeting"] == "2022-03-09" and shared["owner"] == "Julie Daley"
    assert shared["action"] == "Share the EMPIRE relationship work with Members"
    assert shared["points"] == ["including the foster carers' part"]
    assert shared["update"] == "Shared at the July session." and shared["updated"] == "2022-09-07"
    assert [(h["meeting"], h["status"]) for h in shared["history"]] == [
        ("2022-06-08", "carried_forward"),
        ("2022-09-07", "done"),
    ]


def test_open_owner_and_csv(meetings: Meetings, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, *folders_of(meetings), "--open", "--csv", "--as-of", "2022-06-01")
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["reference"] for r in rows] == ["CPP-2022-03-09/4"]
    assert rows[0] == {
        "reference": "CPP-2022-03-09/4",
        "meeting": "2022-03-09",
        "item": "4",
        "action": "Brief Members on the MACE protocol",
        "owner": "Sam Okafor",
        "due": "2022-04-30",
        "status": "in_progress",
        "overdue": "yes",
        "update": "",
        "updated": "2022-06-08",
    }
    _, out, _ = run(capsys, *folders_of(meetings), "--owner", "franklin", "--json")
    assert {a["reference"] for a in json.loads(out)} == {"CPP-2022-03-09/1", "CPP-2022-06-08/1"}


def test_one_folder_brings_the_meetings_before_it(
    meetings: Meetings, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run(capsys, str(meetings.september.parent), "--json")
    assert len(json.loads(out)) == 4
    _, out, _ = run(capsys, str(meetings.march.parent), "--json")
    assert [a["status"] for a in json.loads(out)] == ["open", "open", "open"], "as March left it"


def test_the_table_flags_overdue_actions(
    meetings: Meetings, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(capsys, str(meetings.june.parent), "--as-of", "2022-06-08")
    assert status == 0
    assert "CPP-2022-03-09/4" in out and "OVERDUE" in out
    assert out.rstrip().endswith("4 actions: 3 open, 1 overdue.")


def test_journals_are_only_read_and_a_pack_without_one_has_no_actions(
    meetings: Meetings, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    journals = [m.parent / "config.journal.sqlite" for m in (meetings.march, meetings.june)]
    before = {p: p.read_bytes() for p in journals}
    listing = {p.parent: sorted(q.name for q in p.parent.iterdir()) for p in journals}
    meetings.journal(meetings.september).unlink()
    _, out, err = run(capsys, str(meetings.september.parent), "--json")
    assert err == ""
    assert {p: p.read_bytes() for p in journals} == before
    assert {p.parent: sorted(q.name for q in p.parent.iterdir()) for p in journals} == listing
    assert not meetings.journal(meetings.september).exists(), "no journal is started"
    assert [a["status"] for a in json.loads(out)] == [
        "in_progress",
        "carried_forward",
        "done",
        "open",
    ]


def test_an_older_journal_is_listed_without_being_upgraded(
    meetings: Meetings, capsys: pytest.CaptureFixture[str]
) -> None:
    march = meetings.journal(meetings.march)
    with sqlite3.connect(march) as conn:  # as the release before references left it
        conn.execute("DROP INDEX entry_ref")
        conn.execute("ALTER TABLE entry DROP COLUMN ref_number")
        conn.execute("DROP TABLE action_update")
        conn.execute("DROP TABLE approval")
        conn.execute("PRAGMA user_version = 3")
    conn.close()
    before = march.read_bytes()
    _, out, err = run(capsys, str(meetings.march.parent), "--json")
    assert err == ""
    assert [a["reference"] for a in json.loads(out)] == [
        "CPP-2022-03-09/4",
        "CPP-2022-03-09/1",
        "CPP-2022-03-09/2",
    ], "numbered as captured, the deleted third included, as an upgrade numbers them"
    assert march.read_bytes() == before


def test_what_cannot_be_read_is_noted_and_the_rest_listed(
    meetings: Meetings, capsys: pytest.CaptureFixture[str]
) -> None:
    meetings.journal(meetings.march).write_bytes(b"not a journal")
    status, out, err = run(capsys, str(meetings.september.parent), "--json")
    assert status == 1
    assert err.startswith("panelapp: note: ") and "is not a panelapp journal" in err
    assert len(err.splitlines()) == 1
    assert {a["reference"] for a in json.loads(out)} >= {"CPP-2022-06-08/1", "CPP-2022-03-09/2"}


def test_two_meetings_raising_one_reference_are_reported(
    meetings: Meetings, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(meetings.march.parent, copy)
    status, out, err = run(capsys, str(meetings.march.parent), str(copy), "--json")
    assert status == 1
    assert err.count("is raised by two meetings' journals") == 3
    assert len(json.loads(out)) == 3


def test_a_folder_that_is_not_a_pack_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, str(tmp_path / "nowhere"))
    assert (status, out) == (2, "")
    assert "nowhere: does not exist" in err
    status, _, err = run(capsys, "--as-of", "June")
    assert status == 2 and "--as-of 'June' should be a date" in err
