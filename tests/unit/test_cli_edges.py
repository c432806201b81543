"""The command line at its edges: no terminal, pipes, signals, permissions, bugs, the sample."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from panelapp import atomic, cli, report
from panelapp.cli import SAMPLE_NAME, UsageError, main, run_app
from tests.unit.conftest import run

pytestmark = pytest.mark.usefixtures("private_folders")

DATA = Path(__file__).parents[1] / "data"
ROOT = Path(__file__).parents[2]


# -- opening the app -------------------------------------------------------------


class _App:
    """Stands in for the app: the command line only runs it and reads its status."""

    return_code = 3
    ran = False

    def run(self) -> None:
        self.ran = True

    def stop_loading(self) -> None:
        pass


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True

    def fileno(self) -> int:
        return 0


def test_without_a_terminal_the_app_refuses_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    monkeypatch.setattr(sys, "stdin", io.StringIO())
    monkeypatch.setattr(cli, "open_app", lambda argv, seat: pytest.fail("the app was opened"))
    with pytest.raises(UsageError, match="standard input is not one"):
        run_app([str(DATA / "packs" / "minimal")])


def test_a_web_driver_with_a_pipe_for_stdin_is_not_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """textual-serve runs the app with a pipe for stdin and names its driver."""
    monkeypatch.setenv("TEXTUAL_DRIVER", "textual.drivers.web_driver:WebDriver")
    monkeypatch.setattr(sys, "stdin", io.StringIO())
    app = _App()
    monkeypatch.setattr(cli, "open_app", lambda argv, seat: app)
    assert run_app([]) == 3 and app.ran


@pytest.mark.parametrize("seat", ["present", "clerk", "viewer"])
def test_every_seat_without_a_terminal_is_refused_by_the_command(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], seat: str
) -> None:
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    monkeypatch.setattr(sys, "stdin", io.StringIO())
    monkeypatch.setattr(cli, "open_app", lambda argv, seat: pytest.fail("the app was opened"))
    status, out, err = run(capsys, seat, str(DATA / "packs" / "minimal"))
    assert (status, out) == (2, "")
    assert err.startswith("panelapp: the meeting opens in a terminal")


def test_the_browsers_viewer_under_textual_serve_opens(monkeypatch: pytest.MonkeyPatch) -> None:
    """`panelapp serve` runs `panelapp viewer` per browser, stdin a pipe, its driver named."""
    monkeypatch.setenv("TEXTUAL_DRIVER", "textual.drivers.web_driver:WebDriver")
    monkeypatch.setattr(sys, "stdin", io.StringIO())
    opened: list[tuple[list[str], str]] = []
    app = _App()

    def open_app(argv: list[str], seat: str) -> _App:
        opened.append((argv, seat))
        return app

    monkeypatch.setattr(cli, "open_app", open_app)
    assert main(["viewer", "--journal", "j.sqlite"]) == 3 and app.ran
    assert opened == [(["--journal", "j.sqlite"], "viewer")]


@pytest.mark.parametrize("seat", ["solo", "present", "clerk"])
def test_keys_typed_while_the_app_starts_are_not_echoed_nor_left_for_the_shell(
    monkeypatch: pytest.MonkeyPatch, seat: str
) -> None:
    import termios

    settings = [1, 2, 3, termios.ECHO | termios.ICANON, 5, 6, []]
    calls: list[tuple[int, list[Any]]] = []
    during: list[list[tuple[int, list[Any]]]] = []

    class App(_App):
        def run(self) -> None:
            during.append(list(calls))

    monkeypatch.setattr(sys, "stdin", _Terminal())
    monkeypatch.setattr(termios, "tcgetattr", lambda fd: list(settings))
    monkeypatch.setattr(termios, "tcsetattr", lambda fd, when, new: calls.append((when, new)))
    monkeypatch.setattr(cli, "open_app", lambda argv, seat: App())
    run_app([], seat=seat)
    quiet = [*settings[:3], termios.ICANON, *settings[4:]]
    assert during == [[(termios.TCSANOW, quiet)]]  # no echo while the app starts and runs
    assert calls[-1] == (termios.TCSAFLUSH, settings)  # as it was, and nothing left waiting


# -- output and status -----------------------------------------------------------


def test_check_into_a_closed_pipe_ends_quietly_with_the_datas_status(tmp_path: Path) -> None:
    """`panelapp check | head`: the reader goes before the report is written."""
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    for data, status in (("inputs/header-only.csv", 1), ("bad_inputs/overlap.csv", 1)):
        process = subprocess.Popen(
            [sys.executable, "-m", "panelapp", "check", str(ROOT), "--data", str(DATA / data)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        assert process.stdout is not None and process.stderr is not None
        process.stdout.close()
        assert process.wait(timeout=120) == status
        assert process.stderr.read() == b""


def test_json_counts_are_whole_numbers_and_shares_fractions(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = run(capsys, "check", str(ROOT), "--json")
    assert status == 0
    kpis = {k["id"]: k for k in json.loads(out)["items"][0]["kpis"]}
    assert '"value": 425,' in out and "425.0" not in out
    count = kpis["children_missing"]
    assert all(isinstance(count[key], int) for key in ("value", "previous", "change"))
    assert isinstance(kpis["looked_after_share"]["value"], float)


def test_public_tables_say_findings_exist_as_the_status_does(
    capsys: pytest.CaptureFixture[str],
) -> None:
    overlap = str(DATA / "bad_inputs" / "overlap.csv")
    status, out, _ = run(capsys, "check", str(ROOT), "--data", overlap, "--public")
    assert status == 1
    assert "The data has data-quality findings; public output does not list them." in out
    assert "No data-quality findings" not in out


def test_a_runaway_title_is_cut_in_the_tables(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """rich lays out a rule's title in time that grows with its square: it is cut before."""
    monkeypatch.setenv("COLUMNS", "250")
    pack = shutil.copytree(DATA / "packs" / "minimal", tmp_path / "pack")
    config = pack / "config.toml"
    config.write_text(
        config.read_text().replace('title = "Children Missing"', f'title = "{"x" * 20_000}"')
    )
    status, out, _ = run(capsys, "check", str(pack))
    assert status == 0
    rule = out.splitlines()[0]
    assert f"1. {'x' * (report.TITLE_CHARS - 1)}… — 01 January 2021 – 31 December 2021" in rule


