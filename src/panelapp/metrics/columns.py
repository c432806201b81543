"""What the engine's columns hold: derived columns and their sources, codes, the years read.

A figure that needs a column the file lacks is 'not available in this data'
rather than an error, so this is asked before anything is computed, and by
disclosure control on figures read from the cache; reading a pack checks
filter values against the codes and years here. So it never imports pandas.
"""

from __future__ import annotations

from collections.abc import Iterable

DERIVED_FROM = {
    "AGE": "DOB",
    "DURATION_HOURS": "MIS_END",
    "ETHNIC_GROUP": "ETHNIC",
    "MONTH": "MIS_START",
}
"""Derived column -> the file column it is worked out from: without that column, it is absent."""


ETHNIC_CODES: tuple[str, ...] = (
    "WBRI",
    "WIRI",
    "WOTH",
    "WIRT",
    "WROM",
    "MWBC",
    "MWBA",
    "MWAS",
    "MOTH",
    "AIND",
    "APKN",
    "ABAN",
    "AOTH",
    "BCRB",
    "BAFR",
    "BOTH",
    "CHNE",
    "OOTH",
    "REFU",
    "NOBT",
)
"""The SSDA903 ethnicity codes, in the DfE's order."""

MISSING_CODES: tuple[str, ...] = ("M", "A")
"""M: whereabouts unknown; A: away from placement without authorisation."""

FIRST_YEAR, LAST_YEAR = 1900, 2199
"""The years a date may fall in, in the data, a filter or a period.

Earlier or later is a typo (0021 for 2021, 9999 for 'no date'): the data
reads it as no date, and a pack refuses it, before pandas' timestamps,
which stop at 2262, or the previous-period arithmetic can overflow on it.
"""


def source_columns(columns: Iterable[str]) -> frozenset[str]:
    """The file columns behind a set of (possibly derived) columns."""
    return frozenset(DERIVED_FROM.get(c, c) for c in columns)
