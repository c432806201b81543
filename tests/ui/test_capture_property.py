"""The journal holds exactly the lines typed, in order, with their kinds: at any speed, by
prefix, Alt key or the kind that sticks, and while another seat holds the journal's lock.

Each example types through the real capture (its widgets, keys and journal),
some lines a key at a time and some in a burst as a terminal delivers them.
"""

from __future__ import annotations

import asyncio
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from panelapp.minutes import migrations
from panelapp.minutes.entries import Kind
from panelapp.minutes.journal import Journal
from panelapp.ui.widgets import capture_bar
from panelapp.ui.widgets.capture_bar import KIND_ORDER
from tests.ui.test_capture import AT, Harness
from tests.ui.test_capture_exact import in_order, saved_all
from tests.ui.typing import burst, press

TYPED_KINDS = tuple(kind for kind in KIND_ORDER if kind is not Kind.ATTENDANCE)
"""Kinds a line can be typed as; attendance reads its first word as a role (tested apart)."""

WORDS = (
    "How",
    "many",
    "children",
    "were",
    "offered",
    "a",
    "return",
    "home",
    "interview",
    "within",
    "72",
    "hours?",
    "MACE",
    "RHI's",
    "report,",
    "To",
    "note",
    "the",
    "41%",
    "(87",
    "of",
    "212)",
    "Officer",
    "back.",
    "Q3",
    "&",
)


@dataclass(frozen=True)
class Typed:
    kind: Kind
    how: str
    """'prefix' (q: …), 'alt' (Alt and the kind's key first) or 'sticky' (the kind as it is)."""
    text: str
    burst: bool


lines = st.lists(
    st.builds(
        Typed,
        st.sampled_from(TYPED_KINDS),
        st.sampled_from(("prefix", "alt", "sticky")),
        st.lists(st.sampled_from(WORDS), min_size=1, max_size=7).map(" ".join),
        st.booleans(),
    ),
    min_size=1,
    max_size=8,
)


async def type_them(typed: list[Typed], held: float | None) -> list[tuple[Kind, str]]:
    """Type the lines; the kinds and texts the journal holds afterwards, in order."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "meeting.journal.sqlite"
        with Journal.open(path, clock=lambda: AT) as journal:
            app = Harness(journal)
            async with app.run_test(size=(120, 40)) as pilot:
                await pilot.pause()
                other = sqlite3.connect(path, isolation_level=None)
                if held is not None:
                    other.execute("BEGIN IMMEDIATE")  # another seat is writing
                    asyncio.get_running_loop().call_later(held, other.execute, "COMMIT")
                for line in typed:
                    keys: list[str] = []
                    if line.how == "alt":
                        keys.append(f"alt+{line.kind.key}")
                    prefix = f"{line.kind.prefix}: " if line.how == "prefix" else ""
                    keys += [*prefix, *line.text, "enter"]
                    if line.burst:
                        await burst(pilot, keys)
                    else:
                        await press(pilot, *keys)
                await saved_all(pilot, seconds=20)
                await asyncio.sleep(max(0.0, (held or 0) - 0.1))
                other.close()
                assert app.screen.query_one("#capture-text").value == ""  # type: ignore[attr-defined]
            return in_order(journal)


def expected(typed: list[Typed]) -> list[tuple[Kind, str]]:
    """What the clerk saw on the badge at each Enter: a prefix for its line, else the kind
    picked with Alt last (a note until one is)."""
    sticky, saved = Kind.NOTE, []
    for line in typed:
        if line.how == "alt":
            sticky = line.kind
        saved.append((line.kind if line.how != "sticky" else sticky, line.text))
    return saved


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    database=None,
)
@given(typed=lines, held=st.none() | st.sampled_from((0.2, 0.9)))
def test_the_journal_holds_exactly_the_lines_typed(typed: list[Typed], held: float | None) -> None:
    busy, retry = migrations.BUSY_TIMEOUT_S, capture_bar.RETRY_SECONDS
    # A write waits half a second for the other seat, then fails and is tried again.
    migrations.BUSY_TIMEOUT_S, capture_bar.RETRY_SECONDS = 0.5, 0.1
    try:
        assert asyncio.run(type_them(typed, held)) == expected(typed)
    finally:
        migrations.BUSY_TIMEOUT_S, capture_bar.RETRY_SECONDS = busy, retry
