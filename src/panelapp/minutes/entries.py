"""What the clerk types, as plain values: entry kinds, their shortcuts and the saved entry.

The clerk types at the speed of a meeting, so every kind can be chosen with
one keystroke (``key``) or a short typed prefix (``q: …``, ``res: …``). The
kinds follow the sections a committee minute is written in, which is also the
order :meth:`Journal.item_entries` returns them in.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

GROUP_ORDER: tuple[str, ...] = (
    "attendance",
    "declaration",
    "presentation",
    "qa",
    "discussion",
    "resolution",
    "action",
    "note",
    "unreadable",
)
"""Sections in the order a minute reads; queries and their responses share ``qa``.

Last, rows the journal holds but this release cannot read, for the clerk to check."""

MEETING_GROUPS: frozenset[str] = frozenset({"attendance", "declaration"})
"""Sections minuted once for the meeting rather than under an agenda item."""


@dataclass(frozen=True)
class KindSpec:
    """How a kind is chosen and where it lands in the minutes."""

    key: str
    """The single keystroke that picks the kind in the entry bar."""
    prefix: str
    """The short word a clerk may type before a colon instead (``res: …``)."""
    label: str
    """The name shown on screen."""
    group: str
    """The minutes section, one of :data:`GROUP_ORDER`."""
    aliases: tuple[str, ...] = ()
    """Other words accepted before a colon, for clerks who type them out."""


class Kind(str, Enum):
    """One kind of entry; the value is what the journal stores, so never rename one."""

    ATTENDANCE = "attendance"
    DECLARATION = "declaration"
    PRESENTATION = "presentation"
    QUERY = "query"
    RESPONSE = "response"
    DISCUSSION = "discussion"
    RESOLUTION = "resolution"
    ACTION = "action"
    NOTE = "note"
    POINT = "point"
    """Never picked: a bullet under a resolution or action, typed as ``- …`` right after it."""
    UNREADABLE = "unreadable"
    """Never typed nor stored: a row the journal holds that cannot be read as an entry."""

    @property
    def spec(self) -> KindSpec:
        return KINDS.get(self, POINT_SPEC if self is Kind.POINT else UNREADABLE_SPEC)

    @property
    def key(self) -> str:
        return self.spec.key

    @property
    def prefix(self) -> str:
        return self.spec.prefix

    @property
    def label(self) -> str:
        return self.spec.label

    @property
    def group(self) -> str:
        return self.spec.group

    @property
    def meeting_level(self) -> bool:
        """True for kinds minuted once per meeting, which carry no agenda item."""
        return self.spec.group in MEETING_GROUPS


KINDS: dict[Kind, KindSpec] = {
    Kind.ATTENDANCE: KindSpec("t", "att", "Attendance", "attendance", ("attendance",)),
    Kind.DECLARATION: KindSpec("i", "dec", "Declaration of interest", "declaration", ("decl",)),
    Kind.PRESENTATION: KindSpec("p", "pres", "Presentation", "presentation"),
    Kind.QUERY: KindSpec("q", "q", "Query", "qa", ("ask",)),
    Kind.RESPONSE: KindSpec("r", "resp", "Response", "qa", ("ans", "answer")),
    Kind.DISCUSSION: KindSpec("d", "disc", "Discussion", "discussion"),
    Kind.RESOLUTION: KindSpec("x", "res", "Resolution", "resolution", ("resolved",)),
    Kind.ACTION: KindSpec("a", "act", "Action", "action"),
    Kind.NOTE: KindSpec("n", "note", "Note", "note"),
}
"""The kinds a clerk can type, by shortcut key: t attendance, i declaration (of
Interest), p presentation, q query, r response, d discussion, x resolution (r
being taken), a action, n note. Keys and prefixes are unique across kinds, so a
typed word names one kind."""

UNREADABLE_SPEC = KindSpec("", "", "Unreadable", "unreadable")
"""Kind.UNREADABLE has no key or prefix: nobody types one."""

POINT_SPEC = KindSpec("", "", "Sub-point", "point")
"""Kind.POINT has no key or prefix either: a sub-point is typed as ``- …`` after its parent,
and is listed in its parent's section (:attr:`Entry.group`)."""

HAS_POINTS: frozenset[Kind] = frozenset({Kind.RESOLUTION, Kind.ACTION})
"""Kinds that may carry bullet sub-points ("That the committee requested:" and its list)."""

SPEAKER_KINDS: frozenset[Kind] = frozenset(
    {Kind.DECLARATION, Kind.PRESENTATION, Kind.QUERY, Kind.RESPONSE, Kind.DISCUSSION}
)
"""Kinds the minute attributes to someone, so a line of one may name its speaker."""

