"""The minutes draft on screen, and the keys that write it as Markdown, Word or HTML.

The screen only gathers what the export needs and calls the same functions
as ``panelapp export``; making and writing the draft happen in worker
threads, so the meeting's screens stay responsive while a large pack is
computed or a Word file is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Markdown

from panelapp.config import Pack
from panelapp.errors import UserError
from panelapp.metrics.results import Outcome
from panelapp.minutes.draft import Minutes, prepare_minutes
from panelapp.minutes.export import Format, WriteResult, default_path, render, title, write_draft
from panelapp.minutes.notices import notices
from panelapp.minutes.style import Draft, draft_markdown, md, pack_templates
from panelapp.ui.link import JournalLink


def unexpected(error: Exception, doing: str) -> str:
    """The one line shown for a failure nobody foresaw: the meeting goes on without a crash."""
    return f"The draft could not be {doing}: unexpected error: {type(error).__name__}: {error}."


def bidi_note(draft: Draft) -> str:
    """A note above the preview (never in the file) when right-to-left controls were removed.

    They are invisible, and may have been put there to make a line read
    other than it says; the clerk should look at the text they were in.
    """
    if not draft.bidi_removed:
        return ""
    count = draft.bidi_removed
    what = "control was" if count == 1 else "controls were"
    return (
        f"> **Note:** {count} right-to-left {what} removed from the text; "
        "check the entries and the pack's wording read as intended.\n\n"
    )


def notes(minutes: Minutes, *, register: bool) -> str:
    """What to check before the draft goes out, above the preview (never in the file);
    ``register``: the a key opens the register from here."""
    said = notices(minutes, register="press a" if register else "Ctrl+R at the desk")
    return "".join(f"> **Check:** {md(line)}\n\n" for line in said)


class MinutesPreview(Screen[WriteResult | None]):
    """The draft as it stands, rendered; dismissed with the last file written, or None."""

    BINDINGS = [
        Binding("m", "write('md')", "Write Markdown", id="minutes.write_md"),
        Binding("w", "write('docx')", "Write Word", id="minutes.write_docx"),
        Binding("h", "write('html')", "Write HTML", id="minutes.write_html"),
        Binding("r", "reload", "Reload", id="minutes.reload"),
        Binding("a", "register", "Mark attendance", id="minutes.register"),
        Binding("escape", "close", "Close", id="minutes.close"),
    ]

    class DraftReady(Message):
        """The draft was made; posted from the worker thread."""

        bubble = False

        def __init__(self, minutes: Minutes, draft: Draft) -> None:
            super().__init__()
            self.minutes = minutes
            self.draft = draft

    class Written(Message):
        """A draft file was written; bubbles to the app, which may say or log it."""

        def __init__(self, result: WriteResult) -> None:
            super().__init__()
            self.result = result

    class Failed(Message):
        """Making or writing the draft failed, with the one line to show the clerk."""

        bubble = False

        def __init__(self, message: str) -> None:
            super().__init__()
            self.message = message

    def __init__(
        self,
        pack: Pack,
        *,
        journal: Path | None,
        public: bool = False,
        figures: Sequence[Outcome] | None = None,
        item: str | None = None,
        out_dir: Path | None = None,
        use_cache: bool = True,
        link: JournalLink | None = None,
        members: Sequence[str] = (),
    ) -> None:
        """``figures`` are the app's presented figures for the same audience as ``public``;
        without them they are computed (from the cache when current). ``out_dir`` replaces
        the pack's exports folder, keeping the default file names. ``link`` and
        ``members`` let the clerk mark attendance from here (the a key)."""
        super().__init__()
        self.pack = pack
        self.journal = journal
        self.public = public
        self.figures = figures
        self.item = item
        self.out_dir = out_dir
        self.use_cache = use_cache
        self.minutes: Minutes | None = None
        self.last_written: WriteResult | None = None
        self.link = link
        self.members = tuple(members)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="minutes-draft"):
            yield Markdown("*Preparing the draft…*", open_links=False)
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Minutes draft"
        self.sub_title = self.audience
        self.prepare()

    @property
    def audience(self) -> str:
        """Said on screen, so a private draft is never mistaken for the public one."""
        return "public version" if self.public else "private: not for publication"

    # -- making the draft ------------------------------------------------------------

    @work(thread=True, exclusive=True, group="minutes-draft")
    def prepare(self) -> None:
        try:
            minutes = prepare_minutes(
                self.pack,
                journal=self.journal,
                item=self.item,
                public=self.public,
                figures=self.figures,
                use_cache=self.use_cache,
            )
            draft = draft_markdown(minutes, pack_templates(self.pack))
            self.post_message(self.DraftReady(minutes, draft))
        except UserError as error:
            self.post_message(self.Failed(error.message))
        except Exception as error:  # noqa: BLE001 - shown to the clerk, never a traceback
            self.post_message(self.Failed(unexpected(error, "made")))

    @on(DraftReady)
    async def show(self, event: DraftReady) -> None:
        self.minutes = event.minutes
        self.sub_title = f"{title(event.minutes)} · {self.audience}"
        above = notes(event.minutes, register=self._can_mark())
        await self.query_one(Markdown).update(above + bidi_note(event.draft) + event.draft.markdown)
        self.refresh_bindings()

    def action_reload(self) -> None:
        """Pick up what the clerk has typed since the preview opened."""
        self.prepare()

    def _can_mark(self) -> bool:
        link = self.link
        return link is not None and link.is_open and not link.read_only and self.item is None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "register":
            return self._can_mark()
        return True

    def action_register(self) -> None:
        """The attendance register, from the warning above the draft; the draft is made
        again when it closes."""
        from panelapp.ui.screens.attendance import AttendanceScreen

        if self.link is None or not self._can_mark():
            return
        self.app.push_screen(
            AttendanceScreen(self.link, self.members, meeting=self.pack.meeting),
            self._marked,
        )

    def _marked(self, _: None) -> None:
        self.prepare()

    # -- writing it ------------------------------------------------------------------

    def action_write(self, fmt: Format) -> None:
        if self.minutes is None:
            self.notify("The draft is still being prepared.", severity="warning")
            return
        self.write(self.minutes, fmt)

    @work(thread=True, exclusive=True, group="minutes-write")
    def write(self, minutes: Minutes, fmt: Format) -> None:
        path = default_path(self.pack, fmt, item=self.item, public=self.public)
        if self.out_dir is not None:
            path = self.out_dir / path.name
        try:
            result = write_draft(render(minutes, fmt, pack_templates(self.pack)), path)
        except UserError as error:
            self.post_message(self.Failed(error.message))
            return
        except Exception as error:  # noqa: BLE001 - shown to the clerk, never a traceback
            self.post_message(self.Failed(unexpected(error, "written")))
            return
        self.post_message(self.Written(result))

    @on(Written)
    def written(self, event: Written) -> None:
        self.last_written = event.result
        self.notify(
            event.result.message,
            severity="warning" if event.result.moved else "information",
            markup=False,
        )

    @on(Failed)
    def failed(self, event: Failed) -> None:
        self.notify(event.message, severity="error", timeout=10, markup=False)

    def action_close(self) -> None:
        self.dismiss(self.last_written)
