"""A paste of several lines: one key says how they become entries, and nothing is dropped.

A clerk pastes resolutions drafted beforehand, or a block of notes. Each
line becomes an entry read as if typed in turn (its own prefix, ``- …``
after a resolution as its sub-point); or, where the first line's kind takes
sub-points, one entry with the other lines as its bullets. The question
shows what each line will be before anything is saved.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from panelapp.minutes.entries import Kind
from panelapp.minutes.lines import Line

SHOWN_LINES = 8
"""How many of the pasted lines the question shows; the count covers them all."""


def entries_of(lines: Sequence[Line]) -> int:
    """How many entries the lines make: a line with no text after its prefix makes none."""
    return sum(1 for line in lines if line.text)


class PasteScreen(ModalScreen[str | None]):
    """Dismisses 'entries' (one per line), 'points' (one entry with sub-points) or None."""

    CSS_PATH = "../capture.tcss"
    BINDINGS = [
        Binding("enter,y", "answer('entries')", "One entry per line", id="paste.entries"),
        Binding("s", "answer('points')", "One entry with sub-points", id="paste.points"),
        Binding("escape,n", "answer('')", "Paste nothing", id="paste.cancel"),
    ]

    def __init__(self, lines: Sequence[Line], *, sub_points: bool) -> None:
        """``lines`` as each would be saved; ``sub_points``: the first may carry the rest."""
        super().__init__()
        self.lines = list(lines)
        self.sub_points = sub_points

    def compose(self) -> ComposeResult:
        count = entries_of(self.lines)
        with Vertical(id="paste-dialog"):
            yield Label(
                f"Paste {len(self.lines)} lines as {count} entr{'y' if count == 1 else 'ies'}?",
                id="paste-question",
            )
            yield Static(self._preview(), id="paste-lines")
            keys = Text()
            keys.append("Enter", style="bold")
            keys.append(f" {count} entr{'y' if count == 1 else 'ies'}   ")
            if self.sub_points:
                first = self.lines[0].kind.label.lower()
                keys.append("s", style="bold")
                keys.append(f" one {first} with {len(self.lines) - 1} sub-points   ")
            keys.append("Escape", style="bold")
            keys.append(" paste nothing")
            yield Static(keys, id="paste-keys")

    def _preview(self) -> Text:
        shown = Text()
        for line in self.lines[:SHOWN_LINES]:
            if shown:
                shown.append("\n")
            if not line.text:
                shown.append("(nothing after the prefix: no entry)", style="dim italic")
            elif line.kind is Kind.POINT:
                shown.append(f"    • {line.text}")
            else:
                shown.append(f"{line.kind.label}: ", style="bold")
                shown.append(f"{line.speaker}: {line.text}" if line.speaker else line.text)
        if len(self.lines) > SHOWN_LINES:
            shown.append(f"\n… and {len(self.lines) - SHOWN_LINES} more", style="dim")
        return shown

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "answer" and parameters == ("points",):
            return self.sub_points
        return True

    def action_answer(self, choice: str) -> None:
        self.dismiss(choice or None)
