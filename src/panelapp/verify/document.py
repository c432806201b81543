"""A report's text as numbered paragraphs, whatever it was written in.

Officers send Word or PDF; some packs keep Markdown, plain text or a web
page. Each format is read into the same list of :class:`Paragraph`, a
table's rows included (each cell said with its row and column headings, so
"425" under "2021" beside "Children missing" reads as a statement), and
anything that cannot be read is one :class:`ReportError` naming the file
and the fix.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from panelapp.errors import UserError

FORMATS = (".docx", ".pdf", ".md", ".markdown", ".txt", ".text", ".html", ".htm")
"""The report formats read, by file extension."""


class ReportError(UserError):
    """A report that cannot be read: missing, damaged, encrypted or of another format."""


@dataclass(frozen=True)
class Paragraph:
    """One paragraph (or table row) of the report, where a reader finds it."""

    page: int | None
    """The page, for a PDF; other formats have none that a reader can rely on."""
    number: int
    """Counted from 1 in the document, or on the page for a PDF."""
    text: str


Block = str | list[list[str]]
"""A paragraph's text, or a table as rows of cells."""


def read_report(path: Path) -> list[Paragraph]:
    """The paragraphs of the report at ``path``, by its extension."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ReportError(
            path,
            "",
            f"'{suffix or 'no extension'}' is not a report format panelapp reads",
            "Give a .docx, .pdf, .md, .txt or .html file.",
        )
    if not path.is_file():
        raise ReportError(path, "", "does not exist", "Check the path.")
    if suffix == ".pdf":
        return _pdf(path)
    if suffix == ".docx":
        return _numbered(None, _docx(path))
    text = _text(path)
    if suffix in (".md", ".markdown"):
        return _numbered(None, _markdown(text))
    if suffix in (".html", ".htm"):
        return _numbered(None, _html(text))
    return _numbered(None, plain_paragraphs(text))


def _numbered(page: int | None, blocks: Iterable[Block]) -> list[Paragraph]:
    out: list[Paragraph] = []
    for block in blocks:
        texts = _table(block) if isinstance(block, list) else [block]
        for text in texts:
            text = _LEADING_BULLET.sub("", " ".join(text.split()))
            if text:
                out.append(Paragraph(page, len(out) + 1, text))
    return out


def _table(rows: list[list[str]]) -> list[str]:
    """Each row after the heading row as one paragraph: 'Children missing, 2021: 425; …'."""
    rows = [[" ".join(cell.split()) for cell in row] for row in rows if any(c.strip() for c in row)]
    if len(rows) < 2:
        return [" ".join(row) for row in rows]
    heading = rows[0]
    out = []
    for row in rows[1:]:
        label = row[0]
        cells = [
            f"{label}, {heading[j] if j < len(heading) else ''}: {cell}".replace(", :", ":")
            for j, cell in enumerate(row[1:], start=1)
            if cell
        ]
        out.append("; ".join(cells) if cells else label)
    return out


def _text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReportError(path, "", f"cannot be read ({exc.strerror})", "Check the path.") from None
    if b"\0" in data[:4096]:
        raise ReportError(
            path, "", "is not a text file", "Save the report as .docx, .pdf, .md, .txt or .html."
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Saved as text from Word on Windows: Windows-1252 reads every byte.
        return data.decode("cp1252", errors="replace")


_LEADING_BULLET = re.compile(r"^[-•*–·▪]\s+")
_BULLET = re.compile(r"^\s*(?:[-•*–·▪]|\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)])\s+", re.IGNORECASE)
_BLANK = re.compile(r"\n[ \t\xa0\u200b]*\n")


def plain_paragraphs(text: str) -> list[str]:
    """Paragraphs of plain text: blank lines part them, a bullet starts one, wraps are joined."""
    out: list[str] = []
    for block in _BLANK.split(text.replace("\r\n", "\n").replace("\r", "\n")):
        current: list[str] = []
        for line in block.split("\n"):
            if not line.strip():
                continue
            if _BULLET.match(line) and current:
                out.append(_joined(current))
                current = []
            current.append(line.strip())
        if current:
            out.append(_joined(current))
    return out


def _joined(lines: list[str]) -> str:
    """Wrapped lines as one: a word broken at a line's end with a hyphen is kept whole."""
    text = lines[0]
    for line in lines[1:]:
        text = text + line if re.search(r"[A-Za-z]-$", text) else f"{text} {line}"
    return text


