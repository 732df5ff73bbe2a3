"""Comparisons: ranking the members of a grouping, and the same indicator in two editions.

``indicator`` is the name of a single-place indicator (see :data:`migstats.indicators.INDICATORS`):
``migrant_stock``, ``total_population``, ``migrant_share``, ``female_share``, ``annual_rate_of_change``,
``emigrants``, ``emigrant_share``, ``intra_regional_share`` — or any function ``f(ims, place, **kw)``
returning a tidy frame with a ``value`` column.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from ..errors import ParamsError, UnknownPlace
from ..places import Place, resolve
from ._base import PlaceSpec, check_sex, default_year, ims_tables, kept, names, place_of
from .by_name import INDICATORS
from .stock import _periods, exponential_rate

Indicator = str | Callable[..., pd.DataFrame]

# columns that identify an observation in indicator frames (besides edition/location/name)
_KEYS = ("year", "start_year", "end_year", "sex")


def _indicator(indicator: Indicator) -> tuple[str, Callable[..., pd.DataFrame]]:
    if callable(indicator):
        return getattr(indicator, "__name__", "indicator"), indicator
    try:
        return indicator, INDICATORS[indicator]
    except KeyError:
        known = ", ".join(INDICATORS)
        raise ParamsError(f"unknown indicator {indicator!r} — choose one of {known}") from None


def _pick(frame: pd.DataFrame, year: int, sex: str) -> float:
    """The value for ``year`` (or the period ending in ``year``) and ``sex`` in an indicator frame."""
    rows = frame
    if "year" in rows.columns:
        rows = rows[rows["year"] == year]
    elif "end_year" in rows.columns:
        rows = rows[rows["end_year"] == year]
    if "sex" in rows.columns:
        rows = rows[rows["sex"] == sex]
    return float(rows["value"].iloc[0]) if len(rows) else np.nan


def _period_kwargs(name: str, ims, year: int) -> dict:
    """Arguments selecting ``year`` for a named indicator (rates: the period ending at ``year``)."""
    if name == "annual_rate_of_change":
        return {"end": year}
    if name in ("migrant_stock", "total_population", "migrant_share", "female_share", "emigrants",
                "emigrant_share", "intra_regional_share"):
        return {"years": year}
    return {}


#: indicators :func:`rank_members` computes for all members at once (the same figures as one call each)
_VECTORIZED = ("migrant_stock", "total_population", "migrant_share", "female_share", "annual_rate_of_change")


def _lookup(frame: pd.DataFrame, key: str, codes: list[int], years: list[int], sex: str | None,
            fixed: dict[str, int] | None = None) -> dict | None:
    """``(code, year) → value`` of the rows of ``codes`` in ``years`` (and ``sex``); None when a key has
    several rows (then only the single-place indicator says which one counts)."""
    mask = frame[key].isin(codes).to_numpy() & frame["year"].isin(years).to_numpy()
    if sex is not None:
        mask &= (frame["sex"] == sex).to_numpy(dtype=bool, na_value=False)
    for col, val in (fixed or {}).items():
        mask &= (frame[col] == val).to_numpy()
    rows = frame.loc[mask, [key, "year", "value"]]
    if rows.duplicated([key, "year"]).any():
        return None
    return dict(zip(zip(rows[key].astype(int), rows["year"].astype(int), strict=True),
                    rows["value"].astype(float), strict=True))


def _member_values(ims, name: str, func: Callable, codes: list[int], year: int, sex: str) -> list[float] | None:
    """The value of a single-place indicator for each member country/area, computed for all members at
    once: exactly what ``_pick(func(ims, member, …), year, sex)`` gives for each (NaN when the member has
    no rows). None when the indicator is not one of :data:`_VECTORIZED` or the data is not the plain case
    (duplicate rows, a member without female or total rows): the caller then calls the indicator per
    member, which gives the same figures — or raises the same error."""
    if name not in _VECTORIZED or INDICATORS[name] is not func or not codes:
        return None
    nan = float("nan")
    if name in ("migrant_stock", "total_population"):
        frame, key = (ims.stock, "destination") if name == "migrant_stock" else (ims.population, "location")
        found = _lookup(frame, key, codes, [year], sex, {"origin": 900} if name == "migrant_stock" else None)
        return None if found is None else [found.get((c, year), nan) for c in codes]
    if name == "migrant_share":
        mig = _lookup(ims.stock, "destination", codes, [year], sex, {"origin": 900})
        pop = _lookup(ims.population, "location", codes, [year], sex)
        if mig is None or pop is None:
            return None
        m = np.array([mig.get((c, year), nan) for c in codes])
        p = np.array([pop.get((c, year), nan) for c in codes])
        with np.errstate(divide="ignore", invalid="ignore"):
            return list(np.where(p > 0, 100.0 * m / p, np.nan))
    if name == "female_share":
        stock = ims.stock
        rows = stock[stock["destination"].isin(codes).to_numpy() & (stock["origin"] == 900).to_numpy()]
        sexes = rows.groupby("destination")["sex"].agg(lambda s: set(s.dropna()))
        if any(not {"both", "female"} <= have for have in sexes) or rows.duplicated(
                ["destination", "year", "sex"]).any():
            return None  # the single-place indicator raises (ParamsError, or unstacking duplicates)
        both = _lookup(rows, "destination", codes, [year], "both")
        female = _lookup(rows, "destination", codes, [year], "female")
        if both is None or female is None:
            return None
        b = np.array([both.get((c, year), nan) for c in codes])
        f = np.array([female.get((c, year), nan) for c in codes])
        with np.errstate(divide="ignore", invalid="ignore"):
            return list(np.where(b > 0, 100.0 * f / b, np.nan))
    # annual_rate_of_change over the tabulation period ending in ``year`` (ParamsError in the first year)

    (t1, t2), = _periods(ims, None, year)
    found = _lookup(ims.stock, "destination", codes, [t1, t2], sex, {"origin": 900})
    if found is None:
        return None
    m1 = np.array([found.get((c, t1), nan) for c in codes])
    m2 = np.array([found.get((c, t2), nan) for c in codes])
    return list(exponential_rate(m1, m2, t1, t2))


def rank_members(ims, group: PlaceSpec, indicator: Indicator = "migrant_share", *, year: int | None = None,
                 sex: str = "both", ascending: bool = False, n: int | None = None, **kwargs) -> pd.DataFrame:
    """Rank the member countries/areas of a group (SDG region, region, user list …) by an indicator.

    The value is the indicator's for ``year`` (default: the edition's latest; for a rate, the tabulation
    period ending in ``year``) and ``sex``, in the indicator's own unit. Members without a value come last
    with no rank. Columns: ``edition, group, group_name, year, sex, rank, location, name, value``.

    An IMS bundle keeps the ranking of a group (without ``kwargs``): the profile of each country of a region
    ranks it among the same members.
    """
    g = place_of(ims, group)
    check_sex(sex)
    year = default_year(ims, year)
    name, func = _indicator(indicator)
    if kwargs:
        return _rank_members(ims, g, name, func, year, sex, ascending, n, kwargs)
    return kept(ims, ("rank_members", g, name, year, sex, ascending, n), ims_tables(ims),
                lambda: _rank_members(ims, g, name, func, year, sex, ascending, n, {})).copy(deep=False)


def _rank_members(ims, g: Place, name: str, func: Callable, year: int, sex: str, ascending: bool, n: int | None,
                  kwargs: dict) -> pd.DataFrame:
    """:func:`rank_members` of a resolved group, indicator and year, computed."""
    label = names(ims)
    codes = [int(code) for code in g.members]
    values = None if kwargs else _member_values(ims, name, func, codes, year, sex)
    if values is None:  # any other indicator (or arguments): one call of the indicator per member
        kind = ims.locations.drop_duplicates("code").set_index("code")["kind"]
        values = []
        for code in codes:
            member = Place(code=code, name=label.get(code, str(code)), kind=str(kind.get(code, "country")),
                           members=(code,), edition=g.edition)
            try:
                frame = func(ims, member, **_period_kwargs(name, ims, year), **kwargs)
                values.append(_pick(frame, year, sex))
            except UnknownPlace:
                values.append(np.nan)
    rows = [{"location": code, "name": label.get(code, str(code)), "value": float(value)}
            for code, value in zip(codes, values, strict=True)]
    out = pd.DataFrame(rows, columns=["location", "name", "value"])
    out = out.sort_values(["value", "name"], ascending=[ascending, True], na_position="last", kind="stable")
    ranks = np.arange(1, len(out) + 1, dtype=float)
    ranks[out["value"].isna().to_numpy()] = np.nan
    out.insert(0, "rank", pd.array(ranks, dtype="Int64"))
    out.insert(0, "sex", sex)
    out.insert(0, "year", year)
    out.insert(0, "group_name", g.name)
    out.insert(0, "group", pd.array([g.code] * len(out), dtype="Int64"))
    out.insert(0, "edition", int(ims.edition))
    out = out.reset_index(drop=True)
    return out.head(n) if n is not None else out


def _resolve_in(ims, place: PlaceSpec, fallback: Place) -> Place:
    """Resolve a place in another edition: by its spec, else by name, else as the aggregate with the same
    members (codes and names change between editions: 947 → 1834, "Australia and New Zealand" →
    "Australia/New Zealand"), else as a user-defined group of the same members."""
    for spec in (place, fallback.name):
        try:
            return place_of(ims, spec)
        except UnknownPlace:
            continue  # try the next way of naming the place
    if fallback.code is not None:
        mem = ims.membership
        if "edition" in mem.columns:
            mem = mem[mem["edition"] == ims.edition]
        sets = mem.groupby("group")["member"].agg(lambda s: tuple(sorted(set(int(m) for m in s))))
        same = sorted(int(g) for g, members in sets.items() if members == fallback.members)
        if same:
            places = [resolve(ims, g) for g in same]
            return next((p for p in places if p.kind == fallback.kind), places[0])
    return resolve(ims, list(fallback.members), name=fallback.name)


def compare_editions(old, new, place: PlaceSpec, indicator: Indicator = "migrant_stock",
                     **kwargs) -> pd.DataFrame:
    """The same indicator for one place in two IMS editions side by side, with the revision.

    The place is resolved in each edition (by name when its code changed, e.g. Sub-Saharan Africa 947 →
    1834). Rows are the observations both editions have (years, periods, sexes). ``value_<old>`` and
    ``value_<new>`` are in the indicator's unit; ``revision`` = new − old (same unit);
    ``revision_percent`` = revision ÷ |old| × 100. Editions are different series: every figure keeps its
    edition. Columns: ``location, name, <keys>, value_<old>, value_<new>, revision, revision_percent``.
    """
    if old.edition == new.edition:
        raise ParamsError(f"both bundles are IMS {old.edition} — give two different editions")
    if old.edition > new.edition:
        old, new = new, old
    _, func = _indicator(indicator)
    p_new = place_of(new, place)
    p_old = _resolve_in(old, place if not isinstance(place, Place) else p_new.name, p_new)
    a = func(old, p_old, **kwargs)
    b = func(new, p_new, **kwargs)
    keys = [k for k in _KEYS if k in a.columns and k in b.columns]
    va, vb = f"value_{old.edition}", f"value_{new.edition}"
    merged = a[keys + ["value"]].rename(columns={"value": va}).merge(
        b[keys + ["value"]].rename(columns={"value": vb}), on=keys, how="inner")
    merged["revision"] = merged[vb] - merged[va]
    with np.errstate(divide="ignore", invalid="ignore"):
        merged["revision_percent"] = np.where(merged[va] != 0, 100.0 * merged["revision"] / merged[va].abs(),
                                              np.nan)
    merged.insert(0, "name", p_new.name)
    merged.insert(0, "location", pd.array([p_new.code] * len(merged), dtype="Int64"))
    return merged.reset_index(drop=True)
