"""One sanitiser for text that leaves panelapp: from a pack, a data file or the clerk.

A config string or a journal entry can hold characters nobody sees: an
ANSI escape that recolours or clears a terminal when a draft is printed
with ``--out -``, a right-to-left override that makes a line read
differently from what it says, or a control character that Word refuses
("All strings must be XML compatible"). Every text that reaches Markdown,
HTML, Word or a terminal passes :func:`sanitise` on its way out, so the
three formats and the screen agree on what the text is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""Bidirectional embeddings, overrides and isolates (LRE, RLE, PDF, LRO, RLO, LRI, RLI,
FSI, PDI): they reorder what follows, so a line can display other than it reads. The
marks (LRM, RLM, ALM) are kept: they change no order and right-to-left names need them."""

_ESCAPES = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves, clearing the screen
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)"  # OSC, DCS…
    r"|\x1b[ -/]*[0-~]"  # the short escapes (ESC c resets the terminal)
)
"""ANSI escape sequences, removed whole so no stray '[31m' is left behind."""

_LINE_BREAKS = re.compile(r"\r\n?|[\x0b\x0c\x85]")
"""Line breaks other than newline (CR, vertical tab, form feed, NEL): they become newlines."""

_REMOVED = re.compile(f"[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff{BIDI_CONTROLS}]")
"""Control characters other than tab and newline, lone surrogates and the two
non-characters XML cannot hold, and the bidirectional controls."""

_BIDI = re.compile(f"[{BIDI_CONTROLS}]")


@dataclass(frozen=True)
class Sanitised:
    """Text made safe, and how many bidirectional controls it lost (worth telling the clerk)."""

    text: str
    bidi_removed: int = 0


def sanitise(text: str) -> Sanitised:
    """``text`` with escapes, control characters and bidirectional controls removed.

    Tabs and newlines stay; other line breaks become newlines. Everything
    else a person can see is kept exactly, so sanitising clean text is free
    of effect and sanitising twice changes nothing more.
    """
    if text.isprintable():  # nearly every string: nothing to remove, nothing to count
        return Sanitised(text)
    text = _LINE_BREAKS.sub("\n", _ESCAPES.sub("", text))
    bidi = len(_BIDI.findall(text))
    return Sanitised(_REMOVED.sub("", text), bidi)


def clean(text: str) -> str:
    """:func:`sanitise`'s text alone, where no one needs telling what was removed."""
    return sanitise(text).text
