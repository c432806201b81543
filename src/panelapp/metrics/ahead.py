"""A pack's figures made in a process of their own while the app starts.

Opening a pack spends its wait in two places that do not need each other:
importing Textual and drawing the app, and importing pandas and computing
the figures. Both hold the interpreter, so threads cannot overlap them; a
forked process can, on a laptop's second core. The command line forks
first thing, before it has even read the config: the child imports the
engine at once, then is sent the pack, computes its figures as
:func:`store.figure_outcomes` does (filling the cache on the way) and sends them
back down a pipe. The app picks them up when it first asks.

Fork is used only where it is safe: a platform that has it, and a process
with no other thread yet (pyarrow and numpy start threads of their own, so
this is asked of the operating system where it can tell). Anywhere else,
and on any later load (after the presenter fixes a file), the figures are
computed in the app's own worker as before. A child that dies without
answering is not an error anyone sees: the figures are then computed
in-process. Quitting stops the child at once, even while the app waits
on it.

This module imports nothing of panelapp at the top, so forking costs the
command line next to nothing before it starts.

The pack and the answer cross the pipe as pickles, between this process
and the child it forked itself; nothing is ever unpickled from a file (the
child reads and fills the figures cache as :mod:`~panelapp.metrics.store`
does, in JSON).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
import threading
import traceback
from typing import TYPE_CHECKING

from panelapp.memory import keep_large_arrays

if TYPE_CHECKING:
    from panelapp.config import Pack
    from panelapp.metrics.results import Outcome


class FiguresAhead:
    """A child process that will compute one pack's figures; call it as the app's loader."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        """The app asks from its worker thread and closes from its own."""
        self._pid: int | None = None
        """The child until it has been reaped (only ever reaped under the lock)."""
        self._answers: int | None = None
        """The pipe the child answers down, until someone reads it."""
        self._requests: int | None = None
        """The pipe the pack goes down, until it has been sent."""
        self._asked: tuple[Pack, bool] | None = None
        self._closed = False
        child = _fork()
        if child is not None:
            self._pid, self._answers, self._requests = child

    @property
    def forked(self) -> bool:
        """Whether a child process is waiting for, or computing, the figures."""
        return self._pid is not None

    def compute(self, pack: Pack, *, use_cache: bool = True) -> None:
        """Send the child the pack it is to compute; only the first pack sent counts.

        A pack larger than the pipe holds waits here until the child has
        imported what reading needs and reads it: a moment, never a hang
        (the child reads the whole pack before it writes anything).
        """
        with self._lock:
            requests, self._requests = self._requests, None
        if requests is None:
            return
        self._asked = (pack, use_cache)
        try:
            with os.fdopen(requests, "wb") as pipe:
                pipe.write(pickle.dumps(self._asked, protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            self.close()

    def __call__(self, pack: Pack, *, use_cache: bool = True) -> list[Outcome]:
        """The figures: the child's answer the first time, computed here after that.

        Nothing (an empty list) once :meth:`close` has been called: the app
        is leaving, and no one is waiting for figures any more.
        """
        with self._lock:
            answers, self._answers = self._answers, None
        if answers is not None:
            if self._asked == (pack, use_cache):
                answer = self._answer(answers)
                if isinstance(answer, BaseException):
                    raise answer
                if answer is not None:
                    return answer
            else:  # another pack than the child was sent: its figures are not these
                os.close(answers)
                self._discard()
        if self._closed:
            return []
        from panelapp.metrics.store import figure_outcomes

        return figure_outcomes(pack, use_cache=use_cache)

    def close(self) -> None:
        """Stop the child, if it has not answered: the app quit, or never opened."""
        self._closed = True
        self._discard()

    def _discard(self) -> None:
        """Close what is left of the pipes and stop the child."""
        with self._lock:
            requests, self._requests = self._requests, None
            answers, self._answers = self._answers, None
        for fd in (requests, answers):
            if fd is not None:
                os.close(fd)
        self._end(stop=True)

    def _answer(self, answers: int) -> list[Outcome] | BaseException | None:
        """What the child sent; None when it died (or was stopped) first."""
        with os.fdopen(answers, "rb") as pipe:
            data = pipe.read()
        self._end(stop=False)
        if not data:
            return None
        try:
            kind, value = pickle.loads(data)
        except Exception:  # noqa: BLE001 - cut short as it was stopped: computed here instead
            return None
        if kind == "figures" and isinstance(value, list):
            return value
        if kind == "error" and isinstance(value, Exception):
            return value
        return None

    def _end(self, *, stop: bool) -> None:
        """Reap the child, stopping it first if ``stop``; under the lock, so no reused id is hit."""
        with self._lock:
            pid, self._pid = self._pid, None
            if pid is None:
                return
            if stop:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGTERM)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)


def _fork() -> tuple[int, int, int] | None:
    """Fork the child; (its process id, the pipe from it, the pipe to it), or None."""
    if not hasattr(os, "fork") or not _one_thread():
        return None
    child_reads, parent_writes = os.pipe()
    try:
        parent_reads, child_writes = os.pipe()
    except OSError:
        os.close(child_reads)
        os.close(parent_writes)
        return None
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


_THREADED = ("numpy", "pyarrow", "pandas")
"""Libraries that start threads the threading module does not know of."""


def _one_thread() -> bool:
    """Whether this process runs a single thread, the only state in which forking is safe."""
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:  # no /proc (macOS): ask Python, and whether native threads may exist
        return threading.active_count() == 1 and not any(m in sys.modules for m in _THREADED)


def _child(incoming: int, outgoing: int) -> None:
    """Import the engine, wait for the pack, compute, answer; then leave without cleanup.

    The terminal stays the app's: nothing the child prints may reach it, and
    Ctrl+C before the app takes the keyboard is the parent's to handle.
    Figures that cannot be sent are not sent: the parent then computes them.
    """
    status = 1
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        keep_large_arrays()  # this process computes and ends; the app's own is left as it is
        quiet = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(quiet, fd)
        os.close(quiet)
        # What reading a file needs, while the parent reads the config. pandas
        # is left to compute_item, which imports it while the files are read.
        from panelapp.metrics import reading, store  # noqa: F401

        with os.fdopen(incoming, "rb") as pipe:
            request = pipe.read()
        if not request:
            return  # the parent stopped before it had a pack
        pack, use_cache = pickle.loads(request)
        try:
            outcomes = store.figure_outcomes(pack, use_cache=use_cache)
            answer: tuple[str, object] = ("figures", outcomes)
        except Exception as exc:  # noqa: BLE001 - handed to the parent, which shows it
            answer = ("error", _portable(exc))
        data = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(outgoing, "wb") as pipe:
            pipe.write(data)
        status = 0
    finally:
        os._exit(status)


def _portable(error: Exception) -> Exception:
    """``error`` if it survives pickling; else an error with its type, message and traceback."""
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:  # noqa: BLE001 - any failure to travel: describe it instead
        where = "".join(traceback.format_exception(error)[-3:]).strip()
        return RuntimeError(f"{type(error).__name__}: {error} ({where})")
    return error
