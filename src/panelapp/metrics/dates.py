"""Dates and times as councils' exports write them, read a whole column at a time.

A large authority's file holds a million start and end times, nearly all of
them different, so reading them value by value in Python is most of the
cost of loading it. The layouts exports use (ISO 8601 from a database,
``dd/mm/yyyy HH:MM`` from a spreadsheet) are read by Arrow's C++ kernels
instead: one regular expression per layout admits only dates that exist,
and ``strptime`` reads what it admitted. Anything else (a one-digit month,
a fraction of a second, 29 February, a typo) is read the general way, once
per distinct value, so every value means what it always meant.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from panelapp.metrics.coded import is_moment
from panelapp.metrics.columns import FIRST_YEAR, LAST_YEAR
from panelapp.metrics.reading import ISO_DATE, UK_DAY

_EARLIEST = np.datetime64(f"{FIRST_YEAR:04}-01-01", "ns")
_LATEST = np.datetime64(f"{LAST_YEAR + 1:04}-01-01", "ns")
_NAT = np.datetime64("NaT", "ns")

_YEAR = r"(?:19|2[01])\d\d"
"""FIRST_YEAR to LAST_YEAR: any other year is no date (tests/unit/test_dates.py checks the two
agree)."""
_MONTHS_DAYS = (
    (r"(?:0[1-9]|1[0-2])", r"(?:0[1-9]|1\d|2[0-8])"),
    (r"(?:0[13-9]|1[0-2])", r"(?:29|30)"),
    (r"(?:0[13578]|1[02])", r"31"),
)
"""Months and the days they all have; 29 February is left out, as whether it exists depends on
the year."""
_MONTH_DAY = "(?:" + "|".join(f"{month}-{day}" for month, day in _MONTHS_DAYS) + ")"
_DAY_MONTH = "(?:" + "|".join(f"{day}/{month}" for month, day in _MONTHS_DAYS) + ")"
_PARTS = {
    "%Y-%m-%d": f"{_YEAR}-{_MONTH_DAY}",
    "%d/%m/%Y": f"{_DAY_MONTH}/{_YEAR}",
    "%H": r"(?:[01]\d|2[0-3])",
    "%M": r"[0-5]\d",
    "%S": r"[0-5]\d",
}

LAYOUTS: tuple[str, ...] = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y",
)
"""The layouts read column-wide, every field written in full (two-digit days and months)."""

_SNIFF = 1000
"""Values looked at, spread over the column, to choose the layouts worth a pass over all of it."""


def pattern(layout: str) -> str:
    """The regular expression admitting exactly the valid dates written in ``layout``."""
    for part, regex in _PARTS.items():
        layout = layout.replace(part, regex)
    return f"^{layout}$"


def moments(values: pa.Array) -> np.ndarray:
    """Each value's date and time (datetime64[ns]); NaT where blank or not a valid date.

    Text is read as :data:`LAYOUTS` or, failing that, as any ISO 8601 date
    and time or a UK day-first date (:func:`_as_written`). Dates and times a
    Parquet file holds as such are taken as they are, in local time. A year
    outside FIRST_YEAR to LAST_YEAR is no date.
    """
    return finished(values, *column_wide(values))


def column_wide(values: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """:func:`moments` as far as Arrow's kernels go, which needs no pandas: the moments
    read, and the positions of the values left to read the general way (:func:`finished`)."""
    if is_moment(values.type):
        return _held(values), np.zeros(0, dtype=np.intp)
    parsed = np.full(len(values), _NAT)
    todo = np.arange(len(values))
    for layout in _likely(values):
        valid = np.asarray(pc.fill_null(pc.match_substring_regex(values, pattern(layout)), False))
        if valid.any():
            read = pc.strptime(values, format=layout, unit="s", error_is_null=True)
            parsed[todo[valid]] = read.to_numpy(zero_copy_only=False)[valid]
            todo, values = todo[~valid], values.filter(pa.array(~valid))
    return parsed, todo


def finished(values: pa.Array, parsed: np.ndarray, todo: np.ndarray) -> np.ndarray:
    """:func:`column_wide`'s moments with the values at ``todo`` read the general way."""
    if len(todo):
        parsed[todo] = _as_written(values.take(pa.array(todo)))
    return parsed


def _likely(values: pa.Array) -> list[str]:
    """The layouts the first values are written in, the most common first."""
    sample = values.take(np.linspace(0, len(values) - 1, min(len(values), _SNIFF), dtype=np.int64))
    counts = {
        layout: pc.sum(pc.match_substring_regex(sample, pattern(layout))).as_py() or 0
        for layout in LAYOUTS
    }
    return sorted((layout for layout in LAYOUTS if counts[layout]), key=lambda k: -counts[k])


def _held(values: pa.Array) -> np.ndarray:
    """Dates and times stored as such: in local time, within the years read."""
    if pa.types.is_timestamp(values.type) and values.type.tz is not None:
        values = pc.local_timestamp(values)
    # Compared as they are held: a year past 2262 has no nanoseconds to be cast to.
    earliest, latest = (pa.scalar(day, pa.date32()).cast(values.type) for day in _YEARS_READ)
    inside = pc.and_(pc.greater_equal(values, earliest), pc.less(values, latest))
    values = pc.if_else(inside, values, pa.scalar(None, values.type))
    return values.cast(pa.timestamp("ns")).to_numpy(zero_copy_only=False)


_YEARS_READ = (dt.date(FIRST_YEAR, 1, 1), dt.date(LAST_YEAR + 1, 1, 1))


def _as_written(values: pa.Array) -> np.ndarray:
    """:func:`moments` for text in no layout of its own: each distinct value read once,
    trimmed (a column kept row by row is kept as written)."""
    values = pc.utf8_trim_whitespace(values.fill_null(""))
    distinct = pc.unique(values)
    return _general(distinct)[np.asarray(pc.index_in(values, value_set=distinct))]


def _general(values: pa.Array) -> np.ndarray:
    """Any ISO 8601 date and time, or a UK day-first date turned into one, as pandas reads it."""
    iso = pc.replace_substring_regex(values, pattern=f"^{UK_DAY}", replacement=r"\3-\2-\1")
    candidate = pc.fill_null(pc.match_substring_regex(iso, pattern=f"^{ISO_DATE}$"), False)
    parsed = np.full(len(values), _NAT)
    chosen = candidate.to_numpy(zero_copy_only=False)
    if chosen.any():
        strings = pd.Series(iso.filter(candidate).to_numpy(zero_copy_only=False), dtype=object)
        moments = pd.to_datetime(strings, format="ISO8601", errors="coerce")
        # Years a ns timestamp cannot hold are typos; they are invalid, not an overflow.
        moments = moments.where((moments >= _EARLIEST) & (moments < _LATEST))
        parsed[chosen] = moments.to_numpy(dtype="datetime64[ns]")
    return parsed
