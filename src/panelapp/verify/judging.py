"""Whether a quoted figure is the one the data gives, and if not, the likely slip.

The data's figure is the engine's, written at the precision the report
uses (half up, as :mod:`panelapp.metrics.format` writes every figure): a
report's "31.5%" is held to one decimal, its "32%" to none. When they
differ, the usual ways a hand-copied figure goes wrong are tried in turn
(rounded the wrong way, last period's figure, numerator and base swapped,
a share of another base, points for per cent, the other side of a share)
so the clerk sees not just that it is wrong but what probably happened.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import Literal

from panelapp.config import Period
from panelapp.metrics import format as fmt
from panelapp.metrics.narrative import compared_change
from panelapp.metrics.results import Figure
from panelapp.verify.phrases import Quote
from panelapp.verify.targets import Target

Verdict = Literal["agrees", "disagrees", "cannot_tell"]
"""What the check says of one quoted figure."""

_FRACTIONS = [100.0 * top / bottom for bottom in (2, 3, 4, 5, 10) for top in range(1, bottom)]
"""The fractions a report writes in words: halves, thirds, quarters, fifths, tenths."""
_ABOUT_COUNT = 0.05
"""'Around 2,000' agrees with a count within 5% of it."""
_ABOUT_POINTS = 2.5
"""'About 30%' agrees with a percentage within 2.5 points of it."""


@dataclass(frozen=True)
class Judgement:
    """The verdict on one quoted figure, with the data's own figure."""

    verdict: Verdict
    value: float | None = None
    """The engine's figure the quote was held to (a fraction for a percentage)."""
    numerator: int | None = None
    denominator: int | None = None
    shown: str = ""
    """The data's figure written as the report writes it: '32%', '425', '20% lower'."""
    reason: str = ""
    slip: str = ""
    """The likely kind of slip, when the figures disagree: 'rounded down (…)'."""


@dataclass(frozen=True)
class Periods:
    """The item's periods, to tell which one a year in the report names."""

    current: Period
    previous: Period | None

    def which(self, mention: str) -> Literal["current", "previous", "other", ""]:
        """'current', 'previous', 'other' (a period the pack has no figures for) or ''."""
        low = mention.lower()
        if low.startswith("this"):
            return "current"
        if not low[:1].isdigit():
            return "previous" if self.previous is not None else "other"
        first, _, rest = low.replace("–", "/").replace("-", "/").partition("/")
        start = int(first)
        end = start if not rest else int(rest if len(rest) == 4 else first[:2] + rest)
        named = [
            name
            for name, period in (("current", self.current), ("previous", self.previous))
            if period is not None and _names(period, start, end)
        ]
        if len(named) == 1:
            return "current" if named[0] == "current" else "previous"
        return "" if named else "other"


def _names(period: Period, start: int, end: int) -> bool:
    if start != end:
        return (period.start.year, period.end.year) == (start, end)
    return period.start.year <= start <= period.end.year


def judge(quote: Quote, target: Target, periods: Periods) -> Judgement:
    """The verdict on ``quote`` as a figure of ``target``."""
    if not target.available:
        return Judgement("cannot_tell", reason=f"{target.title}: {target.reason}")
    if quote.kind == "top" or quote.role == "matching":
        return _top(quote, target)
    if quote.kind in ("relative", "points"):
        return _change(quote, target, periods)
    which = periods.which(quote.periods[0]) if quote.periods else ""
    if which == "other":
        return Judgement("cannot_tell", reason=_other_period(quote, periods))
    figure = target.current
    label = periods.current.name
    if which == "previous" or quote.role == "previous":
        if target.previous is None or periods.previous is None:
            return Judgement("cannot_tell", reason=_no_earlier(target))
        figure, label = target.previous, periods.previous.name
    return _value(quote, target, figure, label, periods)


def _other_period(quote: Quote, periods: Periods) -> str:
    said = next(p for p in quote.periods if periods.which(p) == "other")
    has = periods.current.name
    if periods.previous is not None:
        has += f" and {periods.previous.name}"
    return f"the report speaks of {said}; the pack has figures for {has}"


def _value(quote: Quote, target: Target, figure: Figure, label: str, periods: Periods) -> Judgement:
    """A share, a count, a duration, or a count behind a share."""
    counts = {"numerator": figure.numerator, "denominator": figure.denominator}
    if figure.suppressed:
        return Judgement("cannot_tell", reason=f"{target.title} is suppressed")
    if quote.kind == "count":
        role = quote.role if quote.role in counts else "value"
        if role == "value" and target.unit != "count":
            role = "numerator"
        data = counts.get(role, figure.value)
        if data is None:
            return Judgement(
                "cannot_tell", reason=f"the data gives no such count for {target.title}"
            )
        shown = fmt.count(data)
        base = _judgement(figure, data, shown)
        if _agrees(quote, float(data), 0):
            return base.agrees(f"{target.title}, {label}: {_described(figure, target)}")
        slip = _count_slip(quote, role, target, figure)
        return base.disagrees(quote, label, slip)
    if figure.value is None:
        return Judgement("cannot_tell", reason=f"the data has no figure for {target.title}")
    if quote.kind == "hours":
        exact = figure.value
        shown = f"{fmt.round_half_up(exact, quote.decimals)} hours"
    else:
        exact = figure.value * 100
        shown = fmt.percent(figure.value, quote.decimals)
    base = _judgement(figure, figure.value, shown)
    if quote.kind == "fraction":
        nearest = min(_FRACTIONS, key=lambda f: abs(f - exact))
        if _qualified(quote, exact) if quote.qualifier else abs(nearest - quote.number) < 1e-6:
            return base.agrees(f"{target.title}, {label}: {_described(figure, target)}")
        return base.disagrees(quote, label, "")
    if _agrees(quote, exact, quote.decimals):
        return base.agrees(f"{target.title}, {label}: {_described(figure, target)}")
    slip = _rounding(quote, exact) or _previous(quote, target, label, periods)
    if not slip and quote.kind == "percent":
        slip = _share_slip(quote, figure, target)
    return base.disagrees(quote, label, slip)


