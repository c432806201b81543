"""The two example packs: written whole by `panelapp sample --pack`, opened by `--example`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from panelapp import paths
from tests.unit.conftest import run

pytestmark = pytest.mark.usefixtures("private_folders")

ROOT = Path(__file__).parents[2]
SHIPPED = ROOT / "src" / "panelapp" / "examples" / "placements"


def files(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_the_placements_pack_is_written_as_shipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, "sample", "--pack", "placements", "--out", str(tmp_path / "p"))
    assert status == 0, err
    assert files(tmp_path / "p") == files(SHIPPED)
    assert "episodes.csv (1,742 records)" in out
    assert f"Open it with: panelapp {tmp_path / 'p'}" in out


def test_the_missing_pack_is_written_whole_and_matches_the_sample(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(capsys, "sample", "--pack", "missing", "--out", str(tmp_path / "m"))
    assert status == 0, err
    written = files(tmp_path / "m")
    assert set(written) == {
        "config.toml",
        "data/missing_episodes.csv",
        "data/children-missing-review.txt",
    }
    assert written["data/missing_episodes.csv"] == (ROOT / "data/missing_episodes.csv").read_bytes()
    status, out, err = run(capsys, "check", str(tmp_path / "m"), "--json")
    assert status == 0 and json.loads(out)["items"][0]["kpis"][0]["value"] == 425


def test_sample_alone_still_writes_only_the_missing_episodes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    status, out, _ = run(capsys, "sample")
    assert status == 0 and [p.name for p in tmp_path.iterdir()] == ["missing_episodes.csv"]
    assert out.startswith("Wrote 4,420 episodes")


def test_a_pack_is_written_into_a_folder_of_its_name_by_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "sample", "--pack", "placements")[0] == 0
    assert (tmp_path / "placements" / "config.toml").is_file()


def test_an_existing_pack_is_never_replaced_unasked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "config.toml").write_text("mine")
    status, out, err = run(capsys, "sample", "--pack", "placements", "--out", str(folder))
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and "config.toml already exists" in err and "--force" in err
    assert (folder / "config.toml").read_text() == "mine"
    assert not (folder / "data").exists()
    assert run(capsys, "sample", "--pack", "placements", "--out", str(folder), "--force")[0] == 0
    assert files(folder) == files(SHIPPED)


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["sample", "--pack", "placements", "--seed", "7"], "--seed: an example pack"),
        (["sample", "--pack", "nothing"], "invalid choice: 'nothing'"),
        (["check", "--example", "placements", "somewhere"], "not both"),
    ],
)
def test_mistakes_get_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: list[str], says: str
) -> None:
    status, out, err = run(capsys, *args)
    assert status == 2 and out == "" and err.count("\n") == 1 and says in err


def test_a_file_in_the_way_of_the_folder_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "p").write_text("")
    status, _, err = run(capsys, "sample", "--pack", "placements", "--out", str(tmp_path / "p"))
    assert status == 2 and "give a folder to write the placements pack in" in err


def test_example_opens_the_shipped_pack_for_any_command(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, err = run(capsys, "check", "--example", "placements", "--json")
    assert status == 0, err
    (item,) = json.loads(out)["items"]
    assert item["title"] == "Placement Stability" and item["kpis"][0]["value"] == 452
    assert run(capsys, "check", "--example", "missing", "--json")[0] == 0


def test_each_example_keeps_its_journal_in_the_users_data_folder() -> None:
    placements = paths.packaged_example("placements")
    assert paths.is_packaged_sample(placements)
    assert paths.journal_for(placements) == (
        paths.user_data_dir() / "sample-placements.journal.sqlite"
    )
    assert paths.journal_for(paths.packaged_example("missing")) == (
        paths.user_data_dir() / "sample.journal.sqlite"
    )
    assert paths.packaged_example("missing") == paths.packaged_sample()


def test_rows_a_stray_quote_swallowed_in_the_episodes_leave_the_item_without_figures(
    tmp_path: Path,
) -> None:
    from panelapp.config import load_pack
    from panelapp.metrics.results import Unavailable
    from panelapp.metrics.store import figure_outcomes
    from panelapp.sample_packs import write_pack

    write_pack("placements", tmp_path / "pack")
    episodes = tmp_path / "pack" / "data" / "episodes.csv"
    lines = episodes.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[9] = lines[9].replace(",S,", ',"S,', 1)
    episodes.write_text("".join(lines), encoding="utf-8")
    (outcome,) = figure_outcomes(load_pack(tmp_path / "pack"), use_cache=False)
    assert isinstance(outcome, Unavailable), "not figures made from what is left of the file"
    assert outcome.message.startswith("episodes.csv, row 10: A quoted value opens on line 10")
