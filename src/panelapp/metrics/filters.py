"""Structured filters from config.toml, applied to episode records.

A pack never carries code: a filter is a tree of column/operator/value leaves
combined with ``all`` and ``any``, and this module is its only interpreter.
"""

from __future__ import annotations

import datetime as dt
import operator
from typing import Any

import pandas as pd

from panelapp.config import Filter


def mask(frame: pd.DataFrame, condition: Filter | None) -> pd.Series:
    """Rows of ``frame`` that satisfy ``condition``; unknown values never match.

    Missing values (NA) count as not matching, so a blank flag is never read
    as a yes, and a blank code never as a member of a group.
    """
    if condition is None:
        return pd.Series(True, index=frame.index)
    if condition.all:
        result = pd.Series(True, index=frame.index)
        for part in condition.all:
            result &= mask(frame, part)
        return result
    if condition.any:
        result = pd.Series(False, index=frame.index)
        for part in condition.any:
            result |= mask(frame, part)
        return result
    return _leaf(frame[condition.column], condition.op, condition.value)


_COMPARE = {
    "eq": operator.eq,
    "ne": operator.ne,
    "gt": operator.gt,
    "ge": operator.ge,
    "lt": operator.lt,
    "le": operator.le,
}


def _leaf(column: pd.Series, op: str, value: Any) -> pd.Series:
    value = [_moment(v) for v in value] if isinstance(value, list) else _moment(value)
    if op == "is_true":
        out = column == True  # noqa: E712 - elementwise on a nullable boolean
    elif op == "is_false":
        out = column == False  # noqa: E712
    elif op == "is_blank":
        return column.isna()
    elif op == "not_blank":
        return column.notna()
    elif op in ("in", "not_in"):
        values = list(value) if isinstance(value, list) else [value]
        out = column.isin(values)
        if op == "not_in":
            out = ~out & column.notna()
    elif op in ("startswith", "not_startswith"):
        text = column.astype("string")
        out = text.str.startswith(str(value))
        if op == "not_startswith":
            out = ~out
    else:
        out = _COMPARE[op](column, value)
    return pd.Series(out, index=column.index).fillna(False).astype(bool)


def _moment(value: Any) -> Any:
    """A TOML date as the timestamp a date column holds; any other value as it is.

    The pack's reader has checked the value suits the column (see
    :mod:`panelapp.filter_values`), so only date columns get dates.
    """
    if isinstance(value, dt.date):
        return pd.Timestamp(value)
    return value
