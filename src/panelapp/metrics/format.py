"""How figures are written: on screen, in `check` and in the minutes alike.

One set of functions, so '32%' on the projector is '32%' in the minute.
Rounding is half-up, as a reader rounds, not Python's half-to-even.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from panelapp.metrics.results import Change, Figure

NOT_AVAILABLE = "n/a"
"""Shown where a figure cannot be computed from the data."""

_SMALL_NUMBERS = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty",
]  # fmt: skip
_TENS = {30: "thirty", 40: "forty", 50: "fifty", 100: "hundred"}


def one_line(text: str, limit: int) -> str:
    """``text`` as one line of at most ``limit`` characters: whitespace collapsed, a long one
    cut with '…'.

    Only the start of a long text is looked at, so a title of megabytes
    costs no more than one of a line.
    """
    flat = " ".join(text[: limit * 4].split())
    if len(flat) <= limit and len(text) <= limit * 4:
        return flat
    return flat[: limit - 1].rstrip() + "…"


def round_half_up(value: float, decimals: int = 0) -> Decimal:
    """Round as a reader expects (0.5 -> 1), avoiding binary float surprises."""
    quantum = Decimal(1).scaleb(-decimals)
    return Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP)


def percent(fraction: float | None, decimals: int = 0) -> str:
    """0.3153 -> '32%'."""
    if fraction is None:
        return NOT_AVAILABLE
    return f"{round_half_up(fraction * 100, decimals)}%"


def count(value: float | int | None) -> str:
    """425 -> '425', 2050 -> '2,050'."""
    if value is None:
        return NOT_AVAILABLE
    return f"{int(round(value)):,}"


def counted(value: float | int | None, symbol: str = "[c]") -> str:
    """A count of a figure under disclosure control: the symbol where it was hidden.

    A hidden share keeps its base where the base is published anyway, so
    '[c] of 100' says what is hidden and what is not.
    """
    return symbol if value is None else count(value)


def plural(number: int, noun: str) -> str:
    """1, 'finding' -> '1 finding'; 2 -> '2 findings': a count and its noun, agreeing."""
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def hours(value: float | None) -> str:
    """A duration in hours, to one decimal, the way a report states it."""
    if value is None:
        return NOT_AVAILABLE
    return f"{round_half_up(value, 1)} hours"


def long_day(day: dt.date | None) -> str:
    """'31 March 2024': a day as a minute writes it, without a leading zero; '' for no day."""
    return f"{day.day} {day:%B %Y}" if day is not None else ""


def in_words(number: int) -> str:
    """20 -> 'twenty', for 'the top twenty missing children'; digits past the table."""
    if 0 <= number < len(_SMALL_NUMBERS):
        return _SMALL_NUMBERS[number]
    return _TENS.get(number, str(number))


def figure(fig: Figure | None, unit: str, decimals: int = 0, symbol: str = "[c]") -> str:
    """A figure in its unit, or the suppression symbol, or n/a."""
    if fig is None:
        return NOT_AVAILABLE
    if fig.suppressed:
        return symbol
    if unit == "percent":
        return percent(fig.value, decimals)
    if unit == "hours":
        return hours(fig.value)
    return count(fig.value)


def headline(
    fig: Figure | None, unit: str, decimals: int = 0, symbol: str = "[c]"
) -> tuple[str, str]:
    """The figure and, for a percentage, the counts behind it: ('32%', '134 of 425')."""
    detail = share_detail(fig, symbol) if unit == "percent" else ""
    return figure(fig, unit, decimals, symbol), detail


def share_detail(fig: Figure | None, symbol: str = "[c]") -> str:
    """'105 of 425' under a share, with suppressed parts shown as the symbol."""
    if fig is None or fig.denominator is None and fig.numerator is None and not fig.suppressed:
        return ""
    return counts(fig.numerator, fig.denominator, fig.suppressed, symbol)


def counts(
    numerator: int | None, denominator: int | None, suppressed: bool = False, symbol: str = "[c]"
) -> str:
    """'134 of 425'; under disclosure control a hidden count is the symbol: '[c] of 425'."""
    if suppressed:
        return f"{counted(numerator, symbol)} of {counted(denominator, symbol)}"
    return f"{count(numerator)} of {count(denominator)}"


def with_counts(fig: Figure | None, unit: str, decimals: int = 0, symbol: str = "[c]") -> str:
    """'32% (134 of 425)': the one wording of a figure with its counts.

    The projector, ``check``, ``verify`` and the minute all write a share
    this way, so the room sees the words the minute will print.
    """
    shown, detail = headline(fig, unit, decimals, symbol)
    return f"{shown} ({detail})" if detail else shown


def share_with_counts(
    share: float | None,
    numerator: int | None,
    denominator: int | None,
    suppressed: bool = False,
    decimals: int = 0,
    symbol: str = "[c]",
) -> str:
    """'95% (95 of 100)' for a theme's highlight, in the wording of :func:`with_counts`."""
    return with_counts(
        Figure(share, numerator, denominator, suppressed), "percent", decimals, symbol
    )


def children(number: int | None, suppressed: bool = False, symbol: str = "[c]") -> str:
    """'100 children', or '[c] children' when the number is hidden."""
    return f"{symbol if suppressed else count(number)} children"


def relative(change: Change | None) -> str:
    """-0.1996 -> '20%'; the size of a relative change, always whole percent."""
    if change is None or change.relative is None:
        return NOT_AVAILABLE
    return percent(abs(change.relative), 0)


def signed(change: Change | None, unit: str, decimals: int = 0) -> str:
    """The absolute change with a sign: '-106', '+3 pts'."""
    if change is None:
        return NOT_AVAILABLE
    sign = "+" if change.absolute > 0 else "−" if change.absolute < 0 else "±"
    size = abs(change.absolute)
    if unit == "percent":
        points = round_half_up(size * 100, decimals)
        return f"{sign}{points} {'pt' if points == 1 else 'pts'}"
    if unit == "hours":
        return f"{sign}{round_half_up(size, 1)} h"
    return f"{sign}{count(size)}"


def change_words(change: Change | None, previous_label: str, unit: str = "count") -> str:
    """'down 20% on 2020', the words that carry direction without colour.

    Percentages move in points ('down 4 pts on 2020'): a relative change of
    a percentage reads as a different, misleading number.
    """
    if change is None:
        return f"no comparison with {previous_label}" if previous_label else "no comparison"
    if change.direction == "same":
        return f"no change on {previous_label}"
    if unit == "percent":
        return f"{change.direction} {signed(change, unit).lstrip('+−')} on {previous_label}"
    if change.relative is None:
        return f"{change.direction} from none in {previous_label}"
    return f"{change.direction} {relative(change)} on {previous_label}"


ARROWS = {"up": "▲", "down": "▼", "same": "▶"}
"""Arrow shapes that carry direction for colour-blind viewers and greyscale projectors."""
