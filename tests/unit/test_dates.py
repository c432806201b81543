"""Dates read column-wide mean exactly what they meant read one distinct value at a time.

The general way (``dates._general``: any ISO 8601 date and time, or a UK
day-first date turned into one, read by pandas) is the definition; the
layouts read column-wide from their bytes are a quicker way to the same values, and
must never admit a date the general way would not (30 February, 24:00, a
year out of range) or read one differently.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from panelapp.metrics import dates
from panelapp.metrics.coded import _as_text
from panelapp.metrics.columns import FIRST_YEAR, LAST_YEAR

ODD = [
    "2021-03-04",
    "2021-3-4",
    "2021-03-04 17:23",
    "2021-03-04T17:23:05.250",
    "2021-03-04 7:23",
    "2021-03-04  17:23",
    " 2021-03-04 17:23:00 ",
    "2021-03-04\t17:23:00",
    "2021-02-29 10:00:00",
    "2020-02-29 10:00:00",
    "2000-02-29",
    "1900-02-29",
    "2021-04-31 10:00:00",
    "2021-02-28 24:00:00",
    "2021-02-28 23:59:60",
    "2021-13-01 10:00:00",
    "1899-12-31 23:59:59",
    "2200-01-01 00:00:00",
    "0021-03-04 10:00:00",
    "2021-03-04 17:23:00Z",
    "2021-03-04 17:23:00.",
    "29/02/2020 10:00",
    "29/02/2021 10:00",
    "31/04/2021 10:00",
    "4/3/2021 7:05",
    "04/03/21 10:00",
    "04/03/2021T17:23",
    "04/03/2021 17:23:05",
    "31/12/2199 23:59",
    "\uff11\uff12/03/2021",
    "",
    "not a date",
]


def general(values: list[str]) -> np.ndarray:
    """The definition: each value trimmed, then read the general way."""
    return dates._general(pc.utf8_trim_whitespace(pa.array(values, pa.string())))


def same(found: np.ndarray, expected: np.ndarray) -> bool:
    return bool(np.array_equal(found, expected, equal_nan=True))


def test_odd_values_read_as_the_general_way_reads_them() -> None:
    values = ODD + ["2021-03-04 17:23:00", "04/03/2021 17:23"] * 50  # the layouts are used
    assert same(dates.moments(pa.array(values)), general(values))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(1890, 2210),
            st.integers(0, 13),
            st.integers(0, 32),
            st.integers(0, 25),
            st.integers(0, 61),
            st.integers(0, 61),
            st.sampled_from(dates.LAYOUTS),
            st.booleans(),
        ),
        min_size=1,
        max_size=40,
    )
)
def test_any_value_in_any_layout_reads_as_the_general_way_reads_it(
    parts: list[tuple[int, int, int, int, int, int, str, bool]],
) -> None:
    """Fields in and out of range, padded or not, written in every layout."""
    values = []
    for year, month, day, hour, minute, second, layout, padded in parts:
        width = "02" if padded else ""
        fields = {
            "%Y": f"{year:04}",
            "%m": f"{month:{width}}",
            "%d": f"{day:{width}}",
            "%H": f"{hour:{width}}",
            "%M": f"{minute:02}",
            "%S": f"{second:02}",
        }
        for code, text in fields.items():
            layout = layout.replace(code, text)
        values.append(layout)
    assert same(dates.moments(pa.array(values)), general(values))


def test_the_years_read_are_first_year_to_last_year() -> None:
    for year, valid in ((FIRST_YEAR - 1, False), (FIRST_YEAR, True), (LAST_YEAR, True)):
        text = f"{year}-06-30"
        assert np.isnat(dates.moments(pa.array([text]))[0]) != valid, text
    assert np.isnat(dates.moments(pa.array([f"{LAST_YEAR + 1}-01-01"]))[0])


@pytest.mark.parametrize(
    "kind", [pa.timestamp("us", tz="Europe/London"), pa.timestamp("ms"), pa.date32()]
)
def test_dates_held_as_such_read_as_their_text_reads(kind: pa.DataType) -> None:
    """A Parquet file's timestamps: local time, to the second, within the years read."""
    moments = [
        dt.datetime(2021, 3, 28, 0, 30, 59, 900000),
        dt.datetime(2021, 10, 31, 1, 30),
        dt.datetime(1850, 1, 1),
        dt.datetime(2250, 1, 1),
        dt.datetime(3000, 1, 1),
        dt.datetime(1969, 12, 31, 23, 59, 59, 500000),
        None,
    ]
    if pa.types.is_date(kind):
        held = pa.array([m.date() if m else None for m in moments], kind)
    else:
        held = pa.array(moments, pa.timestamp(kind.unit)).cast(kind)
    expected = dates._general(_as_text(held))
    assert same(dates.moments(held), expected)


def test_a_column_in_two_layouts_reads_both_column_wide() -> None:
    values = ["2021-03-04 17:23:00", "04/03/2021 17:23"] * 600 + [" 05/03/2021 09:00 "]
    assert set(dates._likely(pa.array(values))) == {"%Y-%m-%d %H:%M:%S", "%d/%m/%Y %H:%M"}
    assert same(dates.moments(pa.array(values)), general(values))


def test_a_column_longer_than_a_block_reads_every_block() -> None:
    """Rows are read a block at a time; odd values on both sides of a block's edge, and
    only they are left to the general way."""
    values = ["2021-03-04 17:23:00"] * (dates._BLOCK + 10)
    odd = {
        0: "2021-3-4",
        dates._BLOCK - 1: " 2021-03-04 17:23:00 ",
        dates._BLOCK: "2021-02-29 10:00:00",
        len(values) - 1: "4/3/2021 7:05",
    }
    for at, value in odd.items():
        values[at] = value
    values[dates._BLOCK + 3] = "2020-02-29 23:59:59"
    assert same(dates.moments(pa.array(values)), general(values))
    _, todo = dates.column_wide(pa.array(values))
    assert todo.tolist() == sorted(odd)
