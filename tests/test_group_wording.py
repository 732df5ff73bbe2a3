"""A briefing names its place as what it is: a geographic region (SDG region, M49 region or subregion) is "the
region", a group of countries that is not a region (development and income groups, a user-defined group) is "the
group", the World is "the World" — in English, French and Spanish, each sentence written whole; and the header
publishes the kind of the place, under which the index lists the briefing."""

from __future__ import annotations

import html
import re
from types import SimpleNamespace

import pytest

from migstats import i18n
from migstats.places import resolve
from migstats.report.briefing import briefing_for
from migstats.report.sections import SECTIONS, build
from migstats.report.sections._lang import PLACE_WORDING, ByPlace, wording

#: The sections of a regional briefing (the country profile's have their own module names).
REGIONAL = [name for name in SECTIONS if not name.startswith("country_")]
REGION_WORDS = re.compile(r"\b(?:the region|of the region|region's|regional figures)\b", re.IGNORECASE)


def text_of(data, names=REGIONAL) -> str:
    """The readable text of the sections (tags and the maps' inline SVG left out), one space between words."""
    parts = []
    for name in names:
        section = build(name, data)
        parts.append(re.sub(r"<svg.*?</svg>", " ", section.html, flags=re.S))
        parts += [ax.get_title() for fig in section.charts for ax in fig.axes]
        parts += [t.get_text() for fig in section.charts for ax in fig.axes if ax.get_legend()
                  for t in ax.get_legend().get_texts()]
    text = re.sub(r"<[^>]+>", " ", "\n".join(parts))
    return re.sub(r"\s+", " ", html.unescape(text))


def born_split(data) -> dict[str, float]:
    """The origins chart's split of the place's migrants: label → per cent."""
    fig = build("origins", data).charts[0]
    return {c.get_label(): float(c.patches[0].get_width()) for ax in fig.axes for c in ax.containers}


@pytest.fixture(scope="module")
def high_income(shared_data):
    return briefing_for(1503, data="official").data


@pytest.fixture(scope="module")
def sub_saharan_africa(shared_data):
    return briefing_for(1834, data="official").data


@pytest.fixture(scope="module")
def world(shared_data):
    return briefing_for(900, data="official").data


@pytest.fixture(autouse=True)
def _english():
    with i18n.using("en"):
        yield


def test_every_kind_of_place_has_its_wording_and_the_choice_is_made_in_one_place():
    place = lambda kind: SimpleNamespace(place=SimpleNamespace(kind=kind))  # noqa: E731
    assert {k: wording(place(k)) for k in ("world", "sdg_region", "region", "subregion", "development_group",
                                           "income_group", "custom")} == {
        "world": "world", "sdg_region": "region", "region": "region", "subregion": "region",
        "development_group": "group", "income_group": "group", "custom": "group"}
    corridor = ByPlace(region="out of the region", group="out of the group")
    assert corridor(place("income_group")) == "out of the group" and corridor(place("subregion")) == "out of the region"
    assert corridor(place("world")) == "out of the group"  # no World sentence written: the World is a group
    assert set(PLACE_WORDING.values()) == {"region", "group", "world"}


def test_a_briefing_of_high_income_countries_speaks_of_the_group_never_of_the_region(high_income):
    text = text_of(high_income)
    assert not REGION_WORDS.findall(text)
    for sentence in ("Countries and areas of the group", "Emigration from the group",
                     "international migrants lived in the countries of the group. Emigrants include people living "
                     "in another country of the same group.",
                     "3.9 per 100,000 population of the group (SDG indicator 10.7.4",
                     "the group's figures are their sum", "Main host countries in the group, end-2024",
                     "Share of group", "Refugees originating from the group's countries, end-2024",
                     "into the group", "Figures for the group are World Population Prospects' own aggregate",
                     "The group's figures are the sums of its member countries and areas.",
                     "Persons born in a country of the group who live in another country (including other "
                     "countries of the same group).",
                     "International migration briefing · Income group · International Migrant Stock 2024"):
        assert sentence in text, sentence


def test_a_groups_migrants_are_split_into_born_in_a_member_country_or_outside(high_income):
    split = born_split(high_income)
    assert list(split) == ["Born in a country of the group", "Born outside the group", "Origin unknown"]
    # 44.0 of the 199.1 million migrants in high-income countries were born in one of them (not 0: the group
    # spans several SDG regions); 15.4 million are of unknown origin.
    assert round(split["Born in a country of the group"], 1) == 22.1
    assert round(split["Origin unknown"], 1) == 7.7 and round(sum(split.values()), 6) == 100


