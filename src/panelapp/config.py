"""The meeting pack: config.toml read strictly into frozen, typed objects.

A clerk or analyst edits config.toml by hand, often the evening before a
meeting. Every mistake must come back as one sentence that names the file,
the key and the fix, so the reader here is strict: unknown keys are errors
(with the nearest valid key suggested), types are checked, data files must
exist. Nothing in a config is ever evaluated as code; filters are structured
data interpreted by :mod:`panelapp.metrics.filters`.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import difflib
import re
import sys
import types
import typing
from collections.abc import Callable, Sequence
from dataclasses import MISSING, dataclass, field, fields, is_dataclass
from pathlib import Path
from typing import Any, Literal, Union

from panelapp.errors import UserError
from panelapp.filter_values import kind_of as _kind
from panelapp.filter_values import leaf_problem
from panelapp.vocabulary import (
    CANONICAL_COLUMNS,
    DERIVED_COLUMNS,
    DIMENSIONS,
    FIRST_YEAR,
    FLAG_COLUMNS,  # noqa: F401 - where the loaders have found it
    HIGHLIGHT_PLACEHOLDERS,
    KPI_PLACEHOLDERS,
    LAST_YEAR,
    MEASURES,
    OPERATORS,
    THEME_PLACEHOLDERS,
    cited,
    placeholders,
)

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

MAX_FILTER_DEPTH = 8
"""How deep all/any may nest: far past any real condition, and short of Python's recursion limit."""


class ConfigError(UserError):
    """A pack that cannot be used; ``where`` is a key path (``items[1].kpis[2].polarity``)
    or a line number, so the message points at the exact place to edit."""


# ---------------------------------------------------------------------------
# The typed pack


@dataclass(frozen=True)
class Officer:
    """An officer in attendance; minutes name officers by role, then name."""

    name: str
    role: str


@dataclass(frozen=True)
class Meeting:
    """What the front of the minutes needs, known before the meeting starts."""

    body: str
    committee: str
    date: dt.date
    venue: str = ""
    time: str = ""
    chair: str = ""
    members: tuple[str, ...] = ()
    officers: tuple[Officer, ...] = ()
    apologies: tuple[str, ...] = ()
    substitutes: tuple[str, ...] = ()
    others: tuple[str, ...] = ()
    """Others in attendance, such as young people's representatives."""

    def officer(self, name: str) -> Officer | None:
        """The officer of that name, so presenters can be given their role."""
        for officer in self.officers:
            if officer.name == name:
                return officer
        return None


@dataclass(frozen=True)
class Period:
    """An inclusive date range with the words a minute uses for it."""

    start: dt.date
    end: dt.date
    label: str = ""

    @property
    def name(self) -> str:
        """The label, or the dates when the pack gave none."""
        if self.label:
            return self.label
        return f"{self.start:%d %B %Y} – {self.end:%d %B %Y}"


@dataclass(frozen=True)
class Filter:
    """A structured condition on episode records.

    Either a leaf (``column``, ``op``, ``value``) or a combination of other
    filters (``all`` or ``any``). Kept as data so a config can never run code.
    """

    column: str = ""
    op: str = "eq"
    value: Any = None
    all: tuple[Filter, ...] = ()
    any: tuple[Filter, ...] = ()

    @property
    def columns(self) -> frozenset[str]:
        """Every column the filter reads, to say when a KPI is not available."""
        found = {self.column} if self.column else set()
        for child in (*self.all, *self.any):
            found |= child.columns
        return frozenset(found)


