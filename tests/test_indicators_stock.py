"""Migrant stock, share of population, female share, rates of change and change between years."""

from __future__ import annotations

import math

import numpy as np
import pytest
from synthetic_ims import YEARS, build_ims, default_cells, default_population

from migstats import indicators as ind
from migstats.errors import ParamsError, UnknownPlace
from migstats.places import resolve

CODES = [11, 12, 21, 22, 23]
CELLS = default_cells()          # (year, sex[m, f], destination, origin)
POP = default_population()       # (year, sex[m, f], country)


def stock_of(dests, year, sex=(0, 1)):
    """Migrants living in ``dests`` in ``year``, straight from the cells the bundle is built from."""
    t = YEARS.index(year)
    return CELLS[t][list(sex)][:, [CODES.index(d) for d in dests], :].sum()


@pytest.fixture(scope="module")
def ims():
    return build_ims()


# --- migrant stock ---------------------------------------------------------------------------------

def test_migrant_stock_of_a_country_is_its_migrants_by_year_and_sex(ims):
    frame = ind.migrant_stock(ims, "Brisca", years=2015)
    assert list(frame.columns) == ["edition", "location", "name", "year", "sex", "value"]
    got = dict(zip(frame["sex"], frame["value"], strict=True))
    assert got == {"both": stock_of([12], 2015), "male": stock_of([12], 2015, [0]),
                   "female": stock_of([12], 2015, [1])}


def test_an_aggregate_uses_the_un_row_which_equals_the_sum_of_its_members(ims):
    un_row = ind.migrant_stock(ims, "Southland", sex="both")
    members = ind.migrant_stock(ims, "Southland", sex="both", from_members=True)
    assert un_row["value"].tolist() == members["value"].tolist() == [stock_of([21, 22, 23], y) for y in YEARS]


def test_a_user_defined_group_sums_its_members(ims):
    frame = ind.migrant_stock(ims, ["Avalon", "Dunmore"], years=2024, sex="both")
    assert frame["location"].isna().all() and frame["name"].iloc[0] == "Avalon + Dunmore"
    assert frame["value"].iloc[0] == stock_of([11, 22], 2024)


def test_a_year_the_edition_does_not_have_is_a_parameter_error(ims):
    with pytest.raises(ParamsError, match="IMS 2024 has no estimates for 2019"):
        ind.migrant_stock(ims, "World", years=2019)


def test_an_unknown_sex_is_a_parameter_error(ims):
    with pytest.raises(ParamsError, match="unknown sex 'women'"):
        ind.migrant_stock(ims, "World", sex="women")


def test_an_unknown_place_is_a_clear_error(ims):
    with pytest.raises(UnknownPlace, match="unknown place 'Atlantis'"):
        ind.migrant_stock(ims, "Atlantis")


# --- shares ----------------------------------------------------------------------------------------

def test_migrant_share_is_migrants_over_population_in_percent(ims):
    frame = ind.migrant_share(ims, "Northland", years=2020, sex="female")
    t = YEARS.index(2020)
    expected = 100 * stock_of([11, 12], 2020, [1]) / POP[t, 1, [0, 1]].sum()
    assert frame["value"].iloc[0] == pytest.approx(expected, rel=1e-12)


def test_female_share_is_female_migrants_over_all_migrants_in_percent(ims):
    frame = ind.female_share(ims, 23)
    assert list(frame.columns) == ["edition", "location", "name", "year", "value"]
    expected = [100 * stock_of([23], y, [1]) / stock_of([23], y) for y in YEARS]
    assert frame["value"].tolist() == pytest.approx(expected, rel=1e-12)


def test_total_population_is_in_persons(ims):
    frame = ind.total_population(ims, "World", years=2010, sex="both")
    assert frame["value"].iloc[0] == POP[0].sum()


# --- rates and change ------------------------------------------------------------------------------

def test_exponential_rate_uses_the_real_length_of_the_period():
    assert ind.exponential_rate(100, 200, 2020, 2024) == pytest.approx(100 * math.log(2) / 4)
    assert math.isnan(ind.exponential_rate(0, 200, 2015, 2020))


