"""Loading episode records: one row per missing episode, canonical columns.

:mod:`~panelapp.metrics.reading` takes each file as it comes (any column
order, header spelling, text encoding or format); this module is strict
about the content: every value that cannot be used (a blank child, a date
that is not one, an unknown code) becomes a
:class:`~panelapp.metrics.results.Finding` the analyst can act on, and only
a file that is not a table at all stops the meeting pack with a
:class:`~panelapp.metrics.reading.DataError`.

The work is vectorised throughout because a large authority's history runs
to millions of rows: each column is held as codes into its distinct values
(:mod:`~panelapp.metrics.coded`), so every clean-up and conversion runs once
per distinct value, not once per row.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from panelapp.config import CANONICAL_COLUMNS, DERIVED_COLUMNS, FLAG_COLUMNS
from panelapp.metrics import quality
from panelapp.metrics.columns import ETHNIC_CODES, MISSING_CODES
from panelapp.metrics.dates import finished, moments
from panelapp.metrics.dimensions import NOT_KNOWN
from panelapp.metrics.radix import stable_order
from panelapp.metrics.results import Finding
from panelapp.metrics.written import DATE_COLUMNS, Written, prepare

TRUE_WORDS: frozenset[str] = frozenset({"y", "yes", "true", "t", "1"})
FALSE_WORDS: frozenset[str] = frozenset({"n", "no", "false", "f", "0"})

FRAME_COLUMNS: tuple[str, ...] = (
    *CANONICAL_COLUMNS,
    *DERIVED_COLUMNS,
    "ROW",
    "SOURCE",
    "CHILD_NO",
)
"""Every column of :attr:`Records.frame`, whatever the source held.

``CHILD_NO`` numbers the child ids in their sorted order, so per-child
counts group integers while ties are still broken in id order.
"""

_STRING = pd.StringDtype("pyarrow")


@dataclass(frozen=True, eq=False)
class Records:
    """Usable episode records and everything worth saying about the rest."""

    frame: pd.DataFrame
    """Usable rows only, with every canonical and derived column (absent ones all-NA)."""
    findings: tuple[Finding, ...] = ()
    """Every data-quality finding, in the order an analyst works through the files."""
    present: frozenset[str] = frozenset()
    """Canonical columns the files really held, so a KPI on a missing column says so."""
    rows_read: int = 0
    """Records in the files, blank rows aside."""
    excluded: int = 0
    """Rows left out of every figure; each is told by a finding with ``excluded=True``
    (the rows one stray quote swallowed share its finding)."""
    notes: tuple[str, ...] = field(default=())
    """File-level remarks that are not about one row, e.g. the text encoding."""


def load_records(
    paths: Sequence[Path],
    columns: Mapping[str, str] | None = None,
) -> Records:
    """Read one or more episode files into a single set of records.

    ``columns`` maps canonical names to a pack's own column names; a file
    that already uses the canonical name is accepted too, so a pack can mix
    a renamed historical extract with a current one. Raises
    :class:`DataError` for a file that is not a usable table.
    """
    prepared = prepare(paths, dict(columns or {}))
    parts, text = prepared.parts, prepared.text
    present = frozenset(name for part in parts for name in part.present)
    converted = _convert(text, prepared.dates)
    order, usable = _order(text, converted["MIS_START"])
    text = text.take(order)
    frame = _typed(text, converted)

    on_reading = [finding for part in parts for finding in part.findings]
    sources = [part.source for part in parts]
    checked = quality.check(text.columns, frame, present)
    kept = frame if usable == len(frame) else frame.iloc[:usable]
    rows_read = sum(part.rows_read for part in parts)
    return Records(
        frame=kept,
        findings=quality.ordered([*on_reading, *checked.findings], sources),
        present=present,
        rows_read=rows_read,
        excluded=rows_read - len(kept),
        notes=tuple(note for part in parts for note in part.notes),
    )


# ---------------------------------------------------------------------------
# Text to typed columns


_CONVERSIONS: dict[str, Callable[[pd.Series], Any]] = {
    "SEX": lambda v: _codes(v, {"1": 1, "2": 2}).astype("Int8"),
    "ETHNIC": lambda v: _known(v, ETHNIC_CODES),
    "MISSING": lambda v: _known(v, MISSING_CODES),
    **{name: lambda v: _distinct_flags(v) for name in FLAG_COLUMNS},
}
"""How each coded column's distinct values become working values; CHILD stays text."""


