"""The meeting app: one class for every seat, its bindings and the screens it opens.

Kept small on purpose: each screen and widget lives in its own module; the
meeting itself is a plain :class:`~panelapp.ui.state.Meeting` the screens are
handed; the figures come in through :mod:`panelapp.ui.loading`; and the
room's screen is followed and driven through :mod:`panelapp.ui.following`.
:func:`make_app` is the one factory the command line and the tests use.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, work
from textual.binding import Binding
from textual.reactive import reactive, var

from panelapp import paths
from panelapp.config import Item, Pack
from panelapp.metrics.ahead import FiguresAhead
from panelapp.metrics.results import ItemFigures
from panelapp.minutes.action_log import prefix
from panelapp.minutes.journal import Journal
from panelapp.minutes.room import OnScreen
from panelapp.ui.collector import QUIET, QuietCollector
from panelapp.ui.commands import MeetingCommands
from panelapp.ui.following import Following
from panelapp.ui.link import JournalLink
from panelapp.ui.loading import Loader
from panelapp.ui.room import Room
from panelapp.ui.screens.base import FiguresScreen
from panelapp.ui.screens.message import ProblemScreen
from panelapp.ui.screens.overview import OverviewScreen
from panelapp.ui.screens.presenter import PresenterScreen
from panelapp.ui.seats import SOLO, Seat
from panelapp.ui.state import ItemViews, Meeting, MeetingClock, Showing
from panelapp.ui.themes import DARK, HIGH_CONTRAST_THEME
from panelapp.ui.widgets.header import HeaderText

if TYPE_CHECKING:
    # The clerk's screens, findings, help and the quit question are imported when
    # first opened: the first slide need not wait for them.
    from panelapp.minutes.identifiers import Identifiers
    from panelapp.minutes.previous import Previous
    from panelapp.ui.screens.capture import CaptureScreen


class PanelApp(Following):
    """The meeting in one seat. Holds what screens share; shows nothing itself."""

    CSS_PATH = "app.tcss"
    TITLE = "panelapp"
    COMMANDS = Following.COMMANDS | {MeetingCommands}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (34, "-tall")]
    BINDINGS = [
        Binding("p", "toggle_public", "Public", id="public"),
        Binding("f", "findings", "Findings", id="findings"),
        Binding("r", "load", "Read again", id="retry", show=False),
        # The clerk's keys stay off the projected footer; ? and the palette list them.
        Binding("c", "capture", "Capture", id="capture", show=False),
        Binding("e", "entries", "Entries", id="entries", show=False),
        Binding("ctrl+o", "minutes", "Minutes", id="minutes", priority=True, show=False),
        # Private: the report check quotes small counts, so it is never on the footer either.
        Binding("v", "report_check", "Check the report", id="report-check", show=False),
        # Between meetings: the clerk's too, so off the projected footer.
        Binding("m", "previous_minutes", "Previous minutes", id="previous-minutes", show=False),
        Binding("a", "action_log", "Action log", id="action-log", show=False),
        Binding("question_mark", "help", "Help", id="help", key_display="?"),
        Binding("f1", "help", "Help", id="help-f1", show=False),
        Binding("q", "quit", "Quit", id="quit"),
    ]

    public: reactive[bool] = reactive(False, init=False)
    # Plain vars, not reactives: the app shows nothing itself, and a reactive on
    # the app repaints the whole screen each time the slide changes.
    header_text: var[HeaderText] = var(HeaderText, init=False)
    context: var[OnScreen | None] = var(None, init=False)
    """What the room's screen shows as this seat knows it; the clerk's entries are stamped
    with it. On the room's own seats, what this screen shows."""

    def __init__(
        self,
        pack: Pack,
        *,
        seat: Seat = SOLO,
        public: bool = False,
        journal: Path | None = None,
        use_cache: bool = True,
        clock: Callable[[], float] = time.monotonic,
        loader: Loader | None = None,
    ) -> None:
        super().__init__()
        self.seat = seat
        self.meeting = Meeting.of(pack, public=public or seat.always_public)
        self.journal_path = journal if journal is not None else paths.journal_for(pack.path)
        """The meeting's journal: the room's place, what was presented, what the clerk typed."""
        self.link = JournalLink(self.journal_path, references=prefix(pack.meeting))
        """The one way to the journal (see :mod:`panelapp.ui.link`)."""
        self.room = Room(self.link, seat, self._journal_problem)
        self.use_cache = use_cache
        self.meeting_clock = MeetingClock(clock)
        self._loader = loader
        self._pending: tuple[str, str | None] | None = None
        self._outcome: Callable[[], object] | None = None
        """Figures or a problem that came while a question was open over the loading screen."""
        self._capture: CaptureScreen | None = None
        """The clerk's capture, made on first use and kept, so Escape never loses a typed line."""
        self._collector = QuietCollector()
        """Full garbage collections wait for a pause, not a keypress."""
        self._identifiers_asked = False
        self.set_reactive(PanelApp.public, self.meeting.public)
        self.set_reactive(PanelApp.header_text, self._header())

    # -- the meeting the screens are handed ------------------------------------

    @property
    def pack(self) -> Pack:
        return self.meeting.pack

    @property
    def item_number(self) -> str:
        """The agenda item the meeting is on (in this seat)."""
        return self.meeting.item_number

    @property
    def item(self) -> Item:
        """The agenda item the meeting is on."""
        return self.meeting.item

    @property
    def views(self) -> dict[str, ItemViews]:
        """Both views of each item's figures, once made."""
        return self.meeting.views

    @property
    def journal(self) -> Journal | None:
        """The open journal, for tests and the palette; screens go through :attr:`link`."""
        return self.link.journal if self.link.is_open else None

    def current_figures(self) -> ItemFigures | None:
        """The current item's figures in the current mode, or None when it has none."""
        return self.meeting.figures()

    def showing(self) -> Showing:
        """What a screen showing figures is handed."""
        return self.meeting.showing()

    def current_context(self) -> OnScreen | None:
        """What is on the room's screen: item, KPI or theme id, title, figure as shown."""
        return self.context

    def _header(self) -> HeaderText:
        meeting = self.pack.meeting
        views = self.meeting.views.get(self.item_number)
        findings = len(views.private.findings) if views and self.seat.details else 0
        problem = self.room.problem if hasattr(self, "room") else ""
        return HeaderText(
            meeting=meeting.committee,
            date=f"{meeting.date.day} {meeting.date:%B %Y}",
            item=f"{self.item.number}. {self.item.title}",
            public=self.public,
            findings=findings,
            journal=self.journal_path.name if self.seat.captures else "",
            seat=self.seat.label,
            problem=problem,
            clock=not self.seat.always_public,
            # Said where this seat would write: the room's place, or what the clerk types.
            read_only=bool(self.link.read_only) and (self.seat.drives or self.seat.captures),
        )

    def refresh_header(self) -> None:
        """Say again what the header says: the item, the mode or the journal changed."""
        self.header_text = self._header()

    def _journal_problem(self, problem: str) -> None:
        self.refresh_header()
        if problem:
            self.notify(
                f"The journal cannot be reached ({problem}). This screen keeps showing the "
                "last slide; nothing typed is lost.",
                title="Journal",
                severity="error",
                timeout=10,
            )

    # -- opening ------------------------------------------------------------------

    def on_mount(self) -> None:
        self._collector.start()
        self.set_interval(QUIET, self._collector.tick)
        self.register_theme(HIGH_CONTRAST_THEME)
        if self.theme not in (DARK, "textual-light", HIGH_CONTRAST_THEME.name):
            self.theme = DARK
        self.open_seat()

    def loaded(self) -> None:
        if self.seat.captures and not self._identifiers_asked:
            # Once the first screen is painted: reading the ids imports pyarrow, which holds
            # the interpreter, and the room's first slide never waits for it.
            self._identifiers_asked = True
            self.call_after_refresh(self._read_beyond_the_figures)

    def _read_beyond_the_figures(self) -> None:
        """What the clerk's capture needs and the first slide does not."""
        self.read_identifiers()
        if self.pack.meeting.previous is not None:
            self.read_previous()

    @work(thread=True, exclusive=True, group="previous")
    def read_previous(self) -> None:
        """The meetings before this one, read only, for the desk and the clerk's screens; what
        cannot be read is said once, and the meeting goes on without it."""
        from panelapp.minutes.previous import read_previous

        previous = read_previous(self.pack)
        self.call_from_thread(self._previous_read, previous)

    def _previous_read(self, previous: Previous) -> None:
        self.meeting.previous = previous
        said = [previous.problem] if previous.problem else []
        said += list(previous.merged().conflicts)
        for problem in said:
            self.notify(
                f"{problem} The meeting goes on without it.",
                title="The previous meeting",
                severity="warning",
                timeout=20,
                markup=False,
            )
        self.refresh_desk()

    def refresh_desk(self) -> None:
        """The desk shows again what it knows of the meeting (the previous meeting, now read)."""
        from panelapp.ui.screens.desk import DeskScreen

        for screen in self.screen_stack:
            if isinstance(screen, DeskScreen):
                screen.refresh_side()

    @work(thread=True, exclusive=True, group="identifiers")
    def read_identifiers(self) -> None:
        """Each item's children's ids and dates of birth, for the capture's warning; read from
        the data files here, off the UI thread (the desk computes no figures and holds none)."""
        from panelapp.metrics.child_index import read_identifiers

        pack = self.pack
        found: dict[str, Identifiers] = {}
        for item in pack.items:
            if not item.data.episodes:
                continue
            views = self.meeting.views.get(item.number)
            try:
                found[item.number] = read_identifiers(pack, item, views.private if views else None)
            except Exception as exc:  # noqa: BLE001 - the preview says it; the meeting goes on
                from panelapp.crash import unexpected
                from panelapp.minutes.identifiers import Identifiers

                found[item.number] = Identifiers(problem=unexpected(exc))
        self.call_from_thread(self._identifiers_read, found)

    def _identifiers_read(self, found: dict[str, Identifiers]) -> None:
        self.meeting.identifiers.update(found)

    def action_load(self) -> None:
        """Read the figures again, after the presenter fixed the file; or, when the journal
        was what could not be used, open it again (the figures follow)."""
        if not self.link.is_open:
            self.reopen_seat()
            return
        self.reload_figures()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):
            self._collector.input()
        await super().on_event(event)

    def stop_loading(self) -> None:
        """Stop making figures nobody will see: leaving must not wait for a large pack's.

        The figures' own process is stopped even while the worker waits on
        it; the worker then returns at once.
        """
        if isinstance(self._loader, FiguresAhead):
            self._loader.close()

    def on_unmount(self) -> None:
        self._collector.stop()
        self.stop_loading()
        problem = self.room.leave()
        if problem:
            self.log.error(f"the room's place not written on leaving: {problem}")
        self.link.close()

    # -- actions ------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        seat = self.seat
        if action in ("capture", "entries"):
            return seat.captures and self.link.is_open and self._presenter() is not None
        if action == "minutes":
            return seat.captures
        if action in ("previous_minutes", "action_log"):
            # From the deck of the seat that both presents and minutes: the desk has F4 and F5.
            return seat.captures and seat.drives and isinstance(self.screen, PresenterScreen)
        if action == "report_check":
            # The report check quotes small counts and needs the figures this seat makes.
            return seat.details and seat.computes
        if action == "findings":
            figures = self.current_figures()
            return seat.details and bool(figures and (figures.findings or figures.notes))
        if action == "toggle_public":
            return seat.drives and not seat.always_public and bool(self.views)
        if action == "load":
            if not self.link.is_open:  # the journal's problem: any seat may try it again
                return isinstance(self.screen, ProblemScreen)
            return seat.computes and (
                self.item_number in self.meeting.problems or isinstance(self.screen, ProblemScreen)
            )
        return True

    def action_toggle_public(self) -> None:
        self.public = not self.public

    def watch_public(self, public: bool) -> None:
        self.meeting.public = public
        self.refresh_header()
        for screen in self.screen_stack:
            if isinstance(screen, FiguresScreen):
                screen.showing = self.showing()
        symbol, threshold = self.pack.disclosure.symbol, self.pack.disclosure.threshold
        self.notify(
            f"Public mode on: counts of {threshold} or fewer show as {symbol}."
            if public
            else "Public mode off: every count is shown.",
            timeout=4,
            markup=False,
        )

    def _capture_over(self, presenter: PresenterScreen) -> bool:
        stack = self.screen_stack
        return self._capture is not None and stack[-2:] == [presenter, self._capture]

    def follow_item(self) -> None:
        """The clerk's capture follows the deck to its new item."""
        if self._capture is not None:
            self._capture.item_title = self.item.title
            self._capture.item = self.item_number

    def watch_context(self, context: OnScreen | None) -> None:
        if self._capture is not None:
            self._capture.context = context

    def minute_item(self, number: str) -> None:
        """The desk minutes another agenda item (the room's screen stays where it is)."""
        from panelapp.ui.screens.desk import DeskScreen

        desk = next((s for s in self.screen_stack if isinstance(s, DeskScreen)), None)
        if desk is not None:
            desk.browse_item(number)

    def action_capture(self) -> None:
        """The clerk's capture over the deck, the cursor in the text field."""
        presenter = self._presenter()
        if not self.seat.captures or not self.link.is_open or presenter is None:
            return
        if self.screen is self._capture:
            return
        while self.screen is not presenter:
            self.pop_screen()
        if self._capture is None:
            from panelapp.ui.screens.capture import CaptureScreen, members_of, speakers_of

            meeting = self.pack.meeting
            self._capture = CaptureScreen(
                self.link,
                item=self.item_number,
                item_title=self.item.title,
                context=self.context,
                names=speakers_of(meeting),
                members=members_of(meeting),
                pack=self.pack,
                identifiers=self.meeting.identifiers_of,
            )
            self.install_screen(self._capture, name="capture")
        self.push_screen("capture")

    def action_entries(self) -> None:
        """What the current item and the meeting have so far, to put right."""
        from panelapp.ui.screens.capture import members_of, speakers_of
        from panelapp.ui.screens.entries import EntriesScreen

        if not self.seat.captures or not self.link.is_open:
            return
        if isinstance(self.screen, EntriesScreen):
            return
        meeting = self.pack.meeting
        self.push_screen(
            EntriesScreen(
                self.link,
                item=self.item_number,
                item_title=self.item.title,
                names=speakers_of(meeting),
                members=members_of(meeting),
                pack=self.pack,
                # The solo seat is the room's screen: public mode hides the children named.
                hide=self.meeting.identifiers_of(self.item_number) if self.public else None,
            )
        )

    def action_previous_minutes(self) -> None:
        """The previous meeting's resolutions and actions, and the approval of its minutes."""
        from panelapp.ui.screens.previous_minutes import PreviousMinutesScreen

        if self.seat.captures and self.link.is_open and self._private("The previous minutes"):
            self.push_screen(PreviousMinutesScreen(self.link, self.pack))

    def action_action_log(self) -> None:
        """The action log: each action's status for this meeting, one key each."""
        from panelapp.ui.screens.actions import ActionsScreen

        if self.seat.captures and self.link.is_open and self._private("The action log"):
            self.push_screen(ActionsScreen(self.link, self.pack))

    def _private(self, what: str) -> bool:
        """Whether a clerk's screen of typed text may open here: not on the room's screen in
        public mode, where a child the text names would be shown to the public."""
        if not self.public:
            return True
        self.notify(
            f"{what} shows what was typed, as typed: leave public mode (p) to open it.",
            timeout=5,
            markup=False,
        )
        return False

    def action_minutes(self) -> None:
        """The draft minutes from the journal and the figures already on screen."""
        # Imported here: the export's Word and template libraries are not needed
        # to put the first slide on the projector.
        from panelapp.metrics.results import Unavailable
        from panelapp.ui.screens.capture import members_of
        from panelapp.ui.screens.minutes_preview import MinutesPreview

        if not self.seat.captures or isinstance(self.screen, MinutesPreview):
            return
        figures: list[ItemFigures | Unavailable] = [
            views.shown(self.public) for views in self.views.values()
        ]
        figures += [
            Unavailable(self.pack.item(n), message) for n, message in self.meeting.problems.items()
        ]
        self.push_screen(
            MinutesPreview(
                self.pack,
                journal=self.journal_path,
                public=self.public,
                # The desk makes no figures: the preview makes them (from the cache).
                figures=figures if self.seat.computes and figures else None,
                use_cache=self.use_cache,
                link=self.link,
                members=members_of(self.pack.meeting),
            )
        )

    def action_findings(self) -> None:
        from panelapp.ui.screens.findings import FindingsScreen

        if not self.seat.details or isinstance(self.screen, FindingsScreen):
            return
        self.push_screen(FindingsScreen(self.showing()))

    def action_report_check(self) -> None:
        """The item's report against its figures; private, so it does nothing in public mode."""
        from panelapp.ui.screens.report_check import ReportCheckScreen

        if not (self.seat.details and self.seat.computes) or isinstance(
            self.screen, ReportCheckScreen
        ):
            return
        if self.public:
            self.notify(
                "The report check is private (it may quote small counts): "
                "leave public mode (p) to see it.",
                timeout=5,
                markup=False,
            )
            return
        views = self.views.get(self.item_number)
        if views is None or self.item.report_file is None:
            self.notify(
                f"Agenda item {self.item.number} names no report to check: add "
                'report_file = "…" to it in config.toml.',
                timeout=6,
                markup=False,
            )
            return
        self.push_screen(ReportCheckScreen(self.showing(), self.pack, views.private))

    def action_help(self) -> None:
        from panelapp.ui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.key_sections(), note=SEAT_NOTES.get(self.seat.name, "")))

    def key_sections(self) -> list[tuple[str, list[Binding]]]:
        """The keys this seat offers, by where they work, for the help screen."""
        from panelapp.ui.screens.capture import CaptureScreen
        from panelapp.ui.screens.desk import DeskScreen
        from panelapp.ui.screens.entries import EntriesScreen
        from panelapp.ui.widgets.capture_bar import CaptureBar

        def offered(bindings: list[Binding]) -> list[Binding]:
            return [b for b in bindings if self.check_action(b.action, ()) is not False]

        palette = Binding("ctrl+p", "command_palette", "Command palette")
        everywhere = [*offered(list(self.BINDINGS)), palette]  # type: ignore[arg-type]
        presenter = [b for b in PresenterScreen.BINDINGS if isinstance(b, Binding)]
        if not self.seat.drives:
            presenter = []
        elif not self.seat.notes:
            presenter = [b for b in presenter if b.action != "notes"]
        sections: list[tuple[str, list[Binding]]] = []
        if presenter:
            sections.append(("Slides", presenter))
            sections.append(("Overview", list(OverviewScreen.BINDINGS)))  # type: ignore[arg-type]
        if self.seat.name == "clerk":
            sections.append(("The desk", list(DeskScreen.BINDINGS)))  # type: ignore[arg-type]
            sections.append(("Capture line", list(CaptureBar.BINDINGS)))  # type: ignore[arg-type]
        elif self.seat.captures:
            capture = [*CaptureScreen.BINDINGS, *CaptureBar.BINDINGS]
            sections.append(("Capture (the clerk)", capture))  # type: ignore[arg-type]
        if self.seat.captures:
            sections.append(("Entries", list(EntriesScreen.BINDINGS)))  # type: ignore[arg-type]
        sections.append(("Everywhere", everywhere))
        return sections

    async def action_quit(self) -> None:
        """Ask first: a stray key must not end the presentation."""
        from panelapp.ui.screens.confirm import QuitScreen

        if isinstance(self.screen, QuitScreen):
            return
        read_only = bool(self.link.read_only) and self.seat.captures
        self.push_screen(
            QuitScreen(unsaved=self.unsaved(), read_only=read_only), self._quit_answered
        )

    def unsaved(self) -> str:
        """A line the clerk typed and has not saved with Enter, wherever the capture is."""
        from panelapp.ui.screens.desk import DeskScreen

        for screen in self.screen_stack:
            if isinstance(screen, DeskScreen):
                return screen.unsaved()
        return self._capture.unsaved() if self._capture is not None else ""

    def action_help_quit(self) -> None:
        """Ctrl+C, which a terminal user presses to leave: the same question as q."""
        self.call_later(self.action_quit)

    def _quit_answered(self, leave: bool | None) -> None:
        if not leave:
            return
        if isinstance(self.screen, ProblemScreen):
            # The meeting never opened: a script or the shell sees it failed, and why.
            self.exit(return_code=2, message=Text(f"panelapp: {self.screen.message}"))
            return
        self.exit()


SEAT_NOTES = {
    "clerk": "The desk follows the room's screen: Page Down and Page Up browse here only, and "
    "the room stays where it is (Escape comes back to it). F2 makes them drive the room's "
    "screen instead, so the deck can be run from here; F2 again goes back to following. "
    "Each line is stamped with the figure on the room's screen at its first key.",
    "present": "This is the room's screen: every other seat follows it. Speaker notes and "
    "the clerk's tools are on the clerk's desk (panelapp clerk).",
}
"""What the help says about how a seat sits in the meeting, where keys alone do not say it."""


def make_app(
    pack: Pack,
    *,
    seat: Seat = SOLO,
    public: bool = False,
    journal: Path | None = None,
    use_cache: bool = True,
    clock: Callable[[], float] = time.monotonic,
    loader: Loader | None = None,
) -> PanelApp:
    """The one way to build a seat, for the command line and the tests alike.

    ``clock`` is injectable so snapshots can freeze the meeting timers;
    ``loader`` so tests can hand in figures computed once per session.
    """
    return PanelApp(
        pack,
        seat=seat,
        public=public,
        journal=journal,
        use_cache=use_cache,
        clock=clock,
        loader=loader,
    )
