"""The words and figures the screens show, as plain strings from the core's results.

Everything here is wording: values come from :mod:`panelapp.metrics.results`
and are written by :mod:`panelapp.metrics.format`, so a figure on the
projector reads exactly as it will in the minute.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text

from panelapp.metrics import format as fmt
from panelapp.metrics.results import HighlightResult, KpiResult, ThemeResult
from panelapp.sanitise import clean


@dataclass(frozen=True)
class Style:
    """How a pack asks figures to be written: decimals on screen, the public symbol."""

    decimals: int = 0
    symbol: str = "[c]"


def plain(words: str, style: str = "") -> Text:
    """Words from a pack, the data, a figure or the clerk, to show exactly as they are.

    A plain string given to a Label or Static is read as Textual markup:
    '[c]' (the suppression symbol) vanished and a title holding '[/b]'
    crashed the screen. Text is never markup; :func:`panelapp.sanitise.clean`
    also takes out terminal escapes and control characters, which the
    terminal would otherwise act on.
    """
    return Text(clean(words), style=style)


def tone_classes(kpi: KpiResult) -> dict[str, bool]:
    """-better, -worse or -neutral, set as the change reads by the KPI's polarity.

    For ``update_classes``: the stylesheet colours each, and a KPI without
    polarity (or without a change) is neutral. The words say the same, so
    colour is never the only sign.
    """
    judgement = kpi.change.judgement if kpi.change else "neutral"
    tone = judgement if judgement in ("better", "worse") else "neutral"
    return {f"-{name}": name == tone for name in ("better", "worse", "neutral")}


def rag_classes(kpi: KpiResult) -> dict[str, bool]:
    """-red, -amber or -green for the KPI's RAG status (none set when it has no target)."""
    return {f"-{name}": name == kpi.rag for name in ("red", "amber", "green")}


def figure(kpi: KpiResult, style: Style) -> str:
    """The headline: '32%', '2,050', '[c]' or 'n/a'."""
    if not kpi.available:
        return fmt.NOT_AVAILABLE
    return fmt.figure(kpi.current, kpi.unit, style.decimals, style.symbol)


def detail(kpi: KpiResult, style: Style) -> str:
    """'105 of 425' under a share; empty for a plain count, shown or hidden."""
    if not kpi.available or kpi.unit != "percent":
        return ""
    return fmt.share_detail(kpi.current, style.symbol)


def figure_as_shown(kpi: KpiResult, style: Style) -> str:
    """'32% (134 of 425)': the figure with its counts, as a clerk would stamp it."""
    if not kpi.available:
        return fmt.NOT_AVAILABLE
    return fmt.with_counts(kpi.current, kpi.unit, style.decimals, style.symbol)


def arrow(kpi: KpiResult) -> str:
    """The shape that carries the direction where colour cannot."""
    return fmt.ARROWS[kpi.change.direction] if kpi.change else ""


def change_words(kpi: KpiResult) -> str:
    """'down 20% on 2020', with the judgement in words when the polarity gives one."""
    label = kpi.previous_period.name if kpi.previous_period else ""
    words = fmt.change_words(kpi.change, label, kpi.unit)
    if kpi.change and kpi.change.judgement in ("better", "worse"):
        words += f", {kpi.change.judgement}"
    return words


def change_amount(kpi: KpiResult, style: Style) -> str:
    """'−106' or '+3 pts': the size of the change in the figure's own unit."""
    return fmt.signed(kpi.change, kpi.unit, style.decimals) if kpi.change else ""


def big_change(kpi: KpiResult, style: Style) -> str:
    """'▼ −106', '▲ +3': the arrow and the amount, for the projector's large font.

    The unit word ('pts') stays in the line beneath, which says it in full.
    """
    if not kpi.available or not kpi.change:
        return ""
    amount = change_amount(kpi, style).split(" ")[0].replace("−", "-")
    return f"{arrow(kpi)} {amount}"


def previous(kpi: KpiResult, style: Style) -> str:
    """'531 in 2020', so the panel hears both ends of the comparison."""
    if kpi.previous is None or kpi.previous_period is None:
        return ""
    shown = fmt.with_counts(kpi.previous, kpi.unit, style.decimals, style.symbol)
    return f"{shown} in {kpi.previous_period.name}"


def target(kpi: KpiResult) -> str:
    """'target 95%, amber within 5 pts': the target in the KPI's own unit, as the pack gave it."""
    if kpi.target is None:
        return ""
    unit = {"percent": "%", "hours": " hours"}.get(kpi.unit, "")
    text = f"target {kpi.target:g}{unit}"
    if kpi.tolerance:
        points = " pts" if kpi.unit == "percent" else unit
        text += f", amber within {kpi.tolerance:g}{points}"
    return text


def rag(kpi: KpiResult) -> str:
    """'AMBER': the RAG status as a word, never as colour alone."""
    return kpi.rag.upper() if kpi.rag else ""


def highlight(h: HighlightResult, style: Style) -> str:
    """'95% (95 of 100) criminal and/or sexual exploitation'."""
    shown = fmt.share_with_counts(
        h.share, h.count, h.base, h.suppressed, style.decimals, style.symbol
    )
    return f"{shown} {h.label}"


def cohort(theme: ThemeResult, style: Style) -> str:
    """'100 children', or the symbol when the whole cohort is small."""
    return fmt.children(theme.cohort, theme.cohort_suppressed, style.symbol)
