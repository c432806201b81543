"""What the start-up paths must not import, checked in a fresh interpreter.

Each path's speed rests on modules it never loads: the command line answers
``--help`` and ``check`` without Textual, a pack whose figures are cached
opens without pandas, and nothing the meeting needs only later (the minutes
export, the report check, the browser view) is paid for before the first
slide. Which modules a path imports can only be seen by running it, so each
case runs in a subprocess and reads ``sys.modules``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

LATER = ("docx", "jinja2", "pypdf", "textual_serve", "aiohttp")
"""The minutes export (Word, templates), the report check (PDF) and the browser view."""

ENGINE = ("pandas", "numpy", "pyarrow")
"""What computing figures needs, and presenting cached ones does not."""


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    folder = tmp_path / "pack"
    shutil.copytree(ROOT / "data", folder / "data")
    shutil.copy(ROOT / "config.toml", folder / "config.toml")
    return folder / "config.toml"


def run(code: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """``code`` in a fresh interpreter, with the test's own cache and data folders."""
    env = {
        **os.environ,
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done


def loaded(code: str, tmp_path: Path, watched: tuple[str, ...]) -> list[str]:
    """Which of the ``watched`` packages ``code`` imported, run in a fresh interpreter."""
    found = f"','.join(m for m in {watched!r} if m in sys.modules)"
    script = textwrap.dedent(code) + f"\nimport sys\nprint('loaded:' + {found}, file=sys.stderr)\n"
    done = run(script, tmp_path)
    [line] = [line for line in done.stderr.splitlines() if line.startswith("loaded:")]
    return [name for name in line.removeprefix("loaded:").split(",") if name]


def test_the_command_line_imports_no_ui_and_no_engine(tmp_path: Path) -> None:
    """Up to the fork of the figures' process: numpy and pyarrow start threads of their
    own, and a process with threads is not forked (metrics/ahead.py)."""
    code = "import panelapp.cli, panelapp.metrics.ahead"
    assert loaded(code, tmp_path, ("textual", "rich", *ENGINE)) == []


def test_opening_the_app_forks_the_figures_process(pack: Path, tmp_path: Path) -> None:
    """The command line's own start-up path leaves the fork's precondition true."""
    code = f"""
        from panelapp.cli import open_app
        app = open_app([{str(pack)!r}])
        print("forked:", app._loader.forked)
        app.stop_loading()
    """
    assert "forked: True" in run(code, tmp_path).stdout


def test_check_as_json_loads_no_ui_and_no_parquet_reader(pack: Path, tmp_path: Path) -> None:
    code = f"""
        from panelapp.cli import main
        main(["check", {str(pack)!r}, "--json", "--no-cache"])
    """
    watched = ("textual", "rich", "pyarrow.parquet", *LATER)
    assert loaded(code, tmp_path, watched) == []


APP = """
    import asyncio
    from panelapp.cli import open_app
    from panelapp.ui.screens.presenter import PresenterScreen

    async def first_slide():
        app = open_app([{pack!r}], seat={seat!r})
        async with app.run_test(headless=True, size=(120, 40)) as pilot:
            while not isinstance(app.screen, PresenterScreen):
                await asyncio.sleep(0.01)
            await pilot.pause()

    asyncio.run(first_slide())
"""


def test_the_first_slide_waits_for_nothing_the_meeting_needs_later(
    pack: Path, tmp_path: Path
) -> None:
    """An empty figures cache: the figures are computed, and that is all that loads."""
    assert loaded(APP.format(pack=str(pack), seat="solo"), tmp_path, LATER) == []


def test_a_cached_pack_opens_without_the_engine(pack: Path, tmp_path: Path) -> None:
    """The room's screen needs nothing of the engine; the solo seat, which also captures,
    reads the children's ids from the data files (pyarrow) after its first slide, for the
    capture's warning, and never needs pandas."""
    loaded(APP.format(pack=str(pack), seat="solo"), tmp_path, ())  # fills the figures cache
    assert loaded(APP.format(pack=str(pack), seat="present"), tmp_path, (*ENGINE, *LATER)) == []
    assert loaded(APP.format(pack=str(pack), seat="solo"), tmp_path, ("pandas", *LATER)) == []


_POLICY = ("NUMPY_MADVISE_HUGEPAGE", "MALLOC_MMAP_MAX_", "MALLOC_MMAP_THRESHOLD_")
_POLICY += ("MALLOC_TRIM_THRESHOLD_", "GLIBC_TUNABLES")


@pytest.mark.parametrize(
    ("users_own", "huge_pages", "pages_reused"),
    [
        ({}, False, True),
        ({"NUMPY_MADVISE_HUGEPAGE": "0", "MALLOC_MMAP_MAX_": "65536"}, False, False),
        ({"NUMPY_MADVISE_HUGEPAGE": "1"}, True, None),
    ],
    ids=["as-set", "users-malloc", "users-numpy"],
)
def test_a_computing_command_keeps_large_arrays_memory_for_reuse(
    pack: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    users_own: dict[str, str],
    huge_pages: bool,
    pages_reused: bool | None,
) -> None:
    """Set before numpy is imported, or it has no effect: numpy on small pages, and the
    memory of a freed array of 64 MB given to the next one without a page fault per page.
    Values the user set are kept (the benchmarks turn the device off that way)."""
    for name in _POLICY:
        monkeypatch.delenv(name, raising=False)
    for name, value in users_own.items():
        monkeypatch.setenv(name, value)
    code = f"""
        from panelapp.cli import entry
        entry(["check", {str(pack)!r}, "--json", "--no-cache"])
        import numpy

        def faults():
            return int(open("/proc/self/stat").read().rsplit(")", 1)[1].split()[7])

        numpy.ones(8_000_000)  # 64 MB, freed at once
        before = faults()
        numpy.ones(8_000_000)
        print("new pages:", faults() - before)
        print("huge pages:", numpy._core.multiarray._set_madvise_hugepage(True))
    """
    done = run(code, tmp_path).stdout
    assert f"huge pages: {huge_pages}" in done
    if sys.platform.startswith("linux") and pages_reused is not None:
        [line] = [line for line in done.splitlines() if line.startswith("new pages:")]
        pages = int(line.split()[-1])
        # 15,625 pages of 4 KB when the array is mapped afresh.
        assert pages < 1000 if pages_reused else pages > 10_000, line


def test_main_and_the_app_leave_their_process_memory_alone(
    pack: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """main() runs in callers' processes (tests among them), and the app's own process would
    keep its peak through a meeting: only the figures' forked process sets the policy."""
    for name in _POLICY:
        monkeypatch.delenv(name, raising=False)
    code = f"""
        import os
        from panelapp.cli import main, open_app
        app = open_app([{str(pack)!r}])
        main(["check", {str(pack)!r}, "--json", "--no-cache"])
        print("forked:", app._loader.forked, "set:", "NUMPY_MADVISE_HUGEPAGE" in os.environ)
        app.stop_loading()
    """
    assert "forked: True set: False" in run(code, tmp_path).stdout
