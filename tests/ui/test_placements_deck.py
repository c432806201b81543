"""Pilot flows on the placements example: its KPIs, England beside them, its themes, public mode."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, Static

from panelapp import paths
from panelapp.config import Pack
from panelapp.metrics.results import ItemFigures
from panelapp.ui.screens.overview import OverviewScreen
from panelapp.ui.widgets.breakdown import BreakdownTable
from panelapp.ui.widgets.comparison import Comparison
from panelapp.ui.widgets.headline import Headline
from panelapp.ui.widgets.tile import KpiTile
from tests.ui.conftest import AppFactory, ready


@pytest.fixture
def deck(make: AppFactory, placements_pack: Pack, placements_raw: list[ItemFigures]) -> Any:
    return make(placements_raw, pack=placements_pack)


def words(widget: Static) -> str:
    return str(widget.render())


def cells(table: DataTable[Any]) -> list[list[str]]:
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def test_the_placement_deck_opens_on_the_children_looked_after(deck: Any) -> None:
    async with deck.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert deck.item_number == "4" and deck.context.slide == "looked_after"
        assert deck.screen.query_one("#kpi-headline", Headline).text == "452"
        comparison = words(deck.screen.query_one(Comparison))
        assert "down 3% on 2022–23" in comparison and "from 468 in 2022–23" in comparison
        narrative = words(deck.screen.query_one("#kpi-narrative", Static))
        assert narrative.startswith("The number of children looked after on 31 March 2024 was 452")


async def test_each_stability_measure_against_last_year_and_englands_with_no_data(
    deck: Any,
) -> None:
    async with deck.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("right")
        assert deck.context.slide == "short_term"
        assert deck.screen.query_one("#kpi-headline", Headline).text == "10%"
        assert "45 of 452" in words(deck.screen.query_one("#kpi-detail"))
        assert "down 1 pt on 2022–23, better" in words(deck.screen.query_one(Comparison))
        await pilot.press("right")
        assert deck.context.slide == "england_short_term"
        comparison = words(deck.screen.query_one(Comparison))
        # England's figure of the year before is not in the metrics file: no data, no change.
        assert comparison.strip() == "no 2022–23 data"
        await pilot.press("4")
        assert deck.screen.query_one("#kpi-headline", Headline).text == "68%"
        assert "144 of 212" in words(deck.screen.query_one("#kpi-detail"))


async def test_the_overview_tiles_say_no_data_for_englands_last_year(deck: Any) -> None:
    async with deck.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("o")
        assert isinstance(deck.screen, OverviewScreen)
        england = deck.screen.query_one("#tile-england_long_term", KpiTile)
        shown = str(england.render())
        assert "19,750 of 29,000" in shown and "no 2022–23 data" in shown


async def test_the_themes_break_down_the_children_who_moved_and_every_child(deck: Any) -> None:
    async with deck.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("t")
        assert deck.context.slide == "unstable"
        table = deck.screen.query_one(BreakdownTable)
        assert [row[0] for row in cells(table)][:5] == [
            "Under 1",
            "1–4",
            "5–9",
            "10–15",
            "16 and over",
        ]
        await pilot.press("right")
        assert deck.context.slide == "on_31_march"
        table = deck.screen.query_one(BreakdownTable)
        assert cells(table)[0][:2] == ["Foster", "343"]


async def test_public_mode_hides_small_counts_of_placements(
    deck: Any, placements_raw: list[ItemFigures]
) -> None:
    ages = next(
        b for b in placements_raw[0].theme("on_31_march").breakdowns if b.dimension == "age_group"
    )
    private = {row.category: row.count for row in ages.rows}
    assert private["Under 1"] == 1
    async with deck.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("t", "right", "right_square_bracket", "right_square_bracket")
        await pilot.press("right_square_bracket", "p")
        await pilot.pause()
        table = deck.screen.query_one(BreakdownTable)
        rows = {row[0]: row[1] for row in cells(table)}
        assert rows["Under 1"] == "[c]" and rows["10–15"] == str(private["10–15"])


def test_the_example_is_the_packaged_one() -> None:
    assert Path(paths.packaged_example("placements")).is_file()
