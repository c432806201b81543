"""What the room sees while the figures are read: the meeting, and that work is under way."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Label, LoadingIndicator

from panelapp.ui.screens.base import MeetingScreen

INDICATOR_AFTER = 0.5
"""Seconds before the animated indicator appears.

Each frame of the animation takes the interpreter from the thread making
the figures, so a pack that opens in under a second opens sooner without
it; a large one still shows that work is under way.
"""


class LoadingScreen(MeetingScreen[None]):
    """A line saying what is being read, and a loading indicator if it takes a while."""

    class Uncovered(Message):
        """Up on top again: a question asked over it (quit? help) has been answered."""

    def __init__(self, reading: str) -> None:
        super().__init__()
        self.reading = reading

    def compose_body(self) -> ComposeResult:
        with Vertical(id="loading"):
            yield Label(self.reading, id="loading-label", markup=False)
            # Its place is kept from the start, so the line does not jump when it comes.
            yield Vertical(id="loading-indicator")

    def on_mount(self) -> None:
        self.set_timer(INDICATOR_AFTER, self._still_loading)

    def on_screen_resume(self) -> None:
        self.post_message(self.Uncovered())

    def _still_loading(self) -> None:
        self.query_one("#loading-indicator", Vertical).mount(LoadingIndicator())
