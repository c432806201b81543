"""Hand-made SSDA903 episodes of care, written as files and read by the real loader."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from panelapp.metrics.care_measures import cut
from panelapp.metrics.care_records import CareRecords, load_care

EPISODES_HEADER = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE"
HEADER_HEADER = "CHILD,SEX,DOB,ETHNIC"

THREE_CHILDREN = """\
A,01/01/2019,S,C2,N1,U4,PR1,01/06/2021,X1,
A,01/06/2021,P,C2,N1,U4,PR4,,,CARPL
B,01/05/2023,S,V2,N4,U1,PR1,01/07/2023,X1,
B,01/07/2023,P,V2,N4,R1,PR4,01/09/2023,X1,CHILD
B,01/09/2023,T,C1,N4,U4,PR1,,,
C,01/03/2020,S,C2,N1,U4,PR1,,,
"""
"""Three children on 31 March 2024: A (14, in care since 2019, with a new carer since June
2021), B (15, came into care in May 2023 and moved twice), C (12, with one carer since
March 2020)."""

THREE_HEADERS = """\
A,1,01/02/2010,WBRI
B,2,15/06/2008,BAFR
C,1,01/01/2012,MWBC
"""


def care_records(
    folder: Path, episodes: str = THREE_CHILDREN, header: str | None = THREE_HEADERS
) -> CareRecords:
    """``episodes`` (and ``header``) rows under the canonical header, read by the loader."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "episodes.csv"
    path.write_text(f"{EPISODES_HEADER}\n{episodes}", encoding="utf-8")
    people = None
    if header is not None:
        people = folder / "header.csv"
        people.write_text(f"{HEADER_HEADER}\n{header}", encoding="utf-8")
    return load_care([path], people)


def year_rows(records: CareRecords) -> pd.DataFrame:
    """The episodes of April 2023 to March 2024, as every figure of that year reads them."""
    return cut(records.frame, dt.date(2023, 4, 1), dt.date(2024, 3, 31))
