"""Work on threads, for what can go on beside other work.

pyarrow and numpy let go of the interpreter while they work, so reading the
files can go on while pandas imports, the data-quality rules while the
figures are computed, and each column of a table beside the others. An
error in such work surfaces where its result is asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

K = TypeVar("K")
T = TypeVar("T")


def started(work: Callable[[], T], name: str) -> Future[T]:
    """``work`` running on a thread named ``name``; ``result()`` waits for it."""
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"panelapp-{name}")
    try:
        return pool.submit(work)
    finally:
        pool.shutdown(wait=False)


WORTH_THREADS = 50_000
"""Rows below which column jobs run one after another: a pool costs a few
milliseconds to start and feed, more than a small pack's columns take."""


def side_by_side(jobs: Mapping[K, Callable[[], T]], *, rows: int) -> dict[K, T]:
    """Each job's result by its key, the jobs over ``rows`` rows run on a pool of threads.

    Waits for all. Below :data:`WORTH_THREADS` rows they run here in turn.
    """
    if rows < WORTH_THREADS:
        return {key: job() for key, job in jobs.items()}
    with ThreadPoolExecutor() as pool:
        running = {key: pool.submit(job) for key, job in jobs.items()}
        return {key: future.result() for key, future in running.items()}