@dataclass(frozen=True)
class Kpi:
    """One key performance indicator, defined in config rather than code."""

    id: str
    title: str
    measure: str
    unit: Literal["count", "percent", "hours"] = "count"
    polarity: Literal["higher", "lower", "neutral"] = "lower"
    of: Literal["children", "episodes"] = "children"
    """What a share or count is of: distinct children, or episode records."""
    filter: Filter | None = None
    """Which episodes the KPI looks at at all."""
    numerator: Filter | None = None
    denominator: Filter | None = None
    n: int = 20
    """How many children a top_n_share takes."""
    matching: Filter | None = None
    """For top_n_share: a property of the top children to count, e.g. looked after."""
    indicator: str = ""
    """The indicator id in the item's pre-aggregated metrics file (external)."""
    target: float | None = None
    """In the KPI's own unit: a percentage as 0-100, a count as a count."""
    tolerance: float | None = None
    """How far off target is still amber, in the same unit as the target."""
    subject: str = ""
    """Noun phrase for narrative sentences, e.g. 'missing children'."""
    narrative: str = ""
    """Sentence template; see docs/config.md for the placeholders."""
    notes: str = ""
    """Speaker notes, shown to the presenter only and never exported."""
    quoted_as: tuple[str, ...] = ()
    """Other words a written report uses for this KPI ('Multi-Agency Child Exploitation
    protocol'), so `panelapp verify` links its figures here."""


@dataclass(frozen=True)
class Highlight:
    """A count over a theme's cohort, read out as '95% (95 of 100) …'."""

    id: str
    label: str
    filter: Filter
    episode: Literal["any", "first", "latest"] = "any"
    """Which of a child's episodes the filter is tested on."""
    base: str = ""
    """Id of another highlight whose children form the base (default: the cohort)."""
    narrative: str = ""
    quoted_as: tuple[str, ...] = ()
    """Other words a written report uses for this highlight ('Children Looked After')."""


@dataclass(frozen=True)
class Breakdown:
    """A drill-down dimension over a theme's cohort."""

    dimension: str
    title: str = ""


@dataclass(frozen=True)
class Cohort:
    """Which children a theme is about."""

    min_episodes: int = 1
    filter: Filter | None = None


@dataclass(frozen=True)
class Theme:
    """A closer look at one group of children, e.g. repeat missing children."""

    id: str
    title: str
    cohort: Cohort = field(default_factory=Cohort)
    description: str = ""
    """The cohort in words, shown above the drill-down."""
    highlights: tuple[Highlight, ...] = ()
    breakdowns: tuple[Breakdown, ...] = ()
    narrative: str = ""


@dataclass(frozen=True)
class DataSources:
    """Where an item's figures come from, relative to config.toml."""

    episodes: tuple[Path, ...] = ()
    metrics: Path | None = None
    """A tidy CSV of figures computed elsewhere, e.g. national comparators."""


@dataclass(frozen=True)
class Item:
    """An agenda item; only items with data sources have figures."""

    number: str
    title: str
    purpose: str = ""
    report: str = ""
    provides: str = ""
    """What the report provided, completing 'which provided …' in the minute."""
    presenters: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    closing: str = ""
    """A closing line for the item's minute ("The Chair thanked officers for their
    report."), set by the pack when its house style has one: never a shipped default,
    so the minute says only what the room did."""
    data: DataSources = field(default_factory=DataSources)
    period: Period | None = None
    previous_period: Period | None = None
    columns: dict[str, str] = field(default_factory=dict)
    """Canonical column name -> the name used in this item's files."""
    kpis: tuple[Kpi, ...] = ()
    themes: tuple[Theme, ...] = ()
    report_file: Path | None = None
    """The officers' written report for the item (.docx, .pdf, .md, .txt, .html), whose
    figures `panelapp verify` and the report check compare with the data."""

    @property
    def has_figures(self) -> bool:
        """Whether the presenter has KPI screens for this item."""
        return bool(self.kpis or self.themes)


@dataclass(frozen=True)
class Disclosure:
    """Statistical disclosure control for public output."""

    threshold: int = 5
    """Counts from 1 up to this are suppressed in public mode."""
    symbol: str = "[c]"
    secondary: bool = True
    """Hide other counts too, so no small one can be worked out from the rest of the item."""


@dataclass(frozen=True)
class Display:
    """How figures are shown on screen and in minutes."""

    percent_decimals: int = 0


