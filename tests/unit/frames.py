"""Hand-made episode frames in the loader's shape, for testing measures in isolation."""

from __future__ import annotations

from typing import Any

import pandas as pd

FLAGS = ("LOOKED_AFTER", "UASC", "CCE", "CSE", "MACE", "RHI_OFFERED", "RHI_COMPLETED")
ALL = frozenset(("CHILD", "DOB", "SEX", "ETHNIC", "MISSING", "MIS_START", "MIS_END", *FLAGS))


def episodes(*rows: dict[str, Any]) -> pd.DataFrame:
    """Episodes with defaults: a 15-year-old White British boy, missing a day in March 2021."""
    base = {
        "DOB": "2006-01-01",
        "SEX": 1,
        "ETHNIC": "WBRI",
        "MISSING": "M",
        "MIS_START": "2021-03-01 10:00",
        "MIS_END": "2021-03-02 10:00",
        **{flag: False for flag in FLAGS},
    }
    frame = pd.DataFrame([{**base, **row} for row in rows])
    frame["CHILD"] = frame["CHILD"].astype("string")
    for column in ("DOB", "MIS_START", "MIS_END"):
        frame[column] = pd.to_datetime(frame[column], format="ISO8601")
    frame["SEX"] = frame["SEX"].astype("Int8")
    for column in ("ETHNIC", "MISSING"):
        frame[column] = frame[column].astype("string")
    for flag in FLAGS:
        frame[flag] = frame[flag].astype("boolean")
    start, dob = frame["MIS_START"], frame["DOB"]
    age = (
        start.dt.year
        - dob.dt.year
        - (
            (start.dt.month < dob.dt.month)
            | ((start.dt.month == dob.dt.month) & (start.dt.day < dob.dt.day))
        ).astype(int)
    )
    frame["AGE"] = age.astype("Int16")
    frame["DURATION_HOURS"] = (frame["MIS_END"] - start).dt.total_seconds() / 3600
    groups = {"W": "White", "M": "Mixed", "A": "Asian", "B": "Black"}
    frame["ETHNIC_GROUP"] = (
        frame["ETHNIC"]
        .map(
            lambda code: (
                "Not known"
                if pd.isna(code) or code in ("REFU", "NOBT")
                else groups.get(code[0], "Other")
            )
        )
        .astype("string")
    )
    frame["MONTH"] = start.dt.to_period("M").dt.start_time
    frame["ROW"] = range(2, len(frame) + 2)
    frame["SOURCE"] = "test.csv"
    return frame
