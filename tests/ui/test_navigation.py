"""Pilot flows: every key of the presenter, the ends of the deck, round trips, public mode."""

from __future__ import annotations

import dataclasses
import gc
import threading
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, LoadingIndicator, Static

from panelapp.config import Pack
from panelapp.metrics.reading import DataError
from panelapp.metrics.results import Finding, ItemFigures
from panelapp.ui.app import PanelApp
from panelapp.ui.screens.confirm import QuitScreen
from panelapp.ui.screens.findings import FindingsScreen
from panelapp.ui.screens.help import HelpScreen
from panelapp.ui.screens.loading import INDICATOR_AFTER, LoadingScreen
from panelapp.ui.screens.message import ProblemScreen
from panelapp.ui.screens.overview import OverviewScreen
from panelapp.ui.screens.presenter import PresenterScreen
from panelapp.ui.themes import HIGH_CONTRAST
from panelapp.ui.widgets.breakdown import BreakdownTable
from panelapp.ui.widgets.header import MeetingHeader
from panelapp.ui.widgets.headline import Headline
from tests.ui.conftest import AppFactory, ready

KPIS = [
    "children_missing",
    "episodes",
    "mace_share",
    "looked_after_share",
    "top20_episode_share",
    "rhi_offered_rate",
    "rhi_completed_rate",
]
SLIDES = [*KPIS, "repeat"]


def showing(app: PanelApp) -> str:
    assert app.context is not None
    return app.context.slide


def header(app: PanelApp) -> list[str]:
    """The words of each part of the header on screen, left to right."""
    return app.screen.query_one(MeetingHeader).words_shown()


def public_badge(app: PanelApp) -> bool:
    """Whether the header says public mode, in its long or its short form."""
    return any(words.startswith("PUBLIC") for words in header(app))


def cells(table: DataTable[Any]) -> list[list[str]]:
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


@pytest.mark.parametrize("journal", ["usable", "not a journal"])
async def test_full_collections_wait_while_the_app_runs_and_python_gets_them_back(
    make: AppFactory, tmp_path: Path, journal: str
) -> None:
    """On every way out, even from a journal that could not be opened."""
    path = tmp_path / "meeting.journal.sqlite"
    if journal == "not a journal":
        path.write_text("notes, not a journal")
    found = gc.get_threshold()
    app = make(journal=path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, PresenterScreen if journal == "usable" else ProblemScreen)
        assert gc.get_threshold()[2] > found[2], "held back for quiet moments"
    assert gc.get_threshold() == found


async def test_opens_on_the_first_kpi_of_the_first_item_with_figures(make: AppFactory) -> None:
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, PresenterScreen)
        assert app.item_number == "4"
        assert showing(app) == "children_missing"
        assert app.screen.query_one("#kpi-headline", Headline).text == "425"
        assert "Corporate Parenting Panel" in header(app)
        assert not public_badge(app)


@pytest.mark.parametrize("key", ["right", "down", "pagedown", "space"])
async def test_every_next_key_moves_on_one_slide(make: AppFactory, key: str) -> None:
    app = make()
    async with app.run_test() as pilot:
        await ready(pilot)
        await pilot.press(key)
        assert showing(app) == "episodes"


@pytest.mark.parametrize("key", ["left", "up", "pageup"])
async def test_every_previous_key_moves_back_one_slide(make: AppFactory, key: str) -> None:
    app = make()
    async with app.run_test() as pilot:
        await ready(pilot)
        await pilot.press("3", key)
        assert showing(app) == "episodes"


async def test_next_stops_at_the_last_slide_and_previous_at_the_first(make: AppFactory) -> None:
    app = make()
    async with app.run_test() as pilot:
        await ready(pilot)
        seen = []
        for _ in range(len(SLIDES) + 2):
            seen.append(showing(app))
            await pilot.press("pagedown")
        assert seen == [*SLIDES, "repeat", "repeat"], "stops at the end, never wraps"
        await pilot.press("home", "pageup", "left")
        assert showing(app) == "children_missing"


async def test_home_and_end(make: AppFactory) -> None:
    app = make()
    async with app.run_test() as pilot:
        await ready(pilot)
        await pilot.press("end")
        assert showing(app) == "repeat"
        await pilot.press("home")
        assert showing(app) == "children_missing"


@pytest.mark.parametrize("number", range(1, 10))
async def test_digits_jump_to_the_nth_kpi(make: AppFactory, number: int) -> None:
    app = make()
    async with app.run_test() as pilot:
        await ready(pilot)
        await pilot.press("2", str(number))
        expected = KPIS[number - 1] if number <= len(KPIS) else "episodes"
        assert showing(app) == expected


