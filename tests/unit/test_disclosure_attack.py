"""An attacker over the public item: from the JSON and from the screen, nothing small comes back.

Episode data with small groups is generated; the whole item (KPIs with
their months and last year, themes with highlights and breakdowns) is
computed and put under disclosure control; then an attacker who knows the
pack's definitions tries every sum and difference over what `check --json
--public` prints, and over what the KPI slides, tiles and theme slides
show, for a hidden count from 1 to the threshold.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from panelapp.check import to_json
from panelapp.config import Breakdown, Cohort, Disclosure, Filter, Highlight, Kpi, Theme
from panelapp.metrics.disclosure import disclose
from panelapp.metrics.results import ItemFigures
from panelapp.ui import text
from panelapp.ui.text import Style
from panelapp.ui.widgets.breakdown import table_rows
from panelapp.ui.widgets.trend import Trend

from .attacker import Attacker, read_item
from .items import item_figures

LA = Filter(column="LOOKED_AFTER", op="is_true")
GIRL = Filter(column="SEX", op="eq", value=2)
BOY = Filter(column="SEX", op="eq", value=1)
EXPLOITED = Filter(any=(Filter(column="CCE", op="is_true"), Filter(column="CSE", op="is_true")))
KPIS = (
    Kpi(id="children", title="Children", measure="distinct_count"),
    Kpi(id="episodes", title="Episodes", measure="record_count"),
    Kpi(id="in_care", title="In care", measure="share", numerator=LA),
    Kpi(id="girls", title="Girls", measure="share", numerator=GIRL),
    Kpi(
        id="rhi",
        title="RHI offered",
        measure="rate",
        of="episodes",
        numerator=Filter(column="RHI_OFFERED", op="is_true"),
    ),
    Kpi(id="top", title="Top 3", measure="top_n_share", n=3, matching=LA),
)
KINDS = {
    "children": "distinct_count",
    "episodes": "record_count",
    "in_care": "share",
    "girls": "share",
    "rhi": "rate_episodes",
    "top": "top_n_share",
}
THEMES = (
    Theme(
        id="all",
        title="Every child",
        highlights=(
            Highlight(id="la", label="looked after", filter=LA),
            Highlight(id="female", label="female", filter=GIRL, episode="latest"),
            Highlight(id="male", label="male", filter=BOY, episode="latest"),
            Highlight(id="exploited", label="exploited", filter=EXPLOITED),
        ),
        breakdowns=(
            Breakdown("sex"),
            Breakdown("looked_after"),
            Breakdown("exploitation"),
            Breakdown("ethnic_group"),
        ),
    ),
    Theme(
        id="repeat",
        title="Repeat",
        cohort=Cohort(min_episodes=2),
        highlights=(
            Highlight(id="la", label="looked after", filter=LA),
            Highlight(
                id="uasc",
                label="UASC",
                filter=Filter(column="UASC", op="is_true"),
                base="la",
            ),
        ),
        breakdowns=(Breakdown("looked_after"), Breakdown("uasc")),
    ),
)
RULES = Disclosure()
STYLE = Style()

mostly = st.sampled_from([True, True, True, False])
seldom = st.sampled_from([True, False, False, False])
child = st.fixed_dictionaries(
    {
        "SEX": st.sampled_from([1, 2, 2, None]),
        "ETHNIC": st.sampled_from(["WBRI", "MWBC", "AIND", "BAFR", "OOTH", "REFU"]),
        "DOB": st.sampled_from(["2004-06-01", "2008-01-01"]),
        "episodes": st.lists(
            st.fixed_dictionaries(
                {
                    "MIS_START": st.dates(dt.date(2020, 1, 1), dt.date(2021, 12, 31)),
                    "LOOKED_AFTER": mostly,
                    "CCE": seldom,
                    "CSE": seldom,
                    "UASC": seldom,
                    "RHI_OFFERED": mostly,
                }
            ),
            min_size=1,
            max_size=4,
        ),
    }
)


def figures_of(children: list[dict[str, Any]]) -> ItemFigures:
    """The item's private figures, computed by the engine from generated children."""
    rows = [
        {
            "CHILD": f"c{number:03}",
            **{k: v for k, v in kid.items() if k != "episodes"},
            **episode,
            "MIS_START": f"{episode['MIS_START']:%Y-%m-%d} 10:00",
            "MIS_END": f"{episode['MIS_START']:%Y-%m-%d} 20:00",
        }
        for number, kid in enumerate(children)
        for episode in kid["episodes"]
    ]
    return item_figures(rows, KPIS, THEMES)


