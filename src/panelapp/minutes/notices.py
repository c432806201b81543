"""What the clerk is told about a draft before it goes out; never printed in the draft itself.

The preview shows these above the draft and ``panelapp export`` says them on
standard error: members nobody marked (who are minuted nowhere), items whose
figures could not be made (and why), and where typed text names a child
(shown as "[child]" and "[date]" in the public version, kept in the private
one for the clerk to check).
"""

from __future__ import annotations

from panelapp.minutes.draft import Minutes
from panelapp.minutes.identifiers import CHILD_MARK, DATE_MARK
from panelapp.minutes.register import not_marked


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
    for line in minutes.unavailable:
        said.append(f"Figures not available, and the draft says so: {line}")
    for line in minutes.unchecked:
        said.append(
            f"Not checked for a child's identifier, since the data could not be read: {line}"
        )
    return said
