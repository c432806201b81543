"""The officers' report checked against the figures: each quoted figure and its verdict.

Private by nature: the table quotes counts below the disclosure threshold,
so the screen opens only in private mode and closes itself the moment
public mode is switched on. The check itself is the core's
(:mod:`panelapp.verify.checking`), run in a worker: reading a Word or PDF
file never holds up the presenter's keys.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Label, Static

from panelapp.config import Pack
from panelapp.errors import UserError
from panelapp.metrics import format as fmt
from panelapp.metrics.results import ItemFigures
from panelapp.ui.screens.base import FiguresScreen
from panelapp.ui.state import Showing
from panelapp.verify.checking import ReportCheck, check_item_report, summary
from panelapp.verify.table import VERDICTS, about, where


class ReportCheckScreen(FiguresScreen[None]):
    """A table of the report's figures with their verdicts; the row under the cursor in full."""

    CSS_PATH = "../report_check.tcss"
    BINDINGS = [Binding("escape,v", "close", "Back", id="report-check-back")]

    class Checked(Message):
        """The worker has checked the report, or says why it could not."""

        bubble = False

        def __init__(self, check: ReportCheck | None, problem: str = "") -> None:
            super().__init__()
            self.check = check
            self.problem = problem

    def __init__(self, showing: Showing, pack: Pack, figures: ItemFigures) -> None:
        super().__init__(showing)
        self.pack = pack
        self.figures = figures
        self.check: ReportCheck | None = None

    def compose_body(self) -> ComposeResult:
        report = self.pack.item(self.figures.item.number).report_file
        with Vertical(id="report-check"):
            yield Label(f"Report check: {report.name if report else ''}", id="report-check-title")
            yield Static("Reading the report…", id="report-check-summary", markup=False)
            yield Static("", id="report-check-left-out", markup=False)
            yield DataTable(id="report-check-table", zebra_stripes=True, cursor_type="row")
            yield Static("", id="report-check-detail", markup=False)

    def on_mount(self) -> None:
        self._check()

    def refresh_figures(self, old: Showing | None = None) -> None:
        """Public mode on: the check quotes small counts, so it leaves the screen at once."""
        if self.showing is not None and self.showing.public and self.is_attached:
            self.dismiss(None)

    @work(thread=True, exclusive=True, group="report-check")
    def _check(self) -> None:
        try:
            check = check_item_report(self.pack, self.figures)
        except UserError as error:
            self.post_message(self.Checked(None, error.message))
            return
        self.post_message(self.Checked(check))

    def on_report_check_screen_checked(self, message: Checked) -> None:
        table = self.query_one("#report-check-table", DataTable)
        if message.check is None:
            self.query_one("#report-check-summary", Static).update(message.problem)
            table.display = False
            return
        self.check = check = message.check
        self.query_one("#report-check-summary", Static).update(summary(check))
        if check.unmentioned:
            left = "; ".join(
                f"{t.title} ({fmt.figure(t.current, t.unit, 0)})" for t in check.unmentioned
            )
            self.query_one("#report-check-left-out", Static).update(f"Not in the report: {left}.")
        table.add_columns("Where", "Figure", "Verdict", "Data", "About")
        for row in check.statements:
            words, style = VERDICTS[row.judgement.verdict]
            table.add_row(
                where(row),
                Text(row.quote.shown),
                Text(words, style=style),
                Text(row.judgement.shown),
                Text(about(row)),
            )
        table.focus()

    @on(DataTable.RowHighlighted, "#report-check-table")
    def _show_row(self, event: DataTable.RowHighlighted) -> None:
        if self.check is None or not 0 <= event.cursor_row < len(self.check.statements):
            return
        row = self.check.statements[event.cursor_row]
        detail = f"{row.sentence}\n{row.judgement.reason}"
        self.query_one("#report-check-detail", Static).update(detail)

    def action_close(self) -> None:
        self.dismiss(None)
