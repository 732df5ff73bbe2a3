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
import io
import os
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .. import config
from ..errors import DataFileError, DataUnavailable
from ..registry import CC_BY_IGO, OfficialFile, SourceFile, locate, register, sha256_of

READER_VERSION = "1"
EDITION = 2024
LAST_ESTIMATE_YEAR = 2023
DATA_MODES = ("auto", "official", "sample")

_CITATION = ("United Nations Department of Economic and Social Affairs, Population Division (2024). "
             "World Population Prospects 2024.")

OFFICIAL = register(OfficialFile(
    key="wpp2024-indicators", publication="wpp", edition=EDITION,
    filename="WPP2024_Demographic_Indicators_Medium.csv.gz",
    url="https://population.un.org/wpp/assets/Excel%20Files/1_Indicator%20(Standard)/CSV_FILES/"
    "WPP2024_Demographic_Indicators_Medium.csv.gz",
    title="World Population Prospects 2024: demographic indicators, medium variant (CSV)",
    citation=_CITATION, licence=CC_BY_IGO,
    notes="No published checksum: accepted unverified, its actual sha256 recorded.",
))
DERIVED = register(OfficialFile(
    key="wpp2024-derived", publication="wpp", edition=EDITION,
    filename="WPP2024_annual_indicators_DERIVED_from_wpp2024_Rpkg.csv", url=None,
    title="World Population Prospects 2024: annual indicators derived from the UN's wpp2024 R package",
    citation=_CITATION + " (R package wpp2024 1.1-3)", licence=CC_BY_IGO,
    sha256=("62b79b5fec2913e4866a55c8939312a1311429d63e6e21751945f92ce26b1377",), size=5_115_832,
    mirror_hints=("wpp/WPP2024_annual_indicators_DERIVED_from_wpp2024_Rpkg.csv",),
    notes="Mirror only. Official column names; no mid-year population; PopEndOfYear from 2024 only.",
))

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


@dataclass
class WPP:
    """WPP 2024 demographic indicators as a tidy table (see the module docstring for units)."""

    edition: int
    synthetic: bool
    indicators: pd.DataFrame                 # edition, location, year, variant, measure, value
    locations: pd.DataFrame                  # code, name (as WPP spells it)
    sources: list[SourceFile] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        text = f"World Population Prospects {self.edition}"
        return text + " — SYNTHETIC SAMPLE" if self.synthetic else text

    def name(self, code: int) -> str:
        hit = self.locations.loc[self.locations["code"] == int(code), "name"]
        return str(hit.iloc[0]) if len(hit) else str(code)


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


# --------------------------------------------------------------------------- the synthetic sample

#: Sample countries (real M49 codes, fictional numbers) and the SDG region each is summed into.
SAMPLE_COUNTRIES: dict[int, tuple[str, int]] = {
    840: ("United States of America", 1829), 276: ("Germany", 1829), 76: ("Brazil", 1830),
    32: ("Argentina", 1830), 356: ("India", 1831), 4: ("Afghanistan", 1831), 566: ("Nigeria", 1834),
    404: ("Kenya", 1834),
}
SAMPLE_AGGREGATES: dict[int, str] = {
    900: "World", 1829: "Europe and Northern America", 1830: "Latin America and the Caribbean",
    1831: "Central and Southern Asia", 1834: "Sub-Saharan Africa",
}
OFFICIAL_HEADER = (
    "SortOrder,LocID,Notes,ISO3_code,ISO2_code,SDMX_code,LocTypeID,LocTypeName,ParentID,Location,VarID,"
    "Variant,Time,TPopulation1Jan,TPopulation1July,TPopulationMale1July,TPopulationFemale1July,PopDensity,"
    "PopSexRatio,MedianAgePop,NatChange,NatChangeRT,PopChange,PopGrowthRate,DoublingTime,Births,"
    "Births1519,CBR,TFR,NRR,MAC,SRB,Deaths,DeathsMale,DeathsFemale,CDR,LEx,LExMale,LExFemale,LE15,"
    "LE15Male,LE15Female,LE65,LE65Male,LE65Female,LE80,LE80Male,LE80Female,InfantDeaths,IMR,"
    "LBsurvivingAge1,Under5Deaths,Q5,Q0040,Q0040Male,Q0040Female,Q0060,Q0060Male,Q0060Female,Q1550,"
    "Q1550Male,Q1550Female,Q1560,Q1560Male,Q1560Female,NetMigrations,CNMR"
).split(",")


