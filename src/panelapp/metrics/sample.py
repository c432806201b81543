"""Moved to :mod:`panelapp.sample_episodes`: making the sample is not the engine's work.

Kept so code that imported the generator from here still finds it.
"""

from panelapp.sample_episodes import generate, write_sample

__all__ = ["generate", "write_sample"]
