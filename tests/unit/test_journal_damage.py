"""A journal changed outside panelapp, or one it may only read: every row still shown, none lost.

A row the app cannot read is listed as unreadable, with its id and what of
its text decodes, and exported as a marked placeholder in the private draft;
a file or folder that cannot be written opens read-only and says why before
anything is typed.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from panelapp.cli import main
from panelapp.minutes import migrations
from panelapp.minutes.draft import build_minutes, load_captured
from panelapp.minutes.entries import Kind
from panelapp.minutes.export import render
from panelapp.minutes.journal import Journal, JournalError
from tests.data.journals.sample import copy_sample, sample_pack

NOON = dt.datetime(2022, 3, 9, 12, 0, tzinfo=dt.timezone.utc)


def meeting(path: Path) -> dict[str, int]:
    """A journal of item 4 with a query, a response and a resolution, and an apology."""
    with Journal.open(path, clock=lambda: NOON) as journal:
        ids = {
            "query": journal.add(Kind.QUERY, "How many?", item="4", speaker="Cllr Ali").id,
            "response": journal.add(Kind.RESPONSE, "Four hundred.", item="4").id,
            "resolution": journal.add(Kind.RESOLUTION, "Note the report", item="4").id,
            "apology": journal.add(Kind.ATTENDANCE, "Cllr Bennett", role="apologies").id,
        }
    return ids


def damage(path: Path, sql: str, *args: object) -> None:
    """Change the file as another tool would, behind panelapp's back."""
    conn = sqlite3.connect(path)
    conn.execute(sql, args)
    conn.commit()
    conn.close()


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "meeting.journal.sqlite"


BAD_ROWS = [
    ("UPDATE entry SET kind = 'minute' WHERE id = ?", "its kind 'minute' is not one", "How many?"),
    ("UPDATE entry SET created = 'yesterday' WHERE id = ?", "its created time is not", "How many?"),
    (
        "UPDATE entry SET text = CAST(X'48C3FF21' AS TEXT) WHERE id = ?",
        "is not UTF-8",
        "H\ufffd\ufffd!",
    ),
    ("UPDATE entry SET position = 'first' WHERE id = ?", "its position is not a number", "How"),
    ("UPDATE entry SET edited = 'later' WHERE id = ?", "its edited time is not", "How many?"),
]


@pytest.mark.parametrize(("sql", "why", "text"), BAD_ROWS)
def test_a_row_that_cannot_be_read_is_listed_as_unreadable_with_its_id_and_text(
    path: Path, sql: str, why: str, text: str
) -> None:
    ids = meeting(path)
    damage(path, sql, ids["query"])
    with Journal.open(path) as journal:
        entries = journal.item_entries("4")
        assert [e.kind for e in entries] == [Kind.RESPONSE, Kind.RESOLUTION, Kind.UNREADABLE]
        unreadable = entries[-1]
        assert unreadable.id == ids["query"]
        assert why in unreadable.problem
        assert unreadable.text.startswith(text)
        # The rest of the journal reads and writes as before.
        assert [e.text for e in journal.meeting_entries()] == ["Cllr Bennett"]
        journal.add(Kind.NOTE, "Still saving", item="4")
        assert journal.get(ids["query"]).kind is Kind.UNREADABLE


def test_an_unreadable_row_can_be_deleted_and_brought_back(path: Path) -> None:
    ids = meeting(path)
    damage(path, "UPDATE entry SET kind = 'minute' WHERE id = ?", ids["query"])
    with Journal.open(path) as journal:
        journal.delete(ids["query"])
        assert Kind.UNREADABLE not in [e.kind for e in journal.item_entries("4")]
        assert journal.undo_label() == "delete entry"
        journal.undo()
        assert journal.item_entries("4")[-1].id == ids["query"]


def test_an_unreadable_row_is_a_placeholder_in_the_private_draft_only(path: Path) -> None:
    ids = meeting(path)
    damage(path, "UPDATE entry SET kind = 'minute' WHERE id = ?", ids["query"])
    damage(path, "UPDATE entry SET created = 'soon' WHERE id = ?", ids["apology"])
    pack = sample_pack()
    captured = load_captured(path, [item.number for item in pack.items])
    private = render(build_minutes(pack, [], captured), "md")
    assert isinstance(private, str)
    assert "To check by hand: journal entries that could not be read" in private
    assert f"Journal entry {ids['query']} could not be read" in private
    assert "How many?" in private
    assert f"Journal entry {ids['apology']} could not be read" in private
    assert "Note the report" in private  # everything else is there as usual
    public = render(build_minutes(pack, [], captured, public=True), "md")
    assert isinstance(public, str)
    assert "could not be read" not in public and "How many?" not in public


