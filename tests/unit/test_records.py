"""The record loader: every file shape a council exports reads to the same frame."""

from __future__ import annotations

import importlib.util
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from panelapp.metrics import reading
from panelapp.metrics.reading import DataError
from panelapp.metrics.records import FRAME_COLUMNS, Records, load_records

DATA = Path(__file__).parent.parent / "data"
HEADER = "CHILD,DOB,SEX,ETHNIC,MISSING,MIS_START,MIS_END"


def write(tmp_path: Path, text: str, name: str = "episodes.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


def load(tmp_path: Path, *lines: str, header: str = HEADER, **columns: str) -> Records:
    path = write(tmp_path, "\n".join((header, *lines)) + "\n")
    return load_records([path], columns or None)


def rules(records: Records) -> list[tuple[str, int | None]]:
    return [(finding.rule, finding.row) for finding in records.findings]


# ---------------------------------------------------------------------------
# Shape of the frame


def test_every_column_has_its_working_dtype(tmp_path: Path) -> None:
    records = load(tmp_path, "C1,01/01/2008,1,WBRI,M,05/02/2021 10:00,06/02/2021 12:30")
    frame = records.frame
    assert tuple(frame.columns) == FRAME_COLUMNS
    expected = {
        "CHILD": "string",
        "DOB": "datetime64[ns]",
        "SEX": "Int8",
        "ETHNIC": "string",
        "MISSING": "string",
        "MIS_START": "datetime64[ns]",
        "MIS_END": "datetime64[ns]",
        "UASC": "boolean",
        "RHI_COMPLETED": "boolean",
        "AGE": "Int16",
        "DURATION_HOURS": "float64",
        "ETHNIC_GROUP": "string",
        "MONTH": "datetime64[ns]",
        "ROW": "int64",
        "SOURCE": "string",
    }
    for column, dtype in expected.items():
        assert frame[column].dtype == dtype, column
    row = frame.iloc[0]
    assert row["CHILD"] == "C1"
    assert row["AGE"] == 13
    assert row["DURATION_HOURS"] == pytest.approx(26.5)
    assert row["MONTH"] == pd.Timestamp("2021-02-01")
    assert (row["ROW"], row["SOURCE"]) == (2, "episodes.csv")
    assert records.findings == ()
    assert (records.rows_read, records.excluded, records.notes) == (1, 0, ())


def test_absent_columns_exist_but_are_not_present(tmp_path: Path) -> None:
    records = load(tmp_path, "C1,05/02/2021", header="CHILD,MIS_START")
    assert records.present == frozenset({"CHILD", "MIS_START"})
    assert records.frame["MACE"].isna().all()
    assert records.frame["MACE"].dtype == "boolean"
    assert records.frame["ETHNIC_GROUP"].tolist() == ["Not known"]
    assert records.findings == ()


def test_header_only_file_is_an_empty_frame(tmp_path: Path) -> None:
    records = load_records([DATA / "inputs" / "header-only.csv"])
    assert len(records.frame) == 0
    assert tuple(records.frame.columns) == FRAME_COLUMNS
    assert records.frame["MIS_START"].dtype == "datetime64[ns]"
    assert (records.rows_read, records.excluded) == (0, 0)
    # No rows is a finding: figures from it would be zeros the data never said.
    assert [(f.rule, f.row, f.source) for f in records.findings] == [
        ("no-rows", None, "header-only.csv")
    ]


# ---------------------------------------------------------------------------
# Values


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2021-02-05", "2021-02-05 00:00"),
        ("2021-02-05T10:30", "2021-02-05 10:30"),
        ("2021-02-05 10:30:15", "2021-02-05 10:30:15"),
        ("2021-02-05T10:30:15.250", "2021-02-05 10:30:15.250"),
        ("05/02/2021", "2021-02-05 00:00"),
        ("5/2/2021", "2021-02-05 00:00"),
        ("05/02/2021 10:30", "2021-02-05 10:30"),
        ("05/02/2021 9:05", "2021-02-05 09:05"),
        ("05/02/2021 10:30:15", "2021-02-05 10:30:15"),
        (" 05/02/2021 ", "2021-02-05 00:00"),
    ],
)
def test_dates_in_iso_and_uk_forms(tmp_path: Path, text: str, expected: str) -> None:
    records = load(tmp_path, f"C1,{text}", header="CHILD,MIS_START")
    assert records.frame["MIS_START"].iloc[0] == pd.Timestamp(expected)


