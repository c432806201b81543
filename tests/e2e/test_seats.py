"""Two seats as two real programs on one journal: the room's screen and the clerk's desk.

Three Right presses on the room's screen show slide 4 on the desk; a query
typed at the desk is stamped with slide 4's figure; the exported minute
cites it. Then a browser-free check of what the journal says the room saw.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from .terminal import keys, start, tmux, type_text, wait_for

pytestmark = pytest.mark.e2e

SAMPLE = Path(__file__).resolve().parents[2] / "config.toml"


@pytest.fixture
def seats() -> Iterator[list[str]]:
    """Names for tmux sessions, every one closed afterwards."""
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed: end-to-end tests need the real program in a terminal")
    names = [f"panelapp-e2e-{uuid.uuid4().hex[:8]}" for _ in range(2)]
    try:
        yield names
    finally:
        for name in names:
            tmux("kill-session", "-t", name)


def test_the_desk_follows_the_room_and_stamps_what_the_room_showed(
    seats: list[str], tmp_path: Path
) -> None:
    room, desk = seats
    journal = tmp_path / "meeting.journal.sqlite"
    start(room, ["present", str(SAMPLE), "--journal", str(journal)], tmp_path)
    wait_for(room, "Children missing   1 of 8")
    start(desk, ["clerk", str(SAMPLE), "--journal", str(journal)], tmp_path)
    wait_for(desk, "slide 1 of 8")
    for _ in range(3):
        keys(room, "Right")
    wait_for(room, "Missing children in care   4 of 8")
    shown = wait_for(desk, "slide 4 of 8", timeout=10)
    assert "Missing children in care" in shown
    type_text(desk, "q: Why are so many of them in care?")
    wait_for(desk, "stamp: Missing children in care 32% (134 of 425)")
    keys(desk, "Enter")
    wait_for(desk, "Q1: Why are so many of them in care?")

    exported = subprocess.run(
        [sys.executable, "-m", "panelapp.cli", "export", str(SAMPLE), "--journal", str(journal)]
        + ["--item", "4", "--format", "json", "--out", "-"],
        capture_output=True,
        text=True,
        check=True,
        env={"XDG_CACHE_HOME": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"},
    )
    [query] = [e for e in json.loads(exported.stdout)["items"][0]["entries"]]
    assert query["stamp"] == {
        "id": "looked_after_share",
        "title": "Missing children in care",
        "figure": "32% (134 of 425)",
    }
    markdown = subprocess.run(
        [sys.executable, "-m", "panelapp.cli", "export", str(SAMPLE), "--journal", str(journal)]
        + ["--item", "4", "--out", "-"],
        capture_output=True,
        text=True,
        check=True,
        env={"XDG_CACHE_HOME": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"},
    ).stdout
    assert (
        "asked, in relation to Missing children in care, 32% (134 of 425): "
        "Why are so many of them in care?"
    ) in markdown
