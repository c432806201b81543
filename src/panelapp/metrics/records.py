"""Loading episode records: one row per missing episode, canonical columns.

Councils export episodes from whatever case system they run, usually by way
of Excel, so the loader is forgiving about the shape of a file (column
order, header spelling, Windows text encodings, UK or ISO dates) and strict
about its content: every value that cannot be used becomes a
:class:`~panelapp.metrics.results.Finding` the analyst can act on, and only a
file that is not a table at all stops the meeting pack with a
:class:`DataError`.

The work is vectorised throughout because a large authority's history runs
to millions of rows: pyarrow reads the files, and each column is held as
codes into its distinct values (:mod:`~panelapp.metrics.coded`), so every
clean-up and conversion runs once per distinct value, not once per row.
"""

from __future__ import annotations

import codecs
import csv
import difflib
import importlib.util
import io
import re
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from panelapp.config import CANONICAL_COLUMNS, FLAG_COLUMNS
from panelapp.errors import UserError
from panelapp.metrics import quality
from panelapp.metrics.coded import Coded
from panelapp.metrics.dimensions import NOT_KNOWN
from panelapp.metrics.results import Finding

REQUIRED_COLUMNS: tuple[str, ...] = ("CHILD", "MIS_START")
"""Without these an episode cannot be counted against a child or a period."""

DATE_COLUMNS: tuple[str, ...] = ("DOB", "MIS_START", "MIS_END")

TRUE_WORDS: frozenset[str] = frozenset({"y", "yes", "true", "t", "1"})
FALSE_WORDS: frozenset[str] = frozenset({"n", "no", "false", "f", "0"})

ETHNIC_CODES: tuple[str, ...] = (
    "WBRI",
    "WIRI",
    "WOTH",
    "WIRT",
    "WROM",
    "MWBC",
    "MWBA",
    "MWAS",
    "MOTH",
    "AIND",
    "APKN",
    "ABAN",
    "AOTH",
    "BCRB",
    "BAFR",
    "BOTH",
    "CHNE",
    "OOTH",
    "REFU",
    "NOBT",
)
"""The SSDA903 ethnicity codes, in the DfE's order."""

MISSING_CODES: tuple[str, ...] = ("M", "A")
"""M: whereabouts unknown; A: away from placement without authorisation."""

FRAME_COLUMNS: tuple[str, ...] = (
    *CANONICAL_COLUMNS,
    "AGE",
    "DURATION_HOURS",
    "ETHNIC_GROUP",
    "MONTH",
    "ROW",
    "SOURCE",
    "CHILD_NO",
)
"""Every column of :attr:`Records.frame`, whatever the source held.

``CHILD_NO`` numbers the child ids in their sorted order, so per-child
counts group integers while ties are still broken in id order.
"""

_ISO_DATE = r"\d{4}-\d{1,2}-\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_UK_DAY = r"(\d{1,2})/(\d{1,2})/(\d{4})"
_UK_DATE = _UK_DAY.replace("(", "").replace(")", "")
_LOOKS_LIKE_DATA = re.compile(rf"{_ISO_DATE}|{_UK_DATE}.*|\d+(?:\.\d+)?")
_SNIFF_BYTES = 1 << 20
_CHUNK_BYTES = 1 << 24
_DELIMITERS = (",", "\t", ";", "|")
_STRING = pd.StringDtype("pyarrow")
_EARLIEST = pd.Timestamp("1900-01-01")
_LATEST = pd.Timestamp("2200-01-01")


class DataError(UserError):
    """An episode file that cannot be used at all, with the one message a user needs.

    The command line turns this into exit status 2; the presenter shows
    ``message`` as it is, so it names the file, the place and the fix.
    """


