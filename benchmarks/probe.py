"""What the harness runs in a child process: ``python -m benchmarks.probe KIND ARGS…``.

Each probe is its own process so start-up, imports and peak memory are its
own. A probe that reaches its moment prints ``READY`` on stdout (the harness
stops the clock when it reads that line), then any results as one JSON line.

``--without D1,D2`` before the kind turns those speed devices off in the
probe's process (:data:`DEVICES`), so a device's gain is measured against
the same code without it; nothing in panelapp reads a switch for this.

Kinds:
  floor-app             a bare Textual app that imports pandas and paints one screen
  app PACK              panelapp on PACK, until its first KPI screen is painted
  check ARGS…           ``panelapp check ARGS…``, timed to its exit
  keys PACK REPEATS     panelapp on PACK, then keypress-to-repaint times (ms)
  floor-keys REPEATS    a bare Textual app whose key updates one Static, timed the same way
  journal DIR N         N journal entries saved one by one (ms each), and a bare sqlite floor
  export PACK DIR N     a meeting of N journal entries exported to Markdown and DOCX (ms)
  follow-drive PACK JOURNAL N   the room's screen: N slide changes, each key's moment
  follow-watch PACK JOURNAL N   the clerk's desk: the moment each of N changes is on its screen
  view PACK JOURNAL     one browser's viewer, until the room's slide is painted
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

SIZE = (120, 40)
"""The terminal every app probe runs in."""

PAUSE = 1.2
"""Seconds between rounds of timed keys, as a presenter talks between slides."""


def ready(results: Any = None) -> None:
    print("READY", flush=True)
    if results is not None:
        print(json.dumps(results), flush=True)


async def _until(
    condition: Callable[[], bool], timeout: float = 600.0, poll: float = 0.002
) -> None:
    """Poll without Textual's idle wait, whose 20 ms sleeps would swamp what is timed."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the app did not get there in time")
        await asyncio.sleep(poll)


async def _painted(pilot: Any) -> None:
    """Every pending event handled, then the screen composited and written out.

    The same as Textual's ``Pilot.pause()`` minus its wait for CPU idleness.
    """
    await pilot._wait_for_screen()
    pilot.app.screen._on_timer_update()


def _busy(app: Any) -> bool:
    """Whether the app or anything on its top screen still has messages or callbacks queued."""
    nodes = [app, *app.screen.walk_children(with_self=True)]
    return any(not node._message_queue.empty() or node._next_callbacks for node in nodes)


async def _press(pilot: Any, key: str, done: Callable[[], bool]) -> float:
    """Milliseconds from a key arriving as a terminal sends it to the repainted screen.

    Pilot's own ``press`` waits twice for the CPU to idle (20 ms sleeps) and
    would time its own waiting. Here the clock stops once ``done`` holds (the
    key has taken effect), nothing it set off is still queued, and the screen
    has been composited and written out.
    """
    from textual import events

    start = time.perf_counter()
    pilot.app._driver.send_message(events.Key(key, None))
    await _until(done, timeout=30, poll=0)
    await pilot._wait_for_screen()
    while _busy(pilot.app):
        await pilot._wait_for_screen()
    pilot.app.screen._on_timer_update()
    return (time.perf_counter() - start) * 1000


def floor_keys(repeats: str) -> None:
    """The least a keypress can cost: a bare app whose key changes one Static's text."""
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Floor(App[None]):
        BINDINGS = [("right", "next")]
        shown = 0

        def compose(self) -> ComposeResult:
            yield Static("0", id="figure")

        def action_next(self) -> None:
            self.shown += 1
            self.query_one("#figure", Static).update(str(self.shown))

    async def main() -> None:
        app = Floor()
        async with app.run_test(headless=True, size=SIZE) as pilot:
            await _painted(pilot)
            times = []
            for _ in range(int(repeats)):
                await asyncio.sleep(PAUSE)  # rounds of four keys, as the app's probe
                for _ in range(4):
                    number = app.shown + 1
                    times.append(await _press(pilot, "right", lambda n=number: app.shown == n))
            ready({"key": times})

    asyncio.run(main())


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
    """panelapp on ``pack``, started as the ``panelapp`` command starts it."""
    from panelapp.cli import open_app

    return open_app([pack])


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
    from panelapp.ui.screens.overview import OverviewScreen

    times: dict[str, list[float]] = {"next": [], "previous": [], "overview": [], "drill-down": []}

    async def main() -> None:
        subject = _panelapp(pack)

        async def timed(action: str, key: str, done: Callable[[], bool] | None = None) -> None:
            before = subject.context
            moved = done or (lambda: subject.context is not before)
            times[action].append(await _press(pilot, key, moved))

        async with subject.run_test(headless=True, size=SIZE) as pilot:
            await _presenting(subject, pilot)
            for _ in range(int(repeats)):
                # A presenter talks between slides: the app's deferred work
                # (full garbage collections) happens in such pauses, not in a press.
                await asyncio.sleep(PAUSE)
                await pilot.press("home")
                await timed("next", "right")
                await timed("previous", "left")
                await timed("overview", "o", lambda: isinstance(subject.screen, OverviewScreen))
                await pilot.press("escape")
                await timed("drill-down", "enter")
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


