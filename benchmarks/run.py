"""The performance harness: ``python -m benchmarks [--quick]`` writes docs/performance.md.

Every figure is a ratio to a floor measured in the same run on the same
machine, with subject and floor runs interleaved, so the table stays
meaningful on a busy or slow machine. Each measured thing is its own child
process: its time runs from just before the process is started, and its peak
memory is that process's own (``wait4`` rusage), never the harness's.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from benchmarks.data import DATA_DIR, episode_file
from benchmarks.probe import FOLLOW_PAUSE, PAUSE

ROOT = Path(__file__).resolve().parent.parent
REPORT = "children-missing-review.txt"
"""The sample's report (its item's report_file), copied with the pack."""
PYTHON = sys.executable
LINEAR = 1.15
"""A per-row cost this much higher at 5M rows than at 1M is still linear: repeated runs of
the same file on a shared machine differ by about this much."""
NOTES = Path(__file__).parent / "notes.md"
"""What was changed to get here, and what is still short, kept by hand and copied in."""
BASELINE_PROFILE = Path(__file__).parent / "baseline_profile.txt"
"""``panelapp check`` on 1M rows profiled before the scale work, kept for comparison."""


# ---------------------------------------------------------------------------
# Measuring one child process


@dataclass
class Run:
    seconds: float
    peak_mb: float
    lines: list[str]
    """What the process printed after READY (probes print their results as JSON)."""


def run(command: Sequence[str], *, env: dict[str, str] | None = None, ready: bool = False) -> Run:
    """Run ``command`` to the end; time it to READY (``ready``) or to its exit."""
    environment = {**os.environ, **(env or {})}
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(
            list(command), stdout=subprocess.PIPE, stderr=errors, env=environment, text=True
        )
        assert process.stdout is not None
        seconds: float | None = None
        if ready:
            for line in process.stdout:
                if line.strip() == "READY":
                    seconds = time.perf_counter() - start
                    break
        rest = process.stdout.read()
        _, status, usage = os.wait4(process.pid, 0)
        code = os.waitstatus_to_exitcode(status)
        if seconds is None:
            seconds = time.perf_counter() - start
        # `panelapp check` exits 1 when the data has findings; that is still a measurement.
        if code not in (0, 1) or (ready and seconds is None):
            errors.seek(0)
            tail = errors.read().decode(errors="replace")[-2000:]
            raise RuntimeError(f"{' '.join(command)} failed ({code}):\n{tail}")
    # ru_maxrss is in kilobytes on Linux.
    return Run(seconds, usage.ru_maxrss / 1024, rest.splitlines())


def alternate(
    subject: Callable[[], Run], floor: Callable[[], Run], repeats: int
) -> tuple[list[Run], list[Run]]:
    """Subject and floor in turn, so a burst of load on the machine hits both."""
    subjects, floors = [], []
    for _ in range(repeats):
        subjects.append(subject())
        floors.append(floor())
    return subjects, floors


# ---------------------------------------------------------------------------
# The table


@dataclass
class Row:
    figure: str
    subject: list[float]
    floor: list[float] = field(default_factory=list)
    unit: str = "s"
    target: float | None = None
    """Upper bound on the ratio (or, with no floor, on the subject's own value)."""
    target_text: str = ""
    note: str = ""
    at_least: bool = False
    """The target is a lower bound (a likeness), not an upper one (a time)."""

    @property
    def ratio(self) -> float | None:
        if not self.floor:
            return None
        return statistics.median(self.subject) / statistics.median(self.floor)

    @property
    def passed(self) -> bool | None:
        if self.target is None:
            return None
        value = self.ratio if self.floor else statistics.median(self.subject)
        if value is None:
            return False
        return value >= self.target if self.at_least else value <= self.target


def spread(values: Sequence[float], unit: str) -> str:
    if not values:
        return "—"
    digits = 2 if unit in ("s", "×") else 0 if unit == "MB" else 1
    middle = statistics.median(values)
    if len(values) == 1:
        return f"{middle:.{digits}f} {unit}"
    return f"{middle:.{digits}f} {unit} ({min(values):.{digits}f}–{max(values):.{digits}f})"


def p95(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]


@dataclass
class Section:
    title: str
    about: str
    rows: list[Row] = field(default_factory=list)
    skipped: str = ""
    """Why the section was not measured, instead of numbers."""

    def markdown(self) -> str:
        out = [f"## {self.title}", "", self.about, ""]
        if self.skipped:
            return "\n".join([*out, f"**Not measured:** {self.skipped}", ""])
        out += [
            "| figure | measured: median (min–max) | floor: median (min–max) | ratio "
            "| target | pass | runs |",
            "|---|---|---|---|---|---|---|",
        ]
        for row in self.rows:
            ratio = f"{row.ratio:.2f}" if row.ratio is not None else "—"
            passed = {True: "pass", False: "**FAIL**", None: "—"}[row.passed]
            out.append(
                f"| {row.figure} | {spread(row.subject, row.unit)} | {spread(row.floor, row.unit)} "
                f"| {ratio} | {row.target_text or '—'} | {passed} | {len(row.subject)} |"
            )
        notes = [f"- {row.figure}: {row.note}" for row in self.rows if row.note]
        return "\n".join([*out, "", *notes, ""] if notes else [*out, ""])


# ---------------------------------------------------------------------------
# Packs


def sample_pack() -> Path:
    """A copy of the sample pack, so journals and caches never land in the repository."""
    folder = DATA_DIR / "pack_sample"
    (folder / "data").mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "config.toml", folder / "config.toml")
    shutil.copy(ROOT / "data" / "missing_episodes.csv", folder / "data" / "missing_episodes.csv")
    shutil.copy(ROOT / "data" / REPORT, folder / "data" / REPORT)  # the item's report_file
    return folder / "config.toml"


