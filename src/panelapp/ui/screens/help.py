"""Every key, on one screen (`?`), generated from the bindings so it can never drift."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static


def key_rows(
    sections: Iterable[tuple[str, Iterable[BindingType]]], display: object
) -> list[tuple[str, str, str]]:
    """(section, keys, description) rows, one per action, keys of one action together."""
    rows: list[tuple[str, str, str]] = []
    for section, bindings in sections:
        seen: dict[str, tuple[list[str], str]] = {}
        for binding in Binding.make_bindings(bindings):
            name = binding.group.description if binding.group else binding.action
            keys, _ = seen.setdefault(
                name,
                ([], binding.group.description if binding.group else binding.description),
            )
            # Each key by its own name: a footer's single arrow stands for four keys here.
            keys.append(display(replace(binding, key_display=None)))  # type: ignore[operator]
        for keys, description in seen.values():
            shown = f"{keys[0]}–{keys[-1]}" if len(keys) > 4 else "  ".join(keys)
            rows.append((section, shown, description))
    return rows


class HelpScreen(ModalScreen[None]):
    """A table of every key; any of Escape, q or ? closes it."""

    BINDINGS = [Binding("escape,question_mark,q", "close", "Close", id="help-close")]

    def __init__(
        self, sections: Sequence[tuple[str, Iterable[BindingType]]], note: str = ""
    ) -> None:
        """``note`` says in words what the keys alone cannot (how a seat follows the room)."""
        super().__init__()
        self.sections = sections
        self.note = note

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, padding=(0, 2, 0, 0), expand=False)
        table.add_column(style="bold")
        table.add_column(style="bold")
        table.add_column()
        last = ""
        for section, keys, description in key_rows(self.sections, self.app.get_key_display):
            table.add_row(section if section != last else "", Text(keys), description)
            last = section
        with VerticalScroll(id="help-dialog"):
            yield Label("Keys", id="help-title")
            if self.note:
                yield Static(self.note, id="help-note", markup=False)
            yield Static(table, id="help-table")
            yield Label("Ctrl+P opens the command palette: any KPI, theme or agenda item by name.")

    def action_close(self) -> None:
        self.dismiss(None)
