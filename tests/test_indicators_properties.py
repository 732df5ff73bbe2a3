"""Properties that hold for any data: shares stay within 0–100, totals do not depend on the grouping,
bad places fail clearly. Random migrant tables are built in code (tests/synthetic_ims.py)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from synthetic_ims import COUNTRIES, YEARS, build_ims

from migstats import indicators as ind
from migstats.errors import UnknownPlace

N = len(COUNTRIES)
cells = arrays(np.int64, (len(YEARS), 2, N, N + 1), elements=st.integers(0, 10_000)).map(
    lambda a: a * (1 - np.eye(N, N + 1, dtype=np.int64)))              # nobody migrates to their own country
extra_population = arrays(np.int64, (len(YEARS), 2, N), elements=st.integers(1, 1_000_000))
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def bundle(c, extra):
    # the population includes the migrants living there
    return build_ims(c, c.sum(axis=3) + extra)


@SETTINGS
@given(cells, extra_population, st.sampled_from([11, 22, "Southland", 900, [12, 23]]))
def test_shares_stay_between_0_and_100(c, extra, place):
    ims = bundle(c, extra)
    values = np.concatenate([
        ind.migrant_share(ims, place)["value"], ind.female_share(ims, place)["value"],
        ind.top_origins(ims, place, n=5)["share"], ind.intra_regional_share(ims, place)["value"],
        ind.emigrant_share(ims, place)["value"],
    ])
    values = values[~np.isnan(values)]
    assert ((values >= 0) & (values <= 100 + 1e-9)).all()


@SETTINGS
@given(cells, extra_population)
def test_totals_do_not_depend_on_how_countries_are_grouped(c, extra):
    ims = bundle(c, extra)

    def total(places, func=ind.migrant_stock):
        return sum(func(ims, p, years=2024, sex="both", from_members=True)["value"].item() for p in places)

    world = total(["World"])
    assert total(["Northland", "Southland"]) == world
    assert total(["More developed regions", "Less developed regions"]) == world
    assert total([[11, 22], [12, 21, 23]]) == world
    assert total([[11], [12], [21], [22], [23]]) == world
    born_in_a_country = c[-1, :, :, :-1].sum()        # all migrants but those of unknown origin
    assert total(["Northland", "Southland"], ind.emigrants) == born_in_a_country
    assert total(["More developed regions", "Less developed regions"], ind.emigrants) == born_in_a_country


@SETTINGS
@given(cells)
def test_origins_split_a_places_migrants_without_loss(c):
    ims = build_ims(c)
    by_region = ind.origins_by_region(ims, [11, 21])
    stock = ind.migrant_stock(ims, [11, 21], years=2024, sex="both")["value"].item()
    assert by_region["value"].sum() == stock


@given(st.integers(min_value=1, max_value=5000).filter(lambda c: c not in {*COUNTRIES, 900, 901, 902, 1901,
                                                                          1902, 2003}))
@settings(max_examples=25, deadline=None)
def test_an_unknown_code_raises_a_clear_error(code):
    with pytest.raises(UnknownPlace, match=f"no place with M49 code {code}"):
        ind.migrant_stock(IMS, code)


@given(st.text(alphabet="qxzjkv", min_size=4, max_size=12))
@settings(max_examples=25, deadline=None)
def test_an_unknown_name_raises_a_clear_error(name):
    with pytest.raises(UnknownPlace, match="unknown place"):
        ind.top_origins(IMS, name)


@pytest.mark.parametrize("place", ["", "   ", []])
def test_an_empty_place_raises_a_clear_error(place):
    with pytest.raises(UnknownPlace, match="empty"):
        ind.migrant_share(IMS, place)


IMS = build_ims()
