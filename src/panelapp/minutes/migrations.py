"""The journal file itself: how one is made, recognised and upgraded.

A journal outlives the panelapp that wrote it: a clerk may open last
quarter's meeting with a newer release. So the schema carries its version in
``PRAGMA user_version`` and every change is a new step appended to
:data:`MIGRATIONS`; step *n* takes a version *n - 1* file to version *n*, and a
new journal is simply every step run in order. Steps are never edited once
released.

A file that is not a journal this release can read is refused before
anything is written to it: a clerk who points panelapp at the wrong file must
never find it overwritten.
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path

from panelapp.errors import UserError

APPLICATION_ID = 0x50414E4C
"""``PRAGMA application_id`` of every journal ("PANL"), so panelapp can tell its
own files from other SQLite databases before writing anything."""

BUSY_TIMEOUT_S = 5.0
"""How long a write waits for the other terminal's write to finish before failing."""

_SQLITE_MAGIC = b"SQLite format 3\x00"
_MOVE_ASIDE = "Move it aside or choose another journal path; panelapp will not write to it."

Migration = Callable[[sqlite3.Connection], None]


class JournalError(UserError):
    """A journal that cannot be opened or written, with the one line a clerk needs."""

    def __init__(self, path: Path | str, problem: str, fix: str = "") -> None:
        super().__init__(path, "", problem, fix)


class Undecodable(str):
    """Journal text that is not UTF-8 (another tool wrote it), decoded as far as it goes.

    Undecodable bytes show as U+FFFD, so the clerk can still read the rest;
    an entry holding one is listed as unreadable rather than trusted.
    """


def _text(raw: bytes) -> str:
    """The connection's text factory: SQLite's own fails the whole query on one bad row."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return Undecodable(raw.decode("utf-8", "replace"))


ENTRY_COLUMNS: tuple[str, ...] = (
    "id",
    "kind",
    "item",
    "grp",
    "position",
    "created",
    "edited",
    "deleted",
    "speaker",
    "text",
    "role",
    "owner",
    "due",
    "screen_id",
    "screen_title",
    "screen_figure",
    "query_id",
    "parent_id",
)
"""The entry table's columns at the latest schema: a file missing any cannot take new entries."""

QUERIED_COLUMNS: frozenset[str] = frozenset({"id", "kind", "item", "grp", "position", "deleted"})
"""Columns every listing selects by: a file missing one cannot be read at all."""


class SchemaTooNew(Exception):
    """The file's schema is newer than any step this release knows."""

    def __init__(self, found: int, supported: int) -> None:
        self.found = found
        self.supported = supported
        super().__init__(f"schema {found}; this one reads up to {supported}")


def _v1(conn: sqlite3.Connection) -> None:
    """The first release: entries, resume state and the undo log."""
    # position is unique across the whole journal and never reused, so a
    # restored entry always finds its old place free; item is NULL for
    # attendance and declarations, which belong to the meeting.
    conn.execute(
        """
        CREATE TABLE entry (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL,
            item TEXT,
            grp TEXT NOT NULL,
            position INTEGER NOT NULL UNIQUE,
            created TEXT NOT NULL,
            edited TEXT,
            deleted TEXT,
            speaker TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL DEFAULT '',
            role TEXT NOT NULL DEFAULT '',
            owner TEXT NOT NULL DEFAULT '',
            due TEXT NOT NULL DEFAULT '',
            screen_id TEXT NOT NULL DEFAULT '',
            screen_title TEXT NOT NULL DEFAULT '',
            screen_figure TEXT NOT NULL DEFAULT '',
            query_id INTEGER REFERENCES entry(id)
        )
        """
    )
    conn.execute("CREATE INDEX entry_item ON entry(item, grp)")
    conn.execute("CREATE INDEX entry_kind ON entry(kind, deleted)")
    conn.execute("CREATE TABLE state (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    conn.execute(
        """
        CREATE TABLE undo (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            session TEXT NOT NULL,
            label TEXT NOT NULL,
            changes TEXT NOT NULL,
            at TEXT NOT NULL
        )
        """
    )


