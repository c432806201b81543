"""The room's screen in the journal: what it shows, what it presented, what viewers read."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import threading
from pathlib import Path

import pytest

from panelapp.config import ConfigError, load_pack
from panelapp.metrics.engine import present
from panelapp.metrics.portable import Unreadable, from_public_json, public_json
from panelapp.minutes import migrations
from panelapp.minutes.journal import Journal, JournalError
from panelapp.minutes.room import (
    OnScreen,
    open_item,
    put_on_screen,
    read_on_screen,
    read_presented,
    read_room,
    record_presented,
    share_figures,
    shared_figures,
    shared_stamp,
    unrecord_presented,
)
from panelapp.paths import filesystem_type, on_network_filesystem
from tests.data.journals.sample import sample_figures, sample_pack


def test_the_on_screen_record_round_trips_and_says_where_the_room_is(tmp_path: Path) -> None:
    state = OnScreen("4", "episodes", "kpi", True, "Missing episodes", "1,032", "▼ −210", 2, 8).at(
        seat="present"
    )
    with Journal.open(tmp_path / "j.sqlite") as journal:
        assert read_on_screen(journal) is None
        put_on_screen(journal, state)
        with Journal.open(tmp_path / "j.sqlite") as other:
            assert read_on_screen(other) == state
    assert state.position_text == "slide 2 of 8"
    assert state.stamps
    assert not OnScreen("1").stamps, "an agenda slide stamps nothing"
    assert state.place() == dataclasses.replace(state, since="x", figure="y").place()
    assert state.place() != dataclasses.replace(state, public=False).place()


@pytest.mark.parametrize("text", ["", "not json", "[1]", '{"slide": "x"}', '{"item": 4}'])
def test_an_unreadable_on_screen_record_is_no_place(text: str) -> None:
    assert OnScreen.from_json(text) is None


def test_unknown_or_wrongly_typed_fields_are_left_at_their_defaults() -> None:
    state = OnScreen.from_json(
        json.dumps({"item": "4", "slide": "repeat", "position": "3", "kind": "odd", "x": 1})
    )
    assert state == OnScreen("4", "repeat", "kpi")


def test_data_version_moves_only_for_another_connections_commits(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite"
    with Journal.open(path) as mine, Journal.open(path) as theirs:
        seen = mine.data_version()
        put_on_screen(mine, OnScreen("4", "episodes"))
        assert mine.data_version() == seen, "our own writes are not news"
        put_on_screen(theirs, OnScreen("4", "repeat"))
        assert mine.data_version() != seen
        assert read_on_screen(mine) == OnScreen("4", "repeat")


def test_presented_keeps_the_first_showing_and_opens_the_item(tmp_path: Path) -> None:
    with Journal.open(tmp_path / "j.sqlite") as journal:
        assert open_item(journal, "2")
        assert not open_item(journal, "2")
        assert record_presented(journal, "4", "mace_share")
        assert record_presented(journal, "4", "children_missing")
        assert not record_presented(journal, "4", "mace_share")
        assert read_presented(journal, "4") == ("mace_share", "children_missing")
        assert read_room(journal) == (
            frozenset({"2", "4"}),
            {"4": ("mace_share", "children_missing")},
        )
        assert unrecord_presented(journal, "4", "mace_share")
        assert not unrecord_presented(journal, "4", "mace_share")
        assert read_presented(journal, "4") == ("children_missing",)
        assert record_presented(journal, "4", "mace_share"), "added back, at the end"
        assert read_presented(journal, "4") == ("children_missing", "mace_share")


def test_two_seats_recording_at_once_lose_nothing(tmp_path: Path) -> None:
    """Each seat its own connection, as two processes would be, writing as fast as they can."""
    path = tmp_path / "j.sqlite"
    Journal.open(path).close()
    slides = {seat: [f"{seat}-{n}" for n in range(60)] for seat in ("room", "solo")}
    start = threading.Barrier(2)

    def seat(name: str) -> None:
        with Journal.open(path) as journal:
            start.wait()
            for slide in slides[name]:
                record_presented(journal, "4", slide)

    threads = [threading.Thread(target=seat, args=(name,)) for name in slides]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with Journal.open(path) as journal:
        assert sorted(read_presented(journal, "4")) == sorted(slides["room"] + slides["solo"])


def test_a_version_1_journal_keeps_what_was_presented_and_where_the_room_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.journal.sqlite"
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:1])
    with Journal.open(path) as journal:
        journal.set_state("presented:4", json.dumps(["mace_share", "children_missing"]))
        journal.set_state("presented:5", "damaged")
        journal.set_state("item", "4")
        journal.set_state("screen", "children_missing")
    monkeypatch.undo()
    with Journal.open(path) as journal:
        assert read_room(journal) == (
            frozenset({"4"}),
            {"4": ("mace_share", "children_missing")},
        ), "the damaged list still reads as nothing presented, and its item as not opened"
        assert read_on_screen(journal) == OnScreen("4", "children_missing", "kpi")
        assert journal.get_state("presented:4") is None
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.latest()


def test_viewers_read_the_public_figures_the_room_shared(tmp_path: Path) -> None:
    pack = sample_pack()
    public = present(sample_figures()[0], pack, public=True)
    with Journal.open(tmp_path / "j.sqlite") as journal:
        assert shared_figures(journal) == {}
        share_figures(journal, {"4": public_json(public)})
        first = shared_stamp(journal)
        share_figures(journal, {"4": public_json(public)})
        assert shared_stamp(journal) != first, "shared again, read again"
        read = from_public_json(shared_figures(journal)["4"], pack.item("4"))
    assert read.kpis[0].current == public.kpis[0].current
    assert read.item == pack.item("4")
    assert not read.findings and all(not k.notes for k in read.kpis), "no rows, no notes"
    with pytest.raises(ValueError, match="only public"):
        public_json(present(sample_figures()[0], pack, public=False))


@pytest.mark.parametrize(
    "text",
    ["nope", "[]", '{"format": 99, "figures": {}}', '{"format": 1, "figures": {"kpis": 3}}'],
)
def test_shared_figures_of_another_shape_are_refused(text: str) -> None:
    with pytest.raises(Unreadable):
        from_public_json(text, sample_pack().item("4"))


MOUNTS = """\
/dev/sda1 / ext4 rw 0 0
server:/export /mnt/share nfs4 rw 0 0
//nas/minutes /mnt/nas\\040box cifs rw 0 0
me@host: /home/clerk/remote fuse.sshfs rw 0 0
"""


def test_network_file_systems_are_recognised(tmp_path: Path) -> None:
    mounts = tmp_path / "mounts"
    mounts.write_text(MOUNTS)
    assert filesystem_type(Path("/etc/hostname"), mounts) == "ext4"
    assert on_network_filesystem(Path("/mnt/share/pack/j.sqlite"), mounts) == "nfs4"
    assert on_network_filesystem(Path("/mnt/nas box/j.sqlite"), mounts) == "cifs"
    assert on_network_filesystem(Path("/home/clerk/remote/x"), mounts) == "fuse.sshfs"
    assert on_network_filesystem(Path("/home/clerk/x"), mounts) is None
    assert on_network_filesystem(Path("/x"), tmp_path / "no-such-table") is None


def test_a_journal_on_a_network_file_system_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mounts = tmp_path / "mounts"
    mounts.write_text(f"server:/export {tmp_path} nfs4 rw 0 0\n")
    monkeypatch.setattr("panelapp.paths.MOUNTS", mounts)
    path = tmp_path / "j.sqlite"
    with pytest.raises(JournalError, match=r"network file system \(nfs4\)") as error:
        Journal.open(path)
    assert "SSH" in error.value.message
    assert not path.exists()


def test_presented_after_is_read_and_checked(tmp_path: Path) -> None:
    text = (Path(__file__).parents[1] / "data" / "packs" / "minimal" / "config.toml").read_text()
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "config.toml").write_text(text + "\n[minutes]\npresented_after = 2.5\n")
    assert load_pack(folder, check_files=False).minutes.presented_after == 2.5
    (folder / "config.toml").write_text(text + "\n[minutes]\npresented_after = -1\n")
    with pytest.raises(ConfigError, match="minutes.presented_after"):
        load_pack(folder, check_files=False)
