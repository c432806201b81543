"""The colour themes a presenter can switch between in the room.

Projectors wash out mid-tones, and some rooms are bright: a high-contrast
theme (white and yellow on black) keeps every figure readable from the back.
"""

from __future__ import annotations

from textual.theme import Theme

DARK = "textual-dark"
LIGHT = "textual-light"
HIGH_CONTRAST = "panelapp-high-contrast"

THEMES: dict[str, str] = {DARK: "dark", LIGHT: "light", HIGH_CONTRAST: "high contrast"}
"""Theme name -> the words the command palette offers."""

HIGH_CONTRAST_THEME = Theme(
    name=HIGH_CONTRAST,
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FFFF00",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    boost="#333333",
    success="#00FF66",
    warning="#FFCC00",
    error="#FF6666",
    dark=True,
    variables={
        "footer-key-foreground": "#FFFF00",
        "footer-description-foreground": "#FFFFFF",
        "block-cursor-background": "#FFFF00",
        "block-cursor-foreground": "#000000",
        "text-muted": "#E0E0E0",
    },
)
"""Pure black, white and yellow: the most contrast a projector can give."""
