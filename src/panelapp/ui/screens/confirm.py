"""Leaving the meeting asks first: a stray q must not close the deck in front of the panel."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

SHOWN_CHARS = 60
"""How much of an unsaved line the question quotes: enough to recognise it."""


def note(unsaved: str, read_only: bool = False) -> str:
    """What the question adds: everything is saved, or which line would be lost; with a
    read-only journal, that nothing typed here was saved, nor can be."""
    if not unsaved:
        if read_only:
            return "The journal is read-only: nothing typed here was saved."
        return "The clerk's notes are saved as they are typed."
    line = " ".join(unsaved.split())
    if len(line) > SHOWN_CHARS:
        line = line[: SHOWN_CHARS - 1] + "…"
    if read_only:
        return (
            f"You have an unsaved line: “{line}”. The journal is read-only, so it cannot be "
            "saved: copy it somewhere else before leaving."
        )
    return f"You have an unsaved line: “{line}”. Stay, and save it with Enter in the capture line."


class QuitScreen(ModalScreen[bool]):
    """Dismisses True to leave, False to stay."""

    BINDINGS = [
        Binding("y,q", "leave", "Leave", id="quit-yes"),
        Binding("n,escape", "stay", "Stay", id="quit-no"),
    ]

    def __init__(self, *, unsaved: str = "", read_only: bool = False) -> None:
        """``unsaved`` is a line the clerk typed and has not saved with Enter; ``read_only``
        that the journal could not have saved it."""
        super().__init__()
        self.unsaved = unsaved
        self.read_only = read_only

    def compose(self) -> ComposeResult:
        with Vertical(id="quit-dialog"):
            yield Label("Leave the meeting?", id="quit-question")
            # Not markup: the clerk's line may hold brackets.
            yield Label(
                note(self.unsaved, self.read_only),
                id="quit-note",
                classes="-unsaved" if self.unsaved else "",
                markup=False,
            )
            with Horizontal(id="quit-buttons"):
                yield Button("Stay (n)", id="quit-stay", variant="primary")
                yield Button("Leave (y)", id="quit-leave", variant="error")

    def action_leave(self) -> None:
        self.dismiss(True)

    def action_stay(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed, "#quit-leave")
    def _leave(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#quit-stay")
    def _stay(self) -> None:
        self.dismiss(False)
