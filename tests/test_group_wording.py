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


def titles_of(data, names=REGIONAL) -> str:
    """The charts' titles (figure titles) of the sections, one space between words."""
    titles = [fig._suptitle.get_text() for name in names for fig in build(name, data).charts if fig._suptitle]
    return re.sub(r"\s+", " ", " ".join(titles))


#: The World's sentences, each written whole (never "lived in World", "la population a augmenté de … (Monde)",
#: "vivían en Mundo"): the lead, emigration, population change, refugees hosted and by origin, remittances, and the
#: charts' titles.
WORLD_SENTENCES = {
    "en": ("At mid-2024, there were 304.0 million international migrants worldwide, 3.7 % of the world population; "
           "48.0 % of them were women and girls.",
           "At mid-2024, 304.0 million people lived in a country or area other than their country of birth (+28.7 "
           "million since 2020). For the World, the emigrants are the international migrants",
           "Between 1 January 2015 and 31 December 2023 the world population grew by 700.5 million:",
           "At the end of 2024, the countries and areas of the World hosted 31.0 million refugees",
           "originated from the countries and areas of the World: 444.4 per 100,000 population of the World",
           "In 2023, the countries and areas of the World received USD 820.5 billion in personal remittances and "
           "paid USD 518.2 billion (current US dollars; sum of the members with a value)."),
    "fr": ("Mi-2024, on comptait 304,0 millions de migrants internationaux dans le monde, soit 3,7 % de la "
           "population mondiale ; 48,0 % d’entre eux étaient des femmes et des filles.",
           "Mi-2024, 304,0 millions de personnes vivaient dans un pays ou une zone autre que leur pays de naissance "
           "(+28,7 millions depuis 2020). Pour le Monde, les émigrants sont les migrants internationaux",
           "Entre le 1er janvier 2015 et le 31 décembre 2023, la population mondiale a augmenté de 700,5 millions :",
           "Fin 2024, les pays et zones du Monde accueillaient 31,0 millions de réfugiés",
           "étaient originaires des pays et zones du Monde : 444,4 pour 100 000 habitants du Monde",
           "En 2023, les pays et zones du Monde ont reçu 820,5 milliards USD d’envois de fonds personnels et en ont "
           "versé 518,2 milliards USD"),
    "es": ("A mediados de 2024, había 304,0 millones de migrantes internacionales en el mundo, el 3,7 % de la "
           "población mundial; el 48,0 % de ellos eran mujeres y niñas.",
           "A mediados de 2024, 304,0 millones de personas vivían en un país o zona distinto de su país de "
           "nacimiento (+28,7 millones desde 2020). Para el Mundo, los emigrantes son los migrantes internacionales",
           "Entre el 1 de enero de 2015 y el 31 de diciembre de 2023, la población mundial aumentó en 700,5 millones:",
           "A finales de 2024, los países y zonas del Mundo acogían a 31,0 millones de refugiados",
           "eran originarios de los países y zonas del Mundo: 444,4 por 100.000 habitantes del Mundo",
           "En 2023, los países y zonas del Mundo recibieron 820,5 mil millones USD en remesas personales y pagaron "
           "518,2 mil millones USD"),
}
WORLD_TITLES = {
    "en": ("International migrants worldwide, 1990–2024", "Main countries of origin of migrants worldwide, 2024",
           "Where international migrants live, 2024", "incidents worldwide, 2014–2025"),
    "fr": ("Migrants internationaux dans le monde, 1990–2024",
           "Principaux pays d’origine des migrants dans le monde, 2024",
           "Pays de résidence des migrants internationaux, 2024", "incidents dans le monde, 2014–2025"),
    "es": ("Migrantes internacionales en el mundo, 1990–2024",
           "Principales países de origen de los migrantes en el mundo, 2024",
           "Dónde viven los migrantes internacionales, 2024", "incidentes en el mundo, 2014–2025"),
}
#: The World's name put bare where a sentence needs "the World" / "le monde" / "el mundo" (a heading, a table
#: cell or a chart title that shows the name alone — "Components of population change, World", "Share of
#: World" — keeps it).
BARE_WORLD = {
    "en": re.compile(r"(?<!Share )\b(?:in|of|from|into|within) World\b(?! (?:Population|Bank|Development))"
                     r"|(?<!the )\bWorld (?:received|hosted|grew|fell)\b"),
    "fr": re.compile(r"\b(?:en|de|dans|depuis) Monde\b|(?<!du )\bMonde (?:comptait|a reçu|accueillait)\b|\(Monde\)"
                     r"|zone « Monde »"),
    "es": re.compile(r"\b(?:en|de|desde) Mundo\b|(?<!del )\bMundo (?:recibió|acogía|aumentó)\b"),
}


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_the_worlds_sentences_say_the_world_never_its_bare_name(world, lang):
    with i18n.using(lang):
        text, titles = text_of(world), titles_of(world)
    assert not BARE_WORLD[lang].findall(text + " " + titles)
    for sentence in WORLD_SENTENCES[lang]:
        assert sentence in text, sentence
    for title in WORLD_TITLES[lang]:
        assert title in titles, title


#: The same sentences for an SDG region name it (the region's own variant, unchanged).
REGION_SENTENCES = {
    "en": ("international migrants lived in Sub-Saharan Africa, 2.0 % of its population;",
           "people born in Sub-Saharan Africa lived in another country or area",
           "the population of Sub-Saharan Africa grew by 253.6 million:",
           "the countries and areas of Sub-Saharan Africa hosted",
           "originated from the countries and areas of Sub-Saharan Africa:",
           "In 2023, Sub-Saharan Africa received USD 53.8 billion"),
    "fr": ("Afrique subsaharienne comptait 24,3 millions de migrants internationaux, soit 2,0 % de sa population",
           "personnes nées dans la région (Afrique subsaharienne) vivaient dans un autre pays",
           "la population a augmenté de 253,6 millions (Afrique subsaharienne) :",
           "les pays et zones de la région (Afrique subsaharienne) accueillaient",
           "étaient originaires des pays et zones de la région (Afrique subsaharienne) :",
           "En 2023, Afrique subsaharienne a reçu 53,8 milliards USD"),
    "es": ("migrantes internacionales vivían en África Subsahariana, el 2,0 % de su población;",
           "personas nacidas en África Subsahariana vivían en otro país o zona",
           "la población de África Subsahariana aumentó en 253,6 millones:",
           "los países y zonas de África Subsahariana acogían",
           "eran originarios de los países y zonas de África Subsahariana:",
           "En 2023, África Subsahariana recibió 53,8 mil millones USD"),
}
REGION_TITLES = {"en": "International migrants in Sub-Saharan Africa, 1990–2024",
                 "fr": "Migrants internationaux, Afrique subsaharienne, 1990–2024",
                 "es": "Migrantes internacionales en África Subsahariana, 1990–2024"}
WORLDWIDE = re.compile(r"worldwide|world population|the countries and areas of the World|dans le monde|population "
                       r"mondiale|zones du Monde|en el mundo|población mundial|zonas del Mundo")


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_an_sdg_region_keeps_its_name_in_those_sentences(sub_saharan_africa, lang):
    with i18n.using(lang):
        text, titles = text_of(sub_saharan_africa), titles_of(sub_saharan_africa)
    for sentence in REGION_SENTENCES[lang]:
        assert sentence in text, sentence
    assert REGION_TITLES[lang] in titles
    assert not WORLDWIDE.findall(text + " " + titles)
