"""A small synthetic sample of the UN migration files, written in the official layouts.

Without network or mirror, migstats still runs end to end: this module writes fictional figures for a
handful of real places (real M49 codes and names: 32 countries or areas covering all eight SDG regions,
two to five in each, with their geographic regions, subregions, development and income groups and
LDC/LLDC/SIDS membership as each edition classifies them) **in the layouts of the official
files**, cell positions included, so that the very same readers parse them. Nothing here is copied
from the official files: every number is drawn from a seeded :class:`numpy.random.Generator`, so one
:data:`SAMPLE_VERSION` always yields byte-identical files.

Files written (registry key → official file name, see :mod:`migstats.registry`):

* ``ims2020-destination`` / ``ims2024-destination`` — International Migrant Stock by destination: Table 1
  migrant stock (persons, mid-year, by sex), Table 2 total population (thousands), Table 3 migrants as %
  of population, Table 4 female migrants as % of all migrants, Table 5 annual rate of change
  ``r = 100·ln(M2/M1)/(t2−t1)`` (% per year; the 2020–2024 period is 4 years), 2020 Table 6 refugees and
  asylum seekers. Layout oddities reproduced: 2020 ``..`` vs 2024 empty cells for missing values,
  indented names and ``*`` markers (also on a subregion, Polynesia*), names that changed between
  editions (Turkey → Türkiye), Northern America's countries listed right under the region (no
  subregion), the 2020 double code 927, 2024 Table 2's mis-headed ``Location code`` column (it holds
  data-type codes; years start in column E), the stray zero columns of 2024 Tables 4 and 5, Table 6
  ``~`` (privacy) cells.
* ``ims2020-origin`` / ``ims2024-origin`` — the same by country of origin, with the last row ``OTHER``
  (code 2003, origin unknown); the 2020 origin file is not available to us and is modelled on the 2020
  destination layout.
* ``ims2020-matrix`` / ``ims2024-matrix`` — destination × origin.
* ``ims2020-aggregates`` — the 2020 correspondence table (``Annex``).
* ``wpp2024-locations`` — WPP 2024 ``UNlocations.txt`` hierarchy; ``m49`` — the UNSD M49 CSV.

Consistency (what the readers' reconciliation checks rely on): every aggregate is the exact sum of its
member countries (missing members count as absent); both sexes = males + females; destination and
origin files share the World total (origin: countries + OTHER = World); matrix rows sum to destination
totals and matrix columns to origin totals; Tables 2–5 are computed from Tables 1–2 as the UN defines
them; the 2024 edition revises the 2020 edition's figures. Each workbook's title (row 2) ends with
:data:`MARKER`; the text files cannot carry a marker without leaving their layout.
"""

from __future__ import annotations

import datetime
import io
import math
import os
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..fileio import write_bytes

if TYPE_CHECKING:
    from openpyxl import Workbook

SAMPLE_VERSION = "2"
MARKER = " — SYNTHETIC SAMPLE, NOT OFFICIAL FIGURES"
SEED = 4_049_2024

EDITIONS = (2020, 2024)
YEARS: dict[int, tuple[int, ...]] = {
    2020: (1990, 1995, 2000, 2005, 2010, 2015, 2020),
    2024: (1990, 1995, 2000, 2005, 2010, 2015, 2020, 2024),
}
WORLD, OTHER = 900, 2003
SEXES = ("both", "male", "female")
_FIXED_TIME = (2024, 7, 1, 0, 0, 0)
_FIXED_ISO = "2024-07-01T00:00:00Z"

# --------------------------------------------------------------------------- the places


@dataclass(frozen=True)
class _Country:
    code: int
    name: str                # IMS name, without indentation or '*'
    iso3: str
    iso2: str
    subregion: int           # IMS geographic subregion (for LAC: the M49 intermediate region); the
                             # region's own code where IMS lists none (Northern America 905)
    region: int              # IMS geographic region (903 AFRICA, ...)
    sdg2020: int
    sdg2024: int
    dev: tuple[int, ...]     # development groups (901, 902, 934, 941, 948, 1636, 1637)
    inc2020: tuple[int, ...]
    inc2024: tuple[int, ...]
    type2020: str            # "Type of data" (2020); "" where no data
    type2024: str | None     # "Data type" (2024)
    star: bool               # footnoted area: name printed with a trailing '*' (2020; 2024 too unless
                             # star2024 says otherwise)
    note: int | None         # footnote number in the workbooks' Notes sheets
    stock: float             # fictional migrant stock around 2020 (persons)
    pop: float               # fictional population around 2020 (persons)
    refugees: float          # fictional refugee share of the migrant stock (2020 Table 6)
    m49_name: str = ""
    wpp_name: str = ""
    name2020: str = ""       # IMS 2020 name where it differs from the 2024 one ("Turkey")
    star2024: bool | None = None
    no_data: bool = False    # no migrant-stock estimates at all (printed '..' / empty)
    no_sex_population: bool = False  # 2020 Table 2 gives no sex split ('..')


