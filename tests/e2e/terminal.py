"""Driving the real program in tmux, as a person at a keyboard would."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=False).stdout


def start(name: str, arguments: list[str], home: Path) -> None:
    """``panelapp ARGUMENTS`` in a new 120x40 session, with its caches and data under ``home``."""
    # Textual trusts COLUMNS/LINES over the terminal; tmux passes on its server's environment.
    command = " ".join(["env -u COLUMNS -u LINES", sys.executable, "-m panelapp.cli", *arguments])
    subprocess.run(
        [
            "tmux", "new-session", "-d", "-s", name, "-x", "120", "-y", "40",
            "-e", f"XDG_CACHE_HOME={home / 'cache'}",
            "-e", f"XDG_DATA_HOME={home / 'data'}",
            command,
        ],
        check=True,
    )  # fmt: skip


def screen(name: str) -> str:
    """What the terminal shows now."""
    return tmux("capture-pane", "-p", "-t", name)


def wait_for(name: str, text: str, timeout: float = 30.0) -> str:
    """The screen once ``text`` is on it; fails with what was shown instead."""
    deadline = time.monotonic() + timeout
    shown = ""
    while time.monotonic() < deadline:
        shown = screen(name)
        if text in shown:
            return shown
        time.sleep(0.1)
    raise AssertionError(f"{text!r} never appeared; the screen showed:\n{shown}")


def keys(name: str, *pressed: str) -> None:
    """Named keys (Enter, PageDown, Escape) or single characters."""
    tmux("send-keys", "-t", name, *pressed)


def type_text(name: str, text: str) -> None:
    """Literal text, as typed."""
    tmux("send-keys", "-t", name, "-l", text)
