"""What one typed line means: its kind, its speaker, its text, or a sub-point of the line before.

The clerk types at the speed of the meeting and reads the badge, not a
manual, so a line is read by a few plain rules, the same at Enter as on the
badge while it is typed:

* a known word and a colon pick the kind for this line (``q: …``, ``res: …``,
  see :func:`panelapp.minutes.entries.parse_prefix`), else the kind picked
  with Alt stands;
* for a kind with a speaker, ``Name: …`` names the speaker, but only when the
  name is one the pack knows or starts with Cllr/Councillor, so
  ``q: Re MACE: why …`` stays text;
* ``- …`` right after a resolution or an action is a sub-point of it;
* an attendance line may start with its role: ``att: apologies Cllr Reed``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from panelapp.minutes.entries import HAS_POINTS, SPEAKER_KINDS, Kind, iso_day, parse_prefix

COUNCILLOR = "Councillor"
"""How the minute writes the title a clerk types as Cllr."""

_TITLES = frozenset({"councillor", "cllr", "mr", "mrs", "ms", "miss", "dr"})
"""Words before a name that are not the name: a surname alone still finds the person."""

_NAME_WORDS = 6
"""A speaker's name is a few words; anything longer before a colon is text."""

_SPEAKER = re.compile(r"\s*([^:]{1,80}?)\s*:(.*)", re.DOTALL)
_SUB_POINT = re.compile(r"\s*[-•*–]\s+(.*\S)\s*", re.DOTALL)
_FIRST_WORD = re.compile(r"\s*([A-Za-z]+)\b[\s:,]*(.*)", re.DOTALL)
_FOR_FIRST = re.compile(r"for\s+(.+?)\s*[:,;]\s*(.+)", re.DOTALL | re.IGNORECASE)
_FOR_AFTER = re.compile(r"(.+?)\s+for\s+(.+)", re.DOTALL | re.IGNORECASE)

ROLE_WORDS: dict[str, str] = {
    "present": "present",
    "apologies": "apologies",
    "apology": "apologies",
    "absent": "absent",
    "substitute": "substitute",
    "officer": "officer",
}
"""First words of an attendance line that give its role (``att: apologies Cllr Reed``)."""

SUBSTITUTE_FOR = "substitute for "
"""How the journal keeps a substitute's role with the member they stand in for."""


def due_text(typed: str) -> str:
    """A due date as the journal keeps it: ISO when the clerk typed a date, else their words.

    UK clerks write 31/3/2025; that, and 2025-03-31, become a date so overdue
    actions can be flagged. Anything else ("next meeting") is kept as typed.
    """
    typed = typed.strip()
    match = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})", typed)
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            return dt.date(year + 2000 if year < 100 else year, month, day).isoformat()
        return dt.date.fromisoformat(typed).isoformat()
    except ValueError:
        return typed


def due_shown(due: str) -> str:
    """A due date as a UK clerk reads it: '2022-04-30' -> '30/04/2022'; words as typed."""
    day = iso_day(due)
    return f"{day:%d/%m/%Y}" if day is not None else due


def _words(name: str) -> list[str]:
    """A name as words to compare: case folded, full stops dropped, Cllr read as Councillor."""
    words = [w.casefold().strip(".,") for w in name.split()]
    return ["councillor" if w == "cllr" else w for w in words if w]


def _core(words: list[str]) -> list[str]:
    """The name without the titles in front of it."""
    at = 0
    while at < len(words) - 1 and words[at] in _TITLES:
        at += 1
    return words[at:]


def is_councillor(typed: str) -> bool:
    """Whether ``typed`` names a councillor by title, known to the pack or not."""
    words = _words(typed)
    return bool(words) and words[0] == "councillor" and len(words) > 1


