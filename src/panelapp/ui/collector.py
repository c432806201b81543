"""Python's full garbage collections, moved to the moments nobody is waiting on the screen.

A full collection walks every object the app holds and, on a laptop, stops
the app for 20–30 ms. Left to itself Python starts one inside whichever
keypress happens to allocate past its threshold, and that slide change then
takes twice as long as the others. Here the young generations still collect
as usual (well under a millisecond each); the full pass waits until no key
or click has come for a moment. Textual pauses the collector while it
scrolls for the same reason (``App.PAUSE_GC_ON_SCROLL``).

Pure Python, no Textual: the app tells it when input comes and asks it, on
a timer, whether to collect now.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

QUIET = 0.5
"""Seconds without a key or a click before a deferred full collection runs."""

_NEVER = 1_000_000
"""A full-collection threshold that Python never reaches on its own."""


class QuietCollector:
    """Holds back full collections while keys come, and runs them once they stop."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._last_input = clock()
        self._thresholds: tuple[int, int, int] | None = None
        """Python's thresholds as found, put back by :meth:`stop`; None when not started."""

    def start(self) -> None:
        """Freeze what exists now (it lives as long as the app) and hold back full passes.

        Frozen objects are never walked again, so each deferred pass is short.
        Not collected first: a full pass here would hold up the first paint,
        and the little garbage that imports leave is frozen with the rest.
        Once per process: a later app (the tests run many) would freeze its
        predecessors' garbage.
        """
        if self._thresholds is not None:
            return
        if not gc.get_freeze_count():
            gc.freeze()
        young, middle, full = self._thresholds = gc.get_threshold()
        # Python 3.14 collects the old generation in small increments and ignores this.
        gc.set_threshold(young, middle, max(full, _NEVER))

    def stop(self) -> None:
        """Python's own thresholds back: what was held back is collected as Python decides."""
        if self._thresholds is None:
            return
        gc.set_threshold(*self._thresholds)
        self._thresholds = None

    def input(self) -> None:
        """A key or a click came: nobody can wait on a collection for a moment."""
        self._last_input = self._clock()

    def due(self) -> bool:
        """Whether a full pass is owed: as many young collections as Python lets pass before one.

        (Python also waits for a quarter of the old objects to be new since the
        last pass; a quiet pass that finds little is cheap, so that is not asked.)
        """
        if self._thresholds is None:
            return False
        return gc.get_count()[2] > self._thresholds[2]

    def tick(self) -> bool:
        """Collect in full if one is due and the room has been quiet; True when it did."""
        if self._clock() - self._last_input < QUIET:
            return False
        if not self.due():
            return False
        gc.collect()
        return True
