"""Headline figures of a place: the numbers at the top of a briefing and behind ``migstats figures``.

One function, :func:`headline_figures`, so the command line and the briefings print the same numbers.
Units: persons for counts, per cent for shares, per cent per year for the rate; NaN where not available.
"""

from __future__ import annotations

import copy

import numpy as np
import pandas as pd

from ..places import Place
from ._base import PlaceSpec, default_year, ims_tables, kept, place_of
from .compare import rank_members
from .stock import annual_rate_of_change, female_share, migrant_share, migrant_stock, total_population


def _pick(frame: pd.DataFrame, year: int | None = None, sex: str | None = "both") -> float:
    rows = frame
    if year is not None and "year" in rows.columns:
        rows = rows[rows["year"] == year]
    if sex is not None and "sex" in rows.columns:
        rows = rows[rows["sex"] == sex]
    return float(rows["value"].iloc[0]) if len(rows) and pd.notna(rows["value"].iloc[0]) else float("nan")


def headline_figures(ims, place: PlaceSpec, year: int | None = None) -> dict:
    """The headline figures of ``place`` in one IMS edition at mid-``year`` (default: the latest year).

    Keys: ``edition``, ``year``, ``previous_year`` and ``first_year`` (tabulation years; ``previous_year``
    is None in the first year) and, as floats (NaN when not available):

    * ``stock`` / ``stock_female`` — international migrant stock, persons (destination Table 1);
    * ``population`` — total population, persons (Table 2);
    * ``share`` — migrants ÷ population × 100, %; ``female`` — female migrants ÷ migrants × 100, %;
    * ``stock_previous``, ``change_previous`` — stock at ``previous_year`` and the change since, persons;
    * ``stock_first``, ``change_first`` — stock at ``first_year`` and the change since, persons;
    * ``rate`` — annual rate of change 100·ln(M2/M1)/(t2−t1) over ``rate_period`` ([previous_year, year]),
      % per year.

    An IMS bundle keeps the figures of each place and year (a briefing prints them in several sections).
    """
    p = place_of(ims, place)
    y = default_year(ims, year)
    return copy.deepcopy(kept(ims, ("headline_figures", p, y), ims_tables(ims), lambda: _headline_figures(ims, p, y)))


def _headline_figures(ims, p: Place, y: int) -> dict:
    """:func:`headline_figures` of a resolved place and a tabulation year, computed."""
    years = ims.years
    i = years.index(y)
    prev = years[i - 1] if i > 0 else None
    first = years[0]
    stock = migrant_stock(ims, p)
    out: dict = {"edition": int(ims.edition), "year": int(y), "previous_year": prev, "first_year": first}
    out["stock"] = _pick(stock, y)
    out["stock_female"] = _pick(stock, y, "female")
    out["population"] = _pick(total_population(ims, p, years=y, sex="both"), y)
    out["share"] = _pick(migrant_share(ims, p, years=y, sex="both"), y)
    out["female"] = _pick(female_share(ims, p, years=y), y, None)
    out["stock_previous"] = _pick(stock, prev) if prev else float("nan")
    out["change_previous"] = out["stock"] - out["stock_previous"] if prev else float("nan")
    out["stock_first"] = _pick(stock, first)
    out["change_first"] = out["stock"] - out["stock_first"] if first != y else float("nan")
    out["rate"] = _pick(annual_rate_of_change(ims, p, end=y, sex="both"), None) if prev else float("nan")
    out["rate_period"] = [prev, int(y)] if prev else None
    return out


def stock_trend(ims, place: PlaceSpec, *, end: int | None = None) -> pd.DataFrame:
    """The migrant stock in every tabulation year up to ``end`` (default: the latest): ``year``,
    ``stock`` (persons), ``share`` (% of population), ``female`` (% of migrants) and ``rate`` (annual rate
    of change over the period ending that year, % per year; NaN in the first year)."""
    p = place_of(ims, place)
    end = default_year(ims, end)
    stock = migrant_stock(ims, p, sex="both")[["year", "value"]].rename(columns={"value": "stock"})
    share = migrant_share(ims, p, sex="both")[["year", "value"]].rename(columns={"value": "share"})
    female = female_share(ims, p)[["year", "value"]].rename(columns={"value": "female"})
    out = stock.merge(share, on="year", how="left").merge(female, on="year", how="left")
    out = out[out["year"] <= end].sort_values("year").reset_index(drop=True)
    rates = annual_rate_of_change(ims, p, sex="both")[["end_year", "value"]]
    out = out.merge(rates.rename(columns={"end_year": "year", "value": "rate"}), on="year", how="left")
    return out.astype({"year": int})


def member_table(ims, group: PlaceSpec, *, year: int | None = None) -> pd.DataFrame:
    """The member countries/areas of a group ranked by migrant stock at mid-``year``, with each member's
    share of population (%), female share (%), change since the previous tabulation year (persons) and
    annual rate of change over that period (% per year) — the figures of
    :func:`~migstats.indicators.compare.rank_members` for each indicator. Columns: ``rank, code, name,
    stock, share, female, change, rate`` (members without a stock come last)."""
    g = place_of(ims, group)
    y = default_year(ims, year)
    i = ims.years.index(y)
    prev = ims.years[i - 1] if i > 0 else None

    def values(indicator: str, yr: int | None = y) -> pd.Series:
        if yr is None:
            return pd.Series(np.nan, index=list(g.members), dtype=float)
        ranked = rank_members(ims, g, indicator, year=yr)
        return ranked.set_index("location")["value"].astype(float)

    stock = rank_members(ims, g, "migrant_stock", year=y)
    out = pd.DataFrame({"code": stock["location"].astype(int), "name": stock["name"],
                        "stock": stock["value"].astype(float)})
    out["share"] = out["code"].map(values("migrant_share"))
    out["female"] = out["code"].map(values("female_share"))
    out["change"] = out["stock"] - out["code"].map(values("migrant_stock", prev))
    out["rate"] = out["code"].map(values("annual_rate_of_change")) if prev else np.nan
    out.insert(0, "rank", range(1, len(out) + 1))
    return out.reset_index(drop=True)
