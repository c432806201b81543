"""Data-quality rules for episode records: the DfE 903 checks and local ones.

A panel's figures are only as good as the extract behind them, and the
analyst who fixes the extract is rarely the person in the room. So every
problem becomes a :class:`~panelapp.metrics.results.Finding` naming the row,
the column and the value, worded for someone with the spreadsheet open. A
row is left out only when it cannot be placed at all (no child, no start
date); everything else is kept and the doubtful value treated as unknown,
so one typo never changes a count silently.

A message never quotes a child's id or date of birth (the finding's value
holds it, for the analyst's private view): messages are cached with the
figures, outside the pack, where identifying values must not be.

Each rule is a vectorised mask; Python only touches the rows that fail.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from panelapp.metrics.coded import Coded
from panelapp.metrics.format import one_line
from panelapp.metrics.radix import stable_order
from panelapp.metrics.results import Finding

RULES: dict[str, str] = {
    "1004": "MIS_START is not a valid date (the episode is left out)",
    "1005": "MIS_END is not a valid date (the end is treated as unknown)",
    "1006": "MISSING is not M or A",
    "567": "MIS_END is before MIS_START (the duration is unknown)",
    "574": "a child's episodes overlap, or one starts while the previous is still open",
    "586": "MIS_START is on or before the date of birth (the age is unknown)",
    "CHILD": "the child id is blank (the episode is left out)",
    "DOB": "the date of birth is blank or not a valid date (the age is unknown)",
    "RHI": "a return home interview is marked completed but not offered",
    "SEX": "the sex code is not 1 (male) or 2 (female)",
    "ETHNIC": "the ethnicity code is not an SSDA903 code",
    "FLAG": "a yes/no field holds something other than yes or no",
    "ROW": "a row has more or fewer values than the header (the row is left out)",
    "QUOTE": "a quote mark is not closed, so the rows after it are read as one value (left out)",
}
"""Every rule id a finding can carry, with its meaning, for legends and docs.