@dataclass(frozen=True, eq=False)
class Records:
    """Usable episode records and everything worth saying about the rest."""

    frame: pd.DataFrame
    """Usable rows only, with every canonical and derived column (absent ones all-NA)."""
    findings: tuple[Finding, ...] = ()
    present: frozenset[str] = frozenset()
    """Canonical columns the files really held, so a KPI on a missing column says so."""
    rows_read: int = 0
    """Records in the files, blank rows aside."""
    excluded: int = 0
    """Rows left out of every figure; each has a finding with ``excluded=True``."""
    notes: tuple[str, ...] = field(default=())
    """File-level remarks that are not about one row, e.g. the text encoding."""


def load_records(paths: Sequence[Path], columns: Mapping[str, str] | None = None) -> Records:
    """Read one or more episode files into a single set of records.

    ``columns`` maps canonical names to a pack's own column names; a file
    that already uses the canonical name is accepted too, so a pack can mix
    a renamed historical extract with a current one. Raises
    :class:`DataError` for a file that is not a usable table.
    """
    mapping = dict(columns or {})
    parts = [_read_table(Path(path), mapping) for path in paths]
    present = frozenset(name for part in parts for name in part.present)
    text = _combine(parts)
    converted = _convert(text)
    text = text.take(_by_start(text, converted["MIS_START"]))
    frame = _typed(text, converted)
    checked = quality.check(text.columns, frame, present)
    kept = frame if checked.keep.all() else frame.loc[checked.keep].reset_index(drop=True)
    read_findings = [finding for part in parts for finding in part.findings]
    findings = quality.ordered([*read_findings, *checked.findings], [p.source for p in parts])
    rows_read = sum(part.rows_read for part in parts)
    return Records(
        frame=kept,
        findings=findings,
        present=present,
        rows_read=rows_read,
        excluded=rows_read - len(kept),
        notes=tuple(note for part in parts for note in part.notes),
    )


# ---------------------------------------------------------------------------
# Reading one file into canonical text columns


@dataclass
class _Text:
    """Rows as written: each canonical column (and SOURCE) coded, and their spreadsheet rows."""

    columns: dict[str, Coded]
    rows: np.ndarray
    """Spreadsheet row of each record in its file (header is row 1)."""

    def take(self, order: np.ndarray) -> _Text:
        """The rows picked by ``order`` (a boolean mask or positions)."""
        columns = {name: column.rows(order) for name, column in self.columns.items()}
        return _Text(columns, self.rows[order])


@dataclass
class _Part:
    """One file's canonical columns as cleaned text, before any parsing."""

    source: str
    text: _Text
    present: frozenset[str]
    rows_read: int
    findings: list[Finding]
    notes: list[str]


@dataclass
class _Raw:
    """What a format-specific reader hands on: the columns it was asked for."""

    columns: dict[str, pa.ChunkedArray]
    """Canonical name -> the file's values for it."""
    rows: np.ndarray
    """Spreadsheet row of each record (header is row 1)."""
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _read_table(path: Path, mapping: Mapping[str, str]) -> _Part:
    _check_file(path)
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        raw = _read_parquet(path, mapping)
    elif suffix in {".xlsx", ".xlsm"}:
        raw = _read_excel(path, mapping)
    else:
        raw = _read_csv(path, mapping)
    n = len(raw.rows)

    def encode(name: str) -> Coded:
        if name not in raw.columns:
            return Coded.blank(n)
        try:
            return Coded.encode(raw.columns[name])
        except pa.ArrowException:
            raise DataError(
                path,
                name,
                f"holds values of type {raw.columns[name].type} that cannot be read as text",
                "Store the column as text, numbers or dates.",
            ) from None

    # pyarrow lets go of the interpreter while it encodes, so columns encode side by side.
    with ThreadPoolExecutor() as pool:
        columns = dict(zip(CANONICAL_COLUMNS, pool.map(encode, CANONICAL_COLUMNS), strict=True))
    text = _Text(columns, raw.rows)
    notes = list(raw.notes)
    for name, mapped in mapping.items():
        if name in CANONICAL_COLUMNS and name not in raw.columns:
            notes.append(
                f"{path.name}: the pack maps {name} to '{mapped}', but there is no such column; "
                f"{name} is treated as not recorded."
            )
    blank = ~np.logical_or.reduce([column.given() for column in columns.values()])
    if blank.any():
        count = int(blank.sum())
        rows = "row was" if count == 1 else "rows were"
        notes.append(f"{path.name}: {count} blank {rows} skipped.")
        text = text.take(~blank)
    notes.extend(_merged_rows(path, text))
    text.columns["SOURCE"] = Coded.constant(path.name, len(text.rows))
    return _Part(
        source=path.name,
        text=text,
        present=frozenset(raw.columns),
        rows_read=len(text.rows) + len(raw.findings),
        findings=raw.findings,
        notes=notes,
    )


