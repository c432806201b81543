"""Fixtures shared by the core's tests: the sample's figures, computed once per worker."""

from __future__ import annotations

from pathlib import Path

import pytest

from panelapp.cli import main
from panelapp.config import Pack, load_pack
from panelapp.metrics.engine import compute_item
from panelapp.metrics.results import ItemFigures

ROOT = Path(__file__).parents[2]


@pytest.fixture(scope="session")
def sample_pack() -> Pack:
    """The bundled sample pack (the published Children Missing minute's figures)."""
    return load_pack(ROOT / "config.toml")


@pytest.fixture(scope="session")
def sample_figures(sample_pack: Pack) -> ItemFigures:
    """Item 4's private figures straight from the engine, as `panelapp verify` holds a report to."""
    return compute_item(sample_pack, sample_pack.item("4"))


@pytest.fixture
def private_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The user's cache and data folders inside the test's own, so no test shares a
    journal, an export or a figures cache with another."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data-home"))


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """`panelapp ARGS` in this process: its exit status, standard output and standard error."""
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err
