"""panelapp: a meeting companion for council panels.

The package is split so the figures can be trusted without a terminal: the
core (``config``, ``paths``, ``metrics``, ``minutes``) is plain Python and
pandas, and ``ui`` is the only place Textual is imported.
"""

__version__ = "0.1.0"
