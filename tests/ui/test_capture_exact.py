"""One Enter, one entry, with the kind and text on screen when it was pressed, at any speed.

Keys are sent as a terminal sends a fast typist's (:func:`tests.ui.typing.burst`):
all at once, before the app has handled the first. Before the capture waited
for the keys ahead of Enter, "res: To note the report" then "act: Officer to
report back" saved a resolution "To note the reportact:" and a note, and 20
lines sent at once became fewer entries.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual import events

from panelapp.minutes import migrations
from panelapp.minutes.entries import Kind
from panelapp.minutes.identifiers import Identifiers
from panelapp.minutes.journal import Journal
from panelapp.ui.screens.capture import CaptureScreen
from panelapp.ui.screens.paste import PasteScreen
from panelapp.ui.widgets import capture_bar
from panelapp.ui.widgets.capture_bar import CaptureBar
from tests.ui.conftest import settle
from tests.ui.test_capture import AT, Harness, field
from tests.ui.typing import burst, keys_of, press


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[Journal]:
    with Journal.open(tmp_path / "meeting.journal.sqlite", clock=lambda: AT) as opened:
        yield opened


async def saved_all(pilot: Any, seconds: float = 10.0) -> None:
    """Every line taken has been saved (the journal may have made them wait)."""
    bar = pilot.app.screen.query_one(CaptureBar)
    for _ in range(int(seconds / 0.05)):
        await settle(pilot)
        if not bar.lines.waiting and bar.lines._draining is False:
            return
        await pilot.pause(0.05)
    raise AssertionError(f"still waiting: {[line.text for line in bar.lines.waiting]}")


def in_order(journal: Journal) -> list[tuple[Kind, str]]:
    entries = [*journal.meeting_entries(), *journal.item_entries("4")]
    return [(e.kind, e.text) for e in sorted(entries, key=lambda e: e.id)]


async def test_a_burst_makes_one_entry_per_enter_with_the_kind_it_was_typed_with(
    journal: Journal,
) -> None:
    app = Harness(journal)
    typed = [f"line {n} of the burst" for n in range(20)]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await burst(
            pilot, keys_of("res: To note the report", "act: Officer to report back", *typed)
        )
        await saved_all(pilot)
        assert in_order(journal) == [
            (Kind.RESOLUTION, "To note the report"),
            (Kind.ACTION, "Officer to report back"),
            *[(Kind.NOTE, line) for line in typed],
        ]
        assert field(app).value == ""


async def test_editing_keys_in_a_burst_act_where_they_fall(journal: Journal) -> None:
    app = Harness(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        keys = [*"teh", "backspace", "backspace", *"he", "home", *"I saw ", "end", *" end", "enter"]
        await burst(pilot, [*keys, *"next"])
        await saved_all(pilot)
        assert in_order(journal) == [(Kind.NOTE, "I saw the end")]
        assert field(app).value == "next"


async def test_an_alt_key_in_a_burst_changes_only_the_lines_after_it(journal: Journal) -> None:
    app = Harness(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        keys = [*keys_of("one"), "alt+q", *keys_of("two", "three")]
        keys += ["alt+x", *keys_of("four", "q: five"), "alt+n", *keys_of("six")]
        await burst(pilot, keys)
        await saved_all(pilot)
        assert in_order(journal) == [
            (Kind.NOTE, "one"),
            (Kind.QUERY, "two"),
            (Kind.QUERY, "three"),
            (Kind.RESOLUTION, "four"),
            (Kind.QUERY, "five"),
            (Kind.NOTE, "six"),
        ]


@pytest.mark.parametrize("held", [0.6, 1.5], ids=["shorter than the wait", "longer"])
async def test_lines_typed_while_another_seat_holds_the_journal_wait_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, held: float
) -> None:
    # A write waits this long for another seat's, then fails and is tried again.
    monkeypatch.setattr(migrations, "BUSY_TIMEOUT_S", 1.0)
    monkeypatch.setattr(capture_bar, "RETRY_SECONDS", 0.2)
    with Journal.open(tmp_path / "meeting.journal.sqlite") as opened:
        app = Harness(opened)
        other = sqlite3.connect(opened.path, isolation_level=None)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            other.execute("BEGIN IMMEDIATE")  # the other seat is writing
            asyncio.get_running_loop().call_later(held, other.execute, "COMMIT")
            await burst(pilot, keys_of("q: first", "res: second", "- its point", "third"))
            await pilot.pause(0.2)
            shown = str(app.screen.query_one("#capture-lines").render())
            assert "waiting Query: first" in shown, "the lines show, waiting"
            await burst(pilot, keys_of("fourth"))
            await saved_all(pilot)
            other.close()
            assert in_order(opened) == [
                (Kind.QUERY, "first"),
                (Kind.RESOLUTION, "second"),
                (Kind.POINT, "its point"),
                (Kind.NOTE, "third"),
                (Kind.NOTE, "fourth"),
            ]
            told = [n.message for n in app._notifications if n.title == "Not saved"]
            assert len(told) == (1 if held > 1 else 0)


async def test_a_sub_point_is_one_line_under_the_resolution_before_it(journal: Journal) -> None:
    app = Harness(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await press(pilot, *"res: That the committee requested:", "enter")
        await press(pilot, *"- a report on X")
        where = str(app.screen.query_one("#capture-where").render())
        assert "a sub-point of the resolution" in where
        assert str(app.screen.query_one("#capture-kind").render()).strip() == "Sub-point"
        await press(pilot, "enter", *"- a report on Y", "enter", *"q: - not a point", "enter")
        await saved_all(pilot)
        entries = journal.item_entries("4")
        parent = entries[1]
        assert [(e.kind, e.text, e.parent_id) for e in entries] == [
            (Kind.QUERY, "- not a point", None),
            (Kind.RESOLUTION, "That the committee requested:", None),
            (Kind.POINT, "a report on X", parent.id),
            (Kind.POINT, "a report on Y", parent.id),
        ]
        shown = str(app.screen.query_one("#capture-lines").render())
        assert "  • a report on X" in shown


async def test_a_sub_point_typed_after_reopening_goes_under_the_latest_action(
    journal: Journal,
) -> None:
    action = journal.add(Kind.ACTION, "Officer to report back", item="4")
    app = Harness(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await settle(pilot)
        await press(pilot, *"- by March", "enter")
        await saved_all(pilot)
        assert journal.item_entries("4")[-1].parent_id == action.id


# -- speakers ---------------------------------------------------------------------


async def test_a_speaker_typed_before_a_colon_or_in_the_field_is_the_same(
    journal: Journal,
) -> None:
    app = Harness(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await press(pilot, *"q: Cllr Reed: How many within 72 hours?")
        where = str(app.screen.query_one("#capture-where").render())
        assert "speaker: Councillor Ann Reed" in where
        await press(pilot, "enter")
        # The old failure: a prefix, then Tab, then a name glued the name to the text.
        await burst(pilot, [*"q: How many within 72 hours?", "tab", *"Councillor Mark Ellis"])
        await burst(pilot, ["enter", *"q: Re MACE: why so few?", "enter"])
        await saved_all(pilot)
        entries = journal.item_entries("4")
        assert [(e.text, e.speaker) for e in entries] == [
            ("How many within 72 hours?", "Councillor Ann Reed"),
            ("How many within 72 hours?", "Councillor Mark Ellis"),
            ("Re MACE: why so few?", ""),
        ]
        assert not [n for n in app._notifications if n.title == "New name"]


async def test_tab_completes_a_speaker_typed_in_the_text(journal: Journal) -> None:
    app = Harness(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await press(pilot, *"resp: Hann", "tab")
        assert field(app).value == "resp: Hannah Franklin: "
        assert app.focused is field(app)
        await press(pilot, *"Most were", "enter")
        await saved_all(pilot)
        [response] = journal.item_entries("4")
        assert (response.speaker, response.text) == ("Hannah Franklin", "Most were")


async def test_an_unknown_speaker_is_kept_and_flagged_once(journal: Journal) -> None:
    app = Harness(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await press(pilot, "alt+r", "shift+tab", *"Dr Nu", "tab", *"First", "enter")
        await press(pilot, "shift+tab", *"Dr Nu", "tab", *"Second", "enter")
        await saved_all(pilot)
        assert [(e.speaker, e.text) for e in journal.item_entries("4")] == [
            ("Dr Nu", "First"),
            ("Dr Nu", "Second"),
        ]
        flagged = [n.message for n in app._notifications if n.title == "New name"]
        assert flagged == ["“Dr Nu” is not one of the pack's members or officers: kept as typed."]


# -- a paste of several lines -------------------------------------------------------


async def paste(pilot: Any, text: str) -> None:
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()
    await pilot.pause()


async def test_a_pasted_block_asks_once_then_makes_one_entry_per_line(journal: Journal) -> None:
    app = Harness(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await press(
            pilot, "alt+a", "tab", *"Julie Daley", "shift+tab"
        )  # an owner, for a typed line
        await paste(pilot, "res: To note the report\n\nres: To agree the plan\nact: Report back\n")
        assert isinstance(app.screen, PasteScreen)
        question = str(app.screen.query_one("#paste-question").render())
        assert question == "Paste 3 lines as 3 entries?"
        assert not app.screen.check_action("answer", ("points",)), "each line names its kind"
        shown = str(app.screen.query_one("#paste-lines").render())
        assert "Resolution: To note the report" in shown and "Action: Report back" in shown
        assert journal.item_entries("4") == [], "nothing is saved before the answer"
        await press(pilot, "enter")
        await saved_all(pilot)
        assert isinstance(app.screen, CaptureScreen)
        assert in_order(journal) == [
            (Kind.RESOLUTION, "To note the report"),
            (Kind.RESOLUTION, "To agree the plan"),
            (Kind.ACTION, "Report back"),
        ]
        assert journal.actions()[0].owner == "", "a pasted line carries only its own words"
        assert field(app, "#capture-owner").value == "Julie Daley"


async def test_a_pasted_block_can_be_one_resolution_with_sub_points(journal: Journal) -> None:
    app = Harness(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await press(pilot, "alt+x", *"That the")
        await paste(pilot, " committee requested:\n- a report on X\n2. a report on Y")
        assert isinstance(app.screen, PasteScreen)
        keys = str(app.screen.query_one("#paste-keys").render())
        assert "s one resolution with 2 sub-points" in keys
        await press(pilot, "s")
        await saved_all(pilot)
        entries = journal.item_entries("4")
        assert [(e.kind, e.text) for e in entries] == [
            (Kind.RESOLUTION, "That the committee requested:"),
            (Kind.POINT, "a report on X"),
            (Kind.POINT, "a report on Y"),
        ]
        assert field(app).value == ""


async def test_a_paste_said_no_to_leaves_the_line_as_it_was(journal: Journal) -> None:
    app = Harness(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await press(pilot, *"half typed")
        await paste(pilot, "one\ntwo")
        await press(pilot, "escape")
        await pilot.pause()
        assert field(app).value == "half typed"
        await paste(pilot, "just one line\n")
        assert field(app).value == "half typedjust one line"
        assert journal.item_entries("4") == []


# -- a child named in a line ----------------------------------------------------------


async def test_a_line_naming_a_child_is_warned_of_at_once_and_saved(journal: Journal) -> None:
    known = Identifiers(children=frozenset({"zk001x"}))
    app = Harness(journal, identifiers=lambda item: known if item == "4" else Identifiers())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await press(pilot, *"q: What happened with ZK001X?", "enter")
        await saved_all(pilot)
        [warned] = [n for n in app._notifications if n.title == "A child is named"]
        assert "a child's identifier from item 4's data" in warned.message
        assert "ZK001X" not in warned.message, "never quoted: the room may see the capture"
        assert "shows [child] instead" in warned.message and not warned.markup
        assert [e.text for e in journal.item_entries("4")] == ["What happened with ZK001X?"]
        await press(pilot, *"q: And the others?", "enter")
        await saved_all(pilot)
        assert len([n for n in app._notifications if n.title == "A child is named"]) == 1


async def test_in_public_mode_the_room_sees_a_named_child_as_child_and_the_journal_keeps_it(
    journal: Journal,
) -> None:
    from dataclasses import replace

    from textual.widgets import OptionList, Static

    from panelapp.ui.screens.entries import EntriesScreen
    from tests.ui.test_capture import TOP20

    known = Identifiers(children=frozenset({"zk001x"}))
    public = replace(TOP20, public=True)
    app = Harness(journal, public, identifiers=lambda item: known)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await press(pilot, *"disc: Concern about ZK001X again", "enter")
        await saved_all(pilot)

        def log() -> str:
            return str(app.screen.query_one("#capture-lines", Static).render())

        assert "Concern about [child] again" in log() and "ZK001X" not in log()
        assert [e.text for e in journal.item_entries("4")] == ["Concern about ZK001X again"]
        await press(pilot, "ctrl+l")
        await settle(pilot)
        assert isinstance(app.screen, EntriesScreen)
        listed = [str(o.prompt) for o in app.screen.query_one(OptionList).options]
        assert any("Concern about [child] again" in line for line in listed)
        assert not any("ZK001X" in line for line in listed)
        await press(pilot, "escape")
        await settle(pilot)
        assert isinstance(app.screen, CaptureScreen)
        app.screen.context = TOP20  # public mode off: the clerk's own words again
        await settle(pilot)
        assert "Concern about ZK001X again" in log()


async def test_the_entries_list_shows_and_edits_sub_points_with_their_parent(
    journal: Journal,
) -> None:
    from textual.widgets import Input, OptionList

    from panelapp.ui.screens.entries import EntriesScreen

    asked = journal.add(Kind.RESOLUTION, "That the committee requested:", item="4")
    x = journal.add(Kind.POINT, "a report on X", item="4", parent_id=asked.id)
    journal.add(Kind.POINT, "a report on Y", item="4", parent_id=asked.id)
    journal.add(Kind.RESOLUTION, "To note the report", item="4")
    app = Harness(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await press(pilot, "ctrl+l")
        screen = app.screen
        assert isinstance(screen, EntriesScreen)
        listing = screen.query_one("#entries-list", OptionList)
        shown = [str(o.prompt) for o in listing.options]
        at = next(i for i, line in enumerate(shown) if "That the committee requested:" in line)
        assert shown[at + 1].endswith("    • a report on X")
        assert shown[at + 2].endswith("    • a report on Y")

        listing.highlighted = at + 1  # the first point: it moves among its own
        await press(pilot, "shift+down")
        await settle(pilot)
        texts = [e.text for e in journal.item_entries("4")]
        assert texts == [
            "That the committee requested:",
            "a report on Y",
            "a report on X",
            "To note the report",
        ]
        assert not screen.check_action("kind", ()), "a sub-point keeps its kind"

        listing.highlighted = next(i for i, o in enumerate(listing.options) if o.id == str(x.id))
        await press(pilot, "enter")
        editor = screen.query_one("#edit-text", Input)
        assert app.focused is editor and not screen.query_one("#edit-speaker").display
        await press(pilot, *" and Z", "enter")
        await settle(pilot)
        assert journal.get(x.id).text == "a report on X and Z"

        listing.highlighted = next(
            i for i, o in enumerate(listing.options) if o.id == str(asked.id)
        )
        await press(pilot, "shift+down")  # the resolution moves, its points with it
        await settle(pilot)
        assert [e.text for e in journal.item_entries("4")][0] == "To note the report"
        assert [e.number for e in journal.item_entries("4")] == [1, 2, None, None]
        await press(pilot, "d")
        await settle(pilot)
        assert [e.text for e in journal.item_entries("4")] == ["To note the report"]
        await press(pilot, "u")
        await settle(pilot)
        assert len(journal.item_entries("4")) == 4, "undo brings back the points too"
