"""The bundled sample pack and its figures, computed once per test process.

Figures take about a second; the minutes tests only read them, so every
test module shares one private and one public set.
"""

from __future__ import annotations

import functools
import shutil
from pathlib import Path

from panelapp import paths
from panelapp.config import Pack, load_pack
from panelapp.metrics.engine import present
from panelapp.metrics.results import ItemFigures
from panelapp.metrics.store import raw_figures


@functools.cache
def sample_pack() -> Pack:
    """The sample inside the package: the meeting of the reference minute."""
    return load_pack(paths.packaged_sample())


def sample_figures(public: bool = False) -> tuple[ItemFigures, ...]:
    """Presented figures of the sample, private or public."""
    return _figures(bool(public))


@functools.cache
def _figures(public: bool) -> tuple[ItemFigures, ...]:
    return tuple(present(raw, sample_pack(), public=public) for raw in _raw())


@functools.cache
def _raw() -> tuple[ItemFigures, ...]:
    return tuple(raw_figures(sample_pack(), use_cache=False))


def copy_sample(folder: Path) -> Path:
    """A writable copy of the sample pack in ``folder``; returns its config.toml."""
    source = paths.packaged_sample().parent
    shutil.copy(source / "config.toml", folder / "config.toml")
    shutil.copytree(source / "data", folder / "data")
    return folder / "config.toml"


def child_identifiers() -> set[str]:
    """Every CHILD and DOB value in the sample's data: none may reach any export."""
    pack = sample_pack()
    values: set[str] = set()
    for source in (s for item in pack.items for s in item.data.episodes):
        lines = (pack.folder / source).read_text("utf-8").splitlines()
        header = lines[0].split(",")
        child, dob = header.index("CHILD"), header.index("DOB")
        for line in lines[1:]:
            cells = line.split(",")
            values.update((cells[child], cells[dob]))
    return values
