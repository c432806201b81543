"""Identifying values kept out of the figures cache, and read back from the data on demand.

The cache lives in the user's cache folder, outside the pack, where
whoever looks after the machine can read it; a child's id or date of birth
must not be there. A data-quality finding about those columns (an invalid
date of birth, a ragged row quoted whole) is cached with its rule, file,
row and column, marked ``withheld``, without its value. The presenter's
screens never need the value, so reopening a pack reads nothing more; the
views that show it (``panelapp check``, the findings screen) call
:func:`read_back`, which reads the values again from the data file. The
file is unchanged: the cache key holds its hash.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from panelapp.config import Pack
from panelapp.metrics.results import Finding, ItemFigures

if TYPE_CHECKING:
    from panelapp.metrics.reading import Raw

IDENTIFYING_COLUMNS: frozenset[str] = frozenset({"CHILD", "DOB"})
"""Columns whose values identify a child."""

WHOLE_ROW = "ROW"
"""The rule whose value is a whole row as written (one that could not be split into
columns), a child's id and date of birth included."""


def identifying(finding: Finding) -> bool:
    """Whether the finding's value may identify a child, and so is not cached."""
    return bool(finding.value) and (
        finding.column in IDENTIFYING_COLUMNS or finding.rule == WHOLE_ROW
    )


def withhold(findings: Sequence[Finding]) -> tuple[Finding, ...]:
    """The findings with identifying values blanked and marked ``withheld``.

    Messages never quote an identifying value (the rules word them so), so
    the value is all there is to leave out.
    """
    return tuple(
        replace(finding, value="", withheld=True) if identifying(finding) else finding
        for finding in findings
    )


def read_back(pack: Pack, figures: ItemFigures) -> ItemFigures:
    """``figures`` with every withheld value read again from the item's data files.

    The same object when nothing was withheld. When a value cannot be found
    as it was (a file renamed or rewritten since the figures were cached),
    the findings are computed afresh, so a view never shows a wrong value.
    """
    findings = figures.findings
    wanted = [position for position, finding in enumerate(findings) if finding.withheld]
    if not wanted:
        return figures
    restored = _read(pack, figures, wanted)
    if restored is None:
        from panelapp.metrics.engine import compute_item

        restored = compute_item(pack, figures.item).findings
    return replace(figures, findings=restored)


def _read(pack: Pack, figures: ItemFigures, wanted: Sequence[int]) -> tuple[Finding, ...] | None:
    from panelapp.metrics.reading import DataError, read_file

    item = figures.item
    kind = item.record_kind
    # Each file with the columns it is read for: an SSDA903 pack's header file has its own.
    reads = {pack.folder / source: (kind.columns, kind.required) for source in item.data.episodes}
    if item.data.header is not None:
        reads[pack.folder / item.data.header] = (kind.header, ("CHILD",))
    files = list(reads)
    by_name = {path.name: path for path in files}
    if len(by_name) != len(files):
        return None  # two files of one name: a finding's source cannot tell them apart
    by_source: dict[str, list[int]] = {}
    for position in wanted:
        by_source.setdefault(figures.findings[position].source, []).append(position)
    restored = list(figures.findings)
    for source, positions in by_source.items():
        if source not in by_name:
            return None
        try:
            raw = read_file(by_name[source], item.columns, *reads[by_name[source]])
        except (DataError, OSError):
            return None
        values = _values(raw, [restored[p] for p in positions])
        if values is None:
            return None
        for position, value in zip(positions, values, strict=True):
            restored[position] = replace(restored[position], value=value, withheld=False)
    return tuple(restored)


def _values(raw: Raw, findings: Sequence[Finding]) -> list[str] | None:
    """Each finding's value as the rules saw it: trimmed text, or the ragged row's text."""
    import numpy as np

    from panelapp.metrics.coded import Coded

    ragged = {f.row: f.value for f in raw.findings if f.rule == WHOLE_ROW}
    columns: dict[str, Coded] = {}
    values = []
    for finding in findings:
        if finding.rule == WHOLE_ROW:
            if finding.row not in ragged:
                return None
            values.append(ragged[finding.row])
            continue
        if finding.column not in raw.columns or finding.row is None:
            return None
        if finding.column not in columns:
            columns[finding.column] = Coded.encode(raw.columns[finding.column])
        index = int(np.searchsorted(raw.rows, finding.row))
        if index >= len(raw.rows) or raw.rows[index] != finding.row:
            return None
        values.append(columns[finding.column].texts(np.array([index]))[0])
    return values
