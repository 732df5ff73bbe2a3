"""The tidy ("long") layout shared by every table migstats produces.

One row per observation; M49 codes (integers) are the keys; names are for display only and live in the
locations table. Columns are named the same in every table:

=============  ===========================================================================
column         meaning
=============  ===========================================================================
edition        publication edition (int, e.g. 2020, 2024) — never mixed silently
destination    M49 code of the place where migrants live (country/area or aggregate)
origin         M49 code of the place of birth/citizenship (900 = all origins)
location       M49 code of a place in single-place tables (population, shares, WPP)
year           reference year (int; IMS: mid-year; UNHCR: end-year)
start_year     first year of a period (rates of change)
end_year       last year of a period
sex            "both", "male" or "female"
value          the number: persons, per cent, per 1,000 or % per year (see the table's doc)
measure        what ``value`` is, in tables that hold several measures (e.g. WPP indicators)
=============  ===========================================================================

Tables (keys of the frames returned by the readers):

* ``stock``       — IMS international migrant stock, persons: edition, destination, origin, year, sex, value
* ``population``  — total population, persons (the workbooks give thousands): edition, location, year, sex, value
* ``share``       — migrants as % of population (as printed): edition, location, year, sex, value
* ``female_share``— female migrants as % of all migrants (as printed): edition, location, year, value
* ``rate``        — annual rate of change of the stock, % per year (as printed):
                    edition, location, start_year, end_year, sex, value
* ``refugees``    — IMS 2020 Table 6: edition, location, year, measure, value
* ``locations``   — edition, code, name, kind, iso3, sort_order
* ``membership``  — edition, grouping, group, member  (member = a country/area code)
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

SEXES = ("both", "male", "female")

LOCATION_KINDS = (
    "world", "sdg_region", "region", "subregion", "intermediate_region",
    "development_group", "income_group", "special_group", "country", "other",
)

GROUPINGS = ("world", "sdg", "region", "subregion", "intermediate_region", "development", "income", "special")

_int = pa.Column(int, coerce=True)
_sex = pa.Column(str, pa.Check.isin(SEXES))


def _cols(**cols: pa.Column) -> pa.DataFrameSchema:
    return pa.DataFrameSchema(cols, strict=False, coerce=True)


STOCK = _cols(
    edition=_int, destination=_int, origin=_int, year=_int, sex=_sex,
    value=pa.Column(float, pa.Check.ge(0), nullable=True),
)
POPULATION = _cols(
    edition=_int, location=_int, year=_int, sex=_sex,
    value=pa.Column(float, pa.Check.ge(0), nullable=True),
)
PERCENT = _cols(
    edition=_int, location=_int, year=_int,
    value=pa.Column(float, nullable=True),
)
RATE = _cols(
    edition=_int, location=_int, start_year=_int, end_year=_int, sex=_sex,
    value=pa.Column(float, nullable=True),
)
LOCATIONS = _cols(
    edition=_int, code=_int, name=pa.Column(str), kind=pa.Column(str, pa.Check.isin(LOCATION_KINDS)),
    iso3=pa.Column(str, nullable=True),
)
MEMBERSHIP = _cols(
    edition=_int, grouping=pa.Column(str, pa.Check.isin(GROUPINGS)), group=_int, member=_int,
)

SCHEMAS: dict[str, pa.DataFrameSchema] = {
    "stock": STOCK,
    "population": POPULATION,
    "share": PERCENT,
    "female_share": PERCENT,
    "rate": RATE,
    "locations": LOCATIONS,
    "membership": MEMBERSHIP,
}


def validate(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Validate a freshly parsed table against its schema (run on the cold path only)."""
    schema = SCHEMAS.get(name)
    return schema.validate(frame) if schema is not None else frame