@dataclass(frozen=True)
class MinutesSettings:
    """What the minute may say about the meeting, from what the room saw."""

    presented_after: float = 5.0
    """Seconds the room's screen must show a KPI or theme before the minute says it was
    presented: a presenter clicking past a slide on the way to another has not presented it."""


@dataclass(frozen=True)
class Pack:
    """A whole meeting pack, as read from one config.toml."""

    path: Path
    meeting: Meeting
    items: tuple[Item, ...]
    disclosure: Disclosure = field(default_factory=Disclosure)
    display: Display = field(default_factory=Display)
    minutes: MinutesSettings = field(default_factory=MinutesSettings)
    templates: Path | None = None
    """Folder of minutes templates overriding the packaged house style."""

    @property
    def folder(self) -> Path:
        """Where relative paths in the pack are resolved from."""
        return self.path.parent

    def item(self, number: str) -> Item:
        """The agenda item with that number."""
        for item in self.items:
            if item.number == str(number):
                return item
        raise KeyError(number)


# ---------------------------------------------------------------------------
# Reading


def load_pack(path: Path | str, *, check_files: bool = True) -> Pack:
    """Read and validate a pack; ``path`` is a config.toml or a folder holding one.

    Raises :class:`ConfigError` with a message fit to show a user.
    """
    path = resolve_pack_path(path)
    try:
        raw_bytes = path.read_bytes()
    except OSError as exc:
        raise ConfigError(path, "", f"cannot be read ({exc.strerror})", "Check the path.") from None
    try:
        text = raw_bytes.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError(
            path, "", "is not UTF-8 text", "Save it as UTF-8 (a TOML file must be)."
        ) from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, _toml_place(str(exc)), _toml_problem(str(exc)), _TOML_FIX) from None
    except RecursionError:
        raise ConfigError(
            path,
            _deepest_line(text),
            "tables or lists are nested too deeply to read",
            f"Nest filters at most {MAX_FILTER_DEPTH} levels of all/any deep.",
        ) from None
    reader = _Reader(path)
    pack = reader.pack(raw)
    _check_references(pack)
    if check_files:
        _check_files(pack)
    return pack


def resolve_pack_path(path: Path | str) -> Path:
    """A folder means the config.toml inside it."""
    path = Path(path)
    try:
        if path.is_dir():
            path = path / "config.toml"
        if not path.exists():
            raise ConfigError(
                path, "", "does not exist", "Give a config.toml or a folder holding one."
            )
    except OSError as error:
        raise ConfigError(
            path,
            "",
            f"cannot be read ({error.strerror or error})",
            "Check the permissions of the file and the folders it is in.",
        ) from None
    return path


def default_previous(period: Period) -> Period:
    """The period before, by the rule a committee expects.

    Whole calendar months shift back by their own number of months (2021 ->
    2020, Q2 -> Q1); any other range shifts back by its length in days.
    """
    start, end = period.start, period.end
    whole_months = start.day == 1 and end.day == calendar.monthrange(end.year, end.month)[1]
    if whole_months:
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        new_start = _add_months(start, -months)
        new_end_month = _add_months(dt.date(end.year, end.month, 1), -months)
        last = calendar.monthrange(new_end_month.year, new_end_month.month)[1]
        new_end = new_end_month.replace(day=last)
    else:
        days = (end - start).days + 1
        new_start = start - dt.timedelta(days=days)
        new_end = end - dt.timedelta(days=days)
    return Period(new_start, new_end, _label_for(new_start, new_end))


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _label_for(start: dt.date, end: dt.date) -> str:
    """A label for a derived period: '2020', 'March 2021', 'January 2021 – March 2021'."""
    whole_year = (start.month, start.day, end.month, end.day) == (1, 1, 12, 31)
    if whole_year and start.year == end.year:
        return str(start.year)
    if start.day == 1 and end.day == calendar.monthrange(end.year, end.month)[1]:
        if (start.year, start.month) == (end.year, end.month):
            return f"{start:%B %Y}"
        return f"{start:%B %Y} – {end:%B %Y}"
    return f"{start:%d %B %Y} – {end:%d %B %Y}"


