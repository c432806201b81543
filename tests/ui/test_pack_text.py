"""Pack text, figures and what the clerk types reach the screen as text, never as markup.

An item title holding '[/b]' crashed the app on the overview with a Textual
traceback; '[c]', the suppression symbol, vanished from a line read as markup.
Every screen is opened here with brackets in every title, label and entry.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Label, Markdown, Static

from panelapp.config import Pack, load_pack
from panelapp.metrics.results import ItemFigures
from panelapp.metrics.store import raw_figures
from panelapp.ui import text
from panelapp.ui.screens.entries import EntriesScreen
from panelapp.ui.screens.minutes_preview import MinutesPreview
from panelapp.ui.screens.overview import OverviewScreen
from tests.data.journals.sample import copy_sample
from tests.ui.conftest import AppFactory, ready

MARKUP = "[/b] [b]x[c] [/]"
"""Closing tags with nothing open, an unknown style and the suppression symbol."""


@pytest.fixture(scope="module")
def bracketed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Pack, list[ItemFigures]]:
    """The sample pack with MARKUP in front of every title, label, purpose and note."""
    folder = tmp_path_factory.mktemp("bracketed")
    config = copy_sample(folder)
    keys = r"title|label|purpose|description|notes|report|committee|body|role"
    text = re.sub(
        rf'^({keys}) = "', lambda m: m.group(0) + MARKUP + " ", config.read_text(), flags=re.M
    )
    config.write_text(text.replace("Julie Daley", "[/] Julie Daley"))
    pack = load_pack(config)
    return pack, raw_figures(pack, use_cache=False)


def shown(widget: Label | Static) -> str:
    return str(widget.render())


async def press(pilot: Pilot[Any], *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_the_overview_shows_a_title_with_brackets(
    make: AppFactory, bracketed: tuple[Pack, list[ItemFigures]], tmp_path: Path
) -> None:
    pack, raw = bracketed
    app = make(pack=pack, raw=raw)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await press(pilot, "o")
        assert isinstance(app.screen, OverviewScreen)
        title = shown(app.screen.query_one("#overview-title", Label))
        assert title.startswith(f"4. {MARKUP} Children Missing: ")
        assert app.is_running


async def test_every_screen_shows_brackets_as_typed(
    make: AppFactory, bracketed: tuple[Pack, list[ItemFigures]]
) -> None:
    pack, raw = bracketed
    app = make(pack=pack, raw=raw)
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        slide = app.screen
        assert shown(slide.query_one("#kpi-title", Label)).startswith(f"{MARKUP} Children missing")
        await press(pilot, "n")
        assert f"Notes: {MARKUP}" in shown(slide.query_one("#kpi-notes", Static))
        await press(pilot, "p")  # public: the symbol must survive on every line
        await press(pilot, "t")
        assert shown(slide.query_one("#theme-title", Label)).startswith(f"{MARKUP} Repeat")
        assert shown(slide.query_one("#theme-cohort", Static)).startswith(MARKUP)
        showing = app.showing()
        assert showing.public and showing.figures is not None
        theme = showing.figures.themes[0]
        written = "\n".join(text.highlight(h, showing.style) for h in theme.highlights)
        assert shown(slide.query_one("#theme-highlights", Static)) == written
        await press(pilot, "right_square_bracket", "escape", "p")
        await press(pilot, "c")
        await press(pilot, *"[/b] asked about [c]", "enter")
        assert "[/b] asked about [c]" in shown(app.screen.query_one("#capture-lines", Static))
        await press(pilot, "alt+q")  # a query is stamped (a note never is): the title shows
        assert MARKUP in shown(app.screen.query_one("#capture-where", Label))
        await press(pilot, "escape", "e")
        assert isinstance(app.screen, EntriesScreen)
        assert MARKUP in shown(app.screen.query_one("#entries-title", Label))
        await press(pilot, "escape", "ctrl+p")
        await press(pilot, *"KPI")
        await press(pilot, "escape", "f", "escape", "ctrl+o")
        assert isinstance(app.screen, MinutesPreview)
        assert f"# {MARKUP} Corporate Parenting Panel" in app.screen.query_one(Markdown).source
        assert app.is_running
