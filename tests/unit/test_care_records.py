"""SSDA903 episodes of care: read, joined to the header, placed in each child's history, checked.

The DfE 903 rules are tried on hand-made tables, one rule at a time, so a
finding's rule, row and column are the ones an analyst would look up.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd
import pytest

from panelapp.metrics.care_records import load_care
from panelapp.metrics.care_rules import RULES
from panelapp.metrics.reading import DataError
from panelapp.metrics.results import Finding

from .care_frames import EPISODES_HEADER, THREE_CHILDREN, THREE_HEADERS, care_records


def day(text: str) -> pd.Timestamp:
    return pd.Timestamp(dt.date.fromisoformat(text))


def renamed(rows: str) -> str:
    """Child A as C77, an id a message could not contain by chance."""
    return re.sub(r"^A,", "C77,", rows, flags=re.MULTILINE)


def rules(findings: tuple[Finding, ...]) -> list[tuple[str, int | None, str]]:
    return [(f.rule, f.row, f.column) for f in findings]


# -- reading and joining ------------------------------------------------------------------


def test_the_header_is_joined_to_every_episode_of_the_child(tmp_path: Path) -> None:
    records = care_records(tmp_path)
    frame = records.frame
    assert records.findings == () and records.rows_read == 6 and records.excluded == 0
    b = frame[frame["CHILD"] == "B"]
    assert b["SEX"].tolist() == [2, 2, 2]
    assert b["DOB"].tolist() == [day("2008-06-15")] * 3
    assert b["ETHNIC_GROUP"].tolist() == ["Black"] * 3
    assert b["PLACE_GROUP"].tolist() == ["Foster", "Residential", "Foster"]
    assert {"SEX", "DOB", "ETHNIC", "DECOM", "DEC", "RNE"} <= records.present


def test_without_a_header_sex_age_and_ethnicity_are_not_known(tmp_path: Path) -> None:
    records = care_records(tmp_path, header=None)
    assert records.frame["DOB"].isna().all() and records.frame["SEX"].isna().all()
    assert records.frame["ETHNIC_GROUP"].eq("Not known").all()
    assert "DOB" not in records.present and records.findings == ()


def test_postcodes_and_pupil_numbers_are_never_read(tmp_path: Path) -> None:
    path = tmp_path / "episodes.csv"
    path.write_text(
        f"{EPISODES_HEADER},HOME_POST,PL_POST,URN\nA,01/01/2019,S,C2,N1,U4,PR1,,,,CR0 1,E2 2,SC1\n"
    )
    frame = load_care([path], None).frame
    assert not {"HOME_POST", "PL_POST", "URN"} & set(frame.columns)


def test_a_file_without_a_start_column_is_refused_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "episodes.csv"
    path.write_text("CHILD,START,RNE\nA,01/01/2019,S\n")
    with pytest.raises(DataError, match="there is no DECOM column") as caught:
        load_care([path], None)
    assert "Did you mean 'START'?" in caught.value.message


def test_a_pack_may_map_its_own_column_names(tmp_path: Path) -> None:
    path = tmp_path / "episodes.csv"
    path.write_text("Child ID,Episode start,Reason\nA,2019-01-01,S\n")
    mapping = {"CHILD": "Child ID", "DECOM": "Episode start", "RNE": "Reason"}
    frame = load_care([path], None, mapping).frame
    assert frame["DECOM"].tolist() == [day("2019-01-01")] and frame["RNE"].tolist() == ["S"]


# -- each child's history -----------------------------------------------------------------


def test_each_episode_knows_its_placement_carer_and_period_of_care(tmp_path: Path) -> None:
    frame = care_records(tmp_path).frame.set_index(["CHILD", "DECOM"])
    b = frame.loc["B"]
    # S, P, T: three placements, three carers, one period of care
    assert b["PLACEMENT"].nunique() == 3
    assert b["CARER_FROM"].tolist() == [day("2023-05-01"), day("2023-07-01"), day("2023-09-01")]
    assert b["CARE_FROM"].tolist() == [day("2023-05-01")] * 3
    a = frame.loc["A"]
    assert a["CARE_FROM"].tolist() == [day("2019-01-01")] * 2
    assert a["CARER_FROM"].tolist() == [day("2019-01-01"), day("2021-06-01")]
    assert a["UNTIL"].tolist()[0] == day("2021-06-01") and pd.isna(a["UNTIL"].tolist()[1])


def test_a_change_of_legal_status_or_a_move_with_the_same_carer_keeps_the_carer(
    tmp_path: Path,
) -> None:
    episodes = (
        "A,01/01/2019,S,C1,N1,U4,PR1,01/06/2019,X1,\n"
        "A,01/06/2019,L,C2,N1,U4,PR1,01/03/2022,X1,\n"
        "A,01/03/2022,U,C2,N1,U6,PR1,01/05/2022,X1,CARPL\n"
        "A,01/05/2022,B,E1,N1,A5,PR1,,,CARPL\n"
    )
    frame = care_records(tmp_path, episodes, "A,1,01/01/2015,WBRI\n").frame
    assert frame["CARER_FROM"].nunique() == 1
    # L continues the placement; U and B begin new ones with the same carer
    assert frame["PLACEMENT"].tolist() == [1, 1, 2, 3]


def test_going_home_and_coming_back_begins_a_new_period_of_care(tmp_path: Path) -> None:
    episodes = "A,01/01/2019,S,C2,N1,U4,PR1,01/06/2020,E4A,\nA,01/09/2021,S,C1,N1,U4,PR1,,,\n"
    frame = care_records(tmp_path, episodes, "A,1,01/01/2015,WBRI\n").frame
    assert frame["CARE_FROM"].tolist() == [day("2019-01-01"), day("2021-09-01")]


def test_a_child_placed_for_adoption_keeps_the_day_they_came_to_the_carer_before(
    tmp_path: Path,
) -> None:
    episodes = "A,01/01/2020,S,C2,N1,U4,PR1,01/10/2023,X1,\nA,01/10/2023,P,E1,N1,A4,PR1,,,PLACE\n"
    frame = care_records(tmp_path, episodes, "A,1,01/01/2018,WBRI\n").frame
    assert frame["CARER_FROM"].tolist() == [day("2020-01-01"), day("2023-10-01")]
    assert frame["CARER_BEFORE"].tolist() == [day("2020-01-01"), day("2020-01-01")]


def test_an_open_episode_ends_when_the_childs_next_begins(tmp_path: Path) -> None:
    episodes = "A,01/01/2020,S,C2,N1,U4,PR1,,,\nA,01/03/2021,P,C2,N1,U4,PR1,,,CARPL\n"
    records = care_records(tmp_path, episodes, "A,1,01/01/2015,WBRI\n")
    assert records.frame["UNTIL"].tolist()[0] == day("2021-03-01")
    assert rules(records.findings) == [("142", 2, "DEC")]


# -- the DfE 903 rules ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("episodes", "header", "found"),
    [
        ("A,31/02/2020,S,C2,N1,U4,PR1,,,\n", None, [("141", 2, "DECOM")]),
        ("A,,S,C2,N1,U4,PR1,,,\n", None, [("141", 2, "DECOM")]),
        (",01/02/2020,S,C2,N1,U4,PR1,,,\n", None, [("CHILD", 2, "CHILD")]),
        ("A,01/02/2020,S,C2,N1,U4,PR1,soon,E4A,\n", None, [("147", 2, "DEC")]),
        ("A,01/02/2020,X,C2,N1,U4,PR1,,,\n", None, [("143", 2, "RNE")]),
        ("A,01/02/2020,S,C9,N1,U4,PR1,,,\n", None, [("144", 2, "LS")]),
        ("A,01/02/2020,S,C2,N9,U4,PR1,,,\n", None, [("145", 2, "CIN")]),
        ("A,01/02/2020,S,C2,N1,U9,PR1,,,\n", None, [("146", 2, "PLACE")]),
        ("A,01/02/2020,S,C2,N1,U4,PR9,,,\n", None, [("178", 2, "PLACE_PROVIDER")]),
        ("A,01/02/2020,S,C2,N1,U4,PR1,01/03/2020,E99,\n", None, [("149", 2, "REC")]),
        ("A,01/02/2020,P,C2,N1,U4,PR1,,,WHIM\n", None, [("1009", 2, "REASON_PLACE_CHANGE")]),
        ("A,01/02/2020,S,C2,N1,U4,PR1,01/03/2020,,\n", None, [("148", 2, "REC")]),
        ("A,01/02/2020,S,C2,N1,U4,PR1,,E4A,\n", None, [("148", 2, "REC")]),
        ("A,01/02/2020,S,C2,N1,U4,PR1,01/01/2020,E4A,\n", None, [("356", 2, "DEC")]),
        (
            "A,01/02/2020,S,C2,N1,U4,PR1,01/06/2020,X1,\nA,01/05/2020,P,C2,N1,U4,PR1,,,CARPL\n",
            None,
            [("501", 3, "DECOM")],
        ),
        (
            "A,01/02/2020,S,C2,N1,U4,PR1,01/06/2020,X1,\nA,08/06/2020,P,C2,N1,U4,PR1,,,CARPL\n",
            None,
            [("433", 3, "DECOM")],
        ),
        (
            "A,01/02/2020,S,C2,N1,U4,PR1,01/06/2020,X1,\nA,01/06/2020,S,C2,N1,U4,PR1,,,\n",
            None,
            [("431", 3, "RNE")],
        ),
        (
            "A,01/02/2020,S,C2,N1,U4,PR1,01/06/2020,E4A,\nA,01/09/2020,P,C2,N1,U4,PR1,,,CARPL\n",
            None,
            [("433", 3, "DECOM"), ("432", 3, "RNE")],
        ),
        ("A,01/02/2020,S,C2,N1,U4,PR1,,,\n", "A,1,01/03/2020,WBRI\n", [("302", 2, "DECOM")]),
        ("A,01/02/2020,S,C2,N1,U4,PR1,,,\n", "A,3,01/03/2010,WBRI\n", [("101", 2, "SEX")]),
        ("A,01/02/2020,S,C2,N1,U4,PR1,,,\n", "A,1,32/03/2010,WBRI\n", [("102", 2, "DOB")]),
        ("A,01/02/2020,S,C2,N1,U4,PR1,,,\n", "A,1,01/03/2010,WHITE\n", [("103", 2, "ETHNIC")]),
        ("A,01/02/2020,S,C2,N1,U4,PR1,,,\n", "B,1,01/03/2010,WBRI\n", [("HEADER", 2, "CHILD")]),
        (
            "A,01/02/2020,S,C2,N1,U4,PR1,,,\n",
            "A,1,01/03/2010,WBRI\nA,2,01/03/2011,WBRI\n",
            [("HEADER", 3, "CHILD")],
        ),
    ],
)
def test_each_dfe_rule_names_its_row_and_column(
    tmp_path: Path,
    episodes: str,
    header: str | None,
    found: list[tuple[str, int, str]],
) -> None:
    people = header if header is not None else "A,1,01/01/2010,WBRI\n"
    records = care_records(tmp_path, renamed(episodes), renamed(people))
    assert rules(records.findings) == found
    for finding in records.findings:
        assert finding.rule in RULES
        # A message never quotes a child's id or date of birth.
        assert "C77" not in finding.message and "2010" not in finding.message


def test_only_a_row_with_no_child_or_no_start_is_left_out(tmp_path: Path) -> None:
    episodes = (
        "A,31/02/2020,S,C2,N1,U4,PR1,,,\n"
        ",01/02/2020,S,C2,N1,U4,PR1,,,\n"
        "B,01/02/2020,S,C9,N9,U9,PR9,,,\n"
    )
    records = care_records(tmp_path, episodes, "B,1,01/01/2010,WBRI\n")
    assert records.excluded == 2 and records.frame["CHILD"].tolist() == ["B"]
    b = records.frame.iloc[0]
    assert pd.isna(b["LS"]) and pd.isna(b["PLACE"]) and b["PLACE_GROUP"] == "Not known"


def test_the_bundled_records_break_no_rule() -> None:
    folder = Path(__file__).parents[2] / "src" / "panelapp" / "examples" / "placements" / "data"
    records = load_care([folder / "episodes.csv"], folder / "header.csv")
    assert records.findings == () and records.excluded == 0


def test_three_children_break_no_rule(tmp_path: Path) -> None:
    assert care_records(tmp_path, THREE_CHILDREN, THREE_HEADERS).findings == ()


def test_a_wrong_birth_date_in_the_header_is_kept_out_of_the_cache_and_read_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    from panelapp.config import load_pack
    from panelapp.metrics.store import item_figures
    from panelapp.metrics.withheld import read_back

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = Path(__file__).parents[2] / "src" / "panelapp" / "examples" / "placements"
    shutil.copytree(folder, tmp_path / "pack")
    header = tmp_path / "pack" / "data" / "header.csv"
    lines = header.read_text().splitlines()
    cells = lines[1].split(",")
    cells[2] = "31/02/2011"
    lines[1] = ",".join(cells)
    header.write_text("\n".join(lines) + "\n")
    pack = load_pack(tmp_path / "pack")
    item_figures(pack, pack.item("4"))  # computed and cached
    cached = item_figures(pack, pack.item("4"))
    assert [(f.rule, f.value, f.withheld) for f in cached.findings] == [("102", "", True)]
    back = read_back(pack, cached)
    assert [(f.rule, f.value, f.source) for f in back.findings] == [
        ("102", "31/02/2011", "header.csv")
    ]
