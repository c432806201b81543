"""A pack's figures made in a process of their own while the app starts.

Opening a pack spends its wait in two places that do not need each other:
importing Textual and drawing the app, and importing pandas and computing
the figures. Both hold the interpreter, so threads cannot overlap them; a
forked process can, on a laptop's second core. The command line forks
first thing, before it has even read the config: the child imports the
engine at once, then is sent the pack, computes its figures as
:func:`store.raw_figures` does (filling the cache on the way) and sends them
back down a pipe. The app picks them up when it first asks.

Fork is used only where it is safe: a platform that has it, and a process
with no other thread yet. Anywhere else, and on any later load (after the
presenter fixes a file), the figures are computed in the app's own worker
as before. A child that dies without answering is not an error anyone
sees: the figures are then computed in-process.

This module imports nothing of panelapp at the top, so forking costs the
command line next to nothing before it starts.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from panelapp.config import Pack
    from panelapp.metrics.results import ItemFigures


_SENT = -1
"""In place of the pipe to the child once the pack has gone down it (and it is closed)."""


class FiguresAhead:
    """A child process that will compute one pack's figures; call it as the app's loader."""

    def __init__(self) -> None:
        self._child = _fork()
        """(process id, the pipe from it, the pipe to it) until the answer is taken; None after."""
        self._asked: tuple[Pack, bool] | None = None
        """The pack and cache choice the child was sent."""
        self._taking = threading.Lock()
        """The app asks from its worker thread and may close from its own."""

    @property
    def forked(self) -> bool:
        """Whether a child process is waiting for, or computing, the figures."""
        return self._child is not None

    def compute(self, pack: Pack, *, use_cache: bool = True) -> None:
        """Send the child the pack it is to compute (once; later packs are computed here)."""
        if self._child is None or self._asked is not None:
            return
        self._asked = (pack, use_cache)
        pid, incoming, outgoing = self._child
        self._child = (pid, incoming, _SENT)
        try:
            # A pack larger than the pipe holds waits here until the child has
            # imported what reading needs and reads it: a moment, never a hang.
            with os.fdopen(outgoing, "wb") as pipe:
                pipe.write(pickle.dumps(self._asked, protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            self.close()

    def __call__(self, pack: Pack, *, use_cache: bool = True) -> list[ItemFigures]:
        """The figures: the child's answer the first time, computed here after that."""
        asked = self._asked
        child = self._take()
        if child is not None and asked is not None and asked == (pack, use_cache):
            answer = _answer(child)
            if isinstance(answer, BaseException):
                raise answer
            if answer is not None:
                return answer
        elif child is not None:
            _stop(child)
        from panelapp.metrics.store import raw_figures

        return raw_figures(pack, use_cache=use_cache)

    def close(self) -> None:
        """Stop a child whose answer is no longer wanted (the app quit, or never opened)."""
        child = self._take()
        if child is not None:
            _stop(child)

    def _take(self) -> tuple[int, int, int] | None:
        with self._taking:
            child, self._child = self._child, None
        return child


def _fork() -> tuple[int, int, int] | None:
    """Fork the child; (its process id, the pipe from it, the pipe to it), or None."""
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return None
    child_reads, parent_writes = os.pipe()
    parent_reads, child_writes = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        for fd in (child_reads, parent_writes, parent_reads, child_writes):
            os.close(fd)
        return None
    if pid == 0:  # pragma: no cover - the child; the tests see it through its answer
        os.close(parent_writes)
        os.close(parent_reads)
        _child(child_reads, child_writes)
    os.close(child_reads)
    os.close(child_writes)
    return pid, parent_reads, parent_writes


def _child(incoming: int, outgoing: int) -> None:
    """Import the engine, wait for the pack, compute, answer; then leave without cleanup.

    The terminal stays the app's: nothing the child prints may reach it, and
    Ctrl+C before the app takes the keyboard is the parent's to handle.
    """
    status = 1
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        quiet = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(quiet, fd)
        # What reading a file needs, while the parent reads the config. pandas
        # is left to compute_item, which imports it while the files are read.
        from panelapp.metrics import reading, store  # noqa: F401

        with os.fdopen(incoming, "rb") as pipe:
            request = pipe.read()
        if not request:
            return  # the parent stopped before it had a pack
        pack, use_cache = pickle.loads(request)
        outcome: object
        try:
            outcome = store.raw_figures(pack, use_cache=use_cache)
        except Exception as exc:  # noqa: BLE001 - handed to the parent, which shows it
            outcome = exc
        try:
            data = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # noqa: BLE001 - an error that cannot travel is described
            data = pickle.dumps(RuntimeError(f"{type(outcome).__name__}: {exc}"))
        with os.fdopen(outgoing, "wb") as pipe:
            pipe.write(data)
        status = 0
    finally:
        os._exit(status)


def _answer(child: tuple[int, int, int]) -> list[ItemFigures] | BaseException | None:
    """What the child sent; None when it died first (the caller then computes here)."""
    pid, incoming, _ = child
    with os.fdopen(incoming, "rb") as pipe:
        data = pipe.read()
    _reap(pid)
    if not data:
        return None
    try:
        answer = pickle.loads(data)
    except Exception:  # noqa: BLE001 - a half-sent answer: compute here instead
        return None
    return answer if isinstance(answer, (list, Exception)) else None


def _stop(child: tuple[int, int, int]) -> None:
    pid, incoming, outgoing = child
    os.close(incoming)
    if outgoing != _SENT:
        os.close(outgoing)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    _reap(pid)


def _reap(pid: int) -> None:
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)
