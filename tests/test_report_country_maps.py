"""The country profile's map section, built from BriefingData (no notebook) on official IMS 2024: a locator,
where the country's emigrants live and where its immigrants were born, on world maps — for a large country
(Brazil), a small island state (Tuvalu) and a landlocked country (Mali). Titles carry the year, sources the
edition, the third-party extract and Natural Earth; the country is in orange, its partners coloured by class."""

import dataclasses
import html
import re

import matplotlib.colors
import pytest

from migstats import charts, maps
from migstats.places import resolve
from migstats.report.briefing import briefing_for
from migstats.report.sections import COUNTRY_SECTIONS, SECTIONS
from migstats.report.sections import country_maps as cm

SOURCE = ("Source: UN DESA, International Migrant Stock 2024 (destination and origin, third-party extract by IOM "
          "gdidata); Natural Earth")


@pytest.fixture(scope="module")
def brazil(ims2024):
    return briefing_for(76, data="official").data


def _data(base, code):
    return dataclasses.replace(base, place=resolve(base.ims, code))


def _colours(fig) -> set[str]:
    """Face colours of every patch drawn on the map axes (hex)."""
    out = set()
    for ax in fig.axes:
        for coll in ax.collections:
            out |= {matplotlib.colors.to_hex(c) for c in coll.get_facecolors()}
        out |= {matplotlib.colors.to_hex(p.get_facecolor()) for p in ax.patches}
    return out


def test_the_section_is_registered_after_the_origins():
    names = list(COUNTRY_SECTIONS)
    assert names.index("country_maps") == names.index("country_origins") + 1
    assert SECTIONS["country_maps"] is cm.render_section


@pytest.mark.parametrize(("code", "name"), [(76, "Brazil"), (798, "Tuvalu"), (466, "Mali")])
def test_each_map_is_titled_with_its_year_and_sourced(brazil, code, name):
    section = cm.render_section(_data(brazil, code))
    meta = [p.metadata["migstats"] for p in section.parts if "migstats" in p.metadata]
    assert [m["chart"] for m in meta] == [f"Location of {name}", f"Where people born in {name} live, 2024",
                                         f"Where immigrants in {name} were born, 2024"]
    assert meta[0]["source"] == "Source: Natural Earth"
    assert meta[1]["source"] == meta[2]["source"] == SOURCE
    text = html.unescape(section.html)
    assert text.count("do not imply") == 3
    assert text.count('<svg role="img" aria-label="Map: ') == 3


@pytest.mark.parametrize("code", [76, 798, 466])
def test_the_country_is_in_orange_and_its_destinations_coloured(brazil, code):
    data = _data(brazil, code)
    values = cm.emigrant_values(data)
    assert len(values) and (values["value"] > 0).all() and code not in set(values["code"])
    fig = cm.emigrants_map(data, values)
    drawn = _colours(fig)
    assert matplotlib.colors.to_hex(maps.ORANGE) in drawn
    classes = cm.classes(values)
    used = {classes.colors[int(i)] for i in classes.index(values["value"]).dropna()}
    assert used <= drawn and len(used) >= 2
    assert charts.figure_title(fig).endswith(", 2024")
    assert maps.DISCLAIMER in " ".join(fig._supxlabel.get_text().split())


def test_brazils_emigrants_are_mostly_in_the_united_states_and_classed_by_powers_of_ten(brazil):
    values = cm.emigrant_values(brazil).set_index("code")["value"]
    assert values.idxmax() == 840 and 500_000 < values[840] < 1_000_000
    labels = cm.classes(values.reset_index()).labels
    assert labels == ("Under 100", "100 – 1,000", "1,000 – 10,000", "10,000 – 100,000", "100,000 or more")


def test_a_small_diaspora_gets_classes_below_a_thousand(brazil):
    values = cm.emigrant_values(_data(brazil, 798))
    assert values["value"].max() < 1_000  # Tuvalu: a few hundred in Fiji, Kiribati, Australia
    assert cm.classes(values).labels[0] == "Under 10"


def test_a_pacific_country_is_in_the_middle_of_its_world_map(brazil):
    assert cm._centre(_data(brazil, 798)) == 180.0
    assert cm._centre(brazil) == cm._centre(_data(brazil, 466)) == 0.0


def test_the_locator_of_a_country_across_greenwich_is_centred_on_it(brazil):
    fig = cm.locator(_data(brazil, 466))
    (ax,) = fig.axes
    # Mali is drawn in orange on the near side of the globe (it was once drawn on the far side).
    orange = [c for c in ax.collections if matplotlib.colors.to_hex(maps.ORANGE)
              in {matplotlib.colors.to_hex(x) for x in c.get_facecolors()}]
    assert orange
    x0, y0, x1, y1 = orange[0].get_datalim(ax.transData).extents
    assert abs((x0 + x1) / 2) < 2e6 and abs((y0 + y1) / 2) < 2e6


def test_places_without_a_polygon_are_named_under_the_map(brazil):
    fig = cm.emigrants_map(brazil)
    hidden = maps.figure_not_shown(fig)
    assert "French Guiana" in hidden
    part = [p for p in cm.render_section(brazil).parts if "Where people born in Brazil live" in p.text][0]
    assert "Not shown: " + ", ".join(hidden) + "." in html.unescape(part.text)


def test_without_boundaries_the_section_says_what_is_missing_and_how_to_get_it(brazil):
    data = dataclasses.replace(brazil, boundaries=None,
                               missing={"boundaries": "ne_50m_admin_0_countries.zip not found in the mirror"})
    section = cm.render_section(data)
    text = html.unescape(re.sub(r"<[^>]+>", " ", section.html))
    assert "Not available: maps of the country." in text
    assert "ne_50m_admin_0_countries.zip" in text and "MIGSTATS_MIRROR" in text
    assert "<svg" not in section.html


def test_a_synthetic_profile_draws_real_boundaries_with_the_watermark(no_mirror, shared_data, monkeypatch):
    monkeypatch.setenv("MIGSTATS_MIRROR", str(shared_data))
    b = briefing_for(76, data="sample")
    assert b.data.synthetic and not b.data.boundaries[1].synthetic
    meta = [p.metadata["migstats"] for p in cm.render_section(b.data).parts if "migstats" in p.metadata]
    assert len(meta) == 3
    assert all("SYNTHETIC SAMPLE" in m["source"] and "Natural Earth" in m["source"] for m in meta[1:])


def test_the_maps_names_are_the_printed_names_looked_up_when_asked(brazil):
    values = cm.emigrant_values(brazil)
    names = cm._names(brazil, values["code"])
    assert set(names) == {*map(int, values["code"]), 76} and len(names) == len(set(names))
    assert names[76] == brazil.name_of(76) == "Brazil"
    assert names.get(840) == brazil.name_of(840)
    assert names.get(99999, "99999") == "99999"  # not a partner: the map's own default
    assert names.get(840.0, "none") == "none"  # codes are integers
    assert dict(names.items()) == {c: brazil.name_of(c) for c in names}
