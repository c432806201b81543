"""Stable orderings of a million integers by radix, where numpy would merge.

numpy sorts integers of up to 16 bits by radix and wider ones by merging,
which takes a million start times or child numbers several times longer.
Keys that fit in 32 bits are ordered 16 bits at a time instead: two radix
passes, the low half first, each stable, give the stable order of the whole.
"""

from __future__ import annotations

import numpy as np


def stable_order(keys: np.ndarray) -> np.ndarray:
    """``np.argsort(keys, kind="stable")`` for integer keys, by radix when they span less
    than 2**32."""
    if not len(keys) or keys.dtype.itemsize <= 2 or not np.issubdtype(keys.dtype, np.integer):
        return np.argsort(keys, kind="stable")
    lowest = keys.min()
    if int(keys.max()) - int(lowest) >= 2**32:
        return np.argsort(keys, kind="stable")
    offsets = (keys - lowest).astype(np.uint32)
    if not (offsets >> 16).any():
        return np.argsort(offsets.astype(np.uint16), kind="stable")
    low = np.argsort((offsets & 0xFFFF).astype(np.uint16), kind="stable")
    return low[np.argsort((offsets[low] >> 16).astype(np.uint16), kind="stable")]
