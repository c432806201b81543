"""Data-quality rules: each fires on the row it should, and only there."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from panelapp.metrics.quality import RULES, shown, uk_dates
from panelapp.metrics.records import Records, load_records
from panelapp.metrics.results import Finding

HEADER = "CHILD,DOB,MISSING,MIS_START,MIS_END"


def load(tmp_path: Path, *lines: str, header: str = HEADER, name: str = "e.csv") -> Records:
    path = tmp_path / name
    path.write_text("\n".join((header, *lines)) + "\n", encoding="utf-8")
    return load_records([path])


def found(records: Records) -> list[tuple[str, int | None, str, bool]]:
    return [(f.rule, f.row, f.column, f.excluded) for f in records.findings]


def only(records: Records) -> Finding:
    assert len(records.findings) == 1, records.findings
    return records.findings[0]


def test_clean_rows_raise_nothing(tmp_path: Path) -> None:
    records = load(
        tmp_path,
        "C1,01/01/2008,M,05/02/2021,06/02/2021",
        "C1,01/01/2008,A,06/02/2021,07/02/2021",
        "C2,01/01/2009,m,05/02/2021,",
    )
    assert records.findings == ()
    assert records.excluded == 0


# ---------------------------------------------------------------------------
# Rows that cannot be used


def test_blank_child_is_left_out(tmp_path: Path) -> None:
    records = load(tmp_path, "C1,01/01/2008,M,05/02/2021,", "  ,01/01/2008,M,05/02/2021,")
    assert found(records) == [("CHILD", 3, "CHILD", True)]
    assert only(records).message == (
        "Child ID is blank, so the episode cannot be counted against a child; it is left out."
    )
    assert records.frame["CHILD"].tolist() == ["C1"]
    assert records.excluded == 1


@pytest.mark.parametrize(
    ("start", "message"),
    [
        ("", "Start date is blank, so the episode cannot be placed in a period; it is left out."),
        (
            "2021-02-30",
            "Start date '2021-02-30' is not a valid date, so the episode cannot be placed in a "
            "period; it is left out.",
        ),
    ],
)
def test_1004_start_not_a_date_is_left_out(tmp_path: Path, start: str, message: str) -> None:
    records = load(tmp_path, f"C1,01/01/2008,M,{start},", "C2,01/01/2008,M,05/02/2021,")
    finding = only(records)
    assert (finding.rule, finding.row, finding.value, finding.excluded) == ("1004", 2, start, True)
    assert finding.message == message
    assert records.frame["CHILD"].tolist() == ["C2"]


def test_row_with_two_reasons_is_excluded_once(tmp_path: Path) -> None:
    records = load(tmp_path, ",01/01/2008,M,,")
    assert found(records) == [("1004", 2, "MIS_START", True), ("CHILD", 2, "CHILD", True)]
    assert (records.rows_read, records.excluded, len(records.frame)) == (1, 1, 0)


# ---------------------------------------------------------------------------
# Field rules: kept, the doubtful value unknown


def test_1005_end_not_a_date_is_kept_as_unknown(tmp_path: Path) -> None:
    records = load(tmp_path, "C1,01/01/2008,M,05/02/2021,32/01/2021", "C2,01/01/2008,M,05/02/2021,")
    assert found(records) == [("1005", 2, "MIS_END", False)]
    assert only(records).message == (
        "End date '32/01/2021' is not a valid date; the episode is treated as having an "
        "unknown end."
    )
    assert len(records.frame) == 2
    assert pd.isna(records.frame["DURATION_HOURS"].iloc[0])


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("X", "Missing type 'X' is not M"),
        ("", "Missing type is blank, not M"),
        ("Missing", "Missing type 'Missing' is not M"),
    ],
)
def test_1006_missing_type(tmp_path: Path, value: str, message: str) -> None:
    records = load(tmp_path, f"C1,01/01/2008,{value},05/02/2021,", "C2,01/01/2008,a,05/02/2021,")
    finding = only(records)
    assert (finding.rule, finding.row, finding.excluded) == ("1006", 2, False)
    assert finding.message == (
        f"{message} (missing) or A (away from placement without authorisation)."
    )
    assert records.frame["MISSING"].tolist() == [pd.NA, "A"]


def test_no_missing_column_no_1006(tmp_path: Path) -> None:
    records = load(tmp_path, "C1,05/02/2021", header="CHILD,MIS_START")
    assert records.findings == ()


def test_dob_not_a_date(tmp_path: Path) -> None:
    records = load(tmp_path, "C1,31/09/2008,M,05/02/2021,")
    assert found(records) == [("DOB", 2, "DOB", False)]
    assert pd.isna(records.frame["AGE"].iloc[0])


@pytest.mark.parametrize(("value", "rule"), [("1", None), ("2", None), ("", None), ("3", "SEX")])
def test_sex_codes(tmp_path: Path, value: str, rule: str | None) -> None:
    records = load(tmp_path, f"C1,05/02/2021,{value}", header="CHILD,MIS_START,SEX")
    assert [f.rule for f in records.findings] == ([rule] if rule else [])
    if rule:
        assert only(records).message == (
            "Sex code '3' is not 1 (male) or 2 (female); sex is treated as not known."
        )


@pytest.mark.parametrize(("value", "rule"), [("WBRI", None), ("nobt", None), ("WBR", "ETHNIC")])
def test_ethnic_codes(tmp_path: Path, value: str, rule: str | None) -> None:
    records = load(tmp_path, f"C1,05/02/2021,{value}", header="CHILD,MIS_START,ETHNIC")
    assert [f.rule for f in records.findings] == ([rule] if rule else [])
    if rule:
        assert records.frame["ETHNIC_GROUP"].tolist() == ["Not known"]
        assert "Ethnicity code 'WBR' is not an SSDA903 code" in only(records).message


@pytest.mark.parametrize(("value", "rule"), [("Yes", None), ("", None), ("maybe", "FLAG")])
def test_flag_values(tmp_path: Path, value: str, rule: str | None) -> None:
    records = load(tmp_path, f"C1,05/02/2021,{value}", header="CHILD,MIS_START,CSE")
    assert [f.rule for f in records.findings] == ([rule] if rule else [])
    if rule:
        finding = only(records)
        assert (finding.column, finding.value) == ("CSE", "maybe")
        assert finding.message == (
            "Sexual exploitation (CSE) value 'maybe' is not a yes/no value (Y/N, Yes/No, "
            "True/False, 1/0 or T/F); it is treated as not recorded."
        )


# ---------------------------------------------------------------------------
# Episode rules


def test_567_end_before_start(tmp_path: Path) -> None:
    records = load(
        tmp_path,
        "C1,01/01/2008,M,05/02/2021,03/02/2021",
        "C2,01/01/2008,M,05/02/2021 10:00,05/02/2021 09:30",
        "C3,01/01/2008,M,05/02/2021 10:00,05/02/2021 10:00",
    )
    assert found(records) == [("567", 2, "MIS_END", False), ("567", 3, "MIS_END", False)]
    assert records.findings[0].message == (
        "Episode ends (03/02/2021) before it starts (05/02/2021); its duration is unknown."
    )
    assert "ends (05/02/2021 09:30) before it starts (05/02/2021 10:00)" in (
        records.findings[1].message
    )
    hours = records.frame["DURATION_HOURS"].tolist()
    assert pd.isna(hours[0]) and pd.isna(hours[1]) and hours[2] == 0.0


def test_574_overlap_reported_on_the_later_episode(tmp_path: Path) -> None:
    records = load(
        tmp_path,
        "C1,01/01/2008,M,05/02/2021,06/02/2021",
        "C1,01/01/2008,M,01/02/2021,10/02/2021",
    )
    finding = only(records)
    assert (finding.rule, finding.row, finding.column) == ("574", 2, "MIS_START")
    assert finding.message == (
        "Episode starts (05/02/2021) before the child's episode in row 3 ended (10/02/2021)."
    )


def test_574_new_episode_while_previous_open(tmp_path: Path) -> None:
    records = load(
        tmp_path, "C1,01/01/2008,M,01/02/2021 10:00,", "C1,01/01/2008,M,03/02/2021,04/02/2021"
    )
    assert only(records).message == (
        "Episode starts (03/02/2021) while the child's episode in row 2, which started "
        "01/02/2021 10:00, is still open."
    )


def test_574_nested_inside_an_earlier_long_episode(tmp_path: Path) -> None:
    records = load(
        tmp_path,
        "C1,01/01/2008,M,01/01/2021,31/01/2021",
        "C1,01/01/2008,M,05/01/2021,06/01/2021",
        "C1,01/01/2008,M,10/01/2021,12/01/2021",
    )
    assert found(records) == [("574", 3, "MIS_START", False), ("574", 4, "MIS_START", False)]
    assert "in row 2 ended (31/01/2021)" in records.findings[1].message


@pytest.mark.parametrize(
    "lines",
    [
        (
            "C1,01/01/2008,M,01/02/2021 10:00,02/02/2021 10:00",
            "C1,01/01/2008,M,02/02/2021 10:00,03/02/2021",
        ),
        ("C1,01/01/2008,M,01/02/2021,10/02/2021", "C2,01/01/2008,M,05/02/2021,06/02/2021"),
        ("C1,01/01/2008,M,01/02/2021,", "C2,01/01/2008,M,05/02/2021,"),
        ("C1,01/01/2008,M,01/02/2021,bad", "C1,01/01/2008,M,05/02/2021,06/02/2021"),
        ("C1,01/01/2008,M,05/02/2021,01/02/2021", "C1,01/01/2008,M,03/02/2021,04/02/2021"),
    ],
    ids=["back-to-back", "other-child", "both-open-other-children", "unknown-end", "backwards"],
)
def test_574_does_not_fire(tmp_path: Path, lines: tuple[str, str]) -> None:
    records = load(tmp_path, *lines)
    assert "574" not in [f.rule for f in records.findings]


def test_574_without_an_end_column_is_not_checked(tmp_path: Path) -> None:
    records = load(tmp_path, "C1,01/02/2021", "C1,05/02/2021", header="CHILD,MIS_START")
    assert records.findings == ()


def test_574_across_files_names_the_other_file(tmp_path: Path) -> None:
    first = tmp_path / "a.csv"
    second = tmp_path / "b.csv"
    first.write_text("CHILD,MIS_START,MIS_END\nC1,01/02/2021,\n", encoding="utf-8")
    second.write_text("CHILD,MIS_START,MIS_END\nC1,03/02/2021,04/02/2021\n", encoding="utf-8")
    finding = only(load_records([first, second]))
    assert (finding.source, finding.row) == ("b.csv", 2)
    assert "episode in row 2 of a.csv" in finding.message


def test_574_ignores_excluded_rows(tmp_path: Path) -> None:
    records = load(tmp_path, ",01/01/2008,M,01/02/2021,", "C1,01/01/2008,M,03/02/2021,04/02/2021")
    assert [f.rule for f in records.findings] == ["CHILD"]


def test_a_blank_date_of_birth_is_a_finding_as_an_unreadable_one_is(tmp_path: Path) -> None:
    records = load(tmp_path, "C1,,M,05/02/2021,", "C2,01/01/2008,M,05/02/2021,")
    finding = only(records)
    assert (finding.rule, finding.row, finding.column, finding.excluded) == ("DOB", 2, "DOB", False)
    assert finding.message == "Date of birth is blank; the child's age is unknown."
    assert pd.isna(records.frame["AGE"].iloc[0])


def test_no_date_of_birth_column_raises_nothing(tmp_path: Path) -> None:
    records = load(tmp_path, "C1,M,05/02/2021,", header="CHILD,MISSING,MIS_START,MIS_END")
    assert records.findings == ()


@pytest.mark.parametrize(
    ("dob", "fires"),
    [("05/02/2021", True), ("06/02/2021", True), ("04/02/2021", False), ("", False)],
)
def test_586_start_on_or_before_birth(tmp_path: Path, dob: str, fires: bool) -> None:
    records = load(tmp_path, f"C1,{dob},M,05/02/2021 14:00,")
    blank = ["DOB"] if not dob else []  # a blank date of birth is a finding of its own
    assert [f.rule for f in records.findings] == (["586"] if fires else blank)
    if fires:
        assert only(records).message == (
            "Episode starts (05/02/2021 14:00) on or before the child's date of birth; "
            "the child's age is unknown."
        )
        assert pd.isna(records.frame["AGE"].iloc[0])


@pytest.mark.parametrize(
    ("offered", "completed", "fires"),
    [("N", "Y", True), ("", "Y", True), ("Y", "Y", False), ("N", "N", False), ("N", "", False)],
)
def test_rhi_completed_without_offer(
    tmp_path: Path, offered: str, completed: str, fires: bool
) -> None:
    records = load(
        tmp_path,
        f"C1,05/02/2021,{offered},{completed}",
        header="CHILD,MIS_START,RHI_OFFERED,RHI_COMPLETED",
    )
    assert [f.rule for f in records.findings] == (["RHI"] if fires else [])
    if fires:
        said = f"'{offered}'" if offered else "blank"
        assert only(records).message == (
            f"Return home interview is marked completed but offered is {said}; "
            "an interview that took place must have been offered."
        )


def test_rhi_rule_needs_both_columns(tmp_path: Path) -> None:
    records = load(tmp_path, "C1,05/02/2021,Y", header="CHILD,MIS_START,RHI_COMPLETED")
    assert records.findings == ()


# ---------------------------------------------------------------------------
# The findings as a whole


def test_findings_are_in_row_order_and_every_rule_is_documented(tmp_path: Path) -> None:
    records = load(
        tmp_path,
        "C1,31/02/2008,Z,05/02/2021,03/02/2021,3,WBR,maybe,Y",
        ",01/01/2008,M,01/02/2021,,1,WBRI,Y,N",
        "C2,05/02/2021,M,05/02/2021,nope,1,WBRI,Y,N",
        "C2,01/01/2008,M,bad,,1,WBRI,Y,N",
        "C3,01/01/2008,M,01/03/2021,,1,WBRI,Y,N",
        "C3,01/01/2008,M,02/03/2021,03/03/2021,1,WBRI,Y,N",
        header=HEADER + ",SEX,ETHNIC,RHI_OFFERED,RHI_COMPLETED",
    )
    rows = [f.row for f in records.findings]
    assert rows == sorted(rows)
    assert {f.rule for f in records.findings} == set(RULES) - {"ROW", "QUOTE"}
    assert records.excluded == sum(1 for f in records.findings if f.excluded)
    assert all(f.source == "e.csv" for f in records.findings)


def test_uk_dates_show_the_time_only_when_there_is_one() -> None:
    moments = pd.to_datetime(
        ["2021-02-05", "2021-02-05 09:05", "1999-12-31 00:00:30"], format="ISO8601"
    )
    assert uk_dates(moments.to_numpy()) == ["05/02/2021", "05/02/2021 09:05", "31/12/1999"]


def test_long_values_are_shortened_in_messages() -> None:
    assert shown("a\nb") == "a b"
    assert shown("x" * 60) == "x" * 39 + "…"


_DAYS = ["01/02/2021", "02/02/2021", "02/02/2021 12:00", "03/02/2021", "05/02/2021"]
_ENDS = [*_DAYS, "", "not a date"]


_EPISODES = st.tuples(
    st.sampled_from(["C1", "C2", "C3"]), st.sampled_from(_DAYS), st.sampled_from(_ENDS)
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(_EPISODES, min_size=2, max_size=12))
def test_574_matches_the_rule_read_one_child_at_a_time(
    tmp_path: Path, episodes: list[tuple[str, str, str]]
) -> None:
    """The vectorised rule against the rule as written: each episode in order of start
    (file order among equals) clashes when it starts before the latest trusted end of
    the child's earlier episodes, an open one never ending."""
    records = load(tmp_path, *(f"{c},01/01/2008,M,{s},{e}" for c, s, e in episodes))

    def moment(text: str) -> pd.Timestamp:
        return pd.Timestamp(pd.to_datetime(text, dayfirst=True))

    def end(text: str) -> pd.Timestamp | None:
        try:
            return moment(text) if text else None
        except ValueError:
            return None

    rows = sorted(range(len(episodes)), key=lambda i: (moment(episodes[i][1]), i))
    expected = []
    for position, i in enumerate(rows):
        child, start, _ = episodes[i]
        latest: pd.Timestamp | None = None
        still_open = False
        for j in rows[:position]:
            other_child, other_start, other_end = episodes[j]
            if other_child != child:
                continue
            if other_end == "":
                still_open = True
            ends = end(other_end)
            if ends is not None and ends >= moment(other_start):
                latest = ends if latest is None else max(latest, ends)
        if still_open or (latest is not None and moment(start) < latest):
            expected.append(i + 2)
    assert sorted(f.row or 0 for f in records.findings if f.rule == "574") == sorted(expected)