def large_pack(rows: int, shape: str) -> Path:
    """The sample pack's config over a generated file of ``rows`` episodes of ``shape``."""
    folder = DATA_DIR / f"pack_{shape}_{rows}"
    (folder / "data").mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "config.toml", folder / "config.toml")
    shutil.copy(ROOT / "data" / REPORT, folder / "data" / REPORT)  # the item's report_file
    link = folder / "data" / "missing_episodes.csv"
    link.unlink(missing_ok=True)
    link.symlink_to(episode_file(rows, "csv", shape))
    return folder / "config.toml"


def probe(*args: str, without: str = "") -> list[str]:
    """A probe's command; ``without`` names speed devices it turns off (benchmarks.probe)."""
    return [PYTHON, "-m", "benchmarks.probe", *(["--without", without] if without else []), *args]


SHAPES = ("national", "replicated")
"""The data shapes every figure of the scale, reopen and interaction sections is measured on."""


SCRATCH: list[Path] = []
"""Folders made for one run (caches, journals), removed when the run ends."""


def scratch(prefix: str) -> Path:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=prefix, dir=DATA_DIR))
    SCRATCH.append(folder)
    return folder


def fresh_cache() -> dict[str, str]:
    """An empty cache folder: the figures are computed as on a first open."""
    return {"XDG_CACHE_HOME": str(scratch("cache-"))}


def cannot_import(module: str) -> str:
    """Why ``module`` cannot be imported, or '' when it can (asked of a child process,
    so the harness stays small: on Linux a child's peak memory includes its parent's)."""
    check = subprocess.run([PYTHON, "-c", f"import {module}"], capture_output=True, text=True)
    return "" if check.returncode == 0 else check.stderr.strip().splitlines()[-1]


def ui_missing() -> str:
    """Why the app cannot be benchmarked, or '' when it can."""
    return cannot_import("panelapp.ui.app")


# ---------------------------------------------------------------------------
# Sections


def cold_start(repeats: int) -> Section:
    section = Section(
        "1. Cold start",
        "Process start to the first KPI screen painted (headless `run_test`, 120×40, the "
        "sample pack), against a bare Textual app that imports pandas and paints one screen. "
        "First open: an empty figures cache, so the figures are computed. Reopen: the cache "
        "already holds them.",
    )
    if reason := ui_missing():
        section.skipped = f"the app cannot be imported ({reason})"
        return section
    pack = str(sample_pack())
    floor = lambda: run(probe("floor-app"), ready=True)  # noqa: E731
    first, floors = alternate(
        lambda: run(probe("app", pack), env=fresh_cache(), ready=True), floor, repeats
    )
    warm_env = fresh_cache()
    run(probe("app", pack), env=warm_env, ready=True)
    warm, warm_floors = alternate(
        lambda: run(probe("app", pack), env=warm_env, ready=True), floor, repeats
    )
    section.rows = [
        Row(
            "sample pack, first open",
            [r.seconds for r in first],
            [r.seconds for r in floors],
            target=1.3,
            target_text="≤ 1.3",
        ),
        Row(
            "sample pack, reopened (cache warm)",
            [r.seconds for r in warm],
            [r.seconds for r in warm_floors],
            target=1.3,
            target_text="≤ 1.3",
        ),
    ]
    return section


