"""Population change and net migration (UN World Population Prospects 2024) — pure functions.

Definitions (UN DESA Population Division, WPP 2024):

* **Population change** during a year = population on 1 January of the next year − population on
  1 January (persons). It equals **natural change** (births − deaths) plus **net migration**
  (immigrants − emigrants), up to the UN's rounding of published figures.
* **Net migration** is balanced to zero at world level by construction.
* **Crude net migration rate (CNMR)**: net migrants per 1,000 mid-year population.
* **Share of population change due to net migration** = 100 × net migration ÷ (natural change + net
  migration), per cent. Above 100 % when net migration more than offsets a natural decrease; negative
  when the two have opposite signs and the population still grows through natural change.

Flags, in the words of the UN's WPP 2024 *Summary of Results* (see ``FLAGS``):

* ``immigration_main_driver`` — population grows and net migration exceeds natural change;
* ``offsets_natural_decrease`` — deaths exceed births and net immigration keeps the population from
  falling;
* ``decline_despite_immigration`` — population falls although net migration is positive.

Places: ``codes`` is one M49 code (an aggregate such as 900 or 1829 uses its own WPP row) or a sequence
of codes (their figures are summed; rates are recomputed from the sums). Frames are the tidy WPP table
(``edition, location, year, variant, measure, value``) or a :class:`~migstats.sources.wpp.WPP` bundle.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..errors import UnknownPlace
from ._base import kept

FLAGS: dict[str, str] = {
    "immigration_main_driver": "Immigration the main driver of population growth",
    "offsets_natural_decrease": "Net migration offsetting natural decrease",
    "decline_despite_immigration": "Population decline despite net immigration",
}
#: Tolerance of the identity population change = natural change + net migration, in persons:
#: 50 persons plus 0.01 % of the gross flows (births + deaths + |net migration|). 99.8 % of WPP 2024
#: location-years meet it; the rest are reported through the ``residual`` column, not hidden.
ROUNDING_PERSONS = 50.0
ROUNDING_SHARE = 1e-4
COMPONENTS = ("births", "deaths", "natural_change", "net_migration", "population_change")


def _tidy(wpp) -> pd.DataFrame:
    return getattr(wpp, "indicators", wpp)


def _codes(codes: int | Sequence[int]) -> list[int]:
    return [int(codes)] if isinstance(codes, (int, np.integer)) else [int(c) for c in codes]


# A WPP bundle keeps its locations, its measures, a row index by location and a year's rows
# (:class:`migstats.store.bundles.WPP`): every briefing of a warm worker reads them. A bare table is read
# directly; the results are the same.


def _location_rows(wpp, codes: Sequence[int]) -> pd.DataFrame:
    """The rows of the locations ``codes`` (same rows, order and index as ``isin`` over the whole table)."""
    if hasattr(wpp, "rows_of"):
        return wpp.rows_of(codes)
    frame = _tidy(wpp)
    return frame[frame["location"].isin(list(codes))]


def _year_rows(wpp, year: int) -> pd.DataFrame:
    """The rows of ``year`` (same rows, order and index as a mask over the whole table)."""
    if hasattr(wpp, "year_rows"):
        return wpp.year_rows(year)
    frame = _tidy(wpp)
    return frame[frame["year"] == year]


def _known_locations(wpp) -> frozenset[int]:
    """Every location (M49 code) WPP has rows for."""
    if hasattr(wpp, "rows_of"):
        return wpp.location_codes
    return frozenset(int(c) for c in pd.unique(_tidy(wpp)["location"]))


def _measures(wpp) -> frozenset[str]:
    """Every measure in the WPP table."""
    if hasattr(wpp, "rows_of"):
        return wpp.measures
    return frozenset(str(m) for m in pd.unique(_tidy(wpp)["measure"]))


def annual_components(wpp, codes: int | Sequence[int], measures: Sequence[str] = COMPONENTS) -> pd.DataFrame:
    """One row per year (``year``, ``variant``, one column per measure), summed over ``codes``.

    Raises :class:`~migstats.errors.UnknownPlace` for codes that WPP does not have.
    """
    wanted = _codes(codes)
    rows = _location_rows(wpp, wanted)  # the places first: the measure test on their rows only
    present = set(rows["location"].unique())
    missing = [c for c in wanted if c not in present]
    if missing:
        raise UnknownPlace(f"M49 code(s) {', '.join(map(str, missing))} not in World Population Prospects "
                           "(for a group, pass its member countries)")
    rows = rows[rows["measure"].isin(list(measures))]
    grouped = rows.groupby(["year", "variant", "measure"])["value"].agg(["sum", "count"])
    summed = grouped["sum"].where(grouped["count"] == len(wanted))  # a member without a value → NaN
    table = summed.unstack("measure").reset_index().rename_axis(columns=None)
    table = table.reindex(columns=["year", "variant", *measures])  # absent measures → NaN columns
    return table.sort_values("year").reset_index(drop=True)


def share_due_to_net_migration(natural_change, net_migration):
    """100 × net migration ÷ (natural change + net migration), per cent (NaN where the sum is 0)."""
    nc = np.asarray(natural_change, dtype=float)
    nm = np.asarray(net_migration, dtype=float)
    total = nc + nm
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(total != 0, 100.0 * nm / total, np.nan)
    return float(share) if share.ndim == 0 else share


def flags(natural_change: float, net_migration: float) -> list[str]:
    """The UN's descriptions (values of :data:`FLAGS`) that apply to one place and period."""
    change = natural_change + net_migration
    out = []
    if change > 0 and net_migration > 0 and net_migration > natural_change:
        out.append(FLAGS["immigration_main_driver"])
    if natural_change < 0 < net_migration and change >= 0:
        out.append(FLAGS["offsets_natural_decrease"])
    if change < 0 < net_migration:
        out.append(FLAGS["decline_despite_immigration"])
    return out


