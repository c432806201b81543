"""The minutes draft as plain data: what the templates are given, and nothing more.

A draft is built from three inputs only: the pack (who, what, when), the
presented figures (already under disclosure control when public) and what
the clerk captured in the journal. Building it is a pure function, so the
command line, the preview screen and the tests all get the same draft, and
nothing that must never be minuted (child identifiers, speaker notes,
data-quality rows) can reach a template: the model has no field to carry it.
Nor does it hold a path or any object that reaches the file system or the
data: what a template can read is plain text, numbers and dates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from panelapp.config import Item, Pack
from panelapp.errors import UserError
from panelapp.metrics import format as fmt
from panelapp.metrics.engine import present
from panelapp.metrics.narrative import cited, placeholders
from panelapp.metrics.results import ItemFigures, KpiResult, Outcome, ThemeResult, Unavailable
from panelapp.metrics.store import figure_outcomes
from panelapp.minutes.entries import HAS_POINTS, UNSTAMPED, Entry, Kind
from panelapp.minutes.identifiers import Identifiers, find, redact
from panelapp.minutes.journal import Journal
from panelapp.minutes.register import register
from panelapp.minutes.room import read_room


class ExportError(UserError):
    """A draft that cannot be made or written, with where, why and what to do."""


# ---------------------------------------------------------------------------
# What the journal holds, read once


@dataclass(frozen=True)
class Captured:
    """Everything the clerk captured, read from the journal in one go.

    Kept apart from :class:`Journal` so a draft can be built without a file
    (before the meeting) and tests can state a meeting as plain values.
    """

    meeting: tuple[Entry, ...] = ()
    """Attendance and declarations."""
    items: Mapping[str, tuple[Entry, ...]] = field(default_factory=dict)
    """Each agenda item's entries, in the order the minute reads."""
    actions: tuple[Entry, ...] = ()
    presented: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Slide ids presented per item, in the order first presented."""
    opened: frozenset[str] = frozenset()
    """Items the room's screen has opened; any item with a slide presented counts too.
    An item not opened yet is drafted with every figure, ready for the meeting."""

    def was_opened(self, item: str) -> bool:
        """Whether the room's screen has opened ``item``, so only what it presented is listed."""
        return item in self.opened or bool(self.presented.get(item))


def read_journal(journal: Journal, items: Sequence[str]) -> Captured:
    """Read what a draft needs from an open journal.

    ``items`` are the pack's agenda numbers; items the journal has entries
    for but the pack does not are read too, so nothing typed is lost.
    """
    numbers = list(dict.fromkeys([*items, *journal.items()]))
    opened, presented = read_room(journal)
    return Captured(
        meeting=tuple(journal.meeting_entries()),
        items={n: tuple(journal.item_entries(n)) for n in numbers},
        actions=tuple(journal.actions()),
        presented=presented,
        opened=opened,
    )


def load_captured(path: Path | None, items: Sequence[str]) -> Captured:
    """What a journal file holds, or nothing when there is no file yet.

    A missing journal is the normal state before a meeting; it is not
    created, so exporting a draft in advance leaves no trace in the pack.
    """
    if path is None or not path.exists():
        return Captured()
    with Journal.open(path, create=False) as journal:
        return read_journal(journal, items)


def prepare_minutes(
    pack: Pack,
    *,
    journal: Path | None,
    item: str | None = None,
    public: bool = False,
    figures: Sequence[Outcome] | None = None,
    use_cache: bool = True,
) -> Minutes:
    """The draft as it stands: figures (computed unless given), plus the journal if there is one.

    The one way the command line and the app's preview get a draft. An item
    whose figures cannot be made is minuted as such; the rest of the
    meeting is drafted as usual.
    """
    if figures is None:
        figures = [
            present(o, pack, public=public) if isinstance(o, ItemFigures) else o
            for o in figure_outcomes(pack, use_cache=use_cache)
        ]
    captured = load_captured(journal, [i.number for i in pack.items])
    return build_minutes(
        pack, figures, captured, item=item, public=public, identifiers=read_children(pack, figures)
    )


def read_children(pack: Pack, figures: Sequence[Outcome]) -> dict[str, Identifiers]:
    """Each item's children as its data names them, for the draft to keep out of public text.

    Read from the data files each time a draft is made, never cached.
    """
    from panelapp.metrics.child_index import read_identifiers

    made = {f.item.number: f for f in figures if isinstance(f, ItemFigures)}
    return {
        item.number: read_identifiers(pack, item, made.get(item.number))
        for item in pack.items
        if item.data.episodes
    }