def _merged_rows(path: Path, text: _Text) -> list[str]:
    """A line break inside a code or date is almost always a stray quote mark.

    CSV lets a quoted value run over lines, so one unbalanced quote swallows
    the rows after it into a single value; say so, or they vanish unnoticed.
    """
    notes = []
    for name in CANONICAL_COLUMNS:
        column = text.columns[name]
        broken = column.first_row_with(pc.match_substring(column.values, "\n"))
        if broken is not None:
            notes.append(
                f"{path.name}: row {int(text.rows[broken])} has a line break inside its {name} "
                'value, usually a stray quote mark ("); the rows after it may have been merged '
                "into it."
            )
    return notes


def _check_file(path: Path) -> None:
    if not path.exists():
        raise DataError(
            path, "", "does not exist", "Check the path; it is relative to config.toml."
        )
    if path.is_dir():
        raise DataError(path, "", "is a folder, not a data file", "Name the CSV file itself.")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise DataError(path, "", f"cannot be read ({exc.strerror})", "Check the path.") from None
    if size == 0:
        raise DataError(
            path, "", "is empty: no header row", "Export the episodes again with column names."
        )


def _read_csv(path: Path, mapping: Mapping[str, str]) -> _Raw:
    try:
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except OSError as exc:
        raise DataError(path, "", f"cannot be read ({exc.strerror})", "Check the path.") from None
    encoding = _encoding(path, head)
    _refuse_binary(path, head, encoding)
    header, delimiter = _sniff_header(path, head, encoding)
    found = _match_columns(path, header, mapping)
    wanted = {f"c{index}": name for name, index in found.items()}
    bad_rows: list[tuple[int | None, str, int, int]] = []

    def on_bad_row(row: Any) -> str:
        bad_rows.append((row.number, row.text, row.expected_columns, row.actual_columns))
        return "skip"

    def read(threads: bool) -> pa.Table:
        return pa_csv.read_csv(
            path,
            read_options=pa_csv.ReadOptions(
                use_threads=threads,
                encoding="utf8" if encoding == "utf-8" else encoding,
                column_names=[f"c{index}" for index in range(len(header))],
                skip_rows=1,
            ),
            parse_options=pa_csv.ParseOptions(
                delimiter=delimiter,
                newlines_in_values=True,
                ignore_empty_lines=False,
                invalid_row_handler=on_bad_row,
            ),
            convert_options=pa_csv.ConvertOptions(
                column_types={name: pa.string() for name in wanted},
                include_columns=list(wanted),
                strings_can_be_null=False,
            ),
        )

    try:
        table = read(threads=True)
        if bad_rows:
            # Only the single-threaded reader knows which line a bad row was on.
            bad_rows.clear()
            table = read(threads=False)
    except (pa.ArrowException, UnicodeDecodeError, ValueError) as exc:
        problem = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise DataError(
            path,
            "",
            f"could not be read as a table ({problem})",
            "Open it in a spreadsheet and save it again as CSV UTF-8.",
        ) from None
    columns = {wanted[name]: table.column(name) for name in wanted}
    rows, findings = _bad_rows(path, bad_rows, table.num_rows)
    notes = []
    if encoding in {"cp1252", "latin-1"}:
        notes.append(
            f"{path.name} was read as Windows-1252 (latin-1) text, not UTF-8; "
            "save it as UTF-8 to silence this note."
        )
    return _Raw(columns, rows, findings, notes)


