"""The action log in a few keys: each action open at the start of the meeting or raised in it,
its status for this meeting set with one key, like the attendance register.

Earlier meetings' actions come from their journals, read only (see
:mod:`panelapp.minutes.previous`); every status and note set here is this
meeting's, written to its own journal and nowhere else. The title says how
many earlier actions have no update yet, so the clerk knows when the
follow-up is done.
"""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from panelapp.config import Pack
from panelapp.metrics.format import long_day
from panelapp.minutes import action_log
from panelapp.minutes.action_log import LoggedAction, MeetingLog, read_log, status_text
from panelapp.minutes.previous import FollowedUp, Previous, followed_up
from panelapp.sanitise import clean
from panelapp.ui.journal_calls import attempt
from panelapp.ui.link import JournalLink
from panelapp.ui.screens.ask import AskScreen
from panelapp.ui.screens.previous_read import PreviousRead, post_previous
from panelapp.ui.text import plain
from panelapp.ui.widgets.footer import KeysFooter

STATUS_STYLES = {
    "open": "",
    "in_progress": "bold",
    "done": "bold green",
    "carried_forward": "bold yellow",
    "dropped": "dim",
}
"""How each status stands out in the list; the words say it too, for a greyscale screen."""


def this_meeting(link: JournalLink, pack: Pack) -> MeetingLog:
    """This meeting's own log, read through its journal (on the link's thread)."""
    journal = link.journal
    return read_log(journal, pack.meeting.date, action_log.prefix(pack.meeting))


class ActionsScreen(ModalScreen[None]):
    """One line per action; the keys set the status of the action under the cursor."""

    CSS_PATH = "../capture.tcss"

    BINDINGS = [
        Binding("escape", "close", "Close", id="actions.close"),
        Binding("d", "status('done')", "Done", id="actions.done"),
        Binding("i", "status('in_progress')", "In progress", id="actions.in_progress"),
        Binding("c", "status('carried_forward')", "Carried forward", id="actions.carried"),
        Binding("x", "status('dropped')", "Dropped", id="actions.dropped"),
        Binding("o", "status('open')", "Open", id="actions.open"),
        Binding("n", "note", "Note", id="actions.note"),
        Binding("delete,backspace", "clear", "Clear update", id="actions.clear"),
    ]

    def __init__(self, link: JournalLink, pack: Pack) -> None:
        super().__init__()
        self.link = link
        self.pack = pack
        self.previous: Previous | None = None
        self.actions: dict[str, LoggedAction] = {}
        self._told: set[str] = set()

    def compose(self) -> ComposeResult:
        with Vertical(id="actions-dialog"):
            yield Label("Action log: reading the meetings before this one…", id="actions-title")
            yield Label("", id="actions-problem", markup=False)
            yield OptionList(id="actions-list")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#actions-problem", Label).display = False
        self.query_one(OptionList).focus()
        self.read_before()

    @work(thread=True, exclusive=True, group="actions-previous")
    def read_before(self) -> None:
        """The earlier meetings' journals, read only, off the UI thread."""
        post_previous(self, self.pack)

    @on(PreviousRead)
    async def _read(self, message: PreviousRead) -> None:
        self.previous = message.previous
        problem = message.previous.problem
        shown = self.query_one("#actions-problem", Label)
        shown.update(plain(f"{problem} Its actions are not listed." if problem else ""))
        shown.display = bool(problem)
        await self.reload()

    async def reload(self) -> None:
        """Read this meeting's journal again and show the log as it now stands."""
        if self.previous is None:
            return
        here = await attempt(
            self, "Journal not read", self.link, this_meeting, self.link, self.pack
        )
        if here is None:
            return
        log = followed_up(self.previous, here)
        for conflict in log.conflicts:
            if conflict not in self._told:
                self._told.add(conflict)
                self.notify(conflict, title="References", severity="warning", timeout=15)
        self.actions = {a.reference: a for a in log.actions if a.reference}
        listing = self.query_one(OptionList)
        keep = listing.highlighted or 0
        listing.clear_options()
        day = self.pack.meeting.date
        for action in self.actions.values():
            listing.add_option(
                Option(_line(action, day, action.reference in log.carried), id=action.reference)
            )
        if not self.actions:
            listing.add_option(
                Option(
                    Text(
                        "No actions: none open from earlier meetings, none raised yet.", style="dim"
                    ),
                    disabled=True,
                )
            )
        self.query_one("#actions-title", Label).update(_title(log, day))
        if self.actions:
            listing.highlighted = min(keep, len(self.actions) - 1)

    def _current(self) -> LoggedAction | None:
        option = self.query_one(OptionList).highlighted_option
        return None if option is None or option.id is None else self.actions.get(option.id)

    async def action_status(self, status: str) -> None:
        """This meeting's status for the action under the cursor; its note, if any, stays."""
        action = self._current()
        if action is None:
            return
        # The cursor stays: what was reported (n) usually follows the status.
        note = _here(action, self.pack.meeting.date)
        await self._record(action, status, note.note if note else "")

    def action_note(self) -> None:
        """Type what the officer reported (a dated note of this meeting's update)."""
        action = self._current()
        if action is None:
            return
        here = _here(action, self.pack.meeting.date)

        async def noted(text: str | None) -> None:
            if text is not None:
                await self._record(action, here.status if here else action.status, text)

        self.app.push_screen(
            AskScreen(
                f"Update on {action.reference}: {action.text}",
                value=here.note if here else "",
                placeholder="what was reported, e.g. completion rose to 61%",
            ),
            noted,
        )

    @on(OptionList.OptionSelected, "#actions-list")
    def _selected(self) -> None:
        self.action_note()

    async def _record(self, action: LoggedAction, status: str, note: str) -> None:
        journal = self.link.journal
        done = await attempt(
            self, "Not saved", self.link, action_log.record_update, journal, action, status, note
        )
        if done is not None:
            await self.reload()

    async def action_clear(self) -> None:
        """Take back this meeting's update of the action under the cursor."""
        action = self._current()
        if action is None or _here(action, self.pack.meeting.date) is None:
            return
        journal = self.link.journal
        await attempt(
            self, "Not saved", self.link, action_log.clear_update, journal, action.reference
        )
        await self.reload()

    def action_close(self) -> None:
        self.dismiss(None)


