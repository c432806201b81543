"""`panelapp export`: the minutes draft from the command line.

Gathers the inputs, calls the same functions as the app's preview, and says
where the draft went. It never creates a journal: before the meeting there
is none, and the draft then lists every figure for the clerk to prepare.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import cast

from panelapp import paths
from panelapp.config import Pack
from panelapp.minutes.draft import ExportError, Minutes, prepare_minutes
from panelapp.minutes.export import FORMATS, Format, default_path, render, write_draft
from panelapp.minutes.notices import notices, unavailable
from panelapp.minutes.style import pack_templates

DESCRIPTION = """\
Write the minutes draft in the council's house style: the meeting's front
matter, each agenda item with the figures actually presented (in the order
presented) and what the clerk captured, and the actions table. Before the
meeting, with no journal yet, every KPI of each item is listed so the draft
can be prepared in advance.

The draft is written to the pack's minutes/ folder as
<committee>-<date>.<format> unless --out says otherwise. A file edited by
hand since panelapp wrote it is never overwritten: the new draft gets the next
free name (…-2.md) and the message says so. Exit status 0 written, 2 unusable
input."""

STDOUT = "-"
"""``--out -`` prints the draft instead of writing a file (Markdown and HTML only)."""


def export_command(
    argv: list[str],
    make_parser: Callable[[str, str], argparse.ArgumentParser],
    add_pack: Callable[[argparse.ArgumentParser], None],
    load_pack: Callable[[argparse.Namespace], Pack],
) -> int:
    """Run ``panelapp export``; the parser and pack loading are the command line's own."""
    parser = make_parser("export", DESCRIPTION)
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    add_pack(parser)
    parser.add_argument(
        "--journal",
        type=Path,
        help="the meeting's journal (default: config.journal.sqlite beside config.toml; "
        "for the bundled sample, "
        f"{paths.user_data_dir() / ('sample' + paths.JOURNAL_SUFFIX)}; "
        "when it does not exist yet, the draft is prepared from the pack alone)",
    )
    parser.add_argument("--item", help="only this agenda item, e.g. 4 (default: the whole meeting)")
    parser.add_argument(
        "--format",
        choices=FORMATS,
        help="md (Markdown, the default), docx (Word), html, or json (the minute's facts "
        "for committee systems: attendance, and per item what was presented and captured); "
        "when omitted, taken from the --out file's extension",
    )
    parser.add_argument(
        "--public",
        action="store_true",
        help="the public version: small counts suppressed by disclosure control",
    )
    parser.add_argument(
        "--out",
        type=Path,
        help="write here instead of the pack's minutes/ folder; '-' prints Markdown, HTML or JSON",
    )
    parser.add_argument(
        "--no-cache", action="store_true", help="recompute figures instead of using the cache"
    )
    args = parser.parse_args(argv)

    pack = load_pack(args)
    fmt = _format(args.format, args.out, parser)
    journal = args.journal if args.journal is not None else paths.journal_for(pack.path)
    if args.journal is not None and not args.journal.is_file():
        raise ExportError(
            args.journal, "", "does not exist", "Check the path, or leave out --journal."
        )
    minutes = prepare_minutes(
        pack, journal=journal, item=args.item, public=args.public, use_cache=not args.no_cache
    )
    content = render(minutes, fmt, pack_templates(pack))
    if args.out is not None and str(args.out) == STDOUT:
        if isinstance(content, bytes):
            parser.error("--out - prints text; give a file name for a Word draft")
        _notes(minutes, journal)
        sys.stdout.write(str(content))
        return 0
    _notes(minutes, journal)
    out = args.out or default_path(pack, fmt, item=args.item, public=args.public)
    print(write_draft(content, out).message)
    return 0


def _notes(minutes: Minutes, journal: Path) -> None:
    """What to check before the draft goes out, on standard error. Before the meeting (no
    journal yet) only figures that could not be made: nobody could be marked yet."""
    if journal.exists():
        said = notices(minutes, register="panelapp clerk, then Ctrl+R")
    else:
        said = unavailable(minutes)
    for notice in said:
        print(f"panelapp: note: {notice}", file=sys.stderr)


def _format(given: str | None, out: Path | None, parser: argparse.ArgumentParser) -> Format:
    """--format, else the --out file's extension, else Markdown; a contradiction is an error."""
    suffix = out.suffix.lstrip(".").lower() if out is not None else ""
    implied = {
        "md": "md",
        "markdown": "md",
        "docx": "docx",
        "html": "html",
        "htm": "html",
        "json": "json",
    }.get(suffix)
    if given is not None and implied is not None and implied != given:
        parser.error(f"--format {given} does not match --out {out}")
    return cast(Format, given or implied or "md")
