"""A minute states only what the data says: cited figures as presented, no zeros from nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from panelapp.cli import main
from panelapp.config import ConfigError, load_pack
from panelapp.metrics.engine import compute_item, present
from panelapp.minutes.draft import build_minutes
from panelapp.minutes.export import render
from tests.data.journals.sample import copy_sample, sample_figures, sample_pack

OFFERED = (
    'narrative = "The Return Home Interviews (RHIs) was a statutory responsibility to understand '
    "why children go missing. The data showed {value} of RHIs was offered to children and "
    '{kpi.rhi_completed_rate.value} of the RHIs were completed."'
)


@pytest.fixture(autouse=True)
def _private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data-home"))


def edited(tmp_path: Path, old: str, new: str) -> Path:
    config = copy_sample(tmp_path)
    text = config.read_text(encoding="utf-8")
    assert old in text
    config.write_text(text.replace(old, new), encoding="utf-8")
    return config


# ---------------------------------------------------------------------------
# One sentence, two figures


def test_a_sentence_carries_a_figure_of_another_kpi_of_the_item() -> None:
    [figures] = sample_figures()
    offered = next(k for k in figures.kpis if k.id == "rhi_offered_rate")
    assert offered.narrative.endswith(
        "The data showed 93% of RHIs was offered to children and 49% of the RHIs were completed."
    )


def test_the_cited_kpi_is_not_minuted_a_second_time() -> None:
    [figures] = sample_figures()
    highlights = build_minutes(sample_pack(), sample_figures()).items[3].highlights
    completed = next(k for k in figures.kpis if k.id == "rhi_completed_rate")
    assert completed.narrative not in highlights
    assert sum("49%" in line for line in highlights) == 1


@pytest.mark.parametrize(
    ("placeholder", "message"),
    [
        (
            "{kpi.rhi_complete_rate.value}",
            "cites no KPI of this item ('rhi_complete_rate'). "
            "Did you mean {kpi.rhi_completed_rate.value}?",
        ),
        ("{kpi.rhi_completed_rate.valu}", "Did you mean {kpi.rhi_completed_rate.value}?"),
        ("{kpi.rhi_completed_rate}", "unknown placeholder {kpi.rhi_completed_rate}"),
    ],
)
def test_a_citation_that_names_nothing_is_caught_when_the_pack_is_read(
    tmp_path: Path, placeholder: str, message: str
) -> None:
    wrong = OFFERED.replace("{kpi.rhi_completed_rate.value}", placeholder)
    config = edited(tmp_path, OFFERED, wrong)
    with pytest.raises(ConfigError, match="narrative") as caught:
        load_pack(config)
    assert message in str(caught.value)


def test_a_suppressed_cited_figure_is_the_symbol_and_never_its_value(tmp_path: Path) -> None:
    # Every count under 1,000 hidden: 934 RHIs completed is, 1,906 offered is not.
    pack = load_pack(edited(tmp_path, "threshold = 5 ", "threshold = 999 "))
    item = next(i for i in pack.items if i.number == "4")
    public = present(compute_item(pack, item), pack, public=True)
    completed = next(k for k in public.kpis if k.id == "rhi_completed_rate")
    assert completed.current.suppressed
    offered = next(k for k in public.kpis if k.id == "rhi_offered_rate")
    assert "and [c] of the RHIs were completed" in offered.narrative
    assert "49%" not in offered.narrative


# ---------------------------------------------------------------------------
# A file with a header and no rows


def header_only(tmp_path: Path) -> Path:
    config = copy_sample(tmp_path)
    data = tmp_path / "data" / "missing_episodes.csv"
    data.write_text(data.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    return config


def test_a_file_with_no_rows_is_a_finding_and_check_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(header_only(tmp_path))]) == 1
    out = " ".join(capsys.readouterr().out.split())
    assert "no-rows" in out and "header but no rows" in out


def test_the_minute_says_the_figures_were_not_available_not_zeros(tmp_path: Path) -> None:
    pack = load_pack(header_only(tmp_path))
    item = next(i for i in pack.items if i.number == "4")
    figures = present(compute_item(pack, item), pack)
    text = render(build_minutes(pack, [figures], item="4"), "md")
    assert isinstance(text, str)
    assert "Children missing: not available (the data file has no rows)." in text
    # The completion rate is cited by a sentence that cannot be written: it stands alone.
    assert "Return Home Interviews completed: not available" in text
    assert "N/a" not in text and "of the 0 children" not in text and "0 of 0" not in text


def test_a_period_empty_in_a_file_with_rows_still_counts_zero(tmp_path: Path) -> None:
    period = "start = 2021-01-01\nend = 2021-12-31"
    config = edited(tmp_path, period, period.replace("2021", "2030"))
    pack = load_pack(config)
    item = next(i for i in pack.items if i.number == "4")
    figures = compute_item(pack, item)
    assert not any(f.rule == "no-rows" for f in figures.findings)
    missing = next(k for k in figures.kpis if k.id == "children_missing")
    assert missing.available and missing.current.value == 0