def scale(sizes: Sequence[int], repeats: int) -> Section:
    section = Section(
        "2. Scale",
        "Whole processes: `panelapp check PACK --data FILE --json --no-cache` (load, validate, "
        "every KPI and theme of the sample config, cache bypassed) against `python -c` importing "
        'pandas and calling `pandas.read_csv(FILE, engine="pyarrow")` (or `read_parquet`) alone. '
        "Files of two shapes (`benchmarks/data.py`): national, shaped like a large authority's "
        "export (one child per six episodes, starts to the minute over two years, ISO date-times, "
        "Yes/No flags, open episodes, about 1% of rows with findings), and replicated, the sample "
        "repeated across boroughs (every value repeats, no findings). Memory is each process's "
        "own peak resident set. Growth: the per-row cost at 5M against 1M rows (1.00 is linear).",
    )
    pack = str(sample_pack())
    for shape in SHAPES:
        times: dict[tuple[int, str], float] = {}
        for rows in sizes:
            for kind in ("csv", "parquet"):
                times[rows, kind] = _scale_rows(section, pack, shape, rows, kind, repeats)
        if 5_000_000 in sizes and 1_000_000 in sizes:
            for kind in ("csv", "parquet"):
                growth = times[5_000_000, kind] / times[1_000_000, kind] / 5
                section.rows.append(
                    Row(
                        f"{shape}, growth 1M → 5M rows, {kind}: per-row cost",
                        [growth],
                        unit="×",
                        target=LINEAR,
                        target_text=f"≤ {LINEAR} (linear, within run-to-run noise)",
                    )
                )
    return section


def _scale_rows(
    section: Section, pack: str, shape: str, rows: int, kind: str, repeats: int
) -> float:
    """Time and memory rows of one file against the bare read; the check's median time."""
    path = str(episode_file(rows, kind, shape))
    reader = "read_csv(p, engine='pyarrow')" if kind == "csv" else "read_parquet(p)"
    bare = [PYTHON, "-c", f"import pandas; p = {path!r}; pandas.{reader}"]
    check = [PYTHON, "-m", "panelapp.cli", "check", pack, "--data", path, "--json", "--no-cache"]
    subjects, floors = alternate(lambda: run(check), lambda: run(bare), repeats)
    label = f"{shape}, {rows:,} rows, {kind}"
    is_target = rows == 1_000_000
    section.rows.append(
        Row(
            f"{label}: time",
            [r.seconds for r in subjects],
            [r.seconds for r in floors],
            target=2.0 if is_target else None,
            target_text="≤ 2.0" if is_target else "",
        )
    )
    section.rows.append(
        Row(
            f"{label}: peak memory",
            [r.peak_mb for r in subjects],
            [r.peak_mb for r in floors],
            unit="MB",
            target=3.0,
            target_text="≤ 3.0",
        )
    )
    return statistics.median(r.seconds for r in subjects)


def reopen(repeats: int) -> Section:
    section = Section(
        "3. Reopen",
        "Opening an unchanged 1M-row pack of each shape the second time: figures read from the "
        "on-disk cache (JSON keyed by the content hash of data and config and a fingerprint of "
        "the engine, in the platformdirs user cache, here a fresh `XDG_CACHE_HOME`), process "
        "start to the first KPI screen painted, against the cold-start floor of section 1.",
    )
    if reason := ui_missing():
        section.skipped = f"the app cannot be imported ({reason})"
        return section
    for shape in SHAPES:
        pack = str(large_pack(1_000_000, shape))
        env = warm_cache(pack)
        subjects, floors = alternate(
            lambda: run(probe("app", pack), env=env, ready=True),  # noqa: B023
            lambda: run(probe("floor-app"), ready=True),
            repeats,
        )
        section.rows.append(
            Row(
                f"{shape} 1M-row pack, second open",
                [r.seconds for r in subjects],
                [r.seconds for r in floors],
                target=1.2,
                target_text="≤ 1.2",
            )
        )
        section.rows.append(
            Row(
                f"{shape} 1M-row pack, second open: peak memory",
                [r.peak_mb for r in subjects],
                [r.peak_mb for r in floors],
                unit="MB",
            )
        )
    return section


