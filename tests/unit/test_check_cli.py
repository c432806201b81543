"""`panelapp check`: exit statuses, JSON shape, and one line on stderr for bad input."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from panelapp import __version__
from panelapp.cli import main
from tests.unit.conftest import run

pytestmark = pytest.mark.usefixtures("private_folders")

ROOT = Path(__file__).parents[2]
DATA = Path(__file__).parents[1] / "data"


def test_sample_json_matches_the_documented_shape(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "check", str(ROOT / "config.toml"), "--json")
    assert status == 0, err
    (item,) = json.loads(out)["items"]
    assert item["number"] == "4"
    assert item["period"] == {
        "start": "2021-01-01",
        "end": "2021-12-31",
        "label": "January – December 2021",
    }
    assert item["previous_period"]["start"] == "2020-01-01"
    kpis = {k["id"]: k for k in item["kpis"]}
    looked_after = kpis["looked_after_share"]
    assert looked_after["value"] == pytest.approx(134 / 425)
    assert (looked_after["numerator"], looked_after["denominator"]) == (134, 425)
    assert (looked_after["previous_numerator"], looked_after["previous_denominator"]) == (174, 531)
    assert kpis["children_missing"]["value"] == 425 and kpis["children_missing"]["previous"] == 531
    for kpi in kpis.values():
        assert {
            "id",
            "title",
            "unit",
            "value",
            "numerator",
            "denominator",
            "previous",
            "rag",
            "suppressed",
        } <= set(kpi)
    (theme,) = item["themes"]
    assert theme["cohort"] == 100 and isinstance(theme["cohort"], int)
    assert {h["id"]: h["count"] for h in theme["highlights"]}["uasc_of_looked_after"] == 16
    assert {b["dimension"] for b in theme["breakdowns"]} >= {"age_band", "sex", "ethnic_group"}
    assert item["data_quality"] == []


def test_public_json_suppresses_small_counts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(capsys, "check", str(ROOT / "config.toml"), "--json", "--public")
    assert status == 0
    (theme,) = json.loads(out)["items"][0]["themes"]
    for breakdown in theme["breakdowns"]:
        for row in breakdown["rows"]:
            assert row["count"] is None or row["count"] == 0 or row["count"] > 5
            assert row["suppressed"] == (row["count"] is None)


def test_period_override_uses_the_default_previous_period(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = run(capsys, "check", str(ROOT), "--json", "--period", "2021-04-01..2021-06-30")
    assert status == 0
    item = json.loads(out)["items"][0]
    assert item["previous_period"] == {
        "start": "2021-01-01",
        "end": "2021-03-31",
        "label": "January 2021 – March 2021",
    }


def test_tables_without_json(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "check", str(ROOT / "config.toml"))
    assert status == 0
    assert "No data-quality findings" in out and "Repeat missing children" in out


def test_bad_config_is_exit_2_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "check", str(DATA / "bad_configs" / "unknown-key.toml"))
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and "Did you mean 'polarity'?" in err
    assert "Traceback" not in err


def test_missing_data_file_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "check", str(ROOT), "--data", "nowhere.csv")
    assert status == 2 and "does not exist" in err


def test_bad_command_line_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "check", str(ROOT), "--period", "last year")
    assert status == 2 and "YYYY-MM-DD" in err


@pytest.mark.parametrize("command", ["check", "export", "sample"])
def test_every_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main([command, "--help"])
    assert done.value.code == 0
    assert f"panelapp {command}" in capsys.readouterr().out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.strip() == f"panelapp {__version__}"


def test_check_runs_outside_the_repository_on_the_packaged_sample(tmp_path: Path) -> None:
    script = shutil.which("panelapp") or ""
    command = [script] if script else [sys.executable, "-m", "panelapp.cli"]
    done = subprocess.run(
        [*command, "check", "--json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"XDG_CACHE_HOME": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["items"][0]["kpis"][0]["value"] == 425


def test_public_check_still_exits_1_on_findings(capsys: pytest.CaptureFixture[str]) -> None:
    bad = str(DATA / "bad_inputs" / "overlap.csv")
    status, out, _ = run(capsys, "check", str(ROOT), "--data", bad, "--json", "--public")
    assert status == 1
    assert json.loads(out)["items"][0]["data_quality"] == []


def test_public_tables_print_the_symbol(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "check", str(ROOT), "--public")
    # The base stays where it is printed anyway: '100 children' heads the table.
    assert status == 0 and "[c] of 100" in out and "[c] of [c]" not in out


def test_findings_are_written_as_indented_json_writes_them(tmp_path: Path) -> None:
    """The findings' own writer gives the very bytes json.dumps(indent=2) gives."""
    from dataclasses import replace

    from panelapp import check
    from panelapp.config import load_pack
    from panelapp.metrics.engine import figures_for
    from panelapp.metrics.results import Finding

    pack = load_pack(ROOT / "config.toml")
    figures = figures_for(pack, pack.item("4"))
    odd = [
        Finding("574", 12, "MIS_START", 'say "hi"\n\tthen', "Ünïcode – 😀 \\ /", False, "a.csv"),
        Finding("QUOTE", None, "", "", "", True, "b c.csv"),
    ]
    items = [replace(figures, findings=tuple(odd)), figures, replace(figures, findings=())]
    written = check.to_json(items)
    rebuilt = json.loads(written)
    assert [len(item["data_quality"]) for item in rebuilt["items"]] == [2, 0, 0]
    assert written == json.dumps(rebuilt, indent=2, ensure_ascii=False)


@pytest.mark.parametrize("public", [False, True])
def test_rows_lost_to_a_stray_quote_print_the_finding_and_no_figures(
    capsys: pytest.CaptureFixture[str], public: bool
) -> None:
    flags = ["--public"] if public else []
    data = str(DATA / "bad_inputs" / "stray-quote.csv")
    status, out, _ = run(capsys, "check", str(ROOT / "config.toml"), "--data", data, *flags)
    assert status == 1
    assert "Figures not shown: rows were lost to a stray quote mark" in " ".join(out.split())
    assert "KPIs" not in out and "Children missing" not in out
