"""No data value in any message that can reach the projector or a public output.

A message about a data file is shown on the room's screen and printed by
``export --public``; it says which row and column, never what is in them.
A file with no header row used to be quoted whole: a child's id and date of
birth on the projector.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest

from panelapp.cli import main
from panelapp.metrics.external import load_metrics
from panelapp.metrics.reading import DataError, _problem, read_file
from tests.data.journals.sample import copy_sample

ROWS = (
    "C100234,14/07/2006,1,WBRI,M,05/02/2021 10:00,06/02/2021 12:30,Y,N,N,N,N,Y,Y\n"
    "C100235,02/03/2009,2,BAFR,A,07/02/2021,,N,N,Y,N,Y,N,N\n"
)
"""Two episodes with no header row above them."""

IDENTIFYING = ("C100234", "14/07/2006", "C100235", "02/03/2009", "05/02/2021")


@pytest.fixture
def pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The sample pack whose episode file has lost its header row."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data-home"))
    config = copy_sample(tmp_path)
    (tmp_path / "data" / "missing_episodes.csv").write_text(ROWS)
    return config


@pytest.mark.parametrize(
    "command",
    [
        ["export", "--public", "--out", "-"],
        ["check", "--public"],
        ["check", "--public", "--json"],
        ["check"],
    ],
)
def test_a_file_with_no_header_row_is_named_by_place_not_by_value(
    pack: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    status = main([command[0], str(pack), *command[1:]])
    out, err = capsys.readouterr()
    if command[0] == "export":
        # One unreadable file does not stop the minute: the item says its figures were not
        # available, and nothing of the file is quoted.
        assert status == 0
        assert err.startswith("panelapp: note: Figures not available, and the draft says so")
        assert not [value for value in IDENTIFYING if value in err]
        assert "The figures for this item were not available" in out
        assert not [value for value in IDENTIFYING if value in out]
        return
    assert (status, out) == (2, "")
    [line] = err.splitlines()
    assert "missing_episodes.csv: row 1: has no header row" in line
    assert "columns 2, 3, 6 and 7" in line
    assert not [value for value in IDENTIFYING if value in line]


@pytest.mark.parametrize(
    "first",
    ["C100234,14/07/2006", "C100234,2021-02-05", "C100234,7777,Y"],
)
def test_one_value_that_looks_like_data_is_enough_to_say_no_header(
    tmp_path: Path, first: str
) -> None:
    path = tmp_path / "episodes.csv"
    path.write_text(first + "\n")
    with pytest.raises(DataError) as caught:
        read_file(path, {})
    message = caught.value.message
    assert "has no header row" in message
    assert "C100234" not in message and first.split(",")[1] not in message


def test_a_real_header_is_still_listed_by_its_names(tmp_path: Path) -> None:
    path = tmp_path / "episodes.csv"
    path.write_text("Kid,Start\nC1,05/02/2021\n")
    with pytest.raises(DataError, match="the columns found are: Kid, Start"):
        read_file(path, {})


def test_a_readers_complaint_keeps_its_counts_but_not_the_row() -> None:
    error = pa.ArrowInvalid("CSV parse error: Expected 14 columns, got 3: C100234,14/07/2006,1")
    assert _problem(error) == "CSV parse error: Expected 14 columns, got 3"
    assert _problem(ValueError("bad value 'C100234' here\nmore")) == "bad value '…' here"


def test_a_bad_period_in_a_metrics_file_is_named_by_row(tmp_path: Path) -> None:
    path = tmp_path / "metrics.csv"
    path.write_text("indicator,period,value\nx,2021,1\nx,C100234,1\n")
    with pytest.raises(DataError) as caught:
        load_metrics(path)
    assert "row 3: the period is not a year, month or range" in caught.value.message
    assert "C100234" not in caught.value.message


@pytest.mark.parametrize("column", ["value", "numerator", "denominator"])
def test_a_metrics_cell_that_is_not_a_number_is_named_by_row_and_column(
    tmp_path: Path, column: str
) -> None:
    path = tmp_path / "metrics.csv"
    rows = {"value": "0.5", "numerator": "1", "denominator": "2"}
    rows[column] = "C100234"
    path.write_text(
        "indicator,period,value,numerator,denominator\n"
        "x,2020,0.5,1,2\n"
        f"x,2021,{rows['value']},{rows['numerator']},{rows['denominator']}\n"
    )
    with pytest.raises(DataError) as caught:
        load_metrics(path)
    message = caught.value.message
    assert f"row 3: the {column} column does not hold a number" in message
    assert "C100234" not in message
