"""The published minute against the sample: one figure disagrees, whatever the report's format.

The minute printed "31% (134) of the 425 children were in care": 134 of
425 is 31.5%, 32% at whole percents. Every other figure it quotes agrees.
The same text as Word and as PDF (written here) gives the same verdicts.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from panelapp.metrics.results import ItemFigures
from panelapp.verify.checking import ReportCheck, check_report, summary, verify_file
from panelapp.verify.document import read_report
from tests.unit.conftest import run as run_command

pytestmark = pytest.mark.usefixtures("private_folders")

DATA = Path(__file__).parents[1] / "data"
ROOT = Path(__file__).parents[2]
MINUTE = DATA / "reports" / "minutes-example-children-missing.txt"

AGREE = [
    ("20%", "children_missing"),
    ("25%", "mace_share"),
    ("105", "mace_share"),
    ("425", "mace_share"),
    ("134", "looked_after_share"),
    ("425", "looked_after_share"),
    ("23%", "looked_after_share"),
    ("twenty", "top20_episode_share"),
    ("41%", "top20_episode_share"),
    ("95%", "repeat.exploited"),
    ("85%", "repeat.bame"),
    ("80%", "repeat.looked_after"),
    ("20%", "repeat.uasc_of_looked_after"),
    ("75%", "repeat.aged_17_plus"),
    ("55%", "repeat.male"),
    ("45%", "repeat.female"),
    ("93%", "rhi_offered_rate"),
    ("49%", "rhi_completed_rate"),
]
"""Every other figure the minute quotes, and the figure of the pack it speaks of."""


def verdicts(check: ReportCheck) -> list[tuple[str, str | None, str]]:
    return [
        (s.quote.text, s.target.id if s.target else None, s.judgement.verdict)
        for s in check.statements
    ]


def assert_reference_verdicts(check: ReportCheck) -> None:
    found = verdicts(check)
    assert ("31%", "looked_after_share", "disagrees") in found
    assert [v for v in found if v[2] != "agrees"] == [("31%", "looked_after_share", "disagrees")]
    assert [
        (text, kpi) for text, kpi, _ in found if (text, kpi) != ("31%", "looked_after_share")
    ] == AGREE
    assert [t.id for t in check.unmentioned] == ["episodes"]


def test_the_reference_minute_as_text(sample_figures: ItemFigures) -> None:
    check = verify_file(MINUTE, sample_figures)
    assert_reference_verdicts(check)
    assert summary(check) == "Report check: 18 figures agree, 1 disagrees"
    assert check.exit_status == 1


def test_the_one_disagreement_is_rounded_down(sample_figures: ItemFigures) -> None:
    check = verify_file(MINUTE, sample_figures)
    (wrong,) = [s for s in check.statements if s.judgement.verdict == "disagrees"]
    judgement = wrong.judgement
    assert (judgement.shown, judgement.numerator, judgement.denominator) == ("32%", 134, 425)
    assert judgement.value == pytest.approx(134 / 425)
    assert judgement.slip.startswith("rounded down")
    assert "31.5% is 32%" in judgement.reason
    assert wrong.paragraph.number == 10 and wrong.paragraph.page is None


def test_ages_hours_dates_and_list_numbers_are_not_checked(sample_figures: ItemFigures) -> None:
    check = verify_file(MINUTE, sample_figures)
    quoted = [s.quote.text for s in check.statements]
    assert "17" not in quoted and "2021" not in quoted and "1" not in quoted
    assert len(quoted) == 19


def _lines(text: str) -> list[str]:
    """The minute's paragraphs and bullets, as a word processor would hold them."""
    blocks = [b for b in re.split(r"\n[ \t\xa0]*\n", MINUTE.read_text()) if b.strip()]
    return [line.strip() for block in blocks for line in block.split("\n") if line.strip()]


def test_the_same_text_as_word_gives_the_same_verdicts(
    sample_figures: ItemFigures, tmp_path: Path
) -> None:
    from docx import Document

    document = Document()
    for line in _lines(MINUTE.read_text()):
        document.add_paragraph(line)
    path = tmp_path / "report.docx"
    document.save(str(path))
    assert_reference_verdicts(verify_file(path, sample_figures))


def _latin(text: str) -> str:
    """The PDF's built-in font is Latin-1: dashes, quotes and spaces as it can draw them."""
    return text.replace("–", "-").replace("’", "'").replace("\xa0", " ")


