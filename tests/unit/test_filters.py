"""Structured filters: each operator, combinations, and blanks never matching."""

from __future__ import annotations

import pytest

from panelapp.config import Filter
from panelapp.metrics.filters import mask

from .frames import episodes

FRAME = episodes(
    {"CHILD": "a", "ETHNIC": "WBRI", "CCE": True, "SEX": 1},
    {"CHILD": "b", "ETHNIC": "BCRB", "CSE": True, "SEX": 2},
    {"CHILD": "c", "ETHNIC": None, "CCE": None, "SEX": None},
    {"CHILD": "d", "ETHNIC": "REFU", "SEX": 1},
)


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        (Filter(column="CCE", op="is_true"), [True, False, False, False]),
        (Filter(column="CCE", op="is_false"), [False, True, False, True]),
        (Filter(column="ETHNIC", op="is_blank"), [False, False, True, False]),
        (Filter(column="ETHNIC", op="not_blank"), [True, True, False, True]),
        (Filter(column="SEX", op="eq", value=1), [True, False, False, True]),
        (Filter(column="SEX", op="ne", value=1), [False, True, False, False]),
        (Filter(column="ETHNIC", op="in", value=["BCRB", "REFU"]), [False, True, False, True]),
        (Filter(column="ETHNIC", op="not_in", value=["BCRB"]), [True, False, False, True]),
        (Filter(column="ETHNIC", op="startswith", value="W"), [True, False, False, False]),
        (Filter(column="ETHNIC", op="not_startswith", value="W"), [False, True, False, True]),
        (Filter(column="AGE", op="ge", value=15), [True, True, True, True]),
        (Filter(column="AGE", op="lt", value=15), [False, False, False, False]),
        (
            Filter(any=(Filter(column="CCE", op="is_true"), Filter(column="CSE", op="is_true"))),
            [True, True, False, False],
        ),
        (
            Filter(
                all=(
                    Filter(column="SEX", op="eq", value=1),
                    Filter(column="ETHNIC", op="eq", value="REFU"),
                )
            ),
            [False, False, False, True],
        ),
    ],
)
def test_filter(condition: Filter, expected: list[bool]) -> None:
    assert mask(FRAME, condition).tolist() == expected


def test_no_filter_keeps_everything() -> None:
    assert mask(FRAME, None).all()
