"""The action log: every action a committee agreed, its reference, owner, due date and status.

An action outlives the meeting that agreed it: officers report back on it at
the next meeting, and the one after if it is carried forward. So each action
gets a reference when it is captured (``CPP-2022-03-09/3``: the committee's
initials, the meeting's date and a number the journal never gives twice,
however actions are deleted, moved or re-kinded), and each later meeting
records its status (open, in progress, done, carried forward, dropped) with
a note, in that later meeting's own journal: an earlier meeting's journal is
only ever read.

A meeting's log (:class:`MeetingLog`) is what one journal says: the actions
it raised and the updates it recorded. :func:`merge` puts meetings together
into one log, oldest first, so the latest status of an action is the last
update made to it; a reference two meetings both raised is reported, never
silently merged.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from panelapp.config import Meeting
from panelapp.metrics.format import long_day
from panelapp.minutes.entries import iso_day, points_of
from panelapp.minutes.journal import Journal, has_table

STATUSES: dict[str, str] = {
    "open": "open",
    "in_progress": "in progress",
    "done": "done",
    "carried_forward": "carried forward",
    "dropped": "dropped",
}
"""Each status as the journal and the JSON keep it, and in words, as the minute prints it."""

STILL_OPEN: frozenset[str] = frozenset({"open", "in_progress", "carried_forward"})
"""Statuses of an action still to be done: listed as open, followed up at the next meeting."""

NEXT_MEETING = re.compile(r"(by |at |before )?(the )?next meeting", re.IGNORECASE)
"""A due date given as the next meeting, the commonest in a committee's action log."""

_MINOR_WORDS = frozenset({"and", "of", "the", "for", "on", "in", "&"})


def prefix(meeting: Meeting) -> str:
    """'CPP-2022-03-09': the committee's initials and the meeting's date, before each number.

    Initials are those of the committee's words, minor words left out
    ('Children and Young People Sub-Committee' -> 'CYPSC'), so two
    committees meeting the same day never share a reference.
    """
    words = [w for w in re.split(r"[\s\-/]+", meeting.committee) if w]
    initials = "".join(w[0] for w in words if w.casefold() not in _MINOR_WORDS and w[0].isalnum())
    return f"{initials.upper() or 'ACTION'}-{meeting.date.isoformat()}"


def reference(prefix: str, number: int) -> str:
    """'CPP-2022-03-09/3': an action's reference from its meeting's prefix and its number."""
    return f"{prefix}/{number}" if prefix else f"#{number}"


def status_text(status: str) -> str:
    """'carried forward': a status in words; a status this release does not know, as stored."""
    return STATUSES.get(status, status.replace("_", " "))


def due_words(due: str) -> str:
    """A due date as the minute prints it: '15 June 2022' for the journal's 2022-06-15, any
    other words ('next meeting') as typed."""
    day = iso_day(due)
    return long_day(day) if day is not None else due


@dataclass(frozen=True)
class Update:
    """One meeting's word on an action: its status then, and a note."""

    reference: str
    status: str
    """One of :data:`STATUSES`."""
    note: str = ""
    """What the officer reported, as the clerk typed it; dated by :attr:`recorded`."""
    recorded: dt.date | None = None
    """The meeting it was recorded at (the journal holding it)."""
    at: str = ""
    """When it was recorded, as the journal keeps it (ISO date and time)."""
    raised: dt.date | None = None
    """The meeting that agreed the action, kept with the update so this journal alone says
    what it was even when that meeting's folder is not at hand."""
    action: str = ""
    owner: str = ""
    due: str = ""


@dataclass(frozen=True)
class Raised:
    """An action as the meeting that agreed it captured it."""

    reference: str
    text: str
    owner: str = ""
    due: str = ""
    """An ISO date when the clerk gave one, else their words ('next meeting')."""
    item: str = ""
    """The agenda item it was agreed under."""
    points: tuple[str, ...] = ()
    raised: dt.date | None = None
    """The meeting's date."""
    entry_id: int = 0
    """Its entry in that meeting's journal."""


