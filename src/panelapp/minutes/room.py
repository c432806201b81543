"""What the room's screen shows and what it presented, kept in the meeting's journal.

A meeting has several seats (the room's screen, the clerk's desk, browser
viewers), each its own process. The journal is the one place that says what
the room sees: the seat that moves the slide writes it here, every other seat
follows what is written, and the minute takes what was presented from here
too. Each write is one transaction, so two seats writing at once never lose
each other's work: a slide presented is one ``INSERT OR IGNORE`` of a row,
not a list read, extended and written back.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import asdict, dataclass, fields, replace
from typing import Any, Literal

from panelapp.minutes.journal import Journal

ON_SCREEN = "on_screen"
"""State key of the one record saying what the room's screen shows now."""
SHARED = "shared_figures"
"""State key that changes each time the room's seat shares its public figures again."""

SlideKind = Literal["kpi", "theme", "agenda"]


@dataclass(frozen=True)
class OnScreen:
    """The room's screen as the journal records it: where, in which mode, showing what.

    The words (title, figure, change) are those the room's seat drew, so a
    follower mirrors and a clerk stamps exactly what the room saw, even if
    its own copy of the data were to differ.
    """

    item: str
    """The agenda item's number."""
    slide: str = ""
    """The KPI's or theme's id; empty on an agenda slide (an item without figures)."""
    kind: SlideKind = "agenda"
    public: bool = False
    """Whether the room is in public mode (small counts hidden)."""
    title: str = ""
    figure: str = ""
    """The figure as the room shows it, '32% (134 of 425)'; '[c]' when hidden."""
    change: str = ""
    """The change on the last period as the room words it, '▼ −106 down 20% on 2020, better'."""
    position: int = 0
    """1-based place of the slide in the item's deck; 0 on an agenda slide."""
    count: int = 0
    """Slides in the item's deck."""
    dimension: int = 0
    """On a theme: which breakdown table is up."""
    by_count: bool = False
    """On a theme: whether that table is sorted largest first."""
    overview: bool = False
    """Whether the room shows the item's overview of tiles rather than one slide."""
    since: str = ""
    """When the room's screen moved here (ISO time), for the desk's 'on screen for'."""
    seat: str = ""
    """Which seat put it there ('present', 'clerk', 'solo')."""

    def place(self) -> tuple[object, ...]:
        """What a follower has to match; the words and the time follow from it."""
        return (
            self.item,
            self.slide,
            self.public,
            self.dimension,
            self.by_count,
            self.overview,
        )

    @property
    def stamps(self) -> bool:
        """Whether a clerk's entry may be stamped with this: a KPI or a theme, not an agenda."""
        return self.kind in ("kpi", "theme") and bool(self.slide)

    @property
    def position_text(self) -> str:
        """'slide 4 of 8'; empty on an agenda slide."""
        return f"slide {self.position} of {self.count}" if self.position else ""

    def at(self, now: dt.datetime | None = None, seat: str = "") -> OnScreen:
        """This place, put on screen now by ``seat``."""
        moment = (now or dt.datetime.now().astimezone()).isoformat(timespec="seconds")
        return replace(self, since=moment, seat=seat or self.seat)

    def to_json(self) -> str:
        """As the journal keeps it."""
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str | None) -> OnScreen | None:
        """The record, or None when there is none or it cannot be read (the seat then
        keeps what it shows, rather than jumping to a place nobody chose)."""
        if not text:
            return None
        try:
            raw = json.loads(text)
        except ValueError:
            return None
        if not isinstance(raw, dict) or not isinstance(raw.get("item"), str):
            return None
        known: dict[str, Any] = {}
        for f in fields(cls):
            value = raw.get(f.name)
            default = f.default
            if value is None or type(value) is not type(default) and f.name != "item":
                continue
            known[f.name] = value
        if known.get("kind") not in ("kpi", "theme", "agenda"):
            known["kind"] = "kpi" if known.get("slide") else "agenda"
        return cls(**known)