def decompose(wpp, codes: int | Sequence[int], start_year: int | None = None,
              end_year: int | None = None) -> pd.DataFrame:
    """Population change decomposed into natural change and net migration, per year (persons).

    Columns: year, variant, births, deaths, natural_change, net_migration, population_change (as
    published), residual (= population_change − natural_change − net_migration), within_rounding
    (|residual| ≤ 50 persons + 0.01 % of gross flows), net_migration_share (%, see module doc) and the
    three flag columns of :data:`FLAGS` (bool).
    """
    return _decomposed(_between(annual_components(wpp, codes), start_year, end_year))


def _between(table: pd.DataFrame, start_year: int | None, end_year: int | None) -> pd.DataFrame:
    """The rows of an :func:`annual_components` table from ``start_year`` to ``end_year`` (inclusive; None: no
    bound), as a new frame."""
    if start_year is not None:
        table = table[table["year"] >= start_year]
    if end_year is not None:
        table = table[table["year"] <= end_year]
    return table.reset_index(drop=True)


def _decomposed(table: pd.DataFrame) -> pd.DataFrame:
    """:func:`decompose`'s columns added to an :func:`annual_components` table (changed in place, returned)."""
    table["residual"] = table["population_change"] - table["natural_change"] - table["net_migration"]
    gross = table["births"] + table["deaths"] + table["net_migration"].abs()
    table["within_rounding"] = table["residual"].abs() <= ROUNDING_PERSONS + ROUNDING_SHARE * gross
    table["net_migration_share"] = share_due_to_net_migration(table["natural_change"], table["net_migration"])
    for key, text in FLAGS.items():
        table[key] = [text in flags(nc, nm) for nc, nm in zip(table["natural_change"], table["net_migration"],
                                                               strict=True)]
    return table


def decompose_period(wpp, codes: int | Sequence[int], start_year: int, end_year: int) -> dict:
    """Cumulative decomposition over the calendar years ``start_year``…``end_year`` (inclusive).

    Returns persons for births, deaths, natural_change, net_migration (= cumulative net migration) and
    population_change; ``net_migration_share`` (%); ``variants`` covered; ``flags`` (UN wording).
    """
    return _period(decompose(wpp, codes, start_year, end_year), start_year, end_year)


def _period(table: pd.DataFrame, start_year: int, end_year: int) -> dict:
    """:func:`decompose_period` from the :func:`decompose` table of ``start_year``…``end_year``."""
    years = set(table["year"])
    missing = sorted(set(range(start_year, end_year + 1)) - years)
    if missing:
        raise UnknownPlace(f"World Population Prospects has no figures for {missing[0]}"
                           f"{'…' + str(missing[-1]) if len(missing) > 1 else ''} for this place")
    sums = {m: float(table[m].sum()) for m in COMPONENTS}
    return {
        "start_year": start_year, "end_year": end_year, **sums,
        "net_migration_share": share_due_to_net_migration(sums["natural_change"], sums["net_migration"]),
        "variants": sorted(set(table["variant"])),
        "flags": flags(sums["natural_change"], sums["net_migration"]),
    }


