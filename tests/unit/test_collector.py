"""Full garbage collections wait for a quiet moment, and Python's own settings come back."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from panelapp.ui.collector import QUIET, QuietCollector


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def collector(clock: Clock) -> Iterator[QuietCollector]:
    found = gc.get_threshold()
    subject = QuietCollector(clock)
    subject.start()
    yield subject
    subject.stop()
    assert gc.get_threshold() == found


def make_due() -> None:
    """Enough young collections that Python would have run a full one by now."""
    for _ in range(gc.get_threshold()[1] * 12):
        gc.collect(1)


def test_started_python_no_longer_starts_full_passes_itself(collector: QuietCollector) -> None:
    young, middle, full = gc.get_threshold()
    assert full >= 1_000_000
    assert (young, middle) != (0, 0), "the young generations still collect"


def test_nothing_is_collected_while_keys_come(collector: QuietCollector, clock: Clock) -> None:
    make_due()
    assert collector.due()
    collector.input()
    clock.now += QUIET / 2
    assert not collector.tick()
    assert collector.due(), "still owed"


def test_a_due_pass_runs_once_the_room_is_quiet(collector: QuietCollector, clock: Clock) -> None:
    make_due()
    collector.input()
    clock.now += QUIET
    assert collector.tick()
    assert not collector.due()
    assert not collector.tick(), "nothing owed, nothing done"


def test_garbage_held_back_is_freed_by_the_quiet_pass(
    collector: QuietCollector, clock: Clock
) -> None:
    class Node:
        pass

    freed = []
    for _ in range(3):
        node = Node()
        node.me = node  # type: ignore[attr-defined] - a cycle only a collection frees
        gc.collect(0)
        gc.collect(1)  # now in the old generation, which only full passes visit
        freed.append(weakref.ref(node))
        del node
    make_due()
    clock.now += QUIET
    assert collector.tick()
    assert all(ref() is None for ref in freed)


def test_not_started_it_never_collects(clock: Clock) -> None:
    idle = QuietCollector(clock)
    make_due()
    clock.now += 10 * QUIET
    assert not idle.due()
    assert not idle.tick()
    idle.stop()  # harmless


def test_a_second_start_keeps_pythons_own_settings_to_put_back(clock: Clock) -> None:
    found = gc.get_threshold()
    subject = QuietCollector(clock)
    subject.start()
    subject.start()
    subject.stop()
    assert gc.get_threshold() == found
