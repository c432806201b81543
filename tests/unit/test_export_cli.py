"""`panelapp export`: prepares a draft before the meeting, writes one after, fails in one line."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from panelapp.cli import main
from tests.data.journals import reference_meeting
from tests.data.journals.sample import copy_sample

DRAFT = "minutes/corporate-parenting-panel-2022-03-09"


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture
def pack(tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A writable copy of the sample, with the figures cache shared by this module's tests."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data-home"))
    return copy_sample(tmp_path)


def test_a_fresh_pack_gets_a_draft_prepared_in_advance_and_no_journal(
    pack: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", str(pack)]) == 0
    written = pack.parent / f"{DRAFT}.md"
    assert capsys.readouterr().out == f"Wrote {written}\n"
    text = written.read_text()
    assert "There was a 14% reduction in the total number of missing episodes" in text
    assert not list(pack.parent.glob("*.sqlite*"))


def test_after_the_meeting_the_journal_beside_the_pack_is_used(
    pack: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reference_meeting.build(pack.parent / "config.journal.sqlite")
    assert main(["export", str(pack), "--item", "4", "--format", "docx"]) == 0
    written = pack.parent / f"{DRAFT}-item-4.docx"
    document = docx.Document(io.BytesIO(written.read_bytes()))
    resolutions = [p.text for p in document.paragraphs if p.style.name == "List Number"]
    assert resolutions == list(reference_meeting.RESOLUTIONS)


def test_out_dash_prints_and_the_extension_picks_the_format(
    pack: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", str(pack), "--public", "--out", "-"]) == 0
    assert capsys.readouterr().out.startswith("# Corporate Parenting Panel\n")
    assert main(["export", str(pack), "--out", str(tmp_path / "draft.html")]) == 0
    assert (tmp_path / "draft.html").read_text().startswith("<!DOCTYPE html>")


def test_a_hand_edited_draft_is_kept_and_the_message_says_where_the_new_one_is(
    pack: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["export", str(pack)])
    first = pack.parent / f"{DRAFT}.md"
    first.write_text(first.read_text() + "\nA clerk's correction.\n")
    capsys.readouterr()
    assert main(["export", str(pack)]) == 0
    out = capsys.readouterr().out
    assert "has changes not made by panelapp" in out and f"{DRAFT}-2.md" in out
    assert first.read_text().endswith("A clerk's correction.\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--item", "9"], "there is no agenda item 9. Use one of 1, 2, 3, 4."),
        (["--journal", "nowhere.sqlite"], "nowhere.sqlite: does not exist."),
        (["--format", "md", "--out", "x.docx"], "--format md does not match --out x.docx"),
        (["--format", "docx", "--out", "-"], "prints text; give a file name"),
        (["--format", "pdf"], "invalid choice: 'pdf'"),
    ],
)
def test_unusable_input_is_one_line_and_status_2(
    pack: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert main(["export", str(pack), *args]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err and err.startswith("panelapp: ")


def test_help_names_every_option(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["export", "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    for option in ("--journal", "--item", "--format", "--public", "--out", "--no-cache"):
        assert option in out
    assert "never overwritten" in out


def test_export_modules_do_not_import_textual() -> None:
    modules = (
        "panelapp.minutes.command",
        "panelapp.minutes.draft",
        "panelapp.minutes.export",
        "panelapp.minutes.style",
        "panelapp.minutes.word",
    )
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print('textual' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
