"""Large episode files for the scale benchmarks: the sample, replicated across boroughs.

Each "borough" is the bundled sample (:func:`panelapp.sample_episodes.generate`)
with its child ids re-keyed (``B0007-C10001``), so every borough's children are
distinct and the dates stay in 2020-2021: every KPI still computes the same
way, the shares are the sample's, and the file is as clean as a real one (no
findings), so the benchmark times the figures rather than the error path.

Files are written once under ``benchmarks/.data/`` (git-ignored) and reused.
They are written by a child process (``python -m benchmarks.data ROWS KIND``):
on Linux a child's peak memory includes its parent's, so the harness itself
must stay small for the per-process figures to mean anything.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).parent / ".data"
"""Where generated files live; never committed."""

DATE_COLUMNS = ("DOB", "MIS_START", "MIS_END")


def episode_file(rows: int, kind: str) -> Path:
    """A generated file of ``rows`` episodes (``kind`` csv or parquet), written on first use."""
    path = DATA_DIR / f"episodes_{rows}.{kind}"
    if not path.exists():
        subprocess.run([sys.executable, "-m", "benchmarks.data", str(rows), kind], check=True)
    return path


def write(rows: int, kind: str) -> Path:
    """Write the file; CSV as the sample writes it, Parquet with dates as timestamps."""
    import pyarrow.csv as pa_csv
    import pyarrow.parquet as pq

    path = DATA_DIR / f"episodes_{rows}.{kind}"
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    table = episodes_table(rows)
    temp = path.with_suffix(".tmp")
    if kind == "csv":
        pa_csv.write_csv(table, temp, write_options=pa_csv.WriteOptions(quoting_style="none"))
    else:
        pq.write_table(_typed_dates(table), temp)
    temp.replace(path)
    return path


def episodes_table(rows: int) -> Any:
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
    """Parquet from a pipeline stores dates as timestamps, not dd/mm/yyyy text."""
    import pyarrow.compute as pc

    for name in DATE_COLUMNS:
        layout = "%d/%m/%Y" if name == "DOB" else "%d/%m/%Y %H:%M"
        parsed = pc.strptime(table[name], format=layout, unit="s")
        table = table.set_column(table.schema.get_field_index(name), name, parsed)
    return table


if __name__ == "__main__":
    print(write(int(sys.argv[1]), sys.argv[2]))
