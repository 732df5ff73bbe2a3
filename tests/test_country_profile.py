"""Country profiles: the sections a reader gets for one country or area, from the official files — India (a
large country), Tuvalu (a small island) and Tokelau (a territory with little data)."""

from __future__ import annotations

import re

import pytest

from migstats.indicators import country as country_ind
from migstats.report.briefing import briefing_for
from migstats.report.sections import COUNTRY_SECTIONS


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#39;", "'")


@pytest.fixture(scope="module")
def profiles(shared_data):
    return {code: briefing_for(code, data="official") for code in (356, 798, 772)}


def _all_text(briefing) -> str:
    return " ".join(_text(briefing.section(name).html) for name in COUNTRY_SECTIONS)


def test_top_lists_never_list_zeros(ims2024):
    top = country_ind.top_destinations_nonzero(ims2024, 772, n=10)
    assert top["destination_name"].tolist() == ["Australia", "Samoa", "American Samoa"]
    assert top["value"].tolist() == [588.0, 81.0, 19.0] and top["rank"].tolist() == [1, 2, 3]
    tuvalu = country_ind.top_destinations_nonzero(ims2024, 798, n=10)
    assert (tuvalu["value"] > 0).all() and tuvalu["value"].iloc[0] == 428.0  # Fiji


def test_comparison_names_the_country_its_sdg_region_and_the_world(ims2024):
    c = country_ind.comparison(ims2024, 356, year=2024)
    assert c["name"].tolist() == ["India", "Central and Southern Asia", "World"]
    assert c["stock"].iloc[0] == 4_796_255 and c["emigrants"].iloc[0] == 18_533_845
    assert c["share_rank"].iloc[0] == 12 and c["ranked"].iloc[0] == 14 and c["stock_rank"].iloc[0] == 1


def test_immigrants_and_emigrants_side_by_side_since_1990(ims2024):
    t = country_ind.migrants_both_ways(ims2024, 772)
    assert t["year"].tolist()[0] == 1990
    first, last = t.iloc[0], t.iloc[-1]
    assert (first["immigrants"], first["emigrants"]) == (360, 295)
    assert (last["immigrants"], last["emigrants"], last["net"]) == (1282, 688, 594)


def test_the_profile_names_the_country_its_region_and_the_world_never_the_region(profiles):
    for code, b in profiles.items():
        text = _all_text(b)
        region = country_ind.sdg_region_of(b.data.ims, code).name
        assert b.data.place.name in text and region in text and "World" in text
        assert "the region" not in text.lower() and "of the region" not in text.lower()
    india = _all_text(profiles[356])
    assert "4.8 million international migrants lived in India" in india
    assert "India ranks 12 of the 14 countries and areas of Central and Southern Asia" in india


def test_a_place_unhcr_does_not_cover_says_so_without_download_instructions(profiles):
    refugees = _text(profiles[772].section("country_refugees").html)
    assert "UNHCR publishes no figures for Tokelau." in refugees
    assert "download" not in refugees.lower() and "How to get it" not in refugees


def test_the_header_publishes_kind_emigrants_and_region_for_the_index(profiles):
    meta = profiles[798].section("country_header").parts[0].metadata["migstats"]["headline"]
    assert meta["kind"] == "country" and meta["emigrants"] == "1,239" and meta["stock"] == "246"
    assert meta["sdg_region"] == "Oceania (excluding Australia and New Zealand)"
