"""The meeting of the reference minute (Children Missing, 9 March 2022), typed into a journal.

Replays what a clerk would have captured in the room: attendance, the
slides shown in the order shown, the presentation point the slides did not
carry, the foster carers query and the officers' answers, the discussion,
the three resolutions and two actions. The words are the published
minute's. Run it to get a journal to open in the app::

    python tests/data/journals/reference_meeting.py /tmp/reference.journal.sqlite
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from panelapp.minutes.entries import Context, Kind
from panelapp.minutes.journal import Clock, Journal
from panelapp.minutes.room import record_presented

ITEM = "4"
MEETING_START = dt.datetime(2022, 3, 9, 16, 0, tzinfo=dt.timezone.utc)

PRESENT = (
    "Councillor Jane Marsh",
    "Councillor Tom Ashby",
    "Councillor Priya Nair",
    "Councillor David Osei",
    "Councillor Helen Wright",
)
SLIDES = (
    "children_missing",
    "mace_share",
    "looked_after_share",
    "top20_episode_share",
    "repeat",
    "rhi_offered_rate",
    "rhi_completed_rate",
)
RESOLUTIONS = (
    "Note the progress made to date including improved quality of practice.",
    "Note the further improvements proposed, which is designed to embed further cultural and "
    "operational changes to achieve positive and sustainable change to the quality of services "
    "provided to children and families of Croydon.",
    "Provide Corporate Leaders with an understanding of progress made to date and an "
    "understanding of the continuous improvements.",
)


def fixed_clock(start: dt.datetime = MEETING_START) -> Clock:
    """A clock that moves on a minute per entry, so the journal reads like the meeting."""
    ticks = iter(range(10_000))
    return lambda: start + dt.timedelta(minutes=next(ticks))


def replay(journal: Journal, *, actions: bool = True) -> None:
    """Type the meeting into an open journal; ``actions`` False leaves out the two actions,
    which the published minute does not record."""
    for name in PRESENT:
        journal.add(Kind.ATTENDANCE, name, role="present")
    for slide in SLIDES:
        record_presented(journal, ITEM, slide)
    add = journal.add
    add(
        Kind.PRESENTATION,
        "This was a result of children having the option to decline an interview.",
        item=ITEM,
        speaker="Hannah Franklin",
    )
    add(
        Kind.PRESENTATION,
        "The service reviewed their process on this to enhance better practice in the "
        "interventions of children and young people.",
        item=ITEM,
        speaker="Hannah Franklin",
    )
    add(
        Kind.PRESENTATION,
        "There had been a development in capturing areas for improvement (such as building "
        "relationships between the young person and their social worker, foster carer or key "
        "worker) and working with EMPIRE in responding to missing episodes.",
        item=ITEM,
        speaker="Julie Daley",
    )
    query = add(
        Kind.QUERY,
        "What role did foster carers play in reducing missing episodes?",
        item=ITEM,
        speaker="Councillor Priya Nair",
        context=Context("looked_after_share", "Missing children in care", "32%"),
    )
    add(
        Kind.RESPONSE,
        "Foster Carers had a vital role to support the reduction of missing episodes in young "
        "people. With the depth of knowledge, it was key for liaisons with social workers to "
        "address observations, communications and other known contributing pull factors of a "
        "young person going missing, though it was noted that a balance of an independent person "
        "would see a young person reach out.",
        item=ITEM,
        speaker="Hannah Franklin",
        query_id=query.id,
    )
    add(
        Kind.RESPONSE,
        "Further, there was also within the RHIs a section for foster carers to contribute to the "
        "risks and understanding of missing episodes as standard practice.",
        item=ITEM,
        speaker="Julie Daley",
        query_id=query.id,
    )
    add(
        Kind.RESPONSE,
        "Additionally, the Director of Early Help and Children's Social Care highlighted the "
        "legal requirement of corporate parents to ask young people of their wellbeing; there was "
        "more support provided for young people who presented missing, and further encouragement "
        "for parents and carers to signpost the young person to speak to an independent person "
        "so their voice could be heard.",
        item=ITEM,
        speaker="Sam Okafor",
        query_id=query.id,
    )
    add(
        Kind.DISCUSSION,
        "EMPIRE welcomed the flexibility in the relationship building with other key workers for "
        "young people to benefit from a better RHIs outcome.",
        item=ITEM,
    )
    add(
        Kind.DISCUSSION,
        "The Chair welcomed the continued focus on children missing and missing episodes "
        "particularly with the 17 year olds and facilitating RHIs. In support, other Members were "
        "also pleased to see an increased focus on missing children and RHIs and supported the "
        "continuity of this focus, as the number of missing episodes in the past had been a "
        "concern. With the learned comments relating to relationship building, Members were in "
        "support for the renewed work around this.",
        item=ITEM,
        speaker="Councillor Jane Marsh",
    )
    for resolution in RESOLUTIONS:
        add(Kind.RESOLUTION, resolution, item=ITEM)
    if not actions:
        return
    add(
        Kind.ACTION,
        "Report Return Home Interview completion after the process review",
        item=ITEM,
        owner="Hannah Franklin",
        due=dt.date(2022, 6, 15),
    )
    add(
        Kind.ACTION,
        "Share the EMPIRE relationship-building work with Members",
        item=ITEM,
        owner="Julie Daley",
        due="next meeting",
    )


def build(path: Path, clock: Clock | None = None, *, actions: bool = True) -> Path:
    """A new journal at ``path`` holding the meeting."""
    with Journal.open(path, clock=clock or fixed_clock()) as journal:
        replay(journal, actions=actions)
    return path


if __name__ == "__main__":  # pragma: no cover - a convenience for trying the app
    print(build(Path(sys.argv[1])))
