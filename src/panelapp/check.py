"""`panelapp check`: the figures and findings of a pack, without opening the app.

For the analyst preparing the pack the day before, and for scripts (--json).
Never imports Textual, so it starts fast and runs on a server.
"""

from __future__ import annotations

import json
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from panelapp.config import Pack, Period
from panelapp.metrics import format as fmt
from panelapp.metrics.results import Figure, ItemFigures, KpiResult, ThemeResult

CLEAN, FINDINGS, UNUSABLE = 0, 1, 2
"""Exit statuses: scripts can tell a clean pack from one with data-quality findings."""


def exit_status(all_figures: list[ItemFigures]) -> int:
    """1 when any item's data has findings, else 0."""
    return FINDINGS if any(f.findings for f in all_figures) else CLEAN


def to_json(all_figures: list[ItemFigures]) -> str:
    """The documented JSON shape: fractions unrounded, suppressed values null."""
    return json.dumps({"items": [_item(f) for f in all_figures]}, indent=2, ensure_ascii=False)


def _period(period: Period | None) -> dict[str, str] | None:
    if period is None:
        return None
    return {"start": period.start.isoformat(), "end": period.end.isoformat(), "label": period.name}


def _value(fig: Figure | None) -> Any:
    return None if fig is None or fig.suppressed else fig.value


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
        "data_quality": [
            {
                "rule": d.rule,
                "row": d.row,
                "column": d.column,
                "value": d.value,
                "message": d.message,
                "excluded": d.excluded,
                "source": d.source,
            }
            for d in f.findings
        ],
        "notes": list(f.notes),
    }


def _kpi(k: KpiResult) -> dict[str, Any]:
    previous = k.previous
    return {
        "id": k.id,
        "title": k.title,
        "unit": k.unit,
        "value": _value(k.current),
        "numerator": k.current.numerator,
        "denominator": k.current.denominator,
        "previous": _value(previous),
        "previous_numerator": previous.numerator if previous else None,
        "previous_denominator": previous.denominator if previous else None,
        "change": None if k.change is None else k.change.absolute,
        "relative_change": None if k.change is None else k.change.relative,
        "judgement": None if k.change is None else k.change.judgement,
        "rag": k.rag,
        "target": k.target,
        "suppressed": k.current.suppressed,
        "available": k.available,
        "reason": k.reason,
        "narrative": k.narrative,
    }


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


def print_report(pack: Pack, all_figures: list[ItemFigures], console: Console) -> None:
    """Findings first (they are what needs doing), then every KPI and theme highlight."""
    decimals, symbol = pack.display.percent_decimals, pack.disclosure.symbol
    for f in all_figures:
        console.rule(f"[bold]{f.item.number}. {f.item.title}[/] — {f.period.name}")
        for note in f.notes:
            console.print(f"[yellow]Note:[/] {note}")
        if f.findings:
            console.print(_findings_table(f))
        elif not f.public:
            console.print(f"[green]No data-quality findings[/] in {f.records:,} records.")
        console.print(_kpi_table(f, decimals, symbol))
        for theme in f.themes:
            console.print(_theme_table(theme, decimals, symbol))


def _plain(*cells: str) -> list[Text]:
    """Cells as literal text: '[c]' is the suppression symbol, not console markup."""
    return [Text(cell) for cell in cells]


def _findings_table(f: ItemFigures) -> Table:
    table = Table(title=f"Data-quality findings ({len(f.findings)}; {f.excluded} rows left out)")
    for column in ("Rule", "File", "Row", "Column", "Value", "Finding"):
        table.add_column(column, overflow="fold")
    for d in f.findings:
        row = "" if d.row is None else str(d.row)
        table.add_row(*_plain(d.rule, d.source, row, d.column, d.value, d.message))
    return table


def _kpi_table(f: ItemFigures, decimals: int, symbol: str) -> Table:
    previous = f.previous_period.name if f.previous_period else "Previous"
    table = Table(title="KPIs", title_justify="left")
    table.add_column("KPI")
    table.add_column(f.period.name, justify="right")
    table.add_column("", justify="right")
    table.add_column(previous, justify="right")
    table.add_column("Change", justify="right")
    table.add_column("RAG")
    colours = {"better": "green", "worse": "red"}
    for k in f.kpis:
        if not k.available:
            table.add_row(*_plain(k.title, fmt.NOT_AVAILABLE, "", "", "", k.reason))
            continue
        change = k.change
        words = fmt.change_words(change, previous, k.unit) if change else ""
        arrow = fmt.ARROWS.get(change.direction, "") if change else ""
        colour = colours.get(change.judgement, "") if change else ""
        table.add_row(
            *_plain(
                k.title,
                *fmt.headline(k.current, k.unit, decimals, symbol),
                fmt.figure(k.previous, k.unit, decimals, symbol),
            ),
            Text(f"{arrow} {words}", style=colour),
            (k.rag or "").upper(),
        )
    return table


def _theme_table(t: ThemeResult, decimals: int, symbol: str) -> Table:
    cohort = symbol if t.cohort_suppressed else fmt.count(t.cohort)
    table = Table(title=f"{t.title}: {cohort} children", title_justify="left")
    table.add_column("Highlight")
    table.add_column("Share", justify="right")
    table.add_column("Children", justify="right")
    for h in t.highlights:
        share = symbol if h.suppressed else fmt.percent(h.share, decimals)
        counts = (
            f"{symbol} of {symbol}"
            if h.suppressed
            else f"{fmt.count(h.count)} of {fmt.count(h.base)}"
        )
        table.add_row(*_plain(h.label, share, counts))
    return table