def test_rates_cover_every_tabulation_period_the_last_one_four_years_long(ims):
    frame = ind.annual_rate_of_change(ims, "Avalon", sex="both")
    assert list(zip(frame["start_year"], frame["end_year"], strict=True)) == [(2010, 2015), (2015, 2020),
                                                                              (2020, 2024)]
    expected = 100 * math.log(stock_of([11], 2024) / stock_of([11], 2020)) / 4
    assert frame["value"].iloc[-1] == pytest.approx(expected, rel=1e-12)


def test_the_rate_ending_in_a_year_is_that_of_the_preceding_tabulation_period(ims):
    frame = ind.annual_rate_of_change(ims, "World", end=2015, sex="both")
    assert (frame["start_year"].item(), frame["end_year"].item()) == (2010, 2015)


def test_a_rate_between_any_two_years(ims):
    frame = ind.annual_rate_of_change(ims, "World", start=2010, end=2024, sex="male")
    expected = 100 * math.log(stock_of(CODES, 2024, [0]) / stock_of(CODES, 2010, [0])) / 14
    assert frame["value"].item() == pytest.approx(expected, rel=1e-12)


def test_no_rate_ends_in_the_first_year(ims):
    with pytest.raises(ParamsError, match="2010 is the first year"):
        ind.annual_rate_of_change(ims, "World", end=2010)


def test_stock_change_gives_each_periods_share_of_the_total_change(ims):
    frame = ind.stock_change(ims, "Dunmore", 2010, 2024)
    periods = frame.iloc[:-1]
    total = frame.iloc[-1]
    assert (total["start_year"], total["end_year"]) == (2010, 2024)
    assert total["change"] == stock_of([22], 2024) - stock_of([22], 2010)
    assert total["change_percent"] == pytest.approx(100 * total["change"] / stock_of([22], 2010))
    assert periods["change"].sum() == total["change"]
    assert periods["contribution"].sum() == pytest.approx(100.0)


# --- on the official workbooks (PROVENANCE.md §2–3) ------------------------------------------------

def test_world_migrant_stock_2024_by_sex(ims2024):
    frame = ind.migrant_stock(ims2024, "World", years=2024)
    assert dict(zip(frame["sex"], frame["value"], strict=True)) == {
        "both": 304_021_813, "male": 158_009_795, "female": 146_012_018}


def test_world_migrant_stock_from_the_235_countries_equals_the_un_world_row(ims2024):
    un = ind.migrant_stock(ims2024, "World", sex="both")
    summed = ind.migrant_stock(ims2024, "World", sex="both", from_members=True)
    assert summed["value"].tolist() == un["value"].tolist()
    assert un["value"].tolist() == [153_916_063, 163_176_002, 174_566_152, 192_788_721, 221_020_392,
                                    250_042_020, 275_284_032, 304_021_813]


SDG_2024 = {"Sub-Saharan Africa": 24_306_400, "Northern Africa and Western Asia": 54_085_710,
            "Central and Southern Asia": 20_369_652, "Eastern and South-Eastern Asia": 22_588_980,
            "Latin America and the Caribbean": 17_510_527,
            "Oceania (excluding Australia and New Zealand)": 321_771,
            "Australia/New Zealand": 9_579_393, "Europe and Northern America": 155_259_380}


@pytest.mark.parametrize("region", list(SDG_2024))
def test_sdg_region_totals_computed_from_countries_equal_the_un_rows(ims2024, region):
    summed = ind.migrant_stock(ims2024, region, years=2024, sex="both", from_members=True)
    assert summed["value"].item() == SDG_2024[region]


def test_every_un_aggregate_of_table_1_is_the_sum_of_its_members(ims2024):
    for code in sorted(set(ims2024.membership["group"])):
        place = resolve(ims2024, int(code))
        un = ind.migrant_stock(ims2024, place)
        summed = ind.migrant_stock(ims2024, place, from_members=True)
        assert summed["value"].tolist() == un["value"].tolist(), place.name


