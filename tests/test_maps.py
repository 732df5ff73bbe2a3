"""Maps of migrants by country on the real Natural Earth boundaries and the official IMS 2024 figures."""

from __future__ import annotations

import pandas as pd
import pytest

from migstats import charts, maps
from migstats.sources.naturalearth import read_admin0

SOURCE = "Source: UN DESA, International Migrant Stock 2024"


@pytest.fixture(scope="module")
def admin0(shared_data):
    return read_admin0(shared_data / "naturalearth" / "ne_50m_admin_0_countries.zip")


@pytest.fixture(scope="module")
def names(ims2024):
    return dict(zip(ims2024.locations["code"], ims2024.locations["name"], strict=True))


@pytest.fixture(scope="module")
def share_2024(ims2024):
    share = ims2024.share
    share = share[(share["year"] == 2024) & (share["sex"] == "both")]
    return share.rename(columns={"location": "code"})[["code", "value"]]


def _unwrapped(text: str) -> str:
    return " ".join(text.split())


def _members(ims2024, group: int) -> list[int]:
    m = ims2024.membership
    return m.loc[(m["grouping"] == "sdg") & (m["group"] == group), "member"].tolist()


def test_percent_classes_read_as_people_write_them():
    assert maps.percent_classes().labels == (
        "Under 1 %", "1 – 2 %", "2 – 5 %", "5 – 10 %", "10 – 20 %", "20 – 50 %", "50 % or more")


def test_a_break_value_opens_the_next_class():
    classes = maps.percent_classes()
    assert classes.index(pd.Series([0.4, 5.0, 9.99, 88.0])).tolist() == [0, 3, 3, 6]


def test_count_classes_go_by_powers_of_ten_up_to_the_largest_value():
    assert maps.count_classes([250, 42_000, 1_900_000]).labels == (
        "Under 1,000", "1,000 – 10,000", "10,000 – 100,000", "100,000 – 1 million", "1 million or more")


def test_every_sdg_region_has_a_map_titled_with_its_year_and_sourced(admin0, ims2024, names, share_2024):
    regions = ims2024.membership.loc[ims2024.membership["grouping"] == "sdg", "group"].unique()
    assert len(regions) == 8
    for region in regions:
        fig = maps.region_map(admin0, share_2024, _members(ims2024, region), names=names, year=2024,
                              title=f"International migrants as % of population, {names[region]}", source=SOURCE)
        assert charts.figure_title(fig) == f"International migrants as % of population, {names[region]}, 2024"
        assert charts.figure_source(fig) == "Source: UN DESA, International Migrant Stock 2024; Natural Earth"
        assert maps.DISCLAIMER in _unwrapped(fig.get_supxlabel())


def test_places_without_a_polygon_are_listed_under_the_map(admin0, ims2024, names, share_2024):
    fig = maps.region_map(admin0, share_2024, _members(ims2024, 1830), names=names, year=2024, source=SOURCE,
                          title="International migrants as % of population, Latin America and the Caribbean")
    assert maps.figure_not_shown(fig) == ["French Guiana", "Guadeloupe", "Martinique",
                                          "Bonaire, Sint Eustatius and Saba"]
    assert ("Not shown (no boundary of their own at this scale): French Guiana, Guadeloupe"
            in _unwrapped(fig.get_supxlabel()))


def test_the_channel_islands_are_drawn_on_the_map_of_europe(admin0, ims2024, names, share_2024):
    members = _members(ims2024, 1829)
    assert 830 in members
    fig = maps.region_map(admin0, share_2024, members, names=names, year=2024, source=SOURCE,
                          title="International migrants as % of population, Europe and Northern America")
    assert "Channel Islands" not in maps.figure_not_shown(fig)
    assert maps.figure_not_shown(fig) == ["Gibraltar"]


def test_oceania_is_drawn_across_the_180th_meridian_in_one_view(admin0, ims2024, names, share_2024):
    fig = maps.region_map(admin0, share_2024, _members(ims2024, 1835), names=names, year=2024, source=SOURCE,
                          title="International migrants as % of population, Oceania")
    assert fig._migstats_map["world"] is False
    # Tuvalu, Nauru and the other atolls are too small to see at this scale: they are drawn as dots.
    dots = [p for ax in fig.axes for p in ax.patches]
    assert len(dots) >= 10
    assert maps.figure_not_shown(fig) == ["Tokelau"]


def test_the_world_is_an_equal_earth_map(admin0, ims2024, names, share_2024):
    countries = ims2024.locations.loc[ims2024.locations["kind"] == "country", "code"].tolist()
    fig = maps.region_map(admin0, share_2024, countries, names=names, year=2024, source=SOURCE,
                          title="International migrants as % of population, World")
    assert fig._migstats_map["world"] is True
    assert len(maps.figure_not_shown(fig)) == 8


def test_a_world_map_of_emigrants_highlights_the_country_of_origin(admin0, ims2024, names):
    m = ims2024.matrix
    mali = m[(m["origin"] == 466) & (m["year"] == 2024) & (m["sex"] == "both")]
    values = mali.rename(columns={"destination": "code"})[["code", "value"]]
    fig = maps.world_map(admin0, values, highlight=466, names=names, year=2024, source=SOURCE,
                         title="Emigrants from Mali by country of destination")
    legend = fig.axes[1].get_legend()
    assert "Mali" in [t.get_text() for t in legend.get_texts()]
    assert charts.figure_title(fig) == "Emigrants from Mali by country of destination, 2024"


def test_a_locator_of_a_small_island_state_marks_it_with_a_dot(admin0, names):
    fig = maps.locator_map(admin0, 798, title="Tuvalu", names=names)
    dots = [p for p in fig.axes[0].patches if p.get_facecolor()[:3] != (1.0, 1.0, 1.0)]
    assert len(dots) >= 2  # the ocean disc and Tuvalu's dot
    assert charts.figure_source(fig) == "Source: Natural Earth"


def test_a_region_map_stays_small_enough_to_embed_as_svg(admin0, ims2024, names, share_2024):
    fig = maps.region_map(admin0, share_2024, _members(ims2024, 1829), names=names, year=2024, source=SOURCE,
                          title="International migrants as % of population, Europe and Northern America")
    assert len(charts.to_svg(fig)) < 1_000_000


def test_values_without_code_and_value_columns_are_refused(admin0, names):
    with pytest.raises(ValueError, match="values need columns code and value"):
        maps.world_map(admin0, pd.DataFrame({"location": [4], "value": [1.0]}), highlight=None, names=names,
                       year=2024, source=SOURCE, title="Migrants")


