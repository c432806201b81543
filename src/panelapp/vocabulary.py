"""The words a pack may use: columns, derived columns, measures, operators, dimensions,
codes and sentence placeholders.

config.py checks a pack against these lists and the engine computes with
them, so both import them from here, and each is written once. Plain
Python with no pandas: reading a pack, and showing cached figures, never
waits for the data libraries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# ---------------------------------------------------------------------------
# Columns

FLAG_COLUMNS: tuple[str, ...] = (
    "LOOKED_AFTER",
    "UASC",
    "CCE",
    "CSE",
    "MACE",
    "RHI_OFFERED",
    "RHI_COMPLETED",
)
"""Yes/no fields; local systems spell them every way Excel allows."""

CANONICAL_COLUMNS: tuple[str, ...] = (
    "CHILD",
    "DOB",
    "SEX",
    "ETHNIC",
    "MISSING",
    "MIS_START",
    "MIS_END",
    *FLAG_COLUMNS,
)
"""Column names the engine understands, after a pack's mapping: the SSDA903
Missing table plus the local fields councils keep."""

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


DERIVED_COLUMNS: tuple[str, ...] = tuple(DERIVED_FROM)
"""Columns the loader adds to every record so filters can use them too."""

# ---------------------------------------------------------------------------
# What a KPI computes, and how a filter compares

OPERATORS: tuple[str, ...] = (
    "eq",
    "ne",
    "in",
    "not_in",
    "is_true",
    "is_false",
    "is_blank",
    "not_blank",
    "gt",
    "ge",
    "lt",
    "le",
    "startswith",
    "not_startswith",
)
"""Comparison operators a filter leaf may use; a closed list, never code."""

MEASURES: tuple[str, ...] = (
    "distinct_count",
    "record_count",
    "share",
    "rate",
    "top_n_share",
    "median_duration",
    "external",
)
"""How a KPI is computed; see docs/config.md for each."""


# ---------------------------------------------------------------------------
# Drill-down dimensions


@dataclass(frozen=True)
class Dimension:
    """A named way of putting each child of a cohort into one category."""

    title: str
    categories: tuple[str, ...]
    """Every category in display order, shown even when empty so tables compare."""
    columns: tuple[str, ...]
    """The canonical columns it needs; absent ones make it not available."""


NOT_KNOWN = "Not known"

ETHNIC_GROUPS = ("White", "Mixed", "Asian", "Black", "Other", NOT_KNOWN)
"""The broad groups publications use, in their order; the loader files each code under one."""

DIMENSIONS: dict[str, Dimension] = {
    "age_band": Dimension(
        "Age at first episode",
        ("Under 13", "13–14", "15–16", "17 and over", NOT_KNOWN),
        ("DOB",),
    ),
    "sex": Dimension("Sex", ("Male", "Female", NOT_KNOWN), ("SEX",)),
    "ethnic_group": Dimension(
        "Ethnic group",
        ETHNIC_GROUPS,
        ("ETHNIC",),
    ),
    "looked_after": Dimension(
        "Looked after",
        ("Looked after", "Not looked after"),
        ("LOOKED_AFTER",),
    ),
    "uasc": Dimension(
        "Unaccompanied asylum-seeking",
        ("UASC", "Not UASC"),
        ("UASC",),
    ),
    "exploitation": Dimension(
        "Exploitation concerns",
        ("Criminal only", "Sexual only", "Criminal and sexual", "Neither recorded"),
        ("CCE", "CSE"),
    ),
    "missing_type": Dimension(
        "Missing or away",
        ("Missing only", "Away only", "Both", NOT_KNOWN),
        ("MISSING",),
    ),
    "episodes": Dimension(
        "Episodes in the period",
        ("1–2", "3–5", "6–9", "10–19", "20–29", "30 or more"),
        (),
    ),
}
"""Every dimension a pack's breakdowns may name."""

# ---------------------------------------------------------------------------
# Sentence placeholders

KPI_PLACEHOLDERS = (
    "value",
    "numerator",
    "denominator",
    "previous",
    "period",
    "previous_period",
    "change",
    "comparison",
    "subject",
    "title",
    "n",
    "n_words",
    "matching",
)
"""What a KPI narrative template may use; see docs/config.md."""

HIGHLIGHT_PLACEHOLDERS = ("percent", "count", "base", "label")
"""What a theme highlight's sentence may use."""
THEME_PLACEHOLDERS = ("title", "cohort", "highlights", "period")
"""What a theme's sentence may use; ``{highlights}`` joins its highlights' sentences."""

CITED = "kpi"
"""``{kpi.rhi_completed_rate.value}``: a placeholder of another KPI of the same item."""

PLACEHOLDER = re.compile(r"\{(\w+(?:\.\w+)*)\}")
"""``{name}`` or ``{kpi.ID.name}`` in a sentence: a name, never an expression."""


def placeholders(template: str) -> set[str]:
    """The names a template uses, for validating a pack before the meeting."""
    return set(PLACEHOLDER.findall(template))


def cited(name: str) -> tuple[str, str] | None:
    """('rhi_completed_rate', 'value') for ``kpi.rhi_completed_rate.value``; None for a plain
    name. A malformed citation ('kpi.x') gives ('x', '') so validation can say what is missing."""
    parts = name.split(".")
    if len(parts) == 1 or parts[0] != CITED:
        return None
    return parts[1] if len(parts) > 1 else "", ".".join(parts[2:])
