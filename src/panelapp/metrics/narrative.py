"""Sentences in minutes language, filled in with a result's own figures.

A pack may give its own template per KPI, highlight and theme; placeholders
are ``{name}`` and nothing else (no expressions, no attribute access), so a
template can never run code. A KPI's sentence may also cite another KPI of
the same item as ``{kpi.ID.name}``, so one sentence can carry two figures.
Written after disclosure control, so a public sentence carries the
suppression symbol, never the hidden number, for its own figure and for a
cited one alike.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from panelapp.config import Kpi, Pack
from panelapp.metrics import format as fmt
from panelapp.metrics.results import Change, HighlightResult, ItemFigures, KpiResult, ThemeResult
from panelapp.vocabulary import (  # noqa: F401 - where the sentences have always found them
    CITED,
    HIGHLIGHT_PLACEHOLDERS,
    KPI_PLACEHOLDERS,
    PLACEHOLDER,
    THEME_PLACEHOLDERS,
    cited,
    placeholders,
)

DEFAULT_KPI = {
    "distinct_count": "There was {change} in the total number of {subject} in {period} "
    "in comparison to {previous_period}.",
    "record_count": "There was {change} in the total number of {subject} in {period} "
    "in comparison to {previous_period}.",
    "share": "{value} ({numerator} of {denominator}) {subject}{comparison}.",
    "rate": "{value} ({numerator} of {denominator}) {subject}{comparison}.",
    "top_n_share": "The top {n_words} {subject} accounted for {value} of all missing "
    "episodes{comparison}.",
    "median_duration": "The median {subject} was {value} in {period}{comparison}.",
    "external": "{title} was {value} in {period}{comparison}.",
}
"""House-style sentences used when a pack gives no template of its own."""

DEFAULT_WITHOUT_PREVIOUS = "{title}: {value} in {period}."
"""For counts with nothing to compare with, where 'a 20% reduction' cannot be said."""

DEFAULT_HIGHLIGHT = "{percent} {label}"
DEFAULT_THEME = "Key themes of {title} included {highlights}."


def fill(template: str, values: Mapping[str, str]) -> str:
    """Substitute ``{name}``; names were validated when the pack was read."""
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def write(figures: ItemFigures, pack: Pack) -> ItemFigures:
    """The figures with every narrative sentence filled in."""
    decimals = pack.display.percent_decimals
    symbol = pack.disclosure.symbol
    specs = {k.id: k for k in figures.item.kpis}
    values = {
        kpi.id: kpi_values(kpi, _subject(kpi, specs), decimals, symbol, figures.public)
        for kpi in figures.kpis
    }
    # Every KPI of the item, as '{kpi.ID.name}' may cite it: the figures as presented.
    citable = {
        f"{CITED}.{kpi_id}.{name}": text
        for kpi_id, own in values.items()
        for name, text in own.items()
    }
    kpis = []
    for kpi in figures.kpis:
        spec = specs.get(kpi.id)
        template = spec.narrative if spec is not None and spec.narrative else _default(kpi)
        sentence = (
            _sentence_case(fill(template, {**citable, **values[kpi.id]}))
            if kpi.available
            else f"{kpi.title}: {kpi.reason}."
        )
        kpis.append(replace(kpi, narrative=sentence))
    themes = tuple(_theme(t, figures, decimals, symbol) for t in figures.themes)
    return replace(figures, kpis=tuple(kpis), themes=themes)


def _subject(kpi: KpiResult, specs: Mapping[str, Kpi]) -> str:
    spec = specs.get(kpi.id)
    return spec.subject if spec is not None and spec.subject else kpi.title.lower()


def _default(kpi: KpiResult) -> str:
    if kpi.measure in ("distinct_count", "record_count") and kpi.change is None:
        return DEFAULT_WITHOUT_PREVIOUS
    return DEFAULT_KPI[kpi.measure]


def kpi_sentence(
    kpi: KpiResult,
    template: str,
    subject: str,
    decimals: int = 0,
    symbol: str = "[c]",
    public: bool = False,
) -> str:
    """One KPI's sentence, e.g. '25% (105) of the 425 children had been …'."""
    if not kpi.available:
        return f"{kpi.title}: {kpi.reason}."
    return _sentence_case(fill(template, kpi_values(kpi, subject, decimals, symbol, public)))


def kpi_values(
    kpi: KpiResult, subject: str, decimals: int = 0, symbol: str = "[c]", public: bool = False
) -> dict[str, str]:
    """What each of :data:`KPI_PLACEHOLDERS` says of ``kpi``, as presented."""
    previous_label = kpi.previous_period.name if kpi.previous_period else ""
    return {
        "value": fmt.figure(kpi.current, kpi.unit, decimals, symbol),
        "numerator": _count(kpi.current.numerator, kpi.current.suppressed, symbol),
        "denominator": _count(kpi.current.denominator, kpi.current.suppressed, symbol),
        "previous": fmt.figure(kpi.previous, kpi.unit, decimals, symbol),
        "period": kpi.period.name,
        "previous_period": previous_label,
        "change": _change_noun(kpi.change),
        "comparison": _comparison(kpi, previous_label),
        "subject": subject,
        "title": kpi.title,
        "n": str(kpi.n),
        "n_words": fmt.in_words(kpi.n),
        "matching": _matching(kpi, symbol, public),
    }


