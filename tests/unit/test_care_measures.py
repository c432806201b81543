"""The placement measures on hand-made episodes of care, with every figure worked out by hand.

Three children (see care_frames.THREE_CHILDREN) on 31 March 2024:

- A, born February 2010 (14), in care since January 2019, with a new carer since
  June 2021: looked after 5 years, same carer for 2 years 10 months;
- B, born June 2008 (15), came into care in May 2023, moved in July (P) and
  September (T): three placements in 2023-24, in care for 11 months;
- C, born January 2012 (12), with one carer since March 2020.

So on 31 March 2024: 3 looked after, 1 of 3 with three or more placements,
2 of 2 eligible children with the same carer for two years. On 31 March 2023:
A and C looked after (2), neither moved three times (0 of 2), and of the two
eligible only C had the same carer since 31 March 2021 (1 of 2).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from panelapp.config import Filter, Kpi, Period
from panelapp.metrics import as_at
from panelapp.metrics.care_measures import Cuts, cut, figure
from panelapp.metrics.care_records import CareRecords
from panelapp.metrics.results import Figure

from .care_frames import THREE_CHILDREN, THREE_HEADERS, care_records, year_rows

YEAR = Period(dt.date(2023, 4, 1), dt.date(2024, 3, 31), "2023-24")
LAST = Period(dt.date(2022, 4, 1), dt.date(2023, 3, 31), "2022-23")

LOOKED_AFTER = Kpi(id="la", title="Children looked after", measure="looked_after")
SHORT = Kpi(id="st", title="Short-term", measure="short_term_stability")
LONG = Kpi(id="lt", title="Long-term", measure="long_term_stability")


@pytest.fixture(scope="module")
def three(tmp_path_factory: pytest.TempPathFactory) -> CareRecords:
    return care_records(tmp_path_factory.mktemp("three"))


def counts(fig: Figure) -> tuple[float | None, int | None, int | None]:
    return fig.value, fig.numerator, fig.denominator


def test_children_looked_after_on_the_last_day(three: CareRecords) -> None:
    cuts = Cuts(three.frame)
    assert figure(LOOKED_AFTER, cuts, YEAR, None).value == 3
    assert figure(LOOKED_AFTER, cuts, LAST, None).value == 2
    # April 2023's last day: B had not come into care.
    assert figure(LOOKED_AFTER, cuts, YEAR, dt.date(2023, 4, 1)).value == 2


def test_short_term_stability_counts_three_or_more_placements(three: CareRecords) -> None:
    cuts = Cuts(three.frame)
    assert counts(figure(SHORT, cuts, YEAR, None)) == (1 / 3, 1, 3)
    assert counts(figure(SHORT, cuts, LAST, None)) == (0.0, 0, 2)
    # August 2023: B has had two placements in the twelve months to 31 August.
    assert counts(figure(SHORT, cuts, YEAR, dt.date(2023, 8, 1))) == (0.0, 0, 3)
    assert counts(figure(SHORT, cuts, YEAR, dt.date(2023, 9, 1))) == (1 / 3, 1, 3)


def test_long_term_stability_counts_two_years_with_one_carer(three: CareRecords) -> None:
    cuts = Cuts(three.frame)
    assert counts(figure(LONG, cuts, YEAR, None)) == (1.0, 2, 2)
    assert counts(figure(LONG, cuts, LAST, None)) == (0.5, 1, 2)
    # A's two years with the new carer are up on 1 June 2023: May not yet, June yes.
    assert counts(figure(LONG, cuts, YEAR, dt.date(2023, 5, 1))) == (0.5, 1, 2)
    assert counts(figure(LONG, cuts, YEAR, dt.date(2023, 6, 1))) == (1.0, 2, 2)


def test_each_window_holds_the_columns_its_figures_read(three: CareRecords) -> None:
    rows = year_rows(three).set_index("CHILD")
    assert rows.loc["B", "PLACEMENTS"].tolist() == [3, 3, 3]
    assert rows.loc["B", "AT_END"].tolist() == [False, False, True]
    assert rows.loc["B", "STARTED"].tolist() == [True, True, True]
    assert rows.loc["B", "AGE"].tolist() == [15.0, 15.0, 15.0]
    # A's first episode ended in 2021: only the placement begun then is in the year.
    assert rows.loc[["A"], "PLACEMENTS"].tolist() == [1]
    assert rows.loc[["A"], "STARTED"].tolist() == [False]


def test_an_episode_ending_on_the_windows_first_day_is_not_in_it(tmp_path: Path) -> None:
    episodes = (
        "A,01/01/2020,S,C2,N1,U4,PR1,01/04/2023,X1,\n"
        "A,01/04/2023,P,C2,N1,U4,PR1,01/07/2023,X1,CARPL\n"
        "A,01/07/2023,P,C2,N1,U4,PR1,,,CARPL\n"
    )
    records = care_records(tmp_path, episodes, "A,1,01/01/2012,WBRI\n")
    rows = cut(records.frame, YEAR.start, YEAR.end)
    # The move on 1 April begins the year's first placement; the one before ended as it began.
    assert rows["PLACEMENTS"].tolist() == [2, 2]


def test_the_placement_a_child_is_in_as_the_year_begins_counts(tmp_path: Path) -> None:
    episodes = (
        "A,01/01/2020,S,C2,N1,U4,PR1,01/05/2023,X1,\n"
        "A,01/05/2023,P,C2,N1,U4,PR1,01/07/2023,X1,CARPL\n"
        "A,01/07/2023,P,C2,N1,U4,PR1,,,CARPL\n"
    )
    records = care_records(tmp_path, episodes, "A,1,01/01/2012,WBRI\n")
    assert counts(figure(SHORT, Cuts(records.frame), YEAR, None)) == (1.0, 1, 1)


def test_a_change_of_legal_status_is_no_new_placement(tmp_path: Path) -> None:
    episodes = (
        "A,01/05/2023,S,C1,N1,U4,PR1,01/08/2023,X1,\n"
        "A,01/08/2023,L,C2,N1,U4,PR1,01/10/2023,X1,\n"
        "A,01/10/2023,P,C2,N1,U4,PR1,,,CARPL\n"
    )
    records = care_records(tmp_path, episodes, "A,1,01/01/2012,WBRI\n")
    assert counts(figure(SHORT, Cuts(records.frame), YEAR, None)) == (0.0, 0, 1)


def test_a_move_with_the_same_carer_keeps_long_term_stability(tmp_path: Path) -> None:
    with_carer = (
        "A,01/01/2019,S,C2,N1,U4,PR1,01/03/2023,X1,\nA,01/03/2023,{rne},C2,N1,U6,PR1,,,CARPL\n"
    )
    header = "A,1,01/01/2012,WBRI\n"
    for rne, settled in (("U", 1), ("B", 1), ("P", 0), ("T", 0)):
        records = care_records(tmp_path / rne, with_carer.format(rne=rne), header)
        assert counts(figure(LONG, Cuts(records.frame), YEAR, None))[1:] == (settled, 1), rne


def test_a_child_placed_for_adoption_counts_the_time_with_the_carer_before(
    tmp_path: Path,
) -> None:
    episodes = "A,01/01/2020,S,C2,N1,U4,PR1,01/10/2023,X1,\nA,01/10/2023,P,E1,N1,A4,PR1,,,PLACE\n"
    records = care_records(tmp_path, episodes, "A,1,01/01/2018,WBRI\n")
    assert counts(figure(LONG, Cuts(records.frame), YEAR, None)) == (1.0, 1, 1)


@pytest.mark.parametrize(
    ("dob", "came", "eligible"),
    [
        ("31/03/2008", "01/01/2019", 0),  # 16 on 31 March 2024: too old
        ("01/04/2008", "01/01/2019", 1),  # 16 the day after
        ("01/04/2009", "01/01/2019", 1),  # 14
        ("01/04/2009", "01/10/2021", 0),  # in care two and a half years less a day
        ("01/04/2009", "30/09/2021", 1),  # exactly two and a half years
    ],
)
def test_the_long_term_measure_is_for_children_under_16_in_care_two_and_a_half_years(
    tmp_path: Path, dob: str, came: str, eligible: int
) -> None:
    records = care_records(tmp_path, f"A,{came},S,C2,N1,U4,PR1,,,\n", f"A,1,{dob},WBRI\n")
    assert figure(LONG, Cuts(records.frame), YEAR, None).denominator == eligible


def test_short_breaks_are_not_counted_as_looked_after(tmp_path: Path) -> None:
    episodes = "A,01/01/2022,S,V3,N2,R1,PR4,,,\nB,01/01/2022,S,V2,N1,U4,PR1,,,\n"
    records = care_records(tmp_path, episodes, "A,1,01/01/2012,WBRI\nB,1,01/01/2012,WBRI\n")
    cuts = Cuts(records.frame)
    assert figure(LOOKED_AFTER, cuts, YEAR, None).value == 1
    # A distinct count of children in care during the year still has both.
    during = Kpi(id="d", title="During", measure="distinct_count")
    assert figure(during, cuts, YEAR, None).value == 2


def test_a_child_who_left_on_the_last_day_was_not_looked_after_on_it(tmp_path: Path) -> None:
    episodes = "A,01/01/2022,S,C2,N1,U4,PR1,31/03/2024,E4A,\n"
    records = care_records(tmp_path, episodes, "A,1,01/01/2012,WBRI\n")
    assert figure(LOOKED_AFTER, Cuts(records.frame), YEAR, None).value == 0


def test_generic_measures_read_the_windows_columns(three: CareRecords) -> None:
    cuts = Cuts(three.frame)
    foster = Kpi(
        id="f",
        title="Foster",
        measure="share",
        filter=Filter(column="AT_END", op="is_true"),
        numerator=Filter(column="PLACE_GROUP", op="eq", value="Foster"),
    )
    assert counts(figure(foster, cuts, YEAR, None)) == (1.0, 3, 3)
    # In July 2023 B was in a children's home.
    assert counts(figure(foster, cuts, YEAR, dt.date(2023, 7, 1))) == (2 / 3, 2, 3)
    moves = Kpi(
        id="m",
        title="Moves",
        measure="record_count",
        filter=Filter(
            all=(
                Filter(column="STARTED", op="is_true"),
                Filter(column="RNE", op="in", value=["P", "T", "U", "B"]),
            )
        ),
    )
    assert figure(moves, cuts, YEAR, None).value == 2
    assert figure(moves, cuts, LAST, None).value == 0


def test_the_windows_behind_each_months_figure() -> None:
    assert as_at.window("short_term_stability", YEAR, dt.date(2023, 4, 1)) == (
        dt.date(2022, 5, 1),
        dt.date(2023, 4, 30),
    )
    fortnight = Period(dt.date(2024, 3, 4), dt.date(2024, 3, 17))
    assert as_at.rolling(fortnight, dt.date(2024, 3, 31)) == (
        dt.date(2024, 3, 18),
        dt.date(2024, 3, 31),
    )
    assert as_at.window("looked_after", YEAR, dt.date(2023, 4, 1)) == (
        dt.date(2023, 4, 1),
        dt.date(2023, 4, 30),
    )
    assert as_at.months_back(dt.date(2024, 3, 31), 30) == dt.date(2021, 9, 30)
    assert as_at.needs("long_term_stability", YEAR, None) == (
        (dt.date(2021, 9, 30), dt.date(2021, 9, 30)),
        (dt.date(2024, 3, 31), dt.date(2024, 3, 31)),
    )


def test_three_children_written_as_the_docstring_says() -> None:
    assert THREE_CHILDREN.count("\n") == 6 and THREE_HEADERS.count("\n") == 3
