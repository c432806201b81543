"""The journal keeps what the clerk typed, in minutes order, and refuses files it must not touch."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from panelapp.minutes import migrations
from panelapp.minutes.entries import KINDS, Context, Kind, kind_for_key, parse_prefix
from panelapp.minutes.journal import Journal, JournalError

BST = dt.timezone(dt.timedelta(hours=1))
NOON = dt.datetime(2022, 3, 15, 12, 0, tzinfo=BST)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "meeting.journal.sqlite"


@pytest.fixture
def journal(path: Path) -> Iterator[Journal]:
    with Journal.open(path, clock=lambda: NOON) as opened:
        yield opened


def texts(entries: list) -> list[str]:
    return [entry.text for entry in entries]


# -- kinds ----------------------------------------------------------------------


def test_every_kind_has_its_own_key_and_prefix() -> None:
    keys = [spec.key for spec in KINDS.values()]
    prefixes = [spec.prefix for spec in KINDS.values()]
    # Every kind a clerk can pick; the ones left are what an unreadable row reads as,
    # and a sub-point, typed as '- …' after its resolution or action.
    assert set(KINDS) == set(Kind) - {Kind.UNREADABLE, Kind.POINT}
    assert len(set(keys)) == len(keys)
    assert len(set(prefixes)) == len(prefixes)
    assert all(len(key) == 1 for key in keys)
    assert kind_for_key("x") is Kind.RESOLUTION
    assert kind_for_key("Q") is Kind.QUERY
    assert kind_for_key("z") is None


@pytest.mark.parametrize(
    ("typed", "kind", "rest"),
    [
        ("q: how many children?", Kind.QUERY, "how many children?"),
        ("res: Note the progress", Kind.RESOLUTION, "Note the progress"),
        ("RESP:the service reviewed", Kind.RESPONSE, "the service reviewed"),
        ("resolved: note", Kind.RESOLUTION, "note"),
        ("action : report back", Kind.ACTION, "report back"),
        ("a: line one\nline two", Kind.ACTION, "line one\nline two"),
        ("Chair: welcomed the report", None, "Chair: welcomed the report"),
        ("18:30 meeting resumed", None, "18:30 meeting resumed"),
        ("no prefix here", None, "no prefix here"),
    ],
)
def test_parse_prefix(typed: str, kind: Kind | None, rest: str) -> None:
    assert parse_prefix(typed) == (kind, rest)


# -- adding and reading back ------------------------------------------------------


def test_every_kind_round_trips(path: Path) -> None:
    context = Context("looked_after_share", "Children in care", "32% (134 of 425)")
    with Journal.open(path, clock=lambda: NOON) as journal:
        added = [
            journal.add(Kind.ATTENDANCE, "Cllr Bennett", role="apologies"),
            journal.add(Kind.DECLARATION, "Cllr Ali: foster carer", speaker="Cllr Ali"),
            journal.add(Kind.PRESENTATION, "20% fewer", item="5", speaker="Julie Daley"),
            journal.add(Kind.QUERY, "Role of carers?", item="5", speaker="Cllr Fitzsimons"),
            journal.add(Kind.RESPONSE, "Vital role", item="5", speaker="Hannah Franklin"),
            journal.add(Kind.DISCUSSION, "EMPIRE welcomed", item="5", context=context),
            journal.add(Kind.RESOLUTION, "Note the progress", item="5"),
            journal.add(
                Kind.ACTION, "Report RHIs", item="5", owner="Julie Daley", due=dt.date(2022, 6, 1)
            ),
            journal.add("note", "Chair thanked officers", item="5"),
        ]
    with Journal.open(path, create=False) as journal:
        found = journal.meeting_entries() + journal.item_entries("5")
        assert found == added
    by_kind = {entry.kind: entry for entry in found}
    assert set(by_kind) == set(KINDS)
    assert by_kind[Kind.ATTENDANCE].role == "apologies"
    assert by_kind[Kind.ATTENDANCE].item is None
    assert by_kind[Kind.DISCUSSION].context == context
    assert by_kind[Kind.PRESENTATION].context == Context()
    assert by_kind[Kind.RESPONSE].query_id == by_kind[Kind.QUERY].id
    assert by_kind[Kind.RESOLUTION].number == 1
    assert by_kind[Kind.ACTION].due == "2022-06-01"
    assert by_kind[Kind.ACTION].due_date == dt.date(2022, 6, 1)
    assert by_kind[Kind.ACTION].owner == "Julie Daley"
    assert all(entry.created == NOON for entry in found)
    assert all(entry.created.utcoffset() == dt.timedelta(hours=1) for entry in found)


def test_created_is_local_time_with_offset(path: Path) -> None:
    with Journal.open(path) as journal:
        entry = journal.add(Kind.NOTE, "late start", item="1")
    assert entry.created.tzinfo is not None
    assert abs(entry.created - dt.datetime.now().astimezone()) < dt.timedelta(minutes=1)


def test_free_text_due_is_kept(journal: Journal) -> None:
    entry = journal.add(Kind.ACTION, "Circulate", item="2", due="next meeting")
    assert entry.due == "next meeting"
    assert entry.due_date is None


def test_attendance_defaults_to_present_and_ignores_the_item(journal: Journal) -> None:
    entry = journal.add(Kind.ATTENDANCE, "Cllr Bennett", item="5")
    assert (entry.role, entry.item) == ("present", None)
    assert journal.item_entries("5") == []


def test_item_kinds_need_an_item(journal: Journal) -> None:
    with pytest.raises(ValueError, match="agenda item"):
        journal.add(Kind.QUERY, "why?")


def test_only_a_response_answers_a_query(journal: Journal) -> None:
    query = journal.add(Kind.QUERY, "why?", item="1")
    with pytest.raises(ValueError, match="does not answer"):
        journal.add(Kind.NOTE, "n", item="1", query_id=query.id)


def test_unknown_entries_raise_key_error(journal: Journal) -> None:
    with pytest.raises(KeyError):
        journal.get(99)
    with pytest.raises(KeyError):
        journal.edit(99, text="x")


def test_item_entries_come_in_minutes_order(journal: Journal) -> None:
    for kind in (Kind.NOTE, Kind.ACTION, Kind.RESOLUTION, Kind.DISCUSSION, Kind.PRESENTATION):
        journal.add(kind, kind.value, item="5")
    journal.add(Kind.QUERY, "query", item="5")
    journal.add(Kind.NOTE, "other item", item="6")
    assert texts(journal.item_entries("5")) == [
        "presentation",
        "query",
        "discussion",
        "resolution",
        "action",
        "note",
    ]


def test_a_second_journal_sees_entries_at_once(path: Path, journal: Journal) -> None:
    with Journal.open(path) as other:
        journal.add(Kind.DISCUSSION, "one", item="1")
        assert texts(other.item_entries("1")) == ["one"]
        other.add(Kind.DISCUSSION, "two", item="1")
    assert texts(journal.item_entries("1")) == ["one", "two"]


def test_items_and_actions_follow_agenda_numbers(journal: Journal) -> None:
    journal.add(Kind.ACTION, "ten", item="10")
    journal.add(Kind.ACTION, "five b", item="5b")
    journal.add(Kind.ACTION, "two", item="2")
    journal.add(Kind.ACTION, "five a", item="5a")
    journal.add(Kind.NOTE, "not an action", item="3")
    assert texts(journal.actions()) == ["two", "five a", "five b", "ten"]
    assert journal.items() == ["2", "3", "5a", "5b", "10"]


# -- queries and responses --------------------------------------------------------


def test_a_response_answers_the_latest_unanswered_query(journal: Journal) -> None:
    first = journal.add(Kind.QUERY, "first", item="5")
    second = journal.add(Kind.QUERY, "second", item="5")
    journal.add(Kind.QUERY, "other item", item="6")
    to_second = journal.add(Kind.RESPONSE, "to second", item="5")
    to_first = journal.add(Kind.RESPONSE, "to first", item="5")
    also_first = journal.add(Kind.RESPONSE, "also first", item="5")
    assert to_second.query_id == second.id
    assert to_first.query_id == first.id
    # Everything answered: a further answer goes with the latest query.
    assert also_first.query_id == second.id
    assert texts(journal.item_entries("5")) == [
        "first",
        "to first",
        "second",
        "to second",
        "also first",
    ]


def test_a_response_with_no_query_stands_alone(journal: Journal) -> None:
    response = journal.add(Kind.RESPONSE, "unprompted", item="5")
    assert response.query_id is None
    journal.add(Kind.QUERY, "later", item="5")
    assert texts(journal.item_entries("5")) == ["unprompted", "later"]


def test_re_pairing_moves_the_response_under_its_query(journal: Journal) -> None:
    first = journal.add(Kind.QUERY, "first", item="5")
    second = journal.add(Kind.QUERY, "second", item="5")
    response = journal.add(Kind.RESPONSE, "answer", item="5")
    assert response.query_id == second.id
    assert journal.pair(response.id, first.id).query_id == first.id
    assert texts(journal.item_entries("5")) == ["first", "answer", "second"]
    assert journal.pair(response.id, None).query_id is None
    assert texts(journal.item_entries("5")) == ["first", "second", "answer"]


def test_pairing_is_checked(journal: Journal) -> None:
    query = journal.add(Kind.QUERY, "q", item="5")
    elsewhere = journal.add(Kind.QUERY, "q6", item="6")
    note = journal.add(Kind.NOTE, "n", item="5")
    response = journal.add(Kind.RESPONSE, "r", item="5")
    with pytest.raises(ValueError, match="belongs to item 6"):
        journal.pair(response.id, elsewhere.id)
    with pytest.raises(ValueError, match="not a query"):
        journal.pair(response.id, note.id)
    with pytest.raises(ValueError, match="not a response"):
        journal.pair(note.id, query.id)
    with pytest.raises(ValueError, match="belongs to item 6"):
        journal.add(Kind.RESPONSE, "r", item="5", query_id=elsewhere.id)


def test_deleting_a_query_leaves_its_responses_in_place(journal: Journal) -> None:
    journal.add(Kind.QUERY, "first", item="5")
    doomed = journal.add(Kind.QUERY, "second", item="5")
    journal.add(Kind.RESPONSE, "answer", item="5")
    journal.delete(doomed.id)
    assert texts(journal.item_entries("5")) == ["first", "answer"]
    journal.undo()
    assert texts(journal.item_entries("5")) == ["first", "second", "answer"]


# -- moving ---------------------------------------------------------------------------


def test_moves_stay_within_the_section(journal: Journal) -> None:
    a, b, c = (journal.add(Kind.DISCUSSION, text, item="5") for text in "abc")
    note = journal.add(Kind.NOTE, "note", item="5")
    journal.move_up(c.id)
    assert texts(journal.item_entries("5")) == ["a", "c", "b", "note"]
    journal.move_down(a.id)
    assert texts(journal.item_entries("5")) == ["c", "a", "b", "note"]
    journal.move_up(c.id)  # already first
    journal.move_down(note.id)  # alone in its section
    assert texts(journal.item_entries("5")) == ["c", "a", "b", "note"]
    journal.move_to(c.id, 99)
    assert texts(journal.item_entries("5")) == ["a", "b", "c", "note"]
    journal.move_to(b.id, 0)
    assert texts(journal.item_entries("5")) == ["b", "a", "c", "note"]


def test_a_query_moves_with_its_responses(journal: Journal) -> None:
    first = journal.add(Kind.QUERY, "q1", item="5")
    journal.add(Kind.RESPONSE, "r1", item="5")
    journal.add(Kind.QUERY, "q2", item="5")
    journal.add(Kind.RESPONSE, "r2", item="5")
    journal.move_down(first.id)
    assert texts(journal.item_entries("5")) == ["q2", "r2", "q1", "r1"]


def test_a_response_moves_among_answers_to_its_query(journal: Journal) -> None:
    journal.add(Kind.QUERY, "q1", item="5")
    journal.add(Kind.RESPONSE, "r1a", item="5")
    second_answer = journal.add(Kind.RESPONSE, "r1b", item="5")
    journal.add(Kind.QUERY, "q2", item="5")
    journal.move_up(second_answer.id)
    assert texts(journal.item_entries("5")) == ["q1", "r1b", "r1a", "q2"]
    journal.move_up(second_answer.id)  # stays with its query
    assert texts(journal.item_entries("5")) == ["q1", "r1b", "r1a", "q2"]


def test_resolutions_are_numbered_in_order_after_moves_and_deletes(journal: Journal) -> None:
    first, second, third = (journal.add(Kind.RESOLUTION, t, item="5") for t in ("a", "b", "c"))
    assert [e.number for e in (first, second, third)] == [1, 2, 3]
    assert journal.move_up(third.id).number == 2
    numbered = [(e.text, e.number) for e in journal.item_entries("5")]
    assert numbered == [("a", 1), ("c", 2), ("b", 3)]
    journal.delete(first.id)
    numbered = [(e.text, e.number) for e in journal.item_entries("5")]
    assert numbered == [("c", 1), ("b", 2)]
    assert journal.get(first.id).number is None
    other = journal.add(Kind.RESOLUTION, "other item", item="6")
    assert other.number == 1


# -- editing, deleting, undo ----------------------------------------------------------


def test_edit_changes_only_what_is_given(path: Path) -> None:
    now = [NOON]
    with Journal.open(path, clock=lambda: now[0]) as journal:
        action = journal.add(Kind.ACTION, "Report", item="5", owner="JD")
        now[0] = NOON + dt.timedelta(minutes=5)
        edited = journal.edit(action.id, text="Report back", due=dt.date(2022, 4, 1))
    assert (edited.text, edited.owner, edited.due) == ("Report back", "JD", "2022-04-01")
    assert edited.created == NOON
    assert edited.edited == NOON + dt.timedelta(minutes=5)


def test_changing_kind_moves_the_entry_to_its_new_section(journal: Journal) -> None:
    journal.add(Kind.QUERY, "q", item="5")
    slip = journal.add(Kind.DISCUSSION, "was a resolution", item="5")
    journal.add(Kind.RESOLUTION, "earlier", item="5")
    changed = journal.edit(slip.id, kind=Kind.RESOLUTION)
    assert (changed.kind, changed.number) == (Kind.RESOLUTION, 2)
    as_response = journal.edit(slip.id, kind="response")
    assert as_response.query_id is not None
    with pytest.raises(ValueError, match="per meeting"):
        journal.edit(slip.id, kind=Kind.ATTENDANCE)
    journal.undo()
    journal.undo()
    assert journal.get(slip.id).kind is Kind.DISCUSSION
    assert texts(journal.item_entries("5")) == ["q", "was a resolution", "earlier"]


def test_a_query_turned_response_does_not_answer_itself(journal: Journal) -> None:
    earlier = journal.add(Kind.QUERY, "earlier", item="5")
    slip = journal.add(Kind.QUERY, "really an answer", item="5")
    assert journal.edit(slip.id, kind=Kind.RESPONSE).query_id == earlier.id


def test_delete_and_undo(journal: Journal) -> None:
    keep = journal.add(Kind.DISCUSSION, "keep", item="5")
    doomed = journal.add(Kind.DISCUSSION, "doomed", item="5")
    journal.add(Kind.DISCUSSION, "after", item="5")
    deleted = journal.delete(doomed.id)
    assert deleted.deleted is not None
    assert texts(journal.item_entries("5")) == ["keep", "after"]
    assert texts(journal.deleted_entries()) == ["doomed"]
    assert journal.undo_label() == "delete discussion"
    restored = journal.undo()
    assert restored is not None and restored.id == doomed.id and restored.deleted is None
    assert texts(journal.item_entries("5")) == ["keep", "doomed", "after"]
    with pytest.raises(KeyError):
        journal.delete(99)
    journal.delete(keep.id)
    with pytest.raises(KeyError):
        journal.edit(keep.id, text="gone")


def test_undo_takes_back_edits_moves_pairs_and_adds_in_turn(journal: Journal) -> None:
    first = journal.add(Kind.QUERY, "q1", item="5")
    journal.add(Kind.QUERY, "q2", item="5")
    response = journal.add(Kind.RESPONSE, "r", item="5", speaker="JD")
    journal.edit(response.id, text="answer", speaker="Julie Daley")
    journal.pair(response.id, first.id)
    journal.move_down(first.id)
    assert texts(journal.item_entries("5")) == ["q2", "q1", "answer"]
    assert journal.undo_label() == "move query"
    journal.undo()
    assert texts(journal.item_entries("5")) == ["q1", "answer", "q2"]
    journal.undo()
    assert texts(journal.item_entries("5")) == ["q1", "q2", "answer"]
    undone = journal.undo()
    assert undone is not None
    assert (undone.text, undone.speaker, undone.edited) == ("r", "JD", None)
    journal.undo()
    assert texts(journal.item_entries("5")) == ["q1", "q2"]
    journal.undo()
    journal.undo()
    assert journal.item_entries("5") == []
    assert journal.undo() is None
    assert journal.undo_label() is None


def test_undo_reaches_only_this_windows_changes(path: Path, journal: Journal) -> None:
    mine = journal.add(Kind.NOTE, "mine", item="1")
    with Journal.open(path) as other:
        other.add(Kind.NOTE, "theirs", item="1")
        journal.undo()
        assert texts(other.item_entries("1")) == ["theirs"]
    assert journal.get(mine.id).deleted is not None


def test_restore_brings_back_older_deletions(path: Path) -> None:
    with Journal.open(path) as journal:
        doomed = journal.add(Kind.NOTE, "doomed", item="1")
        journal.delete(doomed.id)
    with Journal.open(path) as journal:
        assert journal.undo() is None
        assert journal.restore(doomed.id).deleted is None
        assert texts(journal.item_entries("1")) == ["doomed"]
        journal.undo()
        assert journal.item_entries("1") == []


def test_edits_with_no_change_leave_no_undo(journal: Journal) -> None:
    entry = journal.add(Kind.NOTE, "same", item="1")
    journal.undo()
    journal.undo()
    journal.restore(entry.id)
    journal.undo()
    journal.restore(entry.id)
    assert journal.edit(entry.id, text="same").edited is None
    journal.restore(entry.id)
    assert journal.undo_label() == "restore note"


# -- resume state ----------------------------------------------------------------------


def test_state_survives_reopening(path: Path) -> None:
    with Journal.open(path) as journal:
        assert journal.get_state("item") is None
        assert journal.get_state("item", "1") == "1"
        journal.set_state("item", "5")
        journal.set_state("screen", "looked_after_share")
        journal.set_state("screen", "repeat_missing")
        journal.set_state("forgotten", "x")
        journal.set_state("forgotten", None)
    with Journal.open(path) as journal:
        assert journal.get_state("item") == "5"
        assert journal.get_state("screen") == "repeat_missing"
        assert journal.get_state("forgotten") is None


# -- the file ---------------------------------------------------------------------------


def test_a_new_journal_is_marked_versioned_and_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "new" / "folder" / "meeting.journal.sqlite"
    Journal.open(path).close()
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == migrations.APPLICATION_ID
        assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.latest() == 3
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        conn.close()
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


def test_a_missing_journal_is_not_created_when_asked_not_to(path: Path) -> None:
    with pytest.raises(JournalError, match="does not exist") as error:
        Journal.open(path, create=False)
    assert str(path) in error.value.message
    assert not path.exists()


def _foreign_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE entry (id INTEGER)")
    conn.commit()
    conn.close()


def _too_new(path: Path) -> None:
    Journal.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 7")
    conn.close()


def _damaged(path: Path) -> None:
    Journal.open(path).close()
    with sqlite3.connect(path) as conn:
        conn.executemany(
            "INSERT INTO entry (kind, item, grp, position, created, text) "
            "VALUES ('note', '1', 'note', ?, '2022-03-15T12:00:00+01:00', ?)",
            [(i, "x" * 200) for i in range(1, 301)],
        )
    conn.close()
    data = bytearray(path.read_bytes())
    page = 4096
    data[2 * page : 6 * page] = b"\xa5" * (4 * page)
    path.write_bytes(bytes(data))


def _bad_header(path: Path) -> None:
    Journal.open(path).close()
    data = bytearray(path.read_bytes())
    data[16:24] = b"\xff" * 8
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    ("make", "problem", "fix"),
    [
        (lambda p: p.write_text("Minutes of the last meeting\n"), "not an SQLite file", "aside"),
        (lambda p: p.write_bytes(b""), "is empty", "Delete it"),
        (_foreign_sqlite, "another program's SQLite database", "aside"),
        (_too_new, r"newer panelapp \(schema 7; this one reads up to 3\)", "Upgrade panelapp"),
        (_damaged, "is damaged", ".recover"),
        (_bad_header, "is damaged", ".recover"),
    ],
    ids=["text", "empty", "foreign", "newer", "damaged", "bad-header"],
)
def test_files_that_are_not_our_journal_are_refused_untouched(
    path: Path, make, problem: str, fix: str
) -> None:
    make(path)
    before = path.read_bytes()
    with pytest.raises(JournalError, match=problem) as error:
        Journal.open(path)
    assert error.value.message.startswith(f"{path}: ")
    assert fix in error.value.message
    assert "\n" not in error.value.message
    assert path.read_bytes() == before


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(JournalError, match="is a folder"):
        Journal.open(tmp_path)


# -- migrations ---------------------------------------------------------------------------


def _later(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE entry ADD COLUMN minute_ref TEXT NOT NULL DEFAULT ''")
    conn.execute("UPDATE entry SET minute_ref = 'min-' || id")


def test_migrate_runs_only_the_missing_steps() -> None:
    ran: list[int] = []
    steps = [lambda c, n=n: ran.append(n) for n in (1, 2, 3)]
    conn = sqlite3.connect(":memory:")
    assert migrations.migrate(conn, steps[:1]) == 0
    assert migrations.migrate(conn, steps) == 1
    assert migrations.migrate(conn, steps) == 3
    assert ran == [1, 2, 3]
    assert migrations.version(conn) == 3
    assert conn.execute("PRAGMA application_id").fetchone()[0] == migrations.APPLICATION_ID
    with pytest.raises(migrations.SchemaTooNew, match="schema 3; this one reads up to 2"):
        migrations.migrate(conn, steps[:2])


def test_a_journal_is_upgraded_when_opened_by_a_later_panelapp(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Journal.open(path) as journal:
        note = journal.add(Kind.NOTE, "kept", item="1")
    monkeypatch.setattr(migrations, "MIGRATIONS", (*migrations.MIGRATIONS, _later))
    with Journal.open(path) as journal:
        assert journal.get(note.id).text == "kept"
        journal.add(Kind.NOTE, "new", item="1")
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 4
        refs = conn.execute("SELECT minute_ref FROM entry ORDER BY id").fetchall()
        assert refs == [("min-1",), ("",)]
    finally:
        conn.close()
    monkeypatch.undo()
    with pytest.raises(JournalError, match=r"schema 4; this one reads up to 3"):
        Journal.open(path)


def test_a_failed_migration_leaves_the_file_at_its_old_version(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Journal.open(path).close()

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE entry ADD COLUMN half TEXT")
        raise RuntimeError("step failed")

    monkeypatch.setattr(migrations, "MIGRATIONS", (*migrations.MIGRATIONS, broken))
    with pytest.raises(RuntimeError):
        Journal.open(path)
    monkeypatch.undo()
    with Journal.open(path) as journal:
        journal.add(Kind.NOTE, "still v3", item="1")
    conn = sqlite3.connect(path)
    try:
        columns = [row[1] for row in conn.execute("PRAGMA table_info(entry)")]
        assert "half" not in columns
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 3
    finally:
        conn.close()


# -- sub-points ---------------------------------------------------------------------------


def test_sub_points_follow_their_resolution_and_are_not_numbered(journal: Journal) -> None:
    note = journal.add(Kind.RESOLUTION, "To note the report", item="4")
    asked = journal.add(Kind.RESOLUTION, "That the committee requested:", item="4")
    first = journal.add(Kind.POINT, "a report on X", item="4", parent_id=asked.id)
    act = journal.add(Kind.ACTION, "Officer to report back", item="4", owner="Julie Daley")
    journal.add(Kind.POINT, "by March", item="4", parent_id=act.id)
    second = journal.add(Kind.POINT, "a report on Y", item="4", parent_id=asked.id)
    assert (first.kind, first.parent_id, first.group, first.number) == (
        Kind.POINT,
        asked.id,
        "resolution",
        None,
    )
    listed = [(e.kind, e.text, e.number) for e in journal.item_entries("4")]
    assert listed == [
        (Kind.RESOLUTION, "To note the report", 1),
        (Kind.RESOLUTION, "That the committee requested:", 2),
        (Kind.POINT, "a report on X", None),
        (Kind.POINT, "a report on Y", None),
        (Kind.ACTION, "Officer to report back", None),
        (Kind.POINT, "by March", None),
    ]
    assert [a.text for a in journal.actions()] == ["Officer to report back"]
    # The resolution moves with its points; a point moves among its siblings only.
    journal.move_up(asked.id)
    journal.move_up(second.id)
    assert texts(journal.item_entries("4"))[:4] == [
        "That the committee requested:",
        "a report on Y",
        "a report on X",
        "To note the report",
    ]
    assert journal.get(note.id).number == 2


def test_deleting_a_resolution_takes_its_points_and_undo_brings_them_back(
    journal: Journal,
) -> None:
    asked = journal.add(Kind.RESOLUTION, "That the committee requested:", item="4")
    journal.add(Kind.POINT, "a report on X", item="4", parent_id=asked.id)
    journal.add(Kind.POINT, "a report on Y", item="4", parent_id=asked.id)
    journal.delete(asked.id)
    assert journal.item_entries("4") == []
    journal.undo()
    assert texts(journal.item_entries("4")) == [
        "That the committee requested:",
        "a report on X",
        "a report on Y",
    ]
    journal.delete(asked.id)
    other = Journal.open(journal.path)  # another window restores it, points and all
    try:
        other.restore(asked.id)
    finally:
        other.close()
    assert len(journal.item_entries("4")) == 3


def test_a_sub_point_needs_a_live_resolution_or_action(journal: Journal) -> None:
    query = journal.add(Kind.QUERY, "Why?", item="4")
    with pytest.raises(ValueError, match="a query has no sub-points"):
        journal.add(Kind.POINT, "x", item="4", parent_id=query.id)
    with pytest.raises(ValueError, match="only a sub-point"):
        journal.add(Kind.NOTE, "x", item="4", parent_id=query.id)
    with pytest.raises(ValueError, match="only a sub-point"):
        journal.add(Kind.POINT, "x", item="4")
    gone = journal.add(Kind.RESOLUTION, "Withdrawn", item="4")
    journal.delete(gone.id)
    with pytest.raises(KeyError):
        journal.add(Kind.POINT, "x", item="4", parent_id=gone.id)


def test_a_resolution_with_points_changes_kind_only_to_an_action(journal: Journal) -> None:
    asked = journal.add(Kind.RESOLUTION, "That the committee requested:", item="4")
    point = journal.add(Kind.POINT, "a report on X", item="4", parent_id=asked.id)
    with pytest.raises(ValueError, match="can only be a resolution or an action"):
        journal.edit(asked.id, kind=Kind.DISCUSSION)
    with pytest.raises(ValueError, match="stays a sub-point"):
        journal.edit(point.id, kind=Kind.NOTE)
    journal.edit(asked.id, kind=Kind.ACTION)
    assert [(e.kind, e.group) for e in journal.item_entries("4")] == [
        (Kind.ACTION, "action"),
        (Kind.POINT, "action"),
    ]
    journal.undo()
    assert [(e.kind, e.group) for e in journal.item_entries("4")] == [
        (Kind.RESOLUTION, "resolution"),
        (Kind.POINT, "resolution"),
    ]


def test_an_entry_keeps_the_time_enter_was_pressed(journal: Journal) -> None:
    typed = NOON - dt.timedelta(minutes=3)
    assert journal.add(Kind.NOTE, "late", item="4", at=typed).created == typed
    assert journal.now() == NOON


def test_a_version_2_journal_reads_as_before_and_takes_sub_points(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:2])
    Journal.open(path).close()
    monkeypatch.undo()
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO entry (kind, item, grp, position, created, text) "
            "VALUES ('resolution', '4', 'resolution', 1, '2022-03-15T12:00:00+01:00', 'To note')"
        )
    conn.close()
    with Journal.open(path) as journal:
        assert texts(journal.item_entries("4")) == ["To note"]
        [res] = journal.item_entries("4")
        journal.add(Kind.POINT, "and more", item="4", parent_id=res.id)
        assert [e.parent_id for e in journal.item_entries("4")] == [None, res.id]


def test_a_sub_point_row_of_no_parent_is_unreadable_not_lost(path: Path) -> None:
    with Journal.open(path) as journal:
        res = journal.add(Kind.RESOLUTION, "To note", item="4")
        journal.add(Kind.POINT, "stray", item="4", parent_id=res.id)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE entry SET parent_id = NULL WHERE kind = 'point'")
    conn.close()
    with Journal.open(path) as journal:
        entries = journal.item_entries("4")
    assert [(e.kind, e.text) for e in entries] == [
        (Kind.RESOLUTION, "To note"),
        (Kind.UNREADABLE, "stray"),
    ]
