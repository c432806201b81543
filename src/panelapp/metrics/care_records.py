"""Loading SSDA903 episodes of care: the Episodes table, with the Header table joined by CHILD.

One row per period of care with no change of legal status or placement, as
the DfE's 903 return has it. Files are read as any episode file is
(:mod:`~panelapp.metrics.reading`: any column order, header spelling, text
encoding or format); values that cannot be used become findings
(:mod:`~panelapp.metrics.care_rules`), and only a row with no child or no
start date is left out. Each kept episode also carries its place in the
child's history: which placement, carer and period of care it belongs to,
which every placement measure reads (:mod:`~panelapp.metrics.care_measures`).

A 903 extract is a few thousand rows for a large authority, so this is
plain pandas, kept apart from the missing-episode loader's machinery for
millions of rows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from panelapp.kinds import (
    EPISODE_CODES,
    EPISODES,
    HEADER_COLUMNS,
    NEW_PLACEMENT,
    PLACE_GROUP_OF,
    SAME_CARER,
    SHORT_BREAKS,
)
from panelapp.metrics import care_rules, quality
from panelapp.metrics.dimensions import NOT_KNOWN
from panelapp.metrics.reading import Raw, read_file
from panelapp.metrics.records import ethnic_group, parse_dates
from panelapp.metrics.results import Finding
from panelapp.metrics.written import encoded, no_rows, unmapped
from panelapp.vocabulary import ETHNIC_CODES

_STRING = pd.StringDtype("pyarrow")


@dataclass(frozen=True, eq=False)
class CareRecords:
    """Usable episodes of care and everything worth saying about the rest."""

    frame: pd.DataFrame
    """Usable episodes in order of child and start, with the header's columns joined and
    each episode's place in the child's history (see :func:`_history`)."""
    findings: tuple[Finding, ...]
    present: frozenset[str]
    """Canonical columns the files really held (the header's among them when given)."""
    rows_read: int
    """Episodes in the files, blank rows aside."""
    excluded: int
    """Episodes left out of every figure (no child, or no valid start date)."""
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Table:
    """One table's columns as written (trimmed text, NA where blank), with its rows' places."""

    text: pd.DataFrame
    """One column per canonical name, as text."""
    rows: np.ndarray
    """Spreadsheet row of each record (header is row 1)."""
    source: list[str]
    """The file each record came from."""
    present: frozenset[str]
    findings: list[Finding]
    notes: list[str]
    rows_read: int


def load_care(
    paths: Sequence[Path], header: Path | None, columns: Mapping[str, str] | None = None
) -> CareRecords:
    """Read the Episodes files (as one) and the Header file into typed episodes.

    ``columns`` maps canonical names to a pack's own. Raises
    :class:`~panelapp.metrics.reading.DataError` for a file that is not a usable
    table.
    """
    mapping = dict(columns or {})
    episodes = _table(paths, mapping, EPISODES.columns, EPISODES.required)
    people = _table([header], mapping, HEADER_COLUMNS, ("CHILD",)) if header is not None else None
    typed = _typed(episodes)
    findings = list(episodes.findings)
    present = set(episodes.present)
    notes = list(episodes.notes)
    if people is not None:
        findings += people.findings
        notes += people.notes
        present |= people.present
        joined, header_findings = _joined(typed, people)
        typed = joined
        findings += header_findings
    else:
        for name in ("SEX", "DOB", "ETHNIC"):
            typed[name] = pd.Series(pd.NA, index=typed.index, dtype=_column_type(name))
    typed["ETHNIC_GROUP"] = ethnic_group(typed["ETHNIC"]).fillna(NOT_KNOWN).astype(_STRING)
    checked = care_rules.check(episodes.text, typed, frozenset(present))
    findings += checked.findings
    kept = typed.loc[checked.keep]
    frame = _history(kept)
    sources = [*dict.fromkeys(episodes.source), *(people.source[:1] if people else [])]
    return CareRecords(
        frame=frame,
        findings=quality.ordered(findings, sources),
        present=frozenset(present),
        rows_read=episodes.rows_read,
        excluded=episodes.rows_read - len(frame),
        notes=tuple(notes),
    )


def _column_type(name: str) -> str:
    return {"SEX": "Int8", "DOB": "datetime64[ns]"}.get(name, "string[pyarrow]")


# ---------------------------------------------------------------------------
# Reading the files as text


def _table(
    paths: Sequence[Path], mapping: Mapping[str, str], names: Sequence[str], required: Sequence[str]
) -> _Table:
    """The files' canonical columns as trimmed text, blank rows dropped, one table."""
    texts, rows, sources, notes = [], [], [], []
    findings: list[Finding] = []
    present: set[str] = set()
    read = 0
    for path in paths:
        raw = read_file(Path(path), mapping, names, required)
        text = pd.DataFrame({name: _text(path, raw, name) for name in names})
        blank = text.isna().all(axis=1).to_numpy()
        if blank.any():
            count = int(blank.sum())
            rows_word = "row was" if count == 1 else "rows were"
            notes.append(f"{Path(path).name}: {count} blank {rows_word} skipped.")
        kept = ~blank
        texts.append(text.loc[kept])
        rows.append(raw.rows[kept])
        sources += [Path(path).name] * int(kept.sum())
        notes += raw.notes
        file_rows = int(kept.sum()) + raw.left_out
        findings += raw.findings if file_rows else [*raw.findings, no_rows(Path(path).name)]
        present |= set(raw.columns)
        read += file_rows
        notes += unmapped(Path(path).name, mapping, names, raw.columns)
    text = pd.concat(texts, ignore_index=True) if texts else pd.DataFrame(columns=list(names))
    return _Table(
        text=text.astype(_STRING),
        rows=np.concatenate(rows) if rows else np.zeros(0, np.int64),
        source=sources,
        present=frozenset(present),
        findings=findings,
        notes=notes,
        rows_read=read,
    )


def _text(path: Path, raw: Raw, name: str) -> pd.Series:
    """One column as trimmed text, NA where blank (all NA when the file lacks it)."""
    return encoded(path, raw, name).text().reset_index(drop=True)


# ---------------------------------------------------------------------------
# Typed columns


def _typed(table: _Table) -> pd.DataFrame:
    """The episodes in their working types: dates, codes (NA when not one), the child's id."""
    text = table.text
    out = pd.DataFrame(
        {
            "CHILD": text["CHILD"],
            "DECOM": dates(text["DECOM"]),
            "DEC": dates(text["DEC"]),
            **{name: codes(text[name], EPISODE_CODES[name]) for name in EPISODE_CODES},
            "ROW": table.rows.astype(np.int64),
            "SOURCE": pd.Series(table.source, dtype=_STRING),
        }
    )
    out["PLACE_GROUP"] = out["PLACE"].map(PLACE_GROUP_OF).fillna(NOT_KNOWN).astype(_STRING)
    return out


def dates(text: pd.Series) -> pd.Series:
    """Dates as any export writes them (dd/mm/yyyy or ISO, with a time or not), NaT otherwise."""
    distinct = pd.Series(text.dropna().unique(), dtype=_STRING)
    parsed = parse_dates(distinct)
    lookup = dict(zip(distinct, parsed.to_numpy(dtype="datetime64[ns]"), strict=True))
    moments = text.map(lookup).astype("datetime64[ns]")
    return moments.dt.normalize()


def codes(text: pd.Series, known: Sequence[str]) -> pd.Series:
    """The code in capitals when it is one of ``known``, else NA."""
    upper = text.str.upper()
    return upper.where(upper.isin(known)).astype(_STRING)


def _joined(episodes: pd.DataFrame, people: _Table) -> tuple[pd.DataFrame, list[Finding]]:
    """The header's SEX, DOB and ETHNIC on each episode of the child; a child with two header
    rows, or none, is a finding (the first row counts; with none, they are not known)."""
    text = people.text
    header = pd.DataFrame(
        {
            "CHILD": text["CHILD"],
            "SEX": codes(text["SEX"].str.replace(r"\.0+$", "", regex=True), ("1", "2"))
            .astype("float")
            .astype("Int8"),
            "DOB": dates(text["DOB"]),
            "ETHNIC": codes(text["ETHNIC"], ETHNIC_CODES),
        }
    )
    findings = care_rules.header_rules(text, header, people.rows, people.source, people.present)
    first = header.dropna(subset=["CHILD"]).drop_duplicates("CHILD", keep="first")
    joined = episodes.merge(first, on="CHILD", how="left", validate="many_to_one")
    findings += care_rules.without_header(episodes, set(first["CHILD"]))
    return joined, findings


# ---------------------------------------------------------------------------
# Each episode's place in the child's history


def _history(kept: pd.DataFrame) -> pd.DataFrame:
    """The episodes in order of child and start, each with what the placement measures need.

    ``CHILD_NO``: the child's rank among the ids. ``UNTIL``: the day the episode
    ended, as far as it can be known: its DEC (one before its start is unknown),
    and never later than the child's next episode began (blank: still open).
    ``PLACEMENT``: which of the child's placements the episode is part of (an
    episode whose reason is S, P, T, U or B begins one; L, a change of legal
    status only, continues it). ``CARE_FROM``: the day the child's current period
    of care began (an episode continues it when it begins the day the last one
    ended, for any reason but S). ``CARER_FROM``: the day the child began living
    with the current carer (a move with the same carer, U or B, does not end it).
    ``CARER_BEFORE``: the day the child began living with the carer before the current
    one in this period of care (the current carer's day when none), which a child placed
    for adoption counts from. ``SHORT_BREAK``: one of a series of short breaks (legal
    status V3 or V4).
    """
    frame = kept.sort_values(["CHILD", "DECOM", "ROW"], kind="stable").reset_index(drop=True)
    child = frame["CHILD"]
    first = (child != child.shift()).fillna(True).to_numpy(dtype=bool)
    last = (child != child.shift(-1)).fillna(True).to_numpy(dtype=bool)
    start = frame["DECOM"]
    known_end = frame["DEC"].where(frame["DEC"] >= start)
    next_start = start.shift(-1).where(~last)
    until = pd.concat([known_end, next_start], axis=1).min(axis=1)
    rne = frame["RNE"]
    same_day = (until.shift() == start).to_numpy()
    restarted = (rne == "S").fillna(False).to_numpy(dtype=bool)
    continues = ~first & same_day & ~restarted
    new_placement = ~continues | rne.isin(NEW_PLACEMENT).fillna(False).to_numpy(dtype=bool)
    new_carer = ~continues | ~rne.isin(SAME_CARER).fillna(False).to_numpy(dtype=bool)
    frame["CHILD_NO"] = pd.factorize(child, sort=True)[0]
    frame["UNTIL"] = until.astype("datetime64[ns]")
    frame["PLACEMENT"] = np.cumsum(new_placement)
    frame["CARE_FROM"] = _spell_start(start, np.cumsum(~continues))
    carer_spell = np.cumsum(new_carer)
    frame["CARER_FROM"] = _spell_start(start, carer_spell)
    earlier = frame["CARER_FROM"].shift().where(pd.Series(new_carer & continues))
    frame["CARER_BEFORE"] = (
        earlier.fillna(frame["CARER_FROM"]).groupby(carer_spell).transform("first")
    )
    frame["SHORT_BREAK"] = frame["LS"].isin(SHORT_BREAKS).fillna(False).astype(bool)
    return frame


def _spell_start(start: pd.Series, spell: np.ndarray) -> pd.Series:
    """Each episode's spell's first start date (``spell`` numbers the spells in order)."""
    return start.groupby(spell).transform("first")
