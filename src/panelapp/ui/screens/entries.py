"""Everything minuted so far, grouped as the minutes will group it, to put right in the meeting.

The meeting's attendance and declarations come first, then the agenda
item's sections in minute order; resolutions are numbered as the minute
will number them, so moving one renumbers the rest, and a resolution's or
action's sub-points are listed under it (they move, delete and undo with
it; a sub-point moves among its own). Every change is the journal's own
(edit, delete, move, pair), so each can be undone, and a deleted entry is
kept in the file until the meeting is over.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from panelapp.config import Pack
from panelapp.minutes.entries import KINDS, SPEAKER_KINDS, Entry, Kind
from panelapp.minutes.identifiers import Identifiers
from panelapp.minutes.lines import Names, due_shown, due_text
from panelapp.minutes.room import read_presented, record_presented, unrecord_presented
from panelapp.ui.journal_calls import ERROR_SECONDS, attempt, undo
from panelapp.ui.link import JournalLink
from panelapp.ui.screens.attendance import AttendanceScreen
from panelapp.ui.screens.pick import PickScreen
from panelapp.ui.text import plain
from panelapp.ui.widgets.capture_fields import Field, NameInput, NameSuggester
from panelapp.ui.widgets.capture_lines import SECTION_TITLES, body, entry_line, query_numbers
from panelapp.ui.widgets.footer import KeysFooter

NO_QUERY = "none"
"""The pick for a response that answers no query in particular."""


class EntriesScreen(Screen[None]):
    """The list, and the one-line editor that opens under it on Enter."""

    CSS_PATH = "../capture.tcss"

    BINDINGS = [
        Binding("escape", "close", "Back", id="entries.close"),
        Binding("delete,d", "delete", "Delete", id="entries.delete"),
        Binding("u,ctrl+z", "undo", "Undo", id="entries.undo"),
        Binding("shift+up,ctrl+up", "move(-1)", "Move up", id="entries.up", key_display="⇧↑"),
        Binding(
            "shift+down,ctrl+down", "move(1)", "Move down", id="entries.down", key_display="⇧↓"
        ),
        Binding("p", "pair", "Pair with query", id="entries.pair"),
        Binding("k", "kind", "Kind", id="entries.kind"),
        Binding("a", "attendance", "Attendance", id="entries.attendance"),
        Binding("h", "highlighted", "Highlighted figures", id="entries.highlighted"),
        Binding("r", "reload", "Reload", id="entries.reload", show=False),
    ]

    def __init__(
        self,
        link: JournalLink,
        *,
        item: str,
        item_title: str = "",
        names: Sequence[str] = (),
        members: Sequence[str] = (),
        pack: Pack | None = None,
        hide: Identifiers | None = None,
    ) -> None:
        """``names`` complete speakers and owners; ``members`` are who attendance lists;
        ``pack`` names the item's figures for 'the presentation highlighted'; ``hide``, on
        a screen the public sees, the children the list shows as "[child]" and "[date]"."""
        super().__init__()
        self.hide = hide
        self.link = link
        self.item = item
        self.item_title = item_title
        self.names = NameSuggester(Names(names))
        self.members = tuple(members)
        self.pack = pack
        self.journal_path = link.path
        self.entries: dict[int, Entry] = {}
        self.editing: Entry | None = None

    def compose(self) -> ComposeResult:
        title = f"Item {self.item}" + (f". {self.item_title}" if self.item_title else "")
        yield Label(
            plain(f"{title}: what the minutes will say, in their order"), id="entries-title"
        )
        yield Label(plain(f"Saved as typed to {self.journal_path}"), id="entries-journal")
        yield OptionList(id="entries-list")
        with Horizontal(id="entries-editor"):
            yield NameInput(placeholder="role", id="edit-role")
            yield NameInput(
                placeholder="speaker",
                id="edit-speaker",
                suggester=self.names,
            )
            yield Field(id="edit-text")
            yield NameInput(
                placeholder="owner",
                id="edit-owner",
                suggester=self.names,
            )
            yield Field(placeholder="due", id="edit-due")
        yield Label("", id="entries-hint")
        yield KeysFooter()

    async def on_mount(self) -> None:
        self.query_one("#entries-editor").display = False
        self.query_one(OptionList).focus()
        await self.reload()

    @property
    def listing(self) -> OptionList:
        return self.query_one("#entries-list", OptionList)

    # -- the list ----------------------------------------------------------------

    async def reload(self, select: int | None = None) -> None:
        """Read the journal again; keep the cursor on ``select``, else on the same entry."""
        if select is None:
            current = self.current()
            select = current.id if current else None
        read = await attempt(self, "Journal not read", self.link, self._read)
        if read is None:
            return
        meeting, items = read
        queries = query_numbers(items)
        listing = self.listing
        listing.clear_options()
        self.entries = {}
        section = ""
        options: list[Option] = []
        for entry in [*meeting, *items]:
            if entry.group != section:
                section = entry.group
                where = "" if entry.item is None else f"  (item {self.item})"
                heading = Text(f"{SECTION_TITLES[section]}{where}", style="bold underline")
                options.append(Option(heading, disabled=True))
            self.entries[entry.id] = entry
            options.append(Option(entry_line(entry, queries, hide=self.hide), id=str(entry.id)))
        if not options:
            options.append(Option(Text("Nothing minuted yet.", style="dim"), disabled=True))
        listing.add_options(options)
        ids = [o.id for o in options]
        if select is not None and str(select) in ids:
            listing.highlighted = ids.index(str(select))
        elif self.entries:
            listing.highlighted = ids.index(str(next(reversed(self.entries))))
        await self._hint()
        self.refresh_bindings()

    def _read(self) -> tuple[list[Entry], list[Entry]]:
        journal = self.link.journal
        return journal.meeting_entries(), journal.item_entries(self.item)

    def current(self) -> Entry | None:
        """The entry under the cursor, if the cursor is on one."""
        option = self.listing.highlighted_option
        if option is None or option.id is None:
            return None
        return self.entries.get(int(option.id))

    async def _hint(self) -> None:
        label = await attempt(self, "Journal not read", self.link, self.link.journal.undo_label)
        self.query_one("#entries-hint", Label).update(
            plain(f"u undoes: {label}" if label else "Enter edits the entry under the cursor.")
        )

    @on(OptionList.OptionHighlighted)
    def _moved_cursor(self) -> None:
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        entry = self.current()
        if action == "move":
            return entry is not None and entry.kind is not Kind.UNREADABLE
        if action == "kind":
            # A sub-point stays one: it is part of its resolution or action.
            return entry is not None and entry.kind not in (Kind.UNREADABLE, Kind.POINT)
        if action == "delete":
            return entry is not None
        return True

    # -- changing entries ---------------------------------------------------------

    async def _change(self, change: Callable[[], Entry], done: str) -> Entry | None:
        """Run one journal change; say what happened or, if it could not be, why."""
        entry = await attempt(self, "Not changed", self.link, change)
        if entry is not None and done:
            self.notify(done, timeout=3)
        await self.reload(select=entry.id if entry is not None else None)
        return entry

    async def action_delete(self) -> None:
        entry, journal = self.current(), self.link.journal
        if entry is not None:
            await self._change(lambda: journal.delete(entry.id), "Deleted. u brings it back.")

    async def action_undo(self) -> None:
        entry = await undo(self, self.link)
        await self.reload(select=entry.id if entry is not None else None)

    async def action_move(self, step: int) -> None:
        entry = self.current()
        if entry is None:
            return
        journal = self.link.journal
        move = journal.move_up if step < 0 else journal.move_down
        await self._change(lambda: move(entry.id), "")

    async def action_reload(self) -> None:
        await self.reload()

    def action_pair(self) -> None:
        """Say which query a response answers: the item's queries, or none."""
        entry = self.current()
        if entry is None or entry.kind is not Kind.RESPONSE:
            # Kept by this screen either way: p must never fall through to public mode.
            self.notify("Only a response can be paired with a query.", timeout=3)
            return
        queries = [e for e in self.entries.values() if e.kind is Kind.QUERY]
        numbers = query_numbers(queries)
        choices: list[tuple[str, str | Text]] = [
            (str(q.id), Text(f"Q{numbers[q.id]}: {body(q)}")) for q in queries
        ]
        choices.append((NO_QUERY, "No query in particular"))
        selected = str(entry.query_id) if entry.query_id is not None else NO_QUERY

        journal = self.link.journal

        async def paired(choice: str | None) -> None:
            if choice is not None:
                query = None if choice == NO_QUERY else int(choice)
                await self._change(lambda: journal.pair(entry.id, query), "Paired.")

        self.app.push_screen(
            PickScreen("Which query does this response answer?", choices, selected=selected),
            paired,
        )

    def action_kind(self) -> None:
        """Correct an entry's kind (a query typed as a note); it stays per meeting or per item."""
        entry = self.current()
        if entry is None:
            return
        kinds = [k for k in KINDS if k.meeting_level == entry.kind.meeting_level]
        choices: list[tuple[str, str | Text]] = [(k.value, k.label) for k in kinds]

        journal = self.link.journal

        async def chosen(choice: str | None) -> None:
            if choice is not None and choice != entry.kind.value:
                await self._change(lambda: journal.edit(entry.id, kind=choice), "Kind changed.")

        self.app.push_screen(
            PickScreen("What kind of entry is this?", choices, selected=entry.kind.value), chosen
        )

    def action_attendance(self) -> None:
        meeting = self.pack.meeting if self.pack is not None else None
        self.app.push_screen(
            AttendanceScreen(self.link, self.members, meeting=meeting), self._back_from
        )

    async def _back_from(self, _: object = None) -> None:
        await self.reload()

    async def action_highlighted(self) -> None:
        """Add a figure to 'the presentation highlighted', or take one out.

        The minute lists what the room's screen dwelt on; the clerk has the
        last word, since a figure can be spoken to without its slide.
        """
        item = self._item_config()
        if item is None or not item.has_figures:
            self.notify("This agenda item has no figures.", timeout=3)
            return
        journal = self.link.journal
        shown = await attempt(
            self, "Journal not read", self.link, read_presented, journal, self.item
        )
        if shown is None:
            return
        titles = {k.id: k.title for k in item.kpis} | {t.id: t.title for t in item.themes}
        choices: list[tuple[str, str | Text]] = [
            (slide, Text(f"{'✓' if slide in shown else ' '} {title}"))
            for slide, title in titles.items()
        ]

        async def toggled(slide: str | None) -> None:
            if slide is None:
                return
            change = unrecord_presented if slide in shown else record_presented
            done = await attempt(self, "Not changed", self.link, change, journal, self.item, slide)
            if done is not None:
                verb = "Taken out of" if slide in shown else "Added to"
                self.notify(f"{verb} the presentation highlighted: {titles[slide]}.", timeout=4)

        self.app.push_screen(
            PickScreen(
                "The presentation highlighted (✓): Enter adds or takes out a figure",
                choices,
                selected=next(iter(titles)),
            ),
            toggled,
        )

    def _item_config(self) -> Any:
        if self.pack is None:
            return None
        try:
            return self.pack.item(self.item)
        except KeyError:
            return None

    # -- editing ------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#entries-list")
    def _edit(self, event: OptionList.OptionSelected) -> None:
        entry = self.current()
        if entry is None:
            return
        if entry.kind is Kind.UNREADABLE:
            # Kept as it is: the file holds what was saved, whatever this release makes of it.
            self.notify(
                f"Entry {entry.id} cannot be read ({entry.problem}), so it cannot be edited here. "
                "It stays in the journal as it is, and the private draft lists it to check.",
                title="Not editable",
                severity="warning",
                timeout=ERROR_SECONDS,
                markup=False,
            )
            return
        self.editing = entry
        shown = {
            "role": entry.kind is Kind.ATTENDANCE,
            "speaker": entry.kind in SPEAKER_KINDS,
            "owner": entry.kind is Kind.ACTION,
            "due": entry.kind is Kind.ACTION,
        }
        values = {"role": entry.role, "speaker": entry.speaker, "owner": entry.owner}
        values["due"] = due_shown(entry.due) if entry.due else ""
        for name, visible in shown.items():
            field = self.query_one(f"#edit-{name}", Input)
            field.display = visible
            field.value = values[name]
        text = self.query_one("#edit-text", Input)
        text.value = entry.text
        text.cursor_position = len(entry.text)
        self.query_one("#entries-editor").display = True
        self.query_one("#entries-hint", Label).update(
            f"Editing {entry.kind.label.lower()}: Enter saves, Escape leaves it as it was."
        )
        text.focus()

    @on(Input.Submitted, "#entries-editor Input")
    async def _save_edit(self, event: Input.Submitted) -> None:
        event.stop()
        entry = self.editing
        if entry is None:
            return
        if not self.query_one("#edit-text", Input).value.strip():
            self.notify("An entry needs some text; d deletes it instead.", severity="warning")
            return

        def field(name: str) -> Any:
            widget = self.query_one(f"#edit-{name}", Input)
            return widget.value.strip() if widget.display else None

        due = field("due")
        journal = self.link.journal
        saved = await self._change(
            lambda: journal.edit(
                entry.id,
                text=field("text"),
                speaker=field("speaker"),
                role=field("role"),
                owner=field("owner"),
                due=due_text(due) if due is not None else None,
            ),
            "Saved.",
        )
        if saved is not None:
            await self._close_editor()

    async def _close_editor(self) -> None:
        self.editing = None
        self.query_one("#entries-editor").display = False
        self.listing.focus()
        await self._hint()

    async def action_close(self) -> None:
        if self.editing is not None:
            await self._close_editor()
            return
        self.dismiss(None)
