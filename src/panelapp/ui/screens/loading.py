"""What the room sees while the figures are read: the meeting, and that work is under way."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, LoadingIndicator

from panelapp.ui.screens.base import MeetingScreen


class LoadingScreen(MeetingScreen[None]):
    """A loading indicator and a line saying what is being read."""

    def __init__(self, reading: str) -> None:
        super().__init__()
        self.reading = reading

    def compose_body(self) -> ComposeResult:
        with Vertical(id="loading"):
            yield Label(self.reading, id="loading-label")
            yield LoadingIndicator(id="loading-indicator")
