"""The row of keys at the foot of a meeting screen, drawn by one widget.

It looks like Textual's compact ``Footer``, key for key, but that footer is a
widget per key, rebuilt whenever a screen comes back or a slide offers
other keys: removing, mounting and laying out a dozen widgets cost more
than showing the slide itself. Here a change of keys is one repaint.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.strip import Strip

from panelapp.ui.widgets.line import OneLine

Shown = tuple[tuple[Binding, bool, str], ...]
"""Each key drawn, whether the screen enables it, and its tooltip: what the row depends on."""


@dataclass(frozen=True)
class Spot:
    """Where a key is drawn on the row, so a click or the pointer can find it."""

    start: int
    """First cell of the key on the row."""
    end: int
    """The cell after its description."""
    key: str
    """The key pressed when it is clicked."""
    enabled: bool
    """False for a key the screen disables: a click only rings the bell."""
    tooltip: str


class KeysFooter(OneLine[tuple[Shown, str | None]], can_focus=False):
    """The keys the focused screen offers; click one to press it.

    Drawn as Textual's compact footer draws them: bindings for the same
    action show their first key, keys the screen disables are dimmed, and the
    command palette's key sits at the right. Groups of keys are not drawn as
    groups: no meeting screen shows one (the digit keys are listed in help).
    """

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {
        "keys-footer--key",
        "keys-footer--description",
        "keys-footer--hover",
        "keys-footer--palette-border",
    }
    DEFAULT_CSS = """
    KeysFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
    }
    KeysFooter.-pointing {
        pointer: pointer;
    }
    KeysFooter > .keys-footer--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    KeysFooter > .keys-footer--description {
        color: $footer-description-foreground;
        background: $footer-description-background;
    }
    KeysFooter > .keys-footer--hover {
        color: $footer-key-foreground;
        background: $block-hover-background;
    }
    KeysFooter > .keys-footer--palette-border {
        color: $foreground 20%;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._shown: Shown | None = None
        """The keys last drawn; None until the screen has said which it offers."""
        self._spots: list[Spot] = []
        self._hover: str | None = None
        """The key under the pointer, drawn highlighted."""

    def on_mount(self) -> None:
        # Immediate: the new keys are drawn in the same frame as the slide that offers them.
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed, immediate=True)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        # As Textual's footer: while the terminal window is unfocused the screen's
        # bindings thin out; the row keeps the keys it had.
        if not self.app.app_focus or screen is not self.screen:
            return
        shown = self._keys()
        if shown != self._shown:
            self._shown = shown
            self.refresh()

    def _keys(self) -> Shown:
        """Every key the row draws, with whether it is enabled and its tooltip."""
        palette = self.app.COMMAND_PALETTE_BINDING
        return tuple(
            (binding, enabled, tooltip)
            for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items()
            if binding.show or key == palette
        )

    # -- drawing ------------------------------------------------------------

    def drawn_from(self) -> tuple[Shown, str | None]:
        """The keys on offer and the one under the pointer."""
        if self._shown is None:
            self._shown = self._keys()
        return self._shown, self._hover

    def draw(self, content: tuple[Shown, str | None]) -> Strip:
        """The keys from the left, the command palette's at the right edge."""
        shown, _ = content  # the key under the pointer is read where each key is drawn
        palette_key = self.app.COMMAND_PALETTE_BINDING
        firsts: dict[str, tuple[Binding, bool, str]] = {}
        palette = None
        for binding, enabled, tooltip in shown:
            if binding.key == palette_key:
                palette = (binding, enabled, tooltip or binding.description)
            if binding.show:
                # Several keys for one action (→, ↓, PgDn, space): the first speaks for all.
                firsts.setdefault(binding.action, (binding, enabled, tooltip))
        styles = self._styles()
        spots: list[Spot] = []
        left: list[Segment] = []
        for binding, enabled, tooltip in firsts.values():
            self._draw(left, spots, styles, binding, enabled, tooltip)
        right: list[Segment] = []
        if palette is not None and self.app.ENABLE_COMMAND_PALETTE:
            self._draw(right, spots, styles, *palette, border="▏")
        # The palette's key sits at the right edge; keys that do not fit go under it.
        right_strip = Strip(right)
        room = max(0, self.size.width - right_strip.cell_length)
        left_strip = Strip(left).crop_extend(0, room, styles["blank"])
        self._spots = [
            replace(spot, end=min(spot.end, room))
            if i < len(firsts)
            else replace(spot, start=spot.start + room, end=spot.end + room)
            for i, spot in enumerate(spots)
            if i >= len(firsts) or spot.start < room
        ]
        return Strip.join([left_strip, right_strip]).crop(0, self.size.width)

    def _draw(
        self,
        row: list[Segment],
        spots: list[Spot],
        styles: dict[str, Style],
        binding: Binding,
        enabled: bool,
        tooltip: str,
        border: str = "",
    ) -> None:
        """One key, its description and the space after it, at the end of ``row``."""
        pointed = "hover-" if self._hover == binding.key else ""
        # As Textual draws a key: its parts over the key's own style, dimmed when disabled.
        under = styles[f"{pointed}item"] + Style(dim=not enabled or None)
        start = sum(segment.cell_length for segment in row)
        if border:
            row.append(Segment(border, under + styles[f"{pointed}border"]))
        row.append(Segment(self.app.get_key_display(binding), under + styles[f"{pointed}key"]))
        if binding.description:
            description = f" {binding.description}"
            row.append(Segment(description, under + styles[f"{pointed}description"]))
        end = sum(segment.cell_length for segment in row)
        spots.append(Spot(start, end, binding.key, enabled, tooltip))
        row.append(Segment(" ", styles["blank"]))

    def _styles(self) -> dict[str, Style]:
        """The rich style of each part of a key, as drawn and under the pointer."""
        key = self.get_component_rich_style("keys-footer--key")
        description = self.get_component_rich_style("keys-footer--description")
        hover = self.get_component_rich_style("keys-footer--hover")
        border = self.get_component_rich_style("keys-footer--palette-border")
        under = Style(bgcolor=hover.bgcolor)
        return {
            "blank": Style(bgcolor=self.rich_style.bgcolor),
            "item": self.rich_style,
            "key": key,
            "description": description,
            "border": border,
            "hover-item": self.rich_style + hover,
            "hover-key": key + under,
            "hover-description": description + under,
            "hover-border": border + under,
        }

    # -- the pointer ----------------------------------------------------------

    def _spot_at(self, x: int) -> Spot | None:
        return next((spot for spot in self._spots if spot.start <= x < spot.end), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._point_at(self._spot_at(event.x))

    def on_leave(self, event: events.Leave) -> None:
        self._point_at(None)

    def _point_at(self, spot: Spot | None) -> None:
        key = spot.key if spot is not None else None
        if key == self._hover:
            return
        self._hover = key
        self.set_class(spot is not None, "-pointing")
        self.tooltip = spot.tooltip or None if spot is not None else None
        self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        spot = self._spot_at(event.x)
        if spot is None:
            return
        if spot.enabled:
            self.app.simulate_key(spot.key)
        else:
            self.app.bell()
