"""`panelapp check` prints pack text as it is: never as console markup, never as escapes.

An item title with '[/b]' stopped check with "unexpected error: MarkupError";
a suppressed cohort printed "Children not in care:  children", its '[c]'
eaten as markup; an escape in a title acted on the analyst's terminal.
"""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import pytest
from rich.console import Console

from panelapp.cli import main
from panelapp.config import load_pack
from panelapp.metrics.engine import present
from panelapp.report import print_report
from tests.data.journals.sample import copy_sample, sample_figures, sample_pack


@pytest.fixture
def pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("COLUMNS", "200")
    return copy_sample(tmp_path)


@pytest.mark.parametrize("public", [False, True], ids=["private", "public"])
def test_check_prints_a_title_with_brackets_as_it_is(
    pack: Path, capsys: pytest.CaptureFixture[str], public: bool
) -> None:
    text = pack.read_text()
    for old, new in (
        ('title = "Children Missing"', 'title = "Children [/b] Missing"'),
        ('title = "Children missing"', 'title = "Children [b]missing[/b] [c]"'),
        ('title = "Repeat missing children"', 'title = "Repeat [/] children"'),
        ('label = "January – December 2021"', 'label = "2021 [/i]"'),
    ):
        assert old in text
        text = text.replace(old, new, 1)
    pack.write_text(text)
    status = main(["check", str(pack), *(["--public"] if public else [])])
    out, err = capsys.readouterr()
    assert (status, err) == (0, "")
    assert "4. Children [/b] Missing — 2021 [/i]" in out
    assert "Children [b]missing[/b] [c]" in out
    assert "Repeat [/] children: 100 children" in out


def test_a_suppressed_cohort_keeps_its_symbol_in_the_title() -> None:
    figures = [present(f, sample_pack(), public=True) for f in sample_figures()]
    theme = dataclasses.replace(
        figures[0].themes[0], title="Children not in care", cohort=None, cohort_suppressed=True
    )
    figures[0] = dataclasses.replace(figures[0], themes=(theme,))
    console = Console(file=io.StringIO(), width=200)
    print_report(sample_pack(), figures, console)
    assert "Children not in care: [c] children" in console.file.getvalue()


def test_check_prints_no_escape_from_the_pack(
    pack: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = pack.read_text()
    text = text.replace('title = "Children Missing"', r'title = "Children\u001b[2J Missing"', 1)
    pack.write_text(text.replace('title = "Children missing"', r'title = "Red\u001b]0;x\u0007"'))
    assert load_pack(pack).items[3].title == "Children\x1b[2J Missing"
    main(["check", str(pack)])
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "Children Missing" in out and "Red" in out