DfE 903 rules keep their published numbers so an analyst can look them up;
local rules are short words.
"""

_ORDER = {rule: position for position, rule in enumerate(RULES)}

_FLAG_WORDS = "Y/N, Yes/No, True/False, 1/0 or T/F"

_LABELS = {
    "LOOKED_AFTER": "Looked-after",
    "UASC": "UASC",
    "CCE": "Criminal exploitation (CCE)",
    "CSE": "Sexual exploitation (CSE)",
    "MACE": "MACE",
    "RHI_OFFERED": "Return home interview offered",
    "RHI_COMPLETED": "Return home interview completed",
}
"""How each yes/no column is named in a message to the analyst."""


@dataclass(frozen=True)
class Checked:
    """The outcome of the rules over a set of typed records."""

    findings: tuple[Finding, ...]
    keep: np.ndarray
    """One bool per row: False where the row cannot be used in any figure."""


_UNREADABLE: tuple[tuple[str, str, str], ...] = (
    (
        "1005",
        "MIS_END",
        "End date '{}' is not a valid date; the episode is treated as having an unknown end.",
    ),
    # Not quoted: a date of birth identifies a child (the value column holds it, privately).
    ("DOB", "DOB", "Date of birth is not a valid date; the child's age is unknown."),
    (
        "SEX",
        "SEX",
        "Sex code '{}' is not 1 (male) or 2 (female); sex is treated as not known.",
    ),
    (
        "ETHNIC",
        "ETHNIC",
        "Ethnicity code '{}' is not an SSDA903 code; ethnicity is treated as not known.",
    ),
)
"""Values that were given but could not be read: the row is kept, the value treated as unknown."""


def check(text: Mapping[str, Coded], frame: pd.DataFrame, present: frozenset[str]) -> Checked:
    """Run every rule over ``frame`` (typed) using ``text`` for the values as written.

    ``text`` (each canonical column and SOURCE) and ``frame`` are
    row-aligned; ``present`` says which columns the files really held, so a
    column that was never exported raises nothing. ``frame`` comes as the
    loader makes it: in order of start (file order among equals), children
    numbered in ``CHILD_NO``; the overlap rule relies on that order rather
    than sorting a million rows again.
    """
    findings: list[Finding] = []
    emit = _Emitter(text, frame, findings)

    no_child = _no_child(text)
    emit.rows(
        "CHILD",
        "CHILD",
        no_child,
        lambda value: (
            "Child ID is blank, so the episode cannot be counted against a child; it is left out."
        ),
        excluded=True,
    )
    no_start = _no_start(frame)
    emit.rows(
        "1004",
        "MIS_START",
        no_start,
        lambda value: (
            (f"Start date '{value}' is not a valid date" if value else "Start date is blank")
            + ", so the episode cannot be placed in a period; it is left out."
        ),
        excluded=True,
    )
    for rule, column, message in _UNREADABLE:
        if column in present:
            emit.rows(rule, column, _unparsed(text, frame, column), message.format)
    if "DOB" in present:
        emit.rows(
            "DOB",
            "DOB",
            ~text["DOB"].given(),
            lambda value: "Date of birth is blank; the child's age is unknown.",
        )
    if "MISSING" in present:
        emit.rows(
            "1006",
            "MISSING",
            frame["MISSING"].isna().to_numpy(dtype=bool),
            lambda value: (
                (f"Missing type '{value}' is not M" if value else "Missing type is blank, not M")
                + " (missing) or A (away from placement without authorisation)."
            ),
        )
    for column, label in _LABELS.items():
        if column in present:
            emit.rows(
                "FLAG",
                column,
                _unparsed(text, frame, column),
                _flag_message(label),
            )

    keep = ~(no_child | no_start)
    _episode_rules(emit, frame, text, present, keep)
    return Checked(tuple(findings), keep)


def _no_child(text: Mapping[str, Coded]) -> np.ndarray:
    return ~text["CHILD"].given()


def _no_start(frame: pd.DataFrame) -> np.ndarray:
    return frame["MIS_START"].isna().to_numpy(dtype=bool)


def _flag_message(label: str) -> Callable[[str], str]:
    def message(value: str) -> str:
        return (
            f"{label} value '{value}' is not a yes/no value ({_FLAG_WORDS}); "
            "it is treated as not recorded."
        )

    return message


def ordered(findings: Iterable[Finding], sources: Sequence[str]) -> tuple[Finding, ...]:
    """Findings in the order an analyst works through files: file, row, rule."""
    place = {source: position for position, source in enumerate(dict.fromkeys(sources))}
    return tuple(
        sorted(
            findings,
            key=lambda f: (
                place.get(f.source, len(place)),
                f.row if f.row is not None else 0,
                _ORDER.get(f.rule, len(_ORDER)),
                f.column,
            ),
        )
    )


def shown(value: str, limit: int = 40) -> str:
    """A value as a one-line message can quote it: whitespace collapsed, long ones cut."""
    return one_line(value, limit)


def uk_date(moment: pd.Timestamp) -> str:
    """One date as :func:`uk_dates` writes it."""
    return uk_dates(np.asarray([moment], dtype="datetime64[ns]"))[0]


def uk_dates(moments: np.ndarray) -> list[str]:
    """dd/mm/yyyy, with the time only when there is one, as a clerk writes it.

    Thousands of findings each quote two dates: numpy writes them all at
    once, several times quicker than formatting each timestamp.
    """
    written = np.datetime_as_string(np.asarray(moments, dtype="datetime64[ns]"), unit="m")
    return [
        f"{iso[8:10]}/{iso[5:7]}/{iso[:4]}" + ("" if iso.endswith("T00:00") else f" {iso[11:]}")
        for iso in written.tolist()
    ]


# ---------------------------------------------------------------------------


def _unparsed(text: Mapping[str, Coded], frame: pd.DataFrame, column: str) -> np.ndarray:
    """Written in the file but not understood: the typed value is NA."""
    return text[column].given() & frame[column].isna().to_numpy(dtype=bool)


class FindingsAt:
    """Findings for rows named by their index in the records, each placed by its file and
    spreadsheet row; a kind of records says how it finds those two."""

    out: list[Finding]

    def row_number(self, index: int) -> int:
        """The row at ``index`` as a spreadsheet numbers it in its file."""
        raise NotImplementedError

    def source(self, index: int) -> str:
        """The file the row at ``index`` came from."""
        raise NotImplementedError

    def add(
        self, rule: str, column: str, index: int, value: str, message: str, excluded: bool = False
    ) -> None:
        self.out.append(
            Finding(
                rule=rule,
                row=self.row_number(index),
                column=column,
                value=value,
                message=message,
                excluded=excluded,
                source=self.source(index),
            )
        )


class _Emitter(FindingsAt):
    """Turns a rule's mask into findings, touching only the rows that failed."""

    def __init__(self, text: Mapping[str, Coded], frame: pd.DataFrame, out: list[Finding]) -> None:
        self.text = text
        self.row_numbers = frame["ROW"].to_numpy()
        self.source_codes = text["SOURCE"].codes
        self.source_names = text["SOURCE"].values.to_pylist()
        self.out = out

    def values(self, column: str, indices: np.ndarray) -> list[str]:
        """The values as written in the file, blank as ''."""
        return self.text[column].texts(indices)

    def row_number(self, index: int) -> int:
        return int(self.row_numbers[index])

    def source(self, index: int) -> str:
        return str(self.source_names[self.source_codes[index]])

    def rows(
        self,
        rule: str,
        column: str,
        mask: np.ndarray,
        message: Callable[[str], str],
        *,
        excluded: bool = False,
    ) -> None:
        indices = np.flatnonzero(mask)
        for index, value in zip(indices, self.values(column, indices), strict=True):
            self.add(rule, column, int(index), value, message(shown(value)), excluded=excluded)


