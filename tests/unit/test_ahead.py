"""Figures made in a forked process: the same figures, the same errors, nothing left behind.

The app shows whatever the child sends, so a child that computed anything
other than what ``panelapp check`` computes would put a wrong number in
front of a committee. Fork is only used in a process with no other thread,
and the test runner has several, so each case runs in a fresh interpreter
of its own, started as the command line is. Once the pack is sent, the
parent's own way of computing is replaced by one that fails (or says it
ran), so a case cannot pass on the parent's figures instead of the child's.
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from panelapp.config import ConfigError
from panelapp.errors import UserError
from panelapp.metrics.reading import DataError
from panelapp.minutes.draft import ExportError
from panelapp.minutes.migrations import JournalError
from panelapp.minutes.style import TemplateError
from tests.data.planted import planted_pickle

ROOT = Path(__file__).resolve().parents[2]
REPORT = "children-missing-review.txt"
"""The sample's report (its item's report_file), copied with the pack."""

forks = pytest.mark.skipif(not hasattr(os, "fork"), reason="the platform cannot fork")


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    folder = tmp_path / "pack"
    (folder / "data").mkdir(parents=True)
    shutil.copy(ROOT / "config.toml", folder / "config.toml")
    shutil.copy(ROOT / "data" / "missing_episodes.csv", folder / "data" / "missing_episodes.csv")
    shutil.copy(ROOT / "data" / REPORT, folder / "data" / REPORT)  # the item's report_file
    return folder / "config.toml"


def _run(script: str, pack: Path, tmp_path: Path, *, before_fork: str = "") -> dict[str, object]:
    """Run ``script`` (which ends by printing one JSON object) in a fresh interpreter.

    ``before_fork`` runs first, so the child inherits it. Then ``ahead`` is
    forked, ``pack`` loaded, and ``checked(figures)`` gives what
    ``panelapp check --json`` prints; ``computed_here`` swaps the parent's
    own way of computing for ``stand_in``; ``gone(pid)`` says a child has
    been reaped. Everything the process writes is checked: nothing but the
    JSON line may reach the terminal.
    """
    preamble = textwrap.dedent(before_fork) + textwrap.dedent(
        f"""
        import json, os, sys
        from panelapp.metrics.ahead import FiguresAhead
        ahead = FiguresAhead()
        from panelapp.config import load_pack
        pack = load_pack({str(pack)!r})
        from panelapp import check
        from panelapp.metrics import store
        from panelapp.metrics.engine import present
        def checked(figures):
            return check.to_json([present(f, pack) for f in figures])
        def computed_here(stand_in):
            store.figure_outcomes = stand_in
        def gone(pid):
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return True
            return False
        """
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    done = subprocess.run(
        [sys.executable, "-c", preamble + textwrap.dedent(script)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 1, lines
    result: dict[str, object] = json.loads(lines[0])
    return result


def _failing() -> str:
    """A stand-in for the parent's computing that fails if it is ever used."""
    return """
        def never(pack, use_cache=True):
            raise AssertionError("computed in the parent, not the child")
        """


@forks
def test_the_child_computes_what_checking_computes(pack: Path, tmp_path: Path) -> None:
    result = _run(
        _failing()
        + """
        forked = ahead.forked
        real = store.figure_outcomes
        ahead.compute(pack)
        pid = ahead._pid
        computed_here(never)
        from_child = checked(ahead(pack))
        here = checked(real(pack, use_cache=False))
        print(json.dumps({"forked": forked, "same": from_child == here, "gone": gone(pid),
                          "value": json.loads(here)["items"][0]["kpis"][0]["value"]}))
        """,
        pack,
        tmp_path,
    )
    assert result == {"forked": True, "same": True, "gone": True, "value": 425}
    assert list((tmp_path / "cache").rglob("*.figures.json")), "the child fills the cache"