# -- what a user cannot fix, and what they can -----------------------------------


def test_a_bug_is_one_line_naming_the_file_that_holds_its_details(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))

    def broken(argv: list[str]) -> int:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(cli, "run_check", broken)
    status, out, err = run(capsys, "check")
    assert (status, out) == (2, "")
    assert err.count("\n") == 1
    assert "unexpected error: RuntimeError: disk on fire. This is a bug in panelapp;" in err
    logged = Path(err.split("the details are in ")[1].split(". Please")[0])
    assert logged.is_relative_to(tmp_path / "state")
    details = logged.read_text()
    assert "Traceback" in details and "disk on fire" in details


def _locked(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder nobody may look into: mode 000, or for root (whom modes never stop) the same
    refusal the system would give."""
    if os.geteuid() != 0:
        folder.chmod(0)
        return
    stat = Path.stat

    def refuse(self: Path, *args: Any, **kwargs: Any) -> os.stat_result:
        if self.is_relative_to(folder) and self != folder:
            raise PermissionError(13, "Permission denied", str(self))
        return stat(self, *args, **kwargs)

    monkeypatch.setattr(Path, "stat", refuse)


def test_a_data_folder_that_cannot_be_read_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = shutil.copytree(DATA / "packs" / "minimal", tmp_path / "pack")
    _locked(pack / "data", monkeypatch)
    try:
        status, out, err = run(capsys, "check", str(pack))
    finally:
        (pack / "data").chmod(0o755)
    assert (status, out) == (2, "")
    assert err.count("\n") == 1
    assert "items[1].data.episodes[1]" in err and "Permission denied" in err
    assert "Check the permissions" in err


def test_data_given_on_the_command_line_in_a_locked_folder_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    shutil.copy(DATA / "bad_inputs" / "overlap.csv", locked / "episodes.csv")
    _locked(locked, monkeypatch)
    try:
        status, out, err = run(capsys, "check", str(ROOT), "--data", str(locked / "episodes.csv"))
    finally:
        locked.chmod(0o755)
    assert (status, out) == (2, "")
    assert err.count("\n") == 1 and "Permission denied" in err and "episodes.csv" in err


def test_a_killed_command_runs_its_clean_up(tmp_path: Path) -> None:
    """kill (SIGTERM) ends a command as Ctrl+C does: what it was writing is cleaned up."""
    marker = tmp_path / "cleaned"
    script = textwrap.dedent(
        f"""
        import os, signal
        from panelapp.cli import _ended_cleanly
        with _ended_cleanly():
            try:
                os.kill(os.getpid(), signal.SIGTERM)
            finally:
                open({str(marker)!r}, "w").close()
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60)
    assert done.returncode == 128 + 15
    assert marker.exists()


