"""A widget one line high that draws its own line, and draws it again only when it must.

The header and the footer are on every screen and are asked for their line
on every repaint of it; building the line (styles looked up part by part)
costs more than the repaint. Each says what its line is drawn from, and the
line is kept until that, the width or the colours change.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Generic, TypeVar

from textual.strip import Strip
from textual.widget import Widget

ContentT = TypeVar("ContentT", bound=Hashable)


class OneLine(Widget, Generic[ContentT]):
    """A line drawn from :meth:`drawn_from` by :meth:`draw`, and kept while that holds."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._drawn: tuple[Hashable, Strip] | None = None
        """The line last drawn, and everything it was drawn from."""

    def drawn_from(self) -> ContentT:
        """What the line shows, as a value that compares equal when the line would be the same."""
        raise NotImplementedError

    def draw(self, content: ContentT) -> Strip:
        """The line for ``content`` (what :meth:`drawn_from` gave), at the widget's width."""
        raise NotImplementedError

    def render_line(self, y: int) -> Strip:
        content = self.drawn_from()
        key = (content, self.size.width, self.app.theme, self.rich_style)
        if self._drawn is None or self._drawn[0] != key:
            self._drawn = (key, self.draw(content))
        return self._drawn[1]
