"""Fixtures for every tier: nothing a test does reaches the user's own folders."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest


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
