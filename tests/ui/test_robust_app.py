"""The app when something is wrong: a journal it may only read, rows it cannot read, no meeting."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Input, Label, OptionList

from panelapp.config import MinutesSettings, Pack
from panelapp.metrics.reading import DataError
from panelapp.metrics.results import ItemFigures
from panelapp.minutes.entries import Entry, Kind
from panelapp.minutes.journal import Journal, JournalError
from panelapp.minutes.room import OnScreen, put_on_screen
from panelapp.ui.screens.capture import CaptureScreen
from panelapp.ui.screens.confirm import QuitScreen
from panelapp.ui.screens.desk import DeskScreen
from panelapp.ui.screens.entries import EntriesScreen
from panelapp.ui.screens.loading import LoadingScreen
from panelapp.ui.screens.message import ProblemScreen
from panelapp.ui.screens.presenter import PresenterScreen
from panelapp.ui.seats import CLERK, PRESENT, SOLO, Seat
from panelapp.ui.widgets.capture_bar import CaptureBar
from panelapp.ui.widgets.header import MeetingHeader
from tests.ui.conftest import AppFactory, ready, settle


async def test_ctrl_c_asks_the_apps_own_question(make: AppFactory) -> None:
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert isinstance(app.screen, QuitScreen)
        assert not any("to quit the app" in n.message for n in app._notifications)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, PresenterScreen)


async def test_leaving_from_the_problem_screen_is_a_failed_start(make: AppFactory) -> None:
    def loader(pack: Pack, use_cache: bool = True) -> list[ItemFigures]:
        raise DataError("data/missing_episodes.csv", "row 12", "MIS_START is not a date")

    app = make(loader=loader)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, ProblemScreen)
        await pilot.press("q", "y")
        await pilot.pause()
    assert app.return_code == 2


async def test_leaving_a_meeting_that_opened_is_a_clean_exit(make: AppFactory) -> None:
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("q", "y")
        await pilot.pause()
    assert app.return_code == 0


async def test_a_read_only_journal_is_said_at_once_and_capture_keeps_the_line(
    make: AppFactory, tmp_path: Path, unwritable: Callable[[Path], None]
) -> None:
    path = tmp_path / "meeting.journal.sqlite"
    with Journal.open(path) as journal:
        journal.add(Kind.QUERY, "Typed last week", item="4")
    before = path.read_bytes()
    unwritable(path)
    app = make(journal=path)
    async with app.run_test(size=(160, 40)) as pilot:
        await ready(pilot)
        assert "READ-ONLY journal" in app.screen.query_one(MeetingHeader).words_shown()
        said = [n for n in app._notifications if n.title == "Journal read-only"]
        assert said and "the file is read-only" in said[0].message
        await pilot.press("pagedown", "c")
        await pilot.pause()
        assert isinstance(app.screen, CaptureScreen)
        field = app.screen.query_one("#capture-text", Input)
        assert "nothing can be saved" in field.placeholder
        await pilot.press(*"A new query", "enter")
        await pilot.pause()
        refused = [n for n in app._notifications if n.title == "Not saved"]
        assert refused and "is open read-only (the file is read-only)" in refused[-1].message
        assert field.value == "A new query"
    assert path.read_bytes() == before


async def test_an_unreadable_row_is_listed_and_left_as_it_is(
    make: AppFactory, tmp_path: Path
) -> None:
    path = tmp_path / "meeting.journal.sqlite"
    with Journal.open(path) as journal:
        kept = journal.add(Kind.QUERY, "How many?", item="4")
        odd = journal.add(Kind.DISCUSSION, "Written by another tool", item="4")
    conn = sqlite3.connect(path)
    conn.execute("UPDATE entry SET kind = 'minute' WHERE id = ?", (odd.id,))
    conn.commit()
    conn.close()
    app = make(journal=path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EntriesScreen)
        listing = app.screen.query_one(OptionList)
        lines = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        assert any(f"Unreadable #{odd.id}: Written by another tool" in line for line in lines)
        assert any("How many?" in line for line in lines)
        listing.highlighted = next(
            i
            for i in range(listing.option_count)
            if listing.get_option_at_index(i).id == str(odd.id)
        )
        await pilot.press("enter")
        await pilot.pause()
        assert not app.screen.query_one("#entries-editor").display
        assert any(n.title == "Not editable" for n in app._notifications)
        assert not any(n.title == "Journal not read" for n in app._notifications)
    with Journal.open(path, create=False) as journal:
        assert [e.id for e in journal.item_entries("4")] == [kept.id, odd.id]


async def test_a_journal_that_cannot_be_read_is_told_once_not_every_refresh(
    make: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make(journal=tmp_path / "meeting.journal.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("c")
        await pilot.pause()
        journal = app.journal
        assert journal is not None
        bar = app.screen.query_one(CaptureBar)

        def unreadable(item: str) -> list[Entry]:
            raise JournalError(journal.path, "could not be read (disk I/O error)", "Check it.")

        monkeypatch.setattr(journal, "item_entries", unreadable)
        for _ in range(3):
            await bar.reload()  # as the timer does every few seconds
        await pilot.pause()
        told = [n for n in app._notifications if n.title == "Journal not read"]
        assert len(told) == 1
        monkeypatch.undo()
        await bar.reload()
        monkeypatch.setattr(journal, "item_entries", unreadable)
        await bar.reload()
        await pilot.pause()
        assert len([n for n in app._notifications if n.title == "Journal not read"]) == 2


# -- the seats -------------------------------------------------------------------------


def _read_only_journal(path: Path, unwritable: Callable[[Path], None]) -> bytes:
    """A journal with a meeting under way (an entry, the room on a slide), then unwritable."""
    with Journal.open(path) as journal:
        journal.add(Kind.QUERY, "Typed last week", item="4")
        put_on_screen(journal, OnScreen("4", "episodes", "kpi", seat="present"))
    unwritable(path)
    return path.read_bytes()


async def test_the_rooms_screen_on_a_read_only_journal_says_so_and_keeps_presenting(
    make: AppFactory, sample_pack: Pack, tmp_path: Path, unwritable: Callable[[Path], None]
) -> None:
    path = tmp_path / "meeting.journal.sqlite"
    before = _read_only_journal(path, unwritable)
    pack = dataclasses.replace(sample_pack, minutes=MinutesSettings(presented_after=0.1))
    app = make(seat=PRESENT, journal=path, pack=pack)
    async with app.run_test(size=(160, 40)) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, PresenterScreen)
        words = app.screen.query_one(MeetingHeader).words_shown()
        assert "READ-ONLY journal" in words
        assert not any(w.startswith("⚠ journal") for w in words), "not a journal problem"
        [said] = [n for n in app._notifications if n.title == "Journal read-only"]
        assert "the slides show as usual but are not recorded" in said.message
        assert "nothing typed" not in said.message, "the room's screen types nothing"
        assert str(tmp_path) not in said.message, "no path of the machine on the projector"
        assert app.context is not None and app.context.slide == "episodes", "resumed"
        await pilot.press("pagedown")
        await pilot.pause(0.4)  # past the dwell: a writable journal would record it
        await settle(pilot)
        assert app.context is not None and app.context.slide == "mace_share"
        assert not [n for n in app._notifications if n.severity == "error"]
    assert path.read_bytes() == before


async def test_the_clerks_desk_on_a_read_only_journal_says_so_and_keeps_the_line(
    make: AppFactory, tmp_path: Path, unwritable: Callable[[Path], None]
) -> None:
    path = tmp_path / "meeting.journal.sqlite"
    before = _read_only_journal(path, unwritable)
    app = make(seat=CLERK, journal=path)
    async with app.run_test(size=(160, 40)) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, DeskScreen)
        assert "READ-ONLY journal" in app.screen.query_one(MeetingHeader).words_shown()
        [said] = [n for n in app._notifications if n.title == "Journal read-only"]
        assert "nothing typed can be saved" in said.message
        field = app.screen.query_one("#capture-text", Input)
        assert "nothing can be saved" in field.placeholder
        status = str(app.screen.query_one("#mirror-status", Label).render())
        assert "as last recorded (the journal is read-only)" in status, "not followed live"
        await pilot.press(*"q: How many?", "enter")
        await settle(pilot)
        assert field.value == "q: How many?"
        refused = [n for n in app._notifications if n.title == "Not saved"]
        assert refused and "is open read-only" in refused[-1].message
        await pilot.press("f2", "pagedown")  # driving the room writes nothing either
        await settle(pilot)
        assert not [n for n in app._notifications if n.title == "Journal"]
        await pilot.press("ctrl+c")
        await pilot.pause()
        said = str(app.screen.query_one("#quit-note", Label).render())
        assert "“q: How many?”. The journal is read-only, so it cannot be saved" in said
    assert path.read_bytes() == before


@pytest.fixture
def not_a_journal(tmp_path: Path) -> Path:
    """The journal's path holds some other file: every seat opens on the problem screen."""
    path = tmp_path / "meeting.journal.sqlite"
    path.write_text("notes, not a journal")
    return path


@pytest.mark.parametrize("seat", [SOLO, CLERK], ids=lambda seat: seat.name)
async def test_r_on_the_journals_problem_opens_it_again(
    make: AppFactory, not_a_journal: Path, seat: Seat
) -> None:
    path = not_a_journal
    app = make(seat=seat, journal=path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, ProblemScreen)
        path.unlink()  # put right: the file moved aside, a new journal starts
        await pilot.press("r")
        await ready(pilot)
        assert app.is_running
        assert isinstance(app.screen, DeskScreen if seat is CLERK else PresenterScreen)
        assert not any(isinstance(s, (LoadingScreen, ProblemScreen)) for s in app.screen_stack)
        assert app.journal is not None


async def test_leaving_the_desk_from_the_journals_problem_is_a_failed_start(
    make: AppFactory, not_a_journal: Path
) -> None:
    app = make(seat=CLERK, journal=not_a_journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, ProblemScreen)
        await pilot.press("ctrl+c", "y")
        await pilot.pause()
    assert app.return_code == 2
