"""Every format of the draft: clean Markdown, real Word parts, parseable HTML, nothing private."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest

from panelapp.metrics.results import Finding
from panelapp.minutes.draft import Captured, Minutes, build_minutes, load_captured
from panelapp.minutes.entries import Kind
from panelapp.minutes.export import FORMATS, render, title
from panelapp.minutes.journal import Journal
from panelapp.minutes.style import markdown_parser
from tests.data.journals import reference_meeting
from tests.data.journals.sample import child_identifiers, sample_figures, sample_pack

AWKWARD = (
    "1. looks like a list",
    "# looks like a heading",
    "<b>bold</b> & <script>alert(1)</script> &amp;",
    "a | pipe [link](http://example.org) *stars* _under_ `code`",
    "- a dash\n\nand a blank line",
)
"""Things a clerk may type that must come out as typed, not as Markdown or HTML."""


@pytest.fixture(scope="module")
def captured(tmp_path_factory: pytest.TempPathFactory) -> Captured:
    path = reference_meeting.build(tmp_path_factory.mktemp("meeting") / "m.journal.sqlite")
    with Journal.open(path) as journal:
        for text in AWKWARD:
            journal.add(Kind.DISCUSSION, text, item="4")
        journal.add(Kind.RESOLUTION, "2. Agree | the plan", item="2")
        journal.add(Kind.ACTION, "Split | cells", item="2", owner="A | B", due="soon")
    return load_captured(path, [i.number for i in sample_pack().items])


@pytest.fixture(scope="module")
def minutes(captured: Captured) -> Minutes:
    return build_minutes(sample_pack(), sample_figures(), captured)


def markdown(minutes: Minutes) -> str:
    text = render(minutes, "md")
    assert isinstance(text, str)
    return text


def docx_document(minutes: Minutes) -> docx.document.Document:
    data = render(minutes, "docx")
    assert isinstance(data, bytes)
    return docx.Document(io.BytesIO(data))


# -- Markdown ------------------------------------------------------------------------


def test_markdown_has_no_raw_html_and_keeps_typed_text_as_typed(minutes: Minutes) -> None:
    tokens = markdown_parser().parse(markdown(minutes))
    inline = [child for t in tokens for child in (t.children or [])]
    assert not [t for t in [*tokens, *inline] if t.type.startswith("html")]
    assert not [t for t in inline if t.type in ("link_open", "code_inline", "em_open")]
    paragraphs = [t.content for t in tokens if t.type == "inline"]
    rendered = markdown_parser().render(markdown(minutes))
    for text in AWKWARD:
        assert " ".join(text.split()).replace("&amp;", "&") in _unescape(rendered)
    assert any(p.startswith("1\\. looks like a list") for p in paragraphs)


def _unescape(rendered: str) -> str:
    import html

    return html.unescape(re.sub(r"<[^>]+>", "", rendered))


def test_markdown_lists_and_table_are_blocks_of_their_own(minutes: Minutes) -> None:
    lines = markdown(minutes).splitlines()
    for before, line in zip(lines, lines[1:], strict=False):
        starts_block = re.match(r"(- |\d+\. |\| )", line)
        if starts_block and not re.match(r"(- |\d+\. |\| )", before):
            assert before == "", f"no blank line before {line!r}"
    tokens = markdown_parser().parse(markdown(minutes))
    ordered = [t for t in tokens if t.type == "ordered_list_open"]
    assert len(ordered) == 2  # the resolutions of items 2 and 4, each from 1
    assert all(int(t.attrGet("start") or 1) == 1 for t in ordered)
    header = [t for t in tokens if t.type == "th_open"]
    assert len(header) == 6
    cells_per_row = sum(1 for t in tokens if t.type == "td_open") / 3
    assert cells_per_row == 6


def test_markdown_ends_with_one_newline_and_no_trailing_spaces(minutes: Minutes) -> None:
    text = markdown(minutes)
    assert text.endswith("\n") and not text.endswith("\n\n")
    assert "\n\n\n" not in text
    assert not [line for line in text.splitlines() if line != line.rstrip()]


# -- Word ---------------------------------------------------------------------------------


def test_word_uses_real_headings_lists_and_a_table(minutes: Minutes) -> None:
    document = docx_document(minutes)
    styles = [(p.style.name, p.text) for p in document.paragraphs]
    assert ("Heading 1", "Corporate Parenting Panel") in styles
    assert ("Heading 2", "4. Children Missing") in styles
    bullets = [text for style, text in styles if style == "List Bullet"]
    assert any(text.startswith("32% (134) of the 425 children") for text in bullets)
    numbered = [text for style, text in styles if style == "List Number"]
    assert numbered[-3:] == list(reference_meeting.RESOLUTIONS)
    assert document.core_properties.title == title(minutes)
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == [
        "Reference",
        "Action",
        "Owner",
        "Due",
        "Status",
        "Update",
    ]
    assert all(run.bold for c in table.rows[0].cells for run in c.paragraphs[0].runs)
    assert table.rows[0]._tr.trPr.xpath("./w:tblHeader")
    assert [c.text for c in table.rows[1].cells] == [
        "CPP-2022-03-09/3",
        "Split | cells",
        "A | B",
        "soon",
        "Open",
        "",
    ]


def test_word_numbering_restarts_for_each_items_resolutions(minutes: Minutes) -> None:
    document = docx_document(minutes)
    numbered = [p for p in document.paragraphs if p.style.name == "List Number"]
    ids = [p._p.pPr.numPr.numId.val for p in numbered]
    assert len(set(ids)) == 2 and ids == sorted(ids)
    numbering = document.part.numbering_part.element
    for num_id in set(ids):
        start = numbering.num_having_numId(num_id).xpath(".//w:startOverride/@w:val")
        assert start == ["1"]


# -- HTML ---------------------------------------------------------------------------------


class _Outline(HTMLParser):
    VOID = {"meta", "br", "hr", "img", "link", "input"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.tags: list[str] = []
        self.title = ""

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.tags.append(tag)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack.pop() == tag, f"</{tag}> closes the wrong element"

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1] == "title":
            self.title += data


def test_html_is_a_whole_well_formed_page(minutes: Minutes) -> None:
    page = render(minutes, "html")
    assert isinstance(page, str) and page.startswith("<!DOCTYPE html>")
    outline = _Outline()
    outline.feed(page)
    outline.close()
    assert outline.stack == []
    assert outline.title == title(minutes)
    assert "script" not in outline.tags and "b" not in outline.tags
    assert outline.tags.count("h2") == 7  # attendance, declarations, four items, actions
    assert outline.tags.count("ol") == 2 and outline.tags.count("th") == 6
    assert "&lt;script&gt;" in page


# -- nothing private in any format -----------------------------------------------------------


def _text_of(minutes: Minutes, fmt: str) -> str:
    content = render(minutes, fmt)  # type: ignore[arg-type]
    if isinstance(content, str):
        return content
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        # The parts panelapp writes to; the rest is Word's own boilerplate (styles, theme).
        parts = ("word/document.xml", "docProps/core.xml")
        return "".join(archive.read(n).decode("utf-8") for n in parts)


@pytest.mark.parametrize("public", [False, True])
@pytest.mark.parametrize("fmt", FORMATS)
def test_no_child_identifier_or_date_of_birth_reaches_any_export(
    captured: Captured, fmt: str, public: bool
) -> None:
    identifiers = child_identifiers()
    assert len(identifiers) > 800
    for capture in (captured, Captured()):
        minutes = build_minutes(sample_pack(), sample_figures(public), capture, public=public)
        text = _text_of(minutes, fmt)
        found = {value for value in identifiers if value in text}
        assert not found


@pytest.mark.parametrize("fmt", FORMATS)
def test_speaker_notes_and_data_quality_rows_are_never_exported(fmt: str) -> None:
    figures = sample_figures()[0]
    secret_kpis = tuple(replace(k, notes=f"SPEAKER NOTE {k.id}") for k in figures.kpis)
    finding = Finding("1004", 12, "CHILD", "C10001", "DATA QUALITY ROW", source="x.csv")
    figures = replace(figures, kpis=secret_kpis, findings=(finding,), notes=("FILE NOTE",))
    text = _text_of(build_minutes(sample_pack(), [figures]), fmt)
    assert "SPEAKER NOTE" not in text and "DATA QUALITY ROW" not in text
    assert "FILE NOTE" not in text and "C10001" not in text
    for kpi in sample_pack().item("4").kpis:
        assert kpi.notes[:40] not in text


def test_packaged_templates_are_shipped_as_package_data() -> None:
    folder = Path(__file__).parents[2] / "src" / "panelapp" / "minutes" / "templates"
    assert {"minutes.md.j2", "item.md.j2", "front.md.j2", "actions.md.j2"} <= {
        p.name for p in folder.iterdir()
    }