def _encoding(path: Path, head: bytes) -> str:
    """UTF-8 when the whole file decodes, else the Windows code page Excel uses.

    The whole file is checked, not a sample, because one accented name far
    down an export is enough to make a strict UTF-8 reader fail.
    """
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    for encoding in ("utf-8", "cp1252"):
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            with path.open("rb") as handle:
                while chunk := handle.read(_CHUNK_BYTES):
                    decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return encoding
    return "latin-1"


def _refuse_binary(path: Path, head: bytes, encoding: str) -> None:
    sample = head[:8192]
    fix = "Export the episodes from the case system as CSV (UTF-8) and point the pack at that file."
    if sample.startswith(b"PK\x03\x04"):
        raise DataError(
            path,
            "",
            "is a zip file (probably an Excel workbook), not CSV text",
            "Give it the .xlsx extension, or save it from Excel as CSV UTF-8.",
        )
    if sample.startswith(b"\xd0\xcf\x11\xe0"):
        raise DataError(
            path, "", "is an old-style Excel workbook (.xls), not CSV text", "Save it as CSV UTF-8."
        )
    if sample.startswith(b"PAR1"):
        raise DataError(
            path, "", "is a Parquet file, not CSV text", "Give it the .parquet extension."
        )
    if encoding == "utf-16":
        return
    controls = sum(sample.count(bytes([code])) for code in range(32) if code not in (9, 10, 12, 13))
    if b"\x00" in sample or controls > len(sample) // 20:
        raise DataError(path, "", "is not a text table (it looks like binary data)", fix)


def _sniff_header(path: Path, head: bytes, encoding: str) -> tuple[list[str], str]:
    text = head.decode("utf-8-sig" if encoding == "utf-8" else encoding, errors="replace")
    text = text.lstrip("\ufeff")
    first_line = text.split("\n", 1)[0].rstrip("\r")
    if not first_line.strip():
        if not text.strip():
            raise DataError(
                path, "", "is empty: no header row", "Export the episodes again with column names."
            )
        raise DataError(
            path,
            "row 1",
            "has no header row (the first line is blank)",
            "Delete the blank lines above the column names.",
        )
    delimiter = max(_DELIMITERS, key=first_line.count)
    if first_line.count(delimiter) == 0:
        delimiter = ","
    header = next(csv.reader(io.StringIO(text), delimiter=delimiter))
    return header, delimiter


def _bad_rows(
    path: Path, bad: list[tuple[int | None, str, int, int]], kept: int
) -> tuple[np.ndarray, list[Finding]]:
    """Spreadsheet rows of the kept records, and a finding for each ragged row.

    A ragged row is left out rather than guessed at: with a value too many or
    too few, no column can be trusted to hold what its header says.
    """
    rows = np.arange(kept, dtype=np.int64) + 2
    findings = []
    for number, text, expected, actual in sorted(bad, key=lambda item: item[0] or 0):
        row = number if number is not None else None
        if row is not None:
            rows[rows >= row] += 1
        findings.append(
            Finding(
                rule="ROW",
                row=row,
                column="",
                value=text[:80],
                message=(
                    f"Row has {actual} values but the header has {expected} columns, so the "
                    "values cannot be matched to columns; it is left out."
                ),
                excluded=True,
                source=path.name,
            )
        )
    return rows, findings


def _read_parquet(path: Path, mapping: Mapping[str, str]) -> _Raw:
    import pyarrow.parquet as pq  # only Parquet packs pay for loading it

    fix = "Write it again as Parquet, or export the episodes as CSV UTF-8."
    try:
        schema = pq.read_schema(path)
        header = list(schema.names)
        found = _match_columns(path, header, mapping)
        wanted = [header[index] for index in found.values()]
        text = [name for name in wanted if pa.types.is_string(schema.field(name).type)]
        # Text read as dictionaries arrives coded, without a string per row.
        table = pq.read_table(path, columns=wanted, read_dictionary=text)
    except (pa.ArrowException, OSError) as exc:
        problem = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise DataError(path, "", f"is not a readable Parquet file ({problem})", fix) from None
    columns = {name: table.column(position) for position, name in enumerate(found)}
    return _Raw(columns, np.arange(table.num_rows, dtype=np.int64) + 2)


