"""The headline figure, drawn large enough to read from the back of a council chamber.

Textual's Digits font, with a real 3x3 percent sign: a share is the most
common figure on a panel's screen, and Digits draws '%' one row high.
"""

from __future__ import annotations

from functools import lru_cache

from rich.console import RenderableType
from rich.text import Text
from textual.reactive import reactive
from textual.renderables.digits import DIGITS, DIGITS3X3_BOLD
from textual.widget import Widget

_EXTRA = {"%": ("○ ╱", " ╱ ", "╱ ○"), ",": ("  ", "  ", "╻ "), ".": ("  ", "  ", "• ")}
"""Glyphs Digits lacks, drawn in the same three rows."""
_FONT: list[str] = DIGITS3X3_BOLD


_PIXELS = {
    "0": ("111", "101", "101", "101", "111"),
    "1": ("010", "110", "010", "010", "111"),
    "2": ("111", "001", "111", "100", "111"),
    "3": ("111", "001", "111", "001", "111"),
    "4": ("101", "101", "111", "001", "001"),
    "5": ("111", "100", "111", "001", "111"),
    "6": ("111", "100", "111", "101", "111"),
    "7": ("111", "001", "001", "001", "001"),
    "8": ("111", "101", "111", "101", "111"),
    "9": ("111", "101", "111", "001", "111"),
    "%": ("101", "001", "010", "100", "101"),
    "+": ("000", "010", "111", "010", "000"),
    "-": ("000", "000", "111", "000", "000"),
    "−": ("000", "000", "111", "000", "000"),
    ",": ("0", "0", "0", "1", "1"),
    ".": ("0", "0", "0", "0", "1"),
    " ": ("0", "0", "0", "0", "0"),
    "▲": ("000", "010", "111", "111", "000"),
    "▼": ("000", "111", "111", "010", "000"),
    "▶": ("100", "110", "111", "110", "100"),
    "±": ("010", "111", "010", "000", "111"),
}
"""A five-row block font for projector-sized windows, where three rows look timid."""


def drawable(text: str, large: bool = False) -> bool:
    """Whether the big font can draw every character (a symbol such as '[c]' cannot)."""
    if large:
        return bool(text) and all(c in _PIXELS for c in text)
    return bool(text) and all(c in DIGITS or c in _EXTRA for c in text)


def large_rows(text: str, scale: int = 1) -> tuple[str, ...]:
    """The five rows of ``text`` in the block font, each pixel two cells wide.

    ``scale`` 2 draws every pixel twice as wide and twice as tall: ten rows,
    for a projector's 200x60 window, where five rows fill a sixth of it.
    """
    rows = []
    pixel, gap = "██" * scale, "  " * scale
    for row in range(5):
        cells = ("".join(pixel if bit == "1" else gap for bit in _PIXELS[c][row]) for c in text)
        rows += ["  ".join(cells)] * scale
    return tuple(rows)


def big_rows(text: str) -> tuple[str, str, str]:
    """The three rows of ``text`` in the big font."""
    rows: list[list[str]] = [[], [], []]
    for character in text:
        if character in _EXTRA:
            pieces = _EXTRA[character]
        else:
            at = DIGITS.index(character) * 3
            lines = _FONT
            pieces = (lines[at].ljust(3), lines[at + 1].ljust(3), lines[at + 2].ljust(3))
        for row, piece in zip(rows, pieces, strict=True):
            row.append(piece)
    first, second, third = ("".join(row) for row in rows)
    return first, second, third


@lru_cache(maxsize=64)
def rows(text: str, large: bool, scale: int = 1) -> tuple[str, ...]:
    """The headline as drawn: the block font when it can draw ``text``, the text itself if not.

    Cached because layout asks for the width and the height, and painting
    for the rows, of the same figure each time a slide is shown.
    """
    if not drawable(text, large):
        return (text,)
    return large_rows(text, scale) if large else big_rows(text)


class Headline(Widget):
    """A figure in the big font, or in bold text when it is a symbol such as 'n/a'.

    ``large`` picks the five-row font, ``scale`` 2 draws it twice the size; the
    stylesheet shows one headline or another by window size, so the choice
    stays in CSS.
    """

    DEFAULT_CSS = """
    Headline {
        width: auto;
        height: auto;
        text-style: bold;
    }
    """

    text: reactive[str] = reactive("", layout=True)

    def __init__(
        self, text: str = "", *, large: bool = False, scale: int = 1, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.large = large
        self.scale = scale
        self.text = text

    def render(self) -> RenderableType:
        return Text("\n".join(rows(self.text, self.large, self.scale)))

    def get_content_width(self, container: object, viewport: object) -> int:
        return max(len(row) for row in rows(self.text, self.large, self.scale))

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return len(rows(self.text, self.large, self.scale))
