"""Leaving the meeting asks first: a stray q must not close the deck in front of the panel."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label


class QuitScreen(ModalScreen[bool]):
    """Dismisses True to leave, False to stay."""

    BINDINGS = [
        Binding("y,q", "leave", "Leave", id="quit-yes"),
        Binding("n,escape", "stay", "Stay", id="quit-no"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="quit-dialog"):
            yield Label("Leave the meeting?", id="quit-question")
            yield Label("The clerk's notes are saved as they are typed.", id="quit-note")
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
