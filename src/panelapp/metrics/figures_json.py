"""Figures as JSON and back, exactly: the format of the figures cache.

The cache used to be a pickle, and unpickling runs whatever a file planted
in the cache folder tells it to. JSON is data only: the worst a damaged or
planted file can do is fail to read, and then the figures are computed.

Written from the result dataclasses' own fields and types (see
:mod:`panelapp.metrics.results`), so a field added to a result is cached
with no change here; the engine fingerprint in the cache key makes files of
the old shape misses. Every value is checked against its field's type on
the way back in, so a file of another shape is refused, never half-read.
Floats go through ``repr`` and come back bit for bit; ints stay ints.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import numbers
import types
import typing
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


class Unreadable(ValueError):
    """Data that is not a value of the type asked for: the cache entry is ignored."""


def encode(value: Any, *, leave_out: tuple[str, ...] = ()) -> Any:
    """``value`` as JSON-ready data: dataclasses as objects, tuples as lists, dates as ISO text.

    ``leave_out`` names fields of ``value`` itself to skip (the caller gives
    them back to :func:`decode`). numpy's numbers (which the engine leaves in
    some results) become Python's, without importing numpy: a cached reopen
    never loads it. Raises :class:`TypeError` for a value with no JSON form.
    """
    if leave_out:
        fields = dataclasses.fields(value)
        return {f.name: encode(getattr(value, f.name)) for f in fields if f.name not in leave_out}
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return float(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return [encode(part) for part in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if type(value).__name__ == "bool_":  # numpy's bool, not a subclass of bool
        return bool(value)
    raise TypeError(f"{type(value).__name__} has no JSON form in the figures cache")


def decode(kind: type[T], data: Any, **given: Any) -> T:
    """A ``kind`` (a result dataclass) from :func:`encode`'s data; ``given`` fills fields left out.

    Raises :class:`Unreadable` when the data is not exactly a ``kind``.
    """
    if not isinstance(data, dict):
        raise Unreadable(f"{kind.__name__} is not an object")
    fields = _fields(typing.cast(type, kind))
    if data.keys() != fields.keys() - given.keys():
        raise Unreadable(f"{kind.__name__} has other fields than {', '.join(sorted(data))}")
    read = {name: fields[name](value) for name, value in data.items()}
    return kind(**read, **given)


Decoder = Callable[[Any], Any]
"""Checks one JSON value against a type and returns it as that type, or raises Unreadable."""


@functools.cache
def _fields(kind: type) -> dict[str, Decoder]:
    """A decoder per field of a dataclass, made once per class: a reopen reads thousands."""
    hints = typing.get_type_hints(kind)
    return {f.name: _decoder(hints[f.name]) for f in dataclasses.fields(kind) if f.init}


@functools.cache
def _decoder(hint: Any) -> Decoder:
    """The decoder for values of ``hint``, built once per type."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return _union([_decoder(o) for o in typing.get_args(hint) if o is not type(None)])
    if origin is tuple:
        return _tuple(typing.get_args(hint))
    if origin is typing.Literal:
        return _one_of(frozenset(typing.get_args(hint)))
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return functools.partial(decode, hint)
    if hint is dt.date:
        return _date
    if hint is float:
        return _number
    if hint in (int, str, bool):
        return _exactly(hint)
    raise TypeError(f"no JSON form for {hint!r}")


def _union(options: list[Decoder]) -> Decoder:
    """``X | None`` (and ``X | Y | None``): null is None, anything else the first option it is."""

    def decode_union(data: Any) -> Any:
        if data is None:
            return None
        for option in options:
            try:
                return option(data)
            except Unreadable:
                continue
        raise Unreadable(f"{data!r} is none of the types allowed")

    return decode_union


def _tuple(parts: tuple[Any, ...]) -> Decoder:
    if len(parts) != 2 or parts[1] is not Ellipsis:
        raise TypeError(f"no JSON form for a tuple of {parts!r}")
    item = _decoder(parts[0])

    def decode_tuple(data: Any) -> tuple[Any, ...]:
        if not isinstance(data, list):
            raise Unreadable("a list is not a list")
        return tuple(map(item, data))

    return decode_tuple


def _one_of(allowed: frozenset[Any]) -> Decoder:
    def decode_literal(data: Any) -> Any:
        if isinstance(data, str) and data in allowed:
            return data
        raise Unreadable(f"{data!r} is not one of {sorted(allowed)}")

    return decode_literal


def _date(data: Any) -> dt.date:
    if not isinstance(data, str):
        raise Unreadable("a date is not text")
    try:
        return dt.date.fromisoformat(data)
    except ValueError:
        raise Unreadable(f"{data!r} is not a date") from None


def _number(data: Any) -> float:
    """An int or a float, kept as it was: an int figure stays an int."""
    if isinstance(data, (int, float)) and not isinstance(data, bool):
        return data
    raise Unreadable(f"{data!r} is not a number")


def _exactly(kind: type) -> Decoder:
    def decode_exactly(data: Any) -> Any:
        if type(data) is kind:
            return data
        raise Unreadable(f"{data!r} is not {kind.__name__}")

    return decode_exactly
