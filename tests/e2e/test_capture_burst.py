"""The clerk's capture in a real terminal: lines sent at once, and a pasted block.

tmux delivers ``send-keys`` of many lines as one stream, as a fast typist's
keys or a stalled laptop's catch-up arrive; ``paste-buffer -p`` sends a
bracketed paste, as a terminal does when the clerk pastes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from panelapp.minutes.entries import Kind
from panelapp.minutes.journal import Journal

from .terminal import keys, start, tmux, wait_for

pytestmark = pytest.mark.e2e

SAMPLE = Path(__file__).resolve().parents[2] / "config.toml"


def test_a_burst_and_a_paste_in_a_real_terminal_make_exactly_the_lines_typed(
    session: str, tmp_path: Path
) -> None:
    journal = tmp_path / "journal.sqlite"
    start(session, [str(SAMPLE), "--journal", str(journal)], tmp_path)
    wait_for(session, "Children missing   1 of 8")
    keys(session, "c")
    wait_for(session, "type, Enter saves")
    typed = [f"burst line {n}" for n in range(1, 21)]
    stream: list[str] = []
    for line in ["res: To note the report", "act: Officer to report back", "- by March", *typed]:
        stream += [line, "Enter"]
    keys(session, *stream)
    wait_for(session, "Note: burst line 20")
    block = "res: That the committee requested:\n- a report on X\n- a report on Y\n"
    tmux("set-buffer", "-b", session, block)
    tmux("paste-buffer", "-p", "-b", session, "-d", "-t", session)
    wait_for(session, "Paste 3 lines as 3 entries?")
    keys(session, "Enter")
    wait_for(session, "Resolution 2: That the committee requested:")
    with Journal.open(journal, create=False) as opened:
        saved = sorted(opened.item_entries("4"), key=lambda e: e.id)
    assert [(e.kind, e.text) for e in saved] == [
        (Kind.RESOLUTION, "To note the report"),
        (Kind.ACTION, "Officer to report back"),
        (Kind.POINT, "by March"),
        *[(Kind.NOTE, line) for line in typed],
        (Kind.RESOLUTION, "That the committee requested:"),
        (Kind.POINT, "a report on X"),
        (Kind.POINT, "a report on Y"),
    ]
