"""The Word version of a draft, made from its Markdown so every format says the same.

Committee services edit minutes in Word, so the document must be built of
real Word parts: Heading styles (the navigation pane works), 'List Number'
and 'List Bullet' paragraphs (Word renumbers them), and tables with a header
row that repeats across pages. Each numbered list restarts at its own first
number, so every item's resolutions count from 1. A list inside a list (a
resolution's sub-points) takes the next level's style, 'List Bullet 2', so
Word indents it under its resolution rather than flattening it.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field

import docx
from docx.document import Document
from docx.oxml import OxmlElement
from docx.text.paragraph import Paragraph
from markdown_it.token import Token

from panelapp.minutes.style import markdown_parser
from panelapp.sanitise import clean

_LIST_STYLES = {"bullet_list_open": "List Bullet", "ordered_list_open": "List Number"}
_DEEPEST = 3
"""Word's built-in list styles go three levels deep ('List Bullet 3'); deeper stays at 3."""


def list_style(kind: str, depth: int) -> str:
    """'List Bullet' for a list at the top, 'List Bullet 2' inside another list, and so on."""
    base = _LIST_STYLES[kind]
    level = min(depth, _DEEPEST)
    return base if level == 1 else f"{base} {level}"


def to_docx(markdown: str, title: str) -> bytes:
    """A .docx file of the Markdown; ``title`` goes in the document's properties."""
    document = docx.Document()
    document.core_properties.title = clean(title)
    _Builder(document).build(markdown_parser().parse(markdown))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@dataclass
class _Block:
    """The block an inline run of text lands in, as the token stream opens them."""

    heading: int = 0
    lists: list[tuple[str, int | None]] = field(default_factory=list)
    """Open lists, innermost last: the paragraph style and, for numbered lists, the numbering."""
    rows: list[list[Token]] | None = None
    """The table being read, one list of cell contents per row."""


class _Builder:
    def __init__(self, document: Document) -> None:
        self.document = document

    def build(self, tokens: Sequence[Token]) -> None:
        block = _Block()
        for token in tokens:
            kind = token.type
            if kind == "heading_open":
                block.heading = int(token.tag[1:])
            elif kind == "heading_close":
                block.heading = 0
            elif kind in _LIST_STYLES:
                start = int(token.attrGet("start") or 1)
                style = list_style(kind, len(block.lists) + 1)
                numbering = self._restart(style, start) if kind == "ordered_list_open" else None
                block.lists.append((style, numbering))
            elif kind in ("bullet_list_close", "ordered_list_close"):
                block.lists.pop()
            elif kind == "table_open":
                block.rows = []
            elif kind == "tr_open" and block.rows is not None:
                block.rows.append([])
            elif kind == "table_close" and block.rows is not None:
                self._table(block.rows)
                block.rows = None
            elif kind == "inline":
                self._inline_block(block, token)

    def _inline_block(self, block: _Block, token: Token) -> None:
        if block.rows is not None:
            block.rows[-1].append(token)
        elif block.heading:
            _runs(self.document.add_heading("", level=block.heading), token)
        elif block.lists:
            style, numbering = block.lists[-1]
            paragraph = self.document.add_paragraph(style=style)
            if numbering is not None:
                _number(paragraph, numbering)
            _runs(paragraph, token)
        else:
            _runs(self.document.add_paragraph(), token)

    def _restart(self, name: str, start: int) -> int:
        """A new numbering instance of the 'List Number' style ``name``, starting at ``start``.

        Word continues one numbering across every paragraph that shares it,
        so without this the second item's resolutions would be 4, 5, 6.
        """
        numbering = self.document.part.numbering_part.element
        style = self.document.styles[name].element
        assert style.pPr is not None and style.pPr.numPr is not None
        assert style.pPr.numPr.numId is not None
        shared = numbering.num_having_numId(style.pPr.numPr.numId.val)
        num = numbering.add_num(shared.abstractNumId.val)
        num.add_lvlOverride(ilvl=0).add_startOverride(start)
        return int(num.numId)

    def _table(self, rows: list[list[Token]]) -> None:
        columns = max((len(row) for row in rows), default=0)
        if not columns:
            return
        table = self.document.add_table(rows=len(rows), cols=columns)
        table.style = self.document.styles["Table Grid"]
        # A row's cells fetched once: python-docx's table.cell() walks the whole
        # table on every call, so an action log of hundreds of rows would crawl.
        for r, (row, word_row) in enumerate(zip(rows, table.rows, strict=True)):
            for content, cell in zip(row, word_row.cells, strict=False):
                _runs(cell.paragraphs[0], content, bold=r == 0)
        header = table.rows[0]._tr.get_or_add_trPr()
        header.append(OxmlElement("w:tblHeader"))


def _number(paragraph: Paragraph, numbering: int) -> None:
    properties = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    properties.get_or_add_ilvl().val = 0
    properties.get_or_add_numId().val = numbering


def _runs(paragraph: Paragraph, token: Token, *, bold: bool = False) -> None:
    """The inline text of a block as Word runs, keeping bold and italic."""
    strong, emphasis = bold, False
    for child in token.children or ():
        if child.type == "strong_open":
            strong = True
        elif child.type == "strong_close":
            strong = bold
        elif child.type == "em_open":
            emphasis = True
        elif child.type == "em_close":
            emphasis = False
        elif child.type in ("softbreak", "hardbreak"):
            paragraph.add_run(" " if child.type == "softbreak" else "\n")
        elif child.content:
            # Sanitised again: a character reference (&#27;) is decoded only by the parser.
            run = paragraph.add_run(clean(child.content))
            run.bold = strong or None
            run.italic = emphasis or None
