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


def side_by_side(jobs: Mapping[K, Callable[[], T]]) -> dict[K, T]:
    """Each job's result by its key, the jobs run on a pool of threads; waits for all."""
    with ThreadPoolExecutor() as pool:
        running = {key: pool.submit(job) for key, job in jobs.items()}
        return {key: future.result() for key, future in running.items()}
