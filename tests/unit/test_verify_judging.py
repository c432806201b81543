"""Linking a statement to a figure of the pack, and the verdict with the likely slip."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from panelapp.metrics.results import ItemFigures
from panelapp.verify.checking import Checked, check_report
from panelapp.verify.document import Paragraph
from panelapp.verify.linking import link
from panelapp.verify.statements import statements
from panelapp.verify.targets import targets_of, weights
from panelapp.verify.words import matched, words


def checked(figures: ItemFigures, text: str) -> list[Checked]:
    return list(check_report([Paragraph(None, 1, text)], figures, Path("r.txt")).statements)


def one(figures: ItemFigures, text: str) -> Checked:
    (found,) = checked(figures, text)
    return found


def linked_to(figures: ItemFigures, text: str) -> str | None:
    (statement,) = statements(text)
    targets = targets_of(figures, figures.item)
    target = link(statement, targets, weights(targets)).target
    return None if target is None else target.id


# -- words and linking -------------------------------------------------------------


def test_acronyms_match_both_ways() -> None:
    title = words("Return Home Interviews offered")
    assert matched(title, words("93% of RHIs were offered")) == {
        "return", "home", "interview", "offered"
    }  # fmt: skip
    mace = words("Children under the MACE protocol")
    said = words("subject to the Multi-Agency Child Exploitation protocol")
    assert {"mace", "protocol", "child"} <= matched(mace, said)


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("There were 425 missing children.", "children_missing"),
        ("There were 2,050 missing episodes.", "episodes"),
        ("32% of the children were in care.", "looked_after_share"),
        ("47% were Black.", "repeat.ethnic_group.Black"),
        ("84% were not UASC.", "repeat.uasc.Not UASC"),
        ("There were 100 repeat missing children.", "repeat"),
        ("49% of the RHIs offered were completed.", "rhi_completed_rate"),
    ],
)
def test_statements_link_by_their_words(figures: ItemFigures, text: str, target: str) -> None:
    assert linked_to(figures, text) == target


def test_a_figure_no_name_matches_cannot_be_told(figures: ItemFigures) -> None:
    found = one(figures, "The service held 12 workshops for foster carers.")
    assert found.target is None and found.judgement.verdict == "cannot_tell"
    assert "no figure of the pack is named" in found.judgement.reason


def test_an_ambiguous_figure_cannot_be_told_and_names_both(figures: ItemFigures) -> None:
    kpis = tuple(replace(k, quoted_as=()) for k in figures.item.kpis)
    without = replace(figures, item=replace(figures.item, kpis=kpis))
    found = one(without, "49% of the RHIs offered were completed.")
    assert found.target is None and found.judgement.verdict == "cannot_tell"
    reason = found.judgement.reason
    assert "Return Home Interviews offered" in reason
    assert "Return Home Interviews completed" in reason and "quoted_as" in reason


def test_a_tie_between_equal_figures_is_no_ambiguity(figures: ItemFigures) -> None:
    found = one(figures, "55% were male.")
    assert found.target is not None and found.target.id == "repeat.male"
    assert found.judgement.verdict == "agrees"


# -- verdicts and slips ------------------------------------------------------------


def test_previous_period_figure(figures: ItemFigures) -> None:
    found = one(figures, "33% of the children were in care of the local authority.")
    assert found.judgement.verdict == "disagrees"
    assert found.judgement.slip == "the previous period's figure (2020)"


def test_the_previous_period_when_the_words_say_so(figures: ItemFigures) -> None:
    first, second = checked(figures, "425 missing children in 2021, compared with 531 in 2020.")
    assert [first.judgement.verdict, second.judgement.verdict] == ["agrees", "agrees"]
    assert second.judgement.value == 531


def test_a_period_the_pack_has_no_figures_for(figures: ItemFigures) -> None:
    found = one(figures, "In 2019, 610 children went missing.")
    assert found.judgement.verdict == "cannot_tell"
    assert "the report speaks of 2019" in found.judgement.reason


def test_numerator_and_base_swapped(figures: ItemFigures) -> None:
    share, top, bottom = checked(figures, "32% (425) of the 134 children were in care.")
    assert share.judgement.verdict == "agrees"
    assert top.judgement.slip == bottom.judgement.slip == "numerator and base swapped"


def test_a_share_of_the_wrong_base(figures: ItemFigures) -> None:
    found = one(figures, "16% were unaccompanied asylum-seeking (of those looked after).")
    assert found.judgement.verdict == "disagrees"
    assert found.judgement.slip.startswith("a share of the wrong base (16 of 100")


def test_rounded_up(figures: ItemFigures) -> None:
    found = one(figures, "25% of the children had been subjected to the MACE protocol.")
    assert found.judgement.verdict == "agrees"
    found = one(figures, "24.8% of the children had been subjected to the MACE protocol.")
    assert found.judgement.slip.startswith("rounded up (24.71% is 24.7%")


def test_precision_is_the_reports(figures: ItemFigures) -> None:
    assert one(figures, "31.5% of the children were in care.").judgement.verdict == "agrees"
    assert one(figures, "31.53% of the children were in care.").judgement.verdict == "agrees"
    assert one(figures, "31.6% of the children were in care.").judgement.verdict == "disagrees"


def test_changes_in_points_and_per_cent(figures: ItemFigures) -> None:
    text = "RHIs offered were 3 percentage points higher than for 2020."
    assert one(figures, text).judgement.verdict == "agrees"
    wrong = one(figures, "RHIs completed were 22% lower than for 2020.")
    assert wrong.judgement.verdict == "disagrees"
    assert wrong.judgement.slip == "percentage points and per cent confused"


def test_a_change_the_wrong_way(figures: ItemFigures) -> None:
    found = one(figures, "There was a 20% increase in missing children.")
    assert found.judgement.slip == "the wrong direction: the data went down"


def test_a_change_over_the_wrong_base(figures: ItemFigures) -> None:
    found = one(figures, "There was a 25% reduction in missing children.")
    assert found.judgement.slip.startswith("a share of the wrong base")


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("A quarter of the children were under the MACE protocol.", "agrees"),
        ("A third of the children were under the MACE protocol.", "disagrees"),
        ("Nearly half of the RHIs were completed.", "agrees"),
        ("Around 2,000 missing episodes.", "agrees"),
        ("Fewer than 400 missing children.", "disagrees"),
        ("At least 425 missing children.", "agrees"),
    ],
)
def test_fractions_and_qualifiers(figures: ItemFigures, text: str, verdict: str) -> None:
    assert one(figures, text).judgement.verdict == verdict


def test_more_than_with_a_top_n(figures: ItemFigures) -> None:
    over = checked(figures, "More than 40% of missing episodes were of the top 20 children.")
    assert [c.judgement.verdict for c in over] == ["agrees", "agrees"]


def test_the_top_n(figures: ItemFigures) -> None:
    found = checked(figures, "The top ten missing children accounted for 41% of all episodes.")
    assert found[0].judgement.verdict == "disagrees"
    assert found[0].judgement.shown == "twenty"


@pytest.fixture
def figures(sample_figures: ItemFigures) -> ItemFigures:
    return sample_figures


def test_a_rounding_slip_shows_the_digits_that_decide(figures: ItemFigures) -> None:
    found = one(figures, "92% of RHIs were offered.")
    assert found.judgement.slip == "rounded down (92.98% is 93% at this precision)"
