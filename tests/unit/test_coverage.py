"""Coverage, not zeros: a period, previous period or month the records do not cover is no data.

The case the issue was filed on: a file that starts in January 2021, so 2020
has no data at all, must not be shown as a rise from zero.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from panelapp.check import to_json
from panelapp.config import Covers, load_pack
from panelapp.metrics.coverage import Coverage, inferred, stated
from panelapp.metrics.engine import compute_item, present
from panelapp.metrics.results import ItemFigures
from panelapp.ui import text
from panelapp.ui.widgets.trend import _bars

from .care_frames import EPISODES_HEADER, HEADER_HEADER

CONFIG = """\
[meeting]
body = "Test Borough Council"
committee = "Corporate Parenting Panel"
date = 2022-03-09

[[items]]
number = "1"
title = "Children Placed"

[items.data]
episodes = ["episodes.csv"]
{covers}

[items.period]
start = 2021-01-01
end = 2021-12-31
label = "2021"

[[items.kpis]]
id = "children"
title = "Children placed"
measure = "distinct_count"
subject = "children placed"

[[items.kpis]]
id = "in_care"
title = "Children in care"
measure = "share"
numerator = {{ column = "LOOKED_AFTER", op = "is_true" }}
narrative = "{{value}} ({{numerator}}) of the {{denominator}} children were in care{{comparison}}."

[[items.kpis]]
id = "completed"
title = "Interviews completed"
measure = "rate"
of = "episodes"
numerator = {{ column = "RHI_COMPLETED", op = "is_true" }}
narrative = "{{value}} were completed, compared with {{previous}} in {{previous_period}}."
narrative_without_previous = "{{value}} of interviews were completed in {{period}}."
"""

ROWS = [
    ("C1", "2021-01-04", "Y", "Y"),
    ("C2", "2021-02-10", "N", "N"),
    ("C3", "2021-05-20", "Y", "Y"),
    ("C1", "2021-10-02", "Y", "N"),
]


def pack_with(folder: Path, rows: list[tuple[str, str, str, str]], covers: str = "") -> Path:
    lines = ["CHILD,MIS_START,LOOKED_AFTER,RHI_COMPLETED"]
    lines += [",".join(row) for row in rows]
    (folder / "episodes.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "config.toml").write_text(CONFIG.format(covers=covers), encoding="utf-8")
    return folder / "config.toml"


def figures_of(config: Path) -> ItemFigures:
    pack = load_pack(config)
    return present(compute_item(pack, pack.item("1")), pack)


@pytest.fixture
def from_2021(tmp_path: Path) -> ItemFigures:
    return figures_of(pack_with(tmp_path, ROWS))


def test_a_previous_period_before_the_records_has_no_figure_and_says_why(
    from_2021: ItemFigures,
) -> None:
    children = from_2021.kpi("children")
    assert children.current.value == 3
    assert children.previous is None and children.change is None
    assert children.previous_reason == (
        "no data for 2020 (the records cover January 2021 to October 2021)"
    )
    assert all(point.figure.value is None for point in children.previous_monthly)


def test_the_sentences_drop_the_comparison_rather_than_compare_with_zero(
    from_2021: ItemFigures,
) -> None:
    said = {kpi.id: kpi.narrative for kpi in from_2021.kpis}
    assert said["children"] == "Children placed: 3 in 2021."
    assert said["in_care"] == "67% (2) of the 3 children were in care."
    assert said["completed"] == "50% of interviews were completed in 2021."
    for sentence in said.values():
        assert "comparable" not in sentence and "2020" not in sentence


def test_the_deck_says_no_2020_data(from_2021: ItemFigures) -> None:
    kpi = from_2021.kpi("children")
    assert text.change_words(kpi) == "no 2020 data"
    assert text.previous(kpi, text.Style()) == ""
    assert text.big_change(kpi, text.Style()) == ""


def test_check_json_gives_previous_null_with_the_reason(from_2021: ItemFigures) -> None:
    kpi = json.loads(to_json([from_2021]))["items"][0]["kpis"][0]
    assert kpi["previous"] is None and kpi["change"] is None and kpi["judgement"] is None
    assert kpi["available"] is True
    assert kpi["reason"].startswith("no data for 2020")
    assert all(month["value"] is None for month in kpi["previous_months"])


def test_a_month_after_the_last_record_is_no_data_and_draws_no_bar(
    from_2021: ItemFigures,
) -> None:
    monthly = from_2021.kpi("children").monthly
    values = [point.figure.value for point in monthly]
    # January to October are covered (some with no child: zero); November and December not.
    assert values == [1, 1, 0, 0, 1, 0, 0, 0, 0, 1, None, None]
    bottom = _bars(monthly, 0.0, 1.0, rows=1, bar=1)[-1]
    cell = bottom[::2]  # one cell a month, a space between
    assert cell[0] == "█" and cell[2] == " " and cell[10:] == "··"


def test_a_period_the_pack_says_is_covered_counts_zero(tmp_path: Path) -> None:
    covers = "covers = { start = 2020-01-01, end = 2021-12-31 }"
    figures = figures_of(pack_with(tmp_path, ROWS, covers))
    children = figures.kpi("children")
    assert children.previous is not None and children.previous.value == 0
    assert children.previous_reason == ""
    assert children.narrative == (
        "There was an increase of 3 in the total number of children placed in 2021 in "
        "comparison to 2020."
    )


def test_a_period_the_records_only_partly_cover_is_counted_to_date(tmp_path: Path) -> None:
    rows = [("C9", "2020-07-01", "Y", "Y"), *ROWS]
    figures = figures_of(pack_with(tmp_path, rows))
    children = figures.kpi("children")
    assert children.previous is not None and children.previous.value == 1
    before = [point.figure.value for point in children.previous_monthly]
    assert before[:6] == [None] * 6 and before[6] == 1


def test_this_period_outside_the_records_is_not_available(tmp_path: Path) -> None:
    covers = "covers = { start = 2022-01-01, end = 2022-12-31 }"
    figures = figures_of(pack_with(tmp_path, ROWS, covers))
    children = figures.kpi("children")
    assert not children.available
    assert children.narrative == (
        "Children placed: no data for 2021 (the records cover 1 January 2022 to 31 December 2022)."
    )


def test_coverage_is_whole_months_from_the_records_or_the_days_the_pack_gives() -> None:
    found = inferred(dt.date(2021, 1, 4), dt.date(2021, 12, 27))
    assert found == Coverage(dt.date(2021, 1, 1), dt.date(2021, 12, 31))
    given = stated(Covers(dt.date(2019, 4, 1), dt.date(2024, 3, 31)))
    assert given.words() == "1 April 2019 to 31 March 2024"
    assert given.holds(((dt.date(2019, 3, 1), dt.date(2019, 4, 1)),))
    assert not given.holds(((dt.date(2019, 3, 1), dt.date(2019, 3, 31)),))


CARE_CONFIG = """\
[meeting]
body = "Test"
committee = "Corporate Parenting Panel"
date = 2024-06-01

