"""Pre-aggregated figures computed elsewhere (national comparators, other systems).

A tidy CSV, one figure per row: ``indicator, period, value, numerator,
denominator`` and optionally ``breakdown, category``. ``period`` is a year
(``2021``), a month (``2021-03``) or a range (``2021-01-01..2021-12-31``).
Such figures go through the same result type, disclosure control and
narrative as computed KPIs, so they present exactly alike.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd

from panelapp.config import Kpi, Period
from panelapp.metrics.kpis import assemble, months_of, unavailable
from panelapp.metrics.reading import DataError
from panelapp.metrics.results import Figure, KpiResult, MonthPoint

REQUIRED = ("indicator", "period", "value")
"""Columns a metrics file cannot do without."""


def load_metrics(path: Path) -> pd.DataFrame:
    """The metrics file with each period parsed to start and end dates."""
    try:
        table = pd.read_csv(path, dtype={"indicator": "string", "period": "string"})
    except (OSError, ValueError, pd.errors.ParserError) as exc:
        problem = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise DataError(
            path, "", f"cannot be read as CSV ({problem})", "Save it as a CSV file."
        ) from None
    table.columns = [str(c).strip().lower() for c in table.columns]
    for column in REQUIRED:
        if column not in table.columns:
            raise DataError(
                path,
                "",
                f"has no '{column}' column",
                f"A metrics file needs {', '.join(REQUIRED)}.",
            )
    for column in ("numerator", "denominator", "breakdown", "category"):
        if column not in table.columns:
            table[column] = pd.NA
    for column in NUMBERS:
        _numbers(path, table, column)
    spans = []
    for row, text in enumerate(table["period"], start=2):
        try:
            spans.append(parse_span(str(text)))
        except ValueError:
            # Where, not what: a message can reach the projector (see reading.py).
            raise DataError(
                path,
                f"row {row}",
                "the period is not a year, month or range",
                "Write 2021, 2021-03 or 2021-01-01..2021-12-31.",
            ) from None
    table["start"] = [s for s, _ in spans]
    table["end"] = [e for _, e in spans]
    return table


NUMBERS = ("value", "numerator", "denominator")
"""Columns that must hold a number (or nothing) in every row."""


def _numbers(path: Path, table: pd.DataFrame, column: str) -> None:
    """The column as numbers; a cell that is not one is named by row, never quoted."""
    numbers = pd.to_numeric(table[column], errors="coerce")
    wrong = numbers.isna() & table[column].notna()
    if wrong.any():
        row = int(wrong.to_numpy().nonzero()[0][0]) + 2
        raise DataError(
            path,
            f"row {row}",
            f"the {column} column does not hold a number",
            "Write a number, or leave the cell blank.",
        )
    table[column] = numbers


def parse_span(text: str) -> tuple[dt.date, dt.date]:
    """'2021' | '2021-03' | 'YYYY-MM-DD..YYYY-MM-DD' -> inclusive dates."""
    text = text.strip()
    if ".." in text:
        start, end = text.split("..")
        return dt.date.fromisoformat(start.strip()), dt.date.fromisoformat(end.strip())
    if len(text) == 4 and text.isdigit():
        year = int(text)
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    year, month = (int(part) for part in text.split("-"))
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def external_kpi(
    kpi: Kpi, table: pd.DataFrame, period: Period, previous_period: Period | None
) -> KpiResult:
    """A KPI read from the metrics file, for the item's periods."""
    rows = table[(table["indicator"] == kpi.indicator) & table["breakdown"].isna()]
    current = _figure(rows, period.start, period.end)
    if current is None:
        reason = f"not available in this data (no '{kpi.indicator}' figure for {period.name})"
        return unavailable(kpi, period, previous_period, reason)
    previous = None
    previous_monthly: tuple[MonthPoint, ...] = ()
    if previous_period is not None:
        previous = _figure(rows, previous_period.start, previous_period.end)
        previous_monthly = _monthly(rows, previous_period)
    made = assemble(
        kpi, period, previous_period, current, previous, _monthly(rows, period), previous_monthly
    )
    if previous_period is not None and previous is None:
        reason = f"no '{kpi.indicator}' figure for {previous_period.name} in the metrics file"
        return replace(made, previous_reason=reason)
    return made


def _figure(rows: pd.DataFrame, start: dt.date, end: dt.date) -> Figure | None:
    match = rows[(rows["start"] == start) & (rows["end"] == end)]
    if match.empty:
        return None
    row = match.iloc[-1]
    numerator = _int(row["numerator"])
    denominator = _int(row["denominator"])
    if numerator is not None and denominator:
        value: float | None = numerator / denominator
    else:
        value = None if pd.isna(row["value"]) else float(row["value"])
    return Figure(value, numerator=numerator, denominator=denominator)


def _monthly(rows: pd.DataFrame, period: Period) -> tuple[MonthPoint, ...]:
    points = []
    for month in months_of(period):
        last = month.replace(day=calendar.monthrange(month.year, month.month)[1])
        figure = _figure(rows, month, last)
        if figure is not None:
            points.append(MonthPoint(month, figure))
    return tuple(points)


def _int(value: Any) -> int | None:
    if value is None or pd.isna(value):
        return None
    return int(float(value))
