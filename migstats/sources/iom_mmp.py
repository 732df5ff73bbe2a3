"""IOM Missing Migrants Project — incident export (data for SDG indicator 10.7.3).

SDG 10.7.3, "Number of people who died or disappeared in the process of migration towards an
international destination" (custodian IOM): migrants who died at external borders or in the process of
migration towards an international destination, whatever their legal status; counted by incident from
media, official and NGO sources. Units: persons.

Reads the workbook downloaded from https://missingmigrants.iom.int ("Download data"),
``Missing_Migrants_Global_Figures_allData.xlsx``: one sheet, one row per incident, 25 columns (see
:data:`COLUMNS`). No M49 column: ``location`` is the M49 code of *Country of Incident*, looked up in a
name → code mapping passed by the caller (for example built from the UNSD M49 file) and, failing that,
in :data:`IOM_NAME_FIXES` (names IOM spells differently from M49). Incidents without a country (at sea)
or with a name that is not found are kept, with ``location`` empty.

Tidy output: ``incidents`` (one row per incident: ``main_id``, ``incident_id``, ``incident_type``,
``region`` (region of incident), ``date``, ``year``, ``month`` (1-12), ``country``, ``location``,
``route``, ``dead``, ``missing``, ``dead_and_missing``, ``survivors``, ``females``, ``males``,
``children``, ``cause``, ``origin_country``, ``origin_region``, ``unsd_grouping``, ``coordinates``,
``source_quality``) and ``problems`` (``row`` = worksheet row, ``column``, ``value``, ``action``): every
cell the reader changed or could not use — rows without date or year (kept, year empty), negative
survivor counts (set empty), cells holding several values joined by a comma (first value kept;
for ``source_quality``, one grade per source, the highest), country
names without an M49 code (location empty). No row is dropped.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import DataFileError

READER_VERSION = "1"
SHEET = "Worksheet"

#: official column → tidy column
COLUMNS: dict[str, str] = {
    "Main ID": "main_id",
    "Incident ID": "incident_id",
    "Incident Type": "incident_type",
    "Region of Incident": "region",
    "Incident Date": "date",
    "Incident Year": "year",
    "Month": "month",
    "Number of Dead": "dead",
    "Minimum Estimated Number of Missing": "missing",
    "Total Number of Dead and Missing": "dead_and_missing",
    "Number of Survivors": "survivors",
    "Number of Females": "females",
    "Number of Males": "males",
    "Number of Children": "children",
    "Country of Origin": "origin_country",
    "Region of Origin": "origin_region",
    "Cause of Death": "cause",
    "Country of Incident": "country",
    "Migration Route": "route",
    "Location of Incident": "place",
    "Coordinates": "coordinates",
    "UNSD Geographical Grouping": "unsd_grouping",
    "Information Source": "information_source",
    "URL": "url",
    "Source Quality": "source_quality",
}
REQUIRED = ("Main ID", "Incident ID", "Region of Incident", "Incident Date", "Incident Year", "Month",
            "Number of Dead", "Minimum Estimated Number of Missing", "Total Number of Dead and Missing",
            "Number of Survivors", "Country of Incident", "Migration Route")
COUNTS = ("dead", "missing", "dead_and_missing", "survivors", "females", "males", "children")
#: single-valued categories where IOM sometimes joins two values with a comma ("Mediterranean,North America")
SINGLE_VALUED = ("incident_type", "region", "route", "unsd_grouping", "source_quality")
MONTHS = {name: i for i, name in enumerate(
    ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
     "November", "December"), start=1)}

#: IOM country spellings that differ from the UNSD M49 names → M49 code
IOM_NAME_FIXES: dict[str, int] = {
    "Netherlands": 528,          # M49: "Netherlands (Kingdom of the)"
    "Côte d'Ivoire": 384,        # M49 spells it with a typographic apostrophe (Côte d’Ivoire)
}

OUTPUT_COLUMNS = ["main_id", "incident_id", "incident_type", "region", "date", "year", "month", "country",
                  "location", "route", "dead", "missing", "dead_and_missing", "survivors", "females", "males",
                  "children", "cause", "origin_country", "origin_region", "unsd_grouping", "coordinates",
                  "source_quality"]
PROBLEM_COLUMNS = ["row", "column", "value", "action"]
_JOINED = re.compile(r",(?! )")  # "A,B" — but not "China, Hong Kong Special Administrative Region"
_FIX = ("use the unmodified Missing_Migrants_Global_Figures_allData.xlsx downloaded from "
        "https://missingmigrants.iom.int (one sheet, 25 columns)")


def _read_sheet(path: Path) -> pd.DataFrame:
    try:
        raw = pd.read_excel(path, sheet_name=0, engine="calamine", dtype=object)
    except FileNotFoundError:
        raise DataFileError(path, "file not found", _FIX) from None
    except Exception as exc:  # calamine raises its own error types for corrupt or non-xlsx files
        raise DataFileError(path, f"not a readable workbook ({type(exc).__name__})", _FIX) from None
    raw.columns = [str(c).strip() for c in raw.columns]
    missing = [c for c in REQUIRED if c not in raw.columns]
    if missing:
        raise DataFileError(path, f"not the Missing Migrants layout: missing column(s) {', '.join(missing)}",
                            _FIX)
    if raw.empty:
        raise DataFileError(path, "no incident rows", _FIX)
    return raw


def _text(col: pd.Series) -> pd.Series:
    out = col.map(lambda v: None if v is None or (isinstance(v, float) and np.isnan(v)) else str(v).strip())
    return out.replace("", None).astype("object")


def _counts(path: Path, raw: pd.DataFrame, official: str) -> pd.Series:
    values = pd.to_numeric(raw[official], errors="coerce")
    bad = values.isna() & raw[official].notna() & raw[official].astype(str).str.strip().ne("")
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        raise DataFileError(path, f"non-numeric {official!r} {raw[official].iloc[i]!r} on worksheet row {i + 2}",
                            _FIX)
    return values.astype("float64")


def read_incidents(path: str | os.PathLike, names: Mapping[str, int] | None = None) -> dict[str, pd.DataFrame]:
    """Parse the Missing Migrants incident export into ``{"incidents", "problems"}`` (module docstring).

    ``names`` maps country names (as UNSD M49 spells them) to M49 codes; without it only
    :data:`IOM_NAME_FIXES` are used and the other countries get an empty ``location`` (each listed in
    ``problems``). Raises :class:`DataFileError` for an unreadable workbook, a missing column or a
    non-numeric count.
    """
    path = Path(path)
    raw = _read_sheet(path)
    frame = pd.DataFrame(index=raw.index)
    problems: list[tuple[int, str, str, str]] = []
    for official, column in COLUMNS.items():
        if column in COUNTS:
            frame[column] = _counts(path, raw, official) if official in raw.columns else np.nan
        elif official in raw.columns:
            frame[column] = _text(raw[official])
        else:
            frame[column] = None
    rows = raw.index.to_numpy() + 2  # worksheet row (header is row 1)

    for column in SINGLE_VALUED:
        joined = frame[column].notna() & frame[column].str.contains(_JOINED, na=False)
        for i in np.flatnonzero(joined.to_numpy()):
            value = frame[column].iat[i]
            parts = [part.strip() for part in _JOINED.split(value)]
            if column == "source_quality":  # one grade per source: the incident is as well sourced as its best
                kept, how = max(parts, key=lambda q: (q.isdigit(), q)), "the highest"
            else:
                kept, how = parts[0], "the first"
            frame.iat[i, frame.columns.get_loc(column)] = kept
            problems.append((int(rows[i]), column, value,
                             f"{len(parts)} values joined by a comma; kept {how}, {kept!r}"))

    negative = frame["survivors"] < 0
    for i in np.flatnonzero(negative.to_numpy()):
        problems.append((int(rows[i]), "survivors", str(frame["survivors"].iat[i]),
                         "negative survivor count; set empty"))
    frame.loc[negative, "survivors"] = np.nan

    date = pd.to_datetime(frame["date"], errors="coerce", format="mixed")
    year = pd.to_numeric(frame["year"], errors="coerce")
    from_date = year.isna() & date.notna()
    for i in np.flatnonzero(from_date.to_numpy()):
        problems.append((int(rows[i]), "year", "", f"no incident year; taken from the date {frame['date'].iat[i]}"))
    year = year.fillna(date.dt.year)
    for i in np.flatnonzero(year.isna().to_numpy()):
        problems.append((int(rows[i]), "year", "", "no incident date or year; kept with year empty"))
    frame["year"] = year.astype("Int64")
    month = frame["month"].map(MONTHS)
    month = month.fillna(date.dt.month)
    frame["month"] = month.astype("Int64")
    frame["date"] = date.dt.date.astype("object").where(date.notna(), None)

    lookup = dict(IOM_NAME_FIXES) | dict(names or {})
    location = frame["country"].map(lookup)
    unknown = frame["country"].notna() & location.isna()
    for name, count in frame.loc[unknown, "country"].value_counts().items():
        first = int(rows[np.flatnonzero((frame["country"] == name).to_numpy())[0]])
        problems.append((first, "country", str(name), f"no M49 code for this name ({count} incident(s)); "
                         "location left empty"))
    frame["location"] = location.astype("Int64")

    missing_sum = frame["dead"].fillna(0) + frame["missing"].fillna(0)
    mismatch = frame["dead_and_missing"].notna() & (missing_sum != frame["dead_and_missing"])
    for i in np.flatnonzero(mismatch.to_numpy()):
        problems.append((int(rows[i]), "dead_and_missing", str(frame["dead_and_missing"].iat[i]),
                         f"differs from dead + missing ({missing_sum.iat[i]:g}); published total kept"))

    problems_frame = pd.DataFrame(problems, columns=PROBLEM_COLUMNS).sort_values(["row", "column"],
                                                                                  kind="stable")
    return {"incidents": frame[OUTPUT_COLUMNS].reset_index(drop=True),
            "problems": problems_frame.reset_index(drop=True)}