def warm_cache(pack: str) -> dict[str, str]:
    """A cache folder that already holds ``pack``'s figures (made by ``panelapp check``)."""
    env = fresh_cache()
    run([PYTHON, "-m", "panelapp.cli", "check", pack, "--json"], env=env)
    return env


def interaction(repeats: int) -> Section:
    section = Section(
        "4. Interaction",
        "Keypress to repaint on the 1M-row pack of each shape (figures already loaded). Each "
        "key is sent as a terminal sends it; the clock stops once the key has taken effect, "
        "nothing it set off is still queued, and the screen has been composited and written "
        "out (Pilot's own `press` waits twice for 20 ms of idleness, and would time its own "
        "waiting). Keys come in rounds of four (next, previous, overview, drill-down) with "
        f"{PAUSE:g} s between rounds, as a presenter talks between slides. Median and 95th "
        "percentile over all presses; the first overview and the first drill-down of a run "
        "build their screens and are among them. The floor is a bare Textual app whose key "
        "changes one Static, timed the same way: what any keypress costs in Textual.",
    )
    if reason := ui_missing():
        section.skipped = f"the app cannot be imported ({reason})"
        return section
    floor = keypresses(probe("floor-keys", str(repeats)))["key"]
    section.rows.append(Row("bare Textual app, one Static changed: median", floor, unit="ms"))
    section.rows.append(Row("bare Textual app: 95th percentile", [p95(floor)], unit="ms"))
    for shape in SHAPES:
        pack = str(large_pack(1_000_000, shape))
        times = keypresses(probe("keys", pack, str(repeats)), warm_cache(pack))
        for action, values in times.items():
            section.rows.append(Row(f"{shape}, {action}: median", values, unit="ms"))
            section.rows.append(
                Row(
                    f"{shape}, {action}: 95th percentile",
                    [p95(values)],
                    unit="ms",
                    target=50,
                    target_text="≤ 50 ms",
                )
            )
    return section


def keypresses(command: list[str], env: dict[str, str] | None = None) -> dict[str, list[float]]:
    """What a keys probe measured: milliseconds per press, by action."""
    import json

    result: dict[str, list[float]] = json.loads(run(command, env=env, ready=True).lines[0])
    return result


def capture(entries: int, repeats: int) -> Section:
    import json

    section = Section(
        "5. Capture and export",
        f"Saving one journal entry ({entries} saved one by one, as the clerk presses Enter; "
        "WAL, `synchronous=FULL`) against bare sqlite3 doing the same insert and commit on the "
        "same disk; and exporting a meeting of 300 entries (draft built from the journal, "
        "rendered and written atomically) to Markdown and to Word.",
    )
    if reason := cannot_import("panelapp.minutes.export"):
        section.skipped = f"the minutes export cannot be imported ({reason})"
        return section
    folder = scratch("journal-")
    saved = json.loads(run(probe("journal", str(folder), str(entries)), ready=True).lines[0])
    section.rows.append(
        Row(
            "save one entry: 95th percentile",
            [p95(saved["entry"])],
            [p95(saved["bare"])],
            unit="ms",
            note=f"median {statistics.median(saved['entry']):.1f} ms against "
            f"{statistics.median(saved['bare']):.1f} ms bare",
        )
    )
    pack = str(sample_pack())
    exports = [
        json.loads(run(probe("export", pack, str(folder), "300"), ready=True).lines[0])
        for _ in range(repeats)
    ]
    section.rows.append(
        Row("export 300 entries to Markdown", [e["md"] for e in exports], unit="ms")
    )
    section.rows.append(
        Row("export 300 entries to Word (.docx)", [e["docx"] for e in exports], unit="ms")
    )
    return section


