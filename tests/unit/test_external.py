"""Figures computed elsewhere present exactly like computed ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from panelapp.config import load_pack
from panelapp.metrics.engine import figures_for
from panelapp.metrics.external import load_metrics
from panelapp.metrics.reading import DataError

PACK = Path(__file__).parents[1] / "data" / "packs" / "external"


def test_external_kpi_has_comparison_rag_and_narrative() -> None:
    pack = load_pack(PACK)
    figures = figures_for(pack, pack.item("1"))
    kpi = figures.kpi("rhi_england")
    assert (kpi.current.numerator, kpi.current.denominator) == (630, 1000)
    assert kpi.previous is not None and kpi.previous.value == pytest.approx(0.61)
    assert kpi.change is not None and kpi.change.judgement == "better"
    assert kpi.rag == "green"
    assert kpi.monthly[0].figure.value == pytest.approx(50 / 80)
    assert kpi.narrative.startswith("RHIs completed, England was 63% in")


def test_record_kpi_without_records_is_not_available() -> None:
    pack = load_pack(PACK)
    kpi = figures_for(pack, pack.item("1")).kpi("local_children")
    assert not kpi.available
    assert "no episode records" in kpi.reason


def test_bad_period_in_metrics_file_names_the_row(tmp_path: Path) -> None:
    bad = tmp_path / "m.csv"
    bad.write_text("indicator,period,value\nx,last year,1\n")
    with pytest.raises(DataError, match="row 2: the period is not a year, month or range"):
        load_metrics(bad)
