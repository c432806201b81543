"""The bundled sample, through the real engine, reproduces the published minute."""

from __future__ import annotations

from pathlib import Path

import pytest

from panelapp.config import load_pack
from panelapp.metrics import format as fmt
from panelapp.metrics.engine import compute_item, present
from panelapp.metrics.results import ItemFigures

ROOT = Path(__file__).parents[2]


@pytest.fixture(scope="module")
def figures() -> ItemFigures:
    pack = load_pack(ROOT / "config.toml")
    return present(compute_item(pack, pack.item("4")), pack)


def test_children_missing_fell_by_a_fifth(figures: ItemFigures) -> None:
    kpi = figures.kpi("children_missing")
    assert (kpi.current.value, kpi.previous.value) == (425, 531)  # type: ignore[union-attr]
    assert kpi.change is not None and fmt.relative(kpi.change) == "20%"
    assert kpi.change.judgement == "better"
    assert kpi.narrative == (
        "There was a 20% reduction in the total number of missing children in "
        "January – December 2021 in comparison to 2020."
    )


def test_episodes_about_2050(figures: ItemFigures) -> None:
    assert 2000 <= figures.kpi("episodes").current.value <= 2100  # type: ignore[operator]


def test_mace_share(figures: ItemFigures) -> None:
    kpi = figures.kpi("mace_share")
    assert (kpi.current.numerator, kpi.current.denominator) == (105, 425)
    assert kpi.narrative.startswith(
        "25% (105) of the 425 children had been subjected to the Multi-Agency Child Exploitation"
    )


def test_looked_after_share_shows_the_true_32_percent(figures: ItemFigures) -> None:
    kpi = figures.kpi("looked_after_share")
    assert (kpi.current.numerator, kpi.current.denominator) == (134, 425)
    assert kpi.previous is not None and kpi.previous.numerator == 174
    assert fmt.percent(kpi.current.value) == "32%"
    assert kpi.narrative == (
        "32% (134) of the 425 children were in care of the local authority, "
        "which was 23% lower than for 2020."
    )


def test_top_twenty_children(figures: ItemFigures) -> None:
    kpi = figures.kpi("top20_episode_share")
    assert fmt.percent(kpi.current.value) == "41%"
    assert kpi.matching == 20
    assert "all 20 of them were in care of the local authority" in kpi.narrative


def test_return_home_interviews(figures: ItemFigures) -> None:
    offered, completed = figures.kpi("rhi_offered_rate"), figures.kpi("rhi_completed_rate")
    assert fmt.percent(offered.current.value) == "93%"
    assert fmt.percent(completed.current.value) == "49%"
    assert fmt.percent(completed.previous.value) == "71%"  # type: ignore[union-attr]
    assert (offered.rag, completed.rag) == ("amber", "red")


def test_repeat_missing_children(figures: ItemFigures) -> None:
    theme = figures.theme("repeat")
    assert theme.cohort == 100
    counts = {h.id: (h.count, h.base) for h in theme.highlights}
    assert counts == {
        "exploited": (95, 100),
        "bame": (85, 100),
        "looked_after": (80, 100),
        "uasc_of_looked_after": (16, 80),
        "aged_17_plus": (75, 100),
        "male": (55, 100),
        "female": (45, 100),
    }
    assert theme.narrative == (
        "Key themes of repeat missing children included 95% of criminal and/or sexual "
        "exploitation; 85% were of Black, Asian or ethnic minority background; 80% were of "
        "Children Looked After, of which 20% were unaccompanied asylum seeking children; "
        "75% were children aged 17 years and above; 55% were male and 45% were female."
    )
    for breakdown in theme.breakdowns:
        assert sum(r.count or 0 for r in breakdown.rows) == 100, breakdown.dimension


def test_the_sample_is_clean(figures: ItemFigures) -> None:
    assert figures.findings == () and figures.excluded == 0
