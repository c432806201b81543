"""docs/templates.md, written from the minutes model itself so it cannot drift.

A template may read only the model's fields (see :data:`panelapp.minutes.
style.REACHABLE`); their names, types and docstrings in
:mod:`panelapp.minutes.draft` are the reference. This module reads them
from the source, with the shipped templates' blocks and macros and the
filters, into one page. A test compares the page with the file; after a
change to the model, write it again::

    python -m panelapp.minutes.fields > docs/templates.md
"""

from __future__ import annotations

import ast
import dataclasses
import inspect
import re
import sys

from panelapp.minutes import draft
from panelapp.minutes.house import shipped_templates
from panelapp.minutes.style import REACHABLE, SHIPPED_PREFIX, long_date, md

_INTRO = f"""\
# Minutes templates: blocks and fields

<!-- Written by `python -m panelapp.minutes.fields > docs/templates.md` from
the minutes model (src/panelapp/minutes/draft.py); a test checks it is current. -->

The draft minute is Markdown rendered from Jinja templates in a sandbox:
a template reads only the fields below, the filters and the macros, never a
file, a module or Python. `panelapp templates list` names the shipped
templates; `panelapp templates copy [NAME] [--to PACK]` copies them into a
pack's `templates` folder (and sets `templates = "…"` in its config.toml).

A pack template may replace a shipped one whole, or extend it and override
only some blocks:

```jinja
{{% extends "{SHIPPED_PREFIX}/item.md.j2" %}}
{{% block resolutions %}}
{{% for resolution in item.resolutions %}}
{{{{ loop.index }}}}. {{{{ resolution | md }}}}
{{% endfor %}}
{{% endblock %}}
```

`{SHIPPED_PREFIX}/NAME` is always the shipped template, whatever the pack's
folder holds; `NAME` alone is the pack's own if it has one. A block that is
overridden sees the same fields as the shipped one (`minutes`, `item` in the
item template, and the macros imported as `m`). Write text the clerk typed
through `| md`, so it prints as typed. A mistake names the template file and
line: `panelapp export` stops with it before anything is written.
"""

_FILTERS = {"md": md, "long_date": long_date}


def template_reference() -> str:
    """The whole of docs/templates.md."""
    parts = [_INTRO, _blocks(), _macros(), _filters(), _fields()]
    return "\n".join(parts).rstrip() + "\n"


def _blocks() -> str:
    lines = ["## Templates and their blocks", ""]
    for template in shipped_templates():
        blocks = ", ".join(f"`{b}`" for b in template.blocks) or "none (include the others)"
        lines.append(f"- `{template.name}`: {template.purpose} Blocks: {blocks}.")
    lines += [
        "",
        "`minutes.md.j2` includes `front.md.j2`, then `item.md.j2` once per agenda item "
        "(with `item` set), then `actions.md.j2`.",
        "",
    ]
    return "\n".join(lines)


def _macros() -> str:
    lines = ["## Macros (`macros.md.j2`, imported as `m`)", ""]
    source = next(t.source for t in shipped_templates() if t.name == "macros.md.j2")
    for comment, name, args in _macro_heads(source):
        lines.append(f"- `m.{name}({args})`: {comment}")
    return "\n".join([*lines, ""])


def _macro_heads(source: str) -> list[tuple[str, str, str]]:
    """(comment, name, arguments) of each macro, the comment being the one just above it."""
    found = []
    pattern = r"\{#-?\s*((?:(?!#\}).)*?)\s*-?#\}\s*\{%-?\s*macro (\w+)\((.*?)\)"
    for match in re.finditer(pattern, source, re.S):
        found.append((" ".join(match[1].split()), match[2], match[3]))
    return found


def _filters() -> str:
    lines = ["## Filters", ""]
    for name, function in _FILTERS.items():
        doc = inspect.getdoc(function) or ""
        lines.append(f"- `{name}`: {' '.join(doc.split())}")
    return "\n".join([*lines, ""])


def _fields() -> str:
    documented = _documented()
    lines = [
        "## Fields",
        "",
        "`minutes` is the whole draft; `item` is one of `minutes.items`. Lists are "
        "tuples: loop over them, test them with `if`, count them with `| length`.",
        "",
    ]
    for name in _reachable_models(documented):
        doc, fields = documented[name]
        lines += [f"### `{name}`", "", doc, "", "| field | type | meaning |", "|---|---|---|"]
        for name, annotation, meaning in fields:
            lines.append(f"| `{name}` | `{annotation}` | {meaning} |")
        lines.append("")
    return "\n".join(lines)


def _reachable_models(documented: dict[str, tuple[str, list[tuple[str, str, str]]]]) -> list[str]:
    """The model's classes a template can read, from :class:`Minutes` down, as its fields
    lead to them."""
    models = {
        c.__name__
        for c in vars(draft).values()
        if isinstance(c, type) and c in REACHABLE and dataclasses.is_dataclass(c)
    }
    order, queue = [], ["Minutes"]
    while queue:
        name = queue.pop(0)
        if name in order or name not in models:
            continue
        order.append(name)
        for _, annotation, _ in documented[name][1]:
            queue += re.findall(r"\w+", annotation)
    return order


def _documented() -> dict[str, tuple[str, list[tuple[str, str, str]]]]:
    """Each class of draft.py: its docstring, and (field, type, docstring) of each field.

    Read from the source: a field's docstring is the string just below it,
    which Python keeps nowhere at run time. Properties are listed as fields
    too, since a template reads them the same way.
    """
    tree = ast.parse(inspect.getsource(draft))
    found: dict[str, tuple[str, list[tuple[str, str, str]]]] = {}
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        fields: list[tuple[str, str, str]] = []
        body = node.body
        for at, statement in enumerate(body):
            if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
                following = body[at + 1] if at + 1 < len(body) else None
                fields.append(
                    (statement.target.id, ast.unparse(statement.annotation), _string(following))
                )
            elif isinstance(statement, ast.FunctionDef) and any(
                isinstance(d, ast.Name) and d.id == "property" for d in statement.decorator_list
            ):
                returns = ast.unparse(statement.returns) if statement.returns else ""
                fields.append((statement.name, returns, _one_line(ast.get_docstring(statement))))
        found[node.name] = (_one_line(ast.get_docstring(node)), fields)
    return found


def _string(statement: ast.stmt | None) -> str:
    if (
        isinstance(statement, ast.Expr)
        and isinstance(statement.value, ast.Constant)
        and isinstance(statement.value.value, str)
    ):
        return _one_line(statement.value.value)
    return ""


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split()).replace("|", "\\|")


if __name__ == "__main__":  # pragma: no cover - the command in the module docstring
    sys.stdout.write(template_reference())
