"""Which cells to hide so that no small count can be worked out from the rest.

Pure arithmetic over *cells* (every count an agenda item publishes, plus
the complements nobody prints but anyone can work out) and the *linear
relations* between them (a total is the sum of its parts). It knows
nothing of KPIs or themes: :mod:`panelapp.metrics.linked` says what the
cells and relations of an item are, and :mod:`panelapp.metrics.disclosure`
applies the answer to the figures.

The attacker here is exact: a hidden cell is *worked out* when the
published values and the relations determine it (any combination of sums
and differences, not only one relation at a time), and a group of hidden
cells is worked out when one relation, or the sum or difference of two,
leaves them adding up to a known value. Optimal suppression over linked
tables is hard (it is an integer programme), so :func:`protect` is a
greedy heuristic followed by a pruning pass; both are explained in
docs/disclosure.md.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations

Key = Hashable
"""A cell's identity: the same count published in two places is one cell."""

Relation = tuple[tuple[Key, int], ...]
"""Cells and coefficients whose weighted sum is zero: (total, 1), (part, -1), …"""

TRIALS = 6
"""How many of the cheapest candidates are tried for one that stops a leak on its own."""


@dataclass(frozen=True)
class Cell:
    """One count: its true value, how much hiding it costs, and whether anyone sees it."""

    value: int
    tier: int = 0
    """Cost class: a breakdown cell (0) is hidden before a headline figure (3)."""
    published: bool = True
    """False for a count no screen or minute prints (the children not in care beside
    'in care'): it is never hidden, only protected from being worked out."""
    known: bool = False
    """Everyone knows it without the figures (a zero shown as 0, a top-N's N): never hidden."""


@dataclass(frozen=True)
class Leak:
    """Hidden cells whose total can be worked out, and that total (1 to the threshold)."""

    cells: frozenset[Key]
    value: int


def primary(cells: Mapping[Key, Cell], threshold: int) -> frozenset[Key]:
    """The published counts from 1 to the threshold: identifying on their own."""
    return frozenset(
        key
        for key, cell in cells.items()
        if cell.published and not cell.known and 0 < cell.value <= threshold
    )


def protect(
    cells: Mapping[Key, Cell],
    relations: Iterable[Relation],
    threshold: int,
    *,
    forced: Iterable[Key] = (),
) -> frozenset[Key]:
    """The cells to hide: the small ones, and enough others that none can be worked out.

    Greedy: while the attacker finds a leak, hide one more published cell
    linked to it, the cheapest by (tier, value) among those that stop it on
    their own, else the cheapest. Then prune: try showing each cell hidden
    that way again, costliest first, and keep it shown when nothing leaks.
    A leak no hidable cell can stop (it follows from constants alone, such
    as 'none of the top 3' giving '3 of the top 3') is accepted.
    """
    rules = _dedupe(relations)
    first = primary(cells, threshold) | frozenset(k for k in forced if k in cells)
    if threshold <= 0:
        return frozenset()
    hidden = set(first)
    accepted: set[frozenset[Key]] = set()

    order = ranks(cells)

    def open_leaks(trial: set[Key]) -> list[Leak]:
        return [
            leak
            for leak in leaks(cells, rules, trial, threshold, order)
            if leak.cells not in accepted
        ]

    by_cell = _index(rules)
    found = open_leaks(hidden)
    while found:
        leak = found[0]
        candidates = _candidates(leak, cells, rules, by_cell, hidden)
        if not candidates:
            accepted.add(leak.cells)
        else:
            stops = (
                c
                for c in candidates[:TRIALS]
                if all(other.cells != leak.cells for other in open_leaks(hidden | {c}))
            )
            hidden.add(next(stops, candidates[0]))
        found = open_leaks(hidden)
    for key in sorted(hidden - first, key=lambda k: (-cells[k].tier, -cells[k].value, repr(k))):
        trial = hidden - {key}
        if not open_leaks(trial):
            hidden = trial
    return frozenset(hidden)