async def test_overview_round_trip_opens_the_chosen_tile(make: AppFactory) -> None:
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("o")
        assert isinstance(app.screen, OverviewScreen)
        assert len(app.screen.tiles) == len(KPIS)
        await pilot.press("right", "right", "down", "enter")
        assert isinstance(app.screen, PresenterScreen)
        assert showing(app) == "rhi_completed_rate"


async def test_overview_escape_returns_to_the_same_kpi(make: AppFactory) -> None:
    app = make()
    async with app.run_test() as pilot:
        await ready(pilot)
        await pilot.press("4", "o")
        assert isinstance(app.screen, OverviewScreen)
        assert app.screen.selected == 3, "the tile of the KPI on screen is selected"
        await pilot.press("escape")
        assert isinstance(app.screen, PresenterScreen)
        assert showing(app) == "looked_after_share"


async def test_overview_opened_again_shows_the_slide_and_the_mode_of_now(
    make: AppFactory,
) -> None:
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("o")
        overview = app.screen
        assert isinstance(overview, OverviewScreen)
        await pilot.press("escape", "6", "p", "o")
        await pilot.pause()
        assert app.screen is overview, "the same overview, not built again"
        assert overview.selected == 5
        assert [tile.selected for tile in overview.tiles].index(True) == 5
        assert overview.showing is not None and overview.showing.public
        public = app.views[app.item_number].public
        assert [tile.kpi for tile in overview.tiles] == list(public.kpis)
        await pilot.press("enter")
        assert showing(app) == "rhi_offered_rate"


async def test_overview_opened_for_another_item_shows_its_own_tiles(make: AppFactory) -> None:
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("o", "escape")
        presenter = app.screen
        assert isinstance(presenter, PresenterScreen)
        overview = presenter._overview  # noqa: SLF001 - the one kept between openings
        assert overview is not None and overview.showing is not None
        figures = overview.showing.figures
        assert figures is not None
        fewer = dataclasses.replace(figures, kpis=figures.kpis[:3])
        overview.reopen(dataclasses.replace(overview.showing, figures=fewer), selected=2)
        await pilot.pause()
        assert [tile.kpi.id for tile in overview.tiles] == KPIS[:3]
        assert [tile.selected for tile in overview.tiles] == [False, False, True]


async def test_the_clock_is_right_when_the_presenter_comes_back(make: AppFactory) -> None:
    now = [1000.0]
    app = make(clock=lambda: now[0])
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        presenter = app.screen
        await pilot.press("o")
        now[0] += 125  # the presenter's header, out of sight, does not redraw
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is presenter
        assert "item 2:05 · meeting 2:05" in header(app)
        top = app.screen._compositor.render_strips()[0].text  # noqa: SLF001 - the line as drawn
        assert "item 2:05 · meeting 2:05" in top


@pytest.mark.parametrize(
    ("size", "badge"), [((120, 40), "PUBLIC: small counts hidden"), ((80, 24), "PUBLIC")]
)
async def test_the_public_badge_is_whole_however_narrow_the_window(
    make: AppFactory, size: tuple[int, int], badge: str
) -> None:
    app = make(public=True)
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p", *"item 2", "enter")  # the longest item title
        await pilot.pause(0.3)
        words = header(app)
        assert words[-1] == badge
        top = app.screen._compositor.render_strips()[0].text  # noqa: SLF001 - the line as drawn
        assert top.rstrip().endswith(badge)
        assert "meeting.journal.sqlite" not in words, "the clerk's detail gave way first"


async def test_overview_digit_and_click_open_a_kpi(make: AppFactory) -> None:
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("o", "5")
        assert showing(app) == "top20_episode_share"
        await pilot.press("o")
        await pilot.click("#tile-episodes")
        await pilot.pause()
        assert showing(app) == "episodes"


async def test_themes_drill_down_and_escape_never_moves_the_slide(make: AppFactory) -> None:
    app = make()
    async with app.run_test() as pilot:
        await ready(pilot)
        await pilot.press("3", "t")
        assert showing(app) == "repeat"
        assert app.context is not None and app.context.kind == "theme"
        await pilot.press("escape")
        assert showing(app) == "repeat", "Escape closes what is open; the room's slide stays"
        await pilot.press("3", "enter")
        assert showing(app) == "repeat", "Enter on a KPI drills into the item's theme"


async def test_theme_tables_switch_and_sort_by_count(make: AppFactory) -> None:
    app = make()
    async with app.run_test() as pilot:
        await ready(pilot)
        await pilot.press("t")
        table = app.screen.query_one(BreakdownTable)
        assert cells(table)[0][0] == "Under 13"
        await pilot.press("s")
        assert cells(table)[0][:3] == ["17 and over", "75", "75%"]
        await pilot.press("right_square_bracket")
        assert [row[0] for row in cells(table)] == ["Male", "Female", "Not known"]
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert cells(table)[0][:2] == ["6–9", "28"], "the last table, largest first"