@dataclass(frozen=True)
class MeetingLog:
    """What one meeting's journal says of actions: those it raised, the updates it recorded."""

    date: dt.date | None
    """The meeting's date, from its pack."""
    where: str = ""
    """The journal's path as text, for messages about it."""
    raised: tuple[Raised, ...] = ()
    updates: tuple[Update, ...] = ()


@dataclass(frozen=True)
class LoggedAction:
    """An action with everything every meeting has said of it."""

    reference: str
    text: str
    owner: str = ""
    due: str = ""
    item: str = ""
    points: tuple[str, ...] = ()
    raised: dt.date | None = None
    """The meeting that agreed it; None when only a later meeting's update is known."""
    history: tuple[Update, ...] = field(default_factory=tuple)
    """Every update, oldest first."""

    @property
    def latest(self) -> Update | None:
        """The last update made to it, anywhere; None while nobody has reported on it."""
        return self.history[-1] if self.history else None

    @property
    def status(self) -> str:
        """The latest status: open until a meeting says otherwise."""
        latest = self.latest
        return latest.status if latest is not None else "open"

    @property
    def is_open(self) -> bool:
        """Still to be done (open, in progress or carried forward)."""
        return self.status in STILL_OPEN

    def due_by(self, meetings: Iterable[dt.date] = ()) -> dt.date | None:
        """The date it is due: the date given, or for 'next meeting' the first of ``meetings``
        after the one that agreed it; None when neither says."""
        given = iso_day(self.due)
        if given is not None:
            return given
        if self.raised is not None and NEXT_MEETING.fullmatch(self.due.strip()):
            later = sorted(day for day in meetings if day > self.raised)
            return later[0] if later else None
        return None

    def overdue(self, today: dt.date, meetings: Iterable[dt.date] = ()) -> bool:
        """Open, and due before ``today``."""
        due = self.due_by(meetings)
        return self.is_open and due is not None and due < today


@dataclass(frozen=True)
class Merged:
    """Meetings' logs as one: every action once, and the references claimed twice."""

    actions: tuple[LoggedAction, ...]
    """In the order raised: by meeting, then by number."""
    conflicts: tuple[str, ...] = ()
    """'CPP-2022-03-09/1 is raised by two meetings' journals: A and B', one line each."""


def merge(logs: Sequence[MeetingLog]) -> Merged:
    """One log from several meetings', oldest meeting first (see the module's docstring).

    An update about an action no log raised (its meeting's folder was not
    given) makes the action from the words kept with the update.
    """
    ordered = sorted(logs, key=lambda log: log.date or dt.date.min)
    actions: dict[str, LoggedAction] = {}
    raised_by: dict[str, MeetingLog] = {}
    conflicts: list[str] = []
    for log in ordered:
        for raised in log.raised:
            first = raised_by.get(raised.reference)
            if first is not None:
                conflicts.append(
                    f"{raised.reference} is raised by two meetings' journals: {first.where} and "
                    f"{log.where}; one of them was copied from the other, or both meetings have "
                    "the same committee and date"
                )
                continue
            raised_by[raised.reference] = log
            actions[raised.reference] = LoggedAction(
                raised.reference,
                raised.text,
                raised.owner,
                raised.due,
                raised.item,
                raised.points,
                raised.raised,
            )
    for log in ordered:
        for update in sorted(log.updates, key=lambda u: u.at):
            known = actions.get(update.reference)
            if known is None:
                known = LoggedAction(
                    update.reference,
                    update.action,
                    update.owner,
                    update.due,
                    raised=update.raised,
                )
            actions[update.reference] = LoggedAction(
                known.reference,
                known.text,
                known.owner,
                known.due,
                known.item,
                known.points,
                known.raised,
                (*known.history, update),
            )
    order = sorted(actions.values(), key=_raised_order)
    return Merged(tuple(order), tuple(conflicts))