def cumulative_net_migration(wpp, codes: int | Sequence[int], start_year: int, end_year: int) -> float:
    """Net migration summed over calendar years ``start_year``…``end_year`` inclusive, persons."""
    return decompose_period(wpp, codes, start_year, end_year)["net_migration"]


def projected_contribution(wpp, codes: int | Sequence[int], target_year: int = 2050) -> dict:
    """Projected contribution of net migration to population change from the first projection year
    (2024) to ``target_year``, medium variant (see :func:`decompose_period` for the keys)."""
    return _projection(annual_components(wpp, codes), target_year)


def _projection(annual: pd.DataFrame, target_year: int) -> dict:
    """:func:`projected_contribution` from the place's :func:`annual_components` table."""
    first = int(annual.loc[annual["variant"] != "estimates", "year"].min())
    return _period(_decomposed(_between(annual, first, target_year)), first, target_year)


def mid_year_population(wpp, codes: int | Sequence[int], year: int,
                        population: pd.DataFrame | None = None) -> float | None:
    """Mid-year (1 July) population, persons: WPP's ``population_mid_year`` when the file has it, else
    the IMS population table (``population``: tidy, IMS 2024 Table 2 = WPP 2024), else None."""
    table = annual_components(wpp, codes, ("population_mid_year",))
    hit = table.loc[table["year"] == year]
    if "population_mid_year" in table and len(hit) and pd.notna(hit["population_mid_year"].iloc[0]):
        return float(hit["population_mid_year"].iloc[0])
    if population is not None:
        rows = population[population["location"].isin(_codes(codes)) & (population["year"] == year)]
        if "sex" in rows:
            rows = rows[rows["sex"] == "both"]
        if rows["location"].nunique() == len(_codes(codes)):
            return float(rows["value"].sum())
    return None


def end_year_population(wpp, codes: int | Sequence[int], year: int) -> tuple[float | None, str]:
    """Population at the end of ``year`` (= 1 January of year + 1), persons, and how it was obtained.

    Uses WPP's ``population_end_year`` if published for that year, else ``population_jan1`` of the next
    year, else it is **derived** backwards from the earliest published end-year population with
    PopEndOfYear(t−1) = PopEndOfYear(t) − PopChange(t) (an identity that holds exactly in WPP 2024).
    A WPP bundle keeps the result (the same countries' populations are the denominators of SDG 10.7.4 in
    many briefings).
    """
    wanted = tuple(_codes(codes))
    return kept(wpp, ("end_year_population", wanted, int(year)), _tidy(wpp),
                lambda: _end_year_population(wpp, list(wanted), int(year)))


_END_YEAR_MEASURES = ("population_end_year", "population_jan1", "population_change")


def _end_year_population(wpp, codes: list[int], year: int) -> tuple[float | None, str]:
    values = _one_location_values(wpp, codes, _END_YEAR_MEASURES)
    if values is None:
        values = _summed_values(wpp, codes, _END_YEAR_MEASURES)

    def get(col: str, y: int) -> float | None:
        return values[col].get(y)

    if (value := get("population_end_year", year)) is not None:
        return value, "WPP end-of-year population"
    if (value := get("population_jan1", year + 1)) is not None:
        return value, f"WPP population on 1 January {year + 1}"
    later = [y for y in values["population_end_year"] if y > year]
    if later:
        anchor = min(later)
        changes = [get("population_change", y) for y in range(year + 1, anchor + 1)]
        if all(c is not None for c in changes):
            value = values["population_end_year"][anchor] - float(np.sum(changes))
            return value, f"derived from WPP end-of-{anchor} population minus population change"
    return None, "unavailable"


def _summed_values(wpp, codes: list[int], measures: Sequence[str]) -> dict[str, dict[int, float]]:
    """measure → {year: value} of :func:`annual_components` (the values that are not NaN)."""
    table = annual_components(wpp, codes, measures).set_index("year")
    if not table.index.is_unique:
        raise ValueError("World Population Prospects has two variants for one year of these places")
    return {m: {int(y): float(v) for y, v in table[m].items() if pd.notna(v)} for m in measures}


