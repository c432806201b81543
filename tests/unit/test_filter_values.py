"""Filter leaves are checked against their column's kind when the pack is read.

The contract: a leaf the reader accepts never fails when the figures are
made, and a leaf that would fail (or quietly match nothing) is refused with
the key to fix.
"""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from panelapp.config import CANONICAL_COLUMNS, DERIVED_COLUMNS, OPERATORS, Filter
from panelapp.filter_values import KINDS, OPERATORS_FOR, leaf_problem
from panelapp.kinds import ALL_FILTER_COLUMNS, EPISODES, MISSING
from panelapp.metrics.filters import mask
from panelapp.metrics.records import load_records

from .care_frames import care_records, year_rows
from .frames import FLAGS

VALUES: list[Any] = [
    None,
    17,
    16.5,
    1,
    True,
    "seventeen",
    "WBRI",
    "W",
    "M",
    "White",
    "S",
    "U4",
    "Foster",
    dt.date(2021, 3, 1),
    dt.datetime(2021, 3, 1, 10, 30),
    dt.date(9999, 12, 31),
    dt.time(10, 30),
    {"male": 1},
    [],
    [1, 2],
    ["WBRI", "BCRB"],
    [dt.date(2021, 3, 1), dt.date(2021, 4, 1)],
    [True],
    [{"a": 1}],
]
"""A value of every type TOML can give, and a few of each kind a column holds."""


@pytest.fixture(scope="module")
def frame(tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    path: Path = tmp_path_factory.mktemp("filters") / "episodes.csv"
    path.write_text(
        ",".join(CANONICAL_COLUMNS)
        + "\nC1,01/01/2005,1,WBRI,M,05/03/2021 10:00,06/03/2021,Y,N,Y,N,N,Y,Y"
        + "\nC2,01/01/2008,2,BCRB,A,07/04/2021,,N,Y,N,Y,Y,N,N"
        + "\nC3,,,,M,08/04/2021,09/04/2021,,,,,,,\n"
    )
    return load_records([path]).frame


@pytest.fixture(scope="module")
def care_frame(tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    return year_rows(care_records(tmp_path_factory.mktemp("care")))


def test_every_column_of_every_kind_of_record_has_a_kind() -> None:
    assert set(MISSING.filter_columns) == set(CANONICAL_COLUMNS + DERIVED_COLUMNS)
    assert set(KINDS) == set(ALL_FILTER_COLUMNS)
    assert set(itertools.chain(*OPERATORS_FOR.values())) == set(OPERATORS)
    assert set(EPISODES.filter_columns) == set(KINDS) - {
        "MISSING",
        "MIS_START",
        "MIS_END",
        "DURATION_HOURS",
        "MONTH",
        *FLAGS,
    }


@pytest.mark.parametrize("column", sorted(EPISODES.filter_columns))
def test_every_leaf_on_episodes_of_care_can_be_applied(
    column: str, care_frame: pd.DataFrame
) -> None:
    test_every_leaf_the_reader_accepts_can_be_applied(column, care_frame)


@pytest.mark.parametrize("column", sorted(MISSING.filter_columns))
def test_every_leaf_the_reader_accepts_can_be_applied(column: str, frame: pd.DataFrame) -> None:
    accepted = 0
    for op, value in itertools.product(OPERATORS, VALUES):
        if leaf_problem(column, op, value) is None:
            accepted += 1
            matched = mask(frame, Filter(column=column, op=op, value=value))
            assert matched.dtype == bool and len(matched) == len(frame), (op, value)
    assert accepted >= 2  # at least is_blank and not_blank


@pytest.mark.parametrize(
    ("column", "op", "value", "key", "words"),
    [
        ("AGE", "ge", "seventeen", "value", "AGE holds numbers, so the value should be a number"),
        ("AGE", "ge", True, "value", "not true/false"),
        ("AGE", "startswith", "1", "op", "'startswith' cannot be used on AGE"),
        ("SEX", "eq", {"male": 1}, "value", "should be 1 or 2, not a table"),
        ("SEX", "eq", 3, "value", "coded 1 (male) or 2 (female), not 3"),
        ("SEX", "eq", "1", "value", "Write value = 1 (male) or value = 2 (female)"),
        ("LOOKED_AFTER", "gt", 1, "op", "'gt' cannot be used on LOOKED_AFTER"),
        ("LOOKED_AFTER", "eq", "Y", "value", "Write value = true or value = false"),
        ("LOOKED_AFTER", "is_true", True, "value", "'is_true' takes no value"),
        ("MONTH", "ge", "2021-03", "value", "should be a date, not text"),
        ("MONTH", "ge", dt.time(10, 0), "value", "not a time of day"),
        ("MIS_START", "lt", dt.date(9999, 12, 31), "value", "outside the years 1900–2199"),
        ("DOB", "lt", dt.date(1850, 1, 1), "value", "the date is outside the years"),
        ("ETHNIC", "eq", "wbri", "value", "Did you mean 'WBRI'?"),
        ("ETHNIC", "startswith", "w", "value", "Did you mean 'W'?"),
        ("ETHNIC", "gt", "W", "op", "'gt' cannot be used on ETHNIC"),
        ("ETHNIC_GROUP", "eq", "white", "value", "Did you mean 'White'?"),
        ("MISSING", "in", ["M", "X"], "value[2]", "'X' is not a MISSING value"),
        ("MISSING", "in", [], "value", "'in' needs a list of values"),
        ("MISSING", "in", "M", "value", "'in' needs a list of values"),
        ("CHILD", "eq", 12345, "value", "should be text, not a whole number."),
        ("CHILD", "eq", None, "value", "the operator 'eq' needs a value"),
    ],
)
def test_a_leaf_that_cannot_work_names_the_key_and_the_fix(
    column: str, op: str, value: Any, key: str, words: str
) -> None:
    problem = leaf_problem(column, op, value)
    assert problem is not None
    assert problem.key == key
    assert words in f"{problem.problem}. {problem.fix}"


def test_a_child_id_or_birth_date_is_never_repeated_in_a_message() -> None:
    for column, value in (("CHILD", 12345), ("DOB", dt.date(1850, 1, 1))):
        problem = leaf_problem(column, "eq", value)
        assert problem is not None
        assert "12345" not in problem.problem and "1850" not in problem.problem


@pytest.mark.parametrize(
    ("column", "op", "value"),
    [
        ("MONTH", "ge", dt.date(2021, 4, 1)),
        ("MIS_START", "lt", dt.datetime(2021, 4, 1, 12, 0)),
        ("AGE", "lt", 15.5),
        ("SEX", "in", [1, 2]),
        ("ETHNIC", "not_startswith", "W"),
        ("LOOKED_AFTER", "eq", False),
        ("DURATION_HOURS", "gt", 24),
    ],
)
def test_leaves_a_pack_may_use(column: str, op: str, value: Any) -> None:
    assert leaf_problem(column, op, value) is None


def test_a_date_compares_with_a_date_column(frame: pd.DataFrame) -> None:
    april = mask(frame, Filter(column="MONTH", op="ge", value=dt.date(2021, 4, 1)))
    assert april.tolist() == [False, True, True]
    listed = mask(frame, Filter(column="MONTH", op="in", value=[dt.date(2021, 3, 1)]))
    assert listed.tolist() == [True, False, False]
