"""Every shipped sentence, over random figures, reads whole and states no change it cannot.

The templates of both bundled packs and the house style's own are written
over figures drawn at random (any count, zero, one, nothing to count, a
previous period or none, no data for it, hidden in public), and every
sentence is held to what a minute may print.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from panelapp.config import Item, Kpi, Pack, Period, load_pack, previous_of
from panelapp.kinds import measured_in
from panelapp.metrics import narrative
from panelapp.metrics.judged import change
from panelapp.metrics.results import (
    Change,
    Figure,
    HighlightResult,
    ItemFigures,
    KpiResult,
    ThemeResult,
)
from panelapp.metrics.sentence_cases import CHANGE_WORDS, sentence_problem

ROOT = Path(__file__).parents[2]
PACKS = [
    load_pack(ROOT / "config.toml"),
    load_pack(ROOT / "src" / "panelapp" / "examples" / "placements"),
]
ITEMS = [(pack, item) for pack in PACKS for item in pack.items if item.has_figures]


def house_style(pack: Pack, item: Item) -> Item:
    """The same item with every sentence left to the house style's defaults."""
    kpis = tuple(replace(k, narrative="", narrative_without_previous="") for k in item.kpis)
    themes = tuple(
        replace(
            t,
            narrative="",
            highlights=tuple(replace(h, narrative="") for h in t.highlights),
        )
        for t in item.themes
    )
    return replace(item, kpis=kpis, themes=themes)


counts = st.one_of(st.just(0), st.just(1), st.integers(2, 5000))


@st.composite
def figures(draw: st.DrawFn, unit: str) -> Figure:
    """A figure as the engine or disclosure control may leave it."""
    if draw(st.integers(0, 9)) == 0:
        return Figure(None, suppressed=True)
    if unit == "percent":
        base = draw(counts)
        part = draw(st.integers(0, base)) if base else 0
        if draw(st.integers(0, 9)) == 0:  # hidden, its base published anyway
            return Figure(None, None, base, suppressed=True)
        return Figure(part / base if base else None, part, base)
    if unit == "hours":
        closed = draw(counts)
        hours = draw(st.floats(0.25, 500)) if closed else None
        return Figure(hours, denominator=closed)
    return Figure(float(draw(counts)))


def judged(now: Figure, before: Figure | None, polarity: str) -> Change | None:
    return change(now.value, before.value if before is not None else None, polarity)


@st.composite
def kpi_result(draw: st.DrawFn, spec: Kpi, period: Period, previous: Period | None) -> KpiResult:
    unit = measured_in(spec.measure, spec.unit)
    if draw(st.integers(0, 19)) == 0:
        reason = "not available in this data (no DEC column)"
        return KpiResult(
            spec.id, spec.title, unit, spec.polarity, spec.measure, period, previous,
            Figure(None), None, None, None, None, None, None, (), (), available=False,
            reason=reason,
        )  # fmt: skip
    now = draw(figures(unit))
    side = draw(st.sampled_from(["shown", "none", "no data"])) if previous else "none"
    before = draw(figures(unit)) if side == "shown" else None
    compared = judged(now, before, spec.polarity)
    counted = (
        judged(Figure(now.numerator), Figure(before.numerator) if before else None, spec.polarity)
        if spec.measure in ("share", "external") and compared is not None
        else None
    )
    top = spec.measure == "top_n_share"
    matching = draw(st.one_of(st.none(), st.integers(0, spec.n))) if top else None
    return KpiResult(
        id=spec.id,
        title=spec.title,
        unit=unit,
        polarity=spec.polarity,
        measure=spec.measure,
        period=period,
        previous_period=previous,
        current=now,
        previous=before,
        change=compared,
        count_change=counted,
        rag=None,
        target=None,
        tolerance=None,
        monthly=(),
        previous_monthly=(),
        n=spec.n if top else 0,
        matching=matching,
        previous_reason="no data for the previous period" if side == "no data" else "",
    )


@st.composite
def theme_result(draw: st.DrawFn, item: Item, number: int) -> ThemeResult:
    theme = item.themes[number]
    hidden = draw(st.integers(0, 9)) == 0
    cohort = draw(counts)
    highlights = []
    for h in theme.highlights:
        suppressed = hidden or draw(st.integers(0, 5)) == 0
        base = draw(st.sampled_from([cohort, 0, draw(counts)]))
        count = draw(st.integers(0, base)) if base else 0
        highlights.append(
            HighlightResult(
                h.id,
                h.label,
                None if suppressed else count,
                base,
                None if suppressed or not base else count / base,
                suppressed=suppressed,
            )
        )
    return ThemeResult(
        id=theme.id,
        title=theme.title,
        description=theme.description,
        cohort=None if hidden else cohort,
        cohort_suppressed=hidden,
        highlights=tuple(highlights),
        breakdowns=(),
    )


def check(sentence: str, side_missing: bool, equal: bool) -> None:
    assert not sentence_problem(sentence), (sentence_problem(sentence), sentence)
    assert "comparable" not in sentence, sentence
    if side_missing:
        assert not CHANGE_WORDS.search(sentence), sentence
    if "no change" in sentence or "the same as" in sentence:
        assert equal, sentence


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_shipped_sentence_reads_whole_over_random_figures(data: Any) -> None:
    pack, item = data.draw(st.sampled_from(ITEMS))
    if data.draw(st.booleans()):
        item = house_style(pack, item)
    assert item.period is not None
    previous = previous_of(item) if data.draw(st.booleans()) else None
    kpis = tuple(data.draw(kpi_result(spec, item.period, previous)) for spec in item.kpis)
    themes = tuple(data.draw(theme_result(item, n)) for n in range(len(item.themes)))
    public = data.draw(st.booleans())
    written = narrative.write(
        ItemFigures(item, item.period, previous, kpis, themes, public=public), pack
    )
    for kpi in written.kpis:
        side_missing = kpi.change is None and kpi.count_change is None
        equal = kpi.change is not None and kpi.change.direction == "same"
        check(kpi.narrative, side_missing, equal or _equal_counts(kpi))
    for theme in written.themes:
        if theme.narrative:
            check(theme.narrative, True, False)
            assert "included" not in theme.narrative or any(h.narrative for h in theme.highlights)
        for h in theme.highlights:
            if h.narrative:
                check(h.narrative, True, False)


def _equal_counts(kpi: KpiResult) -> bool:
    return kpi.count_change is not None and kpi.count_change.direction == "same"


def test_the_property_sees_both_packs_and_the_house_style() -> None:
    measures = {k.measure for _, item in ITEMS for k in item.kpis}
    assert {"looked_after", "short_term_stability", "long_term_stability"} <= measures
    assert {"distinct_count", "share", "rate", "top_n_share", "external"} <= measures
    assert dt.date(2024, 3, 31) in {item.period.end for _, item in ITEMS if item.period}
