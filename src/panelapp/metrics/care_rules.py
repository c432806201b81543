"""Data-quality rules for SSDA903 episodes of care and their Header table.

The DfE's 903 validation rules that concern the columns the placement
measures read (dates, reason for new episode, legal status, placement,
reason episode ceased, and a child's episodes overlapping or leaving a
gap), under their published numbers so an analyst can look them up in the
DfE's validator (the rules as coded in data-to-insight's
``csc-validator-be-903``: ``validator903/validators/rule_NNN.py``). Local
rules (a blank child, a child with no header row) are short words.

As for missing episodes (:mod:`~panelapp.metrics.quality`), a row is left
out only when it cannot be placed at all (no child, no start date); any
other doubtful value is kept and treated as unknown, and no message quotes
a child's id or date of birth.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from panelapp.kinds import EPISODE_CODES
from panelapp.metrics.quality import FindingsAt, shown, uk_date
from panelapp.metrics.results import Finding

RULES: dict[str, str] = {
    "141": "DECOM (date episode began) is blank or not a valid date (the episode is left out)",
    "147": "DEC (date episode ceased) is not a valid date (the end is taken as unknown)",
    "143": "RNE (reason for new episode) is not a valid code",
    "144": "LS (legal status) is not a valid code",
    "145": "CIN (category of need) is not a valid code",
    "146": "PLACE (placement type) is not a valid code",
    "178": "PLACE_PROVIDER is not a valid code",
    "149": "REC (reason episode ceased) is not a valid code",
    "1009": "REASON_PLACE_CHANGE is not a valid code",
    "148": "DEC and REC are not both given or both blank",
    "356": "DEC is before DECOM (the end is taken as unknown)",
    "142": "a new episode starts while the child's previous episode has no end date",
    "501": "a new episode starts before the child's previous episode ended",
    "433": "a continuing episode (RNE not S) does not start the day the previous one ended",
    "431": "RNE is S (started to be looked after) but the previous episode ended that day",
    "432": "the previous episode ended care (REC not X1) but RNE is not S",
    "302": "the child's first episode starts before their date of birth",
    "101": "SEX in the header is not 1 (male) or 2 (female)",
    "102": "DOB in the header is blank or not a valid date (the age is unknown)",
    "103": "ETHNIC in the header is not an SSDA903 code",
    "CHILD": "the child id is blank (the row is left out)",
    "HEADER": "a child has no row in the header file, or two",
}
"""Every rule a finding about episodes of care can carry, with its meaning."""

_CODED: dict[str, tuple[str, str]] = {
    "RNE": ("143", "Reason for new episode"),
    "LS": ("144", "Legal status"),
    "CIN": ("145", "Category of need"),
    "PLACE": ("146", "Placement type"),
    "PLACE_PROVIDER": ("178", "Placement provider"),
    "REC": ("149", "Reason episode ceased"),
    "REASON_PLACE_CHANGE": ("1009", "Reason for placement change"),
}
"""Each coded column: its DfE rule, and how a message names it."""


@dataclass(frozen=True)
class Checked:
    """The findings, and which episodes can be used at all."""

    findings: tuple[Finding, ...]
    keep: np.ndarray


class _Emitter(FindingsAt):
    """Findings for the rows a rule's mask picks, named by file and spreadsheet row."""

    def __init__(self, rows: np.ndarray, sources: Sequence[str], out: list[Finding]) -> None:
        self.rows = rows
        self.sources = sources
        self.out = out

    def mask(
        self,
        rule: str,
        column: str,
        mask: np.ndarray,
        values: pd.Series,
        message: Callable[[str], str],
        *,
        excluded: bool = False,
    ) -> None:
        for index in np.flatnonzero(mask):
            value = values.iloc[index]
            text = "" if pd.isna(value) else str(value)
            self.add(rule, column, int(index), text, message(shown(text)), excluded=excluded)

    def row_number(self, index: int) -> int:
        return int(self.rows[index])

    def source(self, index: int) -> str:
        return str(self.sources[index])


