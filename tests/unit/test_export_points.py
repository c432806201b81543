"""Sub-points under a resolution or action, in every format: nested, never flattened."""

from __future__ import annotations

import io
import json
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn

from panelapp.minutes.draft import Resolution, build_minutes, read_journal
from panelapp.minutes.entries import Kind
from panelapp.minutes.export import render
from panelapp.minutes.journal import Journal
from tests.data.journals.sample import sample_figures, sample_pack


@pytest.fixture(scope="module")
def minutes(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("points") / "meeting.journal.sqlite"
    with Journal.open(path) as journal:
        journal.add(Kind.RESOLUTION, "To note the report", item="4")
        asked = journal.add(Kind.RESOLUTION, "That the committee requested:", item="4")
        journal.add(Kind.POINT, "a report on return home interviews", item="4", parent_id=asked.id)
        journal.add(Kind.POINT, "the figures by school year", item="4", parent_id=asked.id)
        journal.add(Kind.RESOLUTION, "To thank the officers", item="4")
        act = journal.add(Kind.ACTION, "Report back", item="4", owner="Julie Daley")
        journal.add(Kind.POINT, "with the RHI figures", item="4", parent_id=act.id)
        captured = read_journal(journal, ["4"])
    return build_minutes(sample_pack(), sample_figures(), captured, item="4")


def test_the_model_carries_points_on_each_resolution_and_action(minutes) -> None:  # type: ignore[no-untyped-def]
    [item] = minutes.items
    assert item.resolutions == (
        Resolution("To note the report", (), 1),
        Resolution(
            "That the committee requested:",
            ("a report on return home interviews", "the figures by school year"),
            2,
        ),
        Resolution("To thank the officers", (), 3),
    )
    assert str(item.resolutions[1]) == "That the committee requested:"
    [action] = minutes.actions
    assert action.points == ("with the RHI figures",)
    assert [e.kind for e in item.entries] == ["resolution"] * 3 + ["action"], "no loose points"


def test_markdown_nests_the_points_under_their_resolution(minutes) -> None:  # type: ignore[no-untyped-def]
    text = render(minutes, "md")
    assert (
        "1. To note the report\n"
        "2. That the committee requested:\n"
        "    - a report on return home interviews\n"
        "    - the figures by school year\n"
        "3. To thank the officers\n"
    ) in text
    assert "| Report back • with the RHI figures |" in text


def test_html_nests_a_list_inside_the_resolution(minutes) -> None:  # type: ignore[no-untyped-def]
    page = render(minutes, "html")
    assert isinstance(page, str)
    assert (
        "<li>That the committee requested:\n<ul>\n"
        "<li>a report on return home interviews</li>\n"
        "<li>the figures by school year</li>\n</ul>\n</li>"
    ) in page


def test_word_reads_back_with_the_points_one_level_down(minutes) -> None:  # type: ignore[no-untyped-def]
    data = render(minutes, "docx")
    assert isinstance(data, bytes)
    document = docx.Document(io.BytesIO(data))
    listed = [
        (p.style.name, p.text)
        for p in document.paragraphs
        if p.style is not None and p.style.name.startswith("List")
    ]
    start = listed.index(("List Number", "To note the report"))
    assert listed[start : start + 5] == [
        ("List Number", "To note the report"),
        ("List Number", "That the committee requested:"),
        ("List Bullet 2", "a report on return home interviews"),
        ("List Bullet 2", "the figures by school year"),
        ("List Number", "To thank the officers"),
    ]
    # The second level is indented further than the first, as Word shows nested lists.
    assert indent(document, "List Bullet 2") > indent(document, "List Number")


def indent(document: Any, style: str) -> int:
    """How far Word indents a list style's paragraphs: its numbering's level, in twips."""
    numbering = document.part.numbering_part.element
    num_id = document.styles[style].element.pPr.numPr.numId.val
    abstract = numbering.num_having_numId(num_id).abstractNumId.val
    for definition in numbering.findall(qn("w:abstractNum")):
        if int(definition.get(qn("w:abstractNumId"))) == abstract:
            level = definition.find(qn("w:lvl"))
            return int(level.find(qn("w:pPr")).find(qn("w:ind")).get(qn("w:left")))
    raise AssertionError(f"{style} has no numbering")


def test_json_gives_each_resolution_and_action_its_points(minutes) -> None:  # type: ignore[no-untyped-def]
    facts = json.loads(render(minutes, "json"))  # type: ignore[arg-type]
    [item] = facts["items"]
    resolutions = [e for e in item["entries"] if e["kind"] == "resolution"]
    assert [r["points"] for r in resolutions] == [
        [],
        ["a report on return home interviews", "the figures by school year"],
        [],
    ]
    assert facts["actions"][0]["points"] == ["with the RHI figures"]
    assert not [e for e in item["entries"] if e["kind"] == "point"]
