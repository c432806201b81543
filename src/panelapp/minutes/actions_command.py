"""`panelapp actions`: a committee's action log across its meetings, from their journals.

Each meeting is a pack folder with its journal; the log is every action
they raised, with the latest status any of them recorded, oldest due first
and the overdue ones flagged. Journals are opened to read only: none is
created, written or brought up to date, whatever release wrote it, and a
pack with no journal yet has no actions. A journal that cannot be read, and
a reference two meetings both raised, are said on standard error (exit
status 1); the rest of the log is listed all the same.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from panelapp import paths
from panelapp.config import load_pack, resolve_pack_path
from panelapp.metrics.format import long_day
from panelapp.minutes.action_log import LoggedAction, due_words, merge, status_text
from panelapp.minutes.previous import PastMeeting, chain

DESCRIPTION = """\
List the actions of a committee's meetings: each FOLDER is a meeting's pack
(a folder or its config.toml) with its journal, and the meetings its
`previous` key leads back to are read too. Without FOLDER, the pack in
./config.toml (else the bundled sample) and the meetings before it.

The status of each action is the latest any meeting recorded. Actions are
listed oldest due first; an open action due before today (or --as-of) is
overdue. Journals are only read. Exit status 0 listed, 1 listed but a journal
could not be read or two meetings raised the same reference, 2 unusable
input."""

NOTED = 1
"""Exit status when the log was listed but something about it is said on standard error."""

CSV_COLUMNS = ("reference", "meeting", "item", "action", "owner", "due", "status", "overdue")
"""The CSV's columns, then ``update`` and ``updated``: one row per action."""


@dataclass(frozen=True)
class Listed:
    """One action as the command lists it."""

    action: LoggedAction
    due_by: dt.date | None
    """The day it is due (for 'next meeting', the next meeting's date when known)."""
    overdue: bool

    def facts(self) -> dict[str, Any]:
        """The action as JSON: what the log says of it and every meeting's update."""
        action, latest = self.action, self.action.latest
        return {
            "reference": action.reference,
            "meeting": action.raised.isoformat() if action.raised else None,
            "item": action.item,
            "action": action.text,
            "points": list(action.points),
            "owner": action.owner,
            "due": action.due,
            "due_by": self.due_by.isoformat() if self.due_by else None,
            "status": action.status,
            "overdue": self.overdue,
            "update": latest.note if latest else "",
            "updated": latest.recorded.isoformat() if latest and latest.recorded else None,
            "history": [
                {
                    "meeting": u.recorded.isoformat() if u.recorded else None,
                    "status": u.status,
                    "note": u.note,
                }
                for u in action.history
            ],
        }


@dataclass(frozen=True)
class Log:
    """The command's whole answer: the actions to list, and what to say about them."""

    listed: tuple[Listed, ...]
    notes: tuple[str, ...]


def action_log(
    meetings: Sequence[PastMeeting],
    today: dt.date,
    *,
    open_only: bool = False,
    owner: str = "",
) -> Log:
    """The log of ``meetings``: filtered, oldest due first (undated last), overdue flagged."""
    merged = merge([m.log for m in meetings])
    days = [m.date for m in meetings if m.date is not None]
    listed = []
    for action in merged.actions:
        if open_only and not action.is_open:
            continue
        if owner and owner.casefold() not in action.owner.casefold():
            continue
        listed.append(Listed(action, action.due_by(days), action.overdue(today, days)))
    listed.sort(key=lambda x: (x.due_by is None, x.due_by or dt.date.min, x.action.reference))
    notes = [m.problem for m in meetings if m.problem]
    return Log(tuple(listed), (*notes, *merged.conflicts))


def meetings_of(folders: Sequence[Path]) -> list[PastMeeting]:
    """Each folder's meeting and the meetings before it, each once, oldest first.

    A folder that is not a pack is the user's mistake, refused at once; a
    meeting reached through ``previous`` that cannot be read is one of the
    notes.
    """
    found: dict[Path, PastMeeting] = {}
    for folder in folders:
        load_pack(resolve_pack_path(folder), check_files=False)  # a mistyped folder: exit 2
        for meeting in chain(folder):
            key = meeting.config.resolve()
            found.setdefault(key, meeting)
    return sorted(found.values(), key=lambda m: m.date or dt.date.min)


def actions_command(
    argv: list[str], make_parser: Callable[[str, str], argparse.ArgumentParser]
) -> int:
    """Run ``panelapp actions``; the parser is the command line's own."""
    parser = make_parser("actions", DESCRIPTION)
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument("folders", nargs="*", type=Path, metavar="FOLDER", help="a meeting's pack")
    parser.add_argument("--open", action="store_true", help="only actions still open")
    parser.add_argument("--owner", default="", help="only actions whose owner's name has NAME")
    shape = parser.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help="print a JSON list, one object each")
    shape.add_argument("--csv", action="store_true", help="print CSV, one row each")
    parser.add_argument(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="judge overdue against this day instead of today (the next meeting's date, say)",
    )
    args = parser.parse_args(argv)
    today = dt.date.today()
    if args.as_of:
        try:
            today = dt.date.fromisoformat(args.as_of)
        except ValueError:
            parser.error(f"--as-of {args.as_of!r} should be a date, YYYY-MM-DD")
    folders = args.folders or [paths.default_pack()]
    log = action_log(meetings_of(folders), today, open_only=args.open, owner=args.owner)
    if args.json:
        sys.stdout.write(json.dumps([x.facts() for x in log.listed], indent=2) + "\n")
    elif args.csv:
        _csv(log.listed)
    else:
        _table(log.listed, today)
    for note in log.notes:
        print(f"panelapp: note: {note}", file=sys.stderr)
    return NOTED if log.notes else 0


def _csv(listed: Sequence[Listed]) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow([*CSV_COLUMNS, "update", "updated"])
    for x in listed:
        facts = {**x.facts(), "overdue": "yes" if x.overdue else ""}
        writer.writerow([facts[c] or "" for c in (*CSV_COLUMNS, "update", "updated")])


def _table(listed: Sequence[Listed], today: dt.date) -> None:
    from rich.table import Table
    from rich.text import Text

    from panelapp.report import PipedConsole
    from panelapp.sanitise import clean

    console = PipedConsole()
    if not listed:
        console.print("No actions.")
        return
    table = Table(title=f"Action log, as of {long_day(today)}", title_justify="left")
    table.add_column("Reference", no_wrap=True)
    for heading in ("Action", "Owner", "Due", "Status", "Update"):
        table.add_column(
            heading, overflow="fold", ratio=3 if heading in ("Action", "Update") else 1
        )
    overdue = 0
    for x in listed:
        action, latest = x.action, x.action.latest
        due = Text(clean(due_words(action.due)))
        if x.overdue:
            overdue += 1
            due.append(" OVERDUE", style="bold red")
        update = ""
        if latest is not None and latest.note:
            update = f"{long_day(latest.recorded)}: {latest.note}" if latest.recorded else ""
        table.add_row(
            clean(action.reference),
            clean(action.text),
            clean(action.owner),
            due,
            status_text(action.status),
            clean(update),
        )
    console.print(table)
    still = sum(1 for x in listed if x.action.is_open)
    console.print(f"{len(listed)} actions: {still} open, {overdue} overdue.")
