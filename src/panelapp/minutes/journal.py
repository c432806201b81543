"""The journal: everything the clerk types, safe on disk the moment it is typed.

A meeting cannot be re-run, so an entry is committed and synced before
:meth:`Journal.add` returns, and a crash, a closed laptop lid or a killed
terminal loses nothing. The file is SQLite in WAL mode so the clerk's
terminal and the presenter's can hold it open together; every write is its
own ``BEGIN IMMEDIATE`` transaction and every read goes back to the file, so
neither side works from a stale copy.

What a journal file is, and how it is recognised and upgraded, lives in
:mod:`panelapp.minutes.migrations`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import replace
from pathlib import Path
from types import TracebackType
from typing import Any

from panelapp.minutes import migrations
from panelapp.minutes.entries import GROUP_ORDER, HAS_POINTS, Context, Entry, Kind
from panelapp.minutes.migrations import JournalError

_EDITABLE = ("text", "speaker", "role", "owner", "due")
_RESTORABLE = frozenset({*_EDITABLE, "kind", "grp", "position", "query_id", "edited", "deleted"})
_POINT_SECTIONS = frozenset(kind.group for kind in HAS_POINTS)
"""The sections a sub-point can be listed in: its parent's."""
_ORPHAN = (
    "kind = 'response' AND (query_id IS NULL OR query_id NOT IN "
    "(SELECT id FROM entry WHERE kind = 'query' AND deleted IS NULL))"
)

Clock = Callable[[], dt.datetime]


def _local_now() -> dt.datetime:
    return dt.datetime.now().astimezone()


def _item_sort_key(item: str) -> list[Any]:
    """Agenda order for numbers like 2, 5a, 10: digits compare as numbers."""
    parts = re.split(r"(\d+)", item)
    return [int(part) if i % 2 else part.lower() for i, part in enumerate(parts)]


_NEEDED = ("id", "kind", "item", "position", "created", "text")
"""Columns an entry cannot be read without; any other missing column reads as empty."""


class _Unreadable(Exception):
    """Why a row cannot be read as an entry, in the clerk's words."""


def _entry(row: sqlite3.Row, number: int | None = None) -> Entry:
    """The row as an entry; a row that cannot be read is an unreadable entry, never an error.

    A journal outlives the release that wrote it and may be changed by
    other tools: one bad row must not hide the others, nor stop the export.
    """
    try:
        return _readable(row, number)
    except _Unreadable as why:
        return _unreadable(row, str(why))


def _readable(row: sqlite3.Row, number: int | None) -> Entry:
    present = set(row.keys())
    missing = [name for name in _NEEDED if name not in present]
    if missing:
        raise _Unreadable(f"the journal has no {', '.join(missing)} column")

    def get(name: str, default: Any = "", kind: type | tuple[type, ...] = str) -> Any:
        value = row[name] if name in present else default
        if isinstance(value, migrations.Undecodable):
            raise _Unreadable(f"its {name} is not UTF-8 text")
        if value is not default and not isinstance(value, kind):
            raise _Unreadable(f"its {name} is not {'a number' if kind is int else 'text'}")
        return value

    try:
        kind = Kind(get("kind"))
    except ValueError:
        kind = Kind.UNREADABLE
    if kind is Kind.UNREADABLE:
        raise _Unreadable(f"its kind '{row['kind']}' is not one this release knows")
    parent = get("parent_id", None, int)
    section = ""
    if kind is Kind.POINT:
        section = get("grp")
        if parent is None or section not in _POINT_SECTIONS:
            raise _Unreadable("it is a sub-point of no resolution or action")
    return Entry(
        id=get("id", kind=int),
        kind=kind,
        item=get("item", None),
        position=get("position", kind=int),
        created=_time_of(get("created"), "created"),
        speaker=get("speaker"),
        text=get("text"),
        context=Context(get("screen_id"), get("screen_title"), get("screen_figure")),
        role=get("role"),
        owner=get("owner"),
        due=get("due"),
        query_id=get("query_id", None, int),
        number=number,
        edited=_time_of(get("edited", None), "edited") if get("edited", None) else None,
        deleted=_time_of(get("deleted", None), "deleted") if get("deleted", None) else None,
        parent_id=parent,
        section=section,
    )