@pytest.mark.parametrize(
    "text",
    ["31/02/2021", "2021-02-30", "2021-13-01", "05/02/21", "2021", "yesterday", "02/05/9999"],
)
def test_impossible_dates_are_unknown_not_rolled_over(tmp_path: Path, text: str) -> None:
    records = load(tmp_path, f"C1,01/02/2021,{text}", header="CHILD,MIS_START,MIS_END")
    assert pd.isna(records.frame["MIS_END"].iloc[0])
    assert rules(records) == [("1005", 2)]


def test_uk_and_iso_dates_mix_value_by_value(tmp_path: Path) -> None:
    records = load(
        tmp_path,
        "C1,2021-02-05",
        "C2,06/02/2021 08:00",
        "C3,2021-02-07T09:00",
        header="CHILD,MIS_START",
    )
    assert records.frame["MIS_START"].tolist() == [
        pd.Timestamp("2021-02-05"),
        pd.Timestamp("2021-02-06 08:00"),
        pd.Timestamp("2021-02-07 09:00"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        *[(word, True) for word in ("Y", "y", "Yes", "YES", "true", "True", "T", "t", "1", " y ")],
        *[(word, False) for word in ("N", "n", "No", "no", "FALSE", "false", "F", "0", "  N")],
        ("", None),
        ("   ", None),
    ],
)
def test_flag_spellings(tmp_path: Path, text: str, expected: bool | None) -> None:
    records = load(tmp_path, f"C1,05/02/2021,{text}", header="CHILD,MIS_START,UASC")
    value = records.frame["UASC"].iloc[0]
    assert (None if value is pd.NA else bool(value)) == expected
    assert records.findings == ()


def test_codes_are_cleaned_and_grouped(tmp_path: Path) -> None:
    records = load(
        tmp_path,
        "C1,01/01/2008,1,wbri,m,05/02/2021,",
        "C2,01/01/2008,2, BAFR ,A,05/02/2021,",
        "C3,01/01/2008,,MWBC,M,05/02/2021,",
        "C4,01/01/2008,,aind,M,05/02/2021,",
        "C5,01/01/2008,,CHNE,M,05/02/2021,",
        "C6,01/01/2008,,REFU,M,05/02/2021,",
        "C7,01/01/2008,,,M,05/02/2021,",
    )
    frame = records.frame
    assert frame["SEX"].tolist()[:3] == [1, 2, pd.NA]
    assert frame["ETHNIC"].tolist()[:2] == ["WBRI", "BAFR"]
    assert frame["MISSING"].tolist()[:2] == ["M", "A"]
    assert frame["ETHNIC_GROUP"].tolist() == [
        "White",
        "Black",
        "Mixed",
        "Asian",
        "Other",
        "Not known",
        "Not known",
    ]
    assert records.findings == ()


@pytest.mark.parametrize(
    ("dob", "start", "age"),
    [
        ("05/02/2008", "05/02/2021", 13),
        ("06/02/2008", "05/02/2021", 12),
        ("29/02/2008", "28/02/2021", 12),
        ("29/02/2008", "01/03/2021", 13),
        ("", "05/02/2021", None),
    ],
)
def test_age_is_completed_years_at_the_start(
    tmp_path: Path, dob: str, start: str, age: int | None
) -> None:
    records = load(tmp_path, f"C1,{dob},{start}", header="CHILD,DOB,MIS_START")
    value = records.frame["AGE"].iloc[0]
    assert (None if value is pd.NA else int(value)) == age