def _episode_rules(
    emit: _Emitter,
    frame: pd.DataFrame,
    text: Mapping[str, Coded],
    present: frozenset[str],
    keep: np.ndarray,
) -> None:
    """Rules that compare fields, run only on rows that are kept."""
    start = frame["MIS_START"].to_numpy(dtype="datetime64[ns]")
    end = frame["MIS_END"].to_numpy(dtype="datetime64[ns]")
    dob = frame["DOB"].to_numpy(dtype="datetime64[ns]")

    backwards = keep & (end < start)
    indices = np.flatnonzero(backwards)
    for index, value, ends, starts in zip(
        indices,
        emit.values("MIS_END", indices),
        uk_dates(end[indices]),
        uk_dates(start[indices]),
        strict=True,
    ):
        emit.add(
            "567",
            "MIS_END",
            int(index),
            value,
            f"Episode ends ({ends}) before it starts ({starts}); its duration is unknown.",
        )

    unborn = keep & (start.astype("datetime64[D]") <= dob.astype("datetime64[D]"))
    indices = np.flatnonzero(unborn)
    for index, value, starts in zip(
        indices, emit.values("MIS_START", indices), uk_dates(start[indices]), strict=True
    ):
        emit.add(
            "586",
            "MIS_START",
            int(index),
            value,
            f"Episode starts ({starts}) on or before the child's date of birth; "
            "the child's age is unknown.",
        )

    if {"RHI_OFFERED", "RHI_COMPLETED"} <= present:
        completed = frame["RHI_COMPLETED"].fillna(False).to_numpy(dtype=bool)
        offered = frame["RHI_OFFERED"].fillna(False).to_numpy(dtype=bool)
        indices = np.flatnonzero(keep & completed & ~offered)
        for index, written in zip(indices, emit.values("RHI_OFFERED", indices), strict=True):
            said = f"'{shown(written)}'" if written else "blank"
            emit.add(
                "RHI",
                "RHI_OFFERED",
                int(index),
                written,
                f"Return home interview is marked completed but offered is {said}; "
                "an interview that took place must have been offered.",
            )

    if "MIS_END" in present:
        _overlaps(emit, frame, text["MIS_END"].given(), keep, backwards)