def _raised_order(action: LoggedAction) -> tuple[dt.date, str, int]:
    """By meeting, then by number within it ('…/2' before '…/10')."""
    head, _, number = action.reference.rpartition("/")
    return (action.raised or dt.date.min, head, int(number) if number.isdigit() else 0)


# ---------------------------------------------------------------------------
# One meeting's journal


def raised_in(journal: Journal, day: dt.date | None, prefix_: str) -> tuple[Raised, ...]:
    """The live actions of ``journal``, a meeting held on ``day``, with their references.

    ``prefix_`` is used when the file keeps none (a journal with no action,
    or one from before references). A journal from before references has
    no numbers either: its actions are numbered in the order captured,
    deleted ones included, as bringing it up to date would number them.
    """
    actions = journal.actions()
    head = journal.references or prefix_
    numbers = {e.id: e.ref_number for e in actions if e.ref_number is not None}
    if len(numbers) < len(actions):
        numbers = _numbered_in_order(journal)
    points = _points(journal, {e.item or "" for e in actions})
    return tuple(
        Raised(
            reference(head, numbers[e.id]),
            e.text,
            e.owner,
            e.due,
            e.item or "",
            points.get(e.id, ()),
            day,
            e.id,
        )
        for e in actions
        if e.id in numbers
    )


def _numbered_in_order(journal: Journal) -> dict[int, int]:
    with journal.reading() as db:
        rows = db.execute("SELECT id FROM entry WHERE kind = 'action' ORDER BY id").fetchall()
    return {int(row[0]): number for number, row in enumerate(rows, start=1)}


def _points(journal: Journal, items: Iterable[str]) -> dict[int, tuple[str, ...]]:
    found: dict[int, tuple[str, ...]] = {}
    for item in items:
        found.update(points_of(journal.item_entries(item)))
    return found


def updates_in(journal: Journal, day: dt.date | None) -> tuple[Update, ...]:
    """The status updates ``journal`` recorded, at a meeting held on ``day``; none in a file
    from before updates."""
    if not has_table(journal, "action_update"):
        return ()
    with journal.reading() as db:
        rows = db.execute("SELECT * FROM action_update ORDER BY at, ref").fetchall()
    return tuple(
        Update(
            reference=str(row["ref"]),
            status=str(row["status"]),
            note=str(row["note"]),
            recorded=day,
            at=str(row["at"]),
            raised=iso_day(str(row["raised"])),
            action=str(row["action"]),
            owner=str(row["owner"]),
            due=str(row["due"]),
        )
        for row in rows
    )


def read_log(journal: Journal, day: dt.date | None, prefix_: str) -> MeetingLog:
    """Everything ``journal`` says of actions (see :class:`MeetingLog`)."""
    return MeetingLog(
        day, str(journal.path), raised_in(journal, day, prefix_), updates_in(journal, day)
    )


def record_update(journal: Journal, action: LoggedAction, status: str, note: str = "") -> Update:
    """Record this meeting's status of ``action``, replacing any this meeting recorded before.

    Written to this meeting's journal only, with the action's words, so the
    journal alone says what was updated.
    """
    if status not in STATUSES:
        raise ValueError(f"'{status}' is not a status; use one of {', '.join(STATUSES)}")
    at = journal.now().isoformat(timespec="seconds")
    raised = action.raised.isoformat() if action.raised is not None else ""
    with journal.writing() as db:
        db.execute(
            "INSERT INTO action_update (ref, status, note, at, raised, action, owner, due) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(ref) DO UPDATE SET "
            "status = excluded.status, note = excluded.note, at = excluded.at",
            (action.reference, status, note, at, raised, action.text, action.owner, action.due),
        )
    return Update(action.reference, status, note, None, at, action.raised, action.text)


def clear_update(journal: Journal, ref: str) -> None:
    """Take back this meeting's update of an action: its status is again what it was."""
    with journal.writing() as db:
        db.execute("DELETE FROM action_update WHERE ref = ?", (ref,))