def analyst(private: Mapping[str, Any], public: Mapping[str, Any]) -> Attacker:
    """Everything the JSON says, and every sum the pack's definitions make known."""
    attacker = Attacker(RULES.threshold)
    read_item(attacker, private, public, KINDS)
    kpis = {k["id"]: k for k in private["kpis"]}
    for when, months in (("current", "months"), ("previous", "previous_months")):
        spans = [when] + [f"{when}.{m['month']}" for m in kpis["children"][months]]
        for span in spans:
            for share in ("in_care", "girls"):
                attacker.same(f"children.{span}.value", f"{share}.{span}.denominator")
            for share in ("rhi", "top"):
                attacker.same(f"episodes.{span}.value", f"{share}.{span}.denominator")
    attacker.same("all.cohort", "children.current.value")
    for h in ("la", "female", "male", "exploited"):
        attacker.same(f"all.{h}.base", "all.cohort")
    attacker.same("in_care.current.numerator", "all.looked_after.Looked after")
    attacker.same("all.la.count", "all.looked_after.Looked after")
    attacker.same("girls.current.numerator", "all.sex.Female")
    attacker.same("all.female.count", "all.sex.Female")
    attacker.same("all.male.count", "all.sex.Male")
    exploited = ("Criminal only", "Sexual only", "Criminal and sexual")
    attacker.adds_up("all.exploited.count", [f"all.exploitation.{c}" for c in exploited])
    attacker.same("repeat.la.base", "repeat.cohort")
    attacker.same("repeat.la.count", "repeat.looked_after.Looked after")
    attacker.same("repeat.uasc.base", "repeat.la.count")
    top = kpis["top"]
    shown_top = {k["id"]: k for k in public["kpis"]}["top"]
    attacker.know("top.matching", top["matching"], shown_top["matching"])
    if top["numerator"] is not None and top["numerator"] != top["denominator"]:
        attacker.constant("top.n", 3)
        attacker.share("top.matching", "top.n", "top.not_matching")
    else:  # every child is in the top
        attacker.share("top.matching", "children.current.value", "top.not_matching")
    return attacker


# --- what the screens show ------------------------------------------------------

NUMBER = r"([\d,]+|\[c\])"


def _number(token: str) -> int | None:
    return None if token == STYLE.symbol else int(token.replace(",", ""))


def screen(public: ItemFigures) -> dict[str, int | None]:
    """Each count a KPI slide, tile or theme slide shows, read back from its words."""
    seen: dict[str, int | None] = {}
    for kpi in public.kpis:
        name = kpi.id
        if KINDS[name] in ("distinct_count", "record_count"):
            seen[f"{name}.current.value"] = _number(text.figure(kpi, STYLE))
            was = re.fullmatch(rf"{NUMBER} in 2020", text.previous(kpi, STYLE))
            assert was is not None, text.previous(kpi, STYLE)
            seen[f"{name}.previous.value"] = _number(was[1])
            change = text.change_amount(kpi, STYLE)
            if change:
                sign = -1 if change[0] == "−" else 1
                seen[f"{name}.change"] = sign * int(change.lstrip("+−±").replace(",", ""))
        else:
            detail = re.fullmatch(rf"{NUMBER} of {NUMBER}", text.detail(kpi, STYLE))
            if detail is not None:
                seen[f"{name}.current.numerator"] = _number(detail[1])
                seen[f"{name}.current.denominator"] = _number(detail[2])
            was = re.search(rf"\({NUMBER} of {NUMBER}\) in 2020", text.previous(kpi, STYLE))
            if was is not None:
                seen[f"{name}.previous.numerator"] = _number(was[1])
                seen[f"{name}.previous.denominator"] = _number(was[2])
        seen.update(_trend(kpi))
    for theme in public.themes:
        cohort = re.fullmatch(rf"{NUMBER} children", text.cohort(theme, STYLE))
        assert cohort is not None
        seen[f"{theme.id}.cohort"] = _number(cohort[1])
        for h in theme.highlights:
            shown = re.match(rf"\S+ \({NUMBER} of {NUMBER}\) ", text.highlight(h, STYLE))
            assert shown is not None, text.highlight(h, STYLE)
            seen[f"{theme.id}.{h.id}.count"] = _number(shown[1])
            seen[f"{theme.id}.{h.id}.base"] = _number(shown[2])
        for b in theme.breakdowns:
            for category, count, _, _ in table_rows(b, False, STYLE):
                seen[f"{theme.id}.{b.dimension}.{category}"] = _number(count)
    return seen


def _trend(kpi: Any) -> dict[str, int | None]:
    """Which months the chart draws, and the values it writes (lowest and highest)."""
    chart = Trend()
    chart.kpi = kpi
    lines = [words for words, _ in chart.lines()]
    seen: dict[str, int | None] = {}
    for when, points in (("current", kpi.monthly), ("previous", kpi.previous_monthly)):
        caption = "2021" if when == "current" else "2020"
        bars = lines[lines.index(caption) + 1].ljust(2 * len(points))
        for at, point in enumerate(points):
            glyph = bars[2 * at]  # one cell a month, a blank between (a chart of no size)
            # A hidden month is a dot (as is a month with nothing to measure), never a bar
            # or a blank that would read as zero; a known month is never a dot.
            assert (glyph == "·") == (not point.figure.known), (kpi.id, point)
    said = re.search(r"Lowest ([\d,]+) \((\w+ \d+)\), highest ([\d,]+) \((\w+ \d+)\)", lines[-1])
    if said is not None and kpi.unit == "count":
        for value, month in ((said[1], said[2]), (said[3], said[4])):
            day = dt.datetime.strptime(month, "%b %Y")
            when = "current" if day.year == 2021 else "previous"
            seen[f"{kpi.id}.{when}.{day:%Y-%m}.value"] = _number(value)
    return seen


years = st.lists(child, min_size=1, max_size=14)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(years)
def test_nothing_small_comes_back_from_the_public_item(children: list[dict[str, Any]]) -> None:
    private = figures_of(children)
    public = disclose(private, RULES)
    true_json = json.loads(to_json([private]))["items"][0]
    public_json = json.loads(to_json([public]))["items"][0]
    attacker = analyst(true_json, public_json)
    assert attacker.recovered() == []
    # The screens show nothing the JSON does not, so the same attacker gets nothing there.
    seen = screen(public)
    for name, value in seen.items():
        assert value == attacker.shown.get(name), name
    on_screen = analyst(true_json, public_json)
    on_screen.shown = {n: seen.get(n) if n in seen else None for n in on_screen.shown}
    assert on_screen.recovered() == []