def _v2(conn: sqlite3.Connection) -> None:
    """Seats: what was presented as rows (one atomic insert each), the items the room's
    screen opened, and the public figures the room's seat shares with browser viewers.

    Version 1 kept what was presented as a JSON list per item in ``state``,
    rewritten whole on every slide: two terminals could each read the list,
    add their slide and write it back, and one of the two slides was lost.
    Those lists become rows, in their order, and the items they name count
    as opened; the resume keys become the one 'on screen' record.
    """
    import datetime as dt
    import json

    conn.execute(
        """
        CREATE TABLE presented (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            item TEXT NOT NULL,
            slide TEXT NOT NULL,
            at TEXT NOT NULL,
            UNIQUE (item, slide)
        )
        """
    )
    conn.execute("CREATE TABLE opened (item TEXT PRIMARY KEY, at TEXT NOT NULL)")
    conn.execute(
        "CREATE TABLE shown_figures "
        "(item TEXT PRIMARY KEY, figures TEXT NOT NULL, at TEXT NOT NULL)"
    )
    now = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    rows = conn.execute("SELECT key, value FROM state WHERE key LIKE 'presented:%'").fetchall()
    for key, value in rows:
        item = key.split(":", 1)[1]
        try:
            slides = json.loads(value)
        except ValueError:
            slides = []
        if not isinstance(slides, list):
            slides = []
        # A damaged list was read as nothing presented; the item stays unopened
        # so its draft still lists every figure for the clerk to trim.
        if slides:
            conn.execute("INSERT OR IGNORE INTO opened (item, at) VALUES (?, ?)", (item, now))
        for slide in slides:
            if isinstance(slide, str):
                conn.execute(
                    "INSERT OR IGNORE INTO presented (item, slide, at) VALUES (?, ?, ?)",
                    (item, slide, now),
                )
    conn.execute("DELETE FROM state WHERE key LIKE 'presented:%'")
    place = dict(conn.execute("SELECT key, value FROM state WHERE key IN ('item', 'screen')"))
    if "item" in place:
        screen = {"item": place["item"], "slide": place.get("screen", "")}
        conn.execute(
            "INSERT OR REPLACE INTO state (key, value) VALUES ('on_screen', ?)",
            (json.dumps(screen),),
        )
    conn.execute("DELETE FROM state WHERE key IN ('item', 'screen')")


def _v3(conn: sqlite3.Connection) -> None:
    """Sub-points: a bullet under a resolution or action is an entry of kind 'point' whose
    ``parent_id`` is that resolution or action. Earlier entries have none, and read as before."""
    conn.execute("ALTER TABLE entry ADD COLUMN parent_id INTEGER REFERENCES entry(id)")
    conn.execute("CREATE INDEX entry_parent ON entry(parent_id)")


MIGRATIONS: tuple[Migration, ...] = (_v1, _v2, _v3)
"""Step *n* (1-based) brings a file to schema *n*; append, never edit."""


def latest(migrations: Sequence[Migration] | None = None) -> int:
    """The schema version this release writes."""
    return len(MIGRATIONS if migrations is None else migrations)


