"""Figures for a whole pack, cached on disk by the content of data and config.

A presenter reopening an unchanged pack minutes before the meeting should
not wait for millions of rows to be read again. The cache key is a hash of
the config file, every data file's bytes and panelapp's version, so any
change to any of them recomputes; a damaged or unreadable cache entry is
simply recomputed (and said nothing about: it holds no user data).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path

from panelapp import __version__, paths
from panelapp.config import Item, Pack
from panelapp.metrics.engine import compute_item, present
from panelapp.metrics.results import ItemFigures

_CHUNK = 1 << 20


def figures_for_pack(
    pack: Pack, *, public: bool = False, use_cache: bool = True
) -> list[ItemFigures]:
    """Presented figures of every item with figures, in agenda order."""
    return [present(raw, pack, public=public) for raw in raw_figures(pack, use_cache=use_cache)]


def raw_figures(pack: Pack, *, use_cache: bool = True) -> list[ItemFigures]:
    """Private figures of every item with figures, from the cache when it is current."""
    return [
        item_figures(pack, item, use_cache=use_cache) for item in pack.items if item.has_figures
    ]


def item_figures(pack: Pack, item: Item, *, use_cache: bool = True) -> ItemFigures:
    """One item's private figures, cached by content."""
    if not use_cache:
        return compute_item(pack, item)
    path = paths.cache_dir() / f"{cache_key(pack, item)}.pickle"
    cached = _read(path)
    if cached is not None:
        return cached
    figures = compute_item(pack, item)
    _write(path, figures)
    return figures


def cache_key(pack: Pack, item: Item) -> str:
    """Hash of what the figures depend on: version, the item's definition and its data bytes."""
    digest = hashlib.blake2b(digest_size=20)
    digest.update(__version__.encode())
    digest.update(repr(item).encode())
    digest.update(repr((pack.disclosure, pack.display)).encode())
    sources = [*item.data.episodes, *([item.data.metrics] if item.data.metrics else [])]
    for source in sources:
        with open(pack.folder / source, "rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
    return digest.hexdigest()


def _read(path: Path) -> ItemFigures | None:
    try:
        with open(path, "rb") as handle:
            figures = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        return None
    return figures if isinstance(figures, ItemFigures) else None


def _write(path: Path, figures: ItemFigures) -> None:
    """Atomic, and best effort: a read-only cache folder only costs speed next time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(figures, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, path)
    except OSError:
        return
