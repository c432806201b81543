"""One line of text asked for: the correction the minutes were agreed subject to, an action's note.

Enter gives the line as typed (it may be empty, to clear a note); Escape
gives None and changes nothing.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from panelapp.ui.widgets.capture_fields import Field


class AskScreen(ModalScreen[str | None]):
    """Dismisses with the line typed, or None when the clerk backs out."""

    CSS_PATH = "../capture.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="ask.cancel")]

    def __init__(self, question: str, *, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.question = question
        self.value = value
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(id="ask-dialog"):
            yield Label(self.question, id="ask-question", markup=False)
            yield Field(self.value, placeholder=self.placeholder, id="ask-text")
            yield Label("Enter saves · Escape leaves it as it was", id="ask-keys")

    def on_mount(self) -> None:
        field = self.query_one("#ask-text", Field)
        field.cursor_position = len(self.value)
        field.focus()

    @on(Input.Submitted)
    def _given(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
