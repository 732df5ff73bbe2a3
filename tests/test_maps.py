"""Maps of migrants by country on the real Natural Earth boundaries and the official IMS 2024 figures."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import shapely

from migstats import charts, maps
from migstats.sources import naturalearth
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




# --- what the maps keep of a bundle (one worker draws some 300 maps from one) --------------------------------


@pytest.fixture
def fresh(admin0):
    """A bundle of its own: nothing kept from the other tests' maps."""
    return admin0.copy()


def _region(ims2024, names, share_2024, boundaries, group):
    return maps.region_map(boundaries, share_2024, _members(ims2024, group), names=names, year=2024,
                           source=SOURCE, title=f"International migrants as % of population, {names[group]}")


def _mali(ims2024):
    m = ims2024.matrix
    mali = m[(m["origin"] == 466) & (m["year"] == 2024) & (m["sex"] == "both")]
    return mali.rename(columns={"destination": "code"})[["code", "value"]]


def test_two_world_maps_of_one_bundle_share_its_prepared_boundaries(fresh, ims2024, names, monkeypatch):
    values = _mali(ims2024)
    maps.world_map(fresh, values, highlight=466, names=names, year=2024, source=SOURCE, title="Emigrants")
    (layer,) = maps._kept(fresh).layers["map"].values()
    projected = []
    monkeypatch.setattr(maps, "_project", lambda *a, **k: projected.append(a) or pytest.fail("projected again"))
    maps.world_map(fresh, values, highlight=804, names=names, year=2024, source=SOURCE, title="Emigrants")
    assert not projected
    assert list(maps._kept(fresh).layers["map"].values()) == [layer]


def test_a_kept_map_draws_the_same_svg_as_a_new_one(admin0, fresh, ims2024, names, share_2024):
    first = charts.to_svg(_region(ims2024, names, share_2024, fresh, 1835))
    again = charts.to_svg(_region(ims2024, names, share_2024, fresh, 1835))
    other = charts.to_svg(_region(ims2024, names, share_2024, admin0.copy(), 1835))
    assert first == again == other


def test_the_globes_simplified_bundle_keeps_every_place_valid_and_close(fresh):
    kept = maps._kept(fresh)
    full, simple = fresh.geometry.to_numpy(), kept.simplified(maps._GLOBE_DEGREES)
    assert len(simple) == len(full)
    assert (shapely.is_empty(simple) == shapely.is_empty(full)).all()  # no place, no island lost
    assert (shapely.get_num_geometries(simple) == shapely.get_num_geometries(full)).all()
    assert shapely.is_valid(simple).all()
    assert (shapely.hausdorff_distance(simple, full) <= 2 * maps._GLOBE_DEGREES).all()  # GEOS strays up to 2x
    xy, ring = shapely.get_coordinates(shapely.get_rings(shapely.get_parts(simple)), return_index=True)
    edges = np.hypot(*(xy[1:] - xy[:-1]).T)[ring[1:] == ring[:-1]]
    assert edges.max() <= maps._SEGMENT_DEGREES + 1e-9  # long straight borders bend with the projection
    assert kept.simplified(maps._GLOBE_DEGREES) is simple  # made once per bundle
    assert (kept.simplified(0.0) == full).all()


def test_every_member_with_a_boundary_is_drawn_from_the_simplified_bundle(fresh, ims2024, names, share_2024):
    for group in (1834, 1829, 1835):
        members = set(_members(ims2024, group)) - set(naturalearth.not_shown(fresh, _members(ims2024, group)))
        fig = _region(ims2024, names, share_2024, fresh, group)
        drawn = {int(c) for layer in maps._kept(fresh).layers["map"].values() for c in layer.frame["code"].dropna()}
        assert members <= drawn, (group, members - drawn)
        assert fig.axes[0].collections


def test_places_near_a_dot_are_drawn_from_their_full_outline(fresh, ims2024, names, share_2024):
    fig = _region(ims2024, names, share_2024, fresh, 1835)
    dots = [p.center for p in fig.axes[0].patches]
    exact = _region(ims2024, names, share_2024, fresh.copy(), 1835)  # same dots, whatever is kept
    assert dots == [p.center for p in exact.axes[0].patches] and len(dots) >= 10
    view = maps._view(fresh[fresh["code"].isin(_members(ims2024, 1835))], None)
    (key,) = [k for k in maps._kept(fresh).layers["map"] if k[0] == view]
    layer = maps._kept(fresh).layers["map"][key]
    tuvalu = fresh[fresh["code"] == 798]
    full = maps._project(tuvalu["code"], tuvalu.geometry.to_numpy(), view, *key[1:], exact=True)
    drawn = maps._prepare(fresh, view, *key[1:], places={798}).frame.loc[tuvalu.index[0], "geometry"]
    assert drawn.equals_exact(full.geometry.iloc[0], 0) and not layer.exact


def test_no_land_fills_the_arctic_ocean_of_the_polar_view(fresh, ims2024, names, share_2024):
    # Antarctica, round the antipode of the pole, once filled the whole ocean of the map when simplified.
    fig = _region(ims2024, names, share_2024, fresh, 1829)
    map_ax, globe_ax = fig.axes[0], fig.axes[2]
    for ax in (map_ax, globe_ax):
        assert not any(path.contains_point((0.0, 0.0)) for coll in ax.collections for path in coll.get_paths())


def test_what_is_kept_is_bounded_and_given_up_when_the_bundle_changes(fresh, ims2024, names):
    for code in (76, 356, 466, 798, 840):
        maps.locator_map(fresh, code, title="Where", names=names)
    kept = maps._kept(fresh)
    assert len(kept.layers["globe"]) == maps._KEEP_LAYERS["globe"]
    assert maps._kept(fresh) is kept
    fresh.loc[fresh.index[0], "geometry"] = fresh.geometry.iloc[0].buffer(0.1)
    assert maps._kept(fresh) is not kept
