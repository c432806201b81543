"""Calls into the journal from the screens, with the one way a failure is told to the clerk.

Every call goes through the meeting's :class:`~panelapp.ui.link.JournalLink`
(the one rule: the UI thread never touches the file). A call can fail three
ways in a meeting: the file cannot be read or written (another program
holds it, the disk is full), the entry was deleted in another seat, or the
change is not allowed. Each is said in a notification, in words for the
clerk, and the screen carries on.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

from textual.app import App
from textual.notifications import SeverityLevel
from textual.widget import Widget

from panelapp.minutes.entries import Entry
from panelapp.minutes.journal import JournalError
from panelapp.ui.link import JournalLink

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


async def attempt(
    widget: Notifier,
    title: str,
    link: JournalLink,
    call: Callable[P, T],
    /,
    *args: P.args,
    **kwargs: P.kwargs,
) -> T | None:
    """``call(*args, **kwargs)`` through the link, or None after telling the clerk why not.

    Catches only what the journal raises for the clerk to act on (``JournalError``,
    ``KeyError`` for a vanished entry, ``ValueError`` for a change it refuses);
    anything else is a bug and is left to surface.
    """
    return await _attempt(widget, title, None, link, call, *args, **kwargs)


async def read_quietly(
    widget: Notifier,
    said: set[str],
    link: JournalLink,
    call: Callable[P, T],
    /,
    *args: P.args,
    **kwargs: P.kwargs,
) -> T | None:
    """A read repeated on a timer: its failure is told once, not every few seconds.

    ``said`` holds what this reader has told; a read that works clears it,
    so the same failure coming back later is told again.
    """
    done = await _attempt(widget, "Journal not read", said, link, call, *args, **kwargs)
    if done is not None:
        said.clear()
    return done


async def _attempt(
    widget: Notifier,
    title: str,
    said: set[str] | None,
    link: JournalLink,
    call: Callable[P, T],
    /,
    *args: P.args,
    **kwargs: P.kwargs,
) -> T | None:
    try:
        return await link.call(call, *args, **kwargs)
    except (JournalError, KeyError, ValueError) as error:
        message = problem(error)
        if said is None or message not in said:
            severity: SeverityLevel = "warning" if isinstance(error, KeyError) else "error"
            _tell(widget, message, title, severity)
        if said is not None:
            said.add(message)
    return None


def _tell(widget: Notifier, words: str, title: str, severity: SeverityLevel) -> None:
    """A failure in words: never read as markup, since it may quote a path or an entry."""
    widget.notify(words, title=title, severity=severity, timeout=ERROR_SECONDS, markup=False)


async def undo(widget: Notifier, link: JournalLink) -> Entry | None:
    """Take back this window's latest change, saying which it was; the entry as it now is."""

    def take_back() -> tuple[str | None, Entry | None]:
        journal = link.journal
        label = journal.undo_label()
        return label, journal.undo() if label is not None else None

    done = await attempt(widget, "Not undone", link, take_back)
    if done is None:
        return None
    label, entry = done
    if label is None:
        widget.notify("Nothing to undo.", timeout=3)
    else:
        widget.notify(f"Undone: {label}.", timeout=4)
    return entry