def test_a_region_is_split_by_its_own_members_not_by_its_sdg_region(shared_data):
    # Africa spans two SDG regions (it read 0 % "born in the same region"); Eastern Africa's migrants born
    # elsewhere in Sub-Saharan Africa were born in another region.
    assert round(born_split(briefing_for(903, data="official").data)["Born in the same region"], 1) == 85.8
    assert round(born_split(briefing_for(910, data="official").data)["Born in the same region"], 1) == 60.4


def test_an_sdg_region_still_speaks_of_the_region(sub_saharan_africa):
    text = text_of(sub_saharan_africa)
    assert "of the group" not in text and "the group's" not in text
    for sentence in ("Countries and areas of the region", "Emigration from the region",
                     "Emigrants include people living in another country of the same region.",
                     "per 100,000 population of the region (SDG indicator 10.7.4",
                     "the region's figures are their sum", "Share of region", "Figures for the region are",
                     "Regional figures are the sums of the member countries and areas."):
        assert sentence in text, sentence
    assert round(born_split(sub_saharan_africa)["Born in the same region"], 1) == 80.5


def test_the_world_is_neither_a_region_nor_a_group(world):
    text = text_of(world)
    assert not REGION_WORDS.findall(text) and "of the group" not in text
    for sentence in ("Countries and areas of the World", "Emigration worldwide",
                     "For the World, the emigrants are the international migrants, counted by country of birth.",
                     "within the World", "the countries and areas of the World hosted",
                     "population of the World (SDG indicator 10.7.4", "Figures for the World are"):
        assert sentence in text, sentence
    assert "Born in the same region" not in text  # no split of the World's migrants: none was born outside it


def test_a_group_in_french_reads_du_groupe(high_income):
    with i18n.using("fr"):
        text = text_of(high_income, ["members", "emigration", "refugees", "notes"])
    assert "région (Pays à revenu élevé)" not in text and "de la région" not in text
    for sentence in ("Pays et zones du groupe", "Émigration depuis le groupe",
                     "personnes nées dans un pays du groupe (Pays à revenu élevé)",
                     "habitants du groupe (indicateur ODD 10.7.4", "ceux du groupe en sont la somme",
                     "Part du groupe", "(y compris d’autres pays du même groupe)"):
        assert sentence in text, sentence


def test_a_group_in_spanish_reads_del_grupo(high_income):
    with i18n.using("es"):
        text = text_of(high_income, ["members", "emigration", "refugees", "notes"])
    assert "de la región" not in text and "la misma región" not in text
    for sentence in ("Países y zonas del grupo", "Emigración desde el grupo", "vivían en los países del grupo",
                     "habitantes del grupo (indicador 10.7.4", "las cifras del grupo son su suma",
                     "Proporción del grupo", "(incluidos otros países del mismo grupo)"):
        assert sentence in text, sentence


def test_a_sentence_the_english_shares_has_the_groups_own_translation(high_income):
    # "No country of {place} has a published score" reads the same in English; French names the group.
    from migstats.report.sections._base import render

    with i18n.using("fr"):
        group = render("sdg_domains.html.j2", year=2021, rows=[], absent="", n_absent=0, domains=[], legend=[],
                       place="Pays à revenu élevé", wording="group", source="")
        region = render("sdg_domains.html.j2", year=2021, rows=[], absent="", n_absent=0, domains=[], legend=[],
                        place="Afrique subsaharienne", wording="region", source="")
    assert "Aucun pays du groupe (Pays à revenu élevé)" in group
    assert "Aucun pays de la région (Afrique subsaharienne)" in region


@pytest.mark.parametrize("place, kind", [(1503, "income_group"), (941, "development_group"), (1834, "sdg_region"),
                                         (903, "region"), (910, "subregion"), (900, "world"),
                                         (["Kenya", "Uganda"], "custom")])
def test_the_regional_header_publishes_the_kind_of_its_place(sample2024, place, kind):
    from migstats.report.sections import BriefingData

    data = BriefingData(ims=sample2024, place=resolve(sample2024, place), year=2024)
    headline = build("header", data).parts[0].metadata["migstats"]["headline"]
    assert headline["kind"] == kind
    assert headline["code"] == (None if kind == "custom" else place)
