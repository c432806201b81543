"""What every screen of the meeting shares: the header on top, the keys at the bottom."""

from __future__ import annotations

from typing import TYPE_CHECKING, Generic, TypeVar, cast

from textual.app import ComposeResult
from textual.reactive import reactive
from textual.screen import Screen

from panelapp.ui.state import Showing
from panelapp.ui.widgets.footer import KeysFooter
from panelapp.ui.widgets.header import MeetingHeader

if TYPE_CHECKING:
    from panelapp.ui.app import PanelApp

ResultT = TypeVar("ResultT")


class MeetingScreen(Screen[ResultT], Generic[ResultT]):
    """A full screen with the meeting header and the footer of keys."""

    @property
    def panel(self) -> PanelApp:
        """The app, typed, for the header's clock and text."""
        return cast("PanelApp", self.app)

    def compose(self) -> ComposeResult:
        self._take_size_classes()
        yield MeetingHeader(self.panel.meeting_clock, self.panel.header_text)
        yield from self.compose_body()
        yield KeysFooter()

    def compose_body(self) -> ComposeResult:
        """The screen's own content, between header and footer."""
        yield from ()

    def on_screen_resume(self) -> None:
        self.catch_up()

    def catch_up(self) -> None:
        """Back on top: the header shows the time of now."""
        self.query_one(MeetingHeader).catch_up()

    def _take_size_classes(self) -> None:
        """Start with the size classes (-narrow, -wide, -short, -tall) the first resize gives.

        Textual gives a screen its breakpoint classes on its first resize,
        once every widget has been styled, laid out and drawn without them:
        all of that is then done again. With the classes taken before the
        widgets are mounted, the first layout is the one kept. The screen
        restyles itself, classes included, when it comes up.
        """
        app = self.app
        horizontal = self.HORIZONTAL_BREAKPOINTS
        vertical = self.VERTICAL_BREAKPOINTS
        horizontal = (app.HORIZONTAL_BREAKPOINTS if horizontal is None else horizontal) or []
        vertical = (app.VERTICAL_BREAKPOINTS if vertical is None else vertical) or []
        width, height = app.size
        taken = {_breakpoint(width, horizontal), _breakpoint(height, vertical)}
        classes = {name: name in taken for _, name in (*horizontal, *vertical)}
        classes[PROJECTOR] = _projector(width, height)
        self.update_classes(classes, update=False)

    def on_resize(self) -> None:
        self.set_class(_projector(*self.app.size), PROJECTOR)


PROJECTOR = "-projector"
"""The class a projector-sized window gets (on top of -wide and -tall): figures twice the size."""

PROJECTOR_SIZE = (180, 54)
"""Cells wide and high from which a window is a projector's: a 200x60 room screen is, a
120x40 laptop is not."""


def _projector(width: int, height: int) -> bool:
    return width >= PROJECTOR_SIZE[0] and height >= PROJECTOR_SIZE[1]


def _breakpoint(size: int, breakpoints: list[tuple[int, str]]) -> str | None:
    """The class a window of ``size`` cells gets: that of the largest breakpoint it reaches.

    Textual's own rule (``Screen`` applies it on resize), so the first resize
    finds nothing to change.
    """
    return next((name for edge, name in sorted(breakpoints, reverse=True) if size >= edge), None)


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
