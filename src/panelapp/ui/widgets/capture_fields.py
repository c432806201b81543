"""The clerk's fields, built so that keys land in the order they were typed.

A terminal delivers a fast typist's keys (or a burst after a stall) many at
a time, and the app hands each to the focused field's own queue. Textual
runs a field's key bindings (Backspace, the arrows, Enter) only after the
key has travelled up to the app, by which time the keys typed after it
have already been put in the field: "ab", Backspace, "c" could read "ac" or
"abc", and an Enter could take letters of the next line with it. So a
:class:`Field` runs its own bindings where the key arrives, in order with
the letters around it.

Keys that end or steer a line (Enter, Tab, the Alt keys) are the capture
bar's, taken as they reach the app, and the bar first waits with
:func:`caught_up` until every key already handed to a field has been
handled. What the clerk saw when pressing the key is then what the fields
hold.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from typing import Any

from textual import events
from textual.message import Message
from textual.suggester import Suggester
from textual.widgets import Input

from panelapp.minutes.lines import Names
from panelapp.minutes.room import OnScreen

CAUGHT_UP_SECONDS = 2.0
"""The longest the bar waits for a field to catch up; a field on a closing screen never does."""


class NameSuggester(Suggester):
    """Completes names from the pack's members and officers, and names typed since."""

    def __init__(self, names: Names) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.names = names

    def add(self, name: str) -> None:
        """Remember a new name, so the second time it completes too."""
        self.names.add(name)

    async def get_suggestion(self, value: str) -> str | None:
        return self.names.complete(value)


class Field(Input):
    """A clerk's field: one line high, focusing it never selects (and so never overwrites)
    what is typed, and its own keys act where they arrive, in order with the letters."""

    class CaughtUp(Message):
        """Handled after every key already in the field's queue: see :func:`caught_up`."""

        bubble = False

        def __init__(self, done: asyncio.Future[None]) -> None:
            super().__init__()
            self.done = done

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("compact", True)
        kwargs.setdefault("select_on_focus", False)
        super().__init__(*args, **kwargs)

    async def _on_key(self, event: events.Key) -> None:
        for binding in self._bindings.key_to_bindings.get(event.key, ()):
            # An action with nothing to do here (a page key in a one-line field) skips,
            # and the key goes on to the screen's bindings as usual.
            if not binding.priority and await self.app.run_action(binding.action, self):
                event.stop()
                event.prevent_default()
                return

    def _on_paste(self, event: events.Paste) -> None:
        """A paste of several lines in a one-line field: every line kept, joined by spaces."""
        if "\n" in event.text.strip("\r\n"):
            event.prevent_default()
            event.stop()
            self.insert_text_at_cursor(" ".join(event.text.split()))

    def on_field_caught_up(self, message: CaughtUp) -> None:
        if not message.done.done():
            message.done.set_result(None)


async def caught_up(fields: Iterable[Field]) -> None:
    """Return once each field has handled every key handed to it before this call.

    Each field's queue is in the order keys arrived, so a marker posted now
    is reached after them; keys that arrive later wait for the caller, who
    holds the app's queue while it awaits this.
    """
    loop = asyncio.get_running_loop()
    waiting = []
    for field in fields:
        done: asyncio.Future[None] = loop.create_future()
        if field.post_message(Field.CaughtUp(done)):
            waiting.append(done)
    if waiting:
        await asyncio.wait(waiting, timeout=CAUGHT_UP_SECONDS)


class NameInput(Field):
    """A field with name completion; Tab (handled by the bar) takes the suggestion."""

    def complete(self) -> None:
        """Take the completion of what is typed, worked out now (the shown suggestion may
        still be on its way after a fast typist)."""
        suggester = self.suggester
        if not self.value or not self.cursor_at_end or not isinstance(suggester, NameSuggester):
            return
        completed = suggester.names.complete(self.value)
        if completed:
            self.value = completed
            self.cursor_position = len(completed)


class CaptureInput(Field):
    """The line the clerk types into; it holds the line's stamp, taken at its first key.

    A value watcher runs as the key lands, so the stamp is the room's figure
    at that moment, whatever the presenter does before Enter.
    """

    class Pasted(Message):
        """Several lines pasted at once: the bar asks before making entries of them."""

        def __init__(self, field: CaptureInput, text: str, before: str) -> None:
            super().__init__()
            self.field = field
            self.text = text
            """The whole text: what was in the field, with the paste at the cursor."""
            self.before = before
            """What the field held, put back if the clerk says no."""

    def __init__(
        self, *args: Any, room: Callable[[], OnScreen | None] = lambda: None, **kwargs: Any
    ) -> None:
        """``room`` says what the room's screen shows now."""
        super().__init__(*args, **kwargs)
        self.room = room
        self.stamp: OnScreen | None = None
        """The figure this line is stamped with."""
        self.stamped = False
        """The line has its stamp: taken at its first key, or chosen since."""

    def watch_value(self, old: str, new: str) -> None:
        if not new:
            self.stamped, self.stamp = False, None
        elif not old and not self.stamped:
            self.stamped, self.stamp = True, self.room()

    def choose(self, stamp: OnScreen | None) -> None:
        """Stamp the line with ``stamp`` (None: no figure), whatever it took at its first key."""
        self.stamped, self.stamp = True, stamp

    def chosen(self) -> OnScreen | None:
        """The line's stamp: taken at its first key or chosen, else the room's figure now."""
        return self.stamp if self.stamped else self.room()

    def _on_paste(self, event: events.Paste) -> None:
        """Several lines are handed to the bar whole (nothing is dropped); one is typed in."""
        text = event.text.strip("\r\n")
        event.prevent_default()
        event.stop()
        if "\n" not in text and "\r" not in text:
            self.insert_text_at_cursor(text.replace("\t", " "))
            return
        before, at = self.value, self.cursor_position
        whole = before[:at] + text + before[at:]
        self.value = ""
        self.post_message(self.Pasted(self, whole, before))