# ---------------------------------------------------------------------------
# The model the templates see


@dataclass(frozen=True)
class Person:
    """Someone the minute names; officers by role, then name."""

    name: str
    """'Julie Daley', as the pack or the clerk gives it."""
    role: str = ""
    """'Interim Head of Transformation'; empty for someone the pack gives no role."""


@dataclass(frozen=True)
class Attendance:
    """The meeting's front matter: who was there, in the minute's groups."""

    present: tuple[str, ...] = ()
    """Only those the clerk marked present: nobody is minuted present by default."""
    apologies: tuple[str, ...] = ()
    """Members who sent apologies, from the pack and the register."""
    substitutes: tuple[str, ...] = ()
    """Members attending for another ('Councillor X (substitute for Councillor Y)')."""
    officers: tuple[Person, ...] = ()
    """Officers in attendance, with their roles."""
    others: tuple[str, ...] = ()
    """Also in attendance: guests, the Children in Care Council, anyone else recorded."""
    absent: tuple[str, ...] = ()
    """Members recorded absent without apologies; the house style does not print them."""
    unmarked: tuple[str, ...] = ()
    """Members expected and not marked (nor sending apologies): listed nowhere in the
    minute, and said in the preview so the clerk can mark them."""


@dataclass(frozen=True)
class Stamp:
    """The figure on the room's screen when an entry was typed, as the draft's figures give it."""

    id: str
    """The KPI's or theme's id."""
    title: str
    """The slide's title ('Missing children in care')."""
    figure: str
    """'32% (134 of 425)' from the draft's own figures (so under the same disclosure control);
    empty in a public draft when the figures cannot vouch for it."""


@dataclass(frozen=True)
class Resolution:
    """A numbered resolution, with its bullet sub-points ("That the committee requested:")."""

    text: str
    """The resolution as typed; it is what the resolution prints as."""
    points: tuple[str, ...] = ()
    """Sub-points, in order; a template nests them under the resolution."""
    number: int | None = None
    """Its number within the item."""

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class MinuteEntry:
    """One captured entry as the minute uses it: never a note, which is the clerk's own."""

    kind: str
    """query, response, discussion, resolution, action, presentation, declaration or attendance."""
    text: str
    """What the clerk typed."""
    speaker: str = ""
    """Who spoke, when the clerk gave a name."""
    stamp: Stamp | None = None
    """The figure on the room's screen when it was typed; None for kinds never stamped."""
    role: str = ""
    """For attendance: present, apologies, absent, substitute, officer or other."""
    owner: str = ""
    """An action's owner."""
    due: str = ""
    """An action's due date as the minute prints it ('15 June 2022', 'next meeting')."""
    number: int | None = None
    """A resolution's number within its item."""
    points: tuple[str, ...] = ()
    """A resolution's or action's sub-points, in order."""


@dataclass(frozen=True)
class Declaration:
    """A declaration of interest, in the clerk's words."""

    speaker: str
    """The member declaring, when the clerk gave a name."""
    text: str
    """The declaration as typed."""


@dataclass(frozen=True)
class Exchange:
    """A query and the responses to it, as one block of the minute."""

    query: str
    """Empty for responses that answer no query in particular."""
    asked_by: str
    """The member who asked; empty when the clerk gave no name."""
    topic: str
    """The title of the figure on screen when it was asked ('Missing children in care')."""
    figure: str
    """That figure ('32% (134 of 425)'); empty when there was none, or the query quotes it."""
    responses: tuple[str, ...]
    """The officers' answers, in the order given."""


