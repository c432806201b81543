"""Write the README's screenshots: the screens and the seats of a meeting, on the sample.

Run from the repository root:

    python scripts/screenshots.py

Uses Textual's own SVG screenshot of the real app (through the same
factory as the command line), with the clock frozen so the timers read 0:00,
and a journal of its own in a temporary folder. The browser view is a PNG
from Debian's headless Chromium (``apt-get install chromium chromium-driver``
and ``pip install selenium``); it is skipped, saying so, where they are missing.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from panelapp.config import load_pack
from panelapp.metrics.portable import public_json
from panelapp.metrics.store import figures_for_pack
from panelapp.minutes.entries import Kind
from panelapp.minutes.journal import Journal
from panelapp.minutes.room import OnScreen, put_on_screen, share_figures
from panelapp.ui.app import make_app
from panelapp.ui.seats import CLERK, PRESENT, SOLO, Seat
from tests.e2e.browser import Missing, close, launch

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "images"
SIZE = (120, 40)
SHOTS = {
    "kpi.svg": (SOLO, ["6"]),
    "overview.svg": (SOLO, ["4", "o"]),
    "themes.svg": (SOLO, ["t", "right_square_bracket", "right_square_bracket", "s"]),
    "room.svg": (PRESENT, ["4"]),
    "desk.svg": (CLERK, [*"q: Why are so many of them in care?"]),
}
"""File name -> the seat and the keys a person would press to get there."""

ROOM = OnScreen(
    "4",
    "looked_after_share",
    "kpi",
    False,
    "Missing children in care",
    "32% (134 of 425)",
    "▼ −1 pt  down 1 pt on 2020",
    4,
    8,
)
"""Where the room's screen is for the desk's picture: slide 4."""


async def shoot(name: str, seat: Seat, keys: list[str], journal: Path) -> Path:
    app = make_app(load_pack(ROOT / "config.toml"), seat=seat, journal=journal, clock=lambda: 0.0)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause(0.5)
        return Path(app.save_screenshot(filename=name, path=str(OUT)))


def meeting_under_way(journal: Path) -> None:
    """A journal with the room on slide 4 and a question already minuted."""
    at = dt.datetime(2022, 3, 9, 16, 42).astimezone()
    with Journal.open(journal, clock=lambda: at) as opened:
        put_on_screen(opened, ROOM)
        opened.add(
            Kind.QUERY,
            "How many of the children were placed out of the borough?",
            item="4",
            speaker="Councillor Priya Nair",
        )


def browser_view(journal: Path) -> Path | None:
    """The room's screen as a browser shows it, through `panelapp serve`."""
    try:
        driver = launch()
    except Missing as missing:
        print(f"browser.png skipped: {missing}", file=sys.stderr)
        return None
    pack = load_pack(ROOT / "config.toml")
    [public] = figures_for_pack(pack, public=True)
    with Journal.open(journal) as opened:
        share_figures(opened, {"4": public_json(public)})
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "panelapp.cli", "serve", str(ROOT / "config.toml")]
    server = subprocess.Popen(
        [*command, "--journal", str(journal), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=os.environ.copy(),
    )
    try:
        time.sleep(2)
        driver.get(f"http://127.0.0.1:{port}/")
        time.sleep(6)
        out = OUT / "browser.png"
        driver.save_screenshot(str(out))
        return out
    finally:
        close(driver)
        server.terminate()
        server.wait(10)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        for number, (name, (seat, keys)) in enumerate(SHOTS.items()):
            (Path(folder) / str(number)).mkdir()
            journal = Path(folder) / str(number) / "meeting.journal.sqlite"
            if seat is CLERK:
                meeting_under_way(journal)
            print(asyncio.run(shoot(name, seat, keys, journal)))
        journal = Path(folder) / "meeting.journal.sqlite"
        meeting_under_way(journal)
        print(browser_view(journal))


if __name__ == "__main__":
    main()
