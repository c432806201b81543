"""Public mode: small counts never show, and a lone hidden cell cannot be recovered."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from panelapp.config import Disclosure, Item, Period
from panelapp.metrics.disclosure import breakdown, disclose, figure, is_small
from panelapp.metrics.results import (
    BreakdownResult,
    BreakdownRow,
    Figure,
    HighlightResult,
    ItemFigures,
    ThemeResult,
)

RULES = Disclosure()


def table(*counts: int) -> BreakdownResult:
    total = sum(counts)
    rows = tuple(
        BreakdownRow(f"c{i}", n, n / total if total else None) for i, n in enumerate(counts)
    )
    return BreakdownResult("d", "D", rows)


def test_zero_is_safe_one_to_threshold_is_not() -> None:
    assert [is_small(n, 5) for n in (0, 1, 5, 6)] == [False, True, True, False]


def test_count_and_share_suppression() -> None:
    assert figure(Figure(3.0), "distinct_count", 5).suppressed
    assert not figure(Figure(0.0), "distinct_count", 5).suppressed
    assert figure(Figure(0.5, 3, 6), "share", 5).suppressed
    assert figure(Figure(0.75, 30, 4), "share", 5).suppressed
    shown = figure(Figure(0.25, 105, 425), "share", 5)
    assert shown.value == 0.25 and not shown.suppressed


def test_secondary_suppression_hides_the_next_smallest() -> None:
    rows = breakdown(table(40, 3, 12, 9, 0), RULES).rows
    assert [r.suppressed for r in rows] == [False, True, False, True, False]
    assert rows[3].count is None and rows[4].count == 0


def test_two_small_cells_need_no_secondary() -> None:
    rows = breakdown(table(40, 3, 2, 9), RULES).rows
    assert [r.suppressed for r in rows] == [False, True, True, False]


def test_a_small_cohort_hides_the_whole_theme() -> None:
    theme = ThemeResult(
        "t", "T", "", 4, False, (HighlightResult("h", "h", 2, 4, 0.5),), (table(2, 2),)
    )
    period = Period(dt.date(2021, 1, 1), dt.date(2021, 12, 31))
    item = Item(number="1", title="x")
    public = disclose(ItemFigures(item, period, None, (), (theme,)), RULES)
    hidden = public.themes[0]
    assert hidden.cohort is None and hidden.cohort_suppressed
    assert all(h.suppressed for h in hidden.highlights)
    assert all(r.count is None for r in hidden.breakdowns[0].rows)


@given(st.lists(st.integers(min_value=0, max_value=60), min_size=1, max_size=8), st.integers(1, 10))
def test_suppression_never_leaks_a_small_count(counts: list[int], threshold: int) -> None:
    rows = breakdown(table(*counts), Disclosure(threshold=threshold)).rows
    for row in rows:
        assert row.count is None or not is_small(row.count, threshold)
    hidden = [r for r in rows if r.suppressed]
    shown = [n for n, r in zip(counts, rows, strict=True) if not r.suppressed]
    assert len(hidden) != 1 or all(n == 0 for n in shown)


def test_highlights_cannot_recover_a_hidden_breakdown_cell() -> None:
    """On the sample, "bame 85 of 100" beside the ethnicity table gave back its hidden cells."""
    from pathlib import Path

    from panelapp.config import load_pack
    from panelapp.metrics.engine import compute_item, present

    pack = load_pack(Path(__file__).parents[2] / "config.toml")
    public = present(compute_item(pack, pack.item("4")), pack, public=True).theme("repeat")
    tables = {b.dimension: b for b in public.breakdowns}
    assert any(r.suppressed for r in tables["ethnic_group"].rows)
    assert any(r.suppressed for r in tables["exploitation"].rows)
    shown = {h.id: h for h in public.highlights}
    assert shown["bame"].suppressed and shown["bame"].count is None
    assert shown["exploited"].suppressed
    assert not shown["male"].suppressed and shown["male"].count == 55


def test_a_highlight_leaving_out_a_small_number_is_hidden() -> None:
    theme = ThemeResult("t", "T", "", 100, False, (HighlightResult("h", "h", 97, 100, 0.97),), ())
    period = Period(dt.date(2021, 1, 1), dt.date(2021, 12, 31))
    public = disclose(ItemFigures(Item(number="1", title="x"), period, None, (), (theme,)), RULES)
    assert public.themes[0].highlights[0].suppressed