def _read_excel(path: Path, mapping: Mapping[str, str]) -> _Raw:
    if importlib.util.find_spec("openpyxl") is None:
        raise DataError(
            path,
            "",
            "is an Excel workbook, and Excel support (openpyxl) is not installed",
            "Save the sheet from Excel as CSV UTF-8 and point the pack at that file.",
        )
    try:
        sheet = pd.read_excel(path, dtype=str, engine="openpyxl")
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many types; all mean the same here
        raise DataError(
            path, "", f"could not be read as a workbook ({exc})", "Save it as CSV UTF-8."
        ) from None
    header = [str(name) for name in sheet.columns]
    found = _match_columns(path, header, mapping)
    columns = {
        name: pa.chunked_array([pa.array(sheet.iloc[:, index], pa.string(), from_pandas=True)])
        for name, index in found.items()
    }
    return _Raw(columns, np.arange(len(sheet), dtype=np.int64) + 2)


# ---------------------------------------------------------------------------
# Header matching


def _key(name: str) -> str:
    """Header spelling that survives Excel: case, spaces and underscores ignored."""
    return re.sub(r"[\s_]+", " ", name.replace("\ufeff", "")).strip().casefold()


def _match_columns(path: Path, header: Sequence[str], mapping: Mapping[str, str]) -> dict[str, int]:
    """Canonical name -> position in the header, for the columns the file has."""
    positions: dict[str, int] = {}
    for index, name in enumerate(header):
        positions.setdefault(_key(str(name)), index)
    found: dict[str, int] = {}
    for name in CANONICAL_COLUMNS:
        for candidate in (mapping.get(name), name):
            if candidate and _key(candidate) in positions:
                found[name] = positions[_key(candidate)]
                break
    for name in REQUIRED_COLUMNS:
        if name not in found:
            raise _missing_column(path, name, mapping.get(name), [str(h) for h in header])
    return found


def _missing_column(path: Path, name: str, mapped: str | None, header: list[str]) -> DataError:
    cells = [cell for cell in header if cell.strip()]
    if cells and sum(bool(_LOOKS_LIKE_DATA.fullmatch(cell.strip())) for cell in cells) >= 2:
        shown = ", ".join(f"'{cell}'" for cell in cells[:4])
        return DataError(
            path,
            "row 1",
            f"has no header row: the first row holds values ({shown}), not column names",
            "Add a first row with the column names, e.g. CHILD,DOB,MISSING,MIS_START,MIS_END.",
        )
    listing = ", ".join(cells[:15]) + (", …" if len(cells) > 15 else "") if cells else "none"
    wanted = f" (the pack maps it to '{mapped}')" if mapped else ""
    near = _nearest(name, mapped, cells)
    example = near or "Your column name"
    hint = f"Did you mean '{near}'? " if near else ""
    return DataError(
        path,
        "row 1",
        f"there is no {name} column{wanted}; the columns found are: {listing}",
        f"{hint}Rename the column to {name}, or map it in the item's [items.columns] table, "
        f'e.g. {name} = "{example}".',
    )


_HINTS = {"CHILD": "child", "MIS_START": "start"}


def _nearest(name: str, mapped: str | None, cells: list[str]) -> str | None:
    keys = {_key(cell): cell for cell in cells}
    for wanted in (mapped, name):
        if wanted:
            near = difflib.get_close_matches(_key(wanted), list(keys), n=1, cutoff=0.5)
            if near:
                return keys[near[0]]
    hint = _HINTS.get(name, "")
    return next((cell for key, cell in keys.items() if hint and hint in key), None)


# ---------------------------------------------------------------------------
# Text to typed columns


