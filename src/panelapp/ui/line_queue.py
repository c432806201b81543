"""Lines taken at Enter, saved one by one in the order taken, however long the journal takes.

Enter takes the line whole (its kind, text, speaker and stamp as the clerk
saw them) and the clerk types on at once. Saving goes through the journal
link, off the UI thread; while another seat holds the file, or the disk
stalls, lines wait here in order. A line is never put back into the field
to be merged with what was typed since: it waits as it was taken, is shown
waiting, and is tried again until it is saved, each line once.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from panelapp.minutes.entries import Context, Entry, Kind
from panelapp.minutes.journal import Journal, JournalError
from panelapp.ui.link import JournalLink

RETRY_SECONDS = 2.0
"""How soon a line the journal could not take is tried again."""


@dataclass(eq=False)
class TypedLine:
    """One line as Enter took it: what the entry will be, and the entry once it is saved."""

    kind: Kind
    text: str
    item: str
    at: dt.datetime
    """When Enter was pressed: the entry's time, however long it waited."""
    speaker: str = ""
    role: str = ""
    owner: str = ""
    due: str = ""
    context: Context = field(default_factory=Context)
    parent: TypedLine | None = None
    """For a sub-point: the resolution or action line it belongs to, saved before it."""
    parent_entry: Entry | None = None
    """For a sub-point of an entry saved before this capture took a line for the item."""
    entry: Entry | None = None
    """The saved entry; None while the line waits."""
    detached: bool = False
    """A sub-point whose resolution or action was deleted before it was saved: it was
    saved as one of that kind of its own instead, so nothing typed is lost."""

    def save(self, journal: Journal) -> Entry:
        """Write the line (on the link's thread); the journal's errors are the caller's."""
        parent = self.parent.entry if self.parent is not None else self.parent_entry
        if self.kind is not Kind.POINT:
            return self._add(journal, self.kind, parent_id=None)
        if parent is not None:
            try:
                return self._add(journal, Kind.POINT, parent_id=parent.id)
            except KeyError:  # its parent was deleted meanwhile
                return self._detach(journal, parent)
        return self._detach(journal, parent)

    def _detach(self, journal: Journal, parent: Entry | None) -> Entry:
        """Save a sub-point without its parent as an entry of the parent's kind; the capture
        tells the clerk (:attr:`detached`), so nothing typed is lost or silently moved."""
        self.detached = True
        return self._add(journal, parent.kind if parent else Kind.RESOLUTION, parent_id=None)

    def _add(self, journal: Journal, kind: Kind, *, parent_id: int | None) -> Entry:
        return journal.add(
            kind,
            self.text,
            item=self.item,
            speaker=self.speaker,
            context=self.context,
            role=self.role,
            owner=self.owner,
            due=self.due,
            parent_id=parent_id,
            at=self.at,
        )


class LineQueue:
    """The lines not yet saved, oldest first; :meth:`drain` saves them in that order."""

    def __init__(
        self,
        link: JournalLink,
        saved: Callable[[TypedLine], Awaitable[None]],
        failed: Callable[[JournalError], None],
    ) -> None:
        """``saved`` is told of each line once it is on disk; ``failed`` of the journal's
        refusal when a line could not be saved (it waits, and is tried again)."""
        self.link = link
        self.waiting: deque[TypedLine] = deque()
        self._saved = saved
        self._failed = failed
        self._draining = False

    def put(self, *lines: TypedLine) -> None:
        """Queue lines behind every line taken before them."""
        self.waiting.extend(lines)

    async def drain(self) -> bool:
        """Save the waiting lines in order; True once none waits, False when the journal
        refused one (it and those after it wait for the next try)."""
        if self._draining:
            return False
        self._draining = True
        try:
            while self.waiting:
                line = self.waiting[0]
                if line.entry is None:
                    try:
                        line.entry = await self.link.call(line.save, self.link.journal)
                    except JournalError as error:
                        self._failed(error)
                        return False
                self.waiting.popleft()
                await self._saved(line)
            return True
        finally:
            self._draining = False