[[items]]
number = "1"
title = "Placement Stability"
records = "episodes"

[items.data]
episodes = ["episodes.csv"]
header = "header.csv"
covers = {{ start = {start}, end = 2024-03-31 }}

[items.period]
start = 2023-04-01
end = 2024-03-31

[[items.kpis]]
id = "looked_after"
title = "Children looked after"
measure = "looked_after"

[[items.kpis]]
id = "long_term"
title = "Same carer for two years"
measure = "long_term_stability"
"""


@pytest.mark.parametrize(
    ("start", "long_term", "last_year"),
    [
        ("2019-01-01", True, True),
        # 30 September 2021 is covered, 30 September 2020 is not.
        ("2021-09-01", True, False),
        ("2022-01-01", False, False),
    ],
)
def test_a_placement_measure_needs_the_history_it_reads(
    tmp_path: Path, start: str, long_term: bool, last_year: bool
) -> None:
    (tmp_path / "episodes.csv").write_text(
        f"{EPISODES_HEADER}\nA,01/01/2019,S,C2,N1,U4,PR1,,,\n", encoding="utf-8"
    )
    (tmp_path / "header.csv").write_text(f"{HEADER_HEADER}\nA,1,01/01/2012,WBRI\n")
    (tmp_path / "config.toml").write_text(CARE_CONFIG.format(start=start), encoding="utf-8")
    figures = figures_of(tmp_path / "config.toml")
    looked_after, stable = figures.kpi("looked_after"), figures.kpi("long_term")
    assert looked_after.available and looked_after.current.value == 1
    assert stable.available is long_term
    if long_term:
        assert (stable.previous is not None) is last_year
    else:
        assert stable.reason.startswith("no data for")
