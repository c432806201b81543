"""One KPI, large: title, headline figure, period, comparison, RAG, trend, narrative, notes."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, Static

from panelapp.metrics.results import KpiResult
from panelapp.ui import text
from panelapp.ui.text import Style, plain
from panelapp.ui.widgets.comparison import Comparison
from panelapp.ui.widgets.headline import Headline
from panelapp.ui.widgets.rag import RagBadge
from panelapp.ui.widgets.slide import Slide
from panelapp.ui.widgets.trend import Trend


class KpiSlide(Slide):
    """The screenful a presenter talks to; every word on it comes from the core's result."""

    def compose(self) -> ComposeResult:
        yield Label("", id="kpi-title")
        with Horizontal(id="kpi-body"):
            with Vertical(id="kpi-figure"):
                yield Headline(id="kpi-headline")
                yield Headline(large=True, id="kpi-headline-large")
                yield Headline(large=True, scale=2, id="kpi-headline-huge")
                yield Label("", id="kpi-detail")
                yield Label("", id="kpi-period")
                yield Headline(large=True, id="kpi-change-large")
                yield Comparison(id="kpi-comparison")
                yield RagBadge(id="kpi-rag")
            yield Trend(id="kpi-trend")
        yield Static("", id="kpi-narrative")
        yield Static("", id="kpi-notes")

    def show(self, kpi: KpiResult, style: Style, *, position: str, notes: bool) -> None:
        """Attributes down: the screen hands over the KPI and whether notes are on."""
        self._draw_when_built(self._draw, kpi, style, position, notes)

    def _draw(self, kpi: KpiResult, style: Style, position: str, notes: bool) -> None:
        title = Text.assemble(plain(kpi.title), (f"   {position}", "dim not bold"))
        self.query_one("#kpi-title", Label).update(title)
        for headline in self.query(Headline):
            if headline.id != "kpi-change-large":
                headline.text = text.figure(kpi, style)
        # On a projector the change is read from the back of the room too.
        change = self.query_one("#kpi-change-large", Headline)
        change.text = text.big_change(kpi, style)
        change.set_classes(" ".join(k for k, on in text.tone_classes(kpi).items() if on))
        detail = self.query_one("#kpi-detail", Label)
        detail.update(plain(text.detail(kpi, style) if kpi.available else kpi.reason))
        self.query_one("#kpi-period", Label).update(plain(kpi.period.name))
        comparison = self.query_one("#kpi-comparison", Comparison)
        comparison.display = kpi.available
        if kpi.available:
            comparison.show(kpi, style)
        self.query_one("#kpi-rag", RagBadge).show(kpi)
        trend = self.query_one("#kpi-trend", Trend)
        trend.decimals = style.decimals
        trend.kpi = kpi
        trend.display = kpi.available and bool(kpi.monthly)
        self.query_one("#kpi-narrative", Static).update(plain(kpi.narrative))
        speaker = self.query_one("#kpi-notes", Static)
        speaker.update(plain(f"Notes: {kpi.notes}" if kpi.notes else "Notes: none for this KPI."))
        speaker.display = notes
