"""The bundled placements pack's SSDA903 Episodes and Header tables, generated from a seed.

A Corporate Parenting Panel in a London borough hears placement stability
once a year, against the DfE's two stability measures; the pack's records
tell that story without a single real child in them. Every child is one
of a few kinds (settled for years, came into care recently, moved three
times this year, left care, …) in exact numbers, so the headline figures
come out exactly, year after year:

- 31 March 2024: 452 children looked after; 45 (10%) had three or more
  placements in 2023-24; of the 212 under 16 looked after for two and a
  half years, 144 (68%) had lived with the same carer for two years;
- 31 March 2023: 468 looked after; 52 (11%) with three or more placements;
  135 of 205 (66%) with the same carer.

Each month of both years is counted on its last day over the twelve months
before, so the trends run through the year as a council's own reports do.

The records break no data-quality rule (a demonstration shows figures, not
findings); every child's whole history is in the file, as a case system's
extract gives it. The same seed always writes the same bytes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from panelapp import atomic
from panelapp.kinds import EPISODE_COLUMNS, HEADER_COLUMNS, NEVER_READ
from panelapp.sample_episodes import ETHNIC_WEIGHTS, _draw, age_on

DEFAULT_SEED = 2024
"""The seed the bundled pack's data was written with."""

YEAR_END = dt.date(2024, 3, 31)
"""The last day of the year presented (2023-24)."""

LAST_YEAR_END = dt.date(2023, 3, 31)
"""The last day of the year it is compared with (2022-23)."""

EXTRACT_FROM = dt.date(2019, 4, 1)
"""Children looked after on any day from here to YEAR_END are in the extract, with their
whole history (the pack says it covers these dates)."""

EPISODE_FILE = "episodes.csv"
HEADER_FILE = "header.csv"
"""The two tables' file names in the pack's data folder."""

EPISODE_HEADER = (*EPISODE_COLUMNS[:10], "HOME_POST", "PL_POST", "URN")
"""The Episodes table's columns in the DfE's order (the postcodes and URN written, never read)."""

PEOPLE_HEADER = (*HEADER_COLUMNS, "UPN", "MOTHER", "MC_DOB")
"""The Header table's columns in the DfE's order (UPN and the mother's fields left blank)."""

assert set(EPISODE_HEADER + PEOPLE_HEADER) - set(EPISODE_COLUMNS + HEADER_COLUMNS) <= set(
    NEVER_READ
)

FOSTER = ("U4", "U4", "U4", "U5", "U6", "U1", "U2", "U3")
"""Foster placements, most with carers who are not relatives or friends (U4)."""
RESIDENTIAL = ("K2", "K2", "R1", "S1")
"""Children's homes, most registered (K2), and residential schools."""
SEMI = ("H5",)
"""Semi-independent accommodation, for 16 and 17 year olds."""
INDEPENDENT = ("P2",)
"""Independent living, for 17 year olds."""
PARENTS = ("P1",)
"""Placed with parents under a care order."""
ADOPTION = ("A4",)
"""Placed for adoption with a placement order, not with the current foster carer."""

MIX: dict[str, dict[tuple[str, ...], float]] = {
    "settled": {FOSTER: 86, RESIDENTIAL: 8, PARENTS: 4, ("Z1",): 2},
    "mover": {RESIDENTIAL: 45, FOSTER: 40, SEMI: 15},
    "recent": {FOSTER: 76, RESIDENTIAL: 10, PARENTS: 10, ("Z1",): 4},
    "older": {SEMI: 35, INDEPENDENT: 15, FOSTER: 40, RESIDENTIAL: 10},
}
"""Where children of each kind are placed: by placement group, weights in percent."""

CIN_WEIGHTS: dict[str, float] = {
    "N1": 62,
    "N2": 3,
    "N3": 3,
    "N4": 8,
    "N5": 14,
    "N6": 2,
    "N7": 0.5,
    "N8": 7.5,
}
"""Categories of need as in England's figures: abuse or neglect for most."""

