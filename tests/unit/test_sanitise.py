"""One sanitiser for everything that leaves panelapp: no escapes, controls or bidi overrides.

A config string or an entry with an ANSI escape acted on the terminal of
anyone printing the draft with ``--out -``; a right-to-left override made a
line read other than it said; a control character stopped the Word export
("All strings must be XML compatible").
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import replace
from pathlib import Path

import docx
import pytest

from panelapp.cli import main
from panelapp.minutes.draft import Minutes, build_minutes
from panelapp.minutes.export import render
from panelapp.minutes.style import draft_markdown, pack_templates
from panelapp.sanitise import BIDI_CONTROLS, clean, sanitise
from tests.data.journals.sample import copy_sample, sample_figures, sample_pack

NASTY = (
    "Panel\x1b[2J\x1b[31m red\x1b[0m\x07 \u202eevil\u202c \x00\x08\x7f\x85\x9b1m\ud800\uffff done"
)
"""Escapes that clear and recolour a terminal, a bell, an override, C0 and C1 controls,
a lone surrogate and a non-character: all in one line a clerk could paste."""


def unsafe(text: str) -> list[str]:
    """Every character no output may hold: controls (but tab and newline), bidi, surrogates."""
    return [
        c
        for c in text
        if (unicodedata.category(c) in ("Cc", "Cs") and c not in "\t\n")
        or c in BIDI_CONTROLS
        or c in "\ufffe\uffff"
    ]


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("plain text, 32% (134 of 425)", "plain text, 32% (134 of 425)"),
        ("a\x1b[31mred\x1b[0m b", "ared b"),
        ("title\x1b]0;pwned\x07 after", "title after"),
        ("reset\x1bc here", "reset here"),
        ("csi\x9b2J c1", "csi c1"),
        ("bell\x07 nul\x00 del\x7f", "bell nul del"),
        ("tab\tand\nnewline", "tab\tand\nnewline"),
        ("cr\r\nlf and\rcr, ff\x0cvt\x0bnel\x85", "cr\nlf and\ncr, ff\nvt\nnel\n"),
        ("x\u202eevil\u202c y \u2066iso\u2069", "xevil y iso"),
        ("mark \u200f kept, joiner \u200d kept", "mark \u200f kept, joiner \u200d kept"),
        ("surrogate\ud800 and \ufffe\uffff", "surrogate and "),
    ],
)
def test_sanitise_removes_only_what_no_one_can_see(given: str, kept: str) -> None:
    assert clean(given) == kept
    assert clean(kept) == kept


def test_sanitise_counts_the_bidi_controls_it_removed() -> None:
    assert sanitise("a\u202eb\u202c c\u2067d\u2069").bidi_removed == 4
    assert sanitise("a\x1b[1mb").bidi_removed == 0


@pytest.fixture(scope="module")
def minutes() -> Minutes:
    """The sample's draft with the nasty line in the config's words and the clerk's."""
    built = build_minutes(sample_pack(), sample_figures())
    item = replace(built.items[3], title=f"Children {NASTY}", discussion=(NASTY, f"- {NASTY}"))
    items = (*built.items[:3], item, *built.items[4:])
    return replace(built, committee=f"Corporate {NASTY}", items=items)


def test_markdown_holds_nothing_unsafe(minutes: Minutes) -> None:
    text = render(minutes, "md")
    assert isinstance(text, str)
    assert unsafe(text) == []
    assert "# Corporate Panel red evil done" in text
    assert "## 4. Children Panel red evil done" in text
    assert "\\- Panel red evil done" in text  # escaped as typed, the dash not a list


def test_the_draft_counts_the_bidi_controls_removed(minutes: Minutes) -> None:
    # Committee, title and two discussion points: two controls each.
    assert draft_markdown(minutes).bidi_removed >= 8
    assert draft_markdown(build_minutes(sample_pack(), sample_figures())).bidi_removed == 0


def test_html_holds_nothing_unsafe(minutes: Minutes) -> None:
    page = render(minutes, "html")
    assert isinstance(page, str)
    assert unsafe(page) == []
    assert "<title>Corporate Panel red evil done, Wednesday 9 March 2022</title>" in page


def test_word_is_written_and_holds_nothing_unsafe(minutes: Minutes) -> None:
    data = render(minutes, "docx")
    assert isinstance(data, bytes)
    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    texts += [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert unsafe("".join(texts)) == []
    assert "Corporate Panel red evil done" in texts
    assert document.core_properties.title == (
        "Corporate Panel red evil done, Wednesday 9 March 2022"
    )


def test_a_character_reference_in_a_template_is_sanitised_too(tmp_path: Path) -> None:
    # The parser turns references to C0 controls into U+FFFD, but not a bidi override.
    config = copy_sample(tmp_path)
    config.write_text('templates = "house"\n' + config.read_text())
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "item.md.j2").write_text("Item &#27;[2J&#7;&#x202E;{{ item.title }}\n")
    from panelapp.config import load_pack

    pack = load_pack(config)
    minutes = build_minutes(pack, sample_figures())
    for fmt in ("html", "docx"):
        content = render(minutes, fmt, pack_templates(pack))
        if isinstance(content, bytes):
            document = docx.Document(io.BytesIO(content))
            content = "\n".join(p.text for p in document.paragraphs)
        assert unsafe(content) == []
        assert re.search(r"Item \ufffd\[2J\ufffdChildren Missing", content)


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_export_of_a_config_with_control_characters_succeeds(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    fmt: str,
) -> None:
    """TOML lets any control character in through an escape; Word used to refuse them."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data-home"))
    config = copy_sample(tmp_path)
    text = config.read_text()
    nasty = r"Corporate\u001b[2J\u0007\u000b Parenting \u202eevil\u202c Panel"
    assert 'committee = "Corporate Parenting Panel"' in text
    config.write_text(text.replace('"Corporate Parenting Panel"', f'"{nasty}"', 1))
    out = tmp_path / f"draft.{fmt}"
    assert main(["export", str(config), "--format", fmt, "--out", str(out)]) == 0
    assert capsys.readouterr().err == ""
    if fmt == "docx":
        document = docx.Document(str(out))
        written = "\n".join(p.text for p in document.paragraphs) + document.core_properties.title
    else:
        written = out.read_text("utf-8")
    assert unsafe(written) == []
    assert re.search(r"Corporate\s+Parenting evil Panel", written)


def test_the_default_file_name_is_made_from_the_cleaned_name(tmp_path: Path) -> None:
    from panelapp.minutes.export import default_path

    pack = sample_pack()
    meeting = replace(pack.meeting, committee="Corporate\x1b[2J \u202eParenting\u202c Panel")
    path = default_path(replace(pack, meeting=meeting), "md")
    assert path.name == "corporate-parenting-panel-2022-03-09.md"