def _running_max(values: np.ndarray, run_start: np.ndarray) -> np.ndarray:
    """The maximum of ``values`` so far within each run of rows (``run_start``: the position
    where each row's run begins), by doubling: after the step of width k each row holds the
    maximum of the 2k rows up to it, so a child's longest history takes a few steps."""
    latest = values.copy()
    position = np.arange(len(values))
    width = 1
    while width < len(values) and (position - run_start).max() >= width:
        reaches = position[width:] - width >= run_start[width:]
        latest[width:] = np.where(
            reaches, np.maximum(latest[width:], latest[:-width]), latest[width:]
        )
        width *= 2
    return latest


def _overlaps(
    emit: _Emitter,
    frame: pd.DataFrame,
    ended: np.ndarray,
    keep: np.ndarray,
    backwards: np.ndarray,
) -> None:
    """Rule 574 in one pass over the rows, reported on the later episode.

    Each episode is compared with the latest end among the child's earlier
    episodes (an open one counts as never ending, ``ended`` False), so an
    episode nested inside a long earlier one is caught even when an
    unrelated short episode sits between them. An end that is invalid or
    before its start is unknown and blocks nothing. The rows come in order
    of start; a stable ordering by child (by radix) keeps it within each
    child, and two running maxima per child give the latest end so far and
    the episode that holds it.
    """
    kept = np.flatnonzero(keep)
    if len(kept) < 2:
        return
    # The loader puts the usable rows first: whole columns' heads, not copies of them.
    rows = slice(0, len(kept)) if kept[-1] == len(kept) - 1 else kept
    never = np.iinfo(np.int64).max
    unknown = np.iinfo(np.int64).min  # also what an invalid (NaT) end reads as
    starts = frame["MIS_START"].to_numpy(dtype="datetime64[ns]")
    ends = frame["MIS_END"].to_numpy(dtype="datetime64[ns]")
    end = np.where(ended, np.where(backwards, unknown, ends.view(np.int64)), never)[rows]
    start = starts.view(np.int64)[rows]
    assert (start[1:] >= start[:-1]).all(), "check() needs the frame in order of start"

    # Grouped by child, each child's rows in their order of start.
    grouped = stable_order(frame["CHILD_NO"].to_numpy()[rows])
    child = frame["CHILD_NO"].to_numpy()[rows][grouped]
    end = end[grouped]
    first = np.empty(len(child), dtype=bool)
    first[0], first[1:] = True, child[1:] != child[:-1]
    run_start = np.maximum.accumulate(np.where(first, np.arange(len(child)), 0))

    latest = _running_max(end, run_start)
    previous_end = np.empty_like(latest)  # the latest end among the child's earlier episodes
    previous_end[0], previous_end[1:] = unknown, latest[:-1]
    previous_end[first] = unknown
    # Which episode holds the latest end: the last one so far whose end it is.
    holder = _running_max(np.where(end == latest, grouped, -1), run_start)

    clash = np.flatnonzero((previous_end != unknown) & (start[grouped] < previous_end))
    clash = clash[np.argsort(grouped[clash])]  # reported in order of start
    later = kept[grouped[clash]]
    earlier = kept[holder[clash - 1]]
    previous_end = previous_end[clash]
    still_open = previous_end == never
    for index, other, is_open, value, begins, other_start, other_end in zip(
        later,
        earlier,
        still_open,
        emit.values("MIS_START", later),
        uk_dates(starts[later]),
        uk_dates(starts[earlier]),
        uk_dates(ends[earlier]),
        strict=True,
    ):
        where = f"row {int(emit.row_numbers[other])}"
        if emit.source(other) != emit.source(index):
            where += f" of {emit.source(other)}"
        if is_open:
            message = (
                f"Episode starts ({begins}) while the child's episode in {where}, "
                f"which started {other_start}, is still open."
            )
        else:
            message = (
                f"Episode starts ({begins}) before the child's episode in {where} "
                f"ended ({other_end})."
            )
        emit.add("574", "MIS_START", int(index), value, message)