_LDC, _LLDC, _SIDS = 941, 1636, 1637
_C = _Country
COUNTRIES: tuple[_Country, ...] = (
    _C(404, "Kenya", "KEN", "KE", 910, 903, 947, 1834, (902, 934, 948), (1517, 1501),
       (5504, 1859, 1517, 1501), "B R", "B R", False, None, 1.0e6, 52e6, 0.45),
    _C(728, "South Sudan", "SSD", "SS", 910, 903, 947, 1834, (902, 941, 948, 1636), (1500,),
       (5504, 1859, 1500), "B R", "B R", False, None, 0.85e6, 11e6, 0.35),
    _C(800, "Uganda", "UGA", "UG", 910, 903, 947, 1834, (902, 941, 948, 1636), (1500,),
       (5504, 1859, 1500), "B R", "B R", False, None, 1.6e6, 44e6, 0.6),
    _C(384, "Côte d'Ivoire", "CIV", "CI", 914, 903, 947, 1834, (902, 934, 948), (1517, 1501),
       (5504, 1859, 1517, 1501), "C B R", "B R", False, None, 2.4e6, 26e6, 0.01,
       m49_name="Côte d’Ivoire", wpp_name="Cote d'Ivoire"),
    _C(566, "Nigeria", "NGA", "NG", 914, 903, 947, 1834, (902, 934, 948), (1517, 1501),
       (5504, 1859, 1517, 1501), "C R", "C R", False, None, 1.25e6, 205e6, 0.06),
    _C(398, "Kazakhstan", "KAZ", "KZ", 5500, 935, 921, 1831, (902, 934, 948, 1636), (1517, 1502),
       (5503, 1859, 1517, 1502), "B R", "B R", False, None, 3.5e6, 18.5e6, 0.002),
    _C(860, "Uzbekistan", "UZB", "UZ", 5500, 935, 921, 1831, (902, 934, 948, 1636), (1517, 1501),
       (5504, 1859, 1517, 1501), "B R", "B R", False, None, 1.1e6, 33e6, 0.01),
    _C(356, "India", "IND", "IN", 5501, 935, 921, 1831, (902, 934, 948), (1517, 1501),
       (5504, 1859, 1517, 1501), "B R", "C R", False, None, 4.9e6, 1.38e9, 0.04),
    _C(524, "Nepal", "NPL", "NP", 5501, 935, 921, 1831, (902, 941, 948, 1636), (1517, 1501),
       (5504, 1859, 1517, 1501), "B R", "B R", False, None, 0.48e6, 29e6, 0.04),
    _C(586, "Pakistan", "PAK", "PK", 5501, 935, 921, 1831, (902, 934, 948), (1517, 1501),
       (5504, 1859, 1517, 1501), "B R", "B R", False, None, 3.3e6, 220e6, 0.45),
    _C(531, "Curaçao", "CUW", "CW", 915, 904, 1830, 1830, (902, 934, 948, 1637), (1503,),
       (5503, 1503), "B R", "B R", True, 1, 57e3, 164e3, 0.2, wpp_name="Curacao"),
    _C(388, "Jamaica", "JAM", "JM", 915, 904, 1830, 1830, (902, 934, 948, 1637), (1517, 1502),
       (5503, 1859, 1517, 1502), "B R", "B R", False, None, 24e3, 2.96e6, 0.002),
    _C(652, "Saint Barthélemy", "BLM", "BL", 915, 904, 1830, 1830, (902, 934, 948), (1518,),
       (5503, 1503), "", None, True, None, 0.0, 10e3, 0.0, wpp_name="Saint-Barthelemy",
       no_data=True, no_sex_population=True),
    _C(76, "Brazil", "BRA", "BR", 931, 904, 1830, 1830, (902, 934, 948), (1517, 1502),
       (5503, 1859, 1517, 1502), "B R", "B R", False, None, 1.1e6, 212e6, 0.05),
    _C(238, "Falkland Islands (Malvinas)", "FLK", "FK", 931, 904, 1830, 1830, (902, 934, 948), (1518,),
       (1518,), "B", "B", True, 2, 2.0e3, 3.5e3, 0.0, no_sex_population=True),
    _C(36, "Australia", "AUS", "AU", 927, 909, 927, 1836, (901,), (1503,), (5503, 1503), "B", "B R",
       True, None, 7.6e6, 25.5e6, 0.01),
    _C(554, "New Zealand", "NZL", "NZ", 927, 909, 927, 1836, (901,), (1503,), (5503, 1503), "B", "B R",
       True, 3, 1.4e6, 5.0e6, 0.002),
    # Northern Africa and Western Asia (1833 in both editions)
    _C(504, "Morocco", "MAR", "MA", 912, 903, 1833, 1833, (902, 934, 948), (1517, 1501),
       (5504, 1859, 1517, 1501), "C R", "C R", False, None, 0.1e6, 36.7e6, 0.1),
    _C(400, "Jordan", "JOR", "JO", 922, 935, 1833, 1833, (902, 934, 948), (1517, 1502),
       (5504, 1859, 1517, 1501), "C R", "C R", False, None, 3.4e6, 10.2e6, 0.8),
    _C(682, "Saudi Arabia", "SAU", "SA", 922, 935, 1833, 1833, (902, 934, 948), (1503,), (5503, 1503),
       "C R", "C R", False, None, 13.5e6, 35e6, 0.001),
    _C(792, "Türkiye", "TUR", "TR", 922, 935, 1833, 1833, (902, 934, 948), (1517, 1502),
       (5503, 1859, 1517, 1502), "B R", "B R", False, None, 6.0e6, 84e6, 0.6, wpp_name="Turkiye",
       name2020="Turkey"),
    # Eastern and South-Eastern Asia (1832 in both editions)
    _C(156, "China", "CHN", "CN", 906, 935, 1832, 1832, (902, 934), (1517, 1502), (5503, 1859, 1517, 1502),
       "C", "C R", True, 5, 1.0e6, 1.42e9, 0.3, star2024=False),
    _C(392, "Japan", "JPN", "JP", 906, 935, 1832, 1832, (901,), (1503,), (5503, 1503), "C", "C", False,
       None, 2.8e6, 126e6, 0.001),
    _C(608, "Philippines", "PHL", "PH", 920, 935, 1832, 1832, (902, 934, 948), (1517, 1501),
       (5504, 1859, 1517, 1501), "C R", "C R", False, None, 0.23e6, 110e6, 0.002),
    _C(764, "Thailand", "THA", "TH", 920, 935, 1832, 1832, (902, 934, 948), (1517, 1502),
       (5503, 1859, 1517, 1502), "B R", "C R", False, None, 3.6e6, 70e6, 0.03),
    # Europe and Northern America (1829 in both editions)
    _C(380, "Italy", "ITA", "IT", 925, 908, 1829, 1829, (901,), (1503,), (5503, 1503), "B", "B R", False,
       None, 6.4e6, 59.5e6, 0.03),
    _C(276, "Germany", "DEU", "DE", 926, 908, 1829, 1829, (901,), (1503,), (5503, 1503), "B", "B R", False,
       None, 15.8e6, 83e6, 0.08),
    _C(124, "Canada", "CAN", "CA", 905, 905, 1829, 1829, (901,), (1503,), (5503, 1503), "B", "B", False,
       None, 8.0e6, 38e6, 0.02),
    _C(840, "United States of America", "USA", "US", 905, 905, 1829, 1829, (901,), (1503,), (5503, 1503),
       "B", "B", True, 4, 50.6e6, 331e6, 0.02),
    # Oceania (excluding Australia and New Zealand) (1835 in both editions)
    _C(242, "Fiji", "FJI", "FJ", 928, 909, 1835, 1835, (902, 934, 948, 1637), (1517, 1502),
       (5503, 1859, 1517, 1502), "B R", "B R", False, None, 14e3, 0.9e6, 0.001),
    _C(598, "Papua New Guinea", "PNG", "PG", 928, 909, 1835, 1835, (902, 934, 948, 1637), (1517, 1501),
       (5504, 1859, 1517, 1501), "C R", "C R", False, None, 31e3, 9.7e6, 0.3),
    _C(798, "Tuvalu", "TUV", "TV", 957, 909, 1835, 1835, (902, 941, 948, 1637), (1517, 1502),
       (5503, 1859, 1517, 1502), "C", "C", False, None, 250.0, 11e3, 0.0),
)
_BY_CODE = {c.code: c for c in COUNTRIES}
#: Fictional population around 2020 (persons) of each sample country, for the other synthetic files.
COUNTRY_POPULATION: dict[int, float] = {c.code: c.pop for c in COUNTRIES}

#: Years without estimates in one edition (besides the places with no data at all).
_MISSING: dict[int, dict[int, tuple[int, ...]]] = {
    2020: {728: (1990, 1995, 2000, 2005), 531: (1990, 1995)},
    2024: {},
}

# Aggregates: code -> (kind, name 2020 as printed in Table 1, name 2024)
_SDG = {
    947: ("  Sub-Saharan Africa", None), 1834: (None, "Sub-Saharan Africa"),
    1833: ("  Northern Africa and Western Asia", "Northern Africa and Western Asia"),
    921: ("  Central and Southern Asia", None), 1831: (None, "Central and Southern Asia"),
    1832: ("  Eastern and South-Eastern Asia", "Eastern and South-Eastern Asia"),
    1830: ("  Latin America and the Caribbean", "Latin America and the Caribbean"),
    1835: ("  Oceania (excluding Australia and New Zealand)", "Oceania (excluding Australia and New Zealand)"),
    927: ("  Australia and New Zealand", None), 1836: (None, "Australia/New Zealand"),
    1829: ("  Europe and Northern America", "Europe and Northern America"),
}
_SDG_ORDER = {2020: (947, 1833, 921, 1832, 1830, 1835, 927, 1829),
              2024: (1834, 1833, 1831, 1832, 1830, 1835, 1836, 1829)}
_DEV_NAMES = {
    901: ("  Developed regions", "More developed regions"),
    902: ("  Less developed regions", "Less developed regions"),
    934: (" Less developed regions, excluding least developed countries",
          "Less developed regions, excluding least developed countries"),
    948: (" Less developed regions, excluding China", "Less developed regions, excluding China"),
    941: ("  Least developed countries", "Least developed countries"),
    1636: ("  Land-locked Developing Countries (LLDC)", "Land-locked Developing Countries (LLDC)"),
    1637: ("  Small island developing States (SIDS)", "Small Island Developing States (SIDS)"),
}
_DEV_ORDER = {2020: (901, 902, 934, 948, 941, 1636, 1637), 2024: (901, 902, 941, 934, 948, 1636, 1637)}
_INC_NAMES = {
    5503: (None, "High-and-upper-middle-income countries"),
    5504: (None, "Low-and-Lower-middle-income countries"),
    1503: ("  High-income countries", "High-income countries"),
    1859: (None, "Low-and-middle-income countries"),
    1517: ("  Middle-income countries", "Middle-income countries"),
    1502: (" Upper-middle-income countries", "Upper-middle-income countries"),
    1501: (" Lower-middle-income countries", "Lower-middle-income countries"),
    1500: ("  Low-income countries", "Low-income countries"),
    1518: (None, "No income group available"),
}
_INC_ORDER = {2020: (1503, 1517, 1502, 1501, 1500),
              2024: (5503, 5504, 1503, 1859, 1517, 1502, 1501, 1500, 1518)}
