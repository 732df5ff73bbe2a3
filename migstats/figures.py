"""Key migration figures of one place as plain Python values (behind ``migstats figures PLACE``).

:func:`place_figures` returns a JSON-ready dict (ints, floats, strings, lists, ``None``). Figures that
need a workbook that is not available are ``None`` and ``not_available`` says, per key, which workbook is
missing and how to get it. Units: persons for counts, per cent for shares, per cent per year for the rate.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from .errors import DataUnavailable
from .indicators import emigrants, intra_regional_share, top_destinations, top_origins
from .indicators._base import place_of
from .indicators.headline import headline_figures
from .places import Place

FIGURE_KEYS = (
    "code", "name", "edition", "year", "migrant_stock", "migrant_stock_female", "population",
    "share_of_population", "female_share", "annual_rate_of_change", "top_origins",
    "top_destinations_of_emigrants", "emigrants", "intra_regional_share",
)


def _num(x: Any, *, persons: bool = False) -> int | float | None:
    if x is None:
        return None
    x = float(x)
    if math.isnan(x):
        return None
    return int(round(x)) if persons else x


def _one(frame: pd.DataFrame, sex: str | None = "both") -> float | None:
    rows = frame[frame["sex"] == sex] if sex is not None and "sex" in frame.columns else frame
    return float(rows["value"].iloc[0]) if len(rows) else None


def _top_list(frame: pd.DataFrame, col: str) -> list[dict[str, Any]]:
    return [{"code": int(r[col]), "name": str(r[f"{col}_name"]), "migrants": _num(r["value"], persons=True),
             "share": _num(r["share"])} for _, r in frame.iterrows()]


def place_figures(ims, place: str | int | Place | list, year: int | None = None,
                  top: int = 5) -> dict[str, Any]:
    """Key figures of a place in one IMS edition and year (default: the edition's latest year).

    Keys (``FIGURE_KEYS`` plus ``kind``, ``synthetic``, ``source``, ``rate_period``, ``not_available``):

    * ``migrant_stock`` / ``migrant_stock_female`` — international migrant stock at mid-year, persons
      (destination Table 1); ``population`` — total population, persons (Table 2);
    * ``share_of_population`` — migrants ÷ population × 100, %; ``female_share`` — female migrants ÷
      migrants × 100, %;
    * ``annual_rate_of_change`` — 100·ln(M2/M1)/(t2−t1), % per year, over the UN's tabulation period
      ending at ``year`` (``rate_period``, e.g. [2015, 2020]); ``None`` for the first year;
    * ``top_origins`` — the ``top`` countries of origin of the migrants in the place, each
      ``{code, name, migrants, share}`` (share of the place's migrants, %);
    * ``top_destinations_of_emigrants`` — the ``top`` countries where persons born in the place live, each
      ``{code, name, migrants, share}`` (share of the place's emigrants, %);
    * ``emigrants`` — persons born in the place living abroad (by-origin Table 1);
    * ``intra_regional_share`` — % of the place's migrants born in the same SDG region.
    """
    p = place_of(ims, place)
    h = headline_figures(ims, p, year)
    year = h["year"]
    out: dict[str, Any] = {
        "code": p.code, "name": p.name, "kind": p.kind, "edition": h["edition"], "year": year,
        "synthetic": bool(ims.synthetic), "source": ims.label,
    }
    # The headline figures of the briefings (one function for both), in JSON-ready units.
    out["migrant_stock"] = _num(h["stock"], persons=True)
    out["migrant_stock_female"] = _num(h["stock_female"], persons=True)
    out["population"] = _num(h["population"], persons=True)
    out["share_of_population"] = _num(h["share"])
    out["female_share"] = _num(h["female"])
    out["annual_rate_of_change"] = _num(h["rate"]) if h["rate_period"] else None
    out["rate_period"] = h["rate_period"]
    missing: dict[str, str] = {}
    attempts = {
        "top_origins": lambda: _top_list(top_origins(ims, p, year=year, n=top), "origin"),
        "top_destinations_of_emigrants":
            lambda: _top_list(top_destinations(ims, p, year=year, n=top), "destination"),
        "emigrants": lambda: _num(_one(emigrants(ims, p, years=year, sex="both"), "both"), persons=True),
        "intra_regional_share": lambda: _num(_one(intra_regional_share(ims, p, years=year), "both")),
    }
    for key, compute in attempts.items():
        try:
            out[key] = compute()
        except DataUnavailable as exc:
            out[key] = None
            missing[key] = str(exc)
    out["not_available"] = missing
    return out
