"""A column as codes into its distinct values: how the loader handles millions of rows.

An export repeats the same few codes, flags and dates across millions of
rows, and even child ids repeat once per episode. So each column is held as
one small integer per row (its value's position in a table of the distinct
values) and every clean-up, check and conversion runs once per distinct
value; the result reaches the rows by the codes, a single array lookup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from pandas.arrays import BooleanArray, DatetimeArray, IntegerArray

BLANK = -1
"""The code of a row with no value: missing, empty or only spaces."""

_STRING = pd.StringDtype("pyarrow")

_SAMPLE = 10_000
"""Values looked at to tell a column of mostly distinct values."""


@dataclass(frozen=True, eq=False)
class Coded:
    """One column: ``values[codes[row]]`` is the row's trimmed text, BLANK where blank."""

    codes: np.ndarray
    """One code per row (int32, or wider after combining large files)."""
    values: pa.Array
    """The distinct trimmed, non-empty texts, each once; or, :attr:`each_row`, every row's
    value in the file's order as written (text, or the dates and times a Parquet file holds;
    possibly in chunks, as read)."""
    each_row: bool = False
    """Whether the column is kept row by row rather than by distinct value: see
    :meth:`row_by_row`."""

    @classmethod
    def encode(cls, column: pa.ChunkedArray | pa.Array) -> Coded:
        """Any column a reader returns, as trimmed text with blanks as BLANK.

        Dates and times written as such (Parquet, Excel) become ISO text, so
        they pass the same date rules as a CSV's. Raises
        :class:`pyarrow.ArrowException` for values with no text form.
        """
        # A column stored as a dictionary (Parquet's usual way with text) is coded already;
        # only a dictionary made here is known to hold no value twice.
        made = not pa.types.is_dictionary(column.type)
        if made:
            single = _single_characters(column) if isinstance(column, pa.ChunkedArray) else None
            if single is not None:
                return cls._recoded(*single, distinct=True)
            # One array is coded in one pass, about twice as fast as chunk by chunk
            # (0.05 s against 0.12 s for a million child ids); combining copies only text.
            if isinstance(column, pa.ChunkedArray) and column.nbytes < 2**31 - 1:
                column = column.combine_chunks()
            column = pc.dictionary_encode(column)
        if isinstance(column, pa.ChunkedArray) and not _shared_dictionary(column):
            column = column.unify_dictionaries()
        chunks = column.chunks if isinstance(column, pa.ChunkedArray) else [column]
        if not chunks:
            return cls.blank(0)
        codes = np.concatenate([_indices(chunk.indices) for chunk in chunks])
        dictionary = chunks[0].dictionary
        texts = _as_text(dictionary)
        # Turning dates into text can make two values one: distinct only if kept as written.
        return cls._recoded(codes, texts, distinct=made and texts is dictionary)

    @classmethod
    def _recoded(cls, codes: np.ndarray, texts: pa.Array, *, distinct: bool = False) -> Coded:
        """Codes into ``texts`` re-pointed at the distinct trimmed, non-empty ones.

        Trimming can make two values one (" Y" and "Y") and a value blank, so
        the table is encoded again and the codes followed through. When
        ``texts`` are known to be ``distinct`` and trimming changes none and
        none is empty (a clean export's child ids), the codes stand as they are.
        """
        trimmed = pc.utf8_trim_whitespace(texts)
        if distinct and len(texts) and not texts.null_count:
            unchanged = pc.all(pc.equal(trimmed, texts)).as_py()
            if unchanged and not pc.any(pc.equal(texts, "")).as_py():
                return cls(codes, texts)
        trimmed = pc.if_else(pc.equal(trimmed, ""), pa.scalar(None, trimmed.type), trimmed)
        again = pc.dictionary_encode(trimmed)
        if len(again.dictionary) == len(texts):
            # Nothing merged and nothing blank: every code still points at its own value.
            return cls(codes, again.dictionary)
        # The extra last slot is where BLANK (-1) codes land: blank stays blank.
        target = np.append(_indices(again.indices), BLANK)
        return cls(target[codes], again.dictionary)

    @staticmethod
    def mostly_distinct(column: pa.ChunkedArray | pa.Array) -> bool:
        """Whether most of a sample of the column's values, spread over it, differ.

        Such a column (start times to the minute, in a large authority's
        export) is best kept :meth:`row_by_row`; one that repeats a few
        thousand values (the sample's, however many times over) by value,
        as is a column a Parquet file holds coded already.
        """
        if pa.types.is_dictionary(column.type):
            return False
        sample = column.take(np.linspace(0, len(column) - 1, min(len(column), _SAMPLE), dtype=int))
        return pc.count_distinct(sample).as_py() > len(sample) // 2

    @classmethod
    def row_by_row(cls, column: pa.ChunkedArray | pa.Array) -> Coded:
        """A column whose values mostly differ, each row its own value, as written.

        Start and end times to the minute over years are nearly all
        distinct: finding the distinct values costs more than anything it
        saves, and so would a trimmed copy of a million values, so only
        what is read from it is trimmed (:meth:`texts`,
        :func:`~panelapp.metrics.dates.moments`). The rows keep the file's
        order; ``codes`` point into them. Dates and times stored as such
        stay as they are.
        """
        if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
            blank = pc.fill_null(pc.or_(pc.equal(column, ""), pc.utf8_is_space(column)), True)
        elif is_moment(column.type):
            blank = pc.is_null(column)
        else:
            return cls.encode(column)
        codes = np.arange(len(column), dtype=np.int32 if len(column) < 2**31 else np.int64)
        codes[np.asarray(blank, dtype=bool)] = BLANK
        return cls(codes, column, each_row=True)

    @classmethod
    def blank(cls, rows: int) -> Coded:
        """A column the file does not have: every row blank."""
        return cls(np.full(rows, BLANK, dtype=np.int32), pa.array([], pa.string()))

    @classmethod
    def constant(cls, value: str, rows: int) -> Coded:
        """The same text on every row, e.g. the file a row came from."""
        return cls(np.zeros(rows, dtype=np.int32), pa.array([value], pa.string()))

    @classmethod
    def concat(cls, parts: Sequence[Coded]) -> Coded:
        """The rows of every part in turn, over one table of distinct values."""
        if len(parts) == 1:
            return parts[0]
        if all(part.each_row for part in parts):
            return cls._stacked(parts)
        offsets = np.cumsum([0, *(len(part.values) for part in parts)])
        codes = np.concatenate(
            [
                np.where(p.codes >= 0, p.codes + o, BLANK)
                for p, o in zip(parts, offsets, strict=False)
            ]
        )
        texts = pa.concat_arrays([part.values.cast(pa.string()) for part in parts])
        return cls._recoded(codes, texts)

    @classmethod
    def _stacked(cls, parts: Sequence[Coded]) -> Coded:
        """Row-by-row columns one after another; text where the files hold different types."""
        kinds = {part.values.type for part in parts}
        values = [part.values if len(kinds) == 1 else _as_text(part.values) for part in parts]
        offsets = np.cumsum([0, *(len(part.values) for part in parts)])
        codes = np.concatenate(
            [
                np.where(p.codes >= 0, p.codes + o, BLANK)
                for p, o in zip(parts, offsets, strict=False)
            ]
        )
        return cls(codes, pa.chunked_array(values), each_row=True)

    def __len__(self) -> int:
        return len(self.codes)

    def given(self) -> np.ndarray:
        """Rows with a value."""
        return self.codes != BLANK

    def rows(self, selected: np.ndarray) -> Coded:
        """Only the rows ``selected`` picks (a boolean mask or positions, in that order)."""
        codes = self.codes[selected] if selected.dtype == bool else np.take(self.codes, selected)
        return Coded(codes, self.values, self.each_row)

    def texts(self, positions: np.ndarray) -> list[str]:
        """The values of the rows at ``positions`` as written, blank as ''.

        A date and time a Parquet file holds is written as ISO 8601, as a
        date column coded by value holds it.
        """
        codes = self.codes[positions]
        taken = _as_text(pc.take(self.values, pa.array(codes, mask=codes == BLANK)))
        return pc.fill_null(pc.utf8_trim_whitespace(taken), "").to_pylist()

    def distinct(self) -> pd.Series:
        """The distinct values, for a conversion to run once on each."""
        return pd.Series(self.values.to_pandas(types_mapper=lambda _: _STRING), dtype=_STRING)

    def spread(self, converted: Any) -> Any:
        """One converted value per distinct value, to one per row (NA where blank)."""
        array = pd.array(converted)
        if isinstance(array, (BooleanArray, IntegerArray)):
            # Two plain lookups; pandas' general take is several times slower.
            plain = np.asarray(array.fillna(False if isinstance(array, BooleanArray) else 0))
            return type(array)(
                self.gather(plain, plain.dtype.type(0)), self.gather(array.isna(), True)
            )
        if isinstance(array, DatetimeArray):
            return self.gather(array.to_numpy(), np.datetime64("NaT", "ns"))
        return array.take(self.codes, allow_fill=True)

    def gather(self, converted: np.ndarray, blank: Any) -> np.ndarray:
        """Like :meth:`spread` for a plain array (last axis per value), ``blank`` where blank."""
        filler = np.full((*converted.shape[:-1], 1), blank, dtype=converted.dtype)
        return np.take(np.concatenate([converted, filler], axis=-1), self.slots, axis=-1)

    def text(self) -> pd.Series:
        """The whole column as text, NA where blank."""
        if len(self.values) == 1 and not (self.codes == BLANK).any():
            column = _repeated(self.values[0].as_py(), len(self.codes))
        else:
            column = self._take(self.slots, None)
        array = pd.arrays.ArrowStringArray(pa.chunked_array([column]))
        return pd.Series(array, dtype=_STRING)

    @property
    def slots(self) -> np.ndarray:
        """Each row's code with BLANK as the slot just past the values, in numpy's index type.

        Every lookup of a column reads it, and an index of any other type or
        with a negative entry is converted on each lookup: several times the
        cost of the lookup itself. Made on first use and kept (by hand: a
        cached_property would let only one column make its slots at a time
        before Python 3.12, and columns are typed side by side).
        """
        kept = self.__dict__.get("_slots")
        if kept is None:
            kept = self.__dict__["_slots"] = self._slots_of(self.codes)
        return kept

    def _slots_of(self, codes: np.ndarray) -> np.ndarray:
        slots = codes.astype(np.intp)
        slots[slots == BLANK] = len(self.values)
        return slots

    def _take(self, slots: np.ndarray, blank: str | None) -> pa.Array:
        """The values at ``slots`` (see :attr:`slots`), ``blank`` in the slot just past them."""
        # Large strings, as pandas holds text: a million values are not copied again for it.
        table = pa.concat_arrays(
            [self.values.cast(pa.large_string()), pa.array([blank], pa.large_string())]
        )
        return pc.take(table, pa.array(slots))

    def ranks(self) -> np.ndarray:
        """Each row's value numbered in sorted order (BLANK where blank): ids compare as ints."""
        order = np.asarray(pc.sort_indices(self.values))
        rank = np.empty(len(order) + 1, dtype=np.int64)
        rank[order] = np.arange(len(order))
        rank[-1] = BLANK
        return np.take(rank, self.slots)

    def first_row_with(self, chosen: pa.Array) -> int | None:
        """Position of the first row whose value is one of ``chosen`` (a boolean per value)."""
        flags = np.append(np.asarray(chosen.fill_null(False)), False)
        if not flags.any():
            return None
        hits = np.flatnonzero(np.take(flags, self.slots))
        return int(hits[0]) if len(hits) else None


