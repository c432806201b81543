"""An agenda item without figures (apologies, minutes, interests): its title and purpose.

The clerk minutes every item, so the presenter can be on any of them; an
item with nothing to present still says which item the meeting is on. An
item whose figures could not be made says so here, on its own slide only:
the rest of the meeting goes on.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Label, Static

from panelapp.config import Item
from panelapp.ui.text import plain
from panelapp.ui.widgets.slide import Slide


class AgendaSlide(Slide):
    """Item number, title and purpose, and who presents it."""

    def compose(self) -> ComposeResult:
        yield Label("", id="agenda-title")
        yield Static("", id="agenda-purpose")
        yield Static("", id="agenda-presenters")
        yield Static("", id="agenda-problem", markup=False)

    def show(self, item: Item, *, problem: str = "") -> None:
        """Attributes down: the screen hands over the item, and why its figures are missing."""
        self._draw_when_built(self._draw, item, problem)

    def _draw(self, item: Item, problem: str) -> None:
        shown = self.query_one("#agenda-problem", Static)
        shown.update(plain(problem))
        shown.display = bool(problem)
        self.query_one("#agenda-title", Label).update(plain(f"{item.number}. {item.title}"))
        self.query_one("#agenda-purpose", Static).update(plain(item.purpose))
        presenters = ", ".join(item.presenters)
        self.query_one("#agenda-presenters", Static).update(
            plain(f"Presented by {presenters}" if presenters else "")
        )
