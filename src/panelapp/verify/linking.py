"""Which figure of the pack a statement speaks of, by its own words.

A statement is linked to the target whose name its words say most of:
each word weighs one over the number of targets named with it, so "care"
decides where "children" cannot. A name counts only when more than half
of its words are said. Ties go to the theme the sentence names, then to
the words before the figure; a tie that still stands between two figures
that differ is not guessed: the statement cannot be told, and the reason
says which two and how to decide (``quoted_as``).
"""

from __future__ import annotations

from dataclasses import dataclass

from panelapp.verify.phrases import Quote, Statement
from panelapp.verify.targets import Target
from panelapp.verify.words import Words, matched, words

_MIN_SHARE_OF_NAME = 0.5
"""More than this share of a name's words must be said for it to count at all."""


_OWN_FIGURES = ("relative", "points", "top")
"""Changes and top-N: only a KPI has them, and two KPIs' never count as the same."""


@dataclass(frozen=True)
class Link:
    """The target a statement speaks of, or why none can be named."""

    target: Target | None
    reason: str = ""
    """Why no target: no name is said, or two are and the words do not decide."""


def fits(target: Target, quote: Quote) -> bool:
    """Whether ``target`` has a figure of the kind ``quote`` is."""
    kpi = target.kpi
    if quote.kind == "top":
        return kpi is not None and kpi.measure == "top_n_share"
    if quote.kind in ("relative", "points"):
        return kpi is not None and (quote.kind == "relative" or target.unit == "percent")
    if quote.kind == "hours":
        return target.unit == "hours"
    if quote.role == "matching":
        return kpi is not None and kpi.matching is not None
    if quote.role == "previous" and target.kind != "kpi":
        return False
    if quote.role in ("numerator", "denominator"):
        return target.unit == "percent"
    if quote.kind in ("percent", "fraction"):
        return target.unit == "percent"
    return target.unit == "count" or target.unit == "percent"


def link(statement: Statement, targets: list[Target], weights: dict[str, float]) -> Link:
    """The target the statement's words name, or why there is none."""
    said = words(statement.words)
    sentence = words(statement.sentence)
    before = words(statement.before)
    ranked = []
    for target in targets:
        if not all(fits(target, quote) for quote in statement.quotes):
            continue
        score, share = _best(target.names, said, weights)
        if share <= _MIN_SHARE_OF_NAME:
            continue
        context = _best((target.context,), sentence, {})[0] if target.context else 0.0
        second = _best(target.names, before, weights)[0]
        ranked.append(((score, share, context, second), target))
    if not ranked:
        return Link(None, "no figure of the pack is named by these words")
    ranked.sort(key=lambda entry: (entry[0], -entry[1].order), reverse=True)
    key, best = ranked[0]
    rivals = [t for k, t in ranked[1:] if k == key and not _same(t, best, statement)]
    if rivals:
        return Link(
            None,
            f"the words fit both {best.title} and {rivals[0].title}; add quoted_as "
            "to the one meant in the pack",
        )
    return Link(best)


def _best(names: tuple[Words, ...], said: Words, weights: dict[str, float]) -> tuple[float, float]:
    """(weight of the words said, share of the name said) for the name said most of."""
    best = (0.0, 0.0)
    for name in names:
        if not name.tokens:
            continue
        found = matched(name, said)
        score = sum(weights.get(word, 1.0) for word in found)
        best = max(best, (score, len(found) / len(name.tokens)))
    return best


def _same(one: Target, other: Target, statement: Statement) -> bool:
    """Whether two targets give the same figures for every quote: then either will do."""
    if one.unit != other.unit:
        return False
    a, b = one.current, other.current
    needs_counts = any(q.kind == "count" for q in statement.quotes)
    if any(
        q.kind in ("relative", "points", "top") or q.role == "previous" for q in statement.quotes
    ):
        return False
    if one.unit == "percent" and not _close(a.value, b.value):
        return False
    if needs_counts and (a.numerator, a.denominator) != (b.numerator, b.denominator):
        return False
    return one.unit == "percent" or _close(a.value, b.value)


def _close(x: float | None, y: float | None) -> bool:
    return x is not None and y is not None and abs(x - y) < 1e-9
