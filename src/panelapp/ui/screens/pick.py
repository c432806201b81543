"""A small list to pick one thing from: which query a response answers, what kind an entry is."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option


class PickScreen(ModalScreen[str | None]):
    """Dismisses with the chosen option's id, or None when the clerk backs out."""

    CSS_PATH = "../capture.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="pick.cancel")]

    def __init__(
        self, question: str, choices: Sequence[tuple[str, str | Text]], *, selected: str = ""
    ) -> None:
        super().__init__()
        self.question = question
        self.choices = list(choices)
        self.selected = selected

    def compose(self) -> ComposeResult:
        with Vertical(id="pick-dialog"):
            yield Label(self.question, id="pick-question", markup=False)
            options = (Option(label, id=key) for key, label in self.choices)
            yield OptionList(*options, id="pick", markup=False)

    def on_mount(self) -> None:
        picker = self.query_one(OptionList)
        keys = [key for key, _ in self.choices]
        if self.selected in keys:
            picker.highlighted = keys.index(self.selected)
        picker.focus()

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