def _one_location_values(wpp, codes: list[int], measures: Sequence[str]) -> dict[str, dict[int, float]] | None:
    """:func:`_summed_values` of a single location read straight from its rows — a sum of one value is
    that value, NaN stays out — without grouping; None (the caller sums) for several codes, a location
    without rows (:func:`annual_components` says so) or one with two rows for a year and measure."""
    if len(codes) != 1:
        return None
    rows = _location_rows(wpp, codes)
    if rows.empty:
        return None
    rows = rows[rows["measure"].isin(list(measures))]
    years, names, vals = rows["year"].to_numpy(), rows["measure"].to_numpy(dtype=object), rows["value"].to_numpy()
    out: dict[str, dict[int, float]] = {m: {} for m in measures}
    seen: set[tuple[int, str]] = set()
    for y, m, v in zip(years.tolist(), names.tolist(), vals.tolist(), strict=True):
        if (y, m) in seen:
            return None
        seen.add((y, m))
        if v == v:
            out[m][y] = float(v)
    return out


def net_migration_rate(wpp, codes: int | Sequence[int], year: int,
                       population: pd.DataFrame | None = None) -> float | None:
    """Crude net migration rate, per 1,000 mid-year population.

    A single place uses WPP's published CNMR; a list of places divides summed net migration by summed
    mid-year population (:func:`mid_year_population`), or returns None when no denominator is known.
    """
    wanted = _codes(codes)
    if len(wanted) == 1:
        table = annual_components(wpp, wanted, ("cnmr",))
        hit = table.loc[table["year"] == year]
        if "cnmr" in table and len(hit) and pd.notna(hit["cnmr"].iloc[0]):
            return float(hit["cnmr"].iloc[0])
    table = annual_components(wpp, wanted, ("net_migration",))
    hit = table.loc[table["year"] == year, "net_migration"]
    denominator = mid_year_population(wpp, wanted, year, population)
    if not len(hit) or denominator in (None, 0):
        return None
    return 1000.0 * float(hit.iloc[0]) / denominator


#: The WPP 2024 variant of a year: estimates to 2023, projections (medium variant) from 2024.
VARIANT_LABELS = {"estimates": "estimates", "medium": "projection (medium variant)"}


def wpp_coverage(wpp, codes: Sequence[int]) -> tuple[list[int], list[int]]:
    """``(present, missing)``: which of ``codes`` World Population Prospects has rows for, in order.

    WPP publishes no rows for a few areas the IMS counts (Holy See, 336; Channel Islands, 830), so a
    group's WPP figures summed over its members cover the ``present`` ones and name the ``missing`` ones.
    """
    known = _known_locations(wpp)
    wanted = _codes(codes)
    return [c for c in wanted if c in known], [c for c in wanted if c not in known]


def _persons(x: float) -> int | None:
    return None if x is None or np.isnan(x) else int(round(x))


def population_figures(wpp, codes: int | Sequence[int], year: int) -> dict:
    """The WPP keys ``migstats figures --format json`` gives for a place and year (None where unavailable).

    * ``net_migration`` — immigrants − emigrants during ``year``, persons (integer; WPP publishes
      thousands with three decimals);
    * ``natural_change`` — births − deaths during ``year``, persons (integer);
    * ``net_migration_share_of_change`` — 100 × net migration ÷ population change, per cent to one
      decimal; None where the population does not grow (the flags say more there);
    * ``net_migration_rate`` — crude net migration rate, net migrants per 1,000 mid-year population:
      WPP's published CNMR (two decimals, as published) for a single WPP location, None for a sum of
      locations (WPP publishes no mid-year population in this file to recompute it);
    * ``population_change_flags`` — the UN's descriptions (:data:`FLAGS`) that apply;
    * ``variant`` — ``"estimates"`` (to 2023) or ``"medium"`` (projections from 2024) and ``projection``
      (True for a projected year).

    Raises :class:`~migstats.errors.UnknownPlace` when WPP lacks any of ``codes``.
    """
    out: dict = dict.fromkeys(("net_migration", "natural_change", "net_migration_share_of_change",
                               "net_migration_rate", "variant"))
    out["population_change_flags"] = []
    out["projection"] = None
    table = annual_components(wpp, codes, ("natural_change", "net_migration", "cnmr"))
    hit = table[table["year"] == year]
    if not len(hit):
        return out
    nc, nm = float(hit["natural_change"].iloc[0]), float(hit["net_migration"].iloc[0])
    # The share of population *growth* due to net migration is meaningful only where the population
    # grows; where it declines the flags (e.g. net migration offsetting natural decrease) say more.
    share = share_due_to_net_migration(nc, nm) if nc + nm > 0 else np.nan
    variant = str(hit["variant"].iloc[0])
    cnmr = float(hit["cnmr"].iloc[0]) if len(_codes(codes)) == 1 else np.nan
    out.update({
        "net_migration": _persons(nm), "natural_change": _persons(nc),
        "net_migration_share_of_change": None if np.isnan(share) else round(float(share), 1),
        "net_migration_rate": None if np.isnan(cnmr) else round(cnmr, 2),
        "population_change_flags": flags(nc, nm) if not (np.isnan(nc) or np.isnan(nm)) else [],
        "variant": variant, "projection": variant != "estimates",
    })
    return out


