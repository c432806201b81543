"""Dates and times as councils' exports write them, read a whole column at a time.

A large authority's file holds a million start and end times, nearly all of
them different, so reading them value by value in Python is most of the
cost of loading it. The layouts exports use (ISO 8601 from a database,
``dd/mm/yyyy HH:MM`` from a spreadsheet) are read by arithmetic on their
bytes instead (:func:`_fixed`): every layout is of
fixed width, so a column is a table of bytes, a row per value, and each
field's digits are read and checked for all rows at once; only dates that
exist are admitted. Anything else (a one-digit month, a fraction of a
second, a typo) is read the general way, once per distinct value, so every
value means what it always meant.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

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


_FIELDS = {"%Y": 4, "%m": 2, "%d": 2, "%H": 2, "%M": 2, "%S": 2}
_MONTH_DAYS = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31, 0, 0, 0], np.int32)
_BLOCK = 1 << 16
"""Rows read at a time: a block's working arrays stay in the processor's cache."""


@dataclass(frozen=True)
class _Layout:
    """A layout as positions: its width, the bytes of its digits, its other characters."""

    width: int
    fields: tuple[str, ...]
    digits: np.ndarray
    """Position of every digit, field by field."""
    literal: tuple[tuple[int, int], ...]
    """Position and byte of every other character (the separators)."""
    places: np.ndarray
    """For each field, the place value of each digit (zero for another field's)."""

    @staticmethod
    @cache
    def of(layout: str) -> _Layout:
        parts = re.findall(r"%.|[^%]", layout)
        fields = tuple(part for part in parts if part in _FIELDS)
        digits: list[int] = []
        literal: list[tuple[int, int]] = []
        places: list[list[float]] = []
        for part in parts:
            if part not in _FIELDS:
                literal.append((len(digits) + len(literal), ord(part)))
                continue
            for place in range(_FIELDS[part] - 1, -1, -1):
                digits.append(len(digits) + len(literal))
                places.append([10.0**place if field == part else 0.0 for field in fields])
        return _Layout(
            len(digits) + len(literal),
            fields,
            np.array(digits),
            tuple(literal),
            np.array(places, np.float32).T.copy(),
        )


def _fixed(values: pa.Array, layout: str) -> tuple[np.ndarray, np.ndarray]:
    """Which values are dates that exist written exactly in ``layout`` (all digits, two-digit
    days and months, a year FIRST_YEAR to LAST_YEAR), and their seconds since 1970."""
    shape = _Layout.of(layout)
    if not pa.types.is_string(values.type):
        values = values.cast(pa.large_string())
    valid = np.asarray(pc.fill_null(pc.equal(pc.binary_length(values), shape.width), False))
    seconds = np.zeros(len(values), np.int64)
    if not valid.any():
        return valid, seconds
    if not valid.all():
        # A value of another width stands in as one of this width, so the bytes are a table.
        values = pc.if_else(pa.array(valid), values, "0" * shape.width)
    _, offsets, data = values.buffers()
    kind = np.dtype(np.int32 if pa.types.is_string(values.type) else np.int64)
    first = int(np.frombuffer(offsets, kind, 1, values.offset * kind.itemsize)[0])
    table = np.frombuffer(data, np.uint8, len(values) * shape.width, first)
    table = table.reshape(-1, shape.width)
    for at in range(0, len(table), _BLOCK):
        rows = slice(at, at + _BLOCK)
        valid[rows] &= _read_block(shape, table[rows], seconds[rows])
    return valid, seconds


def _read_block(shape: _Layout, table: np.ndarray, seconds: np.ndarray) -> np.ndarray:
    """:func:`_fixed` for a block of rows: the seconds written into ``seconds``, and which
    rows are valid."""
    digits = table[:, shape.digits] - np.uint8(ord("0"))  # a byte that is no digit wraps past 9
    valid = ~(digits > 9).any(axis=1)
    for at, byte in shape.literal:
        valid &= table[:, at] == byte
    # Every field's value at once: its digits times their place values.
    read = (shape.places @ digits.T.astype(np.float32)).astype(np.int32)
    fields = dict(zip(shape.fields, read, strict=True))
    zero = np.zeros(len(table), np.int32)
    year, month, day = fields["%Y"], fields["%m"], fields["%d"]
    hour, minute, second = (fields.get(name, zero) for name in ("%H", "%M", "%S"))
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    last_day = _MONTH_DAYS[month & 15] + (leap & (month == 2))
    valid &= (year >= FIRST_YEAR) & (year <= LAST_YEAR) & (month >= 1) & (month <= 12)
    valid &= (day >= 1) & (day <= last_day) & (hour <= 23) & (minute <= 59) & (second <= 59)
    seconds[:] = _days_since_1970(year, month, day).astype(np.int64) * 86400
    seconds += hour * 3600 + minute * 60 + second
    return valid


def _days_since_1970(year: np.ndarray, month: np.ndarray, day: np.ndarray) -> np.ndarray:
    """The days-from-civil algorithm of Howard Hinnant's date library, for years from 1."""
    year = year - (month <= 2)
    era = year // 400
    of_era = year - era * 400
    of_year = (153 * np.where(month > 2, month - 3, month + 9) + 2) // 5 + day - 1
    return era * 146097 + of_era * 365 + of_era // 4 - of_era // 100 + of_year - 719468


def moments(values: pa.Array) -> np.ndarray:
    """Each value's date and time (datetime64[ns]); NaT where blank or not a valid date.

    Text is read as :data:`LAYOUTS` or, failing that, as any ISO 8601 date
    and time or a UK day-first date (:func:`_as_written`). Dates and times a
    Parquet file holds as such are taken as they are, in local time. A year
    outside FIRST_YEAR to LAST_YEAR is no date.
    """
    return finished(values, *column_wide(values))


def column_wide(values: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """:func:`moments` as far as the layouts go, which needs no pandas: the moments read,
    and the positions of the values left to read the general way (:func:`finished`)."""
    if is_moment(values.type):
        return _held(values), np.zeros(0, dtype=np.intp)
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    parsed = np.full(len(values), _NAT)
    todo = np.arange(len(values))
    for layout in _likely(values):
        valid, seconds = _fixed(values, layout)
        if valid.any():
            parsed[todo[valid]] = (seconds[valid] * 10**9).view("datetime64[ns]")
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
    counts = {layout: int(_fixed(sample, layout)[0].sum()) for layout in LAYOUTS}
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