def _deepest_line(text: str) -> str:
    """'line 12', where the most tables and lists open: where to look for runaway nesting."""
    lines = text.splitlines() or [""]
    deepest = max(range(len(lines)), key=lambda n: lines[n].count("{") + lines[n].count("["))
    return f"line {deepest + 1}"


_PREVIOUS_FIX = "Give a shorter period, or set [items.previous_period]."

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

_TOML_FIX = "Fix the TOML syntax there (quotes around text, one key per line)."


def _toml_place(message: str) -> str:
    match = re.search(r"line (\d+), column (\d+)", message)
    return f"line {match.group(1)}, column {match.group(2)}" if match else ""


def _toml_problem(message: str) -> str:
    problem = re.sub(r"\s*\(at .*\)$", "", message).strip() or "invalid TOML"
    return f"TOML syntax error: {problem[0].lower()}{problem[1:]}"


class _Reader:
    """Turns parsed TOML into the dataclasses above, key by key.

    One generic walk driven by each dataclass's type hints, so adding a key
    to the pack is adding a field, and every key gets the same checks.
    """

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, where: str, problem: str, fix: str = "") -> typing.NoReturn:
        raise ConfigError(self.path, where, problem, fix)

    def pack(self, raw: dict[str, Any]) -> Pack:
        raw = dict(raw)
        if "meeting" not in raw:
            self.fail(
                "meeting",
                "the [meeting] table is missing",
                "Add [meeting] with body, committee and date.",
            )
        # Accept [[item]] as well as [[items]]? No: one spelling, suggested if wrong.
        built = self.build(Pack, {**raw, "path": None}, "", skip={"path"})
        return _replace(built, path=self.path)

    def build(self, cls: type, raw: Any, where: str, skip: set[str] = frozenset()) -> Any:  # type: ignore[assignment]
        if not isinstance(raw, dict):
            self.fail(where or "top level", f"should be a table, not {_kind(raw)}")
        hints = typing.get_type_hints(cls)
        known = {f.name for f in fields(cls)} - set(skip)
        for key in raw:
            if key in skip:
                continue
            if key not in known:
                fix = suggest(key, sorted(known), f"Valid keys here: {', '.join(sorted(known))}.")
                self.fail(_join(where, key), f"unknown key '{key}'", fix)
        values: dict[str, Any] = {}
        for f in fields(cls):
            if f.name in skip:
                values[f.name] = None
                continue
            key_where = _join(where, f.name)
            if f.name in raw:
                values[f.name] = self.convert(hints[f.name], raw[f.name], key_where)
            elif f.default is MISSING and f.default_factory is MISSING:
                self.fail(key_where, f"the key '{f.name}' is required", f"Add {f.name} = … here.")
        return cls(**values)

    def convert(self, hint: Any, value: Any, where: str) -> Any:
        origin = typing.get_origin(hint)
        args = typing.get_args(hint)
        if origin in (Union, types.UnionType):
            inner = [a for a in args if a is not type(None)]
            return self.convert(inner[0], value, where)
        if origin is Literal:
            if value not in args:
                choices = ", ".join(repr(a) for a in args)
                fix = suggest(str(value), [str(a) for a in args], f"Use one of {choices}.")
                self.fail(where, f"{value!r} is not allowed", fix)
            return value
        if origin is tuple:
            if not isinstance(value, list):
                self.fail(where, f"should be a list, not {_kind(value)}", "Write it as [ … ].")
            return tuple(self.convert(args[0], v, f"{where}[{i + 1}]") for i, v in enumerate(value))
        if origin is dict:
            if not isinstance(value, dict):
                self.fail(where, f"should be a table, not {_kind(value)}")
            for k, v in value.items():
                if not isinstance(v, str):
                    self.fail(_join(where, k), f"should be text, not {_kind(v)}")
            return dict(value)
        if hint is Filter:
            return self.filter(value, where)
        if is_dataclass(hint):
            return self.build(hint, value, where)  # type: ignore[arg-type]
        if hint is Path:
            if not isinstance(value, str) or not value:
                self.fail(where, f"should be a file path as text, not {_kind(value)}")
            return Path(value)
        if hint is dt.date:
            if isinstance(value, dt.datetime):
                return value.date()
            if isinstance(value, dt.date):
                return value
            if isinstance(value, str) and _ISO_DATE.fullmatch(value):
                with contextlib.suppress(ValueError):  # 2021-02-30 matches but is no date
                    return dt.date.fromisoformat(value)
            self.fail(where, f"should be a date, not {value!r}", "Write it as 2021-12-31.")
        if hint is str:
            if (
                isinstance(value, (int,))
                and not isinstance(value, bool)
                and where.endswith("number")
            ):
                return str(value)
            if not isinstance(value, str):
                self.fail(where, f"should be text, not {_kind(value)}", "Put it in quotes.")
            return value
        if hint is bool:
            if not isinstance(value, bool):
                self.fail(where, f"should be true or false, not {_kind(value)}")
            return value
        if hint is int:
            if isinstance(value, bool) or not isinstance(value, int):
                self.fail(where, f"should be a whole number, not {_kind(value)}")
            return value
        if hint is float:
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                self.fail(where, f"should be a number, not {_kind(value)}")
            return float(value)
        if hint is Any:
            return value
        raise TypeError(f"unsupported config type {hint!r}")  # a programming error

    def filter(self, raw: Any, where: str, depth: int = 1) -> Filter:
        if depth > MAX_FILTER_DEPTH:
            self.fail(
                where,
                f"filters are nested more than {MAX_FILTER_DEPTH} deep",
                "Combine the conditions in fewer levels of all/any.",
            )
        if not isinstance(raw, dict):
            self.fail(
                where,
                f"a filter should be a table, not {_kind(raw)}",
                'Write { column = "…", op = "eq", value = … }.',
            )
        if "all" in raw or "any" in raw:
            extra = set(raw) - {"all", "any"}
            if extra:
                self.fail(
                    _join(where, sorted(extra)[0]), "a filter with all/any takes nothing else"
                )
            parts: dict[str, tuple[Filter, ...]] = {}
            for key in ("all", "any"):
                if key in raw:
                    if not isinstance(raw[key], list) or not raw[key]:
                        self.fail(_join(where, key), "should be a non-empty list of filters")
                    parts[key] = tuple(
                        self.filter(v, f"{_join(where, key)}[{i + 1}]", depth + 1)
                        for i, v in enumerate(raw[key])
                    )
            return Filter(all=parts.get("all", ()), any=parts.get("any", ()))
        built: Filter = self.build(Filter, raw, where, skip={"all", "any"})
        built = _replace(built, all=(), any=())
        if not built.column:
            self.fail(_join(where, "column"), "a filter needs a column", 'Add column = "…".')
        if built.column not in CANONICAL_COLUMNS + DERIVED_COLUMNS:
            fix = suggest(
                built.column,
                CANONICAL_COLUMNS + DERIVED_COLUMNS,
                "Use a canonical column name (see docs/config.md).",
            )
            self.fail(_join(where, "column"), f"unknown column '{built.column}'", fix)
        if built.op not in OPERATORS:
            fix = suggest(built.op, OPERATORS, f"Use one of {', '.join(OPERATORS)}.")
            self.fail(_join(where, "op"), f"unknown operator '{built.op}'", fix)
        problem = leaf_problem(built.column, built.op, built.value)
        if problem is not None:
            self.fail(_join(where, problem.key), problem.problem, problem.fix)
        return built


