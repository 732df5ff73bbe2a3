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
from ._base import kept
from .population import annual_components, end_year_population, net_migration_rate, wpp_coverage

SDG_10_7_4_MEASURES = ("refugees", "oip", "vda")
HOSTED_MEASURES = ("refugees", "asylum_seekers")
SDG_10_7_4_DEFINITION = (
    "Refugees by country of origin at end-year per 100,000 of (end-year population of the country of "
    "origin + those refugees); refugees under UNHCR's mandate and other people in need of international "
    "protection (UNHCR, series SM_POP_REFG_OR)."
)


def _tidy(unhcr) -> pd.DataFrame:
    return getattr(unhcr, "population", unhcr)


# A UNHCR bundle keeps its years, its codes and a year's rows (:class:`migstats.store.bundles.UNHCR`): every
# briefing of a warm worker reads them. A bare table is read directly; the results are the same.


def _years(unhcr) -> list[int]:
    """The end-years of the figures, ascending."""
    if hasattr(unhcr, "year_rows"):
        return unhcr.years
    return sorted(int(y) for y in _tidy(unhcr)["year"].unique())


def _side_codes(unhcr, side: str) -> frozenset[int]:
    """Every M49 code on one side (``"origin"`` or ``"asylum"``) of the figures, all years."""
    if hasattr(unhcr, "year_rows"):
        return unhcr.codes(side)
    return frozenset(int(c) for c in _tidy(unhcr)[side].unique())


def _year_rows(unhcr, year: int) -> pd.DataFrame:
    """The rows of end-``year`` (same rows, order and index as a mask over the whole table)."""
    if hasattr(unhcr, "year_rows"):
        return unhcr.year_rows(year)
    frame = _tidy(unhcr)
    return frame[frame["year"] == year]


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
    wanted = members(codes, membership)
    years = _years(unhcr)
    if year not in years:
        raise UnknownPlace(f"UNHCR figures have no year {year} (years {years[0]}–{years[-1]})")
    known = _side_codes(unhcr, side)
    missing = [c for c in wanted if c not in known]
    if missing == wanted:
        raise UnknownPlace(f"M49 code(s) {', '.join(map(str, missing))} not a country of {side} in the UNHCR "
                           "figures (for a group, pass its members or a membership table)")
    now = _year_rows(unhcr, year)
    rows = now[now[side].isin(wanted) & now["measure"].isin(list(measures))]
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
                   membership: pd.DataFrame | None = None, *,
                   population_codes: int | Sequence[int] | None = None) -> dict:
    """SDG 10.7.4 for a place and year from UNHCR figures and WPP 2024 end-year population.

    Returns ``value`` (per 100,000), ``refugees`` and ``population`` (persons) and ``population_method``
    (says when the end-year population was derived rather than published). ``value`` is None when no
    end-year population is available. A group is expanded through ``membership`` on both sides, unless
    ``population_codes`` names the WPP location(s) of the denominator (e.g. a UN region's own WPP row,
    while UNHCR, which publishes countries only, is summed over its members).

    A UNHCR bundle keeps the result of each place and year (with the WPP table it used): a place's figure is
    printed by the refugees and the SDG sections, the World's and the regions' in many briefings.
    """
    countries = members(codes, membership)
    denominator = countries if population_codes is None else population_codes
    key = ("sdg_10_7_4_for", tuple(countries), year,
           int(denominator) if isinstance(denominator, (int, np.integer)) else tuple(int(c) for c in denominator))

    def make() -> dict:
        refugees = refugees_by_origin(unhcr, countries, year)
        population, method = end_year_population(wpp, denominator, year)
        value = None if population is None else sdg_10_7_4(refugees, population)
        return {"value": value, "refugees": refugees, "population": population, "population_method": method,
                "year": year}

    return dict(kept(unhcr, key, (_tidy(unhcr), getattr(wpp, "indicators", wpp)), make))


