"""The clerk's capture bar: type a line, press Enter, and it is in the journal.

One Enter makes one entry, with the kind and text the clerk saw on screen
when pressing it, whatever the typing speed:

* the keys that end or steer a line (Enter, Tab, the Alt keys) wait until
  every key typed before them is in its field (see
  :mod:`panelapp.ui.widgets.capture_fields`), so a fast typist's next line
  never runs into this one;
* Enter takes the line whole and empties the field at once; the line is
  saved off the UI thread, in order behind the lines taken before it
  (:mod:`panelapp.ui.line_queue`), and waits there, shown, while another
  seat holds the journal; it is never handed back into the field;
* a paste of several lines asks once, showing how many entries it makes.

The kind of entry is sticky (a note until another is picked) and is chosen
with Alt and the kind's letter, which can never land in the text, or for one
entry by a typed prefix (``q: …``, ``res: …``). A speaker is given in the
speaker field or typed before a colon (``q: Cllr Ashby: How many …?``); see
:mod:`panelapp.minutes.lines` for how a line is read.

An entry is stamped with the figure the room's screen showed when the clerk
began typing it (the presenter may have moved on by Enter). The stamp is
shown on the bar before saving; Alt+S takes the room's figure of now
instead, Alt+C clears it. Attendance, declarations, notes and sub-points are
never stamped, and nothing is while the room shows an agenda slide.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.suggester import Suggester
from textual.timer import Timer
from textual.widgets import Input, Label, Static

from panelapp.metrics.format import plural
from panelapp.minutes.entries import (
    HAS_POINTS,
    ROLES,
    SPEAKER_KINDS,
    UNSTAMPED,
    Context,
    Entry,
    Kind,
    parse_prefix,
)
from panelapp.minutes.identifiers import Identifiers, warning
from panelapp.minutes.journal import JournalError, read_only_error
from panelapp.minutes.lines import ROLE_WORDS, Line, Names, due_text, read_line
from panelapp.minutes.room import OnScreen
from panelapp.ui.journal_calls import ERROR_SECONDS, problem, read_quietly
from panelapp.ui.line_queue import RETRY_SECONDS, LineQueue, TypedLine
from panelapp.ui.link import JournalLink
from panelapp.ui.text import plain
from panelapp.ui.widgets.capture_fields import (
    CaptureInput,
    Field,
    NameInput,
    NameSuggester,
    caught_up,
)
from panelapp.ui.widgets.capture_lines import entry_line, query_numbers, waiting_line

LOG_LINES = 30
"""How many of the latest entries the bar lists; the entries screen has the rest."""

REFRESH_SECONDS = 5.0
"""How often the list re-reads the journal, to show what another terminal saved."""

KIND_ORDER: tuple[Kind, ...] = (
    Kind.NOTE,
    Kind.QUERY,
    Kind.RESPONSE,
    Kind.DISCUSSION,
    Kind.RESOLUTION,
    Kind.ACTION,
    Kind.PRESENTATION,
    Kind.DECLARATION,
    Kind.ATTENDANCE,
)
"""The kinds as the key strip lists them: the ones a meeting uses most come first."""

_SHORT_LABEL: dict[Kind, str] = {
    Kind.DECLARATION: "Declaration",
    Kind.PRESENTATION: "Presentation",
}

_SIDE_FIELDS = ("role", "speaker", "owner", "due")
"""The fields beside the text, each shown for the kinds that use it."""

_COMPLETES_FROM = 2
"""Letters typed before a name in the text is offered: one letter offers too much."""


def stamp(context: OnScreen | None, item: str) -> Context:
    """What the journal records as on screen: a KPI or theme of the item being minuted."""
    if context is None or context.item != item or not context.stamps:
        return Context()
    return Context(screen_id=context.slide, title=context.title, figure=context.figure)


class LineSuggester(Suggester):
    """Completes a name typed in the text: a speaker before the colon, or who attended."""

    def __init__(self, complete: Callable[[str], str | None]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self._complete = complete

    async def get_suggestion(self, value: str) -> str | None:
        return self._complete(value)


class CaptureBar(Vertical):
    """Kind, speaker and text fields over a list of what the item has so far."""

    BINDINGS = [
        *(
            Binding(
                f"alt+{kind.key}",
                f"pick('{kind.value}')",
                kind.label,
                id=f"capture.kind.{kind.value}",
                show=False,
                # Priority: a terminal sends Alt+q as "q" with a modifier, which the
                # text field would otherwise type.
                priority=True,
            )
            for kind in KIND_ORDER
        ),
        # Priority, so each of these keys acts where it falls among the letters:
        # it waits for the keys before it, and the keys after it wait for it.
        Binding("enter", "enter", "Save the line", id="capture.save", show=False, priority=True),
        Binding(
            "tab",
            "next_field(1)",
            "Next field",
            id="capture.next_field",
            show=False,
            priority=True,
        ),
        Binding(
            "shift+tab",
            "next_field(-1)",
            "Previous field",
            id="capture.previous_field",
            show=False,
            priority=True,
        ),
        Binding(
            "alt+s",
            "stamp_now",
            "Stamp: the room's figure now",
            id="capture.stamp_now",
            show=False,
            priority=True,
        ),
        Binding(
            "alt+c",
            "clear_stamp",
            "Stamp: none",
            id="capture.clear_stamp",
            show=False,
            priority=True,
        ),
    ]

    kind: reactive[Kind] = reactive(Kind.NOTE, init=False)
    """The kind Enter saves; a typed prefix overrides it for one entry."""
    item: reactive[str] = reactive("", init=False)
    """The agenda item being minuted; follows the deck."""
    context: reactive[OnScreen | None] = reactive(None, init=False)
    """What the room's screen shows now; a line takes it as its stamp at its first key."""

    class Saved(Message):
        """An entry is on disk; for anything else showing the journal to refresh."""

        def __init__(self, entry: Entry) -> None:
            super().__init__()
            self.entry = entry

    def __init__(
        self,
        link: JournalLink,
        *,
        item: str,
        context: OnScreen | None = None,
        names: Sequence[str] = (),
        identifiers: Callable[[str], Identifiers] = lambda item: Identifiers(),
        on_room_screen: bool = False,
        id: str | None = None,
    ) -> None:
        """``names`` are the pack's members and officers; ``identifiers`` gives an item's
        child identifiers, so a line naming a child is warned of at once; ``on_room_screen``
        says the bar is seen by the room (the solo seat), so in public mode its log shows
        those children as "[child]" and "[date]"."""
        super().__init__(id=id)
        self.link = link
        self.on_room_screen = on_room_screen
        self._queries: dict[int, int] = {}
        self.names = Names(names)
        self.identifiers = identifiers
        self.lines = LineQueue(link, self._line_saved, self._line_failed)
        """Lines taken at Enter and not yet on disk, oldest first."""
        self._previous: TypedLine | None = None
        """The line taken last: a sub-point typed next belongs to it (or to its parent)."""
        self._latest: Entry | None = None
        """The item's latest entry as last read, for a sub-point typed before any line here."""
        self._entries: list[Entry] = []
        self._retry: Timer | None = None
        self._unread: set[str] = set()
        """Why reading the journal failed, already told: the list re-reads every few seconds."""
        self._unsaved: set[str] = set()
        """Why saving failed, already told: a waiting line is tried again and again."""
        self._flagged: set[str] = set()
        """Speakers the pack does not know, told once each."""
        self.set_reactive(CaptureBar.item, item)
        self.set_reactive(CaptureBar.context, context)

    def compose(self) -> ComposeResult:
        with Horizontal(id="capture-status"):
            yield Label(id="capture-kind")
            yield Label(id="capture-where")
            yield Label(id="capture-saved")
        with VerticalScroll(id="capture-log"):
            yield Static(id="capture-lines")
        with Horizontal(id="capture-fields"):
            yield NameInput(
                placeholder="role",
                id="capture-role",
                suggester=NameSuggester(Names(ROLES)),
            )
            yield NameInput(
                placeholder="speaker",
                id="capture-speaker",
                suggester=NameSuggester(self.names),
            )
            yield CaptureInput(
                placeholder=self._placeholder(),
                id="capture-text",
                room=lambda: self.context,
                suggester=LineSuggester(self._completion),
            )
            yield NameInput(
                placeholder="owner",
                id="capture-owner",
                suggester=NameSuggester(self.names),
            )
            yield Field(
                placeholder="due: 31/3/2025",
                id="capture-due",
            )
        yield Static(self._key_strip(short=False), id="capture-keys", classes="-wide")
        yield Static(self._key_strip(short=True), id="capture-keys-short", classes="-narrow")

    async def on_mount(self) -> None:
        self._show_kind()
        self._show_where()
        self._show_saved("")
        await self.reload()
        # A second seat may be minuting into the same journal.
        self.set_interval(REFRESH_SECONDS, self._refresh)

    # -- what the bar shows ----------------------------------------------------

    @property
    def text_field(self) -> CaptureInput:
        return self.query_one("#capture-text", CaptureInput)

    def _side(self, name: str) -> Input:
        return self.query_one(f"#capture-{name}", Input)

    def focus_text(self) -> None:
        """Put the cursor in the text field, ready to type."""
        self.text_field.focus()

    @staticmethod
    def _key_strip(*, short: bool) -> Text:
        """The kinds and their keys; in a narrow terminal by the prefixes that also pick them."""
        strip = Text("Alt+ ", style="dim")
        for kind in KIND_ORDER:
            strip.append(kind.key, style="bold")
            label = (
                (kind.prefix if len(kind.prefix) > 1 else kind.value)
                if short
                else _SHORT_LABEL.get(kind, kind.label)
            )
            strip.append(f" {label}  ")
        return strip

    def _show_badge(self, kind: Kind) -> None:
        """The kind Enter will save, a typed prefix included, on the badge."""
        badge = self.query_one("#capture-kind", Label)
        badge.update(f" {kind.label} ")
        for other in Kind:
            badge.set_class(other is kind, f"-{other.value}")

    def _show_kind(self) -> None:
        """The badge, and the side fields the line's kind uses (a typed prefix counts)."""
        kind = self._line_now().kind
        self._show_badge(kind)
        shown = {
            "role": kind is Kind.ATTENDANCE,
            "speaker": kind in SPEAKER_KINDS,
            "owner": kind is Kind.ACTION,
            "due": kind is Kind.ACTION,
        }
        for name, visible in shown.items():
            self._side(name).display = visible
        field = self.text_field
        field.placeholder = "name, Enter saves" if kind is Kind.ATTENDANCE else self._placeholder()
        if self.link.read_only:
            field.placeholder = f"nothing can be saved: {self.link.read_only}"

    @staticmethod
    def _placeholder() -> str:
        return "type, Enter saves  (q: query  resp: response  res: resolution  act: action …)"

    def _show_where(self) -> None:
        line = self._line_now()
        where = f"item {self.item}"
        if line.kind is Kind.POINT:
            where += f" · a sub-point of the {(self._after() or Kind.RESOLUTION).label.lower()}"
        if line.speaker:
            where += f" · speaker: {line.speaker}"
        if line.kind in UNSTAMPED:
            if line.kind is not Kind.POINT:
                where += f" · {line.kind.label.lower()}s are never stamped"
        elif self.text_field.stamped:
            chosen = stamp(self.text_field.stamp, self.item)
            where += (
                f" · stamp: {_said(chosen)}  (Alt+S the room's figure now, Alt+C none)"
                if chosen.screen_id
                else " · no stamp  (Alt+S stamps the room's figure now)"
            )
        else:
            shown = stamp(self.context, self.item)
            if shown.screen_id:
                where += f" · on screen: {_said(shown)}"
        self.query_one("#capture-where", Label).update(plain(where))

    def _line_now(self) -> Line:
        """The line as Enter would read it now: kind (a typed prefix, else the sticky kind),
        speaker and text."""
        return self._read(self.text_field.value)

    def _read(self, typed: str, after: Kind | None = None) -> Line:
        return read_line(typed, self.kind, self.names, after=after or self._after())

    def _point_parent(self) -> tuple[TypedLine | None, Entry | None]:
        """What a ``- …`` typed now is a sub-point of: the line taken just before (or its
        parent), or, before this capture took a line for the item, its latest entry."""
        previous = self._previous
        if previous is not None and previous.item == self.item:
            if previous.kind in HAS_POINTS:
                return previous, None
            if previous.kind is Kind.POINT:
                return previous.parent, previous.parent_entry
            return None, None
        latest = self._latest
        if latest is not None and latest.kind is Kind.POINT:
            latest = next((e for e in self._entries if e.id == latest.parent_id), None)
        return None, latest if latest is not None and latest.kind in HAS_POINTS else None

    def _after(self) -> Kind | None:
        """The kind a ``- …`` typed now would be a sub-point of; None when there is none."""
        line, entry = self._point_parent()
        return line.kind if line is not None else entry.kind if entry is not None else None

    @on(Input.Changed, "#capture-text")
    def _typed(self) -> None:
        self._show_kind()
        self._show_where()

    def _show_saved(self, words: str, *, waiting: bool = False) -> None:
        """What was saved last, or what waits; with a read-only journal, that nothing will be."""
        label = self.query_one("#capture-saved", Label)
        read_only = self.link.read_only
        label.set_class(bool(read_only), "-read-only")
        label.set_class(waiting and not read_only, "-waiting")
        label.update(plain("READ-ONLY journal: not saving" if read_only else words))

    def watch_kind(self) -> None:
        self._show_kind()
        self._show_where()

    async def watch_item(self) -> None:
        self._latest = None
        self._show_kind()
        self._show_where()
        self._show_saved("")
        await self.reload()

    def watch_context(self, old: OnScreen | None, new: OnScreen | None) -> None:
        self._show_where()
        if self.on_room_screen and (old is not None and old.public) != (
            new is not None and new.public
        ):
            self._show_log()  # public mode switched: the log hides (or shows) the children

    async def reload(self) -> None:
        """Show the item's entries as the journal now has them (another seat may write too)."""
        read = await read_quietly(self, self._unread, self.link, self._read_journal)
        if read is None:
            return
        items, meeting = read
        self._entries = [*meeting, *items]
        self._latest = max(items, key=lambda e: e.id, default=None)
        self._queries = query_numbers(items)
        self._show_log()

    def _show_log(self) -> None:
        """The latest entries, then the lines still waiting to be saved."""
        latest = sorted(self._entries, key=lambda e: e.id)[-LOG_LINES:]
        public = self.on_room_screen and self.context is not None and self.context.public
        hide = self.identifiers(self.item) if public else None
        lines = [entry_line(e, self._queries, indent=False, hide=hide) for e in latest]
        lines += [waiting_line(line) for line in self.lines.waiting if line.item == self.item]
        text = Text("\n").join(lines)
        if not lines:
            text = Text(f"Nothing minuted for item {self.item} yet.", style="dim")
        self.query_one("#capture-lines", Static).update(text)
        self.query_one("#capture-log", VerticalScroll).scroll_end(animate=False)

    def _read_journal(self) -> tuple[list[Entry], list[Entry]]:
        journal = self.link.journal
        return journal.item_entries(self.item), journal.meeting_entries()

    async def _refresh(self) -> None:
        """The timer's reload, only while the bar is in view: it is re-read on return."""
        if self.screen.is_active:
            await self.reload()

    # -- keys that end or steer a line -------------------------------------------

    def _fields(self) -> list[Field]:
        return list(self.query(Field))

    async def _catch_up(self) -> None:
        """Every key typed before the one being handled is in its field."""
        await caught_up(self._fields())

    async def action_pick(self, value: str) -> None:
        await self._catch_up()
        self.kind = Kind(value)
        if isinstance(self.screen.focused, Input) and self.screen.focused.display:
            return
        self.focus_text()

    async def action_next_field(self, step: int) -> None:
        await self._catch_up()
        focused = self.screen.focused
        field = self.text_field
        if focused is field and step > 0 and field.cursor_at_end:
            completed = self._completion(field.value)
            if completed:
                field.value = completed
                field.cursor_position = len(completed)
                return
        if isinstance(focused, NameInput):
            focused.complete()
        fields = [f for f in self.query(Input) if f.display]
        at = fields.index(focused) if focused in fields else -1
        self.screen.set_focus(fields[(at + step) % len(fields)])

    async def action_stamp_now(self) -> None:
        """Stamp the line with the figure the room's screen shows now."""
        await self._catch_up()
        self.text_field.choose(self.context)
        self._show_where()

    async def action_clear_stamp(self) -> None:
        """The line is about no figure in particular."""
        await self._catch_up()
        self.text_field.choose(None)
        self._show_where()

    def _completion(self, value: str) -> str | None:
        """The text with the name being typed completed: the speaker before a colon, or the
        name of an attendance line. None when there is nothing to complete."""
        prefixed, rest = parse_prefix(value)
        kind = prefixed or self.kind
        head = value[: len(value) - len(rest)] if prefixed else ""
        if kind is Kind.ATTENDANCE:
            role = re.match(rf"(?i)\s*({'|'.join(ROLE_WORDS)})\s+", rest)
            if role:
                head, rest = head + rest[: role.end()], rest[role.end() :]
            ending = ""
        elif kind in SPEAKER_KINDS and ":" not in rest:
            ending = ": "
        else:
            return None
        if len(rest.strip()) < _COMPLETES_FROM:
            return None
        name = self.names.complete(rest)
        return head + name + ending if name else None

    # -- saving ----------------------------------------------------------------

    async def action_enter(self) -> None:
        """Take the line as it stands (Enter in a side field with no text goes on to it)."""
        await self._catch_up()
        field = self.text_field
        from_side = self.screen.focused is not field
        self.screen.set_focus(field)
        typed = field.value
        if not typed.strip():
            if not from_side:
                self.app.bell()
            return
        if self.link.read_only:
            self._tell(problem(read_only_error(self.link.path, self.link.read_only)))
            return
        line = self._read(typed)
        if not line.text:
            self.app.bell()
            return
        taken = self._take(line, field.chosen())
        field.value = ""
        for name in _SIDE_FIELDS:
            self._side(name).value = ""
        self._queue(taken)

    def _take(self, line: Line, chosen: OnScreen | None, *, sides: bool = True) -> TypedLine:
        """The line as it will be saved, with what the room adds to it and, for a typed line
        (``sides``), the side fields; a pasted line carries only its own words."""
        kind = line.kind

        def side(name: str, wanted: bool) -> str:
            return self._side(name).value.strip() if wanted and sides else ""

        speaker = line.speaker or self._speaker(side("speaker", kind in SPEAKER_KINDS))
        if speaker and not self.names.in_pack(speaker):
            self._flag(speaker)
        parent, parent_entry = self._point_parent() if kind is Kind.POINT else (None, None)
        taken = TypedLine(
            kind=kind,
            text=line.text,
            item=self.item,
            at=self._now(),
            speaker=speaker,
            role=line.role or side("role", kind is Kind.ATTENDANCE),
            owner=self._speaker(side("owner", kind is Kind.ACTION)),
            due=due_text(side("due", kind is Kind.ACTION)),
            context=Context() if kind in UNSTAMPED else stamp(chosen, self.item),
            parent=parent,
            parent_entry=parent_entry,
        )
        self._warn_identifiers(taken)
        return taken

    def _speaker(self, typed: str) -> str:
        """A name from a side field, as the pack spells it when it knows the person."""
        return self.names.resolve(typed) or typed if typed else ""

    def _flag(self, speaker: str) -> None:
        """Say once that a name is not the pack's: kept as typed, and offered from now on."""
        self.names.add(speaker)
        if speaker in self._flagged:
            return
        self._flagged.add(speaker)
        self.notify(
            f"“{speaker}” is not one of the pack's members or officers: kept as typed.",
            title="New name",
            timeout=6,
            markup=False,
        )

    def _warn_identifiers(self, line: TypedLine) -> None:
        """Warn at once of a line naming a child; it is saved all the same.

        The warning never quotes what it found: the solo seat's capture is on
        the room's screen.
        """
        said = warning(line.text, self.identifiers(line.item), line.item)
        if said:
            self.notify(
                said,
                title="A child is named",
                severity="warning",
                timeout=ERROR_SECONDS,
                markup=False,
            )

    def _now(self) -> dt.datetime:
        if self.link.is_open:
            return self.link.journal.now()
        return dt.datetime.now().astimezone()

    def _queue(self, *lines: TypedLine) -> None:
        """Put lines behind those already waiting, and save them off the UI thread."""
        self.lines.put(*lines)
        self._previous = lines[-1]
        self._show_log()
        self.run_worker(self._drain(), group="capture-save")

    async def _drain(self) -> None:
        if await self.lines.drain():
            self._unsaved.clear()
            await self.reload()

    async def _line_saved(self, line: TypedLine) -> None:
        entry = line.entry
        assert entry is not None
        waiting = len(self.lines.waiting) - 1
        words = f"saved {entry.created:%H:%M} · {entry.kind.label}"
        self._show_saved(words + (f" · {waiting} waiting" if waiting > 0 else ""))
        for name in (line.speaker, line.owner):
            if name:
                self.names.add(name)
        if line.detached:
            self.notify(
                f"Its {entry.kind.label.lower()} was deleted in the meantime, so the sub-point "
                f"“{entry.text}” was saved as a {entry.kind.label.lower()} of its own.",
                title="Sub-point",
                severity="warning",
                timeout=ERROR_SECONDS,
                markup=False,
            )
        self.post_message(self.Saved(entry))

    def _line_failed(self, error: JournalError) -> None:
        """A line could not be saved: it waits, shown, and is tried again shortly."""
        count = len(self.lines.waiting)
        self._show_saved(f"{plural(count, 'line')} waiting to be saved", waiting=True)
        self._show_log()
        message = problem(error)
        if message not in self._unsaved:
            self._unsaved.add(message)
            self._tell(message + " The lines typed are kept and saved once it can be written.")
        if self._retry is None:
            self._retry = self.set_timer(RETRY_SECONDS, self._try_again)

    def _try_again(self) -> None:
        self._retry = None
        self.run_worker(self._drain(), group="capture-save")

    def _tell(self, message: str) -> None:
        self.notify(
            message, title="Not saved", severity="error", timeout=ERROR_SECONDS, markup=False
        )

    def unsaved(self) -> str:
        """What is typed and not yet on disk: lines waiting, then the line in the field."""
        texts = [line.text for line in self.lines.waiting]
        texts.append(self.text_field.value.strip())
        return " · ".join(t for t in texts if t)

    # -- a paste of several lines -----------------------------------------------

    @on(CaptureInput.Pasted)
    def _pasted(self, event: CaptureInput.Pasted) -> None:
        from panelapp.ui.screens.paste import PasteScreen

        event.stop()
        field = event.field
        texts = [t for t in event.text.splitlines() if t.strip()]
        if len(texts) < 2 or self.link.read_only:
            field.value = " ".join(texts) if len(texts) < 2 else event.before
            field.cursor_position = len(field.value)
            if self.link.read_only and len(texts) > 1:
                self._tell(problem(read_only_error(self.link.path, self.link.read_only)))
            return
        lines = self._read_all(texts)
        first = lines[0]
        points = [read_line(_unbulleted(t), Kind.NOTE, self.names) for t in texts[1:]]

        def answered(choice: str | None) -> None:
            if choice is None:
                field.value = event.before + field.value
                field.cursor_position = len(event.before)
                self.notify("Nothing pasted.", timeout=3)
                return
            chosen = field.chosen()
            if choice == "points":
                parent = self._take(first, chosen, sides=False)
                taken = [parent] + [
                    self._point(Line(Kind.POINT, p.text), parent) for p in points if p.text
                ]
            else:
                taken = self._take_all(lines, chosen)
            self._queue(*taken)

        # One entry with sub-points only where the kind takes them and no other line
        # names a kind of its own.
        bullets = first.kind in HAS_POINTS and not any(line.prefixed for line in lines[1:])
        self.app.push_screen(PasteScreen(lines, sub_points=bullets), answered)

    def _read_all(self, texts: Sequence[str]) -> list[Line]:
        """Each pasted line read as if typed in turn: '- …' after a resolution is its sub-point."""
        lines: list[Line] = []
        after = self._after()
        for typed in texts:
            line = self._read(typed, after)
            lines.append(line)
            after = line.kind
        return lines

    def _take_all(self, lines: Sequence[Line], chosen: OnScreen | None) -> list[TypedLine]:
        taken: list[TypedLine] = []
        for line in lines:
            if not line.text:
                continue
            if line.kind is Kind.POINT and taken:
                parent = taken[-1].parent or taken[-1]
                taken.append(self._point(line, parent))
            else:
                taken.append(self._take(line, chosen, sides=False))
                self._previous = taken[-1]
        return taken

    def _point(self, line: Line, parent: TypedLine) -> TypedLine:
        return TypedLine(Kind.POINT, line.text, parent.item, at=parent.at, parent=parent)


_BULLET = re.compile(r"\s*(?:[-•*–]|\d+[.)])\s+")


def _unbulleted(text: str) -> str:
    """A pasted line without the bullet or number it was pasted with."""
    return _BULLET.sub("", text, count=1)


def _said(shown: Context) -> str:
    """'Missing episodes 1,032': a stamp as the bar shows it."""
    return f"{shown.title} {shown.figure}".strip()
