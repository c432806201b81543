"""The presenter's screen: one agenda item's slides, driven by keys or a clicker, or following.

The same screen is the room's screen (``panelapp present``), the solo seat's
deck and what a browser viewer sees; the seat says which keys it offers.
Every slide it shows is announced with :class:`PresenterScreen.SlideChanged`,
marked ``driven`` when a key here moved it, so the app writes to the journal
only what this seat chose, never a place it was only following.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.message import Message
from textual.widget import AwaitMount
from textual.widgets import ContentSwitcher

from panelapp.deck import Deck
from panelapp.metrics.results import KpiResult, ThemeResult
from panelapp.minutes.room import OnScreen
from panelapp.ui import text
from panelapp.ui.screens.base import FiguresScreen
from panelapp.ui.screens.overview import OverviewScreen
from panelapp.ui.seats import SOLO, Seat
from panelapp.ui.state import Showing
from panelapp.ui.widgets.agenda_slide import AgendaSlide
from panelapp.ui.widgets.kpi_slide import KpiSlide
from panelapp.ui.widgets.slide import Slide
from panelapp.ui.widgets.theme_slide import ThemeSlide

_JUMP = Binding.Group("KPI", compact=True)

SlideT = TypeVar("SlideT", bound=Slide)


@dataclass
class ThemeView:
    """How the presenter left a theme: which table, in which order."""

    dimension: int = 0
    by_count: bool = False


class PresenterScreen(FiguresScreen[None]):
    """Holds the deck (the presenter's place) and shows the slide it points at."""

    AUTO_FOCUS = None

    BINDINGS = [
        # Priority: no widget may take the clicker's keys away from the deck.
        Binding(
            "right,down,pagedown,space", "next", "Next", id="next", key_display="→", priority=True
        ),
        Binding(
            "left,up,pageup", "previous", "Prev", id="previous", key_display="←", priority=True
        ),
        Binding("home", "first", "First", id="first", show=False, priority=True),
        Binding("end", "last", "Last", id="last", show=False, priority=True),
        *(
            Binding(str(n), f"jump({n})", f"KPI {n}", id=f"kpi-{n}", show=False, group=_JUMP)
            for n in range(1, 10)
        ),
        Binding("o", "overview", "Overview", id="overview"),
        Binding("t", "themes", "Themes", id="themes"),
        Binding("enter", "drill", "Drill down", id="drill", show=False),
        Binding("n", "notes", "Notes", id="notes"),
        Binding("right_square_bracket", "dimension(1)", "Table", id="next-table"),
        Binding(
            "left_square_bracket",
            "dimension(-1)",
            "Previous table",
            id="previous-table",
            show=False,
        ),
        Binding("s", "sort", "Sort", id="sort"),
    ]

    class SlideChanged(Message):
        """Messages up: what this screen shows now, for the app (and the clerk) to know."""

        def __init__(self, context: OnScreen, *, driven: bool) -> None:
            super().__init__()
            self.context = context
            self.driven = driven
            """A key on this seat moved it (not following the room)."""

    def __init__(self, showing: Showing, *, seat: Seat = SOLO) -> None:
        self.deck = Deck([])
        self.seat = seat
        self.notes = False
        self.themes: dict[str, ThemeView] = {}
        self._building: dict[type[Slide], Slide] = {}
        """Slides asked for and not yet mounted, by kind."""
        self.overview_open = False
        """Whether this screen has its overview of tiles up (the room sees the tiles)."""
        self.driven_next = False
        """The next figures handed over come from a key here (an agenda item picked)."""
        self._overview: OverviewScreen | None = None
        """The overview, built when first opened and kept: opening it again only moves the tile."""
        super().__init__(showing)

    def compose_body(self) -> ComposeResult:
        # Only the KPI slide: the theme slide is built once the first slide is on
        # screen, the agenda slide when an item without figures is shown.
        with Container(id="stage"), ContentSwitcher(initial="kpi-slide", id="slides"):
            yield KpiSlide(id="kpi-slide")

    def on_mount(self) -> None:
        # FiguresScreen's own on_mount has shown the first slide: Textual calls each
        # class's handler in turn, so calling it here too would show it twice.
        if self.deck.themes:
            self.call_after_refresh(self._slide, ThemeSlide)

    def on_unmount(self) -> None:
        # The deck read again after a problem gets a new presenter, and with it its
        # own overview. (Leaving the meeting with the overview open, Textual uninstalls it.)
        if self._overview is not None and self._overview not in self.app.screen_stack:
            self.app.uninstall_screen(self._overview)

    def _slide(self, kind: type[SlideT]) -> SlideT:
        """The stage's slide of that kind, built hidden the first time it is asked for."""
        switcher = self.query_one("#slides", ContentSwitcher)
        candidates = (*switcher.children, *self._building.values())
        found = next((child for child in candidates if isinstance(child, kind)), None)
        if found is not None:
            return found
        slide = kind(id=f"{kind.__name__.removesuffix('Slide').lower()}-slide")
        slide.display = False
        # Remembered until mounted: the switcher lists it only then, and a second
        # request meanwhile must not build a second slide of the same id.
        self._building[kind] = slide
        switcher.mount(slide)
        return slide

    # -- showing -----------------------------------------------------------

    def refresh_figures(self, old: Showing | None = None) -> None:
        showing = self.showing
        if showing is None:
            return
        if old is None or old.item.number != showing.item.number:
            figures = showing.figures
            self.deck = Deck.of(
                ((k.id, k.title) for k in figures.kpis) if figures else (),
                ((t.id, t.title) for t in figures.themes) if figures else (),
            )
            self.themes = {}
        driven, self.driven_next = self.driven_next, False
        self._show_slide(driven=driven)

    def _show_slide(self, *, driven: bool = False) -> None:
        showing = self.showing
        if showing is None:
            return
        # The keys first: asked for before the slide, they are drawn in the same frame.
        self.refresh_bindings()
        switcher = self.query_one("#slides", ContentSwitcher)
        slide, figures, style = self.deck.current, showing.figures, showing.style
        number = showing.item.number
        kind: type[Slide] = (
            AgendaSlide
            if slide is None or figures is None
            else KpiSlide
            if slide.kind == "kpi"
            else ThemeSlide
        )
        built = self._slide(kind)
        if not built.is_mounted:
            # Built just now (or by on_mount a moment ago): the switcher can show it
            # once it is mounted, which a slide followed from another seat may not wait for.
            self.run_worker(
                self._show_once_mounted(built, driven), group="slide-mount", exclusive=True
            )
            return
        if slide is None or figures is None:
            agenda = self._slide(AgendaSlide)
            switcher.current = agenda.id
            agenda.show(showing.item, problem=self._problem(showing))
            context = OnScreen(number, "", "agenda", showing.public, showing.item.title)
        elif slide.kind == "kpi":
            kpi = figures.kpi(slide.id)
            kpis = self._slide(KpiSlide)
            switcher.current = kpis.id
            # Speaker notes are the presenter's own: never on a public screen, nor the room's.
            notes = self.notes and not showing.public and self.seat.notes
            kpis.show(kpi, style, position=self.deck.position, notes=notes)
            context = self._place(
                "kpi", kpi.id, kpi.title, text.figure_as_shown(kpi, style), _change(kpi, style)
            )
        else:
            theme = figures.theme(slide.id)
            view = self.themes.setdefault(theme.id, ThemeView())
            themes = self._slide(ThemeSlide)
            switcher.current = themes.id
            themes.show(
                theme,
                style,
                position=self.deck.position,
                dimension=view.dimension,
                by_count=view.by_count,
            )
            context = replace(
                self._place("theme", theme.id, theme.title, text.cohort(theme, style), ""),
                dimension=view.dimension,
                by_count=view.by_count,
            )
        self.post_message(self.SlideChanged(context, driven=driven))

    async def _show_once_mounted(self, slide: Slide, driven: bool) -> None:
        """Show the slide on screen now, once the slide it needs has finished mounting."""
        await AwaitMount(self.query_one("#slides", ContentSwitcher), [slide])
        self._show_slide(driven=driven)

    def _place(self, kind: str, slide: str, title: str, figure: str, change: str) -> OnScreen:
        showing = self.showing
        assert showing is not None
        return OnScreen(
            showing.item.number,
            slide,
            "kpi" if kind == "kpi" else "theme",
            showing.public,
            title,
            figure,
            change,
            self.deck.index + 1,
            len(self.deck.slides),
            overview=self.overview_open,
        )

    def _problem(self, showing: Showing) -> str:
        """What an item whose figures failed says: the details only where they may be read."""
        if not showing.problem:
            return ""
        if showing.public or not self.seat.details:
            return "Figures not available."
        return f"{showing.problem}\n\nFix the file, then press r to read the figures again."

    def go_to(self, slide_id: str, *, driven: bool = True) -> bool:
        """Show the slide with that id (KPI or theme); False when the item has none."""
        moved = self.deck.go_to(slide_id)
        if moved:
            self._show_slide(driven=driven)
        return moved or self.deck.current_id == slide_id

    def show_place(self, state: OnScreen) -> None:
        """Follow the room: its slide, its table and order on a theme, its overview."""
        if state.slide:
            self.deck.go_to(state.slide)
            if state.kind == "theme":
                self.themes[state.slide] = ThemeView(state.dimension, state.by_count)
        self._show_slide()
        if state.overview and not self.overview_open:
            self.action_overview(driven=False)
        elif not state.overview and self.overview_open and self._overview is not None:
            self._overview.dismiss(None)

    # -- keys --------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Show only the keys that mean something on the slide that is up."""
        kind = self.deck.current.kind if self.deck.current else None
        if action in ("dimension", "sort"):
            return kind == "theme"
        if action in MOVES and not self.seat.drives:
            return False  # a viewer only follows: no key here changes anything
        if action == "notes":
            return kind == "kpi" and self.seat.notes
        if action == "themes":
            return kind == "kpi" and bool(self.deck.themes)
        if action in ("overview", "jump"):
            return bool(self.deck.kpis)
        return True

    def _moved(self, moved: bool) -> None:
        if moved:
            self._show_slide(driven=True)
        else:
            self.app.bell()

    def action_next(self) -> None:
        self._moved(self.deck.next())

    def action_previous(self) -> None:
        self._moved(self.deck.previous())

    def action_first(self) -> None:
        self._moved(self.deck.first())

    def action_last(self) -> None:
        self._moved(self.deck.last())

    def action_jump(self, number: int) -> None:
        self._moved(self.deck.jump(number) or self.deck.current_id == _nth(self.deck, number))

    def action_themes(self) -> None:
        self._moved(self.deck.first_theme())

    def action_drill(self) -> None:
        """Enter on a KPI drills into who the children are: the item's first theme."""
        slide = self.deck.current
        if slide is not None and slide.kind == "kpi":
            self.action_themes()

    def action_notes(self) -> None:
        if not self.seat.notes:
            return
        self.notes = not self.notes
        self._show_slide()
        if self.showing is not None and self.showing.public:
            self.notify("Speaker notes are never shown in public mode.", timeout=3)
        else:
            self.notify("Speaker notes on" if self.notes else "Speaker notes off", timeout=2)

    def action_sort(self) -> None:
        view = self._theme_view()
        if view is not None:
            view.by_count = not view.by_count
            self._show_slide(driven=True)

    def action_dimension(self, step: int) -> None:
        view = self._theme_view()
        theme = self._current_theme()
        if view is None or theme is None or not theme.breakdowns:
            return
        view.dimension = (view.dimension + step) % len(theme.breakdowns)
        self._show_slide(driven=True)

    def action_overview(self, driven: bool = True) -> None:
        showing = self.showing
        if showing is None or showing.figures is None or not self.deck.kpis:
            if driven:
                self.app.bell()
            return
        current = self.deck.current
        selected = next(
            (i for i, s in enumerate(self.deck.kpis) if current and s.id == current.id), 0
        )
        overview = self._overview
        if overview is None:
            overview = self._overview = OverviewScreen(showing, selected=selected)
            self.app.install_screen(overview, "overview")
        else:
            overview.reopen(showing, selected)
        self.overview_open = True
        self.app.push_screen(overview, self._opened)
        self._show_slide(driven=driven)

    def _opened(self, kpi_id: str | None) -> None:
        self.overview_open = False
        if kpi_id is not None:
            self.deck.go_to(kpi_id, "kpi")
        self._show_slide(driven=True)

    def _theme_view(self) -> ThemeView | None:
        slide = self.deck.current
        if slide is None or slide.kind != "theme":
            return None
        return self.themes.setdefault(slide.id, ThemeView())

    def _current_theme(self) -> ThemeResult | None:
        slide, showing = self.deck.current, self.showing
        if slide is None or slide.kind != "theme" or showing is None or showing.figures is None:
            return None
        return showing.figures.theme(slide.id)


MOVES = frozenset(
    {"next", "previous", "first", "last", "jump", "themes", "drill", "overview"}
    | {"dimension", "sort", "notes"}
)
"""Actions that change what this screen shows: a seat that only follows offers none."""


def _change(kpi: KpiResult, style: text.Style) -> str:
    """'▼ −106  down 20% on 2020, better', as the KPI slide says it."""
    if not kpi.available:
        return ""
    amount = f"{text.arrow(kpi)} {text.change_amount(kpi, style)}  " if kpi.change else ""
    return f"{amount}{text.change_words(kpi)}".strip()


def _nth(deck: Deck, number: int) -> str | None:
    kpis = deck.kpis
    return kpis[number - 1].id if 1 <= number <= len(kpis) else None