def test_duration_is_unknown_while_open(tmp_path: Path) -> None:
    records = load(
        tmp_path,
        "C1,05/02/2021 10:00,05/02/2021 22:00",
        "C2,05/02/2021 10:00,",
        header="CHILD,MIS_START,MIS_END",
    )
    hours = records.frame["DURATION_HOURS"].tolist()
    assert hours[0] == 12.0
    assert np.isnan(hours[1])


# ---------------------------------------------------------------------------
# Headers, mapping, several files


def test_header_matching_ignores_case_spacing_and_order(tmp_path: Path) -> None:
    records = load(
        tmp_path,
        "x,06/02/2021,C1, 05/02/2021",
        header="Notes,  mis end , child,Mis Start",
    )
    row = records.frame.iloc[0]
    assert (row["CHILD"], row["MIS_START"], row["MIS_END"]) == (
        "C1",
        pd.Timestamp("2021-02-05"),
        pd.Timestamp("2021-02-06"),
    )
    assert records.present == frozenset({"CHILD", "MIS_START", "MIS_END"})


def test_mapping_names_the_files_own_columns(tmp_path: Path) -> None:
    records = load(
        tmp_path,
        "C1,05/02/2021,Y",
        header="Child ID,Start date,MACE flag",
        CHILD="Child ID",
        MIS_START="start date",
        MACE="MACE flag",
    )
    row = records.frame.iloc[0]
    assert (row["CHILD"], bool(row["MACE"])) == ("C1", True)
    assert "MACE" in records.present


def test_mapping_falls_back_to_the_canonical_name(tmp_path: Path) -> None:
    records = load(tmp_path, "C1,05/02/2021", header="CHILD,MIS_START", CHILD="Child ID")
    assert records.frame["CHILD"].tolist() == ["C1"]


def test_mapped_optional_column_that_is_absent_is_a_note(tmp_path: Path) -> None:
    records = load(tmp_path, "C1,05/02/2021", header="CHILD,MIS_START", MACE="Mace flag")
    assert "MACE" not in records.present
    assert records.notes == (
        "episodes.csv: the pack maps MACE to 'Mace flag', but there is no such column; "
        "MACE is treated as not recorded.",
    )


def test_several_files_keep_their_own_rows_and_sources(tmp_path: Path) -> None:
    first = write(tmp_path, "CHILD,MIS_START\nC1,05/02/2021\nC2,06/02/2021\n", "2020.csv")
    second = write(
        tmp_path, "Child ID,MIS_START,MACE\n,07/02/2021,Y\nC3,08/02/2021,N\n", "2021.csv"
    )
    records = load_records([first, second], {"CHILD": "Child ID"})
    frame = records.frame
    assert frame["CHILD"].tolist() == ["C1", "C2", "C3"]
    assert frame["SOURCE"].tolist() == ["2020.csv", "2020.csv", "2021.csv"]
    assert frame["ROW"].tolist() == [2, 3, 3]
    assert frame["MACE"].tolist() == [pd.NA, pd.NA, False]
    assert "MACE" in records.present
    assert (records.rows_read, records.excluded) == (4, 1)
    assert [(f.rule, f.row, f.source) for f in records.findings] == [("CHILD", 2, "2021.csv")]


