"""Shared plumbing of the indicator functions: place resolution, argument checks, selecting a place's rows.

Not public: the public functions live in :mod:`.stock`, :mod:`.origins` and :mod:`.compare`.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

import numpy as np
import pandas as pd

from ..errors import DataUnavailable, ParamsError, UnknownPlace
from ..places import Place, resolve
from ..schema import SEXES

PlaceSpec = str | int | Place | Sequence[str | int]
T = TypeVar("T")

# kinds of location whose codes are not aggregates (a country/area, or "other"/unknown origin)
_LEAF_KINDS = ("country", "other")
UNKNOWN_ORIGIN = 2003


def place_of(ims, place: PlaceSpec) -> Place:
    """Resolve ``place`` in the bundle's locations (a :class:`Place` passes through)."""
    return place if isinstance(place, Place) else resolve(ims, place)


def kept(bundle, key: Hashable, source: object, make: Callable[[], T]) -> T:
    """``make()``, computed once per bundle: kept in the bundle's own store of derived values
    (:class:`migstats.store.bundles.Derived`) under ``key`` with ``source`` — the frame(s) of that bundle
    ``make`` reads — and computed again for another bundle or when the bundle holds another frame. A bare
    table (or anything without a store) is computed each time. ``make`` must read nothing but ``source``
    and the constants in ``key``, and its value must not be changed by the caller (hand out copies)."""
    derived = None if isinstance(bundle, pd.DataFrame) else getattr(bundle, "derived", None)
    if derived is None:
        return make()
    return derived.get(key, source, make)


def ims_tables(ims) -> tuple:
    """The tables of an IMS bundle: the ``source`` of a figure it keeps (:func:`kept`) that may read any."""
    return tuple(getattr(ims, name, None) for name in (
        "stock", "population", "share", "female_share", "rate", "locations", "membership", "stock_by_origin",
        "matrix", "refugees"))


def check_sex(sex: str | Sequence[str] | None) -> list[str] | None:
    """None (all sexes) or a list of valid sexes; ParamsError otherwise."""
    if sex is None:
        return None
    wanted = [sex] if isinstance(sex, str) else list(sex)
    bad = [s for s in wanted if s not in SEXES]
    if bad:
        raise ParamsError(f"unknown sex {bad[0]!r} — choose one of {', '.join(SEXES)}")
    return wanted


def check_years(ims, years: int | Sequence[int] | None) -> list[int] | None:
    """None (all years) or a list of tabulation years of the bundle; ParamsError otherwise."""
    if years is None:
        return None
    wanted = [int(years)] if isinstance(years, (int, np.integer)) else [int(y) for y in years]
    have = ims.years
    bad = [y for y in wanted if y not in have]
    if bad:
        raise ParamsError(f"IMS {ims.edition} has no estimates for {bad[0]} — its years are "
                          f"{', '.join(str(y) for y in have)}")
    return wanted


def default_year(ims, year: int | None) -> int:
    """The requested tabulation year, or the latest one of the edition."""
    return ims.latest_year if year is None else check_years(ims, year)[0]


def leaf_codes(ims) -> set[int]:
    """Codes of countries/areas and of the unknown origin — the codes that are not aggregates (kept by an
    IMS bundle)."""
    return set(kept(ims, ("leaf_codes", ims.edition), ims.locations, lambda: frozenset(_leaf_codes(ims))))


def _leaf_codes(ims) -> set[int]:
    loc = ims.locations
    if "edition" in loc.columns and (loc["edition"] == ims.edition).any():
        loc = loc[loc["edition"] == ims.edition]
    leaves = set(loc.loc[loc["kind"].isin(_LEAF_KINDS), "code"].astype(int))
    return leaves | {UNKNOWN_ORIGIN}


def country_codes(ims) -> set[int]:
    """Codes of countries/areas (kept by an IMS bundle)."""
    return set(kept(ims, ("country_codes", ims.edition), ims.locations, lambda: frozenset(_country_codes(ims))))


def _country_codes(ims) -> set[int]:
    loc = ims.locations
    if "edition" in loc.columns and (loc["edition"] == ims.edition).any():
        loc = loc[loc["edition"] == ims.edition]
    return set(loc.loc[loc["kind"] == "country", "code"].astype(int))


def names(ims) -> dict[int, str]:
    """M49 code → display name (without footnote stars) in the bundle's edition (kept by an IMS bundle)."""
    return dict(kept(ims, ("names", ims.edition), ims.locations, lambda: _names(ims)))


def _names(ims) -> dict[int, str]:
    loc = ims.locations
    if "edition" in loc.columns and (loc["edition"] == ims.edition).any():
        loc = loc[loc["edition"] == ims.edition]
    loc = loc.drop_duplicates("code")
    clean = loc["name"].astype(str).str.replace("*", "", regex=False).str.strip()
    out = dict(zip(loc["code"].astype(int), clean, strict=True))
    out.setdefault(UNKNOWN_ORIGIN, "Other / unknown origin")
    return out


