"""The previous meeting's minutes at the item that approves them: its resolutions and actions,
and the approval in one key.

Shown on the clerk's desk (F4) and the solo seat (m), never on the room's
screen or in a browser: the previous minutes are approved, not presented.
``a`` records them agreed as an accurate record; ``s`` asks for the
correction they were agreed subject to. The previous meeting's journal is
only read; the approval is written to this meeting's.
"""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, Static

from panelapp.config import Pack
from panelapp.minutes import action_log
from panelapp.minutes.previous import (
    Agreement,
    FollowedUp,
    Previous,
    clear_agreement,
    followed_up,
    previous_minutes_item,
    read_agreements,
    record_agreement,
)
from panelapp.sanitise import clean
from panelapp.ui.journal_calls import attempt
from panelapp.ui.link import JournalLink
from panelapp.ui.screens.actions import this_meeting
from panelapp.ui.screens.ask import AskScreen
from panelapp.ui.screens.previous_read import PreviousRead, post_previous
from panelapp.ui.widgets.footer import KeysFooter


def approval_words(agreed: Agreement | None) -> str:
    """What is recorded of the approval, or that nothing is yet and how to record it."""
    if agreed is None:
        return "Not recorded yet: a agrees them as an accurate record, s subject to a correction."
    if agreed.subject_to:
        return f"Agreed as an accurate record, subject to: {agreed.subject_to}"
    return "Agreed as an accurate record."


def summary(previous: Previous) -> str:
    """'… 18 November 2021: 3 resolutions, 4 actions raised; 2 open at the start of this
    meeting.' for the desk's side panel (what this meeting has updated since is shown beside
    each action)."""
    meeting = previous.meeting
    if meeting is None:
        return "This pack names no previous meeting ([meeting] previous in config.toml)."
    if meeting.problem:
        return meeting.problem
    if not meeting.has_journal:
        return f"The meeting of {meeting.held} has no journal: nothing was minuted there."
    resolutions = len(meeting.resolutions)
    actions = len(meeting.log.raised)
    still = len(previous.open_actions())
    return (
        f"The meeting of {meeting.held}: {resolutions} resolution{'s' * (resolutions != 1)}, "
        f"{actions} action{'s' * (actions != 1)} raised; {still} open at the start of this "
        "meeting."
    )


