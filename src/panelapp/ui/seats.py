"""The seats of a meeting: one app, four ways of sitting at it.

A meeting is a room, not one terminal. The room's screen (a projector) shows
the deck and nothing else; the clerk's desk (a laptop) minutes and follows
the room; a browser viewer watches the room in public mode; and the solo
seat is one officer doing both, as in a rehearsal. Each is the same app
built from the same parts; a seat only says what that sitting may do.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Seat:
    """What one way of sitting at the meeting may do."""

    name: str
    """'solo', 'present', 'clerk' or 'viewer', as the journal records who moved the room."""
    label: str
    """How the header names the seat; empty for the room's own screens."""
    drives: bool
    """Its keys move the room's screen (the clerk's desk only once asked to)."""
    room: bool
    """It is the room's screen: what it shows for long enough is minuted as presented,
    and it shares its public figures with the browser viewers."""
    captures: bool
    """The clerk's tools: capture, entries, attendance register, minutes."""
    notes: bool
    """Speaker notes may be shown (never on a public screen either way)."""
    details: bool
    """Data-quality findings and the words of a failed file may be shown."""
    always_public: bool = False
    """Small counts are always hidden: a browser viewer never sees a private figure."""
    computes: bool = True
    """It makes the figures itself; a viewer reads the room's instead, and the desk needs none."""


SOLO = Seat("solo", "", drives=True, room=True, captures=True, notes=True, details=True)
"""``panelapp [PACK]``: one officer with deck and capture in one terminal, as in a rehearsal."""

PRESENT = Seat("present", "", drives=True, room=True, captures=False, notes=False, details=False)
"""``panelapp present``: the projector. The deck only: nothing typed, no notes, no findings."""

CLERK = Seat(
    "clerk",
    "clerk's desk",
    drives=False,
    room=False,
    captures=True,
    notes=True,
    details=True,
    computes=False,
)
"""``panelapp clerk``: the desk. Minutes the meeting and mirrors the room; may drive it."""

VIEWER = Seat(
    "viewer",
    "",
    drives=False,
    room=False,
    captures=False,
    notes=False,
    details=False,
    always_public=True,
    computes=False,
)
"""``panelapp serve``'s page: the room's screen in a browser, public and read-only."""

SEATS = {seat.name: seat for seat in (SOLO, PRESENT, CLERK, VIEWER)}
"""Every seat by name, for the command line."""