async def test_speaker_notes_show_only_when_toggled(make: AppFactory) -> None:
    app = make()
    async with app.run_test() as pilot:
        await ready(pilot)
        notes = app.screen.query_one("#kpi-notes", Static)
        assert not notes.display
        await pilot.press("n")
        assert notes.display
        assert "joint work with the police" in str(notes.content)
        await pilot.press("right")
        assert notes.display, "notes stay on from slide to slide"
        await pilot.press("n")
        assert not notes.display


async def test_speaker_notes_never_reach_a_public_screen(make: AppFactory) -> None:
    app = make()
    async with app.run_test() as pilot:
        await ready(pilot)
        await pilot.press("n")
        notes = app.screen.query_one("#kpi-notes", Static)
        assert notes.display
        await pilot.press("p")
        await pilot.pause()
        assert not app.screen.query_one("#kpi-notes", Static).display
        await pilot.press("p")
        await pilot.pause()
        assert app.screen.query_one("#kpi-notes", Static).display


def ethnic_rows(app: PanelApp) -> dict[str, list[str]]:
    return {row[0]: row[1:] for row in cells(app.screen.query_one(BreakdownTable))}


async def test_public_mode_hides_small_counts_on_screen(make: AppFactory) -> None:
    app = make()
    async with app.run_test() as pilot:
        await ready(pilot)
        await pilot.press("t", "right_square_bracket", "right_square_bracket")
        private = ethnic_rows(app)
        assert 0 < int(private["Not known"][0]) <= 5, "a small count, shown in private"
        await pilot.press("p")
        assert app.public
        assert public_badge(app)
        public = ethnic_rows(app)
        assert public["Not known"][:2] == ["[c]", "[c]"]
        # Not the next smallest (Other, 7): '85 of 100 Black, Asian or ethnic minority'
        # beside the table would give it back, and Not known with it. White goes instead.
        assert public["White"][:2] == ["[c]", "[c]"], "so that no total tells Not known"
        assert public["Other"][0] == "7" and public["Black"][0] == "47"
        highlights = str(app.screen.query_one("#theme-highlights", Static).content)
        assert "85% (85 of 100) Black, Asian or ethnic minority background" in highlights
        # 95 of 100 would say 5 were not exploited; the base is on screen anyway.
        assert "[c] ([c] of 100) criminal and/or sexual exploitation" in highlights
        await pilot.press("p")
        assert ethnic_rows(app) == private


async def test_public_flag_starts_in_public_mode_and_reaches_every_screen(
    make: AppFactory,
) -> None:
    app = make(public=True)
    async with app.run_test() as pilot:
        await ready(pilot)
        assert public_badge(app)
        assert app.context is not None and app.context.public
        await pilot.press("o", "p")
        assert isinstance(app.screen, OverviewScreen)
        showing_now = app.screen.showing
        assert showing_now is not None and not showing_now.public


async def test_help_lists_every_key(make: AppFactory) -> None:
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, PresenterScreen)


async def test_quitting_asks_first(make: AppFactory) -> None:
    app = make()
    async with app.run_test() as pilot:
        await ready(pilot)
        await pilot.press("q")
        assert isinstance(app.screen, QuitScreen)
        await pilot.press("n")
        assert isinstance(app.screen, PresenterScreen)
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, QuitScreen)
        await pilot.press("y")
        await pilot.pause()
        assert app._exit, "leaving confirmed"  # noqa: SLF001 - Textual has no public flag


async def test_command_palette_jumps_to_a_kpi_by_name(make: AppFactory) -> None:
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"interviews completed")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert showing(app) == "rhi_completed_rate"


async def test_command_palette_switches_agenda_item_and_colours(make: AppFactory) -> None:
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p", *"agenda item 2", "enter")
        await pilot.pause(0.3)
        assert app.item_number == "2"
        assert app.context is not None and app.context.kind == "agenda"
        assert "2. Minutes of the Previous Meeting" in header(app)
        await pilot.press("ctrl+p", *"colours high", "enter")
        await pilot.pause(0.3)
        assert app.theme == HIGH_CONTRAST


async def test_go_to_and_the_context_the_clerk_stamps(make: AppFactory) -> None:
    app = make()
    async with app.run_test() as pilot:
        await ready(pilot)
        assert app.go_to("4", "looked_after_share")
        await pilot.pause()
        context = app.current_context()
        assert context is not None
        assert (context.item, context.kind, context.slide) == ("4", "kpi", "looked_after_share")
        assert context.title == "Missing children in care"
        assert context.figure == "32% (134 of 425)"
        assert app.go_to("1")
        await pilot.pause()
        assert app.current_context() is not None
        assert app.current_context().item == "1"  # type: ignore[union-attr]
        assert not app.go_to("99")
        assert app.go_to("4", "repeat")
        await pilot.pause()
        assert showing(app) == "repeat"


