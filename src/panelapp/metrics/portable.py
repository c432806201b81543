"""Public figures as JSON, for the browser viewers to read what the room's seat computed.

A viewer is a process of its own per browser. It must never recompute the
figures (a projector's laptop serving twenty-five viewers would compute them
twenty-five times) and should never hold a private figure at all, so the
room's seat writes its public view here and each viewer reads it back. A
data format, not pickle: reading it runs no code, whoever wrote the file.

Only what a public screen shows is written: no data-quality findings (they
name rows) and no speaker notes. The agenda item itself is not written
either; the reader takes it from its own copy of the pack.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import types
import typing
from typing import Any, Literal, Union

from panelapp.config import Item
from panelapp.metrics.results import ItemFigures

FORMAT = 1
"""Changed whenever the shape below changes: a viewer ignores figures of another format."""


class Unreadable(ValueError):
    """Shared figures that are not what this release writes."""


def public_json(figures: ItemFigures) -> str:
    """One item's public figures as JSON, without findings, notes or the item itself."""
    if not figures.public:
        raise ValueError("only public figures are shared with viewers")
    shown = dataclasses.replace(
        figures,
        findings=(),
        notes=(),
        kpis=tuple(dataclasses.replace(k, notes="") for k in figures.kpis),
    )
    data = _encode(shown)
    del data["item"]
    return json.dumps({"format": FORMAT, "figures": data}, ensure_ascii=False)


def from_public_json(text: str, item: Item) -> ItemFigures:
    """The figures :func:`public_json` wrote, for ``item``; :class:`Unreadable` if they are not."""
    try:
        raw = json.loads(text)
    except ValueError as error:
        raise Unreadable(f"not JSON ({error})") from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise Unreadable("written by another release")
    body = raw.get("figures")
    if not isinstance(body, dict):
        raise Unreadable("no figures")
    figures = _decode(ItemFigures, {**body, "item": None}, skip={"item"})
    if not figures.public:
        raise Unreadable("not public figures")
    return dataclasses.replace(figures, item=item)


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (tuple, list)):
        return [_encode(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _decode(hint: Any, value: Any, skip: set[str] = frozenset()) -> Any:  # type: ignore[assignment]
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        inner = [a for a in args if a is not type(None)]
        return _decode(inner[0], value)
    if origin is Literal:
        if value not in args:
            raise Unreadable(f"{value!r} is not one of {args}")
        return value
    if origin is tuple:
        if not isinstance(value, list):
            raise Unreadable(f"expected a list, found {type(value).__name__}")
        return tuple(_decode(args[0], v) for v in value)
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        if not isinstance(value, dict):
            raise Unreadable(f"expected {hint.__name__}, found {type(value).__name__}")
        hints = typing.get_type_hints(hint)
        values: dict[str, Any] = {}
        for f in dataclasses.fields(hint):
            if f.name in skip:
                values[f.name] = None
            elif f.name in value:
                values[f.name] = _decode(hints[f.name], value[f.name])
        try:
            return hint(**values)
        except TypeError as error:
            raise Unreadable(str(error)) from None
    if hint is dt.date:
        try:
            return dt.date.fromisoformat(value)
        except (TypeError, ValueError):
            raise Unreadable(f"{value!r} is not a date") from None
    if hint is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise Unreadable(f"{value!r} is not a number")
        return float(value)
    if hint in (int, str, bool):
        if not isinstance(value, hint) or (hint is int and isinstance(value, bool)):
            raise Unreadable(f"{value!r} is not {hint.__name__}")
        return value
    raise Unreadable(f"cannot read {hint!r}")
