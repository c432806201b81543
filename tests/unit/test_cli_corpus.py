"""Every bad input in tests/data/cases.toml, through the real command: status, one line, no trace.

Run as a separate process (``python -m panelapp``), as a user runs it: what
reaches the terminal is exactly what is asserted on.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

DATA = Path(__file__).parents[1] / "data"
ROOT = Path(__file__).parents[2]
CASES: list[dict[str, Any]] = tomllib.loads((DATA / "cases.toml").read_text("utf-8"))["case"]


def _long_header(path: Path) -> None:
    """A first line of 3 MB: past what is read to find the header, like a 200 MB one."""
    path.write_text("CHILD," + "X" * (3 << 20) + ",MIS_START\nC1,1,05/02/2021\n")


def _long_column_name(path: Path) -> None:
    """One column name of 200 KB: past the csv module's limit on a field."""
    path.write_text("CHILD," + "X" * 200_000 + ",MIS_START\nC1,1,05/02/2021\n")


def _quote_swallowing_megabytes(path: Path) -> None:
    """A stray quote on line 12 that takes the 3 MB after it: more than the reader holds."""
    rows = [f"C{n},05/02/2021" for n in range(200_000)]
    rows[10] = 'C10,"05/02/2021'
    path.write_text("\n".join(["CHILD,MIS_START", *rows]) + "\n")


MADE: dict[str, Callable[[Path], None]] = {
    "header-over-1mb.csv": _long_header,
    "column-name-200kb.csv": _long_column_name,
    "quote-swallows-megabytes.csv": _quote_swallowing_megabytes,
}
"""Files too large to keep in the repository, written before the cases that name them."""


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("made")
    for name, write in MADE.items():
        write(folder / name)
    return folder


def _label(case: dict[str, Any]) -> str:
    return " ".join(Path(arg).name if "/" in arg else arg for arg in case["args"])


@pytest.mark.parametrize("case", CASES, ids=_label)
def test_each_bad_input_is_answered_in_one_line_with_its_status(
    case: dict[str, Any], made: Path, tmp_path: Path
) -> None:
    args = [arg.format(data=DATA, root=ROOT, made=made) for arg in case["args"]]
    env = {k: v for k, v in os.environ.items() if k != "TEXTUAL_DRIVER"}
    env.update(XDG_CACHE_HOME=str(tmp_path / "cache"), XDG_DATA_HOME=str(tmp_path / "data"))
    done = subprocess.run(
        [sys.executable, "-m", "panelapp", *args],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env=env,
        timeout=120,
    )
    assert done.returncode == case["status"], done.stderr
    assert "Traceback" not in done.stderr and "unexpected error" not in done.stderr
    if case["status"] == 2:
        assert done.stdout == ""
        assert done.stderr.count("\n") == 1, done.stderr
        assert done.stderr.startswith("panelapp: ")
        assert case["where"] in done.stderr
        assert case["says"] in done.stderr
    else:
        assert done.stderr == ""
        assert case["says"] in done.stdout


def test_every_bad_file_has_a_case() -> None:
    named = {arg.format(data=DATA, root=ROOT, made="") for case in CASES for arg in case["args"]}
    for folder in ("bad_configs", "bad_inputs", "inputs"):
        for path in (DATA / folder).iterdir():
            assert str(path) in named, f"{path.name} has no case in tests/data/cases.toml"
    assert set(MADE) == {
        Path(arg).name for case in CASES for arg in case["args"] if arg.startswith("{made}")
    }
