"""The seats of a meeting, each through the one factory: what each shows, follows and writes."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, Static

from panelapp.config import MinutesSettings, Pack
from panelapp.metrics.engine import present
from panelapp.metrics.portable import public_json
from panelapp.metrics.results import ItemFigures, Unavailable
from panelapp.minutes.draft import prepare_minutes, read_journal
from panelapp.minutes.entries import Kind
from panelapp.minutes.journal import Journal
from panelapp.minutes.room import (
    OnScreen,
    put_on_screen,
    read_on_screen,
    read_presented,
    share_figures,
)
from panelapp.ui.app import PanelApp
from panelapp.ui.screens.desk import DeskScreen
from panelapp.ui.screens.entries import EntriesScreen
from panelapp.ui.screens.loading import LoadingScreen
from panelapp.ui.screens.minutes_preview import MinutesPreview
from panelapp.ui.screens.pick import PickScreen
from panelapp.ui.screens.presenter import PresenterScreen
from panelapp.ui.seats import CLERK, PRESENT, SOLO, VIEWER
from panelapp.ui.widgets.header import MeetingHeader
from panelapp.ui.widgets.mirror import RoomMirror
from tests.ui.conftest import AppFactory, ready, settle, until

DWELL = 0.3
"""presented_after in these tests: long enough to step past, short enough to wait for."""

BAD = "data/missing_episodes.csv: row 12, MIS_START: '31/02/2021' is not a date. Correct it."


@pytest.fixture
def quick(sample_pack: Pack) -> Pack:
    """The sample with a short dwell, so the presented rule can be waited for."""
    return dataclasses.replace(sample_pack, minutes=MinutesSettings(presented_after=DWELL))


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    return tmp_path / "meeting.journal.sqlite"


def on_screen(path: Path) -> OnScreen | None:
    with Journal.open(path, create=False) as opened:
        return read_on_screen(opened)


def presented(path: Path, item: str = "4") -> tuple[str, ...]:
    with Journal.open(path, create=False) as opened:
        return read_presented(opened, item)


def move_room(path: Path, state: OnScreen) -> None:
    """Another seat moves the room's screen: a write to the journal from elsewhere."""
    with Journal.open(path) as opened:
        put_on_screen(opened, state.at(seat="present"))


def header(app: PanelApp) -> list[str]:
    return app.screen.query_one(MeetingHeader).words_shown()


def failing(sample_raw: list[ItemFigures]) -> Any:
    return lambda pack, use_cache=True: [Unavailable(sample_raw[0].item, BAD)]


# -- the room's screen ----------------------------------------------------------------


