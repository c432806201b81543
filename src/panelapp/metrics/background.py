"""Work started on a thread of its own, for whatever can go on beside it.

pyarrow and numpy let go of the interpreter while they work, so reading the
files can go on while pandas imports, and the data-quality rules while the
figures are computed. A thread ends with its work; an error in it surfaces
where the result is asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")


def started(work: Callable[[], T], name: str) -> Future[T]:
    """``work`` running on a thread named ``name``; ``result()`` waits for it."""
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"panelapp-{name}")
    try:
        return pool.submit(work)
    finally:
        pool.shutdown(wait=False)