def _judgement(figure: Figure, value: float, shown: str) -> _Pending:
    return _Pending(value, figure.numerator, figure.denominator, shown)


@dataclass(frozen=True)
class _Pending:
    """The data's side of a judgement, waiting for the verdict."""

    value: float
    numerator: int | None
    denominator: int | None
    shown: str

    def agrees(self, reason: str) -> Judgement:
        return Judgement("agrees", self.value, self.numerator, self.denominator, self.shown, reason)

    def disagrees(self, quote: Quote, label: str, slip: str) -> Judgement:
        said = f"the data gives {self.shown}"
        if self.numerator is not None and self.denominator is not None:
            said += f" ({fmt.counts(self.numerator, self.denominator)})"
        said += f" for {label}"
        reason = f"{said}: {slip}" if slip else said
        return Judgement(
            "disagrees", self.value, self.numerator, self.denominator, self.shown, reason, slip
        )


def _described(figure: Figure, target: Target) -> str:
    if target.unit == "percent":
        return fmt.with_counts(figure, "percent", 1)
    if target.unit == "hours":
        return fmt.hours(figure.value)
    return fmt.count(figure.value)


def _rounded(value: float, decimals: int) -> Decimal:
    return fmt.round_half_up(value, decimals)


def _agrees(quote: Quote, exact: float, decimals: int) -> bool:
    if quote.qualifier:
        return _qualified(quote, exact)
    return _rounded(exact, decimals) == Decimal(repr(quote.number)).quantize(_quantum(decimals))


def _quantum(decimals: int) -> Decimal:
    return Decimal(1).scaleb(-decimals)


def _qualified(quote: Quote, exact: float) -> bool:
    """'more than 40%', 'nearly half', 'around 2,000': a range rather than a figure."""
    said = quote.number
    if quote.qualifier == "over":
        return exact > said
    if quote.qualifier == "at_least":
        return exact >= said
    if quote.qualifier == "under":
        return exact < said
    slack = _ABOUT_COUNT * said if quote.kind == "count" else _ABOUT_POINTS
    if quote.qualifier == "nearly":
        return said - slack <= exact < said
    return abs(exact - said) <= slack


def _rounding(quote: Quote, exact: float) -> str:
    """'rounded down' when the figure is the data's cut short rather than rounded."""
    quantum = _quantum(quote.decimals)
    said = Decimal(repr(quote.number)).quantize(quantum)
    precise = fmt.round_half_up(exact, quote.decimals + 1)
    if precise == _rounded(exact, quote.decimals):  # 92.98% shown as 93.0% says nothing
        precise = fmt.round_half_up(exact, quote.decimals + 2)
    unit = "%" if quote.kind == "percent" else " hours"
    if Decimal(repr(exact)).quantize(quantum, rounding=ROUND_FLOOR) == said:
        right = _rounded(exact, quote.decimals)
        return f"rounded down ({precise}{unit} is {right}{unit} at this precision)"
    if Decimal(repr(exact)).quantize(quantum, rounding=ROUND_CEILING) == said:
        right = _rounded(exact, quote.decimals)
        return f"rounded up ({precise}{unit} is {right}{unit} at this precision)"
    return ""


def _previous(quote: Quote, target: Target, label: str, periods: Periods) -> str:
    """'the previous period's figure' when the quote is last period's value."""
    before = target.previous
    if before is None or before.value is None or periods.previous is None:
        return ""
    if label == periods.previous.name:
        return ""
    exact = before.value * 100 if target.unit == "percent" else before.value
    if quote.kind == "count" and target.unit == "percent":
        return ""
    if _rounded(exact, quote.decimals) == Decimal(repr(quote.number)).quantize(
        _quantum(quote.decimals)
    ):
        return f"the previous period's figure ({periods.previous.name})"
    return ""


def _count_slip(quote: Quote, role: str, target: Target, figure: Figure) -> str:
    said = quote.number
    if role == "numerator" and figure.denominator == said:
        return "numerator and base swapped"
    if role == "denominator" and figure.numerator == said:
        return "numerator and base swapped"
    before = target.previous
    if before is not None:
        earlier = {"numerator": before.numerator, "denominator": before.denominator}.get(
            role, before.value
        )
        if earlier is not None and float(earlier) == said:
            return "the previous period's figure"
    return ""