@dataclass(frozen=True)
class ItemMinutes:
    """One agenda item, every section already in minute order; empty sections are empty."""

    number: str
    """The agenda number as printed ('4')."""
    title: str
    """'Children Missing'."""
    purpose: str
    """The purpose line under the heading, from the pack."""
    report: str
    """The report considered ('Children Missing Review report'); empty for items without one."""
    provides: str
    """What the report provided, completing '…, which provided …'."""
    presenters: tuple[Person, ...]
    """The officers who presented, in the pack's order."""
    highlights: tuple[str, ...]
    """One sentence per KPI or theme presented, then the clerk's presentation points."""
    responders: tuple[Person, ...]
    """Who answered queries, presenters first; someone whose every answer names them
    is left out, as the minute already says who they are."""
    exchanges: tuple[Exchange, ...]
    """Each query with its answers, in the order asked."""
    discussion: tuple[str, ...]
    """The discussion points, in order."""
    resolutions: tuple[Resolution, ...]
    """In order, each with its sub-points; prints as its text."""
    closing: str
    """The pack's closing line for the item (``closing`` in config.toml); empty unless set."""
    documents: tuple[str, ...]
    """Supporting documents: the report, then the pack's others."""
    presented: tuple[str, ...] = ()
    """The ids of the KPIs and themes the room's screen presented, in order."""
    entries: tuple[MinuteEntry, ...] = ()
    """What was captured for the item, in minute order, notes and unreadable rows left out."""
    figures_unavailable: bool = False
    """The item's figures could not be made: the minute says so instead of listing them."""
    unreadable: tuple[str, ...] = ()
    """Private drafts only: a placeholder for each journal row of the item that cannot be read."""

    @property
    def has_minutes(self) -> bool:
        """Whether anything follows 'Minutes:'; procedural items often have nothing."""
        return bool(
            self.report
            or self.presenters
            or self.highlights
            or self.exchanges
            or self.discussion
            or self.resolutions
            or self.figures_unavailable
        )


@dataclass(frozen=True)
class Action:
    """A row of the action log at the end of the minutes."""

    owner: str
    """Who will do it."""
    text: str
    """The action as typed."""
    due: str
    """When, as the minute prints it ('15 June 2022', 'next meeting')."""
    item: str
    """The agenda item's number."""
    item_title: str
    """The agenda item's title."""
    points: tuple[str, ...] = ()
    """The action's sub-points, in order."""


@dataclass(frozen=True)
class Minutes:
    """A whole draft, ready for a template."""

    body: str
    """The council ('London Borough of Croydon')."""
    committee: str
    """'Corporate Parenting Panel'."""
    panel: str
    """How the minute names the committee in its sentences: 'the Panel'."""
    date: dt.date
    """The meeting's date; print it with ``| long_date``."""
    time: str
    """'16:00', as the pack gives it; may be empty."""
    venue: str
    """Where the meeting was held; may be empty."""
    chair: str
    """The chair's name, to mark in the attendance list."""
    attendance: Attendance
    """Who was there."""
    declarations: tuple[Declaration, ...]
    """Declarations of interest, in the order made."""
    items: tuple[ItemMinutes, ...]
    """The agenda items drafted: all of them, or the one asked for."""
    actions: tuple[Action, ...]
    """The action log, in the order the actions were agreed."""
    whole_meeting: bool
    """False for a draft of one item, which has no front matter."""
    public: bool
    """A public draft: small counts are the suppression symbol."""
    symbol: str
    """The suppression symbol, explained at the top of a public draft."""
    threshold: int
    """Counts from 1 to this are suppressed in a public draft."""
    meeting_entries: tuple[MinuteEntry, ...] = ()
    """Attendance and declarations as captured, in the order the clerk arranged them."""
    unreadable: tuple[str, ...] = ()
    """Private drafts only: a placeholder for each meeting-level journal row that cannot be
    read, so the clerk checks it by hand rather than lose it unseen."""
    named: tuple[str, ...] = ()
    """Private drafts only: each entry whose text names a child of the item's data, with the
    words, for the clerk to check; the public draft shows "[child]" or "[date]" there."""
    unchecked: tuple[str, ...] = ()
    """Items with entries whose data could not be read, so the entries could not be checked
    for a child's identifier: the clerk checks those by hand before publishing."""
    unavailable: tuple[str, ...] = ()
    """Items whose figures could not be made, with why: the draft says only that they were
    not available, so the clerk is told what to fix before exporting again."""


# ---------------------------------------------------------------------------
# Building


