"""Remittances — SDG 10.c.1 (cost), SDG 17.3.2 (share of GDP) and volumes — pure functions on tidy frames.

* **SDG 10.c.1** (custodian World Bank), "Remittance costs as a proportion of the amount remitted": the
  average total cost of sending USD 200 (fee + exchange-rate margin), per cent of the amount sent.
  Series SI_RMT_COST (receiving country) and SI_RMT_COST_SND (sending country). Target 10.c: reduce the
  cost to less than 3 % (:data:`TARGET_PERCENT`) by 2030.
* **SDG 17.3.2** (custodian World Bank), "Volume of remittances (in United States dollars) as a
  proportion of total GDP": personal remittances received ÷ GDP × 100, series BX_TRF_PWKR (per cent).
* **Volumes**: WDI personal remittances received (BX.TRF.PWKR.CD.DT) and paid (BM.TRF.PWKR.CD.DT) and
  GDP (NY.GDP.MKTP.CD), current US dollars. WDI has no regional aggregates here: a region is the sum of
  the members that have a value, and the members without one are named.

Inputs: the tidy ``datapoints`` table of :func:`migstats.sources.sdg.read_series` and the
``remittances`` table of :func:`migstats.sources.wdi.read_wdi`; places as plain M49 codes.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

TARGET_PERCENT = 3.0
COST_SERIES = {"receiving": "SI_RMT_COST", "sending": "SI_RMT_COST_SND"}
RECEIVED, PAID, GDP = "remittances_received_usd", "remittances_paid_usd", "gdp_usd"


def latest_value(datapoints: pd.DataFrame, series: str, code: int) -> dict:
    """The latest published value of ``series`` for M49 ``code``: ``{year, value, reason}`` (reason when absent)."""
    rows = datapoints[(datapoints["series"] == series) & (datapoints["location"] == int(code))
                      & datapoints["value"].notna()]
    if rows.empty:
        have = datapoints.loc[datapoints["series"] == series, "location"].nunique()
        return {"year": None, "value": None,
                "reason": f"M49 {code} has no {series} value in this vintage ({have} places have one)"}
    row = rows.loc[rows["year"].idxmax()]
    return {"year": int(row["year"]), "value": float(row["value"]), "reason": None}


def remittance_cost(datapoints: pd.DataFrame, code: int, side: str = "receiving") -> dict:
    """SDG 10.c.1 for a place, latest year: ``cost_percent`` (% of amount remitted), ``distance_to_target``
    (percentage points above the 3 % target; negative = below it), ``meets_target`` and ``year``.

    ``side`` is ``"receiving"`` (SI_RMT_COST) or ``"sending"`` (SI_RMT_COST_SND).
    """
    if side not in COST_SERIES:
        raise ValueError(f"side must be one of {tuple(COST_SERIES)}, not {side!r}")
    hit = latest_value(datapoints, COST_SERIES[side], code)
    cost = hit["value"]
    return {"series": COST_SERIES[side], "year": hit["year"], "cost_percent": cost,
            "distance_to_target": None if cost is None else round(cost - TARGET_PERCENT, 6),
            "meets_target": None if cost is None else cost < TARGET_PERCENT, "reason": hit["reason"]}


def share_of_gdp_published(datapoints: pd.DataFrame, code: int) -> dict:
    """SDG 17.3.2 as published (BX_TRF_PWKR), latest year: ``{year, share_of_gdp (%), reason}``."""
    hit = latest_value(datapoints, "BX_TRF_PWKR", code)
    return {"series": "BX_TRF_PWKR", "year": hit["year"], "share_of_gdp": hit["value"], "reason": hit["reason"]}


def remittance_volumes(wdi: pd.DataFrame, members: Sequence[int], year: int | None = None) -> dict:
    """Remittances received and paid (current USD) summed over ``members`` (one code for a country).

    ``year`` defaults to the latest year in which any member has remittances received. Returns
    ``received_usd``, ``paid_usd``, ``gdp_usd`` (sums over members with a value), ``share_of_gdp`` (% =
    received ÷ GDP × 100 over the members that have both), and ``missing_received`` / ``missing_paid`` /
    ``missing_gdp`` (members without a value that year). ``reason`` says why a figure is None.
    """
    codes = [int(c) for c in members]
    rows = wdi[wdi["location"].isin(codes)]
    received_rows = rows[(rows["indicator"] == RECEIVED) & rows["value"].notna()]
    if year is None:
        if received_rows.empty:
            return {"year": None, "received_usd": None, "paid_usd": None, "gdp_usd": None, "share_of_gdp": None,
                    "missing_received": codes, "missing_paid": codes, "missing_gdp": codes,
                    "reason": f"no WDI remittances received for M49 {', '.join(map(str, codes))}"}
        year = int(received_rows["year"].max())
    rows = rows[(rows["year"] == year) & rows["value"].notna()]
    values = {ind: rows[rows["indicator"] == ind].set_index("location")["value"] for ind in (RECEIVED, PAID, GDP)}
    out: dict = {"year": year}
    for ind, key in ((RECEIVED, "received_usd"), (PAID, "paid_usd"), (GDP, "gdp_usd")):
        out[key] = float(values[ind].sum()) if len(values[ind]) else None
        out["missing_" + key.removesuffix("_usd")] = [c for c in codes if c not in values[ind].index]
    both = values[RECEIVED].index.intersection(values[GDP].index)
    gdp = float(values[GDP][both].sum())
    out["share_of_gdp"] = 100.0 * float(values[RECEIVED][both].sum()) / gdp if gdp > 0 else None
    out["reason"] = None if out["received_usd"] is not None else f"no WDI remittances received in {year}"
    return out
