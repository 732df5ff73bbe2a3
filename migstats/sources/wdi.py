"""World Bank World Development Indicators — remittance volumes and GDP (current US dollars).

Reads ``gdidata_wdi.rda`` (R data file of the ``iom/gdidata`` package, object ``wdi``): a long table
``geo`` (ISO3, plus World Bank codes such as ``CHI`` Channel Islands and ``XKX`` Kosovo), ``var``, ``t``
(year), ``v``. Three variables are read (:data:`INDICATORS`):

* ``remin`` = WDI BX.TRF.PWKR.CD.DT, personal remittances, received (current US$): personal transfers
  and compensation of employees received by resident households from non-residents;
* ``remout`` = WDI BM.TRF.PWKR.CD.DT, personal remittances, paid (current US$);
* ``gdp`` = WDI NY.GDP.MKTP.CD, GDP (current US$).

Remittances received as a share of GDP is the World Bank's input to SDG indicator 17.3.2, "Volume of
remittances (in United States dollars) as a proportion of total GDP".

Tidy output: ``remittances`` (``location`` (M49, nullable), ``iso3``, ``indicator``, ``year``, ``value``
in current US dollars) and ``unmapped`` (``iso3``, ``rows``, ``reason``): codes without an M49 code —
kept in ``remittances`` with ``location`` empty, never dropped. ISO3 codes are mapped through a
mapping passed by the caller (e.g. :func:`migstats.sources.m49.iso3_to_m49`) completed by
:data:`WB_CODES` (``CHI`` → 830 Channel Islands). Kosovo (``XKX``) has no M49 code in the UNSD list and
stays unmapped (UN statistics count it within Serbia, 688; adding it there would be a choice the
reader does not make).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from ..errors import DataFileError

READER_VERSION = "1"
OBJECT = "wdi"

#: gdidata variable → (tidy indicator, WDI code)
INDICATORS: dict[str, tuple[str, str]] = {
    "remin": ("remittances_received_usd", "BX.TRF.PWKR.CD.DT"),
    "remout": ("remittances_paid_usd", "BM.TRF.PWKR.CD.DT"),
    "gdp": ("gdp_usd", "NY.GDP.MKTP.CD"),
}
UNIT = "current US dollars"
#: World Bank codes that are not ISO 3166 alpha-3 → M49
WB_CODES: dict[str, int] = {"CHI": 830}
OUTPUT_COLUMNS = ["location", "iso3", "indicator", "year", "value"]
_FIX = "use the unmodified data/wdi.rda of the iom/gdidata R package (object 'wdi': geo, var, t, v)"


def _read_object(path: Path) -> pd.DataFrame:
    import pyreadr  # only to parse the file, as the UNHCR reader: a process reading the cached tables goes without

    if not path.is_file():
        raise DataFileError(path, "file not found", _FIX)
    try:
        objects = pyreadr.read_r(str(path))
    except (pyreadr.custom_errors.PyreadrError, ValueError, OSError) as exc:
        raise DataFileError(path, f"not a readable R data file ({type(exc).__name__})", _FIX) from None
    if OBJECT not in objects:
        raise DataFileError(path, f"no object {OBJECT!r} (found {', '.join(objects) or 'none'})", _FIX)
    return objects[OBJECT]


def read_wdi(path: str | os.PathLike, iso3_codes: Mapping[str, int] | None = None) -> dict[str, pd.DataFrame]:
    """Parse ``gdidata_wdi.rda`` into ``{"remittances", "unmapped"}`` (see the module docstring).

    ``iso3_codes`` maps ISO3 codes to M49 codes; without it only :data:`WB_CODES` are mapped and every
    other code is listed in ``unmapped``. Raises :class:`DataFileError` for an unreadable file, a
    missing column, a non-numeric year or a duplicated observation.
    """
    path = Path(path)
    raw = _read_object(path)
    missing = [c for c in ("geo", "var", "t", "v") if c not in raw.columns]
    if missing:
        raise DataFileError(path, f"not the gdidata WDI layout: missing column(s) {', '.join(missing)}", _FIX)
    raw = raw[raw["var"].isin(list(INDICATORS))]
    if raw.empty:
        raise DataFileError(path, f"none of the variables {', '.join(INDICATORS)}", _FIX)
    year = pd.to_numeric(raw["t"], errors="coerce")
    if year.isna().any():
        raise DataFileError(path, f"non-numeric year {raw['t'][year.isna()].iloc[0]!r}", _FIX)
    value = pd.to_numeric(raw["v"], errors="coerce")
    iso3 = raw["geo"].astype(str).str.strip().str.upper()
    lookup = dict(WB_CODES) | {str(k).upper(): int(v) for k, v in (iso3_codes or {}).items()}
    tidy = pd.DataFrame({
        "location": iso3.map(lookup).astype("Int64"),
        "iso3": iso3.astype("object"),
        "indicator": raw["var"].map(lambda v: INDICATORS[v][0]).astype("object"),
        "year": year.astype("int64"),
        "value": value.astype("float64"),
    }).dropna(subset=["value"])
    dupes = tidy.duplicated(["iso3", "indicator", "year"])
    if dupes.any():
        row = tidy[dupes].iloc[0]
        raise DataFileError(path, f"{row['iso3']} {row['indicator']} {row['year']} appears twice", _FIX)
    unmapped = (tidy[tidy["location"].isna()].groupby("iso3").size().rename("rows").reset_index())
    unmapped["reason"] = "no M49 code for this World Bank code; kept with location empty"
    tidy = tidy.sort_values(["iso3", "indicator", "year"], kind="stable").reset_index(drop=True)
    return {"remittances": tidy[OUTPUT_COLUMNS], "unmapped": unmapped}