class Names:
    """The people a meeting may name: the pack's members and officers, and names typed since."""

    def __init__(self, names: Iterable[str] = ()) -> None:
        self.names: list[str] = list(dict.fromkeys(n.strip() for n in names if n.strip()))
        """Known names, the pack's first: completion offers them in this order."""
        self._pack = frozenset(self.names)

    def add(self, name: str) -> None:
        """Remember a name typed in the meeting, so it completes the second time."""
        if name and name not in self.names:
            self.names.append(name)

    def in_pack(self, name: str) -> bool:
        """Whether ``name`` is one of the pack's own people (not only typed since)."""
        return name in self._pack

    def resolve(self, typed: str) -> str | None:
        """The known name ``typed`` means, or None when it means none, or more than one.

        'Cllr Ashby', 'councillor tom ashby' and 'Ashby' all mean 'Councillor Tom
        Ashby' when the pack has one Ashby; the minute then spells the name one way.
        """
        words = _words(typed)
        if not words or len(words) > _NAME_WORDS:
            return None
        for name in self.names:
            if _words(name) == words:
                return name
        core = _core(words)
        titled = words[0] == "councillor"
        found = [
            name
            for name in self.names
            if _core(_words(name))[-len(core) :] == core
            and (not titled or _words(name)[0] == "councillor")
        ]
        return found[0] if len(found) == 1 else None

    def complete(self, typed: str) -> str | None:
        """The first known name that ``typed`` begins (case aside), for completion as it is typed.

        'councillor m' completes to 'Councillor Mark Ellis', in the pack's
        spelling; 'Cllr To' to 'Cllr Tom Ashby' when the pack has 'Councillor
        Tom Ashby' (the title as typed: it is read as Councillor when saved).
        """
        if not typed.strip():
            return None
        folded = typed.casefold()
        for name in self.names:
            if name.casefold().startswith(folded) and len(name) > len(typed):
                return name
        short = re.match(r"(?i)cllr\.?\s+", typed)
        if short:
            rest = typed[short.end() :].casefold()
            for name in self.names:
                if name.casefold().startswith("councillor ") and rest:
                    tail = name[len("councillor ") :]
                    if tail.casefold().startswith(rest) and len(tail) > len(rest):
                        return typed + tail[len(rest) :]
        return None


def split_speaker(text: str, names: Names) -> tuple[str, str]:
    """('Councillor Tom Ashby', 'How many …?') from 'Cllr Ashby: How many …?', else ('', text).

    Text before the colon is a speaker only when it is a known name or starts
    with Cllr/Councillor; a known name is written as the pack writes it.
    """
    match = _SPEAKER.fullmatch(text)
    if not match:
        return "", text
    who, rest = match.group(1), match.group(2).strip()
    known = names.resolve(who)
    if known:
        return known, rest
    if is_councillor(who) and len(who.split()) <= _NAME_WORDS:
        return who.strip(), rest
    return "", text


def split_role(text: str, names: Names) -> tuple[str, str]:
    """('apologies', 'Councillor Jo Reed') from 'apologies Cllr Reed'; ('', text) without one.

    A substitute may say whom they stand in for, either way round:
    'substitute Cllr Reed for Cllr Ashby' or 'substitute for Cllr Ashby: Cllr Reed';
    the role is then 'substitute for Councillor Tom Ashby'.
    """
    match = _FIRST_WORD.fullmatch(text)
    role = ROLE_WORDS.get(match.group(1).casefold()) if match else None
    if match is None or role is None:
        return "", text
    rest = match.group(2).strip()
    if role == "substitute":
        stands_for = ""
        first = _FOR_FIRST.fullmatch(rest)
        after = _FOR_AFTER.fullmatch(rest)
        if first:
            stands_for, rest = first.group(1), first.group(2)
        elif after:
            rest, stands_for = after.group(1), after.group(2)
        if stands_for:
            role = SUBSTITUTE_FOR + (names.resolve(stands_for) or stands_for.strip())
    return role, names.resolve(rest) or rest.strip()


def role_of(role: str) -> tuple[str, str]:
    """('substitute', 'Councillor Tom Ashby') from the journal's role; ('present', '') when none."""
    if role.casefold().startswith(SUBSTITUTE_FOR):
        return "substitute", role[len(SUBSTITUTE_FOR) :].strip()
    return (role.strip() or "present"), ""


@dataclass(frozen=True)
class Line:
    """A typed line, read: what Enter saves, and what the badge shows while it is typed."""

    kind: Kind
    text: str
    speaker: str = ""
    """The speaker the text named ('Cllr Ashby: …'); empty when it named none."""
    role: str = ""
    """For attendance: the role its first word gave ('apologies'); empty when none."""
    prefixed: bool = False
    """The kind came from a typed prefix, for this line only."""


def read_line(typed: str, kind: Kind, names: Names, *, after: Kind | None = None) -> Line:
    """Read a typed line: ``kind`` is the one picked with Alt, ``after`` the kind of the line
    saved just before in this item (a sub-point's parent, or another sub-point of it)."""
    point = _SUB_POINT.fullmatch(typed)
    if point and (after in HAS_POINTS or after is Kind.POINT):
        return Line(Kind.POINT, point.group(1))
    prefixed, text = parse_prefix(typed)
    kind = prefixed or kind
    speaker, role = "", ""
    if kind in SPEAKER_KINDS:
        speaker, text = split_speaker(text, names)
    if kind is Kind.ATTENDANCE:
        role, text = split_role(text, names)
        text = names.resolve(text) or text
    return Line(kind, text.strip(), speaker, role, prefixed is not None)
