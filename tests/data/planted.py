"""A pickle that proves it was loaded: what a file planted in the cache folder would be."""

from __future__ import annotations

import pickle
from pathlib import Path


class _Planted:
    """Unpickling this opens ``marker`` for writing, creating it: any code could run there."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, ...]:
        return (open, (str(self.marker), "w"))


def planted_pickle(marker: Path) -> bytes:
    """Bytes that create ``marker`` if anything ever unpickles them."""
    return pickle.dumps(_Planted(marker))
