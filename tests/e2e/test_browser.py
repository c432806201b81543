"""`panelapp serve` in Debian's headless Chromium: the room's screen, public, read-only, live.

The room's seat is played by the test itself, writing to the journal what
`panelapp present` writes (where the room is, and its public figures), so
the page is checked against a known room. Skipped, saying why, only where
Chromium or its driver cannot be installed.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from panelapp.metrics.portable import public_json
from panelapp.minutes.journal import Journal
from panelapp.minutes.room import OnScreen, put_on_screen, read_on_screen, share_figures
from tests.data.journals.sample import sample_figures

from . import browser

pytestmark = pytest.mark.e2e

SAMPLE = Path(__file__).resolve().parents[2] / "config.toml"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def room(journal: Path, slide: str, title: str) -> None:
    """Where the room's screen is: private mode, as a presenter often is."""
    with Journal.open(journal) as opened:
        put_on_screen(opened, OnScreen("4", slide, "kpi", False, title).at(seat="present"))


@contextlib.contextmanager
def serving(journal: Path, home: Path, *options: str) -> Iterator[str]:
    """`panelapp serve` on the sample and ``journal``, listening; its page's address."""
    port = free_port()
    env = {**os.environ, "XDG_CACHE_HOME": str(home / "cache"), "XDG_DATA_HOME": str(home)}
    command = [sys.executable, "-m", "panelapp.cli", "serve", str(SAMPLE)]
    command += ["--journal", str(journal), "--port", str(port), *options]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """The page, with the room already sharing its figures; (url, journal)."""
    journal = tmp_path / "meeting.journal.sqlite"
    with Journal.open(journal) as opened:
        public = sample_figures(public=True)[0]
        share_figures(opened, {"4": public_json(public)})
    room(journal, "children_missing", "Children missing")
    with serving(journal, tmp_path) as url:
        yield url, journal


def test_the_page_shows_the_room_in_public_follows_it_and_no_key_moves_it(
    served: tuple[str, Path], tmp_path: Path
) -> None:
    url, journal = served
    driver = browser.browser()
    try:
        driver.get(url)
        page = browser.wait_for(driver, "Children missing")
        assert "PUBLIC: small counts hidden" in page, "a browser always sees public figures"
        assert "1 of 8" in page
        assert "from 531 in 2020" in page, "the room's figures, read from the journal"
        driver.save_screenshot(str(tmp_path / "serve.png"))

        room(journal, "episodes", "Missing episodes")
        browser.wait_for(driver, "Missing episodes", timeout=10)

        with Journal.open(journal) as opened:
            before = read_on_screen(opened)
        from selenium.webdriver.common.action_chains import ActionChains
        from selenium.webdriver.common.by import By
        from selenium.webdriver.common.keys import Keys

        # Keys reach the app through the terminal's own input, once it has the focus.
        driver.find_element(By.ID, "terminal").click()
        typed = ActionChains(driver)
        for key in (Keys.ARROW_RIGHT, Keys.SPACE, Keys.PAGE_DOWN, "p", "t", "o", "3", Keys.END):
            typed.send_keys(key)
        typed.perform()
        time.sleep(1.5)
        with Journal.open(journal) as opened:
            assert read_on_screen(opened) == before, "no key in the page changes the room"
        assert (tmp_path / "serve.png").stat().st_size > 10_000
    finally:
        browser.close(driver)


def test_the_next_browser_past_the_limit_gets_a_full_page(tmp_path: Path) -> None:
    journal = tmp_path / "meeting.journal.sqlite"
    with serving(journal, tmp_path, "--max-viewers", "1") as url:
        first = browser.browser()
        second = browser.browser()
        try:
            first.get(url)
            browser.wait_for(first, "Waiting for the room's screen")
            second.get(url)
            assert "This page is full" in second.page_source
        finally:
            browser.close(first)
            browser.close(second)
