"""The data-quality findings of the item, one row each, for the analyst to fix.

A pack with problems still opens: the figures are computed from the usable
rows, and this screen says exactly which rows were not, and why.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Label, Static

from panelapp.metrics import format as fmt
from panelapp.ui.screens.base import FiguresScreen
from panelapp.ui.state import Showing


class FindingsScreen(FiguresScreen[None]):
    """A table of findings; in public mode only the public notes, never row values."""

    BINDINGS = [Binding("escape,f", "close", "Back", id="findings-back")]

    def compose_body(self) -> ComposeResult:
        with Vertical(id="findings"):
            yield Label("Data-quality findings", id="findings-title")
            yield Static("", id="findings-summary")
            yield DataTable(id="findings-table", zebra_stripes=True, cursor_type="row")

    def refresh_figures(self, old: Showing | None = None) -> None:
        showing = self.showing
        figures = showing.figures if showing else None
        table = self.query_one("#findings-table", DataTable)
        table.clear(columns=True)
        summary = self.query_one("#findings-summary", Static)
        if figures is None:
            summary.update("This agenda item has no data.")
            table.display = False
            return
        lines = [
            f"{fmt.count(len(figures.findings))} findings in {fmt.count(figures.records)} "
            f"records of item {figures.item.number}; {fmt.count(figures.excluded)} rows "
            "left out of every figure."
        ]
        if figures.public:
            lines = ["Public mode: row-level findings are not shown."]
        lines.extend(figures.notes)
        summary.update("\n".join(lines))
        table.display = bool(figures.findings)
        table.add_columns("Rule", "File", "Row", "Column", "Value", "Left out", "Problem")
        for finding in figures.findings:
            table.add_row(
                finding.rule,
                finding.source,
                "" if finding.row is None else str(finding.row),
                finding.column,
                finding.value,
                "yes" if finding.excluded else "no",
                finding.message,
            )

    def action_close(self) -> None:
        self.dismiss(None)