def _count(value: int | None, suppressed: bool, symbol: str) -> str:
    # A hidden share keeps its base where the base is published anyway.
    return fmt.counted(value, symbol) if suppressed else fmt.count(value)


def _change_noun(change: Change | None) -> str:
    """'a 20% reduction' / 'a 5% increase' / 'no change'."""
    if change is None or change.relative is None:
        return "no comparable change"
    if change.direction == "same":
        return "no change"
    word = "reduction" if change.direction == "down" else "increase"
    return f"a {fmt.relative(change)} {word}"


def _comparison(kpi: KpiResult, previous_label: str) -> str:
    """', which was 23% lower than for 2020'.

    A share compares its counts, as the minute does (134 children against
    174); a rate compares in percentage points, since '5% higher' of a
    percentage misleads; anything else compares its value.
    """
    if not previous_label:
        return ""
    change, in_points = compared_change(kpi)
    if change is None:
        return ""
    if change.direction == "same":
        return f", the same as for {previous_label}"
    if in_points:
        points = fmt.round_half_up(abs(change.absolute) * 100, 0)
        size = f"{points} percentage point{'' if points == 1 else 's'}"
    elif change.relative is None:
        # No percentage of nothing: the previous period had none.
        return f", compared with none for {previous_label}"
    else:
        size = fmt.relative(change)
    word = "lower" if change.direction == "down" else "higher"
    return f", which was {size} {word} than for {previous_label}"


def compared_change(kpi: KpiResult) -> tuple[Change | None, bool]:
    """The change '{comparison}' speaks of, and whether it is in percentage points.

    A share compares its counts (134 children against 174), a rate its
    points, anything else its value; shared with the report check, so a
    report is held to the comparison the minute itself would make.
    """
    if kpi.count_change is not None:
        return kpi.count_change, False
    if kpi.change is not None and kpi.unit == "percent":
        return kpi.change, True
    return kpi.change, False


def _matching(kpi: KpiResult, symbol: str, public: bool) -> str:
    """'all 20 of them' / '17 of them': the top children with the KPI's 'matching' property."""
    if kpi.matching is None:
        # Hidden by disclosure control, or the KPI names no property to count.
        return f"{symbol} of them" if public else ""
    if kpi.matching == kpi.n:
        return f"all {kpi.n} of them"
    if kpi.matching == 0:
        return "none of them"
    return f"{kpi.matching} of them"


def _theme(theme: ThemeResult, figures: ItemFigures, decimals: int, symbol: str) -> ThemeResult:
    spec = next((t for t in figures.item.themes if t.id == theme.id), None)
    highlights = []
    for h in theme.highlights:
        template = DEFAULT_HIGHLIGHT
        if spec is not None:
            template = next(
                (s.narrative for s in spec.highlights if s.id == h.id and s.narrative), template
            )
        highlights.append(replace(h, narrative=_highlight_sentence(h, template, decimals, symbol)))
    if not theme.available:
        return replace(
            theme, highlights=tuple(highlights), narrative=f"{theme.title}: {theme.reason}."
        )
    sub_of = {s.id: s.base for s in spec.highlights} if spec is not None else {}
    joined = _join_highlights(highlights, sub_of)
    template = spec.narrative if spec is not None and spec.narrative else DEFAULT_THEME
    values = {
        "title": theme.title.lower(),
        "cohort": symbol if theme.cohort_suppressed else fmt.count(theme.cohort),
        "highlights": joined,
        "period": figures.period.name,
    }
    return replace(
        theme, highlights=tuple(highlights), narrative=_sentence_case(fill(template, values))
    )


def _highlight_sentence(h: HighlightResult, template: str, decimals: int, symbol: str) -> str:
    values = {
        "percent": symbol if h.suppressed else fmt.percent(h.share, decimals),
        "count": _count(h.count, h.suppressed, symbol),
        "base": _count(h.base, h.suppressed, symbol),
        "label": h.label,
    }
    return fill(template, values)


def _join_highlights(highlights: list[HighlightResult], sub_of: Mapping[str, str]) -> str:
    """'a; b, of whom c; d and e': a highlight over another's children follows it with a comma."""
    clauses: list[str] = []
    for h in highlights:
        if sub_of.get(h.id) and clauses:
            clauses[-1] = f"{clauses[-1]}, {h.narrative}"
        else:
            clauses.append(h.narrative)
    if len(clauses) > 1:
        return "; ".join(clauses[:-1]) + " and " + clauses[-1]
    return "".join(clauses)


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text
