"""Which operators and values a filter may use on each column, checked as a pack is read.

A filter compares a column with a value the clerk typed in config.toml. A
value of the wrong type (``AGE ge "seventeen"``, a date against a flag) would
otherwise reach pandas mid-meeting and fail there, or worse, quietly match
nothing; so each column has a kind, each kind its operators and values, and
a leaf that breaks them is refused with the key to fix. Never imports pandas:
the pack is read before the engine loads.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from panelapp.vocabulary import ETHNIC_CODES, ETHNIC_GROUPS, FIRST_YEAR, LAST_YEAR, MISSING_CODES

Kind = Literal["text", "code", "sex", "flag", "number", "date"]

KINDS: dict[str, Kind] = {
    "CHILD": "text",
    "DOB": "date",
    "SEX": "sex",
    "ETHNIC": "code",
    "MISSING": "code",
    "MIS_START": "date",
    "MIS_END": "date",
    "LOOKED_AFTER": "flag",
    "UASC": "flag",
    "CCE": "flag",
    "CSE": "flag",
    "MACE": "flag",
    "RHI_OFFERED": "flag",
    "RHI_COMPLETED": "flag",
    "AGE": "number",
    "DURATION_HOURS": "number",
    "ETHNIC_GROUP": "code",
    "MONTH": "date",
}
"""What each canonical and derived column holds once loaded, which decides what it compares with."""

CODES: dict[str, tuple[str, ...]] = {
    "ETHNIC": ETHNIC_CODES,
    "MISSING": MISSING_CODES,
    "ETHNIC_GROUP": ETHNIC_GROUPS,
}
"""The only values a coded column holds: a filter naming any other would match nothing."""

NO_VALUE: frozenset[str] = frozenset({"is_true", "is_false", "is_blank", "not_blank"})
"""Operators that test the column alone."""

LISTS: frozenset[str] = frozenset({"in", "not_in"})
"""Operators whose value is a list of values."""

_BLANKS = ("is_blank", "not_blank")
_ORDERED = ("eq", "ne", "gt", "ge", "lt", "le", "in", "not_in")
_WORDS = ("eq", "ne", "in", "not_in", "startswith", "not_startswith")

OPERATORS_FOR: dict[Kind, tuple[str, ...]] = {
    "text": (*_WORDS, *_BLANKS),
    "code": (*_WORDS, *_BLANKS),
    "sex": ("eq", "ne", "in", "not_in", *_BLANKS),
    "flag": ("is_true", "is_false", "eq", "ne", *_BLANKS),
    "number": (*_ORDERED, *_BLANKS),
    "date": (*_ORDERED, *_BLANKS),
}
"""The operators that mean something on each kind of column (no 'greater than' on a yes/no)."""

_HOLDS: dict[Kind, str] = {
    "text": "text",
    "code": "a code",
    "sex": "a code, 1 (male) or 2 (female)",
    "flag": "yes/no values",
    "number": "numbers",
    "date": "dates",
}

_WANTED: dict[Kind, tuple[str, str]] = {
    "text": ("text", 'Put it in quotes, e.g. value = "…".'),
    "code": ("text", 'Put it in quotes, e.g. value = "…".'),
    "sex": ("1 or 2", "Write value = 1 (male) or value = 2 (female), without quotes."),
    "flag": ("true or false", "Write value = true or value = false, or use is_true or is_false."),
    "number": ("a number", "Write a number without quotes, e.g. value = 17."),
    "date": ("a date", "Write a date without quotes, e.g. value = 2021-04-01."),
}
"""Per kind: what a value must be, and how to write one."""


@dataclass(frozen=True)
class Problem:
    """Why a filter leaf cannot be used: the key under the leaf, the problem, the fix."""

    key: str
    """'op', 'value' or 'value[2]': where under the leaf the fix goes."""
    problem: str
    fix: str


def kind_of(value: Any) -> str:
    """A TOML value's type in a clerk's words: 'text', 'a whole number', 'a table' …"""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, dt.datetime):
        return "a date and time"
    if isinstance(value, dt.date):
        return "a date"
    if isinstance(value, dt.time):
        return "a time of day"
    return type(value).__name__


def leaf_problem(column: str, op: str, value: Any) -> Problem | None:
    """What is wrong with comparing ``column`` by ``op`` with ``value``, or None when nothing.

    ``column`` and ``op`` are known names (the reader checks those first);
    ``value`` is as TOML gave it, None when the key is absent.
    """
    kind = KINDS[column]
    allowed = OPERATORS_FOR[kind]
    if op not in allowed:
        return Problem(
            "op",
            f"'{op}' cannot be used on {column}, which holds {_HOLDS[kind]}",
            f"Use one of {', '.join(allowed)}.",
        )
    if op in NO_VALUE:
        if value is None:
            return None
        return Problem("value", f"'{op}' takes no value", "Delete value = … from this filter.")
    if value is None:
        return Problem("value", f"the operator '{op}' needs a value", "Add value = ….")
    if op in LISTS:
        if not isinstance(value, list) or not value:
            return Problem("value", f"'{op}' needs a list of values", 'Write value = ["…", "…"].')
        for index, each in enumerate(value, start=1):
            problem = _value_problem(column, kind, op, each)
            if problem is not None:
                return Problem(f"value[{index}]", *problem)
        return None
    problem = _value_problem(column, kind, op, value)
    return None if problem is None else Problem("value", *problem)


def _value_problem(column: str, kind: Kind, op: str, value: Any) -> tuple[str, str] | None:
    """(problem, fix) for one value compared with a column of ``kind``, or None."""
    wanted, fix = _WANTED[kind]
    if not _right_type(kind, value):
        given = kind_of(value) + _quoted(column, value)
        return f"{column} holds {_HOLDS[kind]}, so the value should be {wanted}, not {given}", fix
    if kind == "sex" and value not in (1, 2):
        return f"{column} is coded 1 (male) or 2 (female), not {value}", fix
    if kind == "date" and not FIRST_YEAR <= value.year <= LAST_YEAR:
        return (
            f"the date{_quoted(column, value)} is outside the years {FIRST_YEAR}–{LAST_YEAR}",
            "Check the year.",
        )
    if kind == "code":
        return _code_problem(column, op, value)
    return None


IDENTIFYING: frozenset[str] = frozenset({"CHILD", "DOB"})
"""Columns whose values a message never repeats, even from a pack: they name a child."""


def _quoted(column: str, value: Any) -> str:
    """' ('seventeen')' to show what was typed; nothing for an identifying column or a table."""
    if column in IDENTIFYING or not isinstance(value, (str, int, float, dt.date)):
        return ""
    shown = value.isoformat() if isinstance(value, dt.date) else repr(value)
    return f" ({shown})"


def _right_type(kind: Kind, value: Any) -> bool:
    if kind in ("text", "code"):
        return isinstance(value, str)
    if kind == "flag":
        return isinstance(value, bool)
    if isinstance(value, bool):
        return False  # true is no number, and no sex code
    if kind == "sex":
        return isinstance(value, int)
    if kind == "number":
        return isinstance(value, (int, float))
    # A date, or a date and time without a UTC offset (the data's times have none).
    return isinstance(value, dt.date) and getattr(value, "tzinfo", None) is None


def _code_problem(column: str, op: str, value: str) -> tuple[str, str] | None:
    """A code the column never holds matches nothing, so it is a typo: say which was meant."""
    codes = CODES[column]
    if op in ("startswith", "not_startswith"):
        if any(code.startswith(value) for code in codes):
            return None
        cased = [value[:1].upper() + value[1:].lower(), value.upper()]
        near = next((c for c in cased if any(code.startswith(c) for code in codes)), None)
        fix = f"Did you mean '{near}'?" if near else f"Use the start of one of {', '.join(codes)}."
        return f"no {column} value starts with '{value}'", fix
    if value in codes:
        return None
    return f"'{value}' is not a {column} value", _codes_fix(value, codes)


def _codes_fix(value: str, codes: Sequence[str]) -> str:
    by_case = {code.casefold(): code for code in codes}
    near = by_case.get(value.casefold()) or next(
        iter(difflib.get_close_matches(value, list(codes), n=1)), None
    )
    if near is not None:
        return f"Did you mean '{near}'?"
    return f"Use one of {', '.join(codes)}."
