"""The one way the UI reaches the journal: in order, off the UI thread, never into a lost file."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest

from panelapp.minutes.entries import Kind
from panelapp.minutes.journal import Journal, JournalError
from panelapp.ui.link import JournalLink


def test_calls_run_in_order_on_the_links_own_thread(tmp_path: Path) -> None:
    async def main() -> list[str]:
        link = JournalLink(tmp_path / "j.sqlite")
        journal = await link.open()
        threads = set()

        def add(text: str) -> None:
            threads.add(threading.current_thread().name)
            journal.add(Kind.NOTE, text, item="1")

        await asyncio.gather(*(link.call(add, str(n)) for n in range(20)))
        texts = [e.text for e in await link.call(journal.item_entries, "1")]
        link.close()
        assert threads and all(name.startswith("journal") for name in threads)
        assert threading.current_thread().name not in threads
        return texts

    assert asyncio.run(main()) == [str(n) for n in range(20)]


def test_a_journal_removed_while_open_is_refused_not_written(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite"

    async def main() -> None:
        link = JournalLink(path)
        journal = await link.open()
        await link.call(journal.add, Kind.NOTE, "kept", item="1")
        path.rename(tmp_path / "moved.sqlite")
        with pytest.raises(JournalError, match="removed or replaced") as error:
            await link.call(journal.add, Kind.NOTE, "would be lost", item="1")
        assert "still in the capture line" in error.value.message
        link.close()

    asyncio.run(main())
    (tmp_path / "moved.sqlite").rename(path)  # put back, beside its write-ahead log
    with Journal.open(path, create=False) as back:
        assert [e.text for e in back.item_entries("1")] == ["kept"]
