"""The house style: minutes templates, found in the pack first, then in the package.

Every word of the minute that is not a figure or something the clerk typed
comes from a template, so another council's style is a template change.
A pack's ``templates`` folder is searched before the packaged one, so a
pack may override one part (``item.md.j2``) and keep the rest.
"""

from __future__ import annotations

import datetime as dt
import re
import traceback
from pathlib import Path

import jinja2
from markdown_it import MarkdownIt

from panelapp.errors import UserError
from panelapp.minutes.draft import Minutes

MAIN_TEMPLATE = "minutes.md.j2"
"""The template a draft starts from; it includes the others by name."""

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


def environment(pack_templates: Path | None = None) -> jinja2.Environment:
    """Templates of the pack, then of the package; strict, so a typo fails loudly."""
    loaders: list[jinja2.BaseLoader] = []
    if pack_templates is not None:
        loaders.append(jinja2.FileSystemLoader(pack_templates))
    loaders.append(jinja2.PackageLoader("panelapp", "minutes/templates"))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md
    env.filters["long_date"] = long_date
    return env


def render_markdown(minutes: Minutes) -> str:
    """The draft as Markdown, tidied so spacing in templates never shows in the output.

    Any failure inside a template (a syntax error, a misspelt field, or
    ``{{ x + 1 }}`` on text) is a :class:`TemplateError` naming the template
    file and line, because a pack's own templates are input like config.toml.
    """
    try:
        text = environment(minutes.templates).get_template(MAIN_TEMPLATE).render(minutes=minutes)
    except jinja2.TemplateSyntaxError as error:
        where = f"line {error.lineno}"
        raise TemplateError(
            error.filename or error.name or "", where, error.message or ""
        ) from None
    except Exception as error:  # noqa: BLE001 - a template may raise anything; name where
        path, where = _failed_at(error, minutes.templates or Path("minutes templates"))
        problem = str(error)
        if not isinstance(error, jinja2.TemplateError):
            problem = f"{type(error).__name__}: {problem}"
        raise TemplateError(path, where, f"the template failed: {problem}", _FIX) from None
    return _tidy(text)


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
