"""The bundled sample pack's missing-episode records, generated from a seed.

A panel rehearses on these records, and the app is demonstrated on them, so
they must tell the same story as a real paper without a single real child in
them. They are calibrated to the published minute of a London borough's
Corporate Parenting Panel (Children Missing, January to December 2021 against
2020): every headline in that minute comes out exactly, and the records break
no data-quality rule, so a demonstration shows figures rather than findings.

The same seed always writes the same bytes (no clock, locale or hash order is
involved), so the committed CSV can be regenerated and compared in a test.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import numpy as np
import pandas as pd

from panelapp import atomic
from panelapp.config import CANONICAL_COLUMNS

_K = TypeVar("_K")

DEFAULT_SEED = 2021
"""The seed the committed ``data/missing_episodes.csv`` was written with."""

TOP_N = 20
"""The minute's "top twenty missing children"."""

TOP_MIN_EPISODES = 30
"""Every top-twenty child has at least this many episodes and every other child
fewer, so ranks 20 and 21 never tie and "top 20" names the same children
however ties are broken."""

TOP_MAX_EPISODES = 80
"""About one episode every four or five days: the most a single child plausibly has."""

REPEAT_MIN_EPISODES = 3
"""Repeat missing means three or more episodes in the period."""

OLDEST_AGE = 17
"""Children's services stop counting a young person as a missing child at 18."""


@dataclass(frozen=True)
class YearShape:
    """How one year's children and episodes are spread, and the counts the paper reports."""

    year: int
    top_episodes: int
    """Episodes of the top twenty children together."""
    repeat_children: int
    """Children with three or more episodes, the top twenty included."""
    repeat_episodes: int
    """Episodes of the repeat children outside the top twenty."""
    two_episode_children: int
    one_episode_children: int
    looked_after: int
    """Children looked after at the start of at least one of their episodes."""
    mace: int
    """Children under the MACE protocol on at least one of their episodes."""
    rhi_offered: float
    """Share of episodes with a Return Home Interview offered."""
    rhi_completed: float
    """Share of offered interviews that were completed."""

    @property
    def children(self) -> int:
        """Distinct children with at least one episode: the headline count."""
        return self.repeat_children + self.two_episode_children + self.one_episode_children

    @property
    def episodes(self) -> int:
        """Episodes starting in the year."""
        return (
            self.top_episodes
            + self.repeat_episodes
            + 2 * self.two_episode_children
            + self.one_episode_children
        )


CURRENT = YearShape(
    year=2021,
    top_episodes=840,
    repeat_children=100,
    repeat_episodes=772,
    two_episode_children=113,
    one_episode_children=212,
    looked_after=134,
    mace=105,
    rhi_offered=0.93,
    rhi_completed=0.49,
)
"""2021 as the minute reports it: 425 children, 105 of them (25%) under MACE and
134 (31%) in care; the top twenty account for 41% of 2,050 episodes (840); RHIs
93% offered and 49% completed. About half the children go missing once (212),
as in a typical borough, which leaves 100 repeat children for the themes."""

PREVIOUS = YearShape(
    year=2020,
    top_episodes=920,
    repeat_children=121,
    repeat_episodes=900,
    two_episode_children=140,
    one_episode_children=270,
    looked_after=174,
    mace=124,
    rhi_offered=0.90,
    rhi_completed=0.71,
)
"""2020, the comparison year: 531 children makes 425 the minute's 20% reduction
and 174 in care makes 134 its "23% lower". RHI completion of 71% gives the fall
to 49% the panel discussed. Episodes and MACE are not in the minute and are set
a little above 2021, in keeping with the reduction."""

REPEAT_EXPLOITED = 95
"""Repeat children with criminal or sexual exploitation concerns (minute: 95%)."""

REPEAT_BAME = 85
"""Repeat children of Black, Asian or other minority ethnic background (minute: 85%)."""

REPEAT_LOOKED_AFTER = 80
"""Repeat children in care (minute: 80%); the top twenty are among them."""

REPEAT_UASC = 16
"""Unaccompanied asylum-seeking children among the 80 looked-after repeat children
(minute: 20%)."""