class PreviousMinutesScreen(Screen[None]):
    """What the previous meeting resolved and agreed to do, and this meeting's approval."""

    CSS_PATH = "../capture.tcss"

    BINDINGS = [
        Binding("escape", "close", "Back", id="previous.close"),
        Binding("a", "agree", "Agreed as an accurate record", id="previous.agree"),
        Binding("s", "agree_subject_to", "Agreed subject to…", id="previous.subject_to"),
        Binding("delete,backspace", "clear", "Clear the approval", id="previous.clear"),
        Binding("l", "actions", "Action log", id="previous.actions"),
    ]

    def __init__(self, link: JournalLink, pack: Pack) -> None:
        super().__init__()
        self.link = link
        self.pack = pack
        self.previous: Previous | None = None
        self.agreed: Agreement | None = None
        item = previous_minutes_item(pack)
        self.item = item.number if item is not None else None
        """The agenda item the approval is minuted under; None when the agenda has none."""

    def compose(self) -> ComposeResult:
        yield Label(
            "Minutes of the previous meeting: reading them…", id="previous-title", markup=False
        )
        yield Label("", id="previous-approval", markup=False)
        with VerticalScroll(id="previous-body"):
            yield Static("", id="previous-minutes")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.read_before()

    @property
    def held(self) -> str:
        """'18 November 2021', when the previous pack could be read."""
        meeting = self.previous.meeting if self.previous else None
        return meeting.held if meeting is not None else ""

    @work(thread=True, exclusive=True, group="previous-read")
    def read_before(self) -> None:
        """The previous meeting's pack and journal, read only, off the UI thread."""
        post_previous(self, self.pack)

    @on(PreviousRead)
    async def _read(self, message: PreviousRead) -> None:
        self.previous = message.previous
        title = "Minutes of the previous meeting"
        if self.held:
            title += f", held on {self.held}"
        if self.item is not None:
            title += f" (item {self.item})"
        self.query_one("#previous-title", Label).update(title)
        await self.reload()

    async def reload(self) -> None:
        """Read the approval and this meeting's action updates from its journal, and show them."""
        if self.previous is not None:
            here = await attempt(
                self, "Journal not read", self.link, this_meeting, self.link, self.pack
            )
            log = followed_up(self.previous, here) if here is not None else None
            body = _body(self.previous, log, self.pack.meeting.date)
            self.query_one("#previous-minutes", Static).update(body)
        if self.item is None:
            self.query_one("#previous-approval", Label).update(
                "This agenda has no item for the previous minutes: add "
                'kind = "previous_minutes" to one in config.toml to minute their approval.'
            )
            return
        agreed = await attempt(
            self, "Journal not read", self.link, read_agreements, self.link.journal
        )
        if agreed is None:
            return
        self.agreed = agreed.get(self.item)
        label = self.query_one("#previous-approval", Label)
        label.update(approval_words(self.agreed))
        label.set_class(self.agreed is not None, "-agreed")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("agree", "agree_subject_to"):
            return self.item is not None
        if action == "clear":
            return self.agreed is not None
        return True

    async def action_agree(self, subject_to: str = "") -> None:
        """Agreed as an accurate record (or subject to ``subject_to``): one key."""
        if self.item is None:
            return
        journal = self.link.journal
        done = await attempt(
            self, "Not saved", self.link, record_agreement, journal, self.item, subject_to
        )
        if done is not None:
            self.notify("Recorded: " + approval_words(done), timeout=6, markup=False)
            await self.reload()
            self.refresh_bindings()

    def action_agree_subject_to(self) -> None:
        """Agreed subject to a correction, typed as the chair reads it out."""

        async def given(text: str | None) -> None:
            if text:
                await self.action_agree(text)

        current = self.agreed.subject_to if self.agreed is not None else ""
        self.app.push_screen(
            AskScreen(
                "Agreed as an accurate record, subject to:",
                value=current,
                placeholder="the correction, e.g. item 4: Cllr Nair's apologies were received",
            ),
            given,
        )

    async def action_clear(self) -> None:
        if self.item is None or self.agreed is None:
            return
        journal = self.link.journal
        await attempt(self, "Not saved", self.link, clear_agreement, journal, self.item)
        await self.reload()
        self.refresh_bindings()

    def action_actions(self) -> None:
        from panelapp.ui.screens.actions import ActionsScreen

        self.app.push_screen(ActionsScreen(self.link, self.pack), self._back)

    async def _back(self, _: None) -> None:
        await self.reload()

    def action_close(self) -> None:
        self.dismiss(None)


def _body(previous: Previous, log: FollowedUp | None, day: dt.date) -> Text:
    """The previous meeting's resolutions by item, then the actions it raised, each with its
    status now (this meeting's update, when it has one: ``log``)."""
    text = Text(no_wrap=False, overflow="fold")
    meeting = previous.meeting
    if meeting is None or meeting.problem or not meeting.has_journal:
        text.append(clean(summary(previous)), style="bold")
        if meeting is not None and meeting.problem:
            text.append("\nThe meeting goes on: the approval can still be recorded.")
        return text
    text.append("Resolutions\n", style="bold underline")
    heading = ""
    for resolution in meeting.resolutions:
        if resolution.item != heading:
            heading = resolution.item
            text.append(f"{clean(heading)}\n", style="bold")
        text.append(f"  {resolution.number or ''}. {clean(resolution.text)}\n")
        for point in resolution.points:
            text.append(f"       - {clean(point)}\n")
    if not meeting.resolutions:
        text.append("None minuted.\n", style="dim")
    known = {a.reference: a for a in (log.actions if log else previous.merged().actions)}
    text.append("\nActions raised\n", style="bold underline")
    for raised in meeting.log.raised:
        action = known.get(raised.reference)
        status = (action_log.status_text(action.status) if action else "open").upper()
        latest = action.latest if action else None
        if latest is not None and latest.recorded == day:
            status += " (updated at this meeting)"
        text.append(f"  {clean(raised.reference)}  ", style="bold")
        text.append(clean(raised.text))
        if raised.owner:
            text.append(f"  owner {clean(raised.owner)}", style="dim")
        if raised.due:
            text.append(f" · due {clean(action_log.due_words(raised.due))}", style="dim")
        text.append(f"  {status}\n")
    if not meeting.log.raised:
        text.append("None raised.\n", style="dim")
    carried = [a for a in previous.open_actions() if a.raised != meeting.date]
    if carried:
        text.append(
            f"\n{len(carried)} earlier action{'s' * (len(carried) != 1)} open at the "
            "start of this meeting (l: the action log).\n",
            style="dim",
        )
    text.append(f"\n{clean(summary(previous))}", style="dim")
    return text