def test_an_unreadable_row_is_a_placeholder_in_the_private_json_never_an_entry(
    path: Path,
) -> None:
    ids = meeting(path)
    damage(path, "UPDATE entry SET kind = 'minute' WHERE id = ?", ids["query"])
    damage(path, "UPDATE entry SET created = 'soon' WHERE id = ?", ids["apology"])
    pack = sample_pack()
    captured = load_captured(path, [item.number for item in pack.items])
    private = json.loads(str(render(build_minutes(pack, [], captured), "json")))
    [item] = [i for i in private["items"] if i["number"] == "4"]
    assert [e["kind"] for e in item["entries"]] == ["response", "resolution"]
    [placeholder] = item["unreadable"]
    assert f"Journal entry {ids['query']} could not be read" in placeholder
    assert "How many?" in placeholder
    assert private["meeting"]["entries"] == []
    assert f"Journal entry {ids['apology']}" in private["meeting"]["unreadable"][0]
    public = str(render(build_minutes(pack, [], captured, public=True), "json"))
    assert "could not be read" not in public and "How many?" not in public
    assert "unreadable" not in [
        e["kind"] for i in json.loads(public)["items"] for e in i["entries"]
    ]


def test_the_export_command_writes_a_draft_past_unreadable_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    pack = copy_sample(tmp_path)
    journal = tmp_path / "meeting.journal.sqlite"
    ids = meeting(journal)
    damage(journal, "UPDATE entry SET text = CAST(X'80FF' AS TEXT) WHERE id = ?", ids["response"])
    out = tmp_path / "draft.md"
    assert main(["export", str(pack), "--journal", str(journal), "--out", str(out)]) == 0
    said = capsys.readouterr().err.splitlines()
    assert all(line.startswith("panelapp: note: ") for line in said), "notes, no errors"
    assert f"Journal entry {ids['response']} could not be read" in out.read_text()


def test_a_dropped_column_opens_read_only_and_every_row_still_reads(path: Path) -> None:
    meeting(path)
    damage(path, "ALTER TABLE entry DROP COLUMN screen_figure")
    with Journal.open(path) as journal:
        assert journal.read_only == "its entries have no screen_figure column"
        assert [e.text for e in journal.item_entries("4")] == [
            "How many?",
            "Four hundred.",
            "Note the report",
        ]
        with pytest.raises(JournalError, match="is open read-only .its entries have no"):
            journal.add(Kind.NOTE, "Lost?", item="4")


def test_a_dropped_text_column_leaves_every_row_unreadable_but_listed(path: Path) -> None:
    meeting(path)
    damage(path, "ALTER TABLE entry DROP COLUMN text")
    with Journal.open(path) as journal:
        entries = journal.item_entries("4")
        assert {e.kind for e in entries} == {Kind.UNREADABLE}
        assert entries[0].problem == "the journal has no text column"


def test_a_journal_that_cannot_even_be_listed_says_so_in_one_line(path: Path) -> None:
    meeting(path)
    damage(path, "DROP INDEX entry_kind")
    damage(path, "ALTER TABLE entry DROP COLUMN deleted")
    with pytest.raises(JournalError) as refused:
        Journal.open(path)
    assert "cannot be read: its entries have no deleted column" in refused.value.message
    assert ".recover" not in refused.value.message


def test_a_read_only_file_opens_read_only_and_says_why_before_anything_is_typed(
    path: Path, unwritable: Callable[[Path], None]
) -> None:
    meeting(path)
    before = path.read_bytes()
    unwritable(path)
    with Journal.open(path) as journal:
        assert journal.read_only == "the file is read-only"
        assert len(journal.item_entries("4")) == 3
        with pytest.raises(JournalError) as refused:
            journal.add(Kind.NOTE, "Not saved", item="4")
        assert "is open read-only (the file is read-only)" in refused.value.message
        with pytest.raises(JournalError):
            journal.set_state("item", "4")
    assert path.read_bytes() == before


def test_a_read_only_folder_is_read_only_not_damaged(
    path: Path, unwritable: Callable[[Path], None]
) -> None:
    meeting(path)
    unwritable(path.parent)
    assert migrations._read_only_uri(path).endswith("?mode=ro&immutable=1")
    with Journal.open(path) as journal:
        assert "its folder is read-only" in journal.read_only
        assert len(journal.item_entries("4")) == 3
