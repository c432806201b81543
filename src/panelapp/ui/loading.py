"""How a seat gets its figures: made in a worker, or, for a browser viewer, read from the journal.

The room's seats (solo, present) make the figures, as ``panelapp check``
does, and share their public view in the journal for the viewers; a viewer
never computes a figure and never holds a private one. An item whose
figures fail is only that item's problem: the rest of the meeting opens.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import work
from textual.app import App
from textual.message import Message

from panelapp.errors import UserError
from panelapp.metrics.results import ItemFigures, Outcome, Unavailable
from panelapp.ui.screens.loading import LoadingScreen
from panelapp.ui.screens.message import ProblemScreen
from panelapp.ui.state import ItemViews

if TYPE_CHECKING:
    from panelapp.ui.state import Meeting

Loader = Callable[..., list[Outcome]]
"""``figure_outcomes(pack, use_cache=...)`` or a stand-in: tests pass precomputed figures."""

NOT_SHARED = "The room's screen has not shared these figures."
"""Why a viewer has no figures for an item: the room's seat could not make them, or is not open."""


class Figures(Message):
    """Both views of every item that has them, why the others have none, and the public
    views encoded for the viewers (empty when this seat does not share them)."""

    def __init__(
        self, views: dict[str, ItemViews], problems: dict[str, str], shared: dict[str, str]
    ) -> None:
        super().__init__()
        self.views = views
        self.problems = problems
        self.shared = shared


class LoadFailed(Message):
    """No figures could be made at all; ``message`` says what to fix."""

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message


class FiguresLoading(App[None]):
    """The part of the app that makes (or reads) the figures and hands them over."""

    meeting: Meeting
    use_cache: bool
    _loader: Loader | None
    _outcome: Callable[[], object] | None

    def reading(self) -> str:
        """What the loading screen says is being read."""
        files = sorted(
            {
                str(path)
                for item in self.meeting.pack.items
                if item.has_figures
                for path in item.data.episodes
            }
        )
        return f"Reading the figures from {', '.join(files) or 'the metrics files'}…"

    @work(thread=True, exclusive=True, group="figures")
    def make_figures(self, share: bool) -> None:
        """Make every item's figures (``share``: and encode the public views for viewers)."""
        pack = self.meeting.pack
        try:
            from panelapp.metrics.engine import present

            if self._loader is None:
                from panelapp.metrics.store import figure_outcomes

                self._loader = figure_outcomes
            try:
                outcomes = self._loader(pack, use_cache=self.use_cache)
            except UserError as exc:
                self.post_message(LoadFailed(exc.message))
                return
            views = {
                o.item.number: ItemViews(
                    present(o, pack, public=False), present(o, pack, public=True)
                )
                for o in outcomes
                if isinstance(o, ItemFigures)
            }
            problems = {o.item.number: o.message for o in outcomes if isinstance(o, Unavailable)}
            shared: dict[str, str] = {}
            if share:
                from panelapp.metrics.portable import public_json

                shared = {number: public_json(v.public) for number, v in views.items()}
        except Exception as exc:  # noqa: BLE001 - shown to the presenter, never a traceback
            from panelapp.crash import unexpected

            self.post_message(LoadFailed(unexpected(exc)))
            return
        self.post_message(Figures(views, problems, shared))

    @work(thread=True, exclusive=True, group="figures")
    def read_shared(self, shared: dict[str, str]) -> None:
        """A viewer's figures: the room's public views, decoded; never computed here."""
        from panelapp.metrics.portable import Unreadable, from_public_json

        pack = self.meeting.pack
        views: dict[str, ItemViews] = {}
        problems: dict[str, str] = {}
        for item in pack.items:
            if not item.has_figures:
                continue
            try:
                public = from_public_json(shared[item.number], item)
            except (KeyError, Unreadable):
                problems[item.number] = NOT_SHARED
                continue
            views[item.number] = ItemViews(public, public)
        self.post_message(Figures(views, problems, {}))

    def covered(self, outcome: Callable[[], object]) -> bool:
        """Whether a question is open over the loading screen; ``outcome`` then waits for it.

        The figures (or the problem) take the loading screen's place, and
        switching screens replaces whichever is on top: a quit question or
        the help asked for while loading would vanish unanswered, with the
        loading screen left under the slides.
        """
        if isinstance(self.screen, LoadingScreen):
            return False
        if not any(isinstance(screen, LoadingScreen) for screen in self.screen_stack):
            return False
        self._outcome = outcome
        return True

    def on_loading_screen_uncovered(self) -> None:
        outcome, self._outcome = self._outcome, None
        if outcome is not None:
            outcome()

    def on_load_failed(self, message: LoadFailed) -> None:
        if self.covered(lambda: self.post_message(LoadFailed(message.message))):
            return
        self.switch_screen(ProblemScreen("The figures could not be made", message.message))
        self.loaded()

    def loaded(self) -> None:
        """The first screen of figures, or the problem with them, is up."""
