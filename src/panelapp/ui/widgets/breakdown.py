"""A theme's drill-down table: categories with counts, shares and a small bar each.

The core has already computed every dimension; this table only lays rows
out, and keeps the laid-out rows per dimension and order so switching
tabs in front of the panel never waits.
"""

from __future__ import annotations

from functools import lru_cache

from rich.text import Text
from textual.widgets import DataTable

from panelapp.metrics import format as fmt
from panelapp.metrics.results import BreakdownResult, BreakdownRow
from panelapp.ui.text import Style

BAR_CELLS = 12
"""Width of the bar at a share of 100%."""

Row = tuple[str, str, str, str]


@lru_cache(maxsize=256)
def table_rows(breakdown: BreakdownResult, by_count: bool, style: Style) -> tuple[Row, ...]:
    """Rows as shown: in the natural order, or largest count first (hidden rows last)."""
    rows = list(breakdown.rows)
    if by_count:
        rows.sort(key=lambda row: (row.suppressed, -(row.count or 0)))
    return tuple(_row(row, style) for row in rows)


def _row(row: BreakdownRow, style: Style) -> Row:
    if row.suppressed:
        return row.category, style.symbol, style.symbol, ""
    share = row.share or 0.0
    bar = "█" * int(round(share * BAR_CELLS)) or ("▏" if row.count else "")
    return row.category, fmt.count(row.count), fmt.percent(row.share, style.decimals), bar


class BreakdownTable(DataTable[Text]):
    """The drill-down for one dimension; kept out of the focus chain so the clicker still works."""

    can_focus = False

    def on_mount(self) -> None:
        self.cursor_type = "none"
        self.zebra_stripes = True
        self.add_column("Category", key="category")
        self.add_column(Text("Children", justify="right"), key="count")
        self.add_column(Text("Share", justify="right"), key="share")
        self.add_column("", key="bar", width=BAR_CELLS)

    def show(self, breakdown: BreakdownResult, *, by_count: bool, style: Style) -> None:
        """Attributes down: the slide hands over the dimension and the order."""
        self.clear()
        for category, count, share, bar in table_rows(breakdown, by_count, style):
            self.add_row(
                Text(category),
                Text(count, justify="right"),
                Text(share, justify="right"),
                Text(bar, style="bold"),
            )
