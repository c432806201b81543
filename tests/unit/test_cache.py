"""The figures cache: the same figures and findings as computing them, never stale.

A presenter reopening a pack gets figures from the cache, so a cached figure
that differed from a computed one, or outlived a change to the data or the
config, would be a wrong number in front of a committee.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from panelapp.cli import main
from tests.data.planted import planted_pickle

ROOT = Path(__file__).resolve().parents[2]
REPORT = "children-missing-review.txt"
"""The sample's report (its item's report_file), copied with the pack."""

DIRTY_ROWS = [
    "C1,01/01/2008,1,WBRI,M,05/02/2021 10:00,06/02/2021 12:30,Y,N,N,N,N,Y,Y",
    "C1,01/01/2008,1,WBRI,M,06/02/2021 09:00,05/02/2021 12:00,Y,N,N,N,N,Y,N",
    ",02/03/2009,2,BAFR,A,07/02/2021,,N,N,Y,N,Y,N,N",
    "C2,02/03/2009,9,XXXX,Q,31/02/2021,,maybe,N,N,N,N,N,Y",
    "C3,02/03/2009,2,BAFR,A,07/03/2020,08/03/2020,N,N,N,N,N,N,Y",
]
"""A few rows breaking rules 567, CHILD, SEX, ETHNIC, 1006, 1004, FLAG and RHI."""


@pytest.fixture
def pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The sample pack in a folder of its own, with the cache in another."""
    folder = tmp_path / "pack"
    (folder / "data").mkdir(parents=True)
    shutil.copy(ROOT / "config.toml", folder / "config.toml")
    shutil.copy(ROOT / "data" / "missing_episodes.csv", folder / "data" / "missing_episodes.csv")
    shutil.copy(ROOT / "data" / REPORT, folder / "data" / REPORT)  # the item's report_file
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return folder / "config.toml"


def check(pack: Path, capsys: pytest.CaptureFixture[str], *options: str) -> tuple[int, str]:
    status = main(["check", str(pack), "--json", *options])
    out, err = capsys.readouterr()
    assert err == ""
    return status, out


