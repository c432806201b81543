"""Every KPI of the item at a glance; Enter (or a click, or a digit) opens one."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.widgets import Label

from panelapp.ui.screens.base import FiguresScreen
from panelapp.ui.state import Showing
from panelapp.ui.widgets.tile import KpiTile

_JUMP = Binding.Group("Open KPI", compact=True)


class OverviewScreen(FiguresScreen[str | None]):
    """A grid of tiles; dismisses with the chosen KPI's id, or None on Escape."""

    BINDINGS = [
        Binding("right", "move(1)", "Right", id="overview-right", show=False),
        Binding("left", "move(-1)", "Left", id="overview-left", show=False),
        Binding("down", "move_row(1)", "Down", id="overview-down", show=False),
        Binding("up", "move_row(-1)", "Up", id="overview-up", show=False),
        Binding("enter", "open", "Open", id="overview-open"),
        *(
            Binding(
                str(n), f"open_nth({n})", f"KPI {n}", id=f"overview-{n}", show=False, group=_JUMP
            )
            for n in range(1, 10)
        ),
        Binding("escape,o", "close", "Back", id="overview-back"),
    ]

    def __init__(self, showing: Showing, *, selected: int = 0) -> None:
        self.selected = selected
        super().__init__(showing)

    def compose_body(self) -> ComposeResult:
        with Vertical(id="overview"):
            yield Label("", id="overview-title")
            yield Grid(id="tiles")

    def refresh_figures(self, old: Showing | None = None) -> None:
        showing = self.showing
        if showing is None or showing.figures is None:
            return
        figures = showing.figures
        self.query_one("#overview-title", Label).update(
            f"{figures.item.number}. {figures.item.title}: {figures.period.name}"
        )
        tiles = self.tiles
        if tiles:  # public mode toggled: the same KPIs, other figures
            for tile, kpi in zip(tiles, figures.kpis, strict=True):
                tile.show(kpi, showing.style)
        else:
            tiles = [
                KpiTile(kpi, number, showing.style)
                for number, kpi in enumerate(figures.kpis, start=1)
            ]
            self.query_one("#tiles", Grid).mount_all(tiles)
        for i, tile in enumerate(tiles):
            tile.selected = i == self.selected

    @property
    def tiles(self) -> list[KpiTile]:
        """The tiles in reading order."""
        return list(self.query(KpiTile))

    def _select(self, index: int) -> None:
        tiles = self.tiles
        if not tiles:
            return
        self.selected = max(0, min(index, len(tiles) - 1))
        for i, tile in enumerate(tiles):
            tile.selected = i == self.selected

    def _columns(self) -> int:
        grid = self.query_one("#tiles", Grid)
        return max(1, int(grid.styles.grid_size_columns or 1))

    def action_move(self, step: int) -> None:
        self._select(self.selected + step)

    def action_move_row(self, step: int) -> None:
        self._select(self.selected + step * self._columns())

    def action_open(self) -> None:
        tiles = self.tiles
        if tiles:
            self.dismiss(tiles[self.selected].kpi.id)

    def action_open_nth(self, number: int) -> None:
        tiles = self.tiles
        if 1 <= number <= len(tiles):
            self.dismiss(tiles[number - 1].kpi.id)
        else:
            self.app.bell()

    def action_close(self) -> None:
        self.dismiss(None)

    @on(KpiTile.Chosen)
    def _chosen(self, event: KpiTile.Chosen) -> None:
        self.dismiss(event.kpi_id)
