"""Another council's house style is a template in the pack, not a code change."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from panelapp import paths
from panelapp.cli import main
from panelapp.config import ConfigError, load_pack
from panelapp.minutes.draft import build_minutes
from panelapp.minutes.export import render
from panelapp.minutes.style import TemplateError, md, pack_templates
from tests.data.journals.sample import child_identifiers, copy_sample, sample_figures


def pack_with(tmp_path: Path, templates: dict[str, str]):  # type: ignore[no-untyped-def]
    config = copy_sample(tmp_path)
    config.write_text('templates = "house"\n' + config.read_text())
    (tmp_path / "house").mkdir()
    for name, text in templates.items():
        (tmp_path / "house" / name).write_text(text)
    return load_pack(config)


def draft(tmp_path: Path, templates: dict[str, str]) -> str:
    pack = pack_with(tmp_path, templates)
    text = render(build_minutes(pack, sample_figures()), "md", pack_templates(pack))
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


# ---------------------------------------------------------------------------
# Nothing in a pack is run as code: the sandbox, and a folder that stays in the pack

REACHES = [
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ joiner.__init__.__globals__ }}",
    "{{ lipsum() }}",
    "{{ range(10) | list }}",
    "{{ namespace(a=1) }}",
    "{{ 10 ** 9 }}",
    "{{ 'a' * 100000 }}",
    "{{ self }}",
    "{{ self.__dict__ }}",
    "{{ minutes.__class__ }}",
    "{{ minutes.date.__class__.__subclasses__() }}",
    "{{ item.title | attr('__class__') }}",
    "{{ '{0.__class__}'.format(minutes) }}",
    "{% import 'macros.md.j2' as m %}{{ m.people.__globals__ }}",
    "{% include 'config.toml' %}",
]


@pytest.mark.parametrize("reach", REACHES)
def test_a_template_reaching_past_the_model_is_refused_by_name_and_line(
    tmp_path: Path, reach: str
) -> None:
    with pytest.raises(TemplateError) as caught:
        draft(tmp_path, {"item.md.j2": f"fine\n{reach}\n"})
    message = caught.value.message
    assert "item.md.j2: line 2: " in message
    assert "not allowed in a template" in message
    assert "\n" not in message


def test_the_packaged_templates_render_in_the_sandbox(tmp_path: Path) -> None:
    # The whole house style, loops, macros, imports and includes, with nothing refused.
    text = draft(tmp_path, {})
    assert "## 4. Children Missing" in text
    assert "the Interim Head of Transformation, Julie Daley, and the Missing Lead" in text


def test_the_model_holds_no_path(tmp_path: Path) -> None:
    pack = pack_with(tmp_path, {})
    minutes = build_minutes(pack, sample_figures())
    assert not any(isinstance(v, Path) for v in vars(minutes).values())
    (tmp_path / "house" / "item.md.j2").write_text("{{ minutes.templates.parent }}\n")
    with pytest.raises(TemplateError, match="has no attribute 'templates'"):
        render(minutes, "md", pack_templates(pack))


def export_public(config: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(["export", str(config), "--public", "--out", "-"])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def homes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data-home"))


@pytest.mark.usefixtures("homes")
def test_a_template_running_a_command_runs_nothing_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ran = tmp_path / "ran"
    payload = f"{{{{ cycler.__init__.__globals__.os.system('touch {ran}') }}}}\n"
    config = pack_with(tmp_path, {"item.md.j2": payload}).path
    status, out, err = export_public(config, capsys)
    assert (status, out) == (2, "")
    [line] = err.splitlines()
    assert "item.md.j2: line 1: 'cycler' is not allowed in a template" in line
    assert not ran.exists()


@pytest.mark.usefixtures("homes")
@pytest.mark.parametrize("how", ["link", "not-j2", "through-the-model"])
def test_a_template_cannot_bring_the_data_into_the_minute(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], how: str
) -> None:
    config = pack_with(tmp_path, {}).path
    house = tmp_path / "house"
    data = tmp_path / "data" / "missing_episodes.csv"
    if how == "link":
        (house / "rows.md.j2").symlink_to(data)
        (house / "item.md.j2").write_text("{% include 'rows.md.j2' %}\n")
    elif how == "not-j2":
        shutil.copy(data, house / "rows.csv")
        (house / "item.md.j2").write_text("{% include 'rows.csv' %}\n")
    else:
        reach = "{{ minutes.templates.parent.joinpath('data/missing_episodes.csv').read_text() }}"
        (house / "item.md.j2").write_text(reach + "\n")
    status, out, err = export_public(config, capsys)
    assert (status, out) == (2, "")
    assert "item.md.j2: line 1: " in err
    assert not child_identifiers() & set(re.findall(r"[\w/]+", err))


@pytest.mark.parametrize("folder", ["/", "..", "../elsewhere", ".", "out"])
def test_the_templates_folder_must_be_inside_the_pack(tmp_path: Path, folder: str) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    config = copy_sample(pack)
    (tmp_path / "elsewhere").mkdir()
    (pack / "out").symlink_to(tmp_path / "elsewhere")
    config.write_text(f'templates = "{folder}"\n' + config.read_text())
    with pytest.raises(ConfigError) as caught:
        load_pack(config)
    message = caught.value.message
    assert message.startswith(f"{config}: templates: ")
    assert "is not inside the pack's folder" in message
    assert "\n" not in message


def test_a_pack_read_without_its_files_checked_still_keeps_templates_inside(
    tmp_path: Path,
) -> None:
    config = copy_sample(tmp_path)
    config.write_text('templates = "/"\n' + config.read_text())
    pack = load_pack(config, check_files=False)
    with pytest.raises(TemplateError, match="templates: .* is not inside the pack's folder"):
        render(build_minutes(pack, sample_figures()), "md", pack_templates(pack))


@pytest.mark.usefixtures("homes")
def test_check_refuses_a_templates_folder_outside_the_pack_with_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = copy_sample(tmp_path)
    config.write_text('templates = "/"\n' + config.read_text())
    assert main(["check", str(config)]) == 2
    [line] = capsys.readouterr().err.splitlines()
    assert "templates: the templates folder '/' is not inside the pack's folder" in line
