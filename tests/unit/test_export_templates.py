"""Another council's house style is a template in the pack, not a code change."""

from __future__ import annotations

from pathlib import Path

import pytest

from panelapp import paths
from panelapp.cli import main
from panelapp.config import load_pack
from panelapp.minutes.draft import build_minutes
from panelapp.minutes.export import render
from panelapp.minutes.style import TemplateError, md
from tests.data.journals.sample import copy_sample, sample_figures


def pack_with(tmp_path: Path, templates: dict[str, str]):  # type: ignore[no-untyped-def]
    config = copy_sample(tmp_path)
    config.write_text('templates = "house"\n' + config.read_text())
    (tmp_path / "house").mkdir()
    for name, text in templates.items():
        (tmp_path / "house" / name).write_text(text)
    return load_pack(config)


def draft(tmp_path: Path, templates: dict[str, str]) -> str:
    text = render(build_minutes(pack_with(tmp_path, templates), sample_figures()), "md")
    assert isinstance(text, str)
    return text


def test_a_packs_template_replaces_only_the_part_it_names(tmp_path: Path) -> None:
    text = draft(tmp_path, {"item.md.j2": "### Item {{ item.number }}: {{ item.title | md }}\n"})
    assert "### Item 4: Children Missing" in text
    assert "## 4. Children Missing" not in text
    assert "## Attendance" in text  # front.md.j2 still the packaged one


def test_a_template_with_a_syntax_error_is_named_with_its_line(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match=r"item.md.j2: line 2: "):
        draft(tmp_path, {"item.md.j2": "fine\n{% if %}\n"})


def test_a_misspelt_field_fails_rather_than_printing_nothing(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="'titel'"):
        draft(tmp_path, {"item.md.j2": "{{ item.titel }}\n"})


@pytest.mark.parametrize(
    ("typed", "safe"),
    [
        ("1. first", "1\\. first"),
        ("2) second", "2\\) second"),
        ("# heading", "\\# heading"),
        ("- dash", "\\- dash"),
        ("> quote", "\\> quote"),
        ("a | b", "a \\| b"),
        ("<b>x</b>", "\\<b>x\\</b>"),
        ("[c] of [c]", "[c] of [c]"),
        ("[x](http://a)", "[x\\](http://a)"),
        ("A&E &amp;", "A&E \\&amp;"),
        ("two\n\nparagraphs  here", "two paragraphs here"),
        ("32% (134 of 425)", "32% (134 of 425)"),
    ],
)
def test_typed_text_is_escaped_only_where_markdown_would_misread_it(typed: str, safe: str) -> None:
    assert md(typed) == safe


def test_a_template_that_fails_while_rendering_names_its_file_and_line(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match=r"item.md.j2: line 2: the template failed: TypeError"):
        draft(tmp_path, {"item.md.j2": "fine\n{{ item.title + 1 }}\n"})


def test_export_reports_a_failing_template_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data-home"))
    config = pack_with(tmp_path, {"item.md.j2": "{{ item.title + 1 }}\n"}).path
    assert main(["export", str(config)]) == 2
    printed = capsys.readouterr()
    assert printed.out == ""
    [line] = printed.err.splitlines()
    assert line.startswith("panelapp: ")
    assert "item.md.j2: line 1: the template failed: TypeError" in line
    assert "unexpected" not in line


def test_export_help_names_the_default_journal(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "config.journal.sqlite beside config.toml" in text
    assert f"for the bundled sample, {paths.user_data_dir()}" in text
    assert "<pack>" not in text
