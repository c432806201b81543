"""The one way figures are made: pack -> records -> figures -> (public) -> sentences.

The presenter, ``panelapp check`` and the minutes all call :func:`compute_item`
then :func:`present`, so a figure is computed in one place and shown the
same everywhere.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from panelapp.config import Item, Pack, previous_of
from panelapp.metrics import narrative
from panelapp.metrics.disclosure import disclose
from panelapp.metrics.results import ItemFigures

if TYPE_CHECKING:
    from panelapp.metrics.care_records import CareRecords
    from panelapp.metrics.records import Records


def compute_item(pack: Pack, item: Item) -> ItemFigures:
    """Every KPI and theme of an agenda item, private (nothing suppressed).

    Raises :class:`panelapp.metrics.reading.DataError` for unusable input.
    """
    if item.period is None:
        raise ValueError(f"agenda item {item.number} has no period")
    period, previous_period = item.period, previous_of(item)
    if not item.data.episodes:
        return _metrics_only(pack, item)
    if item.records == "episodes":
        from panelapp.metrics.care_figures import compute_care_item

        return compute_care_item(pack, item)
    paths = [pack.folder / p for p in item.data.episodes]
    # Imported here, not above: figures from the cache are shown without pandas.
    from panelapp.metrics import coverage
    from panelapp.metrics.external import external_kpi, load_metrics
    from panelapp.metrics.kpis import compute_kpis, for_figures
    from panelapp.metrics.records import load_records
    from panelapp.metrics.themes import compute_theme

    records = load_records(paths, item.columns)
    table = load_metrics(pack.folder / item.data.metrics) if item.data.metrics else None
    if records.rows_read == 0:
        return without_rows(pack, item, records)
    episodes = for_figures(records.frame, number_children="CHILD" not in _filtered_on(item))
    # KPIs from the records are computed together (each period is cut once for
    # all of them), then put back among any external ones in the pack's order.
    recorded = iter(
        compute_kpis(
            [kpi for kpi in item.kpis if kpi.measure != "external"],
            episodes,
            records.present,
            period,
            previous_period,
        )
    )
    starts = episodes["MIS_START"]
    covered = coverage.of_item(item, _day(starts.min()), _day(starts.max()))
    kpis = []
    for kpi in item.kpis:
        if kpi.measure == "external":
            assert table is not None  # the config reader insists on a metrics file
            kpis.append(external_kpi(kpi, table, period, previous_period))
        else:
            made = next(recorded)
            kpis.append(made if covered is None else coverage.restricted(made, covered))
    themes = tuple(compute_theme(t, episodes, records.present, period) for t in item.themes)
    if covered is not None:
        themes = tuple(coverage.theme_restricted(t, covered, period) for t in themes)
    return from_records(ItemFigures(item, period, previous_period, tuple(kpis), themes), records)


def from_records(figures: ItemFigures, records: Records | CareRecords) -> ItemFigures:
    """The figures with what their records say of themselves: the findings, the rows read
    and left out, the notes on the files."""
    return replace(
        figures,
        findings=records.findings,
        records=records.rows_read,
        excluded=records.excluded,
        notes=records.notes,
    )


def _day(moment: Any) -> dt.date | None:
    """The calendar day of a timestamp, None for none (no record has a start)."""
    import pandas as pd  # imported already by the figures that asked

    return None if pd.isna(moment) else pd.Timestamp(moment).date()


NO_ROWS_REASON = "not available (the data file has no rows)"
"""What the screen and the minute say instead of zeros the data never gave."""


def without_rows(pack: Pack, item: Item, records: Records | CareRecords) -> ItemFigures:
    """An item whose files hold no rows at all: every figure from records is not available.

    Counting an empty file would state zeros as facts ('0 of the 0 children,
    the same as for 2020'); a period empty in a file with rows still counts 0.
    """
    return from_records(_metrics_only(pack, item, NO_ROWS_REASON), records)


def _filtered_on(item: Item) -> frozenset[str]:
    """Every column a filter of the item's KPIs and themes reads."""
    filters = [
        *(f for k in item.kpis for f in (k.filter, k.numerator, k.denominator, k.matching)),
        *(t.cohort.filter for t in item.themes),
        *(h.filter for t in item.themes for h in t.highlights),
    ]
    return frozenset(column for f in filters if f is not None for column in f.columns)


def present(figures: ItemFigures, pack: Pack, *, public: bool = False) -> ItemFigures:
    """Figures ready to show: disclosure control when public, then the sentences."""
    shown = disclose(figures, pack.disclosure) if public else figures
    return narrative.write(shown, pack)


def figures_for(pack: Pack, item: Item, *, public: bool = False) -> ItemFigures:
    """Compute and present in one call, for callers that need one view only."""
    return present(compute_item(pack, item), pack, public=public)


def _metrics_only(
    pack: Pack,
    item: Item,
    reason: str = "not available in this data (the item has no episode records)",
) -> ItemFigures:
    """An item fed only by a pre-aggregated metrics file (or by files with no rows):
    record-level figures are n/a, with ``reason``."""
    from panelapp.metrics.external import external_kpi, load_metrics
    from panelapp.metrics.kpis import unavailable
    from panelapp.metrics.themes import unavailable_theme

    assert item.period is not None
    period, previous_period = item.period, previous_of(item)
    table = load_metrics(pack.folder / item.data.metrics) if item.data.metrics else None
    kpis = tuple(
        external_kpi(kpi, table, period, previous_period)
        if kpi.measure == "external" and table is not None
        else unavailable(kpi, period, previous_period, reason)
        for kpi in item.kpis
    )
    themes = tuple(unavailable_theme(t, reason) for t in item.themes)
    return ItemFigures(
        item=item, period=period, previous_period=previous_period, kpis=kpis, themes=themes
    )
