"""Fixtures for every tier: a figures cache of this test session's own."""

from __future__ import annotations

import os
from collections.abc import Iterator

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
