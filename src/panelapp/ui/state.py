"""What the app knows once the figures are in, as plain values the screens are handed.

Both views of every item are computed once when the meeting opens, so
switching public mode on in front of a webcast is instant and never
recomputes a figure.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from panelapp.config import Item
from panelapp.metrics.results import ItemFigures
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


@dataclass(frozen=True)
class SlideContext:
    """What is on the projector now, for the clerk's journal to stamp an entry with."""

    item_number: str
    kind: Literal["kpi", "theme", "agenda"]
    id: str
    """The KPI's or theme's id; empty for an agenda item without figures."""
    title: str
    figure: str
    """The figure exactly as shown, e.g. '32% (134 of 425)'; '[c]' in public mode."""
    public: bool = False


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