_BY_WORD: dict[str, Kind] = {
    word: kind
    for kind, spec in KINDS.items()
    for word in (spec.key, spec.prefix, kind.value, *spec.aliases)
}

_PREFIX = re.compile(r"\s*([A-Za-z]+)\s*:\s*(.*)", re.DOTALL)

UNSTAMPED: frozenset[Kind] = frozenset({Kind.ATTENDANCE, Kind.DECLARATION, Kind.NOTE, Kind.POINT})
"""Kinds never stamped with the figure on the room's screen: they are about people, the
clerk's own, or (a sub-point) part of the resolution or action above them."""

ROLES: tuple[str, ...] = ("present", "apologies", "absent", "substitute", "officer", "other")
"""Attendance roles the minutes template knows; the journal stores any text."""


def kind_for_key(key: str) -> Kind | None:
    """The kind a single keystroke picks, for the entry bar's key handler."""
    for kind, spec in KINDS.items():
        if spec.key == key.lower():
            return kind
    return None


def parse_prefix(text: str) -> tuple[Kind | None, str]:
    """Split ``"q: how many…"`` into the kind and the rest.

    Only a known word before the first colon counts, so ``"Chair: welcomed …"``
    or ``"18:30 …"`` come back unchanged with no kind.
    """
    match = _PREFIX.fullmatch(text)
    if match:
        kind = _BY_WORD.get(match.group(1).lower())
        if kind is not None:
            return kind, match.group(2).strip()
    return None, text


@dataclass(frozen=True)
class Context:
    """What was on the presenter's screen when the entry was typed.

    A minute often quotes the figure under discussion ("31% (134 of 425)"),
    and the clerk should not have to retype it.
    """

    screen_id: str = ""
    """The KPI or theme id of the screen, empty when none."""
    title: str = ""
    figure: str = ""
    """The headline figure as shown, already formatted."""


@dataclass(frozen=True)
class Entry:
    """One saved entry, as read back from the journal."""

    id: int
    """Stable for the life of the journal and never reused, so the UI may hold it."""
    kind: Kind
    item: str | None
    """The agenda item number; None for attendance and declarations."""
    position: int
    """Sort key within the item's section; only its order is meaningful."""
    created: dt.datetime
    """When it was typed, local time with its UTC offset."""
    speaker: str = ""
    text: str = ""
    context: Context = Context()
    role: str = ""
    """For attendance: present, apologies, substitute, officer, … (see :data:`ROLES`)."""
    owner: str = ""
    """For actions: who is to do it."""
    due: str = ""
    """For actions: an ISO date when one was given, else the clerk's words ("next meeting")."""
    query_id: int | None = None
    """For responses: the query answered, or None when it answers none in particular."""
    number: int | None = None
    """For resolutions: 1, 2, 3 … in order within the item, derived when read."""
    edited: dt.datetime | None = None
    deleted: dt.datetime | None = None
    """Set on deleted entries, which are kept so a deletion can be undone."""
    problem: str = ""
    """For an unreadable row: why it cannot be read ('its date is not a date'); ``text`` then
    holds what can be decoded of the row's text, for the clerk to check by hand."""
    parent_id: int | None = None
    """For a sub-point: the resolution or action it is a bullet of."""
    section: str = ""
    """For a sub-point: its parent's section ('resolution' or 'action'), where it is listed."""
    ref_number: int | None = None
    """For an action: its number in the meeting's action references (the 3 of
    CPP-2022-03-09/3), given when it was captured and never given to another."""

    @property
    def group(self) -> str:
        """The minute's section this entry is listed in (a sub-point: its parent's)."""
        if self.kind is Kind.POINT and self.section:
            return self.section
        return self.kind.group

    @property
    def due_date(self) -> dt.date | None:
        """The due date when ``due`` is a date, so overdue actions can be flagged."""
        return iso_day(self.due)


def iso_day(text: str) -> dt.date | None:
    """The day ``text`` is when it is an ISO date ('2022-06-15'), as the journal keeps due
    dates and meetings' days; None for anything else ('next meeting')."""
    if not _ISO_DAY.fullmatch(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:  # '2022-02-30': the shape of a date, not a day
        return None


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def points_of(entries: Sequence[Entry]) -> dict[int, tuple[str, ...]]:
    """Each resolution's and action's sub-points, by the parent's id, in order."""
    points: dict[int, list[str]] = {}
    for entry in entries:
        if entry.kind is Kind.POINT and entry.parent_id is not None:
            points.setdefault(entry.parent_id, []).append(entry.text)
    return {parent: tuple(texts) for parent, texts in points.items()}
