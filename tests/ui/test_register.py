"""Attendance: the register starts from the pack, only members marked present are minuted
present, and the preview says who is not marked and opens the register to mark them."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Label, Markdown, OptionList

from panelapp.minutes.entries import Kind
from panelapp.minutes.journal import Journal
from panelapp.ui.link import JournalLink
from panelapp.ui.screens.attendance import AttendanceScreen
from panelapp.ui.screens.capture import members_of
from panelapp.ui.screens.minutes_preview import MinutesPreview
from tests.data.journals.sample import sample_figures, sample_pack
from tests.ui.test_capture import Harness
from tests.ui.test_capture_exact import saved_all
from tests.ui.test_minutes_preview import Host
from tests.ui.typing import press


def highlight(screen: AttendanceScreen, name: str) -> None:
    listing = screen.query_one(OptionList)
    listing.highlighted = [o.id for o in listing.options].index(name)


async def test_the_preview_warns_of_members_not_marked_and_opens_the_register(
    tmp_path: Path,
) -> None:
    path = tmp_path / "meeting.journal.sqlite"
    journal = Journal.open(path)
    for name in ("Councillor Jane Marsh", "Councillor Tom Ashby", "Councillor Priya Nair"):
        journal.add(Kind.ATTENDANCE, name, role="present")
    pack = sample_pack()
    screen = MinutesPreview(
        pack,
        journal=path,
        figures=sample_figures(),
        link=JournalLink.of(journal),
        members=members_of(pack.meeting),
    )
    app = Host(screen)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            source = screen.query_one(Markdown).source
            assert source.startswith(
                "> **Check:** 2 members not marked: Councillor David Osei, Councillor Helen "
                "Wright. They are not minuted as present or absent: mark them in the register "
                "(press a)."
            )
            assert "**Present:** Councillor Jane Marsh (Chair), Councillor Tom Ashby, " in source
            assert "Osei" not in source.split("**Present:**")[1].split("\n")[0]
            await pilot.press("a")
            await pilot.pause()
            register = app.screen
            assert isinstance(register, AttendanceScreen)
            title = str(register.query_one("#attendance-title", Label).render())
            assert title == "Attendance: 2 members not marked"
            listing = str(register.query_one(OptionList).get_option("Councillor Mark Ellis").prompt)
            assert listing.endswith("apologies (in advance)")
            highlight(register, "Councillor David Osei")
            await pilot.press("p")
            highlight(register, "Councillor Helen Wright")
            await pilot.press("a")
            await pilot.pause()
            title = str(register.query_one("#attendance-title", Label).render())
            assert title == "Attendance: everyone is marked"
            await pilot.press("escape")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert app.screen is screen
            source = screen.query_one(Markdown).source
            assert "not marked" not in source
            assert "Councillor Priya Nair, Councillor David Osei\n" in source
            assert "**Apologies:** Councillor Mark Ellis, Councillor Helen Wright" in source
    finally:
        journal.close()


async def test_all_present_leaves_apologies_given_in_advance(tmp_path: Path) -> None:
    path = tmp_path / "meeting.journal.sqlite"
    with Journal.open(path) as journal:
        pack = sample_pack()
        screen = AttendanceScreen(
            JournalLink.of(journal), members_of(pack.meeting), meeting=pack.meeting
        )

        class Register(Host):
            def on_mount(self) -> None:
                self.push_screen(screen)

        app = Register(screen)  # type: ignore[arg-type]
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.press("A")
            await pilot.pause()
        marked = {e.text: e.role for e in journal.meeting_entries()}
    assert "Councillor Mark Ellis" not in marked, "his apologies came in advance"
    assert set(marked.values()) == {"present"} and len(marked) == 5


async def test_att_reads_the_role_from_the_first_word(tmp_path: Path) -> None:
    with Journal.open(tmp_path / "meeting.journal.sqlite") as journal:
        app = Harness(journal)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await press(pilot, *"att: apologies Cllr Patel", "enter")
            await press(pilot, *"att: substitute Cllr Lee for Cllr Ellis", "enter")
            await press(pilot, *"att: present Councillor Ann Reed", "enter")
            await saved_all(pilot)
        marked = [(e.text, e.role) for e in journal.meeting_entries()]
    assert marked == [
        ("Councillor Jo Patel", "apologies"),
        ("Cllr Lee", "substitute for Councillor Mark Ellis"),
        ("Councillor Ann Reed", "present"),
    ]


async def test_tab_completes_the_name_after_an_attendance_role(tmp_path: Path) -> None:
    with Journal.open(tmp_path / "meeting.journal.sqlite") as journal:
        app = Harness(journal)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await press(pilot, *"att: apologies councillor m", "tab")
            field = app.screen.query_one("#capture-text")
            assert field.value == "att: apologies Councillor Mark Ellis"  # type: ignore[attr-defined]
