"""Briefings in French and Spanish (issue 13): text from the catalogues, the UN's names of places, numbers
and dates in the reader's locale, names sorted as that reader expects — and English unchanged."""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil

import pytest

import migstats as ms
from migstats import fmt, i18n, localnames
from migstats.report.languages import render_briefing
from migstats.report.sections import BriefingData

SECTIONS = ("header", "trend", "members", "corridors")


@pytest.fixture(scope="module")
def ssa(ims2024):
    """Sub-Saharan Africa (SDG region 1834) in IMS 2024, official figures."""
    return BriefingData(ims=ims2024, place=ms.places.resolve(ims2024, 1834), year=2024,
                        generated=dt.datetime(2026, 3, 5, 14, 3, tzinfo=dt.UTC))


@pytest.fixture(scope="module")
def rendered(ssa):
    return {lang: render_briefing(ssa, lang, SECTIONS) for lang in ("en", "fr", "es")}


def text_of(fragment: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment)))


def test_the_region_has_its_un_name_in_french_and_spanish(rendered):
    assert "<h1>Afrique subsaharienne</h1>" in rendered["fr"]["header"].html
    assert "<h1>África Subsahariana</h1>" in rendered["es"]["header"].html  # the UNSD M49 Spanish name of 202
    assert "<h1>Sub-Saharan Africa</h1>" in rendered["en"]["header"].html


def test_the_headline_figure_is_in_the_locales_format(rendered, ssa):
    stock = ms.indicators.headline.headline_figures(ssa.ims, ssa.place, 2024)["stock"]
    whole, tenth = divmod(round(stock / 1e5), 10)
    assert f"{whole}.{tenth} million" in rendered["en"]["header"].html
    assert f"{whole},{tenth}\xa0millions" in rendered["fr"]["header"].html
    assert f"{whole},{tenth}\xa0millones" in rendered["es"]["header"].html


@pytest.mark.parametrize("lang", ["fr", "es"])
@pytest.mark.parametrize("section", SECTIONS)
def test_no_english_sentence_of_the_section_is_left(rendered, lang, section):
    english, other = text_of(rendered["en"][section].html), text_of(rendered[lang][section].html)
    # Phrases of four words or more between punctuation (table rows of names and numbers are not phrases);
    # publication titles are names, not sentences.
    phrases = {p.strip() for p in re.split(r"[.;:,()·]|\s[–—]\s", english)}
    phrases = {p for p in phrases if len(re.findall(r"[A-Za-z]{2,}", p)) >= 4 and not re.search(
        r"International Migrant Stock|World Population Prospects|SYNTHETIC", p)}
    assert phrases, "the English section has sentences to compare"
    assert not [p for p in phrases if p in other]


def test_table_headers_and_chart_labels_are_translated(rendered):
    assert "<th>Rang</th>" in rendered["fr"]["members"].html and "<th>Posición</th>" in rendered["es"]["members"].html
    svg = rendered["fr"]["trend"].svgs[0]
    assert "Migrants internationaux (personnes)" in svg and "International migrants (persons)" not in svg


def test_member_names_are_the_un_names_in_french(rendered):
    fr = rendered["fr"]["members"].html
    assert "Côte d’Ivoire" in fr and "République démocratique du Congo" in fr and "Nigéria" in fr


def test_rendering_in_a_language_restores_english_byte_for_byte(ssa, rendered):
    assert i18n.language() is None
    assert render_briefing(ssa, None, ["header"])["header"].html == rendered["en"]["header"].html


def test_install_compiles_the_po_file_in_memory_when_there_is_no_mo(tmp_path):
    src = i18n.LOCALE_DIR / "fr" / "LC_MESSAGES" / "migstats.po"
    (tmp_path / "fr" / "LC_MESSAGES").mkdir(parents=True)
    shutil.copy(src, tmp_path / "fr" / "LC_MESSAGES" / "migstats.po")
    try:
        i18n.install("fr", tmp_path)
        assert i18n._("Net migration") == "Migration nette"
    finally:
        i18n.install(None)
    assert i18n._("Net migration") == "Net migration"


def test_an_unknown_language_falls_back_to_english():
    with i18n.using("de"):
        assert i18n._("Refugees") == "Refugees" and fmt.count(24_321_000) == "24.3 million"


def test_numbers_in_french_and_spanish_and_english_unchanged():
    assert fmt.count(24_321_000) == "24.3 million" and fmt.integer(321_771) == "321,771"
    assert fmt.count(24_321_000, locale="fr") == "24,3\xa0millions"
    assert fmt.count(1_500_000, locale="fr") == "1,5\xa0million"  # French: singular below two
    assert fmt.count(2_300_000_000, locale="es") == "2,3\xa0mil millones"
    assert fmt.integer(321_771, locale="fr") == "321\u202f771" and fmt.integer(321_771, locale="es") == "321.771"
    assert fmt.change(-1_234_567, locale="es") == "\u22121,2\xa0millones"
    assert fmt.rate(2.43, locale="fr") == "+2,4\xa0% par an" and fmt.rate(2.43) == "+2.4 % per year"
    assert fmt.axis_count(1_500_000, locale="fr") == "1,5\xa0M" and fmt.axis_count(1_500_000) == "1.5M"
    with i18n.using("es"):
        assert fmt.percent(12.345) == "12,3\xa0%"


def test_dates_in_words():
    d = dt.date(2025, 3, 5)
    assert fmt.date(d) == "5 March 2025"
    assert fmt.date(d, locale="fr") == "5 mars 2025" and fmt.date(d, locale="es") == "5 de marzo de 2025"


def test_french_sorting_puts_egypte_among_the_es():
    names = ["Estonie", "Zambie", "Égypte", "Allemagne", "Érythrée", "Espagne", "Eswatini"]
    assert localnames.sort_names(names, "fr") == [
        "Allemagne", "Égypte", "Érythrée", "Espagne", "Estonie", "Eswatini", "Zambie"]
    assert sorted(names)[-2:] == ["Égypte", "Érythrée"]  # what plain sorting would have done (after Z)


def test_groupings_the_m49_overview_lacks_have_a_sourced_name():
    import yaml

    entries = yaml.safe_load(localnames.DATA.read_text(encoding="utf-8"))["names"]
    assert {1829, 1831, 1832, 1833, 1835, 830, 680, 941, 1636, 1637} <= set(entries)
    assert all({"fr", "es", "source"} <= set(e) and e["source"] in localnames.SOURCES for e in entries.values())
    assert localnames.name(941, "fr") == "Pays les moins avancés"
    assert localnames.name(1637, "es") == "Pequeños Estados insulares en desarrollo (PEID)"


def test_names_come_from_the_m49_overview(ims2024):
    assert localnames.lookup(68, "fr", names=ims2024.names) == ("Bolivie (État plurinational de)", "m49")
    assert localnames.name(903, "es", 2024, names=ims2024.names) == "África"  # UN DESA 903 = M49 002
    assert localnames.name(903, "en", 2024, default="Africa", names=ims2024.names) == "Africa"