def _docx(path: Path) -> Iterator[Block]:
    import zipfile

    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph as DocxParagraph

    try:
        document = Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError):
        raise ReportError(
            path,
            "",
            "is not a Word document panelapp can read",
            "Open it in Word and save it again as .docx.",
        ) from None
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            yield DocxParagraph(child, document).text
        elif tag == "tbl":
            table = Table(child, document)
            yield [[cell.text for cell in row.cells] for row in table.rows]


def _pdf(path: Path) -> list[Paragraph]:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    # pypdf logs what it repairs on the way; a damaged file is one message below, not many.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise FileNotDecryptedError("a password is needed")
        pages = [page.extract_text(extraction_mode="layout") or "" for page in reader.pages]
    except (FileNotDecryptedError, DependencyError):
        raise ReportError(
            path, "", "is an encrypted PDF", "Save a copy without a password and check that."
        ) from None
    except (PdfReadError, OSError, ValueError, KeyError, TypeError) as exc:
        raise ReportError(
            path,
            "",
            f"is not a PDF panelapp can read ({exc})",
            "Export it from Word again, or give the .docx.",
        ) from None
    out: list[Paragraph] = []
    for number, text in enumerate(pages, start=1):
        out.extend(_numbered(number, plain_paragraphs(_unlaid(text))))
    if not any(p.text for p in out) and pages:
        raise ReportError(
            path,
            "",
            "has no text to read (a scanned image?)",
            "Give the report as .docx, or a PDF exported from Word.",
        )
    return out


def _unlaid(text: str) -> str:
    """Layout text back to lines: the columns' padding goes, blank lines part paragraphs."""
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(lines)


def _markdown(text: str) -> Iterator[Block]:
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    rows: list[list[str]] | None = None
    for token in tokens:
        if token.type == "table_open":
            rows = []
        elif token.type == "table_close" and rows is not None:
            yield rows
            rows = None
        elif token.type == "tr_open" and rows is not None:
            rows.append([])
        elif token.type == "inline":
            content = "".join(
                " " if child.type in ("softbreak", "hardbreak") else child.content
                for child in token.children or ()
                if child.type in ("text", "code_inline", "softbreak", "hardbreak")
            )
            if rows is not None and rows:
                rows[-1].append(content)
            else:
                yield content


class _HtmlText(HTMLParser):
    """Text of block elements, tables as rows; scripts and styles are never read."""

    _BLOCKS = frozenset(
        {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "dd", "dt", "caption", "div"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._text: list[str] = []
        self._skip = 0
        self._tables: list[list[list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag == "table":
            self._flush()
            self._tables.append([])
        elif tag == "tr" and self._tables:
            self._tables[-1].append([])
        elif tag in ("td", "th"):
            self._text = []
        elif tag in self._BLOCKS or tag == "br":
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in ("td", "th") and self._tables and self._tables[-1]:
            self._tables[-1][-1].append("".join(self._text))
            self._text = []
        elif tag == "table" and self._tables:
            self.blocks.append(self._tables.pop())
        elif tag in self._BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._text.append(data)

    def _flush(self) -> None:
        if not self._tables and "".join(self._text).strip():
            self.blocks.append("".join(self._text))
        if not self._tables:
            self._text = []


def _html(text: str) -> list[Block]:
    parser = _HtmlText()
    parser.feed(text)
    parser.close()
    parser._flush()
    return parser.blocks