def _combine(parts: list[_Part]) -> _Text:
    if not parts:
        empty = Coded.blank(0)
        return _Text(
            {name: empty for name in (*CANONICAL_COLUMNS, "SOURCE")}, np.zeros(0, np.int64)
        )
    if len(parts) == 1:
        return parts[0].text
    names = parts[0].text.columns
    return _Text(
        {name: Coded.concat([part.text.columns[name] for part in parts]) for name in names},
        np.concatenate([part.text.rows for part in parts]),
    )


_CONVERSIONS: dict[str, Callable[[pd.Series], Any]] = {
    **{name: lambda v: _parse_distinct_dates(v) for name in DATE_COLUMNS},
    "SEX": lambda v: _codes(v, {"1": 1, "2": 2}).astype("Int8"),
    "ETHNIC": lambda v: _known(v, ETHNIC_CODES),
    "MISSING": lambda v: _known(v, MISSING_CODES),
    **{name: lambda v: _distinct_flags(v) for name in FLAG_COLUMNS},
}
"""How each column's distinct values become working values; CHILD stays text."""


def _convert(text: _Text) -> dict[str, Any]:
    """Every converted column, one value per distinct value as written."""
    return {name: convert(text.columns[name].distinct()) for name, convert in _CONVERSIONS.items()}


def _by_start(text: _Text, starts: pd.Series) -> np.ndarray:
    """Row order by start, file order among equals, rows with no start date last.

    In order of start, every period and month the figures need is a slice
    of the frame rather than a copy.
    """
    moments = starts.to_numpy(dtype="datetime64[ns]")
    # Rank the distinct starts (two spellings of one moment rank equal, no
    # date last); the smallest integer type that holds the ranks lets numpy
    # sort the rows by radix rather than by comparison.
    keys = np.where(np.isnat(moments), np.iinfo(np.int64).max, moments.view(np.int64))
    distinct, rank = np.unique(np.append(keys, np.iinfo(np.int64).max), return_inverse=True)
    rank = rank.astype(np.min_scalar_type(len(distinct)))
    return np.argsort(rank[text.columns["MIS_START"].codes], kind="stable")


def _typed(text: _Text, converted: dict[str, Any]) -> pd.DataFrame:
    """Every canonical column in its working dtype, plus the derived ones."""
    columns = text.columns

    def spread(name: str) -> Any:
        return columns[name].spread(converted[name])

    # Spreading is array lookups that let go of the interpreter: columns go side by side.
    with ThreadPoolExecutor() as pool:
        typed = dict(
            zip(CANONICAL_COLUMNS[1:], pool.map(spread, CANONICAL_COLUMNS[1:]), strict=True)
        )
        child = pool.submit(columns["CHILD"].text)
        source = pool.submit(columns["SOURCE"].text)
        child_no = pool.submit(columns["CHILD"].ranks)
    start, end = typed["MIS_START"], typed["MIS_END"]
    hours = (end - start).view(np.int64) / 1e9 / 3600.0
    months = converted["MIS_START"].to_numpy(dtype="datetime64[ns]").astype("datetime64[M]")
    out = {
        "CHILD": child.result(),
        **typed,
        "AGE": _age(
            _calendar(columns["DOB"], converted["DOB"]),
            _calendar(columns["MIS_START"], converted["MIS_START"]),
        ),
        "DURATION_HOURS": np.where(np.isnat(end) | np.isnat(start) | (hours < 0), np.nan, hours),
        "ETHNIC_GROUP": columns["ETHNIC"]
        .spread(ethnic_group(converted["ETHNIC"]))
        .fillna(NOT_KNOWN),
        "MONTH": columns["MIS_START"].spread(months.astype("datetime64[ns]")),
        "ROW": text.rows.astype(np.int64, copy=False),
        "SOURCE": source.result(),
        "CHILD_NO": child_no.result(),
    }
    # Built once and not copied: the arrays are new and owned by the frame alone.
    return pd.DataFrame(out, columns=list(FRAME_COLUMNS), copy=False)


