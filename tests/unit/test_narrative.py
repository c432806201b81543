"""Sentences in minutes language: placeholders filled, public mode writes the symbol."""

from __future__ import annotations

import datetime as dt

from panelapp.config import Period
from panelapp.metrics.narrative import fill, kpi_sentence, placeholders
from panelapp.metrics.results import Change, Figure, KpiResult

YEAR = Period(dt.date(2021, 1, 1), dt.date(2021, 12, 31), "January – December 2021")
LAST = Period(dt.date(2020, 1, 1), dt.date(2020, 12, 31), "2020")


def result(current: Figure, **extra: object) -> KpiResult:
    base: dict[str, object] = dict(
        id="k",
        title="Children in care",
        unit="percent",
        polarity="neutral",
        measure="share",
        period=YEAR,
        previous_period=LAST,
        current=current,
        previous=None,
        change=None,
        count_change=None,
        rag=None,
        target=None,
        tolerance=None,
        monthly=(),
        previous_monthly=(),
    )
    base.update(extra)
    return KpiResult(**base)  # type: ignore[arg-type]


def test_only_named_placeholders_are_substituted() -> None:
    assert placeholders("{value} of {denominator} {value}") == {"value", "denominator"}
    assert fill("{value} and {unknown} and {0.__class__}", {"value": "1"}) == (
        "1 and {unknown} and {0.__class__}"
    )


def test_share_sentence_compares_counts_like_the_minute() -> None:
    kpi = result(
        Figure(134 / 425, 134, 425),
        count_change=Change(-40, -40 / 174, "down", "neutral"),
    )
    template = "{value} ({numerator}) of the {denominator} children {subject}{comparison}."
    assert kpi_sentence(kpi, template, "were in care") == (
        "32% (134) of the 425 children were in care, which was 23% lower than for 2020."
    )


def test_a_share_whose_previous_count_was_none_says_so() -> None:
    kpi = result(Figure(3 / 425, 3, 425), count_change=Change(3, None, "up", "neutral"))
    template = "{value} ({numerator}) of the {denominator} children {subject}{comparison}."
    assert kpi_sentence(kpi, template, "were exploited") == (
        "1% (3) of the 425 children were exploited, compared with none for 2020."
    )


def test_a_rate_up_from_nothing_still_compares_in_points() -> None:
    kpi = result(Figure(0.12, 12, 100), measure="rate", change=Change(0.12, None, "up", "better"))
    assert kpi_sentence(kpi, "{value} completed{comparison}.", "x") == (
        "12% completed, which was 12 percentage points higher than for 2020."
    )


def test_rate_compares_in_percentage_points() -> None:
    kpi = result(
        Figure(0.49, 49, 100), measure="rate", change=Change(-0.22, -0.31, "down", "worse")
    )
    assert kpi_sentence(kpi, "{value} completed{comparison}.", "x") == (
        "49% completed, which was 22 percentage points lower than for 2020."
    )


def test_public_sentence_writes_the_symbol_not_the_number() -> None:
    kpi = result(Figure(None, suppressed=True))
    sentence = kpi_sentence(kpi, "{value} ({numerator}) of the {denominator} children.", "x")
    assert sentence == "[c] ([c]) of the [c] children."


def test_unavailable_kpi_says_why() -> None:
    kpi = result(
        Figure(None), available=False, reason="not available in this data (no MACE column)"
    )
    assert kpi_sentence(kpi, "{value}", "x") == (
        "Children in care: not available in this data (no MACE column)."
    )


def test_top_children_property_uses_the_packs_symbol_only_in_public() -> None:
    kpi = result(Figure(0.41, 840, 2050), measure="top_n_share", n=20, matching=None)
    assert kpi_sentence(kpi, "{matching}", "x", symbol="*") == ""
    assert kpi_sentence(kpi, "{matching}", "x", symbol="*", public=True) == "* of them"
