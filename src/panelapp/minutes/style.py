"""The house style: minutes templates, found in the pack first, then in the package.

Every word of the minute that is not a figure or something the clerk typed
comes from a template, so another council's style is a template change.
A pack's ``templates`` folder is searched before the packaged one, so a
pack may override one part (``item.md.j2``) and keep the rest.

A pack's templates are input, like its config, and nothing in a pack is
ever run as code: templates render in Jinja2's sandbox with only the
minutes model, plain values and panelapp's filters in reach, and load only
``.j2`` files inside the pack's templates folder.
"""

from __future__ import annotations

import datetime as dt
import re
import traceback
from collections.abc import Callable
from dataclasses import dataclass, fields, is_dataclass, replace
from pathlib import Path
from typing import TypeVar, cast

import jinja2
from jinja2.environment import TemplateModule
from jinja2.runtime import LoopContext
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from markdown_it import MarkdownIt

from panelapp import paths
from panelapp.config import Pack
from panelapp.errors import UserError
from panelapp.minutes.draft import (
    Action,
    Attendance,
    Declaration,
    Exchange,
    ItemMinutes,
    MinuteEntry,
    Minutes,
    Person,
    Resolution,
    Stamp,
)
from panelapp.sanitise import sanitise

MAIN_TEMPLATE = "minutes.md.j2"
"""The template a draft starts from; it includes the others by name."""

SHIPPED_PREFIX = "panelapp"
"""A pack template names a shipped one as ``panelapp/item.md.j2`` to extend it: the
shipped templates under their own names, whatever the pack's folder holds."""

_Model = TypeVar("_Model")