def _parse_distinct_dates(text: pd.Series) -> pd.Series:
    values = pa.array(text.astype(object), type=pa.string(), from_pandas=True)
    iso = pc.replace_substring_regex(values, pattern=f"^{_UK_DAY}", replacement=r"\3-\2-\1")
    candidate = pc.fill_null(pc.match_substring_regex(iso, pattern=f"^{_ISO_DATE}$"), False)
    parsed = np.full(len(text), np.datetime64("NaT"), dtype="datetime64[ns]")
    chosen = candidate.to_numpy(zero_copy_only=False)
    if chosen.any():
        strings = pd.Series(iso.filter(candidate).to_numpy(zero_copy_only=False), dtype=object)
        moments = pd.to_datetime(strings, format="ISO8601", errors="coerce")
        # Years a ns timestamp cannot hold are typos; they are invalid, not an overflow.
        moments = moments.where((moments >= _EARLIEST) & (moments < _LATEST))
        parsed[chosen] = moments.to_numpy(dtype="datetime64[ns]")
    return pd.Series(parsed)


def _distinct_flags(text: pd.Series) -> pd.Series:
    lowered = text.str.lower()
    true = lowered.isin(TRUE_WORDS).to_numpy(dtype=bool)
    false = lowered.isin(FALSE_WORDS).to_numpy(dtype=bool)
    return pd.Series(pd.arrays.BooleanArray(true, ~(true | false)))


def _known(text: pd.Series, codes: Sequence[str]) -> pd.Series:
    """The code in capitals when it is one of ``codes``, else NA."""
    upper = text.str.upper()
    return upper.where(upper.isin(codes)).astype(_STRING)


def _codes(text: pd.Series, mapping: Mapping[str, int]) -> pd.Series:
    """Whole-number codes, accepting '1.0' as Excel sometimes writes a 1."""
    cleaned = text.str.replace(r"\.0+$", "", regex=True)
    return cleaned.map(mapping)


def ethnic_group(codes: pd.Series) -> pd.Series:
    """The broad group publications use, from an SSDA903 code (or NA: 'Not known')."""
    first = codes.str.slice(0, 1)
    groups = first.map({"W": "White", "M": "Mixed", "A": "Asian", "B": "Black"})
    other = codes.isin(("CHNE", "OOTH")).to_numpy(dtype=bool)
    groups = groups.astype(_STRING)
    groups[other] = "Other"
    return groups.fillna(NOT_KNOWN).astype(_STRING)


def _calendar(column: Coded, moments: pd.Series) -> np.ndarray:
    """Each row's date as the number yyyymmdd (NO_DATE where blank or invalid).

    The number orders dates as the calendar does, and subtracting two of
    them gives completed years in its ten-thousands. It is worked out once
    per distinct date: calendar arithmetic on millions of timestamps is
    slow, and an export repeats its dates.
    """
    values = moments.to_numpy(dtype="datetime64[ns]")
    year = values.astype("datetime64[Y]")
    month = values.astype("datetime64[M]")
    day = values.astype("datetime64[D]")
    number = (
        (year.view(np.int64) + 1970) * 10000
        + (month - year.astype("datetime64[M]")).view(np.int64) * 100
        + (day - month.astype("datetime64[D]")).view(np.int64)
        + 101
    )
    number[np.isnat(values)] = _NO_DATE
    return column.gather(number, _NO_DATE)


_NO_DATE = np.iinfo(np.int64).min
"""What :func:`_calendar` gives a row without a valid date."""


def _age(dob: np.ndarray, start: np.ndarray) -> pd.arrays.IntegerArray:
    """Completed years at the start of the episode; NA unless born before it began.

    ``dob`` and ``start`` are :func:`_calendar` numbers.
    """
    age = (start - dob) // 10000
    valid = (dob != _NO_DATE) & (start != _NO_DATE) & (start > dob)
    return pd.arrays.IntegerArray(np.where(valid, age, 0).astype(np.int16), ~valid)