def suggest(value: str, choices: Sequence[str], otherwise: str) -> str:
    """'Did you mean …?' for the nearest valid choice, else what is allowed.

    A typo in a pack is the commonest mistake; naming the nearest key saves
    the clerk reading the documentation the evening before a meeting.
    """
    near = difflib.get_close_matches(value, list(choices), n=1)
    return f"Did you mean '{near[0]}'?" if near else otherwise


def _replace(obj: Any, **changes: Any) -> Any:
    from dataclasses import replace

    return replace(obj, **changes)


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _check_references(pack: Pack) -> None:
    """Cross-key rules a per-key walk cannot see."""
    fail = _Reader(pack.path).fail
    numbers: set[str] = set()
    officer_names = {o.name for o in pack.meeting.officers}
    for i, item in enumerate(pack.items, start=1):
        where = f"items[{i}]"
        if item.number in numbers:
            fail(
                f"{where}.number",
                f"agenda item number {item.number} is used twice",
                "Number each item once.",
            )
        numbers.add(item.number)
        for name in item.presenters:
            if name not in officer_names:
                fix = suggest(
                    name, sorted(officer_names), "Add them to [[meeting.officers]] with their role."
                )
                fail(f"{where}.presenters", f"'{name}' is not one of the meeting's officers", fix)
        for key in item.columns:
            if key not in CANONICAL_COLUMNS:
                fix = suggest(key, CANONICAL_COLUMNS, "Map canonical names (CHILD, MIS_START, …).")
                fail(f"{where}.columns.{key}", f"'{key}' is not a canonical column", fix)
        if item.has_figures:
            if item.period is None:
                fail(
                    f"{where}.period",
                    "an item with KPIs or themes needs a period",
                    "Add [items.period] with start and end.",
                )
            if not item.data.episodes and not item.data.metrics:
                fail(
                    f"{where}.data",
                    "an item with KPIs or themes needs data",
                    'Add [items.data] with episodes = ["…"].',
                )
        for period_key in ("period", "previous_period"):
            period = getattr(item, period_key)
            if period is not None and period.end < period.start:
                fail(f"{where}.{period_key}", "ends before it starts", "Swap start and end.")
            if period is not None and (problem := period_problem(period)):
                fail(f"{where}.{period_key}", problem, "Check the year.")
        derived = (
            default_previous(item.period)
            if item.period is not None and item.previous_period is None
            else None
        )
        if derived is not None and (problem := period_problem(derived)):
            fail(f"{where}.period", f"the previous period {problem}", _PREVIOUS_FIX)
        ids: set[str] = set()
        for k, kpi in enumerate(item.kpis, start=1):
            kw = f"{where}.kpis[{k}]"
            if kpi.id in ids:
                fail(
                    f"{kw}.id",
                    f"KPI id '{kpi.id}' is used twice in this item",
                    "Give each KPI its own id.",
                )
            ids.add(kpi.id)
            if kpi.measure not in MEASURES:
                fix = suggest(kpi.measure, MEASURES, f"Use one of {', '.join(MEASURES)}.")
                fail(f"{kw}.measure", f"unknown measure '{kpi.measure}'", fix)
            if kpi.measure in {"share", "rate"} and kpi.numerator is None:
                fail(
                    f"{kw}.numerator",
                    f"a {kpi.measure} needs a numerator filter",
                    "Add numerator = { column = …, op = …, value = … }.",
                )
            if kpi.measure == "external" and not kpi.indicator:
                fail(
                    f"{kw}.indicator",
                    "an external KPI needs the indicator id from the metrics file",
                    'Add indicator = "…".',
                )
            if kpi.measure == "external" and item.data.metrics is None:
                fail(
                    f"{where}.data.metrics",
                    "an external KPI needs a metrics file",
                    'Add metrics = "….csv" to [items.data].',
                )
            if kpi.n < 1:
                fail(f"{kw}.n", "should be 1 or more")
            _check_template(
                fail, f"{kw}.narrative", kpi.narrative, "KPI", tuple(k.id for k in item.kpis)
            )
            if kpi.tolerance is not None and kpi.target is None:
                fail(f"{kw}.tolerance", "a tolerance needs a target", "Add target = ….")
        for t, theme in enumerate(item.themes, start=1):
            tw = f"{where}.themes[{t}]"
            if theme.id in ids:
                fail(
                    f"{tw}.id",
                    f"id '{theme.id}' is already used in this item",
                    "Give each KPI and theme its own id.",
                )
            ids.add(theme.id)
            _check_template(fail, f"{tw}.narrative", theme.narrative, "theme")
            hids = [h.id for h in theme.highlights]
            for h, highlight in enumerate(theme.highlights, start=1):
                _check_template(
                    fail, f"{tw}.highlights[{h}].narrative", highlight.narrative, "highlight"
                )
                if highlight.base and highlight.base not in hids[: h - 1]:
                    fail(
                        f"{tw}.highlights[{h}].base",
                        f"'{highlight.base}' is not an earlier highlight of this theme",
                        "Name the id of a highlight listed above this one.",
                    )
            for b, breakdown in enumerate(theme.breakdowns, start=1):
                if breakdown.dimension not in DIMENSIONS:
                    fix = suggest(
                        breakdown.dimension,
                        sorted(DIMENSIONS),
                        f"Use one of {', '.join(sorted(DIMENSIONS))}.",
                    )
                    fail(
                        f"{tw}.breakdowns[{b}].dimension",
                        f"unknown dimension '{breakdown.dimension}'",
                        fix,
                    )
    if pack.display.percent_decimals not in range(0, 4):
        fail("display.percent_decimals", "should be 0, 1, 2 or 3")
    if pack.disclosure.threshold < 0:
        fail("disclosure.threshold", "should be 0 (no suppression) or more")
    if not 0 <= pack.minutes.presented_after <= PRESENTED_AFTER_MAX:
        fail(
            "minutes.presented_after",
            f"should be between 0 and {PRESENTED_AFTER_MAX:g} seconds",
            "5 suits most meetings: long enough to skip past a slide, short enough for any "
            "figure spoken to.",
        )


