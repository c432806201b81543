"""Sentences that cannot lie: the template each case allows, and a pack refused when one would.

What the issue was filed on: "Key themes of children with three or more
placements included ." for a theme with no highlights, and "no comparable
change" against a period with no data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from panelapp.config import ConfigError, Highlight, Item, Kpi, Pack, Period, Theme, load_pack
from panelapp.metrics import narrative
from panelapp.metrics.results import Change, Figure, HighlightResult, ItemFigures, ThemeResult
from panelapp.metrics.sentence_cases import KPI_CASES, sentence_problem, sentences
from panelapp.minutes.draft import build_minutes
from tests.data.journals.sample import sample_figures, sample_pack

from .test_narrative import LAST, YEAR, result

ROOT = Path(__file__).parents[2]
PLACEMENTS = ROOT / "src" / "panelapp" / "examples" / "placements"


def written(item: Item, kpis: tuple = (), themes: tuple = (), public: bool = False) -> ItemFigures:
    pack = sample_pack()
    return narrative.write(ItemFigures(item, YEAR, LAST, kpis, themes, public=public), pack)


def theme_item(*highlights: Highlight, template: str = "") -> Item:
    theme = Theme(id="moved", title="Children with three or more placements", narrative=template)
    return Item(number="1", title="t", period=YEAR, themes=(replace(theme, highlights=highlights),))


def theme_result(*counts: tuple[int, int]) -> ThemeResult:
    return ThemeResult(
        id="moved",
        title="Children with three or more placements",
        description="",
        cohort=45,
        cohort_suppressed=False,
        highlights=tuple(
            HighlightResult(f"h{n}", f"label {n}", count, base, count / base if base else None)
            for n, (count, base) in enumerate(counts)
        ),
        breakdowns=(),
    )


BOYS = Highlight(id="h0", label="boys", filter=None)  # type: ignore[arg-type]
TEENS = Highlight(id="h1", label="teenagers", filter=None)  # type: ignore[arg-type]


def test_a_theme_with_breakdowns_and_no_highlights_writes_no_included_sentence() -> None:
    figures = written(theme_item(), themes=(theme_result(),))
    assert figures.themes[0].narrative == ""


def test_a_highlight_of_nobody_is_left_out_and_one_left_reads_alone() -> None:
    figures = written(theme_item(BOYS, TEENS), themes=(theme_result((24, 45), (0, 0)),))
    assert figures.themes[0].narrative == (
        "Key themes of children with three or more placements included 53% label 0."
    )
    nobody = written(theme_item(BOYS, TEENS), themes=(theme_result((0, 0), (0, 0)),))
    assert nobody.themes[0].narrative == ""


def test_a_theme_sentence_without_highlights_is_still_written() -> None:
    item = theme_item(template="The panel looked at the {cohort} {title} in {period}.")
    figures = written(item, themes=(theme_result(),))
    assert figures.themes[0].narrative == (
        "The panel looked at the 45 children with three or more placements in "
        "January – December 2021."
    )


def test_the_minute_lists_no_empty_sentence() -> None:
    [figures] = sample_figures()
    emptied = replace(figures, themes=tuple(replace(t, narrative="") for t in figures.themes))
    minutes = build_minutes(sample_pack(), [emptied])
    assert all(line.strip() for line in minutes.items[3].highlights)


def count_kpi(change: Change | None, previous: Figure | None) -> ItemFigures:
    spec = Kpi(
        id="k", title="Children missing", measure="distinct_count", subject="missing children"
    )
    kpi = result(
        Figure(425.0), id="k", title="Children missing", unit="count", measure="distinct_count",
        previous=previous, change=change,
    )  # fmt: skip
    return written(Item(number="1", title="t", period=YEAR, kpis=(spec,)), kpis=(kpi,))


def test_no_change_is_said_only_when_the_figures_are_equal() -> None:
    same = count_kpi(Change(0.0, 0.0, "same", "same"), Figure(425.0))
    assert same.kpis[0].narrative == (
        "There was no change in the total number of missing children in January – December "
        "2021 in comparison to 2020."
    )
    missing = count_kpi(None, None)
    assert missing.kpis[0].narrative == "Children missing: 425 in January – December 2021."


def test_a_rise_from_none_states_its_size_not_a_percentage() -> None:
    figures = count_kpi(Change(425.0, None, "up", "worse"), Figure(0.0))
    assert figures.kpis[0].narrative == (
        "There was an increase of 425 in the total number of missing children in January – "
        "December 2021 in comparison to 2020."
    )


def test_a_packs_sentence_for_no_previous_figure_is_used_when_there_is_none() -> None:
    spec = Kpi(
        id="k",
        title="RHIs completed",
        measure="rate",
        narrative="{value} were completed, against {previous} in {previous_period}.",
        narrative_without_previous="{value} were completed in {period}.",
    )
    item = Item(number="1", title="t", period=YEAR, kpis=(spec,))
    shown = result(Figure(0.49, 49, 100), id="k", measure="rate", previous=Figure(0.71, 71, 100))
    assert written(item, kpis=(shown,)).kpis[0].narrative == (
        "49% were completed, against 71% in 2020."
    )
    alone = replace(shown, previous=None, previous_reason="no data for 2020")
    assert written(item, kpis=(alone,)).kpis[0].narrative == (
        "49% were completed in January – December 2021."
    )
    hidden = replace(shown, previous=Figure(None, suppressed=True))
    assert written(item, kpis=(hidden,), public=True).kpis[0].narrative == (
        "49% were completed, against [c] in 2020."
    )


def test_a_cited_figure_not_available_leaves_the_citing_sentence_unused() -> None:
    [figures] = sample_figures()
    completed = figures.kpi("rhi_completed_rate")
    gone = replace(completed, available=False, reason="not available in this data")
    kpis = tuple(gone if k.id == completed.id else k for k in figures.kpis)
    again = narrative.write(replace(figures, kpis=kpis), sample_pack())
    offered = again.kpi("rhi_offered_rate").narrative
    assert "n/a" not in offered and offered.startswith("93% (")
    # …so the minute gives the completed KPI's own sentence, saying why it has no figure.
    highlights = build_minutes(sample_pack(), [again]).items[3].highlights
    assert "Return Home Interviews completed: not available in this data." in highlights


@pytest.mark.parametrize("path", [ROOT / "config.toml", PLACEMENTS])
def test_every_shipped_sentence_reads_whole_in_every_case(path: Path) -> None:
    pack: Pack = load_pack(path)
    found = [
        (w.key, w.case, w.sentence)
        for item in pack.items
        for w in sentences(pack, item)
        if sentence_problem(w.sentence)
    ]
    assert found == []
    cases = {w.case for item in pack.items for w in sentences(pack, item)}
    assert cases == set(KPI_CASES)


@pytest.mark.parametrize(
    ("narrative_text", "words"),
    [
        ("{value} children{comparison} .", "space before a full stop"),
        ("{value} of children;", "ends on a comma"),
        ("{value} children () in care.", "empty brackets"),
        ("{numerator} children went missing.", "uses {numerator}, which a distinct_count"),
        ("The top {matching}.", "uses {matching}"),
    ],
)
def test_a_sentence_that_would_not_read_whole_is_refused_when_the_pack_is_read(
    tmp_path: Path, narrative_text: str, words: str
) -> None:
    config = (ROOT / "tests" / "data" / "packs" / "minimal" / "config.toml").read_text()
    config = config.replace(
        'measure = "distinct_count"', f'measure = "distinct_count"\nnarrative = "{narrative_text}"'
    )
    (tmp_path / "config.toml").write_text(config)
    with pytest.raises(ConfigError, match="items\\[1\\].kpis\\[1\\].narrative") as caught:
        load_pack(tmp_path / "config.toml", check_files=False)
    assert words in caught.value.message


def test_periods_used_in_the_stand_in_cases_are_the_items_own() -> None:
    pack = load_pack(PLACEMENTS)
    said = [w.sentence for w in sentences(pack, pack.item("4")) if "31 March 2024" in w.sentence]
    assert said and all("2023–24" in s or "31 March 2024" in s for s in said)
    assert Period(dt.date(2024, 1, 1), dt.date(2024, 1, 31)).name.startswith("01 January")
