"""Changing a few values of a config.toml and keeping everything else as the clerk wrote it.

A pack's config.toml is a document a clerk reads and edits, with comments
that say why each value is what it is. A command that moves a pack on (to
the next meeting) changes a handful of values: this module rewrites just
those, keeps every comment, blank line and untouched value byte for byte,
and can add a key under a table that lacks it.

Values are found by reading the file line by line: ``[table]`` and
``[[array]]`` headers, and ``key = value`` lines, where a value may run
over several lines (a list, an inline table, a multi-line string) and ends
where TOML says it does. Only bare keys are edited; anything else (a quoted
or dotted key) is kept as it is, and the caller reads the result back to
check it says what was meant.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

_HEADER = re.compile(r"\s*(\[\[?)\s*([A-Za-z0-9_.\-]+)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"(\s*)([A-Za-z0-9_\-]+)(\s*=\s*)(.*)$", re.DOTALL)

Place = tuple[str, int]
"""Where a line is: the table's dotted name ('items.period', '' before any table) and which
entry of an array of tables it is under ([[items]] counted from 0; -1 for none)."""


def value_text(value: Any) -> str:
    """``value`` written as TOML: text, numbers, booleans, dates, lists and inline tables."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(value_text(v) for v in value) + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        return "{ " + ", ".join(f"{k} = {value_text(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


@dataclass
class _Key:
    """One ``key = value`` in the text: where it is, and its lines."""

    place: Place
    name: str
    first: int
    """Index of its first line."""
    last: int
    """Index of its last line (the same for a one-line value)."""


Change = Callable[[Place, str, Any], Any]
"""Asked of every bare key: its place, name and current value; returns the new value, or
:data:`KEEP`."""

KEEP = object()
"""What a :data:`Change` returns to leave a value as it is."""


@dataclass(frozen=True)
class Added:
    """A key to add under a table that does not have it yet."""

    place: Place
    name: str
    value: Any
    comment: str = ""
    """Written on the line above, as '# …'."""
    after: str = ""
    """The key it follows; the table's last key when empty or absent."""


def edit(text: str, change: Change, added: tuple[Added, ...] = ()) -> str:
    """``text`` with the values ``change`` asks for rewritten, and the keys ``added``.

    A one-line value keeps the comment after it; a value over several lines
    becomes one line. A key already present is changed, never added twice.
    """
    lines = text.splitlines(keepends=True)
    newline = "\r\n" if "\r\n" in text else "\n"
    keys = _keys(lines)
    replaced: dict[int, tuple[int, str]] = {}
    for key in keys:
        new = change(key.place, key.name, _value_of(lines, key))
        if new is not KEEP:
            replaced[key.first] = (key.last, _rewritten(lines, key, new, newline))
    following: dict[int, list[str]] = {}
    for add in added:
        under = [k for k in keys if k.place == add.place]
        if not under or add.name in {k.name for k in under}:
            continue
        anchor = next((k for k in under if k.name == add.after), under[-1])
        lines_added = [f"# {add.comment}{newline}"] if add.comment else []
        lines_added.append(f"{add.name} = {value_text(add.value)}{newline}")
        following.setdefault(anchor.last, []).extend(lines_added)
    out: list[str] = []
    at = 0
    while at < len(lines):
        last, written = replaced.get(at, (at, lines[at]))
        if last in following and not written.endswith(("\n", "\r")):
            written += newline
        out.append(written)
        out.extend(following.get(last, ()))
        at = last + 1
    return "".join(out)


def _keys(lines: list[str]) -> list[_Key]:
    """Every bare key of the text, with its table and the lines its value takes."""
    found: list[_Key] = []
    table, index = "", -1
    arrays: dict[str, int] = {}
    at = 0
    while at < len(lines):
        line = lines[at]
        header = _HEADER.match(line)
        if header and not _KEY.match(line):
            table = header.group(2)
            root = table.split(".")[0]
            if header.group(1) == "[[" and table == root:
                arrays[root] = arrays.get(root, -1) + 1
            index = arrays.get(root, -1)
            at += 1
            continue
        key = _KEY.match(line)
        if key is None:
            at += 1
            continue
        last = _value_end(lines, at, key.group(4))
        found.append(_Key((table, index), key.group(2), at, last))
        at = last + 1
    return found


def _value_end(lines: list[str], first: int, rest: str) -> int:
    """The index of the line a value starting with ``rest`` on line ``first`` ends on."""
    for last in range(first, len(lines)):
        candidate = "x = " + rest + "".join(lines[first + 1 : last + 1])
        try:
            tomllib.loads(candidate)
            return last
        except tomllib.TOMLDecodeError:
            continue
    return first


def _value_of(lines: list[str], key: _Key) -> Any:
    rest = _KEY.match(lines[key.first])
    assert rest is not None
    text = "x = " + rest.group(4) + "".join(lines[key.first + 1 : key.last + 1])
    return tomllib.loads(text)["x"]


def _rewritten(lines: list[str], key: _Key, value: Any, newline: str) -> str:
    """The key's line(s) with the new value; a one-line value's trailing comment is kept."""
    match = _KEY.match(lines[key.first])
    assert match is not None
    indent, name, equals, rest = match.groups()
    written = f"{indent}{name}{equals}{value_text(value)}"
    comment = _comment(rest) if key.first == key.last else ""
    if comment:
        before = rest[: rest.index(comment)]
        written += " " * max(1, len(before) - len(before.rstrip())) + comment
    return written + newline


def _comment(rest: str) -> str:
    """The comment after a one-line value ('# counts from 1 to 5 …'), or ''."""
    quote = ""
    at = 0
    text = rest.rstrip("\r\n")
    while at < len(text):
        char = text[at]
        if quote:
            if char == "\\" and quote == '"':
                at += 2
                continue
            if char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char == "#":
            return text[at:]
        at += 1
    return ""
