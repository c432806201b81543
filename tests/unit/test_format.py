"""Figures are written the way a reader rounds and reads them."""

from __future__ import annotations

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
