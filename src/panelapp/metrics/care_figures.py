"""An agenda item's figures from SSDA903 episodes of care: its KPIs, themes and coverage.

The missing-episode engine's counterpart for ``records = "episodes"``
(:func:`panelapp.metrics.engine.compute_item` hands such items here): the
same results, disclosure control, sentences and screens follow, so a
placement panel presents exactly as a missing one does.
"""

from __future__ import annotations

from functools import partial

from panelapp.config import Item, Kpi, Pack, Period, previous_of
from panelapp.metrics import as_at, coverage
from panelapp.metrics.care_measures import Cuts, figure, needed
from panelapp.metrics.care_records import CareRecords, load_care
from panelapp.metrics.columns import source_columns
from panelapp.metrics.engine import from_records, without_rows
from panelapp.metrics.external import external_kpi, load_metrics
from panelapp.metrics.kpis import assemble, months_of, unavailable
from panelapp.metrics.results import ItemFigures, KpiResult, MonthPoint
from panelapp.metrics.themes import theme_of


def compute_care_item(pack: Pack, item: Item) -> ItemFigures:
    """Every KPI and theme of an item whose records are episodes of care, private.

    Raises :class:`panelapp.metrics.reading.DataError` for unusable input.
    """
    assert item.period is not None  # the engine asks only for items with a period
    period, previous_period = item.period, previous_of(item)
    header = pack.folder / item.data.header if item.data.header is not None else None
    records = load_care([pack.folder / p for p in item.data.episodes], header, item.columns)
    if records.rows_read == 0:
        return without_rows(pack, item, records)
    table = load_metrics(pack.folder / item.data.metrics) if item.data.metrics else None
    cuts = Cuts(records.frame)
    covered = _coverage(item, records)
    kpis = []
    for kpi in item.kpis:
        if kpi.measure == "external":
            assert table is not None  # the config reader insists on a metrics file
            kpis.append(external_kpi(kpi, table, period, previous_period))
            continue
        made = care_kpi(kpi, cuts, records.present, period, previous_period)
        if covered is not None:
            made = coverage.restricted(made, covered, partial(as_at.needs, kpi.measure))
        kpis.append(made)
    rows = cuts(period.start, period.end)
    themes = tuple(theme_of(t, rows, records.present, start="DECOM") for t in item.themes)
    if covered is not None:
        themes = tuple(coverage.theme_restricted(t, covered, period) for t in themes)
    return from_records(ItemFigures(item, period, previous_period, tuple(kpis), themes), records)


def care_kpi(
    kpi: Kpi,
    cuts: Cuts,
    present: frozenset[str],
    period: Period,
    previous_period: Period | None,
) -> KpiResult:
    """One KPI over episodes of care: this period, the last, and their months."""
    missing = sorted(source_columns(needed(kpi)) - present)
    if missing:
        reason = f"not available in this data (no {', '.join(missing)} column)"
        return unavailable(kpi, period, previous_period, reason)

    def trend(of: Period) -> tuple[MonthPoint, ...]:
        return tuple(MonthPoint(month, figure(kpi, cuts, of, month)) for month in months_of(of))

    previous = figure(kpi, cuts, previous_period, None) if previous_period else None
    return assemble(
        kpi,
        period,
        previous_period,
        figure(kpi, cuts, period, None),
        previous,
        trend(period),
        trend(previous_period) if previous_period else (),
    )


def _coverage(item: Item, records: CareRecords) -> coverage.Coverage | None:
    """As the pack states it, else from the first episode's start to the last date any
    episode began or ended."""
    frame = records.frame
    if frame.empty:
        return coverage.of_item(item, None, None)
    ends = frame["UNTIL"].dropna()
    last = max(frame["DECOM"].max(), ends.max()) if len(ends) else frame["DECOM"].max()
    return coverage.of_item(item, frame["DECOM"].min().date(), last.date())
