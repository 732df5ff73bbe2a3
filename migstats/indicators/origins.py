"""Where migrants come from and where emigrants go: origins, regions of origin, emigrants, corridors.

Functions take an :class:`~migstats.data.IMS` bundle and a place (code, name, list, or
:class:`~migstats.places.Place`) like those of :mod:`.stock`, and return tidy frames starting with
``edition, location, name``.

Sources: the destination-and-origin workbook (``IMS.matrix``: migrants by country of destination and
country of origin) and the by-origin workbook (``IMS.stock_by_origin``, Table 1: migrants by country of
origin, all destinations). When a workbook is not available the function raises
:class:`~migstats.errors.DataUnavailable` naming it — except for the world as a whole, whose origins and
destinations are the by-origin and by-destination Tables 1 themselves.

Origins are counted over countries/areas plus the UN's "Other / unknown" origin (code 2003): shares are
of all migrants in the place, while rankings list countries/areas only.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..errors import ParamsError
from ..places import Place, group_map
from ._base import (
    UNKNOWN_ORIGIN,
    PlaceSpec,
    by_origin_of,
    check_sex,
    check_years,
    country_codes,
    decorate,
    default_year,
    filter_rows,
    kept,
    leaf_codes,
    matrix_of,
    names,
    place_of,
    place_total,
    table_total,
)


def _check_n(n: int) -> int:
    if not isinstance(n, (int, np.integer)) or n < 1:
        raise ParamsError(f"n must be a positive whole number (got {n!r})")
    return int(n)


def _slice(ims, what: str, year: int, sex: str) -> pd.DataFrame:
    """Leaf rows (countries/areas and unknown origin on both axes) of the matrix for one year and sex (kept by
    an IMS bundle: every briefing reads the same year)."""
    def make() -> pd.DataFrame:
        m = matrix_of(ims, what)
        m = m[(m["year"] == year) & (m["sex"] == sex)]
        leaves = leaf_codes(ims)
        return m[m["origin"].isin(leaves) & m["destination"].isin(leaves)]

    return kept(ims, ("matrix_slice", year, sex), (ims.matrix, ims.locations), make).copy(deep=False)


def _in_place(codes: pd.Series, p: Place) -> pd.Series:
    return codes.isin(p.members) if p.members else codes == p.code


def inflows(ims, place: PlaceSpec, *, year: int | None = None, sex: str = "both") -> pd.Series:
    """Migrants living in ``place`` by country/area of origin (incl. 2003 unknown), **persons**.

    A Series indexed by origin code (sorted descending). Source: destination-and-origin workbook; for
    the world, the by-origin Table 1.
    """
    p = place_of(ims, place)
    check_sex(sex)
    year = default_year(ims, year)
    if p.is_world and (ims.matrix is None or len(ims.matrix) == 0):
        tab = by_origin_of(ims, f"the origins of migrants in {p.name}")
        rows = tab[(tab["destination"] == 900) & (tab["year"] == year) & (tab["sex"] == sex)]
        rows = rows[rows["origin"].isin(leaf_codes(ims))]
    else:
        m = _slice(ims, f"the origins of migrants in {p.name}", year, sex)
        rows = m[_in_place(m["destination"], p)]
    out = rows.groupby("origin")["value"].sum(min_count=1).dropna()
    return out.sort_values(ascending=False, kind="stable").rename("value")


def outflows(ims, place: PlaceSpec, *, year: int | None = None, sex: str = "both") -> pd.Series:
    """Emigrants born in ``place`` by country/area of destination, **persons** (Series, sorted descending).

    Source: destination-and-origin workbook; for the world, the by-destination Table 1.
    """
    p = place_of(ims, place)
    check_sex(sex)
    year = default_year(ims, year)
    if p.is_world and (ims.matrix is None or len(ims.matrix) == 0):
        s = ims.stock
        rows = s[(s["origin"] == 900) & (s["year"] == year) & (s["sex"] == sex)]
        rows = rows[rows["destination"].isin(country_codes(ims))]
    else:
        m = _slice(ims, f"the destinations of emigrants from {p.name}", year, sex)
        rows = m if p.is_world else m[_in_place(m["origin"], p)]  # the world's include unknown origins
    out = rows.groupby("destination")["value"].sum(min_count=1).dropna()
    return out.sort_values(ascending=False, kind="stable").rename("value")


def _top(ims, p: Place, flows: pd.Series, n: int, year: int, sex: str, col: str) -> pd.DataFrame:
    total = flows.sum()
    countries = country_codes(ims)
    top = flows[flows.index.isin(countries)].head(n)
    label = names(ims)
    out = pd.DataFrame({
        "year": year, "sex": sex, "rank": np.arange(1, len(top) + 1),
        col: top.index.astype(int), f"{col}_name": [label.get(int(c), str(c)) for c in top.index],
        "value": top.to_numpy(dtype=float),
        "share": 100.0 * top.to_numpy(dtype=float) / total if total > 0 else np.nan,
    })
    return decorate(ims, p, out)


def top_origins(ims, place: PlaceSpec, *, year: int | None = None, n: int = 10,
                sex: str = "both") -> pd.DataFrame:
    """The ``n`` main countries/areas of origin of the international migrants living in a place.

    ``value`` = migrants born in the origin and living in the place, **persons**; ``share`` = that ÷ all
    international migrants in the place (incl. unknown origin) × 100, **per cent**. Source: IMS
    destination-and-origin workbook (Table 1); for the world: by-origin workbook, Table 1.
    Columns: ``edition, location, name, year, sex, rank, origin, origin_name, value, share``.
    """
    p = place_of(ims, place)
    n = _check_n(n)
    year = default_year(ims, year)
    return _top(ims, p, inflows(ims, p, year=year, sex=sex), n, year, sex, "origin")


def top_destinations(ims, place: PlaceSpec, *, year: int | None = None, n: int = 10,
                     sex: str = "both") -> pd.DataFrame:
    """The ``n`` main countries/areas where the emigrants born in a place live.

    ``value`` = persons born in the place living in the destination, **persons**; ``share`` = that ÷ all
    emigrants of the place × 100, **per cent**. For the world: the main destinations of all international
    migrants. Source: IMS destination-and-origin workbook; for the world: destination workbook, Table 1.
    Columns: ``edition, location, name, year, sex, rank, destination, destination_name, value, share``.
    """
    p = place_of(ims, place)
    n = _check_n(n)
    year = default_year(ims, year)
    return _top(ims, p, outflows(ims, p, year=year, sex=sex), n, year, sex, "destination")


def origins_by_region(ims, place: PlaceSpec, *, year: int | None = None, grouping: str = "sdg",
                      sex: str = "both") -> pd.DataFrame:
    """International migrants living in a place by region of origin (groups of ``grouping``).

    ``value`` = migrants born in the origin region, **persons**; ``share`` = that ÷ all migrants in the
    place × 100, **per cent**; ``same_region`` is True for the region of the place itself (<NA> when a
    user-defined group spans several regions). Migrants of unknown origin form the group 2003.
    Source: IMS destination-and-origin workbook. Columns: ``edition, location, name, year, sex,
    origin_group, origin_group_name, value, share, same_region``.
    """
    p = place_of(ims, place)
    year = default_year(ims, year)
    flows = inflows(ims, p, year=year, sex=sex)
    gm = group_map(grouping, ims.membership, edition=_ed(ims))
    grp = pd.Series(flows.index.map(lambda c: gm.get(int(c), UNKNOWN_ORIGIN)), index=flows.index)
    by = flows.groupby(grp.to_numpy()).sum()
    own = {gm.get(int(m)) for m in p.members} - {None}
    label = names(ims)
    total = flows.sum()
    out = pd.DataFrame({
        "year": year, "sex": sex, "origin_group": by.index.astype(int),
        "origin_group_name": [label.get(int(c), str(c)) for c in by.index],
        "value": by.to_numpy(dtype=float),
        "share": 100.0 * by.to_numpy(dtype=float) / total if total > 0 else np.nan,
        "same_region": pd.array([(int(c) in own) if len(own) == 1 else pd.NA for c in by.index],
                                dtype="boolean"),
    }).sort_values("value", ascending=False, kind="stable")
    return decorate(ims, p, out)


def _ed(ims) -> int | None:
    mem = ims.membership
    if "edition" in mem.columns and (mem["edition"] == ims.edition).any():
        return int(ims.edition)
    return None


def intra_regional_share(ims, place: PlaceSpec, *, years: int | Sequence[int] | None = None,
                         grouping: str = "sdg", sex: str = "both") -> pd.DataFrame:
    """Share of the international migrants in a place who were born in the same region, **per cent**.

    For each destination country/area of the place, migrants born in a country of the same group of
    ``grouping`` (default: SDG regions) count as intra-regional; the share is their sum ÷ all migrants
    in the place (incl. unknown origin) × 100. For a region this is the share born elsewhere in the
    region; for a user-defined group each member uses its own region. Source: IMS destination-and-origin
    workbook. Columns: ``edition, location, name, year, sex, value``.
    """
    p = place_of(ims, place)
    check_sex(sex)
    yrs = check_years(ims, years) or ims.years
    gm = group_map(grouping, ims.membership, edition=_ed(ims))
    rows = []
    for year in yrs:
        m = _slice(ims, f"the intra-regional share of migrants in {p.name}", year, sex)
        m = m[m["destination"].isin(p.members)] if not p.is_world else m
        dg = m["destination"].map(gm)
        og = m["origin"].map(gm)
        same = m.loc[(dg == og) & dg.notna(), "value"].sum()
        total = m["value"].sum()
        rows.append({"year": year, "sex": sex, "value": 100.0 * same / total if total > 0 else np.nan})
    return decorate(ims, p, pd.DataFrame(rows))


def emigrants(ims, place: PlaceSpec, *, years: int | Sequence[int] | None = None,
              sex: str | Sequence[str] | None = None, from_members: bool = False) -> pd.DataFrame:
    """Emigrants: persons born in a place (country of origin) who live in another country, **persons**.

    UN definition: the international migrant stock by country of origin, summed over all destinations.
    For a UN aggregate, the UN's origin-table row (persons born in any member, living outside their
    country of birth — also elsewhere in the aggregate). Source: IMS by-origin workbook, Table 1.
    Columns: ``edition, location, name, year, sex, value``.
    """
    p = place_of(ims, place)
    sexes, yrs = check_sex(sex), check_years(ims, years)
    tab = by_origin_of(ims, f"the emigrants of {p.name}")
    tot = place_total(tab, "origin", p, table=f"IMS {ims.edition} by-origin Table 1",
                      from_members=from_members, fixed={"destination": 900})
    return decorate(ims, p, filter_rows(tot, yrs, sexes))


def emigrant_share(ims, place: PlaceSpec, *, years: int | Sequence[int] | None = None,
                   sex: str | Sequence[str] | None = None, from_members: bool = False) -> pd.DataFrame:
    """Emigrants as a share of the population plus emigrants, **per cent**.

    ``100 · E / (P + E)`` with E = persons born in the place living abroad (by-origin Table 1) and P = the
    place's resident population (destination Table 2) — the share of everyone born there who lives
    abroad (approximately: P also counts immigrants). Columns: ``edition, location, name, year, sex, value``.
    """
    p = place_of(ims, place)
    sexes, yrs = check_sex(sex), check_years(ims, years)
    tab = by_origin_of(ims, f"the emigrants of {p.name}")
    emi = place_total(tab, "origin", p, table=f"IMS {ims.edition} by-origin Table 1",
                      from_members=from_members, fixed={"destination": 900})
    pop = table_total(ims, "population", "location", p, table=f"IMS {ims.edition} Table 2 (population)",
                      from_members=from_members)
    both = emi.merge(pop, on=["year", "sex"], suffixes=("_e", "_p"))
    denom = both["value_e"] + both["value_p"]
    with np.errstate(divide="ignore", invalid="ignore"):
        both["value"] = np.where(denom > 0, 100.0 * both["value_e"] / denom, np.nan)
    return decorate(ims, p, filter_rows(both[["year", "sex", "value"]], yrs, sexes))


def corridors(ims, place: PlaceSpec, *, year: int | None = None, n: int = 10,
              sex: str = "both") -> pd.DataFrame:
    """The ``n`` largest migration corridors (origin → destination country pairs) touching a place.

    ``value`` = persons born in the origin living in the destination, **persons**; ``direction`` is
    ``"inward"`` (destination in the place), ``"outward"`` (origin in the place) or ``"within"`` (both).
    For the world: the largest corridors anywhere. Unknown origins are left out. Source: IMS
    destination-and-origin workbook. Columns: ``edition, location, name, year, sex, rank, origin,
    origin_name, destination, destination_name, value, direction``.
    """
    p = place_of(ims, place)
    n = _check_n(n)
    check_sex(sex)
    year = default_year(ims, year)
    m = _slice(ims, f"the migration corridors of {p.name}", year, sex)
    countries = country_codes(ims)
    m = m[m["origin"].isin(countries) & m["destination"].isin(countries)]
    if not p.is_world:
        inside_o, inside_d = m["origin"].isin(p.members), m["destination"].isin(p.members)
        m = m[inside_o | inside_d]
    pairs = m.groupby(["origin", "destination"], as_index=False)["value"].sum(min_count=1)
    pairs = pairs[(pairs["value"] > 0) & (pairs["origin"] != pairs["destination"])]
    pairs = pairs.sort_values(["value", "origin", "destination"], ascending=[False, True, True]).head(n)
    inside_o, inside_d = pairs["origin"].isin(p.members), pairs["destination"].isin(p.members)
    label = names(ims)
    out = pd.DataFrame({
        "year": year, "sex": sex, "rank": np.arange(1, len(pairs) + 1),
        "origin": pairs["origin"].astype(int).to_numpy(),
        "origin_name": [label.get(int(c), str(c)) for c in pairs["origin"]],
        "destination": pairs["destination"].astype(int).to_numpy(),
        "destination_name": [label.get(int(c), str(c)) for c in pairs["destination"]],
        "value": pairs["value"].to_numpy(dtype=float),
        "direction": np.where(inside_o & inside_d, "within", np.where(inside_d, "inward", "outward")),
    })
    return decorate(ims, p, out)
