"""Figures are written the way a reader rounds and reads them."""

from __future__ import annotations

from pathlib import Path

from panelapp.metrics import format as fmt
from panelapp.metrics.results import Change, Figure


def test_percent_rounds_half_up_not_to_even() -> None:
    assert fmt.percent(134 / 425) == "32%"
    assert fmt.percent(0.125, 0) == "13%"
    assert fmt.percent(0.245, 1) == "24.5%"
    assert fmt.percent(None) == "n/a"


def test_counts_words_and_symbols() -> None:
    assert fmt.count(2050) == "2,050"
    assert fmt.in_words(20) == "twenty" and fmt.in_words(37) == "37"
    assert fmt.figure(Figure(None, suppressed=True), "count") == "[c]"
    assert fmt.share_detail(Figure(0.25, 105, 425)) == "105 of 425"


def test_change_words_carry_direction_without_colour() -> None:
    down = Change(-106, -0.1996, "down", "better")
    assert fmt.change_words(down, "2020") == "down 20% on 2020"
    assert fmt.signed(down, "count") == "−106"
    assert fmt.change_words(None, "2020") == "no comparison with 2020"
    assert fmt.signed(Change(0.05, 0.1, "up", "better"), "percent") == "+5 pts"


# ---------------------------------------------------------------------------
# One wording of a figure with its counts, for the screen, check, verify and the minute


def test_a_share_is_written_with_its_counts_in_one_wording() -> None:
    share = Figure(134 / 425, 134, 425)
    assert fmt.with_counts(share, "percent") == "32% (134 of 425)"
    assert fmt.with_counts(share, "percent", 1) == "31.5% (134 of 425)"
    assert fmt.with_counts(Figure(2050), "count") == "2,050"
    hidden = Figure(None, None, 425, suppressed=True)
    assert fmt.with_counts(hidden, "percent", symbol="*") == "* (* of 425)"
    assert fmt.share_with_counts(0.95, 95, 100) == "95% (95 of 100)"
    assert fmt.counts(3, None, suppressed=True) == "3 of [c]"
    assert fmt.children(100) == "100 children"
    assert fmt.children(None, suppressed=True, symbol="*") == "* children"


def test_the_screen_and_the_minute_word_a_stamped_figure_alike(tmp_path: Path) -> None:
    from panelapp.minutes.draft import build_minutes, load_captured
    from panelapp.minutes.entries import Context, Kind
    from panelapp.minutes.journal import Journal
    from panelapp.ui.text import Style, figure_as_shown
    from tests.data.journals.sample import sample_figures, sample_pack

    [figures] = sample_figures()
    kpi = next(k for k in figures.kpis if k.id == "looked_after_share")
    on_screen = figure_as_shown(kpi, Style())
    with Journal.open(tmp_path / "j.sqlite") as journal:
        stamp = Context("looked_after_share", "Missing children in care", on_screen)
        journal.add(Kind.QUERY, "Why?", item="4", context=stamp)
    captured = load_captured(tmp_path / "j.sqlite", ["4"])
    [exchange] = build_minutes(sample_pack(), sample_figures(), captured).items[3].exchanges
    assert exchange.figure == on_screen == "32% (134 of 425)"