def test_shuffled_rows_and_columns_give_the_same_content(tmp_path: Path) -> None:
    rows = [
        "C1,01/01/2008,1,WBRI,M,05/02/2021 10:00,06/02/2021 12:30",
        "C2,02/03/2009,2,BAFR,A,07/02/2021,",
        "C1,01/01/2008,1,WBRI,M,01/03/2021,02/03/2021",
        "C3,,,XXXX,Q,09/02/2021,08/02/2021",
    ]
    plain = load(tmp_path, *rows)
    rng = np.random.default_rng(7)
    columns = HEADER.split(",")
    order = list(rng.permutation(len(columns)))
    shuffled_rows = [rows[i] for i in rng.permutation(len(rows))]
    lines = [",".join(columns[i] for i in order)]
    lines += [",".join(row.split(",")[i] for i in order) for row in shuffled_rows]
    shuffled = load_records([write(tmp_path, "\n".join(lines) + "\n", "shuffled.csv")])

    def content(records: Records) -> pd.DataFrame:
        frame = records.frame.drop(columns=["ROW", "SOURCE"])
        return frame.sort_values(["CHILD", "MIS_START"]).reset_index(drop=True)

    pd.testing.assert_frame_equal(content(plain), content(shuffled))
    assert sorted((f.rule, f.value) for f in plain.findings) == sorted(
        (f.rule, f.value) for f in shuffled.findings
    )


# ---------------------------------------------------------------------------
# Text encodings and file formats


def test_windows_text_is_read_with_a_note() -> None:
    records = load_records([DATA / "inputs" / "latin1.csv"])
    assert records.frame["CHILD"].tolist() == ["C001"]
    assert records.notes == (
        "latin1.csv was read as Windows-1252 (latin-1) text, not UTF-8; "
        "save it as UTF-8 to silence this note.",
    )


def test_windows_text_in_a_used_column_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "cp1252.csv"
    path.write_bytes("CHILD,MIS_START\r\nRen\u00e9e \u2013 1,05/02/2021\r\n".encode("cp1252"))
    records = load_records([path])
    assert records.frame["CHILD"].tolist() == ["Ren\u00e9e \u2013 1"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"CHILD,MIS_START\nC1,05/02/2021\n", "utf-8"),
        ("CHILD,MIS_START\nC\u00e9,05/02/2021\nC2,06/02/2021\n".encode(), "utf-8"),
        ("CHILD,MIS_START\nC1,05/02/2021\nC\u00e9,06/02/2021\n".encode("cp1252"), "cp1252"),
        # A character cut short at the end of one read, then plain ASCII: not UTF-8.
        (b"CHILD,MIS_START\nC\xc3,05/02/2021\n", "cp1252"),
    ],
)
def test_the_encoding_is_judged_on_every_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: bytes, expected: str
) -> None:
    """Files are read in pieces; tiny pieces put characters across their edges.
    The line feeds are counted on the way, whichever pieces they fall in."""
    monkeypatch.setattr(reading, "_CHUNK_BYTES", 3)
    path = tmp_path / "episodes.csv"
    path.write_bytes(content)
    assert reading._encoding(path, content[:4]) == (expected, content.count(b"\n"))