_REGIONS = {  # code -> (2020 Table 1 name, 2024 Table 1 name, title-case name), in the official order
    903: (" AFRICA", "AFRICA", "Africa"),
    935: (" ASIA", "ASIA", "Asia"),
    908: (" EUROPE", "EUROPE", "Europe"),
    904: (" LATIN AMERICA AND THE CARIBBEAN", "LATIN AMERICA AND THE CARIBBEAN",
          "Latin America and the Caribbean"),
    905: (" NORTHERN AMERICA", "NORTHERN AMERICA", "Northern America"),  # no subregions: countries follow
    909: (" OCEANIA ", "OCEANIA", "Oceania"),
}
_SUBREGIONS = {  # code -> (region, name 2020, name 2024), in the official order
    910: (903, "Eastern Africa", "Eastern Africa"),
    912: (903, "Northern Africa", "Northern Africa"),
    914: (903, "Western Africa", "Western Africa"),
    5500: (935, "Central Asia", "Central Asia"),
    906: (935, "Eastern Asia", "Eastern Asia"),
    5501: (935, "Southern Asia", "Southern Asia"),
    920: (935, "South-Eastern Asia", "South-Eastern Asia"),
    922: (935, "Western Asia", "Western Asia"),
    925: (908, "Southern Europe", "Southern Europe"),
    926: (908, "Western Europe", "Western Europe"),
    915: (904, "Caribbean", "Caribbean"),
    931: (904, "South America", "South America"),
    927: (909, "Australia and New Zealand", "Australia/New Zealand"),
    928: (909, "Melanesia", "Melanesia"),
    957: (909, "Polynesia*", "Polynesia*"),  # a footnoted subregion: '*' in both editions
}
_SDG_NAME = {947: "Sub-Saharan Africa", 1834: "Sub-Saharan Africa",
             1833: "Northern Africa and Western Asia",
             921: "Central and Southern Asia", 1831: "Central and Southern Asia",
             1832: "Eastern and South-Eastern Asia",
             1830: "Latin America and the Caribbean",
             1835: "Oceania (excluding Australia and New Zealand)",
             927: "Australia and New Zealand", 1836: "Australia/New Zealand",
             1829: "Europe and Northern America"}
#: SDG regions of the 2024 edition, in the official order: code -> name as WPP and the IMS spell it.
SDG_NAMES_2024 = {code: _SDG_NAME[code] for code in _SDG_ORDER[2024]}


def _parents(region: int, edition: int = 2024) -> list[int]:
    """The codes countries of ``region`` hang from, in the edition's row order: its subregions, or the
    region itself if IMS lists none (Northern America). IMS 2020 prints South-Eastern Asia before
    Southern Asia, IMS 2024 (and WPP 2024) after it."""
    subs = [sub for sub, (reg, _, _) in _SUBREGIONS.items() if reg == region]
    if edition == 2020 and 5501 in subs and 920 in subs:
        subs.remove(920)
        subs.insert(subs.index(5501), 920)
    return subs or [region]


def _name(c: _Country, edition: int) -> str:
    """The country's name as IMS ``edition`` prints it, with its '*' marker."""
    star = c.star if edition == 2020 or c.star2024 is None else c.star2024
    return (c.name2020 if edition == 2020 and c.name2020 else c.name) + ("*" if star else "")


def _country_order() -> list[_Country]:
    """Countries in the official row order: region, subregion, then alphabetically."""
    out = []
    for region in _REGIONS:
        for parent in _parents(region):
            out.extend(sorted((c for c in COUNTRIES if c.subregion == parent), key=lambda c: c.name))
    return out


@dataclass(frozen=True)
class _Row:
    """One row of a destination/origin table."""

    code: int
    kind: str
    t1: str                   # name as printed in Table 1 of that edition
    t2: str                   # name as printed in 2024 Table 2 (indentation kept there)
    members: tuple[int, ...]  # member country codes (empty for OTHER)
    country: _Country | None = None


def _members(edition: int, code: int, kind: str) -> tuple[int, ...]:
    def keep(c: _Country) -> bool:
        if kind == "world":
            return True
        if kind == "sdg_region":
            return (c.sdg2020 if edition == 2020 else c.sdg2024) == code
        if kind == "development_group":
            return code in c.dev
        if kind == "income_group":
            return code in (c.inc2020 if edition == 2020 else c.inc2024)
        if kind == "region":
            return c.region == code
        return c.subregion == code
    return tuple(c.code for c in _country_order() if keep(c))


def _rows(edition: int) -> list[_Row]:
    """Rows of destination Table 1 of one edition, in the official order."""
    new = edition == 2024
    rows = [_Row(WORLD, "world", "World" if new else "WORLD", "World", _members(edition, WORLD, "world"))]
    for code in _SDG_ORDER[edition]:
        name = _SDG[code][1 if new else 0]
        rows.append(_Row(code, "sdg_region", name, name, _members(edition, code, "sdg_region")))
    for code in _DEV_ORDER[edition]:
        name = _DEV_NAMES[code][1 if new else 0]
        rows.append(_Row(code, "development_group", name, name,
                         _members(edition, code, "development_group")))
    for code in _INC_ORDER[edition]:
        name = _INC_NAMES[code][1 if new else 0]
        rows.append(_Row(code, "income_group", name, name, _members(edition, code, "income_group")))
    for region, (n2020, n2024, _) in _REGIONS.items():
        rows.append(_Row(region, "region", n2024 if new else n2020, n2020,
                         _members(edition, region, "region")))
        for parent in _parents(region, edition):
            if parent != region:
                reg, s2020, s2024 = _SUBREGIONS[parent]
                rows.append(_Row(parent, "subregion", s2024 if new else "  " + s2020, "  " + s2024,
                                 _members(edition, parent, "subregion")))
            for c in _country_order():
                if c.subregion != parent:
                    continue
                name = _name(c, edition)
                # 2024 Table 2 indents the countries of Europe and the regions after it only.
                t2 = ("   " if region in (908, 904, 905, 909) else "") + name
                t1 = name if new else "   " + name
                rows.append(_Row(c.code, "country", t1, t2, (c.code,), c))
    return rows


def _origin_rows(edition: int) -> list[_Row]:
    other = _Row(OTHER, "other", "OTHER", "OTHER", ())
    return [*_rows(edition), other]


# --------------------------------------------------------------------------- the numbers


@dataclass
class _Edition:
    """Simulated figures of one edition (arrays over years; NaN = not available)."""

    edition: int
    years: tuple[int, ...]
    cells: np.ndarray        # [dest country, origin (countries + OTHER), sex (m, f), year] persons
    available: np.ndarray    # [dest country, year] bool
    pop: np.ndarray          # [country, sex (m, f), year] persons
    refugees: np.ndarray     # [country, year] persons (2020 only; zeros otherwise)


def _simulate() -> dict[int, _Edition]:
    rng = np.random.default_rng(SEED)
    countries = _country_order()
    n = len(countries)
    years = np.array(YEARS[2024], dtype=float)
    nt = len(years)
    idx = {c.code: i for i, c in enumerate(countries)}

    # Migrant stock (both sexes) of each destination: a random walk anchored near 2020.
    stock = np.zeros((n, nt))
    anchor = YEARS[2024].index(2020)
    for i, c in enumerate(countries):
        growth = rng.normal(0.02, 0.035, nt)
        log_level = np.zeros(nt)
        for t in range(anchor - 1, -1, -1):
            log_level[t] = log_level[t + 1] - growth[t] * (years[t + 1] - years[t])
        log_level[anchor + 1] = growth[anchor] * (years[anchor + 1] - years[anchor])
        stock[i] = c.stock * np.exp(log_level) * rng.uniform(0.9, 1.1)
    male_share = np.clip(rng.uniform(0.45, 0.6, (n, 1)) + rng.normal(0, 0.01, (n, nt)), 0.3, 0.7)

    # Origins: a few neighbours and far-away countries, plus an unknown-origin remainder.
    no = n + 1
    weights = np.zeros((n, no))
    for i, c in enumerate(countries):
        for j, o in enumerate(countries):
            if o.code == c.code or o.no_data:
                continue
            near = 6.0 if o.subregion == c.subregion else 2.0 if o.region == c.region else 1.0
            weights[i, j] = rng.gamma(0.7) * near * (o.pop / 1e6) ** 0.6  # big countries send more
        keep = np.argsort(weights[i, :n])[::-1][: int(rng.integers(3, 8))]
        mask = np.zeros(no, bool)
        mask[keep] = True
        weights[i, ~mask] = 0.0
        weights[i, :n] /= weights[i, :n].sum()
        weights[i, :n] *= 1 - rng.uniform(0.02, 0.15)
        weights[i, n] = 1 - weights[i, :n].sum()

    # Every origin with estimates has emigrants somewhere (small countries could miss the top-k cut).
    hosts = [i for i, c in enumerate(countries) if c.stock >= 50e3]
    for j, o in enumerate(countries):
        if not o.no_data and weights[:, j] @ stock[:, anchor] < 2e3:
            i = int(rng.choice([h for h in hosts if h != j]))
            weights[i, j] += min(rng.uniform(5e3, 3e4), 0.5 * o.pop) / stock[i, anchor]
            weights[i] /= weights[i].sum()

    cells = np.zeros((n, no, 2, nt))
    for i in range(n):
        for t in range(nt):
            w = weights[i] * np.exp(rng.normal(0, 0.1, no))
            w /= w.sum()
            male = round(stock[i, t] * male_share[i, t])
            female = round(stock[i, t]) - male
            cells[i, :, 0, t] = _split(male, w)
            cells[i, :, 1, t] = _split(female, w)

    pop = np.zeros((n, 2, nt))
    for i, c in enumerate(countries):
        rate = rng.uniform(0.004, 0.03)
        level = c.pop * np.exp(rate * (years - 2020)) * rng.uniform(0.97, 1.03)
        pm = rng.uniform(0.48, 0.52)
        male = np.round(level * pm)
        pop[i, 0], pop[i, 1] = male, np.round(level) - male
    refugee_share = np.array([c.refugees for c in countries])[:, None] * np.exp(rng.normal(0, 0.3, (n, nt)))

    out: dict[int, _Edition] = {}
    for edition in EDITIONS:
        ny = len(YEARS[edition])
        ed_cells = cells[:, :, :, :ny].copy()
        ed_pop = pop[:, :, :ny].copy()
        if edition == 2020:  # the 2024 edition revised the past: the 2020 edition differs
            ed_cells = np.round(ed_cells * np.exp(rng.normal(0, 0.04, (n, 1, 1, ny))))
            ed_pop = np.round(ed_pop * np.exp(rng.normal(0, 0.01, (n, 1, ny))))
        available = np.ones((n, ny), bool)
        for c in countries:
            if c.no_data:
                available[idx[c.code]] = False
            for y in _MISSING[edition].get(c.code, ()):
                available[idx[c.code], YEARS[edition].index(y)] = False
        ed_cells = np.where(available[:, None, None, :], ed_cells, np.nan)
        refugees = np.zeros((n, ny))
        if edition == 2020:
            both = np.nansum(ed_cells, axis=(1, 2))
            refugees = np.minimum(np.round(both * refugee_share[:, :ny]), both)
            refugees[refugees < 5] = 0
            refugees[~available] = 0
        out[edition] = _Edition(edition, YEARS[edition], ed_cells, available, ed_pop, refugees)
    return out


