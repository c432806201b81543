"""The one rule for the journal on the UI: every call runs on the link's own thread, in order.

A write can wait for another seat's (a clerk saving while the presenter
turns a slide) and a disk can be slow; the screen must never wait with it.
So no screen touches SQLite itself: each hands the link a call and awaits
it, and the link runs the calls one at a time on one thread, in the order
asked. An entry saved with Enter is therefore on disk before the next one
is written, and what the clerk types meanwhile lands in the empty field.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import ParamSpec, TypeVar

from panelapp.minutes.journal import Journal, JournalError

P = ParamSpec("P")
T = TypeVar("T")


class JournalLink:
    """The meeting's journal, reached only through :meth:`call`."""

    def __init__(self, path: Path, journal: Journal | None = None, *, references: str = "") -> None:
        """``journal`` is an already open one (tests); otherwise :meth:`open` opens ``path``,
        giving it ``references``, the prefix of the meeting's action references."""
        self.path = path
        self._journal = journal
        self._references = references
        self._thread = concurrent.futures.ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="journal"
        )
        self._closed = False
        self._identity: tuple[int, int] | None = _identity(path) if journal is not None else None
        """The file opened (device, inode): a journal removed or replaced is noticed."""

    @classmethod
    def of(cls, journal: Journal) -> JournalLink:
        """A link to a journal already open."""
        return cls(journal.path, journal)

    @property
    def journal(self) -> Journal:
        """The open journal, whose methods are handed to :meth:`call`; never called directly."""
        if self._journal is None or self._closed:
            raise JournalError(self.path, "is not open", "Reopen the meeting.")
        return self._journal

    @property
    def is_open(self) -> bool:
        """Whether the journal is open and the link not yet closed."""
        return self._journal is not None and not self._closed

    @property
    def read_only(self) -> str:
        """Why nothing can be saved to the journal ('the file is read-only'); '' when it can,
        or before it is open. Known from opening, so asking does no I/O on the UI thread."""
        return self._journal.read_only if self._journal is not None else ""

    async def open(self) -> Journal:
        """Open the journal on the link's thread; :class:`JournalError` says why it cannot be."""
        if self._journal is None:
            self._journal = await self._run(
                partial(Journal.open, self.path, references=self._references)
            )
            self._identity = _identity(self.path)
        return self._journal

    async def call(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
        """``fn(*args, **kwargs)`` on the link's thread, after every call asked before.

        ``fn`` is a method of :attr:`journal`, or a function given it
        (``link.call(record_presented, link.journal, "4", "episodes")``).
        """
        if self._closed:
            raise JournalError(self.path, "is not open", "Reopen the meeting.")
        return await self._run(partial(self._checked, fn, *args, **kwargs))

    def now(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
        """``fn(*args, **kwargs)`` on the link's thread, waited for: only for leaving, when
        the event loop is no longer there to await it."""
        return self._thread.submit(partial(self._checked, fn, *args, **kwargs)).result()

    def _checked(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
        """The call, once the file is still the one opened.

        SQLite carries on writing to a file deleted under it, where nothing
        would ever be read again: an entry saved there is an entry lost.
        """
        if self._identity is not None and _identity(self.path) != self._identity:
            raise JournalError(
                self.path,
                "was removed or replaced while the meeting was open",
                "Put the file back, or reopen the meeting to start a new journal; "
                "nothing typed since has been saved, and it is still in the capture line.",
            )
        return fn(*args, **kwargs)

    async def settled(self) -> None:
        """Every call asked so far has finished."""
        await self._run(lambda: None)

    async def _run(self, work: Callable[[], T]) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._thread, work)

    def close(self) -> None:
        """Finish what is queued, then close the journal; nothing more is written after."""
        if self._closed:
            return
        self._closed = True
        self._thread.submit(self._close_journal)
        self._thread.shutdown(wait=True)

    def _close_journal(self) -> None:
        if self._journal is not None:
            self._journal.close()


def _identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) of the file at ``path``; None when there is none."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_dev, stat.st_ino