PRESENTED_AFTER_MAX = 600.0
"""Ten minutes: a longer dwell would leave figures the room talked over out of the minute."""


def _check_template(
    fail: Any, where: str, template: str, kind: str, kpis: tuple[str, ...] = ()
) -> None:
    """Placeholders are a closed list per kind; a typo is caught before the meeting.

    A KPI sentence may cite another KPI of its item (``kpis``) as
    ``{kpi.ID.name}``, with the same names as its own.
    """
    allowed = {
        "KPI": KPI_PLACEHOLDERS,
        "theme": THEME_PLACEHOLDERS,
        "highlight": HIGHLIGHT_PLACEHOLDERS,
    }[kind]
    names = placeholders(template)
    for name in sorted(names):
        citation = cited(name) if kind == "KPI" else None
        if citation is None:
            continue
        names.discard(name)
        kpi_id, field_name = citation
        if kpi_id not in kpis:
            fix = _nearest(
                kpi_id, kpis, "{kpi.%s." + field_name + "}", f"Cite one of {', '.join(kpis)}."
            )
            fail(where, f"{{{name}}} cites no KPI of this item ('{kpi_id}')", fix)
        if field_name not in allowed:
            fix = _nearest(field_name, allowed, "{kpi." + kpi_id + ".%s}", "")
            fail(where, f"unknown placeholder {{{name}}}", fix)
    every = ", ".join("{" + a + "}" for a in allowed)
    for name in sorted(names - set(allowed)):
        fix = _nearest(name, allowed, "{%s}", f"A {kind} sentence may use {every}.")
        fail(where, f"unknown placeholder {{{name}}}", fix)


