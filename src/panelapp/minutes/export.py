"""The minutes draft as a file: render to a format, then write without losing anyone's work.

Rendering is a pure function of the draft. Writing is atomic (a temporary
file renamed into place, see :mod:`panelapp.atomic`), so a reader never sees
half a draft and no temporary copy of private minutes is left behind; and a file
the clerk has edited since panelapp wrote it is never overwritten: panelapp
keeps a hidden record of what it last wrote, and if the file differs, the
new draft goes to the next free name instead.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from panelapp import atomic, paths
from panelapp.config import Pack
from panelapp.minutes.draft import ExportError, Minutes
from panelapp.minutes.facts import to_json
from panelapp.minutes.style import long_date, markdown_parser, render_markdown
from panelapp.minutes.word import to_docx
from panelapp.sanitise import clean

Format = Literal["md", "docx", "html", "json"]
FORMATS: tuple[Format, ...] = ("md", "docx", "html", "json")
"""Markdown is the draft itself; Word and HTML are made from it; JSON holds its facts."""

_HTML_STYLE = (
    "body{font-family:Arial,sans-serif;max-width:48em;margin:2em auto;line-height:1.4}"
    "table{border-collapse:collapse}th,td{border:1px solid #666;padding:.25em .5em;"
    "text-align:left;vertical-align:top}"
)


def title(minutes: Minutes) -> str:
    """'Corporate Parenting Panel, Wednesday 9 March 2022', for window and document titles."""
    return " ".join(clean(f"{minutes.committee}, {long_date(minutes.date)}").split())


def render(minutes: Minutes, fmt: Format, templates: Path | None = None) -> str | bytes:
    """The draft in one format: text for Markdown, HTML and JSON, bytes for Word.

    ``templates`` is the pack's own templates folder (see
    :func:`panelapp.minutes.style.pack_templates`), or None for the packaged style.
    """
    if fmt == "json":
        return to_json(minutes)
    markdown = render_markdown(minutes, templates)
    if fmt == "md":
        return markdown
    if fmt == "html":
        return to_html(markdown, title(minutes))
    if fmt == "docx":
        return to_docx(markdown, title(minutes))
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def to_html(markdown: str, heading: str) -> str:
    """A complete, self-contained HTML page of the Markdown.

    Sanitised again after rendering: a character reference in a template
    (``&#27;``) becomes the character itself only here.
    """
    body = clean(markdown_parser().render(markdown))
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(clean(heading))}</title>\n<style>{_HTML_STYLE}</style>\n"
        f"</head>\n<body>\n{body}</body>\n</html>\n"
    )


def slug(text: str) -> str:
    """'Corporate Parenting Panel' -> 'corporate-parenting-panel', safe in any file system."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "minutes"


def default_path(pack: Pack, fmt: Format, *, item: str | None = None, public: bool = False) -> Path:
    """Where a draft goes unless told otherwise: the pack's exports folder.

    One-item and public drafts get their own names, so writing one never
    replaces the whole private draft.
    """
    meeting = pack.meeting
    name = f"{slug(clean(meeting.committee))}-{meeting.date.isoformat()}"
    if item is not None:
        name += f"-item-{slug(item)}"
    if public:
        name += "-public"
    return paths.exports_dir(pack.path) / f"{name}.{fmt}"


@dataclass(frozen=True)
class WriteResult:
    """Where a draft was written, and the sentence that tells the clerk."""

    path: Path
    requested: Path
    """Where it was asked to go; differs from ``path`` when that file had been edited."""
    message: str

    @property
    def moved(self) -> bool:
        """True when an edited file was kept and the draft went elsewhere."""
        return self.path != self.requested


def write_draft(content: str | bytes, path: Path) -> WriteResult:
    """Write atomically to ``path``, or to the next free name if ``path`` holds someone's edits."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    target = _free_target(path, data)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic.write(target, data)
        atomic.write(_record_path(target), json.dumps({"sha256": _digest(data)}).encode())
    except OSError as error:
        raise ExportError(
            target, "", f"could not be written ({error.strerror or error})", _WRITE_FIX
        ) from None
    if target == path:
        return WriteResult(target, path, f"Wrote {target}")
    return WriteResult(
        target,
        path,
        f"{path.name} has changes not made by panelapp, so it was left as it is; "
        f"the new draft is {target}",
    )


_WRITE_FIX = "Check the folder exists and is writable, or give another path with --out."


def _free_target(path: Path, data: bytes) -> Path:
    """``path`` unless it holds someone's edits; then minutes-2.md, minutes-3.md, …

    A numbered draft panelapp wrote itself is reused, so exporting again
    after editing the first draft does not pile up copies.
    """
    candidate, number = path, 1
    while not _ours_to_replace(candidate, data):
        number += 1
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
    return candidate


def _ours_to_replace(path: Path, data: bytes) -> bool:
    """Free, unchanged since panelapp wrote it, or already exactly this draft."""
    try:
        existing = path.read_bytes()
    except FileNotFoundError:
        return True
    except OSError as error:
        raise ExportError(path, "", f"could not be read ({error.strerror})", _WRITE_FIX) from None
    if existing == data:
        return True
    try:
        record = json.loads(_record_path(path).read_text("utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(record, dict) and record.get("sha256") == _digest(existing)


def _record_path(path: Path) -> Path:
    """The hidden record of what panelapp last wrote to ``path``."""
    return path.with_name(f".{path.name}.panelapp.json")


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