REPEAT_AGED_17_PLUS = 75
"""Repeat children aged 17 at their first episode of the year (minute: 75%)."""

REPEAT_MALE = 55
"""Boys among the repeat children (minute: 55% male, so 45 girls)."""

REPEAT_MACE = 80
"""Not in the minute: most MACE children are repeat missing children, because
MACE follows repeated exploitation concerns. The other 25 of the 105 go missing
once or twice."""

OTHER_EXPLOITED = 70
"""2021 children with one or two episodes and exploitation concerns: enough to
hold the 25 MACE children outside the repeat cohort, and about one in five."""

OTHER_UASC = 10
"""Unaccompanied asylum-seeking children among the 54 looked-after children
who go missing once or twice."""

PREVIOUS_FRESH_UASC = 12
"""Unaccompanied asylum-seeking children among 2020's looked-after children
who did not go missing again in 2021."""

SHARED_TOP = 14
"""Top-twenty children of 2021 who were top-twenty children in 2020 too: the
same few children go missing most, year after year."""

SHARED_REPEAT = 46
"""Other 2021 repeat children who were repeat children in 2020 too."""

SHARED_OTHER = 90
"""2021 children with one or two episodes who also went missing in 2020."""

OPEN_EPISODES = 4
"""Episodes still open when the data was extracted, so the pack shows blank
MIS_END values that are not errors."""

OPEN_FROM = dt.datetime(2021, 12, 27)
"""Open episodes start in the last days of the year, or they would look lost."""

LATE_CARE_SHARE = 0.15
"""Share of looked-after children who came into care part-way through the
year, so "looked after on any episode" differs from "on every episode"."""

LATE_MACE_SHARE = 0.4
"""Share of MACE children referred part-way through the year."""

AWAY_SHARE = 0.3
"""Share of looked-after children's episodes that are "away" (whereabouts known)
rather than "missing"; a child at home cannot be away from placement."""

LONG_EPISODE_SHARE = 0.07
"""Nationally 90% of episodes last two days or less; a few last much longer."""

SHORT_MEDIAN_MINUTES = {"M": 9 * 60, "A": 4 * 60}
"""Typical length of an episode: a night for missing, an evening for away."""

LONG_MINUTES = (49 * 60, 12 * 24 * 60)
"""Range of the long episodes: more than two days, less than a fortnight."""

MIN_GAP_MINUTES = 120
"""A child is back for at least two hours before going missing again, so no two
episodes touch (DfE rule 574)."""

ETHNIC_WEIGHTS: dict[str, float] = {
    "WBRI": 18,
    "WIRI": 1,
    "WOTH": 7,
    "WIRT": 0.5,
    "WROM": 0.5,
    "MWBC": 10,
    "MWBA": 3,
    "MWAS": 2,
    "MOTH": 5,
    "AIND": 3,
    "APKN": 3,
    "ABAN": 2,
    "AOTH": 4,
    "BCRB": 14,
    "BAFR": 12,
    "BOTH": 7,
    "CHNE": 0.5,
    "OOTH": 4,
    "REFU": 1,
    "NOBT": 1.5,
}
"""A London borough's mix of SSDA903 codes, with many Black, Asian and Mixed children."""

UASC_ETHNIC_WEIGHTS: dict[str, float] = {"BAFR": 5, "AOTH": 4, "OOTH": 3, "BOTH": 1}
"""Unaccompanied children mostly arrive from East Africa, Afghanistan and the Middle East."""

GENERAL_AGE_WEIGHTS: dict[int, float] = {
    10: 1,
    11: 2,
    12: 4,
    13: 9,
    14: 15,
    15: 21,
    16: 25,
    17: 23,
}
"""Mostly teenagers; over half of episodes are of 16 and 17 year olds nationally."""

UASC_AGE_WEIGHTS: dict[int, float] = {15: 2, 16: 4, 17: 5}
"""Unaccompanied children are mostly 16 or 17 when they arrive."""

YOUNGER_REPEAT_AGE_WEIGHTS: dict[int, float] = {13: 2, 14: 3, 15: 5, 16: 8}
"""The quarter of repeat children who are not yet 17."""

MALE_SHARE = 0.52
"""Slightly more boys than girls go missing."""

