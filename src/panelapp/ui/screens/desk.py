"""The clerk's desk: the capture line, and a live mirror of the room's screen above it.

Opens with the cursor in the capture line, since the meeting does not wait.
Above it, what the room sees (title, figure, slide n of m, public or not),
the speaker notes and the next slide; below it, what was minuted lately.
The desk follows the room by default; Page Down and Page Up then browse
here without moving the room (browsing is never minuted as presented).
F2 makes the desk drive the room instead, so a presenter can run the deck
from their own laptop; F2 again goes back to following.

When the item names the officers' report, the desk says how its figures
fare against the data ("Report check: 18 figures agree, 1 disagrees"), and
F3 lists them: the desk is the clerk's own screen, never the room's, so the
check (which may quote small counts) can sit here in either mode.

Every key here leaves the letters to the capture line: keys are function
keys, Ctrl combinations and the page keys no text field uses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Label, Static

from panelapp.config import Item
from panelapp.deck import Deck
from panelapp.minutes.room import OnScreen
from panelapp.ui.journal_calls import undo
from panelapp.ui.link import JournalLink
from panelapp.ui.screens.base import MeetingScreen
from panelapp.ui.screens.capture import members_of, speakers_of
from panelapp.ui.state import Meeting
from panelapp.ui.widgets.capture_bar import CaptureBar
from panelapp.ui.widgets.mirror import RoomMirror

if TYPE_CHECKING:
    from panelapp.ui.loading import Loader
    from panelapp.verify.checking import ReportCheck


class DeskScreen(MeetingScreen[None]):
    """The desk; the app tells it when the room moves (:meth:`room_moved`)."""

    CSS_PATH = "../capture.tcss"
    AUTO_FOCUS = "#capture-text"

    BINDINGS = [
        Binding("pagedown", "step(1)", "Browse on", id="desk.browse_next", key_display="PgDn"),
        Binding("pageup", "step(-1)", "Browse back", id="desk.browse_previous", key_display="PgUp"),
        Binding("pagedown", "drive(1)", "Room: next", id="desk.drive_next", key_display="PgDn"),
        Binding(
            "pageup", "drive(-1)", "Room: previous", id="desk.drive_previous", key_display="PgUp"
        ),
        Binding("escape", "back_to_room", "Back to the room", id="desk.back"),
        Binding(
            "f2,ctrl+t",
            "drive_mode(True)",
            "Following the room (drive)",
            id="desk.drive",
            key_display="F2",
        ),
        Binding(
            "f2,ctrl+t",
            "drive_mode(False)",
            "Driving the room (follow)",
            id="desk.follow",
            key_display="F2",
        ),
        Binding("ctrl+l", "entries", "Entries", id="desk.entries"),
        Binding("ctrl+r", "register", "Register", id="desk.register"),
        Binding("f3,ctrl+g", "report_check", "Report check", id="desk.report", key_display="F3"),
        Binding("f1", "app.help", "Help", id="desk.help", key_display="F1"),
        Binding("ctrl+z", "undo", "Undo", id="desk.undo", show=False),
    ]

    def __init__(
        self,
        meeting: Meeting,
        link: JournalLink,
        room: OnScreen | None,
        loader: Loader | None = None,
    ) -> None:
        super().__init__()
        self.meeting = meeting
        self.link = link
        self.room = room
        """The room's screen as the journal last said."""
        self.browsing: OnScreen | None = None
        """Where the desk looks when it is not where the room is."""
        self.driving = False
        """Whether the page keys move the room's screen (else they browse here)."""
        pack = meeting.pack
        self.names = speakers_of(pack.meeting)
        self.members = members_of(pack.meeting)
        self._loader = loader
        """How the report check gets the figures (``figure_outcomes`` unless a test says)."""
        self.reports: dict[str, ReportCheck | str] = {}
        """Each item's report check once made, or why it could not be; empty until then."""

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="desk-top"):
            yield RoomMirror(id="desk-room")
            with Vertical(id="desk-side"):
                yield Label("Speaker notes", classes="desk-heading")
                with VerticalScroll(id="desk-notes-box", can_focus=False):
                    yield Static("", id="desk-notes", markup=False)
                yield Label("Next slide", classes="desk-heading")
                yield Static("", id="desk-next", markup=False)
                yield Static("", id="desk-report", markup=False)
        yield CaptureBar(
            self.link,
            item=self._minuting(),
            context=self.room,
            names=self.names,
            identifiers=self.meeting.identifiers_of,
            id="capture",
        )

    def on_mount(self) -> None:
        self.query_one(RoomMirror).read_only = bool(self.link.read_only)
        self._show()
        # 'for 1:23': how long the room has shown its slide, kept current.
        self.set_interval(1, self._tick)
        if any(item.report_file is not None for item in self.meeting.pack.items):
            self.query_one("#desk-report", Static).update("Report check: reading the report…")
            self._check_reports()

    @work(thread=True, exclusive=True, group="desk-report")
    def _check_reports(self) -> None:
        """Every item's report against its figures, made here off the UI thread: the desk
        holds no figures of its own, and a Word or PDF report never holds up a key."""
        from panelapp.verify.checking import pack_reports

        pack = self.meeting.pack
        try:
            if self._loader is None:
                from panelapp.metrics.store import figure_outcomes

                self._loader = figure_outcomes
            checks = pack_reports(pack, self._loader(pack, use_cache=True))
        except Exception as exc:  # noqa: BLE001 - said on the desk; the meeting goes on
            from panelapp.crash import unexpected

            problem = f"Report check: not possible. {unexpected(exc)}"
            checks = {i.number: problem for i in pack.items if i.report_file is not None}
        self.app.call_from_thread(self._reports_checked, checks)

    def _reports_checked(self, checks: dict[str, ReportCheck | str]) -> None:
        self.reports = checks
        if self.is_attached:
            self._show()

    def _tick(self) -> None:
        if self.room is not None and self.is_active:
            self.query_one(RoomMirror).show(self.room, self.browsing)

    # -- what the desk shows --------------------------------------------------------

    @property
    def bar(self) -> CaptureBar:
        return self.query_one(CaptureBar)

    def _minuting(self) -> str:
        """The agenda item entries go to: where the desk looks."""
        shown = self.browsing or self.room
        return shown.item if shown is not None else self.meeting.item_number

    def room_moved(self, state: OnScreen) -> None:
        """The room's screen moved (or the desk moved it): mirror it, stamp with it."""
        self.room = state
        if self.browsing is not None and self.browsing.place() == state.place():
            self.browsing = None
        self._show()

    def _show(self) -> None:
        number = self._minuting()
        if number != self.meeting.item_number:
            self.meeting.item_number = number
            self.app.refresh_header()  # type: ignore[attr-defined]
        self.query_one(RoomMirror).show(self.room, self.browsing)
        shown = self.browsing or self.room
        notes, upcoming = self._notes_and_next(shown)
        self.query_one("#desk-notes", Static).update(notes)
        self.query_one("#desk-next", Static).update(upcoming)
        self._show_report(number)
        bar = self.bar
        bar.context = self.room
        if bar.item != number:
            bar.item = number
        self.refresh_bindings()

    def _show_report(self, number: str) -> None:
        """The minuted item's report check in one line, once made; nothing without a report."""
        from panelapp.verify.checking import summary

        line = self.query_one("#desk-report", Static)
        item = self._item(number)
        if item is None or item.report_file is None:
            line.display = False
            return
        line.display = True
        check = self.reports.get(number)
        if isinstance(check, str):
            line.update(check)
        elif check is not None:
            line.update(f"{summary(check)}. F3 lists them.")

    def _notes_and_next(self, shown: OnScreen | None) -> tuple[str, str]:
        if shown is None:
            return "", ""
        item = self._item(shown.item)
        if item is None:
            return "", ""
        deck = Deck.of_item(item)
        if shown.slide:
            deck.go_to(shown.slide)
        notes = ""
        kpi = next((k for k in item.kpis if k.id == shown.slide), None)
        if kpi is not None:
            notes = kpi.notes or "None for this KPI."
        elif shown.slide:
            notes = "None for this theme."
        upcoming = deck.next_slide
        if upcoming is None:
            after = _item_after(self.meeting.pack.items, item)
            text = f"The end of item {item.number}." + (
                f" Then item {after.number}. {after.title}" if after else ""
            )
            return notes, text
        return notes, f"{deck.index + 2} of {len(deck.slides)}: {upcoming.title}"

    def _item(self, number: str) -> Item | None:
        try:
            return self.meeting.pack.item(number)
        except KeyError:
            return None

    # -- keys -----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "step":
            return not self.driving
        if action == "drive":
            return self.driving
        if action == "back_to_room":
            return self.browsing is not None
        if action == "drive_mode":
            return parameters != (self.driving,)
        if action == "report_check":
            check = self.reports.get(self._minuting())
            return check is not None and not isinstance(check, str)
        return True

    def _moved_place(self, step: int) -> OnScreen | None:
        """The place one slide on (or back) from where the desk looks, in the pack's order."""
        shown = self.browsing or self.room
        if shown is None:
            return None
        item = self._item(shown.item)
        if item is None:
            return None
        deck = Deck.of_item(item)
        if shown.slide:
            deck.go_to(shown.slide)
        if not (deck.next() if step > 0 else deck.previous()):
            return None
        slide = deck.current
        assert slide is not None
        return OnScreen(
            shown.item,
            slide.id,
            slide.kind,
            shown.public,
            slide.title,
            position=deck.index + 1,
            count=len(deck.slides),
        )

    def action_step(self, step: int) -> None:
        """Browse here: the room's screen stays where it is."""
        place = self._moved_place(step)
        if place is None:
            self.app.bell()
            return
        self.browsing = None if self.room and place.place() == self.room.place() else place
        self._show()

    def action_drive(self, step: int) -> None:
        """Move the room's screen one slide; the room's seat then shows and words it."""
        place = self._moved_place(step)
        if place is None:
            self.app.bell()
            return
        self.browsing = None
        self.app.drive_room(place)  # type: ignore[attr-defined]
        self.room_moved(place)

    def browse_item(self, number: str) -> None:
        """Look at (and minute) another agenda item, from its first slide."""
        item = self._item(number)
        if item is None:
            return
        deck = Deck.of_item(item)
        first = deck.current
        public = self.room.public if self.room else False
        place = (
            OnScreen(
                number,
                first.id,
                first.kind,
                public,
                first.title,
                position=1,
                count=len(deck.slides),
            )
            if first is not None
            else OnScreen(number, "", "agenda", public, item.title)
        )
        if self.driving:
            self.app.drive_room(place)  # type: ignore[attr-defined]
            self.room_moved(place)
            return
        self.browsing = None if self.room and place.place() == self.room.place() else place
        self._show()

    def action_back_to_room(self) -> None:
        """Stop browsing: the desk shows the room again. The room's slide never changes."""
        self.browsing = None
        self._show()

    def action_drive_mode(self, drive: bool) -> None:
        """Drive the room's screen from here (True), or follow it (False)."""
        self.driving = drive
        self.browsing = None if drive else self.browsing
        self._show()
        self.notify(
            "The page keys now move the room's screen. F2 goes back to following."
            if self.driving
            else "Following the room: the page keys browse here only.",
            timeout=4,
        )

    def action_entries(self) -> None:
        from panelapp.ui.screens.entries import EntriesScreen

        self.app.push_screen(
            EntriesScreen(
                self.link,
                item=self._minuting(),
                item_title=self.meeting.item.title,
                names=self.names,
                members=self.members,
                pack=self.meeting.pack,
            )
        )

    def action_report_check(self) -> None:
        """The minuted item's report, statement by statement, with each verdict."""
        from panelapp.ui.screens.report_check import ReportCheckScreen
        from panelapp.ui.state import Showing

        check = self.reports.get(self._minuting())
        if check is None or isinstance(check, str):
            return
        showing = Showing(check.item, check.figures, public=False, style=self.meeting.style)
        self.app.push_screen(ReportCheckScreen(showing, self.meeting.pack, check.figures))

    def action_register(self) -> None:
        """The attendance register: each member present, apologies or substitute."""
        from panelapp.ui.screens.attendance import AttendanceScreen

        self.app.push_screen(
            AttendanceScreen(self.link, self.members, meeting=self.meeting.pack.meeting)
        )

    async def action_undo(self) -> None:
        if await undo(self, self.link) is not None:
            await self.bar.reload()

    def on_screen_resume(self) -> None:
        """Back from the entries list or the register: what was edited there, cursor in the line."""
        self.catch_up()
        self.bar.focus_text()
        self.run_worker(self.bar.reload(), group="desk-reload")

    def unsaved(self) -> str:
        """What is typed and not yet on disk: lines waiting for the journal, then the field."""
        return self.bar.unsaved()

    def following(self) -> Text:
        """'Following the room' or 'Driving the room', for the help and tests."""
        return Text("Driving the room" if self.driving else "Following the room")


def _item_after(items: tuple[Item, ...], item: Item) -> Item | None:
    numbers = [i.number for i in items]
    at = numbers.index(item.number)
    return items[at + 1] if at + 1 < len(items) else None
