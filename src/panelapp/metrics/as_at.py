"""Which dates each placement figure reads: the day it is counted on, and the window behind it.

The DfE's placement measures are counted on a day (children looked after
on 31 March) over a window before it (three or more placements during the
year; looked after for two and a half years). A trend's month is counted
on its last day, over a window as long as the period, so the last month
of the year is the year's own figure. Coverage (which dates must have
data), disclosure control (which counts are the same) and the measures
all ask here, so they cannot disagree; plain dates, no pandas, since
disclosure control runs on cached figures.
"""

from __future__ import annotations

import calendar
import datetime as dt

from panelapp.config import Period

Span = tuple[dt.date, dt.date]

CARE_MONTHS = 30
"""The long-term stability measure's children have been looked after for two and a half years."""

CARER_MONTHS = 24
"""… and have lived with the same carer for at least two years."""

LONG_TERM_AGE = 16
"""… and are under 16 on the day."""

SHORT_TERM_PLACEMENTS = 3
"""The short-term stability measure counts children with three or more placements."""


def months_back(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` months earlier, the last of that month when it is shorter
    (31 March 2024, 30 months back: 30 September 2021)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def day_of(period: Period, month: dt.date | None) -> dt.date:
    """The day a figure is counted on: the period's last, or its month's last within it."""
    if month is None:
        return period.end
    return min(month.replace(day=calendar.monthrange(month.year, month.month)[1]), period.end)


def rolling(period: Period, day: dt.date) -> Span:
    """The window as long as the period that ends on ``day``: the twelve months to 30 April
    for a year of whole months (from 1 May), else as many days."""
    months = _whole_months(period)
    if months:
        first = dt.date(day.year, day.month, 1)
        return (months_back(first, months - 1), day)
    return (day - (period.end - period.start), day)


def _whole_months(period: Period) -> int:
    """How many calendar months the period is, when it is whole months; 0 when it is not."""
    start, end = period.start, period.end
    if start.day != 1 or end.day != calendar.monthrange(end.year, end.month)[1]:
        return 0
    return (end.year - start.year) * 12 + end.month - start.month + 1


def window(measure: str, period: Period, month: dt.date | None) -> Span:
    """The dates a figure's records are cut to: the period or its month, or, for the
    short-term measure's months, the rolling window ending on the month's last day."""
    day = day_of(period, month)
    if month is None:
        return (period.start, period.end)
    if measure == "short_term_stability":
        return rolling(period, day)
    return (max(month, period.start), day)


def needs(measure: str, period: Period, month: dt.date | None) -> tuple[Span, ...]:
    """The dates that must have data for the figure to be given (see
    :data:`panelapp.metrics.coverage.Needs`): the day it is counted on, and for a
    measure over a window or a history, the window's first day too."""
    day = day_of(period, month)
    if measure == "looked_after":
        return ((day, day),)
    if measure == "short_term_stability":
        first = window(measure, period, month)[0]
        return ((first, first), (day, day))
    if measure == "long_term_stability":
        first = months_back(day, CARE_MONTHS)
        return ((first, first), (day, day))
    return (window(measure, period, month),)