def _here(action: LoggedAction, day: dt.date) -> action_log.Update | None:
    """This meeting's update of the action, if it has one (the latest, recorded on its day)."""
    latest = action.latest
    return latest if latest is not None and latest.recorded == day else None


def _line(action: LoggedAction, day: dt.date, carried: bool) -> Text:
    """'CPP-2022-03-09/2  CARRIED FORWARD  Share the work … · owner … · due …', then the latest
    note and whether this meeting has updated it yet; an open action due before the meeting
    is flagged overdue, so the clerk asks about it first."""
    line = Text(no_wrap=False, overflow="fold")
    line.append(f"{clean(action.reference):<20} ", style="bold")
    status = status_text(action.status).upper()
    line.append(f"{status:<16} ", style=STATUS_STYLES.get(action.status, ""))
    line.append(clean(action.text))
    details = [f"owner {clean(action.owner)}" if action.owner else "", clean(_due(action))]
    said = " · ".join(d for d in details if d)
    if said:
        line.append(f" · {said}", style="dim")
    if action.overdue(day, [day]):
        line.append(" OVERDUE", style="bold red")
    latest = action.latest
    if latest is not None and latest.note:
        when = "this meeting" if latest.recorded == day else long_day(latest.recorded)
        line.append(f"\n{'':37}{when}: {clean(latest.note)}", style="italic")
    if not carried:
        line.append("  (raised at this meeting)", style="dim")
    elif _here(action, day) is None and action.is_open:
        line.append("  (not updated yet)", style="dim")
    return line


def _due(action: LoggedAction) -> str:
    return f"due {action_log.due_words(action.due)}" if action.due else ""


def _title(log: FollowedUp, day: dt.date) -> str:
    waiting = [a for a in log.actions if a.reference in log.carried and _here(a, day) is None]
    earlier = len(log.carried)
    if not earlier:
        return "Action log: no actions open from earlier meetings"
    if waiting:
        return (
            f"Action log: {len(waiting)} of {earlier} earlier action"
            f"{'s' if earlier != 1 else ''} not updated yet"
        )
    return f"Action log: all {earlier} earlier action{'s' if earlier != 1 else ''} updated"
