"""What the room's screen shows, small, on the clerk's desk: title, figure, where, which mode.

Drawn from the journal's on-screen record alone, in the room's own words,
so the desk needs no figures of its own and shows exactly what the room saw.
"""

from __future__ import annotations

import datetime as dt
import re

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, Static

from panelapp.minutes.room import OnScreen
from panelapp.ui.state import duration
from panelapp.ui.widgets.headline import Headline

_WITH_COUNTS = re.compile(r"(?P<figure>\S+) \((?P<counts>.+)\)")
"""'32% (134 of 425)': the headline and the counts behind it."""


def split_figure(figure: str) -> tuple[str, str]:
    """('32%', '134 of 425') from '32% (134 of 425)'; (figure, '') when there are no counts."""
    match = _WITH_COUNTS.fullmatch(figure)
    return (match["figure"], match["counts"]) if match else (figure, "")


def on_screen_for(state: OnScreen, now: dt.datetime | None = None) -> str:
    """'for 1:23': how long the room has shown this place; empty when not known."""
    try:
        since = dt.datetime.fromisoformat(state.since)
    except ValueError:
        return ""
    now = now or dt.datetime.now(since.tzinfo)
    return f"for {duration((now - since).total_seconds())}"


class RoomMirror(Vertical):
    """The room's screen in a few lines; ``browsing`` when the desk looks elsewhere."""

    read_only = False
    """The journal can only be read: no seat records where the room is, so the mirror
    shows at most the place last recorded, and says so."""

    def compose(self) -> ComposeResult:
        yield Label("", id="mirror-status")
        yield Label("", id="mirror-title")
        yield Headline(id="mirror-figure")
        yield Label("", id="mirror-counts")
        yield Static("", id="mirror-change")

    def show(self, room: OnScreen | None, browsing: OnScreen | None = None) -> None:
        """Attributes down: the room's place, and the desk's own when it is browsing."""
        status = Text()
        shown = browsing or room
        if browsing is not None:
            status.append(" BROWSING ", "bold reverse")
            status.append(f"  {browsing.position_text or 'agenda'}, not on the room's screen", "")
            if room is not None:
                status.append(f" (the room shows {room.position_text or room.title})", "dim")
        elif room is None and self.read_only:
            status.append("The room's screen cannot be followed: the journal is read-only.", "dim")
        elif room is None:
            status.append("The room's screen is not open yet (panelapp present).", "dim")
        else:
            status.append(" ON THE ROOM'S SCREEN ", "bold reverse")
            where = [room.position_text, on_screen_for(room)]
            status.append("  " + " · ".join(w for w in where if w))
            if room.public:
                status.append("  PUBLIC", "bold")
            if self.read_only:
                status.append("  as last recorded (the journal is read-only)", "dim")
        self.query_one("#mirror-status", Label).update(status)
        self.query_one("#mirror-title", Label).update(shown.title if shown else "")
        figure, counts = split_figure(shown.figure if shown else "")
        self.query_one("#mirror-figure", Headline).text = figure
        self.query_one("#mirror-counts", Label).update(counts)
        self.query_one("#mirror-change", Static).update(shown.change if shown else "")
        self.set_class(browsing is not None, "-browsing")
