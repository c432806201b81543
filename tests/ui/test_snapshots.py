"""Snapshots of every screen type at a laptop's 80x24 and a projector's 160x45, dark and light.

Regenerate after an intended change with ``pytest tests/ui --snapshot-update``
and look at the SVGs before accepting them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from panelapp.metrics.reading import DataError
from panelapp.minutes.entries import Kind
from panelapp.minutes.journal import Journal
from panelapp.minutes.room import OnScreen, put_on_screen
from panelapp.ui.seats import CLERK, PRESENT
from panelapp.ui.themes import DARK, HIGH_CONTRAST, LIGHT
from tests.ui.conftest import AppFactory, ready, until

SIZES = {"80x24": (80, 24), "160x45": (160, 45)}
THEMES = {"dark": DARK, "light": LIGHT}
SCREENS = {
    "kpi": ["6"],
    "kpi_count": [],
    "overview": ["4", "o"],
    "theme": ["t", "right_square_bracket", "right_square_bracket", "s"],
}


def before(theme: str, keys: list[str]) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run(pilot: Pilot[Any]) -> None:
        await ready(pilot)
        pilot.app.theme = theme
        await pilot.press(*keys)
        await pilot.pause()

    return run


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("theme", THEMES)
def test_screen(snap_compare: Any, make: AppFactory, screen: str, size: str, theme: str) -> None:
    assert snap_compare(
        make(), terminal_size=SIZES[size], run_before=before(THEMES[theme], SCREENS[screen])
    )


@pytest.mark.parametrize("size", SIZES)
def test_help(snap_compare: Any, make: AppFactory, size: str) -> None:
    assert snap_compare(make(), terminal_size=SIZES[size], run_before=before(DARK, ["?"]))


@pytest.mark.parametrize("size", SIZES)
def test_public_theme(snap_compare: Any, make: AppFactory, size: str) -> None:
    keys = ["t", "right_square_bracket", "right_square_bracket"]
    assert snap_compare(make(public=True), terminal_size=SIZES[size], run_before=before(DARK, keys))


def test_kpi_with_notes_in_high_contrast(snap_compare: Any, make: AppFactory) -> None:
    assert snap_compare(make(), terminal_size=(120, 40), run_before=before(HIGH_CONTRAST, ["n"]))


def test_problem(snap_compare: Any, make: AppFactory) -> None:
    def loader(pack: Any, use_cache: bool = True) -> list[Any]:
        raise DataError(
            "data/missing_episodes.csv",
            "row 12, MIS_START",
            "'31/02/2021' is not a date",
            "Correct the date.",
        )

    assert snap_compare(make(loader=loader), terminal_size=(80, 24), run_before=before(DARK, []))


def test_agenda_item_without_figures(snap_compare: Any, make: AppFactory) -> None:
    async def run(pilot: Pilot[Any]) -> None:
        await ready(pilot)
        pilot.app.go_to("2")  # type: ignore[attr-defined]
        await pilot.pause()

    assert snap_compare(make(), terminal_size=(80, 24), run_before=run)


def test_quit(snap_compare: Any, make: AppFactory) -> None:
    assert snap_compare(make(), terminal_size=(80, 24), run_before=before(DARK, ["q"]))


# -- the seats -----------------------------------------------------------------------

ROOM_SIZES = {"80x24": (80, 24), "120x40": (120, 40), "200x60": (200, 60)}


@pytest.mark.parametrize("size", ROOM_SIZES)
def test_present_seat(snap_compare: Any, make: AppFactory, size: str) -> None:
    """The room's screen: the deck alone, the figure larger as the window grows."""
    assert snap_compare(
        make(seat=PRESENT), terminal_size=ROOM_SIZES[size], run_before=before(DARK, ["4"])
    )


def test_clerks_desk(snap_compare: Any, make: AppFactory, tmp_path: Path) -> None:
    """The desk mirroring the room on slide 4, a query half typed and stamped."""
    journal = tmp_path / "meeting.journal.sqlite"
    at = dt.datetime(2022, 3, 9, 16, 42, tzinfo=dt.timezone.utc)
    with Journal.open(journal, clock=lambda: at) as opened:
        put_on_screen(
            opened,
            OnScreen(
                "4",
                "looked_after_share",
                "kpi",
                False,
                "Missing children in care",
                "32% (134 of 425)",
                "▼ −1 pt  down 1 pt on 2020",
                4,
                8,
            ),
        )
        opened.add(Kind.QUERY, "How many were placed out of borough?", item="4", speaker="Ann")

    async def run(pilot: Pilot[Any]) -> None:
        await ready(pilot)
        report = pilot.app.screen.query_one("#desk-report", Static)
        await until(pilot, lambda: "agree" in str(report.content))
        pilot.app.theme = DARK
        await pilot.press(*"q: Why so many in care")
        await pilot.pause()

    assert snap_compare(make(seat=CLERK, journal=journal), terminal_size=(120, 40), run_before=run)
