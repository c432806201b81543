"""Every sentence a pack can write, tried when the pack is read, in each case it may meet.

A template is written for the figures its author had in front of them;
the meeting brings others: no previous period, a previous period with no
data, a figure hidden in public mode, zero, one, a share of nothing, a
theme whose highlights are all empty. :mod:`~panelapp.metrics.narrative`
picks the template each case allows; here every KPI, theme and highlight
of an item is written in every case, with stand-in figures, and each
sentence is held to what a minute may print (:func:`sentence_problem`).
A pack whose sentence would not read whole is refused before the meeting,
naming the key, the case and the sentence. Plain objects only: reading a
pack never waits for the data libraries.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator
from dataclasses import replace

from panelapp.config import Item, Kpi, Pack, Theme, previous_of
from panelapp.kinds import measured_in
from panelapp.metrics import narrative
from panelapp.metrics.judged import assemble
from panelapp.metrics.results import (
    Figure,
    HighlightResult,
    ItemFigures,
    KpiResult,
    ThemeResult,
)

COMPARED = "compared with the previous period"
"""The case a template is written for: every figure there, a change to state."""

_WRONG = (
    (re.compile(r"\bn/a\b", re.IGNORECASE), "says 'n/a'"),
    (re.compile(r"\bNone\b"), "says 'None'"),
    (re.compile(r"\s[.,;:]"), "has a space before a full stop or comma"),
    (re.compile(r"\s\s"), "has two spaces together"),
    (re.compile(r"\(\s*\)"), "has empty brackets"),
    (re.compile(r"[,;:]\s*$"), "ends on a comma"),
    (re.compile(r"\{\w+(\.\w+)*\}"), "leaves a placeholder unfilled"),
)
"""What no sentence of a minute may do, and how to say it did."""

CHANGE_WORDS = re.compile(
    r"\b(increase|reduction|higher than|lower than|the same as|no change|up from|down from)\b"
)
"""Words that state a change on the previous period."""


def sentence_problem(sentence: str) -> str:
    """What is wrong with a sentence as a minute would print it, or '' when nothing."""
    if not sentence.strip():
        return "is empty"
    for pattern, problem in _WRONG:
        if pattern.search(sentence):
            return problem
    return ""


@dataclasses.dataclass(frozen=True)
class Written:
    """One sentence written for the check: which key wrote it, in which case."""

    key: str
    """Under the item: 'kpis[3].narrative', 'themes[1].highlights[2].narrative'."""
    case: str
    sentence: str


def sentences(pack: Pack, item: Item) -> Iterator[Written]:
    """Every sentence the item's templates write, in every case (a theme or highlight that
    writes none in a case, rather than a broken one, is left out)."""
    if item.period is None:
        return
    specs = {kpi.id: kpi for kpi in item.kpis}
    for case, make in KPI_CASES.items():
        figures = _figures(pack, item, case, make)
        results = {kpi.id: kpi for kpi in figures.kpis}
        for k, kpi in enumerate(figures.kpis, start=1):
            spec = specs[kpi.id]
            used = narrative.kpi_template(kpi, spec, results, figures.public)
            key = (
                "narrative_without_previous"
                if used and used == (spec.narrative_without_previous) and used != spec.narrative
                else "narrative"
            )
            yield Written(f"kpis[{k}].{key}", case, kpi.narrative)
        for t, theme in enumerate(figures.themes, start=1):
            if theme.narrative:
                yield Written(f"themes[{t}].narrative", case, theme.narrative)
            for h, highlight in enumerate(theme.highlights, start=1):
                if highlight.narrative:
                    key = f"themes[{t}].highlights[{h}].narrative"
                    yield Written(key, case, highlight.narrative)


def unusable(item: Item) -> Iterator[tuple[str, str]]:
    """Templates that would never be used, as (key, the placeholders to blame): one that
    names what its measure never fills (a count's {numerator}, {matching} with no matching
    filter) even with every figure there to fill it."""
    if item.period is None:
        return
    full = {kpi.id: _made(kpi, item, COMPARED) for kpi in item.kpis}
    alone = {kpi_id: _no_previous_data(kpi) for kpi_id, kpi in full.items()}
    for k, spec in enumerate(item.kpis, start=1):
        for key, template, results in (
            ("narrative", spec.narrative, full),
            ("narrative_without_previous", spec.narrative_without_previous, alone),
        ):
            if not template:
                continue
            missing = narrative.unfilled(template, results[spec.id], spec, results, public=False)
            if missing:
                yield f"kpis[{k}].{key}", ", ".join("{" + name + "}" for name in missing)


def _figures(
    pack: Pack, item: Item, case: str, make: Callable[[KpiResult], KpiResult]
) -> ItemFigures:
    """The item's stand-in figures in ``case``, with their sentences written."""
    assert item.period is not None
    kpis = tuple(make(_made(kpi, item, case)) for kpi in item.kpis)
    themes = tuple(_theme(theme, case) for theme in item.themes)
    previous = None if case == "no previous period" else previous_of(item)
    shown = ItemFigures(
        item=item,
        period=item.period,
        previous_period=previous,
        kpis=kpis,
        themes=themes,
        public=case in PUBLIC_CASES,
    )
    return narrative.write(shown, pack)