async def test_go_to_before_loading_finishes_is_taken_once_ready(make: AppFactory) -> None:
    app = make()
    async with app.run_test() as pilot:
        assert app.go_to("4", "episodes")
        await ready(pilot)
        assert showing(app) == "episodes"


async def test_a_pack_that_cannot_be_read_shows_the_problem_then_retries(
    make: AppFactory, sample_raw: list[ItemFigures], sample_pack: Pack
) -> None:
    attempts: list[int] = []

    def loader(pack: Pack, use_cache: bool = True) -> list[ItemFigures]:
        attempts.append(1)
        if len(attempts) == 1:
            raise DataError("data/missing_episodes.csv", "row 12", "MIS_START is not a date")
        return sample_raw

    app = make(loader=loader)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, ProblemScreen)
        assert "MIS_START is not a date" in app.screen.message
        await pilot.press("r")
        await ready(pilot)
        assert isinstance(app.screen, PresenterScreen)


async def test_an_unexpected_error_is_a_message_not_a_traceback(make: AppFactory) -> None:
    def loader(pack: Pack, use_cache: bool = True) -> list[ItemFigures]:
        raise RuntimeError("disk on fire")

    app = make(loader=loader)
    async with app.run_test() as pilot:
        await ready(pilot)
        assert isinstance(app.screen, ProblemScreen)
        assert "disk on fire" in app.screen.message


def _slow(make: AppFactory, figures: list[ItemFigures]) -> tuple[PanelApp, threading.Event]:
    """An app whose figures come only once the event is set: a slow pack, on cue."""
    release = threading.Event()

    def loader(pack: Pack, use_cache: bool = True) -> list[ItemFigures]:
        release.wait(10)
        return figures

    return make(loader=loader), release


async def test_a_slow_load_says_what_it_reads_then_shows_it_is_working(
    make: AppFactory, sample_raw: list[ItemFigures]
) -> None:
    """A quick load is not slowed by an animation; a slow one still shows it is alive."""
    app, release = _slow(make, sample_raw)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LoadingScreen)
        assert "Reading the figures from" in str(app.screen.query_one("#loading-label").render())
        assert not app.screen.query(LoadingIndicator)
        await pilot.pause(INDICATOR_AFTER)
        for _ in range(50):  # a busy machine may run the timer late
            if app.screen.query(LoadingIndicator):
                break
            await pilot.pause(0.1)
        assert app.screen.query(LoadingIndicator)
        release.set()
        await ready(pilot)
        assert isinstance(app.screen, PresenterScreen)


def with_findings(raw: list[ItemFigures]) -> list[ItemFigures]:
    findings = (
        Finding("1004", 12, "MIS_START", "31/02/2021", "not a real date", excluded=True),
        Finding("574", 40, "MIS_END", "2021-01-01", "ends before it starts"),
    )
    return [dataclasses.replace(raw[0], findings=findings, excluded=1)]


async def test_findings_are_announced_and_listed(
    make: AppFactory, sample_raw: list[ItemFigures]
) -> None:
    app = make(raw=with_findings(sample_raw))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, PresenterScreen), "a pack with findings still opens"
        assert "⚠ 2 findings (f)" in header(app)
        await pilot.press("f")
        assert isinstance(app.screen, FindingsScreen)
        table = app.screen.query_one("#findings-table", DataTable)
        assert table.row_count == 2
        await pilot.press("p")
        assert not table.display, "row values never reach a public screen"
        summary = str(app.screen.query_one("#findings-summary", Static).content)
        assert "not shown in public mode" in summary
        await pilot.press("escape")
        assert isinstance(app.screen, PresenterScreen)


async def test_the_high_contrast_theme_is_registered(make: AppFactory) -> None:
    app = make()
    async with app.run_test() as pilot:
        await ready(pilot)
        app.theme = HIGH_CONTRAST
        await pilot.pause()
        assert app.current_theme.background == "#000000"


async def test_a_question_asked_while_loading_stays_until_answered(
    make: AppFactory, sample_raw: list[ItemFigures]
) -> None:
    """q pressed before the first slide: the figures wait for the answer, not replace it."""
    app, release = _slow(make, sample_raw)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("q")
        assert isinstance(app.screen, QuitScreen)
        release.set()
        await ready(pilot)
        assert isinstance(app.screen, QuitScreen)  # still asking
        await pilot.press("n")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, PresenterScreen)
        assert not any(isinstance(s, LoadingScreen) for s in app.screen_stack)
        assert app.context is not None and app.context.title == "Children missing"