def refugee_figures(unhcr, wpp, countries: Sequence[int], year: int) -> dict:
    """The UNHCR keys of ``migstats figures`` for countries (one, or a group's members) at end-``year``.

    * ``refugees_hosted`` — refugees under UNHCR's mandate living in ``countries`` as countries of
      asylum, all origins, persons (integer);
    * ``refugees_originating`` — refugees and other people in need of international protection *from*
      ``countries``, in all countries of asylum (SDG 10.7.4's numerator), persons (integer);
    * ``sdg_10_7_4`` — SDG 10.7.4 of the ``countries`` World Population Prospects has, per 100,000
      (one decimal); ``sdg_10_7_4_members_missing`` lists the codes WPP lacks (left out of both the
      numerator and the denominator, so the ratio stays one of like with like);
    * ``reasons`` — for each key that is None, why.

    The two refugee counts answer different questions (hosted in the place vs. originating from it) and
    must not be compared with each other or with SDG 10.7.4 as if they were the same figure.
    """
    wanted = [int(c) for c in countries]
    out: dict = {"refugees_hosted": None, "refugees_originating": None, "sdg_10_7_4": None,
                 "sdg_10_7_4_members_missing": [], "reasons": {}}
    try:
        out["refugees_hosted"] = int(round(refugees_hosted(unhcr, wanted, year, measures=("refugees",))))
    except UnknownPlace as exc:
        out["reasons"]["refugees_hosted"] = str(exc)
    try:
        out["refugees_originating"] = int(round(refugees_by_origin(unhcr, wanted, year)))
    except UnknownPlace as exc:
        out["reasons"]["refugees_originating"] = str(exc)
    present, missing = wpp_coverage(wpp, wanted)
    out["sdg_10_7_4_members_missing"] = missing
    if not present:
        out["reasons"]["sdg_10_7_4"] = "World Population Prospects has no population for this place"
        return out
    try:
        value = sdg_10_7_4_for(unhcr, wpp, present, year)["value"]
    except UnknownPlace as exc:
        out["reasons"]["sdg_10_7_4"] = str(exc)
        return out
    if value is None:
        out["reasons"]["sdg_10_7_4"] = f"World Population Prospects has no end-{year} population for this place"
    else:
        out["sdg_10_7_4"] = round(value, 1)
    return out


def sdg_panel(unhcr, wpp, codes: int | Sequence[int], year: int, *, stock: pd.DataFrame | None = None,
              stock_year: int | None = None, membership: pd.DataFrame | None = None) -> pd.DataFrame:
    """A small panel for one place: SDG 10.7.4 and the migration figures beside it, each with its
    indicator code, value, unit, definition and source (one row per figure)."""
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
    except UnknownPlace as exc:  # no WPP row for these places: the context rows say so
        rows.append(("Target 10.7 (context)", "Net migration", None, "persons", str(exc),
                     f"UN DESA WPP 2024; {year}"))
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


def unhcr_year(unhcr, year: int) -> int:
    """The UNHCR end-year to put beside a mid-``year`` IMS figure: the latest end-year not after ``year``
    (end-2024 beside mid-2024), or UNHCR's latest year if it has none that early."""
    years = _years(unhcr)
    earlier = [y for y in years if y <= year]
    return max(earlier) if earlier else max(years)


def _named(frame: pd.DataFrame, names) -> list[str]:
    label = names or {}
    return [str(label.get(int(c), c)) if hasattr(label, "get") else str(label(int(c))) for c in frame["code"]]


def hosted_by_country(unhcr, codes: Sequence[int], year: int, names=None) -> pd.DataFrame:
    """Refugees and asylum-seekers hosted by each of ``codes`` (countries of asylum) at end-``year``,
    largest first (ties by name; ``names`` maps code → name). Columns: ``code, refugees,
    asylum_seekers, hosted, name`` (persons)."""
    now = _year_rows(unhcr, year)
    now = now[now["asylum"].isin(list(codes)) & now["measure"].isin(HOSTED_MEASURES)]
    hosts = now.pivot_table(index="asylum", columns="measure", values="value", aggfunc="sum")
    hosts = hosts.reindex(columns=list(HOSTED_MEASURES)).fillna(0.0)
    hosts = hosts.reset_index().rename(columns={"asylum": "code"}).rename_axis(columns=None)
    hosts["hosted"] = hosts["refugees"] + hosts["asylum_seekers"]
    hosts["name"] = _named(hosts, names)
    return hosts.sort_values(["hosted", "name"], ascending=[False, True], kind="stable").reset_index(drop=True)


