"""Keys as a terminal sends them: one at a time as a careful clerk types, or a burst.

``pilot.press`` waits for the app to go idle after every key, so it types
like a careful clerk; it also sends some characters ('-', '/') with no
character, which a real terminal never does. A fast typist, a paste of keys
(tmux ``send-keys``) or a laptop catching up after a stall delivers many
keys at once: the driver posts them all before the app has handled the
first. :func:`burst` posts them that way, so tests see the orderings a real
terminal causes; :func:`press` types one key at a time, each with its
character.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Any

from textual import events
from textual.keys import _character_to_key, _get_unicode_name_from_key


def key_event(key: str) -> events.Key:
    """The event the driver posts for ``key`` ('a', '-', ' ', 'enter', 'alt+q')."""
    if len(key) == 1:
        return events.Key(key if key.isalnum() else _character_to_key(key), key)
    try:
        char: str | None = unicodedata.lookup(_get_unicode_name_from_key(key))
    except KeyError:
        char = None
    return events.Key(key, char)


def keys_of(*lines: str) -> list[str]:
    """Each line's characters as keys, each line ended by Enter."""
    keys: list[str] = []
    for line in lines:
        keys += [*line, "enter"]
    return keys


def _send(pilot: Any, key: str) -> None:
    event = key_event(key)
    event.set_sender(pilot.app)
    pilot.app._driver.send_message(event)


async def burst(pilot: Any, keys: Iterable[str]) -> None:
    """Post every key at once, as the terminal driver does with one read of many keys."""
    for key in keys:
        _send(pilot, key)


async def press(pilot: Any, *keys: str) -> None:
    """Type keys one at a time, the app idle after each, as a careful clerk does."""
    for key in keys:
        _send(pilot, key)
        await pilot.pause()