def build_minutes(
    pack: Pack,
    figures: Sequence[Outcome],
    captured: Captured = Captured(),
    *,
    item: str | None = None,
    public: bool = False,
    identifiers: Mapping[str, Identifiers] | None = None,
) -> Minutes:
    """The draft minutes of a meeting, or of one agenda item when ``item`` is given.

    ``figures`` must be presented for the same audience as ``public`` (see
    :func:`panelapp.metrics.store.figures_for_pack`); a private figure in a
    public draft is refused rather than risked. An item whose figures could
    not be made (:class:`Unavailable`) is minuted as such. ``identifiers``
    are each item's children (:func:`read_children`): a public draft shows
    "[child]" and "[date]" where the clerk's text names one, a private draft
    lists where.
    """
    identifiers = identifiers or {}
    named = () if public else _named(captured, identifiers)
    if public:
        captured = _redacted(captured, identifiers)
    made = [f for f in figures if isinstance(f, ItemFigures)]
    if any(f.public != public for f in made):
        raise ValueError("public minutes need figures presented with public=True, and vice versa")
    by_item = {f.item.number: f for f in made}
    missing = {f.item.number for f in figures if isinstance(f, Unavailable)}
    agenda = list(pack.items) + [
        Item(number=n, title=f"Item {n}")
        for n in captured.items
        if n not in {i.number for i in pack.items}
    ]
    if item is not None:
        agenda = [i for i in agenda if i.number == item]
        if not agenda:
            numbers = ", ".join(i.number for i in pack.items)
            raise ExportError(
                pack.path, "items", f"there is no agenda item {item}", f"Use one of {numbers}."
            )
    items = tuple(
        _item(
            i,
            by_item.get(i.number),
            captured.items.get(i.number, ()),
            captured.presented.get(i.number, ()) if captured.was_opened(i.number) else None,
            pack,
            public,
            unavailable=i.number in missing,
        )
        for i in agenda
    )
    titles = {i.number: i.title for i in agenda}
    points = {n: _points_of(entries) for n, entries in captured.items.items() if n in titles}
    actions = tuple(
        Action(
            owner=e.owner,
            text=e.text,
            due=_due(e),
            item=e.item,
            item_title=titles[e.item],
            points=points.get(e.item, {}).get(e.id, ()),
        )
        for e in captured.actions
        if e.item in titles
    )
    meeting = pack.meeting
    return Minutes(
        body=meeting.body,
        committee=meeting.committee,
        panel=meeting.committee.split()[-1],
        date=meeting.date,
        time=meeting.time,
        venue=meeting.venue,
        chair=meeting.chair,
        attendance=_attendance(pack, captured.meeting),
        declarations=tuple(
            Declaration(e.speaker, e.text) for e in captured.meeting if e.kind is Kind.DECLARATION
        ),
        items=items,
        actions=actions,
        whole_meeting=item is None,
        public=public,
        symbol=pack.disclosure.symbol,
        threshold=pack.disclosure.threshold,
        meeting_entries=tuple(
            _minute_entry(e, None, pack, public)
            for e in captured.meeting
            if e.kind is not Kind.UNREADABLE
        ),
        unreadable=() if public else _placeholders(captured.meeting),
        named=named,
        unchecked=tuple(
            f"Item {number}: {ids.problem}"
            for number, ids in identifiers.items()
            if ids.problem and captured.items.get(number) and number in titles
        ),
        unavailable=tuple(
            f"Item {f.item.number}: {f.message}"
            for f in figures
            if isinstance(f, Unavailable) and f.item.number in titles
        ),
    )


def _points_of(entries: Sequence[Entry]) -> dict[int, tuple[str, ...]]:
    """Each resolution's and action's sub-points, by the parent's id, in order."""
    points: dict[int, list[str]] = {}
    for entry in entries:
        if entry.kind is Kind.POINT and entry.parent_id is not None:
            points.setdefault(entry.parent_id, []).append(entry.text)
    return {parent: tuple(texts) for parent, texts in points.items()}


def _redacted(captured: Captured, identifiers: Mapping[str, Identifiers]) -> Captured:
    """What the clerk typed with each child it names replaced by "[child]" or "[date]".

    Meeting-level entries (attendance, declarations) are checked against
    every item's children.
    """
    every = Identifiers(
        children=frozenset().union(*(i.children for i in identifiers.values())),
        births=frozenset().union(*(i.births for i in identifiers.values())),
    )

    def clean(entries: Sequence[Entry], ids: Identifiers) -> tuple[Entry, ...]:
        return tuple(replace(e, text=redact(e.text, ids)) for e in entries)

    return replace(
        captured,
        meeting=clean(captured.meeting, every),
        items={n: clean(e, identifiers.get(n, Identifiers())) for n, e in captured.items.items()},
        actions=tuple(
            replace(e, text=redact(e.text, identifiers.get(e.item or "", Identifiers())))
            for e in captured.actions
        ),
    )


