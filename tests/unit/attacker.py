"""An attacker for the disclosure tests: what can be worked out from what is published.

Written apart from the method it checks (:mod:`panelapp.metrics.suppression`):
null spaces in floating point rather than exact elimination, and relations
stated from what an analyst knows of the pack (the JSON's structure and the
config's definitions), not from the engine's population keys.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import combinations
from typing import Any

import numpy as np


class Attacker:
    """Facts (true value, and what is published of it) and the sums an analyst knows."""

    def __init__(self, threshold: int = 5) -> None:
        self.threshold = threshold
        self.truth: dict[str, int] = {}
        self.shown: dict[str, int | None] = {}
        self.parent: dict[str, str] = {}
        self.rows: list[dict[str, int]] = []
        self.constants: set[str] = set()

    def know(self, name: str, truth: float | None, shown: float | None) -> None:
        """A published figure: its true value, and the value shown (None when hidden)."""
        if truth is None:
            return
        value = round(truth)
        assert shown is None or round(shown) == value, f"{name}: shown {shown}, true {value}"
        self.truth[name] = value
        if self.shown.get(name) is None:
            self.shown[name] = None if shown is None else value
        self.parent.setdefault(name, name)

    def constant(self, name: str, value: int) -> None:
        """A number the pack fixes (a top-N's N): known, but no figure about children."""
        self.know(name, value, value)
        self.constants.add(name)

    def unpublished(self, name: str, truth: int) -> None:
        """A count nobody prints but everybody can think of (the children not in care)."""
        self.know(name, truth, None)

    def same(self, a: str, b: str) -> None:
        """Two figures counting the same children or episodes."""
        if a not in self.truth or b not in self.truth:
            return
        assert self.truth[a] == self.truth[b], f"{a} = {self.truth[a]} but {b} = {self.truth[b]}"
        self.parent[self._root(a)] = self._root(b)

    def adds_up(self, total: str, parts: Iterable[str]) -> None:
        """The total is the sum of the parts (all must be known facts)."""
        parts = list(parts)
        if total not in self.truth or any(p not in self.truth for p in parts):
            return
        assert self.truth[total] == sum(self.truth[p] for p in parts), (total, parts)
        row = {total: 1}
        for part in parts:
            row[part] = row.get(part, 0) - 1
        self.rows.append(row)

    def share(self, part: str, base: str, rest: str) -> None:
        """The base is the part plus the rest (a complement nobody prints)."""
        if part in self.truth and base in self.truth:
            self.unpublished(rest, self.truth[base] - self.truth[part])
            self.adds_up(base, [part, rest])

    def _root(self, name: str) -> str:
        while self.parent[name] != name:
            name = self.parent[name]
        return name

    def recovered(self) -> list[tuple[tuple[str, ...], int]]:
        """Every hidden count, or group of hidden counts, worked out at 1 to the threshold."""
        members: dict[str, list[str]] = {}
        for name in self.truth:
            members.setdefault(self._root(name), []).append(name)
        known = {
            root for root, names in members.items() if any(self.shown[n] is not None for n in names)
        }
        rows, figures = [], []
        for row in self.rows:
            merged: dict[str, int] = {}
            for name, c in row.items():
                root = self._root(name)
                if root not in known:
                    merged[root] = merged.get(root, 0) + c
            merged = {k: c for k, c in merged.items() if c}
            if merged:
                rows.append(merged)
                # Whether the sum leans on a published figure, not only on constants.
                figures.append(
                    any(
                        self._root(n) in known and n not in self.constants and self.truth[n]
                        for n in row
                    )
                )
        solved = _determined(rows)
        found = []
        for root in sorted(solved):
            value = self.truth[root]
            if 0 < value <= self.threshold:
                found.append((tuple(members[root]), value))
        left = [
            ({k: c for k, c in row.items() if k not in solved}, reads)
            for row, reads in zip(rows, figures, strict=True)
        ]
        left = [(row, reads) for row, reads in left if len(row) > 1]
        combined = [row for row, reads in left if reads]
        holding: dict[str, list[int]] = {}
        for i, (row, _) in enumerate(left):
            for k in row:
                holding.setdefault(k, []).append(i)
        pairs = {pair for rows_of in holding.values() for pair in combinations(rows_of, 2)}
        for i, j in sorted(pairs):
            (a, reads), (b, also) = left[i], left[j]
            if reads or also:
                for sign in (1, -1):
                    merged = dict(a)
                    for k, c in b.items():
                        merged[k] = merged.get(k, 0) + sign * c
                    combined.append({k: c for k, c in merged.items() if c})
        for row in combined:
            if len(row) > 1 and set(row.values()) in ({1}, {-1}):
                value = sum(self.truth[k] for k in row)
                if 0 < value <= self.threshold:
                    found.append((tuple(sorted(n for k in row for n in members[k])), value))
        return found


def _determined(rows: list[dict[str, int]]) -> set[str]:
    """Unknowns the rows fix: a zero in every null-space vector, found per connected part."""
    parent: dict[str, str] = {}

    def root(name: str) -> str:
        while parent.setdefault(name, name) != name:
            name = parent[name]
        return name

    for row in rows:
        first, *rest = row
        for other in rest:
            parent[root(other)] = root(first)
    parts: dict[str, list[dict[str, int]]] = {}
    for row in rows:
        parts.setdefault(root(next(iter(row))), []).append(row)
    solved: set[str] = set()
    for part in parts.values():
        names = sorted({k for row in part for k in row})
        column = {name: i for i, name in enumerate(names)}
        matrix = np.zeros((len(part), len(names)))
        for i, row in enumerate(part):
            for name, c in row.items():
                matrix[i, column[name]] = c
        _, singular, vt = np.linalg.svd(matrix)
        null = vt[int((singular > 1e-9).sum()) :]
        solved |= {name for name in names if np.abs(null[:, column[name]]).max(initial=0) < 1e-9}
    return solved


COUNTS = ("distinct_count", "record_count")
ADDING_UP = {
    "record_count": ("value",),
    "rate_episodes": ("numerator", "denominator"),
    "top_n_share": ("denominator",),
}
"""Which counts of a KPI add up over the months: counts of episodes, never of children."""


def read_item(
    attacker: Attacker,
    private: Mapping[str, Any],
    public: Mapping[str, Any],
    kinds: Mapping[str, str],
) -> None:
    """What the JSON of ``check --json`` says, and the sums its structure implies.

    ``kinds`` gives each KPI's measure ('rate_episodes' for a share of episodes).
    """
    for true_kpi, shown_kpi in zip(private["kpis"], public["kpis"], strict=True):
        kind = kinds[true_kpi["id"]]
        for when, prefix, months in (
            ("current", "", "months"),
            ("previous", "previous_", "previous_months"),
        ):
            name = f"{true_kpi['id']}.{when}"
            _figure(attacker, name, kind, true_kpi, shown_kpi, prefix)
            parts = []
            for true_month, shown_month in zip(true_kpi[months], shown_kpi[months], strict=True):
                part = f"{name}.{true_month['month']}"
                _figure(attacker, part, kind, true_month, shown_month, "")
                parts.append(part)
            for slot in ADDING_UP.get(kind, ()):
                attacker.adds_up(f"{name}.{slot}", [f"{p}.{slot}" for p in parts])
        if kind in COUNTS and shown_kpi["change"] is not None:
            # A previous figure with its change publishes the current one.
            attacker.know(f"{true_kpi['id']}.change", true_kpi["change"], shown_kpi["change"])
            attacker.adds_up(
                f"{true_kpi['id']}.current.value",
                [f"{true_kpi['id']}.previous.value", f"{true_kpi['id']}.change"],
            )
    for true_theme, shown_theme in zip(private["themes"], public["themes"], strict=True):
        name = true_theme["id"]
        attacker.know(f"{name}.cohort", true_theme["cohort"], shown_theme["cohort"])
        pairs = zip(true_theme["highlights"], shown_theme["highlights"], strict=True)
        for true_h, shown_h in pairs:
            h = f"{name}.{true_h['id']}"
            attacker.know(f"{h}.count", true_h["count"], shown_h["count"])
            attacker.know(f"{h}.base", true_h["base"], shown_h["base"])
            if shown_h["share"] is not None and shown_h["base"] is not None:
                attacker.know(f"{h}.count", true_h["count"], shown_h["share"] * shown_h["base"])
            attacker.share(f"{h}.count", f"{h}.base", f"{h}.not")
        tables = zip(true_theme["breakdowns"], shown_theme["breakdowns"], strict=True)
        for true_b, shown_b in tables:
            rows = []
            for true_row, shown_row in zip(true_b["rows"], shown_b["rows"], strict=True):
                row = f"{name}.{true_b['dimension']}.{true_row['category']}"
                attacker.know(row, true_row["count"], shown_row["count"])
                rows.append(row)
            attacker.adds_up(f"{name}.cohort", rows)


def _figure(
    attacker: Attacker,
    name: str,
    kind: str,
    true: Mapping[str, Any],
    shown: Mapping[str, Any],
    prefix: str,
) -> None:
    value = "value" if prefix == "" else "previous"
    if kind in COUNTS:
        attacker.know(f"{name}.value", true[value], shown[value])
        return
    numerator, denominator = f"{prefix}numerator", f"{prefix}denominator"
    attacker.know(f"{name}.numerator", true[numerator], shown[numerator])
    attacker.know(f"{name}.denominator", true[denominator], shown[denominator])
    if shown[value] is not None and shown[denominator] is not None:
        # A share beside its base publishes its numerator.
        attacker.know(f"{name}.numerator", true[numerator], shown[value] * shown[denominator])
    attacker.share(f"{name}.numerator", f"{name}.denominator", f"{name}.not")
