"""How a process that computes a large pack's figures keeps its arrays' memory.

Loading a large file makes hundreds of arrays of several megabytes that
live a moment. The C library maps each block of more than 32 MB afresh and
hands it back when freed, so at 5M rows every temporary array is new memory
faulted in page by page: ``check`` of the national 5M-row file spent 7 of
its 15 s in the kernel. And where the kernel compacts memory to find a
transparent huge page at the first touch (``defrag`` of ``madvise``, the
usual setting, which numpy asks for), that costs more than the pages save.
So such a process tells the C library to serve every size from its heap
and keep up to 2 GB of freed memory, and numpy to use small pages
(docs/performance.md, section 9): a process that computes and ends, never
the app, whose memory would then stay at its peak through a meeting.
"""

from __future__ import annotations

import os
import sys

_USERS_OWN = ("MALLOC_MMAP_MAX_", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_")
"""glibc's own settings: any of them, or its tunables, set by the user leaves its memory alone."""

_TRIM_THRESHOLD, _MMAP_MAX = -1, -4
"""glibc's M_TRIM_THRESHOLD and M_MMAP_MAX."""


def keep_large_arrays() -> None:
    """Set this process's policy; before numpy is imported, or numpy's part has no effect.

    Values the user has set are kept; elsewhere than Linux's C library only
    numpy's part applies.
    """
    os.environ.setdefault("NUMPY_MADVISE_HUGEPAGE", "0")
    if not sys.platform.startswith("linux") or any(name in os.environ for name in _USERS_OWN):
        return
    if "glibc.malloc" in os.environ.get("GLIBC_TUNABLES", ""):
        return
    import ctypes

    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # a C library without mallopt (musl)
        return
    mallopt(_MMAP_MAX, 0)
    mallopt(_TRIM_THRESHOLD, 2**31 - 1)