def _named(captured: Captured, identifiers: Mapping[str, Identifiers]) -> tuple[str, ...]:
    """'Item 4, query: “ZK001X”, “02/02/2005”' for each entry that names a child."""
    lines = []
    for number, entries in captured.items.items():
        ids = identifiers.get(number)
        if ids is None:
            continue
        for entry in entries:
            found = find(entry.text, ids)
            if found:
                words = ", ".join(f"“{named.text}”" for named in found)
                lines.append(f"Item {number}, {entry.kind.label.lower()}: {words}")
    return tuple(lines)


def _item(
    item: Item,
    figures: ItemFigures | None,
    entries: Sequence[Entry],
    presented: Sequence[str] | None,
    pack: Pack,
    public: bool,
    *,
    unavailable: bool = False,
) -> ItemMinutes:
    """``presented`` is None before the room's screen has opened the item."""

    def of(kind: Kind) -> list[Entry]:
        return [e for e in entries if e.kind is kind]

    slides = _slides(figures, presented)
    points = _points_of(entries)
    officers = {o.name: o.role for o in pack.meeting.officers}
    named = _named_responders(of(Kind.RESPONSE), officers)
    # Presenters first, as they were introduced; then anyone else who answered.
    responders = dict.fromkeys([n for n in item.presenters if n in named] + list(named))
    return ItemMinutes(
        number=item.number,
        title=item.title,
        purpose=item.purpose,
        report=item.report,
        provides=item.provides,
        presenters=tuple(Person(n, officers.get(n, "")) for n in item.presenters),
        highlights=tuple(s.narrative for s in slides if s.id not in _carried(item, slides))
        + tuple(e.text for e in of(Kind.PRESENTATION)),
        responders=tuple(Person(n, officers.get(n, "")) for n in responders),
        exchanges=_exchanges(entries, figures, pack, public),
        discussion=tuple(e.text for e in of(Kind.DISCUSSION)),
        resolutions=tuple(
            Resolution(e.text, points.get(e.id, ()), e.number) for e in of(Kind.RESOLUTION)
        ),
        closing=item.closing,
        documents=tuple(dict.fromkeys(d for d in (item.report, *item.documents) if d)),
        presented=tuple(presented or ()),
        entries=tuple(
            _minute_entry(e, figures, pack, public, points.get(e.id, ()))
            for e in entries
            if e.kind not in (Kind.NOTE, Kind.UNREADABLE, Kind.POINT)
        ),
        figures_unavailable=unavailable,
        unreadable=() if public else _placeholders(entries),
    )


def _named_responders(responses: Sequence[Entry], roles: Mapping[str, str]) -> list[str]:
    """Who answered, for 'In response to queries …, X clarified the following', in order.

    Someone whose every answer names them already ("Additionally, the Director
    of … highlighted …") is left out of that line, as the house style does.
    """
    said: dict[str, list[str]] = {}
    for entry in responses:
        if entry.speaker:
            said.setdefault(entry.speaker, []).append(entry.text.casefold())
    return [
        name
        for name, texts in said.items()
        if not all(
            any(word and word.casefold() in text for word in (name, roles.get(name, "")))
            for text in texts
        )
    ]


def _placeholders(entries: Sequence[Entry]) -> tuple[str, ...]:
    """One marked line per unreadable journal row: its id, why, and what of it can be read.

    Private drafts only: what cannot be read cannot be checked for what a
    public minute must never hold.
    """
    lines = []
    for entry in entries:
        if entry.kind is Kind.UNREADABLE:
            text = f": “{entry.text}”" if entry.text else ""
            lines.append(f"[Journal entry {entry.id} could not be read ({entry.problem}){text}]")
    return tuple(lines)


def _slides(
    figures: ItemFigures | None, presented: Sequence[str] | None
) -> list[KpiResult | ThemeResult]:
    """The KPIs and themes presented, in the order presented; all of them before the room's
    screen has opened the item (``presented`` is None), so a draft can be made ahead.

    Ids no longer in the pack (a KPI removed after the meeting) are skipped.
    """
    if figures is None:
        return []
    every: dict[str, KpiResult | ThemeResult] = {k.id: k for k in figures.kpis}
    every.update({t.id: t for t in figures.themes})
    if presented is None:
        return list(every.values())
    return [every[i] for i in presented if i in every]


def _carried(item: Item, slides: Sequence[KpiResult | ThemeResult]) -> set[str]:
    """KPIs whose figure another presented KPI's sentence cites: minuted there, not twice."""
    shown = {s.id for s in slides if s.available}
    carried: set[str] = set()
    for kpi in item.kpis:
        if kpi.id in shown:
            for name in placeholders(kpi.narrative):
                citation = cited(name)
                if citation is not None and citation[0] != kpi.id:
                    carried.add(citation[0])
    return carried


