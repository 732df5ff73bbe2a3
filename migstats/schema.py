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

import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd
    import pandera.pandas as pa

SEXES = ("both", "male", "female")

LOCATION_KINDS = (
    "world", "sdg_region", "region", "subregion", "intermediate_region",
    "development_group", "income_group", "special_group", "country", "other",
)

GROUPINGS = ("world", "sdg", "region", "subregion", "intermediate_region", "development", "income", "special")

@functools.cache
def schemas() -> dict[str, pa.DataFrameSchema]:
    """The pandera schema of each table. Built (and pandera imported, ~0.2 s) when a table is first
    validated: only parsing an official file does so, never a process that reads the cached tables."""
    import pandera.pandas as pa  # the cold path only: see the docstring

    integer = pa.Column(int, coerce=True)
    sex = pa.Column(str, pa.Check.isin(SEXES))

    def cols(**columns: pa.Column) -> pa.DataFrameSchema:
        return pa.DataFrameSchema(columns, strict=False, coerce=True)

    percent = cols(edition=integer, location=integer, year=integer, value=pa.Column(float, nullable=True))
    return {
        "stock": cols(edition=integer, destination=integer, origin=integer, year=integer, sex=sex,
                      value=pa.Column(float, pa.Check.ge(0), nullable=True)),
        "population": cols(edition=integer, location=integer, year=integer, sex=sex,
                           value=pa.Column(float, pa.Check.ge(0), nullable=True)),
        "share": percent,
        "female_share": percent,
        "rate": cols(edition=integer, location=integer, start_year=integer, end_year=integer, sex=sex,
                     value=pa.Column(float, nullable=True)),
        "locations": cols(edition=integer, code=integer, name=pa.Column(str),
                          kind=pa.Column(str, pa.Check.isin(LOCATION_KINDS)), iso3=pa.Column(str, nullable=True)),
        "membership": cols(edition=integer, grouping=pa.Column(str, pa.Check.isin(GROUPINGS)), group=integer,
                           member=integer),
    }


def validate(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Validate a freshly parsed table against its schema (run on the cold path only)."""
    schema = schemas().get(name)
    return schema.validate(frame) if schema is not None else frame
