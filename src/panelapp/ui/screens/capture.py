"""The clerk's capture, over the bottom of the deck so the figures stay in view above it.

A modal screen rather than a widget inside the presenter's screen: the
presenter's clicker keys (space, arrows) are priority bindings there, and a
clerk typing "the top twenty" must never turn the slide. Page Up and Page
Down still turn it from here, since no text field uses them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.screen import ModalScreen

from panelapp.config import Meeting, Pack
from panelapp.minutes.identifiers import Identifiers
from panelapp.minutes.room import OnScreen
from panelapp.ui.journal_calls import undo
from panelapp.ui.link import JournalLink
from panelapp.ui.screens.entries import EntriesScreen
from panelapp.ui.widgets.capture_bar import CaptureBar
from panelapp.ui.widgets.footer import KeysFooter


def speakers_of(meeting: Meeting) -> list[str]:
    """Everyone the minute may name as a speaker or an action's owner, chair first."""
    names = [
        meeting.chair,
        *meeting.members,
        *(o.name for o in meeting.officers),
        *meeting.substitutes,
        *meeting.apologies,
        *meeting.others,
    ]
    return list(dict.fromkeys(n for n in names if n))


def members_of(meeting: Meeting) -> list[str]:
    """The members whose attendance the clerk marks: chair, members, substitutes, apologies."""
    names = [meeting.chair, *meeting.members, *meeting.substitutes, *meeting.apologies]
    return list(dict.fromkeys(n for n in names if n))


class CaptureScreen(ModalScreen[None]):
    """The capture bar docked at the bottom; Escape goes back to the deck.

    The app installs one and reuses it, so Escape only hides it: a half-typed
    line, with its kind, speaker, owner and due date, is there when ``c`` opens
    the bar again.
    """

    CSS_PATH = "../capture.tcss"
    AUTO_FOCUS = "#capture-text"

    BINDINGS = [
        Binding("escape", "close", "Deck", id="capture.close"),
        Binding("ctrl+l", "entries", "Entries", id="capture.entries"),
        Binding("ctrl+z", "undo", "Undo", id="capture.undo"),
        Binding("pagedown", "turn(1)", "Next slide", id="capture.next", key_display="PgDn"),
        Binding("pageup", "turn(-1)", "Prev slide", id="capture.previous", key_display="PgUp"),
    ]

    item: reactive[str] = reactive("", init=False)
    """The agenda item being minuted; the app sets it when the deck moves."""
    context: reactive[OnScreen | None] = reactive(None, init=False)
    """What the room's screen shows; the app sets it on every slide change."""

    class TurnSlide(Message):
        """The clerk turned the slide from the capture; the app moves the deck."""

        def __init__(self, step: int) -> None:
            super().__init__()
            self.step = step

    def __init__(
        self,
        link: JournalLink,
        *,
        item: str,
        item_title: str = "",
        context: OnScreen | None = None,
        names: Sequence[str] = (),
        members: Sequence[str] = (),
        pack: Pack | None = None,
        identifiers: Callable[[str], Identifiers] = lambda item: Identifiers(),
    ) -> None:
        """``names`` complete speakers and owners; ``members`` are who attendance lists;
        ``pack`` lets the entries list offer the item's figures to the minute;
        ``identifiers`` gives an item's children, so a line naming one is warned of."""
        super().__init__()
        self.identifiers = identifiers
        self.link = link
        self.names = tuple(names)
        self.members = tuple(members)
        self.pack = pack
        self.item_title = item_title
        self.set_reactive(CaptureScreen.item, item)
        self.set_reactive(CaptureScreen.context, context)

    def compose(self) -> ComposeResult:
        yield CaptureBar(
            self.link,
            item=self.item,
            context=self.context,
            names=self.names,
            identifiers=self.identifiers,
            on_room_screen=True,
            id="capture",
        )
        yield KeysFooter()

    @property
    def bar(self) -> CaptureBar:
        return self.query_one(CaptureBar)

    def watch_item(self, item: str) -> None:
        self.bar.item = item

    def watch_context(self, context: OnScreen | None) -> None:
        self.bar.context = context

    async def on_screen_resume(self) -> None:
        """Back from the entries list: show what was edited there, cursor in the field."""
        self.bar.focus_text()
        await self.bar.reload()

    def action_close(self) -> None:
        """Back to the deck; the app keeps this screen, and what is typed in it."""
        self.dismiss(None)

    def action_turn(self, step: int) -> None:
        self.post_message(self.TurnSlide(step))

    def action_entries(self) -> None:
        self.app.push_screen(
            EntriesScreen(
                self.link,
                item=self.item,
                item_title=self.item_title,
                names=self.names,
                members=self.members,
                pack=self.pack,
                hide=self.identifiers(self.item) if self.context and self.context.public else None,
            )
        )

    async def action_undo(self) -> None:
        """Take back this window's latest change, saying which it was."""
        if await undo(self, self.link) is not None:
            await self.bar.reload()

    def unsaved(self) -> str:
        """What is typed and not yet on disk (lines waiting for the journal, the line in the
        field); kept while the screen is closed."""
        return self.bar.unsaved()
