"""The data-quality findings of the item, one row each, for the analyst to fix.

A pack with problems still opens: the figures are computed from the usable
rows, and this screen says exactly which rows were not, and why. A value
that identifies a child is not kept in the figures cache, so when the
figures came from it those values are read again from the data file, in
a worker, when this screen shows them.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Label, Static

from panelapp.errors import UserError
from panelapp.metrics import format as fmt
from panelapp.metrics.results import ItemFigures
from panelapp.metrics.withheld import read_back
from panelapp.ui.screens.base import FiguresScreen
from panelapp.ui.state import Showing

READING = "reading…"
"""Shown for a value while it is read again from the data file."""


class FindingsScreen(FiguresScreen[None]):
    """A table of findings; in public mode only the public notes, never row values."""

    BINDINGS = [Binding("escape,f", "close", "Back", id="findings-back")]

    class ValuesRead(Message):
        """The withheld values of ``figures`` were read back; posted from the worker."""

        def __init__(self, figures: ItemFigures, read: ItemFigures) -> None:
            super().__init__()
            self.figures = figures
            self.read = read

    def compose_body(self) -> ComposeResult:
        with Vertical(id="findings"):
            yield Label("Data-quality findings", id="findings-title")
            yield Static("", id="findings-summary", markup=False)
            yield DataTable(id="findings-table", zebra_stripes=True, cursor_type="row")

    def refresh_figures(self, old: Showing | None = None) -> None:
        showing = self.showing
        figures = showing.figures if showing else None
        if figures is not None and not figures.public and any(f.withheld for f in figures.findings):
            self.read_values(figures)
        self.fill(figures)

    def fill(self, figures: ItemFigures | None) -> None:
        """The summary and the table; every cell is plain text, never markup."""
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
                *(
                    Text(cell)
                    for cell in (
                        finding.rule,
                        finding.source,
                        "" if finding.row is None else str(finding.row),
                        finding.column,
                        READING if finding.withheld else finding.value,
                        "yes" if finding.excluded else "no",
                        finding.message,
                    )
                )
            )

    @work(thread=True, exclusive=True, group="findings-values")
    def read_values(self, figures: ItemFigures) -> None:
        try:
            read = read_back(self.panel.pack, figures)
        except UserError as error:
            self.app.call_from_thread(self.failed, error.message)
            return
        except Exception as error:  # noqa: BLE001 - shown to the presenter, never a traceback
            self.app.call_from_thread(self.failed, f"unexpected error: {error!r}")
            return
        self.post_message(self.ValuesRead(figures, read))

    def failed(self, problem: str) -> None:
        """Reading the values failed: said once; the table keeps what it has."""
        self.notify(
            f"The findings' values could not be read: {problem}",
            severity="error",
            timeout=10,
            markup=False,
        )

    @on(ValuesRead)
    def values_read(self, event: ValuesRead) -> None:
        showing = self.showing
        if showing is not None and showing.figures is event.figures:
            self.fill(event.read)

    def action_close(self) -> None:
        self.dismiss(None)