def _share_slip(quote: Quote, figure: Figure, target: Target) -> str:
    """A share worked out on the wrong base, or upside down, or of those not counted."""
    said = Decimal(repr(quote.number)).quantize(_quantum(quote.decimals))

    def gives(value: float) -> bool:
        return _rounded(value * 100, quote.decimals) == said

    top, bottom = figure.numerator, figure.denominator
    if top and bottom and gives(bottom / top):
        return "numerator and base swapped"
    if top:
        for label, base in target.bases:
            if base and gives(top / base):
                return f"a share of the wrong base ({fmt.count(top)} of {fmt.count(base)}, {label})"
    if figure.value is not None and gives(1 - figure.value):
        return "the share of those not counted (the other side of the share)"
    return ""


def _top(quote: Quote, target: Target) -> Judgement:
    """'the top twenty', and 'all 20 of them' were in care: the KPI's n and its matching count."""
    kpi = target.kpi
    assert kpi is not None
    if quote.role == "matching":
        data, shown = kpi.matching, fmt.count(kpi.matching)
        about = f"{target.title}: {shown} of the top {kpi.n}"
    else:
        data, shown = kpi.n, fmt.in_words(kpi.n)
        about = f"{target.title}: the top {shown}"
    if data is not None and int(quote.number) == data:
        return Judgement("agrees", float(data), shown=shown, reason=about)
    slip = f"the pack's figure is {shown}"
    return Judgement(
        "disagrees",
        None if data is None else float(data),
        shown=shown,
        reason=f"the data gives {about.split(': ', 1)[1]}",
        slip=slip,
    )


def _change(quote: Quote, target: Target, periods: Periods) -> Judgement:
    """'a 20% reduction', '23% lower than for 2020', '3 percentage points higher'.

    A relative change is held to the change the minute itself would quote
    (:func:`compared_change`: the count behind a share, else the value);
    for a percentage, a relative change of the share itself is also right.
    """
    kpi = target.kpi
    assert kpi is not None
    if "other" in {periods.which(p) for p in quote.periods}:
        return Judgement("cannot_tell", reason=_other_period(quote, periods))
    compared, in_points = compared_change(kpi)
    if periods.previous is None or kpi.change is None or compared is None:
        return Judgement("cannot_tell", reason=_no_earlier(target))
    versus = f"{periods.current.name} against {periods.previous.name}"
    said = Decimal(repr(quote.number)).quantize(_quantum(quote.decimals))
    points = abs(kpi.change.absolute) * 100
    relatives = [c.relative for c in (compared, kpi.change) if c.relative is not None]
    if quote.kind == "points" or (in_points and not relatives):
        change, size, unit, data = kpi.change, points, " percentage points", kpi.change.absolute
    elif relatives:
        change = compared if compared.relative is not None else kpi.change
        data = change.relative or 0.0
        size, unit = abs(data) * 100, "%"
        for other in (compared, kpi.change):
            if other.relative is not None and _size_agrees(quote, abs(other.relative) * 100):
                change, data, size = other, other.relative, abs(other.relative) * 100
                break
    else:
        return Judgement(
            "cannot_tell", reason=f"{target.title} was none in {periods.previous.name}"
        )
    word = {"down": "lower", "up": "higher", "same": "the same"}[change.direction]
    shown = f"{_rounded(size, quote.decimals)}{unit} {word}".replace("percentage points", "pts")
    right_way = not quote.direction or quote.direction == change.direction
    if _size_agrees(quote, size) and right_way:
        return Judgement("agrees", data, shown=shown, reason=f"{target.title}: {shown}, {versus}")
    slip = ""
    if _size_agrees(quote, size):
        slip = f"the wrong direction: the data went {change.direction}"
    elif _confused(quote, points, relatives):
        slip = "percentage points and per cent confused"
    elif quote.kind == "relative" and change.relative:
        current = change.absolute / change.relative + change.absolute
        if current and _rounded(abs(change.absolute / current) * 100, quote.decimals) == said:
            slip = f"a share of the wrong base (the change over {periods.current.name}'s figure)"
    reason = f"the data gives {shown}, {versus}" + (f": {slip}" if slip else "")
    return Judgement("disagrees", data, shown=shown, reason=reason, slip=slip)


def _size_agrees(quote: Quote, size: float) -> bool:
    if quote.qualifier:
        return _qualified(quote, size)
    return _rounded(size, quote.decimals) == Decimal(repr(quote.number)).quantize(
        _quantum(quote.decimals)
    )


def _confused(quote: Quote, points: float, relatives: list[float]) -> bool:
    """Whether a change in per cent is the points, or one in points the per cent."""
    said = Decimal(repr(quote.number)).quantize(_quantum(quote.decimals))
    if quote.kind == "relative":
        return _rounded(points, quote.decimals) == said
    return any(_rounded(abs(r) * 100, quote.decimals) == said for r in relatives)


def _no_earlier(target: Target) -> str:
    return f"the pack has no earlier figure for {target.title}"