def _sample_country(code: int, years: np.ndarray) -> pd.DataFrame:
    """Fictional but internally consistent annual series for one country, counts in thousands."""
    rng = np.random.default_rng(code)
    t = (years - years[0]) / (years[-1] - years[0])
    cbr = rng.uniform(25, 45) * (1 - 0.6 * t) + rng.uniform(-1, 1, len(years))
    cdr = rng.uniform(15, 25) * (1 - 0.5 * t) + 3 * t ** 2
    mig_rate = rng.uniform(-3, 3) * np.sin(np.pi * t + rng.uniform(0, 3))
    pop = np.empty(len(years) + 1)
    pop[0] = rng.uniform(5_000, 150_000)
    births, deaths, mig = (np.empty(len(years)) for _ in range(3))
    for i in range(len(years)):
        births[i] = round(pop[i] * cbr[i] / 1000, 3)
        deaths[i] = round(pop[i] * cdr[i] / 1000, 3)
        mig[i] = round(pop[i] * mig_rate[i] / 1000, 3)
        pop[i + 1] = pop[i] + births[i] - deaths[i] + mig[i]
    return pd.DataFrame({"LocID": code, "Time": years, "TPopulation1Jan": pop[:-1], "Births": births,
                         "Deaths": deaths, "NetMigrations": mig, "TPopulation1Jan_next": pop[1:]})