UASC_MALE_SHARE = 0.9
"""Nine in ten unaccompanied children are boys."""

EPOCH = dt.datetime(PREVIOUS.year, 1, 1)
"""Episode times are held as minutes from here until they are formatted."""

SLOTS = ("top", "repeat", "two", "one")
"""Where a child ranks in a year by number of episodes."""


@dataclass
class _Stint:
    """One child's part in one year: how often they go missing and their flags."""

    slot: str
    episodes: int
    looked_after: bool = False
    care_from: int = 0
    """Index of the first episode at which the child is looked after."""
    uasc: bool = False
    cce: bool = False
    cse: bool = False
    mace: bool = False
    mace_from: int = 0
    """Index of the first episode at which the child is under MACE."""
    open_last: bool = False


@dataclass
class _Child:
    """A pseudonymous child and their stints in each year."""

    stints: dict[int, _Stint]
    sex: int = 0
    ethnic: str = ""
    age: int = 0
    """Completed years at the first episode of the child's latest year."""
    dob: dt.date = dt.date.min
    child_id: str = ""

    @property
    def latest(self) -> _Stint:
        """The stint whose first episode the age is measured at."""
        return self.stints[max(self.stints)]


@dataclass
class _Episode:
    """One episode before formatting."""

    child: _Child
    year: int
    start: int
    """Minutes from EPOCH."""
    end: int | None
    missing: str
    looked_after: bool
    mace: bool
    rhi_offered: bool = False
    rhi_completed: bool = False
    weight: float = 1.0
    """How readily the child completes a Return Home Interview, relative to others."""


def generate(seed: int = DEFAULT_SEED) -> pd.DataFrame:
    """Build the sample records, as text exactly as the CSV holds them.

    Text rather than parsed values so the frame and the file cannot disagree,
    and the loader is exercised on the sample just as on a council's export.
    """
    rng = np.random.default_rng(seed)
    current = _current_children(rng)
    previous = _previous_children(rng, current)
    children = current + [child for child in previous if CURRENT.year not in child.stints]
    for number, index in enumerate(rng.permutation(len(children))):
        children[int(index)].child_id = f"C{10001 + number}"
    episodes = [episode for child in children for episode in _timeline(rng, child)]
    for shape in (PREVIOUS, CURRENT):
        _return_home_interviews(rng, [e for e in episodes if e.year == shape.year], shape)
    frame = pd.DataFrame([_row(episode) for episode in episodes], columns=list(CANONICAL_COLUMNS))
    frame["_start"] = [episode.start for episode in episodes]
    frame = frame.sort_values(["_start", "CHILD"], kind="mergesort").drop(columns="_start")
    return frame.reset_index(drop=True)