PROVIDERS: dict[str, dict[str, float]] = {
    "U": {"PR1": 60, "PR4": 40},
    "K": {"PR4": 80, "PR5": 10, "PR1": 10},
    "R": {"PR4": 70, "PR5": 30},
    "S": {"PR4": 60, "PR5": 40},
    "H": {"PR4": 85, "PR1": 15},
    "P": {"PR1": 100},
    "A": {"PR1": 70, "PR2": 30},
}
"""Who provides each kind of placement: the council's own carers, or agencies."""

CHANGE_REASONS: dict[str, float] = {
    "CARPL": 30,
    "CHILD": 20,
    "LAREQ": 15,
    "PLACE": 15,
    "STAND": 8,
    "CLOSE": 5,
    "APPRR": 4,
    "OTHER": 3,
}
"""Why placements change: the carer's request, the child's, the council's plan, …"""

HOME_DISTRICTS = ("CR0 1", "CR0 2", "CR0 3", "CR0 6", "CR7 7", "CR7 8", "SE25 4", "SE25 6")
"""Partial postcodes of the borough's homes (never read: distance is not computed)."""

PLACEMENT_DISTRICTS = (*HOME_DISTRICTS, "SM1 2", "BR3 4", "SE19 2", "RH1 6", "ME14 5", "TN1 2")
"""Partial postcodes of placements, in the borough and beyond."""


@dataclass
class _Episode:
    """One episode before formatting."""

    start: dt.date
    rne: str
    place: str
    ls: str
    reason: str = ""
    provider: str = ""
    post: str = ""
    urn: str = ""
    ended: dt.date | None = None
    """The day it ceased (the day the next began, for X1); None while open."""
    rec: str = ""


@dataclass
class _Child:
    """A pseudonymous child, their details and their episodes in order."""

    dob: dt.date
    sex: int
    ethnic: str
    cin: str
    home: str
    episodes: list[_Episode] = field(default_factory=list)
    child_id: str = ""


def generate(seed: int = DEFAULT_SEED) -> tuple[list[list[str]], list[list[str]]]:
    """The Episodes and Header tables' rows, as text exactly as the files hold them."""
    rng = np.random.default_rng(seed)
    make = _Maker(rng)
    children = make.everyone()
    for number, index in enumerate(rng.permutation(len(children))):
        children[int(index)].child_id = f"P{20001 + number}"
    children.sort(key=lambda child: child.child_id)
    episodes = [_episode_row(child, n) for child in children for n in range(len(child.episodes))]
    people = [_person_row(child) for child in children]
    return episodes, people


