"""A theme: who the children are, the highlights read aloud, and a table per dimension."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Label, Static

from panelapp.metrics.results import ThemeResult
from panelapp.ui import text
from panelapp.ui.text import Style, plain
from panelapp.ui.widgets.breakdown import BreakdownTable
from panelapp.ui.widgets.slide import Slide


class ThemeSlide(Slide):
    """Highlights beside the drill-down on a wide screen, above it on a narrow one."""

    def compose(self) -> ComposeResult:
        yield Label("", id="theme-title")
        yield Static("", id="theme-cohort")
        with Horizontal(id="theme-body"):
            with VerticalScroll(id="theme-highlights-box", can_focus=False):
                yield Static("", id="theme-highlights")
            with Vertical(id="theme-drill"):
                yield Static("", id="theme-tabs")
                yield Label("", id="theme-tab")
                yield BreakdownTable(id="theme-table")

    def show(
        self, theme: ThemeResult, style: Style, *, position: str, dimension: int, by_count: bool
    ) -> None:
        """Attributes down: the screen hands over the theme, the table and the order."""
        self._draw_when_built(self._draw, theme, style, position, dimension, by_count)

    def _draw(
        self, theme: ThemeResult, style: Style, position: str, dimension: int, by_count: bool
    ) -> None:
        title = Text.assemble(plain(theme.title), (f"   {position}", "dim not bold"))
        self.query_one("#theme-title", Label).update(title)
        cohort = f"{theme.description} {text.cohort(theme, style)}.".strip()
        self.query_one("#theme-cohort", Static).update(
            plain(cohort if theme.available else theme.reason)
        )
        lines = "\n".join(text.highlight(h, style) for h in theme.highlights)
        self.query_one("#theme-highlights", Static).update(plain(lines))
        drill = self.query_one("#theme-drill")
        drill.display = bool(theme.breakdowns)
        if not theme.breakdowns:
            return
        index = min(dimension, len(theme.breakdowns) - 1)
        current = theme.breakdowns[index]
        order = "largest first" if by_count else "usual order"
        strip = Text()
        for i, breakdown in enumerate(theme.breakdowns):
            if i:
                strip.append(" │ ", "dim")
            strip.append(
                plain(f" {breakdown.title} ", "bold reverse" if i == index else "not bold")
            )
        self.query_one("#theme-tabs", Static).update(strip)
        self.query_one("#theme-tab", Label).update(
            Text.assemble(
                ("◀ ", "bold"),
                plain(current.title, "bold reverse"),
                (" ▶", "bold"),
                f"  table {index + 1} of {len(theme.breakdowns)}, {order}",
            )
        )
        self.query_one("#theme-table", BreakdownTable).show(current, by_count=by_count, style=style)
