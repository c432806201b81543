"""The one kind of error a user is shown: file, place, problem, fix.

Config, data and journal problems all end up in front of someone in a
meeting; sharing one shape means the command line and the app can show any
of them as a single clear line, and never a traceback.
"""

from __future__ import annotations

from pathlib import Path


class UserError(Exception):
    """A problem with something the user gave us, worded for them."""

    def __init__(self, path: Path | str, where: str, problem: str, fix: str = "") -> None:
        self.path = Path(path)
        self.where = where
        self.problem = problem
        self.fix = fix
        super().__init__(self.message)

    def __reduce__(self) -> tuple[object, ...]:
        """Pickled by its attributes, so it comes back whole from the process that made the figures.

        Not by calling the class again: subclasses take other arguments.
        """
        return _rebuilt, (type(self), dict(self.__dict__))

    @property
    def message(self) -> str:
        """'config.toml: items[4].kpis[2].polarity: 'up' is not allowed. Did you mean …?'"""
        place = f"{self.path}: {self.where}: " if self.where else f"{self.path}: "
        tail = f" {self.fix}" if self.fix else ""
        return f"{place}{self.problem.rstrip('.')}.{tail}"


def _rebuilt(kind: type[UserError], state: dict[str, object]) -> UserError:
    """A :class:`UserError` of ``kind`` with ``state``, as :meth:`UserError.__reduce__` left it."""
    error = kind.__new__(kind)
    error.__dict__.update(state)
    Exception.__init__(error, error.message)
    return error