async def test_present_shows_the_deck_only(make: AppFactory, journal: Path) -> None:
    app = make(seat=PRESENT, journal=journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, PresenterScreen)
        await pilot.press("c", "e", "f", "n", "ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, PresenterScreen), "no capture, entries, findings, minutes"
        assert not app.screen.query_one("#kpi-notes", Static).display, "no speaker notes ever"
        assert not any("journal" in w for w in header(app)), "the clerk's detail stays off"
        await settle(pilot)
    state = on_screen(journal)
    assert state is not None
    assert (state.item, state.slide, state.seat) == ("4", "children_missing", "present")
    assert state.position_text == "slide 1 of 8" and state.figure == "425"


async def test_present_resumes_where_the_room_was_and_follows_another_seat(
    make: AppFactory, journal: Path
) -> None:
    move_room(journal, OnScreen("4", "top20_episode_share", "kpi"))
    app = make(seat=PRESENT, journal=journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert app.context is not None and app.context.slide == "top20_episode_share"
        move_room(journal, OnScreen("4", "repeat", "theme", True, dimension=2, by_count=True))
        await until(pilot, lambda: app.context is not None and app.context.slide == "repeat")
        assert app.public, "the room's mode is followed too"
        assert app.context.dimension == 2 and app.context.by_count
        await settle(pilot)
    state = on_screen(journal)
    assert state is not None and state.figure == "100 children", "the room words the place"


async def test_an_item_whose_figures_failed_says_so_on_its_own_slides_only(
    make: AppFactory, journal: Path, sample_raw: list[ItemFigures]
) -> None:
    app = make(seat=PRESENT, journal=journal, loader=failing(sample_raw))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, PresenterScreen), "the meeting opens on item 1"
        assert app.item_number == "1"
        assert app.go_to("4")
        await pilot.pause()
        problem = str(app.screen.query_one("#agenda-problem", Static).content)
        assert problem == "Figures not available."
        assert "31/02/2021" not in problem, "no data-quality detail on the room's screen"
    solo = make(journal=journal, loader=failing(sample_raw))
    async with solo.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert solo.item_number == "4", "the room was on item 4"
        problem = str(solo.screen.query_one("#agenda-problem", Static).content)
        assert "31/02/2021" in problem and "press r" in problem


# -- what the minute may say was presented -----------------------------------------------


async def test_quitting_at_once_presents_nothing(
    make: AppFactory, quick: Pack, journal: Path
) -> None:
    app = make(seat=PRESENT, pack=quick, journal=journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await settle(pilot)
    assert presented(journal) == ()
    with Journal.open(journal, create=False) as opened:
        captured = read_journal(opened, ["4"])
    assert captured.was_opened("4"), "opened: the draft no longer lists every figure"


async def test_stepping_past_presents_nothing_and_a_dwell_presents_the_slide(
    make: AppFactory, quick: Pack, journal: Path
) -> None:
    app = make(seat=PRESENT, pack=quick, journal=journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("right", "right", "right")
        await settle(pilot)
        assert presented(journal) == ()
        await pilot.pause(DWELL * 2)
        await settle(pilot)
        assert presented(journal) == ("looked_after_share",), "written while still shown"
        await pilot.press("left")
        await pilot.pause(DWELL * 2)
        await settle(pilot)
    assert presented(journal) == ("looked_after_share", "mace_share")


async def test_resuming_does_not_present_the_slide_resumed(
    make: AppFactory, sample_pack: Pack, journal: Path
) -> None:
    move_room(journal, OnScreen("4", "repeat", "theme"))
    # The pack's own dwell: however slow the machine, the seat quits long before it.
    app = make(seat=PRESENT, pack=sample_pack, journal=journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert app.context is not None and app.context.slide == "repeat"
        await settle(pilot)
    assert presented(journal) == ()


async def test_the_desk_browsing_presents_nothing(
    make: AppFactory, quick: Pack, journal: Path
) -> None:
    move_room(journal, OnScreen("4", "children_missing", "kpi", position=1, count=8))
    app = make(seat=CLERK, pack=quick, journal=journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("pagedown", "pagedown")
        await pilot.pause(DWELL * 2)
        await settle(pilot)
        desk = app.screen
        assert isinstance(desk, DeskScreen) and desk.browsing is not None
        assert desk.browsing.slide == "mace_share"
    assert presented(journal) == ()
    state = on_screen(journal)
    assert state is not None and state.slide == "children_missing", "the room did not move"


# -- the clerk's desk --------------------------------------------------------------------


async def test_the_desk_opens_in_the_capture_line_and_mirrors_the_room(
    make: AppFactory, journal: Path
) -> None:
    move_room(
        journal,
        OnScreen("4", "episodes", "kpi", False, "Missing episodes", "1,032", "", 2, 8),
    )
    app = make(seat=CLERK, journal=journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, DeskScreen)
        assert isinstance(app.focused, Input) and app.focused.id == "capture-text"
        mirror = app.screen.query_one(RoomMirror)
        assert "slide 2 of 8" in str(mirror.query_one("#mirror-status").render())
        notes = str(app.screen.query_one("#desk-notes", Static).content)
        assert notes.startswith("Episodes are concentrated"), "the slide's speaker notes"
        upcoming = str(app.screen.query_one("#desk-next", Static).content)
        assert upcoming == "3 of 8: Children under the MACE protocol"
        move_room(
            journal,
            OnScreen("4", "repeat", "theme", True, "Repeat missing children", "100 children"),
        )
        await until(pilot, lambda: "PUBLIC" in str(mirror.query_one("#mirror-status").render()))
        status = str(mirror.query_one("#mirror-status").render())
        assert "PUBLIC" in status
        assert str(mirror.query_one("#mirror-title").render()) == "Repeat missing children"


async def test_a_line_is_stamped_with_the_rooms_figure_at_its_first_key(
    make: AppFactory, journal: Path
) -> None:
    four = OnScreen("4", "looked_after_share", "kpi", False, "In care", "32% (134 of 425)")
    five = OnScreen("4", "top20_episode_share", "kpi", False, "Top 20", "41% (87 of 212)")
    move_room(journal, four)
    app = make(seat=CLERK, journal=journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press(*"q: Why so many")
        move_room(journal, five)  # the presenter moves on before Enter
        await pilot.pause(0.4)
        where = str(app.screen.query_one("#capture-where").render())
        assert "stamp: In care 32% (134 of 425)" in where, "shown before saving"
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press(*"q: And the top twenty?", "alt+s", "enter")
        await settle(pilot)
        await pilot.press(*"q: A general question", "alt+c", "enter")
        await settle(pilot)
        await pilot.press(*"dec: Foster carer", "enter")
        await settle(pilot)
    with Journal.open(journal, create=False) as opened:
        stamps = [(e.text, e.context.screen_id) for e in opened.item_entries("4")]
        [declaration] = opened.meeting_entries()
    assert stamps == [
        ("Why so many", "looked_after_share"),
        ("And the top twenty?", "top20_episode_share"),
        ("A general question", ""),
    ]
    assert declaration.context.screen_id == "", "declarations are never stamped"


async def test_nothing_is_stamped_while_the_room_shows_an_agenda_slide(
    make: AppFactory, journal: Path
) -> None:
    move_room(journal, OnScreen("2", "", "agenda", False, "Minutes of the Previous Meeting"))
    app = make(seat=CLERK, journal=journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press(*"res: To approve the minutes", "enter")
        await settle(pilot)
    with Journal.open(journal, create=False) as opened:
        [resolution] = opened.item_entries("2")
    assert resolution.context.screen_id == ""


async def test_the_desk_drives_the_room_once_asked_and_escape_never_moves_it(
    make: AppFactory, journal: Path
) -> None:
    move_room(journal, OnScreen("4", "children_missing", "kpi", position=1, count=8))
    app = make(seat=CLERK, journal=journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("pagedown", "escape")
        await settle(pilot)
        desk = app.screen
        assert isinstance(desk, DeskScreen) and desk.browsing is None
        state = on_screen(journal)
        assert state is not None and state.slide == "children_missing"
        await pilot.press("f2", "pagedown", "pagedown", "escape")
        await settle(pilot)
        assert desk.driving
        state = on_screen(journal)
        assert state is not None and (state.slide, state.seat) == ("mace_share", "clerk")
        await pilot.press("f2", "pagedown")
        await settle(pilot)
        state = on_screen(journal)
        assert state is not None and state.slide == "mace_share", "following again: browsing"


async def test_the_desk_says_how_the_report_fares_and_f3_lists_its_figures(
    make: AppFactory, journal: Path
) -> None:
    from textual.widgets import DataTable

    from panelapp.ui.screens.report_check import ReportCheckScreen

    move_room(journal, OnScreen("4", "episodes", "kpi", False, "Missing episodes"))
    app = make(seat=CLERK, journal=journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        line = app.screen.query_one("#desk-report", Static)
        await until(pilot, lambda: "agree" in str(line.content))
        assert str(line.content) == "Report check: 18 figures agree, 1 disagrees. F3 lists them."
        await pilot.press("f3")
        await until(pilot, lambda: isinstance(app.screen, ReportCheckScreen))
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.query_one("#report-check-table", DataTable).row_count == 19
        await pilot.press("escape")
        assert isinstance(app.screen, DeskScreen)
        state = on_screen(journal)
        assert state is not None and (state.item, state.slide) == ("4", "episodes")


async def test_an_unreadable_report_is_one_line_on_the_desk(
    make: AppFactory, journal: Path, sample_pack: Pack
) -> None:
    broken = Path("data/no-such-report.docx")
    items = tuple(
        dataclasses.replace(i, report_file=broken) if i.has_figures else i
        for i in sample_pack.items
    )
    app = make(seat=CLERK, journal=journal, pack=dataclasses.replace(sample_pack, items=items))
    move_room(journal, OnScreen("4", "episodes", "kpi", False, "Missing episodes"))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        line = app.screen.query_one("#desk-report", Static)
        await until(pilot, lambda: "not possible" in str(line.content))
        assert "no-such-report.docx" in str(line.content)
        await pilot.press("f3")
        await settle(pilot)
        assert isinstance(app.screen, DeskScreen), "nothing to list"


# -- the browser viewer ------------------------------------------------------------------


def share(path: Path, pack: Pack, raw: list[ItemFigures]) -> None:
    """What the room's seat shares: its public figures."""
    with Journal.open(path) as opened:
        share_figures(opened, {"4": public_json(present(raw[0], pack, public=True))})


async def test_a_viewer_waits_for_the_room_then_shows_its_public_figures_read_only(
    make: AppFactory, journal: Path, sample_pack: Pack, sample_raw: list[ItemFigures]
) -> None:
    def never(pack: Pack, use_cache: bool = True) -> list[Any]:
        raise AssertionError("a viewer never computes the figures")

    move_room(journal, OnScreen("4", "episodes", "kpi", False))
    app = make(seat=VIEWER, journal=journal, loader=never)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, LoadingScreen), "waiting for the room's screen"
        share(journal, sample_pack, sample_raw)
        await until(pilot, lambda: isinstance(app.screen, PresenterScreen))
        await ready(pilot)
        assert isinstance(app.screen, PresenterScreen)
        assert app.public and any(w.startswith("PUBLIC") for w in header(app))
        assert app.context is not None and app.context.slide == "episodes"
        before = on_screen(journal)
        await pilot.press("right", "space", "p", "t", "o", "end", "1")
        await settle(pilot)
        assert on_screen(journal) == before, "no key here changes the room's screen"
        assert app.context.slide == "episodes"


# -- the solo seat, and one bad file --------------------------------------------------------


async def test_the_clerk_highlights_or_drops_a_figure_from_the_presentation(
    make: AppFactory, journal: Path
) -> None:
    app = make(seat=SOLO, journal=journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EntriesScreen)
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, PickScreen)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert presented(journal) == ("episodes",)
        await pilot.press("h")
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert presented(journal) == ()


async def test_one_bad_file_never_blocks_the_minutes_of_the_other_items(
    make: AppFactory, journal: Path, sample_raw: list[ItemFigures], tmp_path: Path
) -> None:
    app = make(seat=SOLO, journal=journal, loader=failing(sample_raw))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert app.item_number == "1"
        await pilot.press("c")
        await pilot.pause()
        await pilot.press(*"att: Councillor Mark Ellis", "enter")
        await settle(pilot)
        for number, line in (("2", "res: To approve the minutes"), ("3", "dec: None declared")):
            app.go_to(number)
            await pilot.pause()
            await pilot.press(*line, "enter")
            await settle(pilot)
        await pilot.press("escape", "ctrl+o")
        await pilot.pause()
        preview = app.screen
        assert isinstance(preview, MinutesPreview)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert preview.minutes is not None
        item = next(i for i in preview.minutes.items if i.number == "4")
        assert item.figures_unavailable
    minutes = prepare_minutes(
        app.pack, journal=journal, figures=[Unavailable(app.pack.item("4"), BAD)]
    )
    numbers = {i.number: i for i in minutes.items}
    assert [str(r) for r in numbers["2"].resolutions] == ["To approve the minutes"]
    assert [e.kind for e in minutes.meeting_entries] == ["attendance", "declaration"]
    assert numbers["4"].figures_unavailable
    assert [e.kind for e in numbers["2"].entries] == [Kind.RESOLUTION.value]


async def test_the_desk_says_whether_it_follows_or_drives_in_its_footer_and_help(
    make: AppFactory, journal: Path
) -> None:
    app = make(seat=CLERK, journal=journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)

        def footer() -> set[str]:
            return {
                b.description
                for _, b, enabled, _ in app.screen.active_bindings.values()
                if enabled and b.show
            }

        assert "Following the room (drive)" in footer()
        await pilot.press("f2")
        await pilot.pause()
        assert "Driving the room (follow)" in footer()
        assert "Following the room (drive)" not in footer()
        await pilot.press("f1")
        await pilot.pause()
        from panelapp.ui.screens.help import HelpScreen

        assert isinstance(app.screen, HelpScreen)
        note = str(app.screen.query_one("#help-note", Static).content)
        assert "follows the room's screen" in note and "F2" in note


async def test_r_reads_the_figures_again_once_the_file_is_fixed(
    make: AppFactory, journal: Path, sample_raw: list[ItemFigures]
) -> None:
    fixed: list[bool] = []

    def loader(pack: Pack, use_cache: bool = True) -> list[Any]:
        return list(sample_raw) if fixed else failing(sample_raw)(pack)

    move_room(journal, OnScreen("4", "", "agenda"))
    app = make(journal=journal, loader=loader)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert app.item_number == "4" and "4" in app.meeting.problems
        fixed.append(True)
        await pilot.press("r")
        await ready(pilot)
        assert isinstance(app.screen, PresenterScreen)
        assert not app.meeting.problems
        assert app.item_number == "4", "the room keeps its item"
        assert app.context is not None and app.context.kind == "kpi"
        await settle(pilot)
    state = on_screen(journal)
    assert state is not None and state.slide == "children_missing", "and says where it is now"