def write_sample(path: Path, seed: int = DEFAULT_SEED, *, overwrite: bool = True) -> int:
    """Write the sample CSV, returning its number of rows.

    Unix line endings and UTF-8 whatever the platform, so the bytes match the
    committed file everywhere. Written whole or not at all, since the file
    may be one a pack reads; with ``overwrite`` False an existing file is
    never replaced (FileExistsError).
    """
    frame = generate(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = frame.to_csv(index=False, lineterminator="\n")
    atomic.write(path, text.encode("utf-8"), overwrite=overwrite)
    return len(frame)


def _pick(
    rng: np.random.Generator,
    pool: Sequence[int],
    k: int,
    weights: Sequence[float] | None = None,
) -> set[int]:
    """Choose exactly ``k`` of ``pool``, so published counts come out exactly."""
    if not 0 <= k <= len(pool):
        raise ValueError(f"cannot choose {k} of {len(pool)}")
    p = None
    if weights is not None:
        w = np.asarray(weights, dtype=float)
        p = w / w.sum()
    chosen = rng.choice(len(pool), size=k, replace=False, p=p)
    return {pool[int(i)] for i in chosen}


def _draw(rng: np.random.Generator, weights: Mapping[_K, float]) -> _K:
    """One value from a weighted table."""
    keys = list(weights)
    w = np.asarray(list(weights.values()), dtype=float)
    return keys[int(rng.choice(len(keys), p=w / w.sum()))]


def _counts_with_total(
    rng: np.random.Generator, n: int, total: int, low: int, high: int
) -> list[int]:
    """Episode counts for ``n`` children, skewed like real repeat missing, summing to ``total``."""
    if not n * low <= total <= n * high:
        raise ValueError(f"{n} children cannot have {total} episodes between {low} and {high}")
    spread = rng.exponential(1.0, n)
    counts = np.minimum(low + np.floor(spread / spread.sum() * (total - n * low)), high)
    counts = counts.astype(int)
    while (short := total - int(counts.sum())) != 0:
        step = 1 if short > 0 else -1
        room = np.flatnonzero(counts < high) if step > 0 else np.flatnonzero(counts > low)
        counts[int(rng.choice(room))] += step
    return sorted((int(c) for c in counts), reverse=True)


def _stints(rng: np.random.Generator, shape: YearShape) -> list[_Stint]:
    """A year's stints, most episodes first, with no flags yet."""
    top = _counts_with_total(rng, TOP_N, shape.top_episodes, TOP_MIN_EPISODES, TOP_MAX_EPISODES)
    repeat = _counts_with_total(
        rng,
        shape.repeat_children - TOP_N,
        shape.repeat_episodes,
        REPEAT_MIN_EPISODES,
        TOP_MIN_EPISODES - 1,
    )
    return (
        [_Stint("top", n) for n in top]
        + [_Stint("repeat", n) for n in repeat]
        + [_Stint("two", 2) for _ in range(shape.two_episode_children)]
        + [_Stint("one", 1) for _ in range(shape.one_episode_children)]
    )


def _exploitation(rng: np.random.Generator, stint: _Stint, sex: int) -> None:
    """Criminal exploitation (county lines) for most boys; girls more often sexual or both."""
    kinds = {"cce": 85, "cse": 5, "both": 10} if sex == 1 else {"cce": 35, "cse": 40, "both": 25}
    kind = _draw(rng, kinds)
    stint.cce = kind in ("cce", "both")
    stint.cse = kind in ("cse", "both")


def _onsets(rng: np.random.Generator, stint: _Stint) -> None:
    """Let some children come into care or under MACE part-way through the year.

    The top twenty and unaccompanied children are in care throughout.
    """
    if stint.episodes < 2:
        return
    in_care_throughout = not stint.looked_after or stint.uasc or stint.slot == "top"
    if not in_care_throughout and rng.random() < LATE_CARE_SHARE:
        stint.care_from = int(rng.integers(1, stint.episodes))
    if stint.mace and rng.random() < LATE_MACE_SHARE:
        stint.mace_from = int(rng.integers(1, stint.episodes))


def _mace_weights(stints: Sequence[_Stint], pool: Sequence[int]) -> list[float]:
    """MACE mostly follows criminal exploitation (county lines) and repeated episodes."""
    return [
        (3.0 if stints[i].cce else 1.0) * (2.0 if stints[i].slot == "top" else 1.0) for i in pool
    ]


def _current_children(rng: np.random.Generator) -> list[_Child]:
    """2021's 425 children, with the repeat cohort's themes set exactly."""
    stints = _stints(rng, CURRENT)
    children = [_Child({CURRENT.year: stint}) for stint in stints]
    top = range(TOP_N)
    cohort = range(CURRENT.repeat_children)
    others = range(CURRENT.repeat_children, len(stints))
    not_top = [i for i in cohort if i >= TOP_N]

    cared = set(top) | _pick(rng, not_top, REPEAT_LOOKED_AFTER - TOP_N)
    cared |= _pick(
        rng,
        others,
        CURRENT.looked_after - REPEAT_LOOKED_AFTER,
        [1.5 if stints[i].slot == "two" else 1.0 for i in others],
    )
    cared_others = sorted(cared.intersection(others))
    uasc = _pick(rng, sorted(cared.intersection(cohort)), REPEAT_UASC)
    uasc |= _pick(rng, cared_others, OTHER_UASC)
    exploited = set(top) | _pick(rng, not_top, REPEAT_EXPLOITED - TOP_N)
    exploited |= _pick(rng, others, OTHER_EXPLOITED)

    cohort_uasc = sorted(uasc.intersection(cohort))
    rest = [i for i in cohort if i not in uasc]
    bame = set(cohort_uasc) | _pick(rng, rest, REPEAT_BAME - len(cohort_uasc))
    male = _pick(rng, cohort, REPEAT_MALE, [6.0 if i in uasc else 1.0 for i in cohort])
    aged_17 = _pick(rng, cohort, REPEAT_AGED_17_PLUS, [2.0 if i in uasc else 1.0 for i in cohort])

    for i, child in enumerate(children):
        stint = child.stints[CURRENT.year]
        stint.looked_after = i in cared
        stint.uasc = i in uasc
        if i in cohort:
            child.sex = 1 if i in male else 2
            child.age = OLDEST_AGE if i in aged_17 else _age(rng, YOUNGER_REPEAT_AGE_WEIGHTS)
            child.ethnic = _ethnicity(rng, stint.uasc, i in bame)
        else:
            _describe(rng, child, stint.uasc)
        if i in exploited:
            _exploitation(rng, stint, child.sex)

    exploited_cohort = sorted(exploited.intersection(cohort))
    mace = _pick(rng, exploited_cohort, REPEAT_MACE, _mace_weights(stints, exploited_cohort))
    exploited_others = sorted(exploited.intersection(others))
    mace |= _pick(
        rng,
        exploited_others,
        CURRENT.mace - REPEAT_MACE,
        _mace_weights(stints, exploited_others),
    )
    for i in sorted(mace):
        stints[i].mace = True
    for i in _pick(rng, cohort, OPEN_EPISODES):
        stints[i].open_last = True
    for stint in stints:
        _onsets(rng, stint)
    return children


def _age(rng: np.random.Generator, weights: dict[int, float]) -> int:
    """An age in completed years from a weighted table."""
    return _draw(rng, weights)


def _ethnicity(rng: np.random.Generator, uasc: bool, bame: bool | None = None) -> str:
    """An SSDA903 ethnicity code; ``bame`` forces the minority-ethnic theme either way."""
    if uasc:
        table = UASC_ETHNIC_WEIGHTS
    elif bame is None:
        table = ETHNIC_WEIGHTS
    else:
        table = {code: w for code, w in ETHNIC_WEIGHTS.items() if _is_bame(code) == bame}
    return _draw(rng, table)


def _is_bame(code: str) -> bool:
    """Black, Asian or minority ethnic: not White, and not refused or not yet obtained."""
    return not code.startswith("W") and code not in ("REFU", "NOBT")


def _describe(rng: np.random.Generator, child: _Child, uasc: bool) -> None:
    """Sex, ethnicity and age for a child outside the exactly-set repeat cohort."""
    child.sex = 1 if rng.random() < (UASC_MALE_SHARE if uasc else MALE_SHARE) else 2
    child.ethnic = _ethnicity(rng, uasc)
    child.age = _age(rng, UASC_AGE_WEIGHTS if uasc else GENERAL_AGE_WEIGHTS)


def _previous_children(rng: np.random.Generator, current: list[_Child]) -> list[_Child]:
    """2020's 531 children: some of 2021's children a year earlier, the rest only in 2020."""
    stints = _stints(rng, PREVIOUS)
    order = {slot: [i for i, s in enumerate(stints) if s.slot == slot] for slot in SLOTS}
    by_slot = {slot: [c for c in current if c.latest.slot == slot] for slot in SLOTS}
    others = order["two"] + order["one"]
    placements = [
        (by_slot["top"], order["top"], SHARED_TOP),
        (by_slot["repeat"], order["repeat"], SHARED_REPEAT),
        (by_slot["two"] + by_slot["one"], others, SHARED_OTHER),
    ]
    children: list[_Child | None] = [None] * len(stints)
    for pool, slots, k in placements:
        chosen = sorted(_pick(rng, range(len(pool)), k))
        for child_index, slot_index in zip(chosen, rng.permutation(slots)[:k], strict=True):
            child = pool[child_index]
            child.stints[PREVIOUS.year] = _carried_back(child.latest, stints[int(slot_index)])
            children[int(slot_index)] = child
    fresh = [i for i, child in enumerate(children) if child is None]
    for i in fresh:
        children[i] = _Child({PREVIOUS.year: stints[i]})
    filled = [child for child in children if child is not None]
    _previous_flags(rng, filled, fresh)
    return filled


def _carried_back(now: _Stint, then: _Stint) -> _Stint:
    """A 2021 child's 2020 stint: in care and under MACE only if already so at the start of 2021.

    Exploitation concerns and asylum status are the same child's in both years.
    """
    then.looked_after = now.looked_after and now.care_from == 0
    then.uasc = now.uasc
    then.cce, then.cse = now.cce, now.cse
    then.mace = now.mace and now.mace_from == 0
    return then


def _previous_flags(rng: np.random.Generator, children: list[_Child], fresh: list[int]) -> None:
    """Flags for children only seen in 2020, topping the carried-back ones up to 2020's counts."""
    stints = [child.stints[PREVIOUS.year] for child in children]
    top = [i for i in fresh if stints[i].slot == "top"]
    rest = [i for i in fresh if stints[i].slot != "top"]
    only_2020 = set(fresh)
    carried = [s for i, s in enumerate(stints) if i not in only_2020]
    carried_cared = sum(s.looked_after for s in carried)
    carried_mace = sum(s.mace for s in carried)
    cared = set(top) | _pick(
        rng,
        rest,
        PREVIOUS.looked_after - carried_cared - len(top),
        [{"repeat": 3.0, "two": 1.5}.get(stints[i].slot, 1.0) for i in rest],
    )
    uasc = _pick(rng, sorted(cared.difference(top)), PREVIOUS_FRESH_UASC)
    exploitation_odds = {"top": 1.0, "repeat": 0.7}
    for i in fresh:
        stint = stints[i]
        stint.looked_after = i in cared
        stint.uasc = i in uasc
        _describe(rng, children[i], stint.uasc)
        if rng.random() < exploitation_odds.get(stint.slot, 0.18):
            _exploitation(rng, stint, children[i].sex)
    exploited = [i for i in fresh if stints[i].cce or stints[i].cse]
    for i in _pick(rng, exploited, PREVIOUS.mace - carried_mace, _mace_weights(stints, exploited)):
        stints[i].mace = True
    for i in fresh:
        _onsets(rng, stints[i])


def _timeline(rng: np.random.Generator, child: _Child) -> list[_Episode]:
    """All of a child's episodes, one after another, then a date of birth to fit them."""
    episodes: list[_Episode] = []
    for year in sorted(child.stints):
        episodes += _year_episodes(rng, child, year)
    first = _date(min(e.start for e in episodes if e.year == max(child.stints)))
    child.dob = _birth_date(rng, child.age, first, _date(episodes[-1].start))
    return episodes


def _year_episodes(rng: np.random.Generator, child: _Child, year: int) -> list[_Episode]:
    """One year's episodes, ending within the year so the next year's cannot overlap them."""
    stint = child.stints[year]
    start = _minutes(dt.datetime(year, 1, 1))
    end = _minutes(dt.datetime(year + 1, 1, 1)) - 1
    closed = stint.episodes - 1 if stint.open_last else stint.episodes
    open_start = None
    if stint.open_last:
        open_start = int(rng.integers(_minutes(OPEN_FROM), end - 3 * 60))
        end = open_start - MIN_GAP_MINUTES
    cared = [stint.looked_after and i >= stint.care_from for i in range(stint.episodes)]
    kinds = ["A" if cared[i] and rng.random() < AWAY_SHARE else "M" for i in range(closed)]
    durations = np.array([_duration(rng, kind) for kind in kinds], dtype=np.int64)
    starts = _place(rng, durations, start, end)
    times: list[tuple[int, int | None, str]] = [
        (int(s), int(s + d), kind) for s, d, kind in zip(starts, durations, kinds, strict=True)
    ]
    if open_start is not None:
        times.append((open_start, None, "M"))
    weight = {"top": 0.5, "repeat": 0.8}.get(stint.slot, 1.3)
    return [
        _Episode(
            child=child,
            year=year,
            start=s,
            end=e,
            missing=kind,
            looked_after=cared[i],
            mace=stint.mace and i >= stint.mace_from,
            weight=weight,
        )
        for i, (s, e, kind) in enumerate(times)
    ]


def _duration(rng: np.random.Generator, kind: str) -> int:
    """Minutes missing: mostly hours, nine in ten within two days, a few far longer."""
    if kind == "M" and rng.random() < LONG_EPISODE_SHARE:
        return int(rng.integers(*LONG_MINUTES))
    minutes = rng.lognormal(np.log(SHORT_MEDIAN_MINUTES[kind]), 0.9)
    return int(np.clip(minutes, 15, 48 * 60))


def _place(rng: np.random.Generator, durations: np.ndarray, start: int, end: int) -> np.ndarray:
    """Start times in [start, end] such that episodes keep apart and all end by ``end``.

    The idle time is spread at random between the episodes, which keeps their
    order and so can never make two overlap.
    """
    n = len(durations)
    slack = (end - start) - int(durations.sum()) - n * MIN_GAP_MINUTES
    if slack < 0:
        raise ValueError(f"{n} episodes do not fit between {start} and {end}")
    offsets = np.sort(rng.integers(0, slack + 1, n))
    before = np.concatenate([[0], np.cumsum(durations + MIN_GAP_MINUTES)[:-1]]).astype(np.int64)
    return start + offsets + before


def _birth_date(rng: np.random.Generator, age: int, first: dt.date, last: dt.date) -> dt.date:
    """A date of birth giving ``age`` at ``first`` and still a child at ``last``."""
    earliest = first - dt.timedelta(days=366 * (age + 1))
    days = (earliest + dt.timedelta(days=i) for i in range(366 * 2))
    fits = [d for d in days if age_on(d, first) == age and age_on(d, last) <= OLDEST_AGE]
    if not fits:
        raise ValueError(f"no date of birth gives age {age} on {first} and under 18 on {last}")
    return fits[int(rng.integers(len(fits)))]


def age_on(dob: dt.date, day: dt.date) -> int:
    """Age in completed years, as a birthday is counted (a 29 February birthday on 1 March)."""
    return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


def _return_home_interviews(
    rng: np.random.Generator, episodes: list[_Episode], shape: YearShape
) -> None:
    """Offer and complete exactly the year's published shares of interviews.

    An interview follows a return, so open episodes are never offered one;
    children who go missing often decline more often.
    """
    returned = [i for i, e in enumerate(episodes) if e.end is not None]
    offered = _pick(rng, returned, round(shape.rhi_offered * len(episodes)))
    pool = sorted(offered)
    completed = _pick(
        rng, pool, round(shape.rhi_completed * len(pool)), [episodes[i].weight for i in pool]
    )
    for i in offered:
        episodes[i].rhi_offered = True
        episodes[i].rhi_completed = i in completed


def _minutes(moment: dt.datetime) -> int:
    """Minutes from EPOCH, so times can be placed with integer arithmetic."""
    return int((moment - EPOCH).total_seconds()) // 60


def _moment(minutes: int) -> dt.datetime:
    """The inverse of :func:`_minutes`."""
    return EPOCH + dt.timedelta(minutes=minutes)


def _date(minutes: int) -> dt.date:
    """The calendar day a time falls on."""
    return _moment(minutes).date()


def _flag(value: bool) -> str:
    """Local systems' Y/N flags."""
    return "Y" if value else "N"


def _row(episode: _Episode) -> list[str]:
    """One CSV row in SSDA903 formats (dd/mm/yyyy dates), in canonical column order."""
    child = episode.child
    stint = child.stints[episode.year]
    return [
        child.child_id,
        f"{child.dob:%d/%m/%Y}",
        str(child.sex),
        child.ethnic,
        episode.missing,
        f"{_moment(episode.start):%d/%m/%Y %H:%M}",
        "" if episode.end is None else f"{_moment(episode.end):%d/%m/%Y %H:%M}",
        _flag(episode.looked_after),
        _flag(stint.uasc and episode.looked_after),
        _flag(stint.cce),
        _flag(stint.cse),
        _flag(episode.mace),
        _flag(episode.rhi_offered),
        _flag(episode.rhi_completed),
    ]