FOLLOW_PAUSE = 0.6
"""Seconds between the room's slide changes while following is timed."""


def follow_drive(pack: str, journal_path: str, count: str) -> None:
    """The room's screen: alternate Right and Left, noting the moment each key is sent.

    ``time.monotonic`` is one clock for every process on the machine, so the
    desk's moments (:func:`follow_watch`) can be set against these.
    """
    from panelapp.cli import open_app

    async def main() -> None:
        subject = open_app([pack, "--journal", journal_path], seat="present")
        sent: list[tuple[str, float]] = []
        async with subject.run_test(headless=True, size=SIZE) as pilot:
            await _presenting(subject, pilot)
            await asyncio.sleep(1.0)  # the desk has taken the opening place
            for number in range(int(count)):
                await asyncio.sleep(FOLLOW_PAUSE)
                before = subject.context
                key = "right" if number % 2 == 0 else "left"
                moment = time.monotonic()
                await _press(pilot, key, lambda b=before: subject.context is not b)
                sent.append((subject.context.slide, moment))
            await asyncio.sleep(1.0)  # the last write reaches the journal
            ready(sent)

    asyncio.run(main())


def follow_watch(pack: str, journal_path: str, count: str) -> None:
    """The clerk's desk: the moment each slide change of the room is painted here."""
    from panelapp.cli import open_app
    from panelapp.ui.screens.desk import DeskScreen

    async def main() -> None:
        subject = open_app([pack, "--journal", journal_path], seat="clerk")
        seen: list[tuple[str, float]] = []
        async with subject.run_test(headless=True, size=SIZE) as pilot:
            await _until(lambda: isinstance(subject.screen, DeskScreen))
            await _painted(pilot)
            print("READY", flush=True)
            last = subject.context
            while len(seen) < int(count) + 1:
                await _until(lambda was=last: subject.context is not was, poll=0.001)
                last = subject.context
                await _painted(pilot)
                seen.append((last.slide if last else "", time.monotonic()))
            print(json.dumps(seen), flush=True)

    asyncio.run(main())


def view(pack: str, journal_path: str) -> None:
    """One browser's viewer seat, from start until the room's slide is on its screen."""
    from panelapp.cli import open_app

    async def main() -> None:
        subject = open_app([pack, "--journal", journal_path], seat="viewer")
        async with subject.run_test(headless=True, size=SIZE) as pilot:
            await _presenting(subject, pilot)
            ready()

    asyncio.run(main())


def check(*args: str) -> None:
    """``panelapp check``, as the command runs it."""
    from panelapp.cli import entry

    raise SystemExit(entry(["check", *args]))


def _no_fork() -> None:
    from panelapp.metrics import ahead

    ahead._fork = lambda: None


def _no_quiet_collector() -> None:
    from panelapp.ui import collector

    collector.QuietCollector.start = lambda self: None  # type: ignore[method-assign]


def _no_digest_memo() -> None:
    from panelapp.metrics import store

    store._read_digests = lambda: {}


def _no_memory_policy() -> None:
    # panelapp keeps values already set; the C library read its own at start, so its defaults hold.
    os.environ.update(NUMPY_MADVISE_HUGEPAGE="1", MALLOC_MMAP_MAX_="65536")


DEVICES: dict[str, Callable[[], None]] = {
    "fork": _no_fork,
    "quiet-gc": _no_quiet_collector,
    "digest-memo": _no_digest_memo,
    "memory": _no_memory_policy,
}
"""Each speed device, and how a probe turns it off (before panelapp starts)."""


PROBES: dict[str, Callable[..., None]] = {
    "floor-app": floor_app,
    "app": app,
    "keys": keys,
    "floor-keys": floor_keys,
    "journal": journal,
    "export": export,
    "follow-drive": follow_drive,
    "follow-watch": follow_watch,
    "view": view,
    "check": check,
}


if __name__ == "__main__":
    arguments = sys.argv[1:]
    if arguments[0] == "--without":
        for device in filter(None, arguments[1].split(",")):
            DEVICES[device]()
        arguments = arguments[2:]
    PROBES[arguments[0]](*arguments[1:])
