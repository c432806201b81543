"""Reading one episode file, whatever its format, into its canonical columns as Arrow text.

Councils export from whatever case system they run, usually by way of
Excel, so this is forgiving about the shape of a file (column order, header
spelling, Windows text encodings, a missing header row) and says in one
message what is wrong with a file that is not a table at all. It needs
pyarrow only: what the values mean is :mod:`~panelapp.metrics.records`'
business.
"""

from __future__ import annotations

import codecs
import csv
import difflib
import importlib.util
import io
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.csv as pa_csv

from panelapp.config import CANONICAL_COLUMNS
from panelapp.errors import UserError
from panelapp.metrics.results import Finding
from panelapp.metrics.stray_quotes import STRAY_QUOTE_FIX, rows_by_lines, stray_quotes

REQUIRED_COLUMNS: tuple[str, ...] = ("CHILD", "MIS_START")
"""Without these an episode cannot be counted against a child or a period."""

ISO_DATE = r"\d{4}-\d{1,2}-\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
"""A date (and time) as ISO 8601 writes it: what pyarrow and Parquet exports give."""
UK_DAY = r"(\d{1,2})/(\d{1,2})/(\d{4})"
"""A date as a UK spreadsheet writes it, day first, its three parts captured."""
_UK_DATE = UK_DAY.replace("(", "").replace(")", "")
_LOOKS_LIKE_DATA = re.compile(rf"{ISO_DATE}|{_UK_DATE}.*|\d+(?:\.\d+)?")
_WORKBOOKS = frozenset({".xlsx", ".xlsm"})
_SNIFF_BYTES = 1 << 20
_CHUNK_BYTES = 1 << 20
"""A chunk small enough to stay in the processor's cache between the passes made over it
(ASCII, then line feeds): at 16 MiB each pass read it from memory again, and the file's
first pass took twice as long (docs/performance.md)."""
_DELIMITERS = (",", "\t", ";", "|")


class DataError(UserError):
    """An episode file that cannot be used at all, with the one message a user needs.

    The command line turns this into exit status 2; the presenter shows
    ``message`` as it is, so it names the file, the place and the fix.
    """


@dataclass
class Raw:
    """What a format's reader hands on: the canonical columns the file has, still as text."""

    columns: dict[str, pa.ChunkedArray]
    """Canonical name -> the file's values for it."""
    rows: np.ndarray
    """Spreadsheet row of each record (header is row 1)."""
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    left_out: int = 0
    """Rows of the file not in ``columns``: ragged ones, and ones a stray quote swallowed."""


def read_file(
    path: Path,
    mapping: Mapping[str, str],
    columns: Sequence[str] = CANONICAL_COLUMNS,
    required: Sequence[str] = REQUIRED_COLUMNS,
) -> Raw:
    """The file's canonical columns, by its extension: Parquet, Excel, or CSV text.

    ``mapping`` gives a pack's own names for canonical columns; ``columns`` and
    ``required`` are those of the kind of record (missing episodes unless
    given). Raises :class:`DataError` for a file that cannot be used at all.
    """
    _check_file(path)
    suffix = path.suffix.lower()
    reads = (columns, required)
    if suffix == ".parquet":
        return _read_parquet(path, mapping, reads)
    if suffix in _WORKBOOKS:
        return _read_excel(path, mapping, reads)
    return _read_csv(path, mapping, reads)


Reads = tuple[Sequence[str], Sequence[str]]
"""The canonical columns a kind of record reads, and those it cannot do without."""


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
        raise _empty(path)


def _empty(path: Path) -> DataError:
    """A file with nothing in it, or nothing but blank lines."""
    return DataError(
        path, "", "is empty: no header row", "Export the episodes again with column names."
    )


def _read_csv(path: Path, mapping: Mapping[str, str], reads: Reads) -> Raw:
    try:
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except OSError as exc:
        raise DataError(path, "", f"cannot be read ({exc.strerror})", "Check the path.") from None
    encoding, feeds = _encoding(path, head)
    _refuse_binary(path, head, encoding)
    header, delimiter = _sniff_header(path, head, encoding)
    found = _match_columns(path, header, mapping, reads)
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
        # A quote never closed makes one value of the rest of the file, too long to read.
        for stray in stray_quotes(path, encoding, delimiter, len(header))[:1]:
            problem = f"cannot be read as a table: {stray.problem()}"
            raise DataError(path, f"line {stray.line}", problem, STRAY_QUOTE_FIX) from None
        raise DataError(
            path,
            "",
            f"could not be read as a table ({_problem(exc)})",
            "Open it in a spreadsheet and save it again as CSV UTF-8.",
        ) from None
    columns = {wanted[name]: table.column(name) for name in wanted}
    strays = []
    if feeds is not None and table.num_rows + len(bad_rows) < rows_by_lines(path, feeds):
        # Fewer records than lines: some value runs over lines. Usually that is
        # a stray quote mark swallowing the rows after it; say which, and where.
        strays = stray_quotes(path, encoding, delimiter, len(header))
    rows, findings = _bad_rows(path, bad_rows, table.num_rows)
    # A row a stray quote made ragged is told once, by the quote's finding.
    explained = {stray.row for stray in strays}
    findings = [f for f in findings if f.row not in explained] + [s.finding() for s in strays]
    notes = []
    if encoding in {"cp1252", "latin-1"}:
        notes.append(
            f"{path.name} was read as Windows-1252 (latin-1) text, not UTF-8; "
            "save it as UTF-8 to silence this note."
        )
    left_out = len(bad_rows) + sum(stray.swallowed for stray in strays)
    return Raw(columns, rows, findings, notes, left_out)


