"""Every KPI of the item at a glance; Enter (or a click, or a digit) opens one."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.widgets import Label

from panelapp.ui.screens.base import FiguresScreen
from panelapp.ui.state import Showing
from panelapp.ui.text import plain
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
        # Built with the screen, tiles included, so the first layout is the only one.
        with Vertical(id="overview"):
            yield Label(plain(self._title()), id="overview-title")
            with Grid(id="tiles"):
                yield from self._new_tiles()

    def _title(self) -> str:
        figures = self.showing.figures if self.showing else None
        if figures is None:
            return ""
        return f"{figures.item.number}. {figures.item.title}: {figures.period.name}"

    def _new_tiles(self) -> list[KpiTile]:
        showing = self.showing
        if showing is None or showing.figures is None:
            return []
        kpis = showing.figures.kpis
        self.selected = max(0, min(self.selected, len(kpis) - 1))
        return [
            KpiTile(kpi, number, showing.style, selected=number - 1 == self.selected)
            for number, kpi in enumerate(kpis, start=1)
        ]

    def refresh_figures(self, old: Showing | None = None) -> None:
        showing = self.showing
        if old is None or showing is None or showing.figures is None:
            return  # just built from these figures
        figures = showing.figures
        self.query_one("#overview-title", Label).update(plain(self._title()))
        tiles = self.tiles
        if [tile.kpi.id for tile in tiles] == [kpi.id for kpi in figures.kpis]:
            # Public mode toggled, or the same item again: the same tiles, maybe other figures.
            for tile, kpi in zip(tiles, figures.kpis, strict=True):
                tile.show(kpi, showing.style)
            self._select(self.selected, tiles)
        else:  # another agenda item: its own KPIs
            self.call_later(self._replace_tiles)

    async def _replace_tiles(self) -> None:
        # The old tiles go first: the new item may share a KPI, and with it a tile's id.
        grid = self.query_one("#tiles", Grid)
        await grid.remove_children()
        await grid.mount_all(self._new_tiles())

    def reopen(self, showing: Showing, selected: int) -> None:
        """Opened again: the tile of the KPI on screen selected, the figures as they are now."""
        self.selected = selected
        if showing != self.showing:
            self.showing = showing
        else:
            self._select(selected)

    @property
    def tiles(self) -> list[KpiTile]:
        """The tiles in reading order."""
        return list(self.query(KpiTile))

    def _select(self, index: int, tiles: list[KpiTile] | None = None) -> None:
        tiles = self.tiles if tiles is None else tiles
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
