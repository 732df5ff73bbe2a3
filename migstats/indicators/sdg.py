"""Migration-related SDG commitments — SDG 10.7.2, 10.7.3, 10.c.1, 17.3.2 — pure functions on tidy frames.

* **SDG 10.7.2** (custodians UN DESA and IOM), "Number of countries with migration policies that
  facilitate orderly, safe, regular and responsible migration and mobility of people", from the UN
  Inquiry among Governments on Population and Development (rounds 2019 and 2021). Series SG_CPA_MIGRS:
  a country's score per policy domain and overall, 1 = requires further progress, 2 = partially meets,
  3 = meets, 4 = fully meets. Series SG_CPA_MIGRP: per cent of countries that meet or fully meet the
  criteria, World and regions — **as published**; it is never recomputed from country rows (the 2021
  World figure covers 138 respondents while only 89 country scores are released).
* **SDG 10.7.3** (custodian IOM), "Number of people who died or disappeared in the process of migration
  towards an international destination" (persons). The SDG series SM_DTH_MIGR ends before the IOM
  Missing Migrants incident export does; later years are summed from the incidents and labelled apart
  (``source`` column), by country of incident, region of incident or migration route.
* **SDG 10.c.1** and **17.3.2** and remittance volumes: see :mod:`migstats.indicators.remittances`.

Inputs: the tidy ``datapoints`` tables of :func:`migstats.sources.sdg.read_series` (several series may
be concatenated), the ``incidents`` table of :func:`migstats.sources.iom_mmp.read_incidents` and the
``remittances`` table of :func:`migstats.sources.wdi.read_wdi`. Places are plain M49 codes: ``code``
and, for an aggregate, its ``members`` (country codes).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from ..sources.sdg import ALL_DOMAINS, DOMAIN_ORDER, SCORE_LABELS
from . import remittances as rem

SCORES, SHARES, DEATHS = "SG_CPA_MIGRS", "SG_CPA_MIGRP", "SM_DTH_MIGR"
WORLD_CODES = (1, 900)  # SDG database and IMS codes for the World
SOURCE_SDG_SERIES = "UN SDG Global Database (SM_DTH_MIGR)"
SOURCE_INCIDENTS = "IOM Missing Migrants Project incidents"

#: default source labels (publication and vintage) of the official files; pass others for the sample
SOURCES: dict[str, dict[str, str]] = {
    "sdg": {"publication": "UN SDG Global Database (Gapminder DDF packaging)", "vintage": "2023-12-17"},
    "iom_mmp": {"publication": "IOM Missing Migrants Project", "vintage": "export of 2025-05-05"},
    "wdi": {"publication": "World Bank World Development Indicators (iom/gdidata)", "vintage": "2025-02-07"},
}


def _num(value) -> float | None:
    """A JSON-ready float (None for missing or NaN)."""
    if value is None or pd.isna(value):
        return None
    return float(value)


def _score(value) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def _rows(datapoints: pd.DataFrame | None, series: str) -> pd.DataFrame:
    if datapoints is None:
        return pd.DataFrame(columns=["series", "location", "year", "value", "domain", "flag"])
    return datapoints[datapoints["series"] == series]


# --------------------------------------------------------------------------- 10.7.2


def policy_rounds(datapoints: pd.DataFrame, series: str = SCORES, n: int = 2) -> list[int]:
    """The latest ``n`` survey rounds (years) of a 10.7.2 series, newest first."""
    return sorted((int(y) for y in _rows(datapoints, series)["year"].unique()), reverse=True)[:n]


def policy_country(datapoints: pd.DataFrame, code: int, n: int = 2) -> dict:
    """SDG 10.7.2 scores of one country for the latest round and the previous one (SG_CPA_MIGRS).

    Returns ``{"location", "rounds": [{"year", "score", "label", "domains": {domain: score}, "reason"}],
    "reason"}``, newest round first; ``score`` is the overall ("All domains") score, 1-4, and ``domains``
    follows the published order (:data:`migstats.sources.sdg.DOMAIN_ORDER`). A round the country did not
    report, or where it is "not relevant" (``N``, territories), has ``score`` None and a ``reason``;
    a country with no rows at all has an empty ``rounds`` and a ``reason``.
    """
    rows = _rows(datapoints, SCORES)
    years = policy_rounds(datapoints, SCORES, n)
    mine = rows[rows["location"] == int(code)]
    if mine.empty:
        return {"location": int(code), "rounds": [], "reason": f"M49 {code} has no 10.7.2 country scores "
                f"(SG_CPA_MIGRS, rounds {', '.join(map(str, sorted(years)))})"}
    out = []
    for year in years:
        this = mine[mine["year"] == year]
        by_domain = dict(zip(this["domain"], this["value"], strict=True))
        score = _score(by_domain.get(ALL_DOMAINS))
        reason = None
        if this.empty:
            reason = f"did not report in the {year} round"
        elif score is None:
            flags = set(this["flag"].dropna())
            reason = f"not relevant (N) in the {year} round" if "N" in flags else "no overall score"
        out.append({"year": year, "score": score, "label": SCORE_LABELS.get(score),
                    "domains": {d: _score(by_domain.get(d)) for d in DOMAIN_ORDER}, "reason": reason})
    return {"location": int(code), "rounds": out, "reason": None}


def policy_aggregate(datapoints: pd.DataFrame, code: int, n: int = 2) -> dict:
    """SDG 10.7.2 for a region or the World: the **published** per cent of countries that meet or fully
    meet the criteria (SG_CPA_MIGRP), overall and by domain, latest round and the previous one.

    Never recomputed from country scores. When nothing is published for ``code`` the result has an
    empty ``rounds`` and a ``reason``.
    """
    rows = _rows(datapoints, SHARES)
    mine = rows[(rows["location"] == int(code)) & rows["value"].notna()]
    if mine.empty:
        return {"location": int(code), "rounds": [],
                "reason": f"no published 10.7.2 share (SG_CPA_MIGRP) for M49 {code}; it is not recomputed "
                "from country scores"}
    out = []
    for year in sorted(mine["year"].unique(), reverse=True)[:n]:
        this = mine[mine["year"] == year]
        by_domain = dict(zip(this["domain"], this["value"], strict=True))
        share = _num(by_domain.get(ALL_DOMAINS))
        out.append({"year": int(year), "share_meeting": share,
                    "domains": {d: _num(by_domain.get(d)) for d in DOMAIN_ORDER},
                    "reason": None if share is not None else "no overall share published for this round"})
    return {"location": int(code), "rounds": out, "reason": None}


def policy_members(datapoints: pd.DataFrame, members: Sequence[int], year: int | None = None) -> pd.DataFrame:
    """The members of a region with their 10.7.2 scores in one round (default: the latest).

    One row per member: ``location``, ``year``, ``reported`` (True when an overall score 1-4 is
    published), ``score`` and one column per domain (published order). Members that did not report, or
    are "not relevant", have ``reported`` False and empty scores.
    """
    rows = _rows(datapoints, SCORES)
    if year is None:
        rounds = policy_rounds(datapoints, SCORES, 1)
        year = rounds[0] if rounds else None
    wanted = [int(m) for m in members]
    # The members' rows only: a member's cells are its own rows' (a domain no member has stays empty).
    rows = rows[(rows["year"] == year) & rows["location"].isin(wanted)]
    wide = rows.pivot_table(index="location", columns="domain", values="value", aggfunc="first")
    table = pd.DataFrame({"location": wanted})
    table["year"] = year
    for column in (ALL_DOMAINS, *DOMAIN_ORDER):
        table[column] = table["location"].map(wide[column]) if column in wide.columns else float("nan")
    table = table.rename(columns={ALL_DOMAINS: "score"})
    table.insert(2, "reported", table["score"].notna())
    return table


# --------------------------------------------------------------------------- 10.7.3


#: Why a user-defined group (no M49 code) has no published figure.
USER_GROUP_10_7_2 = ("the 10.7.2 share is published for the UN's regions and groups only, not for a user-defined "
                     "group; it is not recomputed from country scores")
USER_GROUP_10_C_1 = "remittance costs are published per country, not for a user-defined group"
USER_GROUP_17_3_2 = "the share of GDP (BX_TRF_PWKR) is published per country and UN group, not for a user-defined group"


def _is_world(code: int) -> bool:
    return int(code) in WORLD_CODES


def deaths_series(datapoints: pd.DataFrame, code: int) -> pd.DataFrame:
    """SDG 10.7.3 as published (SM_DTH_MIGR) for M49 ``code``: ``year``, ``value`` (persons), ``source``."""
    rows = _rows(datapoints, DEATHS)
    rows = rows[(rows["location"] == int(code)) & rows["value"].notna()]
    out = rows[["year", "value"]].astype({"year": "int64", "value": "float64"}).sort_values("year")
    return out.assign(source=SOURCE_SDG_SERIES, partial=False).reset_index(drop=True)


def _dated(incidents: pd.DataFrame, columns: Sequence[str] | None = None) -> pd.DataFrame:
    """The incidents that have a year (``year`` as int64); only ``columns`` (with ``year``) when given — the
    other columns of the export (23, text mostly) are not copied for a sum that does not read them."""
    if columns is not None:
        incidents = incidents[["year", *(c for c in columns if c != "year")]]
    return incidents[incidents["year"].notna()].astype({"year": "int64"})


def _partial_years(incidents: pd.DataFrame) -> set[int]:
    """Years after the last complete month of the export (the export stops part-way through its last year)."""
    dated = _dated(incidents, ["month"])
    if dated.empty:
        return set()
    last = dated.loc[dated["year"] == dated["year"].max(), "month"].max()
    return {int(dated["year"].max())} if pd.isna(last) or int(last) < 12 else set()


def deaths_from_incidents(incidents: pd.DataFrame, code: int, members: Sequence[int] | None = None,
                          after: int | None = None) -> pd.DataFrame:
    """Dead and missing (persons) by incident year from the IOM incidents, for the years after ``after``.

    The World (M49 1 or 900) counts every incident, at sea included; another place counts incidents
    whose country of incident is ``code`` or one of ``members``. Columns ``year``, ``value``, ``source``
    and ``partial`` (True for the export's incomplete last year). Incidents without a year are left out
    (the reader lists them).
    """
    dated = _dated(incidents, ["location", "dead_and_missing"])
    if code is None or not _is_world(code):
        wanted = {*([] if code is None else [int(code)]), *(int(m) for m in members or ())}
        dated = dated[dated["location"].isin(wanted)]
    if after is not None:
        dated = dated[dated["year"] > after]
    out = dated.groupby("year", as_index=False)["dead_and_missing"].sum().rename(
        columns={"dead_and_missing": "value"})
    partial = _partial_years(incidents)
    return out.assign(source=SOURCE_INCIDENTS, partial=out["year"].isin(partial)).reset_index(drop=True)


def deaths_by(incidents: pd.DataFrame, by: str = "region", years: Sequence[int] | None = None) -> pd.DataFrame:
    """Dead and missing (persons) by incident year and ``by`` — ``"region"`` (region of incident) or
    ``"route"`` (migration route; incidents off any recorded route under "No route recorded")."""
    if by not in ("region", "route"):
        raise ValueError(f"by must be 'region' or 'route', not {by!r}")
    dated = _dated(incidents, [by, "dead_and_missing"])
    if years is not None:
        dated = dated[dated["year"].isin(list(years))]
    keys = dated[by].fillna("No route recorded" if by == "route" else "No region recorded")
    out = (dated.assign(**{by: keys}).groupby(["year", by], as_index=False)["dead_and_missing"].sum()
           .rename(columns={"dead_and_missing": "value"}))
    return out.assign(source=SOURCE_INCIDENTS).sort_values(["year", "value"], ascending=[True, False],
                                                           kind="stable").reset_index(drop=True)


def deaths_and_disappearances(datapoints: pd.DataFrame | None, incidents: pd.DataFrame | None, code: int,
                              members: Sequence[int] | None = None) -> pd.DataFrame:
    """SDG 10.7.3 by year for a place: the SDG series, then the IOM incidents for the later years.

    Columns ``year``, ``value`` (persons), ``source`` (which of the two) and ``partial``.
    """
    parts = []
    series = deaths_series(datapoints, code) if datapoints is not None and code is not None else pd.DataFrame()
    if len(series):
        parts.append(series)
    if incidents is not None:
        after = int(series["year"].max()) if len(series) else None
        parts.append(deaths_from_incidents(incidents, code, members, after))
    if not parts:
        return pd.DataFrame(columns=["year", "value", "source", "partial"])
    return pd.concat(parts, ignore_index=True)


# --------------------------------------------------------------------------- JSON figures


def _missing(reason: str) -> dict:
    return {"value": None, "reason": reason}


def _round_out(r: dict, key: str) -> dict:
    return {"year": r["year"], key: r[key], "domains": r["domains"], "reason": r["reason"]}


def _sdg_10_7_2(code: int, members: list[int], migrs, migrp, source: dict) -> dict:
    base = {"indicator": "10.7.2", "source": source}
    if migrs is None and migrp is None:
        return base | {"year": None, "reason": "SDG 10.7.2 series not loaded"}
    if not members or members == [code]:
        res = policy_country(migrs, code) if migrs is not None else {"rounds": [], "reason": "SG_CPA_MIGRS not loaded"}
        base |= {"series": SCORES, "unit": "score 1-4 (1 requires further progress, 4 fully meets)", "kind": "country"}
        if not res["rounds"]:
            return base | {"year": None, "score": None, "domains": None, "previous": None, "reason": res["reason"]}
        latest, *prev = res["rounds"]
        return base | _round_out(latest, "score") | {"previous": _round_out(prev[0], "score") if prev else None}
    if code is None:
        res = {"rounds": [], "reason": USER_GROUP_10_7_2}
    else:
        res = (policy_aggregate(migrp, code) if migrp is not None
               else {"rounds": [], "reason": "SG_CPA_MIGRP not loaded"})
    base |= {"series": SHARES, "unit": "% of countries meeting or fully meeting the criteria", "kind": "aggregate"}
    if migrs is not None:
        table = policy_members(migrs, members)
        base |= {"members_year": None if table.empty else _score(table["year"].iloc[0]),
                 "members_reported": [int(c) for c in table.loc[table["reported"], "location"]],
                 "members_not_reported": [int(c) for c in table.loc[~table["reported"], "location"]]}
    if not res["rounds"]:
        return base | {"year": None, "share_meeting": None, "domains": None, "previous": None, "reason": res["reason"]}
    latest, *prev = res["rounds"]
    return base | _round_out(latest, "share_meeting") | {
        "previous": _round_out(prev[0], "share_meeting") if prev else None}


def _sdg_10_7_3(code: int, members: list[int], deaths, incidents, sources: Mapping[str, dict]) -> dict:
    base = {"indicator": "10.7.3", "unit": "persons (dead and missing)",
            "source": {"series": sources["sdg"], "incidents": sources["iom_mmp"]}}
    table = deaths_and_disappearances(deaths, incidents, code, members if members != [code] else None)
    if table.empty:
        where = "these members" if code is None else f"M49 {code}"
        return base | {"values": [], "reason": f"no deaths and disappearances recorded for {where}"}
    values = [{"year": int(r.year), "dead_and_missing": float(r.value),
               "source": "sdg" if r.source == SOURCE_SDG_SERIES else "iom_mmp", "partial": bool(r.partial)}
              for r in table.itertuples()]
    return base | {"values": values, "reason": None}


def _sdg_10_c_1(code: int, costs, source: dict) -> dict:
    base = {"indicator": "10.c.1", "unit": "% of amount remitted (USD 200)", "target_percent": rem.TARGET_PERCENT,
            "source": source}
    if costs is None:
        return base | {side: _missing(f"{series} not loaded") for side, series in rem.COST_SERIES.items()}
    if code is None:
        return base | {side: _missing(USER_GROUP_10_C_1) for side in rem.COST_SERIES}
    return base | {side: rem.remittance_cost(costs, code, side) for side in rem.COST_SERIES}


def _remittances(code: int, members: list[int], wdi, gdp_share, sources: Mapping[str, dict]) -> dict:
    base = {"unit": "current US dollars; share of GDP in %", "source": sources["wdi"]}
    if wdi is None:
        out = base | {"year": None, "received_usd": None, "paid_usd": None, "share_of_gdp": None,
                      "reason": "WDI remittances not loaded"}
    else:
        out = base | rem.remittance_volumes(wdi, members or [code])
        out["share_of_gdp_note"] = "received ÷ GDP × 100, members with both values (WDI)"
    if gdp_share is not None and code is None:
        out["sdg_17_3_2"] = _missing(USER_GROUP_17_3_2) | {"source": sources["sdg"], "unit": "% of GDP"}
    elif gdp_share is not None:
        out["sdg_17_3_2"] = rem.share_of_gdp_published(gdp_share, code) | {"source": sources["sdg"],
                                                                          "unit": "% of GDP"}
    return out


def sdg_figures(code: int | None, members: Sequence[int] | None = None, *, migrs: pd.DataFrame | None = None,
                migrp: pd.DataFrame | None = None, deaths: pd.DataFrame | None = None,
                incidents: pd.DataFrame | None = None, costs: pd.DataFrame | None = None,
                gdp_share: pd.DataFrame | None = None, wdi: pd.DataFrame | None = None,
                sources: Mapping[str, dict] | None = None) -> dict:
    """The migration-related SDG figures for one place, JSON-ready.

    ``code`` is the place's M49 code (None for a user-defined group: its figures come from its ``members``
    only, and what the UN publishes per code — the 10.7.2 share, remittance costs, 17.3.2 — is None with
    its reason); ``members`` its member countries (omit, or ``[code]``, for a country).
    Frames: ``migrs``/``migrp``/``deaths``/``costs``/``gdp_share`` are SDG ``datapoints``
    tables (``costs`` may hold SI_RMT_COST and SI_RMT_COST_SND together), ``incidents`` the IOM
    incidents, ``wdi`` the WDI remittances. ``sources`` overrides :data:`SOURCES` (e.g. for the
    synthetic sample). Keys: ``sdg_10_7_2`` (country: ``year``, ``score``, ``domains``; aggregate:
    ``year``, ``share_meeting`` in %), ``sdg_10_7_3`` (``values``: ``year``, ``dead_and_missing``),
    ``sdg_10_c_1`` (``receiving``/``sending``: ``year``, ``cost_percent``), ``remittances`` (``year``,
    ``received_usd``, ``paid_usd``, ``share_of_gdp``). Each names its source and unit; a figure that
    cannot be given is None with a ``reason`` beside it.
    """
    if code is None and not members:
        raise ValueError("a user-defined group (no M49 code) needs its members")
    code = None if code is None else int(code)
    member_list = [int(m) for m in members] if members is not None else [code]
    labels = SOURCES | dict(sources or {})
    return {
        "location": code,
        "sdg_10_7_2": _sdg_10_7_2(code, member_list, migrs, migrp, labels["sdg"]),
        "sdg_10_7_3": _sdg_10_7_3(code, member_list, deaths, incidents, labels),
        "sdg_10_c_1": _sdg_10_c_1(code, costs, labels["sdg"]),
        "remittances": _remittances(code, member_list, wdi, gdp_share, labels),
    }


__all__ = [
    "DEATHS", "SCORES", "SHARES", "SOURCES", "deaths_and_disappearances", "deaths_by", "deaths_from_incidents",
    "deaths_series", "policy_aggregate", "policy_country", "policy_members", "policy_rounds", "sdg_figures",
]
