"""The shipped house style, handed to a council: list the templates, copy them into a pack.

A council owns its minute's wording by keeping templates in its pack's
``templates`` folder (see :mod:`panelapp.minutes.style`). An installed
panelapp's templates sit deep inside the package, so ``panelapp templates
copy`` puts them where the pack reads them, and sets ``templates = "…"`` in
its config.toml when the key is absent. The clerk's config.toml is edited
by one inserted line, checked by reading it back, and written whole or not
at all: never reformatted, never half written.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import nodes

from panelapp import atomic, paths
from panelapp.config import ConfigError, tomllib
from panelapp.errors import UserError
from panelapp.minutes.style import SHIPPED_PREFIX, environment

DEFAULT_FOLDER = "templates"
"""The folder ``templates copy`` makes beside config.toml when the pack names none."""

_HEADER = re.compile(r"^\s*\[")


class TemplatesError(UserError):
    """A copy that cannot be made, with the file, the problem and what to do."""


@dataclass(frozen=True)
class Shipped:
    """One shipped template: its file name, what it draws, and the blocks a pack may override."""

    name: str
    """The file name, e.g. 'item.md.j2'; a pack extends it as 'panelapp/item.md.j2'."""
    purpose: str
    """The first sentence of the template's own opening comment."""
    blocks: tuple[str, ...]
    """Its named blocks, in the order they render."""
    source: str


def shipped_templates() -> tuple[Shipped, ...]:
    """Every template panelapp ships, read from the installed package."""
    folder = resources.files("panelapp") / "minutes" / "templates"
    found = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".j2"):
            source = entry.read_text(encoding="utf-8")
            found.append(Shipped(entry.name, _purpose(source), _blocks(source), source))
    return tuple(found)


def _purpose(source: str) -> str:
    """The opening comment's first sentence ('One agenda item in the house style.')."""
    match = re.match(r"\s*\{#-?\s*(.*?)-?#\}", source, re.S)
    text = " ".join(match[1].split()) if match else ""
    return text.split(". ")[0].rstrip(".") + "." if text else ""


def _blocks(source: str) -> tuple[str, ...]:
    tree = environment().parse(source)  # the sandbox the minutes render in; parsed only
    return tuple(block.name for block in tree.find_all(nodes.Block))


@dataclass(frozen=True)
class Copied:
    """What ``templates copy`` did, for the one message it prints."""

    folder: Path
    written: tuple[Path, ...]
    key_set: bool
    """Whether ``templates = "…"`` was added to config.toml."""


def copy_templates(
    config: Path, names: tuple[str, ...] = (), *, force: bool = False, extend: bool = False
) -> Copied:
    """Copy shipped templates (all, or ``names``) into the pack whose config.toml is ``config``.

    With ``extend``, each file is a start that extends the shipped template
    and lists its blocks, rather than a whole copy. An existing file is never
    replaced unless ``force``; nothing is written when any would be.
    """
    shipped = {t.name: t for t in shipped_templates()}
    if extend:
        shipped = {name: t for name, t in shipped.items() if t.blocks}
    unknown = [n for n in names if n not in shipped]
    if unknown:
        raise TemplatesError(
            config,
            "",
            f"there is no shipped template {unknown[0]!r}"
            + (" with blocks to extend" if extend else ""),
            f"Use one of {', '.join(shipped)} (see 'panelapp templates list').",
        )
    text = _read_config(config)
    named = _templates_key(config, text)
    folder_name = named if named is not None else DEFAULT_FOLDER
    folder = config.parent / folder_name
    if not paths.within(folder, config.parent):
        raise TemplatesError(
            config,
            "templates",
            f"the templates folder '{folder_name}' is not inside the pack's folder",
            'Put the templates in a folder beside config.toml, e.g. templates = "house".',
        )
    chosen = [shipped[n] for n in names] if names else list(shipped.values())
    targets = [(folder / t.name, t) for t in chosen]
    taken = [str(p) for p, _ in targets if p.exists()]
    if taken and not force:
        raise TemplatesError(
            taken[0],
            "",
            "already exists and was left as it is"
            + (f" (and {len(taken) - 1} more)" if len(taken) > 1 else ""),
            "Add --force to replace it with the shipped template, or copy another name.",
        )
    folder.mkdir(parents=True, exist_ok=True)
    for path, template in targets:
        body = extending(template) if extend else template.source
        atomic.write(path, body.encode("utf-8"), overwrite=force)
    if named is None:
        atomic.write(config, with_templates_key(config, text, folder_name).encode("utf-8"))
    return Copied(folder, tuple(p for p, _ in targets), named is None)


