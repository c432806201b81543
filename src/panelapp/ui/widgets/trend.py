"""The monthly trend of this period above the previous one, on one scale, with month labels.

Both periods share one scale, starting at zero, so the eye compares bar
with bar and a short bar never exaggerates a dip; the lowest and highest
months are said in words under the bars. Bar heights are drawing, not
figures (those are the core's monthly points). A month hidden by disclosure
control is drawn as the symbol's first character rather than as a
zero-height bar, which would be a lie.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from textual.content import Content
from textual.dom import NoScreen
from textual.reactive import reactive
from textual.strip import Strip
from textual.style import Style
from textual.widget import Widget

from panelapp.metrics import format as fmt
from panelapp.metrics.results import KpiResult, MonthPoint

_EIGHTHS = " ▁▂▃▄▅▆▇█"


Line = tuple[str, str | None]
"""A line of the chart: its words, and the component class that colours it (None: plain)."""


class Trend(Widget):
    """Two small bar charts, this period and the one before, labelled month by month.

    Drawn line by line from strips it builds itself and keeps per KPI and
    size: going back to a slide shows its chart without drawing it again, and
    a first drawing skips the general text machinery, which costs more than
    the chart. Lines wider than the widget wrap as Textual wraps text.
    """

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

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._drawn: dict[tuple[object, ...], list[Strip]] = {}
        """Charts drawn, by KPI, decimals, size and colours; a few at most."""
        self._last: tuple[KpiResult | None, tuple[object, ...], list[Strip]] | None = None

    def lines(self) -> list[Line]:
        """The chart for the widget's size, as lines of words and their colouring."""
        kpi = self.kpi
        if kpi is None or not kpi.monthly:
            return [("No monthly figures for this KPI.", None)]
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
        # A projector's window gives the bars the screen's height; elsewhere they stay compact.
        tallest = 20 if self._on_projector() else 8
        rows = max(1, min(tallest, (height - range_lines - 2 * len(series)) // len(series)))
        out: list[Line] = []
        for caption, points, component in series:
            out.append((caption, "trend--caption"))
            out += [(line, component) for line in _bars(points, floor, top, rows, bar)]
            out.append((_axis(points, bar), "trend--axis"))
        if low and high:
            unit, decimals = kpi.unit, self.decimals
            out.append(
                (
                    f"Lowest {fmt.figure(low.figure, unit, decimals)} ({low.month:%b %Y}), "
                    f"highest {fmt.figure(high.figure, unit, decimals)} ({high.month:%b %Y}); "
                    "bars start at zero.",
                    "trend--axis",
                )
            )
        # As text ends: no trailing blanks after the last line.
        last, colouring = out[-1]
        out[-1] = (last.rstrip(), colouring)
        return out

    def _on_projector(self) -> bool:
        """Whether the chart is on a projector's window; one drawn off any screen (a test
        reading its words, a figure checked for what it gives away) is not."""
        try:
            return self.screen.has_class("-projector")
        except NoScreen:
            return False

    def render_line(self, y: int) -> Strip:
        strips = self._strips()
        if y < len(strips):
            return strips[y]
        return Strip.blank(self.size.width, self.visual_style.rich_style)

    def _strips(self) -> list[Strip]:
        kpi, look = self.kpi, (self.decimals, self.size, self.app.theme, self.visual_style)
        # Asked once per line: the chart just drawn is found without hashing the KPI again.
        if self._last is not None and self._last[0] is kpi and self._last[1] == look:
            return self._last[2]
        strips = self._drawn.get((kpi, *look))
        if strips is None:
            if len(self._drawn) >= 8:
                self._drawn.clear()
            strips = self._drawn[(kpi, *look)] = self._draw(self.lines())
        self._last = (kpi, look, strips)
        return strips

    def _draw(self, lines: list[Line]) -> list[Strip]:
        """Strips styled as Textual styles text: the widget's style under each line's colours."""
        base = self.visual_style
        ansi = self.app.ansi_theme
        styles = {
            component: base + Style.from_rich_style(self.get_component_rich_style(component), ansi)
            for component in self.COMPONENT_CLASSES
        }
        width = self.size.width
        strips = []
        for y, (words, component) in enumerate(lines):
            style = styles[component] if component else base
            pieces = [words] if cell_len(words) <= width else _wrapped(words, width)
            x = 0
            for piece in pieces:
                # Where the piece starts in its line: text selection maps cells back to words.
                x = words.find(piece, x)
                strips.append(Strip([Segment(piece, style.rich_style_with_offset(x, y))]))
                x += len(piece)
        return strips

    def notify_style_update(self) -> None:
        self._drawn.clear()
        self._last = None
        super().notify_style_update()


def _wrapped(words: str, width: int) -> list[str]:
    """A line too wide for the widget, broken as Textual breaks text that wraps."""
    return [piece.plain for piece in Content(words).wrap(width)]


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
                # Zero is no bar; anything above it at least a sliver.
                eighths = (
                    0
                    if fig.value <= floor
                    else 1 + round((fig.value - floor) / span * (rows * 8 - 1))
                )
                glyph = _EIGHTHS[max(0, min(8, eighths - row * 8))]
            cells.append(glyph * bar)
        lines.append(" ".join(cells))
    return lines


def _axis(points: tuple[MonthPoint, ...], bar: int) -> str:
    """'J F M …' under narrow bars, 'Jan Feb …' under bars three cells wide or more."""
    names = [f"{p.month:%b}"[: 3 if bar >= 3 else 1].ljust(bar) for p in points]
    return " ".join(names)
