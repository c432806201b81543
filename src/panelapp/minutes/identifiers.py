"""A child named in typed text: found by the capture at once, replaced in the public minute.

A clerk types what is said, and a question in the room may name a child
("What happened with ZK001X, born 02/02/2005?"). The minute is public, so
such a value must not reach it: the capture warns as the line is saved (it
is saved all the same: nothing typed is lost), the public draft shows
"[child]" and "[date]" instead, and the private draft keeps the words and
lists where they are for the clerk.

What counts is narrow, so ordinary words are never taken for a child: a
whole token of at least :data:`SHORTEST_CHILD` characters that is a CHILD
value of the item's data, or a date, in any common UK form, that is the date
of birth of a child in it. This module only matches text; the values come
from the data (:mod:`panelapp.metrics.child_index`) and are never cached.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

SHORTEST_CHILD = 5
"""A CHILD value shorter than this is too like an ordinary word or number to look for."""

CHILD_MARK = "[child]"
"""What the public minute shows in place of a child's identifier."""

DATE_MARK = "[date]"
"""What the public minute shows in place of a child's date of birth."""

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_ORDINAL = r"(?:st|nd|rd|th)?"
_DATES: tuple[tuple[re.Pattern[str], tuple[str, str, str]], ...] = (
    # 2005-02-02, 2005/2/2
    (re.compile(r"(?<![\d/.-])(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d/.-]*\d)"), ("y", "m", "d")),
    # 02/02/2005, 2/2/2005, 2.2.05, 2-2-2005
    (
        re.compile(r"(?<![\d/.-])(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})(?![\d/.-]*\d)"),
        ("d", "m", "y"),
    ),
    # 2 February 2005, 2nd of Feb. 2005
    (
        re.compile(
            rf"\b(\d{{1,2}}){_ORDINAL}(?:\s+of)?\s+({_MONTH})\.?,?\s+(\d{{4}})\b", re.IGNORECASE
        ),
        ("d", "m", "y"),
    ),
    # February 2, 2005
    (
        re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}}){_ORDINAL},?\s+(\d{{4}})\b", re.IGNORECASE),
        ("m", "d", "y"),
    ),
)
_TOKEN = re.compile(r"[^\W_]+(?:[-_/][^\W_]+)*")


@dataclass(frozen=True)
class Identifiers:
    """An item's children as its data names them: what typed text is checked against."""

    children: frozenset[str] = frozenset()
    """CHILD values of at least :data:`SHORTEST_CHILD` characters, case folded, none of them
    a figure shown on the item."""
    births: frozenset[dt.date] = frozenset()
    """The children's dates of birth."""
    problem: str = ""
    """Why the item's data could not be read for them (then nothing is found): the preview
    says so, since a name in the text could not be checked."""


@dataclass(frozen=True)
class Named:
    """One place in a text that names a child."""

    what: Literal["child", "date"]
    start: int
    end: int
    text: str
    """The words as typed."""

    @property
    def mark(self) -> str:
        """What the public minute shows instead."""
        return CHILD_MARK if self.what == "child" else DATE_MARK


def dates_in(text: str) -> Iterator[tuple[int, int, dt.date]]:
    """(start, end, date) of every date written in ``text`` in a common UK form.

    A two-digit year is the latest year it can be that is not in the future,
    as a child's date of birth always is.
    """
    today = dt.date.today()
    for pattern, order in _DATES:
        for match in pattern.finditer(text):
            parts = dict(zip(order, match.groups(), strict=True))
            month = parts["m"]
            month_number = int(month) if month.isdigit() else _MONTHS[month.casefold()]
            year = int(parts["y"])
            if len(parts["y"]) == 2:
                year += 2000 if 2000 + year <= today.year else 1900
            try:
                day = dt.date(year, month_number, int(parts["d"]))
            except ValueError:
                continue
            yield match.start(), match.end(), day


def find(text: str, identifiers: Identifiers) -> list[Named]:
    """Every place ``text`` names one of the item's children, in order along the text."""
    found: list[Named] = []
    if identifiers.births:
        for start, end, day in dates_in(text):
            if day in identifiers.births and not _overlaps(found, start, end):
                found.append(Named("date", start, end, text[start:end]))
    if identifiers.children:
        for match in _TOKEN.finditer(text):
            if _overlaps(found, match.start(), match.end()):
                continue
            parts = [(match.start(), match.group())]
            if any(sep in match.group() for sep in "-_/"):
                parts += [
                    (match.start() + part.start(), part.group())
                    for part in re.finditer(r"[^\W_]+", match.group())
                ]
            for start, token in parts:
                if len(token) >= SHORTEST_CHILD and token.casefold() in identifiers.children:
                    found.append(Named("child", start, start + len(token), token))
                    break
    return sorted(found, key=lambda named: named.start)


def _overlaps(found: list[Named], start: int, end: int) -> bool:
    return any(named.start < end and start < named.end for named in found)


def redact(text: str, identifiers: Identifiers) -> str:
    """``text`` with every child named in it replaced by "[child]" or "[date]"."""
    for named in reversed(find(text, identifiers)):
        text = text[: named.start] + named.mark + text[named.end :]
    return text


def warning(text: str, identifiers: Identifiers, item: str) -> str:
    """What the capture says when a saved line names a child; empty when it names none.

    It never quotes what it found: the capture may be on the room's screen.
    """
    found = find(text, identifiers)
    if not found:
        return ""
    kinds = sorted({named.what for named in found})
    what = " and ".join(
        {"child": "a child's identifier", "date": "a child's date of birth"}[k] for k in kinds
    )
    marks = " and ".join({"child": CHILD_MARK, "date": DATE_MARK}[k] for k in kinds)
    return (
        f"The line just saved holds {what} from item {item}'s data. It is saved as typed; "
        f"the public minute shows {marks} instead, and the private draft lists it."
    )
