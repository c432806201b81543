"""How close the draft of the replayed reference meeting reads to the published minute.

The reference meeting (tests/data/journals/reference_meeting.py) is typed
into a journal as a clerk would have typed it live, item 4 is exported with
the shipped templates and the sample pack, and the draft's item is compared
with the published minute sentence by sentence: both are cut into
sentences, each normalised (lower case, punctuation and Markdown dropped),
and difflib's SequenceMatcher gives the ratio of the two sequences of
sentences, so a sentence counts only when it reads the same, word for word.

The minute page's label ("Agenda item") and the draft's meeting heading
(committee, council, date) are left out: they are page furniture, not the
item's minute. Run ``python -m benchmarks.likeness`` to print the ratio and
the sentences that differ.
"""

from __future__ import annotations

import difflib
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

MINUTE = Path(__file__).parents[1] / "tests/data/reports/minutes-example-children-missing.txt"
"""The published minute, as the project keeps a copy of it."""

ITEM_HEADING = "## 4. "
"""Where the draft's item starts."""

_MARKUP = re.compile(r"^\s*(?:(?:#+|[-•*]|\d+[.)])\s+)+")
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+")
_NOT_WORD = re.compile(r"[^\w%]+")


def sentences(text: str) -> list[str]:
    """The normalised sentences of a text, in order: one per line part ending in . ? or !"""
    found = []
    for line in text.replace("\u00a0", " ").splitlines():
        line = _MARKUP.sub("", line.replace("**", "")).strip()
        if line.lower() == "agenda item":
            continue
        for part in _SENTENCE_END.split(line):
            words = _NOT_WORD.sub(" ", part.lower()).strip()
            if words:
                found.append(words)
    return found


@dataclass(frozen=True)
class Likeness:
    """The ratio, and the sentences behind it."""

    ratio: float
    draft: tuple[str, ...]
    minute: tuple[str, ...]

    def differences(self) -> list[str]:
        """The sentences of each side that have no twin on the other, in order."""
        matcher = difflib.SequenceMatcher(None, self.draft, self.minute, autojunk=False)
        lines = []
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag != "equal":
                lines += [f"- draft:  {s}" for s in self.draft[i1:i2]]
                lines += [f"+ minute: {s}" for s in self.minute[j1:j2]]
        return lines


def likeness(draft: str, minute: str) -> Likeness:
    """How alike the draft's item and the published minute read (see the module)."""
    start = draft.find(ITEM_HEADING)
    ours = tuple(sentences(draft[start:] if start >= 0 else draft))
    theirs = tuple(sentences(minute))
    ratio = difflib.SequenceMatcher(None, ours, theirs, autojunk=False).ratio()
    return Likeness(ratio, ours, theirs)


def replayed_draft(folder: Path) -> str:
    """Item 4's draft, as exported after the reference meeting is replayed into a journal."""
    from panelapp import paths
    from panelapp.config import load_pack
    from panelapp.minutes.draft import prepare_minutes
    from panelapp.minutes.export import render
    from tests.data.journals import reference_meeting

    journal = reference_meeting.build(folder / "replay.journal.sqlite", actions=False)
    minutes = prepare_minutes(
        load_pack(paths.packaged_sample()), journal=journal, item="4", use_cache=False
    )
    text = render(minutes, "md")
    assert isinstance(text, str)
    return text


def measure(minute: Path) -> Likeness:
    """The replay's likeness to the published minute at ``minute``."""
    with tempfile.TemporaryDirectory() as folder:
        return likeness(replayed_draft(Path(folder)), minute.read_text(encoding="utf-8"))


def main(argv: list[str]) -> int:
    minute = Path(argv[0]) if argv else MINUTE
    result = measure(minute)
    print(
        f"ratio {result.ratio:.3f} ({len(result.draft)} draft sentences, "
        f"{len(result.minute)} in the minute)"
    )
    print("\n".join(result.differences()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
