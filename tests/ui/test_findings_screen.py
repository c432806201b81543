"""The findings screen shows a cached pack's identifying values, read back from the data file.

The figures cache keeps no child's id or date of birth; the screen reads
them again when it shows the findings, and only then.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable

from panelapp.config import Pack, load_pack
from panelapp.metrics.results import ItemFigures
from panelapp.metrics.store import raw_figures
from panelapp.ui.screens.findings import READING, FindingsScreen
from tests.data.journals.sample import copy_sample
from tests.ui.conftest import AppFactory, ready

DOB = "31/02/2009"


@pytest.fixture
def cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Pack, list[ItemFigures]]:
    """A copy of the sample with a bad date of birth, its figures as the cache gives them."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    config = copy_sample(tmp_path)
    data = tmp_path / "data" / "missing_episodes.csv"
    row = f"C900001,{DOB},1,WBRI,M,05/02/2021 10:00,06/02/2021 12:30,Y,N,N,N,N,Y,Y\n"
    data.write_text(data.read_text() + row)
    pack = load_pack(config)
    raw_figures(pack)
    raw = raw_figures(pack)
    assert [f.value for f in raw[0].findings if f.withheld] == [""]
    return pack, raw


async def test_withheld_values_are_read_back_when_the_findings_are_shown(
    make: AppFactory, cached: tuple[Pack, list[ItemFigures]]
) -> None:
    pack, raw = cached
    app = make(pack=pack, raw=raw)
    async with app.run_test(size=(160, 40)) as pilot:
        await ready(pilot)
        await pilot.press("f")
        assert isinstance(app.screen, FindingsScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one("#findings-table", DataTable)
        values = [str(table.get_row_at(r)[4]) for r in range(table.row_count)]
        assert DOB in values and READING not in values
        await pilot.press("p")
        await pilot.pause()
        assert not table.display, "row values never reach a public screen"
