"""The real program in a real terminal (tmux), driven and read as a person would."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from .terminal import keys, start, tmux, wait_for

pytestmark = pytest.mark.e2e

SAMPLE = Path(__file__).resolve().parents[2] / "config.toml"


@pytest.fixture
def presenter(session: str, tmp_path: Path) -> str:
    start(session, [str(SAMPLE), "--journal", str(tmp_path / "journal.sqlite")], tmp_path)
    return session


def test_a_presenter_runs_through_the_deck(presenter: str) -> None:
    session = presenter
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


def test_the_placements_example_opens_from_the_package(session: str, tmp_path: Path) -> None:
    start(session, ["--example", "placements", "--journal", str(tmp_path / "j.sqlite")], tmp_path)
    first = wait_for(session, "Children looked after   1 of 9")
    assert "down 3% on 2022–23" in first and "from 468 in 2022–23" in first
    keys(session, "3")
    england = wait_for(session, "England: three or more placements   3 of 9")
    assert "no 2022–23 data" in england
    keys(session, "t")
    theme = wait_for(session, "Children with three or more placements")
    assert "67% (30 of 45) aged 13 or over" in theme
