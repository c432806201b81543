"""Sentences in minutes language, filled in with a result's own figures.

A pack may give its own template per KPI, highlight and theme; placeholders
are ``{name}`` and nothing else (no expressions, no attribute access), so a
template can never run code. A KPI's sentence may also cite another KPI of
the same item as ``{kpi.ID.name}``, so one sentence can carry two figures.
Written after disclosure control, so a public sentence carries the
suppression symbol, never the hidden number, for its own figure and for a
cited one alike.

A sentence never says what the figures do not: a template is used only
when every placeholder it names has a value in this case (:func:`fillable`),
else the next in line (the pack's sentence without a previous figure, the
measure's own, the plainest), so no minute states a change against a
period with no data, writes 'n/a', or says "included" before an empty list.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from panelapp.config import Kpi, Pack, Theme
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
    "looked_after": "The number of {subject} on {end} was {value}{comparison}.",
    "short_term_stability": "{value} ({numerator} of {denominator}) of the {subject} on {end} "
    "had three or more placements during {period}{comparison}.",
    "long_term_stability": "{value} ({numerator} of {denominator}) of the children under 16 "
    "who on {end} had been looked after for at least two and a half years had lived with "
    "the same carer for at least two years{comparison}.",
}
"""House-style sentences used when a pack gives no template of its own."""

DEFAULT_SUBJECT = dict.fromkeys(
    ("looked_after", "short_term_stability", "long_term_stability"), "children looked after"
)
"""The subject of a measure's own sentence when the pack names none (else the title)."""

DEFAULT_WITHOUT_PREVIOUS = "{title}: {value} in {period}."
"""For counts with nothing to compare with, where 'a 20% reduction' cannot be said."""

NOTHING_TO_COUNT = "{title}: no figure for {period} (nothing to count)."
"""For a share of nothing: no base, so no percentage to state."""

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
    by_id = {kpi.id: kpi for kpi in figures.kpis}
    kpis = []
    for kpi in figures.kpis:
        template = kpi_template(kpi, specs.get(kpi.id), by_id, figures.public)
        sentence = (
            _sentence_case(fill(template, {**citable, **values[kpi.id]}))
            if template is not None
            else f"{kpi.title}: {kpi.reason}."
        )
        kpis.append(replace(kpi, narrative=sentence))
    themes = tuple(_theme(t, figures, decimals, symbol) for t in figures.themes)
    return replace(figures, kpis=tuple(kpis), themes=themes)


def kpi_template(
    kpi: KpiResult, spec: Kpi | None, kpis: Mapping[str, KpiResult], public: bool
) -> str | None:
    """The template the KPI's sentence is written from, in the case its figures are in.

    The pack's own when every placeholder it names has a value, else its
    sentence for no previous figure, else the measure's own, else the plainest;
    None for a KPI that is not available (its sentence says why). The minute
    asks too: a KPI cited by a sentence that could not be used gets its own.
    """
    if not kpi.available:
        return None
    line = (
        spec.narrative if spec is not None else "",
        spec.narrative_without_previous if spec is not None else "",
        DEFAULT_KPI[kpi.measure],
        DEFAULT_WITHOUT_PREVIOUS,
    )
    for template in line:
        if template and not unfilled(template, kpi, spec, kpis, public):
            return template
    return NOTHING_TO_COUNT


def unfilled(
    template: str, kpi: KpiResult, spec: Kpi | None, kpis: Mapping[str, KpiResult], public: bool
) -> list[str]:
    """The placeholders of ``template`` that have no value for ``kpi`` in this case."""
    missing = []
    for name in sorted(placeholders(template)):
        citation = cited(name)
        if citation is None:
            if not fillable(name, kpi, spec, public):
                missing.append(name)
            continue
        other = kpis.get(citation[0])
        if other is None or not other.available or not fillable(citation[1], other, None, public):
            missing.append(name)
    return missing


def fillable(name: str, kpi: KpiResult, spec: Kpi | None, public: bool) -> bool:
    """Whether placeholder ``name`` has something true to say of ``kpi``.

    A hidden figure has: the suppression symbol. A figure never made (a
    count's numerator, a share of nothing, last period's figure when the
    records do not cover it) has not, and neither has a change with a side
    missing, nor the top children's property when the KPI names none.
    """
    current = kpi.current
    if name == "value":
        return current.value is not None or current.suppressed
    if name in ("numerator", "denominator"):
        return getattr(current, name) is not None or current.suppressed
    if name in ("previous", "previous_period"):
        previous = kpi.previous
        return previous is not None and (previous.value is not None or previous.suppressed)
    if name == "change":
        return kpi.change is not None
    if name == "matching":
        named = spec is None or spec.matching is not None
        return named and kpi.measure == "top_n_share" and (kpi.matching is not None or public)
    return True


def _subject(kpi: KpiResult, specs: Mapping[str, Kpi]) -> str:
    spec = specs.get(kpi.id)
    if spec is not None and spec.subject:
        return spec.subject
    return DEFAULT_SUBJECT.get(kpi.measure, kpi.title.lower())


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
        "end": fmt.long_day(kpi.period.end),
        "previous_period": previous_label,
        "change": _change_noun(kpi.change, kpi.unit),
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


def _change_noun(change: Change | None, unit: str) -> str:
    """'a 20% reduction' / 'a 5% increase' / 'no change' / 'an increase of 300' (from none).

    Only a change that happened is worded: with a side missing there is no
    change to state, and the sentence that needs one is not used (:func:`fillable`).
    """
    if change is None:
        return ""
    if change.direction == "same":
        return "no change"
    word = "reduction" if change.direction == "down" else "increase"
    if change.relative is None:
        # No percentage of nothing: the size of the change, in the figure's own unit.
        size = fmt.signed(change, unit).lstrip("+−±")
        if unit == "percent":
            size = size.replace(" pts", " percentage points").replace(" pt", " percentage point")
        article = "an" if word == "increase" else "a"
        return f"{article} {word} of {size}"
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
    joined = _join_highlights([h for h in highlights if h.narrative], sub_of)
    template = theme_template(spec)
    values = {
        "title": theme.title.lower(),
        "cohort": symbol if theme.cohort_suppressed else fmt.count(theme.cohort),
        "highlights": joined,
        "period": figures.period.name,
    }
    said = {
        "highlights": bool(joined),
        "cohort": theme.cohort_suppressed or theme.cohort is not None,
    }
    if not all(said.get(name, True) for name in placeholders(template)):
        # Nothing to list ('… included .'), or no cohort to count: no sentence at all.
        return replace(theme, highlights=tuple(highlights), narrative="")
    return replace(
        theme, highlights=tuple(highlights), narrative=_sentence_case(fill(template, values))
    )


def theme_template(spec: Theme | None) -> str:
    """The theme's sentence as the pack gives it, or the house style's."""
    return spec.narrative if spec is not None and spec.narrative else DEFAULT_THEME


def _highlight_sentence(h: HighlightResult, template: str, decimals: int, symbol: str) -> str:
    """The highlight's clause; empty when a figure it names was never made (a share of an
    empty base), so the theme's list leaves it out rather than print 'n/a'."""
    values = {
        "percent": symbol if h.suppressed else fmt.percent(h.share, decimals),
        "count": _count(h.count, h.suppressed, symbol),
        "base": _count(h.base, h.suppressed, symbol),
        "label": h.label,
    }
    made = {
        "percent": h.suppressed or h.share is not None,
        "count": h.suppressed or h.count is not None,
        "base": h.suppressed or h.base is not None,
    }
    if not all(made.get(name, True) for name in placeholders(template)):
        return ""
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