def leaks(
    cells: Mapping[Key, Cell],
    relations: Sequence[Relation],
    hidden: Iterable[Key],
    threshold: int,
    order: Mapping[Key, int] | None = None,
) -> list[Leak]:
    """Everything small an attacker can work out when ``hidden`` cells are not shown.

    Unknown to the attacker: the hidden cells and the unpublished ones. A
    cell is worked out when the relations determine it; a group when one
    relation, or the sum or difference of two, leaves only its cells, each
    counted once, beside known values. A leak's value is from 1 to the
    threshold (zero reveals nothing). ``order`` is :func:`ranks` of the
    cells, worked out once by a caller that asks many times.
    """
    order = ranks(cells) if order is None else order
    hidden = set(hidden)
    unknown = {
        key
        for key, cell in cells.items()
        if (key in hidden or not cell.published) and not cell.known
    }

    def figure(key: Key) -> bool:
        """A count shown on a screen: not a constant such as a top-N's N, not zero."""
        cell = cells[key]
        return key not in unknown and cell.published and not cell.known and cell.value != 0

    rows, read = [], []
    for relation in relations:
        row = {k: c for k, c in relation if k in unknown}
        if row:
            rows.append(row)
            read.append(any(figure(k) for k, _ in relation))
    solved = _peel(rows)
    solved |= _eliminate([row for row in rows if len(row) > 1], order)
    rest = [
        ({k: c for k, c in row.items() if k not in solved}, reads)
        for row, reads in zip(rows, read, strict=True)
    ]
    rest = [(row, reads) for row, reads in rest if len(row) > 1]

    def value(group: Iterable[Key]) -> int:
        return sum(cells[k].value for k in group)

    found: dict[frozenset[Key], Leak] = {}
    for key in solved:
        if 0 < cells[key].value <= threshold:
            found[frozenset((key,))] = Leak(frozenset((key,)), cells[key].value)
    for group in _groups(rest):
        total = value(group)
        if 0 < total <= threshold and group not in found:
            found[group] = Leak(group, total)
    return sorted(found.values(), key=lambda leak: (len(leak.cells), leak.value, _named(leak)))


def _named(leak: Leak) -> list[str]:
    """A leak's cells in a fixed order: a set's own order changes from process to process."""
    return sorted(repr(k) for k in leak.cells)


def ranks(cells: Mapping[Key, Cell]) -> dict[Key, int]:
    """A fixed order of the cells, so the same figures always hide the same cells."""
    return {key: i for i, key in enumerate(sorted(cells, key=repr))}


def _dedupe(relations: Iterable[Relation]) -> list[Relation]:
    """Each relation once. Their order changes nothing: what the attacker works out is
    a property of the relations together, and every answer is sorted by the cells'
    own names before a choice is made from it."""
    return list(dict.fromkeys(relations))


def _index(relations: Sequence[Relation]) -> dict[Key, list[int]]:
    by_cell: dict[Key, list[int]] = defaultdict(list)
    for i, relation in enumerate(relations):
        for key, _ in relation:
            by_cell[key].append(i)
    return by_cell


