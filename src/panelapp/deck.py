"""Where the presenter is in an agenda item's slides, as a plain object.

Kept free of Textual so the rules a presenter relies on in front of a panel
(a clicker never wraps round to the first slide, a digit always means the
n-th KPI) are unit-tested on their own, like frogmouth's ``History``. There
is no going back through history: Escape closes what is open and never
moves the slide the room sees.

The slides of an item are its KPIs in the order of the minute, then its
themes: a presenter driving with a clicker reaches the themes by carrying on,
and ``t`` jumps there directly.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from panelapp.config import Item

SlideKind = Literal["kpi", "theme"]


@dataclass(frozen=True)
class Slide:
    """One screenful: a KPI or a theme, named as the pack names it."""

    kind: SlideKind
    id: str
    """The KPI's or theme's id in the pack; what the clerk's journal stamps."""
    title: str


class Deck:
    """The ordered slides of one agenda item and the presenter's place in them.

    Moving past either end stops rather than wraps: a presenter who clicks
    once too often must stay on the last figure, not flash the first one at
    the panel. Every move returns whether it moved, so the screen can ring
    the bell instead of silently doing nothing.
    """

    def __init__(self, slides: Iterable[Slide]) -> None:
        self._slides: tuple[Slide, ...] = tuple(slides)
        self._index = 0

    @classmethod
    def of(
        cls, kpis: Iterable[tuple[str, str]] = (), themes: Iterable[tuple[str, str]] = ()
    ) -> Deck:
        """A deck from (id, title) pairs: the KPIs first, then the themes."""
        return cls(
            [Slide("kpi", id, title) for id, title in kpis]
            + [Slide("theme", id, title) for id, title in themes]
        )

    @classmethod
    def of_item(cls, item: Item) -> Deck:
        """An agenda item's deck from the pack alone, in the order its figures are shown.

        The clerk's desk knows the room's slides without computing a figure.
        """
        return cls.of(((k.id, k.title) for k in item.kpis), ((t.id, t.title) for t in item.themes))

    @property
    def slides(self) -> tuple[Slide, ...]:
        """Every slide in order."""
        return self._slides

    @property
    def kpis(self) -> tuple[Slide, ...]:
        """The KPI slides, in the order digits 1-9 address them."""
        return tuple(slide for slide in self._slides if slide.kind == "kpi")

    @property
    def themes(self) -> tuple[Slide, ...]:
        """The theme slides, in the pack's order."""
        return tuple(slide for slide in self._slides if slide.kind == "theme")

    @property
    def empty(self) -> bool:
        """An agenda item with nothing to present (apologies, minutes, …)."""
        return not self._slides

    @property
    def index(self) -> int:
        """Zero-based place in :attr:`slides`."""
        return self._index

    @property
    def current(self) -> Slide | None:
        """The slide on screen, or None for an empty deck."""
        return self._slides[self._index] if self._slides else None

    @property
    def current_id(self) -> str | None:
        """The id of the slide on screen, for the journal and for resuming."""
        return self.current.id if self.current else None

    @property
    def at_start(self) -> bool:
        """Whether 'previous' would stop."""
        return self._index == 0

    @property
    def at_end(self) -> bool:
        """Whether 'next' would stop."""
        return self._index >= len(self._slides) - 1

    @property
    def position(self) -> str:
        """'3 of 9', for the presenter to see how far through they are."""
        if not self._slides:
            return ""
        return f"{self._index + 1} of {len(self._slides)}"

    @property
    def next_slide(self) -> Slide | None:
        """The slide 'next' would show; None at the end."""
        return None if self.at_end or not self._slides else self._slides[self._index + 1]

    def next(self) -> bool:
        """One slide on; stops at the last."""
        return self._move_to(self._index + 1)

    def previous(self) -> bool:
        """One slide back; stops at the first."""
        return self._move_to(self._index - 1)

    def first(self) -> bool:
        """The first slide."""
        return self._move_to(0)

    def last(self) -> bool:
        """The last slide."""
        return self._move_to(len(self._slides) - 1)

    def jump(self, number: int) -> bool:
        """The n-th KPI (1-based), as digit keys address them; False when there is none."""
        kpis = self.kpis
        if not 1 <= number <= len(kpis):
            return False
        return self._move_to(self._slides.index(kpis[number - 1]))

    def go_to(self, slide_id: str, kind: SlideKind | None = None) -> bool:
        """The slide with that id (of that kind, when given); False when there is none."""
        for index, slide in enumerate(self._slides):
            if slide.id == slide_id and kind in (None, slide.kind):
                return self._move_to(index)
        return False

    def first_theme(self) -> bool:
        """The item's first theme; False when the item has none."""
        themes = self.themes
        return self.go_to(themes[0].id, "theme") if themes else False

    def _move_to(self, index: int) -> bool:
        if not self._slides or not 0 <= index < len(self._slides) or index == self._index:
            return False
        self._index = index
        return True