def _split(total: int, weights: np.ndarray) -> np.ndarray:
    """Split an integer total by weights into integers that add up to it (largest remainder)."""
    raw = total * weights
    base = np.floor(raw)
    short = int(total - base.sum())
    if short > 0:
        base[np.argsort(raw - base)[::-1][:short]] += 1
    return base


# --------------------------------------------------------------------------- aggregation


@dataclass
class _Tables:
    """Derived tables of one edition, keyed by row code (country or aggregate)."""

    edition: int
    years: tuple[int, ...]
    rows: list[_Row]
    stock: dict[int, np.ndarray]        # code -> [sex (both, m, f), year], persons, NaN missing
    origin: dict[int, np.ndarray]       # code -> [sex, year] by origin (incl. OTHER)
    pop: dict[int, np.ndarray]          # code -> [sex, year] persons
    pop_hidden_sex: set[int]            # codes whose sex split of the population is not printed
    refugees: dict[int, np.ndarray]     # code -> [year] persons (2020)
    matrix: dict[tuple[int, int], np.ndarray]  # (dest code, origin code) -> [sex, year]


def _build(ed: _Edition) -> _Tables:
    countries = _country_order()
    idx = {c.code: i for i, c in enumerate(countries)}
    rows = _rows(ed.edition)
    n = len(countries)
    zero = np.nan_to_num(ed.cells)                       # [d, o, s, t]

    def dest_sum(members: tuple[int, ...], arr: np.ndarray, avail: np.ndarray) -> np.ndarray:
        sel = [idx[m] for m in members]
        total = arr[sel].sum(axis=0)
        ok = avail[sel].any(axis=0)
        return np.where(ok, total, np.nan)

    # origin selectors: aggregate rows select countries; OTHER selects the last origin column.
    def origin_index(row: _Row) -> list[int]:
        if row.code == OTHER:
            return [n]
        return [idx[m] for m in row.members] + ([n] if row.code == WORLD else [])

    matrix: dict[tuple[int, int], np.ndarray] = {}
    for drow in rows:
        dsel = [idx[m] for m in drow.members]
        avail = ed.available[dsel].any(axis=0)           # [t]
        block = zero[dsel].sum(axis=0)                   # [o, s, t]
        for orow in _origin_rows(ed.edition):
            mf = block[origin_index(orow)].sum(axis=0)   # [s, t]
            both = mf.sum(axis=0, keepdims=True)
            matrix[(drow.code, orow.code)] = np.where(avail, np.vstack([both, mf]), np.nan)

    stock = {r.code: matrix[(r.code, WORLD)] for r in rows}
    origin = {}
    for orow in _origin_rows(ed.edition):
        values = matrix[(WORLD, orow.code)].copy()
        if orow.members and all(_BY_CODE[m].no_data for m in orow.members):
            values[:] = np.nan                           # no estimates for this origin at all
        origin[orow.code] = values

    pop_arr = ed.pop                                     # [c, s, t]
    pop = {}
    for r in rows:
        mf = pop_arr[[idx[m] for m in r.members]].sum(axis=0)
        pop[r.code] = np.vstack([mf.sum(axis=0, keepdims=True), mf])
    hidden = {c.code for c in countries if c.no_sex_population} if ed.edition == 2020 else set()
    refugees = {r.code: dest_sum(r.members, ed.refugees, ed.available) for r in rows}
    return _Tables(ed.edition, ed.years, rows, stock, origin, pop, hidden, refugees, matrix)


# --------------------------------------------------------------------------- workbook helpers


def _title_rows(edition: int, book: str, table_title: str, col: str, *, rev: bool = True) -> dict[str, str]:
    """The title block (rows 2–6) in column ``col``, with the synthetic marker in row 2."""
    lines = [f"International Migrant Stock {edition}: {book}{MARKER}" if book
             else f"International Migrant Stock {edition}{MARKER}", table_title]
    if rev:
        lines.append(f"POP/DB/MIG/Stock/Rev.{edition}")
    lines += [
        f"Synthetic sample (migstats, sample v{SAMPLE_VERSION}) in the layout of: United Nations "
        f"Department of Economic and Social Affairs, Population Division ({edition}). "
        f"International Migrant Stock {edition}.",
        "Fictional figures for testing and demonstration — not official statistics; do not cite.",
    ]
    return {f"{col}{2 + i}": text for i, text in enumerate(lines)}


def _put(ws, cells: dict[str, object]) -> None:
    for coord, value in cells.items():
        ws[coord] = value


