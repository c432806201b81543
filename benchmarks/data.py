"""Large episode files for the scale benchmarks, in two shapes.

**national**: shaped like a large authority's export, from the parameters
of :class:`Shape` (documented there and in docs/performance.md): about one
child per six episodes, start times to the minute spread over two years,
so nearly every timestamp is distinct, ISO date-times and Yes/No flags, a
share of open episodes and a share of rows with findings of most rules. A
file of this shape gives parsing each distinct value once nothing to save:
it is the shape the targets are set on. ``national-uk`` is the same data
written as a UK spreadsheet writes it (``dd/mm/yyyy HH:MM``, Y/N).

**replicated**: the bundled sample (:func:`panelapp.sample_episodes.generate`)
repeated across boroughs, its child ids re-keyed (``B0007-C10001``): every
date, code and flag repeats, and the file is clean (no findings). It is
kept as a second shape: the sample's own figures, at scale.

Files are written once under ``benchmarks/.data/`` (git-ignored) and reused.
They are written by a child process (``python -m benchmarks.data SHAPE ROWS KIND``):
on Linux a child's peak memory includes its parent's, so the harness itself
must stay small for the per-process figures to mean anything.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).parent / ".data"
"""Where generated files live; never committed."""

DATE_COLUMNS = ("DOB", "MIS_START", "MIS_END")
FLAGS = ("LOOKED_AFTER", "UASC", "CCE", "CSE", "MACE", "RHI_OFFERED", "RHI_COMPLETED")


@dataclass(frozen=True)
class Shape:
    """The parameters a national-shaped file is drawn from (seeded: the same file every time)."""

    name: str
    episodes_per_child: float = 6.0
    """About one child per six episodes, as in the DfE's national missing figures: every
    child has one episode, the rest are shared out by a skewed (lognormal) propensity, so
    most children go missing once or twice and a few dozens of times."""
    first_day: dt.date = dt.date(2020, 1, 1)
    days: int = 731
    """Starts spread evenly over two years (the sample config's period and the one before)."""
    resolution_minutes: int = 1
    """Starts to the minute: over two years about a million distinct moments, so at 1M rows
    most starts (and ends) are distinct, and so are the children's dates of birth (about
    3,000 days over ten years)."""
    median_hours: float = 7.0
    """The typical episode's length; lengths are lognormal, from minutes to days."""
    dates: str = "iso"
    """``iso``: ``2021-03-04 17:23:00`` and ``2004-05-02`` (a database export);
    ``uk``: ``04/03/2021 17:23`` and ``02/05/2004`` (a spreadsheet saved as CSV)."""
    flags: tuple[str, str] = ("Yes", "No")
    """How yes and no are spelt in the seven flag columns."""
    open_share: float = 0.005
    """Episodes with no end yet: a child's latest episode, still open when the data was cut."""
    findings_share: float = 0.002
    """Rows given a fault, spread over the rules (bad or backwards dates, unknown codes, a
    flag that is neither, a blank child or date of birth, an interview completed but not
    offered); overlapping episodes (rule 574) also come about by chance, as in real data."""
    seed: int = 17


SHAPES: dict[str, Shape] = {
    "national": Shape("national"),
    "national-uk": Shape("national-uk", dates="uk", flags=("Y", "N")),
}
"""The national shape and its spreadsheet spelling; ``replicated`` is the sample repeated."""


def episode_file(rows: int, kind: str, shape: str = "national") -> Path:
    """A generated file of ``rows`` episodes (``kind`` csv or parquet), written on first use."""
    path = _path(shape, rows, kind)
    if not path.exists():
        command = [sys.executable, "-m", "benchmarks.data", shape, str(rows), kind]
        subprocess.run(command, check=True)
    return path


def _path(shape: str, rows: int, kind: str) -> Path:
    return DATA_DIR / f"{shape}_{rows}.{kind}"


def write(shape: str, rows: int, kind: str) -> Path:
    """Write the file; CSV as text, Parquet with dates as timestamps as a pipeline writes them."""
    import pyarrow.csv as pa_csv
    import pyarrow.parquet as pq

    path = _path(shape, rows, kind)
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    table = replicated(rows) if shape == "replicated" else national(rows, SHAPES[shape])
    temp = path.with_suffix(".tmp")
    if kind == "csv":
        pa_csv.write_csv(table, temp, write_options=pa_csv.WriteOptions(quoting_style="none"))
    else:
        pq.write_table(_typed_dates(table), temp)
    temp.replace(path)
    return path


def national(rows: int, shape: Shape) -> Any:
    """``rows`` episodes drawn from ``shape``, as a pyarrow table of text, by child then start."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    rng = np.random.default_rng(shape.seed)
    children = max(1, round(rows / shape.episodes_per_child))
    # Every child once, the other episodes by a skewed propensity to go missing.
    propensity = rng.lognormal(0.0, 1.0, children)
    child = np.concatenate(
        [
            np.arange(children),
            rng.choice(children, rows - children, p=propensity / propensity.sum()),
        ]
    )[:rows]
    steps = shape.days * 24 * 60 // shape.resolution_minutes
    start = rng.integers(0, steps, rows) * shape.resolution_minutes
    order = np.lexsort((start, child))
    child, start = child[order], start[order]
    minutes = np.maximum(1, rng.lognormal(np.log(shape.median_hours * 60), 1.0, rows)).astype(int)
    end = start + minutes
    latest = np.append(child[1:] != child[:-1], True)
    still_open = latest & (rng.random(rows) < shape.open_share * shape.episodes_per_child)

    # Who each child is: kept on every episode, as a case system exports it.
    ids = rng.permutation(children) + 1_000_001
    age_days = rng.integers(10 * 365, 18 * 365, children)
    dob_day = _day(shape.first_day) - age_days
    sex = rng.choice(np.array(["1", "2"]), children, p=[0.55, 0.45])
    codes = np.array(["WBRI", "WOTH", "MWBC", "MOTH", "APKN", "AOTH", "BAFR", "BCRB", "OOTH"])
    ethnic = rng.choice(codes, children, p=[0.6, 0.06, 0.07, 0.04, 0.05, 0.04, 0.06, 0.04, 0.04])
    looked_after = rng.random(children) < 0.4
    exploited = rng.random((2, children)) < np.array([[0.15], [0.1]])

    yes, no = shape.flags

    def flag(values: Any) -> Any:
        return pa.array(np.where(values, yes, no), pa.string())

    offered = rng.random(rows) < 0.8
    columns = {
        "CHILD": pa.array(np.char.add("C", ids[child].astype(str)), pa.string()),
        "DOB": _dates(dob_day[child].astype("datetime64[D]"), shape, time=False),
        "SEX": pa.array(sex[child], pa.string()),
        "ETHNIC": pa.array(ethnic[child], pa.string()),
        "MISSING": pa.array(np.where(rng.random(rows) < 0.7, "M", "A"), pa.string()),
        "MIS_START": _moments(start, shape),
        "MIS_END": pc.if_else(
            pa.array(still_open), pa.scalar(None, pa.string()), _moments(end, shape)
        ),
        "LOOKED_AFTER": flag(looked_after[child]),
        "UASC": flag(looked_after[child] & (rng.random(children) < 0.1)[child]),
        "CCE": flag(exploited[0][child]),
        "CSE": flag(exploited[1][child]),
        "MACE": flag(rng.random(rows) < 0.05),
        "RHI_OFFERED": flag(offered),
        "RHI_COMPLETED": flag(offered & (rng.random(rows) < 0.55)),
    }
    return pa.table(_faults(columns, rng, rows, shape))


def _faults(columns: dict[str, Any], rng: Any, rows: int, shape: Shape) -> dict[str, Any]:
    """A share of rows given one fault each, of a kind a council's analyst meets."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    bad_date = "2021-02-30 10:00:00" if shape.dates == "iso" else "30/02/2021 10:00"
    yes, no = shape.flags
    faults: list[tuple[str, str | None]] = [
        ("MIS_END", bad_date),  # 1005
        ("MIS_END", "backwards"),  # 567
        ("MIS_START", "unborn"),  # 586
        ("MISSING", "X"),  # 1006
        ("SEX", "9"),  # SEX
        ("ETHNIC", "WBR"),  # ETHNIC
        ("CCE", "maybe"),  # FLAG
        ("DOB", None),  # DOB
        ("RHI_OFFERED", no),  # RHI (where completed)
        ("MIS_START", None),  # 1004: the episode is left out
        ("CHILD", None),  # CHILD: left out
    ]
    faulty = np.flatnonzero(rng.random(rows) < shape.findings_share)
    kind = rng.integers(0, len(faults), len(faulty))
    for number, (name, value) in enumerate(faults):
        at = faulty[kind == number]
        mask = np.zeros(rows, dtype=bool)
        mask[at] = True
        if value == "backwards":
            # An end an hour before the start, written the way the start is.
            replacement = _shift(columns["MIS_START"], at, -60, shape)
        elif value == "unborn":
            replacement = columns["DOB"].take(pa.array(at))
        else:
            replacement = pa.array([value] * len(at), pa.string())
        columns[name] = pc.replace_with_mask(columns[name], pa.array(mask), replacement)
    return columns


def _shift(texts: Any, at: Any, minutes: int, shape: Shape) -> Any:
    """The date-times at positions ``at`` moved by ``minutes``, written as the shape writes them."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    layout = "%Y-%m-%d %H:%M:%S" if shape.dates == "iso" else "%d/%m/%Y %H:%M"
    parsed = pc.strptime(texts.take(pa.array(at)), format=layout, unit="s")
    moved = np.asarray(parsed.cast(pa.int64())) // 60 + minutes
    return _dates(moved.astype("datetime64[m]"), shape, time=True)


def _day(day: dt.date) -> int:
    return (day - dt.date(1970, 1, 1)).days


def _moments(minutes: Any, shape: Shape) -> Any:
    """Minutes from the shape's first day, as the shape writes a date-time."""
    return _dates(
        (minutes + _day(shape.first_day) * 1440).astype("datetime64[m]"), shape, time=True
    )


def _dates(values: Any, shape: Shape, *, time: bool) -> Any:
    import pyarrow as pa
    import pyarrow.compute as pc

    if shape.dates == "iso":
        layout = "%Y-%m-%d %H:%M:%S" if time else "%Y-%m-%d"
    else:
        layout = "%d/%m/%Y %H:%M" if time else "%d/%m/%Y"
    return pc.strftime(pa.array(values.astype("datetime64[s]")), format=layout)


def replicated(rows: int) -> Any:
    """``rows`` episodes as a pyarrow table: whole boroughs of the sample, the last cut short."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    from panelapp.sample_episodes import generate

    frame = generate()
    sample = pa.table({name: pa.array(frame[name].tolist(), pa.string()) for name in frame})
    per_borough = sample.num_rows
    boroughs = -(-rows // per_borough)
    table = sample.take(pa.array(np.tile(np.arange(per_borough), boroughs)[:rows]))
    borough = np.repeat(np.arange(boroughs), per_borough)[:rows]
    prefix = pc.utf8_lpad(pa.array(borough).cast(pa.string()), 4, "0")
    child = pc.binary_join_element_wise("B", prefix, "-", table["CHILD"], "")
    table = table.set_column(table.schema.get_field_index("CHILD"), "CHILD", child)
    # An open episode is an empty cell in the file, as the sample writes it.
    end = table["MIS_END"]
    end = pc.if_else(pc.equal(end, ""), pa.scalar(None, pa.string()), end)
    return table.set_column(table.schema.get_field_index("MIS_END"), "MIS_END", end)


def _typed_dates(table: Any) -> Any:
    """Parquet from a pipeline stores dates as timestamps, not text (a bad date is no date)."""
    import pyarrow.compute as pc

    for name in DATE_COLUMNS:
        column = table[name]
        for layout in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d", "%d/%m/%Y %H:%M", "%d/%m/%Y"):
            parsed = pc.strptime(column, format=layout, unit="s", error_is_null=True)
            if parsed.null_count < len(parsed):
                break
        table = table.set_column(table.schema.get_field_index(name), name, parsed)
    return table


if __name__ == "__main__":
    print(write(sys.argv[1], int(sys.argv[2]), sys.argv[3]))
