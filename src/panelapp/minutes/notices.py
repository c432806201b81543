"""What the clerk is told about a draft before it goes out; never printed in the draft itself.

The preview shows these above the draft and ``panelapp export`` says them on
standard error: members nobody marked (who are minuted nowhere), items whose
figures could not be made (and why), where typed text names a child (shown
as "[child]" and "[date]" in the public version, kept in the private one for
the clerk to check), previous minutes not yet recorded as agreed, and what
of the meetings before this one could not be read.
"""

from __future__ import annotations

from panelapp.minutes.draft import Minutes
from panelapp.minutes.identifiers import CHILD_MARK, DATE_MARK
from panelapp.minutes.register import not_marked


def unavailable(minutes: Minutes) -> list[str]:
    """Each item whose figures could not be made, and why: worth saying before the meeting
    too, when nothing else is yet to check."""
    return [f"Figures not available, and the draft says so: {line}" for line in minutes.unavailable]


def notices(minutes: Minutes, *, register: str) -> list[str]:
    """One sentence per thing to check; ``register`` says how to reach the register from
    where the clerk is ('press a', 'Ctrl+R at the desk')."""
    said = []
    unmarked = not_marked(minutes.attendance.unmarked) if minutes.whole_meeting else ""
    if unmarked:
        said.append(
            f"{unmarked}. They are not minuted as present or absent: mark them in the "
            f"register ({register})."
        )
    if minutes.named:
        said.append(
            f"Typed text names a child ({CHILD_MARK} and {DATE_MARK} in the public version): "
            + "; ".join(minutes.named)
            + "."
        )
    said += unavailable(minutes)
    for line in minutes.unchecked:
        said.append(
            f"Not checked for a child's identifier, since the data could not be read: {line}"
        )
    for item in minutes.items:
        agreed = item.approval is not None or item.resolutions
        if item.approves_previous and not agreed and minutes.whole_meeting:
            said.append(
                f"Item {item.number}: the previous meeting's minutes are not recorded as "
                "agreed (the previous minutes: F4 at the desk, m in the solo seat)."
            )
    said += [f"The meetings before this one: {line.rstrip('.')}." for line in minutes.between]
    return said