@forks
def test_the_child_never_loads_a_pickle_planted_in_the_cache(
    pack: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The child reads the figures cache as the app does: JSON, never a stored pickle."""
    from panelapp.config import load_pack
    from panelapp.metrics import store

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    loaded = load_pack(pack)
    key = store.cache_key(loaded, next(i for i in loaded.items if i.has_figures))
    folder = store.paths.cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    marker = tmp_path / "unpickled"
    for name in (f"{key}{store.CACHE_SUFFIX}", f"{key}.pickle"):
        (folder / name).write_bytes(planted_pickle(marker))
    result = _run(
        _failing()
        + """
        real = store.raw_figures
        ahead.compute(pack)
        computed_here(never)
        from_child = checked(ahead(pack))
        print(json.dumps({"same": from_child == checked(real(pack, use_cache=False))}))
        """,
        pack,
        tmp_path,
    )
    assert result == {"same": True}
    assert not marker.exists()


@forks
def test_nothing_the_child_prints_reaches_the_terminal(pack: Path, tmp_path: Path) -> None:
    result = _run(
        """
        ahead.compute(pack)
        computed = ahead(pack)
        print(json.dumps({"items": len(computed)}))
        """,
        pack,
        tmp_path,
        before_fork="""
        import os, sys
        from panelapp.metrics import store
        real = store.figure_outcomes
        def noisy(pack, use_cache=True):
            print("to stdout")
            print("to stderr", file=sys.stderr)
            os.write(2, b"straight to the terminal\\n")
            return real(pack, use_cache=use_cache)
        store.figure_outcomes = noisy
        """,
    )
    # The parent computes nothing here (its figures come from the child), so
    # the only output is the JSON line; _run fails on anything else.
    assert result == {"items": 1}


@forks
def test_a_data_error_comes_back_as_the_items_outcome_with_the_same_message(
    pack: Path, tmp_path: Path
) -> None:
    (pack.parent / "data" / "missing_episodes.csv").write_text("CHILD,START\n")
    result = _run(
        _failing()
        + """
        from panelapp.metrics.reading import DataError
        ahead.compute(pack)
        computed_here(never)
        [outcome] = ahead(pack)
        message, kind = outcome.message, type(outcome).__name__
        try:
            store.raw_figures(pack, use_cache=False)
        except DataError as error:
            expected = error.message
        print(json.dumps({"message": message, "kind": kind, "expected": expected}))
        """,
        pack,
        tmp_path,
    )
    assert result["kind"] == "Unavailable", "one item's bad file is that item's outcome"
    assert result["message"] == result["expected"]
    assert "missing_episodes.csv" in str(result["message"])


@forks
def test_a_child_that_dies_is_computed_around(pack: Path, tmp_path: Path) -> None:
    result = _run(
        """
        import signal
        ahead.compute(pack)
        os.kill(ahead._pid, signal.SIGKILL)
        value = json.loads(checked(ahead(pack)))["items"][0]["kpis"][0]["value"]
        print(json.dumps({"value": value}))
        """,
        pack,
        tmp_path,
    )
    assert result == {"value": 425}


@forks
def test_another_request_or_a_second_load_is_computed_here(pack: Path, tmp_path: Path) -> None:
    result = _run(
        """
        ahead.compute(pack)
        pid = ahead._pid
        computed_here(lambda pack, use_cache=True: ["here", use_cache])
        other = ahead(pack, use_cache=False)  # not what the child was sent: stopped
        again = ahead(pack)  # the child is spent
        print(json.dumps({"other": other, "again": again, "gone": gone(pid),
                          "forked": ahead.forked}))
        """,
        pack,
        tmp_path,
    )
    assert result == {
        "other": ["here", False],
        "again": ["here", True],
        "gone": True,
        "forked": False,
    }


@forks
def test_closing_while_the_app_waits_stops_the_child_at_once(pack: Path, tmp_path: Path) -> None:
    """Quitting during a long load: the worker returns with nothing, the child is gone."""
    result = _run(
        _failing()
        + """
        import threading, time
        ahead.compute(pack)
        pid = ahead._pid
        computed_here(never)
        got = []
        waiting = threading.Thread(target=lambda: got.append(ahead(pack)))
        waiting.start()
        time.sleep(0.5)
        ahead.close()
        waiting.join(30)
        print(json.dumps({"returned": not waiting.is_alive(), "got": got, "gone": gone(pid)}))
        """,
        pack,
        tmp_path,
        before_fork="""
        import time
        from panelapp.metrics import store
        store.figure_outcomes = lambda pack, use_cache=True: time.sleep(600)
        """,
    )
    assert result == {"returned": True, "got": [[]], "gone": True}


@forks
def test_closing_before_the_pack_is_sent_leaves_no_child(pack: Path, tmp_path: Path) -> None:
    result = _run(
        """
        pid = ahead._pid
        ahead.close()
        print(json.dumps({"gone": gone(pid), "forked": ahead.forked, "figures": ahead(pack)}))
        """,
        pack,
        tmp_path,
    )
    assert result == {"gone": True, "forked": False, "figures": []}


@forks
def test_no_fork_once_other_threads_run(pack: Path, tmp_path: Path) -> None:
    result = _run(
        """
        ahead.close()
        import threading
        waiting = threading.Event()
        thread = threading.Thread(target=waiting.wait)
        thread.start()
        second = FiguresAhead()
        forked = second.forked
        second.compute(pack)
        figures = second(pack)
        waiting.set()
        thread.join()
        print(json.dumps({"forked": forked, "items": len(figures)}))
        """,
        pack,
        tmp_path,
    )
    assert result == {"forked": False, "items": 1}


def test_a_bad_config_on_the_command_line_is_one_line_and_leaves_no_child(
    tmp_path: Path,
) -> None:
    bad = tmp_path / "config.toml"
    bad.write_text("[meeting\n")
    script = textwrap.dedent(
        f"""
        import os, sys
        from panelapp.cli import main
        status = main([{str(bad)!r}])
        try:
            os.waitpid(-1, os.WNOHANG)
            sys.exit(99)  # a child is still there, reaped or not
        except ChildProcessError:
            sys.exit(status)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "config.toml" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    "error",
    [
        UserError("a.csv", "row 3", "is odd", "Fix it."),
        DataError("a.csv", "row 3", "MIS_START is not a date", "Write it as 05/02/2021."),
        ConfigError("config.toml", "items[1]", "has no title", "Give it one."),
        JournalError("meeting.journal.sqlite", "is damaged", "Restore the copy."),
        ExportError("minutes.md", "", "cannot be written", "Check the folder."),
        TemplateError("style.toml", "resolved", "is empty", "Write the phrase."),
    ],
    ids=lambda error: type(error).__name__,
)
def test_every_kind_of_user_error_travels_whole(error: UserError) -> None:
    """What the child raises reaches the presenter as the same message, of the same kind."""
    error.__notes__ = ["while reading the pack"]
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is type(error)
    assert back.message == error.message and str(back) == str(error)
    assert back.__notes__ == ["while reading the pack"]
