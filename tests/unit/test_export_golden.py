"""The reference minute, replayed into a journal, exports to the checked-in draft.

The golden file is tests/data/golden/reference_minutes.md. After an intended
change to the templates or the draft, regenerate it and read the diff::

    PANELAPP_UPDATE_GOLDEN=1 pytest tests/unit/test_export_golden.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from panelapp.minutes.draft import build_minutes, load_captured
from panelapp.minutes.export import render
from tests.data.journals import reference_meeting
from tests.data.journals.sample import sample_figures, sample_pack

GOLDEN = Path(__file__).parents[1] / "data" / "golden" / "reference_minutes.md"

REFERENCE_FIGURES = (
    "20% reduction",
    "25% (105) of the 425",
    "32% (134) of the 425",
    "23% lower",
    "41%",
    "95%",
    "85%",
    "80%",
    "20% were unaccompanied",
    "75%",
    "55%",
    "45%",
    "93%",
    "49%",
)
"""Every figure the published minute gives, in the draft's words."""


@pytest.fixture(scope="module")
def draft(tmp_path_factory: pytest.TempPathFactory) -> str:
    journal = reference_meeting.build(tmp_path_factory.mktemp("meeting") / "m.journal.sqlite")
    pack = sample_pack()
    captured = load_captured(journal, [i.number for i in pack.items])
    text = render(build_minutes(pack, sample_figures(), captured), "md")
    assert isinstance(text, str)
    return text


def test_matches_the_golden_file(draft: str) -> None:
    if os.environ.get("PANELAPP_UPDATE_GOLDEN") == "1":
        GOLDEN.write_text(draft, encoding="utf-8")
    assert draft == GOLDEN.read_text(encoding="utf-8")


@pytest.mark.parametrize("figure", REFERENCE_FIGURES)
def test_every_figure_of_the_reference_minute_is_there(draft: str, figure: str) -> None:
    assert figure in draft


def test_the_misprinted_31_percent_is_corrected_to_32(draft: str) -> None:
    assert "31%" not in draft
    assert "32% (134) of the 425 children were in care of the local authority" in draft


@pytest.mark.parametrize("number", [1, 2, 3])
def test_each_resolution_is_numbered_in_order(draft: str, number: int) -> None:
    assert f"{number}. {reference_meeting.RESOLUTIONS[number - 1]}" in draft


def test_the_house_style_sentences_frame_the_item(draft: str) -> None:
    item = draft[draft.index("## 4. Children Missing") :]
    expected = [
        "**Minutes:**",
        "The Corporate Parenting Panel considered the Children Missing Review report, "
        "which provided an update regarding Missing Children",
        "The Panel received a short presentation overview from the detailed report from the "
        "Interim Head of Transformation, Julie Daley, and the Missing Lead, Hannah Franklin.",
        "In brief, the presentation highlighted:",
        "In response to queries raised by the Panel, the Interim Head of Transformation and "
        "the Missing Lead, clarified the following:",
        "Councillor Priya Nair asked, in relation to Missing children in care, 32% (134 of 425): "
        "What role did foster carers play",
        "Foster Carers had a vital role",
        "During the consideration of the recommendations, the Panel discussed the following:",
        "EMPIRE welcomed the flexibility",
        "The Panel RESOLVED: To",
        "The Chair thanked officers for their report.",
        "**Supporting documents:**",
        "- Children Missing Review report",
    ]
    positions = [item.index(text) for text in expected]
    assert positions == sorted(positions)


def test_only_the_slides_presented_are_listed_in_the_order_shown(draft: str) -> None:
    assert "missing episodes in January" not in draft  # the episodes KPI was not shown
    order = ["20% reduction", "25% (105)", "32% (134)", "top twenty", "Key themes", "93%", "49%"]
    positions = [draft.index(text) for text in order]
    assert positions == sorted(positions)
    assert draft.index("49%") < draft.index("working with EMPIRE")
