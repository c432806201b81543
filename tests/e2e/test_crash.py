"""The clerk's promise, tested the hard way: type, kill the program outright, find every line.

The real program runs in a real terminal (tmux); three entries are typed
and confirmed on screen, then the process gets SIGKILL: no atexit, no
cleanup, no chance to flush anything late. The journal is then reopened.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from panelapp.minutes.entries import Kind
from panelapp.minutes.journal import Journal
from panelapp.minutes.room import read_on_screen

from .terminal import keys, screen, start, tmux, type_text, wait_for

pytestmark = pytest.mark.e2e

MINIMAL = Path(__file__).resolve().parents[1] / "data" / "packs" / "minimal"


def panelapp_pid(name: str) -> int:
    """The program's own process: the pane's, or the pane shell's child running panelapp."""
    pid = int(tmux("display", "-p", "-t", name, "#{pane_pid}").strip())
    for _ in range(3):
        command = subprocess.run(
            ["ps", "-o", "command=", "-p", str(pid)], capture_output=True, text=True, check=False
        ).stdout
        if "panelapp.cli" in command:
            return pid
        children = subprocess.run(
            ["pgrep", "-P", str(pid)], capture_output=True, text=True, check=False
        ).stdout.split()
        if not children:
            break
        pid = int(children[0])
    raise AssertionError("could not find the panelapp process in the tmux pane")


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    copy = tmp_path / "pack"
    shutil.copytree(MINIMAL, copy)
    return copy / "config.toml"


def test_every_saved_entry_survives_sigkill(session: str, pack: Path, tmp_path: Path) -> None:
    start(session, [str(pack)], tmp_path)
    wait_for(session, "Children missing")
    keys(session, "PageDown")
    wait_for(session, "Missing children in care")
    keys(session, "c")
    wait_for(session, "Nothing minuted for item 1 yet")
    typed = {
        "Chair welcomed the report": "Note: Chair welcomed the report",
        "q: Why are so many in care?": "Q1: Why are so many in care?",
        "res: To note the report": "Resolution 1: To note the report",
    }
    for line, listed in typed.items():
        type_text(session, line)
        keys(session, "Enter")
        wait_for(session, listed)
    assert "saved " in screen(session)

    os.kill(panelapp_pid(session), signal.SIGKILL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and session in tmux("list-sessions"):
        time.sleep(0.1)

    journal_path = pack.parent / "config.journal.sqlite"
    with Journal.open(journal_path, create=False) as journal:
        entries = journal.item_entries("1")
        assert [(e.kind, e.text) for e in entries] == [
            (Kind.QUERY, "Why are so many in care?"),
            (Kind.RESOLUTION, "To note the report"),
            (Kind.NOTE, "Chair welcomed the report"),
        ]
        stamps = [e.context.screen_id for e in entries]
        assert stamps == ["looked_after_share", "looked_after_share", ""], "notes never stamped"
        state = read_on_screen(journal)
        assert state is not None
        assert (state.item, state.slide) == ("1", "looked_after_share")

    # Reopening resumes on the slide the meeting was on, with every entry listed.
    start(session, [str(pack)], tmp_path)
    wait_for(session, "Missing children in care")
    keys(session, "c")
    shown = wait_for(session, "Resolution 1: To note the report")
    assert "Chair welcomed the report" in shown
