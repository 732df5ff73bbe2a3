"""The briefing's map section: members classed by international migrants as % of population, one map per
SDG region (built from BriefingData, not the notebook), titled with year, source and edition, with the UN
disclaimer and the places not shown; inline SVG named for screen readers; a missing-boundaries box."""

import dataclasses
import html
import re

import pytest

from migstats import charts, maps
from migstats.places import groups, resolve
from migstats.report.briefing import briefing_for
from migstats.report.sections import maps as maps_section


@pytest.fixture(scope="module")
def world(ims2024):
    return briefing_for(900, data="official")


def test_the_map_section_comes_right_after_the_header(world):
    names = list(world.sections)
    assert names.index("maps") == names.index("header") + 1


def test_the_values_are_the_ims_shares_of_the_year(world):
    b = dataclasses.replace(world.data, place=resolve(world.data.ims, 1836))
    values = maps_section.share_values(b).set_index("code")["value"]
    share = world.data.ims.share
    nz = share[(share["location"] == 554) & (share["year"] == 2024) & (share["sex"] == "both")]["value"].iloc[0]
    assert values[554] == nz and 25 < nz < 35
    assert set(values.index) == {36, 554}


def test_every_sdg_region_gets_a_titled_map_with_source_disclaimer_and_alt_text(world):
    ims = world.data.ims
    regions = groups("sdg", ims.locations, ims.membership, edition=2024)
    assert len(regions) == 8
    for code, name in zip(regions["code"], regions["name"], strict=True):
        data = dataclasses.replace(world.data, place=resolve(ims, int(code)))
        section = maps_section.render_section(data)
        (part,) = [p for p in section.parts if "<svg" in p.text]
        assert part.metadata["migstats"]["chart"] == f"International migrants as % of population, {name}, 2024"
        assert part.metadata["migstats"]["source"] == "Source: UN DESA, International Migrant Stock 2024; Natural Earth"
        section = section.html
        assert re.search(r'<svg role="img" aria-label="Map: International migrants as % of population, '
                         + re.escape(html.escape(name, quote=True)) + ', 2024\\.', section)
        assert "do not imply official" in html.unescape(section)
        assert "style=" not in section.split("<svg", 1)[0]


def test_places_without_a_polygon_are_listed_under_the_map(world):
    data = dataclasses.replace(world.data, place=resolve(world.data.ims, 1834))
    fig = maps_section.share_map(data)
    hidden = maps.figure_not_shown(fig)
    assert hidden  # e.g. Mayotte and Réunion are inside France at 1:50m
    assert f"Not shown: {', '.join(hidden)}." in maps_section.alt_text(data, fig)


def test_the_world_is_drawn_on_a_world_map(world):
    fig = maps_section.share_map(world.data)
    assert fig._migstats_map["world"] is True
    assert len(fig._migstats_map["members"]) > 200


def test_without_boundaries_the_section_says_what_is_missing_and_how_to_get_it(world):
    data = dataclasses.replace(world.data, boundaries=None,
                               missing={"boundaries": "ne_50m_admin_0_countries.zip not found in the mirror"})
    text = html.unescape(re.sub(r"<[^>]+>", " ", maps_section.render_section(data).html))
    assert "Not available: map." in text
    assert "ne_50m_admin_0_countries.zip" in text and "MIGSTATS_MIRROR" in text


def test_a_synthetic_briefing_draws_real_boundaries_with_the_watermark(no_mirror, shared_data, monkeypatch):
    monkeypatch.setenv("MIGSTATS_MIRROR", str(shared_data))
    b = briefing_for(1834, data="sample")
    assert b.data.synthetic and b.data.boundaries is not None
    assert not b.data.boundaries[1].synthetic
    fig = maps_section.share_map(b.data)
    assert "SYNTHETIC SAMPLE" in charts.figure_source(fig)
    assert "Natural Earth" in charts.figure_source(fig)