def origin_countries(unhcr, codes: Sequence[int], year: int, names=None) -> pd.DataFrame:
    """Refugees and other people in need of international protection (SDG 10.7.4's numerator) from each
    of ``codes`` at end-``year``, in all countries of asylum, largest first. Columns: ``code, refugees,
    name``."""
    now = _year_rows(unhcr, year)
    rows = now[now["origin"].isin(list(codes)) & now["measure"].isin(SDG_10_7_4_MEASURES)]
    by_origin = rows.groupby("origin")["value"].sum()
    out = pd.DataFrame({"code": by_origin.index.astype(int), "refugees": by_origin.to_numpy(dtype=float)})
    out["name"] = _named(out, names)
    return out.sort_values(["refugees", "name"], ascending=[False, True], kind="stable").reset_index(drop=True)


def region_refugees(unhcr, codes: Sequence[int], year: int, *, wpp=None,
                    population_codes: int | Sequence[int] | None = None, migrant_stock: float | None = None,
                    n: int = 10, names=None) -> dict:
    """Refugees of a group of countries (UNHCR publishes countries only: the group's figures are sums).

    ``year`` is the IMS mid-year; UNHCR's end-year is :func:`unhcr_year`. Keys: ``year``, ``refugees``,
    ``asylum_seekers``, ``hosted`` (persons, hosted by the members), ``share`` (hosted as % of
    ``migrant_stock``, or None), ``hosts`` (:func:`hosted_by_country`), ``by_origin`` (persons from the
    members, all countries of asylum), ``origins`` (the ``n`` largest countries of origin with their own
    ``sdg_10_7_4``, NaN where WPP has no population) and ``sdg_10_7_4`` (:func:`sdg_10_7_4_for` of the
    group with the denominator from ``population_codes``; None without ``wpp``).
    Raises UnknownPlace when UNHCR's figures for the year include none of ``codes``.
    """
    wanted = [int(c) for c in codes]
    year = unhcr_year(unhcr, year)
    now = _year_rows(unhcr, year)
    if not (now["asylum"].isin(wanted).any() or now["origin"].isin(wanted).any()):
        raise UnknownPlace(f"UNHCR's figures for {year} include none of these countries")
    hosts = hosted_by_country(unhcr, wanted, year, names)
    total_ref, total_asy = float(hosts["refugees"].sum()), float(hosts["asylum_seekers"].sum())
    valid_stock = migrant_stock is not None and migrant_stock == migrant_stock
    share = share_of_migrant_stock(total_ref + total_asy, migrant_stock) if valid_stock else None
    all_origins = origin_countries(unhcr, wanted, year, names)
    by_origin = float(all_origins["refugees"].sum())
    origins = all_origins.head(n).reset_index(drop=True)
    sdg = None
    origins["sdg_10_7_4"] = np.nan
    if wpp is not None:
        try:
            sdg = sdg_10_7_4_for(unhcr, wpp, wanted, year, population_codes=population_codes)
            values = []
            for c, r in zip(origins["code"], origins["refugees"], strict=True):
                try:
                    pop, _method = end_year_population(wpp, int(c), year)
                except UnknownPlace:
                    pop = None
                values.append(np.nan if pop is None else sdg_10_7_4(float(r), pop))
            origins["sdg_10_7_4"] = values
        except UnknownPlace:
            sdg = None
    return {"year": year, "refugees": total_ref, "asylum_seekers": total_asy, "hosted": total_ref + total_asy,
            "share": share, "hosts": hosts, "by_origin": by_origin, "sdg_10_7_4": sdg, "origins": origins}
