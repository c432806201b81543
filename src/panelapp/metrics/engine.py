"""The one way figures are made: pack -> records -> figures -> (public) -> sentences.

The presenter, ``panelapp check`` and the minutes all call :func:`compute_item`
then :func:`present`, so a figure is computed in one place and shown the
same everywhere.
"""

from __future__ import annotations

from panelapp.config import Item, Pack, previous_of
from panelapp.metrics import narrative
from panelapp.metrics.disclosure import disclose
from panelapp.metrics.external import external_kpi, load_metrics
from panelapp.metrics.kpis import compute_kpi, unavailable
from panelapp.metrics.records import load_records
from panelapp.metrics.results import ItemFigures
from panelapp.metrics.themes import compute_theme, unavailable_theme


def compute_item(pack: Pack, item: Item) -> ItemFigures:
    """Every KPI and theme of an agenda item, private (nothing suppressed).

    Raises :class:`panelapp.metrics.records.DataError` for unusable input.
    """
    if item.period is None:
        raise ValueError(f"agenda item {item.number} has no period")
    period, previous_period = item.period, previous_of(item)
    if not item.data.episodes:
        return _metrics_only(pack, item)
    records = load_records([pack.folder / p for p in item.data.episodes], item.columns)
    table = load_metrics(pack.folder / item.data.metrics) if item.data.metrics else None
    kpis = []
    for kpi in item.kpis:
        if kpi.measure == "external":
            assert table is not None  # the config reader insists on a metrics file
            kpis.append(external_kpi(kpi, table, period, previous_period))
        else:
            kpis.append(compute_kpi(kpi, records.frame, records.present, period, previous_period))
    themes = tuple(compute_theme(t, records.frame, records.present, period) for t in item.themes)
    return ItemFigures(
        item=item,
        period=period,
        previous_period=previous_period,
        kpis=tuple(kpis),
        themes=themes,
        findings=records.findings,
        records=records.rows_read,
        excluded=records.excluded,
        notes=records.notes,
    )


def present(figures: ItemFigures, pack: Pack, *, public: bool = False) -> ItemFigures:
    """Figures ready to show: disclosure control when public, then the sentences."""
    shown = disclose(figures, pack.disclosure) if public else figures
    return narrative.write(shown, pack)


def figures_for(pack: Pack, item: Item, *, public: bool = False) -> ItemFigures:
    """Compute and present in one call, for callers that need one view only."""
    return present(compute_item(pack, item), pack, public=public)


def _metrics_only(pack: Pack, item: Item) -> ItemFigures:
    """An item fed only by a pre-aggregated metrics file: record-level figures are n/a."""
    assert item.period is not None and item.data.metrics is not None
    period, previous_period = item.period, previous_of(item)
    table = load_metrics(pack.folder / item.data.metrics)
    reason = "not available in this data (the item has no episode records)"
    kpis = tuple(
        external_kpi(kpi, table, period, previous_period)
        if kpi.measure == "external"
        else unavailable(kpi, period, previous_period, reason)
        for kpi in item.kpis
    )
    themes = tuple(unavailable_theme(t, reason) for t in item.themes)
    return ItemFigures(
        item=item, period=period, previous_period=previous_period, kpis=kpis, themes=themes
    )
