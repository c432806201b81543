"""The clerk's capture in the real app: over the deck, stamped with the slide, resumed on reopen."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, Label

from panelapp.minutes.entries import Kind
from panelapp.minutes.journal import Journal, JournalError
from panelapp.minutes.room import OnScreen, put_on_screen, read_on_screen, read_presented
from panelapp.ui.screens.capture import CaptureScreen
from panelapp.ui.screens.confirm import QuitScreen
from panelapp.ui.screens.entries import EntriesScreen
from panelapp.ui.screens.message import ProblemScreen
from panelapp.ui.screens.minutes_preview import MinutesPreview
from panelapp.ui.screens.presenter import PresenterScreen
from panelapp.ui.widgets.header import MeetingHeader
from tests.ui.conftest import AppFactory, ready, settle


def header_words(app: Any) -> list[str]:
    return app.screen.query_one(MeetingHeader).words_shown()


async def test_c_captures_over_the_deck_stamped_with_the_slide(
    make: AppFactory, tmp_path: Path
) -> None:
    path = tmp_path / "meeting.journal.sqlite"
    app = make(journal=path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("pagedown", "c")
        await pilot.pause()
        assert isinstance(app.screen, CaptureScreen)
        assert isinstance(app.focused, Input) and app.focused.id == "capture-text"
        await pilot.press("alt+q", *"Why?", "enter")
        await settle(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PresenterScreen)
    with Journal.open(path, create=False) as journal:
        [query] = journal.item_entries("4")
        assert (query.kind, query.text, query.item) == (Kind.QUERY, "Why?", "4")
        assert query.context.screen_id == "episodes"
        assert query.context.title == "Missing episodes"
        assert query.context.figure
        assert read_presented(journal, "4") == (), "nothing was on screen for the dwell"
        state = read_on_screen(journal)
        assert state is not None and (state.item, state.slide) == ("4", "episodes")
        assert state.seat == "solo" and state.position_text == "slide 2 of 8"


async def test_reopening_resumes_on_the_item_and_slide(make: AppFactory, tmp_path: Path) -> None:
    path = tmp_path / "meeting.journal.sqlite"
    with Journal.open(path) as journal:
        put_on_screen(journal, OnScreen("4", "top20_episode_share", "kpi"))
    app = make(journal=path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.pause()
        assert app.item_number == "4"
        assert app.context is not None and app.context.slide == "top20_episode_share"


async def test_a_damaged_journal_is_reported_and_left_alone(
    make: AppFactory, tmp_path: Path
) -> None:
    path = tmp_path / "meeting.journal.sqlite"
    path.write_bytes(b"these are someone's notes, not a journal\n")
    before = path.read_bytes()
    app = make(journal=path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, ProblemScreen)
        assert str(path) in app.screen.message
    assert path.read_bytes() == before


async def test_entries_and_minutes_from_the_deck(make: AppFactory, tmp_path: Path) -> None:
    path = tmp_path / "meeting.journal.sqlite"
    app = make(journal=path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EntriesScreen)
        await pilot.press("escape", "ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, MinutesPreview)


async def test_capture_follows_the_agenda_item(make: AppFactory, tmp_path: Path) -> None:
    app = make(journal=tmp_path / "meeting.journal.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("c")
        await pilot.pause()
        app.go_to("2")
        await pilot.pause()
        assert isinstance(app.screen, CaptureScreen)
        assert app.screen.item == "2"
        await pilot.press(*"Agreed", "enter")
        await settle(pilot)
        assert app.journal is not None
        assert [e.text for e in app.journal.item_entries("2")] == ["Agreed"]


async def test_escape_keeps_the_unsaved_line_and_quitting_warns_of_it(
    make: AppFactory, tmp_path: Path
) -> None:
    path = tmp_path / "meeting.journal.sqlite"
    app = make(journal=path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("c", "alt+q", *"Why the rise", "shift+tab", *"Ann")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PresenterScreen)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CaptureScreen)
        assert app.screen.query_one("#capture-text", Input).value == "Why the rise"
        assert app.screen.query_one("#capture-speaker", Input).value == "Ann"
        assert app.screen.bar.kind is Kind.QUERY
        assert isinstance(app.focused, Input) and app.focused.id == "capture-text"
        # Through the entries list and back by c: still there.
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, EntriesScreen)
        await pilot.press("c")
        await pilot.pause()
        assert app.screen.query_one("#capture-text", Input).value == "Why the rise"
        await pilot.press("escape", "q")
        await pilot.pause()
        assert isinstance(app.screen, QuitScreen)
        note = str(app.screen.query_one("#quit-note", Label).render())
        assert "You have an unsaved line: “Why the rise”" in note
        assert "saved as they are typed" not in note
        await pilot.press("n", "c", "enter")
        await pilot.pause()
        await pilot.press("escape", "q")
        await pilot.pause()
        note = str(app.screen.query_one("#quit-note", Label).render())
        assert note == "The clerk's notes are saved as they are typed."
    with Journal.open(path, create=False) as journal:
        [query] = journal.item_entries("4")
        assert (query.kind, query.text, query.speaker) == (Kind.QUERY, "Why the rise", "Ann")


async def test_slide_changes_never_wait_for_another_terminals_lock(
    make: AppFactory, tmp_path: Path
) -> None:
    path = tmp_path / "meeting.journal.sqlite"
    app = make(journal=path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await settle(pilot)
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # the second seat is saving
        try:
            started = time.monotonic()
            for _ in range(3):
                await pilot.press("pagedown")
                await pilot.pause()
            assert time.monotonic() - started < 2, "the projector waited for the journal"
            assert app.context is not None and app.context.slide == "looked_after_share"
        finally:
            other.execute("COMMIT")
            other.close()
        await settle(pilot)
        assert app.journal is not None
        state = read_on_screen(app.journal)
        assert state is not None and state.slide == "looked_after_share"
    assert not [n for n in app._notifications if n.severity == "error"]


async def test_a_journal_that_cannot_be_written_is_said_in_the_header_and_retried(
    make: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make(journal=tmp_path / "meeting.journal.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await settle(pilot)
        journal = app.journal
        assert journal is not None

        def fail(key: str, value: str | None) -> None:
            raise JournalError(journal.path, "could not be written (disk I/O error)", "Check it.")

        monkeypatch.setattr(journal, "set_state", fail)
        await pilot.press("pagedown")
        await settle(pilot)
        assert "⚠ journal: disk I/O error" in header_words(app)
        assert app.context is not None and app.context.slide == "episodes", "the slide moved"
        monkeypatch.undo()
        await pilot.pause(0.3)  # the next tick writes what was pending
        await settle(pilot)
        assert not any(w.startswith("⚠ journal") for w in header_words(app))
        state = read_on_screen(journal)
        assert state is not None and state.slide == "episodes"
