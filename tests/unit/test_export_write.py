"""Writing a draft: atomic, and never over a file someone has edited."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from panelapp import atomic
from panelapp.minutes.draft import ExportError
from panelapp.minutes.export import default_path, slug, write_draft
from tests.data.journals.sample import sample_pack


@pytest.fixture
def target(tmp_path: Path) -> Path:
    return tmp_path / "minutes" / "panel-2022-03-09.md"


def test_a_new_draft_is_written_with_a_hidden_record(target: Path) -> None:
    result = write_draft("# Draft\n", target)
    assert (result.path, result.moved) == (target, False)
    assert result.message == f"Wrote {target}"
    assert target.read_text() == "# Draft\n"
    assert sorted(p.name for p in target.parent.iterdir()) == [
        ".panel-2022-03-09.md.panelapp.json",
        "panel-2022-03-09.md",
    ]


def test_a_draft_nobody_touched_is_replaced(target: Path) -> None:
    write_draft("first\n", target)
    result = write_draft("second\n", target)
    assert not result.moved and target.read_text() == "second\n"


def test_an_edited_draft_is_kept_and_the_new_one_gets_the_next_free_name(target: Path) -> None:
    write_draft("first\n", target)
    target.write_text("first, with the clerk's corrections\n")
    result = write_draft("second\n", target)
    assert result.moved and result.path == target.with_name("panel-2022-03-09-2.md")
    assert target.read_text() == "first, with the clerk's corrections\n"
    assert result.path.read_text() == "second\n"
    assert "panel-2022-03-09.md has changes not made by panelapp" in result.message
    assert str(result.path) in result.message


def test_exporting_again_reuses_the_numbered_draft_until_that_is_edited(target: Path) -> None:
    write_draft("first\n", target)
    target.write_text("edited\n")
    second = target.with_name("panel-2022-03-09-2.md")
    assert write_draft("second\n", target).path == second
    assert write_draft("third\n", target).path == second
    second.write_text("edited too\n")
    assert write_draft("fourth\n", target).path == target.with_name("panel-2022-03-09-3.md")
    assert second.read_text() == "edited too\n"


def test_a_file_panelapp_has_no_record_of_is_not_overwritten(target: Path) -> None:
    target.parent.mkdir()
    target.write_text("someone else's file\n")
    result = write_draft("draft\n", target)
    assert result.moved and target.read_text() == "someone else's file\n"


def test_a_file_already_holding_exactly_the_draft_is_left_in_place(target: Path) -> None:
    target.parent.mkdir()
    target.write_text("draft\n")
    assert not write_draft("draft\n", target).moved


def test_word_drafts_are_bytes_and_follow_the_same_rule(tmp_path: Path) -> None:
    path = tmp_path / "m.docx"
    write_draft(b"PK\x03\x04one", path)
    path.write_bytes(b"PK\x03\x04edited")
    assert write_draft(b"PK\x03\x04two", path).path == tmp_path / "m-2.docx"


def test_a_failed_write_leaves_the_old_draft_whole_and_no_temporary_file(
    target: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_draft("old\n", target)

    def refuse(source: object, destination: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", refuse)
    with pytest.raises(ExportError, match="could not be written .No space left on device"):
        write_draft("new\n", target)
    assert target.read_text() == "old\n"
    assert not [p for p in target.parent.iterdir() if p.name.endswith(".tmp")]


def test_a_new_draft_is_readable_like_any_document_and_a_replaced_one_keeps_its_mode(
    target: Path,
) -> None:
    write_draft("one\n", target)
    assert target.stat().st_mode & 0o777 == 0o644
    os.chmod(target, 0o600)
    write_draft("two\n", target)
    assert target.stat().st_mode & 0o777 == 0o600


def test_default_names_say_committee_date_item_and_audience() -> None:
    pack = sample_pack()
    assert default_path(pack, "md").name == "corporate-parenting-panel-2022-03-09.md"
    assert default_path(pack, "docx", item="4", public=True).name == (
        "corporate-parenting-panel-2022-03-09-item-4-public.docx"
    )
    assert slug("Scrutiny & Overview: Children's") == "scrutiny-overview-children-s"
