"""The draft model: what is minuted, in what order, and what never is."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from panelapp.config import load_pack
from panelapp.metrics.store import figures_for_pack
from panelapp.minutes.draft import (
    Captured,
    ExportError,
    build_minutes,
    load_captured,
)
from panelapp.minutes.entries import Context, Entry, Kind
from panelapp.minutes.export import render
from panelapp.minutes.journal import Journal
from panelapp.minutes.room import read_presented, record_presented
from tests.data.journals.sample import sample_figures, sample_pack

MINIMAL = Path(__file__).parents[1] / "data" / "packs" / "minimal" / "config.toml"
WHEN = dt.datetime(2022, 3, 9, 16, 0, tzinfo=dt.timezone.utc)
_ids = iter(range(1, 10_000))


def entry(kind: Kind, text: str, item: str | None = "4", **fields: object) -> Entry:
    number = next(_ids)
    return Entry(
        id=number, kind=kind, item=item, position=number, created=WHEN, text=text, **fields
    )  # type: ignore[arg-type]


def captured(*entries: Entry, presented: dict[str, tuple[str, ...]] | None = None) -> Captured:
    meeting = tuple(e for e in entries if e.item is None)
    items: dict[str, tuple[Entry, ...]] = {}
    for e in entries:
        if e.item is not None:
            items[e.item] = (*items.get(e.item, ()), e)
    actions = tuple(e for e in entries if e.kind is Kind.ACTION)
    return Captured(meeting, items, actions, presented or {})


def draft(capture: Captured | None = None, **options: object) -> str:
    capture = capture or Captured()
    text = render(build_minutes(sample_pack(), sample_figures(), capture, **options), "md")  # type: ignore[arg-type]
    assert isinstance(text, str)
    return text


def item_text(text: str, number: str) -> str:
    start = text.index(f"## {number}. ")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else None]


# -- before the meeting ----------------------------------------------------------


def test_before_the_meeting_every_kpi_and_theme_is_listed_in_pack_order() -> None:
    minutes = build_minutes(sample_pack(), sample_figures())
    item = minutes.items[3]
    figures = sample_figures()[0]
    # The RHI offered sentence cites the completion rate, which is not minuted twice.
    carried = "rhi_completed_rate"
    expected = [k.narrative for k in figures.kpis if k.id != carried]
    assert list(item.highlights) == expected + [t.narrative for t in figures.themes]
    assert not (item.exchanges or item.discussion or item.resolutions)


def test_sections_with_nothing_captured_are_left_out() -> None:
    text = item_text(draft(), "4")
    assert "In brief, the presentation highlighted:" in text
    for heading in ("In response to queries", "During the consideration", "RESOLVED"):
        assert heading not in text
    assert "The Chair thanked officers for their report." in text
    assert "## Actions" not in draft()


def test_procedural_items_have_their_purpose_and_supporting_documents_only() -> None:
    text = item_text(draft(), "1")
    assert "To receive any apologies" in text
    assert "**Minutes:**" not in text
    assert "**Supporting documents:** none." in text
    assert "thanked officers" not in text


def test_supporting_documents_list_the_report_once_then_the_packs_documents() -> None:
    assert sample_pack().item("4").documents[0] == "Children Missing Review report"
    assert build_minutes(sample_pack(), sample_figures()).items[3].documents == (
        "Children Missing Review report",
        "Appendix 1: Missing children data, January - December 2021",
    )


# -- what was presented ------------------------------------------------------------


def test_only_presented_slides_in_the_order_shown_then_the_clerks_points() -> None:
    capture = captured(
        entry(Kind.PRESENTATION, "A point the slides did not make."),
        presented={"4": ("repeat", "gone_from_the_pack", "children_missing")},
    )
    highlights = build_minutes(sample_pack(), sample_figures(), capture).items[3].highlights
    assert highlights[0].startswith("Key themes of repeat missing children")
    assert highlights[1].startswith("There was a 20% reduction")
    assert highlights[2] == "A point the slides did not make."
    assert len(highlights) == 3


def test_record_presented_keeps_the_first_showing_only(tmp_path: Path) -> None:
    with Journal.open(tmp_path / "j.sqlite") as journal:
        assert record_presented(journal, "4", "mace_share")
        assert record_presented(journal, "4", "children_missing")
        assert not record_presented(journal, "4", "mace_share")
        assert read_presented(journal, "4") == ("mace_share", "children_missing")
        assert read_presented(journal, "5") == ()


def test_no_journal_file_is_an_empty_capture_and_is_not_created(tmp_path: Path) -> None:
    path = tmp_path / "none.journal.sqlite"
    assert load_captured(path, ["4"]) == Captured()
    assert not path.exists()


# -- attendance and declarations ---------------------------------------------------------


def test_only_members_marked_present_are_minuted_present() -> None:
    capture = captured(
        entry(Kind.ATTENDANCE, "Councillor Jane Marsh", item=None, role="present"),
        entry(Kind.ATTENDANCE, "Councillor Tom Ashby", item=None, role="present"),
        entry(Kind.ATTENDANCE, "Councillor Priya Nair", item=None, role="apologies"),
        entry(Kind.ATTENDANCE, "Councillor Helen Wright", item=None, role="absent"),
        entry(Kind.ATTENDANCE, "Councillor Ali Khan", item=None, role="present"),
        entry(Kind.ATTENDANCE, "Councillor Sue Bloggs", item=None, role="substitute"),
        entry(Kind.ATTENDANCE, "Dr Ann Vale", item=None, role="observer"),
        entry(Kind.ATTENDANCE, "Julie Daley", item=None, role="officer"),
    )
    attendance = build_minutes(sample_pack(), sample_figures(), capture).attendance
    assert attendance.present == (
        "Councillor Jane Marsh",
        "Councillor Tom Ashby",
        "Councillor Ali Khan",
    ), "Councillor David Osei was not marked: never minuted present"
    assert attendance.unmarked == ("Councillor David Osei",)
    assert attendance.apologies == ("Councillor Mark Ellis", "Councillor Priya Nair")
    assert attendance.substitutes == ("Councillor Sue Bloggs",)
    assert attendance.absent == ("Councillor Helen Wright",)
    assert "Dr Ann Vale (observer)" in attendance.others
    assert [o.name for o in attendance.officers].count("Julie Daley") == 1
    text = draft(capture)
    assert (
        "**Present:** Councillor Jane Marsh (Chair), Councillor Tom Ashby, Councillor Ali Khan\n"
        in text
    )


def test_without_marks_nobody_is_minuted_present_and_all_are_unmarked() -> None:
    attendance = build_minutes(sample_pack(), sample_figures()).attendance
    assert attendance.present == ()
    assert attendance.unmarked == tuple(
        m for m in sample_pack().meeting.members if m != "Councillor Mark Ellis"
    )
    assert attendance.apologies == ("Councillor Mark Ellis",), "apologies in advance stand"
    assert "**Present:**" not in draft()


def test_a_substitute_stands_in_for_a_member_who_then_sent_apologies() -> None:
    capture = captured(
        entry(
            Kind.ATTENDANCE,
            "Councillor Sue Bloggs",
            item=None,
            role="substitute for Councillor Tom Ashby",
        ),
        entry(Kind.ATTENDANCE, "Councillor Mark Ellis", item=None, role="present"),
    )
    attendance = build_minutes(sample_pack(), sample_figures(), capture).attendance
    assert attendance.substitutes == ("Councillor Sue Bloggs (in place of Councillor Tom Ashby)",)
    assert attendance.apologies == ("Councillor Tom Ashby",), "Ellis came after all"
    assert attendance.present == ("Councillor Mark Ellis",)
    assert "Councillor Tom Ashby" not in attendance.unmarked


def test_declarations_are_minuted_or_their_absence_is_said() -> None:
    assert "There were no declarations of interest." in draft()
    capture = captured(
        entry(Kind.DECLARATION, "is a foster carer.", item=None, speaker="Councillor Tom Ashby")
    )
    text = draft(capture)
    assert "Councillor Tom Ashby: is a foster carer." in text
    assert "There were no declarations" not in text


# -- queries and responses ------------------------------------------------------------


def test_responses_follow_their_query_and_stray_responses_stand_alone() -> None:
    query = entry(Kind.QUERY, "What about carers?", speaker="Councillor Tom Ashby")
    capture = captured(
        query,
        entry(Kind.RESPONSE, "Carers matter.", speaker="Hannah Franklin", query_id=query.id),
        entry(Kind.RESPONSE, "Also this.", speaker="Sam Okafor", query_id=query.id),
        entry(Kind.RESPONSE, "An answer to nothing.", speaker="Sam Okafor"),
    )
    item = build_minutes(sample_pack(), sample_figures(), capture).items[3]
    assert [(x.query, x.responses) for x in item.exchanges] == [
        ("What about carers?", ("Carers matter.", "Also this.")),
        ("", ("An answer to nothing.",)),
    ]
    assert [p.name for p in item.responders] == ["Hannah Franklin", "Sam Okafor"]
    # Introduced by name and role when presenting; named by role when answering.
    assert "the Missing Lead and the Director of Early Help" in draft(capture)


def test_someone_whose_answers_name_them_is_not_named_again_in_the_lead_in() -> None:
    query = entry(Kind.QUERY, "What about carers?", speaker="Councillor Tom Ashby")
    capture = captured(
        query,
        entry(Kind.RESPONSE, "Carers matter.", speaker="Hannah Franklin", query_id=query.id),
        entry(
            Kind.RESPONSE,
            "Additionally, the Director of Early Help and Children's Social Care highlighted "
            "the legal requirement.",
            speaker="Sam Okafor",
            query_id=query.id,
        ),
    )
    item = build_minutes(sample_pack(), sample_figures(), capture).items[3]
    assert [p.name for p in item.responders] == ["Hannah Franklin"]
    assert "In response to queries raised by the Panel, the Missing Lead, clarified" in draft(
        capture
    )


def test_a_query_carries_the_figure_that_was_on_screen_from_the_drafts_own_figures() -> None:
    on_screen = Context("looked_after_share", "Missing children in care", "31%")
    capture = captured(entry(Kind.QUERY, "Why so many?", context=on_screen))
    exchange = build_minutes(sample_pack(), sample_figures(), capture).items[3].exchanges[0]
    assert (exchange.topic, exchange.figure) == ("Missing children in care", "32% (134 of 425)")


def test_the_figure_is_left_out_when_the_query_already_quotes_it() -> None:
    on_screen = Context("looked_after_share", "Missing children in care", "32%")
    capture = captured(entry(Kind.QUERY, "Why is it 32%?", context=on_screen))
    exchange = build_minutes(sample_pack(), sample_figures(), capture).items[3].exchanges[0]
    assert exchange.figure == ""


def test_a_thousands_separator_does_not_hide_the_figure() -> None:
    on_screen = Context("episodes", "Missing episodes", "2,050")
    capture = captured(entry(Kind.QUERY, "How does 2021 compare?", context=on_screen))
    exchange = build_minutes(sample_pack(), sample_figures(), capture).items[3].exchanges[0]
    assert exchange.figure == "2,050"


def test_a_stamp_the_figures_cannot_vouch_for_is_used_only_in_private() -> None:
    on_screen = Context("old_kpi", "An old KPI", "3 of 4")
    capture = captured(entry(Kind.QUERY, "What was it?", context=on_screen))
    private = build_minutes(sample_pack(), sample_figures(), capture).items[3].exchanges[0]
    public = build_minutes(sample_pack(), sample_figures(True), capture, public=True)
    assert private.figure == "3 of 4"
    assert public.items[3].exchanges[0].figure == ""


# -- options ------------------------------------------------------------------------------


def test_one_item_has_no_front_matter_and_only_its_actions() -> None:
    capture = captured(
        entry(Kind.ACTION, "Do it", owner="Julie Daley", due="2022-06-15"),
        entry(Kind.ACTION, "Other", item="2", owner="Clerk"),
    )
    minutes = build_minutes(sample_pack(), sample_figures(), capture, item="4")
    assert [i.number for i in minutes.items] == ["4"]
    assert [(a.text, a.due) for a in minutes.actions] == [("Do it", "15 June 2022")]
    text = draft(capture, item="4")
    assert "## Attendance" not in text and "declarations" not in text


def test_an_unknown_item_is_refused_naming_the_items() -> None:
    with pytest.raises(ExportError, match="no agenda item 9. Use one of 1, 2, 3, 4"):
        build_minutes(sample_pack(), sample_figures(), item="9")


def test_entries_for_an_item_not_on_the_agenda_are_not_lost() -> None:
    text = draft(captured(entry(Kind.DISCUSSION, "Any other business.", item="7")))
    assert "## 7. Item 7" in text and "Any other business." in text


def test_public_minutes_refuse_private_figures() -> None:
    with pytest.raises(ValueError, match="public"):
        build_minutes(sample_pack(), sample_figures(), public=True)


def test_public_minutes_suppress_small_counts_everywhere() -> None:
    pack = load_pack(MINIMAL)
    on_screen = Context("looked_after_share", "Missing children in care", "50% (1 of 2)")
    capture = captured(entry(Kind.QUERY, "Which child?", item="1", context=on_screen))
    private = render(build_minutes(pack, figures_for_pack(pack, use_cache=False), capture), "md")
    public = render(
        build_minutes(
            pack, figures_for_pack(pack, public=True, use_cache=False), capture, public=True
        ),
        "md",
    )
    assert isinstance(private, str) and isinstance(public, str)
    assert "in relation to Missing children in care, 50% (1 of 2)" in private
    assert "1 of 2" not in public and "50%" not in public
    assert "[c] ([c] of [c])" in public
    assert "Public version: counts from 1 to 5 are shown as [c]." in public


# -- a child named in what was typed -----------------------------------------------------


def test_a_public_draft_shows_child_and_date_where_the_text_names_a_child() -> None:
    from panelapp.minutes.identifiers import Identifiers

    children = {
        "4": Identifiers(children=frozenset({"zk001x"}), births=frozenset({dt.date(2005, 2, 2)}))
    }
    capture = captured(
        entry(Kind.QUERY, "What happened with ZK001X, born 02/02/2005?", speaker="Ann"),
        entry(Kind.RESOLUTION, "To review ZK001X's plan"),
        entry(Kind.ACTION, "Visit zk001x", owner="Julie Daley"),
        entry(Kind.DECLARATION, "knows ZK001X", item=None, speaker="Councillor Tom Ashby"),
    )
    public = build_minutes(
        sample_pack(), sample_figures(public=True), capture, public=True, identifiers=children
    )
    text = render(public, "md")
    assert isinstance(text, str)
    assert "What happened with [child], born [date]?" in text
    assert "To review [child]'s plan" in text
    assert "Visit [child]" in text and "knows [child]" in text
    assert "ZK001X" not in text and "zk001x" not in text and "2005" not in text
    facts = render(public, "json")
    assert isinstance(facts, str) and "ZK001X" not in facts and "[child]" in facts
    assert public.named == ()

    private = build_minutes(sample_pack(), sample_figures(), capture, identifiers=children)
    assert "What happened with ZK001X, born 02/02/2005?" in render(private, "md")  # type: ignore[operator]
    assert private.named == (
        "Item 4, query: “ZK001X”, “02/02/2005”",
        "Item 4, resolution: “ZK001X”",
        "Item 4, action: “zk001x”",
    )


def test_an_item_whose_data_cannot_be_read_is_said_unchecked() -> None:
    from panelapp.minutes.identifiers import Identifiers

    broken = {"4": Identifiers(problem="data/missing.csv: does not exist")}
    nothing_typed = build_minutes(sample_pack(), sample_figures(), identifiers=broken)
    assert nothing_typed.unchecked == (), "no entry to check"
    capture = captured(entry(Kind.QUERY, "About one child"))
    minutes = build_minutes(sample_pack(), sample_figures(), capture, identifiers=broken)
    assert minutes.unchecked == ("Item 4: data/missing.csv: does not exist",)
