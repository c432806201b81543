"""The example packs, written into a folder a council can open, copy and edit.

Two packs ship with panelapp: children missing (the sample it opens by
default) and placement stability (SSDA903 episodes of care). ``panelapp
sample --pack NAME --out FOLDER`` writes one whole: its config.toml and the
files it names, the records made afresh from their seed (the same bytes as
the ones shipped), the rest copied as shipped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from panelapp import atomic, paths


@dataclass(frozen=True)
class Made:
    """One file of a pack as written: where, and how many records it holds (None: copied)."""

    path: Path
    records: int | None = None


def _missing_data(folder: Path, overwrite: bool) -> list[Made]:
    from panelapp.sample_episodes import write_sample

    path = folder / "data" / "missing_episodes.csv"
    return [Made(path, write_sample(path, overwrite=overwrite))]


def _placements_data(folder: Path, overwrite: bool) -> list[Made]:
    from panelapp.sample_placements import EPISODE_FILE, HEADER_FILE, write_data

    episodes = write_data(folder / "data", overwrite=overwrite)
    return [Made(folder / "data" / EPISODE_FILE, episodes), Made(folder / "data" / HEADER_FILE)]


GENERATED: dict[str, tuple[tuple[str, ...], Callable[[Path, bool], list[Made]]]] = {
    "missing": (("data/missing_episodes.csv",), _missing_data),
    "placements": (("data/episodes.csv", "data/header.csv"), _placements_data),
}
"""Per pack: the files made from a seed, and what makes them."""

COPIED: dict[str, tuple[str, ...]] = {
    "missing": ("config.toml", "data/children-missing-review.txt"),
    "placements": ("config.toml", "data/england.csv"),
}
"""Per pack: the files copied as shipped (the config, a report, published figures)."""


def write_pack(name: str, folder: Path, *, overwrite: bool = False) -> list[Made]:
    """Write the example pack ``name`` into ``folder`` (made if need be).

    Raises FileExistsError naming a file that is there already, before
    anything is written, unless ``overwrite``; each file is written whole
    or not at all.
    """
    made_by, make = GENERATED[name]
    if not overwrite:
        for relative in (*COPIED[name], *made_by):
            if (folder / relative).exists():
                raise FileExistsError(folder / relative)
    shipped = paths.packaged_example(name).parent
    written = []
    for relative in COPIED[name]:
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic.write(target, (shipped / relative).read_bytes(), overwrite=overwrite)
        written.append(Made(target))
    return written + make(folder, overwrite)
