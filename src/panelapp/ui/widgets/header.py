"""The meeting header: committee and date, the agenda item, the two clocks, public mode.

Always on screen, so the chair can see how long an item has run and anyone
watching a webcast can see that small counts are hidden.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.widgets import Label

from panelapp.ui.state import MeetingClock, duration


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


class MeetingHeader(Horizontal):
    """One line across the top of every screen."""

    text: reactive[HeaderText] = reactive(HeaderText, init=False)

    def __init__(self, clock: MeetingClock, text: HeaderText) -> None:
        super().__init__()
        self._clock = clock
        self.set_reactive(MeetingHeader.text, text)

    def compose(self) -> ComposeResult:
        yield Label(id="header-meeting")
        yield Label(id="header-date")
        yield Label(id="header-item")
        yield Label(id="header-journal")
        yield Label(id="header-clock")
        yield Label(id="header-findings")
        yield Label("PUBLIC: small counts hidden", id="header-public", classes="public")
        yield Label("PUBLIC", id="header-public-short", classes="public")

    def on_mount(self) -> None:
        self._apply(self.text)
        self._tick()
        self.set_interval(1, self._tick)
        self.watch(self.app, "header_text", self._app_text, init=False)

    def _app_text(self, text: HeaderText) -> None:
        self.text = text

    def watch_text(self, text: HeaderText) -> None:
        self._apply(text)

    def _apply(self, text: HeaderText) -> None:
        self.query_one("#header-meeting", Label).update(text.meeting)
        self.query_one("#header-date", Label).update(text.date)
        self.query_one("#header-item", Label).update(text.item)
        journal = self.query_one("#header-journal", Label)
        journal.update(f"journal {text.journal}" if text.journal else "")
        journal.set_class(not text.journal, "-none")
        findings = self.query_one("#header-findings", Label)
        findings.update(f"⚠ {text.findings} findings (f)")
        findings.display = bool(text.findings)
        self.set_class(text.public, "-public")

    def _tick(self) -> None:
        item, meeting = self._clock.elapsed()
        self.query_one("#header-clock", Label).update(
            f"item {duration(item)} · meeting {duration(meeting)}"
        )
