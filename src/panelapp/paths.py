"""Every place on disk panelapp reads or writes, in one module.

Keeping these together means a clerk (or a test) can see, and override, where
the journal and the cache live without reading the rest of the code.
"""

from __future__ import annotations

import hashlib
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


def log_dir() -> Path:
    """Where the details of an unexpected error are written, for the user to send with a report."""
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def journal_for(config: Path) -> Path:
    """The journal beside a pack's config.toml, or in user data when it cannot be there.

    The sample inside site-packages may be read-only and is shared by every
    user of the installation; a pack on a read-only share is one meeting of
    many. Each gets its own journal in the user's data folder, named for the
    pack, so one meeting's entries never reach another's minutes.
    """
    if _writable(config):
        return config.parent / f"{config.stem}{JOURNAL_SUFFIX}"
    return user_data_dir() / f"{_away_name(config)}{JOURNAL_SUFFIX}"


def exports_dir(config: Path) -> Path:
    """Where minutes drafts are written by default: beside the pack, or the user's data folder."""
    if _writable(config):
        return config.parent / "minutes"
    return user_data_dir() / "exports" / _away_name(config)


def _writable(config: Path) -> bool:
    return not is_packaged_sample(config) and os.access(config.parent, os.W_OK)


def _away_name(config: Path) -> str:
    """'sample' for the bundled sample; otherwise the pack's name and a hash of where it is."""
    if is_packaged_sample(config):
        return "sample"
    where = hashlib.blake2b(str(config.resolve()).encode(), digest_size=4).hexdigest()
    return f"{config.parent.name or 'pack'}-{config.stem}-{where}"
