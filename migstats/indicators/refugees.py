"""Refugees, asylum seekers and SDG indicator 10.7.4 — pure functions on tidy frames.

UNHCR figures are end-year stocks in persons (tidy table ``release, year, origin, asylum, measure,
value`` from :mod:`migstats.sources.unhcr`, or a :class:`~migstats.sources.unhcr.UNHCR` bundle).
Places: one M49 code, a sequence of codes (summed), or a group code expanded through a ``membership``
table (``grouping, group, member``, as in the IMS bundle) — UNHCR publishes countries only.

**SDG indicator 10.7.4** (custodian UNHCR, series SM_POP_REFG_OR), "Proportion of the population who are
refugees, by country of origin": refugees from a country at end-year ÷ (end-year population of that
country + those refugees) × 100,000. Refugees = refugees under UNHCR's mandate (including people in
refugee-like situations) + other people in need of international protection (``oip``; in releases
before 2022 its predecessor ``vda``, Venezuelans displaced abroad); Palestine refugees under UNRWA's
mandate are not counted (they are not in UNHCR's figures).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..errors import UnknownPlace

SDG_10_7_4_MEASURES = ("refugees", "oip", "vda")
HOSTED_MEASURES = ("refugees", "asylum_seekers")
SDG_10_7_4_DEFINITION = (
    "Refugees by country of origin at end-year per 100,000 of (end-year population of the country of "
    "origin + those refugees); refugees under UNHCR's mandate and other people in need of international "
    "protection (UNHCR, series SM_POP_REFG_OR)."
)


def _tidy(unhcr) -> pd.DataFrame:
    return getattr(unhcr, "population", unhcr)


def members(codes: int | Sequence[int], membership: pd.DataFrame | None = None) -> list[int]:
    """Country codes for ``codes``: a group code is expanded through ``membership`` when it is a group."""
    wanted = [int(codes)] if isinstance(codes, (int, np.integer)) else [int(c) for c in codes]
    if membership is None:
        return wanted
    out: list[int] = []
    for code in wanted:
        rows = membership.loc[membership["group"] == code, "member"]
        out.extend(int(m) for m in rows.unique()) if len(rows) else out.append(code)
    return sorted(set(out))


def _total(unhcr, side: str, codes, year: int, measures: Sequence[str], membership) -> float:
    frame = _tidy(unhcr)
    wanted = members(codes, membership)
    if year not in set(frame["year"].unique()):
        raise UnknownPlace(f"UNHCR figures have no year {year} (years {frame['year'].min()}–"
                           f"{frame['year'].max()})")
    known = set(frame[side].unique())
    missing = [c for c in wanted if c not in known]
    if missing == wanted:
        raise UnknownPlace(f"M49 code(s) {', '.join(map(str, missing))} not a country of {side} in the UNHCR "
                           "figures (for a group, pass its members or a membership table)")
    rows = frame[(frame["year"] == year) & frame[side].isin(wanted) & frame["measure"].isin(list(measures))]
    return float(rows["value"].sum())


def refugees_hosted(unhcr, codes: int | Sequence[int], year: int,
                    measures: Sequence[str] = HOSTED_MEASURES, membership: pd.DataFrame | None = None) -> float:
    """People hosted by the place(s) as country of asylum at end of ``year``, persons.

    Default: refugees under UNHCR's mandate + asylum-seekers, all origins.
    """
    return _total(unhcr, "asylum", codes, year, measures, membership)


def refugees_by_origin(unhcr, codes: int | Sequence[int], year: int,
                       measures: Sequence[str] = SDG_10_7_4_MEASURES,
                       membership: pd.DataFrame | None = None) -> float:
    """People originating from the place(s), in all countries of asylum, at end of ``year``, persons.

    Default measures are those of SDG 10.7.4 (refugees + other people in need of international protection).
    """
    return _total(unhcr, "origin", codes, year, measures, membership)


def share_of_migrant_stock(hosted: float, migrant_stock: float) -> float | None:
    """Refugees and asylum seekers hosted as a percentage of the international migrant stock (%)."""
    return None if not migrant_stock else 100.0 * hosted / migrant_stock


def refugee_share_of_stock(unhcr, stock: pd.DataFrame, codes: int | Sequence[int], year: int, *,
                           refugee_year: int | None = None, membership: pd.DataFrame | None = None) -> dict:
    """Refugees and asylum seekers hosted (UNHCR, end of ``refugee_year``, default ``year``) as a share
    of the international migrant stock (IMS tidy ``stock``, mid-``year``, both sexes, all origins).

    Returns ``hosted`` (persons), ``migrant_stock`` (persons), ``share`` (%) and the years used. A single
    aggregate code uses its own IMS row; UNHCR's side is expanded through ``membership``.
    """
    refugee_year = year if refugee_year is None else refugee_year
    hosted = refugees_hosted(unhcr, codes, refugee_year, membership=membership)
    wanted = [int(codes)] if isinstance(codes, (int, np.integer)) else [int(c) for c in codes]
    rows = stock[stock["destination"].isin(wanted) & (stock["year"] == year)]
    if "origin" in rows:
        rows = rows[rows["origin"] == 900]
    if "sex" in rows:
        rows = rows[rows["sex"] == "both"]
    if rows["destination"].nunique() != len(wanted):
        raise UnknownPlace(f"the migrant stock table has no {year} value for code(s) {wanted}")
    migrant_stock = float(rows["value"].sum())
    return {"hosted": hosted, "migrant_stock": migrant_stock,
            "share": share_of_migrant_stock(hosted, migrant_stock),
            "refugee_year": refugee_year, "stock_year": year}


def sdg_10_7_4(refugees: float, end_year_population: float) -> float:
    """SDG 10.7.4: ``refugees`` ÷ (``end_year_population`` + ``refugees``) × 100,000 (both in persons)."""
    denominator = end_year_population + refugees
    if denominator <= 0:
        raise ValueError("SDG 10.7.4 needs a positive population")
    return 100_000.0 * refugees / denominator


def sdg_10_7_4_for(unhcr, wpp, codes: int | Sequence[int], year: int,
                   membership: pd.DataFrame | None = None) -> dict:
    """SDG 10.7.4 for a place and year from UNHCR figures and WPP 2024 end-year population.

    Returns ``value`` (per 100,000), ``refugees`` and ``population`` (persons) and ``population_method``
    (says when the end-year population was derived rather than published). ``value`` is None when no
    end-year population is available. A group is expanded through ``membership`` on both sides.
    """
    from .population import end_year_population

    countries = members(codes, membership)
    refugees = refugees_by_origin(unhcr, countries, year)
    population, method = end_year_population(wpp, countries, year)
    value = None if population is None else sdg_10_7_4(refugees, population)
    return {"value": value, "refugees": refugees, "population": population, "population_method": method,
            "year": year}


def sdg_panel(unhcr, wpp, codes: int | Sequence[int], year: int, *, stock: pd.DataFrame | None = None,
              stock_year: int | None = None, membership: pd.DataFrame | None = None) -> pd.DataFrame:
    """A small panel for one place: SDG 10.7.4 and the migration figures beside it, each with its
    indicator code, value, unit, definition and source (one row per figure)."""
    from .population import annual_components, net_migration_rate

    rows = []
    sdg = sdg_10_7_4_for(unhcr, wpp, codes, year, membership)
    rows.append(("SDG 10.7.4 (SM_POP_REFG_OR)", "Refugees by country of origin", sdg["value"],
                 "per 100,000 population", SDG_10_7_4_DEFINITION + f" Denominator: {sdg['population_method']}.",
                 f"UNHCR; UN DESA WPP 2024; end-{year}"))
    rows.append(("SDG 10.7.4 numerator", "Refugees and other people in need of international protection, "
                 "by origin", sdg["refugees"], "persons", "End-year stock, all countries of asylum.",
                 f"UNHCR; end-{year}"))
    try:
        hosted = refugees_hosted(unhcr, codes, year, membership=membership)
    except UnknownPlace:  # not a country of asylum in these figures
        hosted = None
    rows.append(("Target 10.7 (context)", "Refugees and asylum seekers hosted", hosted, "persons",
                 "Refugees under UNHCR's mandate + asylum-seekers, end-year, country of asylum.",
                 f"UNHCR; end-{year}"))
    try:
        comp = annual_components(wpp, codes, ("net_migration",))
        nm = comp.loc[comp["year"] == year, "net_migration"]
        rows.append(("Target 10.7 (context)", "Net migration",
                     float(nm.iloc[0]) if len(nm) and pd.notna(nm.iloc[0]) else None,
                     "persons", "Immigrants minus emigrants during the year.", f"UN DESA WPP 2024; {year}"))
        rows.append(("Target 10.7 (context)", "Crude net migration rate", net_migration_rate(wpp, codes, year),
                     "per 1,000 population", "Net migration per 1,000 mid-year population.",
                     f"UN DESA WPP 2024; {year}"))
    except UnknownPlace:
        pass
    if stock is not None:
        share = refugee_share_of_stock(unhcr, stock, codes, stock_year or year, refugee_year=year,
                                       membership=membership)
        rows.append(("Target 10.7 (context)", "International migrant stock", share["migrant_stock"], "persons",
                     "People living in a country other than their country of birth (or citizenship), mid-year.",
                     f"UN DESA IMS; mid-{share['stock_year']}"))
        rows.append(("Target 10.7 (context)", "Refugees and asylum seekers as % of migrant stock",
                     share["share"], "%", "Hosted refugees and asylum seekers ÷ international migrant stock.",
                     f"UNHCR end-{year}; UN DESA IMS mid-{share['stock_year']}"))
    return pd.DataFrame(rows, columns=["indicator", "name", "value", "unit", "definition", "source"])
