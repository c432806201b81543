"""The phrase patterns: which numbers in a report are figures, and what each one says."""

from __future__ import annotations

import pytest

from panelapp.verify.phrases import Quote, quotes_in
from panelapp.verify.statements import sentences, statements


def only(sentence: str) -> Quote:
    (quote,) = quotes_in(sentence)
    return quote


def test_x_of_y_is_a_count_and_its_base() -> None:
    top, bottom = quotes_in("134 of 425 children were in care.")
    assert (top.number, top.kind, top.role) == (134, "count", "numerator")
    assert (bottom.number, bottom.kind, bottom.role) == (425, "count", "denominator")


def test_out_of_and_of_the() -> None:
    top, bottom = quotes_in("934 out of the 1,906 interviews offered were completed.")
    assert (top.role, bottom.role, bottom.number) == ("numerator", "denominator", 1906)


def test_a_share_with_its_count_and_base() -> None:
    share, count, base = quotes_in("25% (105) of the 425 children had been referred.")
    assert (share.kind, share.number, share.role) == ("percent", 25, "value")
    assert (count.role, count.number) == ("numerator", 105)
    assert (base.role, base.number) == ("denominator", 425)


def test_a_count_with_its_share_in_brackets() -> None:
    count, share = quotes_in("105 (25%) of the children were referred.")
    assert (count.role, share.kind) == ("numerator", "percent")


@pytest.mark.parametrize(
    ("sentence", "number", "direction"),
    [
        ("which was 23% lower than for 2020", 23, "down"),
        ("which was 5% higher than for 2020", 5, "up"),
        ("There was a 20% reduction in missing children", 20, "down"),
        ("an 8% increase on last year", 8, "up"),
        ("Episodes fell by 14% on 2020", 14, "down"),
        ("Referrals were up 3.5% on the year before", 3.5, "up"),
        ("There were 20% fewer children", 20, "down"),
    ],
)
def test_n_percent_lower_higher_and_reductions_are_changes(
    sentence: str, number: float, direction: str
) -> None:
    quote = only(sentence)
    assert (quote.kind, quote.number, quote.direction) == ("relative", number, direction)


def test_a_reduction_keeps_its_words_as_the_phrase() -> None:
    assert only("There was a 20% reduction in the total").phrase == "a 20% reduction"


def test_percentage_points_are_a_change_in_points() -> None:
    share, change = quotes_in("93% were offered, which was 3 percentage points higher than 2020")
    assert share.kind == "percent"
    assert (change.kind, change.number, change.direction) == ("points", 3, "up")
    assert only("up 2 pts on last year").kind == "points"


@pytest.mark.parametrize(
    ("sentence", "percent"),
    [
        ("Two thirds of the children were looked after.", 200 / 3),
        ("two-thirds were boys", 200 / 3),
        ("a quarter had been exploited", 25),
        ("Three quarters were aged 17 and over", 75),
        ("Half of the children were male", 50),
        ("one in five children was looked after", 20),
    ],
)
def test_fractions_in_words(sentence: str, percent: float) -> None:
    quote = only(sentence)
    assert quote.kind == "fraction"
    assert quote.number == pytest.approx(percent)


def test_the_top_twenty_is_a_top_n() -> None:
    top, share = quotes_in("The top twenty missing children accounted for 41% of all episodes.")
    assert (top.kind, top.number, top.shown) == ("top", 20, "top twenty")
    assert share.kind == "percent"
    assert only("the top 10 children").number == 10


@pytest.mark.parametrize(("text", "number"), [("2,050", 2050), ("12,345,678", 12345678)])
def test_counts_with_thousands_separators(text: str, number: int) -> None:
    quote = only(f"There were {text} missing episodes.")
    assert (quote.kind, quote.number, quote.text) == ("count", number, text)


def test_decimals_are_the_precision() -> None:
    quote = only("31.5% were in care")
    assert (quote.number, quote.decimals) == (31.5, 1)


@pytest.mark.parametrize(
    "sentence",
    [
        "particularly with the 17 year olds",
        "the 17-year-olds",
        "75% were children aged 17 years and above",
        "children aged 15 and over",
        "an interview within 72 hours of return",
        "the meeting held on 18 November 2021",
        "In 2021 and 2020",
        "on March 9",
        "See Appendix 1 and item 4",
        "at 16:00 in Croydon CR0 1NX",
        "call 020 8726 6000",
        "a budget of £1.2m",
        "the 2021/22 financial year",
        "at 4 pm",
    ],
)
def test_ages_dates_times_references_are_not_figures(sentence: str) -> None:
    figures = [q for q in quotes_in(sentence) if q.kind != "percent"]
    assert figures == []


def test_a_list_number_is_not_a_figure() -> None:
    assert statements("1. Note the progress made to date.") == []
    assert statements("2.     Note the further improvements proposed.") == []


def test_qualifiers() -> None:
    assert only("more than 40% of episodes").qualifier == "over"
    assert only("nearly half of the children").qualifier == "nearly"
    assert only("around 2,000 episodes").qualifier == "about"
    assert only("fewer than 30 children").qualifier == "under"


def test_a_figure_keeps_the_period_named_after_it() -> None:
    now, before = quotes_in("425 children went missing in 2021, compared with 531 in 2020.")
    assert now.periods == ("2021",)
    assert (before.role, before.periods) == ("previous", ("2020",))
    (earlier,) = quotes_in("In 2020, 531 children went missing.")
    assert earlier.periods == ("2020",)


def test_from_x_to_y_is_last_period_then_this() -> None:
    before, now = quotes_in("Offers rose from 90% to 93%.")
    assert (before.role, now.role) == ("previous", "value")
    (statement,) = statements("Offers rose from 90% to 93%.")
    assert len(statement.quotes) == 2


def test_all_n_of_them_is_the_matching_count() -> None:
    quotes = quotes_in("The top twenty accounted for 41%; all 20 of them were in care.")
    assert quotes[-1].role == "matching"


def test_sentences_do_not_break_at_decimals_or_abbreviations() -> None:
    text = "Of these, 31.5% were in care, e.g. in foster care. Next, 20% were not."
    assert [s for _, s in sentences(text)] == [
        "Of these, 31.5% were in care, e.g. in foster care.",
        "Next, 20% were not.",
    ]


def test_statements_group_a_share_with_its_counts_and_change() -> None:
    (statement,) = statements(
        "31% (134) of the 425 children were in care of the local authority, "
        "which was 23% lower than for 2020."
    )
    assert [q.text for q in statement.quotes] == ["31%", "134", "425", "23%"]


def test_statements_split_two_shares_of_one_clause() -> None:
    male, female = statements("55% were male and 45% were female.")
    assert "male" in male.words and "female" not in male.words
    assert female.words.strip().startswith("45%")


def test_statements_split_at_semicolons() -> None:
    found = statements(
        "95% of exploitation; 85% were of minority background; 80% were looked after"
    )
    assert len(found) == 3
