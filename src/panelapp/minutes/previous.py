"""The meetings before this one: their minutes to approve, their actions to follow up.

A pack names the meeting before it (``[meeting] previous = "../2021-11-18"``);
that pack names the one before it, and so on. Their journals are read here
and never written, whatever release wrote them: a later meeting records its
approval of the minutes and its action updates in its own journal.

Which agenda item approves the previous minutes: the item with ``kind =
"previous_minutes"``, else the first titled "Minutes of the Previous
Meeting" (any case), as most agendas have it.

Nothing here stops a meeting from opening: a previous pack or journal that
cannot be read is a :attr:`Previous.problem`, said once, and the meeting goes
on without it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from panelapp import paths
from panelapp.config import Item, Pack, load_pack, resolve_pack_path
from panelapp.errors import UserError
from panelapp.metrics.format import long_day
from panelapp.minutes.action_log import (
    LoggedAction,
    MeetingLog,
    Merged,
    merge,
    prefix,
    read_log,
)
from panelapp.minutes.entries import Kind, points_of
from panelapp.minutes.journal import Journal, has_table

PREVIOUS_TITLE = "minutes of the previous meeting"
"""The title that makes an item the previous-minutes item when no item sets its kind."""

MOST_MEETINGS = 60
"""How far back the chain of previous meetings is followed: five years of monthly
meetings, well past any action still open, and short of a loop through a copied pack."""


def previous_minutes_item(pack: Pack) -> Item | None:
    """The agenda item where the previous minutes are approved (see the module's docstring)."""
    marked = next((i for i in pack.items if i.kind == "previous_minutes"), None)
    if marked is not None:
        return marked
    return next((i for i in pack.items if i.title.strip().casefold() == PREVIOUS_TITLE), None)


@dataclass(frozen=True)
class PastResolution:
    """A resolution of an earlier meeting, under its agenda item."""

    item: str
    """'4. Children Missing'."""
    number: int | None
    text: str
    points: tuple[str, ...] = ()


@dataclass(frozen=True)
class PastMeeting:
    """An earlier meeting as its pack and journal say, read only."""

    config: Path
    """Its config.toml."""
    date: dt.date | None = None
    committee: str = ""
    log: MeetingLog = field(default_factory=lambda: MeetingLog(None))
    resolutions: tuple[PastResolution, ...] = ()
    journal: Path | None = None
    """Where its journal is (or would be)."""
    has_journal: bool = False
    """A meeting whose journal was never started has minuted nothing: no resolution, no action."""
    problem: str = ""
    """Why the pack or the journal could not be read; '' when they could."""
    previous: Path | None = None
    """The meeting before it, as its pack names it (resolved)."""

    @property
    def held(self) -> str:
        """'18 November 2021', as the minute names the meeting; '' when its pack is unread."""
        return long_day(self.date)


def read_past(config: Path) -> PastMeeting:
    """The meeting whose pack is ``config`` (a config.toml or its folder), read only."""
    try:
        path = resolve_pack_path(config)
        pack = load_pack(path, check_files=False)
    except UserError as error:
        return PastMeeting(Path(config), problem=error.message)
    meeting = pack.meeting
    journal_path = paths.journal_kept_for(pack.path)
    before = (pack.folder / meeting.previous) if meeting.previous is not None else None
    past = PastMeeting(
        pack.path,
        meeting.date,
        meeting.committee,
        MeetingLog(meeting.date, str(journal_path)),
        journal=journal_path,
        previous=before,
    )
    try:
        if not journal_path.exists():
            return past
    except OSError as error:
        return _unread(past, f"{journal_path}: cannot be read ({error.strerror})")
    try:
        with Journal.open(journal_path, read_only=True, references=prefix(meeting)) as journal:
            log = read_log(journal, meeting.date, prefix(meeting))
            resolutions = _resolutions(journal, pack)
    except UserError as error:
        return _unread(past, error.message)
    return PastMeeting(
        pack.path,
        meeting.date,
        meeting.committee,
        log,
        resolutions,
        journal_path,
        has_journal=True,
        previous=before,
    )


def _unread(past: PastMeeting, problem: str) -> PastMeeting:
    return PastMeeting(
        past.config,
        past.date,
        past.committee,
        past.log,
        journal=past.journal,
        problem=problem,
        previous=past.previous,
    )


def _resolutions(journal: Journal, pack: Pack) -> tuple[PastResolution, ...]:
    """Each item's resolutions in the minute's order and numbering, with their sub-points."""
    titles = {i.number: i.title for i in pack.items}
    numbers = list(dict.fromkeys([*titles, *journal.items()]))
    found: list[PastResolution] = []
    for number in numbers:
        entries = journal.item_entries(number)
        points = points_of(entries)
        heading = f"{number}. {titles.get(number, f'Item {number}')}"
        found += [
            PastResolution(heading, e.number, e.text, points.get(e.id, ()))
            for e in entries
            if e.kind is Kind.RESOLUTION
        ]
    return tuple(found)


@dataclass(frozen=True)
class Previous:
    """What this meeting knows of the meetings before it, most recent first."""

    meetings: tuple[PastMeeting, ...] = ()
    named: bool = False
    """The pack names a previous meeting at all."""

    @property
    def meeting(self) -> PastMeeting | None:
        """The meeting just before this one, whose minutes this one approves."""
        return self.meetings[0] if self.meetings else None

    @property
    def problem(self) -> str:
        """The first thing that could not be read, in one line: '' when all could."""
        return next((m.problem for m in self.meetings if m.problem), "")

    def merged(self) -> Merged:
        """The action log as the meetings before this one left it."""
        return merge([m.log for m in self.meetings])

    def open_actions(self) -> tuple[LoggedAction, ...]:
        """Actions open at the start of this meeting, to follow up in it."""
        return tuple(a for a in self.merged().actions if a.is_open)


@dataclass(frozen=True)
class FollowedUp:
    """The action log one meeting keeps: what was open at its start, then what it raised."""

    actions: tuple[LoggedAction, ...]
    """Open at the start (oldest first), then raised here (in the order given)."""
    carried: frozenset[str]
    """References of the actions open at the start: an earlier meeting's."""
    conflicts: tuple[str, ...] = ()
    """References two meetings both raised (see :func:`panelapp.minutes.action_log.merge`)."""


def followed_up(previous: Previous, here: MeetingLog, *, carried: bool = True) -> FollowedUp:
    """This meeting's log (``here``: what it raised, its updates) after the meetings before it.

    Each action has every meeting's updates, this one's last. An action
    raised here without a reference yet (no journal) is listed as it is.
    ``carried`` False leaves out the earlier meetings' actions (a draft of
    one agenda item).
    """
    numbered = replace(here, raised=tuple(r for r in here.raised if r.reference))
    merged = merge([*(m.log for m in previous.meetings), numbered])
    known = {a.reference: a for a in merged.actions}
    started = [known[a.reference] for a in previous.open_actions()] if carried else []
    raised = [known.get(r.reference) if r.reference else None for r in here.raised]
    own = [
        found or LoggedAction(r.reference, r.text, r.owner, r.due, r.item, r.points, r.raised)
        for found, r in zip(raised, here.raised, strict=True)
    ]
    return FollowedUp((*started, *own), frozenset(a.reference for a in started), merged.conflicts)


def read_previous(pack: Pack) -> Previous:
    """The meetings before ``pack``'s, following each pack's ``previous`` (read only)."""
    if pack.meeting.previous is None:
        return Previous()
    return Previous(chain(pack.folder / pack.meeting.previous, seen=[pack.path]), named=True)


def chain(start: Path, *, seen: Sequence[Path] = ()) -> tuple[PastMeeting, ...]:
    """The meeting at ``start`` and those before it, most recent first.

    Stops at a pack that cannot be read (it is the last, with its problem),
    at one naming no previous meeting, at one already reached (a pack
    copied without changing ``previous``) and after :data:`MOST_MEETINGS`.
    """
    reached = {_same(p) for p in seen}
    found: list[PastMeeting] = []
    at: Path | None = start
    while at is not None and len(found) < MOST_MEETINGS:
        past = read_past(at)
        if _same(past.config) in reached:
            break
        reached.add(_same(past.config))
        found.append(past)
        at = past.previous
    return tuple(found)


def _same(path: Path) -> Path:
    """A pack's path as compared: its config.toml, every link followed."""
    try:
        return resolve_pack_path(path).resolve()
    except (UserError, OSError):
        return path.absolute()


# ---------------------------------------------------------------------------
# The approval, recorded in this meeting's journal


@dataclass(frozen=True)
class Agreement:
    """The meeting agreed the previous minutes: as an accurate record, or subject to a
    correction the clerk typed."""

    item: str
    """The previous-minutes item's number."""
    subject_to: str = ""
    """The correction, as typed; '' when agreed as they stand."""
    at: str = ""


def record_agreement(journal: Journal, item: str, subject_to: str = "") -> Agreement:
    """Record that the previous minutes were agreed (again: the latest word stands)."""
    at = journal.now().isoformat(timespec="seconds")
    with journal.writing() as db:
        db.execute(
            "INSERT INTO approval (item, subject_to, at) VALUES (?, ?, ?) "
            "ON CONFLICT(item) DO UPDATE SET subject_to = excluded.subject_to, at = excluded.at",
            (item, subject_to.strip(), at),
        )
    return Agreement(item, subject_to.strip(), at)


def clear_agreement(journal: Journal, item: str) -> None:
    """Take back the approval: the minute then records none."""
    with journal.writing() as db:
        db.execute("DELETE FROM approval WHERE item = ?", (item,))


def read_agreements(journal: Journal) -> dict[str, Agreement]:
    """What the meeting agreed of the previous minutes, by item; empty while nothing is (or in a
    file from before approvals)."""
    if not has_table(journal, "approval"):
        return {}
    with journal.reading() as db:
        rows = db.execute("SELECT * FROM approval").fetchall()
    return {
        str(row["item"]): Agreement(str(row["item"]), str(row["subject_to"]), str(row["at"]))
        for row in rows
    }
