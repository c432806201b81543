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


EXAMPLES: dict[str, tuple[str, ...]] = {
    "missing": ("sample",),
    "placements": ("examples", "placements"),
}
"""The example packs shipped inside the package, by name: children missing (the sample
panelapp opens by default) and placement stability. Each is a folder with its config.toml."""


def packaged_example(name: str) -> Path:
    """The config.toml of the example pack ``name`` (one of :data:`EXAMPLES`)."""
    return Path(str(resources.files("panelapp").joinpath(*EXAMPLES[name], "config.toml")))


def default_pack() -> Path:
    """``./config.toml`` when there is one, else the packaged sample."""
    local = Path.cwd() / "config.toml"
    return local if local.is_file() else packaged_sample()


def packaged_name(config: Path) -> str | None:
    """Which example pack inside the installed package ``config`` is, or None for any other."""
    try:
        place = config.resolve()
        for name in EXAMPLES:
            if place == packaged_example(name).resolve():
                return name
    except OSError:
        return None
    return None


def is_packaged_sample(config: Path) -> bool:
    """Whether a pack is one of the read-only examples inside the installed package."""
    return packaged_name(config) is not None


def within(path: Path, folder: Path) -> bool:
    """Whether ``path`` is strictly inside ``folder`` once every link is followed.

    A pack's templates folder must be, so nothing in a pack can name a file
    elsewhere on the machine (``/``, ``../x``, a link that leads out).
    """
    inside = Path(os.path.realpath(path))
    root = Path(os.path.realpath(folder))
    return inside != root and inside.is_relative_to(root)


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


def journal_kept_for(config: Path) -> Path:
    """Where another meeting's journal is to be read: beside its pack when it is there (a
    folder archived read-only keeps its journal), else where that meeting would have kept it."""
    beside = config.parent / f"{config.stem}{JOURNAL_SUFFIX}"
    try:
        there = not is_packaged_sample(config) and beside.exists()
    except OSError:
        # A folder that cannot be looked in: its journal is the one meant, and reading it
        # tells the clerk why it cannot be read (minutes.previous.read_past).
        return beside
    return beside if there else journal_for(config)


def exports_dir(config: Path) -> Path:
    """Where minutes drafts are written by default: beside the pack, or the user's data folder."""
    if _writable(config):
        return config.parent / "minutes"
    return user_data_dir() / "exports" / _away_name(config)


def _writable(config: Path) -> bool:
    return not is_packaged_sample(config) and os.access(config.parent, os.W_OK)


def _away_name(config: Path) -> str:
    """'sample' for the bundled sample ('sample-placements' for the other example);
    otherwise the pack's name and a hash of where it is."""
    name = packaged_name(config)
    if name is not None:
        return "sample" if name == "missing" else f"sample-{name}"
    where = hashlib.blake2b(str(config.resolve()).encode(), digest_size=4).hexdigest()
    return f"{config.parent.name or 'pack'}-{config.stem}-{where}"


MOUNTS = Path("/proc/mounts")
"""Linux's table of mounted file systems: which kind of disk a path is on."""

NETWORK_FILESYSTEMS = frozenset(
    {"nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "afs", "ceph", "glusterfs", "lustre"}
    | {"fuse.sshfs", "fuse.glusterfs", "fuse.rclone", "fuse.s3fs", "fuse.gcsfuse", "davfs"}
)
"""File systems served over a network, where SQLite's shared-memory locking (WAL) is
unsafe: two seats would each think they hold the journal."""


def filesystem_type(path: Path, mounts: Path | None = None) -> str | None:
    """The kind of file system ``path`` is on (it need not exist yet): its longest mount point.

    None where the system does not say (no ``/proc/mounts``: macOS, Windows).
    """
    try:
        table = (mounts or MOUNTS).read_text(encoding="utf-8", errors="replace")
        place = Path(path).resolve()
    except OSError:
        return None
    best, kind = -1, None
    for line in table.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        # Spaces and tabs in mount points are written as octal escapes.
        point = fields[1].encode().decode("unicode_escape")
        inside = place == Path(point) or Path(point) in place.parents
        if inside and len(point) > best:
            best, kind = len(point), fields[2]
    return kind


def on_network_filesystem(path: Path, mounts: Path | None = None) -> str | None:
    """The network file system's kind when ``path`` is on one ('nfs4', 'fuse.sshfs'), else None."""
    kind = filesystem_type(path, mounts)
    if kind is None:
        return None
    if kind in NETWORK_FILESYSTEMS or kind.startswith(("nfs", "smb", "cifs")):
        return kind
    return None