# ---------------------------------------------------------------------------
# Stand-in figures


def _made(kpi: Kpi, item: Item, case: str) -> KpiResult:
    """A KPI's result with figures as they come in ``case`` (before the case's changes),
    made as the engine makes one."""
    assert item.period is not None
    stand_ins = FIGURES[measured_in(kpi.measure, kpi.unit)]
    now, before = stand_ins.get(case, stand_ins[COMPARED])
    previous_period = None if case == "no previous period" else previous_of(item)
    if previous_period is None:
        before = None
    return assemble(kpi, item.period, previous_period, now, before, (), (), _matching(kpi, case))


def _matching(kpi: Kpi, case: str) -> int | None:
    if kpi.measure != "top_n_share" or kpi.matching is None or case in PUBLIC_CASES:
        return None
    return {"zero": 0, "one": 1, "equal": kpi.n}.get(case, max(kpi.n - 3, 0))


_COUNTS: dict[str, tuple[Figure, Figure | None]] = {
    COMPARED: (Figure(425.0), Figure(531.0)),
    "equal": (Figure(425.0), Figure(425.0)),
    "from none": (Figure(12.0), Figure(0.0)),
    "zero": (Figure(0.0), Figure(3.0)),
    "one": (Figure(1.0), Figure(2.0)),
}
"""A count of children or episodes: hundreds, the same, up from none, none, one."""
_SHARES: dict[str, tuple[Figure, Figure | None]] = {
    COMPARED: (Figure(134 / 425, 134, 425), Figure(174 / 531, 174, 531)),
    "equal": (Figure(134 / 425, 134, 425), Figure(134 / 425, 134, 425)),
    "from none": (Figure(3 / 425, 3, 425), Figure(0.0, 0, 531)),
    "zero": (Figure(0.0, 0, 425), Figure(5 / 531, 5, 531)),
    "one": (Figure(1 / 425, 1, 425), Figure(2 / 531, 2, 531)),
    "nothing to count": (Figure(None, 0, 0), Figure(0.5, 1, 2)),
}
_HOURS: dict[str, tuple[Figure, Figure | None]] = {
    COMPARED: (
        Figure(9.5, denominator=120),
        Figure(11.0, denominator=140),
    ),
    "equal": (Figure(9.5, denominator=120), Figure(9.5, denominator=140)),
    "nothing to count": (Figure(None, denominator=0), Figure(11.0, denominator=140)),
}
FIGURES = {"count": _COUNTS, "percent": _SHARES, "hours": _HOURS}
"""Stand-in figures per unit and case: this period's, and the last's."""