def place_total(frame: pd.DataFrame, key: str, place: Place, *, table: str, from_members: bool = False,
                fixed: dict[str, int] | None = None) -> pd.DataFrame:
    """A place's values of one single-place table, by year and sex: ``year, sex, value``.

    ``key`` is the column naming the place (``destination``, ``origin`` or ``location``); ``fixed`` filters
    other columns (e.g. ``{"origin": 900}``). A UN aggregate uses its own row when the table has one
    (unless ``from_members``); otherwise — and for user-defined groups — the members' rows are summed
    (missing values count as zero, as in the UN's own sums; all-missing stays missing).
    """
    if fixed:
        mask = np.ones(len(frame), dtype=bool)
        for col, val in fixed.items():
            mask &= (frame[col] == val).to_numpy()
        frame = frame[mask]
    if place.code is not None and (place.is_country or not from_members):
        own = frame[frame[key] == place.code]
        if len(own) or place.is_country:
            if own.empty:
                raise UnknownPlace(f"{place.name} ({place.code}) has no rows in {table}")
            return own[["year", "sex", "value"]].sort_values(["year", "sex"]).reset_index(drop=True)
    rows = frame[frame[key].isin(place.members)]
    if rows.empty:
        raise UnknownPlace(f"none of the {len(place.members)} members of {place.name} has rows in {table}")
    out = rows.groupby(["year", "sex"], as_index=False)["value"].sum(min_count=1)
    return out.sort_values(["year", "sex"]).reset_index(drop=True)


def table_total(ims, name: str, key: str, place: Place, *, table: str, from_members: bool = False,
                fixed: dict[str, int] | None = None) -> pd.DataFrame:
    """:func:`place_total` of the bundle's table ``name`` (``"stock"``, ``"population"``), kept by an IMS
    bundle (:func:`kept`): a briefing reads the same place's totals for its headline, its trend, its members'
    and its comparisons — computed once. Handed out as a new frame over the kept data (copy-on-write)."""
    frame = getattr(ims, name)
    k = ("place_total", name, key, place.code, place.kind, tuple(place.members), bool(from_members),
         tuple(sorted((fixed or {}).items())))
    return kept(ims, k, frame, lambda: place_total(frame, key, place, table=table, from_members=from_members,
                                                  fixed=fixed)).copy(deep=False)


def decorate(ims, place: Place, frame: pd.DataFrame) -> pd.DataFrame:
    """Prefix ``edition, location, name`` (location is <NA> for a user-defined group)."""
    out = frame.reset_index(drop=True).copy()
    out.insert(0, "name", place.name)
    out.insert(0, "location", pd.array([place.code] * len(out), dtype="Int64"))
    out.insert(0, "edition", int(ims.edition))
    return out


def filter_rows(frame: pd.DataFrame, years: list[int] | None = None, sexes: list[str] | None = None,
                year_col: str = "year") -> pd.DataFrame:
    if years is not None:
        frame = frame[frame[year_col].isin(years)]
    if sexes is not None and "sex" in frame.columns:
        frame = frame[frame["sex"].isin(sexes)]
    return frame.reset_index(drop=True)


def _missing_message(ims, field: str, what: str) -> str:
    why = ims.missing.get(field) if getattr(ims, "missing", None) else None
    workbook = {
        "matrix": f"the destination-and-origin workbook of IMS {ims.edition} "
                  f"(undesa_pd_{ims.edition}_ims_stock_by_sex_destination_and_origin.xlsx)",
        "stock_by_origin": f"the by-origin workbook of IMS {ims.edition} "
                           f"(undesa_pd_{ims.edition}_ims_stock_by_sex_and_origin.xlsx)",
    }[field]
    return f"{what} needs {workbook}, which is not available" + (f": {why}" if why else "")


def matrix_of(ims, what: str) -> pd.DataFrame:
    """The destination × origin table with a ``both`` sex (male + female when not printed), or
    DataUnavailable naming the missing workbook (``what`` needs it). Kept by an IMS bundle."""
    m = ims.matrix
    if m is None or len(m) == 0:
        raise DataUnavailable(_missing_message(ims, "matrix", what))
    return kept(ims, "matrix_of", m, lambda: _matrix_of(m)).copy(deep=False)


def _matrix_of(m: pd.DataFrame) -> pd.DataFrame:
    if not (m["sex"] == "both").any() and m["sex"].isin(["male", "female"]).any():
        keys = [c for c in m.columns if c not in ("sex", "value")]
        both = m.groupby(keys, as_index=False)["value"].sum(min_count=1).assign(sex="both")
        m = pd.concat([m, both[m.columns]], ignore_index=True)
    return m


def by_origin_of(ims, what: str) -> pd.DataFrame:
    """The by-origin Table 1 (destination == 900); falls back to the matrix summed over destinations (kept
    by an IMS bundle)."""
    if ims.stock_by_origin is not None and len(ims.stock_by_origin):
        return ims.stock_by_origin
    if ims.matrix is not None and len(ims.matrix):
        def make() -> pd.DataFrame:
            m = matrix_of(ims, what)
            leaves = leaf_codes(ims)
            m = m[m["destination"].isin(leaves)]
            out = m.groupby(["edition", "origin", "year", "sex"], as_index=False)["value"].sum(min_count=1)
            return out.assign(destination=900)
        return kept(ims, "by_origin_of", (ims.matrix, ims.locations), make).copy(deep=False)
    raise DataUnavailable(_missing_message(ims, "stock_by_origin", what))
