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

    # Two parts coloured by the tile's classes (-better, -amber...): every
    # component class is styled on its own each time the tile is.
    COMPONENT_CLASSES = {"tile--change", "tile--rag"}

    selected: reactive[bool] = reactive(False, toggle_class="-selected")

    def __init__(
        self, kpi: KpiResult, number: int, style: Style, *, selected: bool = False
    ) -> None:
        super().__init__(id=f"tile-{kpi.id}")
        self.kpi = kpi
        self.number = number
        self.figure_style = style
        self.set_reactive(KpiTile.selected, selected)
        self.set_class(selected, "-selected", update=False)
        self._colour_classes(restyle=False)

    def show(self, kpi: KpiResult, style: Style) -> None:
        """Attributes down: the overview hands over new figures (public mode toggled)."""
        self.kpi, self.figure_style = kpi, style
        self._colour_classes()
        self.refresh()

    def _colour_classes(self, restyle: bool = True) -> None:
        """-better, -worse or -neutral for the change, -red, -amber or -green for the RAG."""
        classes = text.tone_classes(self.kpi) | text.rag_classes(self.kpi)
        self.update_classes(classes, update=restyle)

    def render(self) -> RenderableType:
        kpi, style = self.kpi, self.figure_style
        out = Text()
        out.append(text.plain(f"{self.number}  {kpi.title}\n", "bold"))
        out.append(text.figure(kpi, style) + "\n", "bold")
        out.append(text.detail(kpi, style) + "\n")
        if kpi.change:
            judgement = kpi.change.judgement
            words = f", {judgement}" if judgement in ("better", "worse") else ""
            line = f"{text.arrow(kpi)} {text.change_amount(kpi, style)}{words}\n"
            out.append(line, self.get_component_rich_style("tile--change"))
        elif kpi.previous_reason:
            out.append(text.change_words(kpi) + "\n")
        if kpi.rag:
            out.append(f" {text.rag(kpi)} ", self.get_component_rich_style("tile--rag"))
        return out

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.Chosen(self.kpi.id))
