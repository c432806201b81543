"""A fresh tmux session per test, skipped with a reason where tmux is absent."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator

import pytest

from .terminal import tmux


@pytest.fixture
def session() -> Iterator[str]:
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed: end-to-end tests need the real program in a terminal")
    name = f"panelapp-e2e-{uuid.uuid4().hex[:8]}"
    try:
        yield name
    finally:
        tmux("kill-session", "-t", name)