def read_only_error(path: Path, reason: str) -> JournalError:
    """What saving to a read-only journal says: why, and how to save again."""
    return JournalError(
        path,
        f"is open read-only ({reason}), so nothing can be saved to it",
        "Make it and its folder writable, or open a writable copy with --journal.",
    )


def _time_of(text: str, name: str) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        raise _Unreadable(f"its {name} time is not a date and time") from None


_NO_TIME = dt.datetime.min.replace(tzinfo=dt.timezone.utc)
"""The time of an unreadable row whose own time cannot be read."""


def _unreadable(row: sqlite3.Row, problem: str) -> Entry:
    """What can be said of a row that cannot be read: its id, place and whatever text decodes."""
    present = set(row.keys())

    def get(name: str, kind: type) -> Any:
        value = row[name] if name in present else None
        return value if isinstance(value, kind) else None

    try:
        created = _time_of(get("created", str) or "", "created")
    except _Unreadable:
        created = _NO_TIME
    return Entry(
        id=get("id", int) or 0,
        kind=Kind.UNREADABLE,
        item=get("item", str),
        position=get("position", int) or 0,
        created=created,
        text=get("text", str) or "",
        problem=problem,
    )


def _in_minutes_order(rows: Sequence[sqlite3.Row]) -> list[Entry]:
    """One item's live rows as the minute reads: by section, each response after its query
    and each sub-point after its resolution or action.

    Unreadable rows come last, in their own section, for the clerk to check.
    """
    entries = [_entry(row) for row in rows]
    queries = {e.id: e.position for e in entries if e.kind is Kind.QUERY}
    parents = {e.id: e.position for e in entries if e.kind in HAS_POINTS}

    def key(entry: Entry) -> tuple[int, int, int, int]:
        section = GROUP_ORDER.index(entry.group)
        anchor = None
        if entry.kind is Kind.RESPONSE and entry.query_id is not None:
            anchor = queries.get(entry.query_id)
        elif entry.kind is Kind.POINT and entry.parent_id is not None:
            anchor = parents.get(entry.parent_id)
        if anchor is None:
            return (section, entry.position, 0, 0)
        return (section, anchor, 1, entry.position)

    ordered = []
    resolutions = 0
    for entry in sorted(entries, key=key):
        if entry.kind is Kind.RESOLUTION:
            resolutions += 1
            entry = replace(entry, number=resolutions)
        ordered.append(entry)
    return ordered


