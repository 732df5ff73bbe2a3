"""Ranking the members of a group, and comparing two editions."""

from __future__ import annotations

import pytest
from synthetic_ims import build_ims, default_cells

from migstats import indicators as ind
from migstats.errors import ParamsError


@pytest.fixture(scope="module")
def ims():
    return build_ims()


@pytest.fixture(scope="module")
def older():
    """An earlier edition that ends in 2020 and estimated 10 % more migrants everywhere."""
    years = (2010, 2015, 2020)
    return build_ims(default_cells(years) * 1.1, edition=2020, years=years)


def test_members_are_ranked_by_the_indicator_largest_first(ims):
    frame = ind.rank_members(ims, "Southland", "migrant_stock", year=2024)
    values = [ind.migrant_stock(ims, c, years=2024, sex="both")["value"].item() for c in (21, 22, 23)]
    assert frame["value"].tolist() == sorted(values, reverse=True)
    assert frame["rank"].tolist() == [1, 2, 3]
    assert set(frame["location"]) == {21, 22, 23}


def test_ranking_by_a_rate_uses_the_period_ending_in_the_year(ims):
    frame = ind.rank_members(ims, "World", "annual_rate_of_change", year=2024, ascending=True, n=1)
    lowest = min(ind.annual_rate_of_change(ims, c, end=2024, sex="both")["value"].item()
                 for c in (11, 12, 21, 22, 23))
    assert frame["value"].item() == lowest


def test_an_unknown_indicator_is_a_parameter_error(ims):
    with pytest.raises(ParamsError, match="unknown indicator 'happiness'"):
        ind.rank_members(ims, "World", "happiness")


def test_editions_side_by_side_with_the_revision(ims, older):
    frame = ind.compare_editions(older, ims, "Northland", "migrant_stock", sex="both")
    assert frame["year"].tolist() == [2010, 2015, 2020]          # the years both editions have
    new = ind.migrant_stock(ims, "Northland", sex="both", years=[2010, 2015, 2020])["value"].to_numpy()
    assert frame["value_2024"].to_numpy() == pytest.approx(new)
    assert frame["value_2020"].to_numpy() == pytest.approx(new * 1.1)
    assert frame["revision_percent"].to_numpy() == pytest.approx([100 * (1 / 1.1 - 1)] * 3)


def test_the_order_of_the_editions_does_not_matter(ims, older):
    assert ind.compare_editions(ims, older, 11).equals(ind.compare_editions(older, ims, 11))


def test_comparing_an_edition_with_itself_is_a_parameter_error(ims):
    with pytest.raises(ParamsError, match="both bundles are IMS 2024"):
        ind.compare_editions(ims, ims, "World")


# --- official workbooks -------------------------------------------------------------------------------

def test_the_world_2020_was_revised_down_in_the_2024_edition(ims2020, ims2024):
    frame = ind.compare_editions(ims2020, ims2024, "World", sex="both").set_index("year")
    assert (frame.at[2020, "value_2020"], frame.at[2020, "value_2024"]) == (280_598_105, 275_284_032)
    assert frame.at[2020, "revision"] == 275_284_032 - 280_598_105


def test_a_region_whose_code_changed_is_matched_across_editions(ims2020, ims2024):
    # Sub-Saharan Africa is 947 in IMS 2020 and 1834 in IMS 2024
    frame = ind.compare_editions(ims2020, ims2024, 1834, sex="both").set_index("year")
    assert frame.at[2020, "value_2020"] == 22_221_538
    revised = ind.migrant_stock(ims2024, 1834, years=2020, sex="both")["value"].item()
    assert frame.at[2020, "value_2024"] == revised


def test_largest_destinations_among_the_worlds_countries_2024(ims2024):
    frame = ind.rank_members(ims2024, "World", "migrant_stock", year=2024, n=3)
    assert frame["name"].tolist() == ["United States of America", "Germany", "Saudi Arabia"]
    assert frame["value"].tolist() == [52_375_047, 16_750_084, 13_683_841]