def test_utf8_bom_is_not_part_of_the_first_column(tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes("CHILD,MIS_START\nC\u00e9,05/02/2021\n".encode("utf-8-sig"))
    records = load_records([path])
    assert records.frame["CHILD"].tolist() == ["C\u00e9"]
    assert records.notes == ()


def test_utf16_tab_separated_text(tmp_path: Path) -> None:
    path = tmp_path / "unicode.txt"
    path.write_text("CHILD\tMIS_START\nC1\t05/02/2021\n", encoding="utf-16")
    assert load_records([path]).frame["CHILD"].tolist() == ["C1"]


def test_semicolon_separated_text(tmp_path: Path) -> None:
    records = load(tmp_path, "C1;05/02/2021", header="CHILD;MIS_START")
    assert records.frame["MIS_START"].tolist() == [pd.Timestamp("2021-02-05")]


def test_line_break_inside_a_cell_keeps_row_numbers(tmp_path: Path) -> None:
    records = load(
        tmp_path,
        'C1,05/02/2021,"two\nlines"',
        "C2,31/02/2021,x",
        header="CHILD,MIS_START,Notes",
    )
    assert rules(records) == [("1004", 3)]


def test_parquet_round_trip(tmp_path: Path) -> None:
    csv = load(
        tmp_path,
        "C1,01/01/2008,1,WBRI,M,05/02/2021 10:00,06/02/2021 12:30",
        "C2,02/03/2009,2,BAFR,A,07/02/2021,",
    )
    typed = csv.frame[list(csv.present)]
    path = tmp_path / "episodes.parquet"
    typed.to_parquet(path)
    parquet = load_records([path])
    assert parquet.present == csv.present
    pd.testing.assert_frame_equal(
        parquet.frame.drop(columns="SOURCE"), csv.frame.drop(columns="SOURCE")
    )


def test_parquet_of_text_columns(tmp_path: Path) -> None:
    path = tmp_path / "text.parquet"
    pd.DataFrame({"Child": ["C1"], "MIS_START": ["05/02/2021"], "UASC": [1.0]}).to_parquet(path)
    records = load_records([path])
    assert records.frame["UASC"].tolist() == [True]


def test_blank_rows_are_skipped_with_a_note(tmp_path: Path) -> None:
    records = load(tmp_path, "C1,05/02/2021", ",", "", "C2,31/02/2021", header="CHILD,MIS_START")
    assert records.notes == ("episodes.csv: 2 blank rows were skipped.",)
    assert rules(records) == [("1004", 5)]
    assert records.rows_read == 2


def test_ragged_rows_are_left_out_and_reported(tmp_path: Path) -> None:
    records = load(
        tmp_path,
        "C1,05/02/2021,x,extra",
        "C2,06/02/2021",
        "C3,07/02/2021,y",
        "C4,31/02/2021,z",
        header="CHILD,MIS_START,Notes",
    )
    assert records.frame["CHILD"].tolist() == ["C3"]
    assert records.frame["ROW"].tolist() == [4]
    assert rules(records) == [("ROW", 2), ("ROW", 3), ("1004", 5)]
    assert all(finding.excluded for finding in records.findings)
    assert (records.rows_read, records.excluded) == (4, 3)


# ---------------------------------------------------------------------------
# Unusable input


def test_data_error_message_is_one_line() -> None:
    error = DataError(Path("x.csv"), "row 1", "there is no CHILD column", "Add one.")
    assert error.message == "x.csv: row 1: there is no CHILD column. Add one."
    assert str(error) == error.message
    assert DataError(Path("x.csv"), "", "is empty").message == "x.csv: is empty."


def test_a_missing_column_is_never_matched_to_another_column_the_pack_reads(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, "CHILD,MISSING,MIS_END\nC1,M,05/02/2021\n")
    with pytest.raises(DataError) as caught:
        load_records([path])
    message = caught.value.message
    assert "there is no MIS_START column" in message
    assert "Did you mean" not in message, "MISSING is the code, not a start date"
    assert 'MIS_START = "Your column name"' in message


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="does not exist") as caught:
        load_records([tmp_path / "nowhere.csv"])
    assert caught.value.path == tmp_path / "nowhere.csv"


def test_folder_instead_of_file(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="is a folder"):
        load_records([tmp_path])


def test_missing_column_suggests_a_mapping(tmp_path: Path) -> None:
    path = write(tmp_path, "Child ID,Start date\nC1,05/02/2021\n")
    with pytest.raises(DataError) as caught:
        load_records([path], {"CHILD": "Child ID"})
    message = caught.value.message
    assert "there is no MIS_START column; the columns found are: Child ID, Start date." in message
    assert "Did you mean 'Start date'?" in message
    assert 'MIS_START = "Start date"' in message
    assert "[items.columns]" in message


def test_mapped_name_that_is_absent_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, "Kid,MIS_START\nC1,05/02/2021\n")
    with pytest.raises(DataError, match="the pack maps it to 'Child Ref'"):
        load_records([path], {"CHILD": "Child Ref"})