class Journal:
    """One meeting's journal file, open for reading and writing.

    Build it with :meth:`open`. Entry ids are stable; positions only order
    entries. Methods that take an entry id raise ``KeyError`` when there is
    no such live entry (it may have been deleted in another terminal).
    """

    def __init__(
        self, conn: sqlite3.Connection, path: Path, clock: Clock, read_only: str = ""
    ) -> None:
        self._conn = conn
        self._path = path
        self._clock = clock
        self._read_only = read_only
        self._lock = threading.RLock()
        self._session = uuid.uuid4().hex
        """Undo reaches only this window's own changes, never the other terminal's."""

    # -- opening and closing ---------------------------------------------------

    @classmethod
    def open(cls, path: Path, *, create: bool = True, clock: Clock | None = None) -> Journal:
        """Open a journal, creating it only when nothing exists at ``path``.

        A journal that can only be read (a read-only file or folder, or one
        another tool took columns from) opens read-only: everything in it
        can be listed and exported, and :attr:`read_only` says why nothing
        can be saved. ``clock`` stamps entries; tests pass a fixed one.
        """
        path = Path(path)
        migrations.refuse_network_filesystem(path)
        try:
            exists = path.exists()
        except OSError as error:
            raise JournalError(
                path, f"cannot be read ({error.strerror})", "Check the folder's permissions."
            ) from None
        if not exists:
            if not create:
                raise JournalError(
                    path, "does not exist", "Check the path, or open the meeting to start one."
                )
            migrations.create(path)
        migrations.verify(path)
        reason = migrations.read_only_reason(path)
        conn = migrations.connect_read_only(path) if reason else migrations.connect(path)
        try:
            missing = migrations.missing_columns(conn)
            if migrations.QUERIED_COLUMNS.intersection(missing):
                raise JournalError(
                    path,
                    f"cannot be read: its entries have no {', '.join(missing)} column",
                    "It was changed outside panelapp; keep a copy and open a backup of it.",
                )
            if missing and not reason:
                reason = f"its entries have no {', '.join(missing)} column"
            journal = cls(conn, path, clock or _local_now, reason)
            if reason:
                if migrations.version(conn) < migrations.latest():
                    raise JournalError(
                        path,
                        f"needs bringing up to date and cannot be written ({reason})",
                        "Make it writable, then open it again.",
                    )
            else:
                with journal._write() as db:
                    migrations.migrate(db)
        except migrations.SchemaTooNew as error:
            conn.close()
            raise migrations.too_new(path, error) from None
        except BaseException:
            conn.close()
            raise
        return journal

    @property
    def path(self) -> Path:
        return self._path

    @property
    def read_only(self) -> str:
        """Why nothing can be saved to this journal ('the file is read-only'); '' when it can."""
        return self._read_only

    def close(self) -> None:
        """Close the file; this window's undo history goes with it."""
        with self._lock:
            try:
                if not self._read_only:
                    with self._write() as db:
                        db.execute("DELETE FROM undo WHERE session = ?", (self._session,))
            finally:
                self._conn.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    # -- transactions ----------------------------------------------------------

    @contextmanager
    def _transaction(self, begin: str, doing: str) -> Iterator[sqlite3.Connection]:
        with self._lock:
            try:
                self._conn.execute(begin)
            except sqlite3.Error as error:
                raise self._failed(doing, error) from error
            try:
                yield self._conn
                self._conn.execute("COMMIT")
            except sqlite3.Error as error:
                self._rollback()
                raise self._failed(doing, error) from error
            except BaseException:
                self._rollback()
                raise

    def _write(self) -> AbstractContextManager[sqlite3.Connection]:
        """A write transaction that holds the file's write lock from the start.

        Taking the lock before reading positions is what keeps two terminals
        from giving two entries the same place. A read-only journal says why
        at once, before anything is tried.
        """
        if self._read_only:
            raise read_only_error(self._path, self._read_only)
        return self._transaction("BEGIN IMMEDIATE", "written")

    def _read(self) -> AbstractContextManager[sqlite3.Connection]:
        """A read transaction, so a listing is one consistent snapshot."""
        return self._transaction("BEGIN", "read")

    def writing(self) -> AbstractContextManager[sqlite3.Connection]:
        """A write transaction for the journal's other tables (:mod:`panelapp.minutes.room`).

        One transaction is one atomic change: two terminals writing at once
        each see the other's committed work, never half of it.
        """
        return self._write()

    def reading(self) -> AbstractContextManager[sqlite3.Connection]:
        """A read transaction: one consistent snapshot of the file."""
        return self._read()

    def data_version(self) -> int:
        """A number that changes whenever another process commits to the file.

        SQLite keeps it in shared memory, so asking costs microseconds and
        reads no table: a seat asks many times a second to follow the room
        without re-reading a single entry until something has changed.
        """
        with self._lock:
            try:
                return int(self._conn.execute("PRAGMA data_version").fetchone()[0])
            except sqlite3.Error as error:
                raise self._failed("read", error) from error

    def _rollback(self) -> None:
        if self._conn.in_transaction:
            self._conn.execute("ROLLBACK")

    def _failed(self, doing: str, error: sqlite3.Error) -> JournalError:
        return JournalError(
            self._path,
            f"could not be {doing} ({error})",
            "Check the disk has space and no other program holds the file, then try again.",
        )

    def now(self) -> dt.datetime:
        """The time by this journal's clock: a line is stamped with it when Enter is pressed,
        and saved with it even if the file was busy at that moment."""
        return self._clock()

    def _stamp(self, at: dt.datetime | None = None) -> str:
        now = self._clock() if at is None else at
        if now.tzinfo is None:
            now = now.astimezone()
        return now.isoformat(timespec="seconds")

    # -- writing ---------------------------------------------------------------

    def add(
        self,
        kind: Kind | str,
        text: str,
        *,
        item: str | None = None,
        speaker: str = "",
        context: Context | None = None,
        role: str = "",
        owner: str = "",
        due: str | dt.date = "",
        query_id: int | None = None,
        parent_id: int | None = None,
        at: dt.datetime | None = None,
    ) -> Entry:
        """Save a new entry at the end of its section; it is on disk when this returns.

        ``item`` is ignored for meeting-level kinds, so the UI can always pass
        the current item. A response with no ``query_id`` answers the latest
        unanswered query of its item, or failing that the latest query, so a
        second officer's answer to the same question pairs with it too. A
        sub-point (:attr:`Kind.POINT`) goes under ``parent_id``, a live
        resolution or action, in its item (``KeyError`` when it is gone).
        ``at`` is when it was typed, if not now: a line kept waiting while
        another seat held the file keeps the time Enter was pressed.
        """
        kind = Kind(kind)
        if kind is Kind.UNREADABLE:
            raise ValueError("an unreadable entry is what a damaged row reads as; none is written")
        if (parent_id is None) != (kind is not Kind.POINT):
            raise ValueError("a sub-point, and only a sub-point, belongs to a parent entry")
        place = None if kind.meeting_level else _require_item(kind, item)
        if kind is Kind.ATTENDANCE and not role:
            role = "present"
        if query_id is not None and kind is not Kind.RESPONSE:
            raise ValueError(f"a {kind.value} does not answer a query")
        context = context or Context()
        now = self._stamp(at)
        section = kind.group
        with self._write() as db:
            if parent_id is not None:
                parent = _live_row(db, parent_id)
                if parent["kind"] not in {k.value for k in HAS_POINTS}:
                    raise ValueError(f"a {parent['kind']} has no sub-points")
                place, section = parent["item"], parent["grp"]
            if kind is Kind.RESPONSE:
                query_id = (
                    _default_query(db, place)
                    if query_id is None
                    else _live_query(db, query_id, place)
                )
            cursor = db.execute(
                """
                INSERT INTO entry (kind, item, grp, position, created, speaker, text, role,
                    owner, due, screen_id, screen_title, screen_figure, query_id, parent_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                (
                    kind.value,
                    place,
                    section,
                    _next_position(db),
                    now,
                    speaker,
                    text,
                    role,
                    owner,
                    _due_text(due),
                    context.screen_id,
                    context.title,
                    context.figure,
                    query_id,
                    parent_id,
                ),
            )
            entry_id = int(cursor.lastrowid or 0)
            self._log(db, f"add {kind.label.lower()}", [{"id": entry_id, "set": {"deleted": now}}])
            return _load(db, entry_id)

    def edit(
        self,
        entry_id: int,
        *,
        text: str | None = None,
        speaker: str | None = None,
        role: str | None = None,
        owner: str | None = None,
        due: str | dt.date | None = None,
        kind: Kind | str | None = None,
    ) -> Entry:
        """Change what was typed; only the fields given change, and it can be undone.

        A new ``kind`` must stay at the same level (item or meeting); the
        entry moves to the end of its new section.
        """
        given = {"text": text, "speaker": speaker, "role": role, "owner": owner}
        if due is not None:
            given["due"] = _due_text(due)
        with self._write() as db:
            row = _live_row(db, entry_id)
            changes = {k: v for k, v in given.items() if v is not None and v != row[k]}
            if kind is not None and Kind(kind).value != row["kind"]:
                changes.update(_kind_change(db, row, Kind(kind)))
            if not changes:
                return _load(db, entry_id)
            changes["edited"] = self._stamp()
            before = {column: row[column] for column in changes}
            _update(db, entry_id, changes)
            undo = [{"id": entry_id, "set": before}]
            if "grp" in changes:
                # Sub-points are listed in their parent's section, and move with it.
                for point in _points(db, entry_id):
                    _update(db, point["id"], {"grp": changes["grp"]})
                    undo.append({"id": point["id"], "set": {"grp": point["grp"]}})
            self._log(db, f"edit {_label(row)}", undo)
            return _load(db, entry_id)

    def delete(self, entry_id: int) -> Entry:
        """Delete an entry, and its sub-points with it; they are kept, marked deleted, so
        :meth:`undo` brings them all back."""
        with self._write() as db:
            row = _live_row(db, entry_id)
            now = self._stamp()
            undo = []
            for gone in [entry_id, *(point["id"] for point in _points(db, entry_id))]:
                _update(db, gone, {"deleted": now})
                undo.append({"id": gone, "set": {"deleted": None}})
            self._log(db, f"delete {_label(row)}", undo)
            return _load(db, entry_id)

    def restore(self, entry_id: int) -> Entry:
        """Bring back any deleted entry, for deletions older than this window's undo; the
        sub-points deleted with it come back too."""
        with self._write() as db:
            entry = _load(db, entry_id)
            if entry.deleted is not None:
                when = entry.deleted.isoformat()
                with_it = db.execute(
                    "SELECT id FROM entry WHERE parent_id = ? AND kind = 'point' AND deleted = ?",
                    (entry_id, when),
                ).fetchall()
                undo = []
                for back in [entry_id, *(row["id"] for row in with_it)]:
                    _update(db, back, {"deleted": None})
                    undo.append({"id": back, "set": {"deleted": when}})
                self._log(db, f"restore {entry.kind.label.lower()}", undo)
            return _load(db, entry_id)

    def pair(self, response_id: int, query_id: int | None) -> Entry:
        """Say which query a response answers (None: none in particular)."""
        with self._write() as db:
            row = _live_row(db, response_id)
            if row["kind"] != Kind.RESPONSE.value:
                raise ValueError(f"entry {response_id} is a {row['kind']}, not a response")
            if query_id is not None:
                _live_query(db, query_id, row["item"])
            if query_id != row["query_id"]:
                _update(db, response_id, {"query_id": query_id})
                before = {"query_id": row["query_id"]}
                self._log(db, "pair response", [{"id": response_id, "set": before}])
            return _load(db, response_id)

    def move_to(self, entry_id: int, index: int) -> Entry:
        """Put an entry at ``index`` (0-based, clamped) among the entries it moves with.

        Those are its section's entries; in queries and responses, a query
        moves among queries (its responses follow it) and a response among
        the other responses to the same query.
        """
        return self._move(entry_id, lambda _current: index)

    def move_up(self, entry_id: int) -> Entry:
        return self._move(entry_id, lambda current: current - 1)

    def move_down(self, entry_id: int) -> Entry:
        return self._move(entry_id, lambda current: current + 1)

    def _move(self, entry_id: int, target: Callable[[int], int]) -> Entry:
        with self._write() as db:
            row = _live_row(db, entry_id)
            order = [r["id"] for r in _moving_with(db, row)]
            current = order.index(entry_id)
            index = max(0, min(len(order) - 1, target(current)))
            if index != current:
                moved = [i for i in order if i != entry_id]
                moved.insert(index, entry_id)
                _reorder(db, moved)
                self._log(db, f"move {_label(row)}", [{"order": order}])
            return _load(db, entry_id)

    def undo(self) -> Entry | None:
        """Take back this window's latest add, edit, delete, pairing or move.

        Returns the entry as it now is, so the UI can show it; None when
        there is nothing left to undo.
        """
        with self._write() as db:
            step = db.execute(
                "SELECT id, changes FROM undo WHERE session = ? ORDER BY id DESC LIMIT 1",
                (self._session,),
            ).fetchone()
            if step is None:
                return None
            changes = json.loads(step["changes"])
            for change in changes:
                if "order" in change:
                    _reorder(db, change["order"])
                else:
                    _update(db, change["id"], change["set"])
            db.execute("DELETE FROM undo WHERE id = ?", (step["id"],))
            first = changes[0]
            return _load(db, first["id"] if "id" in first else first["order"][0])

    def undo_label(self) -> str | None:
        """What :meth:`undo` would take back ("delete query"), for the footer."""
        with self._read() as db:
            row = db.execute(
                "SELECT label FROM undo WHERE session = ? ORDER BY id DESC LIMIT 1",
                (self._session,),
            ).fetchone()
            return None if row is None else str(row["label"])

    def _log(self, db: sqlite3.Connection, label: str, changes: list[dict[str, Any]]) -> None:
        db.execute(
            "INSERT INTO undo (session, label, changes, at) VALUES (?, ?, ?, ?)",
            (self._session, label, json.dumps(changes), self._stamp()),
        )

    # -- reading ---------------------------------------------------------------

    def get(self, entry_id: int) -> Entry:
        """One entry, deleted or not."""
        with self._read() as db:
            return _load(db, entry_id)

    def item_entries(self, item: str) -> list[Entry]:
        """An item's live entries in the order the minute reads.

        Sections follow :data:`GROUP_ORDER`: presentation, each query followed
        by its responses (responses to no live query stand in their own
        place), discussion, resolutions numbered 1, 2, 3 …, actions, notes.
        """
        with self._read() as db:
            rows = db.execute(
                "SELECT * FROM entry WHERE item = ? AND deleted IS NULL ORDER BY position", (item,)
            ).fetchall()
        return _in_minutes_order(rows)

    def meeting_entries(self) -> list[Entry]:
        """Attendance, then declarations of interest, each in the order typed or arranged."""
        with self._read() as db:
            rows = db.execute(
                "SELECT * FROM entry WHERE item IS NULL AND deleted IS NULL ORDER BY position"
            ).fetchall()
        return _in_minutes_order(rows)

    def actions(self) -> list[Entry]:
        """Every live action, in agenda-number order, for the action log."""
        with self._read() as db:
            rows = db.execute(
                "SELECT * FROM entry WHERE kind = 'action' AND deleted IS NULL ORDER BY position"
            ).fetchall()
        # An action row that cannot be read is listed with its item's entries instead.
        entries = [e for e in map(_entry, rows) if e.kind is Kind.ACTION]
        return sorted(entries, key=lambda e: _item_sort_key(e.item or ""))

    def items(self) -> list[str]:
        """Agenda item numbers that have live entries, in agenda-number order."""
        with self._read() as db:
            rows = db.execute(
                "SELECT DISTINCT item FROM entry WHERE item IS NOT NULL AND deleted IS NULL"
            ).fetchall()
        return sorted((str(row["item"]) for row in rows), key=_item_sort_key)

    def deleted_entries(self) -> list[Entry]:
        """Deleted entries, latest deletion first, so any can be restored."""
        with self._read() as db:
            rows = db.execute(
                "SELECT * FROM entry WHERE deleted IS NOT NULL ORDER BY deleted DESC, id DESC"
            ).fetchall()
        return [_entry(row) for row in rows]

    # -- resume state ----------------------------------------------------------

    def get_state(self, key: str, default: str | None = None) -> str | None:
        """A value kept for the meeting (see :mod:`panelapp.minutes.room`)."""
        with self._read() as db:
            row = db.execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
        return default if row is None else str(row["value"])

    def set_state(self, key: str, value: str | None) -> None:
        """Save a value for resuming; None forgets it. Not part of undo."""
        with self._write() as db:
            if value is None:
                db.execute("DELETE FROM state WHERE key = ?", (key,))
            else:
                db.execute(
                    "INSERT INTO state (key, value) VALUES (?, ?) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    (key, value),
                )


# -- rows ----------------------------------------------------------------------


def _require_item(kind: Kind, item: str | None) -> str:
    if not item:
        raise ValueError(f"a {kind.value} belongs to an agenda item; none was given")
    return item


def _due_text(due: str | dt.date) -> str:
    return due.isoformat() if isinstance(due, dt.date) else due


def _next_position(db: sqlite3.Connection) -> int:
    """Positions are unique across the journal and never reused, so restoring
    a deleted entry or undoing a kind change finds its old place still free."""
    return int(db.execute("SELECT COALESCE(MAX(position), 0) + 1 FROM entry").fetchone()[0])


def _load(db: sqlite3.Connection, entry_id: int) -> Entry:
    row = db.execute("SELECT * FROM entry WHERE id = ?", (entry_id,)).fetchone()
    if row is None:
        raise KeyError(f"no entry {entry_id}")
    entry = _entry(row)
    if entry.kind is Kind.RESOLUTION and entry.deleted is None:
        number = db.execute(
            "SELECT COUNT(*) FROM entry WHERE kind = 'resolution' AND deleted IS NULL "
            "AND item = ? AND position <= ?",
            (entry.item, entry.position),
        ).fetchone()[0]
        entry = replace(entry, number=number)
    return entry


def _label(row: sqlite3.Row) -> str:
    """'query', as the undo list names a change; 'entry' for a row of an unknown kind."""
    try:
        return Kind(row["kind"]).label.lower()
    except ValueError:
        return "entry"


def _live_row(db: sqlite3.Connection, entry_id: int) -> sqlite3.Row:
    row = db.execute("SELECT * FROM entry WHERE id = ? AND deleted IS NULL", (entry_id,)).fetchone()
    if row is None:
        raise KeyError(f"no entry {entry_id}")
    return row


def _live_query(db: sqlite3.Connection, query_id: int, item: str | None) -> int:
    row = _live_row(db, query_id)
    if row["kind"] != Kind.QUERY.value:
        raise ValueError(f"entry {query_id} is a {row['kind']}, not a query")
    if row["item"] != item:
        raise ValueError(f"query {query_id} belongs to item {row['item']}, not {item}")
    return query_id


def _default_query(db: sqlite3.Connection, item: str | None, besides: int = 0) -> int | None:
    row = db.execute(
        """
        SELECT q.id FROM entry q
        WHERE q.item = ? AND q.kind = 'query' AND q.deleted IS NULL AND q.id != ?
        ORDER BY EXISTS (
            SELECT 1 FROM entry r
            WHERE r.query_id = q.id AND r.kind = 'response' AND r.deleted IS NULL
        ), q.id DESC
        LIMIT 1
        """,
        (item, besides),
    ).fetchone()
    return None if row is None else int(row["id"])


def _points(db: sqlite3.Connection, entry_id: int) -> list[sqlite3.Row]:
    """The live sub-points of an entry, in their order."""
    return db.execute(
        "SELECT id, grp FROM entry WHERE parent_id = ? AND kind = 'point' AND deleted IS NULL "
        "ORDER BY position",
        (entry_id,),
    ).fetchall()


def _kind_change(db: sqlite3.Connection, row: sqlite3.Row, kind: Kind) -> dict[str, Any]:
    if row["kind"] == Kind.POINT.value or kind is Kind.POINT:
        raise ValueError("a sub-point stays a sub-point: edit its text, or delete it")
    if kind not in HAS_POINTS and _points(db, row["id"]):
        raise ValueError(
            f"this {row['kind']} has sub-points, so it can only be a resolution or an action"
        )
    if kind.meeting_level != (row["item"] is None):
        raise ValueError(f"a {row['kind']} cannot become a {kind.value}: one is per meeting")
    changes: dict[str, Any] = {"kind": kind.value, "query_id": None}
    if kind is Kind.RESPONSE:
        changes["query_id"] = _default_query(db, row["item"], besides=row["id"])
    if kind.group != row["grp"]:
        changes["grp"] = kind.group
        changes["position"] = _next_position(db)
    return changes


def _update(db: sqlite3.Connection, entry_id: int, values: dict[str, Any]) -> None:
    unknown = set(values) - _RESTORABLE
    if unknown:
        raise ValueError(f"not a journal column: {sorted(unknown)}")
    assignments = ", ".join(f"{column} = ?" for column in values)
    db.execute(f"UPDATE entry SET {assignments} WHERE id = ?", (*values.values(), entry_id))


def _moving_with(db: sqlite3.Connection, row: sqlite3.Row) -> list[sqlite3.Row]:
    """The live entries ``row`` changes places with, in their current order."""
    live = "deleted IS NULL AND item IS ?"
    args: tuple[Any, ...]
    if row["kind"] == Kind.POINT.value:
        sql, args = f"{live} AND kind = 'point' AND parent_id IS ?", (row["item"], row["parent_id"])
    elif row["grp"] != "qa":
        sql, args = f"{live} AND grp = ? AND kind != 'point'", (row["item"], row["grp"])
    elif row["kind"] == Kind.RESPONSE.value and _is_live_query(db, row["query_id"]):
        sql, args = f"{live} AND kind = 'response' AND query_id = ?", (row["item"], row["query_id"])
    else:
        sql, args = f"{live} AND (kind = 'query' OR ({_ORPHAN}))", (row["item"],)
    return db.execute(
        f"SELECT id, position FROM entry WHERE {sql} ORDER BY position", args
    ).fetchall()


def _is_live_query(db: sqlite3.Connection, entry_id: int | None) -> bool:
    if entry_id is None:
        return False
    found = db.execute(
        "SELECT 1 FROM entry WHERE id = ? AND kind = 'query' AND deleted IS NULL", (entry_id,)
    ).fetchone()
    return found is not None


def _reorder(db: sqlite3.Connection, order: Sequence[int]) -> None:
    """Give ``order`` the positions those entries already hold, in that order.

    Reusing their own positions keeps every other entry where it is; the
    detour through negative ids keeps the unique index satisfied meanwhile.
    """
    marks = ", ".join("?" * len(order))
    positions = sorted(
        row[0]
        for row in db.execute(f"SELECT position FROM entry WHERE id IN ({marks})", tuple(order))
    )
    for entry_id in order:
        db.execute("UPDATE entry SET position = -id WHERE id = ?", (entry_id,))
    for entry_id, position in zip(order, positions, strict=True):
        db.execute("UPDATE entry SET position = ? WHERE id = ?", (position, entry_id))