def _shared_dictionary(column: pa.ChunkedArray) -> bool:
    """Whether every chunk points at the very same dictionary (as coding chunked text leaves it).

    The same buffers seen through the same window: a chunk whose dictionary
    is a slice of another's shares its buffers but not its values.
    """
    views = {
        (
            chunk.dictionary.offset,
            len(chunk.dictionary),
            tuple(None if b is None else (b.address, b.size) for b in chunk.dictionary.buffers()),
        )
        for chunk in column.chunks
    }
    return len(views) <= 1


_EMPTY_CELL = 256
"""An empty cell among single bytes: a code past every byte."""


def _single_characters(column: pa.ChunkedArray) -> tuple[np.ndarray, pa.Array] | None:
    """Codes and distinct values of a text column of one character or none per row, else None.

    Hashing a million strings to find the two values of a flag is most of
    the cost of loading it; a column of single characters (flags, sex, the
    missing code) is coded from its bytes instead. Text is checked as UTF-8
    when read, so a one-byte value is an ASCII character.
    """
    if column.type != pa.string() or column.null_count or not len(column):
        return None
    if sum(_bytes_used(chunk) for chunk in column.chunks) > len(column):
        return None  # some value is longer than one character: nothing to copy to find that
    whole = column.combine_chunks()
    offsets = np.frombuffer(whole.buffers()[1], np.int32, len(whole) + 1, whole.offset * 4)
    lengths = np.diff(offsets)
    if lengths.max() > 1:
        return None
    data = whole.buffers()[2]
    raw = np.frombuffer(data, np.uint8) if data is not None else np.zeros(0, np.uint8)
    if lengths.min() == 1:
        byte = raw[offsets[0] : offsets[-1]]  # every row one byte: the buffer is the column
    else:
        byte = np.full(len(whole), _EMPTY_CELL, dtype=np.int16)
        one = lengths == 1
        byte[one] = raw[offsets[:-1][one]]
    # Arrow's unique and take, not numpy's indexing: several times quicker with byte indices.
    bytes_ = pa.array(byte)
    present = np.sort(np.asarray(pc.unique(bytes_)))
    present = present[present < _EMPTY_CELL]
    lookup = np.full(_EMPTY_CELL + 1, BLANK, dtype=np.int32)
    lookup[present] = np.arange(len(present))
    codes = np.asarray(pc.take(pa.array(lookup), bytes_))
    return codes, pa.array([chr(value) for value in present], pa.string())


