"""Drill-down dimensions: the ways a theme's cohort of children can be broken down.

Each dimension puts every child of a cohort into one category, in a fixed
natural order, so tables read the same way at every meeting. This module
only names them (reading a pack checks dimension names, and disclosure
control reads their columns); :mod:`~panelapp.metrics.cohort` computes them,
with numpy, which the first screen of a cached pack never waits for.
"""

from __future__ import annotations

from panelapp.vocabulary import (  # noqa: F401 - where the engine has always found them
    DIMENSIONS,
    ETHNIC_GROUPS,
    NOT_KNOWN,
    Dimension,
)
