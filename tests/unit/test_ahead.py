"""Figures made in a forked process: the same figures, the same errors, nothing left behind.

The app shows whatever the child sends, so a child that computed anything
other than what ``panelapp check`` computes would put a wrong number in
front of a committee. Fork is only used in a process with no other thread,
and the test runner has several, so each case runs in a fresh interpreter
of its own, started as the command line is.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the platform cannot fork")


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    folder = tmp_path / "pack"
    (folder / "data").mkdir(parents=True)
    shutil.copy(ROOT / "config.toml", folder / "config.toml")
    shutil.copy(ROOT / "data" / "missing_episodes.csv", folder / "data" / "missing_episodes.csv")
    return folder / "config.toml"


def _run(script: str, pack: Path, tmp_path: Path) -> dict[str, object]:
    """Run ``script`` (which ends by printing one JSON object) in a fresh interpreter.

    It starts with ``ahead`` forked, ``pack`` loaded and ``checked(figures)``.
    """
    preamble = textwrap.dedent(
        f"""
        import json, os, sys
        from panelapp.metrics.ahead import FiguresAhead
        ahead = FiguresAhead()
        from panelapp.config import load_pack
        pack = load_pack({str(pack)!r})
        from panelapp import check
        from panelapp.metrics.engine import present
        def checked(figures):  # what `panelapp check --json` prints
            return check.to_json([present(f, pack) for f in figures])
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
    assert done.stderr == ""  # nothing the child did reached the terminal
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_the_child_computes_what_checking_computes(pack: Path, tmp_path: Path) -> None:
    result = _run(
        """
        forked = ahead.forked
        ahead.compute(pack)
        pid = ahead._child[0]
        from_child = checked(ahead(pack))
        from panelapp.metrics.store import raw_figures
        here = checked(raw_figures(pack, use_cache=False))
        try:
            os.kill(pid, 0)
            reaped = False
        except ProcessLookupError:
            reaped = True
        print(json.dumps({"forked": forked, "same": from_child == here, "reaped": reaped,
                          "children": json.loads(here)["items"][0]["kpis"][0]["value"]}))
        """,
        pack,
        tmp_path,
    )
    assert result["forked"] is True
    assert result["same"] is True
    assert result["reaped"] is True
    assert result["children"] == 425  # the sample's headline, as published
    assert list((tmp_path / "cache").rglob("*.pickle")), "the child fills the cache"


def test_a_data_error_comes_back_as_the_same_message(pack: Path, tmp_path: Path) -> None:
    (pack.parent / "data" / "missing_episodes.csv").write_text("CHILD,START\n")
    result = _run(
        """
        from panelapp.errors import UserError
        ahead.compute(pack)
        try:
            ahead(pack)
            message = None
        except UserError as error:
            message = error.message
        from panelapp.metrics.store import raw_figures
        try:
            raw_figures(pack, use_cache=False)
        except UserError as error:
            expected = error.message
        print(json.dumps({"message": message, "expected": expected}))
        """,
        pack,
        tmp_path,
    )
    assert result["message"] is not None
    assert result["message"] == result["expected"]
    assert "missing_episodes.csv" in str(result["message"])


def test_a_child_that_dies_is_computed_around(pack: Path, tmp_path: Path) -> None:
    result = _run(
        """
        import signal
        ahead.compute(pack)
        os.kill(ahead._child[0], signal.SIGKILL)
        figures = ahead(pack)
        print(json.dumps({"kpis": json.loads(checked(figures))["items"][0]["kpis"][0]["value"]}))
        """,
        pack,
        tmp_path,
    )
    assert result["kpis"] == 425


def test_another_pack_or_a_second_load_is_computed_here(pack: Path, tmp_path: Path) -> None:
    result = _run(
        """
        ahead.compute(pack)
        pid = ahead._child[0]
        first = ahead(pack, use_cache=False)  # not what the child was asked: stopped
        second = ahead(pack)  # the child is spent: computed here
        try:
            os.kill(pid, 0)
            reaped = False
        except ProcessLookupError:
            reaped = True
        print(json.dumps({"reaped": reaped, "same": len(first) == len(second) == 1,
                          "forked": ahead.forked}))
        """,
        pack,
        tmp_path,
    )
    assert result == {"reaped": True, "same": True, "forked": False}


def test_closing_before_the_pack_is_sent_leaves_no_child(pack: Path, tmp_path: Path) -> None:
    result = _run(
        """
        pid = ahead._child[0]
        ahead.close()
        try:
            os.kill(pid, 0)
            gone = False
        except ProcessLookupError:
            gone = True
        print(json.dumps({"gone": gone, "forked": ahead.forked}))
        """,
        pack,
        tmp_path,
    )
    assert result == {"gone": True, "forked": False}


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


def test_a_bad_config_on_the_command_line_leaves_no_child(tmp_path: Path) -> None:
    bad = tmp_path / "config.toml"
    bad.write_text("[meeting\n")
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from panelapp.cli import main; sys.exit(main())",
            str(bad),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "config.toml" in done.stderr
    assert "Traceback" not in done.stderr
