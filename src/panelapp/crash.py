"""What an unexpected error leaves behind: one line for the user, the details in a file.

A problem the user can fix is a :class:`~panelapp.errors.UserError` and says
what to do. Anything else is a bug in panelapp; the user is not shown a
traceback in front of a panel, but the traceback is not lost either: it is
written to the user's log folder, and the one line says where, so a report
can carry it.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import sys
import traceback
from pathlib import Path

from panelapp import __version__, paths


def record(error: BaseException) -> Path:
    """Write ``error``'s traceback, with the version and command, to a new file; its path.

    Raises OSError when the log folder cannot be written.
    """
    folder = paths.log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = folder / f"error-{stamp}-{os.getpid()}.log"
    details = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    path.write_text(
        f"panelapp {__version__}, Python {platform.python_version()} on {platform.platform()}\n"
        f"command: {' '.join(sys.argv)}\n\n{details}",
        encoding="utf-8",
    )
    return path


def unexpected(error: BaseException) -> str:
    """The one line for an error panelapp did not expect, naming the file that holds the details."""
    summary = " ".join(f"{type(error).__name__}: {error}".split())
    if len(summary) > 200:
        summary = summary[:199] + "…"
    try:
        where = f"the details are in {record(error)}"
    except OSError as failed:
        where = f"the details could not be saved ({failed.strerror or failed})"
    return f"unexpected error: {summary}. This is a bug in panelapp; {where}. Please report it."