def _py(value: float, *, integer: bool, missing: object, decimals: int | None = None) -> object:
    """A cell value: python int/float, or the edition's missing marker."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return missing
    if integer:
        return int(round(value))
    return round(float(value), decimals) if decimals is not None else float(value)


def _sheet(wb: Workbook, name: str, cells: dict[str, object], merges: list[str],
           header: list[object], data: list[list[object]]) -> None:
    ws = wb.create_sheet(name)
    _put(ws, cells)
    for i, value in enumerate(header, start=1):
        if value is not None:
            ws.cell(row=11, column=i, value=value)
    for r, values in enumerate(data, start=12):
        for c, value in enumerate(values, start=1):
            if value is not None:
                ws.cell(row=r, column=c, value=value)
    for rng in merges:
        ws.merge_cells(rng)
    ws.column_dimensions["B"].width = 55.4


def _contents(wb: Workbook, edition: int, book: str, titles: list[str], notes: list[str]) -> None:
    ws = wb.active
    ws.title = "Table of contents"
    _put(ws, _title_rows(edition, book, "Table of contents", "J"))
    ws.merge_cells("A8:A10")
    ws["B11"], ws["C11"] = "Table number", "Title"
    for i, title in enumerate(titles, start=12):
        ws.cell(row=i, column=2, value=f"   Table {i - 11}")
        ws.cell(row=i, column=3, value=title.split(": ", 1)[1])
    for j, note in enumerate(notes, start=12 + len(titles)):
        ws.cell(row=j, column=2, value=f"   {note}")
        ws.cell(row=j, column=3, value="Notes")


_NOTE_TEXT = {
    1: "Synthetic note: the foreign-born population excludes persons born in the other constituent "
       "countries of the Kingdom of the Netherlands.",
    2: "Synthetic note: estimates refer to the resident population of the territory.",
    3: "Synthetic note: the foreign-born population excludes persons born in Cook Islands, Niue and "
       "Tokelau.",
    4: "Synthetic note: estimates refer to the foreign-born population, including persons born in "
       "Puerto Rico and the other territories.",
    5: "Synthetic note: for statistical purposes, the data for China do not include Hong Kong and Macao, "
       "Special Administrative Regions (SAR) of China, and Taiwan Province of China.",
}


def _notes(wb: Workbook, edition: int, book: str, name: str) -> None:
    ws = wb.create_sheet(name)
    _put(ws, _title_rows(edition, book, "Notes", "E" if edition == 2024 else "J"))
    ws.merge_cells("A8:A10")
    lines = [
        "Notes",
        "* For country notes, please refer to Notes",
        "Years given refer to 1 July.",
        "Two dots (..) indicate that data are not available or are not reported separately.",
        "The tilde (~) indicates that the number is protected for privacy reasons (fewer than five).",
        "Type of data: B = foreign-born population; C = foreign citizens; R = refugees and asylum "
        "seekers added; I = imputed (no data).",
        "THIS IS A SYNTHETIC SAMPLE: every figure in this workbook is fictional.",
    ]
    for i, text in enumerate(lines, start=11):
        ws.cell(row=i, column=2, value=text)
    for k, (num, text) in enumerate(sorted(_NOTE_TEXT.items()), start=11 + len(lines)):
        ws.cell(row=k, column=1, value=num)
        ws.cell(row=k, column=2, value=text)


def _save(wb: Workbook, target: Path) -> Path:
    """Save a workbook atomically, with fixed timestamps so the bytes are reproducible."""
    wb.properties.creator = "migstats synthetic sample"
    wb.properties.created = datetime.datetime(*_FIXED_TIME)
    buffer = io.BytesIO()
    wb.save(buffer)
    return write_bytes(target, _normalise_zip(buffer.getvalue()))


def _normalise_zip(data: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>" + _FIXED_ISO.encode() + rb"\g<2>", body)
            fixed = zipfile.ZipInfo(info.filename, date_time=_FIXED_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            dst.writestr(fixed, body)
    return out.getvalue()


def _periods(years: tuple[int, ...]) -> list[tuple[int, int]]:
    return list(zip(years[:-1], years[1:], strict=True))


def _pct(part: float, whole: float) -> float:
    """100·part/whole, NaN where the whole is missing or zero."""
    return 100.0 * part / whole if whole > 0 else math.nan


def _rate(a: float, b: float, span: int) -> float:
    """Annual rate of change, % per year: 100·ln(b/a)/span (NaN if either is missing or zero)."""
    if not (a > 0 and b > 0):
        return math.nan
    return 100.0 * math.log(b / a) / span


# --------------------------------------------------------------------------- IMS destination


def _dest_titles(edition: int) -> list[str]:
    span = f"1990-{edition}"
    titles = [
        f"Table 1: International migrant stock at mid-year by sex and by region, country or area of "
        f"destination, {span}",
        f"Table 2: Total population at mid-year by sex and by region, country or area of destination, "
        f"{span} (thousands)",
        f"Table 3: International migrant stock as a percentage of the total population by sex and by "
        f"region, country or area of destination, {span}",
        f"Table 4: Female migrants as a percentage of the international migrant stock by region, country "
        f"or area of destination, {span}",
        f"Table 5: Annual rate of change of the migrant stock by sex and by region, country or area of "
        f"destination, {span} (percentage)",
    ]
    if edition == 2020:
        titles.append("Table 6: Estimated refugee stock (including asylum seekers) at mid-year by region, "
                      "country or area of destination, 1990-2020")
    return titles


_SEX_LABEL = {"both": "both sexes combined", "male": "males", "female": "females"}


def _label_cells(start_col: int, width: int, labels: list[str], *,
                 short: bool = False) -> tuple[dict[str, str], list[str]]:
    """Row-8 group labels over consecutive blocks of ``width`` columns, merged over rows 8–10.

    ``short``: as in the 2024 files, every merge but the last stops one column early.
    """
    from openpyxl.utils import get_column_letter  # writing workbooks only (see _destination_workbook)

    cells, merges = {}, []
    for k, label in enumerate(labels):
        col = start_col + k * width
        cut = 1 if short and k < len(labels) - 1 else 0
        first, last = get_column_letter(col), get_column_letter(col + width - 1 - cut)
        cells[f"{first}8"] = label
        merges.append(f"{first}8:{last}10")
    return cells, merges


def _lead_2020(row: _Row, *, notes: bool = True) -> list[object]:
    c = row.country
    return [None, row.t1, (c.note if c and notes else None), row.code, (c.type2020 if c else "")]


def _lead_2024(row: _Row) -> list[object]:
    c = row.country
    data_type = c.type2024 if c else ("B R" if row.code == 927 else None)  # 2024 quirk on 927
    return [None, row.t1, c.note if c else None, data_type, row.code]


def _new_workbook() -> Workbook:
    """An empty workbook. openpyxl is imported here: only writing the sample needs it, not every process
    that imports the store (~0.06 s)."""
    from openpyxl import Workbook

    return Workbook()


def _destination_workbook(t: _Tables) -> Workbook:
    ed, years = t.edition, t.years
    new = ed == 2024
    miss = None if new else ".."
    wb = _new_workbook()
    titles = _dest_titles(ed)
    _contents(wb, ed, "Destination", titles, ["Migrant notes", "Population notes"] if new else ["Notes"])
    col0 = "F" if new else "E"
    lead_header = (["", "Region, development group, country or area", "Coverage", "Data type",
                    "Location code"] if new else
                   ["", "Region, development group, country or area", "Notes", "Location code",
                    "Type of data"])
    lead_header[0] = None
    ny = len(years)
    periods = _periods(years)

    def lead(i: int, row: _Row) -> list[object]:
        values = _lead_2024(row) if new else _lead_2020(row)
        values[0] = i
        return values

    def block_labels(text: str, width: int) -> tuple[dict[str, str], list[str]]:
        return _label_cells(6, width, [text.format(sex=_SEX_LABEL[s]) for s in SEXES], short=new)

    def title(n: int) -> dict[str, str]:
        cells = _title_rows(ed, "Destination", titles[n - 1], col0)
        if new:
            cells["C10"] = "Migrant notes"
        return cells

    common_merges = ["A8:A10"] + (["C10:D10"] if new else [])

    # Table 1 — stock
    data = []
    for i, r in enumerate(t.rows, start=1):
        s = t.stock[r.code]
        data.append(lead(i, r) + [_py(v, integer=True, missing=miss) for k in range(3) for v in s[k]])
    labels, merges = block_labels("International migrant stock at mid-year, {sex}", ny)
    header = lead_header + list(years) * 3
    _sheet(wb, "Table 1", {**title(1), **labels}, common_merges + merges, header, data)

    # Table 2 — population, thousands
    data = []
    for i, r in enumerate(t.rows, start=1):
        p = t.pop[r.code] / 1000.0
        values = []
        for k in range(3):
            hide = k > 0 and r.code in t.pop_hidden_sex
            values += [miss if hide else _py(v, integer=False, missing=miss, decimals=3) for v in p[k]]
        if new:
            c = r.country
            note = None if r.code == WORLD else _pop_note(r)
            data.append([i, r.t2, note, c.type2024 if c else None] + values)
        else:
            data.append(lead(i, r) + values)
    if new:
        cells = _title_rows(ed, "Destination", titles[1], "E")
        lab, mer = _label_cells(5, ny, [f"Total population at mid-year, {_SEX_LABEL[s]} (thousands)"
                                        for s in SEXES], short=True)
        header2 = [None, "Region, development group, country or area", "Population notes",
                   "Location code"] + list(years) * 3
        _sheet(wb, "Table 2", {**cells, **lab}, ["A8:A10"] + mer, header2, data)
    else:
        labels, merges = block_labels("Total population at mid-year, {sex} (thousands)", ny)
        _sheet(wb, "Table 2", {**title(2), **labels}, common_merges + merges, header, data)

    # Table 3 — migrants as % of population
    data = []
    for i, r in enumerate(t.rows, start=1):
        s, p = t.stock[r.code], t.pop[r.code]
        values = []
        for k in range(3):
            hide = k > 0 and r.code in t.pop_hidden_sex
            values += [miss if hide else _py(_pct(s[k, j], p[k, j]), integer=False, missing=miss)
                       for j in range(ny)]
        data.append(lead(i, r) + values)
    labels, merges = block_labels(
        "International migrant stock as a percentage of the total population, {sex}", ny)
    _sheet(wb, "Table 3", {**title(3), **labels}, common_merges + merges, header, data)

    # Table 4 — female % of migrants
    data = []
    for i, r in enumerate(t.rows, start=1):
        s = t.stock[r.code]
        values = [_py(_pct(s[2, j], s[0, j]), integer=False, missing=miss) for j in range(ny)]
        if new and r.country is not None and r.country.no_data:
            values += [0] * (2 * ny)        # 2024 quirk: stray zeros right of the table
        data.append(lead(i, r) + values)
    lab, mer = _label_cells(6, ny, ["Female migrants as a percentage of the international migrant stock"])
    _sheet(wb, "Table 4", {**title(4), **lab}, common_merges + mer, lead_header + list(years), data)

    # Table 5 — annual rate of change
    data = []
    for i, r in enumerate(t.rows, start=1):
        s = t.stock[r.code]
        values = [_py(_rate(s[k, a], s[k, a + 1], years[a + 1] - years[a]), integer=False, missing=miss)
                  for k in range(3) for a in range(len(periods))]
        if new and r.country is not None and r.country.no_data:
            values += [0] * 3               # 2024 quirk: stray zeros right of the table
        data.append(lead(i, r) + values)
    plabels = [f"{a}-{b}" for a, b in periods]
    lab, mer = _label_cells(6, len(periods), [f"Annual rate of change of the migrant stock, {_SEX_LABEL[s]}"
                                              for s in SEXES], short=new)
    _sheet(wb, "Table 5", {**title(5), **lab}, common_merges + mer, lead_header + plabels * 3, data)

    if new:
        _notes(wb, ed, "Destination", "Migrant notes")
        _population_notes(wb, ed)
    else:
        _table6(wb, t, titles[5], lead_header, plabels)
        _notes(wb, ed, "Destination", "Notes")
    return wb


def _pop_note(row: _Row) -> str:
    letters = {1834: "b", 901: "d", 902: "e", 941: "f", 934: "g", 1636: "h", 1637: "i"}
    if row.kind == "income_group" and row.code in (1503, 1517, 1502, 1501, 1500):
        return "j"
    c = row.country
    if c is not None and (c.note or _name(c, 2024).endswith("*")):
        return f"B{c.note or 9}"
    return letters.get(row.code, "")


def _population_notes(wb: Workbook, edition: int) -> None:
    ws = wb.create_sheet("Population notes")
    _put(ws, _title_rows(edition, "Destination", "Notes", "E"))
    ws.merge_cells("A8:A10")
    ws["B11"] = "Notes:  these notes pertain to total population data presented in Table 2"
    notes = [("b", "Sub-Saharan Africa: all of Africa except Northern Africa."),
             ("d", "More developed regions (synthetic sample: its member countries only)."),
             ("e", "Less developed regions (synthetic sample: its member countries only)."),
             ("f", "Least developed countries."), ("g", "Less developed regions excluding the LDCs."),
             ("h", "Landlocked Developing Countries."), ("i", "Small Island Developing States."),
             ("j", "Income groups follow the World Bank classification."),
             *((f"B{num}", text) for num, text in sorted(_NOTE_TEXT.items())),
             ("B9", "Synthetic note: population of a territory without migrant-stock estimates.")]
    for i, (key, text) in enumerate(notes, start=12):
        ws.cell(row=i, column=1, value=key)
        ws.cell(row=i, column=2, value=text)


def _table6(wb: Workbook, t: _Tables, title: str, lead_header: list, plabels: list[str]) -> None:
    """IMS 2020 Table 6: refugees and asylum seekers, % of migrant stock, annual rate of change."""
    years = t.years
    data = []
    for i, r in enumerate(t.rows, start=1):
        ref, s = t.refugees[r.code], t.stock[r.code][0]
        small = [not (v >= 5) for v in ref]               # '~': fewer than five, or no estimate
        counts = ["~" if small[j] else int(ref[j]) for j in range(len(years))]
        shares = ["~" if small[j] else _pct(ref[j], s[j]) for j in range(len(years))]
        rates = ["~" if small[a] or small[a + 1] else _rate(ref[a], ref[a + 1], years[a + 1] - years[a])
                 for a in range(len(years) - 1)]
        lead = _lead_2020(r, notes=False)
        lead[0] = i
        data.append(lead + counts + shares + rates)
    lab, mer = _label_cells(6, len(years), [
        "Refugee and asylum seekers at mid-year, both sexes combined",
        "Refugee and asylum seekers as a percentage of the international migrant stock"])
    lab2, mer2 = _label_cells(6 + 2 * len(years), len(plabels), [
        "Annual rate of change of the refugee and asylum seekers, both sexes combined"])
    cells = {**_title_rows(2020, "Destination", title, "E"), **lab, **lab2}
    _sheet(wb, "Table 6", cells, ["A8:A10"] + mer + mer2, lead_header + list(years) * 2 + plabels, data)


# --------------------------------------------------------------------------- IMS origin


def _origin_workbook(t: _Tables) -> Workbook:
    ed, years = t.edition, t.years
    new = ed == 2024
    miss = None if new else ".."
    ny = len(years)
    wb = _new_workbook()
    titles = [
        f"Table 1: International migrant stock at mid-year by sex and by region, country or area of "
        f"origin, 1990-{ed}",
        f"Table 2: Female migrants as a percentage of the international migrant stock by region, country or "
        f"area of origin, 1990-{ed}",
    ]
    _contents(wb, ed, "Origin", titles, ["Migrant notes" if new else "Notes"])
    col0 = "F" if new else "E"
    if new:
        lead_header = ["Index", "Region, development group, country or area", "Coverage", None,
                       "Location code"]
    else:
        lead_header = [None, "Region, development group, country or area", "Notes", "Location code",
                       "Type of data"]
    rows = _origin_rows(ed)

    def lead(i: int, row: _Row) -> list[object]:
        if row.code == OTHER:
            values = [None, "OTHER", None, None, OTHER] if new else [None, "OTHER", None, OTHER, ""]
        else:
            values = _lead_2024(row) if new else _lead_2020(row)
        values[0] = i
        return values

    data = []
    for i, r in enumerate(rows, start=1):
        s = t.origin[r.code]
        data.append(lead(i, r) + [_py(v, integer=True, missing=miss) for k in range(3) for v in s[k]])
    texts = [f"International migrant stock at mid-year, {_SEX_LABEL[s]}" for s in SEXES]
    if new:
        texts[0] += "\n"
    lab, mer = _label_cells(6, ny, texts, short=new)
    cells = {**_title_rows(ed, "Origin", titles[0], col0), **lab}
    if new:
        cells["C10"] = "Migrant notes"
    _sheet(wb, "Table 1", cells, ["A8:A10"] + mer, lead_header + list(years) * 3, data)

    data = []
    for i, r in enumerate(rows, start=1):
        s = t.origin[r.code]
        data.append(lead(i, r) + [_py(_pct(s[2, j], s[0, j]), integer=False, missing=miss)
                                  for j in range(ny)])
    lab, mer = _label_cells(6, ny, ["Female migrants as a percentage of the international migrant stock"])
    cells = {**_title_rows(ed, "Origin", titles[1], col0), **lab}
    if new:
        cells["C10"] = "Migrant notes"
    _sheet(wb, "Table 2", cells, ["A8:A10"] + mer, lead_header + list(years), data)
    _notes(wb, ed, "Origin", "Migrant notes" if new else "Notes")
    return wb


# --------------------------------------------------------------------------- IMS destination x origin


def _matrix_workbook(t: _Tables) -> Workbook:
    ed, years = t.edition, t.years
    new = ed == 2024
    miss = None if new else ".."
    ny = len(years)
    wb = _new_workbook()
    title = (f"Table 1: International migrant stock at mid-year by sex and by region, country or area of "
             f"destination and origin, 1990-{ed}")
    _contents(wb, ed, "Destination and origin", [title], ["Notes"])
    if new:
        lead_header = ["Index", "Region, development group, country or area of destination", "Coverage",
                       "Data type", "Location code of destination",
                       "Region, development group, country or area of origin", "Location code of origin"]
    else:
        lead_header = ["Index", "Region, development group, country or area of destination",
                       "Notes of destination", "Location code of destination", "Type of data of destination",
                       "Region, development group, country or area of origin", "Location code of origin"]
    origin_rows = _origin_rows(ed)
    data = []
    index = 0
    for d in t.rows:
        lead = _lead_2024(d) if new else _lead_2020(d)
        for o in origin_rows:
            values = t.matrix[(d.code, o.code)]
            if o.code != WORLD and not (np.nansum(values) > 0):
                continue
            index += 1
            oname = "World" if (new and o.code == WORLD) else o.t1
            data.append([index, *lead[1:], oname, o.code]
                        + [_py(v, integer=True, missing=miss) for k in range(3) for v in values[k]])
    lab, mer = _label_cells(8, ny, [f"International migrant stock at mid-year, {_SEX_LABEL[s]}"
                                    for s in SEXES])
    cells = {**_title_rows(ed, "Destination and origin", title, "F" if new else "E"), **lab}
    _sheet(wb, "Table 1", cells, ["A8:A10"] + mer, lead_header + list(years) * 3, data)
    _notes(wb, ed, "Destination and origin", "Notes")
    return wb


# --------------------------------------------------------------------------- aggregates (Annex)

_ANNEX_GROUPS = [(901, "More developed regions"), (902, "Less developed regions"),
                 (941, "Least developed countries"),
                 (934, "Less developed regions, excluding least developed countries"),
                 (948, "Less developed regions, excluding China"),
                 (1636, "Land-Locked Developing Countries (LLDC)"),
                 (1637, "Small Island Developing States (SIDS)"),
                 (1503, "High-income Countries"), (1517, "Middle-income Countries"),
                 (1502, "Upper-middle-income Countries"), (1501, "Lower-middle-income Countries"),
                 (1500, "Low-income Countries"), (1518, "No income group available")]
_ANNEX_TYPE = {"sdg_region": (12, "SDG region"), "development_group": (5, "Development group"),
               "income_group": (13, "Income group"), "region": (2, "Geographic region"),
               "subregion": (3, "Subregion"), "country": (4, "Country/Area")}
_ANNEX_NOTE = {901: "b", 902: "c", 934: "e", 941: "d", 1636: "f", 1637: "g", 1503: "h", 1517: "h",
               1502: "h", 1501: "h", 1500: "h", 903: "j", 935: "k", 908: "l", 904: "m", 905: "n", 909: "o"}
#: SDG subregions of the 2020 annex (Europe 917, Northern America 918): geographic code -> (code, name).
_ANNEX_SDG_SUB = {908: (917, "Europe"), 905: (918, "Northern America")}


def _annex_workbook() -> Workbook:
    wb = _new_workbook()
    ws = wb.active
    ws.title = "Annex"
    _put(ws, _title_rows(2020, "", "Annex: Classification of countries and areas by development group, "
                         "region and subregion", "F", rev=False))
    _put(ws, {"F10": "Location Type", "H10": "Parent Location code", "I10": "WORLD", "J10": "Subregion",
              "L10": "SDG subregion", "N10": "SDG region", "P10": "Geographic region",
              "R10": "UN development groups", "Y10": "World Bank income groups"})
    header = [None, "Region, subregion, country or area*", "Notes", "Location code", "ISO3 Alpha-code",
              "Code", "Name", None, "Code", "Code", "Name", "Code", "Name", "Code", "Name", "Code", "Name"]
    header += [f"{name}\n{code}" for code, name in _ANNEX_GROUPS]
    for i, value in enumerate(header, start=1):
        if value is not None:
            ws.cell(row=11, column=i, value=value)
    parent_dev = {934: 902, 941: 902}
    parent_inc = {1502: 1517, 1501: 1517}
    sub_sdg = {sub: _ANNEX_SDG_SUB.get(reg, (None,))[0]
               or next(_BY_CODE[m].sdg2020 for m in _members(2020, sub, "subregion"))
               for sub, (reg, _, _) in _SUBREGIONS.items()}
    for r, row in enumerate(_rows(2020), start=12):
        c = row.country
        values: list[object] = [None, row.t1, _ANNEX_NOTE.get(row.code), row.code]
        if row.kind == "world":
            values = [None, row.t1, None, row.code]
        elif c is None:
            kind = "sdg_region" if (row.kind == "subregion" and row.code == 927) else row.kind
            type_code, type_name = _ANNEX_TYPE[kind]
            parent = {"sdg_region": 1828, "region": 1840, "development_group": parent_dev.get(row.code, 1803),
                      "income_group": parent_inc.get(row.code, 1802)}.get(kind) or sub_sdg[row.code]
            iso = "   " if row.code in (1830, 927) or (row.kind == "subregion" and row.code != 910) else None
            values += [iso, type_code, type_name, parent]
        else:
            sdg_sub = _ANNEX_SDG_SUB.get(c.region, (None, None))
            if c.subregion in _SUBREGIONS:
                sub: tuple[int | None, str | None] = (c.subregion, _SUBREGIONS[c.subregion][1].rstrip("*"))
                parent = c.subregion
            else:  # Northern America: no geographic subregion; the SDG subregion is the parent
                sub, parent = (None, None), sdg_sub[0]
            values = [None, row.t1, c.note, c.code, c.iso3, 4, "Country/Area", parent, WORLD, *sub, *sdg_sub,
                      c.sdg2020, _SDG_NAME[c.sdg2020], c.region, _REGIONS[c.region][2]]
            groups = set(c.dev) | set(c.inc2020)
            values += [code if code in groups else None for code, _ in _ANNEX_GROUPS]
        for col, value in enumerate(values, start=1):
            if value is not None:
                ws.cell(row=r, column=col, value=value)
    for rng in ("A8:A10", "F10:G10", "H10:H11", "J10:K10", "L10:M10", "N10:O10", "P10:Q10", "R10:X10",
                "Y10:AD10"):
        ws.merge_cells(rng)
    notes = wb.create_sheet("Notes")
    _put(notes, _title_rows(2020, "", "Notes", "J", rev=False))
    notes.merge_cells("A8:A10")
    notes["B11"] = "Notes"
    for i, (key, text) in enumerate([("*", "Synthetic sample: place names and codes are real, figures are "
                                      "fictional."), *sorted(_NOTE_TEXT.items())], start=12):
        notes.cell(row=i, column=1, value=key)
        notes.cell(row=i, column=2, value=text)
    return wb


# --------------------------------------------------------------------------- WPP locations, M49 CSV

_AGCODES = (1500, 1501, 1502, 1503, 1517, 1518, 1636, 1637, 1829, 1830, 1831, 1832, 1833, 1834, 1835,
            1836, 1859, 2087, 2088, 2089, 2090, 2091, 2092, 2093, 5502, 5503, 5504, 901, 902, 934, 941, 948)
_WPP_HEADER = ["name", "country_code", "reg_code", "reg_name", "area_code", "area_name", "location_type",
               "tree_level", "SortOrder", *[f"agcode_{code}000" for code in _AGCODES]]


def _wpp_groups(c: _Country) -> set[int]:
    groups = set(c.dev) | set(c.inc2024) | {c.sdg2024}
    if _LLDC in groups:  # LLDC: Africa, Asia, Europe, Latin America
        groups.add({903: 2087, 935: 2088, 908: 2089, 904: 2090}[c.region])
    if _SIDS in groups:  # SIDS Caribbean, Pacific, Atlantic/Indian Ocean/South China Sea
        groups.add(2091 if c.region == 904 else 2092 if c.region == 909 else 2093)
    if c.sdg2024 in (1829, 1836):  # Europe, Northern America, Australia, and New Zealand
        groups.add(5502)
    return groups


def _unlocations_text() -> str:
    """WPP 2024 ``UNlocations.txt`` layout (tab-separated; -1 = not a member / no parent)."""
    blank = ["-1"] * len(_AGCODES)
    lines = ["\t".join(_WPP_HEADER)]
    order = 0

    def add(name: str, code: int, location_type: int, tree: int, *, reg=(-1, ""), area=(-1, ""),
            groups: set[int] | None = None) -> None:
        nonlocal order
        order += 1
        flags = [str(g) if groups and g in groups else "-1" for g in _AGCODES] if groups else blank
        lines.append("\t".join([name, str(code), str(reg[0]), reg[1], str(area[0]), area[1],
                                str(location_type), str(tree), str(order), *flags]))

    add("World", WORLD, 0, 1)
    for code in _SDG_ORDER[2024]:
        add(_SDG_NAME[code], code, code * 1000, 3)
    add("Europe, Northern America, Australia, and New Zealand", 5502, 5502000, 3)
    wpp_groups = [(901, 3), (902, 3), (941, 4), (934, 4), (948, 3), (1636, 3), (2087, 4), (2088, 4),
                  (2089, 4), (2090, 4), (1637, 3), (2091, 4), (2092, 4), (2093, 4)]
    extra_names = {2087: "LLDC: Africa", 2088: "LLDC: Asia", 2089: "LLDC: Europe", 2090: "LLDC: Latin America",
                   2091: "SIDS Caribbean", 2092: "SIDS Pacific",
                   2093: "SIDS Atlantic, Indian Ocean and South China Sea (AIS)"}
    used = set().union(*(_wpp_groups(c) for c in COUNTRIES))
    for code, tree in wpp_groups:
        if code in extra_names and code not in used:  # sub-groups without sample members are left out
            continue
        # WPP quirk: the SIDS Pacific row itself is flagged as a member of SIDS
        add(extra_names.get(code) or _DEV_NAMES[code][1], code, code * 1000, tree,
            groups={_SIDS} if code == 2092 else None)
    for code in _INC_ORDER[2024]:
        add(_INC_NAMES[code][1], code, code * 1000, 4 if code in (1502, 1501) else 3)
    for region, (_, _, title) in _REGIONS.items():
        if region == 904:
            add("Americas", 5505, 2, 3)
        add(title, region, 2, 3)
        for parent in _parents(region):
            if parent == region:  # Northern America: countries right under the region, one level up
                reg, tree = (-1, ""), 4
            else:
                reg, tree = (parent, _SUBREGIONS[parent][2].rstrip("*")), 5
                add(reg[1], parent, 3, 4)
            for c in _country_order():
                if c.subregion == parent:
                    add(c.wpp_name or c.name, c.code, 4, tree, reg=reg, area=(region, title),
                        groups=_wpp_groups(c))
    return "\n".join(lines) + "\n"


_M49_HEADER = ("Global Code;Global Name;Region Code;Region Name;Sub-region Code;Sub-region Name;"
               "Intermediate Region Code;Intermediate Region Name;Country or Area;M49 Code;ISO-alpha2 Code;"
               "ISO-alpha3 Code;Least Developed Countries (LDC);Land Locked Developing Countries (LLDC);"
               "Small Island Developing States (SIDS)")
# IMS subregion -> UNSD (region, sub-region, intermediate region), as (code, name) pairs
_M49_TREE = {
    910: (("002", "Africa"), ("202", "Sub-Saharan Africa"), ("014", "Eastern Africa")),
    914: (("002", "Africa"), ("202", "Sub-Saharan Africa"), ("011", "Western Africa")),
    915: (("019", "Americas"), ("419", "Latin America and the Caribbean"), ("029", "Caribbean")),
    931: (("019", "Americas"), ("419", "Latin America and the Caribbean"), ("005", "South America")),
    912: (("002", "Africa"), ("015", "Northern Africa"), ("", "")),
    905: (("019", "Americas"), ("021", "Northern America"), ("", "")),
    5500: (("142", "Asia"), ("143", "Central Asia"), ("", "")),
    906: (("142", "Asia"), ("030", "Eastern Asia"), ("", "")),
    920: (("142", "Asia"), ("035", "South-eastern Asia"), ("", "")),
    5501: (("142", "Asia"), ("034", "Southern Asia"), ("", "")),
    922: (("142", "Asia"), ("145", "Western Asia"), ("", "")),
    925: (("150", "Europe"), ("039", "Southern Europe"), ("", "")),
    926: (("150", "Europe"), ("155", "Western Europe"), ("", "")),
    927: (("009", "Oceania"), ("053", "Australia and New Zealand"), ("", "")),
    928: (("009", "Oceania"), ("054", "Melanesia"), ("", "")),
    957: (("009", "Oceania"), ("061", "Polynesia"), ("", "")),
}


def _m49_text() -> str:
    """UNSD M49 overview CSV layout (semicolons; the BOM is added when written; no final newline)."""
    rows = []
    for c in COUNTRIES:
        region, sub, inter = _M49_TREE[c.subregion]
        rows.append((region[1], sub[0], inter[0], c, [
            "001", "World", region[0], region[1], sub[0], sub[1], inter[0], inter[1], c.m49_name or c.name,
            f"{c.code:03d}", c.iso2, c.iso3, "x" if _LDC in c.dev else "", "x" if _LLDC in c.dev else "",
            "x" if _SIDS in c.dev else ""]))
    sub_order = {"015": 0, "202": 1, "419": 0, "021": 1, "143": 0, "030": 1, "035": 2, "034": 3, "145": 4,
                 "151": 0, "154": 1, "039": 2, "155": 3, "053": 0, "054": 1, "057": 2, "061": 3}
    inter_order = {"014": 0, "017": 1, "018": 2, "011": 3, "029": 0, "013": 1, "005": 2}
    rows.sort(key=lambda r: (r[0], sub_order.get(r[1], 0), inter_order.get(r[2], 0), r[3].name))
    return "\n".join([_M49_HEADER, *(";".join(r[4]) for r in rows)])


# --------------------------------------------------------------------------- public API


def write_sample(folder: str | os.PathLike, filename: Callable[[str], str]) -> dict[str, Path]:
    """Write every synthetic file into ``folder`` under its official file name.

    ``filename(key)`` gives the official file name of a declared key. Returns ``{key: path}`` for
    ``ims2020-destination``, ``ims2020-origin``, ``ims2020-matrix``, ``ims2024-destination``,
    ``ims2024-origin``, ``ims2024-matrix``, ``ims2020-aggregates``,
    ``wpp2024-locations`` and ``m49``. Each file is written atomically; the figures are fictional
    (persons for stocks, thousands for population, per cent for shares and annual rates of change).
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    simulated = _simulate()
    out: dict[str, Path] = {}
    for edition in EDITIONS:
        tables = _build(simulated[edition])
        for kind, make in (("destination", _destination_workbook), ("origin", _origin_workbook),
                           ("matrix", _matrix_workbook)):
            key = f"ims{edition}-{kind}"
            out[key] = _save(make(tables), folder / filename(key))
    out["ims2020-aggregates"] = _save(_annex_workbook(), folder / filename("ims2020-aggregates"))
    out["wpp2024-locations"] = write_bytes(folder / filename("wpp2024-locations"),
                                           _unlocations_text().encode("utf-8"))
    out["m49"] = write_bytes(folder / filename("m49"), _m49_text().encode("utf-8-sig"))
    return out


