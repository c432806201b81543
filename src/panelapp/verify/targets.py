"""The figures of a pack a report may quote, each with the words that name it.

A KPI, a theme's highlight, a cell of a theme's breakdown and a theme's
cohort: each becomes a :class:`Target` holding the engine's own figures
(never recomputed) and the names a report may call it by: the KPI's
subject and title, a highlight's label, a category, and the pack's
``quoted_as`` phrases.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Literal

from panelapp.config import Item
from panelapp.metrics.results import Figure, ItemFigures, KpiResult
from panelapp.verify.words import Words, words

TargetKind = Literal["kpi", "highlight", "cell", "cohort"]


@dataclass(frozen=True)
class Target:
    """One figure of the pack a report may speak of."""

    id: str
    """'looked_after_share'; 'repeat.male' for a highlight; 'repeat.sex.Male' for a cell."""
    title: str
    """How a person knows it: 'Missing children in care', 'Repeat missing children: male'."""
    kind: TargetKind
    unit: str
    """'percent', 'count' or 'hours': what the value is."""
    names: tuple[Words, ...]
    context: Words | None
    """The theme (and breakdown) it belongs to: decides between a highlight and a KPI."""
    current: Figure
    previous: Figure | None = None
    kpi: KpiResult | None = None
    """For changes and top-N: the engine's whole result."""
    bases: tuple[tuple[str, int], ...] = ()
    """Other bases of the item, for telling 'a share of the wrong base'."""
    available: bool = True
    reason: str = ""
    order: int = 0
    """Earlier targets win a tie whose figures agree: a KPI before a highlight before a cell."""
    listed: bool = True
    """Whether a report that never quotes it is told so (KPIs and highlights)."""


def targets_of(figures: ItemFigures, item: Item) -> list[Target]:
    """Every figure of an item's private figures a report may quote, in order of preference."""
    found: list[Target] = []
    specs = {kpi.id: kpi for kpi in item.kpis}
    for kpi in figures.kpis:
        spec = specs.get(kpi.id)
        phrases = [kpi.title, *(spec.quoted_as if spec else ())]
        if spec is not None and spec.subject:
            phrases.append(spec.subject)
        found.append(
            Target(
                id=kpi.id,
                title=kpi.title,
                kind="kpi",
                unit=kpi.unit,
                names=tuple(words(p) for p in phrases),
                context=None,
                current=kpi.current,
                previous=kpi.previous,
                kpi=kpi,
                available=kpi.available,
                reason=kpi.reason,
            )
        )
    theme_specs = {theme.id: theme for theme in item.themes}
    for theme in figures.themes:
        spec_theme = theme_specs.get(theme.id)
        highlight_specs = {h.id: h for h in spec_theme.highlights} if spec_theme else {}
        context = words(theme.title)
        cohort = theme.cohort
        for h in theme.highlights:
            h_spec = highlight_specs.get(h.id)
            phrases = [h.label, *(h_spec.quoted_as if h_spec else ())]
            found.append(
                Target(
                    id=f"{theme.id}.{h.id}",
                    title=f"{theme.title}: {h.label}",
                    kind="highlight",
                    unit="percent",
                    names=tuple(words(p) for p in phrases),
                    context=context,
                    current=Figure(h.share, h.count, h.base),
                    available=theme.available,
                    reason=theme.reason,
                )
            )
        for b in theme.breakdowns:
            for row in b.rows:
                found.append(
                    Target(
                        id=f"{theme.id}.{b.dimension}.{row.category}",
                        title=f"{theme.title}, {b.title.lower()}: {row.category}",
                        kind="cell",
                        unit="percent",
                        names=(words(row.category),),
                        context=context,
                        current=Figure(row.share, row.count, cohort),
                        available=theme.available,
                        reason=theme.reason,
                        listed=False,
                    )
                )
        found.append(
            Target(
                id=theme.id,
                title=theme.title,
                kind="cohort",
                unit="count",
                names=(context,),
                context=None,
                current=Figure(None if cohort is None else float(cohort)),
                available=theme.available,
                reason=theme.reason,
                listed=False,
            )
        )
    bases = _bases(found)
    return [
        _with(t, order=i, bases=tuple(b for b in bases if b[1] != t.current.denominator))
        for i, t in enumerate(found)
    ]


def _bases(targets: list[Target]) -> list[tuple[str, int]]:
    """Each distinct count of the item a share could wrongly be taken of, with what it counts."""
    seen: dict[int, str] = {}
    for t in targets:
        if t.kind == "cell":
            continue
        fig = t.current
        if fig.denominator:
            seen.setdefault(fig.denominator, f"the base of {t.title.lower()}")
        if t.kind == "highlight" and fig.numerator:
            seen.setdefault(fig.numerator, t.title.split(": ", 1)[-1])
        if t.unit == "count" and fig.value:
            seen.setdefault(int(fig.value), t.title.lower())
    return [(label, count) for count, label in seen.items()]


def weights(targets: list[Target]) -> dict[str, float]:
    """A word's weight: 1 over how many targets are named with it, so rare words decide."""
    counts: Counter[str] = Counter()
    for t in targets:
        counts.update(set().union(*(name.tokens for name in t.names)))
    return {word: 1.0 / n for word, n in counts.items()}


def _with(target: Target, **changes: object) -> Target:
    from dataclasses import replace

    return replace(target, **changes)  # type: ignore[arg-type]
