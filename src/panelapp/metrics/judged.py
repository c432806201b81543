"""A KPI's result from its figures, judged: the change on the last period, RAG, the unit.

Judgements (better or worse, RAG) are made here, once, so the presenter's
colours and the minute's words can never disagree, whether the figures came
from records, a metrics file, or the stand-ins a pack's sentences are tried
on when the pack is read (plain Python: no data library is loaded for it).
"""

from __future__ import annotations

from panelapp.config import Kpi, Period
from panelapp.kinds import measured_in
from panelapp.metrics.results import Change, Figure, KpiResult, MonthPoint, Rag


def change(current: float | None, previous: float | None, polarity: str) -> Change | None:
    """Direction of travel, judged better or worse by the KPI's polarity."""
    if current is None or previous is None:
        return None
    absolute = current - previous
    relative = absolute / previous if previous else None
    # Shares differing only in float noise are the same figure.
    direction = "same" if abs(absolute) < 1e-12 else "up" if absolute > 0 else "down"
    if direction == "same":
        judgement = "same"
    elif polarity == "neutral":
        judgement = "neutral"
    else:
        good = "up" if polarity == "higher" else "down"
        judgement = "better" if direction == good else "worse"
    return Change(absolute, relative, direction, judgement)  # type: ignore[arg-type]


def assemble(
    kpi: Kpi,
    period: Period,
    previous_period: Period | None,
    current: Figure,
    previous: Figure | None,
    monthly: tuple[MonthPoint, ...],
    previous_monthly: tuple[MonthPoint, ...],
    matching: int | None = None,
) -> KpiResult:
    """A result from figures however they were obtained (records or a metrics file)."""
    unit = unit_of(kpi)
    # Minutes compare the children behind a share ('134 against 174'), not only the share.
    count_change = None
    if kpi.measure in ("share", "external") and previous is not None:
        count_change = change(current.numerator, previous.numerator, kpi.polarity)
    return KpiResult(
        id=kpi.id,
        title=kpi.title,
        unit=unit,
        polarity=kpi.polarity,
        measure=kpi.measure,
        period=period,
        previous_period=previous_period,
        current=current,
        previous=previous,
        change=change(current.value, previous.value if previous else None, kpi.polarity),
        count_change=count_change,
        rag=rag(current.value, kpi, unit),
        target=kpi.target,
        tolerance=kpi.tolerance,
        monthly=monthly,
        previous_monthly=previous_monthly,
        n=kpi.n if kpi.measure == "top_n_share" else 0,
        matching=matching,
        notes=kpi.notes,
    )


def unit_of(kpi: Kpi) -> str:
    """Shares are percentages whatever the pack says; other measures keep their unit."""
    return measured_in(kpi.measure, kpi.unit)


def rag(value: float | None, kpi: Kpi, unit: str) -> Rag | None:
    """Green on or better than target, amber within tolerance, red beyond it."""
    if value is None or kpi.target is None or kpi.polarity == "neutral":
        return None
    shown = value * 100 if unit == "percent" else value
    gap = shown - kpi.target if kpi.polarity == "higher" else kpi.target - shown
    if gap >= 0:
        return "green"
    if kpi.tolerance is not None and -gap <= kpi.tolerance:
        return "amber"
    return "red"
