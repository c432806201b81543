"""Fixtures for Pilot and snapshot tests: the sample's figures once, frozen clocks, no blink."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from panelapp.config import Pack, load_pack
from panelapp.metrics.results import ItemFigures
from panelapp.metrics.store import raw_figures
from panelapp.ui.app import PanelApp, make_app

SAMPLE = Path(__file__).resolve().parents[2] / "config.toml"
"""The bundled sample pack: the published Children Missing minute's figures."""

FROZEN = 1000.0
"""The time on every test clock, so the header's timers read 0:00 in every snapshot."""


def frozen_clock() -> float:
    return FROZEN


@pytest.fixture(autouse=True)
def no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    """A blinking cursor makes a snapshot depend on when it was taken."""
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)


@pytest.fixture(scope="session")
def sample_pack() -> Pack:
    return load_pack(SAMPLE)


@pytest.fixture(scope="session")
def sample_raw(sample_pack: Pack) -> list[ItemFigures]:
    """The figures the CLI would read, through the core's cache: computed by this
    session (its own cache folder, see tests/conftest.py), never by an earlier run."""
    return raw_figures(sample_pack, use_cache=True)


AppFactory = Callable[..., PanelApp]


@pytest.fixture
def make(sample_pack: Pack, sample_raw: list[ItemFigures], tmp_path: Path) -> AppFactory:
    """The app through the one factory, with a frozen clock and figures handed in.

    The journal goes to the test's own folder, never beside the repository's sample.
    """

    def build(raw: list[ItemFigures] | None = None, **options: Any) -> PanelApp:
        figures = sample_raw if raw is None else raw
        options.setdefault("journal", tmp_path / "meeting.journal.sqlite")
        options.setdefault("clock", frozen_clock)
        options.setdefault("loader", lambda pack, use_cache=True: list(figures))
        return make_app(options.pop("pack", sample_pack), **options)

    return build


async def ready(pilot: Pilot[Any]) -> None:
    """Wait for the loading worker and the first screen it puts up."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def until(pilot: Pilot[Any], condition: Callable[[], bool], timeout: float = 10.0) -> None:
    """Wait for what another seat's write sets off (a follower polls the journal).

    Polled rather than a fixed pause, so a busy machine is slower, not wrong.
    """
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("the screen never caught up with the journal")
        await pilot.pause(0.05)


async def settle(pilot: Pilot[Any]) -> None:
    """Every journal call the keys set off has finished, and the screen shows it."""
    await pilot.pause()
    await pilot.app.link.settled()  # type: ignore[attr-defined]
    await pilot.pause()
