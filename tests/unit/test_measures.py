"""Every measure, comparison and RAG rule on small frames whose answers are obvious."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from panelapp.config import Filter, Kpi, Period
from panelapp.metrics.kpis import change, compute_kpi, months_of, rag
from panelapp.metrics.measures import measure

from .frames import ALL, episodes

YEAR = Period(dt.date(2021, 1, 1), dt.date(2021, 12, 31), "2021")
LAST = Period(dt.date(2020, 1, 1), dt.date(2020, 12, 31), "2020")
LA = Filter(column="LOOKED_AFTER", op="is_true")


def kpi(measure_name: str, **extra: object) -> Kpi:
    return Kpi(id="k", title="K", measure=measure_name, **extra)  # type: ignore[arg-type]


def test_distinct_count_counts_children_not_episodes() -> None:
    frame = episodes({"CHILD": "a"}, {"CHILD": "a"}, {"CHILD": "b"})
    assert measure(kpi("distinct_count"), frame).figure.value == 2
    assert measure(kpi("record_count"), frame).figure.value == 3


def test_child_share_counts_a_child_once_if_any_episode_matches() -> None:
    frame = episodes(
        {"CHILD": "a", "LOOKED_AFTER": True},
        {"CHILD": "a", "LOOKED_AFTER": False},
        {"CHILD": "b"},
        {"CHILD": "c"},
    )
    figure = measure(kpi("share", numerator=LA), frame).figure
    assert (figure.numerator, figure.denominator) == (1, 3)
    assert figure.value == pytest.approx(1 / 3)


def test_episode_rate_with_denominator_filter() -> None:
    offered = Filter(column="RHI_OFFERED", op="is_true")
    done = Filter(column="RHI_COMPLETED", op="is_true")
    frame = episodes(
        {"CHILD": "a", "RHI_OFFERED": True, "RHI_COMPLETED": True},
        {"CHILD": "a", "RHI_OFFERED": True},
        {"CHILD": "b", "RHI_OFFERED": False},
        {"CHILD": "c", "RHI_OFFERED": None},
    )
    figure = measure(kpi("rate", of="episodes", numerator=done, denominator=offered), frame).figure
    assert (figure.numerator, figure.denominator) == (1, 2)


def test_blank_flags_never_count_as_yes() -> None:
    frame = episodes({"CHILD": "a", "LOOKED_AFTER": None}, {"CHILD": "b", "LOOKED_AFTER": True})
    assert measure(kpi("share", numerator=LA), frame).figure.numerator == 1


def test_top_n_share_and_matching() -> None:
    rows = [{"CHILD": "a", "LOOKED_AFTER": True}] * 5 + [{"CHILD": "b"}] * 3 + [{"CHILD": "c"}]
    result = measure(kpi("top_n_share", n=2, matching=LA), episodes(*rows))
    assert (result.figure.numerator, result.figure.denominator) == (8, 9)
    assert result.matching == 1


def test_median_duration_ignores_open_episodes() -> None:
    frame = episodes(
        {"CHILD": "a", "MIS_END": "2021-03-01 12:00"},
        {"CHILD": "b", "MIS_END": "2021-03-01 14:00"},
        {"CHILD": "c", "MIS_END": None},
    )
    figure = measure(kpi("median_duration"), frame).figure
    assert figure.value == 3.0 and figure.denominator == 2


def test_empty_period_gives_zero_and_na_not_an_error() -> None:
    frame = episodes({"CHILD": "a", "MIS_START": "2019-05-01"})
    result = compute_kpi(kpi("share", numerator=LA), frame, ALL, YEAR, LAST)
    assert result.current.value is None and result.current.denominator == 0
    count = compute_kpi(kpi("distinct_count"), frame, ALL, YEAR, LAST)
    assert count.current.value == 0


def test_period_boundaries_are_inclusive_by_date() -> None:
    frame = episodes(
        {"CHILD": "a", "MIS_START": "2021-01-01 00:00"},
        {"CHILD": "b", "MIS_START": "2021-12-31 23:59"},
        {"CHILD": "c", "MIS_START": "2022-01-01 00:00"},
        {"CHILD": "d", "MIS_START": "2020-12-31 23:59"},
    )
    result = compute_kpi(kpi("distinct_count"), frame, ALL, YEAR, LAST)
    assert result.current.value == 2
    assert result.previous is not None and result.previous.value == 1


def test_absent_column_makes_kpi_not_available() -> None:
    frame = episodes({"CHILD": "a"})
    result = compute_kpi(
        kpi("share", numerator=LA), frame, frozenset({"CHILD", "MIS_START"}), YEAR, None
    )
    assert not result.available
    assert result.reason == "not available in this data (no LOOKED_AFTER column)"


def test_monthly_series_covers_every_month_of_the_period() -> None:
    frame = episodes(
        {"CHILD": "a", "MIS_START": "2021-03-05"}, {"CHILD": "b", "MIS_START": "2021-03-09"}
    )
    result = compute_kpi(kpi("distinct_count"), frame, ALL, YEAR, LAST)
    assert [p.month for p in result.monthly] == months_of(YEAR)
    assert [p.figure.value for p in result.monthly][:4] == [0, 0, 2, 0]
    assert len(result.previous_monthly) == 12


@pytest.mark.parametrize(
    ("current", "previous", "polarity", "direction", "judgement"),
    [
        (425, 531, "lower", "down", "better"),
        (425, 531, "higher", "down", "worse"),
        (10, 10, "lower", "same", "same"),
        (12, 10, "neutral", "up", "neutral"),
    ],
)
def test_change_is_judged_by_polarity(current, previous, polarity, direction, judgement) -> None:  # type: ignore[no-untyped-def]
    result = change(current, previous, polarity)
    assert result is not None
    assert (result.direction, result.judgement) == (direction, judgement)


def test_relative_change_of_the_reference_minute() -> None:
    result = change(425, 531, "lower")
    assert result is not None and result.relative == pytest.approx(-0.1996, abs=1e-4)
    assert change(5, 0, "lower").relative is None  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("value", "polarity", "expected"),
    [
        (0.96, "higher", "green"),
        (0.92, "higher", "amber"),
        (0.80, "higher", "red"),
        (0.94, "lower", "red"),
    ],
)
def test_rag_against_target_and_tolerance(value, polarity, expected) -> None:  # type: ignore[no-untyped-def]
    spec = kpi("rate", numerator=LA, target=95, tolerance=5, polarity=polarity)
    if polarity == "lower":
        spec = kpi("rate", numerator=LA, target=90, tolerance=2, polarity=polarity)
    assert rag(value, spec, "percent") == expected


def test_no_rag_without_target() -> None:
    assert rag(0.5, kpi("rate", numerator=LA), "percent") is None


def test_counting_by_hashing_gives_the_same_figures_as_the_table(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Very long periods of very many children count by hashing; the figures must not move."""
    from panelapp.config import load_pack
    from panelapp.metrics import measures
    from panelapp.metrics.engine import compute_item

    pack = load_pack(Path(__file__).parents[2] / "config.toml")
    item = next(item for item in pack.items if item.has_figures)
    by_table = compute_item(pack, item)
    monkeypatch.setattr(measures, "_TABLE_BYTES", 0)
    by_hashing = compute_item(pack, item)
    assert by_hashing.kpis == by_table.kpis