def _convert(text: Written, dates: dict[str, tuple[np.ndarray, np.ndarray]]) -> dict[str, Any]:
    """Every converted column, one value per value of the column as held.

    The dates were read as far as Arrow goes while the files were prepared;
    what is left is read here, the general way, with pandas.
    """
    columns = text.columns
    return {
        **{name: pd.Series(finished(columns[name].values, *dates[name])) for name in DATE_COLUMNS},
        **{name: convert(columns[name].distinct()) for name, convert in _CONVERSIONS.items()},
    }


def _order(text: Written, starts: pd.Series) -> tuple[np.ndarray, int]:
    """The frame's row order, and how many rows the figures can use (the first ones).

    Usable rows come first, in order of start (file order among equals), so
    every period and month the figures need is a slice of the frame rather
    than a copy; rows without a child or a valid start (which the rules
    leave out) come last, in file order, so the usable rows are a slice too.
    """
    column = text.columns["MIS_START"]
    moments = starts.to_numpy(dtype="datetime64[ns]")
    last = np.iinfo(np.int64).max
    keys = np.where(np.isnat(moments), last, moments.view(np.int64))
    if not column.each_row:
        # A few thousand distinct starts: ranked, they sort as small integers, by radix.
        distinct, rank = np.unique(np.append(keys, last), return_inverse=True)
        keys = rank.astype(np.min_scalar_type(len(distinct)))
        last = keys[-1]
    rows = column.gather(keys, last)
    placed = (rows != last) & text.columns["CHILD"].given()
    usable = np.flatnonzero(placed)
    return np.concatenate([usable[_stable_order(rows[usable])], np.flatnonzero(~placed)]), len(
        usable
    )


def _stable_order(keys: np.ndarray) -> np.ndarray:
    """``np.argsort(keys, kind="stable")``, by radix where the keys are times in whole seconds
    (:func:`~panelapp.metrics.radix.stable_order`)."""
    if keys.dtype.itemsize > 2 and len(keys):
        seconds, fraction = np.divmod(keys - keys.min(), 10**9)
        if not fraction.any():
            return stable_order(seconds)
    return stable_order(keys)


_NAT = np.datetime64("NaT", "ns")


def _typed(text: Written, converted: dict[str, Any]) -> pd.DataFrame:
    """Every canonical column in its working dtype, plus the derived ones."""
    columns = text.columns

    typed = {name: columns[name].spread(converted[name]) for name in CANONICAL_COLUMNS[1:]}
    start, end = typed["MIS_START"], typed["MIS_END"]
    hours = (end - start).view(np.int64) / 1e9 / 3600.0
    dob, _ = _calendar(converted["DOB"])
    start_day, day = _calendar(converted["MIS_START"])
    out = {
        "CHILD": columns["CHILD"].text(),
        **typed,
        "AGE": _age(
            columns["DOB"].gather(dob, _NO_DATE), columns["MIS_START"].gather(start_day, _NO_DATE)
        ),
        "DURATION_HOURS": np.where(np.isnat(end) | np.isnat(start) | (hours < 0), np.nan, hours),
        "ETHNIC_GROUP": columns["ETHNIC"]
        .spread(ethnic_group(converted["ETHNIC"]))
        .fillna(NOT_KNOWN),
        "MONTH": columns["MIS_START"].spread(_month_starts(converted["MIS_START"], day)),
        "ROW": text.rows.astype(np.int64, copy=False),
        "SOURCE": columns["SOURCE"].text(),
        "CHILD_NO": columns["CHILD"].ranks(),
    }
    # Built once and not copied: the arrays are new and owned by the frame alone.
    return pd.DataFrame(out, columns=list(FRAME_COLUMNS), copy=False)


def _distinct_flags(text: pd.Series) -> pd.Series:
    lowered = text.str.lower()
    true = lowered.isin(TRUE_WORDS).to_numpy(dtype=bool)
    false = lowered.isin(FALSE_WORDS).to_numpy(dtype=bool)
    return pd.Series(pd.arrays.BooleanArray(true, ~(true | false)))


