"""The meeting header: committee and date, the agenda item, the two clocks, public mode.

Always on screen, so the chair can see how long an item has run and anyone
watching a webcast can see that small counts are hidden.

One widget draws the whole line. Each part is a component class, so the
stylesheet still decides each part's colours, padding and whether it is
shown at all (``display``), by window size and mode: the header is on every
screen, and a widget per part would make every screen slower to build and
to bring back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.content import Content
from textual.reactive import reactive
from textual.strip import Strip

from panelapp.metrics.format import plural
from panelapp.sanitise import clean
from panelapp.ui.state import MeetingClock, duration
from panelapp.ui.widgets.line import OneLine


@dataclass(frozen=True)
class HeaderText:
    """What the header says; the app hands it down whenever the item or the mode changes."""

    meeting: str = ""
    date: str = ""
    item: str = ""
    public: bool = False
    findings: int = 0
    """Data-quality findings of the item: a standing notice, since toasts fade."""
    journal: str = ""
    """The journal's file name, so the clerk can see where every entry is being saved."""
    seat: str = ""
    """Which seat this is when it is not the room's own screen ('clerk's desk')."""
    problem: str = ""
    """Why the journal cannot be reached now; the seat keeps showing the last slide."""
    clock: bool = True
    """Whether the meeting's clocks are shown: a browser viewer's would count from when
    that browser joined, not from the meeting."""
    read_only: bool = False
    """The journal can only be read: a standing badge, since nothing typed will be saved."""


Part = tuple[str, str, int]
"""A part of the line as drawn: its name, its words, and its padding left and right together."""

PARTS = (
    "meeting",
    "date",
    "item",
    "seat",
    "journal",
    "read-only",
    "clock",
    "problem",
    "findings",
    "public",
    "public-short",
)
"""The header's parts, left to right; the first takes the room the others leave."""


