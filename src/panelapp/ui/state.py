"""What the app knows once the figures are in, as plain values the screens are handed.

Both views of every item are computed once when the meeting opens, so
switching public mode on in front of a webcast is instant and never
recomputes a figure.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from panelapp.config import Item, Pack
from panelapp.metrics.results import ItemFigures
from panelapp.minutes.identifiers import Identifiers
from panelapp.ui.text import Style


@dataclass(frozen=True)
class ItemViews:
    """An agenda item's figures as the room sees them and as the public may."""

    private: ItemFigures
    public: ItemFigures

    def shown(self, public: bool) -> ItemFigures:
        """The view for the mode the presenter is in."""
        return self.public if public else self.private


@dataclass(frozen=True)
class Showing:
    """What one screen is given to show: an agenda item and, when it has any, its figures."""

    item: Item
    figures: ItemFigures | None
    public: bool = False
    style: Style = field(default_factory=Style)
    problem: str = ""
    """Why the item's figures could not be made; empty when they were, or it has none."""


@dataclass
class Meeting:
    """The meeting as the screens see it: the pack, both views of the figures, where we are.

    A plain object the app holds and screens are handed, so a screen never
    reaches into the app for the item or the mode, and a test can state a
    meeting as values.
    """

    pack: Pack
    item_number: str
    public: bool = False
    views: dict[str, ItemViews] = field(default_factory=dict)
    """Each item's figures, once made; empty while they are being made."""
    problems: dict[str, str] = field(default_factory=dict)
    """Items whose figures could not be made, and the one line that says why."""
    style: Style = field(default_factory=Style)
    identifiers: dict[str, Identifiers] = field(default_factory=dict)
    """Each item's children as its data names them, read off the UI thread so the capture
    can warn of a line naming one; private, never shown, never cached."""

    @classmethod
    def of(cls, pack: Pack, *, public: bool = False) -> Meeting:
        """A meeting opening on its first item with figures (the first item if none has)."""
        first = next((i for i in pack.items if i.has_figures), pack.items[0])
        style = Style(pack.display.percent_decimals, pack.disclosure.symbol)
        return cls(pack, first.number, public=public, style=style)

    @property
    def item(self) -> Item:
        """The agenda item the meeting is on."""
        return self.pack.item(self.item_number)

    def figures(self) -> ItemFigures | None:
        """The current item's figures in the current mode, or None when it has none."""
        views = self.views.get(self.item_number)
        return views.shown(self.public) if views else None

    def identifiers_of(self, number: str) -> Identifiers:
        """An item's children, once read (none before, or for an item without data)."""
        return self.identifiers.get(number, Identifiers())

    def showing(self) -> Showing:
        """What a screen showing figures is handed."""
        return Showing(
            self.item,
            self.figures(),
            self.public,
            self.style,
            self.problems.get(self.item_number, ""),
        )

    def opening_item(self) -> str:
        """Where a new meeting opens: the first item whose figures were made, else the first."""
        return next(
            (i.number for i in self.pack.items if i.number in self.views),
            self.pack.items[0].number,
        )


class MeetingClock:
    """Elapsed time for the meeting and the current item, from an injectable clock.

    The clock is a parameter so snapshots and tests can freeze it; in the
    room it is :func:`time.monotonic`, which a laptop's clock change cannot
    make jump.
    """

    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self.meeting_started = clock()
        self.item_started = self.meeting_started

    def start_item(self) -> None:
        """The presenter moved to another agenda item: its timer starts again."""
        self.item_started = self._clock()

    def elapsed(self) -> tuple[float, float]:
        """Seconds since the item started and since the meeting started."""
        now = self._clock()
        return now - self.item_started, now - self.meeting_started


def duration(seconds: float) -> str:
    """'4:05' under an hour, '1:04:05' over: how a chair reads a meeting clock."""
    whole = max(0, int(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
