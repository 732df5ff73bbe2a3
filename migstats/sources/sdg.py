"""UN SDG Global Database — migration-related series, in Gapminder's DDF packaging.

Reads the ``ddf--datapoints--<series>--by--geo_area--nature--[policy_domains--]units--year.csv`` files of
``open-numbers/ddf--unstats--sdg_indicators`` (their ETL downloads each series from the UN SDG API
``/v1/sdg/Series/DataCSV`` and only reshapes it; values rounded to 7 significant digits). Columns:
``geo_area`` (M49 integer), ``nature`` (lower-case SDG nature code, see :data:`NATURE_NAMES`), ``units``,
``year``, a value column named after the series in lower case, and ``policy_domains`` for SG_CPA_*.

Series (see :data:`SERIES`):

* SG_CPA_MIGRS — SDG 10.7.2, "Number of countries with migration policies that facilitate orderly, safe,
  regular and responsible migration and mobility of people": each country's score per policy domain,
  1 = requires further progress, 2 = partially meets, 3 = meets, 4 = fully meets (``N`` = not relevant,
  territories: kept with ``value`` empty and ``flag`` ``"N"``).
* SG_CPA_MIGRP — SDG 10.7.2: percentage of countries that meet or fully meet the criteria (World and
  regions, as published; the 2021 World figure covers 138 respondents, more than the country rows).
* SM_DTH_MIGR — SDG 10.7.3, "Number of people who died or disappeared in the process of migration towards
  an international destination" (persons).
* SI_RMT_COST — SDG 10.c.1, "Remittance costs as a proportion of the amount remitted", receiving country
  (per cent of a USD 200 transfer); SI_RMT_COST_SND — the same, sending country.
* BX_TRF_PWKR — SDG 17.3.2, "Volume of remittances (in United States dollars) as a proportion of total
  GDP": personal remittances received, per cent of GDP.

Tidy output (table ``datapoints``): ``series`` (upper case), ``location`` (M49 int), ``year``, ``value``
(float), ``nature`` (code as published), ``units``, ``domain`` (10.7.2 domain name, else empty) and
``flag`` (a non-numeric published value such as ``"N"``, else empty).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pandas as pd

from ..errors import DataFileError

READER_VERSION = "1"

#: series code → (SDG indicator, unit of ``value``)
SERIES: dict[str, tuple[str, str]] = {
    "SG_CPA_MIGRS": ("10.7.2", "score 1-4"),
    "SG_CPA_MIGRP": ("10.7.2", "% of countries"),
    "SM_DTH_MIGR": ("10.7.3", "persons"),
    "SI_RMT_COST": ("10.c.1", "% of amount remitted"),
    "SI_RMT_COST_SND": ("10.c.1", "% of amount remitted"),
    "BX_TRF_PWKR": ("17.3.2", "% of GDP"),
}

#: 10.7.2 policy domains in the published order (PROVENANCE §11; SDMX labels, Nordic countries 2021).
DOMAINS: dict[str, str] = {
    "alldomains": "All domains",
    "domain1": "Migrant rights",
    "domain2": "Whole-of-government / evidence-based policies",
    "domain3": "Cooperation and partnerships",
    "domain4": "Socioeconomic well-being",
    "domain5": "Mobility dimensions of crises",
    "domain6": "Safe, orderly and regular migration",
}
ALL_DOMAINS = DOMAINS["alldomains"]
DOMAIN_ORDER: tuple[str, ...] = tuple(v for k, v in DOMAINS.items() if k != "alldomains")

#: 10.7.2 country scores (SG_CPA_MIGRS)
SCORE_LABELS: dict[int, str] = {1: "requires further progress", 2: "partially meets", 3: "meets",
                                4: "fully meets"}

#: SDG Global Database "Nature" codes (the DDF entity file gives only the upper-case code).
NATURE_NAMES: dict[str, str] = {
    "c": "Country data", "ca": "Country adjusted data", "e": "Estimated data", "g": "Global monitoring data",
    "m": "Modelled data", "n": "Non-relevant", "notspec": "Not specified", "na": "Not available",
}

#: non-numeric values published in place of a number
FLAGS: dict[str, str] = {"N": "not relevant", "NaN": "not available"}

KEYS = ("geo_area", "nature", "units", "year")
OUTPUT_COLUMNS = ["series", "location", "year", "value", "nature", "units", "domain", "flag"]
_NAME = re.compile(r"^ddf--datapoints--(?P<series>[a-z0-9_]+)--by--(?P<keys>[a-z0-9_-]+)\.csv$")
_FIX = ("use the unmodified ddf--datapoints file of open-numbers/ddf--unstats--sdg_indicators "
        "(geo_area, nature, [policy_domains,] units, year, <series>)")


def _read_csv(path: Path, fix: str) -> pd.DataFrame:
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except FileNotFoundError:
        raise DataFileError(path, "file not found", fix) from None
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError, OSError) as exc:
        raise DataFileError(path, f"not a readable CSV ({type(exc).__name__})", fix) from None
    raw.columns = [str(c).strip() for c in raw.columns]
    if raw.empty:
        raise DataFileError(path, "no data rows", fix)
    return raw.apply(lambda col: col.str.strip())


def _integers(path: Path, raw: pd.DataFrame, column: str, fix: str) -> pd.Series:
    values = pd.to_numeric(raw[column], errors="coerce")
    bad = values.isna() | (values % 1 != 0)
    if bad.any():
        i = int(bad.to_numpy().nonzero()[0][0])
        raise DataFileError(path, f"non-integer {column} {raw[column].iloc[i]!r} on line {i + 2}", fix)
    return values.astype("int64")


def series_of(path: str | os.PathLike) -> str | None:
    """The series code named in a DDF datapoints file name (``SG_CPA_MIGRS``), or None if not such a name."""
    match = _NAME.match(Path(path).name)
    return match["series"].upper() if match else None


def read_series(path: str | os.PathLike) -> dict[str, pd.DataFrame]:
    """Parse one DDF datapoints file into ``{"datapoints": tidy table}`` (columns in the module docstring).

    The series is the value column (the one that is not a key); when the file keeps its official name
    the value column must be the series it names. Raises :class:`DataFileError` for a missing column,
    a non-integer M49 code or year, an unknown non-numeric value, or a duplicated observation.
    """
    path = Path(path)
    raw = _read_csv(path, _FIX)
    named = series_of(path)
    keys = list(KEYS) + (["policy_domains"] if "policy_domains" in raw.columns
                         or (named or "").startswith("SG_CPA") else [])
    missing = [c for c in keys if c not in raw.columns]
    values = [c for c in raw.columns if c not in keys]
    if named is not None and named.lower() not in raw.columns:
        missing.append(named.lower())
    if missing:
        raise DataFileError(path, f"not the SDG DDF datapoints layout: missing column(s) {', '.join(missing)}",
                            _FIX)
    if len(values) != 1:
        raise DataFileError(path, f"expected one value column besides {', '.join(keys)}, found "
                            f"{', '.join(values) or 'none'}", _FIX)
    column = values[0]
    number = pd.to_numeric(raw[column], errors="coerce")
    flag = raw[column].where(number.isna() & raw[column].ne(""), None)
    unknown = flag.notna() & ~flag.isin(list(FLAGS))
    if unknown.any():
        i = int(unknown.to_numpy().nonzero()[0][0])
        raise DataFileError(path, f"non-numeric {column} {raw[column].iloc[i]!r} on line {i + 2}", _FIX)
    domain = None
    if "policy_domains" in keys:
        domain = raw["policy_domains"].map(DOMAINS)
        if domain.isna().any():
            i = int(domain.isna().to_numpy().nonzero()[0][0])
            raise DataFileError(path, f"unknown policy_domains {raw['policy_domains'].iloc[i]!r} on line "
                                f"{i + 2} (expected {', '.join(DOMAINS)})", _FIX)
    tidy = pd.DataFrame({
        "series": column.upper(),
        "location": _integers(path, raw, "geo_area", _FIX),
        "year": _integers(path, raw, "year", _FIX),
        "value": number.astype("float64"),
        "nature": raw["nature"],
        "units": raw["units"],
        "domain": domain if domain is not None else pd.Series(None, index=raw.index, dtype="object"),
        "flag": flag,
    })
    dupes = tidy.duplicated(["location", "year", "domain"])
    if dupes.any():
        i = int(dupes.to_numpy().nonzero()[0][0])
        raise DataFileError(path, f"observation for geo_area {tidy['location'].iloc[i]} year "
                            f"{tidy['year'].iloc[i]} appears twice (line {i + 2})", _FIX)
    order = raw["policy_domains"] if "policy_domains" in keys else ""
    tidy = tidy.assign(_order=order).sort_values(["location", "year", "_order"], kind="stable")
    return {"datapoints": tidy.reset_index(drop=True)[OUTPUT_COLUMNS]}


def _read_entities(path: Path, key: str) -> pd.DataFrame:
    fix = f"use the unmodified ddf--entities--{key}.csv of open-numbers/ddf--unstats--sdg_indicators"
    raw = _read_csv(path, fix)
    missing = [c for c in (key, "name") if c not in raw.columns]
    if missing:
        raise DataFileError(path, f"not the DDF entities layout: missing column(s) {', '.join(missing)}", fix)
    return raw[[key, "name"]]


def read_geo_areas(path: str | os.PathLike) -> dict[str, pd.DataFrame]:
    """``ddf--entities--geo_area.csv`` → ``{"geo_areas": location (M49 int), name}`` (names as the SDG
    database spells them)."""
    path = Path(path)
    raw = _read_entities(path, "geo_area")
    fix = "use the unmodified ddf--entities--geo_area.csv"
    frame = pd.DataFrame({"location": _integers(path, raw, "geo_area", fix), "name": raw["name"]})
    return {"geo_areas": frame}


def read_natures(path: str | os.PathLike) -> dict[str, pd.DataFrame]:
    """``ddf--entities--nature.csv`` → ``{"natures": nature (code as in the datapoints), code (as
    published), name (from :data:`NATURE_NAMES`, else the published code)}``."""
    raw = _read_entities(Path(path), "nature")
    names = raw["nature"].map(NATURE_NAMES).fillna(raw["name"])
    return {"natures": pd.DataFrame({"nature": raw["nature"], "code": raw["name"], "name": names})}


def read_units(path: str | os.PathLike) -> dict[str, pd.DataFrame]:
    """``ddf--entities--units.csv`` → ``{"units": units (as in the datapoints), code (as published)}``."""
    raw = _read_entities(Path(path), "units")
    return {"units": raw.rename(columns={"name": "code"})}
