"""The same readers on the synthetic sample (official layouts, fictional values): no network, no mirror."""

from __future__ import annotations

import pandas as pd
import pytest

import migstats
from migstats.store import Store
from migstats.synthetic import ims as sample

SDG_2024 = [1834, 1833, 1831, 1832, 1830, 1835, 1836, 1829]


@pytest.fixture(scope="module", params=[2020, 2024])
def ims(request):
    return migstats.load_ims(request.param, data="sample")


def _both(frame, year):
    return frame[(frame["sex"] == "both") & (frame["year"] == year)]


def test_sample_is_marked_synthetic_everywhere(ims):
    assert ims.synthetic
    assert ims.label.endswith("SYNTHETIC SAMPLE")
    assert all(s.synthetic and s.origin == "sample" and not s.verified for s in ims.sources)


def test_sample_places_are_read_with_their_codes(ims):
    places = sample.sample_places()
    countries = set(places.loc[places["kind"] == "country", "code"])
    assert set(ims.locations.loc[ims.locations["kind"] == "country", "code"]) == countries
    assert ims.name(900) == "World"


def test_sample_aggregates_reconcile_with_members(ims):
    s = ims.stock[ims.stock["sex"] == "both"].pivot_table(index="destination", columns="year", values="value")
    for (_grouping, group), members in ims.membership.groupby(["grouping", "group"]):
        total = s.loc[s.index.isin(members["member"])].sum()
        assert (total - s.loc[group]).abs().max() == 0, group


def test_every_aggregate_of_every_grouping_reconciles_in_every_year_and_sex(ims):
    stock = ims.stock.pivot_table(index="destination", columns=["sex", "year"], values="value")
    groups = ims.locations.loc[~ims.locations["kind"].isin(["country", "other"]), "code"]
    checked = 0
    for group in groups:
        members = ims.membership.loc[ims.membership["group"] == group, "member"].unique()
        assert len(members), group
        total = stock.loc[stock.index.isin(members)].sum(min_count=1)
        pd.testing.assert_series_equal(total, stock.loc[group], check_names=False, obj=str(group))
        checked += 1
    assert checked == len(groups) >= 36


def test_the_sample_reads_with_all_eight_sdg_regions_of_two_or_more_countries(ims):
    loc = ims.locations
    sdg = list(loc.loc[loc["kind"] == "sdg_region"].sort_values("sort_order")["code"])
    if ims.edition == 2024:
        assert sdg == SDG_2024
    else:  # 927 is printed twice in 2020 (SDG region, then subregion); it sorts by its last row
        assert sdg == [947, 1833, 921, 1832, 1830, 1835, 1829, 927]
    m = ims.membership[ims.membership["grouping"] == "sdg"]
    sizes = m.groupby("group")["member"].nunique()
    assert set(sizes.index) == set(sdg) and sizes.min() >= 2 and sizes.sum() == 32
    assert (loc["kind"] == "country").sum() == 32


def test_matrix_margins_equal_the_destination_and_origin_tables(ims):
    year = ims.latest_year
    countries = ims.locations.loc[ims.locations["kind"] == "country", "code"]
    m = _both(ims.matrix, year)
    m = m[m["destination"].isin(countries)]
    by_dest = m[m["origin"].isin(list(countries) + [2003])].groupby("destination")["value"].sum()
    dest = _both(ims.stock, year).set_index("destination")["value"]
    pd.testing.assert_series_equal(by_dest.sort_index(), dest.loc[by_dest.index].sort_index(), check_names=False)
    by_orig = m[m["origin"].isin(countries)].groupby("origin")["value"].sum()
    orig = _both(ims.stock_by_origin, year).set_index("origin")["value"]
    pd.testing.assert_series_equal(by_orig.sort_index(), orig.loc[by_orig.index].sort_index(), check_names=False)


def test_population_from_thousands_to_persons(ims):
    pop = ims.population
    assert (pop["value"].dropna() % 1 == 0).all()
    assert pop["value"].max() > 1e8


def test_the_store_serves_the_eight_sdg_regions_to_every_bundle():
    store = Store.open("sample")
    assert store.synthetic
    ims = store.ims(2024)
    names = {code: ims.name(code) for code in SDG_2024}
    assert names == sample.SDG_NAMES_2024
    wpp = store.wpp()
    assert wpp.synthetic and set(SDG_2024) <= set(wpp.indicators["location"])
    unhcr = store.unhcr()
    assert unhcr.synthetic


def test_2024_table2_without_codes_is_joined_by_index():
    ims = migstats.load_ims(2024, data="sample")
    assert set(ims.population["location"]) == set(ims.stock["destination"])


def test_auto_falls_back_to_the_sample_without_mirror_or_network(no_mirror):
    assert migstats.load_ims(2024, data="auto").synthetic


def test_auto_uses_official_files_when_mirrored(shared_data):
    assert not migstats.load_ims(2024, data="auto").synthetic


def test_official_mode_without_files_says_how_to_get_them(no_mirror):
    from migstats.errors import DataUnavailable

    with pytest.raises(DataUnavailable, match=r"download it from https://\S+ .*mirror"):
        migstats.load_ims(2020, data="official")
