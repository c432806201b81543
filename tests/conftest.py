"""Fixtures for every tier: a figures cache of this test session's own, and nothing a test
does reaches the user's own folders."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest


@pytest.fixture(scope="session", autouse=True)
def session_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Figures cached by this session only (each xdist worker has its own).

    A cache kept between runs let snapshot tests pass on figures an older
    engine had computed; the user's own cache is never touched either.
    Tests that need an empty cache set ``XDG_CACHE_HOME`` themselves.
    """
    saved = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.getbasetemp() / "figures-cache")
    try:
        yield
    finally:
        if saved is None:
            del os.environ["XDG_CACHE_HOME"]
        else:
            os.environ["XDG_CACHE_HOME"] = saved


@pytest.fixture(autouse=True)
def _private_log_folder(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Unexpected errors write their details to the user log folder; tests get their own."""
    folder = tmp_path_factory.mktemp("state")
    monkeypatch.setenv("XDG_STATE_HOME", str(folder))
    return folder


@pytest.fixture
def unwritable(monkeypatch: pytest.MonkeyPatch) -> Callable[[Path], None]:
    """Make a file or folder unwritable as panelapp's permission check sees it.

    Tests may run as root, whom file permissions never stop, so the check
    itself is told; everything else still goes to the real file system.
    """
    refused: set[Path] = set()
    allowed = os.access

    def access(target: object, mode: int, *args: object, **kwargs: object) -> bool:
        if mode == os.W_OK and Path(str(target)) in refused:
            return False
        return allowed(target, mode, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)
    return refused.add
