"""Public mode: small counts never show, and none comes back by adding or subtracting."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from panelapp.check import to_json
from panelapp.config import Breakdown, Disclosure, Filter, Highlight, Kpi, Theme, load_pack
from panelapp.metrics import format as fmt
from panelapp.metrics.disclosure import Hidden, disclose, hidden_count, is_small
from panelapp.metrics.engine import compute_item, figures_for, present
from panelapp.metrics.results import ItemFigures
from panelapp.metrics.suppression import Cell, Key, Relation, leaks, protect

from .attacker import Attacker, read_item
from .items import item_figures

ROOT = Path(__file__).parents[2]
RULES = Disclosure()
LA = Filter(column="LOOKED_AFTER", op="is_true")
GIRL = Filter(column="SEX", op="eq", value=2)
EVERYONE = Theme(
    id="all",
    title="Every child",
    breakdowns=(Breakdown("looked_after"), Breakdown("sex")),
)


def children(count: int, **fields: Any) -> list[dict[str, Any]]:
    """``count`` children with one episode each in 2021, all alike."""
    global _numbered
    rows = [
        {"CHILD": f"c{_numbered + i:04}", "MIS_START": "2021-03-01 10:00", **fields}
        for i in range(count)
    ]
    _numbered += count
    return rows


_numbered = 0


def json_of(figures: ItemFigures) -> dict[str, Any]:
    item: dict[str, Any] = json.loads(to_json([figures]))["items"][0]
    return item


# --- the rule and the method ----------------------------------------------------


def test_zero_is_safe_one_to_threshold_is_not() -> None:
    assert [is_small(n, 5) for n in (0, 1, 5, 6)] == [False, True, True, False]


def table(total: int, *parts: int) -> tuple[dict[Key, Cell], list[Relation]]:
    cells: dict[Key, Cell] = {"total": Cell(total, tier=3, known=total == 0)}
    cells.update({f"c{i}": Cell(n, known=n == 0) for i, n in enumerate(parts)})
    relation = (("total", 1), *((f"c{i}", -1) for i in range(len(parts))))
    return cells, [relation]


def test_a_lone_small_cell_takes_the_next_smallest_with_it() -> None:
    cells, relations = table(64, 40, 3, 12, 9, 0)
    assert protect(cells, relations, 5) == {"c1", "c3"}


def test_hidden_cells_adding_up_to_a_small_count_take_another_with_them() -> None:
    """[c] and [c] beside 40 of 43 would still say '3 children are in one or the other'."""
    cells, relations = table(52, 40, 2, 1, 9)
    hidden = protect(cells, relations, 5)
    assert {"c1", "c2"} < hidden and "c3" in hidden and "c0" not in hidden
    assert leaks(cells, relations, {"c1", "c2"}, 5)[0].value == 3


def test_a_derivation_through_two_relations_is_found() -> None:
    """A hidden cell worked out in one relation gives a small one away in the next."""
    cells: dict[Key, Cell] = {
        k: Cell(v) for k, v in {"t": 50, "a": 30, "b": 17, "c": 3, "s": 47}.items()
    }
    relations: list[Relation] = [
        (("t", 1), ("a", -1), ("b", -1), ("c", -1)),
        (("s", 1), ("a", -1), ("b", -1)),
    ]
    found = leaks(cells, relations, {"b", "c"}, 5)
    assert [(set(leak.cells), leak.value) for leak in found] == [({"c"}, 3)]
    hidden = protect(cells, relations, 5)
    assert not leaks(cells, relations, hidden, 5)


def test_nothing_small_nothing_hidden_and_threshold_zero_hides_nothing() -> None:
    cells, relations = table(64, 40, 24)
    assert protect(cells, relations, 5) == frozenset()
    cells, relations = table(43, 40, 3)
    assert protect(cells, relations, 0) == frozenset()


# --- the payloads of the security review ---------------------------------------


def test_37_of_40_in_care_beside_a_looked_after_table() -> None:
    """40 - 37 gave the 3 children not in care hidden in the table."""
    kpi = Kpi(id="in_care", title="In care", measure="share", numerator=LA)
    private = item_figures(
        children(37, LOOKED_AFTER=True) + children(3, LOOKED_AFTER=False), [kpi], [EVERYONE]
    )
    public = disclose(private, RULES)
    shown = public.kpi("in_care").current
    assert (shown.value, shown.numerator, shown.denominator) == (None, None, 40)
    assert fmt.share_detail(shown) == "[c] of 40"
    looked_after = public.theme("all").breakdowns[0]
    assert [r.count for r in looked_after.rows] == [None, None]
    attacker = Attacker()
    read_item(attacker, json_of(private), json_of(public), {"in_care": "share"})
    attacker.same("in_care.current.numerator", "all.looked_after.Looked after")
    attacker.same("in_care.current.denominator", "all.cohort")
    assert attacker.recovered() == []


def test_17_of_40_girls_beside_a_sex_table() -> None:
    """Male 20, Female [c], Not known [c] beside '17 of 40 girls' gave Not known = 3."""
    kpi = Kpi(id="girls", title="Girls", measure="share", numerator=GIRL)
    rows = children(20, SEX=1) + children(17, SEX=2) + children(3, SEX=None)
    private = item_figures(rows, [kpi], [EVERYONE])
    public = disclose(private, RULES)
    sex = {r.category: r.count for r in public.theme("all").breakdowns[1].rows}
    assert sex["Not known"] is None
    # The headline stays; the table gives up its Male cell instead.
    girls = public.kpi("girls").current
    assert (girls.numerator, girls.denominator) == (17, 40) and sex["Male"] is None
    attacker = Attacker()
    read_item(attacker, json_of(private), json_of(public), {"girls": "share"})
    attacker.same("girls.current.numerator", "all.sex.Female")
    attacker.same("girls.current.denominator", "all.cohort")
    assert attacker.recovered() == []


def test_a_hidden_month_cannot_be_the_year_less_the_others() -> None:
    rows = []
    for month in range(1, 13):
        count = 3 if month == 6 else 10 + month
        rows += [
            {"CHILD": f"m{month}-{i}", "MIS_START": f"2021-{month:02}-02 10:00"}
            for i in range(count)
        ]
    kpi = Kpi(id="episodes", title="Episodes", measure="record_count")
    public = disclose(item_figures(rows, [kpi]), RULES).kpi("episodes")
    hidden = [p.month.month for p in public.monthly if p.figure.suppressed]
    assert 6 in hidden and len(hidden) == 2
    assert public.current.value == sum(10 + m for m in range(1, 13) if m != 6) + 3
    shown = sum(p.figure.value or 0 for p in public.monthly if not p.figure.suppressed)
    assert public.current.value - shown > RULES.threshold
    months = json_of(disclose(item_figures(rows, [kpi]), RULES))["kpis"][0]["months"]
    assert [m["month"] for m in months if m["suppressed"]] == [f"2021-{m:02}" for m in hidden]
    assert all(m["value"] is None for m in months if m["suppressed"])


def test_a_previous_figure_and_its_change_do_not_give_the_current_one() -> None:
    rows = children(3) + [{"CHILD": f"p{i}", "MIS_START": "2020-05-01 10:00"} for i in range(10)]
    kpi = Kpi(id="children", title="Children", measure="distinct_count")
    public = disclose(item_figures(rows, [kpi]), RULES).kpi("children")
    assert public.current.suppressed and public.change is None
    assert public.previous is not None and public.previous.value == 10


def test_a_share_leaving_out_a_few_hides_its_count_and_keeps_its_base() -> None:
    kpi = Kpi(id="in_care", title="In care", measure="share", numerator=LA)
    rows = children(98, LOOKED_AFTER=True) + children(2, LOOKED_AFTER=False)
    shown = disclose(item_figures(rows, [kpi]), RULES).kpi("in_care")
    assert (shown.current.numerator, shown.current.denominator, shown.rag) == (None, 100, None)


def test_male_and_female_leave_no_small_remainder_without_a_table() -> None:
    """52 male and 45 female of 100 say 3 are neither, though no table shows it."""
    theme = Theme(
        id="all",
        title="Every child",
        highlights=(
            Highlight(id="male", label="male", filter=Filter(column="SEX", op="eq", value=1)),
            Highlight(id="female", label="female", filter=GIRL),
        ),
    )
    rows = children(52, SEX=1) + children(45, SEX=2) + children(3, SEX=None)
    shown = disclose(item_figures(rows, themes=[theme]), RULES).theme("all")
    assert shown.cohort == 100
    assert [h.suppressed for h in shown.highlights] == [False, True]
    assert shown.highlights[1].base == 100


def test_secondary_off_hides_only_the_small_counts() -> None:
    kpi = Kpi(id="in_care", title="In care", measure="share", numerator=LA)
    rows = children(37, LOOKED_AFTER=True) + children(3, LOOKED_AFTER=False)
    public = disclose(item_figures(rows, [kpi], [EVERYONE]), Disclosure(secondary=False))
    assert public.kpi("in_care").current.numerator == 37
    assert [r.count for r in public.theme("all").breakdowns[0].rows] == [37, None]


def test_a_small_cohort_hides_the_whole_theme() -> None:
    theme = Theme(
        id="all",
        title="Every child",
        highlights=(Highlight(id="la", label="looked after", filter=LA),),
        breakdowns=(Breakdown("looked_after"),),
    )
    rows = children(2, LOOKED_AFTER=True) + children(2, LOOKED_AFTER=False)
    hidden = disclose(item_figures(rows, themes=[theme]), RULES).theme("all")
    assert hidden.cohort is None and hidden.cohort_suppressed
    assert all(h.suppressed and h.count is None and h.base is None for h in hidden.highlights)
    assert all(r.count is None for r in hidden.breakdowns[0].rows)


# --- external figures -----------------------------------------------------------

PACK = """
[meeting]
body = "Test Borough Council"
committee = "Corporate Parenting Panel"
date = 2022-03-09

