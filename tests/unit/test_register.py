"""The attendance rule: the pack says who is expected, the clerk's marks say who came."""

from __future__ import annotations

import datetime as dt

from panelapp.config import Meeting, Officer
from panelapp.minutes.entries import Kind
from panelapp.minutes.register import Register, expected, not_marked, register
from tests.unit.test_draft import entry

MEETING = Meeting(
    body="A Council",
    committee="Corporate Parenting Panel",
    date=dt.date(2022, 3, 9),
    chair="Cllr Chair",
    members=("Cllr Chair", "Cllr A", "Cllr B", "Cllr C"),
    apologies=("Cllr D",),
    substitutes=("Cllr S",),
    officers=(Officer("Olu", "Missing Lead"),),
    others=("A young people's representative",),
)


def mark(name: str, role: str = "present"):  # type: ignore[no-untyped-def]
    return entry(Kind.ATTENDANCE, name, item=None, role=role)


def test_nobody_is_present_until_marked_and_apologies_in_advance_stand() -> None:
    assert expected(MEETING) == ("Cllr Chair", "Cllr A", "Cllr B", "Cllr C", "Cllr S")
    assert register(MEETING, []) == Register(
        present=(),
        apologies=("Cllr D",),
        substitutes=(),
        absent=(),
        officers=(("Olu", "Missing Lead"),),
        others=("A young people's representative",),
        unmarked=("Cllr Chair", "Cllr A", "Cllr B", "Cllr C", "Cllr S"),
    )


def test_marks_are_minuted_in_the_packs_order_and_the_latest_mark_counts() -> None:
    marks = [
        mark("Cllr B"),
        mark("Cllr Chair"),
        mark("Cllr A", "apologies"),
        mark("Cllr A"),  # came after all
        mark("Cllr D"),  # sent apologies, then came
        mark("Cllr S"),  # the pack's substitute attends as one
        mark("Cllr C", "absent"),
        mark("Dr Nu", "officer"),
        mark("Ms Vale", "observer"),
    ]
    got = register(MEETING, marks)
    assert got.present == ("Cllr Chair", "Cllr A", "Cllr B", "Cllr D")
    assert got.apologies == ()
    assert got.substitutes == ("Cllr S",)
    assert got.absent == ("Cllr C",)
    assert got.officers == (("Olu", "Missing Lead"), ("Dr Nu", ""))
    assert got.others == ("A young people's representative", "Ms Vale (observer)")
    assert got.unmarked == ()


def test_the_warning_counts_those_not_marked() -> None:
    assert not_marked(("Cllr A", "Cllr B")) == "2 members not marked: Cllr A, Cllr B"
    assert not_marked(("Cllr A",)) == "1 member not marked: Cllr A"
    assert not_marked(()) == ""