def write_pdf(path: Path, lines: list[str], *, password: str = "") -> None:
    from fpdf import FPDF

    pdf = FPDF()
    if password:
        pdf.set_encryption(owner_password="owner", user_password=password)
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in lines:
        pdf.multi_cell(0, 6, _latin(line), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    pdf.output(str(path))


def test_the_same_text_as_pdf_gives_the_same_verdicts_with_pages(
    sample_figures: ItemFigures, tmp_path: Path
) -> None:
    path = tmp_path / "report.pdf"
    write_pdf(path, _lines(MINUTE.read_text()))
    check = verify_file(path, sample_figures)
    assert_reference_verdicts(check)
    pages = {s.paragraph.page for s in check.statements}
    assert None not in pages and pages <= {1, 2}


def test_markdown_and_html_give_the_same_verdicts(
    sample_figures: ItemFigures, tmp_path: Path
) -> None:
    lines = _lines(MINUTE.read_text())
    markdown = tmp_path / "report.md"
    markdown.write_text(
        "\n\n".join(f"- {line[1:].strip()}" if line.startswith("-") else line for line in lines)
    )
    assert_reference_verdicts(verify_file(markdown, sample_figures))
    html = tmp_path / "report.html"
    html.write_text(
        "<html><head><style>p{}</style><script>var x = 99;</script></head><body>"
        + "".join(f"<p>{line}</p>" for line in lines)
        + "</body></html>"
    )
    assert_reference_verdicts(verify_file(html, sample_figures))


def test_a_minute_panelapp_wrote_agrees_throughout(sample_figures: ItemFigures) -> None:
    check = verify_file(DATA / "golden" / "reference_minutes.md", sample_figures)
    assert {s.judgement.verdict for s in check.statements} == {"agrees"}
    # The completion rate cited in the RHI offered sentence is linked to its own KPI.
    assert ("49%", "rhi_completed_rate") in [
        (s.quote.text, s.target.id) for s in check.statements if s.target
    ]
    assert check.exit_status == 0


def test_a_table_in_the_report_is_read_by_row_and_column(
    sample_figures: ItemFigures, tmp_path: Path
) -> None:
    path = tmp_path / "table.md"
    path.write_text(
        "| Measure | 2020 | 2021 |\n|---|---|---|\n"
        "| Children missing | 531 | 425 |\n| Missing episodes | 2,370 | 2,105 |\n"
    )
    found = verdicts(verify_file(path, sample_figures))
    assert found == [
        ("531", "children_missing", "agrees"),
        ("425", "children_missing", "agrees"),
        ("2,370", "episodes", "agrees"),
        ("2,105", "episodes", "disagrees"),
    ]


def test_the_report_is_never_changed(sample_figures: ItemFigures, tmp_path: Path) -> None:
    copy = tmp_path / MINUTE.name
    copy.write_bytes(MINUTE.read_bytes())
    check_report(read_report(copy), sample_figures, copy)
    assert copy.read_bytes() == MINUTE.read_bytes()


# -- the command -----------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    return run_command(capsys, "verify", *args)


def test_json_is_the_documented_shape(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, str(MINUTE), str(ROOT / "config.toml"), "--json")
    assert status == 1, err
    data = json.loads(out)
    assert set(data) == {"report", "statements", "unmentioned"}
    assert data["report"] == str(MINUTE)
    keys = {"page", "paragraph", "text", "quoted", "kpi", "verdict", "data_value",
            "data_numerator", "data_denominator", "reason"}  # fmt: skip
    assert all(set(s) == keys for s in data["statements"])
    wrong = [s for s in data["statements"] if s["verdict"] == "disagrees"]
    assert [(s["quoted"], s["kpi"], s["data_numerator"], s["data_denominator"]) for s in wrong] == [
        ("31%", "looked_after_share", 134, 425)
    ]
    assert wrong[0]["page"] is None and wrong[0]["paragraph"] == 10
    assert wrong[0]["text"].startswith("31% (134) of the 425 children")
    assert {s["verdict"] for s in data["statements"]} == {"agrees", "disagrees"}
    assert [u["kpi"] for u in data["unmentioned"]] == ["episodes"]
    assert data["unmentioned"][0]["data_value"] == 2050


def test_the_table_by_paragraph_with_the_summary(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, str(MINUTE), str(ROOT / "config.toml"))
    assert status == 1
    assert "✗ disagrees" in out and "rounded down" in out and "¶ 10" in out
    assert "Not in the report: Missing episodes (2,050)." in out
    assert out.rstrip().endswith("Report check: 18 figures agree, 1 disagrees")


def test_a_report_that_agrees_exits_0(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "good.txt"
    path.write_text("32% (134) of the 425 children were in care of the local authority.\n")
    status, out, _ = run(capsys, str(path), str(ROOT / "config.toml"))
    assert status == 0
    assert "Report check: 3 figures agree" in out


def test_public_is_refused_as_private(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, str(MINUTE), str(ROOT / "config.toml"), "--public")
    assert status == 2 and out == ""
    assert "verification output is private" in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("missing.docx", None, "does not exist"),
        ("notes.toml", b"x", "not a report format"),
        ("broken.docx", b"not a zip", "not a Word document"),
        ("broken.pdf", b"%PDF-1.4 nonsense", "not a PDF"),
        ("binary.txt", b"\0\1\2", "not a text file"),
    ],
)
def test_unusable_reports_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, content: bytes | None, words: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    status, _, err = run(capsys, str(path), str(ROOT / "config.toml"))
    assert status == 2
    assert words in err and str(path) in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_an_encrypted_pdf_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "locked.pdf"
    write_pdf(path, ["31% of children"], password="secret")
    status, _, err = run(capsys, str(path), str(ROOT / "config.toml"))
    assert status == 2
    assert "encrypted PDF" in err and len(err.strip().splitlines()) == 1


def test_a_bad_pack_or_item_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, _, err = run(capsys, str(MINUTE), str(tmp_path / "nowhere.toml"))
    assert status == 2 and "does not exist" in err
    status, _, err = run(capsys, str(MINUTE), str(ROOT / "config.toml"), "--item", "2")
    assert status == 2 and "has no figures" in err and "Items with figures: 4" in err
