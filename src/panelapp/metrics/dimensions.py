"""Drill-down dimensions: the ways a theme's cohort of children can be broken down.

Each dimension puts every child of a cohort into one category, in a fixed
natural order, so tables read the same way at every meeting. This module
only names them (reading a pack checks dimension names, and disclosure
control reads their columns); :mod:`~panelapp.metrics.cohort` computes them,
with numpy, which the first screen of a cached pack never waits for.
"""

from __future__ import annotations

from dataclasses import dataclass


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