def sample_places() -> pd.DataFrame:
    """What the sample holds: one row per code (countries, aggregates and ``OTHER``).

    Columns: ``code`` (M49), ``name`` (IMS 2024 name, without ``*``), ``kind`` (as in
    :data:`migstats.schema.LOCATION_KINDS`; code 927 is a ``subregion`` that the 2020 edition also lists
    as an SDG region), ``iso3``, ``iso2``, ``parent`` (geographic parent: country → subregion →
    region → 900; Northern America's countries → 905), ``region``, ``subregion`` (none for Northern
    America's countries), ``sdg_region_2020``, ``sdg_region_2024`` (country rows),
    ``editions`` (tuple of IMS editions printing a row for it), ``members_2020``, ``members_2024``
    (tuples of member country codes; ``(code,)`` for a country), ``no_data`` (a country without any
    migrant-stock estimate) and ``missing_2020`` / ``missing_2024`` (years printed as missing).
    """
    records: dict[int, dict] = {}
    for edition in EDITIONS:  # 2024 last: its names win
        for row in _origin_rows(edition):
            rec = records.setdefault(row.code, {
                "code": row.code, "name": "", "kind": row.kind, "iso3": None, "iso2": None,
                "parent": None, "region": None, "subregion": None, "sdg_region_2020": None,
                "sdg_region_2024": None, "editions": (), "members_2020": (), "members_2024": (),
                "no_data": False, "missing_2020": (), "missing_2024": ()})
            rec["name"] = row.t1.strip().rstrip("*")
            if edition not in rec["editions"]:
                rec["editions"] += (edition,)
            rec[f"members_{edition}"] = row.members
            c = row.country
            if c is not None:
                rec.update(iso3=c.iso3, iso2=c.iso2, parent=c.subregion, region=c.region,
                           subregion=c.subregion if c.subregion in _SUBREGIONS else None,
                           sdg_region_2020=c.sdg2020, sdg_region_2024=c.sdg2024, no_data=c.no_data)
                rec[f"missing_{edition}"] = YEARS[edition] if c.no_data else _MISSING[edition].get(c.code, ())
            elif row.kind == "subregion":  # 927 is also the 2020 SDG region: its kind is subregion
                rec.update(kind="subregion", parent=_SUBREGIONS[row.code][0], region=_SUBREGIONS[row.code][0])
            elif row.kind == "region":
                rec.update(parent=WORLD)
    frame = pd.DataFrame(list(records.values()))
    for col in ("parent", "region", "subregion", "sdg_region_2020", "sdg_region_2024"):
        frame[col] = frame[col].astype("Int64")
    return frame
