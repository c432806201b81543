"""Every place on disk panelapp reads or writes, in one module.

Keeping these together means a clerk (or a test) can see, and override, where
the journal and the cache live without reading the rest of the code.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

import platformdirs

APP_NAME = "panelapp"
"""The folder name under the user's data and cache directories."""

JOURNAL_SUFFIX = ".journal.sqlite"
"""A meeting's journal is named after its pack: config.journal.sqlite."""


def packaged_sample() -> Path:
    """The sample pack shipped inside the package, used when there is no ./config.toml."""
    return Path(str(resources.files("panelapp") / "sample" / "config.toml"))


def default_pack() -> Path:
    """``./config.toml`` when there is one, else the packaged sample."""
    local = Path.cwd() / "config.toml"
    return local if local.is_file() else packaged_sample()


def is_packaged_sample(config: Path) -> bool:
    """Whether a pack is the read-only sample inside the installed package."""
    try:
        return config.resolve() == packaged_sample().resolve()
    except OSError:
        return False


def user_data_dir() -> Path:
    """Where journals of packs that cannot hold their own (the packaged sample) live."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """The figures cache; honours XDG_CACHE_HOME through platformdirs."""
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def journal_for(config: Path) -> Path:
    """The journal beside a pack's config.toml, or in user data for the packaged sample.

    The sample inside site-packages may be read-only, and is shared by every
    user of the installation, so its journal goes to the user's data folder.
    """
    if is_packaged_sample(config) or not os.access(config.parent, os.W_OK):
        return user_data_dir() / f"sample{JOURNAL_SUFFIX}"
    return config.parent / f"{config.stem}{JOURNAL_SUFFIX}"


def exports_dir(config: Path) -> Path:
    """Where minutes drafts are written by default: beside the pack, or the user's data folder."""
    if is_packaged_sample(config) or not os.access(config.parent, os.W_OK):
        return user_data_dir() / "exports"
    return config.parent / "minutes"
