"""Three meetings of the sample committee in a row, each a pack folder with its journal.

The first is the sample (9 March 2022); `panelapp next` starts the second
(8 June 2022) and the third (7 September 2022) from the one before. Each
journal is written through the journal API, as the clerk's keys write it:
actions raised, the previous minutes agreed, earlier actions updated.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from panelapp.config import load_pack
from panelapp.minutes.action_log import LoggedAction, prefix, record_update
from panelapp.minutes.entries import Kind
from panelapp.minutes.journal import Journal
from panelapp.minutes.previous import read_previous, record_agreement
from panelapp.next_pack import start_next
from tests.data.journals.sample import copy_sample

MARCH, JUNE, SEPTEMBER = dt.date(2022, 3, 9), dt.date(2022, 6, 8), dt.date(2022, 9, 7)


@dataclass(frozen=True)
class Meetings:
    """The packs' config.toml files, oldest first."""

    march: Path
    june: Path
    september: Path

    def journal(self, config: Path) -> Path:
        return config.parent / "config.journal.sqlite"


def clock(day: dt.date) -> object:
    ticks = iter(range(10_000))
    start = dt.datetime.combine(day, dt.time(16), tzinfo=dt.timezone.utc)
    return lambda: start + dt.timedelta(minutes=next(ticks))


def folders(root: Path) -> Meetings:
    """The three packs, no journal yet."""
    (root / "2022-03-09").mkdir()
    march = copy_sample(root / "2022-03-09")
    june = start_next(load_pack(march), JUNE, root / "2022-06-08").config
    september = start_next(load_pack(june), SEPTEMBER, root / "2022-09-07").config
    return Meetings(march, june, september)


def open_journal(config: Path, day: dt.date) -> Journal:
    pack = load_pack(config)
    path = config.parent / "config.journal.sqlite"
    return Journal.open(path, references=prefix(pack.meeting), clock=clock(day))  # type: ignore[arg-type]


def hold_march(meetings: Meetings) -> None:
    """The first meeting raises four actions (one deleted: its number is not given again)."""
    with open_journal(meetings.march, MARCH) as journal:
        journal.add(Kind.RESOLUTION, "Note the progress made to date.", item="4")
        journal.add(
            Kind.ACTION,
            "Report RHI completion after the process review",
            item="4",
            owner="Hannah Franklin",
            due="2022-06-15",
        )
        share = journal.add(
            Kind.ACTION,
            "Share the EMPIRE relationship work with Members",
            item="4",
            owner="Julie Daley",
            due="next meeting",
        )
        journal.add(Kind.POINT, "including the foster carers' part", item="4", parent_id=share.id)
        gone = journal.add(Kind.ACTION, "Mistyped", item="4")
        journal.delete(gone.id)
        journal.add(
            Kind.ACTION,
            "Brief Members on the MACE protocol",
            item="4",
            owner="Sam Okafor",
            due="2022-04-30",
        )


def hold_june(meetings: Meetings, *, subject_to: str = "") -> None:
    """The second meeting agrees the minutes, updates March's actions, raises one of its own."""
    pack = load_pack(meetings.june)
    open_at_start = {a.reference: a for a in read_previous(pack).open_actions()}
    with open_journal(meetings.june, JUNE) as journal:
        record_agreement(journal, "2", subject_to)
        update(journal, open_at_start, "CPP-2022-03-09/1", "done", "Completion rose to 61%.")
        update(
            journal,
            open_at_start,
            "CPP-2022-03-09/2",
            "carried_forward",
            "Awaiting EMPIRE's July session.",
        )
        update(journal, open_at_start, "CPP-2022-03-09/4", "in_progress", "")
        journal.add(
            Kind.ACTION,
            "Bring the Q1 figures to the next meeting",
            item="4",
            owner="Hannah Franklin",
            due="next meeting",
        )


def hold_september(meetings: Meetings) -> None:
    """The third meeting closes the action June carried forward, drops June's own, and leaves
    the MACE briefing as June left it."""
    pack = load_pack(meetings.september)
    open_at_start = {a.reference: a for a in read_previous(pack).open_actions()}
    with open_journal(meetings.september, SEPTEMBER) as journal:
        record_agreement(journal, "2")
        update(journal, open_at_start, "CPP-2022-03-09/2", "done", "Shared at the July session.")
        update(
            journal,
            open_at_start,
            "CPP-2022-06-08/1",
            "dropped",
            "Superseded by the annual report.",
        )


def update(
    journal: Journal, actions: dict[str, LoggedAction], ref: str, status: str, note: str
) -> None:
    record_update(journal, actions[ref], status, note)
