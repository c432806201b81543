"""Calls into the journal from the screens, with the one way a failure is told to the clerk.

Also the queue of slide changes the app writes from a worker (:class:`PlaceWriter`).

A journal call can fail three ways in a meeting: the file cannot be read or
written (another program holds it, the disk is full), the entry was deleted
in another terminal, or the change is not allowed. Each is said in a
notification, in words for the clerk, and the screen carries on.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ParamSpec, TypeVar

from textual.app import App
from textual.notifications import SeverityLevel
from textual.widget import Widget

from panelapp.minutes.draft import record_presented
from panelapp.minutes.entries import Entry
from panelapp.minutes.journal import STATE_ITEM, STATE_SCREEN, Journal, JournalError
from panelapp.ui.state import SlideContext

P = ParamSpec("P")
T = TypeVar("T")

GONE = "That entry is no longer there; it may have been deleted in another window."
"""Said for the journal's KeyError, whose own text ("'no entry 5'") means nothing to a clerk."""

ERROR_SECONDS = 15
"""Long enough to be read after looking up from the room."""

Notifier = Widget | App[Any]
"""Whatever shows the notification: a widget, a screen or the app."""


def problem(error: Exception) -> str:
    """The words a clerk is shown for a failed journal call."""
    if isinstance(error, JournalError):
        return error.message
    if isinstance(error, KeyError):
        return GONE
    return str(error)


def attempt(
    widget: Notifier, title: str, call: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs
) -> T | None:
    """``call(*args, **kwargs)``, or None after telling the clerk under ``title`` why it failed.

    Catches only what the journal raises for the clerk to act on (``JournalError``,
    ``KeyError`` for a vanished entry, ``ValueError`` for a change it refuses);
    anything else is a bug and is left to surface.
    """
    return _attempt(widget, title, None, call, *args, **kwargs)


def read_quietly(
    widget: Notifier, said: set[str], call: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs
) -> T | None:
    """A read repeated on a timer: its failure is told once, not every few seconds.

    ``said`` holds what this reader has told; a read that works clears it,
    so the same failure coming back later is told again.
    """
    done = _attempt(widget, "Journal not read", said, call, *args, **kwargs)
    if done is not None:
        said.clear()
    return done


def _attempt(
    widget: Notifier,
    title: str,
    said: set[str] | None,
    call: Callable[P, T],
    /,
    *args: P.args,
    **kwargs: P.kwargs,
) -> T | None:
    try:
        return call(*args, **kwargs)
    except (JournalError, KeyError, ValueError) as error:
        message = problem(error)
        if said is None or message not in said:
            severity: SeverityLevel = "warning" if isinstance(error, KeyError) else "error"
            widget.notify(message, title=title, severity=severity, timeout=ERROR_SECONDS)
        if said is not None:
            said.add(message)
    return None


def undo(widget: Notifier, journal: Journal) -> Entry | None:
    """Take back this window's latest change, saying which it was; the entry as it now is."""

    def take_back() -> tuple[str | None, Entry | None]:
        label = journal.undo_label()
        return label, journal.undo() if label is not None else None

    done = attempt(widget, "Not undone", take_back)
    if done is None:
        return None
    label, entry = done
    if label is None:
        widget.notify("Nothing to undo.", timeout=3)
    else:
        widget.notify(f"Undone: {label}.", timeout=4)
    return entry


@dataclass
class PlaceWriter:
    """Slide changes waiting to be written to the journal, shared by the UI and a worker.

    The UI thread only queues (never waiting on the disk); a worker writes.
    The latest place is all resuming needs, but every slide first shown goes
    to the minute in order, so none of those may be dropped.
    """

    latest: SlideContext | None = None
    """Where the meeting is now, not yet saved for resuming."""
    presented: list[tuple[str, str]] = field(default_factory=list)
    """(item, slide id) shown, in order, not yet recorded as presented."""
    busy: bool = False
    """A worker is writing; the next change joins its queue instead of starting another."""
    closed: bool = False
    """The journal is closed: nothing more may be written."""
    lock: threading.Lock = field(default_factory=threading.Lock)
    """Guards the queue; held only for moments, so the UI thread never waits long."""
    writing: threading.Lock = field(default_factory=threading.Lock)
    """Held for a whole write, so the journal is not closed under it."""

    def add(self, context: SlideContext) -> bool:
        """Queue a place; True when no worker is writing, so one must be started."""
        with self.lock:
            self.latest = context
            if context.id:
                self.presented.append((context.item_number, context.id))
            start = not self.busy
            self.busy = True
            return start

    def write(self, journal: Journal) -> bool:
        """Write what is queued; False when there was nothing (the worker may stop).

        On failure the places not written go back in the queue, ahead of any
        queued since, for the next slide change to retry.
        """
        with self.lock:
            latest, presented = self.latest, self.presented
            self.latest, self.presented = None, []
            if latest is None and not presented:
                self.busy = False
                return False
        done = 0
        try:
            if latest is not None:
                journal.set_state(STATE_ITEM, latest.item_number)
                journal.set_state(STATE_SCREEN, latest.id or None)
            for item, slide in presented:
                record_presented(journal, item, slide)
                done += 1
        except JournalError:
            with self.lock:
                self.latest = self.latest or latest
                self.presented[:0] = presented[done:]
                self.busy = False
            raise
        return True
