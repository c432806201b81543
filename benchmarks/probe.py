"""What the harness runs in a child process: ``python -m benchmarks.probe KIND ARGS…``.

Each probe is its own process so start-up, imports and peak memory are its
own. A probe that reaches its moment prints ``READY`` on stdout (the harness
stops the clock when it reads that line), then any results as one JSON line.

Kinds:
  floor-app             a bare Textual app that imports pandas and paints one screen
  app PACK              panelapp on PACK, until its first KPI screen is painted
  keys PACK REPEATS     panelapp on PACK, then keypress-to-repaint times (ms)
  journal DIR N         N journal entries saved one by one (ms each), and a bare sqlite floor
  export PACK DIR N     a meeting of N journal entries exported to Markdown and DOCX (ms)
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

SIZE = (120, 40)
"""The terminal every app probe runs in."""


def ready(results: Any = None) -> None:
    print("READY", flush=True)
    if results is not None:
        print(json.dumps(results), flush=True)


async def _until(condition: Callable[[], bool], timeout: float = 600.0) -> None:
    """Poll without Textual's idle wait, whose 20 ms sleeps would swamp what is timed."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the app did not get there in time")
        await asyncio.sleep(0.002)


async def _painted(pilot: Any) -> None:
    """Every pending event handled, then the screen composited and written out.

    The same as Textual's ``Pilot.pause()`` minus its wait for CPU idleness.
    """
    await pilot._wait_for_screen()
    pilot.app.screen._on_timer_update()


def floor_app() -> None:
    import pandas  # noqa: F401 - the floor pays for pandas as panelapp does
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Floor(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("Children missing\n\n425", id="figure")

    async def main() -> None:
        app = Floor()
        async with app.run_test(headless=True, size=SIZE) as pilot:
            await _until(lambda: bool(app.query("#figure")))
            await _painted(pilot)
            ready()

    asyncio.run(main())


def _panelapp(pack: str) -> Any:
    from panelapp.config import load_pack
    from panelapp.ui.app import make_app

    return make_app(load_pack(pack), public=False, journal=None, use_cache=True)


async def _presenting(app: Any, pilot: Any) -> None:
    from panelapp.ui.screens.presenter import PresenterScreen

    await _until(lambda: isinstance(app.screen, PresenterScreen))
    await _painted(pilot)


def app(pack: str) -> None:
    async def main() -> None:
        subject = _panelapp(pack)
        async with subject.run_test(headless=True, size=SIZE) as pilot:
            await _presenting(subject, pilot)
            ready()

    asyncio.run(main())


def keys(pack: str, repeats: str) -> None:
    """Times from a key press to the repainted screen, for each presenter action."""
    times: dict[str, list[float]] = {"next": [], "previous": [], "overview": [], "drill-down": []}

    async def timed(pilot: Any, action: str, key: str) -> None:
        start = time.perf_counter()
        await pilot.press(key)
        await _painted(pilot)
        times[action].append((time.perf_counter() - start) * 1000)

    async def main() -> None:
        subject = _panelapp(pack)
        async with subject.run_test(headless=True, size=SIZE) as pilot:
            await _presenting(subject, pilot)
            for _ in range(int(repeats)):
                await pilot.press("home")
                await timed(pilot, "next", "right")
                await timed(pilot, "previous", "left")
                await timed(pilot, "overview", "o")
                await pilot.press("escape")
                await timed(pilot, "drill-down", "enter")
                await pilot.press("escape")
                await _painted(pilot)
            ready(times)

    asyncio.run(main())


def journal(folder: str, count: str) -> None:
    """Each entry saved on its own, as the clerk presses Enter; and bare sqlite doing the same."""
    import sqlite3

    from panelapp.minutes.journal import Journal

    entries: list[float] = []
    with Journal.open(Path(folder) / "bench.journal.sqlite") as book:
        for number in range(int(count)):
            start = time.perf_counter()
            book.add("discussion", f"Members discussed point {number}.", item="4")
            entries.append((time.perf_counter() - start) * 1000)
    bare: list[float] = []
    db = sqlite3.connect(Path(folder) / "bare.sqlite", isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")
    db.execute("CREATE TABLE entry (id INTEGER PRIMARY KEY, text TEXT)")
    for number in range(int(count)):
        start = time.perf_counter()
        db.execute("BEGIN IMMEDIATE")
        db.execute("INSERT INTO entry (text) VALUES (?)", (f"Members discussed point {number}.",))
        db.execute("COMMIT")
        bare.append((time.perf_counter() - start) * 1000)
    db.close()
    ready({"entry": entries, "bare": bare})


def export(pack_path: str, folder: str, count: str) -> None:
    """A meeting's worth of entries, then the whole draft rendered and written per format."""
    from panelapp.config import load_pack
    from panelapp.metrics.store import figures_for_pack
    from panelapp.minutes.draft import prepare_minutes
    from panelapp.minutes.export import render, write_draft
    from panelapp.minutes.journal import Journal

    pack = load_pack(pack_path)
    path = Path(folder) / "meeting.journal.sqlite"
    path.unlink(missing_ok=True)
    kinds = ("query", "response", "discussion", "resolution", "action")
    with Journal.open(path) as book:
        for number in range(int(count)):
            kind = kinds[number % len(kinds)]
            extra = {"owner": "Hannah Franklin", "due": "2022-04-30"} if kind == "action" else {}
            book.add(kind, f"Entry {number}: the panel's {kind}.", item="4", **extra)  # type: ignore[arg-type]
    figures = figures_for_pack(pack, public=False)
    results: dict[str, float] = {}
    for fmt in ("md", "docx"):
        start = time.perf_counter()
        minutes = prepare_minutes(pack, journal=path, figures=figures)
        write_draft(render(minutes, fmt), Path(folder) / f"minutes.{fmt}")
        results[fmt] = (time.perf_counter() - start) * 1000
    ready(results)


PROBES: dict[str, Callable[..., None]] = {
    "floor-app": floor_app,
    "app": app,
    "keys": keys,
    "journal": journal,
    "export": export,
}


if __name__ == "__main__":
    PROBES[sys.argv[1]](*sys.argv[2:])
