"""Synthetic WPP 2024 demographic indicators in the official CSV layout (fictional numbers, real codes)."""

from __future__ import annotations

import gzip
import io
import os
from pathlib import Path

import numpy as np
import pandas as pd

from ..fileio import write_bytes
from . import ims as ims_sample

FILENAME = "WPP2024_Demographic_Indicators_Medium.csv.gz"

#: Sample countries (the IMS sample's countries with data: real M49 codes, fictional numbers) and the
#: SDG region (IMS 2024 codes) each is summed into.
SAMPLE_COUNTRIES: dict[int, tuple[str, int]] = {
    c.code: (c.wpp_name or c.name, c.sdg2024) for c in ims_sample.COUNTRIES if not c.no_data
}
#: World and the SDG regions of the sample's countries (all eight), in the official order.
SAMPLE_AGGREGATES: dict[int, str] = {900: "World"} | {
    sdg: name for sdg, name in ims_sample.SDG_NAMES_2024.items()
    if any(region == sdg for _, region in SAMPLE_COUNTRIES.values())
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
    # start in 1950 at a fraction of the IMS sample's population around 2020 (thousands), so that the
    # two samples stay of the same order of magnitude
    pop[0] = rng.uniform(0.3, 0.5) * ims_sample.COUNTRY_POPULATION[code] / 1000
    births, deaths, mig = (np.empty(len(years)) for _ in range(3))
    for i in range(len(years)):
        births[i] = round(pop[i] * cbr[i] / 1000, 3)
        deaths[i] = round(pop[i] * cdr[i] / 1000, 3)
        mig[i] = round(pop[i] * mig_rate[i] / 1000, 3)
        pop[i + 1] = pop[i] + births[i] - deaths[i] + mig[i]
    return pd.DataFrame({"LocID": code, "Time": years, "TPopulation1Jan": pop[:-1], "Births": births,
                         "Deaths": deaths, "NetMigrations": mig, "TPopulation1Jan_next": pop[1:]})


def write(folder: str | os.PathLike, filename: str = FILENAME) -> Path:
    """Write a synthetic ``WPP2024_Demographic_Indicators_Medium.csv.gz`` in the official 67-column layout.

    The IMS sample's countries with data (31 of them; real M49 codes, fictional values) and nine
    aggregates (World 900 and the eight SDG regions 1829–1836) that are exact sums of their members; net
    migration is balanced to zero over the countries every year, as WPP balances it at world level.
    Written atomically and deterministically (same bytes every time).
    """
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
    return write_bytes(Path(folder) / filename, buf.getvalue())


def _recompute_population(country: pd.DataFrame) -> pd.DataFrame:
    country = country.sort_values("Time").copy()
    change = country["Births"] - country["Deaths"] + country["NetMigrations"]
    start = country["TPopulation1Jan"].iloc[0]
    country["TPopulation1Jan_next"] = start + change.cumsum()
    country["TPopulation1Jan"] = country["TPopulation1Jan_next"] - change
    return country


