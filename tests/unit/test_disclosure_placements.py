"""An attacker over a public placements item: nothing small comes back by adding or subtracting.

Small groups of children looked after are generated (settled, moving three
times, coming and going); the item's placement KPIs and themes are computed
and put under disclosure control, and an attacker who knows what the
measures mean (the children looked after on the day are the base of both
stability shares and of the foster share, and a theme's cohort; three or more
placements are the placements table's last two rows) tries every sum and
difference over what `check --json --public` prints.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from panelapp.check import to_json
from panelapp.config import (
    Breakdown,
    Cohort,
    Disclosure,
    Filter,
    Highlight,
    Item,
    Kpi,
    Period,
    Theme,
)
from panelapp.metrics import linked
from panelapp.metrics.care_figures import care_kpi
from panelapp.metrics.care_measures import Cuts
from panelapp.metrics.disclosure import disclose
from panelapp.metrics.results import ItemFigures
from panelapp.metrics.themes import theme_of

from .attacker import Attacker, read_item
from .care_frames import care_records

YEAR = Period(dt.date(2023, 4, 1), dt.date(2024, 3, 31), "2023-24")
LAST = Period(dt.date(2022, 4, 1), dt.date(2023, 3, 31), "2022-23")
AT_END = Filter(column="AT_END", op="is_true")
FOSTER = Filter(column="PLACE_GROUP", op="eq", value="Foster")
KPIS = (
    Kpi(id="looked_after", title="Looked after", measure="looked_after"),
    Kpi(id="short", title="Three or more placements", measure="short_term_stability"),
    Kpi(id="long", title="Same carer", measure="long_term_stability"),
    Kpi(id="foster", title="In foster care", measure="share", filter=AT_END, numerator=FOSTER),
)
KINDS = {"looked_after": "distinct_count", "short": "share", "long": "share", "foster": "share"}
THEMES = (
    Theme(
        id="on_day",
        title="Looked after on the day",
        cohort=Cohort(filter=AT_END),
        highlights=(Highlight(id="foster", label="foster", filter=FOSTER, episode="latest"),),
        breakdowns=(Breakdown("placement_type"), Breakdown("placements")),
    ),
    Theme(
        id="moved",
        title="Three or more placements",
        cohort=Cohort(filter=Filter(all=(AT_END, Filter(column="PLACEMENTS", op="ge", value=3)))),
        breakdowns=(Breakdown("placement_type"),),
    ),
)
RULES = Disclosure()

child = st.fixed_dictionaries(
    {
        "born": st.sampled_from([dt.date(2010, 5, 1), dt.date(2006, 9, 1)]),
        "came": st.sampled_from(
            [dt.date(2019, 2, 1), dt.date(2021, 11, 1), dt.date(2022, 8, 1), dt.date(2023, 6, 1)]
        ),
        "moves": st.lists(
            st.tuples(
                st.sampled_from(
                    [
                        dt.date(2022, 9, 1),
                        dt.date(2023, 1, 1),
                        dt.date(2023, 8, 1),
                        dt.date(2023, 11, 1),
                        dt.date(2024, 2, 1),
                    ]
                ),
                st.sampled_from(["P", "P", "T", "U"]),
            ),
            max_size=3,
            unique_by=lambda move: move[0],
        ),
        "place": st.sampled_from(["U4", "U4", "K2", "P1"]),
        "left": st.sampled_from([None, None, None, dt.date(2023, 10, 15)]),
    }
)


def rows(children: list[dict[str, Any]]) -> tuple[str, str]:
    """The Episodes and Header rows of the generated children."""
    episodes, people = [], []
    for number, kid in enumerate(children):
        name = f"K{number:03}"
        people.append(f"{name},1,{kid['born']:%d/%m/%Y},WBRI")
        events = [(kid["came"], "S")] + sorted(m for m in kid["moves"] if m[0] > kid["came"])
        if kid["left"] is not None:
            events = [e for e in events if e[0] < kid["left"]]
        for n, (day, rne) in enumerate(events):
            place = kid["place"] if n == len(events) - 1 else "U4"
            if n + 1 < len(events):
                ended, rec = f"{events[n + 1][0]:%d/%m/%Y}", "X1"
            elif kid["left"] is not None:
                ended, rec = f"{kid['left']:%d/%m/%Y}", "E4A"
            else:
                ended, rec = "", ""
            reason = "CARPL" if rne != "S" else ""
            episodes.append(f"{name},{day:%d/%m/%Y},{rne},C2,N1,{place},PR1,{ended},{rec},{reason}")
    return "\n".join(episodes) + "\n", "\n".join(people) + "\n"


def figures_of(children: list[dict[str, Any]]) -> ItemFigures:
    episodes, people = rows(children)
    with tempfile.TemporaryDirectory() as folder:
        records = care_records(Path(folder), episodes, people)
    cuts = Cuts(records.frame)
    kpis = tuple(care_kpi(kpi, cuts, records.present, YEAR, LAST) for kpi in KPIS)
    year = cuts(YEAR.start, YEAR.end)
    themes = tuple(theme_of(theme, year, records.present, start="DECOM") for theme in THEMES)
    item = Item(
        number="1",
        title="Placement Stability",
        records="episodes",
        period=YEAR,
        previous_period=LAST,
        kpis=KPIS,
        themes=THEMES,
    )
    return ItemFigures(item, YEAR, LAST, kpis, themes)


def analyst(private: dict[str, Any], public: dict[str, Any]) -> Attacker:
    """Everything the JSON says, and every sum the measures' meanings make known."""
    attacker = Attacker(RULES.threshold)
    read_item(attacker, private, public, KINDS)
    kpis = {k["id"]: k for k in private["kpis"]}
    for when, months in (("current", "months"), ("previous", "previous_months")):
        spans = [when] + [f"{when}.{m['month']}" for m in kpis["looked_after"][months]]
        for span in spans:
            for share in ("short", "foster"):
                attacker.same(f"looked_after.{span}.value", f"{share}.{span}.denominator")
    attacker.same("on_day.cohort", "looked_after.current.value")
    attacker.same("on_day.foster.base", "on_day.cohort")
    attacker.same("on_day.foster.count", "on_day.placement_type.Foster")
    attacker.same("foster.current.numerator", "on_day.placement_type.Foster")
    attacker.same("moved.cohort", "short.current.numerator")
    attacker.adds_up(
        "short.current.numerator", ["on_day.placements.3", "on_day.placements.4 or more"]
    )
    return attacker


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(child, min_size=1, max_size=16))
def test_nothing_small_comes_back_from_a_public_placements_item(
    children: list[dict[str, Any]],
) -> None:
    private = figures_of(children)
    public = disclose(private, RULES)
    true_json = json.loads(to_json([private]))["items"][0]
    public_json = json.loads(to_json([public]))["items"][0]
    assert analyst(true_json, public_json).recovered() == []