def wpp_codes(wpp, code: int | None, members: Sequence[int]) -> int | list[int]:
    """The WPP codes of a place: its own row where WPP has one (UN aggregates do), else its members.

    Raises :class:`~migstats.errors.UnknownPlace` when WPP lacks the place and any of its members.
    """
    known = _known_locations(wpp)
    if code is not None and int(code) in known:
        return int(code)
    present = [int(c) for c in members if int(c) in known]
    if not present or len(present) < len(members):
        raise UnknownPlace("World Population Prospects has no figures for this place")
    return present


def change_summary(wpp, codes: int | Sequence[int], *, period_starts: Sequence[int] = (),
                   population: pd.DataFrame | None = None, target_year: int = 2050) -> dict:
    """Population change split into natural change and net migration for a briefing (persons).

    Keys: ``period`` (:func:`decompose_period` from the latest of ``period_starts`` at least five years
    before the last estimates year — the IMS tabulation years — else the last ten years, to that year),
    ``latest`` (the last estimates year: the :data:`COMPONENTS`, ``year``, ``cnmr`` per 1,000 from
    :func:`net_migration_rate` and ``flags``), ``projection`` (:func:`projected_contribution` to
    ``target_year``, medium variant, or None), ``own_row`` (True when ``codes`` is one WPP location, whose
    published CNMR is used) and ``has_mid_year`` (the file has WPP's mid-year population).
    Raises UnknownPlace when WPP has no estimates for ``codes``.
    """
    annual = annual_components(wpp, codes)  # read once: the period and the projection are parts of it
    est = annual[annual["variant"] == "estimates"]  # the latest year's components: as published, not decomposed
    if est.empty:
        raise UnknownPlace("World Population Prospects has no estimates for this place")
    last = int(est["year"].max())
    starts = [y for y in period_starts if y <= last - 5]
    start = max(starts) if starts else last - 9
    period = _period(_decomposed(_between(annual, start, last)), start, last)
    row = est[est["year"] == last].iloc[0]
    latest: dict = {k: float(row[k]) for k in COMPONENTS}
    latest["year"] = last
    latest["flags"] = flags(latest["natural_change"], latest["net_migration"])
    latest["cnmr"] = net_migration_rate(wpp, codes, last, population=population)
    latest["net_migration_share"] = share_due_to_net_migration(latest["natural_change"], latest["net_migration"])
    try:
        projection = _projection(annual, target_year)
    except (UnknownPlace, ValueError):
        projection = None
    return {"period": period, "latest": latest, "projection": projection,
            "own_row": isinstance(codes, (int, np.integer)),
            "has_mid_year": "population_mid_year" in _measures(wpp)}


def member_components(wpp, members: Sequence[int], year: int, names=None) -> pd.DataFrame:
    """Natural change, net migration, population change (persons) and CNMR (per 1,000) of each member
    in ``year``, largest |net migration| first (ties by name). ``names`` maps code → name (default: the
    code). Columns: ``code, name, natural_change, net_migration, population_change, cnmr``."""
    measures = ["natural_change", "net_migration", "population_change", "cnmr"]
    rows = _year_rows(wpp, year)
    rows = rows[rows["location"].isin(list(members)) & rows["measure"].isin(measures)]
    wide = rows.pivot_table(index="location", columns="measure", values="value", aggfunc="first")
    out = wide.reindex(columns=measures).reset_index().rename(columns={"location": "code"}).rename_axis(columns=None)
    label = names or {}
    out["name"] = [str(label.get(int(c), c)) if hasattr(label, "get") else str(label(int(c)))
                   for c in out["code"]]
    out["abs"] = out["net_migration"].abs()
    out = out.sort_values(["abs", "name"], ascending=[False, True], kind="stable").drop(columns="abs")
    return out.reset_index(drop=True)[["code", "name", *measures]]
