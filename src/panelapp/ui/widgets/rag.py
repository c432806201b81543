"""The RAG badge: the status as a word on its colour, with the target beside it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label

from panelapp.metrics.results import KpiResult
from panelapp.ui import text


class RagBadge(Horizontal):
    """' AMBER  target 95%, amber within 5 pts'; hidden for a KPI without a target."""

    def compose(self) -> ComposeResult:
        yield Label("", id="rag-word")
        yield Label("", id="rag-target")

    def show(self, kpi: KpiResult) -> None:
        """Attributes down: the slide hands over the KPI it is showing."""
        self.display = bool(kpi.rag or kpi.target is not None)
        word = self.query_one("#rag-word", Label)
        word.update_classes(text.rag_classes(kpi))
        word.update(f" {text.rag(kpi)} " if kpi.rag else "")
        word.display = bool(kpi.rag)
        self.query_one("#rag-target", Label).update(text.target(kpi))