def write_data(folder: Path, seed: int = DEFAULT_SEED, *, overwrite: bool = True) -> int:
    """Write the two tables into ``folder``, returning the number of episodes.

    Unix line endings and UTF-8 whatever the platform, each file written
    whole or not at all; with ``overwrite`` False an existing file is never
    replaced (FileExistsError).
    """
    episodes, people = generate(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for name, header, rows in (
        (EPISODE_FILE, EPISODE_HEADER, episodes),
        (HEADER_FILE, PEOPLE_HEADER, people),
    ):
        text = "".join(",".join(row) + "\n" for row in [list(header), *rows])
        atomic.write(folder / name, text.encode("utf-8"), overwrite=overwrite)
    return len(episodes)


def _day(day: dt.date) -> str:
    return f"{day:%d/%m/%Y}"


def _episode_row(child: _Child, n: int) -> list[str]:
    """One Episodes row in 903 formats (dd/mm/yyyy dates)."""
    episode = child.episodes[n]
    ended = "" if episode.ended is None else _day(episode.ended)
    rec = episode.rec
    return [
        child.child_id,
        _day(episode.start),
        episode.rne,
        episode.ls,
        child.cin,
        episode.place,
        episode.provider,
        ended,
        rec,
        episode.reason,
        child.home,
        episode.post,
        episode.urn,
    ]


def _person_row(child: _Child) -> list[str]:
    return [child.child_id, str(child.sex), _day(child.dob), child.ethnic, "", "", ""]


# ---------------------------------------------------------------------------
# Children, kind by kind


def _days(first: dt.date, last: dt.date) -> int:
    return (last - first).days


def _birthday(dob: dt.date, years: int) -> dt.date:
    """The day ``years`` after ``dob`` (before, when negative); 28 February for 29 February."""
    try:
        return dob.replace(year=dob.year + years)
    except ValueError:
        return dob.replace(year=dob.year + years, day=28)


class _Maker:
    """Makes each kind of child in its exact number."""

    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng

    def day(self, first: dt.date, last: dt.date) -> dt.date:
        """A day from ``first`` to ``last``, both included."""
        return first + dt.timedelta(days=int(self.rng.integers(0, _days(first, last) + 1)))

    def days(self, first: dt.date, last: dt.date, count: int, apart: int = 21) -> list[dt.date]:
        """``count`` days in order from ``first`` to ``last``, at least ``apart`` days apart."""
        room = _days(first, last) - apart * (count - 1)
        if room < 0:
            raise ValueError(f"{count} days do not fit between {first} and {last}")
        offsets = np.sort(self.rng.integers(0, room + 1, count))
        return [first + dt.timedelta(days=int(o) + apart * i) for i, o in enumerate(offsets)]

    def child(self, age: tuple[int, int], on: dt.date, came: dt.date) -> _Child:
        """A child aged between ``age`` (both included) on ``on``, born before ``came``."""
        low, high = age
        for _ in range(200):
            years = int(self.rng.integers(low, high + 1))
            latest = min(_birthday(on, -years), came - dt.timedelta(days=1))
            dob = self.day(latest - dt.timedelta(days=364), latest)
            if low <= age_on(dob, on) <= high and dob < came:
                break
        else:  # pragma: no cover - the kinds below always leave room
            raise ValueError(f"no birth date gives age {age} on {on} before {came}")
        return _Child(
            dob=dob,
            sex=1 if self.rng.random() < 0.55 else 2,
            ethnic=_draw(self.rng, ETHNIC_WEIGHTS),
            cin=_draw(self.rng, CIN_WEIGHTS),
            home=str(self.rng.choice(HOME_DISTRICTS)),
        )

    def placed(self, child: _Child, kind: str, at: dt.date) -> str:
        """A placement code of ``kind``'s mix that suits the child's age on ``at``."""
        age = age_on(child.dob, at)
        mix = {
            group: weight
            for group, weight in MIX[kind].items()
            if (group != SEMI or age >= 16)
            and (group != INDEPENDENT or age >= 17)
            and (group != RESIDENTIAL or age >= 10)
        }
        return str(self.rng.choice(_draw(self.rng, mix)))

    def episode(
        self, child: _Child, start: dt.date, rne: str, place: str, ls: str, reason: str = ""
    ) -> None:
        """Add an episode, with the provider, postcode and URN its placement has."""
        provider = _draw(self.rng, PROVIDERS[place[0]]) if place[0] in PROVIDERS else ""
        same = child.episodes[-1] if child.episodes and rne in ("L", "U", "B") else None
        post = same.post if same is not None else str(self.rng.choice(PLACEMENT_DISTRICTS))
        urn = ""
        if place in ("K1", "K2", "R1"):
            urn = (
                same.urn
                if same is not None and same.urn
                else f"SC{self.rng.integers(100_000, 1_000_000)}"
            )
        if same is not None and rne == "L":
            provider = same.provider
        child.episodes.append(_Episode(start, rne, place, ls, reason, provider, post, urn))

    def history(
        self,
        child: _Child,
        came: dt.date,
        moves: Sequence[tuple[dt.date, str]],
        kind: str,
        *,
        last: str = "",
        leaves: tuple[dt.date, str] | None = None,
    ) -> _Child:
        """The child's episodes: into care on ``came``, a move on each of ``moves`` (with its
        reason for new episode), an interim care order made full some months in (a change of
        legal status only), and leaving care as ``leaves`` says, or not.

        ``last`` forces the final placement's code (an adoptive placement, say).
        """
        voluntary = self.rng.random() < 0.25
        ls = "V2" if voluntary else "C1"
        order_made = (
            None if voluntary else came + dt.timedelta(days=int(self.rng.integers(120, 300)))
        )
        events: list[tuple[dt.date, str]] = [(came, "S"), *moves]
        if order_made is not None and all(abs(_days(order_made, d)) > 10 for d, _ in events):
            end = leaves[0] if leaves else YEAR_END
            if order_made < end:
                events.append((order_made, "L"))
        events.sort()
        place = ""
        begun = len(child.episodes)
        for n, (day, rne) in enumerate(events):
            final = n == len(events) - 1 or all(r == "L" for _, r in events[n + 1 :])
            if rne == "L":
                ls = "C2"
            elif rne == "S" or rne in ("P", "T"):
                place = last if final and last else self.placed(child, kind, day)
            elif rne in ("U", "B"):
                place = place if place[0] == "U" else str(self.rng.choice(FOSTER))
            if rne in ("T", "B") and ls == "C1":
                ls = "C2"
            if place[0] == "A":
                ls = "E1"
            reason = _draw(self.rng, CHANGE_REASONS) if rne in ("P", "T", "U", "B") else ""
            self.episode(child, day, rne, place, ls, reason)
        spell = child.episodes[begun:]
        for episode, following in zip(spell, spell[1:], strict=False):
            episode.ended, episode.rec = following.start, "X1"
        if leaves is not None:
            spell[-1].ended, spell[-1].rec = leaves
        return child

    # -- the kinds -------------------------------------------------------------

    def everyone(self) -> list[_Child]:
        """Every child of the extract: the kinds below, in their numbers."""
        return [
            *self.settled(100, changed=None),  # eligible and settled both years
            *self.settled(24, changed=(dt.date(2021, 4, 1), dt.date(2022, 3, 31))),
            *self.settled(40, changed=(dt.date(2022, 4, 1), dt.date(2023, 3, 31))),
            *self.newer_settled(20, moved=False),
            *self.newer_settled(28, moved=True),
            *self.turning_sixteen(22, stable=True),
            *self.turning_sixteen(3, stable=False),
            *self.leaving(13, eligible=True, stable=True),
            *self.leaving(3, eligible=True, stable=False),
            *self.leaving(53, eligible=False, stable=False),
            *self.movers(25, came=(dt.date(2022, 10, 1), dt.date(2023, 3, 15))),
            *self.movers(20, came=(dt.date(2023, 4, 1), dt.date(2023, 9, 30))),
            *self.earlier_movers(40),
            *self.last_years_movers(30, stay=True),
            *self.last_years_movers(22, stay=False),
            *self.seventeen(60),
            *self.recent(16, came=(dt.date(2022, 4, 1), dt.date(2023, 3, 31))),
            *self.adopting(9),
            *self.recent(55, came=(dt.date(2023, 4, 1), dt.date(2024, 3, 15))),
            *self.left_before(150),
            *self.short_breaks(6),
        ]

    def settled(self, count: int, changed: tuple[dt.date, dt.date] | None) -> list[_Child]:
        """Under 16 and in care since before October 2020: with one carer throughout, or a
        change of carer in ``changed`` (2021-22: settled again by March 2024; 2022-23: not
        settled in either year). Some move with their carer (U), which keeps them settled."""
        out = []
        for _ in range(count):
            came = self.day(dt.date(2012, 4, 1), dt.date(2020, 9, 1))
            child = self.child((max(6, 2024 - came.year), 15), YEAR_END, came)
            moves: list[tuple[dt.date, str]] = []
            if changed is not None:
                moves.append(
                    (self.day(max(changed[0], came + dt.timedelta(days=60)), changed[1]), "P")
                )
            elif self.rng.random() < 0.1:
                moves.append((self.day(dt.date(2022, 5, 1), dt.date(2023, 2, 28)), "U"))
            out.append(self.history(child, came, moves, "settled"))
        return out

    def newer_settled(self, count: int, moved: bool) -> list[_Child]:
        """Came into care October 2020 to September 2021, under 16: looked after two and a
        half years by March 2024 only. Settled with one carer (three placed for adoption
        since, who count their time with the foster carer before), or moved once since April
        2022."""
        out = []
        for n in range(count):
            came = self.day(dt.date(2020, 10, 1), dt.date(2021, 9, 30))
            adopting = not moved and n < 3
            age = (2, 6) if adopting else (5, 15)
            child = self.child(age, YEAR_END, came)
            moves: list[tuple[dt.date, str]] = []
            if moved:
                moves.append((self.day(dt.date(2022, 4, 1), dt.date(2024, 3, 1)), "P"))
            if adopting:
                moves.append((self.day(dt.date(2023, 5, 1), dt.date(2023, 12, 31)), "P"))
            kind = "settled"
            out.append(self.history(child, came, moves, kind, last="A4" if adopting else ""))
        return out

    def turning_sixteen(self, count: int, stable: bool) -> list[_Child]:
        """15 on 31 March 2023 and 16 a year later, in care since before October 2020: in
        the long-term measure of 2023 only."""
        out = []
        for _ in range(count):
            came = self.day(dt.date(2014, 1, 1), dt.date(2020, 9, 1))
            child = self.child((16, 16), YEAR_END, came)
            moves = [] if stable else [(self.day(dt.date(2021, 6, 1), dt.date(2023, 2, 1)), "P")]
            out.append(self.history(child, came, moves, "settled"))
        return out

    def leaving(self, count: int, eligible: bool, stable: bool) -> list[_Child]:
        """Looked after on 31 March 2023, left care during 2023-24: home, to special
        guardians, adopted, or at 18."""
        out = []
        for _ in range(count):
            if eligible:
                came = self.day(dt.date(2014, 1, 1), dt.date(2020, 9, 1))
                child = self.child((8, 15), LAST_YEAR_END, came)
            else:
                # Came into care too recently for the long-term measure.
                came = self.day(dt.date(2020, 10, 15), dt.date(2023, 1, 31))
                child = self.child((4, 17), LAST_YEAR_END, came)
            moves = []
            if eligible and not stable:
                moves.append((self.day(dt.date(2021, 5, 1), dt.date(2022, 12, 31)), "P"))
            eighteen = _birthday(child.dob, 18)
            if eighteen <= YEAR_END:
                leaves = (eighteen, "E17" if self.rng.random() < 0.4 else "E48")
            else:
                day = self.day(dt.date(2023, 4, 20), dt.date(2024, 3, 20))
                leaves = (day, _draw(self.rng, {"E4A": 55, "E45": 25, "E41": 10, "E13": 10}))
            out.append(self.history(child, came, moves, "recent", leaves=leaves))
        return out

    def movers(self, count: int, came: tuple[dt.date, dt.date]) -> list[_Child]:
        """Three or more placements in 2023-24 (the short-term measure's children in March
        2024), one placement in 2022-23 at most."""
        out = []
        for _ in range(count):
            start = self.day(*came)
            child = self.child((10, 17), YEAR_END, start)
            first = max(start + dt.timedelta(days=21), dt.date(2023, 4, 1))
            times = 3 if start < dt.date(2023, 4, 1) and self.rng.random() < 0.5 else 2
            times += int(self.rng.random() < 0.2)
            days = self.days(first, dt.date(2024, 3, 20), times)
            moves = [
                (d, "T" if n == 0 and self.rng.random() < 0.3 else "P") for n, d in enumerate(days)
            ]
            out.append(self.history(child, start, moves, "mover"))
        return out

    def last_years_movers(self, count: int, stay: bool) -> list[_Child]:
        """Three or more placements in 2022-23; in 2023-24 one move at most, or leaving."""
        out = []
        for _ in range(count):
            start = self.day(dt.date(2021, 10, 1), dt.date(2022, 6, 30))
            child = self.child((9, 16), LAST_YEAR_END, start)
            first = max(start + dt.timedelta(days=21), dt.date(2022, 4, 5))
            times = 2 if start >= dt.date(2022, 4, 1) else int(self.rng.integers(2, 4))
            moves = [(d, "P") for d in self.days(first, dt.date(2023, 3, 10), times)]
            leaves = None
            if stay and self.rng.random() < 0.4:
                moves.append((self.day(dt.date(2023, 5, 1), dt.date(2024, 2, 28)), "P"))
            if not stay:
                leaves = (self.day(dt.date(2023, 5, 1), dt.date(2024, 3, 20)), "E4A")
            out.append(self.history(child, start, moves, "mover", leaves=leaves))
        return out

    def earlier_movers(self, count: int) -> list[_Child]:
        """Three or more placements in 2021-22, and left care during 2022-23: the short-term
        measure's children of early 2022-23's rolling years, gone by March 2023."""
        out = []
        for _ in range(count):
            start = self.day(dt.date(2021, 2, 1), dt.date(2021, 6, 30))
            child = self.child((9, 16), LAST_YEAR_END, start)
            first = max(start + dt.timedelta(days=21), dt.date(2021, 7, 1))
            moves = [(d, "P") for d in self.days(first, dt.date(2022, 3, 1), 2)]
            leaves = (self.day(dt.date(2022, 6, 1), dt.date(2023, 2, 28)), "E4A")
            out.append(self.history(child, start, moves, "mover", leaves=leaves))
        return out

    def seventeen(self, count: int) -> list[_Child]:
        """17 on 31 March 2024, in care for years: too old for the long-term measure."""
        out = []
        for _ in range(count):
            came = self.day(dt.date(2015, 1, 1), dt.date(2021, 12, 31))
            child = self.child((17, 17), YEAR_END, came)
            moves = []
            if self.rng.random() < 0.6:
                moves.append((self.day(dt.date(2023, 6, 1), dt.date(2024, 2, 28)), "P"))
            out.append(self.history(child, came, moves, "older"))
        return out

    def recent(self, count: int, came: tuple[dt.date, dt.date]) -> list[_Child]:
        """Came into care in ``came``, one move at most; a few back in care after going home."""
        out = []
        for _ in range(count):
            start = self.day(*came)
            child = self.child((0, 17), YEAR_END, start)
            moves = []
            if self.rng.random() < 0.35 and start < dt.date(2023, 12, 1):
                moves.append((self.day(start + dt.timedelta(days=30), dt.date(2024, 3, 1)), "P"))
            before = start - dt.timedelta(days=400)
            if self.rng.random() < 0.12 and before - dt.timedelta(days=200) > child.dob:
                # An earlier period of care, ended by going home: a new one starts with S.
                earlier = before - dt.timedelta(days=200)
                self.history(child, earlier, [], "recent", leaves=(before, "E4A"))
            out.append(self.history(child, start, moves, "recent"))
        return out

    def adopting(self, count: int) -> list[_Child]:
        """Young children who came into care in 2022-23 and were placed for adoption in 2023-24."""
        out = []
        for _ in range(count):
            start = self.day(dt.date(2022, 4, 1), dt.date(2023, 3, 1))
            child = self.child((0, 3), LAST_YEAR_END, start)
            placed = self.day(dt.date(2023, 6, 1), dt.date(2024, 2, 1))
            out.append(self.history(child, start, [(placed, "P")], "recent", last="A4"))
        return out

    def left_before(self, count: int) -> list[_Child]:
        """In care at some time since April 2019, left before 2023: the rest of the extract."""
        out = []
        for _ in range(count):
            start = self.day(dt.date(2016, 1, 1), dt.date(2022, 6, 30))
            left = self.day(max(start + dt.timedelta(days=90), EXTRACT_FROM), dt.date(2023, 2, 28))
            child = self.child((0, 14), start, start)
            eighteen = _birthday(child.dob, 18)
            rec = _draw(self.rng, {"E4A": 40, "E11": 20, "E45": 20, "E41": 10, "E13": 10})
            leaves = (eighteen, "E48") if eighteen <= left else (left, rec)
            last = "A4" if rec == "E11" and leaves[1] == "E11" else ""
            moves = []
            if last:
                moves.append(
                    (
                        self.day(start + dt.timedelta(days=60), leaves[0] - dt.timedelta(days=30)),
                        "P",
                    )
                )
            out.append(self.history(child, start, moves, "recent", last=last, leaves=leaves))
        return out

    def short_breaks(self, count: int) -> list[_Child]:
        """Disabled children on a series of short breaks (V3): in the records, never counted
        among the children looked after on a day."""
        out = []
        for _ in range(count):
            start = self.day(dt.date(2021, 1, 1), dt.date(2022, 9, 30))
            child = self.child((8, 15), YEAR_END, start)
            child.cin = "N2"
            self.episode(child, start, "S", "R1", "V3")
            out.append(child)
        return out