def _peel(rows: list[dict[Key, int]]) -> set[Key]:
    """Cells alone in a relation are worked out; take them out of the others, and again.

    Cheap, and it settles nearly everything, so the exact elimination that
    follows only sees the few relations left with two unknowns or more.
    ``rows`` are updated in place.
    """
    by_cell: dict[Key, list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        for key in row:
            by_cell[key].append(i)
    solved: set[Key] = set()
    queue = [i for i, row in enumerate(rows) if len(row) == 1]
    while queue:
        row = rows[queue.pop()]
        if len(row) != 1:
            continue
        (key,) = row
        solved.add(key)
        for j in by_cell[key]:
            if rows[j].pop(key, None) is not None and len(rows[j]) == 1:
                queue.append(j)
    return solved


def _eliminate(rows: list[dict[Key, int]], order: Mapping[Key, int]) -> set[Key]:
    """Cells the relations determine together: rows of the reduced echelon form with one entry.

    Gauss-Jordan on sparse rows in exact fractions. Each row's pivot is the
    cell in fewest relations (most are complements in one relation only),
    so eliminating it touches few other rows and rows stay short.
    """
    uses: dict[Key, int] = defaultdict(int)
    for source in rows:
        for key in source:
            uses[key] += 1
    pivots: dict[Key, dict[Key, Fraction]] = {}
    holding: dict[Key, set[Key]] = defaultdict(set)
    """For each cell, the pivots whose rows hold it."""

    def subtract(lead: Key, pivot: Mapping[Key, Fraction], factor: Fraction) -> None:
        row = pivots[lead]
        for key, c in pivot.items():
            value = row.get(key, Fraction(0)) - factor * c
            if value:
                row[key] = value
                holding[key].add(lead)
            else:
                row.pop(key, None)
                holding[key].discard(lead)

    for source in rows:
        row = {k: Fraction(c) for k, c in source.items()}
        for key in [k for k in row if k in pivots]:
            factor = row.get(key)
            if factor:
                for k, c in pivots[key].items():
                    value = row.get(k, Fraction(0)) - factor * c
                    if value:
                        row[k] = value
                    else:
                        row.pop(k, None)
        if not row:
            continue
        lead = min(row, key=lambda k: (uses[k], order[k]))
        scale = row[lead]
        if scale != 1:
            row = {k: c / scale for k, c in row.items()}
        for other in list(holding[lead]):
            subtract(other, row, pivots[other][lead])
        pivots[lead] = row
        for key in row:
            holding[key].add(lead)
    return {key for key, row in pivots.items() if len(row) == 1}


def _groups(rows: list[tuple[dict[Key, int], bool]]) -> set[frozenset[Key]]:
    """Sets of unknown cells whose plain sum one relation, or two together, makes known.

    Each row says whether it reads a published figure: a group is only
    worked out from figures ('the top 3 are 3 children' tells nothing).
    """
    found: set[frozenset[Key]] = set()
    for row, reads in rows:
        if reads:
            _add_group(found, row)
    by_cell = _index([tuple(row.items()) for row, _ in rows])
    for i, j in sorted({pair for ids in by_cell.values() for pair in combinations(ids, 2)}):
        (first, reads), (second, also) = rows[i], rows[j]
        if not (reads or also):
            continue
        for sign in (1, -1):
            merged = dict(first)
            for k, c in second.items():
                merged[k] = merged.get(k, 0) + sign * c
            _add_group(found, {k: c for k, c in merged.items() if c})
    return found


def _add_group(found: set[frozenset[Key]], row: Mapping[Key, int]) -> None:
    coefficients = set(row.values())
    if len(row) > 1 and coefficients in ({1}, {-1}):
        found.add(frozenset(row))


def _candidates(
    leak: Leak,
    cells: Mapping[Key, Cell],
    relations: Sequence[Relation],
    by_cell: Mapping[Key, list[int]],
    hidden: set[Key],
) -> list[Key]:
    """Shown cells linked to the leak through relations among unknown cells, cheapest first."""

    def unknown(key: Key) -> bool:
        cell = cells[key]
        return (key in hidden or not cell.published) and not cell.known

    def hidable(key: Key) -> bool:
        cell = cells[key]
        return cell.published and not cell.known and key not in hidden

    seen_cells = set(leak.cells)
    frontier = list(leak.cells)
    seen: set[int] = set()
    found: set[Key] = set()
    while frontier:
        for i in by_cell.get(frontier.pop(), ()):
            if i in seen:
                continue
            seen.add(i)
            for key, _ in relations[i]:
                if unknown(key):
                    if key not in seen_cells:
                        seen_cells.add(key)
                        frontier.append(key)
                elif hidable(key):
                    found.add(key)
    return sorted(found, key=lambda k: (cells[k].tier, cells[k].value, repr(k)))
