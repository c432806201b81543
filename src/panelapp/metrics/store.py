"""Figures for a whole pack, cached on disk by the content of data and config.

A presenter reopening an unchanged pack minutes before the meeting should
not wait for millions of rows to be read again. The cache key is a hash of
the config file, every data file's bytes and panelapp's version, so any
change to any of them recomputes; a damaged or unreadable cache entry is
simply recomputed (and said nothing about: it holds no user data).
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
import time
from pathlib import Path

from panelapp import __version__, paths
from panelapp.config import Item, Pack
from panelapp.errors import UserError
from panelapp.metrics.engine import compute_item, present
from panelapp.metrics.results import ItemFigures, Outcome, Unavailable

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


def figure_outcomes(pack: Pack, *, use_cache: bool = True) -> list[Outcome]:
    """Each item with figures: its private figures, or the problem that stopped them.

    The meeting goes on around a bad file: the other items, the capture and
    the minutes keep working, and only that item says its figures are not
    available. Only problems with the user's input are held per item; a bug
    still stops everything, as it should.
    """
    outcomes: list[Outcome] = []
    for item in pack.items:
        if not item.has_figures:
            continue
        try:
            outcomes.append(item_figures(pack, item, use_cache=use_cache))
        except UserError as error:
            outcomes.append(Unavailable(item, error.message))
    return outcomes


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
        digest.update(file_digest(pack.folder / source).encode())
    return digest.hexdigest()


_DIGESTS = "file-digests.json"
_SETTLED_NS = 2_000_000_000
"""A file changed this recently may change again within its timestamp's tick: never remembered."""
_CHANGE_TIME_MOVES = os.name != "nt"
"""Whether a write moves a file's change time (``st_ctime``), which the memo relies on."""


def file_digest(path: Path) -> str:
    """The hash of a file's bytes, remembered against its size and timestamps.

    Hashing a large authority's extract costs a noticeable part of opening
    the pack, and it rarely changes between openings. So the digest is kept
    with the file's size, inode and modification and change times, and
    reused while all of them are the same; the change time moves on every
    write and every attempt to set the modification time back, so a
    replaced file is hashed again. Not on Windows, where the change time is
    the creation time and a file rewritten in place keeps it: there every
    opening hashes the file.
    """
    stat = path.stat()
    signature = [stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino, stat.st_dev]
    name = str(path.resolve())
    memo = _read_digests()
    entry = memo.get(name)
    if isinstance(entry, dict) and entry.get("stat") == signature:
        return str(entry.get("digest"))
    digest = hashlib.blake2b(digest_size=20)
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    settled = time.time_ns() - max(stat.st_mtime_ns, stat.st_ctime_ns) > _SETTLED_NS
    if settled and _CHANGE_TIME_MOVES:
        # Files since moved or deleted are forgotten, so the memo stays as small as the packs.
        memo = {known: entry for known, entry in memo.items() if os.path.exists(known)}
        memo[name] = {"stat": signature, "digest": digest.hexdigest()}
        _write_atomic(paths.cache_dir() / _DIGESTS, json.dumps(memo).encode())
    return digest.hexdigest()


def _read_digests() -> dict[str, object]:
    try:
        memo = json.loads((paths.cache_dir() / _DIGESTS).read_bytes())
    except (OSError, ValueError):
        return {}
    return memo if isinstance(memo, dict) else {}


def _read(path: Path) -> ItemFigures | None:
    try:
        with open(path, "rb") as handle:
            figures = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        return None
    return figures if isinstance(figures, ItemFigures) else None


def _write(path: Path, figures: ItemFigures) -> None:
    _write_atomic(path, pickle.dumps(figures, protocol=pickle.HIGHEST_PROTOCOL))


def _write_atomic(path: Path, data: bytes) -> None:
    """Atomic, and best effort: a read-only cache folder only costs speed next time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, path)
    except OSError:
        return
