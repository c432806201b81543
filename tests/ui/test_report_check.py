"""The report check in the app: behind `v` in private mode, refused in public, gone when public."""

from __future__ import annotations

from dataclasses import replace

from textual.widgets import DataTable, Static

from panelapp.config import Pack
from panelapp.ui.app import PanelApp
from panelapp.ui.screens.help import HelpScreen, key_rows
from panelapp.ui.screens.presenter import PresenterScreen
from panelapp.ui.screens.report_check import ReportCheckScreen
from tests.ui.conftest import AppFactory, ready


def notices(app: PanelApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def opened(app: PanelApp, pilot) -> ReportCheckScreen:  # type: ignore[no-untyped-def]
    await pilot.press("v")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ReportCheckScreen)
    return screen


async def test_private_mode_lists_the_statements_with_their_verdicts(make: AppFactory) -> None:
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        screen = await opened(app, pilot)
        summary = screen.query_one("#report-check-summary", Static)
        assert str(summary.render()) == "Report check: 18 figures agree, 1 disagrees"
        table = screen.query_one("#report-check-table", DataTable)
        assert table.row_count == 19
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        assert ["¶ 10", "31%", "✗ disagrees", "32%"] in [row[:4] for row in rows]
        left_out = screen.query_one("#report-check-left-out", Static)
        assert "Missing episodes (2,050)" in str(left_out.render())
        await pilot.press("escape")
        assert isinstance(app.screen, PresenterScreen)


async def test_the_row_under_the_cursor_is_shown_whole(make: AppFactory) -> None:
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        screen = await opened(app, pilot)
        await pilot.press("down", "down", "down", "down")
        detail = str(screen.query_one("#report-check-detail", Static).render())
        assert detail.startswith("31% (134) of the 425 children were in care")
        assert "rounded down (31.5% is 32% at this precision)" in detail


async def test_public_mode_refuses_and_says_why(make: AppFactory) -> None:
    app = make(public=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, PresenterScreen)
        assert any("report check is private" in n for n in notices(app))


async def test_switching_to_public_closes_the_check(make: AppFactory) -> None:
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await opened(app, pilot)
        await pilot.press("p")
        await pilot.pause()
        assert app.public
        assert not any(isinstance(s, ReportCheckScreen) for s in app.screen_stack)


async def test_an_item_without_a_report_says_how_to_name_one(
    make: AppFactory, sample_pack: Pack
) -> None:
    items = tuple(replace(i, report_file=None) for i in sample_pack.items)
    app = make(pack=replace(sample_pack, items=items))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, PresenterScreen)
        assert any('report_file = "…"' in n for n in notices(app))


async def test_a_report_that_cannot_be_read_is_said_on_the_screen(
    make: AppFactory, sample_pack: Pack, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    broken = tmp_path / "report.docx"
    broken.write_bytes(b"not a zip")
    items = tuple(replace(i, report_file=broken) if i.has_figures else i for i in sample_pack.items)
    app = make(pack=replace(sample_pack, items=items))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        screen = await opened(app, pilot)
        summary = str(screen.query_one("#report-check-summary", Static).render())
        assert "not a Word document" in summary
        assert not screen.query_one("#report-check-table", DataTable).display


async def test_help_lists_the_key(make: AppFactory) -> None:
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        rows = key_rows(app.screen.sections, app.get_key_display)
        assert ("Everywhere", "v", "Check the report") in rows