def test_the_relations_the_attacker_uses_hold() -> None:
    kids = [
        {"born": dt.date(2010, 5, 1), "came": dt.date(2023, 6, 1), "place": "K2", "left": None,
         "moves": [(dt.date(2023, 8, 1), "P"), (dt.date(2023, 11, 1), "P")]},
        {"born": dt.date(2010, 5, 1), "came": dt.date(2019, 2, 1), "place": "U4", "left": None,
         "moves": []},
    ]  # fmt: skip
    private = json.loads(to_json([figures_of(kids)]))["items"][0]
    analyst(private, private)  # asserts every relation on the true figures
    kpis = {k["id"]: k for k in private["kpis"]}
    assert kpis["short"]["numerator"] == 1 and kpis["short"]["denominator"] == 2
    assert kpis["long"]["numerator"] == 1 and kpis["long"]["denominator"] == 1


def test_three_or_more_placements_is_linked_to_the_placements_table() -> None:
    """8 children with three placements and 2 with four: hiding the 2 must not leave
    '10 with three or more' beside '8 with three' to give it back."""
    moves = [(dt.date(2023, 8, 1), "P"), (dt.date(2023, 11, 1), "P")]
    settled = {"born": dt.date(2010, 5, 1), "came": dt.date(2019, 2, 1), "place": "U4"}
    kids = (
        [{**settled, "left": None, "moves": []}] * 10
        + [{**settled, "left": None, "moves": moves[:1]}] * 7
        + [{**settled, "left": None, "moves": moves}] * 8
        + [{**settled, "left": None, "moves": [*moves, (dt.date(2024, 2, 1), "P")]}] * 2
    )
    private = figures_of(kids)
    true_json = json.loads(to_json([private]))["items"][0]
    public_json = json.loads(to_json([disclose(private, RULES)]))["items"][0]
    placements = {
        row["category"]: row["count"] for row in true_json["themes"][0]["breakdowns"][1]["rows"]
    }
    assert placements == {"1": 10, "2": 7, "3": 8, "4 or more": 2}
    assert analyst(true_json, public_json).recovered() == []


def test_the_children_looked_after_on_a_day_are_one_cell_however_they_are_counted() -> None:
    moves = [(dt.date(2023, 8, 1), "P"), (dt.date(2023, 11, 1), "P")]
    settled = {"born": dt.date(2010, 5, 1), "came": dt.date(2019, 2, 1), "place": "U4"}
    kids = [{**settled, "left": None, "moves": moves}] * 3 + [
        {**settled, "left": None, "moves": []}
    ]
    model = linked.build(figures_of(kids))
    places = model.places
    for month in (None, dt.date(2023, 4, 1), dt.date(2023, 9, 1)):
        at = ("current",) if month is None else ("current", month)
        looked_after = places[("kpi", "looked_after", *at)].value
        assert places[("kpi", "short", *at)].denominator == looked_after
        assert places[("kpi", "foster", *at)].denominator == looked_after
    assert (
        places[("theme", "on_day", "cohort")].value
        == places[("kpi", "looked_after", "current")].value
    )
    assert (
        places[("theme", "moved", "cohort")].value == places[("kpi", "short", "current")].numerator
    )