def version(conn: sqlite3.Connection) -> int:
    """The file's schema version; 0 for a new, empty file."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, migrations: Sequence[Migration] | None = None) -> int:
    """Bring the file up to date; returns the version it was at.

    Must run inside the caller's write transaction, so a half-migrated file is
    never left behind and two processes opening an old journal at once
    migrate it once.
    """
    steps = MIGRATIONS if migrations is None else migrations
    found = version(conn)
    if found > len(steps):
        raise SchemaTooNew(found, len(steps))
    if found == 0:
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    for step in steps[found:]:
        step(conn)
    if found < len(steps):
        conn.execute(f"PRAGMA user_version = {len(steps)}")
    return found


def create(path: Path) -> None:
    """Build a new journal beside ``path`` and link it into place only if still absent.

    Building aside and linking means a second terminal starting at the same
    moment either sees no file or a whole journal, never a half-made one,
    and nothing that appeared meanwhile is ever replaced.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise JournalError(
            path, f"cannot be created ({error.strerror})", "Choose a folder you can write to."
        ) from error
    spare = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.new")
    try:
        conn = sqlite3.connect(spare, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("BEGIN IMMEDIATE")
            migrate(conn)
            conn.execute("COMMIT")
        finally:
            conn.close()
        try:
            os.link(spare, path)
        except FileExistsError:
            # Another terminal created it first: theirs is the journal, ours is discarded.
            spare.unlink(missing_ok=True)
        except OSError:  # A filesystem without hard links.
            if not path.exists():
                os.replace(spare, path)
        _sync_folder(path.parent)
    except (OSError, sqlite3.Error) as error:
        raise JournalError(
            path, f"cannot be created ({error})", "Choose a folder you can write to."
        ) from error
    finally:
        for leftover in (spare, Path(f"{spare}-wal"), Path(f"{spare}-shm")):
            leftover.unlink(missing_ok=True)


def _sync_folder(folder: Path) -> None:
    """Make the new file's name durable too, where the platform allows it."""
    if os.name != "posix":
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def refuse_network_filesystem(path: Path) -> None:
    """Refuse a journal on a network file system, where SQLite's WAL cannot keep it whole.

    Every seat of a meeting runs on the computer holding the pack; a clerk
    elsewhere reaches it by SSH, the audience through the browser view.
    """
    from panelapp.paths import on_network_filesystem

    kind = on_network_filesystem(path)
    if kind is not None:
        raise JournalError(
            path,
            f"is on a network file system ({kind}), where two seats cannot share it safely",
            "Keep the pack and its journal on this computer's own disk and run every seat "
            "there; a clerk on another laptop reaches it by SSH (see the README, "
            "'Running a meeting').",
        )


def verify(path: Path) -> None:
    """Refuse anything but a readable panelapp journal, reading it read-only."""
    if path.is_dir():
        raise JournalError(path, "is a folder, not a journal", "Give the path of the journal file.")
    try:
        with path.open("rb") as handle:
            head = handle.read(len(_SQLITE_MAGIC))
    except OSError as error:
        raise JournalError(
            path, f"cannot be read ({error.strerror})", "Check the file's permissions."
        ) from error
    if not head:
        raise JournalError(
            path,
            "is empty, not a panelapp journal",
            "Delete it if it is not needed, and panelapp will start a new journal there.",
        )
    if head != _SQLITE_MAGIC:
        raise JournalError(path, "is not a panelapp journal (not an SQLite file)", _MOVE_ASIDE)
    try:
        conn = sqlite3.connect(_read_only_uri(path), uri=True)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            found = version(conn)
            if app_id != APPLICATION_ID:
                raise JournalError(
                    path,
                    "is another program's SQLite database, not a panelapp journal",
                    _MOVE_ASIDE,
                )
            if found > latest():
                raise too_new(path, SchemaTooNew(found, latest()))
            check = conn.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        raise _damaged(path, str(error)) from error
    if check != "ok" or found < 1:
        raise _damaged(path, check if check != "ok" else "no schema version")


def read_only_reason(path: Path) -> str:
    """Why the journal can only be read ('the file is read-only'), or '' when it can be written.

    SQLite writes a working file beside a journal in WAL mode, so a
    read-only folder makes a read-only journal too.
    """
    if not os.access(path, os.W_OK):
        return "the file is read-only"
    if not os.access(path.parent, os.W_OK):
        return "its folder is read-only, and saving needs a working file beside it"
    return ""


COLUMN_SINCE: dict[str, int] = {"parent_id": 3}
"""The schema version that added a column; the others were there from the first."""


def missing_columns(conn: sqlite3.Connection) -> list[str]:
    """Columns the file's entry table should have at its version and lacks (another tool
    dropped them); a column a later step adds is not missing from an older file."""
    have = {row[1] for row in conn.execute("PRAGMA table_info(entry)")}
    found = version(conn)
    return [
        name for name in ENTRY_COLUMNS if name not in have and COLUMN_SINCE.get(name, 1) <= found
    ]


def _read_only_uri(path: Path) -> str:
    """Read without writing anything, even SQLite's working files, where it cannot.

    In a folder it cannot write, SQLite can read a WAL journal only as
    immutable; with no -wal file beside it, nothing is left unread by that.
    """
    uri = path.resolve().as_uri() + "?mode=ro"
    if not os.access(path.parent, os.W_OK) and not Path(f"{path}-wal").exists():
        uri += "&immutable=1"
    return uri


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that reads the journal and can never change it."""
    try:
        return _connected(_read_only_uri(path))
    except sqlite3.Error as error:
        raise JournalError(
            path, f"cannot be opened ({error})", "Check the file's permissions."
        ) from error


def connect(path: Path) -> sqlite3.Connection:
    """The read-write connection, opened with ``mode=rw`` so it can never create a file:
    a journal that vanished after :func:`verify` is an error, not a new empty meeting."""
    try:
        conn = _connected(path.resolve().as_uri() + "?mode=rw")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.Error as error:
        raise JournalError(
            path, f"cannot be opened for writing ({error})", "Check the file's permissions."
        ) from error
    return conn


def _connected(uri: str) -> sqlite3.Connection:
    """A connection as every journal call expects: rows by name, own transactions, any thread."""
    conn = sqlite3.connect(
        uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_S, check_same_thread=False
    )
    conn.row_factory = sqlite3.Row
    conn.text_factory = _text
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
    return conn


def too_new(path: Path, error: SchemaTooNew) -> JournalError:
    """The refusal for a file from a later release, which is never modified."""
    return JournalError(
        path,
        f"was written by a newer panelapp ({error})",
        "Upgrade panelapp to open it.",
    )


def _damaged(path: Path, detail: str) -> JournalError:
    return JournalError(
        path,
        f"is damaged ({detail})",
        f"Keep a copy, then try: sqlite3 '{path}' .recover | sqlite3 recovered.sqlite",
    )
