"""The columns the engine derives from a file's own, and which file column each needs.

A figure that needs a column the file lacks is 'not available in this data'
rather than an error, so this is asked before anything is computed, and by
disclosure control on figures read from the cache: it never imports pandas.
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


def source_columns(columns: Iterable[str]) -> frozenset[str]:
    """The file columns behind a set of (possibly derived) columns."""
    return frozenset(DERIVED_FROM.get(c, c) for c in columns)
