"""The presenter's app: loads the figures in a worker, then hands screens what to show.

Kept small on purpose: each screen and widget lives in its own module, and
this file only holds what is shared across screens (the pack, both views of
the figures, public mode, the clocks) and the one factory, :func:`make_app`,
that the command line and the tests both use.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, work
from textual.app import App
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive, var

from panelapp import paths
from panelapp.config import Item, Pack
from panelapp.errors import UserError
from panelapp.metrics.ahead import FiguresAhead
from panelapp.metrics.results import ItemFigures
from panelapp.minutes.journal import STATE_ITEM, STATE_SCREEN, Journal, JournalError
from panelapp.ui.collector import QUIET, QuietCollector
from panelapp.ui.commands import MeetingCommands
from panelapp.ui.journal_calls import PlaceWriter
from panelapp.ui.screens.base import FiguresScreen
from panelapp.ui.screens.loading import LoadingScreen
from panelapp.ui.screens.message import ProblemScreen
from panelapp.ui.screens.overview import OverviewScreen
from panelapp.ui.screens.presenter import PresenterScreen
from panelapp.ui.state import ItemViews, MeetingClock, Showing, SlideContext
from panelapp.ui.text import Style
from panelapp.ui.themes import DARK, HIGH_CONTRAST_THEME
from panelapp.ui.widgets.header import HeaderText

if TYPE_CHECKING:
    # The clerk's screens, findings, help and the quit question are imported when
    # first opened: the first slide need not wait for them.
    from panelapp.ui.screens.capture import CaptureScreen

Loader = Callable[..., list[ItemFigures]]
"""``raw_figures(pack, use_cache=...)`` or a stand-in: tests pass precomputed figures."""


class PanelApp(App[None]):
    """The meeting on screen. Holds state shared by screens; shows nothing itself."""

    CSS_PATH = "app.tcss"
    TITLE = "panelapp"
    COMMANDS = App.COMMANDS | {MeetingCommands}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (34, "-tall")]
    BINDINGS = [
        Binding("p", "toggle_public", "Public", id="public"),
        Binding("f", "findings", "Findings", id="findings"),
        # The clerk's keys stay off the projected footer; ? and the palette list them.
        Binding("c", "capture", "Capture", id="capture", show=False),
        Binding("e", "entries", "Entries", id="entries", show=False),
        Binding("ctrl+o", "minutes", "Minutes", id="minutes", priority=True, show=False),
        Binding("question_mark", "help", "Help", id="help", key_display="?"),
        Binding("q", "quit", "Quit", id="quit"),
    ]

    public: reactive[bool] = reactive(False, init=False)
    # Plain vars, not reactives: the app shows nothing itself, and a reactive on
    # the app repaints the whole screen each time the slide changes.
    header_text: var[HeaderText] = var(HeaderText, init=False)
    context: var[SlideContext | None] = var(None, init=False)
    """What is on the projector now; the clerk's capture stamps entries with it."""

    class FiguresReady(Message):
        """The worker has both views of every item."""

        def __init__(self, views: dict[str, ItemViews]) -> None:
            super().__init__()
            self.views = views

    class LoadFailed(Message):
        """The worker could not make figures; ``message`` says what to fix."""

        def __init__(self, message: str) -> None:
            super().__init__()
            self.message = message

    def __init__(
        self,
        pack: Pack,
        *,
        public: bool = False,
        journal: Path | None = None,
        use_cache: bool = True,
        clock: Callable[[], float] = time.monotonic,
        loader: Loader | None = None,
    ) -> None:
        super().__init__()
        self.pack = pack
        self.journal_path = journal if journal is not None else paths.journal_for(pack.path)
        """The meeting's journal, for the clerk's capture and for resuming."""
        self.journal: Journal | None = None
        """Open once the meeting opens; None when it could not be (the problem is on screen)."""
        self.use_cache = use_cache
        self.meeting_clock = MeetingClock(clock)
        self.views: dict[str, ItemViews] = {}
        self.figure_style = Style(pack.display.percent_decimals, pack.disclosure.symbol)
        self._loader = loader
        self._pending: tuple[str, str | None] | None = None
        self._outcome: Callable[[], object] | None = None
        """Figures or a problem that came while a question was open over the loading screen."""
        self._capture: CaptureScreen | None = None
        """The clerk's capture, made on first use and kept, so Escape never loses a typed line."""
        self._places = PlaceWriter()
        """Where the meeting is, on its way to the journal off the UI thread."""
        self._collector = QuietCollector()
        """Full garbage collections wait for a pause, not a keypress."""
        first = next((i for i in pack.items if i.has_figures), pack.items[0])
        self.item_number = first.number
        self.set_reactive(PanelApp.public, public)
        self.set_reactive(PanelApp.header_text, self._header())

    # -- state the screens are handed ----------------------------------------

    @property
    def item(self) -> Item:
        """The agenda item the meeting is on."""
        return self.pack.item(self.item_number)

    def current_figures(self) -> ItemFigures | None:
        """The current item's figures in the current mode, or None when it has none."""
        views = self.views.get(self.item_number)
        return views.shown(self.public) if views else None

    def showing(self) -> Showing:
        """What a screen showing figures is handed."""
        return Showing(self.item, self.current_figures(), self.public, self.figure_style)

    def current_context(self) -> SlideContext | None:
        """What is on the projector: item number, KPI or theme id, title, figure as shown."""
        return self.context

    def _header(self) -> HeaderText:
        meeting = self.pack.meeting
        views = self.views.get(self.item_number)
        findings = len(views.private.findings) if views else 0
        return HeaderText(
            meeting=meeting.committee,
            date=f"{meeting.date.day} {meeting.date:%B %Y}",
            item=f"{self.item.number}. {self.item.title}",
            public=self.public,
            findings=findings,
            journal=self.journal_path.name,
            read_only=bool(self.journal and self.journal.read_only),
        )

    # -- loading ------------------------------------------------------------

    def on_mount(self) -> None:
        self._collector.start()
        self.set_interval(QUIET, self._collector.tick)
        self.register_theme(HIGH_CONTRAST_THEME)
        if self.theme not in (DARK, "textual-light", HIGH_CONTRAST_THEME.name):
            self.theme = DARK
        self.push_screen(LoadingScreen(self._reading()))
        if self._open_journal():
            self._load()

    def _reading(self) -> str:
        files = sorted(
            {
                str(path)
                for item in self.pack.items
                if item.has_figures
                for path in item.data.episodes
            }
        )
        return f"Reading the figures from {', '.join(files) or 'the metrics files'}…"

    def action_load(self) -> None:
        """Read the figures again, after the presenter fixed the file."""
        self.switch_screen(LoadingScreen(self._reading()))
        if self._open_journal():
            self._load()

    @work(thread=True, exclusive=True, group="figures")
    def _load(self) -> None:
        try:
            from panelapp.metrics.engine import present

            if self._loader is None:
                from panelapp.metrics.store import raw_figures

                self._loader = raw_figures
            try:
                raw = self._loader(self.pack, use_cache=self.use_cache)
            except UserError as exc:
                self.post_message(self.LoadFailed(exc.message))
                return
            views = {
                figures.item.number: ItemViews(
                    present(figures, self.pack, public=False),
                    present(figures, self.pack, public=True),
                )
                for figures in raw
            }
        except Exception as exc:  # noqa: BLE001 - shown to the presenter, never a traceback
            from panelapp.crash import unexpected

            self.post_message(self.LoadFailed(unexpected(exc)))
            return
        self.post_message(self.FiguresReady(views))

    async def on_panel_app_figures_ready(self, message: FiguresReady) -> None:
        if self._covered(lambda: self.post_message(self.FiguresReady(message.views))):
            return
        self.views = message.views
        self.header_text = self._header()
        # Awaited: a place to resume at can only be taken once the deck is built.
        await self.switch_screen(PresenterScreen(self.showing()))
        self._collector.settled()
        findings = sum(len(v.private.findings) for v in self.views.values())
        if findings:
            self.notify(
                f"The data has {findings} data-quality findings. Press f to see them.",
                title="Data quality",
                severity="warning",
                timeout=12,
            )
        if self._pending is not None:
            number, slide = self._pending
            self._pending = None
            self.go_to(number, slide)

    def on_panel_app_load_failed(self, message: LoadFailed) -> None:
        if self._covered(lambda: self.post_message(self.LoadFailed(message.message))):
            return
        self.switch_screen(ProblemScreen("The figures could not be made", message.message))
        self._collector.settled()

    def _covered(self, outcome: Callable[[], object]) -> bool:
        """Whether a question is open over the loading screen; ``outcome`` then waits for it.

        The figures (or the problem) take the loading screen's place, and
        switching screens replaces whichever is on top: a quit question or
        the help asked for while loading would vanish unanswered, with the
        loading screen left under the slides.
        """
        if isinstance(self.screen, LoadingScreen):
            return False
        if not any(isinstance(screen, LoadingScreen) for screen in self.screen_stack):
            return False
        self._outcome = outcome
        return True

    def on_loading_screen_uncovered(self) -> None:
        outcome, self._outcome = self._outcome, None
        if outcome is not None:
            outcome()

    # -- moving around ------------------------------------------------------

    def go_to(self, item_number: str, slide_id: str | None = None) -> bool:
        """Put an agenda item (and a KPI or theme of it) on screen; for the palette and resume.

        Before the figures are ready the place is remembered and taken once
        they are. Returns False for an item or slide the pack does not have.
        """
        try:
            self.pack.item(item_number)
        except KeyError:
            return False
        if not self.views and not isinstance(self.screen, ProblemScreen):
            self._pending = (item_number, slide_id)
            return True
        presenter = self._presenter()
        if presenter is None:
            return False
        # The clerk's capture stays open over the deck and follows it to the new item.
        while self.screen is not presenter and not self._capture_over(presenter):
            self.pop_screen()
        if item_number != self.item_number:
            self.item_number = item_number
            self.meeting_clock.start_item()
            self.header_text = self._header()
            presenter.showing = self.showing()
            self._follow_item()
        return True if slide_id is None else presenter.go_to(slide_id)

    def _presenter(self) -> PresenterScreen | None:
        return next((s for s in self.screen_stack if isinstance(s, PresenterScreen)), None)

    def on_presenter_screen_slide_changed(self, message: PresenterScreen.SlideChanged) -> None:
        self.context = message.context

    # -- the clerk's journal --------------------------------------------------

    def _open_journal(self) -> bool:
        """Open the journal and take up the meeting where it was left; False shows why not.

        A file that is not a journal, or is damaged, is never written to: the
        problem screen names it and the meeting does not start over it.
        """
        if self.journal is not None:
            return True
        try:
            self.journal = Journal.open(self.journal_path)
            item = self.journal.get_state(STATE_ITEM)
            screen = self.journal.get_state(STATE_SCREEN)
        except JournalError as error:
            if self.journal is not None:
                self.journal.close()
                self.journal = None
            self.switch_screen(ProblemScreen("The meeting's journal cannot be used", error.message))
            return False
        if self.journal.read_only:
            self.header_text = self._header()
            # Said before the clerk types, not after the first line fails to save.
            self.notify(
                f"{self.journal_path} opened read-only ({self.journal.read_only}): "
                "everything in it can be read and exported, but nothing typed can be saved.",
                title="Journal read-only",
                severity="warning",
                timeout=30,
            )
        if item is not None:
            self.go_to(item, screen or None)
        return True

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
        if self.journal is not None:
            # Slides shown just before quitting are still recorded; nobody is left to tell.
            with self._places.writing:
                try:
                    self._places.write(self.journal)
                except JournalError as error:
                    self.log.error(f"journal state not written on leaving: {error.message}")
                self._places.closed = True
                self.journal.close()

    def watch_context(self, context: SlideContext | None) -> None:
        """Remember where the meeting is, and what was presented, as the slide changes.

        The writes wait for the journal's lock when another terminal is saving,
        so they are made by a worker: the projector never waits for the disk.
        """
        if self._capture is not None:
            self._capture.context = context
        if context is None or self.journal is None or self.journal.read_only:
            return
        if self._places.add(context):
            self._write_places()

    @work(thread=True, exclusive=False, group="journal-state")
    def _write_places(self) -> None:
        """Write the places queued, in order, until none are left (or the journal fails)."""
        journal = self.journal
        if journal is None:
            return
        try:
            while True:
                with self._places.writing:
                    if self._places.closed or not self._places.write(journal):
                        return
        except JournalError as error:
            self.call_from_thread(
                self.notify,
                error.message,
                title="Journal not written",
                severity="error",
                timeout=15,
            )

    def _capture_over(self, presenter: PresenterScreen) -> bool:
        stack = self.screen_stack
        return self._capture is not None and stack[-2:] == [presenter, self._capture]

    def _follow_item(self) -> None:
        if self._capture is not None:
            self._capture.item_title = self.item.title
            self._capture.item = self.item_number

    def action_capture(self) -> None:
        """The clerk's capture over the deck, the cursor in the text field."""
        presenter = self._presenter()
        if self.journal is None or presenter is None or self.screen is self._capture:
            return
        while self.screen is not presenter:
            self.pop_screen()
        if self._capture is None:
            from panelapp.ui.screens.capture import CaptureScreen, members_of, speakers_of

            meeting = self.pack.meeting
            self._capture = CaptureScreen(
                self.journal,
                item=self.item_number,
                item_title=self.item.title,
                context=self.context,
                names=speakers_of(meeting),
                members=members_of(meeting),
                journal_path=self.journal_path,
            )
            self.install_screen(self._capture, name="capture")
        self.push_screen("capture")

    def action_entries(self) -> None:
        """What the current item and the meeting have so far, to put right."""
        from panelapp.ui.screens.capture import members_of, speakers_of
        from panelapp.ui.screens.entries import EntriesScreen

        if self.journal is None or isinstance(self.screen, EntriesScreen):
            return
        meeting = self.pack.meeting
        self.push_screen(
            EntriesScreen(
                self.journal,
                item=self.item_number,
                item_title=self.item.title,
                names=speakers_of(meeting),
                members=members_of(meeting),
                journal_path=self.journal_path,
            )
        )

    def action_minutes(self) -> None:
        """The draft minutes from the journal and the figures already on screen."""
        # Imported here: the export's Word and template libraries are not needed
        # to put the first slide on the projector.
        from panelapp.ui.screens.minutes_preview import MinutesPreview

        if isinstance(self.screen, MinutesPreview):
            return
        self.push_screen(
            MinutesPreview(
                self.pack,
                journal=self.journal_path,
                public=self.public,
                figures=[views.shown(self.public) for views in self.views.values()] or None,
                use_cache=self.use_cache,
            )
        )

    def on_capture_screen_turn_slide(self, message: CaptureScreen.TurnSlide) -> None:
        presenter = self._presenter()
        if presenter is not None:
            if message.step > 0:
                presenter.action_next()
            else:
                presenter.action_previous()

    # -- actions ------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("capture", "entries"):
            return self.journal is not None and self._presenter() is not None
        if action == "findings":
            figures = self.current_figures()
            return bool(figures and (figures.findings or figures.notes))
        if action == "toggle_public":
            return bool(self.views)
        return True

    def action_toggle_public(self) -> None:
        self.public = not self.public

    def watch_public(self, public: bool) -> None:
        self.header_text = self._header()
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

    def action_findings(self) -> None:
        from panelapp.ui.screens.findings import FindingsScreen

        if isinstance(self.screen, FindingsScreen):
            return
        self.push_screen(FindingsScreen(self.showing()))

    def action_help(self) -> None:
        from panelapp.ui.screens.capture import CaptureScreen
        from panelapp.ui.screens.entries import EntriesScreen
        from panelapp.ui.screens.help import HelpScreen
        from panelapp.ui.widgets.capture_bar import CaptureBar

        if isinstance(self.screen, HelpScreen):
            return
        everywhere = [*self.BINDINGS, Binding("ctrl+p", "command_palette", "Command palette")]
        self.push_screen(
            HelpScreen(
                [
                    ("Slides", PresenterScreen.BINDINGS),
                    ("Overview", OverviewScreen.BINDINGS),
                    ("Capture (the clerk)", [*CaptureScreen.BINDINGS, *CaptureBar.BINDINGS]),
                    ("Entries", EntriesScreen.BINDINGS),
                    ("Everywhere", everywhere),
                ]
            )
        )

    async def action_quit(self) -> None:
        """Ask first: a stray key must not end the presentation."""
        from panelapp.ui.screens.confirm import QuitScreen

        if isinstance(self.screen, QuitScreen):
            return
        unsaved = self._capture.unsaved() if self._capture is not None else ""
        self.push_screen(QuitScreen(unsaved=unsaved), self._quit_answered)

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


def make_app(
    pack: Pack,
    *,
    public: bool = False,
    journal: Path | None = None,
    use_cache: bool = True,
    clock: Callable[[], float] = time.monotonic,
    loader: Loader | None = None,
) -> PanelApp:
    """The one way to build the app, for the command line and the tests alike.

    ``clock`` is injectable so snapshots can freeze the meeting timers;
    ``loader`` so tests can hand in figures computed once per session.
    """
    return PanelApp(
        pack, public=public, journal=journal, use_cache=use_cache, clock=clock, loader=loader
    )