def cached(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache" / "panelapp").glob("*.figures.json"))


@pytest.mark.parametrize("public", [False, True], ids=["private", "public"])
def test_sample_figures_are_identical_with_and_without_the_cache(
    pack: Path, capsys: pytest.CaptureFixture[str], public: bool
) -> None:
    options = ("--public",) if public else ()
    computed = check(pack, capsys, "--no-cache", *options)
    filled = check(pack, capsys, *options)
    reopened = check(pack, capsys, *options)
    assert computed == filled == reopened
    assert json.loads(computed[1])["items"][0]["kpis"][0]["value"] == 425


def test_findings_are_identical_with_and_without_the_cache(
    pack: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = pack.parent / "data" / "missing_episodes.csv"
    data.write_text(data.read_text() + "\n".join(DIRTY_ROWS) + "\n")
    computed = check(pack, capsys, "--no-cache")
    check(pack, capsys)
    reopened = check(pack, capsys)
    assert reopened == computed
    status, out = reopened
    assert status == 1
    rules = {finding["rule"] for finding in json.loads(out)["items"][0]["data_quality"]}
    assert {"567", "CHILD", "SEX", "ETHNIC", "1006", "1004", "FLAG", "RHI"} <= rules


def test_the_cache_lives_under_xdg_cache_home(
    pack: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    check(pack, capsys, "--no-cache")
    assert cached(tmp_path) == []
    check(pack, capsys)
    assert len(cached(tmp_path)) == 1


def test_changed_data_is_recomputed(
    pack: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = check(pack, capsys)
    data = pack.parent / "data" / "missing_episodes.csv"
    data.write_text(data.read_text() + DIRTY_ROWS[0] + "\n")
    after = check(pack, capsys)
    assert after != before
    assert after == check(pack, capsys, "--no-cache")
    assert json.loads(after[1])["items"][0]["records"] == 4421
    assert len(cached(tmp_path)) == 2


def test_changed_config_is_recomputed(
    pack: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = check(pack, capsys)
    text = pack.read_text()
    assert "target = 95\n" in text
    pack.write_text(text.replace("target = 95\n", "target = 90\n"))
    after = check(pack, capsys)
    assert after != before
    assert after == check(pack, capsys, "--no-cache")
    assert len(cached(tmp_path)) == 2


def test_a_damaged_cache_file_is_recomputed_silently(
    pack: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    computed = check(pack, capsys)
    (entry,) = cached(tmp_path)
    for damage in (b"", b"not a pickle", entry.read_bytes()[:100]):
        entry.write_bytes(damage)
        assert check(pack, capsys) == computed  # check() also asserts nothing on stderr
        assert entry.read_bytes() != damage


def test_reopening_from_the_cache_does_not_load_pandas(
    pack: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The presenter's first screen does not wait for pandas when the figures are cached."""
    check(pack, capsys)
    code = (
        "import sys\n"
        "from panelapp.config import load_pack\n"
        "from panelapp.metrics.engine import present\n"
        "from panelapp.metrics.store import raw_figures\n"
        f"pack = load_pack({str(pack)!r})\n"
        "figures = [present(f, pack, public=p) for f in raw_figures(pack) for p in (False, True)]\n"
        "print(figures[0].kpis[0].current.value, 'pandas' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["425.0", "False"]


def test_a_settled_file_is_hashed_once(pack: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from panelapp.metrics import store

    data = pack.parent / "data" / "missing_episodes.csv"
    monkeypatch.setattr(store, "_SETTLED_NS", 0)
    first = store.file_digest(data)

    def no_hashing(**_: object) -> None:
        raise AssertionError("the file was hashed again")

    monkeypatch.setattr(store.hashlib, "blake2b", no_hashing)
    assert store.file_digest(data) == first


def test_a_rewritten_file_is_hashed_again_even_with_its_old_times(
    pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import time

    from panelapp.metrics import store

    data = pack.parent / "data" / "missing_episodes.csv"
    monkeypatch.setattr(store, "_SETTLED_NS", 0)
    before = data.stat()
    first = store.file_digest(data)
    text = data.read_bytes().replace(b"C1", b"C9", 1)
    deadline = time.monotonic() + 5
    while True:  # until the file system's timestamp tick has passed
        data.write_bytes(text)
        os.utime(data, ns=(before.st_atime_ns, before.st_mtime_ns))
        if data.stat().st_ctime_ns != before.st_ctime_ns or time.monotonic() > deadline:
            break
        time.sleep(0.01)
    assert data.stat().st_size == before.st_size
    assert store.file_digest(data) != first


def test_a_file_written_moments_ago_is_not_remembered(
    pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from panelapp.metrics import store

    data = pack.parent / "data" / "missing_episodes.csv"
    changed = data.stat().st_ctime_ns
    monkeypatch.setattr(store.time, "time_ns", lambda: changed + store._SETTLED_NS // 2)
    store.file_digest(data)
    assert not (store.paths.cache_dir() / "file-digests.json").exists()


def test_where_writes_keep_the_change_time_nothing_is_remembered(
    pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from panelapp.metrics import store

    monkeypatch.setattr(store, "_SETTLED_NS", 0)
    monkeypatch.setattr(store, "_CHANGE_TIME_MOVES", False)  # as on Windows
    store.file_digest(pack.parent / "data" / "missing_episodes.csv")
    assert not (store.paths.cache_dir() / "file-digests.json").exists()


def test_files_gone_are_forgotten(pack: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    from panelapp.metrics import store

    monkeypatch.setattr(store, "_SETTLED_NS", 0)
    gone = pack.parent / "data" / "old.csv"
    gone.write_bytes(b"CHILD,MIS_START\n")
    store.file_digest(gone)
    gone.unlink()
    data = pack.parent / "data" / "missing_episodes.csv"
    store.file_digest(data)
    memo = json.loads((store.paths.cache_dir() / "file-digests.json").read_text())
    assert list(memo) == [str(data.resolve())]


# ---------------------------------------------------------------------------
# A cache that cannot lie: keyed by the engine, data only, nothing identifying


def entry_of(tmp_path: Path) -> Path:
    (entry,) = cached(tmp_path)
    return entry


def test_a_pickle_planted_in_the_cache_folder_is_never_loaded(
    pack: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    computed = check(pack, capsys)
    entry = entry_of(tmp_path)
    marker = tmp_path / "unpickled"
    planted = planted_pickle(marker)
    for name in (entry.name, entry.name.replace(".figures.json", ".pickle"), "file-digests.json"):
        (entry.parent / name).write_bytes(planted)
    assert check(pack, capsys) == computed
    assert not marker.exists()
    assert json.loads(entry.read_bytes())["format"] == "panelapp-figures/1"  # overwritten


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="the platform has no named pipes")
def test_a_pipe_planted_under_an_entrys_name_does_not_hang_check(
    pack: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    computed = check(pack, capsys)
    entry = entry_of(tmp_path)
    entry.unlink()
    os.mkfifo(entry)
    assert check(pack, capsys) == computed
    assert entry.is_file()  # replaced by the entry


def test_the_figures_module_never_unpickles_a_file() -> None:
    from panelapp.metrics import store

    source = Path(store.__file__).read_text()
    assert "pickle" not in source.replace("never a pickle", "").replace(".pickle", "")


@pytest.mark.parametrize(
    "damage",
    [
        "empty",
        "truncated",
        "not json",
        "deep",
        "another entry",
        "wrong type",
        "missing field",
        "extra field",
        "bad date",
        "not a flag",
        "list",
    ],
)
def test_a_damaged_or_foreign_entry_is_recomputed_and_overwritten(
    pack: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], damage: str
) -> None:
    computed = check(pack, capsys)
    entry = entry_of(tmp_path)
    good = json.loads(entry.read_bytes())
    bad = json.loads(entry.read_bytes())
    figures = bad["figures"]
    if damage == "empty":
        data = b""
    elif damage == "truncated":
        data = entry.read_bytes()[: len(entry.read_bytes()) // 2]
    elif damage == "not json":
        data = b"\x80\x04\x95 not json"
    elif damage == "deep":
        data = b"[" * 100_000
    elif damage == "list":
        data = b"[]"
    else:
        if damage == "another entry":
            bad["key"] = "0" * 40
        elif damage == "wrong type":
            figures["kpis"][0]["current"]["value"] = "425"
        elif damage == "missing field":
            del figures["kpis"][0]["title"]
        elif damage == "extra field":
            figures["kpis"][0]["surprise"] = 1
        elif damage == "bad date":
            figures["period"]["start"] = "2021-13-01"
        elif damage == "not a flag":
            figures["public"] = "no"
        data = json.dumps(bad).encode()
    entry.write_bytes(data)
    assert check(pack, capsys) == computed  # check() also asserts nothing on stderr
    assert json.loads(entry.read_bytes()) == good


def test_a_changed_engine_source_with_a_warm_cache_is_recomputed(
    pack: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every share halved in measures.py: the cache must not keep serving 32%."""
    import panelapp

    status, warm = check(pack, capsys)
    copy = tmp_path / "engine" / "panelapp"
    shutil.copytree(Path(panelapp.__file__).parent, copy)

    def checked_by(engine: Path) -> dict[str, object]:
        code = (
            "import sys\n"
            f"sys.path.insert(0, {str(engine.parent)!r})\n"
            "from panelapp.cli import main\n"
            f"sys.exit(main(['check', {str(pack)!r}, '--json']))\n"
        )
        env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
        assert done.stderr == ""
        kpis = json.loads(done.stdout)["items"][0]["kpis"]
        return {k["id"]: k["value"] for k in kpis}

    shares = {k["id"]: k["value"] for k in json.loads(warm)["items"][0]["kpis"]}
    assert checked_by(copy) == shares  # the same engine elsewhere: the same entry
    assert len(cached(tmp_path)) == 1
    measures = copy / "metrics" / "measures.py"
    text = measures.read_text()
    line = "    value = numerator / denominator if denominator else None\n"
    assert line in text
    measures.write_text(text.replace(line, line.replace("/ denominator", "/ denominator / 2")))
    halved = checked_by(copy)
    assert halved["looked_after_share"] == pytest.approx(shares["looked_after_share"] / 2)
    assert len(cached(tmp_path)) == 2


def test_the_fingerprint_covers_the_engine_and_its_libraries(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import pandas

    from panelapp.metrics import store

    first = store.engine_fingerprint()
    assert store.engine_fingerprint() is first  # once per process
    assert f"pandas-{pandas.__version__}.dist-info" in store.library_versions().split()
    store.engine_fingerprint.cache_clear()
    monkeypatch.setattr(store, "library_versions", lambda: "pandas-0.0.dist-info")
    try:
        assert store.engine_fingerprint() != first
    finally:
        store.engine_fingerprint.cache_clear()


DOBS = ("31/02/2009", "14/07/2006")


def test_the_cache_holds_no_child_id_or_date_of_birth(
    pack: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = pack.parent / "data" / "missing_episodes.csv"
    rows = [
        f"C900001,{DOBS[0]},1,WBRI,M,05/02/2021 10:00,06/02/2021 12:30,Y,N,N,N,N,Y,Y",
        f"C900002,{DOBS[1]},2,BAFR,A,07/02/2021",  # ragged: quoted whole by rule ROW
        "C900003,09/03/2021,2,BAFR,A,07/03/2021,,N,N,N,N,N,N,Y",  # rule 586
    ]
    data.write_text(data.read_text() + "\n".join(rows) + "\n")
    computed = check(pack, capsys, "--no-cache")
    filled = check(pack, capsys)
    reopened = check(pack, capsys)
    assert computed == filled == reopened  # check reads the values back from the data file
    found = json.loads(reopened[1])["items"][0]["data_quality"]
    values = {(f["rule"], f["value"]) for f in found}
    assert ("DOB", DOBS[0]) in values
    assert any(rule == "ROW" and "C900002" in value for rule, value in values)
    assert "586" in {rule for rule, _ in values}
    text = entry_of(tmp_path).read_text()
    for identifying in ("C900001", "C900002", "C900003", *DOBS, "09/03/2021"):
        assert identifying not in text
    findings = json.loads(text)["figures"]["findings"]
    assert sorted(f["rule"] for f in findings if f["withheld"]) == ["DOB", "ROW"]


def dirty(pack: Path) -> None:
    data = pack.parent / "data" / "missing_episodes.csv"
    row = f"C900001,{DOBS[0]},1,WBRI,M,05/02/2021 10:00,06/02/2021 12:30,Y,N,N,N,N,Y,Y\n"
    data.write_text(data.read_text() + row)


def test_reopening_reads_no_value_back_until_a_view_asks(pack: Path) -> None:
    """The presenter's reopen does not read the data file for values no slide shows."""
    from panelapp.config import load_pack
    from panelapp.metrics.store import raw_figures
    from panelapp.metrics.withheld import read_back

    dirty(pack)
    loaded = load_pack(pack)
    (computed,) = raw_figures(loaded)
    (cached_figures,) = raw_figures(loaded)
    [withheld] = [f for f in cached_figures.findings if f.withheld]
    assert (withheld.rule, withheld.column, withheld.value) == ("DOB", "DOB", "")
    assert read_back(loaded, cached_figures) == computed
    assert read_back(loaded, computed) is computed  # nothing withheld: nothing read


def test_a_value_that_cannot_be_read_back_is_computed_afresh(
    pack: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dirty(pack)
    computed = check(pack, capsys)
    entry = entry_of(tmp_path)
    stored = json.loads(entry.read_bytes())
    [finding] = [f for f in stored["figures"]["findings"] if f["withheld"]]
    finding["row"] = 10**7  # no such row
    entry.write_text(json.dumps(stored))
    assert check(pack, capsys) == computed