def _known(text: pd.Series, codes: Sequence[str]) -> pd.Series:
    """The code in capitals when it is one of ``codes``, else NA."""
    upper = text.str.upper()
    return upper.where(upper.isin(codes)).astype(_STRING)


def _codes(text: pd.Series, mapping: Mapping[str, int]) -> pd.Series:
    """Whole-number codes, accepting '1.0' as Excel sometimes writes a 1."""
    cleaned = text.str.replace(r"\.0+$", "", regex=True)
    return cleaned.map(mapping)


def ethnic_group(codes: pd.Series) -> pd.Series:
    """The broad group publications use, from an SSDA903 code (or NA: 'Not known')."""
    first = codes.str.slice(0, 1)
    groups = first.map({"W": "White", "M": "Mixed", "A": "Asian", "B": "Black"})
    other = codes.isin(("CHNE", "OOTH")).to_numpy(dtype=bool)
    groups = groups.astype(_STRING)
    groups[other] = "Other"
    return groups.fillna(NOT_KNOWN).astype(_STRING)


def _calendar(moments: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Each moment's date as the number yyyymmdd (NO_DATE where there is none), and its day.

    The number orders dates as the calendar does, and subtracting two of
    them gives completed years in its ten-thousands. A million start times
    fall on a few hundred days, and the years read span at most some
    hundred thousand: each day from the first to the last is worked out
    once (:func:`_civil`) and the rows look theirs up.
    """
    values = moments.to_numpy(dtype="datetime64[ns]")
    missing = np.isnat(values)
    days = values.astype("datetime64[D]").view(np.int64)
    if missing.all():
        return np.full(len(days), _NO_DATE), np.zeros(len(days), np.int64)
    first = days[~missing].min()
    numbers, month_days = _civil(np.arange(first, days[~missing].max() + 1))
    at = np.where(missing, 0, days - first)
    number = numbers[at]
    number[missing] = _NO_DATE
    return number, month_days[at]


def _civil(days: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Days since 1970 as yyyymmdd numbers and days of the month, by integer arithmetic
    (the civil-from-days algorithm of Howard Hinnant's date library)."""
    days = days + 719468  # from 0000-03-01
    era = days // 146097
    of_era = days - era * 146097
    year_of_era = (of_era - of_era // 1460 + of_era // 36524 - of_era // 146096) // 365
    of_year = of_era - (365 * year_of_era + year_of_era // 4 - year_of_era // 100)
    shifted = (5 * of_year + 2) // 153  # months from March
    day = of_year - (153 * shifted + 2) // 5 + 1
    month = np.where(shifted < 10, shifted + 3, shifted - 9)
    year = year_of_era + era * 400 + (month <= 2)
    return year * 10000 + month * 100 + day, day


def _month_starts(moments: pd.Series, day: np.ndarray) -> np.ndarray:
    """The first day of each moment's month (NaT stays NaT), for the MONTH column."""
    values = moments.to_numpy(dtype="datetime64[ns]")
    first = values.astype("datetime64[D]") - np.maximum(day - 1, 0).astype("timedelta64[D]")
    return first.astype(values.dtype)


_NO_DATE = np.iinfo(np.int64).min
"""What :func:`_calendar` gives a row without a valid date."""


def _age(dob: np.ndarray, start: np.ndarray) -> pd.arrays.IntegerArray:
    """Completed years at the start of the episode; NA unless born before it began.

    ``dob`` and ``start`` are :func:`_calendar` numbers.
    """
    age = (start - dob) // 10000
    valid = (dob != _NO_DATE) & (start != _NO_DATE) & (start > dob)
    return pd.arrays.IntegerArray(np.where(valid, age, 0).astype(np.int16), ~valid)


def parse_dates(text: pd.Series) -> pd.Series:
    """Date texts (ISO 8601 or dd/mm/yyyy, with a time or not) as timestamps, NaT where not
    a date: one reading of dates for every kind of record (:func:`dates.moments`)."""
    import pyarrow as pa

    values = pa.array(text.astype(object), type=pa.string(), from_pandas=True)
    return pd.Series(moments(values))
