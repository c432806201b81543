"""The children an item's data names, read from its files for the clerk's capture and the minute.

Only the CHILD and DOB values are kept, as a set to check typed text
against (:mod:`panelapp.minutes.identifiers`). They are personal data, so
they are never written anywhere: not to the figures cache (which must hold
no child's id or date of birth), not to the journal, not to a screen. The
files are read again each time, off the UI thread, as ``panelapp check``
reads them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable

from panelapp.config import Item, Pack
from panelapp.metrics.results import ItemFigures
from panelapp.minutes.identifiers import SHORTEST_CHILD, Identifiers, dates_in


def read_identifiers(pack: Pack, item: Item, figures: ItemFigures | None = None) -> Identifiers:
    """The item's children's identifiers and dates of birth, as its data files give them.

    ``figures`` are the item's figures when known: a CHILD value that is also
    a number shown on the item (a count of 12345) is not looked for, since
    typing the figure is not naming a child. A file that cannot be read gives
    what the others hold, and says why in :attr:`Identifiers.problem`.
    """
    from panelapp.metrics.reading import DataError, read_file

    children: set[str] = set()
    births: set[dt.date] = set()
    problems = []
    for source in item.data.episodes:
        try:
            raw = read_file(pack.folder / source, item.columns)
        except (DataError, OSError) as error:
            problems.append(getattr(error, "message", str(error)))
            continue
        if "CHILD" in raw.columns:
            children.update(_distinct(raw.columns["CHILD"]))
        if "DOB" in raw.columns:
            for written in _distinct(raw.columns["DOB"]):
                births.update(day for _, _, day in dates_in(written))
    shown = {str(number) for number in figure_numbers(figures)} if figures is not None else set()
    return Identifiers(
        children=frozenset(
            child.casefold()
            for child in children
            if len(child) >= SHORTEST_CHILD and not (child.isdigit() and str(int(child)) in shown)
        ),
        births=frozenset(births),
        problem="; ".join(problems),
    )


def _distinct(values: object) -> Iterable[str]:
    """The distinct non-blank texts of a column, trimmed."""
    import pyarrow.compute as pc

    for value in pc.unique(values).to_pylist():  # type: ignore[arg-type]
        if value and value.strip():
            yield value.strip()


def figure_numbers(figures: ItemFigures) -> frozenset[int]:
    """Every whole number the item's figures hold (counts, numerators, bases, cohorts)."""
    found: set[int] = set()

    def walk(value: object) -> None:
        if isinstance(value, bool):
            return
        if isinstance(value, int):
            found.add(value)
        elif isinstance(value, float) and value.is_integer():
            found.add(int(value))
        elif isinstance(value, (tuple, list)):
            for part in value:
                walk(part)
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            for part in dataclasses.fields(value):
                walk(getattr(value, part.name))

    walk((figures.kpis, figures.themes))
    return frozenset(found)