def _encoding(path: Path, head: bytes) -> tuple[str, int | None]:
    """UTF-8 when the whole file decodes, else the Windows code page Excel uses; and the
    file's line feeds, counted as its bytes go by (None for UTF-16, whose bytes hide them).

    The whole file is checked, not a sample, because one accented name far
    down an export is enough to make a strict UTF-8 reader fail.
    """
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", None
    scratch = np.empty(_CHUNK_BYTES, dtype=bool)
    if head.isascii():
        feeds = 0
        for chunk in _chunks(path):
            if not chunk.isascii():
                break
            feeds += _line_feeds(chunk, scratch)
        else:
            return "utf-8", feeds  # plain ASCII is valid in every encoding
    for encoding in ("utf-8", "cp1252", "latin-1"):  # latin-1 decodes any bytes
        decoder = codecs.getincrementaldecoder(encoding)()
        feeds = 0
        try:
            for chunk in _chunks(path):
                decoder.decode(chunk)
                feeds += _line_feeds(chunk, scratch)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return encoding, feeds
    raise AssertionError("latin-1 decodes any bytes")  # pragma: no cover


def _chunks(path: Path) -> Iterator[bytearray]:
    """The file's bytes, a large chunk at a time, read into one reused buffer.

    Most exports are plain ASCII; checking bytes read this way is several
    times quicker than decoding the file into text that is thrown away.
    """
    buffer = bytearray(_CHUNK_BYTES)
    with path.open("rb") as handle:
        while read := handle.readinto(buffer):
            yield buffer if read == len(buffer) else buffer[:read]


def _line_feeds(chunk: bytearray, scratch: np.ndarray) -> int:
    """How many line feeds ``chunk`` holds, marked in ``scratch`` (reused, never reallocated).

    numpy counts them about three times faster than ``bytes.count``.
    """
    found = scratch[: len(chunk)]
    np.equal(np.frombuffer(chunk, dtype=np.uint8), _LINE_FEED, out=found)
    return int(np.count_nonzero(found))


