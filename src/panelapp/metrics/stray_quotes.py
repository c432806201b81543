"""A quote mark left open in a CSV file, and the rows it swallowed.

CSV lets a quoted value run over lines, so one stray quote mark (a name
typed as ``"Sam``) makes the reader take every line after it, up to the
next quote mark or the end of the file, as part of that one value. The rows
on those lines vanish from every figure without a word. The reader cannot
tell a stray quote from a note that really runs over lines, so the file is
looked at twice: cheaply, by comparing its records with its lines (the line
feeds are counted while the encoding is checked), and only when they differ,
record by record, to find the value that holds lines looking like rows.
"""

from __future__ import annotations

import contextlib
import csv
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from panelapp.metrics.results import Finding

STRAY_QUOTE_FIX = (
    'Find the stray quote mark (") on that line and delete it, or close the quoted value.'
)
"""What to do about any stray quote, in a finding or in the message that stops a file."""

STRAY_QUOTE_RULE = "QUOTE"
"""The finding's rule: rows were lost, so the figures made without them are not shown."""


@dataclass(frozen=True)
class StrayQuote:
    """A quoted value that runs over lines which look like rows of their own."""

    source: str
    """The file's name."""
    row: int
    """The record the value belongs to, as a spreadsheet numbers it (header is row 1)."""
    line: int
    """The line of the file where the quote opens."""
    last_line: int
    """The line where the value ends: the next quote mark, or the end of the file."""
    swallowed: int
    """Lines inside the value that look like rows: rows lost from every figure."""

    def problem(self) -> str:
        """What happened, in words; names lines, never what is written on them."""
        rows = "row" if self.swallowed == 1 else f"{self.swallowed:,} rows"
        return (
            f"a quoted value opens on line {self.line} and runs to line {self.last_line}, "
            f'most likely a stray quote mark ("), so the {rows} on the lines after it '
            "were read as part of one value"
        )

    def finding(self) -> Finding:
        """The finding that lists it with the other data-quality findings."""
        problem = self.problem()
        return Finding(
            rule=STRAY_QUOTE_RULE,
            row=self.row,
            column="",
            value="",
            message=f"{problem[0].upper()}{problem[1:]} and are left out. {STRAY_QUOTE_FIX}",
            excluded=True,
            source=self.source,
        )


def rows_by_lines(path: Path, line_feeds: int) -> int:
    """The rows below the header if every record is one line: what a reader should return."""
    with path.open("rb") as handle:
        handle.seek(-1, 2)
        unterminated = handle.read(1) != b"\n"
    return line_feeds - 1 + int(unterminated)


def stray_quotes(path: Path, encoding: str, delimiter: str, columns: int) -> list[StrayQuote]:
    """Every value of the file that runs over lines looking like rows (as many delimiters).

    Read record by record with the csv module, whose quoting rules are the
    reader's: a quote opens a value only at its start, and two quotes in a
    value are one. Only asked when the records and lines disagree, so its
    pace (about a second a million rows) is paid by damaged files alone.
    """
    text_encoding = "utf-8-sig" if encoding == "utf-8" else encoding
    lines = _Lines(delimiter, columns)
    found = []
    with path.open(encoding=text_encoding, newline="") as handle, _values_of_any_length():
        reader = csv.reader(lines.counting(handle), delimiter=delimiter)
        for row, _ in enumerate(reader, start=1):
            first, last, row_like = lines.record_done()
            if row_like:
                found.append(StrayQuote(path.name, row, first, last, row_like))
    return found


class _Lines:
    """Counts the lines the csv reader takes for each record, and those that look like rows."""

    def __init__(self, delimiter: str, columns: int) -> None:
        self.delimiter = delimiter
        self.needed = max(1, columns - 1)
        self.read = 0
        """Lines taken so far."""
        self.first = 1
        """The first line of the record being read."""
        self.row_like = 0

    def counting(self, lines: Iterable[str]) -> Iterator[str]:
        for line in lines:
            after_first = self.read >= self.first
            if after_first and line.count(self.delimiter) >= self.needed:
                self.row_like += 1
            self.read += 1
            yield line

    def record_done(self) -> tuple[int, int, int]:
        """The record's first and last lines, and its lines that looked like rows; then reset."""
        done = (self.first, self.read, self.row_like)
        self.first, self.row_like = self.read + 1, 0
        return done


@contextlib.contextmanager
def _values_of_any_length() -> Iterator[None]:
    """Lift the csv module's limit on a value's length while a damaged file is read.

    A swallowed value is as long as the rows it swallowed; the limit is the
    module's, so it is put back at once.
    """
    limit = csv.field_size_limit()
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    try:
        yield
    finally:
        csv.field_size_limit(limit)