def test_first_row_of_data_is_not_a_header(tmp_path: Path) -> None:
    path = write(tmp_path, "C1,05/02/2021,06/02/2021\n")
    with pytest.raises(DataError, match=r"has no header row: the first row holds dates or numbers"):
        load_records([path])


def test_blank_first_line(tmp_path: Path) -> None:
    path = write(tmp_path, "\nCHILD,MIS_START\n")
    with pytest.raises(DataError, match="first line is blank"):
        load_records([path])


def test_workbook_named_csv(tmp_path: Path) -> None:
    path = tmp_path / "episodes.csv"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(DataError, match="is a zip file"):
        load_records([path])


def test_corrupt_parquet(tmp_path: Path) -> None:
    path = write(tmp_path, "CHILD,MIS_START\n", "episodes.parquet")
    with pytest.raises(DataError, match="is not a readable Parquet file"):
        load_records([path])


@pytest.mark.skipif(
    importlib.util.find_spec("openpyxl") is not None, reason="openpyxl is installed"
)
def test_workbook_without_excel_support(tmp_path: Path) -> None:
    path = write(tmp_path, "", "episodes.xlsx")
    path.write_bytes(b"PK\x03\x04")
    with pytest.raises(DataError, match="Save the sheet from Excel as CSV UTF-8"):
        load_records([path])


def test_a_stray_quote_that_swallows_rows_is_a_finding_naming_its_line(tmp_path: Path) -> None:
    records = load(
        tmp_path,
        "C1,04/02/2021",
        'C2,"05/02/2021',
        "C3,06/02/2021",
        "C4,07/02/2021",
        header="CHILD,MIS_START",
    )
    assert rules(records) == [("1004", 3), ("QUOTE", 3)]
    quote = records.findings[1]
    assert quote.excluded and quote.source == "episodes.csv"
    assert quote.message == (
        'A quoted value opens on line 3 and runs to line 5, most likely a stray quote mark ("), '
        "so the 2 rows on the lines after it were read as part of one value and are left out. "
        'Find the stray quote mark (") on that line and delete it, or close the quoted value.'
    )
    assert records.frame["CHILD"].tolist() == ["C1"]
    assert (records.rows_read, records.excluded) == (4, 3)


def test_a_stray_quote_that_makes_its_row_ragged_is_told_once(tmp_path: Path) -> None:
    records = load(
        tmp_path,
        'C1,"05/02/2021,M',
        "C2,06/02/2021,A",
        "C3,07/02/2021,M",
        header="CHILD,MIS_START,MISSING",
    )
    assert rules(records) == [("QUOTE", 2)]
    assert "the 2 rows on the lines after it" in records.findings[0].message
    assert (records.rows_read, records.excluded) == (3, 3)


def test_a_note_that_runs_over_lines_is_no_stray_quote(tmp_path: Path) -> None:
    records = load(
        tmp_path,
        'C1,05/02/2021,"Found at a friend\'s house.\nReturned by police"',
        "C2,06/02/2021,",
        header="CHILD,MIS_START,Notes",
    )
    assert records.findings == ()
    assert records.frame["CHILD"].tolist() == ["C1", "C2"]


def test_a_quote_that_swallows_the_rest_of_a_large_file_stops_it_with_the_line(
    tmp_path: Path,
) -> None:
    """Megabytes in one value are more than the reader takes at once: the file stops."""
    rows = [f"C{n},05/02/2021" for n in range(200_000)]
    rows[10] = 'C10,"05/02/2021'
    with pytest.raises(DataError) as stopped:
        load(tmp_path, *rows, header="CHILD,MIS_START")
    assert stopped.value.where == "line 12"
    assert "runs to line 200001" in stopped.value.message
    assert "the 199,989 rows on the lines after it" in stopped.value.message


# ---------------------------------------------------------------------------
# The fixture folders: one expected outcome each

