"""The clerk's capture bar: type a line, press Enter, and it is in the journal.

The bar is built so that a word is never lost under pressure:

* Enter takes the text and empties the field before the next key is read,
  so what is typed straight after Enter starts the next entry;
* the entry is written (and synced) before the bar says "saved";
* when the journal cannot be written the text goes back into the field,
  ahead of anything typed since, with the journal's own message on screen.

The kind of entry is sticky (a note until another is picked) and is chosen
with Alt and the kind's letter, which can never land in the text, or for one
entry by a typed prefix (``q: …``, ``res: …``).

An entry is stamped with the figure the room's screen showed when the clerk
began typing it (the presenter may have moved on by Enter). The stamp is
shown on the bar before saving; Alt+S takes the room's figure of now
instead, Alt+C clears it. Attendance, declarations and notes are never
stamped, and nothing is while the room shows an agenda slide.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.suggester import Suggester, SuggestFromList
from textual.widgets import Input, Label, Static

from panelapp.minutes.entries import ROLES, UNSTAMPED, Context, Entry, Kind, parse_prefix
from panelapp.minutes.room import OnScreen
from panelapp.ui.journal_calls import attempt, read_quietly
from panelapp.ui.link import JournalLink
from panelapp.ui.text import plain
from panelapp.ui.widgets.capture_lines import entry_line, query_numbers

SPEAKER_KINDS = frozenset(
    {Kind.DECLARATION, Kind.PRESENTATION, Kind.QUERY, Kind.RESPONSE, Kind.DISCUSSION}
)
"""Kinds the minute attributes to someone, so the bar offers a speaker field."""

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


def stamp(context: OnScreen | None, item: str) -> Context:
    """What the journal records as on screen: a KPI or theme of the item being minuted."""
    if context is None or context.item != item or not context.stamps:
        return Context()
    return Context(screen_id=context.slide, title=context.title, figure=context.figure)


class NameSuggester(Suggester):
    """Completes names from the pack's members and officers, and names typed since."""

    def __init__(self, names: Iterable[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=False)
        self.names: list[str] = list(dict.fromkeys(n for n in names if n))

    def add(self, name: str) -> None:
        """Remember a new name, so the second time it completes too."""
        if name and name not in self.names:
            self.names.append(name)

    async def get_suggestion(self, value: str) -> str | None:
        for name in self.names:
            if name.casefold().startswith(value):
                return name
        return None


class Field(Input):
    """A clerk's field: one line high, and focusing it never selects (and so never
    overwrites) what is already typed there."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("compact", True)
        kwargs.setdefault("select_on_focus", False)
        super().__init__(*args, **kwargs)


class NameInput(Field):
    """A field with name completion; Tab (handled by the bar) takes the suggestion."""

    def complete(self) -> None:
        """Take the suggestion shown after the cursor, if there is one."""
        if self.value and self.cursor_at_end:
            self.action_cursor_right()


class CaptureInput(Field):
    """The line the clerk types into; Enter hands the text over and empties the field at once.

    The line also holds its stamp: the room's figure when its first key was
    typed, taken in the same moment (a value watcher runs as the key lands).
    """

    class Taken(Message):
        """Text to save, with its stamp; the field is already empty, ready for the next line."""

        def __init__(self, field: CaptureInput, value: str, stamp: OnScreen | None) -> None:
            super().__init__()
            self.field = field
            self.value = value
            self.stamp = stamp

    def __init__(
        self, *args: Any, room: Callable[[], OnScreen | None] = lambda: None, **kwargs: Any
    ) -> None:
        """``room`` says what the room's screen shows now."""
        super().__init__(*args, **kwargs)
        self.room = room
        self.stamp: OnScreen | None = None
        """The figure this line is stamped with."""
        self.stamped = False
        """The line has its stamp: taken at its first key, or chosen since."""

    def watch_value(self, old: str, new: str) -> None:
        if not new:
            self.stamped, self.stamp = False, None
        elif not old and not self.stamped:
            self.stamped, self.stamp = True, self.room()

    def choose(self, stamp: OnScreen | None) -> None:
        """Stamp the line with ``stamp`` (None: no figure), whatever it took at its first key."""
        self.stamped, self.stamp = True, stamp

    async def action_submit(self) -> None:
        value = self.value
        if not value.strip():
            self.app.bell()
            return
        stamp = self.stamp if self.stamped else self.room()
        # Emptied here, while this key is handled: keys typed after Enter are
        # still queued behind it, so they land in the empty field, not lost.
        self.value = ""
        self.post_message(self.Taken(self, value, stamp))

    def give_back(self, text: str, stamp: OnScreen | None = None) -> None:
        """Put unsaved text (and its stamp) back in front of anything typed since."""
        typed = self.value
        self.choose(stamp)
        self.value = f"{text} {typed}" if typed else text
        self.cursor_position = len(self.value)


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
        # Priority, and focus moved at once: keys typed straight after Tab
        # must land in the next field, not in the one being left.
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
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.link = link
        self.names = NameSuggester(names)
        self._unread: set[str] = set()
        """Why reading the journal failed, already told: the list re-reads every few seconds."""
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
                suggester=SuggestFromList(ROLES),
            )
            yield NameInput(
                placeholder="speaker",
                id="capture-speaker",
                suggester=self.names,
            )
            yield CaptureInput(
                placeholder=self._placeholder(),
                id="capture-text",
                room=lambda: self.context,
            )
            yield NameInput(
                placeholder="owner",
                id="capture-owner",
                suggester=self.names,
            )
            yield Field(
                placeholder="due (31/3/2025, next meeting)",
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
        kind = self.kind
        self._show_badge(kind)
        self.query_one("#capture-role").display = kind is Kind.ATTENDANCE
        self.query_one("#capture-speaker").display = kind in SPEAKER_KINDS
        self.query_one("#capture-owner").display = kind is Kind.ACTION
        self.query_one("#capture-due").display = kind is Kind.ACTION
        self.text_field.suggester = self.names if kind is Kind.ATTENDANCE else None
        self.text_field.placeholder = (
            "name, Enter saves" if kind is Kind.ATTENDANCE else self._placeholder()
        )
        if self.link.read_only:
            self.text_field.placeholder = f"nothing can be saved: {self.link.read_only}"

    @staticmethod
    def _placeholder() -> str:
        return "type, Enter saves  (q: query  resp: response  res: resolution  act: action …)"

    def _show_where(self) -> None:
        where = f"item {self.item}"
        if self._kind_now() in UNSTAMPED:
            where += f" · {self._kind_now().label.lower()}s are never stamped"
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

    def _kind_now(self) -> Kind:
        """The kind Enter would save now: a typed prefix, else the sticky kind."""
        prefixed, _ = parse_prefix(self.text_field.value)
        return prefixed or self.kind

    @on(Input.Changed, "#capture-text")
    def _typed(self) -> None:
        self._show_badge(self._kind_now())
        self._show_where()

    def action_stamp_now(self) -> None:
        """Stamp the line with the figure the room's screen shows now."""
        self.text_field.choose(self.context)
        self._show_where()

    def action_clear_stamp(self) -> None:
        """The line is about no figure in particular."""
        self.text_field.choose(None)
        self._show_where()

    def _show_saved(self, words: str) -> None:
        """What was saved last; with a read-only journal, that nothing will be."""
        label = self.query_one("#capture-saved", Label)
        read_only = self.link.read_only
        label.set_class(bool(read_only), "-read-only")
        label.update("READ-ONLY journal: not saving" if read_only else words)

    def watch_kind(self) -> None:
        self._show_kind()
        self._show_where()

    async def watch_item(self) -> None:
        self._show_where()
        self._show_saved("")
        await self.reload()

    def watch_context(self) -> None:
        self._show_where()

    async def reload(self) -> None:
        """Show the item's entries as the journal now has them (another seat may write too)."""
        read = await read_quietly(self, self._unread, self.link, self._read)
        if read is None:
            return
        items, meeting = read
        queries = query_numbers(items)
        latest = sorted([*meeting, *items], key=lambda e: e.id)[-LOG_LINES:]
        lines = Text("\n").join(entry_line(e, queries, indent=False) for e in latest)
        if not latest:
            lines = Text(f"Nothing minuted for item {self.item} yet.", style="dim")
        self.query_one("#capture-lines", Static).update(lines)
        self.query_one("#capture-log", VerticalScroll).scroll_end(animate=False)

    def _read(self) -> tuple[list[Entry], list[Entry]]:
        journal = self.link.journal
        return journal.item_entries(self.item), journal.meeting_entries()

    async def _refresh(self) -> None:
        """The timer's reload, only while the bar is in view: it is re-read on return."""
        if self.screen.is_active:
            await self.reload()

    # -- choosing a kind --------------------------------------------------------

    def action_pick(self, value: str) -> None:
        self.kind = Kind(value)
        if isinstance(self.screen.focused, Input) and self.screen.focused.display:
            return
        self.focus_text()

    def action_next_field(self, step: int) -> None:
        fields = [f for f in self.query(Input) if f.display]
        focused = self.screen.focused
        if isinstance(focused, NameInput):
            focused.complete()
        at = fields.index(focused) if focused in fields else -1
        self.screen.set_focus(fields[(at + step) % len(fields)])

    # -- saving ----------------------------------------------------------------

    @on(CaptureInput.Taken)
    async def _taken(self, event: CaptureInput.Taken) -> None:
        event.stop()
        await self.save(event.value, event.field, event.stamp)

    @on(Input.Submitted, "#capture-role, #capture-speaker, #capture-owner, #capture-due")
    async def _side_enter(self, event: Input.Submitted) -> None:
        """Enter in a side field saves when the text is typed (an action's owner and
        due date come last), else goes on to the text: nothing is saved without text."""
        event.stop()
        field = self.text_field
        typed = field.value
        if not typed.strip():
            self.screen.set_focus(field)
            return
        chosen = field.stamp if field.stamped else self.context
        field.value = ""
        self.screen.set_focus(field)
        await self.save(typed, field, chosen)

    async def save(
        self, typed: str, field: CaptureInput | None = None, chosen: OnScreen | None = None
    ) -> Entry | None:
        """Write one entry now, stamped with ``chosen``; on failure the typed text goes back."""
        field = field or self.text_field
        prefixed, text = parse_prefix(typed)
        kind = prefixed or self.kind
        if not text.strip():
            field.give_back(typed, chosen)
            self.app.bell()
            return None

        def value(name: str, wanted: bool) -> str:
            return self.query_one(f"#capture-{name}", Input).value.strip() if wanted else ""

        speaker = value("speaker", kind in SPEAKER_KINDS)
        owner = value("owner", kind is Kind.ACTION)
        entry = await attempt(
            self,
            "Not saved",
            self.link,
            self.link.journal.add,
            kind,
            text.strip(),
            item=self.item,
            speaker=speaker,
            context=Context() if kind in UNSTAMPED else stamp(chosen, self.item),
            role=value("role", kind is Kind.ATTENDANCE),
            owner=owner,
            due=due_text(value("due", kind is Kind.ACTION)),
        )
        if entry is None:
            field.give_back(typed, chosen)
            return None
        for name in (speaker, owner):
            self.names.add(name)
        for name in ("speaker", "owner", "due", "role"):
            self.query_one(f"#capture-{name}", Input).value = ""
        self._show_saved(f"saved {entry.created:%H:%M} · {entry.kind.label}")
        await self.reload()
        self.post_message(self.Saved(entry))
        return entry


def _said(shown: Context) -> str:
    """'Missing episodes 1,032': a stamp as the bar shows it."""
    return f"{shown.title} {shown.figure}".strip()
