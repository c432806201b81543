"""The command palette (Ctrl+P): any KPI, theme or agenda item by name, and the rarer switches.

Keys cover what a presenter does every minute; the palette covers what they
do once a meeting (changing colours for a bright room) or need to find by
name ('rhi' finds both Return Home Interview KPIs).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.markup import escape

from panelapp.sanitise import clean
from panelapp.ui.themes import THEMES

if TYPE_CHECKING:
    from panelapp.ui.app import PanelApp

Command = tuple[str, Callable[[], object], str]


class MeetingCommands(Provider):
    """Commands built from the pack, so another committee's KPIs appear by their own names."""

    @property
    def meeting(self) -> PanelApp:
        """The app, typed."""
        return cast("PanelApp", self.app)

    def commands(self) -> list[Command]:
        """Every command this seat offers, in the order the palette lists them."""
        app = self.meeting
        seat = app.seat
        found: list[Command] = []
        figures = app.current_figures()
        number = app.item_number
        if seat.name == "viewer":
            return self._colours()
        if seat.name == "clerk":
            for item in app.pack.items:
                found.append(
                    (
                        f"Agenda item {item.number}: {item.title}",
                        partial(app.minute_item, item.number),
                        "Minute this item; the room's screen stays where it is",
                    )
                )
        if figures is not None and seat.drives:
            for kpi in figures.kpis:
                found.append(
                    (f"KPI: {kpi.title}", partial(app.go_to, number, kpi.id), "Show this KPI")
                )
            for theme in figures.themes:
                found.append(
                    (
                        f"Theme: {theme.title}",
                        partial(app.go_to, number, theme.id),
                        "Show this theme and its drill-down tables",
                    )
                )
        if seat.drives:
            for item in app.pack.items:
                found.append(
                    (
                        f"Agenda item {item.number}: {item.title}",
                        partial(app.go_to, item.number, None),
                        "Move the meeting to this item",
                    )
                )
            found.append(
                (
                    f"Public mode: turn {'off' if app.public else 'on'}",
                    app.action_toggle_public,
                    "Hide small counts everywhere on screen, for a public meeting or webcast",
                )
            )
        found += self._colours()
        if seat.details:
            found.append(("Data-quality findings", app.action_findings, "List the data's findings"))
        if not seat.captures:
            return found
        found.append(
            (
                "Minutes: preview and export the draft",
                app.action_minutes,
                "The draft from the journal so far; write it as Markdown, Word or HTML",
            )
        )
        if app.journal is not None:
            found.append(
                (
                    "Previous minutes: approve them",
                    app.action_previous_minutes,
                    "The previous meeting's resolutions and actions; agree its minutes in one key",
                )
            )
            found.append(
                (
                    "Action log: follow up each action",
                    app.action_action_log,
                    "Set each open action's status for this meeting: done, in progress, "
                    "carried forward, dropped, with a note",
                )
            )
        if app.journal is not None and seat.name != "clerk":
            found.append(
                (
                    "Capture: minute the meeting",
                    app.action_capture,
                    "Type queries, responses, resolutions and actions as they happen",
                )
            )
            found.append(
                (
                    "Entries: review and correct what was minuted",
                    app.action_entries,
                    "Edit, delete, move and re-pair this item's entries",
                )
            )
        found.append(
            (
                "Journal: where the minutes are saved",
                partial(app.notify, f"The journal is {app.journal_path}", timeout=10, markup=False),
                "Everything the clerk types is saved here as it is typed",
            )
        )
        return found

    def _colours(self) -> list[Command]:
        app = self.meeting
        return [
            (f"Colours: {words}", partial(setattr, app, "theme", name), f"Use {words} colours")
            for name, words in THEMES.items()
        ]

    async def discover(self) -> Hits:
        for name, run, help_text in self.commands():
            yield DiscoveryHit(Content(clean(name)), run, text=name, help=escape(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, run, help_text in self.commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(
                    score, _highlighted(matcher, name), run, text=name, help=escape(help_text)
                )


def _highlighted(matcher: Matcher, name: str) -> Content:
    """``name`` with the letters the query matched styled, as plain text.

    Textual's own ``Matcher.highlight`` reads the name as markup, so a KPI
    titled with brackets ('[/b]', the symbol '[c]') would crash the palette.
    """
    content = Content(clean(name))
    _, offsets = matcher.fuzzy_search.match(matcher.query, name)
    for offset in offsets:
        if offset < len(content) and not name[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
