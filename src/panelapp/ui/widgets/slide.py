"""What the three kinds of slide share: they can be handed what to show before they are built.

The presenter builds a kind of slide only when one is first needed (or just
after the first slide is on screen), so the first slide is not kept waiting
by the others. A slide handed its content while it is still being mounted
draws it as soon as its parts exist.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.containers import Vertical


class Slide(Vertical):
    """A slide on the presenter's stage."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._asked: tuple[object, ...] | None = None
        """What the slide was last asked to show, as the arguments of its drawing."""
        self._waiting: Callable[[], None] | None = None
        """That drawing, when it was asked for before the slide's parts were mounted."""
        self._built = False
        """Set by this class's own mount handler: Textual's ``is_mounted`` turns true only
        after every mount handler has run, and a drawing parked in between would be lost."""

    def _draw_when_built(self, draw: Callable[..., None], *args: object) -> None:
        """``draw(*args)`` now if the slide's parts are mounted, else as soon as they are.

        Asked for what it already shows (back from a theme to its KPI), the
        slide draws nothing: every part it updated would be painted again.
        """
        if args == self._asked:
            return
        self._asked = args
        if self._built:
            draw(*args)
        else:
            self._waiting = partial(draw, *args)

    def on_mount(self) -> None:
        self._built = True
        if self._waiting is not None:
            draw, self._waiting = self._waiting, None
            draw()
