"""An agenda item's figures straight from hand-made episodes, as the engine makes them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from panelapp.config import Item, Kpi, Period, Theme
from panelapp.metrics.kpis import compute_kpis, for_figures
from panelapp.metrics.results import ItemFigures
from panelapp.metrics.themes import compute_theme

from .frames import ALL, episodes

YEAR = Period(dt.date(2021, 1, 1), dt.date(2021, 12, 31), "2021")
LAST = Period(dt.date(2020, 1, 1), dt.date(2020, 12, 31), "2020")


def item_figures(
    rows: Sequence[dict[str, Any]], kpis: Sequence[Kpi] = (), themes: Sequence[Theme] = ()
) -> ItemFigures:
    """Every KPI (this year and last, month by month) and theme of an item over ``rows``."""
    item = Item(
        number="1",
        title="Children missing",
        period=YEAR,
        previous_period=LAST,
        kpis=tuple(kpis),
        themes=tuple(themes),
    )
    frame = for_figures(episodes(*rows), number_children=False)
    results = compute_kpis(kpis, frame, ALL, YEAR, LAST)
    shown = tuple(compute_theme(t, frame, ALL, YEAR) for t in themes)
    return ItemFigures(item, YEAR, LAST, tuple(results), shown)