# -- the sample ----------------------------------------------------------------


def test_sample_writes_beside_a_pack_never_over_its_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = shutil.copytree(DATA / "packs" / "minimal", tmp_path / "pack")
    before = (pack / "data" / "episodes.csv").read_bytes()
    monkeypatch.chdir(pack)
    status, out, _ = run(capsys, "sample")
    assert status == 0 and out == f"Wrote 4,420 episodes to {SAMPLE_NAME}\n"
    assert (pack / SAMPLE_NAME).stat().st_size > 100_000
    assert (pack / "data" / "episodes.csv").read_bytes() == before


def test_sample_never_replaces_a_file_unless_forced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "episodes.csv"
    target.write_text("someone's data\n")
    status, out, err = run(capsys, "sample", "--out", str(target))
    assert (status, out) == (2, "")
    assert "already exists and was left as it is; add --force to replace it" in err
    assert target.read_text() == "someone's data\n"
    assert run(capsys, "sample", "--out", str(target), "--force")[0] == 0
    assert target.read_text().startswith("CHILD,DOB")
    assert [p.name for p in tmp_path.iterdir()] == ["episodes.csv"]  # no temporary file


def test_sample_into_a_folder_writes_the_sample_file_there(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(capsys, "sample", "--out", str(tmp_path))
    assert status == 0 and out.endswith(f"{tmp_path / SAMPLE_NAME}\n")
    assert (tmp_path / SAMPLE_NAME).read_text().startswith("CHILD,DOB")


# -- temporary files -----------------------------------------------------------


def test_a_temporary_file_left_by_a_killed_writer_goes_at_the_next_write(tmp_path: Path) -> None:
    draft = tmp_path / "minutes.md"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], stdout=-1)
    stale = atomic.temporary_name(draft, int(dead.stdout))
    stale.write_text("private minutes, half written")
    alive = atomic.temporary_name(draft, os.getppid())  # another terminal, still writing
    alive.write_text("being written")
    other = atomic.temporary_name(tmp_path / "other.md", int(dead.stdout))
    other.write_text("another draft's")
    atomic.write(draft, b"the minutes")
    assert draft.read_bytes() == b"the minutes"
    assert not stale.exists()
    assert alive.exists() and other.exists()


def test_a_write_that_must_not_replace_refuses_even_a_file_that_just_appeared(
    tmp_path: Path,
) -> None:
    target = tmp_path / "episodes.csv"
    target.write_text("theirs")
    with pytest.raises(FileExistsError):
        atomic.write(target, b"ours", overwrite=False)
    assert target.read_text() == "theirs"
    assert [p.name for p in tmp_path.iterdir()] == ["episodes.csv"]
