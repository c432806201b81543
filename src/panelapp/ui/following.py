"""A seat and the room's screen: open on the room's place, follow it, drive it, minute it.

The journal says what the room sees (:mod:`panelapp.ui.room`). Every seat
asks it a few times a second whether the room moved and, if so, shows the
new place; a seat that drives writes the place its keys chose. The room's
own seats (present, solo) also decide what the minute may say was
presented: a KPI or theme shown for ``minutes.presented_after`` seconds is
recorded at that moment, while it is still on screen.
"""

from __future__ import annotations

import contextlib
import dataclasses
from functools import partial
from typing import TYPE_CHECKING

from textual.timer import Timer

from panelapp.metrics.format import plural
from panelapp.minutes.journal import JournalError
from panelapp.minutes.room import OnScreen
from panelapp.ui.loading import Figures, FiguresLoading
from panelapp.ui.room import POLL_SECONDS, Lost
from panelapp.ui.screens.loading import LoadingScreen
from panelapp.ui.screens.message import ProblemScreen
from panelapp.ui.screens.presenter import PresenterScreen

if TYPE_CHECKING:
    from pathlib import Path

    from panelapp.ui.link import JournalLink
    from panelapp.ui.room import Room
    from panelapp.ui.screens.desk import DeskScreen
    from panelapp.ui.seats import Seat
    from panelapp.ui.state import MeetingClock

WAITING = "Waiting for the room's screen to open…"
"""What a browser viewer says before the room's seat has shared its figures."""

OPENING = "Opening the meeting's journal…"
"""What the clerk's desk says while its journal is opened again."""


