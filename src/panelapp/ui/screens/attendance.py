"""Attendance in a few keys: the pack's members, each marked present, apologies or substitute.

The register starts from the pack: the members expected, and the apologies
received in advance. The minute lists as present only those marked present,
so "all present" is one key (apologies already given stand) and the clerk
then marks the exceptions; the title says how many are not marked yet.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from panelapp.config import Meeting
from panelapp.metrics.format import plural
from panelapp.minutes.entries import Entry, Kind
from panelapp.minutes.register import IN_ADVANCE, register
from panelapp.ui.journal_calls import attempt
from panelapp.ui.link import JournalLink
from panelapp.ui.widgets.footer import KeysFooter


class AttendanceScreen(ModalScreen[None]):
    """Who was there, one line per person; the keys mark the person under the cursor."""

    CSS_PATH = "../capture.tcss"

    BINDINGS = [
        Binding("escape", "close", "Done", id="attendance.close"),
        Binding("p", "mark('present')", "Present", id="attendance.present"),
        Binding("a", "mark('apologies')", "Apologies", id="attendance.apologies"),
        Binding("s", "mark('substitute')", "Substitute", id="attendance.substitute"),
        Binding("delete,x", "clear", "Unmark", id="attendance.clear"),
        Binding("A", "all_present", "All present", id="attendance.all"),
    ]

    def __init__(
        self, link: JournalLink, members: Sequence[str], *, meeting: Meeting | None = None
    ) -> None:
        """``members`` are listed in order; ``meeting`` (the pack's) says whose apologies
        came in advance and who is expected, for the count of those not marked."""
        super().__init__()
        self.link = link
        self.members = list(dict.fromkeys(members))
        self.meeting = meeting
        self.in_advance = frozenset(meeting.apologies if meeting is not None else ())
        self.marks: dict[str, Entry] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="attendance-dialog"):
            yield Label("Attendance: mark each member", id="attendance-title", markup=False)
            yield OptionList(id="attendance-list")
        yield KeysFooter()

    async def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        await self.reload()

    async def reload(self) -> None:
        journal = self.link.journal
        entries = await attempt(self, "Journal not read", self.link, journal.meeting_entries)
        if entries is None:
            return
        self.marks = {e.text: e for e in entries if e.kind is Kind.ATTENDANCE}
        people = list(dict.fromkeys([*self.members, *self.marks]))
        listing = self.query_one(OptionList)
        keep = listing.highlighted or 0
        listing.clear_options()
        for name in people:
            mark = self.marks.get(name)
            line = Text(f"{name:<40} ")
            if mark is not None:
                line.append(mark.role, style="bold")
            elif name in self.in_advance:
                line.append(IN_ADVANCE)
            else:
                line.append("not marked", style="dim")
            listing.add_option(Option(line, id=name))
        if self.meeting is not None:
            # The count only: each of them says 'not marked' in the list below.
            count = len(register(self.meeting, entries).unmarked)
            title = (
                f"Attendance: {plural(count, 'member')} not marked"
                if count
                else "Attendance: everyone is marked"
            )
            self.query_one("#attendance-title", Label).update(title)
        if people:
            listing.highlighted = min(keep, len(people) - 1)

    def _person(self) -> str | None:
        option = self.query_one(OptionList).highlighted_option
        return None if option is None else option.id

    async def _mark(self, name: str, role: str) -> bool:
        """Mark one person; False when the journal refused (the clerk has been told)."""
        mark, journal = self.marks.get(name), self.link.journal
        if mark is None:
            done = await attempt(
                self, "Not saved", self.link, journal.add, Kind.ATTENDANCE, name, role=role
            )
        elif mark.role != role:
            done = await attempt(self, "Not saved", self.link, journal.edit, mark.id, role=role)
        else:
            return True
        await self.reload()
        return done is not None

    async def action_mark(self, role: str) -> None:
        name = self._person()
        if name is not None:
            await self._mark(name, role)
            self.query_one(OptionList).action_cursor_down()

    async def action_clear(self) -> None:
        name = self._person()
        mark = self.marks.get(name or "")
        if mark is not None:
            await attempt(self, "Not saved", self.link, self.link.journal.delete, mark.id)
            await self.reload()

    async def action_all_present(self) -> None:
        """Everyone not yet marked is present; apologies already given, in advance or
        marked, stand."""
        for name in self.members:
            if name in self.marks or name in self.in_advance:
                continue
            # One failure is told once, not once per member.
            if not await self._mark(name, "present"):
                return

    def action_close(self) -> None:
        self.dismiss(None)
