"""The room's screen as one seat knows it: followed from the journal, written when this seat drives.

The journal is the single source of truth for what the room sees. Each
seat asks it, several times a second, whether anything changed
(``PRAGMA data_version``, which reads no table) and only then reads the one
on-screen record. A seat that moves the slide writes it; writes are
coalesced, so a clicker pressed five times in a row is one or two writes,
the last always the place the room ends on.

A journal that cannot be reached (locked by another program, removed, the
disk full) is said in the seat's header; the seat keeps showing the last
slide and tries again on the next tick. A journal that can only be read
(:attr:`Journal.read_only`) is followed as usual, but this seat writes
nothing to it: its place, what it opened and presented, and its figures
stay its own.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from panelapp.minutes import room
from panelapp.minutes.journal import JournalError
from panelapp.minutes.room import OnScreen
from panelapp.ui.link import JournalLink
from panelapp.ui.seats import Seat

P = ParamSpec("P")
T = TypeVar("T")

POLL_SECONDS = 0.1
"""How often a seat asks whether the room moved: a follower is at most this far behind,
plus the time to draw the slide."""


class Lost(Exception):
    """The journal could not be reached for a moment; the header already says why."""


class Room:
    """What the room's screen shows, for one seat; the seat's one way to read or move it."""

    def __init__(self, link: JournalLink, seat: Seat, on_problem: Callable[[str], None]) -> None:
        """``on_problem`` is told the journal's problem in a few words, or '' once it is back."""
        self.link = link
        self.seat = seat
        self.state: OnScreen | None = None
        """The room's place as last read or written by this seat."""
        self.problem = ""
        self._on_problem = on_problem
        self._version: int | None = None
        self._pending: OnScreen | None = None
        self._writer: asyncio.Task[None] | None = None
        self._opened: set[str] = set()
        self._shared = ""

    @property
    def read_only(self) -> bool:
        """The journal can only be read: nothing this seat shows is written to it."""
        return bool(self.link.read_only)

    # -- reaching the journal -------------------------------------------------

    async def _io(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
        """One call through the link; a failure is said in the header, then raised as Lost."""
        try:
            result = await self.link.call(fn, *args, **kwargs)
        except JournalError as error:
            self._said(_short(error))
            raise Lost from error
        self._said("")
        return result

    def _said(self, problem: str) -> None:
        if problem != self.problem:
            self.problem = problem
            self._on_problem(problem)

    # -- following ---------------------------------------------------------------

    async def start(self) -> OnScreen | None:
        """Where the room is as this seat opens: a meeting under way resumes there."""
        journal = self.link.journal
        self._version = await self._io(journal.data_version)
        self.state = await self._io(room.read_on_screen, journal)
        return self.state

    async def changed(self) -> bool:
        """Whether another process wrote to the journal since this seat last asked."""
        version = await self._io(self.link.journal.data_version)
        if version == self._version:
            return False
        self._version = version
        return True

    async def moved(self) -> OnScreen | None:
        """The room's new place when another seat moved it (or reworded it); else None.

        Call after :meth:`changed` said True. A place this seat is still
        writing is not news, and never taken back by an older read.
        """
        state = await self._io(room.read_on_screen, self.link.journal)
        if state is None or self._pending is not None:
            return None
        if self.state is not None and state == self.state:
            return None
        self.state = state
        return state

    async def shared_changed(self) -> bool:
        """For a viewer: whether the room's seat shared its figures again since last asked."""
        stamp = await self._io(room.shared_stamp, self.link.journal)
        if stamp == self._shared:
            return False
        self._shared = stamp
        return True

    async def shared(self) -> dict[str, str]:
        """The public figures the room's seat shared, item -> encoded."""
        return await self._io(room.shared_figures, self.link.journal)

    # -- driving -----------------------------------------------------------------------

    def drive(self, state: OnScreen) -> None:
        """Put ``state`` on the room's screen: every following seat moves there."""
        self.state = state
        if self.read_only:
            return
        self._pending = state
        if self._writer is None or self._writer.done():
            self._writer = asyncio.get_running_loop().create_task(self._write())

    async def _write(self) -> None:
        while self._pending is not None:
            state = self._pending
            try:
                await self._io(room.put_on_screen, self.link.journal, state)
            except Lost:
                return  # kept pending: the next move, or leaving, writes it
            # Our own write does not move our data_version: it is never taken for news.
            if self._pending is state:
                self._pending = None

    async def retry(self) -> None:
        """Write what is still pending after the journal came back."""
        if self._pending is not None and (self._writer is None or self._writer.done()):
            self._writer = asyncio.get_running_loop().create_task(self._write())

    def leave(self) -> str:
        """Write what is still pending, waiting for it: the seat is closing.

        Returns the problem when it could not be written, for the log: nobody
        is left on screen to tell.
        """
        pending, self._pending = self._pending, None
        if pending is None or not self.link.is_open:
            return ""
        try:
            self.link.now(room.put_on_screen, self.link.journal, pending)
        except JournalError as error:
            return error.message
        return ""

    # -- what the minute may say ------------------------------------------------

    async def open_item(self, item: str) -> None:
        """The room's screen opened ``item``: its draft now lists only what is presented."""
        if item in self._opened or self.read_only:
            return
        await self._io(room.open_item, self.link.journal, item)
        self._opened.add(item)

    async def presented(self, item: str, slide: str) -> None:
        """The room's screen has shown ``slide`` for the dwell: one atomic write."""
        if self.read_only:
            return
        await self._io(room.record_presented, self.link.journal, item, slide)

    async def share(self, shared: dict[str, str]) -> None:
        """Give the browser viewers this seat's public figures (item -> encoded)."""
        if self.read_only:
            return
        await self._io(room.share_figures, self.link.journal, shared)


def _short(error: JournalError) -> str:
    """'database is locked', 'was removed or replaced…': the header has one line for it."""
    problem = error.problem
    if "(" in problem and problem.endswith(")"):
        return problem[problem.rindex("(") + 1 : -1]
    return problem
