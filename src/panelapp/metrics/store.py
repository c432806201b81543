"""Figures for a whole pack, cached on disk by the content of data, config and engine.

A presenter reopening an unchanged pack minutes before the meeting should
not wait for millions of rows to be read again. The cache key is a hash of
the item's config, every data file's bytes and a fingerprint of the engine
(the source of every module that computes figures, and the versions of the
libraries it computes with), so any change to any of them recomputes: an
upgrade or a local fix never leaves the old figures on screen.

An entry is JSON (:mod:`panelapp.metrics.figures_json`), never a pickle, so
a file planted in the cache folder cannot run anything; it holds no child's
id or date of birth (:mod:`panelapp.metrics.withheld`). A damaged, foreign,
truncated or planted entry is ignored, recomputed and overwritten, without
a word: it holds nothing the user made.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from panelapp import __version__, paths
from panelapp.config import Item, Pack
from panelapp.errors import UserError
from panelapp.metrics import figures_json, withheld
from panelapp.metrics.engine import compute_item, present
from panelapp.metrics.results import ItemFigures, Outcome, Unavailable
from panelapp.metrics.stray_quotes import STRAY_QUOTE_RULE

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
            figures = item_figures(pack, item, use_cache=use_cache)
        except UserError as error:
            outcomes.append(Unavailable(item, error.message))
            continue
        lost = swallowed_rows(figures)
        outcomes.append(Unavailable(item, lost) if lost else figures)
    return outcomes


def swallowed_rows(figures: ItemFigures) -> str:
    """Why figures made without rows a stray quote swallowed must not be shown, or ''.

    ``check`` lists the finding and exits 1 for the analyst; a meeting must
    not present "0, down 100%" from what is left of the file, so the room,
    the desk and the minute treat the item as one whose figures failed.
    """
    for finding in figures.findings:
        if finding.rule == STRAY_QUOTE_RULE:
            return f"{finding.source}, row {finding.row}: {finding.message}"
    return ""


def item_figures(pack: Pack, item: Item, *, use_cache: bool = True) -> ItemFigures:
    """One item's private figures, cached by content.

    From the cache, findings whose value identifies a child come back
    ``withheld``, without it: a view that shows values calls
    :func:`panelapp.metrics.withheld.read_back` first.
    """
    if not use_cache:
        return compute_item(pack, item)
    key = cache_key(pack, item)
    path = paths.cache_dir() / f"{key}{CACHE_SUFFIX}"
    cached = _read(path, key, item)
    if cached is not None:
        return cached
    figures = compute_item(pack, item)
    _write(path, key, figures)
    return figures


CACHE_SUFFIX = ".figures.json"
"""Cache entries are ``<key>.figures.json``; nothing else in the cache folder is ever read
as figures (older versions' ``.pickle`` entries included)."""

CACHE_FORMAT = "panelapp-figures/1"
"""Written in every entry and checked on reading, so a file of another kind is a miss."""


def cache_key(pack: Pack, item: Item) -> str:
    """Hash of what the figures depend on: the engine, the item's definition and its data bytes."""
    digest = hashlib.blake2b(digest_size=20)
    digest.update(engine_fingerprint().encode())
    digest.update(repr(item).encode())
    digest.update(repr((pack.disclosure, pack.display)).encode())
    sources = [*item.data.episodes, *([item.data.metrics] if item.data.metrics else [])]
    for source in sources:
        digest.update(file_digest(pack.folder / source).encode())
    return digest.hexdigest()


ENGINE_LIBRARIES = ("numpy", "pandas", "pyarrow")
"""Libraries whose upgrade may change a figure (a median, a date parsed): their versions
are part of the engine's fingerprint."""


@functools.cache
def engine_fingerprint() -> str:
    """A hash of everything that computes figures: panelapp's version, the source of
    ``panelapp.metrics`` and ``panelapp.config``, and :data:`ENGINE_LIBRARIES`' versions.

    A change to any of them (an upgrade, a fix, a local edit to measures.py)
    makes every cached entry a miss. Read from the files, so no one has to
    remember to bump a constant. About 1.2 ms, 0.4 ms of it the versions,
    once per process (benchmarks/notes.md); a reopen takes about 0.4 s.
    """
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"{CACHE_FORMAT} {__version__}".encode())
    metrics = Path(__file__).parent
    suffix = ".py" if any(metrics.glob("*.py")) else ".pyc"  # .pyc: installed without source
    sources = [*metrics.glob(f"*{suffix}"), metrics.parent / f"config{suffix}"]
    for source in sorted(sources):
        digest.update(source.name.encode())
        try:
            digest.update(source.read_bytes())
        except OSError:
            digest.update(b"unreadable")
    digest.update(library_versions().encode())
    return digest.hexdigest()


def library_versions() -> str:
    """'numpy-2.4.6.dist-info pandas-3.0.1.dist-info …': the installed libraries' metadata
    folders, whose names carry their versions.

    Read from the folders on ``sys.path`` rather than through
    ``importlib.metadata``, whose import alone costs a reopen about 20 ms.
    """
    found: set[str] = set()
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            library, _, rest = name.partition("-")
            if library.lower() in ENGINE_LIBRARIES and rest.endswith((".dist-info", ".egg-info")):
                found.add(name)
    return " ".join(sorted(found))


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
        remembered = entry.get("digest")
        if isinstance(remembered, str) and re.fullmatch(r"[0-9a-f]{40}", remembered):
            return remembered
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


def _read(path: Path, key: str, item: Item) -> ItemFigures | None:
    """The cached figures, or None for a miss: no file, or one that is not this entry."""
    try:
        if not path.is_file():  # a pipe or a folder planted under the entry's name
            return None
        entry = json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(entry, dict) or entry.keys() != {"format", "key", "figures"}:
        return None
    if entry["format"] != CACHE_FORMAT or entry["key"] != key:
        return None
    try:
        return figures_json.decode(ItemFigures, entry["figures"], item=item)
    except figures_json.Unreadable:
        return None


def _write(path: Path, key: str, figures: ItemFigures) -> None:
    # The item is the pack's own, given back on reading: the key holds its definition.
    kept = replace(figures, findings=withheld.withhold(figures.findings))
    entry = {
        "format": CACHE_FORMAT,
        "key": key,
        "figures": figures_json.encode(kept, leave_out=("item",)),
    }
    _write_atomic(path, json.dumps(entry, separators=(",", ":")).encode())


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
