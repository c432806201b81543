"""What the engine's columns hold: derived columns and their sources, codes, the years read.

A figure that needs a column the file lacks is 'not available in this data'
rather than an error, so this is asked before anything is computed, and by
disclosure control on figures read from the cache; reading a pack checks
filter values against the codes and years here. So it never imports pandas.
"""

from __future__ import annotations

from collections.abc import Iterable

from panelapp.vocabulary import (  # noqa: F401 - where the engine has always found them
    DERIVED_FROM,
    ETHNIC_CODES,
    FIRST_YEAR,
    LAST_YEAR,
    MISSING_CODES,
)


def source_columns(columns: Iterable[str]) -> frozenset[str]:
    """The file columns behind a set of (possibly derived) columns."""
    return frozenset(DERIVED_FROM.get(c, c) for c in columns)
