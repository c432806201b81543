"""The meetings before this one, read off the UI thread for the screens that show them.

The previous minutes and the action log both need what the earlier
meetings' packs and journals say; reading them opens files (read only), so
it runs on a worker thread and the result comes back as one message.
"""

from __future__ import annotations

from textual.message import Message
from textual.screen import Screen

from panelapp.config import Pack
from panelapp.minutes.previous import Previous, read_previous


class PreviousRead(Message):
    """The meetings before this one were read (posted from the reading thread)."""

    def __init__(self, previous: Previous) -> None:
        super().__init__()
        self.previous = previous


def post_previous(screen: Screen[None], pack: Pack) -> None:
    """Read the meetings before ``pack``'s and tell ``screen``; call it from a thread worker."""
    screen.post_message(PreviousRead(read_previous(pack)))