def follow(changes: int) -> Section:
    from panelapp.ui.room import POLL_SECONDS

    section = Section(
        "6. Following the room",
        "Two seats as two processes on one journal, as in a meeting: the room's screen "
        f"(`panelapp present`) changes slide {changes} times, {FOLLOW_PAUSE:g} s apart, and "
        "the clerk's desk (`panelapp clerk`) mirrors it. Each latency runs from the moment the "
        "key is sent to the room's screen until the desk has painted the new slide (one "
        "system-wide monotonic clock for both processes). The desk asks the journal every "
        f"{POLL_SECONDS:g} s whether anything changed (`PRAGMA data_version`), so most of the "
        "latency is that wait.",
    )
    if reason := ui_missing():
        section.skipped = f"the app cannot be imported ({reason})"
        return section
    import json

    pack = str(sample_pack())
    folder = scratch("follow-")
    journal = str(folder / "meeting.journal.sqlite")
    env = {**os.environ, **fresh_cache(), "XDG_DATA_HOME": str(folder)}
    run([PYTHON, "-m", "panelapp.cli", "check", pack, "--json"], env=env)
    watcher = subprocess.Popen(
        [PYTHON, "-m", "benchmarks.probe", "follow-watch", pack, journal, str(changes)],
        stdout=subprocess.PIPE,
        env=env,
        text=True,
    )
    assert watcher.stdout is not None
    driven = run(probe("follow-drive", pack, journal, str(changes)), env=env, ready=True)
    watched = watcher.stdout.read().splitlines()
    watcher.wait(60)
    sent = json.loads(driven.lines[0])
    seen = json.loads(next(line for line in watched if line.startswith("[")))
    latencies: list[float] = []
    moments = iter(seen)
    for slide, moment in sent:
        shown = next((m for s, m in moments if s == slide and m >= moment), None)
        if shown is not None:
            latencies.append((shown - moment) * 1000)
    section.rows = [
        Row("keypress on the room's screen to the desk: median", latencies, unit="ms"),
        Row(
            "keypress on the room's screen to the desk: 95th percentile",
            [p95(latencies)],
            unit="ms",
            target=500,
            target_text="≤ 500 ms",
            note=f"{len(latencies)} of {len(sent)} changes seen on the desk",
        ),
    ]
    return section