class Following(FiguresLoading):
    """The part of the app between its screens and the room's screen in the journal."""

    seat: Seat
    room: Room
    link: JournalLink
    context: OnScreen | None
    public: bool
    _pending: tuple[str, str | None] | None
    _polling = False
    _dwell: tuple[str, str] | None = None
    """The slide the room's screen is dwelling on, until it counts as presented."""
    _dwell_timer: Timer | None = None
    _settle_on: tuple[str, str] | None = None
    """Where the room's screen went instead of a place it could not show, to be written."""
    meeting_clock: MeetingClock

    def refresh_header(self) -> None:
        """Say again what the header says (the app's own)."""

    def follow_item(self) -> None:
        """The clerk's capture follows the deck to its new item (the app's own)."""

    # -- opening --------------------------------------------------------------------

    def open_seat(self) -> None:
        """Open the journal, take the room's place, then the figures this seat needs."""
        if self.seat.name == "viewer":
            self.push_screen(LoadingScreen(WAITING))
        elif self.seat.computes:
            self.push_screen(LoadingScreen(self.reading()))
        self.run_worker(self._open(), exclusive=True, group="open")

    async def _open(self) -> None:
        try:
            await self.link.open()
        except JournalError as error:
            screen = ProblemScreen("The meeting's journal cannot be used", error.message)
            # In the loading screen's place; a desk opens on no screen of its own, whose
            # first screen cannot be switched away.
            if isinstance(self.screen, LoadingScreen):
                await self.switch_screen(screen)
            else:
                await self.push_screen(screen)
            self.loaded()
            return
        if self.link.read_only and (self.seat.drives or self.seat.captures):
            # Said before anyone types or presents, not after the first line fails to save.
            self.refresh_header()
            self.notify(
                read_only_notice(self.seat, self.link.path, self.link.read_only),
                title="Journal read-only",
                severity="warning",
                timeout=30,
                markup=False,
            )
        # A journal out of reach is said in the header; the seat opens anyway and tries again.
        with contextlib.suppress(Lost):
            await self.room.start()
        self.set_interval(POLL_SECONDS, self._tick)
        if self.seat.name == "clerk":
            from panelapp.ui.screens.desk import DeskScreen

            desk = DeskScreen(self.meeting, self.link, self.room.state, loader=self._loader)
            if isinstance(self.screen, LoadingScreen):  # opened again after a problem
                await self.switch_screen(desk)
            else:
                await self.push_screen(desk)
            self.context = self.room.state
            self.loaded()
        elif self.seat.name == "viewer":
            await self._read_shared()
        else:
            self.make_figures(self.seat.room)

    def reopen_seat(self) -> None:
        """Open the journal again, after the problem that stopped it was put right: the seat
        then opens as it does at the start."""
        if self.seat.computes:
            waiting = self.reading()
        else:
            waiting = WAITING if self.seat.name == "viewer" else OPENING
        self.switch_screen(LoadingScreen(waiting))
        self.run_worker(self._open(), exclusive=True, group="open")

    async def _read_shared(self) -> None:
        try:
            if await self.room.shared_changed():
                shared = await self.room.shared()
                if shared:
                    self.read_shared(shared)
        except Lost:
            return

    def reload_figures(self) -> None:
        """Make the figures again (after a file was fixed): the room keeps its place."""
        if not self.seat.computes:
            return
        self.switch_screen(LoadingScreen(self.reading()))
        self.make_figures(self.seat.room)

    async def on_figures(self, message: Figures) -> None:
        if self.covered(lambda: self.post_message(Figures(*_parts(message)))):
            return
        meeting = self.meeting
        meeting.views, meeting.problems = message.views, message.problems
        if message.shared or self.seat.room:
            # Out of reach: viewers wait, and the figures are shared when next made.
            with contextlib.suppress(Lost):
                await self.room.share(message.shared)
        presenter = self._presenter()
        if presenter is not None and self.seat.name == "viewer":
            # The room shared new figures: the same place, the figures of now.
            presenter.showing = meeting.showing()
            self.refresh_header()
            return
        state = self.room.state
        if state is None or state.item not in {i.number for i in meeting.pack.items}:
            meeting.item_number = meeting.opening_item()
        else:
            meeting.item_number = state.item
        self.refresh_header()
        # Awaited: a place to resume at can only be taken once the deck is built.
        await self.switch_screen(PresenterScreen(meeting.showing(), seat=self.seat))
        if state is not None:
            self.follow(state)
        self.loaded()
        self._announce_findings()
        if self._pending is not None:
            number, slide = self._pending
            self._pending = None
            self.go_to(number, slide)

    def _announce_findings(self) -> None:
        # Not on a public screen: the findings and the files' problems are the analyst's.
        if not self.seat.details or self.meeting.public:
            return
        findings = sum(len(v.private.findings) for v in self.meeting.views.values())
        if findings:
            self.notify(
                f"The data has {plural(findings, 'data-quality finding')}. Press f to see them.",
                title="Data quality",
                severity="warning",
                timeout=12,
            )
        for number, problem in self.meeting.problems.items():
            self.notify(
                f"Item {number}: {problem}",
                title="Figures not available",
                severity="error",
                timeout=15,
                markup=False,
            )

    # -- following ----------------------------------------------------------------------

    async def _tick(self) -> None:
        """Ask the journal whether the room moved; show where it went."""
        if self._polling:
            return
        self._polling = True
        try:
            await self.room.retry()
            if await self.room.changed():
                state = await self.room.moved()
                if state is not None:
                    self.follow(state)
                if self.seat.name == "viewer":
                    await self._read_shared()
        except Lost:
            # The last slide stays up; the header says the journal is out of reach.
            self.refresh_header()
        finally:
            self._polling = False

    def follow(self, state: OnScreen) -> None:
        """Show what the room's screen shows now (a place another seat chose, or resumed)."""
        desk = self._desk()
        if desk is not None:
            self.context = state
            desk.room_moved(state)
            return
        presenter = self._presenter()
        if presenter is None or not self.meeting.views and not self.meeting.problems:
            self._pending = (state.item, state.slide or None)
            return
        if not self.seat.always_public and state.public != self.public:
            self.public = state.public  # every screen shows the mode the room is in
        if state.item != self.meeting.item_number or presenter.showing is None:
            self._change_item(presenter, state.item)
        presenter.show_place(state)
        shown = presenter.deck.current_id or ""
        if self.seat.room and shown != state.slide:
            # The place asked for is not in this deck (an agenda slide of an item that
            # now has figures, a KPI taken out): the room says where it really is.
            self._settle_on = (state.item, shown)

    def go_to(self, item_number: str, slide_id: str | None = None) -> bool:
        """Put an agenda item (and a KPI or theme of it) on screen; for the palette and tests.

        On a seat that drives, the room follows. Before the figures are
        ready the place is remembered and taken once they are. Returns
        False for an item or slide the pack does not have.
        """
        try:
            self.meeting.pack.item(item_number)
        except KeyError:
            return False
        loading = not self.meeting.views and not self.meeting.problems
        if loading and not isinstance(self.screen, ProblemScreen):
            self._pending = (item_number, slide_id)
            return True
        presenter = self._presenter()
        if presenter is None:
            return False
        # The clerk's capture stays open over the deck and follows it to the new item.
        while self.screen is not presenter and not self._capture_over(presenter):
            self.pop_screen()
        if item_number != self.meeting.item_number:
            self._change_item(presenter, item_number, driven=True)
        return True if slide_id is None else presenter.go_to(slide_id)

    def _change_item(self, presenter: PresenterScreen, number: str, driven: bool = False) -> None:
        self.meeting.item_number = number
        self.meeting_clock.start_item()
        self.refresh_header()
        presenter.driven_next = driven
        presenter.showing = self.meeting.showing()
        self.follow_item()

    # -- this seat's screen changed ------------------------------------------------------

    def on_presenter_screen_slide_changed(self, message: PresenterScreen.SlideChanged) -> None:
        state, known = message.context, self.room.state
        self.context = state
        if self.seat.room:
            self._dwell_on(state)
        if self._settle_on == (state.item, state.slide):
            self._settle_on = None
            self.room.drive(state.at(seat=self.seat.name))
            return
        chosen = self.seat.drives and (message.driven or known is None)
        if chosen and (known is None or state.place() != known.place()):
            self.room.drive(state.at(seat=self.seat.name))
            return
        # The room's seat words the place (a desk driving knows no figures).
        same = known is not None and state.place() == known.place()
        if self.seat.room and known is not None and same and _words(state) != _words(known):
            self.room.drive(dataclasses.replace(state, since=known.since, seat=known.seat))

    def drive_room(self, state: OnScreen) -> None:
        """The desk moves the room's screen (when it is asked to drive)."""
        self.room.drive(state.at(seat=self.seat.name))
        self.context = state

    def _dwell_on(self, state: OnScreen) -> None:
        """The room's screen shows ``state``: open its item, and time the slide's dwell."""
        self.run_worker(self._opened(state.item), group="room-writes")
        target = (state.item, state.slide) if state.stamps and not state.overview else None
        if target == self._dwell:
            return
        self._dwell = target
        if self._dwell_timer is not None:
            self._dwell_timer.stop()
            self._dwell_timer = None
        if target is not None:
            after = self.meeting.pack.minutes.presented_after
            self._dwell_timer = self.set_timer(after, partial(self._dwelt, target))

    async def _opened(self, item: str) -> None:
        # Out of reach: said in the header; opened when the room shows the item next.
        with contextlib.suppress(Lost):
            await self.room.open_item(item)

    async def _dwelt(self, target: tuple[str, str]) -> None:
        """The dwell was reached with the slide still shown: it was presented."""
        if self._dwell != target:
            return
        try:
            await self.room.presented(*target)
        except Lost:
            self._dwell = None  # not recorded: the next showing of it starts again

    # -- where things are ----------------------------------------------------------------

    def _desk(self) -> DeskScreen | None:
        from panelapp.ui.screens.desk import DeskScreen

        return next((s for s in self.screen_stack if isinstance(s, DeskScreen)), None)

    def _presenter(self) -> PresenterScreen | None:
        return next((s for s in self.screen_stack if isinstance(s, PresenterScreen)), None)

    def _capture_over(self, presenter: PresenterScreen) -> bool:
        """Whether the clerk's capture is open over the deck (the app knows)."""
        return False


def read_only_notice(seat: Seat, path: Path, reason: str) -> str:
    """What a seat that would write says when its journal can only be read, and what that
    costs it: the clerk's typing, or the room's place and what the minute says was presented."""
    # The room's own screen is projected: it names no file and no folder of the machine.
    said = (
        f"{path} opened read-only ({reason})"
        if seat.captures
        else "The meeting's journal opened read-only"
    )
    if seat.captures:
        said += ": everything in it can be read and exported, but nothing typed can be saved"
    if seat.drives:
        said += (
            "; the slides show as usual but are not recorded, so other seats do not follow "
            "them and the minute lists no figure as presented"
        )
    return said + "."


def _parts(message: Figures) -> tuple[dict, dict, dict]:  # type: ignore[type-arg]
    return message.views, message.problems, message.shared


def _words(state: OnScreen) -> tuple[str, str, str, int, int]:
    """What the room's seat says about a place: the words a follower mirrors."""
    return state.title, state.figure, state.change, state.position, state.count
