"""Writing a file whole or not at all, and leaving no temporary file behind.

A minutes draft holds private minutes and a sample file replaces data a
pack reads, so both are written to a hidden temporary file beside the
target, synced, then renamed into place: a reader sees the old file or the
new one, never half of one. The temporary file is removed on every way out
of the write; one left by a process that was killed outright (which runs no
clean-up) carries that process's id in its name, and the next write of the
same file removes it.
"""

from __future__ import annotations

import contextlib
import os
import threading
import uuid
from pathlib import Path

NEW_FILE_MODE = 0o644
"""A new file is readable by others, like any document; a temporary file starts private."""


def write(path: Path, data: bytes, *, overwrite: bool = True) -> None:
    """Put ``data`` at ``path`` in one step; with ``overwrite`` False, never replace a file.

    Raises FileExistsError when ``overwrite`` is False and ``path`` exists
    (even if it appeared while writing), and OSError when the folder cannot
    be written. A replaced file's mode is kept.
    """
    remove_stale(path)
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        mode = NEW_FILE_MODE
    temp = temporary_name(path, os.getpid())
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with _lock:
        _writing.add(temp)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if overwrite:
            os.replace(temp, path)
        else:
            _link(temp, path)
    finally:
        temp.unlink(missing_ok=True)
        with _lock:
            _writing.discard(temp)


_writing: set[Path] = set()
"""Temporary files this process is writing now, on any thread: never stale."""
_lock = threading.Lock()


def temporary_name(path: Path, pid: int) -> Path:
    """The hidden file a write of ``path`` by process ``pid`` goes through."""
    return path.with_name(f".{path.name}.{pid}-{uuid.uuid4().hex[:8]}.tmp")


def remove_stale(path: Path) -> list[Path]:
    """Remove temporary files of ``path`` left by processes no longer running; those removed.

    A write still under way in another process (two terminals exporting at
    once) is left alone: its process is alive.
    """
    removed = []
    with contextlib.suppress(OSError):  # a folder that cannot be listed has nothing to clean
        for leftover in path.parent.glob(f".{_escaped(path.name)}.*.tmp"):
            pid = _writer(leftover, path)
            with _lock:
                ours = leftover in _writing
            if pid is not None and not ours and not _running(pid):
                with contextlib.suppress(FileNotFoundError):
                    leftover.unlink()
                    removed.append(leftover)
    return removed


def _escaped(name: str) -> str:
    """``name`` with glob's special characters matched literally."""
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


def _writer(leftover: Path, path: Path) -> int | None:
    """The process id in a temporary file's name, or None when it is not one of ours."""
    middle = leftover.name[len(path.name) + 2 : -len(".tmp")]
    pid, _, tag = middle.partition("-")
    return int(pid) if pid.isdigit() and len(tag) == 8 else None


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return False  # not in _writing: left by an earlier process that had this id
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive
    return True


def _link(temp: Path, path: Path) -> None:
    """Put ``temp`` at ``path`` only if nothing is there, even a file that just appeared."""
    try:
        os.link(temp, path)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: check, then rename
        if path.exists():
            raise FileExistsError(path) from None
        os.replace(temp, path)
