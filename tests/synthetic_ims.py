"""A small made-up IMS edition built in code, in the tidy layout of migstats.schema (test helper).

Five countries in two SDG regions and two development groups; years 2010, 2015, 2020, 2024 (the last
period is 4 years long, as in IMS 2024). Every aggregate row (world, regions, groups — on both axes of the
matrix) is the sum of its members, as in the UN's workbooks, so tests can check that indicators computed
from members equal those computed from the aggregate rows.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd

from migstats.store import IMS

YEARS = (2010, 2015, 2020, 2024)
COUNTRIES = {11: "Avalon", 12: "Brisca", 21: "Côte d’Azura*", 22: "Dunmore", 23: "Dunmore Islands"}
ISO3 = {11: "AVL", 12: "BRS", 21: "CAZ", 22: "DUN", 23: "DNI"}
GROUPS = {  # code: (name, kind, grouping, members)
    900: ("World", "world", "world", (11, 12, 21, 22, 23)),
    1901: ("Northland", "sdg_region", "sdg", (11, 12)),
    1902: ("Southland", "sdg_region", "sdg", (21, 22, 23)),
    901: ("More developed regions", "development_group", "development", (11, 12, 21)),
    902: ("Less developed regions", "development_group", "development", (22, 23)),
}
UNKNOWN = 2003


def default_cells(years=YEARS) -> np.ndarray:
    """Migrants by (year, sex [male, female], destination, origin [countries + unknown]), zero diagonal."""
    codes = list(COUNTRIES)
    cells = np.zeros((len(years), 2, len(codes), len(codes) + 1))
    for (t, year), s, (i, d), (j, o) in itertools.product(enumerate(years), range(2), enumerate(codes),
                                                         enumerate(codes + [UNKNOWN])):
        if d != o:
            cells[t, s, i, j] = (d * 100 + (o % 100) * 7 + (year - 2000) * 13) * (s + 1) + 1000 * (i + 1)
    return cells


def default_population(years=YEARS) -> np.ndarray:
    """Population by (year, sex [male, female], country)."""
    return np.array([[[1_000_000 * (i + 2) + 10_000 * t + 5_000 * s for i in range(len(COUNTRIES))]
                      for s in range(2)] for t in range(len(years))], dtype=float)


def build_ims(cells: np.ndarray | None = None, pop: np.ndarray | None = None, *, years=YEARS,
              edition: int = 2024, with_matrix: bool = True, with_origin: bool = True) -> IMS:
    """Build an IMS bundle from migrant cells and populations (defaults above)."""
    cells = default_cells(years) if cells is None else np.asarray(cells, dtype=float)
    pop = default_population(years) if pop is None else np.asarray(pop, dtype=float)
    codes = list(COUNTRIES)
    origins = codes + [UNKNOWN]
    # destination/origin code -> the leaf codes it stands for (countries, aggregates, unknown)
    dest_sets = {c: (c,) for c in codes} | {g: v[3] for g, v in GROUPS.items()}
    orig_sets = dest_sets | {UNKNOWN: (UNKNOWN,)}
    orig_sets_world = {**orig_sets, 900: tuple(origins)}
    rows, mrows, prow = [], [], []
    for t, year in enumerate(years):
        for sname, s in (("male", [0]), ("female", [1]), ("both", [0, 1])):
            block = cells[t, s].sum(axis=0)                      # destination x origin
            popv = pop[t, s].sum(axis=0)
            for d, dset in dest_sets.items():
                di = [codes.index(x) for x in dset]
                prow.append((edition, d, year, sname, float(popv[di].sum())))
                for o, oset in orig_sets_world.items():
                    oi = [origins.index(x) for x in oset]
                    mrows.append((edition, d, o, year, sname, float(block[np.ix_(di, oi)].sum())))
            for o, oset in orig_sets_world.items():
                oi = [origins.index(x) for x in oset]
                rows.append((edition, 900, o, year, sname, float(block[:, oi].sum())))
    cols = ["edition", "destination", "origin", "year", "sex", "value"]
    matrix = pd.DataFrame(mrows, columns=cols)
    stock = matrix[matrix["origin"] == 900].reset_index(drop=True)
    by_origin = pd.DataFrame(rows, columns=cols)
    population = pd.DataFrame(prow, columns=["edition", "location", "year", "sex", "value"])
    locs = [(edition, 900, "World", "world", None)]
    locs += [(edition, g, v[0], v[1], None) for g, v in GROUPS.items() if g != 900]
    locs += [(edition, c, n, "country", ISO3[c]) for c, n in COUNTRIES.items()]
    locs += [(edition, UNKNOWN, "Other", "other", None)]
    locations = pd.DataFrame(locs, columns=["edition", "code", "name", "kind", "iso3"])
    locations["sort_order"] = range(1, len(locations) + 1)
    membership = pd.DataFrame([(edition, v[2], g, m) for g, v in GROUPS.items() for m in v[3]],
                              columns=["edition", "grouping", "group", "member"])
    empty = pd.DataFrame(columns=["edition", "location", "year", "value"])
    return IMS(edition=edition, synthetic=True, stock=stock, population=population, share=empty,
               female_share=empty, rate=empty.assign(start_year=[], end_year=[], sex=[]),
               locations=locations, membership=membership,
               stock_by_origin=by_origin if with_origin else None,
               matrix=matrix if with_matrix else None,
               missing={} if with_matrix else {"matrix": "not in this test bundle"})
