"""The episode files as written: read, each column coded, the dates read column-wide.

The first step of loading an item's episodes, before anything is typed
(:mod:`~panelapp.metrics.records`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa

from panelapp.config import CANONICAL_COLUMNS
from panelapp.metrics.coded import Coded
from panelapp.metrics.dates import column_wide
from panelapp.metrics.reading import DataError, Raw, read_file
from panelapp.metrics.results import Finding

DATE_COLUMNS: tuple[str, ...] = ("DOB", "MIS_START", "MIS_END")
ROW_BY_ROW: tuple[str, ...] = ("MIS_START", "MIS_END")
"""Columns kept row by row (:meth:`Coded.row_by_row`) when most of their values differ, as
times to the minute over years do. A date of birth repeats on each of a child's episodes."""


@dataclass
class Prepared:
    """An item's episode files, read and coded, with their dates read as far as Arrow goes."""

    parts: list[Part]
    """Each file's own columns, rows, findings and notes."""
    text: Written
    """Every file's rows, one after another."""
    dates: dict[str, tuple[np.ndarray, np.ndarray]]
    """Each date column's :func:`~panelapp.metrics.dates.column_wide` reading of its values."""


def prepare(paths: Sequence[Path], mapping: Mapping[str, str]) -> Prepared:
    """Read, code and date every file; raises :class:`DataError` for a file that is unusable."""
    parts = [code_file(Path(path), read_file(Path(path), mapping), mapping) for path in paths]
    text = combine(parts)
    dates = {name: column_wide(text.columns[name].values) for name in DATE_COLUMNS}
    return Prepared(parts, text, dates)


@dataclass
class Written:
    """Rows as written: each canonical column (and SOURCE) coded, and their spreadsheet rows."""

    columns: dict[str, Coded]
    rows: np.ndarray
    """Spreadsheet row of each record in its file (header is row 1)."""

    def take(self, order: np.ndarray) -> Written:
        """The rows picked by ``order`` (a boolean mask or positions)."""
        columns = {name: column.rows(order) for name, column in self.columns.items()}
        return Written(columns, self.rows[order])


@dataclass
class Part:
    """One file's canonical columns as cleaned text, before any parsing."""

    source: str
    text: Written
    present: frozenset[str]
    rows_read: int
    findings: list[Finding]
    notes: list[str]


NO_ROWS = "no-rows"
"""The rule a file with a header and no episodes breaks: its figures would be zeros
that the data never said, so they are not made (see
:func:`panelapp.metrics.engine.compute_item`)."""


def no_rows(source: str) -> Finding:
    """The finding for a file with no rows: the export was cut short, or is the wrong one."""
    return Finding(
        NO_ROWS,
        None,
        "",
        "",
        "the file has a header but no rows, so no figure can be made from it; export the "
        "period's episodes again",
        source=source,
    )


def code_file(path: Path, raw: Raw, mapping: Mapping[str, str]) -> Part:
    """One file's canonical columns coded, its blank rows dropped, what to say about it."""
    columns = {name: encoded(path, raw, name) for name in CANONICAL_COLUMNS}
    text = Written(columns, raw.rows)
    notes = list(raw.notes)
    notes += unmapped(path.name, mapping, CANONICAL_COLUMNS, raw.columns)
    blank = ~np.logical_or.reduce([column.given() for column in columns.values()])
    if blank.any():
        count = int(blank.sum())
        rows = "row was" if count == 1 else "rows were"
        notes.append(f"{path.name}: {count} blank {rows} skipped.")
        text = text.take(~blank)
    text.columns["SOURCE"] = Coded.constant(path.name, len(text.rows))
    rows_read = len(text.rows) + raw.left_out
    return Part(
        source=path.name,
        text=text,
        present=frozenset(raw.columns),
        rows_read=rows_read,
        findings=raw.findings if rows_read else [*raw.findings, no_rows(path.name)],
        notes=notes,
    )


def encoded(path: Path, raw: Raw, name: str) -> Coded:
    """One column of a file as read, coded (all blank when the file lacks it); for every
    kind of record."""
    if name not in raw.columns:
        return Coded.blank(len(raw.rows))
    try:
        if name in ROW_BY_ROW and Coded.mostly_distinct(raw.columns[name]):
            return Coded.row_by_row(raw.columns[name])
        return Coded.encode(raw.columns[name])
    except pa.ArrowException:
        raise DataError(
            path,
            name,
            f"holds values of type {raw.columns[name].type} that cannot be read as text",
            "Store the column as text, numbers or dates.",
        ) from None


def unmapped(
    file: str, mapping: Mapping[str, str], names: Sequence[str], found: Mapping[str, object]
) -> list[str]:
    """A note for each of ``names`` the pack maps to a column ``file`` does not have."""
    return [
        f"{file}: the pack maps {name} to '{mapped}', but there is no such column; "
        f"{name} is treated as not recorded."
        for name, mapped in mapping.items()
        if name in names and name not in found
    ]


# ---------------------------------------------------------------------------
# Text to typed columns


def combine(parts: list[Part]) -> Written:
    if not parts:
        empty = Coded.blank(0)
        return Written(
            {name: empty for name in (*CANONICAL_COLUMNS, "SOURCE")}, np.zeros(0, np.int64)
        )
    if len(parts) == 1:
        return parts[0].text
    names = parts[0].text.columns
    return Written(
        {name: Coded.concat([part.text.columns[name] for part in parts]) for name in names},
        np.concatenate([part.text.rows for part in parts]),
    )
