"""The one-widget footer draws its keys exactly as Textual's compact footer does, and works."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import Footer, Label

from panelapp.ui.screens.capture import CaptureScreen
from panelapp.ui.screens.entries import EntriesScreen
from panelapp.ui.screens.overview import OverviewScreen
from panelapp.ui.screens.presenter import PresenterScreen
from panelapp.ui.themes import DARK, HIGH_CONTRAST, HIGH_CONTRAST_THEME, LIGHT
from panelapp.ui.widgets.capture_bar import CaptureBar
from panelapp.ui.widgets.footer import KeysFooter

Row = list[tuple[str, str]]


class Keys(App[None]):
    """Keys of every kind the footer draws: several for one action, disabled, hidden, long."""

    BINDINGS = [
        Binding("right,down", "next", "Next", key_display="→"),
        Binding("o", "overview", "Overview"),
        Binding("d", "disabled", "Disabled"),
        Binding("h", "hidden", "Hidden", show=False),
        Binding("x", "pressed('x')", ""),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, footer: Widget, theme: str) -> None:
        super().__init__()
        self.footer = footer
        self.pressed: list[str] = []
        self.register_theme(HIGH_CONTRAST_THEME)
        self.theme = theme

    def compose(self) -> ComposeResult:
        yield Label("body")
        yield self.footer

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if action == "disabled" else True

    def action_next(self) -> None:
        self.pressed.append("next")

    def action_overview(self) -> None:
        self.pressed.append("overview")

    def action_pressed(self, key: str) -> None:
        self.pressed.append(key)


async def bottom_row(footer: Widget, theme: str, width: int, hover: int | None = None) -> Row:
    """The screen's last row as (text, style) runs, spaces counted by their background only."""
    app = Keys(footer, theme)
    async with app.run_test(size=(width, 5)) as pilot:
        await pilot.pause()
        if hover is not None:
            await pilot.hover(offset=(hover, 4))
            await pilot.pause()
        strips = app.screen._compositor.render_strips()  # noqa: SLF001 - the composited screen
        row: Row = []
        for segment in strips[-1]:
            style = segment.style
            for character in segment.text:
                blank = character == " " and style is not None
                shown = style.background_style if blank and style else style
                row.append((character, str(shown)))
        return row


@pytest.mark.parametrize("theme", [DARK, LIGHT, HIGH_CONTRAST])
@pytest.mark.parametrize("width", [80, 40])
async def test_drawn_as_textuals_compact_footer(theme: str, width: int) -> None:
    ours = await bottom_row(KeysFooter(), theme, width)
    assert ours == await bottom_row(Footer(compact=True), theme, width)


@pytest.mark.parametrize("x", [0, 3, 9, 78])
async def test_a_key_under_the_pointer_is_drawn_as_textual_draws_it(x: int) -> None:
    ours = await bottom_row(KeysFooter(), DARK, 80, hover=x)
    assert ours == await bottom_row(Footer(compact=True), DARK, 80, hover=x)


async def test_clicking_a_key_presses_it() -> None:
    app = Keys(KeysFooter(), DARK)
    async with app.run_test(size=(80, 5)) as pilot:
        await pilot.pause()
        await pilot.click(KeysFooter, offset=(0, 0))
        await pilot.click(KeysFooter, offset=(9, 0))
        await pilot.click(KeysFooter, offset=(18, 0))  # disabled: a bell, nothing pressed
        await pilot.pause()
        assert app.pressed == ["next", "overview"]


def test_no_meeting_screen_shows_a_group_of_keys() -> None:
    """The footer draws grouped keys one by one, so no screen may show a group."""
    screens = [PresenterScreen, OverviewScreen, CaptureScreen, EntriesScreen, CaptureBar]
    for screen in screens:
        for binding in screen.BINDINGS:
            assert not (isinstance(binding, Binding) and binding.show and binding.group), binding
