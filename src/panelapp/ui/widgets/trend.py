"""The monthly trend of this period above the previous one, on one scale, with month labels.

Both periods share one scale, starting at zero, so the eye compares bar
with bar and a short bar never exaggerates a dip; the lowest and highest
months are said in words under the bars. Bar heights are drawing, not
figures (those are the core's monthly points). A month hidden by disclosure
control is drawn as the symbol's first character rather than as a
zero-height bar, which would be a lie.
"""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from panelapp.metrics import format as fmt
from panelapp.metrics.results import KpiResult, MonthPoint

_EIGHTHS = " ▁▂▃▄▅▆▇█"


class Trend(Widget):
    """Two small bar charts, this period and the one before, labelled month by month."""

    COMPONENT_CLASSES = {"trend--current", "trend--previous", "trend--caption", "trend--axis"}
    DEFAULT_CSS = """
    Trend { height: 1fr; min-height: 6; }
    Trend > .trend--current { color: $primary; }
    Trend > .trend--previous { color: $foreground 55%; }
    Trend > .trend--caption { text-style: bold; }
    Trend > .trend--axis { color: $foreground 70%; }
    """

    kpi: reactive[KpiResult | None] = reactive(None)
    decimals: int = 0

    def render(self) -> RenderableType:
        kpi = self.kpi
        if kpi is None or not kpi.monthly:
            return Text("No monthly figures for this KPI.")
        series = [(kpi.period.name, kpi.monthly, "trend--current")]
        if kpi.previous_monthly and kpi.previous_period:
            series.append((kpi.previous_period.name, kpi.previous_monthly, "trend--previous"))
        known = [p for _, points, _ in series for p in points if p.figure.known]
        low = min(known, key=_value, default=None)
        high = max(known, key=_value, default=None)
        floor, top = 0.0, (_value(high) if high else 0.0) or 1.0
        width, height = self.size
        months = max(len(points) for _, points, _ in series)
        bar = max(1, min(4, (width // max(months, 1)) - 1))
        range_lines = 2 if width < 60 else 1  # the range sentence wraps on a narrow screen
        rows = max(1, min(8, (height - range_lines - 2 * len(series)) // len(series)))
        out = Text()
        for caption, points, component in series:
            out.append(caption + "\n", self.get_component_rich_style("trend--caption"))
            style = self.get_component_rich_style(component)
            for line in _bars(points, floor, top, rows, bar):
                out.append(line + "\n", style)
            out.append(_axis(points, bar) + "\n", self.get_component_rich_style("trend--axis"))
        if low and high:
            unit, decimals = kpi.unit, self.decimals
            out.append(
                f"Lowest {fmt.figure(low.figure, unit, decimals)} ({low.month:%b %Y}), "
                f"highest {fmt.figure(high.figure, unit, decimals)} ({high.month:%b %Y}); "
                "bars start at zero.",
                self.get_component_rich_style("trend--axis"),
            )
        out.rstrip()
        return out


def _value(point: MonthPoint | None) -> float:
    return point.figure.value or 0.0 if point else 0.0


def _bars(
    points: tuple[MonthPoint, ...], floor: float, top: float, rows: int, bar: int
) -> list[str]:
    """Rows of block characters, top row first, each month ``bar`` cells wide.

    The highest month is a full bar and zero is no bar; a month with a
    value always shows at least a sliver, so it is never mistaken for none.
    """
    span = (top - floor) or 1.0
    lines = []
    for row in range(rows - 1, -1, -1):
        cells = []
        for point in points:
            fig = point.figure
            if not fig.known or fig.value is None:
                glyph = "·" if row == 0 else " "
            else:
                eighths = 1 + round((fig.value - floor) / span * (rows * 8 - 1))
                glyph = _EIGHTHS[max(0, min(8, eighths - row * 8))]
            cells.append(glyph * bar)
        lines.append(" ".join(cells))
    return lines


def _axis(points: tuple[MonthPoint, ...], bar: int) -> str:
    """'J F M …' under narrow bars, 'Jan Feb …' under bars three cells wide or more."""
    names = [f"{p.month:%b}"[: 3 if bar >= 3 else 1].ljust(bar) for p in points]
    return " ".join(names)
