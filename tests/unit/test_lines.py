"""How a typed line is read: prefix, speaker, sub-point, attendance role, due date."""

from __future__ import annotations

import pytest

from panelapp.minutes.entries import Kind
from panelapp.minutes.lines import Line, Names, due_text, read_line, role_of, split_role

NAMES = Names(
    [
        "Councillor Jane Marsh",
        "Councillor Tom Ashby",
        "Councillor Ann Reed",
        "Hannah Franklin",
        "Julie Daley",
    ]
)


@pytest.mark.parametrize(
    ("typed", "kind", "expected"),
    [
        # A known name, however it is typed, is written as the pack writes it.
        (
            "q: Cllr Ashby: How many?",
            Kind.NOTE,
            Line(Kind.QUERY, "How many?", "Councillor Tom Ashby", prefixed=True),
        ),
        (
            "q: councillor tom ashby: How many?",
            Kind.NOTE,
            Line(Kind.QUERY, "How many?", "Councillor Tom Ashby", prefixed=True),
        ),
        (
            "Franklin: Most were offered one",
            Kind.RESPONSE,
            Line(Kind.RESPONSE, "Most were offered one", "Hannah Franklin"),
        ),
        # An unknown councillor is still a speaker, kept as typed.
        ("q: Cllr Nobody: Why?", Kind.NOTE, Line(Kind.QUERY, "Why?", "Cllr Nobody", prefixed=True)),
        # Anything else before a colon is text.
        (
            "q: Re MACE: why so few?",
            Kind.NOTE,
            Line(Kind.QUERY, "Re MACE: why so few?", prefixed=True),
        ),
        (
            "18:30 the meeting resumed",
            Kind.DISCUSSION,
            Line(Kind.DISCUSSION, "18:30 the meeting resumed"),
        ),
        # Kinds without a speaker never read one.
        (
            "res: Cllr Ashby: to chair",
            Kind.NOTE,
            Line(Kind.RESOLUTION, "Cllr Ashby: to chair", prefixed=True),
        ),
        ("Cllr Ashby: said hello", Kind.NOTE, Line(Kind.NOTE, "Cllr Ashby: said hello")),
        # A name and a colon with nothing after it leaves nothing to save.
        ("q: Cllr Ashby:", Kind.NOTE, Line(Kind.QUERY, "", "Councillor Tom Ashby", prefixed=True)),
    ],
)
def test_a_speaker_is_read_only_when_it_is_a_name(typed: str, kind: Kind, expected: Line) -> None:
    assert read_line(typed, kind, NAMES) == expected


def test_two_people_of_one_surname_are_not_guessed_between() -> None:
    names = Names(["Councillor Tom Ashby", "Councillor Sue Ashby"])
    assert names.resolve("Cllr Ashby") is None
    assert names.resolve("Sue Ashby") == "Councillor Sue Ashby"
    assert read_line("q: Cllr Ashby: Why?", Kind.NOTE, names).speaker == "Cllr Ashby"


def test_a_dash_after_a_resolution_or_action_is_its_sub_point() -> None:
    for after in (Kind.RESOLUTION, Kind.ACTION, Kind.POINT):
        assert read_line("- a report on X", Kind.RESOLUTION, NAMES, after=after) == Line(
            Kind.POINT, "a report on X"
        )
    after_a_query = read_line("- a report on X", Kind.NOTE, NAMES, after=Kind.QUERY)
    assert after_a_query == Line(Kind.NOTE, "- a report on X"), "kept as typed"
    assert read_line("-5 degrees", Kind.NOTE, NAMES, after=Kind.RESOLUTION).kind is Kind.NOTE


@pytest.mark.parametrize(
    ("typed", "role", "name"),
    [
        ("apologies Cllr Reed", "apologies", "Councillor Ann Reed"),
        ("Apologies: Councillor Ann Reed", "apologies", "Councillor Ann Reed"),
        ("present Julie Daley", "present", "Julie Daley"),
        ("absent Cllr Ashby", "absent", "Councillor Tom Ashby"),
        ("officer Dr Nu", "officer", "Dr Nu"),
        ("substitute Cllr Lee for Cllr Ashby", "substitute for Councillor Tom Ashby", "Cllr Lee"),
        ("substitute for Cllr Ashby: Cllr Lee", "substitute for Councillor Tom Ashby", "Cllr Lee"),
        ("substitute Cllr Lee", "substitute", "Cllr Lee"),
        ("Councillor Ann Reed", "", "Councillor Ann Reed"),
        ("Presently unknown", "", "Presently unknown"),
    ],
)
def test_an_attendance_line_may_start_with_its_role(typed: str, role: str, name: str) -> None:
    line = read_line(f"att: {typed}", Kind.NOTE, NAMES)
    assert (line.kind, line.role, line.text) == (Kind.ATTENDANCE, role, name)


def test_a_substitutes_role_says_whom_they_stand_in_for() -> None:
    assert role_of("substitute for Councillor Tom Ashby") == ("substitute", "Councillor Tom Ashby")
    assert role_of("apologies") == ("apologies", "")
    assert role_of("") == ("present", "")
    assert split_role("Reed", NAMES) == ("", "Reed")


def test_names_complete_in_the_packs_spelling() -> None:
    assert NAMES.complete("councillor t") == "Councillor Tom Ashby"
    assert NAMES.complete("Cllr To") == "Cllr Tom Ashby"
    assert NAMES.complete("Hann") == "Hannah Franklin"
    assert NAMES.complete("Zed") is None
    names = Names(["A Person"])
    names.add("Dr Nu")
    assert names.complete("dr") == "Dr Nu"
    assert names.in_pack("A Person") and not names.in_pack("Dr Nu")


def test_due_dates_become_iso_when_they_are_dates() -> None:
    assert due_text("31/3/2025") == "2025-03-31"
    assert due_text("1.4.25") == "2025-04-01"
    assert due_text("2025-05-06") == "2025-05-06"
    assert due_text("next meeting") == "next meeting"
    assert due_text("31/2/2025") == "31/2/2025"
