"""A KPI as a tile on the overview: title, figure, change arrow and RAG, nothing more."""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual import events
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from panelapp.metrics.results import KpiResult
from panelapp.ui import text
from panelapp.ui.text import Style


class KpiTile(Widget):
    """One tile; clicking it (or Enter on the overview) opens the KPI."""

    class Chosen(Message):
        """Messages up: the overview decides what choosing a tile means."""

        def __init__(self, kpi_id: str) -> None:
            super().__init__()
            self.kpi_id = kpi_id

    COMPONENT_CLASSES = {
        "tile--better",
        "tile--worse",
        "tile--neutral",
        "tile--red",
        "tile--amber",
        "tile--green",
    }

    selected: reactive[bool] = reactive(False, toggle_class="-selected")

    def __init__(self, kpi: KpiResult, number: int, style: Style) -> None:
        super().__init__(id=f"tile-{kpi.id}")
        self.kpi = kpi
        self.number = number
        self.figure_style = style

    def show(self, kpi: KpiResult, style: Style) -> None:
        """Attributes down: the overview hands over new figures (public mode toggled)."""
        self.kpi, self.figure_style = kpi, style
        self.refresh()

    def render(self) -> RenderableType:
        kpi, style = self.kpi, self.figure_style
        out = Text()
        out.append(f"{self.number}  {kpi.title}\n", "bold")
        out.append(text.figure(kpi, style) + "\n", "bold")
        out.append(text.detail(kpi, style) + "\n")
        if kpi.change:
            judgement = kpi.change.judgement
            words = f", {judgement}" if judgement in ("better", "worse") else ""
            line = f"{text.arrow(kpi)} {text.change_amount(kpi, style)}{words}\n"
            out.append(line, self.get_component_rich_style(f"tile--{_tone(judgement)}"))
        if kpi.rag:
            out.append(f" {text.rag(kpi)} ", self.get_component_rich_style(f"tile--{kpi.rag}"))
        return out

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.Chosen(self.kpi.id))


def _tone(judgement: str) -> str:
    return judgement if judgement in ("better", "worse") else "neutral"
