"""What a pack item's records are: missing episodes, or SSDA903 episodes of care.

A panel hears many items (children missing, placement stability, care
leavers), and their records are not all shaped alike. Each kind names the
columns it reads, the one its records start and end on, its codes, the
columns worked out from them, and the measures and dimensions that mean
something for it; config.py checks a pack item against its kind, and the
engine dispatches on it. Plain Python with no pandas, like
:mod:`panelapp.vocabulary`, whose lists the missing kind is made of.
"""

from __future__ import annotations

from dataclasses import dataclass

from panelapp.vocabulary import CANONICAL_COLUMNS, DERIVED_FROM, MEASURES, NOT_KNOWN

# ---------------------------------------------------------------------------
# The SSDA903 Episodes and Header tables

EPISODE_COLUMNS: tuple[str, ...] = (
    "CHILD",
    "DECOM",
    "RNE",
    "LS",
    "CIN",
    "PLACE",
    "PLACE_PROVIDER",
    "DEC",
    "REC",
    "REASON_PLACE_CHANGE",
)
"""The Episodes table's columns the engine reads: one row per period of care with no
change of legal status or placement."""

HEADER_COLUMNS: tuple[str, ...] = ("CHILD", "SEX", "DOB", "ETHNIC")
"""The Header table's columns the engine reads, one row per child, joined by CHILD."""

NEVER_READ: tuple[str, ...] = ("HOME_POST", "PL_POST", "URN", "UPN", "MOTHER", "MC_DOB")
"""Columns of the two tables that may be in the files and are never read: postcodes and a
pupil number identify a child or a home, and no figure needs them (distance from home,
which needs postcodes mapped to coordinates, is not computed)."""

RNE_CODES: tuple[str, ...] = ("S", "L", "P", "T", "U", "B")
"""Reason for new episode: S started to be looked after; L legal status changed only;
P placement and carer changed; T both changed; U placement changed, same carer; B
placement and legal status changed, same carer."""

NEW_PLACEMENT: tuple[str, ...] = ("S", "P", "T", "U", "B")
"""An episode with one of these reasons starts a placement: the DfE's count of placements."""

SAME_CARER: tuple[str, ...] = ("L", "U", "B")
"""Reasons that keep the child with the same carer: the long-term stability measure counts
time with a carer, so a move with the same carer does not break it."""

LS_CODES: tuple[str, ...] = (
    *("C1", "C2", "D1", "E1", "V2", "V3", "V4"),
    *("J1", "J2", "J3", "L1", "L2", "L3"),
)
"""Legal status codes (DfE 903 rule 144's list)."""

SHORT_BREAKS: tuple[str, ...] = ("V3", "V4")
"""Legal statuses of a series of short breaks: the DfE leaves these children out of the
children looked after at a date, and so out of both stability measures."""

CIN_CODES: tuple[str, ...] = ("N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8")
"""Category of need (rule 145's list)."""

PLACE_CODES: tuple[str, ...] = (
    *("A3", "A4", "A5", "A6", "H5", "K1", "K2", "P1", "P2", "P3"),
    *("R1", "R2", "R3", "R5", "S1", "T0", "T1", "T2", "T3", "T4"),
    *("U1", "U2", "U3", "U4", "U5", "U6", "Z1"),
)
"""Placement type codes (rule 146's list)."""

REC_CODES: tuple[str, ...] = (
    *("E11", "E12", "E13", "E14", "E15", "E16", "E17", "E2", "E3"),
    *("E4A", "E4B", "E41", "E45", "E46", "E47", "E48", "E5", "E6", "E7", "E8", "E9"),
    "X1",
)
"""Reason episode ceased (rule 149's list); X1: the episode ends and the child stays looked
after in the next one."""

PROVIDER_CODES: tuple[str, ...] = ("PR0", "PR1", "PR2", "PR3", "PR4", "PR5")
"""Placement provider (rule 178's list)."""

