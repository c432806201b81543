"""Properties that must hold for any data: shares stay in [0, 1]; order changes nothing."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from panelapp.config import Cohort, Filter, Highlight, Kpi, Period, Theme
from panelapp.metrics.kpis import compute_kpi
from panelapp.metrics.themes import compute_theme

from .frames import ALL, episodes

YEAR = Period(dt.date(2021, 1, 1), dt.date(2021, 12, 31), "2021")
LAST = Period(dt.date(2020, 1, 1), dt.date(2020, 12, 31), "2020")
LA = Filter(column="LOOKED_AFTER", op="is_true")
KPIS = (
    Kpi(id="children", title="c", measure="distinct_count"),
    Kpi(id="episodes", title="e", measure="record_count"),
    Kpi(id="la", title="la", measure="share", numerator=LA),
    Kpi(
        id="rhi",
        title="r",
        measure="rate",
        of="episodes",
        numerator=Filter(column="RHI_COMPLETED", op="is_true"),
        denominator=Filter(column="RHI_OFFERED", op="is_true"),
    ),
    Kpi(id="top", title="t", measure="top_n_share", n=3, matching=LA),
    Kpi(id="median", title="m", measure="median_duration"),
)
THEME = Theme(
    id="repeat",
    title="Repeat",
    cohort=Cohort(min_episodes=2),
    highlights=(
        Highlight(id="la", label="la", filter=LA),
        Highlight(
            id="old", label="17+", filter=Filter(column="AGE", op="ge", value=17), episode="first"
        ),
    ),
)

flags = st.sampled_from([True, False, None])
rows = st.lists(
    st.fixed_dictionaries(
        {
            "CHILD": st.sampled_from(["a", "b", "c", "d", "e", "f"]),
            "MIS_START": st.datetimes(dt.datetime(2020, 1, 1), dt.datetime(2021, 12, 31)).map(
                lambda moment: f"{moment:%Y-%m-%d %H:%M}"
            ),
            "LOOKED_AFTER": flags,
            "RHI_OFFERED": flags,
            "RHI_COMPLETED": flags,
            "DOB": st.sampled_from(["2003-06-01", "2006-01-01", "2010-09-30"]),
        }
    ),
    min_size=0,
    max_size=30,
)


def _all_figures(frame):  # type: ignore[no-untyped-def]
    kpis = [compute_kpi(k, frame, ALL, YEAR, LAST) for k in KPIS]
    theme = compute_theme(THEME, frame, ALL, YEAR)
    return kpis, theme


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows, st.randoms(use_true_random=False))
def test_shares_in_range_and_order_changes_nothing(data, random) -> None:  # type: ignore[no-untyped-def]
    frame = episodes(*data) if data else episodes({"CHILD": "z", "MIS_START": "2019-01-01"})
    kpis, theme = _all_figures(frame)
    for kpi in kpis:
        if kpi.unit == "percent" and kpi.current.value is not None:
            assert 0 <= kpi.current.value <= 1
    for highlight in theme.highlights:
        assert highlight.share is None or 0 <= highlight.share <= 1

    shuffled = frame.sample(frac=1, random_state=random.randint(0, 10_000))
    columns = list(shuffled.columns)
    random.shuffle(columns)
    again_kpis, again_theme = _all_figures(shuffled[columns])
    assert [k.current for k in again_kpis] == [k.current for k in kpis]
    assert [k.previous for k in again_kpis] == [k.previous for k in kpis]
    assert again_theme.highlights == theme.highlights
