"""Pilot flows of the clerk's capture, from the keyboard, against a real journal file.

A small harness app holds only the capture screen, so these run without
computing any figures; the real app's wiring is tested in test_capture_app.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.widgets import Input, OptionList

from panelapp.minutes.entries import GROUP_ORDER, Kind
from panelapp.minutes.identifiers import Identifiers
from panelapp.minutes.journal import Journal, JournalError
from panelapp.minutes.room import OnScreen
from panelapp.ui.journal_calls import GONE
from panelapp.ui.link import JournalLink
from panelapp.ui.screens.attendance import AttendanceScreen
from panelapp.ui.screens.capture import CaptureScreen
from panelapp.ui.screens.entries import EntriesScreen
from panelapp.ui.screens.pick import PickScreen
from panelapp.ui.widgets import capture_bar
from panelapp.ui.widgets.capture_bar import CaptureBar
from panelapp.ui.widgets.capture_lines import SECTION_TITLES
from tests.ui.conftest import settle

AT = dt.datetime(2022, 3, 9, 18, 42, tzinfo=dt.timezone.utc)
TOP20 = OnScreen("4", "top20_episode_share", "kpi", False, "Top twenty children", "41% (87 of 212)")
MEMBERS = ("Councillor Ann Reed", "Councillor Mark Ellis", "Councillor Jo Patel")
OFFICERS = ("Julie Daley", "Hannah Franklin")


class Harness(App[None]):
    """Just the capture over an empty screen, as the clerk would see it over the deck."""

    def __init__(
        self,
        journal: Journal,
        context: OnScreen | None = TOP20,
        identifiers: Callable[[str], Identifiers] = lambda item: Identifiers(),
    ) -> None:
        super().__init__()
        self.link = JournalLink.of(journal)
        self.context = context
        self.identifiers = identifiers

    def on_mount(self) -> None:
        self.push_screen(
            CaptureScreen(
                self.link,
                item="4",
                item_title="Children Missing",
                context=self.context,
                names=(*MEMBERS, *OFFICERS),
                members=MEMBERS,
                identifiers=self.identifiers,
            )
        )


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[Journal]:
    with Journal.open(tmp_path / "meeting.journal.sqlite", clock=lambda: AT) as opened:
        yield opened


def field(app: App[Any], selector: str = "#capture-text") -> Input:
    return app.screen.query_one(selector, Input)


async def type_line(pilot: Any, text: str) -> None:
    await pilot.press(*text, "enter")
    await settle(pilot)


async def test_c_opens_with_the_cursor_in_the_text_and_enter_saves_a_note(
    journal: Journal,
) -> None:
    app = Harness(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.focused is field(app)
        await type_line(pilot, "Welcome")
        [entry] = journal.item_entries("4")
        assert (entry.kind, entry.text, entry.item) == (Kind.NOTE, "Welcome", "4")
        assert entry.context.screen_id == "", "notes are never stamped"
        await type_line(pilot, "q: Why?")
        query = journal.item_entries("4")[0]
        assert query.context.screen_id == "top20_episode_share"
        assert query.context.figure == "41% (87 of 212)"
        assert field(app).value == ""
        saved = str(app.screen.query_one("#capture-saved").render())
        assert "saved 18:42" in saved
        assert "Welcome" in str(app.screen.query_one("#capture-lines").render())


async def test_alt_letter_picks_a_sticky_kind_and_a_prefix_counts_once(journal: Journal) -> None:
    app = Harness(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("alt+q")
        bar = app.screen.query_one(CaptureBar)
        assert bar.kind is Kind.QUERY
        assert app.focused is field(app)
        await type_line(pilot, "Why?")
        await type_line(pilot, "And?")
        await type_line(pilot, "res: To note")
        assert bar.kind is Kind.QUERY, "a prefix does not change the kind that sticks"
        kinds = [(e.kind, e.text, e.number) for e in journal.item_entries("4")]
        assert kinds == [
            (Kind.QUERY, "Why?", None),
            (Kind.QUERY, "And?", None),
            (Kind.RESOLUTION, "To note", 1),
        ]


async def test_speakers_complete_from_the_pack_and_new_names_are_kept(journal: Journal) -> None:
    app = Harness(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("alt+q", "shift+tab")
        assert app.focused is field(app, "#capture-speaker")
        await pilot.press(*"councillor m")
        await pilot.pause()
        await pilot.press("tab")
        assert field(app, "#capture-speaker").value == "Councillor Mark Ellis"
        assert app.focused is field(app)
        await type_line(pilot, "How?")
        assert field(app, "#capture-speaker").value == "", "each entry names its own speaker"
        await pilot.press("alt+r", "shift+tab", *"Dr Nu", "enter")
        assert app.focused is field(app), "Enter in the speaker field goes on to the text"
        await type_line(pilot, "Most")
        query, response = journal.item_entries("4")
        assert query.speaker == "Councillor Mark Ellis"
        assert (response.kind, response.speaker, response.query_id) == (
            Kind.RESPONSE,
            "Dr Nu",
            query.id,
        )
        await pilot.press("shift+tab", *"dr")
        await pilot.pause()
        await pilot.press("tab")
        assert field(app, "#capture-speaker").value == "Dr Nu"


async def test_an_action_has_owner_and_due_date(journal: Journal) -> None:
    app = Harness(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("alt+a")
        assert field(app, "#capture-owner").display and field(app, "#capture-due").display
        assert not field(app, "#capture-speaker").display
        await pilot.press(*"Report", "tab", *"jul", "tab", *"31/3/2022")
        assert field(app).value == "Report", "Tab left the text for the owner"
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused is field(app) and field(app).value == ""
        [action] = journal.actions()
        assert (action.owner, action.due, action.text) == (
            "Julie Daley",
            "2022-03-31",
            "Report",
        )
        assert field(app, "#capture-owner").value == ""


async def test_attendance_is_per_meeting_with_a_role(journal: Journal) -> None:
    app = Harness(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("alt+t")
        assert field(app, "#capture-role").display
        field(app, "#capture-role").value = "apologies"
        await type_line(pilot, "Councillor Jo Patel")
        [entry] = journal.meeting_entries()
        assert (entry.kind, entry.item, entry.role) == (
            Kind.ATTENDANCE,
            None,
            "apologies",
        )


async def test_a_line_the_journal_refuses_waits_in_order_and_is_saved_when_it_can_be(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = Harness(journal)
    monkeypatch.setattr(capture_bar, "RETRY_SECONDS", 0.2)

    def fail(*args: Any, **kwargs: Any) -> None:
        raise JournalError(journal.path, "could not be written (disk I/O error)", "Check the disk.")

    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        with monkeypatch.context() as failing:
            failing.setattr(journal, "add", fail)
            await type_line(pilot, "res: Nothing lost")
            await type_line(pilot, "Nor this")
            await pilot.pause(0.5)  # tried again meanwhile, and refused again
            assert field(app).value == "", "a waiting line is never put back to merge"
            saved = str(app.screen.query_one("#capture-saved").render())
            assert "2 lines waiting to be saved" in saved
            shown = str(app.screen.query_one("#capture-lines").render())
            assert "waiting Resolution: Nothing lost" in shown and "waiting Note: Nor this" in shown
            told = [n.message for n in app._notifications if "could not be written" in n.message]
            assert len(told) == 1, "told once, not at every try"
        await pilot.pause(0.5)
        await settle(pilot)
        entries = [(e.kind, e.text) for e in journal.item_entries("4")]
        assert entries == [(Kind.RESOLUTION, "Nothing lost"), (Kind.NOTE, "Nor this")]
        assert not app.screen.query_one(CaptureBar).lines.waiting


async def test_keys_typed_straight_after_enter_start_the_next_entry(journal: Journal) -> None:
    app = Harness(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.screen.query_one("#capture-text", Input).focus()
        await pilot.press(*"first", "enter", *"sec")
        await pilot.pause()
        assert field(app).value == "sec"
        assert [e.text for e in journal.item_entries("4")] == ["first"]


async def test_an_empty_line_saves_nothing(journal: Journal) -> None:
    app = Harness(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter", *"q:  ", "enter")
        await pilot.pause()
        assert journal.item_entries("4") == []
        assert field(app).value == "q:  "


async def test_escape_leaves_and_ctrl_z_undoes(journal: Journal) -> None:
    app = Harness(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await type_line(pilot, "typo")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert journal.item_entries("4") == []
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CaptureScreen)


async def test_the_entries_list_edits_deletes_moves_and_pairs(journal: Journal) -> None:
    first = journal.add(Kind.QUERY, "First query", item="4", speaker="Councillor Ann Reed")
    second = journal.add(Kind.QUERY, "Second query", item="4")
    answer = journal.add(Kind.RESPONSE, "An answer", item="4")
    journal.add(Kind.RESOLUTION, "To note the report", item="4")
    agree = journal.add(Kind.RESOLUTION, "To agree the plan", item="4")
    assert answer.query_id == second.id
    app = Harness(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+l")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EntriesScreen)
        listing = screen.query_one("#entries-list", OptionList)
        assert screen.current() is not None and screen.current().id == agree.id  # type: ignore[union-attr]

        # Resolutions renumber as they move.
        await pilot.press("shift+up")
        await pilot.pause()
        numbers = {e.text: e.number for e in journal.item_entries("4")}
        assert numbers == {
            "First query": None,
            "Second query": None,
            "An answer": None,
            "To agree the plan": 1,
            "To note the report": 2,
        }

        # Re-pair the response with the first query.
        listing.highlighted = next(
            i for i, o in enumerate(listing.options) if o.id == str(answer.id)
        )
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PickScreen)
        picker = app.screen.query_one(OptionList)
        picker.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        assert journal.get(answer.id).query_id == first.id

        # Edit the text with Enter; Enter again saves.
        await pilot.press("enter")
        await pilot.pause()
        editor = screen.query_one("#edit-text", Input)
        assert app.focused is editor and editor.value == "An answer"
        await pilot.press(*", in full", "enter")
        await pilot.pause()
        assert journal.get(answer.id).text == "An answer, in full"
        assert journal.get(answer.id).edited is not None

        # Delete, then undo brings it back.
        await pilot.press("d")
        await pilot.pause()
        assert answer.id not in [e.id for e in journal.item_entries("4")]
        await pilot.press("u")
        await pilot.pause()
        assert answer.id in [e.id for e in journal.item_entries("4")]

        # Correct a kind: the first query was really discussion.
        listing.highlighted = next(
            i for i, o in enumerate(listing.options) if o.id == str(first.id)
        )
        await pilot.press("k")
        await pilot.pause()
        assert isinstance(app.screen, PickScreen)
        app.screen.query_one(OptionList).highlighted = [
            k for k in Kind if not k.meeting_level
        ].index(Kind.DISCUSSION)
        await pilot.press("enter")
        await pilot.pause()
        assert journal.get(first.id).kind is Kind.DISCUSSION

        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CaptureScreen)
        assert app.focused is field(app)


async def test_escape_in_the_editor_leaves_the_entry_as_it_was(journal: Journal) -> None:
    note = journal.add(Kind.NOTE, "As typed", item="4")
    app = Harness(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+l")
        await pilot.pause()
        await pilot.press("enter", *" and more", "escape")
        await pilot.pause()
        assert isinstance(app.screen, EntriesScreen)
        assert journal.get(note.id).text == "As typed"


async def test_attendance_marks_members_in_a_few_keys(journal: Journal) -> None:
    app = Harness(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+l")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AttendanceScreen)
        await pilot.press("down", "a", "A")
        await pilot.pause()
        roles = {e.text: e.role for e in journal.meeting_entries()}
        assert roles == {
            "Councillor Ann Reed": "present",
            "Councillor Mark Ellis": "apologies",
            "Councillor Jo Patel": "present",
        }
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, EntriesScreen)


def test_every_minutes_section_has_a_heading() -> None:
    assert list(SECTION_TITLES) == list(GROUP_ORDER)


def broken(journal: Journal) -> Any:
    def fail(*args: Any, **kwargs: Any) -> None:
        raise JournalError(journal.path, "could not be read (disk I/O error)", "Check the disk.")

    return fail


async def test_a_journal_that_cannot_be_read_is_said_on_the_entries_list(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal.add(Kind.NOTE, "A note", item="4")
    app = Harness(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+l")
        await pilot.pause()
        monkeypatch.setattr(journal, "undo_label", broken(journal))
        await pilot.press("enter", "escape")  # closing the editor asks what u would undo
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        messages = [(n.title, n.message) for n in app._notifications]
        assert (
            "Journal not read",
            f"{journal.path}: could not be read (disk I/O error). Check the disk.",
        ) in messages
        assert any(title == "Not undone" for title, _ in messages)
        assert not any("Nothing to undo" in m for _, m in messages)


async def test_an_entry_deleted_elsewhere_is_said_in_words(
    journal: Journal, tmp_path: Path
) -> None:
    mark = journal.add(Kind.ATTENDANCE, "Councillor Ann Reed", role="present")
    app = Harness(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+l")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AttendanceScreen)
        with Journal.open(journal.path, create=False) as other:  # the second terminal
            other.delete(mark.id)
        await pilot.press("a")  # apologies for the person under the cursor
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert GONE in messages
        assert not any("no entry" in m for m in messages)
