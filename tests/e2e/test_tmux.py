"""The real program in a real terminal (tmux), driven and read as a person would."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

SAMPLE = Path(__file__).resolve().parents[2] / "config.toml"


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=False).stdout


@pytest.fixture
def session(tmp_path: Path) -> Iterator[str]:
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed: the end-to-end test needs a real terminal")
    name = f"panelapp-e2e-{uuid.uuid4().hex[:8]}"
    # Textual trusts COLUMNS/LINES over the terminal, and tmux passes on whatever the
    # environment that started its server had.
    command = (
        f"env -u COLUMNS -u LINES {sys.executable} -m panelapp.cli {SAMPLE} "
        f"--journal {tmp_path / 'journal.sqlite'}"
    )
    subprocess.run(
        [
            "tmux", "new-session", "-d", "-s", name, "-x", "120", "-y", "40",
            "-e", f"XDG_CACHE_HOME={tmp_path / 'cache'}",
            "-e", f"XDG_DATA_HOME={tmp_path / 'data'}",
            command,
        ],
        check=True,
    )  # fmt: skip
    try:
        yield name
    finally:
        tmux("kill-session", "-t", name)


def screen(name: str) -> str:
    return tmux("capture-pane", "-p", "-t", name)


def wait_for(name: str, text: str, timeout: float = 30.0) -> str:
    deadline = time.monotonic() + timeout
    shown = ""
    while time.monotonic() < deadline:
        shown = screen(name)
        if text in shown:
            return shown
        time.sleep(0.2)
    raise AssertionError(f"{text!r} never appeared; the screen showed:\n{shown}")


def keys(name: str, *pressed: str) -> None:
    tmux("send-keys", "-t", name, *pressed)


def test_a_presenter_runs_through_the_deck(session: str) -> None:
    wait_for(session, "Children missing   1 of 8")
    first = wait_for(session, "Corporate Parenting Panel")
    assert "down 20% on 2020, better" in first
    keys(session, "PageDown")
    wait_for(session, "Missing episodes   2 of 8")
    keys(session, "o")
    overview = wait_for(session, "4. Children Missing: January – December 2021")
    assert "Return Home" in overview
    keys(session, "Escape")  # alone: Escape then t at once reads as Alt+t
    wait_for(session, "Missing episodes   2 of 8")
    keys(session, "t")
    theme = wait_for(session, "Repeat missing children")
    assert "95% (95 of 100) criminal and/or sexual exploitation" in theme
    keys(session, "p")
    wait_for(session, "PUBLIC: small counts hidden")
    keys(session, "q")
    wait_for(session, "Leave the meeting?")
    keys(session, "y")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and session in tmux("list-sessions"):
        time.sleep(0.2)
    assert session not in tmux("list-sessions"), "the program ended when asked to"