def extending(template: Shipped) -> str:
    """A pack template that extends ``template`` and names the blocks it may override."""
    blocks = ", ".join(template.blocks)
    return (
        f"{{#- This pack's {template.name}: the shipped one, with any block overridden below.\n"
        f"    Blocks: {blocks} (see docs/templates.md). For example:\n"
        f"    {{% block {template.blocks[-1]} %}}…{{% endblock %}} -#}}\n"
        f'{{% extends "{SHIPPED_PREFIX}/{template.name}" %}}\n'
    )


def _read_config(config: Path) -> str:
    try:
        return config.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise TemplatesError(
            config, "", "there is no config.toml here", "Give the pack with --to PACK."
        ) from None


def _templates_key(config: Path, text: str) -> str | None:
    """The pack's ``templates`` folder as its config.toml names it, or None."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(config, "", f"TOML syntax error: {exc}", "Fix the TOML first.") from None
    value = raw.get("templates")
    if value is not None and not isinstance(value, str):
        raise TemplatesError(
            config, "templates", "must be text, a folder name", 'e.g. templates = "house".'
        )
    return value


def with_templates_key(config: Path, text: str, folder: str) -> str:
    """``text`` with one top-level ``templates = "folder"`` line inserted before the first table.

    Everything else stays byte for byte; the result is read back, and must
    say the same as before plus the new key, or nothing is changed.
    """
    lines = text.splitlines(keepends=True)
    at = next((i for i, line in enumerate(lines) if _HEADER.match(line)), len(lines))
    newline = "\r\n" if "\r\n" in text else "\n"
    if at == len(lines) and lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += newline
    insert = [
        f"# The minute's house style: templates here override the shipped ones.{newline}",
        f'templates = "{folder}"{newline}',
        newline,
    ]
    edited = "".join([*lines[:at], *insert, *lines[at:]])
    before = tomllib.loads(text)
    try:
        after = tomllib.loads(edited)
    except tomllib.TOMLDecodeError:
        after = {}
    if after != {**before, "templates": folder}:
        raise TemplatesError(
            config,
            "",
            "the templates key could not be added without changing anything else",
            f'Add the line templates = "{folder}" at the top of config.toml by hand.',
        )
    return edited


DESCRIPTION = """\
The minute's house style is a set of Jinja templates. 'list' names the
shipped ones and the blocks each has; 'copy' puts them into a pack's
templates folder (making it, and setting templates = "…" in config.toml
when the key is absent), where they override the shipped ones. A pack
template may instead start {% extends "panelapp/item.md.j2" %} and override
only some blocks: 'copy --extend' writes such a start. An existing file is
never replaced unless --force is given. Exit status 0 done, 2 unusable input."""


def templates_command(argv: list[str], make_parser: Callable[[str, str], Any]) -> int:
    """Run ``panelapp templates list|copy``; the parser is the command line's own."""
    parser = make_parser("templates", DESCRIPTION)
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="list|copy")
    verbs.add_parser("list", help="the shipped templates and their blocks")
    copy = verbs.add_parser("copy", help="copy shipped templates into a pack")
    copy.add_argument("names", nargs="*", metavar="NAME", help="e.g. item.md.j2 (default: all)")
    copy.add_argument(
        "--to",
        type=Path,
        default=Path("config.toml"),
        help="the pack: a config.toml or a folder holding one (default: ./config.toml)",
    )
    copy.add_argument("--force", action="store_true", help="replace files that exist")
    copy.add_argument(
        "--extend",
        action="store_true",
        help="write a template that extends the shipped one, to override blocks in",
    )
    args = parser.parse_args(argv)
    if args.verb == "list":
        for template in shipped_templates():
            print(f"{template.name}  {template.purpose}")
            if template.blocks:
                print(f"    blocks: {', '.join(template.blocks)}")
        return 0
    config: Path = args.to / "config.toml" if args.to.is_dir() else args.to
    if paths.is_packaged_sample(config):
        raise TemplatesError(
            config,
            "",
            "this is the bundled sample, part of the installed package",
            "Copy the templates into your own pack with --to PACK.",
        )
    done = copy_templates(config, tuple(args.names), force=args.force, extend=args.extend)
    names = ", ".join(p.name for p in done.written)
    print(f"Wrote {names} to {done.folder}")
    if done.key_set:
        print(f'Set templates = "{done.folder.name}" in {config}')
    return 0