def _minute_entry(
    entry: Entry,
    figures: ItemFigures | None,
    pack: Pack,
    public: bool,
    points: tuple[str, ...] = (),
) -> MinuteEntry:
    return MinuteEntry(
        kind=entry.kind.value,
        text=entry.text,
        speaker=entry.speaker,
        stamp=_stamp(entry, figures, pack, public),
        role=entry.role if entry.kind is Kind.ATTENDANCE else "",
        owner=entry.owner,
        due=_due(entry) if entry.kind is Kind.ACTION else "",
        number=entry.number,
        points=points if entry.kind in HAS_POINTS else (),
    )


def _stamp(entry: Entry, figures: ItemFigures | None, pack: Pack, public: bool) -> Stamp | None:
    """The figure an entry is stamped with, as the draft's own figures give it.

    The draft's figures, not the text stamped on the entry: they are under
    the same disclosure control as the rest of the draft, and agree with it
    if the data was corrected after the meeting. A stamp the figures cannot
    vouch for is used only in a private draft.
    """
    shown = _stamped(entry, figures, pack, public)
    if shown is None:
        return None
    context = entry.context
    return Stamp(context.screen_id, context.title, shown)


def _stamped(entry: Entry, figures: ItemFigures | None, pack: Pack, public: bool) -> str | None:
    """The figure an entry is stamped with ('32% (134 of 425)'); None when it has none."""
    context = entry.context
    if not context.screen_id or entry.kind in UNSTAMPED:
        return None
    shown = _headline(figures, context.screen_id, pack) if figures is not None else None
    return shown if shown is not None else ("" if public else context.figure)


def _exchanges(
    entries: Sequence[Entry], figures: ItemFigures | None, pack: Pack, public: bool
) -> tuple[Exchange, ...]:
    """Queries with their responses; the journal already orders each response after its query."""
    blocks: list[Exchange] = []
    index: dict[int, int] = {}
    for entry in entries:
        if entry.kind is Kind.QUERY:
            index[entry.id] = len(blocks)
            topic, figure = _on_screen(entry, figures, pack, public)
            blocks.append(Exchange(entry.text, entry.speaker, topic, figure, ()))
        elif entry.kind is Kind.RESPONSE:
            at = index.get(entry.query_id) if entry.query_id is not None else None
            if at is None:
                blocks.append(Exchange("", "", "", "", (entry.text,)))
            else:
                blocks[at] = replace(blocks[at], responses=(*blocks[at].responses, entry.text))
    return tuple(blocks)


def _on_screen(
    entry: Entry, figures: ItemFigures | None, pack: Pack, public: bool
) -> tuple[str, str]:
    """The topic and figure a query was asked about (see :func:`_stamp`), or ('', '')."""
    shown = _stamped(entry, figures, pack, public)
    if shown is None:
        return "", ""
    # A query that already quotes the figure needs no reminder of it.
    value = shown.split(" (")[0]
    if not value or value in entry.text:
        return "", ""
    return entry.context.title, shown


def _headline(figures: ItemFigures, screen_id: str, pack: Pack) -> str | None:
    """A slide's headline as the presenter's screen shows it: '32% (134 of 425)'."""
    decimals, symbol = pack.display.percent_decimals, pack.disclosure.symbol
    for kpi in figures.kpis:
        if kpi.id == screen_id:
            return fmt.with_counts(kpi.current, kpi.unit, decimals, symbol)
    for theme in figures.themes:
        if theme.id == screen_id:
            if theme.cohort is None and not theme.cohort_suppressed:
                return ""
            return fmt.children(theme.cohort, theme.cohort_suppressed, symbol)
    return None


def _attendance(pack: Pack, entries: Sequence[Entry]) -> Attendance:
    """The register as the minute gives it: present only if marked present (see
    :mod:`panelapp.minutes.register`)."""
    marked = register(pack.meeting, entries)
    return Attendance(
        present=marked.present,
        apologies=marked.apologies,
        substitutes=marked.substitutes,
        officers=tuple(Person(name, role) for name, role in marked.officers),
        others=marked.others,
        absent=marked.absent,
        unmarked=marked.unmarked,
    )


def _due(entry: Entry) -> str:
    day = entry.due_date
    return f"{day.day} {day:%B %Y}" if day is not None else entry.due
