"""Columns as codes into their distinct values: what the loader's speed rests on."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from panelapp.metrics.coded import BLANK, Coded


def test_values_are_trimmed_and_spellings_that_trim_alike_are_one_value() -> None:
    coded = Coded.encode(pa.chunked_array([["Y", " Y", "N "], ["", "  ", None, "N"]]))
    assert coded.values.to_pylist() == ["Y", "N"]
    assert coded.codes.tolist() == [0, 0, 1, BLANK, BLANK, BLANK, 1]
    assert coded.given().tolist() == [True, True, True, False, False, False, True]


@pytest.mark.parametrize(
    "chunks",
    [
        [["Y", "N"], ["N", "Y", "Y"]],  # one character on every row
        [["Y", "", "N"], [" ", "y"]],  # blanks and a space among them
        [["1", "2"], ["2"]],
        [["", ""], [""]],  # nothing at all
        [["Y", "N"], ["Yes", "N"]],  # a longer value: coded by hashing instead
    ],
)
def test_single_characters_code_as_any_text_does(chunks: list[list[str]]) -> None:
    """Flags and one-character codes are coded from their bytes; the result must not differ."""
    column = pa.chunked_array(chunks, pa.string())
    coded = Coded.encode(column)
    rows = [v.strip() or None for chunk in chunks for v in chunk]
    assert [None if c == BLANK else coded.values[c].as_py() for c in coded.codes] == rows
    assert sorted(coded.values.to_pylist()) == sorted({v for v in rows if v is not None})
    sliced = Coded.encode(pa.chunked_array([column.combine_chunks().slice(1)]))
    assert [None if c == BLANK else sliced.values[c].as_py() for c in sliced.codes] == rows[1:]


def test_chunks_over_windows_of_one_dictionary_keep_their_own_values() -> None:
    """Two chunks may share a dictionary's buffers yet see different stretches of it."""
    whole = pa.array(["x", "y", "z"])
    chunks = [
        pa.DictionaryArray.from_arrays(pa.array([0, 1], pa.int32()), whole.slice(0, 2)),
        pa.DictionaryArray.from_arrays(pa.array([2, 0], pa.int32()), whole),
    ]
    coded = Coded.encode(pa.chunked_array(chunks))
    assert [coded.values[c].as_py() for c in coded.codes] == ["x", "y", "z", "x"]


def test_texts_are_as_written_and_blank_is_empty() -> None:
    coded = Coded.encode(pa.array(["C2", None, "C1"]))
    assert coded.texts(np.array([2, 1, 0])) == ["C1", "", "C2"]
    assert coded.text().tolist() == ["C2", pd.NA, "C1"]


def test_dates_stored_as_dates_become_iso_text() -> None:
    moments = pa.array([dt.datetime(2021, 2, 5, 10, 30), None], pa.timestamp("us"))
    written, blank = Coded.encode(moments).texts(np.array([0, 1]))
    assert written.startswith("2021-02-05T10:30:00")
    assert blank == ""


def test_numbers_become_text() -> None:
    assert Coded.encode(pa.array([1, 2, 1])).values.to_pylist() == ["1", "2"]


def test_a_conversion_per_value_reaches_every_row_with_blank_as_na() -> None:
    coded = Coded.encode(pa.array(["y", "n", None, "y"]))
    flags = pd.array([True, False], dtype="boolean")
    spread = coded.spread(flags)
    assert spread.dtype == "boolean"
    assert list(spread) == [True, False, pd.NA, True]
    dates = pd.Series(np.array(["2021-01-01", "2021-06-01"], dtype="datetime64[ns]"))
    spread_dates = coded.spread(dates)
    assert spread_dates.dtype == "datetime64[ns]"
    assert np.isnat(spread_dates).tolist() == [False, False, True, False]
    assert spread_dates[3] == np.datetime64("2021-01-01")


def test_ranks_order_ids_as_text_sorts_them() -> None:
    coded = Coded.encode(pa.array(["b10", "a", None, "b2", "a"]))
    assert coded.ranks().tolist() == [1, 0, BLANK, 2, 0]  # a < b10 < b2, as Python sorts text


def test_files_combine_over_one_table_of_values() -> None:
    first = Coded.encode(pa.array(["A", None, "B"]))
    second = Coded.encode(pa.array(["B", "C", " A "]))
    both = Coded.concat([first, second])
    assert both.text().tolist() == ["A", pd.NA, "B", "B", "C", "A"]
    assert len(both.values) == 3


def test_rows_keep_their_codes_in_the_order_asked() -> None:
    coded = Coded.encode(pa.array(["x", "y", None]))
    assert coded.rows(np.array([2, 0])).text().tolist() == [pd.NA, "x"]
    assert coded.rows(np.array([False, True, True])).texts(np.array([0, 1])) == ["y", ""]


def test_first_row_with_a_chosen_value() -> None:
    coded = Coded.encode(pa.array(["ok", "bad\nvalue", "ok", "bad\nvalue"]))
    chosen = pa.array([value.endswith("value") for value in coded.values.to_pylist()])
    assert coded.first_row_with(chosen) == 1
    assert coded.first_row_with(pa.array([False, False])) is None


@pytest.mark.parametrize("rows", [0, 3])
def test_blank_and_constant_columns(rows: int) -> None:
    assert Coded.blank(rows).given().sum() == 0
    assert Coded.constant("2021.csv", rows).texts(np.arange(rows)) == ["2021.csv"] * rows