_ESCAPE_ANYWHERE = re.compile(r"([\\`*_<|~])")
_LINK_CLOSE = re.compile(r"\](?=[(\[:])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_BLOCK_START = re.compile(r"^(\d+)([.)])|^([#>+=-])")


class TemplateError(UserError):
    """A house-style template that cannot be used, named with its line."""


def md(text: object) -> str:
    """Text typed by a person, made safe to place anywhere in a Markdown line.

    Whitespace runs (newlines included) become one space so a clerk's
    line break cannot end a list or a table row; characters that would start
    emphasis, code, HTML, a link, a table cell or (at the start) a heading,
    quote or list are escaped, so what was typed is what is printed.
    """
    line = " ".join(str(text).split())
    line = _ESCAPE_ANYWHERE.sub(r"\\\1", line)
    line = _LINK_CLOSE.sub(r"\\]", line)
    line = _ENTITY.sub(r"\\&", line)
    return _BLOCK_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", line)


def long_date(day: dt.date) -> str:
    """'Wednesday 9 March 2022', as minutes give a meeting's date."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def markdown_parser() -> MarkdownIt:
    """The Markdown the drafts are written in: CommonMark with GFM tables and no raw HTML.

    Raw HTML is off so nothing typed can become markup in the HTML or Word
    versions; the same parser feeds both, so they always agree.
    """
    return MarkdownIt("commonmark", {"html": False}).enable("table")


def pack_templates(pack: Pack) -> Path | None:
    """The pack's own templates folder, or None when it keeps the packaged style.

    The config reader refuses a folder outside the pack's; asked again here,
    so a pack read without its files checked cannot bring one in either.
    """
    if pack.templates is None:
        return None
    folder = pack.folder / pack.templates
    if not paths.within(folder, pack.folder):
        raise TemplateError(
            pack.path,
            "templates",
            f"the templates folder '{pack.templates}' is not inside the pack's folder",
            'Put the templates in a folder beside config.toml, e.g. templates = "house".',
        )
    return folder


REACHABLE: tuple[type, ...] = (
    Minutes,
    Attendance,
    Person,
    Declaration,
    ItemMinutes,
    Exchange,
    Action,
    MinuteEntry,
    Stamp,
    Resolution,
    str,
    int,
    float,
    dt.date,
    tuple,
    list,
    dict,
    LoopContext,
    TemplateModule,
)
"""Whose attributes a template may read: the minutes model, plain values, ``loop`` and
the macros of an imported template. Anything else (a path, a module, Jinja's own
objects) has nothing a minute needs, and reading it is refused."""

REFUSED_GLOBALS: tuple[str, ...] = ("range", "dict", "lipsum", "cycler", "joiner", "namespace")
"""Jinja's default globals. No packaged template uses them, and they are a way in
(``cycler.__init__.__globals__``) or a way to stall the export (``range``)."""

MOST_REPEATED = 10_000
"""The longest text or list ``*`` may make: a rule of dashes, not a gigabyte."""


def _refused(name: str) -> jinja2.Undefined:
    """A value that fails with ``'name' is not allowed in a template`` on any use."""
    return jinja2.StrictUndefined(
        hint=f"{name!r} is not allowed in a template", name=name, exc=SecurityError
    )


class _Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's sandbox, narrowed to the minutes model (see :data:`REACHABLE`)."""

    intercepted_binops = frozenset({"**", "*"})

    def is_safe_attribute(self, obj: object, attr: str, value: object) -> bool:
        return isinstance(obj, REACHABLE) and super().is_safe_attribute(obj, attr, value)

    def getattr(self, obj: object, attribute: str) -> object:
        if attribute.startswith("_"):  # refused whether or not the object has it
            return self.unsafe_undefined(obj, attribute)
        return super().getattr(obj, attribute)

    def getitem(self, obj: object, argument: object) -> object:
        if isinstance(argument, str) and argument.startswith("_"):
            return self.unsafe_undefined(obj, argument)
        return super().getitem(obj, argument)

    def unsafe_undefined(self, obj: object, attribute: str) -> jinja2.Undefined:
        # Past a refused name, every step names the first refusal, not '__init__'.
        return obj if isinstance(obj, jinja2.Undefined) else _refused(attribute)

    def call_binop(
        self, context: jinja2.runtime.Context, operator: str, left: object, right: object
    ) -> object:
        if operator == "**":
            raise SecurityError("'**' is not allowed in a template")
        if operator == "*":
            sized, times = (left, right) if isinstance(right, int) else (right, left)
            if (
                isinstance(sized, (str, list, tuple))
                and isinstance(times, int)
                and len(sized) * times > MOST_REPEATED
            ):
                raise SecurityError(
                    f"'*' making more than {MOST_REPEATED:,} characters or items "
                    "is not allowed in a template"
                )
        return super().call_binop(context, operator, left, right)


def _printable(value: object) -> object:
    """What ``{{ … }}`` may print: model values, not Jinja's own objects (``{{ self }}``)."""
    if value is None or isinstance(value, (*REACHABLE, jinja2.Undefined)):
        return value
    raise SecurityError(f"printing {type(value).__name__!r} is not allowed in a template")


class _PackLoader(jinja2.FileSystemLoader):
    """A pack's own templates: ``.j2`` files only, and only inside its templates folder.

    So ``{% include %}`` can never bring the pack's data file, its config or
    a file elsewhere (through a link) into a minute.
    """

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        self.folder = folder

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        if template.startswith(f"{SHIPPED_PREFIX}/"):
            # Always the shipped template, never a pack's file of that name.
            raise jinja2.TemplateNotFound(template)
        if not template.endswith(".j2"):
            raise SecurityError(
                f"including {template!r} is not allowed in a template: only .j2 files are templates"
            )
        source, filename, uptodate = super().get_source(environment, template)
        if not paths.within(Path(filename), self.folder):
            raise SecurityError(
                f"{template!r} leads outside the templates folder, "
                "which is not allowed in a template"
            )
        return source, filename, uptodate


def environment(pack_templates: Path | None = None) -> jinja2.Environment:
    """Templates of the pack, then of the package; sandboxed, and strict so a typo fails loudly.

    ``panelapp/NAME`` is always the shipped template, so a pack's template
    of the same name can extend it and override only its blocks.
    """
    shipped = jinja2.PackageLoader("panelapp", "minutes/templates")
    loaders: list[jinja2.BaseLoader] = [jinja2.PrefixLoader({SHIPPED_PREFIX: shipped})]
    if pack_templates is not None:
        loaders.append(_PackLoader(pack_templates))
    loaders.append(shipped)
    env = _Sandbox(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.finalize = _printable
    env.globals.clear()
    env.globals.update({name: _refused(name) for name in REFUSED_GLOBALS})
    env.filters["md"] = md
    env.filters["long_date"] = long_date
    return env


@dataclass(frozen=True)
class Draft:
    """The rendered Markdown, and what the clerk should be told about making it."""

    markdown: str
    bidi_removed: int = 0
    """Right-to-left controls taken out of the text: the preview says so, since they
    may have been put there to make a line read other than it says."""


def render_markdown(minutes: Minutes, templates: Path | None = None) -> str:
    """The draft as Markdown (see :func:`draft_markdown`)."""
    return draft_markdown(minutes, templates).markdown


def draft_markdown(minutes: Minutes, templates: Path | None = None) -> Draft:
    """The draft as Markdown, sanitised and tidied so spacing in templates never shows.

    Every text of the model passes :func:`panelapp.sanitise.sanitise` before
    a template sees it (so ``md`` escapes what is really there), and the
    rendered page passes it again for the templates' own text; HTML and Word
    are made from this Markdown.

    ``templates`` is the pack's own folder (:func:`pack_templates`), kept
    out of the model so no template can reach the file system through it.
    Any failure inside a template (a syntax error, a misspelt field, a
    reach past the model, or ``{{ x + 1 }}`` on text) is a
    :class:`TemplateError` naming the template file and line, because a
    pack's own templates are input like config.toml.
    """
    folder = templates or Path("minutes templates")
    removed: dict[str, int] = {}
    clean_minutes = _sanitised(minutes, removed)
    try:
        text = environment(templates).get_template(MAIN_TEMPLATE).render(minutes=clean_minutes)
    except jinja2.TemplateSyntaxError as error:
        where = f"line {error.lineno}"
        raise TemplateError(
            error.filename or error.name or "", where, error.message or ""
        ) from None
    except SecurityError as error:
        path, where = _failed_at(error, folder)
        raise TemplateError(path, where, str(error), _REACH) from None
    except Exception as error:  # noqa: BLE001 - a template may raise anything; name where
        path, where = _failed_at(error, folder)
        problem = str(error)
        if not isinstance(error, jinja2.TemplateError):
            problem = f"{type(error).__name__}: {problem}"
        raise TemplateError(path, where, f"the template failed: {problem}", _FIX) from None
    page = sanitise(_tidy(text))
    return Draft(page.text, sum(removed.values()) + page.bidi_removed)


def _sanitised(value: _Model, removed: dict[str, int]) -> _Model:
    """``value`` with every text in it sanitised; the bidi controls removed noted per text.

    Per text, not per place: the model holds an entry both in its section and
    in the item's list of entries, and the clerk typed its controls once.
    """
    if isinstance(value, str):
        done = sanitise(value)
        if done.bidi_removed:
            removed[value] = done.bidi_removed
        return cast(_Model, done.text)
    if isinstance(value, tuple):
        return cast(_Model, tuple(_sanitised(part, removed) for part in value))
    if is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _sanitised(getattr(value, f.name), removed) for f in fields(value)}
        return cast(_Model, replace(value, **changes))
    return value


_REACH = (
    "A template may use the fields of `minutes` and filters such as md and long_date "
    "(see docs/config.md, templates)."
)
_FIX = "Compare it with the packaged template of the same name."


def _failed_at(error: Exception, folder: Path) -> tuple[Path, str]:
    """The template file and line an error was raised at, from Jinja's rewritten traceback.

    Jinja marks the frames it rewrites to point into templates; the last is
    where the error happened (an included template, not the one including it).
    Errors raised outside any template name the templates folder.
    """
    place: tuple[Path, str] = (folder, "")
    for frame, line in traceback.walk_tb(error.__traceback__):
        if "__jinja_exception__" in frame.f_globals:
            place = (Path(frame.f_code.co_filename), f"line {line}")
    return place


def _tidy(text: str) -> str:
    lines = [line.rstrip() for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"
