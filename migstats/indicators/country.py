"""Indicators of one country or area for its profile: immigrants beside emigrants, non-zero top lists,
and how it compares with its SDG region and the World.

Pure functions on an IMS bundle (no I/O, no plotting). Units: persons for counts, per cent for shares,
per cent per year for rates; NaN where the UN publishes no figure.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..places import Place, group_of, resolve
from ._base import PlaceSpec, default_year, ims_tables, kept, place_of
from .compare import rank_members
from .headline import headline_figures, stock_trend
from .origins import emigrants, top_destinations, top_origins

WORLD = 900


def migrants_both_ways(ims, place: PlaceSpec, *, end: int | None = None) -> pd.DataFrame:
    """Immigrants and emigrants of a place in every tabulation year up to ``end``.

    ``immigrants`` = international migrant stock living in the place (persons; destination Table 1);
    ``emigrants`` = persons born in the place living in another country (persons; origin Table 1, its
    diaspora); ``share`` = immigrants ÷ population × 100 (%); ``female`` = female immigrants ÷ immigrants
    × 100 (%); ``net`` = immigrants − emigrants (persons). Columns: ``year, immigrants, emigrants, net,
    share, female``. An IMS bundle keeps the table (the profile's header and its migrants section print it).
    """
    p = place_of(ims, place)
    return kept(ims, ("migrants_both_ways", p, end), ims_tables(ims),
                lambda: _migrants_both_ways(ims, p, end)).copy(deep=False)


def _migrants_both_ways(ims, p: Place, end: int | None) -> pd.DataFrame:
    """:func:`migrants_both_ways` of a resolved place, computed."""
    tr = stock_trend(ims, p, end=end).rename(columns={"stock": "immigrants"})
    emi = emigrants(ims, p, sex="both")[["year", "value"]].rename(columns={"value": "emigrants"})
    out = tr.merge(emi, on="year", how="left")
    out["net"] = out["immigrants"] - out["emigrants"]
    return out[["year", "immigrants", "emigrants", "net", "share", "female"]].reset_index(drop=True)


def _nonzero(frame: pd.DataFrame, n: int) -> pd.DataFrame:
    """Rows with a positive value only (a top list never lists zeros), re-ranked."""
    out = frame[frame["value"].fillna(0) > 0].head(n).copy()
    out["rank"] = np.arange(1, len(out) + 1)
    return out.reset_index(drop=True)


def top_origins_nonzero(ims, place: PlaceSpec, *, year: int | None = None, n: int = 10) -> pd.DataFrame:
    """:func:`~.origins.top_origins` without origins of zero or unknown (NaN) migrants: at most ``n`` rows."""
    return _nonzero(top_origins(ims, place, year=year, n=n), n)


def top_destinations_nonzero(ims, place: PlaceSpec, *, year: int | None = None, n: int = 10) -> pd.DataFrame:
    """:func:`~.origins.top_destinations` without destinations of zero or NaN emigrants: at most ``n`` rows."""
    return _nonzero(top_destinations(ims, place, year=year, n=n), n)


def sdg_region_of(ims, place: PlaceSpec) -> Place | None:
    """The SDG region of a country or area (None when the membership table lists it in none)."""
    p = place_of(ims, place)
    code = group_of(p.code, "sdg", ims.membership, edition=p.edition) if p.code is not None else None
    return resolve(ims, code) if code is not None else None


def comparison(ims, place: PlaceSpec, *, year: int | None = None) -> pd.DataFrame:
    """A country or area beside its SDG region and the World at mid-``year``.

    One row each (``role`` = "place", "sdg_region", "world"; ``code``, ``name``) with ``stock``
    (immigrants, persons), ``share`` (% of population), ``female`` (% of immigrants), ``rate`` (annual
    rate of change over the period ending in ``year``, % per year) and ``emigrants`` (persons). For the
    place, ``share_rank``, ``stock_rank`` and ``rate_rank`` give its rank among the region's members with a
    value (1 = highest) and ``ranked`` their number; NaN for the other rows.
    """
    p = place_of(ims, place)
    y = default_year(ims, year)
    region = sdg_region_of(ims, p)
    places = [("place", p)] + ([("sdg_region", region)] if region is not None else [])
    if p.code != WORLD:
        places.append(("world", resolve(ims, WORLD)))
    rows = []
    for role, q in places:
        h = headline_figures(ims, q, y)
        emi = emigrants(ims, q, years=y, sex="both")["value"]
        rows.append({"role": role, "code": q.code, "name": q.name, "stock": h["stock"], "share": h["share"],
                     "female": h["female"], "rate": h["rate"],
                     "emigrants": float(emi.iloc[0]) if len(emi) and pd.notna(emi.iloc[0]) else np.nan})
    out = pd.DataFrame(rows)
    for col in ("share_rank", "stock_rank", "rate_rank", "ranked"):
        out[col] = np.nan
    if region is not None:
        for col, indicator in (("share", "migrant_share"), ("stock", "migrant_stock"),
                               ("rate", "annual_rate_of_change")):
            ranked = rank_members(ims, region, indicator, year=y)
            hit = ranked.loc[ranked["location"] == p.code, "rank"]
            if len(hit) and pd.notna(hit.iloc[0]):
                out.loc[0, f"{col}_rank"] = int(hit.iloc[0])
            if col == "share":
                out.loc[0, "ranked"] = int(ranked["rank"].notna().sum())
    return out
