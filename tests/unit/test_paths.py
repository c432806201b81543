"""Where journals and drafts go when a pack's own folder cannot hold them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from panelapp import paths


def test_a_writable_pack_keeps_its_journal_beside_it(tmp_path: Path) -> None:
    config = tmp_path / "march.toml"
    assert paths.journal_for(config) == tmp_path / "march.journal.sqlite"
    assert paths.exports_dir(config) == tmp_path / "minutes"


def test_read_only_packs_get_a_journal_each(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    one = paths.journal_for(tmp_path / "a" / "config.toml")
    two = paths.journal_for(tmp_path / "b" / "config.toml")
    assert one != two
    assert one.parent == two.parent == paths.user_data_dir()
    assert paths.exports_dir(tmp_path / "a" / "config.toml") != paths.exports_dir(
        tmp_path / "b" / "config.toml"
    )


def test_the_packaged_sample_journal_is_in_user_data() -> None:
    journal = paths.journal_for(paths.packaged_sample())
    assert journal == paths.user_data_dir() / "sample.journal.sqlite"
