"""The attendance register: who the pack expects, who the clerk marked, and what the minute lists.

A minute is a record: it lists as present only the people the clerk marked
present. The pack says who is expected (the chair, the members and the
substitutes named ahead) and whose apologies came in advance; the register
starts from that, and anyone expected and not marked is said before the
draft is written ("2 members not marked: …"), never guessed as present.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from panelapp.config import Meeting
from panelapp.metrics.format import plural
from panelapp.minutes.entries import Entry, Kind
from panelapp.minutes.lines import role_of

IN_ADVANCE = "apologies (in advance)"
"""How the register shows apologies the pack received before the meeting."""


def expected(meeting: Meeting) -> tuple[str, ...]:
    """Who the clerk marks: the chair, the members and the substitutes named in the pack."""
    names = [meeting.chair, *meeting.members, *meeting.substitutes]
    return tuple(dict.fromkeys(n for n in names if n))


def marks(entries: Iterable[Entry]) -> dict[str, str]:
    """Each name the clerk marked, with the role of the latest mark ('present', 'apologies',
    'substitute for …')."""
    marked: dict[str, str] = {}
    for entry in entries:
        if entry.kind is Kind.ATTENDANCE and entry.text:
            marked.pop(entry.text, None)
            marked[entry.text] = entry.role or "present"
    return marked


@dataclass(frozen=True)
class Register:
    """What the minute says of who attended, from the pack and the clerk's marks."""

    present: tuple[str, ...]
    apologies: tuple[str, ...]
    substitutes: tuple[str, ...]
    """'Councillor Lee (in place of Councillor Ashby)' when the clerk said whom for."""
    absent: tuple[str, ...]
    officers: tuple[tuple[str, str], ...]
    """(name, role): the pack's officers, then any the clerk marked officer."""
    others: tuple[str, ...]
    unmarked: tuple[str, ...]
    """Expected and not marked, nor sending apologies: listed nowhere until marked."""


def register(meeting: Meeting, entries: Sequence[Entry]) -> Register:
    """The register as the minute gives it (see the module's docstring)."""
    marked = marks(entries)
    by_role: dict[str, list[str]] = {}
    stood_in_for: dict[str, str] = {}
    for name, role in marked.items():
        base, instead_of = role_of(role)
        by_role.setdefault(base, []).append(name)
        if instead_of:
            stood_in_for[name] = instead_of
    replaced = set(stood_in_for.values())
    order = [*expected(meeting), *marked]
    present = [n for n in dict.fromkeys(order) if n in by_role.get("present", ())]
    # A pack's substitute marked present attends as a substitute.
    substitutes = [n for n in present if n in meeting.substitutes]
    present = [n for n in present if n not in substitutes]
    substitutes += [n for n in by_role.get("substitute", ()) if n not in substitutes]
    advance = [n for n in meeting.apologies if n not in marked]
    apologies = [*advance, *by_role.get("apologies", ())]
    # A member a substitute stands in for, and nobody marked, sent apologies.
    apologies += [n for n in replaced if n not in marked and n not in apologies]
    officers = [(o.name, o.role) for o in meeting.officers]
    known = {name for name, _ in officers}
    officers += [(n, "") for n in by_role.get("officer", ()) if n not in known]
    others = [*meeting.others, *by_role.get("other", ())]
    shown = {"present", "apologies", "absent", "substitute", "officer", "other"}
    for role, names in by_role.items():
        if role not in shown:
            others += [f"{n} ({role})" for n in names]
    unmarked = [
        n for n in expected(meeting) if n not in marked and n not in advance and n not in replaced
    ]
    return Register(
        present=tuple(present),
        apologies=tuple(dict.fromkeys(apologies)),
        substitutes=tuple(_standing_in(n, stood_in_for) for n in dict.fromkeys(substitutes)),
        absent=tuple(by_role.get("absent", ())),
        officers=tuple(officers),
        others=tuple(dict.fromkeys(others)),
        unmarked=tuple(unmarked),
    )


def _standing_in(name: str, stood_in_for: dict[str, str]) -> str:
    instead_of = stood_in_for.get(name)
    return f"{name} (in place of {instead_of})" if instead_of else name


def not_marked(unmarked: Sequence[str]) -> str:
    """'2 members not marked: A, B', said before the draft is written; '' when all are."""
    if not unmarked:
        return ""
    count = len(unmarked)
    return f"{plural(count, 'member')} not marked: {', '.join(unmarked)}"
