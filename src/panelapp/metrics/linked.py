"""What adds up with what: an agenda item's published counts as cells, and the sums linking them.

Disclosure control has to look at the whole public item at once: a count
hidden in a table comes back by subtraction from a KPI beside it, a hidden
month from the year's total. This module lists every count the item
publishes (and the complements anyone can work out, such as the children
*not* in care beside 'in care'), each once, and the linear relations an
analyst knows hold between them:

- a theme's cohort is the sum of each breakdown's rows;
- a share's base is its numerator plus its complement (also for
  highlights, and for a top-N's matching children out of N);
- the year is the sum of its months, for counts of episodes (a child can
  be missing in March and May, so counts of children do not add up);
- a count over the same children as a breakdown, reading the same column
  ('17 of 40 girls' beside a sex table of those 40), is the sum of the
  rows it matches;
- counts over the same children reading the same column (male, female)
  leave a remainder (the not known).

Two figures are the same cell when they count the same population: the
same unit (children or episodes), the same dates, the same conditions
from the pack's filters (and, for a theme, the same least number of
episodes). The key is made from the pack's definitions and the dates
only, never from a child's data. Figures over the same column whose bases
are the same population, *or only the same size*, are treated as linked:
a careful attacker would try it, so the rule is conservative on purpose.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from panelapp.config import Filter, Kpi, Period, Theme
from panelapp.kinds import PLACEMENT_MEASURES
from panelapp.metrics import as_at
from panelapp.metrics.as_at import SHORT_TERM_PLACEMENTS
from panelapp.metrics.columns import source_columns
from panelapp.metrics.dimensions import DIMENSIONS
from panelapp.metrics.results import Figure, ItemFigures, KpiResult, MonthPoint, ThemeResult
from panelapp.metrics.suppression import Cell, Key, Relation

TABLE, DETAIL, HEADLINE, BASE = 0, 1, 2, 3
"""Tiers, cheapest to hide first: breakdown rows and months; highlights, last period's
figures and a top-N's matching count; a KPI's headline numerator; totals and bases
(a headline count, a share's base, a cohort), which so many figures are read against."""

MOST_LINKED = 8
"""Rows, or counts over one base, beyond which subsets are not tried (a dimension has
at most 6 rows; a theme rarely more than two highlights on one column)."""

Span = tuple[dt.date, dt.date]


@dataclass(frozen=True)
class Slots:
    """The cells behind one published figure: a count's own, or a share's two."""

    value: Key | None = None
    numerator: Key | None = None
    denominator: Key | None = None

    def cells(self) -> tuple[Key, ...]:
        """Every cell the figure shows; its value is shown only when all are."""
        return tuple(k for k in (self.value, self.numerator, self.denominator) if k is not None)


@dataclass
class Model:
    """The cells and relations of one agenda item, and where each figure reads its cells."""

    cells: dict[Key, Cell] = field(default_factory=dict)
    relations: dict[frozenset[tuple[Key, int]], Relation] = field(default_factory=dict)
    """Each relation once, whatever order its cells were given in."""
    places: dict[tuple[object, ...], Slots] = field(default_factory=dict)
    """Each published figure's cells, by place: ('kpi', id, 'current'), ('theme', id, …)."""
    forced: set[Key] = field(default_factory=set)
    """Cells hidden whatever their value (a top-N's matching count when the top is everyone)."""
    tops: dict[Key, int] = field(default_factory=dict)
    """A top-N's matching count and its N: with N at or below the threshold, the top is
    itself a group small enough to identify, and the count is hidden even when zero."""


@dataclass(frozen=True)
class _Count:
    """A count that may match rows of a breakdown: its base, and the columns it reads."""

    key: Key
    value: int
    base: Key
    base_value: int | None
    columns: frozenset[str]


@dataclass(frozen=True)
class _Table:
    """A breakdown as the linking rule needs it."""

    cohort: Key
    cohort_value: int
    columns: frozenset[str]
    rows: tuple[tuple[Key, int], ...]


def build(figures: ItemFigures) -> Model:
    """Every count the item publishes, linked by every relation the method considers."""
    model = Model()
    counts: list[_Count] = []
    tables: list[_Table] = []
    kpi_specs = {k.id: k for k in figures.item.kpis}
    for kpi in figures.kpis:
        if kpi.available:
            _kpi(model, kpi, kpi_specs.get(kpi.id), counts, figures.item.records)
    theme_specs = {t.id: t for t in figures.item.themes}
    for theme in figures.themes:
        if theme.available and theme.cohort is not None:
            _theme(model, theme, theme_specs.get(theme.id), figures.period, counts, tables)
    _link(model, counts, tables)
    return model


# --- putting cells and relations in -------------------------------------------


def _cell(model: Model, key: Key, value: int, tier: int, *, published: bool = True) -> Key:
    """The cell under ``key``: one cell wherever the same count is published."""
    held = model.cells.get(key)
    if held is not None and held.value != value:
        # Two different counts under one key would be a flaw in the keys: keep both apart.
        key = ("distinct", key, value)
        held = model.cells.get(key)
    if held is None:
        model.cells[key] = Cell(value, tier, published, known=published and value == 0)
    else:
        model.cells[key] = Cell(
            value,
            max(tier, held.tier),
            held.published or published,
            known=(held.published or published) and value == 0,
        )
    return key


def _sum(model: Model, total: Key, parts: Sequence[Key]) -> None:
    """The total is the sum of the parts."""
    weights: dict[Key, int] = {total: 1}
    for part in parts:
        weights[part] = weights.get(part, 0) - 1
    relation = tuple((k, c) for k, c in weights.items() if c)
    if relation:
        model.relations.setdefault(frozenset(relation), relation)


def _share(model: Model, part: Key, base: Key) -> None:
    """A part of a base publishes its complement too: 37 of 40 is 3 not."""
    rest = model.cells[base].value - model.cells[part].value
    if rest >= 0:
        left = _cell(model, ("not", part, base), rest, TABLE, published=False)
        _sum(model, base, (part, left))


# --- population keys ----------------------------------------------------------


def conditions(*filters: Filter | None) -> tuple[str, ...]:
    """The filters' conditions, each written out, 'all of' opened up: order does not matter.

    Sorted rather than a set, so a key reads the same in every process and
    the screen, ``check`` and the minute always hide the same cells.
    """
    found: set[str] = set()
    for condition in filters:
        if condition is None:
            continue
        if condition.all and not condition.column and not condition.any:
            found.update(conditions(*condition.all))
        else:
            found.add(repr(condition))
    return tuple(sorted(found))


def population(unit: str, span: Span, conditions: tuple[str, ...], least: int = 1) -> Key:
    """Who or what a count counts: children or episodes, between two dates, meeting conditions.

    ``least`` is a theme's least number of episodes per child (1 for every
    other count of children), so a theme of every missing child is the
    same cell as the KPI counting them. Records of the day a period ends
    (episodes of care open on it) are the same whatever window they were
    cut from, so their span is that day alone: children looked after on 31
    March are one cell, as a KPI, a share's base or a theme's cohort.
    """
    if ON_THE_DAY in conditions and not any(
        f"column='{column}'" in condition for condition in conditions for column in WINDOWED
    ):
        span = (span[1], span[1])
    return ("population", unit, span, conditions, max(1, least))


AT_END = Filter(column="AT_END", op="is_true")
"""An episode of care open on the period's last day (short breaks aside)."""

ON_THE_DAY = repr(AT_END)
"""That condition as a population key writes it."""

WINDOWED = ("STARTED", "PLACEMENTS")
"""Columns of episodes of care that depend on the window they were cut from, not the day."""

THREE_PLACEMENTS = Filter(column="PLACEMENTS", op="ge", value=SHORT_TERM_PLACEMENTS)
"""The short-term stability measure's children: as a theme's filter writes them."""

STARTED = repr(Filter(column="STARTED", op="is_true"))
"""Episodes of care begun in the window: each begins in one month, so months add up."""


def _span(period: Period) -> Span:
    return (period.start, period.end)


def _months_in(period: Period) -> int:
    return (period.end.year - period.start.year) * 12 + period.end.month - period.start.month + 1


# --- KPIs ---------------------------------------------------------------------


def _kpi(model: Model, kpi: KpiResult, spec: Kpi | None, counts: list[_Count], kind: str) -> None:
    sides = (
        ("current", kpi.period, kpi.current, kpi.monthly),
        ("previous", kpi.previous_period, kpi.previous, kpi.previous_monthly),
    )
    for when, period, fig, months in sides:
        if period is None or fig is None:
            continue
        tiers = (BASE, HEADLINE, BASE) if when == "current" else (DETAIL, DETAIL, DETAIL)
        whole = _figure(model, kpi, spec, _span(period), fig, tiers)
        if whole is None:
            continue
        model.places[("kpi", kpi.id, when)] = whole
        parts = _months(model, kpi, spec, period, when, months)
        if len(parts) == _months_in(period) and len({p.month for p in months}) == len(parts):
            for slot in _adding_up(kpi, spec, kind):
                total = getattr(whole, slot)
                pieces = [getattr(p, slot) for p in parts]
                if total is not None and all(p is not None for p in pieces):
                    _sum(model, total, pieces)
        if when == "current":
            _matching(model, kpi, fig, period)
            _kpi_counts(model, kpi, spec, whole, counts)


def _months(
    model: Model,
    kpi: KpiResult,
    spec: Kpi | None,
    period: Period,
    when: str,
    months: tuple[MonthPoint, ...],
) -> list[Slots]:
    parts = []
    for point in months:
        slots = _figure(
            model,
            kpi,
            spec,
            as_at.window(kpi.measure, period, point.month),
            point.figure,
            (TABLE,) * 3,
        )
        if slots is not None:
            model.places[("kpi", kpi.id, when, point.month)] = slots
            parts.append(slots)
    return parts


def _adding_up(kpi: KpiResult, spec: Kpi | None, kind: str) -> tuple[str, ...]:
    """Which of a KPI's counts add up over months: those of episodes, never of children.

    A pre-aggregated file does not say what it counts, so its counts are
    taken to add up: that can only hide more, never less. An episode of care
    is open in several months, so only those begun in the window add up.
    """
    if kind == "episodes" and kpi.measure != "external":
        if spec is None:
            return ()
        begun = {
            "value": conditions(spec.filter),
            "numerator": conditions(spec.filter, spec.denominator, spec.numerator),
            "denominator": conditions(spec.filter, spec.denominator),
        }
        slots = _adding_up(kpi, spec, "missing")
        return tuple(slot for slot in slots if STARTED in begun[slot])
    if kpi.measure == "record_count":
        return ("value",)
    if kpi.measure in ("share", "rate") and spec is not None and spec.of == "episodes":
        return ("numerator", "denominator")
    if kpi.measure in ("top_n_share", "median_duration"):
        return ("denominator",)
    if kpi.measure == "external":
        return ("value", "numerator", "denominator")
    return ()


def _figure(
    model: Model,
    kpi: KpiResult,
    spec: Kpi | None,
    span: Span,
    fig: Figure,
    tiers: tuple[int, int, int],
) -> Slots | None:
    """The cells of one figure of a KPI over ``span``; None when it holds no count."""
    count_tier, part_tier, base_tier = tiers
    own, top, bottom = _keys(kpi, spec, span)
    shape = _shape(kpi, fig)
    if shape == "count" and fig.value is not None:
        return Slots(value=_cell(model, own, round(fig.value), count_tier))
    if shape == "base" and fig.denominator is not None:
        return Slots(denominator=_cell(model, bottom, fig.denominator, base_tier))
    if shape == "share" and fig.numerator is not None and fig.denominator is not None:
        numerator = _cell(model, top, fig.numerator, part_tier)
        denominator = _cell(model, bottom, fig.denominator, base_tier)
        _share(model, numerator, denominator)
        return Slots(numerator=numerator, denominator=denominator)
    return None


def _shape(kpi: KpiResult, fig: Figure) -> str:
    """Which counts a figure publishes: its own value, a base alone, or a share's two.

    A figure from a metrics file publishes the counts it was given: a share
    given only as a value has none, and is published as given.
    """
    if kpi.measure in ("distinct_count", "record_count", "looked_after"):
        return "count"
    if kpi.measure == "median_duration":
        return "base"
    if kpi.measure != "external" or fig.numerator is not None and fig.denominator is not None:
        return "share"
    return "count" if kpi.unit == "count" else ""


def _keys(kpi: KpiResult, spec: Kpi | None, span: Span) -> tuple[Key, Key, Key]:
    """The populations a KPI's value, numerator and denominator count over ``span``."""
    if kpi.measure == "external" or spec is None:
        # A metrics file's indicator, or a result without its definition: linked to nothing.
        name = ("external", spec.indicator or kpi.id) if spec is not None else ("kpi", kpi.id)
        return (*name, span, "value"), (*name, span, "numerator"), (*name, span, "denominator")
    kept = conditions(spec.filter)
    if kpi.measure in PLACEMENT_MEASURES:
        return _placement_keys(kpi.measure, spec, span)
    own = population("children" if kpi.measure == "distinct_count" else "episodes", span, kept)
    if kpi.measure == "top_n_share":
        return own, ("top", kpi.id, spec.n, span), population("episodes", span, kept)
    if kpi.measure == "median_duration":
        return own, own, ("durations", span, kept)
    top = population(spec.of, span, conditions(spec.filter, spec.denominator, spec.numerator))
    return own, top, population(spec.of, span, conditions(spec.filter, spec.denominator))


def _placement_keys(measure: str, spec: Kpi, span: Span) -> tuple[Key, Key, Key]:
    """The populations of a placement measure over ``span`` (its window, ending on its day).

    The children looked after on the day are the base of both stability
    measures and the count of the looked-after measure: one cell, so a figure
    hidden in one is hidden in all. The long-term measure's base is a subset
    of them the pack's filters cannot name, so it has keys of its own.
    """
    on_day = population("children", span, conditions(spec.filter, AT_END))
    if measure == "looked_after":
        return on_day, on_day, on_day
    if measure == "short_term_stability":
        moved = population("children", span, conditions(spec.filter, AT_END, THREE_PLACEMENTS))
        return moved, moved, on_day
    day = (span[1], span[1])
    settled = conditions(spec.filter, AT_END) + ("long-term: under 16, in care 2.5 years",)
    eligible = population("children", day, settled)
    stable = population("children", day, (*settled, "long-term: same carer 2 years"))
    return stable, stable, eligible


def _matching(model: Model, kpi: KpiResult, fig: Figure, period: Period) -> None:
    """'17 of them' of the top 20 leaves 3 of them: the complement is out of N."""
    if kpi.matching is None:
        return
    key = _cell(model, ("matching", kpi.id, _span(period)), kpi.matching, DETAIL)
    # Never taken as known, even at zero: 'none of the top 3' is about 3 children.
    model.cells[key] = Cell(kpi.matching, DETAIL)
    model.places[("kpi", kpi.id, "matching")] = Slots(value=key)
    model.tops[key] = kpi.n
    if fig.numerator is not None and fig.numerator == fig.denominator:
        # Every child is in the top: the complement is out of the children, not of N.
        if kpi.matching:
            model.forced.add(key)
        return
    size = ("constant", kpi.n)
    model.cells[size] = Cell(kpi.n, BASE, published=True, known=True)
    _share(model, key, size)


def _kpi_counts(
    model: Model, kpi: KpiResult, spec: Kpi | None, whole: Slots, counts: list[_Count]
) -> None:
    """A share of children may match rows of a breakdown over the same children."""
    if spec is not None and kpi.measure == "short_term_stability":
        # Children with three or more placements: rows of a placements breakdown of those
        # looked after on the day.
        if whole.numerator is not None and whole.denominator is not None:
            top, bottom = model.cells[whole.numerator], model.cells[whole.denominator]
            placed = source_columns(THREE_PLACEMENTS.columns)
            counts.append(
                _Count(whole.numerator, top.value, whole.denominator, bottom.value, placed)
            )
        return
    if spec is None or kpi.measure not in ("share", "rate") or spec.of != "children":
        return
    if whole.numerator is None or whole.denominator is None or spec.numerator is None:
        return
    top, bottom = model.cells[whole.numerator], model.cells[whole.denominator]
    columns = source_columns(spec.numerator.columns)
    counts.append(_Count(whole.numerator, top.value, whole.denominator, bottom.value, columns))
    if spec.denominator is not None:
        everyone = population("children", _span(kpi.period), conditions(spec.filter))
        counts.append(
            _Count(
                whole.denominator,
                bottom.value,
                everyone,
                None,
                source_columns(spec.denominator.columns),
            )
        )


# --- themes -------------------------------------------------------------------


def _theme(
    model: Model,
    theme: ThemeResult,
    spec: Theme | None,
    period: Period,
    counts: list[_Count],
    tables: list[_Table],
) -> None:
    assert theme.cohort is not None
    span = _span(period)
    if spec is not None:
        least = spec.cohort.min_episodes
        cohort_key = population("children", span, conditions(spec.cohort.filter), least)
    else:
        least, cohort_key = 2, ("cohort", theme.id, span)
    cohort = _cell(model, cohort_key, theme.cohort, BASE)
    model.places[("theme", theme.id, "cohort")] = Slots(value=cohort)
    specs = {h.id: h for h in spec.highlights} if spec is not None else {}
    found: dict[str, Key] = {}
    for h in theme.highlights:
        own = specs.get(h.id)
        if h.count is None or h.base is None:
            continue
        base = found.get(own.base) if own is not None and own.base else cohort
        if base is None or model.cells[base].value != h.base:
            base = _cell(model, ("base", theme.id, h.id), h.base, BASE)
        if own is None:
            key: Key = ("highlight", theme.id, h.id)
        elif base == cohort and own.episode == "any" and least <= 1 and spec is not None:
            # Children with an episode meeting both: the same cell as a KPI counting them.
            key = population("children", span, conditions(spec.cohort.filter, own.filter))
        else:
            key = ("highlight", base, repr(own.filter), own.episode)
        count = _cell(model, key, h.count, DETAIL)
        found[h.id] = count
        _share(model, count, base)
        model.places[("theme", theme.id, "highlight", h.id)] = Slots(
            numerator=count, denominator=base
        )
        if own is not None:
            columns = source_columns(own.filter.columns)
            counts.append(_Count(count, h.count, base, h.base, columns))
    for at, table in enumerate(theme.breakdowns):
        rows = []
        for number, row in enumerate(table.rows):
            if row.count is None:
                continue
            key = _cell(model, ("row", cohort, table.dimension, row.category), row.count, TABLE)
            model.places[("theme", theme.id, "row", at, number)] = Slots(value=key)
            rows.append((key, row.count))
        if len(rows) == len(table.rows):
            _sum(model, cohort, [k for k, _ in rows])
            dimension = DIMENSIONS.get(table.dimension)
            columns = source_columns(dimension.columns) if dimension is not None else frozenset()
            tables.append(_Table(cohort, theme.cohort, columns, tuple(rows)))


# --- links between figures over the same children ------------------------------


def _link(model: Model, counts: list[_Count], tables: list[_Table]) -> None:
    """Counts that match rows of a table, and counts over one base that leave a remainder."""
    unique = list({c.key: c for c in counts}.values())
    for count in unique:
        for table in tables:
            same = count.base == table.cohort or (
                count.base_value is not None and count.base_value == table.cohort_value
            )
            if same and count.columns & table.columns:
                for rows in _subsets_adding_to(table.rows, count.value):
                    _sum(model, count.key, rows)
    groups: dict[tuple[Key, frozenset[str]], list[_Count]] = {}
    for count in unique:
        if count.base_value is not None and count.columns:
            groups.setdefault((count.base, count.columns), []).append(count)
    for (base, _), members in groups.items():
        members = sorted(members, key=lambda c: repr(c.key))[:MOST_LINKED]
        for size in range(2, len(members) + 1):
            for chosen in combinations(members, size):
                rest = model.cells[base].value - sum(c.value for c in chosen)
                if rest < 0:
                    continue
                keys = tuple(c.key for c in chosen)
                left = _cell(model, ("rest", base, keys), rest, TABLE, published=False)
                _sum(model, base, (*keys, left))


def _subsets_adding_to(rows: Iterable[tuple[Key, int]], total: int) -> list[tuple[Key, ...]]:
    """Every set of non-empty rows whose counts add up to ``total`` (none for zero)."""
    nonzero = [(k, v) for k, v in rows if v][:MOST_LINKED]
    if total <= 0:
        return []
    found = []
    for size in range(1, len(nonzero) + 1):
        for chosen in combinations(nonzero, size):
            if sum(v for _, v in chosen) == total:
                found.append(tuple(k for k, _ in chosen))
    return found