def _no_previous_data(kpi: KpiResult) -> KpiResult:
    if kpi.previous_period is None:
        return kpi
    return replace(
        kpi,
        previous=None,
        change=None,
        count_change=None,
        previous_reason=f"no data for {kpi.previous_period.name}",
    )


def _hidden(kpi: KpiResult) -> KpiResult:
    base = kpi.current.denominator if kpi.unit == "percent" else None
    return replace(
        kpi,
        current=Figure(None, None, base, suppressed=True),
        change=None,
        count_change=None,
        rag=None,
    )


def _previous_hidden(kpi: KpiResult) -> KpiResult:
    if kpi.previous is None:
        return kpi
    return replace(kpi, previous=Figure(None, suppressed=True), change=None, count_change=None)


def _as_made(kpi: KpiResult) -> KpiResult:
    return kpi


KPI_CASES: dict[str, Callable[[KpiResult], KpiResult]] = {
    COMPARED: _as_made,
    "equal": _as_made,
    "from none": _as_made,
    "zero": _as_made,
    "one": _as_made,
    "nothing to count": _as_made,
    "no previous period": _as_made,
    "no data for the previous period": _no_previous_data,
    "hidden in public": _hidden,
    "previous hidden in public": _previous_hidden,
}
"""Each case a sentence may meet, as a change to the stand-in figures."""

PUBLIC_CASES = frozenset({"hidden in public", "previous hidden in public"})
"""Cases of public mode, where a hidden figure is the symbol."""


# ---------------------------------------------------------------------------
# Themes


def _theme(theme: Theme, case: str) -> ThemeResult:
    """The theme's highlights as they come in ``case``: all shown, all zero, only the first
    (the rest of nobody), none (a cohort of nobody) or hidden."""
    hidden = case in PUBLIC_CASES
    shown = {
        "zero": (0, 100, len(theme.highlights)),
        "one": (1, 100, 1),
        "nothing to count": (0, 0, 0),
    }.get(case, (95, 100, len(theme.highlights)))
    count, cohort, first = shown
    highlights = tuple(
        HighlightResult(
            h.id,
            h.label,
            None if hidden else count if n < first else 0,
            cohort if n < first else 0,
            None if hidden or n >= first or not cohort else count / cohort,
            suppressed=hidden,
        )
        for n, h in enumerate(theme.highlights)
    )
    return ThemeResult(
        id=theme.id,
        title=theme.title,
        description=theme.description,
        cohort=None if hidden else cohort,
        cohort_suppressed=hidden,
        highlights=highlights,
        breakdowns=(),
    )


def check(pack: Pack) -> tuple[str, str, str] | None:
    """The first sentence of the pack that would not read whole, as (key, problem, fix)."""
    for i, item in enumerate(pack.items, start=1):
        for key, names in unusable(item):
            return (
                f"items[{i}].{key}",
                f"uses {names}, which {_measure(item, key)} never has, so the sentence "
                "would never be written",
                "Use placeholders the measure fills (see docs/config.md, Narrative placeholders).",
            )
        for written in sentences(pack, item):
            problem = sentence_problem(written.sentence)
            if not problem:
                continue
            return (
                f"items[{i}].{written.key}",
                f'{problem} when {written.case}: "{written.sentence}"',
                "Reword it so it reads whole in that case ({comparison} leaves itself out "
                "when there is nothing to compare; see docs/config.md, Sentences).",
            )
    return None


def _measure(item: Item, key: str) -> str:
    """'a distinct_count KPI': what a key's KPI is, for a message about its placeholders."""
    number = int(key.split("[", 1)[1].split("]", 1)[0])
    kpi = item.kpis[number - 1]
    unmatched = kpi.measure == "top_n_share" and kpi.matching is None
    return f"a {kpi.measure} KPI" + (" without a matching filter" if unmatched else "")