def serve_viewers(viewers: int) -> Section:
    section = Section(
        "7. Browser viewers",
        f"`panelapp serve` with the room's figures already shared in the journal, and {viewers} "
        "browsers joining one after another (websocket clients speaking textual-serve's "
        "protocol, each kept open). Start: from a browser opening its connection to the room's "
        "slide being sent to it, which includes starting its viewer process. Memory: each "
        "viewer process's resident set once its slide is drawn, read from /proc; textual-serve "
        "starts one such process per browser, and none of them computes a figure.",
    )
    if reason := cannot_import("textual_serve") or cannot_import("aiohttp"):
        section.skipped = f"textual-serve cannot be imported ({reason})"
        return section
    import asyncio

    pack = sample_pack()
    folder = scratch("serve-")
    journal = folder / "meeting.journal.sqlite"
    env = {**os.environ, **fresh_cache(), "XDG_DATA_HOME": str(folder)}
    share = (
        "import sys\n"
        "from panelapp.config import load_pack\n"
        "from panelapp.metrics.store import figures_for_pack\n"
        "from panelapp.metrics.portable import public_json\n"
        "from panelapp.minutes.journal import Journal\n"
        "from panelapp.minutes.room import OnScreen, put_on_screen, share_figures\n"
        "pack = load_pack(sys.argv[1])\n"
        "[figures] = figures_for_pack(pack, public=True)\n"
        "with Journal.open(sys.argv[2]) as j:\n"
        "    share_figures(j, {'4': public_json(figures)})\n"
        "    put_on_screen(j, OnScreen('4', 'children_missing', 'kpi', title='Children missing'))\n"
    )
    subprocess.run([PYTHON, "-c", share, str(pack), str(journal)], env=env, check=True)
    port = 18765
    server = subprocess.Popen(
        [PYTHON, "-m", "panelapp.cli", "serve", str(pack), "--journal", str(journal)]
        + ["--port", str(port), "--max-viewers", str(viewers + 1)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    try:
        starts, memory = asyncio.run(_join(port, viewers, server.pid))
    finally:
        server.terminate()
        server.wait(30)
    section.rows = [
        Row("one viewer: start to the room's slide", starts),
        Row("one viewer: memory (resident)", memory, unit="MB"),
        Row(
            f"{viewers} viewers: memory together",
            [sum(memory)],
            unit="MB",
            note="the server itself (aiohttp) not counted",
        ),
    ]
    return section


async def _join(port: int, viewers: int, server: int) -> tuple[list[float], list[float]]:
    """Browsers joining one by one: each one's start time (s) and its viewer's memory (MB)."""
    import asyncio

    import aiohttp

    url = f"http://127.0.0.1:{port}/ws?width=120&height=40"
    deadline = time.monotonic() + 30
    async with aiohttp.ClientSession() as session:
        while True:
            try:
                async with session.get(f"http://127.0.0.1:{port}/"):
                    break
            except aiohttp.ClientError:
                if time.monotonic() > deadline:
                    raise
                await asyncio.sleep(0.1)
        sockets = []
        starts: list[float] = []
        memory: list[float] = []
        known = set(_viewer_pids(server))
        for _ in range(viewers):
            start = time.perf_counter()
            socket = await session.ws_connect(url)
            sockets.append(socket)
            received = b""
            while b"Children missing" not in received:
                message = await socket.receive(timeout=60)
                if message.type == aiohttp.WSMsgType.BINARY:
                    received += message.data
            starts.append(time.perf_counter() - start)
            await asyncio.sleep(0.5)
            new = [pid for pid in _viewer_pids(server) if pid not in known]
            known.update(new)
            memory += [_resident_mb(pid) for pid in new]
        for socket in sockets:
            await socket.close()
    return starts, memory


def _viewer_pids(root: int) -> list[int]:
    """The viewer processes under the server (textual-serve runs each through a shell)."""
    found, queue = [], [root]
    while queue:
        pid = queue.pop()
        try:
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except OSError:
            continue
        for child in map(int, children):
            queue.append(child)
            try:
                command = Path(f"/proc/{child}/cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if b"viewer" in command and b"-m" in command:
                found.append(child)
    return found


def _resident_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


DEVICE_FIGURES: dict[str, tuple[str, str]] = {
    "fork": ("figures made in a forked process", "first"),
    "digest-memo": ("file hashes remembered", "reopen"),
    "quiet-gc": ("full collections held for a quiet moment", "keys"),
    "memory": ("large arrays' memory kept for reuse, on small pages", "check 5M"),
}
"""Each speed device (as benchmarks.probe turns it off): what it is, and the figure it serves."""


def devices(repeats: int) -> Section:
    """Each speed device's gain on the figure it serves: the same run with and without it."""
    section = Section(
        "9. What each speed device buys",
        "Each device that makes panelapp quicker at the cost of machinery, timed on the figure "
        "it serves with the device (measured) and without it (floor), in turns, in the same "
        "run; a probe turns the device off in its own process (`benchmarks/probe.py`, "
        "`--without`), so nothing in panelapp reads a switch. First open: the sample pack with "
        "an empty figures cache; reopen: the national 1M-row pack with its figures cached; keys: "
        "the 95th percentile of the keypresses of section 4 on that pack; check 5M: `panelapp "
        "check` of the national 5M-row Parquet file, as in section 2. A device whose ratio "
        "is above 0.95 gains less than 5% of its figure, and has no place: the devices removed "
        "for that, and their measurements, are listed under the fifth profile below.",
    )
    if reason := ui_missing():
        section.skipped = f"the app cannot be imported ({reason})"
        return section
    sample = str(sample_pack())
    large = str(large_pack(1_000_000, "national"))
    national = str(episode_file(5_000_000, "parquet", "national"))
    warm = warm_cache(large)
    measures: dict[str, Callable[[str], float]] = {
        "first": lambda off: (
            run(probe("app", sample, without=off), env=fresh_cache(), ready=True).seconds
        ),
        "reopen": lambda off: run(probe("app", large, without=off), env=warm, ready=True).seconds,
        "check 5M": lambda off: (
            run(
                probe("check", sample, "--data", national, "--json", "--no-cache", without=off)
            ).seconds
        ),
        "keys": lambda off: p95(
            [
                ms
                for times in keypresses(probe("keys", large, "20", without=off), warm).values()
                for ms in times
            ]
        ),
    }
    for figure, measure in measures.items():
        names = [name for name, (_, serves) in DEVICE_FIGURES.items() if serves == figure]
        assert names, f"no device serves {figure}"
        times: dict[str, list[float]] = {name: [] for name in ["", *names]}
        for _ in range(1 if figure == "keys" else repeats):
            for name in times:  # in turns, so a burst of load hits every variant
                times[name].append(measure(name))
        for name in names:
            what, _ = DEVICE_FIGURES[name]
            section.rows.append(
                Row(
                    f"{what} ({name}), {figure}",
                    times[""],
                    times[name],
                    unit="ms" if figure == "keys" else "s",
                    target=0.95,
                    target_text="≤ 0.95",
                )
            )
    return section


def likeness() -> Section:
    section = Section(
        "8. The minute's words",
        "Not a speed: how close the draft reads to the published minute. The reference meeting "
        "is replayed into a journal as a clerk would type it (tests/data/journals/"
        "reference_meeting.py), item 4 is exported with the shipped templates and the sample "
        "pack, and the draft's sentences are compared with the minute's (benchmarks/"
        "likeness.py: difflib's ratio over the sequences of normalised sentences, so a "
        "sentence counts only when it reads the same word for word). "
        "`python -m benchmarks.likeness` prints the sentences that differ.",
    )
    from benchmarks.likeness import MINUTE, measure

    result = measure(MINUTE)
    differ = sum(line.startswith("- draft") for line in result.differences())
    section.rows.append(
        Row(
            "replayed draft against the published minute: ratio",
            [result.ratio],
            unit="×",
            target=0.85,
            target_text="≥ 0.85",
            at_least=True,
            note=f"{len(result.draft)} draft sentences, {len(result.minute)} in the minute, "
            f"{differ} of the draft's without a twin",
        )
    )
    return section


def visidata(command: str | None) -> Section:
    section = Section(
        "Comparison: VisiData",
        "What an analyst would use instead for the same look at the 1M-row file: VisiData in "
        "batch mode (`vd -b FILE -o OUT.tsv`: load the file and write it out; batch mode draws "
        "no screen), against the same bare pandas read as section 2. Measured once.",
    )
    vd = command or shutil.which("vd")
    if vd is None:
        section.skipped = "VisiData is not installed (pass --visidata PATH to the `vd` command)"
        return section
    path = str(episode_file(1_000_000, "csv"))
    out = str(DATA_DIR / "visidata-out.tsv")
    loaded = run([vd, "-b", path, "-o", out])
    Path(out).unlink(missing_ok=True)
    bare = run([PYTHON, "-c", f"import pandas; pandas.read_csv({path!r}, engine='pyarrow')"])
    version = subprocess.run([vd, "--version"], capture_output=True, text=True).stdout.strip()
    section.rows = [
        Row("VisiData loads 1M rows: time", [loaded.seconds], [bare.seconds], note=version),
        Row("VisiData loads 1M rows: peak memory", [loaded.peak_mb], [bare.peak_mb], unit="MB"),
    ]
    return section


# ---------------------------------------------------------------------------
# The report


def machine() -> list[str]:
    cpu = (
        next(
            (
                line.split(":", 1)[1].strip()
                for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")
            ),
            platform.processor() or platform.machine(),
        )
        if Path("/proc/cpuinfo").exists()
        else platform.processor()
    )
    memory = ""
    if Path("/proc/meminfo").exists():
        kilobytes = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{kilobytes / 1024 / 1024:.1f} GB"
    versions = ", ".join(
        f"{name} {metadata.version(name)}" for name in ("pandas", "pyarrow", "textual", "numpy")
    )
    return [
        f"- Machine: {cpu}, {os.cpu_count()} cores, {memory} RAM; {platform.platform()}",
        f"- Python {platform.python_version()}; {versions}",
    ]


def profile_lines(limit: float = 0.1) -> list[str]:
    """Top of a pyinstrument profile of `panelapp check` on 1M rows, as it stands now."""
    output = scratch("profile-") / "profile.txt"
    command = [
        PYTHON,
        "-m",
        "pyinstrument",
        "-o",
        str(output),
        "-r",
        "text",
        "-m",
        "panelapp.cli",
        "check",
        str(sample_pack()),
        "--data",
        str(episode_file(1_000_000, "csv")),
        "--json",
        "--no-cache",
    ]
    subprocess.run(command, stdout=subprocess.DEVNULL, check=False)
    return top_lines(output.read_text(), limit)


def top_lines(text: str, limit: float) -> list[str]:
    """The profile's lines that took at least ``limit`` seconds."""
    import re

    kept = []
    for line in text.splitlines():
        found = re.search(r"(\d+\.\d{3}) ", line)
        if found and float(found.group(1)) >= limit:
            kept.append(line.rstrip())
    return kept


def report(sections: list[Section], args: argparse.Namespace, started: str, load: str) -> str:
    command = "python -m benchmarks" + (" --quick" if args.quick else "")
    lines = [
        "# Performance",
        "",
        f"Written by `{command}` on {started} (see the README's Performance section). "
        "Every figure is the median of repeated runs with the range (min–max) in brackets; "
        "ratios are the measured median over the floor's median, with measured and floor "
        "runs interleaved on the same machine in the same run.",
        "",
        *machine(),
        f"- Load average (1, 5, 15 min) before / after the run: {load}",
        "",
    ]
    for section in sections:
        lines.append(section.markdown())
    lines += [NOTES.read_text().strip(), ""]
    if args.profile:
        lines += [
            "## Profile: `panelapp check` on 1M clean rows",
            "",
            "pyinstrument, lines of 0.1 s or more. Before the scale work "
            "(`benchmarks/baseline_profile.txt`):",
            "",
            "```",
            *top_lines(BASELINE_PROFILE.read_text(), 0.1),
            "```",
            "",
            "Now:",
            "",
            "```",
            *profile_lines(),
            "```",
            "",
        ]
    return "\n".join(lines)


def compile_sources() -> None:
    """Byte-compile panelapp and the probes, as installing a package does.

    The floors' libraries were compiled when pip installed them. An editable
    install is compiled on first import, and never where
    PYTHONDONTWRITEBYTECODE is set (as on some CI machines); every timed run
    would then include compiling panelapp, which no installed copy pays.
    """
    import compileall

    import panelapp

    for folder in (Path(panelapp.__file__).parent, Path(__file__).parent):
        compileall.compile_dir(folder, quiet=1)


SECTIONS = (
    "cold",
    "scale",
    "reopen",
    "interaction",
    "capture",
    "follow",
    "serve",
    "likeness",
    "devices",
)
"""The sections a full run measures, in order (VisiData's comparison is extra)."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repeats, no 5M-row files")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "performance.md")
    parser.add_argument("--visidata", help="the `vd` command (default: vd on PATH)")
    parser.add_argument(
        "--no-profile",
        dest="profile",
        action="store_false",
        help="leave out the pyinstrument profile",
    )
    parser.add_argument(
        "--only",
        nargs="*",
        default=None,
        choices=[*SECTIONS, "visidata"],
        help="run only these sections",
    )
    args = parser.parse_args(argv)
    repeats = 3 if args.quick else 5
    sizes = (100_000, 1_000_000) if args.quick else (100_000, 1_000_000, 5_000_000)
    chosen = set(args.only or [*SECTIONS, "visidata"])
    started = time.strftime("%Y-%m-%d %H:%M")
    before = " ".join(f"{x:.2f}" for x in os.getloadavg())
    sections: list[Section] = []
    compile_sources()
    plan: list[tuple[str, Callable[[], Section]]] = [
        ("cold", lambda: cold_start(repeats)),
        ("scale", lambda: scale(sizes, 3)),
        ("reopen", lambda: reopen(repeats)),
        ("interaction", lambda: interaction(5 if args.quick else 20)),
        ("capture", lambda: capture(200, repeats)),
        ("follow", lambda: follow(20 if args.quick else 40)),
        ("serve", lambda: serve_viewers(3 if args.quick else 5)),
        ("likeness", likeness),
        ("devices", lambda: devices(3 if args.quick else 5)),
        ("visidata", lambda: visidata(args.visidata)),
    ]
    for name, measure in plan:
        if name in chosen:
            print(f"benchmarks: {name}…", file=sys.stderr, flush=True)
            sections.append(measure())
    after = " ".join(f"{x:.2f}" for x in os.getloadavg())
    text = report(sections, args, started, f"{before} / {after}")
    for folder in SCRATCH:
        shutil.rmtree(folder, ignore_errors=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text + "\n")
    print(f"benchmarks: wrote {args.out}", file=sys.stderr)
    return 0