PLACE_CHANGE_CODES: tuple[str, ...] = (
    *("CARPL", "CLOSE", "ALLEG", "STAND", "APPRR", "CREQB"),
    *("CREQO", "CHILD", "LAREQ", "PLACE", "CUSTOD", "OTHER"),
)
"""Reason for placement change (rule 1009's list)."""

PLACE_GROUPS: tuple[str, ...] = (
    "Foster",
    "Residential",
    "Placed with parents",
    "Adoption",
    "Other",
    NOT_KNOWN,
)
"""The groups a placement breakdown shows, in the order a report lists them."""

PLACE_GROUP_OF: dict[str, str] = {
    **dict.fromkeys(("U1", "U2", "U3", "U4", "U5", "U6"), "Foster"),
    **dict.fromkeys(("K1", "K2", "R1", "R2", "R3", "R5", "S1", "H5"), "Residential"),
    "P1": "Placed with parents",
    **dict.fromkeys(("A3", "A4", "A5", "A6"), "Adoption"),
    **dict.fromkeys(("P2", "P3", "T0", "T1", "T2", "T3", "T4", "Z1"), "Other"),
}
"""Each PLACE code's group: foster carers (U1-U6); secure units, children's homes,
semi-independent accommodation, health and residential settings and schools; placed with
parents (P1); placed for adoption (A3-A6); and independent living, employment, temporary
and other placements."""

PROVIDER_GROUP_OF: dict[str, str] = {
    "PR1": "Own provision",
    "PR2": "Other council",
    "PR3": "Other public sector",
    "PR4": "Private",
    "PR5": "Voluntary",
    "PR0": "Parents",
}
"""Each PLACE_PROVIDER code's name in the provider breakdown."""

LS_GROUP_OF: dict[str, str] = {
    **dict.fromkeys(("C1", "C2"), "Care order"),
    **dict.fromkeys(("D1", "E1"), "Placement order"),
    **dict.fromkeys(("V2", "V3", "V4"), "Voluntary (section 20)"),
    **dict.fromkeys(("L1", "L2", "L3"), "Emergency protection"),
    **dict.fromkeys(("J1", "J2", "J3"), "Youth justice"),
}
"""Each legal status code's group: interim and full care orders; placement and freeing
orders; section 20 agreements (short breaks among them); police protection and emergency
orders; remands and sentences."""

CIN_GROUP_OF: dict[str, str] = {
    "N1": "Abuse or neglect",
    "N2": "Disability",
    "N3": "Parental illness or disability",
    "N4": "Family in acute stress",
    "N5": "Family dysfunction",
    "N6": "Socially unacceptable behaviour",
    "N7": "Low income",
    "N8": "Absent parenting",
}
"""Each category of need code's name, as the DfE's tables give them."""

EPISODE_CODES: dict[str, tuple[str, ...]] = {
    "RNE": RNE_CODES,
    "LS": LS_CODES,
    "CIN": CIN_CODES,
    "PLACE": PLACE_CODES,
    "PLACE_PROVIDER": PROVIDER_CODES,
    "REC": REC_CODES,
    "REASON_PLACE_CHANGE": PLACE_CHANGE_CODES,
}
"""The codes each coded column of the Episodes table may hold; any other is a finding."""

EPISODE_DERIVED_FROM: dict[str, str] = {
    "AGE": "DOB",
    "ETHNIC_GROUP": "ETHNIC",
    "PLACE_GROUP": "PLACE",
    "AT_END": "DEC",
    "STARTED": "DECOM",
    "PLACEMENTS": "RNE",
}
"""Columns worked out for each period (or month) the figures look at, and the file column
each needs: AGE in completed years at its last day; AT_END, the episode the child is in on
its last day (short breaks aside); STARTED, the episode began in it; PLACEMENTS, the
child's placements during it (the one in progress at its start and each one begun)."""

