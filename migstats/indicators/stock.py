"""International migrant stock in a place: level, share of population, female share, rates and change.

Every function takes an :class:`~migstats.data.IMS` bundle (one edition) and a place — an M49 code, a
name, a list of those (a user-defined group), or a resolved :class:`~migstats.places.Place` — and returns
a tidy frame whose first columns are ``edition, location, name`` (``location`` is <NA> for a user-defined
group). A UN aggregate (world, SDG region, region, development/income group) uses the UN's own aggregate
row when the table has one; ``from_members=True`` sums its member countries instead (the two agree: the
UN's aggregates are sums of their members). User-defined groups are always sums of their members.

Definitions (UN DESA, *International Migrant Stock*, "Definitions" and "Methodology" notes):

* **International migrant stock** — the number of people living in a country or area other than the one
  in which they were born (or, where the place of birth is not recorded, of which they are citizens), at
  mid-year; refugees and asylum seekers are included. Source: destination workbook, Table 1.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..errors import ParamsError
from ._base import PlaceSpec, check_sex, check_years, decorate, filter_rows, place_of, table_total


def exponential_rate(m1, m2, t1, t2):
    """Annual rate of change (% per year) between values ``m1`` at ``t1`` and ``m2`` at ``t2``.

    UN DESA's exponential form ``r = 100 · ln(M2/M1) / (t2 − t1)`` with the real interval length (the IMS
    2024 period 2020–2024 is 4 years). Works on scalars and arrays; non-positive or missing values give
    NaN.
    """
    m1 = np.asarray(m1, dtype=float)
    m2 = np.asarray(m2, dtype=float)
    span = np.asarray(t2, dtype=float) - np.asarray(t1, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        r = 100.0 * np.log(m2 / m1) / span
    r = np.where((m1 > 0) & (m2 > 0) & (span != 0), r, np.nan)
    return float(r) if r.ndim == 0 else r


def migrant_stock(ims, place: PlaceSpec, *, years: int | Sequence[int] | None = None,
                  sex: str | Sequence[str] | None = None, from_members: bool = False) -> pd.DataFrame:
    """International migrant stock at mid-year, **persons**, by year and sex.

    UN definition: people living in a country or area other than their country of birth (or of
    citizenship where birthplace is not recorded), incl. refugees and asylum seekers.
    Source: IMS destination workbook, Table 1 ("International migrant stock at mid-year by sex and by
    region, country or area of destination"). Columns: ``edition, location, name, year, sex, value``.
    """
    p = place_of(ims, place)
    sexes, yrs = check_sex(sex), check_years(ims, years)
    tot = table_total(ims, "stock", "destination", p, table=f"IMS {ims.edition} Table 1 (migrant stock)",
                      from_members=from_members, fixed={"origin": 900})
    return decorate(ims, p, filter_rows(tot, yrs, sexes))


def total_population(ims, place: PlaceSpec, *, years: int | Sequence[int] | None = None,
               sex: str | Sequence[str] | None = None, from_members: bool = False) -> pd.DataFrame:
    """Total population at mid-year, **persons**, by year and sex (the IMS denominators).

    UN definition: de facto population of the country or area at 1 July, as estimated in World
    Population Prospects (WPP 2019 for IMS 2020, WPP 2024 for IMS 2024). Source: IMS destination workbook,
    Table 2 (printed in thousands; the tidy table holds persons). Columns as :func:`migrant_stock`.
    """
    p = place_of(ims, place)
    sexes, yrs = check_sex(sex), check_years(ims, years)
    tot = table_total(ims, "population", "location", p, table=f"IMS {ims.edition} Table 2 (population)",
                      from_members=from_members)
    return decorate(ims, p, filter_rows(tot, yrs, sexes))


def migrant_share(ims, place: PlaceSpec, *, years: int | Sequence[int] | None = None,
                  sex: str | Sequence[str] | None = None, from_members: bool = False) -> pd.DataFrame:
    """International migrant stock as a share of total population, **per cent**, by year and sex.

    UN definition: migrants of a sex ÷ total population of that sex × 100 (Table 3 of the destination
    workbook prints the same). Computed from Table 1 (migrants) and Table 2 (population).
    Columns: ``edition, location, name, year, sex, value``.
    """
    p = place_of(ims, place)
    sexes, yrs = check_sex(sex), check_years(ims, years)
    mig = table_total(ims, "stock", "destination", p, table=f"IMS {ims.edition} Table 1 (migrant stock)",
                      from_members=from_members, fixed={"origin": 900})
    pop = table_total(ims, "population", "location", p, table=f"IMS {ims.edition} Table 2 (population)",
                      from_members=from_members)
    both = mig.merge(pop, on=["year", "sex"], suffixes=("_m", "_p"))
    with np.errstate(divide="ignore", invalid="ignore"):
        both["value"] = np.where(both["value_p"] > 0, 100.0 * both["value_m"] / both["value_p"], np.nan)
    return decorate(ims, p, filter_rows(both[["year", "sex", "value"]], yrs, sexes))


def female_share(ims, place: PlaceSpec, *, years: int | Sequence[int] | None = None,
                 from_members: bool = False) -> pd.DataFrame:
    """Female migrants as a share of the international migrant stock, **per cent**, by year.

    UN definition: female international migrants ÷ all international migrants × 100 (Table 4 of the
    destination workbook prints the same). Computed from Table 1. Columns: ``edition, location, name,
    year, value``.
    """
    p = place_of(ims, place)
    yrs = check_years(ims, years)
    tot = table_total(ims, "stock", "destination", p, table=f"IMS {ims.edition} Table 1 (migrant stock)",
                      from_members=from_members, fixed={"origin": 900})
    wide = tot.set_index(["year", "sex"])["value"].unstack("sex")
    if not {"both", "female"} <= set(wide.columns):
        raise ParamsError(f"IMS {ims.edition} Table 1 has no female and total rows for {p.name}")
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(wide["both"] > 0, 100.0 * wide["female"] / wide["both"], np.nan)
    out = pd.DataFrame({"year": wide.index.astype(int), "value": share})
    return decorate(ims, p, filter_rows(out, yrs))


def _periods(ims, start: int | None, end: int | None) -> list[tuple[int, int]]:
    years = ims.years
    if start is None and end is None:
        return list(zip(years[:-1], years[1:], strict=False))
    if start is not None and end is not None:
        check_years(ims, [start, end])
        if start >= end:
            raise ParamsError(f"a period must end after it starts (got {start}–{end})")
        return [(int(start), int(end))]
    if end is not None:
        end = check_years(ims, end)[0]
        i = years.index(end)
        if i == 0:
            raise ParamsError(f"{end} is the first year of IMS {ims.edition}: no period ends there")
        return [(years[i - 1], end)]
    start = check_years(ims, start)[0]
    i = years.index(start)
    if i == len(years) - 1:
        raise ParamsError(f"{start} is the last year of IMS {ims.edition}: no period starts there")
    return [(start, years[i + 1])]


def annual_rate_of_change(ims, place: PlaceSpec, *, start: int | None = None, end: int | None = None,
                          sex: str | Sequence[str] | None = None, from_members: bool = False) -> pd.DataFrame:
    """Annual rate of change of the international migrant stock, **per cent per year**.

    UN definition (IMS methodology): the exponential rate ``r = 100 · ln(M2/M1) / (t2 − t1)``, with the
    real length of the period (2020–2024 is 4 years). Computed from Table 1; reproduces Table 5 of the
    destination workbook. Without ``start``/``end``: every tabulation period (1990–1995 … 2020–2024);
    with ``end`` only (or ``start`` only): the tabulation period ending (starting) there; with both: that
    interval. Columns: ``edition, location, name, start_year, end_year, sex, value``.
    """
    p = place_of(ims, place)
    sexes = check_sex(sex)
    periods = _periods(ims, start, end)
    tot = table_total(ims, "stock", "destination", p, table=f"IMS {ims.edition} Table 1 (migrant stock)",
                      from_members=from_members, fixed={"origin": 900})
    values = {(str(r.sex), int(r.year)): float(r.value) for r in tot.itertuples(index=False)}
    rows = []
    for t1, t2 in periods:
        for s in sorted({k[0] for k in values}, key=["both", "male", "female"].index):
            m1, m2 = values.get((s, t1), np.nan), values.get((s, t2), np.nan)
            rate = exponential_rate(m1, m2, t1, t2)
            rows.append({"start_year": t1, "end_year": t2, "sex": s, "value": rate})
    out = pd.DataFrame(rows, columns=["start_year", "end_year", "sex", "value"])
    return decorate(ims, p, filter_rows(out, None, sexes))


def stock_change(ims, place: PlaceSpec, start: int, end: int, *, sex: str = "both",
                 from_members: bool = False) -> pd.DataFrame:
    """Change in the international migrant stock between two years, with each period's contribution.

    One row per tabulation period between ``start`` and ``end`` and a last row for the whole interval.
    ``change`` = M(end) − M(start), **persons**; ``change_percent`` = change ÷ M(start) × 100, **per cent**;
    ``contribution`` = the period's change ÷ the whole interval's change × 100, **per cent of the total
    change** (periods of opposite sign give negative contributions; the periods sum to 100).
    Source: IMS destination workbook, Table 1. Columns: ``edition, location, name, sex, start_year,
    end_year, start_value, end_value, change, change_percent, contribution``.
    """
    p = place_of(ims, place)
    check_sex(sex)
    check_years(ims, [start, end])
    if start >= end:
        raise ParamsError(f"a period must end after it starts (got {start}–{end})")
    tot = table_total(ims, "stock", "destination", p, table=f"IMS {ims.edition} Table 1 (migrant stock)",
                      from_members=from_members, fixed={"origin": 900})
    series = tot[tot["sex"] == sex].set_index("year")["value"]
    years = [y for y in ims.years if start <= y <= end]
    spans = list(zip(years[:-1], years[1:], strict=False))
    if len(spans) > 1:
        spans.append((start, end))
    total = series.get(end, np.nan) - series.get(start, np.nan)
    rows = []
    for t1, t2 in spans:
        v1, v2 = series.get(t1, np.nan), series.get(t2, np.nan)
        change = v2 - v1
        rows.append({
            "sex": sex, "start_year": t1, "end_year": t2, "start_value": v1, "end_value": v2,
            "change": change,
            "change_percent": 100.0 * change / v1 if v1 and v1 > 0 else np.nan,
            "contribution": 100.0 * change / total if total and not np.isnan(total) else np.nan,
        })
    return decorate(ims, p, pd.DataFrame(rows))
