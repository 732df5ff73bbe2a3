"""UN M49 — "Standard country or area codes for statistical use" (UN Statistics Division).

Reads the CSV export of https://unstats.un.org/unsd/methodology/m49/overview/ (registry key ``m49``):
UTF-8 with a byte-order mark, semicolon-separated, codes as zero-padded strings (``001``, ``012``),
15 columns, LDC/LLDC/SIDS flagged with ``x``. Namibia's ISO-alpha2 code is the string ``NA`` — read as
text, never as a missing value.

M49 codes are the keys of every migstats table; ISO3 codes (used by UNHCR) are mapped to them with
:func:`iso3_to_m49`.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pandas as pd

from ..errors import DataFileError

READER_VERSION = "1"

#: Official column header → tidy column name.
COLUMNS: dict[str, str] = {
    "Region Code": "region_code",
    "Region Name": "region",
    "Sub-region Code": "subregion_code",
    "Sub-region Name": "subregion",
    "Intermediate Region Code": "intermediate_region_code",
    "Intermediate Region Name": "intermediate_region",
    "Country or Area": "name",
    "M49 Code": "code",
    "ISO-alpha2 Code": "iso2",
    "ISO-alpha3 Code": "iso3",
    "Least Developed Countries (LDC)": "ldc",
    "Land Locked Developing Countries (LLDC)": "lldc",
    "Small Island Developing States (SIDS)": "sids",
}

OUTPUT_COLUMNS = [
    "code", "name", "iso2", "iso3", "region_code", "region", "subregion_code", "subregion",
    "intermediate_region_code", "intermediate_region", "ldc", "lldc", "sids",
]

_FIX = "use the CSV export of https://unstats.un.org/unsd/methodology/m49/overview/ unchanged"


def read_m49(path: str | os.PathLike) -> pd.DataFrame:
    """Read the UNSD M49 overview CSV into one row per country or area.

    Columns: ``code`` (int, M49), ``name``, ``iso2``, ``iso3``, ``region_code``/``region``,
    ``subregion_code``/``subregion``, ``intermediate_region_code``/``intermediate_region`` (codes are
    nullable ``Int64``; Antarctica has no region), and ``ldc``, ``lldc``, ``sids`` (bool: Least Developed
    Countries, Landlocked Developing Countries, Small Island Developing States as listed by UNSD).

    Raises :class:`~migstats.errors.DataFileError` for a file that is not in this layout.
    """
    path = Path(path)
    try:
        raw = pd.read_csv(path, sep=";", dtype=str, encoding="utf-8-sig", keep_default_na=False,
                          quoting=csv.QUOTE_MINIMAL)
    except FileNotFoundError:
        raise DataFileError(path, "file not found", _FIX) from None
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise DataFileError(path, f"not a readable M49 CSV ({type(exc).__name__})", _FIX) from None
    raw.columns = [str(c).strip() for c in raw.columns]
    missing = [c for c in COLUMNS if c not in raw.columns]
    if missing:
        raise DataFileError(path, f"not the M49 layout: missing column(s) {', '.join(missing)}", _FIX)
    frame = raw[list(COLUMNS)].rename(columns=COLUMNS)
    frame = frame.apply(lambda col: col.str.strip())
    bad = frame.loc[~frame["code"].str.fullmatch(r"\d{1,3}"), "name"]
    if len(bad):
        raise DataFileError(path, f"{len(bad)} row(s) without a numeric M49 code (first: {bad.iloc[0]!r})",
                            _FIX)
    frame["code"] = frame["code"].astype(int)
    dupes = frame.loc[frame["code"].duplicated(), "code"]
    if len(dupes):
        raise DataFileError(path, f"M49 code {int(dupes.iloc[0])} appears more than once", _FIX)
    for col in ("region_code", "subregion_code", "intermediate_region_code"):
        frame[col] = pd.to_numeric(frame[col].replace("", None), errors="coerce").astype("Int64")
    for col in ("region", "subregion", "intermediate_region", "iso2", "iso3"):
        frame[col] = frame[col].replace("", None)
    for col in ("ldc", "lldc", "sids"):
        frame[col] = frame[col].str.lower().eq("x")
    return frame[OUTPUT_COLUMNS].reset_index(drop=True)


def iso3_to_m49(frame: pd.DataFrame) -> dict[str, int]:
    """Map ISO 3166-1 alpha-3 codes to M49 codes, from a table returned by :func:`read_m49`."""
    rows = frame.dropna(subset=["iso3"])
    return {str(iso).upper(): int(code) for iso, code in zip(rows["iso3"], rows["code"], strict=True)}