class MeetingHeader(OneLine[tuple[Part, ...]]):
    """One line across the top of every screen."""

    COMPONENT_CLASSES = {f"header--{part}" for part in PARTS}

    text: reactive[HeaderText] = reactive(HeaderText, init=False)

    def __init__(self, clock: MeetingClock, text: HeaderText) -> None:
        super().__init__()
        self._clock = clock
        self._clock_text = ""
        self._behind = False
        """The clock moved on while the header was out of sight."""
        self.set_reactive(MeetingHeader.text, text)
        self._classes_for(text, restyle=False)

    def on_mount(self) -> None:
        self._tick()
        self.set_interval(1, self._tick)
        self.watch(self.app, "header_text", self._app_text, init=False)

    def _app_text(self, text: HeaderText) -> None:
        self.text = text

    def watch_text(self, text: HeaderText) -> None:
        self._classes_for(text)
        self.refresh()

    def _classes_for(self, text: HeaderText, restyle: bool = True) -> None:
        """The classes the stylesheet reads to show or hide parts."""
        self.update_classes(
            {
                "-public": text.public,
                "-no-journal": not text.journal,
                "-no-findings": not text.findings,
                "-no-seat": not text.seat,
                "-no-problem": not text.problem,
                "-no-clock": not text.clock,
                "-no-read-only": not text.read_only,
            },
            update=restyle,
        )

    def _tick(self) -> None:
        item, meeting = self._clock.elapsed()
        clock = f"item {duration(item)} · meeting {duration(meeting)}"
        if clock != self._clock_text:
            self._clock_text = clock
            self._behind = True
        # A header out of sight (its screen covered) waits: redrawing it would
        # repaint the screen on top, every second, for nothing.
        if self._behind and self._in_sight():
            self._behind = False
            self.refresh()

    def _in_sight(self) -> bool:
        """Whether the header's screen is on top, or seen through every screen over it.

        Textual counts the screen under any other as current, even under an
        opaque one such as the overview.
        """
        stack = self.app.screen_stack
        screen = self.screen
        if screen not in stack:
            return False
        covering = stack[stack.index(screen) + 1 :]
        return all(above.styles.background.a < 1 for above in covering)

    def catch_up(self) -> None:
        """Show the time now: the header's screen has come back into sight."""
        self._tick()

    def _words(self) -> dict[str, str]:
        text = self.text
        return {  # drawn as segments, not markup; cleaned, or an escape would reach the terminal
            "meeting": clean(text.meeting),
            "date": text.date,
            "item": clean(text.item),
            "seat": text.seat,
            "journal": f"journal {text.journal}" if text.journal else "",
            "read-only": "READ-ONLY journal",
            "problem": f"⚠ journal: {text.problem}",
            "clock": self._clock_text,
            "findings": f"⚠ {plural(text.findings, 'finding')} (f)",
            "public": "PUBLIC: small counts hidden",
            "public-short": "PUBLIC",
        }

    def words_shown(self) -> list[str]:
        """What the line says now: the words of each part shown, left to right."""
        return [words for _, words, _ in self._parts()]

    def _parts(self) -> list[Part]:
        """Each part shown: its name, its words, and its padding left and right together.

        The stylesheet says which parts a window of this size shows; when even
        those do not fit, :data:`GIVES_WAY` says which go.
        """
        every = self._words()
        shown = []
        for part, words in every.items():
            styles = self.get_component_styles(f"header--{part}")
            if styles.display != "none":
                shown.append((part, words, styles.padding.left + styles.padding.right))
        return _fitted(shown, self.size.width, every["public-short"])

    # -- drawing ------------------------------------------------------------

    def drawn_from(self) -> tuple[Part, ...]:
        """The parts shown, with their words and padding."""
        return tuple(self._parts())

    def draw(self, parts: tuple[Part, ...]) -> Strip:
        width = self.size.width
        # The meeting's name takes what the others leave, ending in '…' when that is
        # short; the item's title gives way too when even the others do not fit.
        others = _needed(parts)
        over = max(0, others - width)
        segments: list[Segment] = []
        for part, words, _ in parts:
            styles = self.get_component_styles(f"header--{part}")
            style = self.get_component_rich_style(f"header--{part}")
            blank = Style(bgcolor=style.bgcolor)
            left, right = styles.padding.left, styles.padding.right
            if part == "meeting":
                room = max(0, width - others - left - right)
                words = Content(words).truncate(room, ellipsis=True).plain
                right += room - cell_len(words)
            elif part == "item" and over:
                words = Content(words).truncate(max(1, cell_len(words) - over), ellipsis=True).plain
            segments += [
                Segment(" " * left, blank),
                Segment(words, style),
                Segment(" " * right, blank),
            ]
        return Strip(segments).crop_extend(0, width, Style(bgcolor=self.rich_style.bgcolor))


GIVES_WAY = ("journal", "seat", "public", "date")
"""What makes room, in this order, when a window is too narrow for every part.

The journal's file name goes first (the clerk's detail, not the room's), then
the seat's name, then the public badge shortens to the one word PUBLIC, then the date goes. The
meeting's name shrinks before any of them, and the item's title after. The
badge itself never goes: the room must always see that small counts are hidden.
"""


def _needed(parts: Sequence[Part]) -> int:
    """Cells every part but the meeting's name needs: that name takes what is left."""
    return sum(cell_len(words) + pad for part, words, pad in parts if part != "meeting")


def _fitted(parts: list[Part], width: int, short: str) -> list[Part]:
    """``parts`` less what gives way (the badge shortened to ``short``) until the line fits."""
    fitted = list(parts)
    for giving in GIVES_WAY:
        if _needed(fitted) <= width:
            break
        if giving == "public":
            fitted = [
                ("public-short", short, p) if n == "public" else (n, w, p) for n, w, p in fitted
            ]
        else:
            fitted = [part for part in fitted if part[0] != giving]
    return fitted