[[items]]
number = "1"
title = "National comparators"

[items.data]
metrics = "metrics.csv"

[items.period]
start = 2021-01-01
end = 2021-12-31

[[items.kpis]]
id = "secure"
title = "Children placed in secure units"
measure = "external"
indicator = "secure"
unit = "count"

[[items.kpis]]
id = "returned"
title = "Returned within a day"
measure = "external"
indicator = "returned"
unit = "percent"

[[items.kpis]]
id = "england"
title = "RHIs completed, England"
measure = "external"
indicator = "england"
unit = "percent"
"""
METRICS = """indicator,period,value,numerator,denominator
secure,2021,3,,
secure,2020,8,,
returned,2021,,37,40
england,2021,0.63,,
"""


@pytest.fixture
def external_pack(tmp_path: Path) -> Path:
    (tmp_path / "config.toml").write_text(PACK)
    (tmp_path / "metrics.csv").write_text(METRICS)
    return tmp_path / "config.toml"


def test_an_external_count_of_3_is_suppressed(
    external_pack: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = load_pack(external_pack)
    public = figures_for(pack, pack.item("1"), public=True)
    secure = public.kpi("secure")
    assert secure.current.suppressed and secure.change is None
    assert secure.narrative.startswith("Children placed in secure units was [c] in")
    # A share from its counts goes through them; a share given bare is published as given.
    assert public.kpi("returned").current.numerator is None
    assert public.kpi("returned").current.denominator == 40
    assert public.kpi("england").current.value == pytest.approx(0.63)
    from panelapp.cli import main

    assert main(["check", str(external_pack), "--json", "--public"]) == 0
    kpis = {k["id"]: k for k in json.loads(capsys.readouterr().out)["items"][0]["kpis"]}
    assert kpis["secure"]["value"] is None and kpis["secure"]["suppressed"]
    assert main(["export", str(external_pack), "--public", "--out", "-"]) == 0
    minute = capsys.readouterr().out
    assert "was [c] in" in minute and " 3 " not in minute


# --- the bundled sample -----------------------------------------------------------


@pytest.fixture(scope="module")
def sample() -> tuple[ItemFigures, ItemFigures]:
    pack = load_pack(ROOT / "config.toml")
    raw = compute_item(pack, pack.item("4"))
    return raw, present(raw, pack, public=True)


def test_the_sample_keeps_its_headline_figures_in_public(
    sample: tuple[ItemFigures, ItemFigures],
) -> None:
    _, public = sample
    shown = {k.id: k for k in public.kpis}
    assert shown["children_missing"].current.value == 425
    assert shown["episodes"].current.value == 2050
    for kpi, counts in (("mace_share", (105, 425)), ("looked_after_share", (134, 425))):
        figure = shown[kpi].current
        assert (figure.numerator, figure.denominator) == counts and not figure.suppressed
    assert fmt.percent(shown["top20_episode_share"].current.value) == "41%"
    assert shown["top20_episode_share"].matching == 20
    assert all(not p.figure.suppressed for k in public.kpis for p in k.monthly)
    theme = public.theme("repeat")
    percents = {h.id: fmt.percent(h.share) for h in theme.highlights if not h.suppressed}
    assert percents == {
        "bame": "85%",
        "looked_after": "80%",
        "uasc_of_looked_after": "20%",
        "aged_17_plus": "75%",
        "male": "55%",
        "female": "45%",
    }


def test_the_sample_hides_five_cells_and_says_why(
    sample: tuple[ItemFigures, ItemFigures],
) -> None:
    """The figures docs/disclosure.md reports: 2 small counts, 3 more to protect them."""
    raw, public = sample
    assert hidden_count(raw, RULES) == Hidden(cells=217, small=2, protecting=3)
    theme = public.theme("repeat")
    tables = {b.dimension: {r.category: r.count for r in b.rows} for b in theme.breakdowns}
    assert tables["ethnic_group"] == {
        "White": None,  # hidden so that 'bame 85 of 100' cannot give Not known back
        "Mixed": 14,
        "Asian": 17,
        "Black": 47,
        "Other": 7,
        "Not known": None,  # 2
    }
    assert tables["exploitation"] == {
        "Criminal only": 62,
        "Sexual only": 21,
        "Criminal and sexual": None,  # the next-smallest
        "Neither recorded": None,  # 5
    }
    exploited = theme.highlights[0]
    assert exploited.id == "exploited" and exploited.suppressed  # 100 - 95 = 5
    assert hidden_count(raw, Disclosure(threshold=0)) == Hidden(cells=217, small=0, protecting=0)


def test_the_cohort_base_is_not_hidden_where_it_is_printed_anyway(
    sample: tuple[ItemFigures, ItemFigures],
) -> None:
    """'100 children' heads the theme: '[c] ([c] of [c])' under it hid nothing."""
    _, public = sample
    theme = public.theme("repeat")
    exploited = theme.highlights[0]
    assert (exploited.count, exploited.base, exploited.share) == (None, 100, None)
    assert theme.cohort == 100
    (item,) = [json_of(public)]
    assert item["themes"][0]["highlights"][0]["base"] == 100


def test_check_json_carries_every_month_private_and_public(
    sample: tuple[ItemFigures, ItemFigures],
) -> None:
    raw, public = sample
    for figures in (raw, public):
        kpi = json_of(figures)["kpis"][3]
        assert kpi["id"] == "looked_after_share" and len(kpi["months"]) == 12
        assert kpi["months"][0] == {
            "month": "2021-01",
            "value": pytest.approx(52 / 91),
            "numerator": 52,
            "denominator": 91,
            "suppressed": False,
        }
        assert kpi["previous_months"][0]["month"] == "2020-01"


def test_the_sample_survives_the_attacker(sample: tuple[ItemFigures, ItemFigures]) -> None:
    raw, public = sample
    kinds = {
        "children_missing": "distinct_count",
        "episodes": "record_count",
        "mace_share": "share",
        "looked_after_share": "share",
        "top20_episode_share": "top_n_share",
        "rhi_offered_rate": "rate_episodes",
        "rhi_completed_rate": "rate_episodes",
    }
    attacker = Attacker()
    read_item(attacker, json_of(raw), json_of(public), kinds)
    for when in ("current", "previous"):
        attacker.same(f"episodes.{when}.value", f"rhi_offered_rate.{when}.denominator")
        attacker.same(
            f"rhi_offered_rate.{when}.numerator", f"rhi_completed_rate.{when}.denominator"
        )
    attacker.same("repeat.cohort", "repeat.exploited.base")
    crossed = ("Criminal only", "Sexual only", "Criminal and sexual")
    attacker.adds_up("repeat.exploited.count", [f"repeat.exploitation.{c}" for c in crossed])
    ethnic = ("Mixed", "Asian", "Black", "Other")
    attacker.adds_up("repeat.bame.count", [f"repeat.ethnic_group.{c}" for c in ethnic])
    attacker.same("repeat.cohort", "repeat.bame.base")
    assert attacker.recovered() == []


def test_a_population_reads_the_same_in_every_process() -> None:
    """The app, `check` and the export run apart: which cell goes must not hang on set order."""
    script = (
        "import datetime as dt\n"
        "from panelapp.config import Filter\n"
        "from panelapp.metrics.linked import conditions, population\n"
        "day = dt.date(2021, 1, 1)\n"
        "parts = [Filter(column=c, op='is_true') for c in ('CCE', 'CSE', 'MACE', 'UASC')]\n"
        "print(repr(population('children', (day, day), conditions(Filter(all=tuple(parts))))))\n"
    )
    keys = {
        subprocess.run(
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3", "4")
    }
    assert len(keys) == 1
