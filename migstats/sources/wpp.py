"""UN World Population Prospects 2024 — demographic indicators (medium variant).

Reads the publisher's CSV ``WPP2024_Demographic_Indicators_Medium.csv.gz`` (UN DESA Population Division,
https://population.un.org/wpp/; one row per location × year, 1950–2100, 67 columns, UTF-8 with BOM;
counts in thousands, rates per 1,000 population, growth in per cent) and, with the same code, any file
whose columns carry the official names — such as the subset derived from the UN's ``wpp2024`` R package
(registry key ``wpp2024-derived``). Columns are selected by name, so extra or missing optional columns
do not matter; the required ones are listed in :data:`REQUIRED`.

Tidy output (table ``indicators``): ``edition`` (2024), ``location`` (M49 code = WPP ``LocID``, aggregates
included: 900 World, 1829–1836 SDG regions, …), ``year``, ``variant`` (``"estimates"`` for 1950–2023,
``"medium"`` for the 2024–2100 medium-variant projection — the official file labels every year
"Medium"), ``measure`` and ``value``. Units per measure are in :data:`MEASURES`: counts are converted from
thousands to persons; rates keep their own unit.

Population denominators: the official CSV has mid-year (``TPopulation1July``) and 1 January
(``TPopulation1Jan``) population; the derived subset has only end-of-year population from 2024
(``PopEndOfYear`` = 1 January of the next year). For mid-year denominators in earlier years use the IMS
population table (IMS 2024 Table 2 = WPP 2024), as :mod:`migstats.indicators.population` does.
"""

from __future__ import annotations

import gzip
import os
import zlib
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import DataFileError

READER_VERSION = "1"
EDITION = 2024
LAST_ESTIMATE_YEAR = 2023

_CITATION = ("United Nations Department of Economic and Social Affairs, Population Division (2024). "
             "World Population Prospects 2024.")

#: official column → (measure, unit, factor to the unit). Counts: thousands → persons.
MEASURES: dict[str, tuple[str, str, float]] = {
    "TPopulation1Jan": ("population_jan1", "persons", 1000.0),
    "TPopulation1July": ("population_mid_year", "persons", 1000.0),
    "PopEndOfYear": ("population_end_year", "persons", 1000.0),
    "Births": ("births", "persons", 1000.0),
    "Deaths": ("deaths", "persons", 1000.0),
    "NatChange": ("natural_change", "persons", 1000.0),
    "NetMigrations": ("net_migration", "persons", 1000.0),
    "PopChange": ("population_change", "persons", 1000.0),
    "CBR": ("cbr", "per 1,000 population", 1.0),
    "CDR": ("cdr", "per 1,000 population", 1.0),
    "NatChangeRT": ("natural_change_rate", "per 1,000 population", 1.0),
    "CNMR": ("cnmr", "per 1,000 population", 1.0),
    "PopGrowthRate": ("growth_rate", "per cent per year", 1.0),
}
UNITS: dict[str, str] = {measure: unit for measure, unit, _ in MEASURES.values()}
KEYS = ("LocID", "Location", "Variant", "Time")
REQUIRED = KEYS + ("Births", "Deaths", "NatChange", "NetMigrations", "PopChange")
_FIX = ("use the unmodified WPP2024_Demographic_Indicators_Medium.csv.gz from https://population.un.org/wpp/ "
        "(or a file with its column names)")


# --------------------------------------------------------------------------- reading


def read_wpp_indicators(path: str | os.PathLike) -> dict[str, pd.DataFrame]:
    """Parse a WPP demographic-indicators CSV (plain or .gz) into ``{"indicators", "locations"}``.

    Raises :class:`DataFileError` for an unreadable or truncated file, a missing required column, a
    non-numeric value, or a row with required cells empty.
    """
    path = Path(path)
    wanted = set(KEYS) | set(MEASURES)
    try:
        raw = pd.read_csv(path, usecols=lambda c: c.strip() in wanted, dtype=str, keep_default_na=False,
                          encoding="utf-8-sig", compression="infer")
    except FileNotFoundError:
        raise DataFileError(path, "file not found", _FIX) from None
    except (EOFError, OSError, zlib.error, gzip.BadGzipFile) as exc:
        raise DataFileError(path, f"cannot be decompressed or read ({type(exc).__name__}: truncated?)",
                            _FIX) from None
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise DataFileError(path, f"not a readable WPP CSV ({type(exc).__name__})", _FIX) from None
    raw.columns = [c.strip() for c in raw.columns]
    missing = [c for c in REQUIRED if c not in raw.columns]
    if missing:
        raise DataFileError(path, f"not the WPP indicators layout: missing column(s) {', '.join(missing)}",
                            _FIX)
    if raw.empty:
        raise DataFileError(path, "no data rows", _FIX)
    raw = raw.apply(lambda col: col.str.strip())
    empty = raw[list(REQUIRED)].eq("").any(axis=1)
    if empty.any():
        line = int(np.flatnonzero(empty.to_numpy())[0]) + 2
        raise DataFileError(path, f"{int(empty.sum())} row(s) with required cells empty (first on line "
                            f"{line}; truncated file?)", _FIX)
    measure_cols = [c for c in MEASURES if c in raw.columns]
    numeric = {}
    for col in ("LocID", "Time", *measure_cols):
        values = pd.to_numeric(raw[col].replace("", None), errors="coerce")
        bad = values.isna() & raw[col].ne("")
        if bad.any():
            i = int(np.flatnonzero(bad.to_numpy())[0])
            raise DataFileError(path, f"non-numeric {col} {raw[col].iloc[i]!r} on line {i + 2}", _FIX)
        numeric[col] = values
    year = numeric["Time"].astype(int)
    variant = np.where(year <= LAST_ESTIMATE_YEAR, "estimates", raw["Variant"].str.lower())
    wide = pd.DataFrame({"location": numeric["LocID"].astype(int), "year": year, "variant": variant})
    for col in measure_cols:
        measure, _, factor = MEASURES[col]
        values = numeric[col] * factor
        wide[measure] = values.round(0) if factor != 1.0 else values
    dupes = wide.duplicated(["location", "year", "variant"])
    if dupes.any():
        i = int(np.flatnonzero(dupes.to_numpy())[0])
        raise DataFileError(path, f"location {wide['location'].iloc[i]} year {wide['year'].iloc[i]} appears "
                            "twice (two variants in one file?)", _FIX)
    tidy = wide.melt(id_vars=["location", "year", "variant"], var_name="measure", value_name="value")
    tidy = tidy.dropna(subset=["value"])
    tidy.insert(0, "edition", EDITION)
    tidy = tidy.astype({"edition": "int64", "location": "int64", "year": "int64", "value": "float64"})
    tidy = tidy.sort_values(["location", "measure", "year"], kind="stable").reset_index(drop=True)
    locations = (pd.DataFrame({"code": wide["location"], "name": raw["Location"]})
                 .drop_duplicates("code").reset_index(drop=True))
    return {"indicators": tidy, "locations": locations}


def wide_indicators(indicators: pd.DataFrame) -> pd.DataFrame:
    """One row per location × year with one column per measure (a convenience view of the tidy table)."""
    return (indicators.pivot_table(index=["location", "year", "variant"], columns="measure", values="value",
                                   aggfunc="first")
            .reset_index().rename_axis(columns=None))
