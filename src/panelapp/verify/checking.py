"""Check a report against an item's figures: every quoted figure, its verdict, what is left out.

Pure: paragraphs and the engine's figures in, a :class:`ReportCheck` out,
for the command line, the app's screen and the clerk's desk alike. A
figure that disagrees is reported, never changed: the report is the
officers', the minute the clerk's.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from panelapp.config import Item, Pack
from panelapp.errors import UserError
from panelapp.metrics.format import plural
from panelapp.metrics.results import ItemFigures, Outcome
from panelapp.verify.document import Paragraph, ReportError, read_report
from panelapp.verify.judging import Judgement, Periods, judge
from panelapp.verify.linking import Link, link
from panelapp.verify.phrases import Quote
from panelapp.verify.statements import statements
from panelapp.verify.targets import Target, targets_of, weights

ALL_AGREE, SOME_DISAGREE = 0, 1
"""Exit statuses of `panelapp verify`: a script can tell a clean report from one to correct."""


@dataclass(frozen=True)
class Checked:
    """One figure the report quotes, what it was linked to and the verdict."""

    paragraph: Paragraph
    sentence: str
    quote: Quote
    target: Target | None
    judgement: Judgement


@dataclass(frozen=True)
class ReportCheck:
    """Every figure of one report checked against one agenda item's figures."""

    report: Path
    item: Item
    figures: ItemFigures
    statements: tuple[Checked, ...]
    unmentioned: tuple[Target, ...]
    """KPIs and highlights of the item the report never quotes."""

    def count(self, verdict: str) -> int:
        """How many quoted figures have that verdict."""
        return sum(1 for s in self.statements if s.judgement.verdict == verdict)

    @property
    def exit_status(self) -> int:
        """1 when any figure disagrees, else 0."""
        return SOME_DISAGREE if self.count("disagrees") else ALL_AGREE


def check_report(paragraphs: list[Paragraph], figures: ItemFigures, report: Path) -> ReportCheck:
    """Each figure of ``paragraphs`` linked to one of ``figures`` (private) and judged."""
    targets = targets_of(figures, figures.item)
    weighed = weights(targets)
    periods = Periods(figures.period, figures.previous_period)
    checked: list[Checked] = []
    for paragraph in paragraphs:
        told: tuple[str, Target | None] = ("", None)
        for statement in statements(paragraph.text):
            follows = told[0] == statement.sentence and told[1] is not None
            if follows and all(q.role == "matching" for q in statement.quotes):
                found = Link(told[1])  # '…; all 20 of them were in care': the top N just named
            else:
                found = link(statement, targets, weighed)
            told = (statement.sentence, found.target)
            if found.target is None and all(q.kind == "hours" for q in statement.quotes):
                continue  # '72 hours' that speaks of no duration of the pack is no figure
            for quote in statement.quotes:
                if found.target is None:
                    judgement = Judgement("cannot_tell", reason=found.reason)
                else:
                    judgement = judge(quote, found.target, periods)
                checked.append(
                    Checked(paragraph, statement.sentence, quote, found.target, judgement)
                )
    quoted = {c.target.id for c in checked if c.target is not None}
    unmentioned = tuple(t for t in targets if t.listed and t.id not in quoted)
    return ReportCheck(report, figures.item, figures, tuple(checked), unmentioned)


def verify_file(report: Path, figures: ItemFigures) -> ReportCheck:
    """Read the report at ``report`` and check it; raises ReportError when it cannot be read."""
    return check_report(read_report(report), figures, report)


def check_item_report(pack: Pack, figures: ItemFigures) -> ReportCheck:
    """The item's own report (``report_file``) checked against its figures.

    Raises :class:`ReportError` when the item names no report or it cannot be read.
    """
    item = pack.item(figures.item.number)
    if item.report_file is None:
        raise ReportError(
            pack.path,
            f"item {item.number}",
            "names no report to check",
            f'Add report_file = "…" to agenda item {item.number}.',
        )
    return verify_file(pack.folder / item.report_file, figures)


def pack_reports(pack: Pack, outcomes: list[Outcome]) -> dict[str, ReportCheck | str]:
    """Each agenda item that names a report: its check, or the one line saying why there is none.

    ``outcomes`` are the engine's private figures (or why an item has none), as
    ``figure_outcomes`` gives them; the clerk's desk shows one line per item.
    """
    from panelapp.metrics.engine import present

    made = {o.item.number: o for o in outcomes}
    checks: dict[str, ReportCheck | str] = {}
    for item in pack.items:
        if item.report_file is None:
            continue
        outcome = made.get(item.number)
        if not isinstance(outcome, ItemFigures):
            reason = outcome.message if outcome is not None else "no figures were made"
            checks[item.number] = f"Report check: not possible, the figures are missing ({reason})"
            continue
        try:
            checks[item.number] = check_item_report(pack, present(outcome, pack, public=False))
        except UserError as error:
            checks[item.number] = f"Report check: not possible. {error.message}"
    return checks


def summary(check: ReportCheck) -> str:
    """'Report check: 12 figures agree, 1 disagrees': one line for the clerk's desk."""
    agree, disagree, unclear = (check.count(v) for v in ("agrees", "disagrees", "cannot_tell"))
    if not check.statements:
        return "Report check: the report quotes no figures"
    parts = [f"{plural(agree, 'figure')} agree{'s' if agree == 1 else ''}"]
    if disagree:
        parts.append(f"{disagree} disagree{'s' if disagree == 1 else ''}")
    if unclear:
        parts.append(f"{unclear} could not be checked")
    return "Report check: " + ", ".join(parts)


def to_json(check: ReportCheck) -> str:
    """The documented shape: one object with the report, its statements and what it leaves out."""
    return json.dumps(
        {
            "report": str(check.report),
            "statements": [_statement(s) for s in check.statements],
            "unmentioned": [_unmentioned(t) for t in check.unmentioned],
        },
        indent=2,
        ensure_ascii=False,
    )


def _statement(checked: Checked) -> dict[str, Any]:
    judgement = checked.judgement
    return {
        "page": checked.paragraph.page,
        "paragraph": checked.paragraph.number,
        "text": checked.sentence,
        "quoted": checked.quote.text,
        "kpi": checked.target.id if checked.target is not None else None,
        "verdict": judgement.verdict,
        "data_value": judgement.value,
        "data_numerator": judgement.numerator,
        "data_denominator": judgement.denominator,
        "reason": judgement.reason,
    }


def _unmentioned(target: Target) -> dict[str, Any]:
    figure = target.current
    return {
        "kpi": target.id,
        "title": target.title,
        "data_value": figure.value,
        "data_numerator": figure.numerator,
        "data_denominator": figure.denominator,
    }