def _nearest(word: str, choices: Sequence[str], shape: str, otherwise: str) -> str:
    """'Did you mean {kpi.x.value}?': the nearest choice written in ``shape`` ('%s' marks it)."""
    near = difflib.get_close_matches(word, list(choices), n=1)
    return f"Did you mean {shape % near[0]}?" if near else otherwise


def _check_files(pack: Pack) -> None:
    fail = _Reader(pack.path).fail
    for i, item in enumerate(pack.items, start=1):
        for j, source in enumerate(item.data.episodes, start=1):
            full = pack.folder / source
            where = f"items[{i}].data.episodes[{j}]"
            if not _found(fail, where, full, Path.is_file):
                fail(
                    where,
                    f"the data file '{source}' does not exist (looked for {full})",
                    "Check the path; it is relative to config.toml.",
                )
        report = item.report_file
        where = f"items[{i}].report_file"
        if report is not None and not _found(fail, where, pack.folder / report, Path.is_file):
            fail(
                where,
                f"the report '{report}' does not exist (looked for {pack.folder / report})",
                "Check the path; it is relative to config.toml.",
            )
        metrics = item.data.metrics
        where = f"items[{i}].data.metrics"
        if metrics is not None and not _found(fail, where, pack.folder / metrics, Path.is_file):
            fail(
                where,
                f"the metrics file '{metrics}' does not exist",
                "Check the path; it is relative to config.toml.",
            )
    if pack.templates is not None:
        _check_templates(fail, pack.folder, pack.templates)