def read_on_screen(journal: Journal) -> OnScreen | None:
    """What the room's screen shows, as last written by any seat."""
    return OnScreen.from_json(journal.get_state(ON_SCREEN))


def put_on_screen(journal: Journal, state: OnScreen) -> None:
    """Say what the room's screen shows now; every following seat moves there."""
    journal.set_state(ON_SCREEN, state.to_json())


# -- what was presented ----------------------------------------------------------


def _now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def open_item(journal: Journal, item: str) -> bool:
    """The room's screen opened an agenda item: its draft now lists only what is presented.

    Returns whether this was the first time.
    """
    with journal.writing() as db:
        cursor = db.execute("INSERT OR IGNORE INTO opened (item, at) VALUES (?, ?)", (item, _now()))
        return cursor.rowcount > 0


def record_presented(journal: Journal, item: str, slide: str) -> bool:
    """A slide was presented: one atomic write, so two seats never lose each other's.

    Only the first presentation counts, so going back to a figure does not
    move it in the minute. Returns whether the slide was new.
    """
    with journal.writing() as db:
        at = _now()
        db.execute("INSERT OR IGNORE INTO opened (item, at) VALUES (?, ?)", (item, at))
        cursor = db.execute(
            "INSERT OR IGNORE INTO presented (item, slide, at) VALUES (?, ?, ?)",
            (item, slide, at),
        )
        return cursor.rowcount > 0


def unrecord_presented(journal: Journal, item: str, slide: str) -> bool:
    """The clerk takes a figure out of 'the presentation highlighted'; whether it was there."""
    with journal.writing() as db:
        cursor = db.execute("DELETE FROM presented WHERE item = ? AND slide = ?", (item, slide))
        return cursor.rowcount > 0


def read_presented(journal: Journal, item: str) -> tuple[str, ...]:
    """The slide ids presented for an item, in the order first presented; () when none were."""
    with journal.reading() as db:
        rows = db.execute(
            "SELECT slide FROM presented WHERE item = ? ORDER BY id", (item,)
        ).fetchall()
    return tuple(str(row[0]) for row in rows)


def read_room(journal: Journal) -> tuple[frozenset[str], dict[str, tuple[str, ...]]]:
    """Every item the room's screen opened, and what each presented, in one snapshot."""
    with journal.reading() as db:
        opened = frozenset(str(row[0]) for row in db.execute("SELECT item FROM opened"))
        presented: dict[str, tuple[str, ...]] = {}
        for item, slide in db.execute("SELECT item, slide FROM presented ORDER BY id"):
            presented[str(item)] = (*presented.get(str(item), ()), str(slide))
    return opened, presented


# -- the public figures the room's seat shares ------------------------------------


def share_figures(journal: Journal, shared: dict[str, str]) -> None:
    """Replace the public figures browser viewers read (item -> encoded figures), at once.

    Items missing from ``shared`` (their figures failed) are removed, so a
    viewer says the figures are not available rather than showing stale ones.
    """
    with journal.writing() as db:
        db.execute("DELETE FROM shown_figures")
        at = _now()
        db.executemany(
            "INSERT INTO shown_figures (item, figures, at) VALUES (?, ?, ?)",
            [(item, text, at) for item, text in shared.items()],
        )
        db.execute(
            "INSERT OR REPLACE INTO state (key, value) VALUES (?, ?)",
            (SHARED, uuid.uuid4().hex),
        )


def shared_figures(journal: Journal) -> dict[str, str]:
    """The public figures the room's seat shared, item -> encoded figures."""
    with journal.reading() as db:
        return {str(i): str(t) for i, t in db.execute("SELECT item, figures FROM shown_figures")}


def shared_stamp(journal: Journal) -> str:
    """Which sharing of the figures the journal holds: a viewer re-reads them only when it moves."""
    return journal.get_state(SHARED) or ""
