"""What every screen of the meeting shares: the header on top, the keys at the bottom."""

from __future__ import annotations

from typing import TYPE_CHECKING, Generic, TypeVar, cast

from textual.app import ComposeResult
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer

from panelapp.ui.state import Showing
from panelapp.ui.widgets.header import MeetingHeader

if TYPE_CHECKING:
    from panelapp.ui.app import PanelApp

ResultT = TypeVar("ResultT")


class MeetingScreen(Screen[ResultT], Generic[ResultT]):
    """A full screen with the meeting header and the footer of keys."""

    @property
    def meeting(self) -> PanelApp:
        """The app, typed, for the header's clock and text."""
        return cast("PanelApp", self.app)

    def compose(self) -> ComposeResult:
        yield MeetingHeader(self.meeting.meeting_clock, self.meeting.header_text)
        yield from self.compose_body()
        yield Footer(compact=True)

    def compose_body(self) -> ComposeResult:
        """The screen's own content, between header and footer."""
        yield from ()


class FiguresScreen(MeetingScreen[ResultT], Generic[ResultT]):
    """A screen showing figures: the app hands it new ones when public mode or the item changes."""

    showing: reactive[Showing | None] = reactive(None, init=False, always_update=True)

    def __init__(self, showing: Showing) -> None:
        super().__init__()
        self.set_reactive(FiguresScreen.showing, showing)

    def on_mount(self) -> None:
        self.refresh_figures()

    def watch_showing(self, old: Showing | None, new: Showing | None) -> None:
        if self.is_mounted:
            self.refresh_figures(old)

    def refresh_figures(self, old: Showing | None = None) -> None:
        """Show :attr:`showing`; ``old`` says what was shown before, if anything."""