def _repeated(value: str, rows: int) -> pa.Array:
    """``value`` on every row, laid out at once: the file each of a million rows came from.

    Arrow's take (and its ``repeat``) copy the one value a row at a time, ten times slower.
    """
    data = value.encode()
    offsets = np.arange(rows + 1, dtype=np.int64) * len(data)
    buffers = [None, pa.py_buffer(offsets), pa.py_buffer(data * rows)]
    return pa.Array.from_buffers(pa.large_string(), rows, buffers)


def _bytes_used(chunk: pa.Array) -> int:
    """How many bytes of text a chunk of a string column holds (from its offsets alone)."""
    offsets = np.frombuffer(chunk.buffers()[1], np.int32)
    return int(offsets[chunk.offset + len(chunk)] - offsets[chunk.offset])


def _indices(indices: pa.Array) -> np.ndarray:
    """Dictionary indices as a numpy array, null (a missing value) as BLANK."""
    if indices.null_count:
        indices = pc.fill_null(indices, BLANK)
    return np.asarray(indices)


def is_moment(kind: pa.DataType) -> bool:
    """Whether a column holds dates or times as such (Parquet, Excel), not text."""
    return bool(pa.types.is_timestamp(kind) or pa.types.is_date(kind))


def _as_text(values: pa.Array) -> pa.Array:
    """Values of any type as text; dates and times as ISO 8601."""
    kind = values.type
    if pa.types.is_timestamp(kind) and kind.tz is not None:
        values = pc.local_timestamp(values)
        kind = values.type
    if is_moment(kind):
        return pc.strftime(values, format="%Y-%m-%dT%H:%M:%S")
    if pa.types.is_string(kind) or pa.types.is_large_string(kind):
        return values
    return pc.cast(values, pa.string())