def write_sample_wpp(folder: str | os.PathLike) -> Path:
    """Write a synthetic ``WPP2024_Demographic_Indicators_Medium.csv.gz`` in the official 67-column layout.

    Eight countries (real M49 codes, fictional values) and five aggregates (World 900; SDG regions 1829,
    1830, 1831, 1834) that are exact sums of their members; net migration is balanced to zero over the
    eight countries every year, as WPP balances it at world level. Written atomically and
    deterministically (same bytes every time).
    """
    from ..fileio import write_bytes

    years = np.arange(1950, 2101)
    parts = [_sample_country(code, years) for code in SAMPLE_COUNTRIES]
    countries = pd.concat(parts, ignore_index=True)
    # balance net migration: subtract each year's world total, shared in proportion to population
    world_mig = countries.groupby("Time")["NetMigrations"].transform("sum")
    world_pop = countries.groupby("Time")["TPopulation1Jan"].transform("sum")
    countries["NetMigrations"] = (countries["NetMigrations"] - world_mig * countries["TPopulation1Jan"]
                                  / world_pop).round(3)
    fix = countries.groupby("Time")["NetMigrations"].transform("sum")
    first = countries["LocID"] == next(iter(SAMPLE_COUNTRIES))
    countries.loc[first, "NetMigrations"] = (countries.loc[first, "NetMigrations"] - fix[first]).round(3)
    countries = pd.concat([_recompute_population(g) for _, g in countries.groupby("LocID", sort=False)])
    rows = [countries]
    for agg in SAMPLE_AGGREGATES:
        members = countries if agg == 900 else countries[countries["LocID"].map(
            lambda c: SAMPLE_COUNTRIES[c][1]) == agg]
        summed = members.groupby("Time", as_index=False)[
            ["TPopulation1Jan", "TPopulation1Jan_next", "Births", "Deaths", "NetMigrations"]].sum()
        summed["LocID"] = agg
        rows.append(summed)
    data = pd.concat(rows, ignore_index=True)
    names = {code: name for code, (name, _) in SAMPLE_COUNTRIES.items()} | SAMPLE_AGGREGATES
    mid = (data["TPopulation1Jan"] + data["TPopulation1Jan_next"]) / 2
    out = pd.DataFrame({col: "" for col in OFFICIAL_HEADER}, index=data.index)
    out["LocID"] = data["LocID"]
    out["Location"] = data["LocID"].map(names)
    out["LocTypeName"] = np.where(data["LocID"] < 900, "Country/Area", "SDG region")
    out.loc[data["LocID"] == 900, "LocTypeName"] = "World"
    out["VarID"] = 2
    out["Variant"] = "Medium"
    out["Time"] = data["Time"]
    out["TPopulation1Jan"] = data["TPopulation1Jan"].round(3)
    out["TPopulation1July"] = mid.round(3)
    out["Births"] = data["Births"].round(3)
    out["Deaths"] = data["Deaths"].round(3)
    out["NatChange"] = (data["Births"] - data["Deaths"]).round(3)
    out["NetMigrations"] = data["NetMigrations"].round(3)
    out["PopChange"] = (data["TPopulation1Jan_next"] - data["TPopulation1Jan"]).round(3)
    out["CBR"] = (1000 * data["Births"] / mid).round(3)
    out["CDR"] = (1000 * data["Deaths"] / mid).round(3)
    out["NatChangeRT"] = (1000 * (data["Births"] - data["Deaths"]) / mid).round(3)
    out["CNMR"] = (1000 * data["NetMigrations"] / mid).round(3)
    out["PopGrowthRate"] = (100 * np.log(data["TPopulation1Jan_next"] / data["TPopulation1Jan"])).round(3)
    out["SortOrder"] = np.arange(1, len(out) + 1)
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0) as gz:
        gz.write(out.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig"))
    return write_bytes(Path(folder) / OFFICIAL.filename, buf.getvalue())


def _recompute_population(country: pd.DataFrame) -> pd.DataFrame:
    country = country.sort_values("Time").copy()
    change = country["Births"] - country["Deaths"] + country["NetMigrations"]
    start = country["TPopulation1Jan"].iloc[0]
    country["TPopulation1Jan_next"] = start + change.cumsum()
    country["TPopulation1Jan"] = country["TPopulation1Jan_next"] - change
    return country


# --------------------------------------------------------------------------- loading


def _sample_source(folder: Path) -> SourceFile:
    path = folder / OFFICIAL.filename
    if not path.is_file():
        write_sample_wpp(folder)
    return SourceFile(OFFICIAL, path, sha256_of(path), verified=False, origin="sample", synthetic=True)


def locate_wpp(*, mirror=None, allow_unverified: bool = False) -> SourceFile:
    """The official CSV if it can be had, else the derived subset from the mirror."""
    try:
        return locate(OFFICIAL.key, mirror=mirror, allow_unverified=allow_unverified)
    except DataUnavailable:
        return locate(DERIVED.key, mirror=mirror, allow_unverified=allow_unverified)


def load_wpp(data: str = "auto", *, mirror=None, allow_unverified: bool = False) -> WPP:
    """Load WPP 2024 indicators: ``data`` = ``"official"``, ``"sample"`` (synthetic) or ``"auto"``.

    The second load of the same file reads the Parquet cache, not the CSV.
    """
    from ..cache import cached_tables

    if data not in DATA_MODES:
        raise ValueError(f"data must be one of {DATA_MODES}, not {data!r}")
    source: SourceFile | None = None
    if data in ("auto", "official"):
        try:
            source = locate_wpp(mirror=mirror, allow_unverified=allow_unverified)
        except DataUnavailable:
            if data == "official":
                raise
    if source is None:
        source = _sample_source(config.cache_dir() / "sample" / "wpp2024")
    tables = cached_tables(source, "wpp-indicators", READER_VERSION,
                           lambda: read_wpp_indicators(source.path))
    notes = [f"Source: {_CITATION} {source.spec.title}; counts in persons (published in thousands)."]
    if source.spec.key == DERIVED.key:
        notes.append("Derived subset of WPP 2024 (from the UN's wpp2024 R package): no mid-year population; "
                     "denominators come from the IMS population table (WPP 2024 mid-year population).")
    if source.synthetic:
        notes.append("SYNTHETIC SAMPLE — NOT OFFICIAL FIGURES.")
    return WPP(EDITION, source.synthetic, tables["indicators"], tables["locations"], [source], notes)