def check(text: pd.DataFrame, typed: pd.DataFrame, present: frozenset[str]) -> Checked:
    """Every episode rule over ``typed`` (row-aligned with ``text``, the values as written).

    A column the files never held raises nothing.
    """
    findings: list[Finding] = []
    emit = _Emitter(typed["ROW"].to_numpy(), list(typed["SOURCE"]), findings)
    no_child = text["CHILD"].isna().to_numpy()
    emit.mask(
        "CHILD",
        "CHILD",
        no_child,
        text["CHILD"],
        lambda value: (
            "Child ID is blank, so the episode cannot be counted against a child; it is left out."
        ),
        excluded=True,
    )
    no_start = typed["DECOM"].isna().to_numpy()
    emit.mask(
        "141",
        "DECOM",
        no_start & ~no_child,
        text["DECOM"],
        lambda value: (
            (f"Date episode began '{value}' is not a valid date" if value else "DECOM is blank")
            + ", so the episode cannot be placed in time; it is left out."
        ),
        excluded=True,
    )
    keep = ~(no_child | no_start)
    if "DEC" in present:
        emit.mask(
            "147",
            "DEC",
            keep & _unread(text, typed, "DEC"),
            text["DEC"],
            lambda value: (
                f"Date episode ceased '{value}' is not a valid date; the episode is "
                "taken as lasting until the child's next one begins."
            ),
        )
    for column, (rule, label) in _CODED.items():
        if column in present:
            codes = ", ".join(EPISODE_CODES[column])
            emit.mask(
                rule,
                column,
                keep & _unread(text, typed, column),
                text[column],
                _code_message(label, codes),
            )
    if {"DEC", "REC"} <= present:
        uneven = text["DEC"].isna().to_numpy() != text["REC"].isna().to_numpy()
        emit.mask(
            "148",
            "REC",
            keep & uneven,
            text["REC"],
            lambda value: (
                (
                    f"Reason episode ceased is '{value}' but the date it ceased is blank"
                    if value
                    else "Date episode ceased is given but the reason it ceased is blank"
                )
                + "; give both, or neither while the episode is open."
            ),
        )
    backwards = keep & (typed["DEC"] < typed["DECOM"]).fillna(False).to_numpy(dtype=bool)
    for index in np.flatnonzero(backwards):
        emit.add(
            "356",
            "DEC",
            int(index),
            str(text["DEC"].iloc[index]),
            f"Episode ceased ({uk_date(typed['DEC'].iloc[index])}) before it began "
            f"({uk_date(typed['DECOM'].iloc[index])}); its end is taken as unknown.",
        )
    _sequence_rules(emit, text, typed, keep & ~backwards, present)
    return Checked(tuple(findings), keep)


def _unread(text: pd.DataFrame, typed: pd.DataFrame, column: str) -> np.ndarray:
    """Written in the file but not understood: the typed value is NA."""
    return (text[column].notna() & typed[column].isna()).to_numpy(dtype=bool)


def _code_message(label: str, codes: str) -> Callable[[str], str]:
    def message(value: str) -> str:
        return f"{label} '{value}' is not a valid code ({codes}); it is treated as not known."

    return message


def _sequence_rules(
    emit: _Emitter,
    text: pd.DataFrame,
    typed: pd.DataFrame,
    usable: np.ndarray,
    present: frozenset[str],
) -> None:
    """Rules that compare each episode with the child's one before: overlaps, gaps, restarts."""
    at = np.flatnonzero(usable)
    # The frame's index is each row's position, so the sorted index is the rows in order.
    ordered = typed.iloc[at].sort_values(["CHILD", "DECOM", "ROW"], kind="stable")
    index = np.asarray(ordered.index, dtype=np.intp)
    child = typed["CHILD"].to_numpy(dtype=object)[index]
    _before_birth(emit, typed, index, child)
    if "DEC" not in present:
        return
    start = typed["DECOM"].to_numpy()[index]
    end = typed["DEC"].to_numpy()[index]
    rne = typed["RNE"].astype(object).where(typed["RNE"].notna(), None).to_numpy()[index]
    rec = typed["REC"].astype(object).where(typed["REC"].notna(), None).to_numpy()[index]
    for later in range(1, len(index)):
        if child[later] != child[later - 1]:
            continue
        earlier = later - 1
        here, before = int(index[later]), int(index[earlier])
        began = uk_date(pd.Timestamp(start[later]))
        where = _place(emit, before, here)
        if np.isnat(end[earlier]):
            emit.add(
                "142",
                "DEC",
                before,
                "",
                f"Episode has no end date, but the child's next episode "
                f"({_place(emit, here, before)}) began {began}; end this one the day the next "
                "began.",
            )
            continue
        ended = pd.Timestamp(end[earlier])
        value = str(text["DECOM"].iloc[here])
        if start[later] < end[earlier]:
            emit.add(
                "501",
                "DECOM",
                here,
                value,
                f"Episode began ({began}) before the child's episode in {where} ended "
                f"({uk_date(ended)}).",
            )
        elif start[later] > end[earlier] and rne[later] is not None and rne[later] != "S":
            emit.add(
                "433",
                "DECOM",
                here,
                value,
                f"Reason for new episode is {rne[later]} (the child stayed looked after), but "
                f"the episode began {began}, not the day the episode in {where} ended "
                f"({uk_date(ended)}).",
            )
        if start[later] == end[earlier] and rne[later] == "S":
            emit.add(
                "431",
                "RNE",
                here,
                "S",
                f"Reason for new episode is S (started to be looked after), but the episode in "
                f"{where} ended the same day ({began}); a continuing episode has another reason.",
            )
        ceased = rec[earlier]
        if ceased is not None and ceased != "X1" and rne[later] is not None and rne[later] != "S":
            emit.add(
                "432",
                "RNE",
                here,
                str(rne[later]),
                f"The episode in {where} ended care (reason {ceased}), so this one should begin "
                f"with reason S (started to be looked after), not {rne[later]}.",
            )


