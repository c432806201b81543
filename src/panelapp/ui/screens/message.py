"""When the figures cannot be made at all: the one message that says what to fix.

Shown instead of a traceback, in front of a panel; the presenter can fix
the file and try again without restarting, or leave.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, Static

from panelapp.ui.screens.base import MeetingScreen


class ProblemScreen(MeetingScreen[None]):
    """A plain statement of the problem, and the two ways on."""

    BINDINGS = [Binding("r", "app.load", "Try again", id="retry")]

    def __init__(self, title: str, message: str) -> None:
        super().__init__()
        self.title_text = title
        self.message = message

    def compose_body(self) -> ComposeResult:
        with Vertical(id="problem"):
            yield Label(self.title_text, id="problem-title")
            yield Static(self.message, id="problem-message", markup=False)
            yield Static("Fix the file and press r to try again, or q to leave.", id="problem-hint")