BAD = DATA / "bad_inputs"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("zero-byte.csv", "zero-byte.csv: is empty: no header row."),
        ("binary.csv", "binary.csv: is not a text table (it looks like binary data)."),
        ("missing-child.csv", "row 1: there is no CHILD column; the columns found are: Child ref"),
        ("missing-start.csv", "Did you mean 'Start'?"),
    ],
)
def test_unusable_inputs(name: str, expected: str) -> None:
    with pytest.raises(DataError) as caught:
        load_records([BAD / name])
    assert expected in caught.value.message
    assert str(BAD / name) in caught.value.message


@pytest.mark.parametrize(
    ("name", "rule", "row", "excluded", "message"),
    [
        (
            "impossible-date.csv",
            "1004",
            3,
            True,
            "Start date '31/02/2021' is not a valid date, so the episode cannot be placed in a "
            "period; it is left out.",
        ),
        (
            "end-before-start.csv",
            "567",
            2,
            False,
            "Episode ends (03/02/2021) before it starts (05/02/2021); its duration is unknown.",
        ),
        (
            "overlap.csv",
            "574",
            3,
            False,
            "Episode starts (05/02/2021) before the child's episode in row 2 ended (10/02/2021).",
        ),
    ],
)
def test_inputs_with_findings(name: str, rule: str, row: int, excluded: bool, message: str) -> None:
    records = load_records([BAD / name])
    assert [(f.rule, f.row, f.excluded, f.message, f.source) for f in records.findings] == [
        (rule, row, excluded, message, name)
    ]
    assert records.excluded == int(excluded)


def test_parquet_column_of_lists_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "nested.parquet"
    pd.DataFrame({"CHILD": [["C1"]], "MIS_START": ["05/02/2021"]}).to_parquet(path)
    with pytest.raises(DataError, match="CHILD: holds values of type list"):
        load_records([path])


def test_rows_come_in_order_of_start_with_children_numbered_in_id_order(tmp_path: Path) -> None:
    records = load(
        tmp_path,
        "C2,,,,,07/02/2021,",
        "C10,,,,,05/02/2021,",
        "C1,,,,,2021-02-07,",
        "C2,,,,,06/02/2021,",
    )
    frame = records.frame
    assert frame["ROW"].tolist() == [3, 5, 2, 4]  # equal starts keep the file's order
    assert frame["CHILD"].tolist() == ["C10", "C2", "C2", "C1"]
    assert frame["CHILD_NO"].tolist() == [1, 2, 2, 0]  # C1 < C10 < C2, as text sorts


def test_every_ethnic_code_is_filed_under_a_group_the_tables_show() -> None:
    """A group spelt otherwise than the drill-down's categories would land in 'Not known'."""
    from panelapp.metrics.dimensions import ETHNIC_GROUPS
    from panelapp.metrics.records import ETHNIC_CODES, ethnic_group

    codes = pd.Series([*ETHNIC_CODES, "XXXX", None], dtype="string")
    groups = ethnic_group(codes)
    assert set(groups) == set(ETHNIC_GROUPS)
    assert groups.iloc[-2:].tolist() == ["Not known", "Not known"]


@pytest.mark.parametrize(
    "keys",
    [
        np.array([5, 3, 5, 1, 3], dtype=np.uint16),  # ranks: numpy's own radix
        np.array([3, 1, 3, 2], dtype=np.int64) * 10**9 * 60 + 1_600_000_000 * 10**9,  # minutes
        np.array([70_000, 1, 70_000, 65_536, 2, 256, 300], dtype=np.int64) * 10**9,  # over 16 bits
        np.array([1, 3, 2, 3], dtype=np.int64) * 10**9 + np.array([0, 0, 500, 0]),  # fractions
        np.array([2**40, 0, 2**40, 1], dtype=np.int64) * 10**9,  # over a century and a half
    ],
)
def test_starts_are_ordered_as_a_stable_sort_orders_them(keys: np.ndarray) -> None:
    from panelapp.metrics.records import _stable_order

    assert _stable_order(keys).tolist() == np.argsort(keys, kind="stable").tolist()