def test_population_aggregates_equal_member_sums_except_areas_without_their_own_row(ims2024):
    # Table 2 aggregates include Kosovo (no row of its own in IMS): World and Southern Europe exceed the
    # sum of their member rows by the same amount; regions not containing it reconcile to rounding.
    def gap(place):
        un = ind.total_population(ims2024, place, sex="both")["value"].to_numpy()
        return un - ind.total_population(ims2024, place, sex="both", from_members=True)["value"].to_numpy()

    assert gap("World") == pytest.approx(gap("Southern Europe"), abs=1_000)
    assert 1_500_000 < gap("World")[-1] < 1_900_000
    assert np.abs(gap("Sub-Saharan Africa")).max() <= 1_000


def assert_rates_reproduce_table_5(ims, locations):
    """Check every printed rate of ``locations``; return how many locations were checked."""
    printed = ims.rate.dropna(subset=["value"])
    checked = 0
    for code, rows in printed[printed["location"].isin(locations)].groupby("location"):
        place = resolve(ims, int(code))
        got = ind.annual_rate_of_change(ims, place).merge(rows, on=["start_year", "end_year", "sex"])
        assert len(got) == len(rows), place.name
        assert got["value_x"].to_numpy() == pytest.approx(got["value_y"].to_numpy(), abs=1e-6), place.name
        checked += 1
    return checked


def test_rates_computed_from_stocks_reproduce_table_5_for_every_location_of_2024(ims2024):
    assert assert_rates_reproduce_table_5(ims2024, set(ims2024.rate["location"])) >= 280


def test_rates_computed_from_stocks_reproduce_table_5_for_the_aggregates_of_2020(ims2020):
    assert assert_rates_reproduce_table_5(ims2020, set(ims2020.membership["group"])) >= 40


def test_sub_saharan_africa_2015_2020_rate_in_ims_2020(ims2020):
    frame = ind.annual_rate_of_change(ims2020, "Sub-Saharan Africa", end=2020, sex="both")
    assert frame["value"].item() == pytest.approx(1.3974, abs=5e-5)


def test_female_shares_computed_from_stocks_reproduce_table_4(ims2024):
    printed = ims2024.female_share.dropna(subset=["value"])
    assert printed["location"].nunique() >= 280
    for code, rows in printed.groupby("location"):
        got = ind.female_share(ims2024, resolve(ims2024, int(code))).merge(rows, on="year")
        assert len(got) == len(rows)
        assert got["value_x"].to_numpy() == pytest.approx(got["value_y"].to_numpy(), abs=1e-6)


def test_shares_of_population_computed_reproduce_table_3(ims2024):
    printed = ims2024.share.dropna(subset=["value"])
    countries = set(ims2024.locations.loc[ims2024.locations["kind"] == "country", "code"])
    assert printed["location"].isin(countries).sum() >= 235 * 8 * 3 - 48
    for code, rows in printed[printed["location"].isin(countries)].groupby("location"):
        got = ind.migrant_share(ims2024, resolve(ims2024, int(code))).merge(rows, on=["year", "sex"])
        assert len(got) == len(rows)
        assert got["value_x"].to_numpy() == pytest.approx(got["value_y"].to_numpy(), abs=1e-6)


def test_a_user_defined_group_of_real_countries(ims2024):
    frame = ind.migrant_stock(ims2024, ["United States of America", "Germany", "Saudi Arabia"],
                              years=2024, sex="both")
    assert frame["value"].item() == 52_375_047 + 16_750_084 + 13_683_841


def test_world_change_2020_2024_is_the_revised_2020_to_2024(ims2024):
    frame = ind.stock_change(ims2024, "World", 2020, 2024)
    assert frame["change"].item() == 304_021_813 - 275_284_032


def test_shares_are_percent_not_fractions(ims2024):
    frame = ind.migrant_share(ims2024, "World", years=2024, sex="both")
    assert frame["value"].item() == pytest.approx(100 * 304_021_813 / 8_161_972_572, rel=1e-9)

