"""What the clerk is told before a draft goes out: members not marked, children named."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from panelapp.cli import main
from panelapp.minutes.draft import build_minutes
from panelapp.minutes.entries import Kind
from panelapp.minutes.identifiers import Identifiers
from panelapp.minutes.journal import Journal
from panelapp.minutes.notices import notices
from tests.data.journals.sample import copy_sample, sample_figures, sample_pack
from tests.unit.test_draft import captured, entry


def test_members_not_marked_and_children_named_are_said() -> None:
    capture = captured(
        entry(Kind.ATTENDANCE, "Councillor Jane Marsh", item=None, role="present"),
        entry(Kind.QUERY, "About ZK001X"),
    )
    children = {"4": Identifiers(children=frozenset({"zk001x"}))}
    minutes = build_minutes(sample_pack(), sample_figures(), capture, identifiers=children)
    assert notices(minutes, register="press a") == [
        "4 members not marked: Councillor Tom Ashby, Councillor Priya Nair, Councillor David "
        "Osei, Councillor Helen Wright. They are not minuted as present or absent: mark them "
        "in the register (press a).",
        "Typed text names a child ([child] and [date] in the public version): "
        "Item 4, query: “ZK001X”.",
    ]
    one_item = build_minutes(sample_pack(), sample_figures(), capture, item="4")
    assert notices(one_item, register="press a") == [], "a draft of one item has no register"


def test_export_says_them_on_standard_error_once_the_meeting_has_a_journal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    pack = copy_sample(tmp_path)
    assert main(["export", str(pack), "--out", str(tmp_path / "ahead.md")]) == 0
    assert capsys.readouterr().err == "", "before the meeting nobody can be marked yet"
    journal = tmp_path / "meeting.journal.sqlite"
    with Journal.open(journal, clock=lambda: dt.datetime(2022, 3, 9, tzinfo=dt.timezone.utc)) as j:
        for name in sample_pack().meeting.members[:4]:
            j.add(Kind.ATTENDANCE, name, role="present")
        j.add(Kind.QUERY, "How is C10796 doing, born 2 May 2004?", item="4")
    out = tmp_path / "public.md"
    args = ["export", str(pack), "--journal", str(journal), "--public", "--out", str(out)]
    assert main(args) == 0
    err = capsys.readouterr().err
    assert err == (
        "panelapp: note: 1 member not marked: Councillor Helen Wright. They are not minuted "
        "as present or absent: mark them in the register (panelapp clerk, then Ctrl+R).\n"
    ), "the public draft lists no child's words, even on standard error"
    text = out.read_text()
    assert "How is [child] doing, born [date]?" in text and "C10796" not in text
    assert main(["export", str(pack), "--journal", str(journal), "--out", "-"]) == 0
    said = capsys.readouterr()
    assert "How is C10796 doing, born 2 May 2004?" in said.out, "the private draft keeps it"
    assert "Item 4, query: “C10796”, “2 May 2004”" in said.err