PERCENT_MEASURES: tuple[str, ...] = (
    "share",
    "rate",
    "top_n_share",
    "short_term_stability",
    "long_term_stability",
)
"""Measures that are shares, so percentages whatever unit a pack gives."""


def measured_in(measure: str, unit: str) -> str:
    """The unit a KPI of ``measure`` is shown in (``unit``: the pack's, for the rest)."""
    if measure in PERCENT_MEASURES:
        return "percent"
    if measure == "median_duration":
        return "hours"
    return unit


PLACEMENT_MEASURES: tuple[str, ...] = (
    "looked_after",
    "short_term_stability",
    "long_term_stability",
)
"""The DfE's placement measures: of children looked after on a day, over episodes of care."""

# ---------------------------------------------------------------------------
# The kinds


@dataclass(frozen=True)
class RecordKind:
    """What one kind of record is: its columns, its dates, its measures and dimensions."""

    name: str
    """As a pack names it: ``records = "episodes"``."""
    described: str
    """In a clerk's words, for messages: 'missing-episode records'."""
    columns: tuple[str, ...]
    """Canonical columns read from the item's files."""
    required: tuple[str, ...]
    """Without these a record cannot be counted against a child or a date."""
    start: str
    """The column a record starts on: coverage, and the order the records are kept in."""
    end: str
    """The column a record ends on, blank while it is open."""
    derived: dict[str, str]
    """Columns the engine adds, each with the file column it is worked out from."""
    measures: tuple[str, ...]
    """The measures a KPI over these records may use."""
    dimensions: tuple[str, ...]
    """The breakdowns a theme over these records may use."""
    header: tuple[str, ...] = ()
    """Columns read from a second, one-row-per-child file (``[items.data] header``)."""

    @property
    def filter_columns(self) -> tuple[str, ...]:
        """Every column a filter may read: the files' own and the derived ones."""
        return tuple(dict.fromkeys((*self.columns, *self.header, *self.derived)))

    @property
    def mapped(self) -> tuple[str, ...]:
        """Canonical names a pack may map to its own in ``[items.columns]``."""
        return tuple(dict.fromkeys((*self.columns, *self.header)))


MISSING = RecordKind(
    name="missing",
    described="missing-episode records",
    columns=CANONICAL_COLUMNS,
    required=("CHILD", "MIS_START"),
    start="MIS_START",
    end="MIS_END",
    derived=dict(DERIVED_FROM),
    measures=tuple(m for m in MEASURES if m not in PLACEMENT_MEASURES),
    dimensions=(
        "age_band",
        "sex",
        "ethnic_group",
        "looked_after",
        "uasc",
        "exploitation",
        "missing_type",
        "episodes",
    ),
)
"""Missing episodes (the SSDA903 Missing table and local fields): what packs held first."""

EPISODES = RecordKind(
    name="episodes",
    described="SSDA903 episodes of care",
    columns=EPISODE_COLUMNS,
    header=HEADER_COLUMNS,
    required=("CHILD", "DECOM"),
    start="DECOM",
    end="DEC",
    derived=EPISODE_DERIVED_FROM,
    measures=(*PLACEMENT_MEASURES, "distinct_count", "record_count", "share", "rate", "external"),
    dimensions=(
        "age_group",
        "sex",
        "ethnic_group",
        "placement_type",
        "placement_provider",
        "legal_status",
        "category_of_need",
        "placements",
    ),
)
"""Episodes of care (the SSDA903 Episodes table, with the Header table joined by CHILD)."""

KINDS: dict[str, RecordKind] = {kind.name: kind for kind in (MISSING, EPISODES)}
"""Every kind, by the name a pack gives it."""

ALL_FILTER_COLUMNS: tuple[str, ...] = tuple(
    dict.fromkeys(column for kind in KINDS.values() for column in kind.filter_columns)
)
"""Every column any kind's filter may read: what a filter is checked against as it is read,
before its item's kind is known."""
