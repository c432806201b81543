"""One saved entry as one line of text, the same in the capture panel and the entries list.

The clerk checks what was saved at a glance, so a line leads with what the
minute will need (who, what) and ends with when and what was on screen.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from rich.text import Text

from panelapp.minutes.entries import Entry, Kind
from panelapp.minutes.identifiers import Identifiers, redact
from panelapp.minutes.lines import due_shown, role_of
from panelapp.ui.line_queue import TypedLine

SECTION_TITLES: dict[str, str] = {
    "attendance": "Attendance",
    "declaration": "Declarations of interest",
    "presentation": "Presentation",
    "qa": "Queries and responses",
    "discussion": "Discussion",
    "resolution": "Resolutions",
    "action": "Actions",
    "note": "Notes",
    "unreadable": "Entries that cannot be read (kept in the journal as they are)",
}
"""Section headings in the entries list, in the words the minute uses."""


def tag(entry: Entry) -> str:
    """The short label before an entry: 'Query', 'Resolution 2', 'Apologies'."""
    if entry.kind is Kind.RESOLUTION and entry.number is not None:
        return f"Resolution {entry.number}"
    if entry.kind is Kind.ATTENDANCE:
        role, instead_of = role_of(entry.role)
        return role.capitalize() + (f" for {instead_of}" if instead_of else "")
    return entry.kind.label


def body(entry: Entry, queries: dict[int, int] | None = None) -> str:
    """What was typed, with the speaker, owner and due date where the kind has them.

    ``queries`` maps query ids to their number in the item, so a response
    can say which query it answers ('answers Q2').
    """
    parts = []
    if entry.speaker:
        parts.append(f"{entry.speaker}: {entry.text}")
    else:
        parts.append(entry.text)
    if entry.kind is Kind.ACTION:
        if entry.owner:
            parts.append(f"owner {entry.owner}")
        if entry.due:
            parts.append(f"due {due_shown(entry.due)}")
    if entry.kind is Kind.RESPONSE:
        if entry.query_id is None:
            parts.append("answers no query")
        elif queries and entry.query_id in queries:
            parts.append(f"answers Q{queries[entry.query_id]}")
    return " · ".join(p for p in parts if p)


def query_numbers(entries: Iterable[Entry]) -> dict[int, int]:
    """Query id -> 1, 2, 3 … in the order the minute reads, for 'answers Q2'."""
    numbers: dict[int, int] = {}
    for entry in entries:
        if entry.kind is Kind.QUERY:
            numbers[entry.id] = len(numbers) + 1
    return numbers


def entry_line(
    entry: Entry,
    queries: dict[int, int] | None = None,
    *,
    indent: bool = True,
    hide: Identifiers | None = None,
) -> Text:
    """The whole line: time, tag, body and, when a figure was on screen, which.

    ``hide``: the children of the item, on a screen the public sees; each one
    the text names is shown as "[child]" or "[date]", as in the public minute.
    """
    line = Text(no_wrap=False, overflow="fold")
    if entry.kind is Kind.UNREADABLE:
        return unreadable_line(entry)
    if hide is not None:
        entry = dataclasses.replace(entry, text=redact(entry.text, hide))
    line.append(f"{entry.created:%H:%M} ", style="dim")
    if indent and entry.kind is Kind.RESPONSE and entry.query_id is not None:
        line.append("  ↳ ")
    if entry.kind is Kind.POINT:
        line.append("    • " if indent else "  • ")
        line.append(entry.text)
        if entry.edited is not None:
            line.append(" (edited)", style="dim")
        return line
    label = tag(entry)
    if entry.kind is Kind.QUERY and queries and entry.id in queries:
        label = f"Q{queries[entry.id]}"
    line.append(f"{label}: ", style="bold")
    line.append(body(entry, queries))
    if entry.context.title and entry.context.screen_id:
        shown = entry.context.title
        if entry.context.figure:
            shown += f" {entry.context.figure}"
        line.append(f"  [{shown}]", style="dim italic")
    if entry.edited is not None:
        line.append(" (edited)", style="dim")
    return line


def unreadable_line(entry: Entry) -> Text:
    """A row the journal holds but cannot be read: its id, why, and what of its text decodes."""
    line = Text(no_wrap=False, overflow="fold")
    known = entry.created.year > 1  # an unreadable time reads as the first moment there is
    line.append(f"{entry.created:%H:%M} " if known else "--:-- ", style="dim")
    line.append(f"Unreadable #{entry.id}: ", style="bold")
    if entry.text:
        line.append(entry.text)
    line.append(f"  ({entry.problem})", style="dim italic")
    return line


def waiting_line(line: TypedLine) -> Text:
    """A line taken at Enter and not yet on disk: shown as the entry it will be, marked waiting."""
    shown = Text(no_wrap=False, overflow="fold")
    shown.append(f"{line.at:%H:%M} ", style="dim")
    shown.append("waiting ", style="bold italic")
    if line.kind is Kind.POINT:
        shown.append(f"  • {line.text}")
        return shown
    shown.append(f"{line.kind.label}: ", style="bold")
    shown.append(f"{line.speaker}: {line.text}" if line.speaker else line.text)
    return shown
