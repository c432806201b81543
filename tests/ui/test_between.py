"""Between meetings at the desk and the solo seat: the previous minutes agreed in one key, each
earlier action's status set from the action log, nothing written to the earlier journal."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Label, OptionList, Static

from panelapp.config import Pack, load_pack
from panelapp.minutes.action_log import updates_in
from panelapp.minutes.journal import Journal
from panelapp.minutes.previous import read_agreements
from panelapp.minutes.room import OnScreen
from panelapp.ui.screens.actions import ActionsScreen
from panelapp.ui.screens.ask import AskScreen
from panelapp.ui.screens.desk import DeskScreen
from panelapp.ui.screens.presenter import PresenterScreen
from panelapp.ui.screens.previous_minutes import PreviousMinutesScreen
from panelapp.ui.seats import CLERK, PRESENT, SOLO
from tests.data.journals.between import JUNE, Meetings, folders, hold_march
from tests.ui.conftest import AppFactory, ready, settle
from tests.ui.test_capture_exact import saved_all
from tests.ui.test_seats import move_room
from tests.ui.typing import press


@pytest.fixture
def meetings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Meetings:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data-home"))
    held = folders(tmp_path)
    hold_march(held)
    return held


@pytest.fixture
def june(meetings: Meetings) -> Pack:
    return load_pack(meetings.june)


def journal_of(meetings: Meetings) -> Path:
    return meetings.journal(meetings.june)


def agreed(path: Path) -> dict[str, str]:
    with Journal.open(path, create=False) as journal:
        return {n: a.subject_to for n, a in read_agreements(journal).items()}


def statuses(path: Path) -> dict[str, tuple[str, str]]:
    with Journal.open(path, create=False) as journal:
        return {u.reference: (u.status, u.note) for u in updates_in(journal, JUNE)}


def label(screen: object, selector: str) -> str:
    return str(screen.query_one(selector, Label).render())  # type: ignore[attr-defined]


async def test_the_desk_agrees_the_previous_minutes_in_one_key(
    make: AppFactory, meetings: Meetings, june: Pack
) -> None:
    journal = journal_of(meetings)
    march = meetings.journal(meetings.march).read_bytes()
    move_room(journal, OnScreen("2", "", "agenda", title="Minutes of the Previous Meeting"))
    app = make(seat=CLERK, pack=june, journal=journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        desk = app.screen
        assert isinstance(desk, DeskScreen)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        side = str(desk.query_one("#desk-notes", Static).content)
        assert side.startswith(
            "The meeting of 9 March 2022: 1 resolution, 3 actions raised;"
            " 3 open at the start of this meeting."
        )
        assert label(desk, "#desk-notes-heading") == "The previous meeting"
        await pilot.press("f4")
        await pilot.app.workers.wait_for_complete()
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PreviousMinutesScreen)
        assert label(screen, "#previous-title") == (
            "Minutes of the previous meeting, held on 9 March 2022 (item 2)"
        )
        shown = str(screen.query_one("#previous-minutes", Static).content)
        assert "1. Note the progress made to date." in shown
        assert "CPP-2022-03-09/2  Share the EMPIRE relationship work with Members" in shown
        assert label(screen, "#previous-approval").startswith("Not recorded yet")
        await pilot.press("a")
        await settle(pilot)
        assert agreed(journal) == {"2": ""}
        assert label(screen, "#previous-approval") == "Agreed as an accurate record."
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, AskScreen)
        await press(pilot, *"page 3: for 31% read 32%", "enter")
        await settle(pilot)
        assert agreed(journal) == {"2": "page 3: for 31% read 32%"}
        await pilot.press("delete")
        await settle(pilot)
        assert agreed(journal) == {}
        await pilot.press("a", "escape")
        await settle(pilot)
        assert app.screen is desk
    assert agreed(journal) == {"2": ""}
    assert meetings.journal(meetings.march).read_bytes() == march, (
        "the previous journal is read only"
    )


async def test_the_action_log_sets_each_earlier_actions_status_for_this_meeting(
    make: AppFactory, meetings: Meetings, june: Pack
) -> None:
    journal = journal_of(meetings)
    march = meetings.journal(meetings.march).read_bytes()
    app = make(seat=CLERK, pack=june, journal=journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("f5")
        await pilot.app.workers.wait_for_complete()
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ActionsScreen)
        listing = screen.query_one(OptionList)
        assert [o.id for o in listing.options] == [
            "CPP-2022-03-09/1",
            "CPP-2022-03-09/2",
            "CPP-2022-03-09/4",
        ]
        assert (
            label(screen, "#actions-title") == "Action log: 3 of 3 earlier actions not updated yet"
        )
        assert "30 April 2022 OVERDUE" in str(listing.get_option("CPP-2022-03-09/4").prompt)
        assert "OVERDUE" not in str(listing.get_option("CPP-2022-03-09/2").prompt), (
            "due next meeting: due now, not overdue"
        )
        await pilot.press("d")  # the first done
        await settle(pilot)
        await pilot.press("down", "c", "n")
        await pilot.pause()
        assert isinstance(app.screen, AskScreen)
        await press(pilot, *"Awaiting EMPIRE's July session", "enter")
        await settle(pilot)
        assert statuses(journal) == {
            "CPP-2022-03-09/1": ("done", ""),
            "CPP-2022-03-09/2": ("carried_forward", "Awaiting EMPIRE's July session"),
        }
        line = str(listing.get_option("CPP-2022-03-09/2").prompt)
        assert "CARRIED FORWARD" in line and "this meeting: Awaiting EMPIRE's July session" in line
        assert (
            label(screen, "#actions-title") == "Action log: 1 of 3 earlier actions not updated yet"
        )
        listing.highlighted = 0
        await pilot.press("delete")  # this meeting's word on the first taken back
        await settle(pilot)
        assert set(statuses(journal)) == {"CPP-2022-03-09/2"}
        assert "OPEN" in str(listing.get_option("CPP-2022-03-09/1").prompt)
        await pilot.press("escape", "f4")
        await pilot.app.workers.wait_for_complete()
        await settle(pilot)
        shown = str(app.screen.query_one("#previous-minutes", Static).content)
        assert (
            "Members  owner Julie Daley · due next meeting  CARRIED FORWARD"
            " (updated at this meeting)" in shown
        )
        assert "protocol  owner Sam Okafor · due 30 April 2022  OPEN\n" in shown
    assert meetings.journal(meetings.march).read_bytes() == march


async def test_the_solo_seat_opens_them_and_the_rooms_screen_never_does(
    make: AppFactory, meetings: Meetings, june: Pack
) -> None:
    app = make(seat=SOLO, pack=june, journal=journal_of(meetings))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, PresenterScreen)
        await pilot.press("m")
        await pilot.app.workers.wait_for_complete()
        await settle(pilot)
        assert isinstance(app.screen, PreviousMinutesScreen)
        await pilot.press("escape", "a")
        await pilot.app.workers.wait_for_complete()
        await settle(pilot)
        assert isinstance(app.screen, ActionsScreen)
    public = make(seat=SOLO, pack=june, journal=journal_of(meetings))
    async with public.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert public.public
        await pilot.press("m", "a")
        await settle(pilot)
        assert isinstance(public.screen, PresenterScreen), "typed text, as typed: not in public"
        said = [str(n.message) for n in public._notifications]
        assert any("leave public mode (p) to open it" in n for n in said)
    room = make(seat=PRESENT, pack=june, journal=journal_of(meetings))
    async with room.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("m", "a")
        await pilot.pause()
        assert isinstance(room.screen, PresenterScreen)
        assert not any("previous" in str(k).lower() for k in room.screen.active_bindings)


async def test_a_missing_previous_meeting_is_said_once_and_the_meeting_goes_on(
    make: AppFactory, meetings: Meetings, june: Pack
) -> None:
    meetings.march.unlink()
    journal = journal_of(meetings)
    app = make(seat=CLERK, pack=june, journal=journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert sum("2022-03-09/config.toml: does not exist" in m for m in said) == 1
        assert isinstance(app.screen, DeskScreen)
        await pilot.press("f4")
        await pilot.app.workers.wait_for_complete()
        await settle(pilot)
        shown = str(app.screen.query_one("#previous-minutes", Static).content)
        assert "does not exist" in shown and "the approval can still be recorded" in shown
        await pilot.press("a")
        await settle(pilot)
    assert agreed(journal) == {"2": ""}


async def test_an_action_is_shown_with_its_reference_as_soon_as_it_is_saved(
    make: AppFactory, meetings: Meetings, june: Pack
) -> None:
    app = make(seat=CLERK, pack=june, journal=journal_of(meetings))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await press(pilot, *"act: Bring the Q1 figures", "enter")
        await saved_all(pilot)
        log = str(app.screen.query_one("#capture-lines", Static).content)
        assert "Action CPP-2022-06-08/1: Bring the Q1 figures" in log
