"""A council's own house style: templates copied out, shipped blocks extended, no Python."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from benchmarks.likeness import MINUTE, likeness, replayed_draft, sentences
from panelapp.config import load_pack
from panelapp.minutes.draft import build_minutes, load_captured
from panelapp.minutes.entries import Kind
from panelapp.minutes.export import render
from panelapp.minutes.fields import template_reference
from panelapp.minutes.house import shipped_templates, with_templates_key
from panelapp.minutes.journal import Journal
from panelapp.minutes.previous import record_agreement
from panelapp.minutes.style import REACHABLE, TemplateError, pack_templates
from tests.data.journals.sample import copy_sample, sample_figures, sample_pack
from tests.unit.conftest import run

pytestmark = pytest.mark.usefixtures("private_folders")

DATA = Path(__file__).parents[1] / "data"
SECOND_STYLE = DATA / "packs" / "second_style"

ITEM_BLOCKS = (
    "heading",
    "purpose",
    "approval",
    "report",
    "presentation",
    "queries",
    "discussion",
    "resolutions",
    "closing",
    "unreadable",
    "documents",
)


# ---------------------------------------------------------------------------
# Nothing the room did not do


def test_no_closing_line_unless_the_pack_sets_one(tmp_path: Path) -> None:
    config = copy_sample(tmp_path)
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace('closing = "The Chair thanked', '# closing = "'), "utf-8")
    unset = render(build_minutes(load_pack(config), sample_figures()), "md")
    assert isinstance(unset, str) and "thanked" not in unset
    sample = render(build_minutes(sample_pack(), sample_figures()), "md")
    assert isinstance(sample, str)
    assert sample.count("The Chair thanked officers for their report.") == 1  # item 4 only


# ---------------------------------------------------------------------------
# templates list and copy


def test_list_names_every_shipped_template_and_the_item_blocks(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = run(capsys, "templates", "list")
    assert status == 0
    for name in ("minutes.md.j2", "front.md.j2", "item.md.j2", "actions.md.j2", "macros.md.j2"):
        assert name in out
    assert f"blocks: {', '.join(ITEM_BLOCKS)}" in out


def test_copy_puts_the_templates_in_the_pack_and_sets_the_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = copy_sample(tmp_path)
    before = config.read_text(encoding="utf-8")
    status, out, err = run(capsys, "templates", "copy", "--to", str(tmp_path))
    assert status == 0, err
    shipped = {t.name: t.source for t in shipped_templates()}
    for name, source in shipped.items():
        assert (tmp_path / "templates" / name).read_text(encoding="utf-8") == source
    after = config.read_text(encoding="utf-8")
    # One line (and its comment) added before the first table; the rest byte for byte.
    added = (
        "# The minute's house style: templates here override the shipped ones.\n"
        'templates = "templates"\n\n'
    )
    at = before.index("[meeting]")
    assert after == before[:at] + added + before[at:]
    assert load_pack(config).templates == Path("templates")
    assert 'Set templates = "templates"' in out


def test_copy_never_replaces_a_file_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy_sample(tmp_path)
    assert run(capsys, "templates", "copy", "item.md.j2", "--to", str(tmp_path))[0] == 0
    mine = tmp_path / "templates" / "item.md.j2"
    mine.write_text("my own\n", encoding="utf-8")
    status, out, err = run(capsys, "templates", "copy", "--to", str(tmp_path))
    assert status == 2 and out == ""
    assert "item.md.j2: already exists and was left as it is" in err and "--force" in err
    assert mine.read_text(encoding="utf-8") == "my own\n"
    assert not (tmp_path / "templates" / "front.md.j2").exists(), "nothing written"
    assert run(capsys, "templates", "copy", "--to", str(tmp_path), "--force")[0] == 0
    assert mine.read_text(encoding="utf-8") != "my own\n"


def test_copy_keeps_a_templates_key_the_pack_already_has(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = copy_sample(tmp_path)
    config.write_text('templates = "house"\n' + config.read_text("utf-8"), "utf-8")
    (tmp_path / "house").mkdir()
    before = config.read_text("utf-8")
    assert run(capsys, "templates", "copy", "front.md.j2", "--to", str(config))[0] == 0
    assert (tmp_path / "house" / "front.md.j2").exists()
    assert config.read_text("utf-8") == before


def test_copy_refuses_the_bundled_sample_and_unknown_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(capsys, "templates", "copy", "--to", str(sample_pack().path))
    assert status == 2 and "bundled sample" in err
    copy_sample(tmp_path)
    status, _, err = run(capsys, "templates", "copy", "item.md", "--to", str(tmp_path))
    assert status == 2 and "no shipped template 'item.md'" in err


def test_a_config_whose_first_table_is_inside_a_string_is_not_edited_blindly() -> None:
    text = 'title = """\n[not a table]\n"""\n[meeting]\n'
    with pytest.raises(Exception, match="by hand"):
        with_templates_key(Path("config.toml"), text, "templates")


def test_copy_extend_writes_a_start_that_renders_as_the_shipped_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = copy_sample(tmp_path)
    assert run(capsys, "templates", "copy", "--extend", "--to", str(tmp_path))[0] == 0
    assert sorted(p.name for p in (tmp_path / "templates").iterdir()) == [
        "actions.md.j2",
        "front.md.j2",
        "item.md.j2",
    ]
    pack = load_pack(config)
    ours = render(build_minutes(pack, sample_figures()), "md", pack_templates(pack))
    assert ours == render(build_minutes(sample_pack(), sample_figures()), "md")


# ---------------------------------------------------------------------------
# extends: each block overridden on its own


def extended(tmp_path: Path, name: str, block: str) -> str:
    config = copy_sample(tmp_path)
    config.write_text('templates = "house"\n' + config.read_text("utf-8"), "utf-8")
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / name).write_text(
        f'{{% extends "panelapp/{name}" %}}{{% block {block} %}}OVERRIDDEN {block}\n\n'
        "{% endblock %}",
        "utf-8",
    )
    pack = load_pack(config)
    with Journal.open(tmp_path / "j.sqlite") as journal:
        for kind, text in [
            (Kind.ATTENDANCE, "Councillor Jane Marsh"),
            (Kind.QUERY, "Why?"),
            (Kind.RESPONSE, "Because."),
            (Kind.DISCUSSION, "Members discussed."),
            (Kind.RESOLUTION, "Note the report."),
            (Kind.ACTION, "Report back."),
        ]:
            journal.add(kind, text, item="4")
        record_agreement(journal, "2")
        journal.add(Kind.ATTENDANCE, "Councillor Jane Marsh", role="present")
    captured = load_captured(tmp_path / "j.sqlite", ["1", "2", "3", "4"])
    text = render(build_minutes(pack, sample_figures(), captured), "md", pack_templates(pack))
    assert isinstance(text, str)
    return text


SHIPPED_TEXT = {
    ("item.md.j2", "heading"): "## 4. Children Missing",
    ("item.md.j2", "purpose"): "The purpose of this paper is to update",
    ("item.md.j2", "approval"): "RESOLVED: That the minutes of the previous meeting be agreed",
    ("item.md.j2", "report"): "considered the Children Missing Review report",
    ("item.md.j2", "presentation"): "In brief, the presentation highlighted:",
    ("item.md.j2", "queries"): "In response to queries raised by the Panel",
    ("item.md.j2", "discussion"): "Members discussed.",
    ("item.md.j2", "resolutions"): "1. Note the report.",
    ("item.md.j2", "closing"): "The Chair thanked officers",
    ("item.md.j2", "documents"): "- Appendix 1: Missing children data",
    ("front.md.j2", "title"): "Draft minutes of the meeting held on",
    ("front.md.j2", "attendance"): "**Present:**",
    ("front.md.j2", "declarations"): "## Declarations of interest",
    ("actions.md.j2", "actions"): "| Reference | Action | Owner | Due | Status | Update |",
}


@pytest.mark.parametrize(("name", "block"), list(SHIPPED_TEXT))
def test_each_block_can_be_overridden_and_the_rest_is_kept(
    tmp_path: Path, name: str, block: str
) -> None:
    text = extended(tmp_path, name, block)
    assert f"OVERRIDDEN {block}" in text
    assert SHIPPED_TEXT[name, block] not in text
    others = [v for k, v in SHIPPED_TEXT.items() if k != (name, block)]
    # Blocks that print nothing for this meeting aside, everything else is still there.
    assert all(v in text for v in others)


def test_every_block_of_the_shipped_templates_is_covered() -> None:
    blocks = {(t.name, b) for t in shipped_templates() for b in t.blocks}
    unreadable_only = {("item.md.j2", "unreadable"), ("front.md.j2", "unreadable")}
    assert blocks - unreadable_only == set(SHIPPED_TEXT)


def test_an_error_in_an_extending_template_names_its_file_and_line(tmp_path: Path) -> None:
    config = copy_sample(tmp_path)
    config.write_text('templates = "house"\n' + config.read_text("utf-8"), "utf-8")
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "item.md.j2").write_text(
        '{% extends "panelapp/item.md.j2" %}\n{% block queries %}\n{{ item.titel }}\n'
        "{% endblock %}",
        "utf-8",
    )
    pack = load_pack(config)
    with pytest.raises(TemplateError, match=r"house/item.md.j2: line 3: .*'titel'"):
        render(build_minutes(pack, sample_figures()), "md", pack_templates(pack))


def test_a_pack_file_cannot_pose_as_a_shipped_template(tmp_path: Path) -> None:
    config = copy_sample(tmp_path)
    config.write_text('templates = "house"\n' + config.read_text("utf-8"), "utf-8")
    (tmp_path / "house" / "panelapp").mkdir(parents=True)
    (tmp_path / "house" / "panelapp" / "item.md.j2").write_text("IMPOSTOR\n", "utf-8")
    (tmp_path / "house" / "item.md.j2").write_text('{% extends "panelapp/item.md.j2" %}', "utf-8")
    pack = load_pack(config)
    text = render(build_minutes(pack, sample_figures()), "md", pack_templates(pack))
    assert isinstance(text, str)
    assert "IMPOSTOR" not in text and "## 4. Children Missing" in text


# ---------------------------------------------------------------------------
# A second house style, from copy and extends alone


def test_a_second_house_style_numbers_that_resolutions_and_ends_with_documents(
    tmp_path: Path,
) -> None:
    pack_folder = tmp_path / "second"
    shutil.copytree(SECOND_STYLE, pack_folder)
    assert not list(pack_folder.rglob("*.py")), "no Python in the house style"
    resolutions = [
        "That the information presented in the report be noted.",
        "That as part of this session the committee requested:",
    ]
    requested = [
        "A report on Return Home Interviews to the next meeting.",
        "A briefing for members on the MACE protocol.",
    ]
    with Journal.open(pack_folder / "config.journal.sqlite") as journal:
        for resolution in resolutions:
            parent = journal.add(Kind.RESOLUTION, resolution, item="5")
        for point in requested:
            journal.add(Kind.POINT, point, item="5", parent_id=parent.id)
    pack = load_pack(pack_folder)
    captured = load_captured(pack_folder / "config.journal.sqlite", ["5"])
    text = render(build_minutes(pack, [], captured), "md", pack_templates(pack))
    assert isinstance(text, str)
    assert "\n1. That the information presented in the report be noted.\n" in text
    assert (
        "\n2. That as part of this session the committee requested:\n"
        "    - A report on Return Home Interviews to the next meeting.\n"
        "    - A briefing for members on the MACE protocol.\n"
    ) in text
    assert "RESOLVED: To" not in text and "Note " not in text
    assert text.rstrip().endswith(
        "Supporting documents:\n\n- Children Missing annual report\n"
        "- Appendix A: Return Home Interviews"
    )
    assert "**Supporting documents:**" not in text


# ---------------------------------------------------------------------------
# Measured: the replayed reference meeting against the published minute


def test_the_replayed_meeting_reads_like_the_published_minute(tmp_path: Path) -> None:
    draft = replayed_draft(tmp_path)
    result = likeness(draft, MINUTE.read_text(encoding="utf-8"))
    assert result.ratio >= 0.85, "\n".join(result.differences())
    # Every figure the minute prints is there, bar the misprinted 31% (134 of 425 is 32%).
    for figure in ("20%", "25%", "105", "425", "23%", "41%", "95%", "85%", "80%", "75%"):
        assert figure in draft
    for figure in ("55%", "45%", "93%", "49%", "32% (134)"):
        assert figure in draft
    assert "31%" not in draft


def test_the_likeness_counts_whole_sentences_only() -> None:
    minute = "Agenda item\n\nItem\n\nThe Panel met. It noted the report."
    draft = "# Committee\n\nDraft minute\n\n## 4. Item\n\nThe Panel met. It noted the report."
    assert likeness(draft, minute).ratio == 1.0
    assert likeness(draft.replace("the report", "a report"), minute).ratio == pytest.approx(2 / 3)
    assert sentences("- **Minutes:**\n2. Note it.") == ["minutes", "note it"]


# ---------------------------------------------------------------------------
# docs/templates.md: every field a template can read, from the model itself


def test_the_templates_page_is_written_from_the_model() -> None:
    page = (Path(__file__).parents[2] / "docs" / "templates.md").read_text(encoding="utf-8")
    assert page == template_reference(), (
        "docs/templates.md is out of date: python -m panelapp.minutes.fields > docs/templates.md"
    )


@pytest.mark.parametrize("model", [c for c in REACHABLE if dataclasses.is_dataclass(c)])
def test_every_field_a_template_can_read_is_listed_with_its_meaning(model: type) -> None:
    page = template_reference()
    section = page[page.index(f"### `{model.__name__}`") :]
    section = section[: section.find("\n### ", 1) if "\n### " in section[1:] else None]
    for f in dataclasses.fields(model):
        [row] = [line for line in section.splitlines() if line.startswith(f"| `{f.name}` |")]
        assert not row.endswith("|  |"), f"{model.__name__}.{f.name} has no docstring"


def test_every_shipped_block_is_on_the_templates_page() -> None:
    page = template_reference()
    for template in shipped_templates():
        for block in template.blocks:
            assert f"`{block}`" in page
