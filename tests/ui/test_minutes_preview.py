"""The minutes preview: shows the draft, writes each format by key, closes with Escape."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import docx
import pytest
from textual.app import App
from textual.widgets import Markdown

from panelapp.config import load_pack
from panelapp.minutes.export import WriteResult
from panelapp.ui.screens import minutes_preview
from panelapp.ui.screens.minutes_preview import MinutesPreview
from tests.data.journals import reference_meeting
from tests.data.journals.sample import copy_sample, sample_figures, sample_pack

NAME = "corporate-parenting-panel-2022-03-09"


class Host(App[None]):
    """The smallest app that opens the preview, recording what it is dismissed with."""

    def __init__(self, screen: MinutesPreview) -> None:
        super().__init__()
        self.preview = screen
        self.closed_with: list[WriteResult | None] = []
        self.written: list[WriteResult] = []

    def on_mount(self) -> None:
        self.push_screen(self.preview, callback=self.closed_with.append)

    def on_minutes_preview_written(self, event: MinutesPreview.Written) -> None:
        self.written.append(event.result)


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    return reference_meeting.build(tmp_path / "meeting.journal.sqlite")


async def test_the_preview_shows_the_draft_and_writes_each_format(
    tmp_path: Path, journal: Path
) -> None:
    out = tmp_path / "exports"
    screen = MinutesPreview(sample_pack(), journal=journal, figures=sample_figures(), out_dir=out)
    app = Host(screen)
    async with app.run_test(size=(100, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is screen
        source = screen.query_one(Markdown).source
        assert "The Panel RESOLVED: To" in source and "32% (134) of the 425" in source
        for key, suffix in (("m", "md"), ("w", "docx"), ("h", "html")):
            await pilot.press(key)
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert (out / f"{NAME}.{suffix}").is_file()
        document = docx.Document(io.BytesIO((out / f"{NAME}.docx").read_bytes()))
        assert any(p.style.name == "List Number" for p in document.paragraphs)
        assert [r.path.suffix for r in app.written] == [".md", ".docx", ".html"]
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not screen
    assert app.closed_with == [app.written[-1]]


async def test_an_edited_draft_is_kept_and_the_clerk_is_told(tmp_path: Path, journal: Path) -> None:
    out = tmp_path / "exports"
    screen = MinutesPreview(sample_pack(), journal=journal, figures=sample_figures(), out_dir=out)
    app = Host(screen)
    async with app.run_test() as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("m")
        await app.workers.wait_for_complete()
        await pilot.pause()
        (out / f"{NAME}.md").write_text("edited by hand\n")
        await pilot.press("m")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert (out / f"{NAME}.md").read_text() == "edited by hand\n"
        assert (out / f"{NAME}-2.md").is_file()
        assert app.written[-1].moved
        messages = [n.message for n in app._notifications]
        assert any("has changes not made by panelapp" in m for m in messages)


async def test_a_public_preview_uses_public_figures_and_says_so(
    tmp_path: Path, journal: Path
) -> None:
    screen = MinutesPreview(
        sample_pack(), journal=journal, public=True, figures=sample_figures(True), out_dir=tmp_path
    )
    app = Host(screen)
    async with app.run_test() as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "public version" in screen.sub_title
        assert "Public version: counts from 1 to 5" in screen.query_one(Markdown).source
        await pilot.press("m")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert (tmp_path / f"{NAME}-public.md").is_file()


async def test_a_missing_item_is_reported_not_raised(tmp_path: Path) -> None:
    screen = MinutesPreview(sample_pack(), journal=None, figures=sample_figures(), item="9")
    app = Host(screen)
    async with app.run_test() as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any("no agenda item 9" in n.message for n in app._notifications)
        await pilot.press("m")
        await pilot.pause()
        assert any("still being prepared" in n.message for n in app._notifications)
        assert not list(tmp_path.iterdir())


async def test_a_template_failing_while_rendering_is_named_not_raised(
    tmp_path: Path, journal: Path
) -> None:
    config = copy_sample(tmp_path)
    config.write_text('templates = "house"\n' + config.read_text())
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "item.md.j2").write_text("fine\n{{ item.title + 1 }}\n")
    screen = MinutesPreview(load_pack(config), journal=journal, figures=sample_figures())
    app = Host(screen)
    async with app.run_test() as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is screen
        messages = [n.message for n in app._notifications]
        assert any("item.md.j2: line 2: the template failed: TypeError" in m for m in messages)


async def test_an_unforeseen_failure_is_shown_not_a_traceback(
    tmp_path: Path, journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args: Any) -> str:
        raise RuntimeError("something nobody foresaw")

    monkeypatch.setattr(minutes_preview, "draft_markdown", fail)
    screen = MinutesPreview(sample_pack(), journal=journal, figures=sample_figures())
    app = Host(screen)
    async with app.run_test() as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is screen and app.is_running
        messages = [n.message for n in app._notifications]
        assert any("could not be made: unexpected error: RuntimeError" in m for m in messages)


async def test_a_failure_writing_the_draft_is_shown_not_a_traceback(
    tmp_path: Path, journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args: Any) -> str:
        raise RuntimeError("no Word today")

    screen = MinutesPreview(
        sample_pack(), journal=journal, figures=sample_figures(), out_dir=tmp_path / "out"
    )
    app = Host(screen)
    async with app.run_test() as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        monkeypatch.setattr(minutes_preview, "render", fail)
        await pilot.press("w")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is screen and app.is_running
        messages = [n.message for n in app._notifications]
        assert any("could not be written: unexpected error: RuntimeError" in m for m in messages)
        assert not (tmp_path / "out").exists()


async def test_the_preview_notes_right_to_left_controls_removed(
    tmp_path: Path, journal: Path
) -> None:
    from panelapp.minutes.entries import Kind
    from panelapp.minutes.journal import Journal

    with Journal.open(journal) as open_journal:
        open_journal.add(Kind.DISCUSSION, "Agreed \u202eno\u202c plan", item="4")
    screen = MinutesPreview(
        sample_pack(), journal=journal, figures=sample_figures(), out_dir=tmp_path
    )
    app = Host(screen)
    async with app.run_test(size=(100, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        source = screen.query_one(Markdown).source
        note = source.index("> **Note:** 2 right-to-left controls were removed")
        assert note < source.index("# Corporate Parenting Panel"), "said above the draft"
        assert "Agreed no plan" in source and "\u202e" not in source
        await pilot.press("m")
        await app.workers.wait_for_complete()
        written = (tmp_path / f"{NAME}.md").read_text()
        assert "Agreed no plan" in written and "Note:" not in written