def _place(emit: _Emitter, other: int, here: int) -> str:
    """'row 11', with the file when it is not the one the finding is in."""
    where = f"row {int(emit.rows[other])}"
    if emit.sources[other] != emit.sources[here]:
        where += f" of {emit.sources[other]}"
    return where


def _before_birth(
    emit: _Emitter, typed: pd.DataFrame, index: np.ndarray, child: np.ndarray
) -> None:
    """Rule 302 on each child's first episode: it cannot begin before the child was born."""
    first = np.ones(len(index), dtype=bool)
    first[1:] = child[1:] != child[:-1]
    starts = typed["DECOM"].to_numpy()[index]
    born = typed["DOB"].to_numpy(dtype="datetime64[ns]")[index]
    early = first & ~np.isnat(born) & (starts < born)
    for position in np.flatnonzero(early):
        here = int(index[position])
        emit.add(
            "302",
            "DECOM",
            here,
            "",
            f"The child's first episode began ({uk_date(pd.Timestamp(starts[position]))}) "
            "before their date of birth in the header file.",
        )


# ---------------------------------------------------------------------------
# The Header table


def header_rules(
    text: pd.DataFrame,
    header: pd.DataFrame,
    rows: np.ndarray,
    sources: Sequence[str],
    present: frozenset[str],
) -> list[Finding]:
    """Rules 101-103 on the header's rows (``text`` as written, ``header`` typed), and a child
    listed twice."""
    findings: list[Finding] = []
    emit = _Emitter(rows, sources, findings)
    named = text["CHILD"].notna().to_numpy()
    checks: Mapping[str, tuple[str, Callable[[str], str]]] = {
        "SEX": (
            "101",
            lambda value: (
                (f"Sex code '{value}'" if value else "Sex is blank and")
                + " is not 1 (male) or 2 (female); sex is treated as not known."
            ),
        ),
        # Not quoted: a date of birth identifies a child (the value column holds it, privately).
        "DOB": (
            "102",
            lambda value: "Date of birth is blank or not a valid date; the child's age is unknown.",
        ),
        "ETHNIC": (
            "103",
            lambda value: (
                (f"Ethnicity code '{value}'" if value else "Ethnicity is blank and")
                + " is not an SSDA903 code; ethnicity is treated as not known."
            ),
        ),
    }
    for column, (rule, message) in checks.items():
        if column in present:
            emit.mask(rule, column, named & header[column].isna().to_numpy(), text[column], message)
    emit.mask(
        "CHILD",
        "CHILD",
        ~named,
        text["CHILD"],
        lambda value: (
            "Child ID is blank, so the header row cannot be joined to any episodes; it is left out."
        ),
        excluded=True,
    )
    twice = (text["CHILD"].duplicated(keep="first") & text["CHILD"].notna()).to_numpy()
    emit.mask(
        "HEADER",
        "CHILD",
        twice,
        text["CHILD"],
        lambda value: "The child has an earlier row in the header file; this one is not used.",
    )
    return findings


def without_header(episodes: pd.DataFrame, known: set[str]) -> list[Finding]:
    """A child whose episodes have no header row: once, on the child's first episode."""
    findings: list[Finding] = []
    emit = _Emitter(episodes["ROW"].to_numpy(), list(episodes["SOURCE"]), findings)
    child = episodes["CHILD"]
    alone = (child.notna() & ~child.isin(known) & ~child.duplicated(keep="first")).to_numpy(
        dtype=bool
    )
    emit.mask(
        "HEADER",
        "CHILD",
        alone,
        child,
        lambda value: (
            "The child has no row in the header file, so their sex, age and "
            "ethnicity are not known."
        ),
    )
    return findings