def _check_templates(fail: Any, folder: Path, templates: Path) -> None:
    """A folder inside the pack's own, so a pack's templates can read nothing outside it."""
    from panelapp.paths import within

    if not within(folder / templates, folder):
        fail(
            "templates",
            f"the templates folder '{templates}' is not inside the pack's folder ({folder})",
            'Put the templates in a folder beside config.toml, e.g. templates = "house".',
        )
    if not _found(fail, "templates", folder / templates, Path.is_dir):
        fail("templates", f"the templates folder '{templates}' does not exist", "Check the path.")


def _found(
    fail: Callable[[str, str, str], typing.NoReturn],
    where: str,
    path: Path,
    test: Callable[[Path], bool],
) -> bool:
    """``test(path)``, or the key's message when a folder on the way cannot be looked into."""
    try:
        return bool(test(path))
    except OSError as error:
        fail(
            where,
            f"'{path}' cannot be read ({error.strerror or error})",
            "Check the permissions of the file and the folders it is in.",
        )


def with_overrides(pack: Pack, *, data: Path | None = None, period: Period | None = None) -> Pack:
    """The pack with every item's data or period replaced, for `check --data/--period`."""
    items = []
    for item in pack.items:
        if item.has_figures:
            if data is not None:
                item = _replace(item, data=_replace(item.data, episodes=(data.resolve(),)))
            if period is not None:
                item = _replace(item, period=period, previous_period=None)
        items.append(item)
    return _replace(pack, items=tuple(items))


def parse_period(text: str) -> Period:
    """`YYYY-MM-DD..YYYY-MM-DD` from the command line; its previous period follows by the rule."""
    try:
        start_text, end_text = text.split("..")
        start, end = dt.date.fromisoformat(start_text), dt.date.fromisoformat(end_text)
    except ValueError:
        raise ValueError(f"--period {text!r} should be YYYY-MM-DD..YYYY-MM-DD") from None
    if end < start:
        raise ValueError(f"--period {text!r} ends before it starts")
    period = Period(start, end, _label_for(start, end))
    if problem := period_problem(period):
        raise ValueError(f"--period {text!r} {problem}; check the year")
    if problem := period_problem(default_previous(period)):
        raise ValueError(f"--period {text!r}: the previous period {problem}; give a shorter period")
    return period


def period_problem(period: Period) -> str:
    """Why a period cannot be used ('falls outside 1900–2199'), or '' when it can.

    A year outside them is a typo; refused here, it never reaches date
    arithmetic that would overflow on it.
    """
    for day in (period.start, period.end):
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            return f"falls outside the years {FIRST_YEAR}–{LAST_YEAR} ({day.isoformat()})"
    return ""


def previous_of(item: Item) -> Period | None:
    """The item's previous period: as given, or by :func:`default_previous`."""
    if item.previous_period is not None:
        return item.previous_period
    if item.period is None:
        return None
    return default_previous(item.period)
