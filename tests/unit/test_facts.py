"""`panelapp export --format json`, skeleton drafts, and an item whose figures failed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from panelapp.cli import main
from panelapp.config import load_pack
from panelapp.metrics.results import Unavailable
from panelapp.metrics.store import figure_outcomes
from panelapp.minutes.draft import Captured, build_minutes, read_journal
from panelapp.minutes.entries import Context, Kind
from panelapp.minutes.facts import ROLES, facts
from panelapp.minutes.journal import Journal
from panelapp.minutes.room import open_item, record_presented
from tests.data.journals import reference_meeting
from tests.data.journals.sample import copy_sample, sample_figures, sample_pack

KINDS = {"query", "response", "discussion", "resolution", "action", "presentation"}
KINDS |= {"declaration", "attendance"}


@pytest.fixture
def pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data-home"))
    return copy_sample(tmp_path)


def exported(pack: Path, capsys: pytest.CaptureFixture[str], *options: str) -> dict:
    assert main(["export", str(pack), "--format", "json", "--out", "-", *options]) == 0
    return json.loads(capsys.readouterr().out)


def test_the_json_has_the_minutes_facts(pack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    reference_meeting.build(pack.parent / "config.journal.sqlite")
    with Journal.open(pack.parent / "config.journal.sqlite") as journal:
        journal.add(Kind.NOTE, "the clerk's own reminder", item="4")
        journal.add(Kind.DECLARATION, "Foster carer", speaker="Councillor Tom Ashby")
    data = exported(pack, capsys)
    assert set(data) >= {"meeting", "attendance", "items"}
    assert data["meeting"]["committee"] == "Corporate Parenting Panel"
    assert data["meeting"]["public"] is False
    assert {p["role"] for p in data["attendance"]} <= set(ROLES)
    assert {"name": "Julie Daley", "role": "officer"} in data["attendance"]
    assert {"name": "Councillor Mark Ellis", "role": "apologies"} in data["attendance"]
    [declaration] = data["meeting"]["entries"][-1:]
    assert declaration == {
        "kind": "declaration",
        "text": "Foster carer",
        "speaker": "Councillor Tom Ashby",
        "stamp": None,
    }
    item = next(i for i in data["items"] if i["number"] == "4")
    assert item["presented"] == list(reference_meeting.SLIDES)
    kinds = {e["kind"] for e in item["entries"]}
    assert kinds <= KINDS and "note" not in kinds
    assert "the clerk's own reminder" not in json.dumps(data)
    assert all(set(e) >= {"kind", "text", "speaker", "stamp"} for e in item["entries"])
    [query] = [e for e in item["entries"] if e["kind"] == "query"]
    assert query["stamp"] is None or set(query["stamp"]) == {"id", "title", "figure"}
    resolutions = [e["text"] for e in item["entries"] if e["kind"] == "resolution"]
    assert resolutions == list(reference_meeting.RESOLUTIONS)


def test_a_stamp_names_the_figure_and_a_public_one_the_public_figure(
    pack: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Journal.open(pack.parent / "config.journal.sqlite") as journal:
        stamp = Context("looked_after_share", "Missing children in care", "32% (134 of 425)")
        journal.add(Kind.QUERY, "Why so many?", item="4", context=stamp)
        journal.add(Kind.ATTENDANCE, "Councillor Jane Marsh", context=stamp)
    item = exported(pack, capsys, "--item", "4")["items"][0]
    assert item["entries"][0]["stamp"] == {
        "id": "looked_after_share",
        "title": "Missing children in care",
        "figure": "32% (134 of 425)",
    }
    public = exported(pack, capsys, "--item", "4", "--public")
    assert public["meeting"]["public"] is True
    assert public["items"][0]["entries"][0]["stamp"]["figure"] == "32% (134 of 425)"


def test_before_the_room_opens_an_item_every_figure_is_a_skeleton_then_only_the_presented(
    tmp_path: Path,
) -> None:
    pack, figures = sample_pack(), sample_figures()
    # Less one: the RHI offered sentence carries the completion rate.
    every = len(figures[0].kpis) + len(figures[0].themes) - 1
    assert len(build_minutes(pack, figures).items[3].highlights) == every
    opened = Captured(opened=frozenset({"4"}))
    item = build_minutes(pack, figures, opened).items[3]
    assert item.highlights == () and item.presented == (), "opened, nothing dwelt on"
    with Journal.open(tmp_path / "j.sqlite") as journal:
        assert open_item(journal, "4")
        record_presented(journal, "4", "episodes")
        captured = read_journal(journal, ["4"])
    item = build_minutes(pack, figures, captured).items[3]
    assert item.presented == ("episodes",)
    assert len(item.highlights) == 1 and "episodes" in item.highlights[0]


def test_an_item_whose_figures_failed_is_minuted_as_such_and_the_rest_as_usual(
    pack: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (pack.parent / "data" / "missing_episodes.csv").write_text("CHILD,START\n1,2\n")
    [outcome] = figure_outcomes(load_pack(pack))
    assert isinstance(outcome, Unavailable)
    assert "missing_episodes.csv" in outcome.message
    with Journal.open(pack.parent / "config.journal.sqlite") as journal:
        journal.add(Kind.RESOLUTION, "To approve the minutes", item="2")
    assert main(["export", str(pack), "--out", "-"]) == 0
    text = capsys.readouterr().out
    assert "The figures for this item were not available" in text
    assert "To approve the minutes" in text
    item = exported(pack, capsys)["items"][3]
    assert item["figures_available"] is False
    assert item["highlights"] == []


def test_rows_a_stray_quote_swallowed_make_the_item_unavailable_and_export_says_why(
    pack: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = pack.parent / "data" / "missing_episodes.csv"
    lines = data.read_text().splitlines()
    lines[4] = lines[4].replace(",", ',"', 1)  # an opening quote mark left on row 5
    data.write_text("\n".join(lines) + "\n")
    [outcome] = figure_outcomes(load_pack(pack))
    assert isinstance(outcome, Unavailable), "not '0, down 100%' from what is left"
    assert outcome.message.startswith("missing_episodes.csv, row 5: A quoted value opens")
    assert main(["export", str(pack), "--out", "-"]) == 0
    captured = capsys.readouterr()
    assert "The figures for this item were not available" in captured.out
    assert "reduction" not in captured.out
    assert "panelapp: note: Figures not available, and the draft says so: Item 4: " in (
        captured.err
    )
    assert "Find the stray quote mark" in captured.err


def test_the_json_comes_from_the_model_the_templates_render() -> None:
    minutes = build_minutes(sample_pack(), sample_figures())
    data = facts(minutes)
    assert [i["number"] for i in data["items"]] == [i.number for i in minutes.items]
    assert data["items"][3]["highlights"] == list(minutes.items[3].highlights)
