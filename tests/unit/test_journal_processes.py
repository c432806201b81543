"""Real processes: a killed terminal loses nothing, and two terminals never collide."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import panelapp
from panelapp.minutes.journal import Journal

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

WRITER = """
import sys, time
from pathlib import Path
from panelapp.minutes.journal import Journal

path, count, name, go = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3], Path(sys.argv[4])
pause = float(sys.argv[5])  # lets the other writer in, so the two interleave
journal = Journal.open(path)
print("ready", flush=True)
while not go.exists():
    time.sleep(0.001)
for i in range(count):
    entry = journal.add("discussion", f"{name} {i}", item="5", speaker=name)
    print(entry.id, flush=True)
    time.sleep(pause)
journal.close()
"""


def _writer(
    path: Path, count: int, name: str, go: Path, pause: float = 0.0
) -> subprocess.Popen[str]:
    source = str(Path(panelapp.__file__).parents[1])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([source, os.environ.get("PYTHONPATH", "")])}
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), str(count), name, str(go), str(pause)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )


def _wait_ready(process: subprocess.Popen[str]) -> None:
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "ready"


def test_every_entry_reported_saved_survives_sigkill(tmp_path: Path) -> None:
    path, go = tmp_path / "meeting.journal.sqlite", tmp_path / "go"
    Journal.open(path).close()
    go.touch()
    process = _writer(path, 100_000, "clerk", go)
    assert process.stdout is not None
    try:
        _wait_ready(process)
        saved = [int(process.stdout.readline()) for _ in range(150)]
        process.send_signal(signal.SIGKILL)
        saved += [int(line) for line in process.stdout.read().split()]
    finally:
        process.kill()
        process.wait(timeout=10)
    assert process.returncode == -signal.SIGKILL
    with Journal.open(path) as journal:
        found = {entry.id for entry in journal.item_entries("5")}
    assert len(saved) >= 150
    assert set(saved) <= found


def test_two_writers_lose_nothing_and_share_no_position(tmp_path: Path) -> None:
    path, go = tmp_path / "meeting.journal.sqlite", tmp_path / "go"
    Journal.open(path).close()
    writers = [_writer(path, 200, name, go, pause=0.002) for name in ("clerk", "presenter")]
    try:
        for process in writers:
            _wait_ready(process)
        started = time.monotonic()
        go.touch()
        outputs = [process.communicate(timeout=30)[0] for process in writers]
    finally:
        for process in writers:
            process.kill()
            process.wait(timeout=10)
    assert [process.returncode for process in writers] == [0, 0]
    assert time.monotonic() - started < 10
    with Journal.open(path) as journal:
        entries = journal.item_entries("5")
    ids = [entry.id for entry in entries]
    assert len(entries) == 400
    assert len(set(ids)) == 400
    assert len({entry.position for entry in entries}) == 400
    assert sorted(ids) == sorted(int(i) for output in outputs for i in output.split())
    speakers = [entry.speaker for entry in entries]
    switches = sum(a != b for a, b in zip(speakers[:-1], speakers[1:], strict=True))
    assert switches >= 10, "the writers should have run at the same time"
    for name in ("clerk", "presenter"):
        mine = [entry.text for entry in entries if entry.speaker == name]
        assert mine == [f"{name} {i}" for i in range(200)]
