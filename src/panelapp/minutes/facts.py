"""The minute's facts as JSON, for committee systems to import and for tests to read.

Made from the same :class:`~panelapp.minutes.draft.Minutes` the templates
render, by a pure function, so the JSON and the Markdown can never say two
different things: who attended, and per agenda item what the room's screen
presented and what the clerk captured, each entry with the figure it was
stamped with. Notes are the clerk's own and never appear; in a public draft
every figure is the public one. Journal rows that could not be read are not
entries: a private draft lists them as ``unreadable`` placeholders to check
by hand, a public one never mentions them.
"""

from __future__ import annotations

import json
from typing import Any

from panelapp.minutes.draft import Attendance, MinuteEntry, Minutes
from panelapp.minutes.lines import role_of

ROLES = ("present", "apologies", "absent", "substitute", "officer")
"""The attendance roles the JSON uses; anyone else who attended counts as present."""


def attendance(register: Attendance) -> list[dict[str, str]]:
    """Everyone the minute lists as attending or sending apologies, with one role each."""
    people: list[dict[str, str]] = []
    people += [{"name": n, "role": "present"} for n in register.present]
    people += [{"name": n, "role": "present"} for n in register.others]
    people += [{"name": n, "role": "substitute"} for n in register.substitutes]
    people += [{"name": p.name, "role": "officer"} for p in register.officers]
    people += [{"name": n, "role": "apologies"} for n in register.apologies]
    people += [{"name": n, "role": "absent"} for n in register.absent]
    return people


def entry(captured: MinuteEntry) -> dict[str, Any]:
    """One entry: kind, text, speaker and stamp always; owner, due, role, number and a
    resolution's or action's sub-points (``points``) when it has them."""
    stamp = captured.stamp
    facts: dict[str, Any] = {
        "kind": captured.kind,
        "text": captured.text,
        "speaker": captured.speaker,
        "stamp": None
        if stamp is None
        else {"id": stamp.id, "title": stamp.title, "figure": stamp.figure},
    }
    if captured.kind == "attendance":
        role, instead_of = role_of(captured.role)
        facts["role"] = role if role in ROLES else "present"
        if instead_of:
            facts["substitute_for"] = instead_of
    if captured.kind == "action":
        facts.update(owner=captured.owner, due=captured.due)
    if captured.number is not None:
        facts["number"] = captured.number
    if captured.kind in ("resolution", "action"):
        facts["points"] = list(captured.points)
    return facts


def facts(minutes: Minutes) -> dict[str, Any]:
    """The whole draft as plain data (see the module's docstring)."""
    return {
        "meeting": {
            "body": minutes.body,
            "committee": minutes.committee,
            "date": minutes.date.isoformat(),
            "time": minutes.time,
            "venue": minutes.venue,
            "chair": minutes.chair,
            "public": minutes.public,
            "whole_meeting": minutes.whole_meeting,
            "entries": [entry(e) for e in minutes.meeting_entries if e.kind != "note"],
            "unreadable": list(minutes.unreadable),
        },
        "attendance": attendance(minutes.attendance),
        "items": [
            {
                "number": item.number,
                "title": item.title,
                "presented": list(item.presented),
                "highlights": list(item.highlights),
                "figures_available": not item.figures_unavailable,
                "entries": [entry(e) for e in item.entries if e.kind != "note"],
                "unreadable": list(item.unreadable),
            }
            for item in minutes.items
        ],
        "actions": [
            {
                "owner": a.owner,
                "text": a.text,
                "due": a.due,
                "item": a.item,
                "points": list(a.points),
            }
            for a in minutes.actions
        ],
    }


def to_json(minutes: Minutes) -> str:
    """The facts as indented UTF-8 JSON text, ending in a newline."""
    return json.dumps(facts(minutes), ensure_ascii=False, indent=2) + "\n"
