"""`panelapp check`: the figures and findings of a pack, without opening the app.

For scripts (--json) and for the exit status; the tables an analyst reads
by eye are in :mod:`panelapp.report`. Never imports Textual, so it starts
fast and runs on a server.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import Any

from panelapp.config import Period
from panelapp.metrics.results import (
    Figure,
    Finding,
    ItemFigures,
    KpiResult,
    MonthPoint,
    ThemeResult,
)

CLEAN, FINDINGS, UNUSABLE = 0, 1, 2
"""Exit statuses: scripts can tell a clean pack from one with data-quality findings."""


def exit_status(all_figures: list[ItemFigures]) -> int:
    """1 when any item's data has findings, else 0."""
    return FINDINGS if any(f.findings for f in all_figures) else CLEAN


def to_json(all_figures: list[ItemFigures]) -> str:
    """The documented JSON shape: fractions unrounded, suppressed values null.

    An item's findings are written by :func:`_findings`, in the very layout
    ``json.dumps`` gives them: its indented writer is pure Python, and the
    ten thousand findings of a million-row export took it 0.4 s.
    """
    text = json.dumps({"items": [_item(f) for f in all_figures]}, indent=2, ensure_ascii=False)
    # JSON writes a newline inside a value as \n, so this can only be the key itself.
    head, *rest = text.split(_NO_FINDINGS)
    written = [_findings(f.findings) for f in all_figures]
    return head + "".join(
        _NO_FINDINGS[:-2] + w + part for w, part in zip(written, rest, strict=True)
    )


_NO_FINDINGS = '\n      "data_quality": []'
"""An item's findings as ``to_json`` first writes them, then fills in."""


def _findings(findings: tuple[Finding, ...]) -> str:
    """An item's ``data_quality`` list as ``json.dumps(indent=2)`` writes it at its depth."""
    if not findings:
        return "[]"
    text = encode_basestring
    records = (
        _FINDING.format(
            text(d.rule),
            "null" if d.row is None else int(d.row),
            text(d.column),
            text(d.value),
            text(d.message),
            "true" if d.excluded else "false",
            text(d.source),
        )
        for d in findings
    )
    return "[\n" + ",\n".join(records) + "\n      ]"


_FINDING = (
    "        {{\n"
    + ",\n".join(
        f'          "{key}": {{}}'
        for key in ("rule", "row", "column", "value", "message", "excluded", "source")
    )
    + "\n        }}"
)
"""One finding at its depth, as ``json.dumps(indent=2)`` writes it (a test compares them)."""


def _period(period: Period | None) -> dict[str, str] | None:
    if period is None:
        return None
    return {"start": period.start.isoformat(), "end": period.end.isoformat(), "label": period.name}


def _value(fig: Figure | None, unit: str) -> Any:
    return None if fig is None or fig.suppressed else _number(fig.value, unit)


def _number(value: float | None, unit: str) -> float | int | None:
    """A count as the whole number it is (425, not 425.0); shares and hours as they are."""
    if unit == "count" and isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _item(f: ItemFigures) -> dict[str, Any]:
    return {
        "number": f.item.number,
        "title": f.item.title,
        "period": _period(f.period),
        "previous_period": _period(f.previous_period),
        "public": f.public,
        "records": f.records,
        "excluded": f.excluded,
        "kpis": [_kpi(k) for k in f.kpis],
        "themes": [_theme(t) for t in f.themes],
        "data_quality": [],  # see to_json
        "notes": list(f.notes),
    }


def _kpi(k: KpiResult) -> dict[str, Any]:
    previous = k.previous
    return {
        "id": k.id,
        "title": k.title,
        "unit": k.unit,
        "value": _value(k.current, k.unit),
        "numerator": k.current.numerator,
        "denominator": k.current.denominator,
        "previous": _value(previous, k.unit),
        "previous_numerator": previous.numerator if previous else None,
        "previous_denominator": previous.denominator if previous else None,
        "change": None if k.change is None else _number(k.change.absolute, k.unit),
        "relative_change": None if k.change is None else k.change.relative,
        "judgement": None if k.change is None else k.change.judgement,
        "rag": k.rag,
        "target": _number(k.target, k.unit),
        "suppressed": k.current.suppressed,
        "available": k.available,
        "reason": k.reason or k.previous_reason,
        "narrative": k.narrative,
        "matching": k.matching,
        "months": _months(k.monthly, k.unit),
        "previous_months": _months(k.previous_monthly, k.unit),
    }


def _months(points: tuple[MonthPoint, ...], unit: str) -> list[dict[str, Any]]:
    """The trend a KPI screen draws, month by month: all a screen shows is in the JSON too."""
    return [
        {
            "month": f"{p.month:%Y-%m}",
            "value": _value(p.figure, unit),
            "numerator": p.figure.numerator,
            "denominator": p.figure.denominator,
            "suppressed": p.figure.suppressed,
        }
        for p in points
    ]


def _theme(t: ThemeResult) -> dict[str, Any]:
    return {
        "id": t.id,
        "title": t.title,
        "cohort": t.cohort,
        "suppressed": t.cohort_suppressed,
        "available": t.available,
        "highlights": [
            {
                "id": h.id,
                "label": h.label,
                "count": h.count,
                "base": h.base,
                "share": h.share,
                "suppressed": h.suppressed,
            }
            for h in t.highlights
        ],
        "breakdowns": [
            {
                "dimension": b.dimension,
                "title": b.title,
                "rows": [
                    {
                        "category": r.category,
                        "count": r.count,
                        "share": r.share,
                        "suppressed": r.suppressed,
                    }
                    for r in b.rows
                ],
            }
            for b in t.breakdowns
        ],
        "narrative": t.narrative,
    }