_LINE_FEED = ord("\n")


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
            raise _empty(path)
        raise DataError(
            path,
            "row 1",
            "has no header row (the first line is blank)",
            "Delete the blank lines above the column names.",
        )
    fix = "Check it is the episode export, with the column names on its first line."
    if "\n" not in text and len(head) == _SNIFF_BYTES:
        raise DataError(
            path,
            "row 1",
            f"the first line is over {_SNIFF_BYTES >> 20} MB long, too long to be column names",
            fix,
        )
    delimiter = max(_DELIMITERS, key=first_line.count)
    if first_line.count(delimiter) == 0:
        delimiter = ","
    try:
        header = next(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as error:  # e.g. a name longer than any column's
        raise DataError(path, "row 1", f"the header row cannot be read ({error})", fix) from None
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


def _read_parquet(path: Path, mapping: Mapping[str, str], reads: Reads) -> Raw:
    import pyarrow.parquet as pq  # only Parquet packs pay for loading it

    fix = "Write it again as Parquet, or export the episodes as CSV UTF-8."
    try:
        schema = pq.read_schema(path)
        header = list(schema.names)
        found = _match_columns(path, header, mapping, reads)
        wanted = [header[index] for index in found.values()]
        text = [name for name in wanted if pa.types.is_string(schema.field(name).type)]
        # Text read as dictionaries arrives coded, without a string per row.
        table = pq.read_table(path, columns=wanted, read_dictionary=text)
    except (pa.ArrowException, OSError) as exc:
        problem = _problem(exc)
        raise DataError(path, "", f"is not a readable Parquet file ({problem})", fix) from None
    columns = {name: table.column(position) for position, name in enumerate(found)}
    return Raw(columns, np.arange(table.num_rows, dtype=np.int64) + 2)


def _read_excel(path: Path, mapping: Mapping[str, str], reads: Reads) -> Raw:
    if importlib.util.find_spec("openpyxl") is None:
        raise DataError(
            path,
            "",
            "is an Excel workbook, and Excel support (openpyxl) is not installed",
            "Save the sheet from Excel as CSV UTF-8 and point the pack at that file.",
        )
    import pandas as pd  # workbooks are read through pandas, and only workbooks

    try:
        sheet = pd.read_excel(path, dtype=str, engine="openpyxl")
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many types; all mean the same here
        raise DataError(
            path, "", f"could not be read as a workbook ({_problem(exc)})", "Save it as CSV UTF-8."
        ) from None
    header = [str(name) for name in sheet.columns]
    found = _match_columns(path, header, mapping, reads)
    columns = {
        name: pa.chunked_array([pa.array(sheet.iloc[:, index], pa.string(), from_pandas=True)])
        for name, index in found.items()
    }
    return Raw(columns, np.arange(len(sheet), dtype=np.int64) + 2)


# ---------------------------------------------------------------------------
# Header matching


def _key(name: str) -> str:
    """Header spelling that survives Excel: case, spaces and underscores ignored."""
    return re.sub(r"[\s_]+", " ", name.replace("\ufeff", "")).strip().casefold()


def _match_columns(
    path: Path, header: Sequence[str], mapping: Mapping[str, str], reads: Reads
) -> dict[str, int]:
    """Canonical name -> position in the header, for the columns the file has."""
    columns, required = reads
    positions: dict[str, list[int]] = {}
    for index, name in enumerate(header):
        positions.setdefault(_key(str(name)), []).append(index)
    found: dict[str, int] = {}
    for name in columns:
        for candidate in (mapping.get(name), name):
            if candidate and _key(candidate) in positions:
                first, *others = positions[_key(candidate)]
                if others:
                    raise _twice(path, name, header, [first, *others])
                found[name] = first
                break
    for name in required:
        if name not in found:
            raise _missing_column(path, name, mapping.get(name), [str(h) for h in header])
    return found


def _twice(path: Path, name: str, header: Sequence[str], indices: list[int]) -> DataError:
    """Two columns that both say they are ``name``: which one holds it is anyone's guess."""
    listed = " and ".join(f"{_letter(i)} ('{header[i]}')" for i in indices[:2])
    more = f" (and {len(indices) - 2} more)" if len(indices) > 2 else ""
    return DataError(
        path,
        "row 1",
        f"columns {listed}{more} are both {name}",
        "Rename or delete all but one of them, so it is clear which to read.",
    )


def _letter(index: int) -> str:
    """A column as a spreadsheet names it: 0 -> 'A', 26 -> 'AA'."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def _missing_column(path: Path, name: str, mapped: str | None, header: list[str]) -> DataError:
    cells = [cell for cell in header if cell.strip()]
    values = [n for n, cell in enumerate(header, 1) if _LOOKS_LIKE_DATA.fullmatch(cell.strip())]
    if values:
        # A row of values, not names: its cells are a child's id and date of birth,
        # so the message (which may be on the projector) says where, never what.
        return DataError(
            path,
            "row 1",
            f"has no header row: the first row holds dates or numbers ({_columns(values)}), "
            "not column names",
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


def _columns(numbers: Sequence[int]) -> str:
    """'column 2', 'columns 2, 5 and 6': where in a row, for a message that must not quote it."""
    if len(numbers) == 1:
        return f"column {numbers[0]}"
    shown = [str(n) for n in numbers[:6]] + (["…"] if len(numbers) > 6 else [])
    return f"columns {', '.join(shown[:-1])} and {shown[-1]}"


def _problem(error: BaseException) -> str:
    """A reader's own complaint, first line, without the row text some of them quote.

    pyarrow's 'Expected 14 columns, got 3: C1,01/01/2008,…' ends with the
    row itself; a message that may reach the projector keeps the counts only.
    """
    text = str(error).splitlines()[0] if str(error) else type(error).__name__
    text = re.sub(r"(got \d+): .*", r"\1", text)
    return re.sub(r"'[^']*'|\"[^\"]*\"", "'…'", text)


_HINTS = {"CHILD": "child", "MIS_START": "start", "DECOM": "start"}


def _nearest(name: str, mapped: str | None, cells: list[str]) -> str | None:
    # A column that is itself one the pack reads (MISSING for a missing MIS_START) is
    # in use already: naming it would map a date onto a code.
    taken = {_key(column) for column in CANONICAL_COLUMNS if column != name}
    keys = {_key(cell): cell for cell in cells if _key(cell) not in taken}
    for wanted in (mapped, name):
        if wanted:
            near = difflib.get_close_matches(_key(wanted), list(keys), n=1, cutoff=0.5)
            if near:
                return keys[near[0]]
    hint = _HINTS.get(name, "")
    return next((cell for key, cell in keys.items() if hint and hint in key), None)
