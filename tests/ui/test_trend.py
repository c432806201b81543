"""The trend draws its own strips: cell for cell what Textual draws from the same lines as text."""

from __future__ import annotations

import pytest
from rich.text import Text
from textual.app import App, ComposeResult
from textual.strip import Strip
from textual.widget import Widget

from panelapp.config import Pack
from panelapp.metrics.engine import present
from panelapp.metrics.results import ItemFigures, KpiResult
from panelapp.ui.themes import DARK, LIGHT
from panelapp.ui.widgets.trend import Trend


class TextTrend(Trend):
    """The same lines handed to Textual as text, drawn by its text machinery."""

    def render_line(self, y: int) -> Strip:
        return Widget.render_line(self, y)

    def render(self) -> Text:
        lines = self.lines()
        out = Text()
        for number, (words, component) in enumerate(lines):
            end = "\n" if number < len(lines) - 1 else ""
            out.append(words + end, self.get_component_rich_style(component) if component else "")
        return out


class Charts(App[None]):
    CSS = "Trend { width: auto; height: auto; }"

    def __init__(self, size: tuple[int, int]) -> None:
        super().__init__()
        self.chart_size = size

    def compose(self) -> ComposeResult:
        width, height = self.chart_size
        for chart in (Trend(id="ours"), TextTrend(id="text")):
            chart.styles.width = width
            chart.styles.height = height
            yield chart


def cells(strips: list[Strip]) -> list[list[tuple[str, str, object]]]:
    """Each row as (character, style, selection offset) per cell."""
    rows = []
    for strip in strips:
        row = []
        for segment in strip:
            style = segment.style
            for character in segment.text:
                row.append((character, str(style), style.meta.get("offset") if style else None))
        rows.append(row)
    return rows


def kpis(sample_pack: Pack, sample_raw: list[ItemFigures]) -> list[KpiResult]:
    private = [k for figures in sample_raw for k in present(figures, sample_pack).kpis]
    public = [k for figures in sample_raw for k in present(figures, sample_pack, public=True).kpis]
    return [*private, *public, None]  # type: ignore[list-item]


@pytest.mark.parametrize("size", [(57, 24), (100, 24), (40, 12), (20, 8)])
@pytest.mark.parametrize("theme", [DARK, LIGHT])
async def test_drawn_as_textual_draws_the_same_lines(
    sample_pack: Pack, sample_raw: list[ItemFigures], size: tuple[int, int], theme: str
) -> None:
    app = Charts(size)
    async with app.run_test(size=(200, 60)) as pilot:
        app.theme = theme
        ours, text = app.query_one("#ours", Trend), app.query_one("#text", Trend)
        for kpi in kpis(sample_pack, sample_raw):
            for chart in (ours, text):
                chart.decimals = 1
                chart.kpi = kpi
            await pilot.pause()
            region = ours.size.region
            assert cells(ours.render_lines(region)) == cells(text.render_lines(region)), kpi


def test_a_month_of_zero_is_no_bar_and_any_other_at_least_a_sliver() -> None:
    """A zero drawn as a sliver reads as 'a few' from the back of the room."""
    import datetime as dt

    from panelapp.metrics.results import Figure, MonthPoint
    from panelapp.ui.widgets.trend import _bars

    points = tuple(
        MonthPoint(dt.date(2021, month, 1), Figure(value))
        for month, value in ((1, 0.0), (2, 1.0), (3, 100.0), (4, None))
    )
    bottom = _bars(points, 0.0, 100.0, rows=4, bar=1)[-1]
    assert bottom[::2] == " ▁█·"  # one cell per month, a space between


def test_a_hidden_month_is_a_dot_and_never_named_lowest() -> None:
    """Public mode hides the small month and one more: the chart draws neither as a bar."""
    from panelapp.config import Disclosure, Kpi
    from panelapp.metrics.disclosure import disclose

    from ..unit.items import item_figures

    rows = [
        {"CHILD": f"{month}-{i}", "MIS_START": f"2021-{month:02}-02 10:00"}
        for month in range(1, 13)
        for i in range(3 if month == 6 else 10 + month)
    ]
    kpi = Kpi(id="episodes", title="Episodes", measure="record_count")
    public = disclose(item_figures(rows, [kpi]), Disclosure()).kpi("episodes")
    chart = Trend()
    chart.kpi = public
    lines = [words for words, _ in chart.lines()]
    bars = lines[lines.index("2021") + 1]
    hidden = [i for i, p in enumerate(public.monthly) if p.figure.suppressed]
    assert hidden == [0, 5]  # June's 3, and January's 11, the next smallest
    assert all(bars[2 * i] == "·" for i in hidden)
    assert all(bars[2 * i] not in "· " for i in range(12) if i not in hidden)
    said = lines[-1]  # lowest and highest over both years, never a hidden month
    assert "highest 22 (Dec 2021)" in said and "Jan 2021" not in said and "Jun" not in said
