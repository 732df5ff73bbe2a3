"""The index page and the inventory page in English, French and Spanish (issue 13): one index page per
language with a switcher between them, one row per place linking each language version present, place
names and figures in the page's language, sorting by the language's collation; the inventory page's UI
translated while the entries keep their sources' wording, each source shown with its language. Browser
tests use Debian's chromium through Playwright (marked slow), from file:// URLs."""

from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migstats.inventory import Inventory, Source, build_inventory_page, render_inventory_page
from migstats.inventory.cli import app as inventory_app
from migstats.report.index import page_name, parse_figure, read_entries, render_index, write_index
from migstats.sources.m49_names import read_m49_names

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
TODAY = dt.date(2026, 11, 23)


def in_browser(test):
    """Mark a test slow, and skip it where Debian's chromium is not installed."""
    no_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed")
    return pytest.mark.slow(no_chromium(test))


# --- an output folder with briefings in several languages -------------------------------------------------

ENGLISH = {"place": "Europe and Northern America", "code": 1829, "edition": 2024, "year": 2024,
           "stock": "94.4 million", "share": "8.3 %", "female": "51.6 %", "change_previous": "+7.4 million"}


def _state(out: Path, name: str, title: str, headline: dict, *, lang: str | None, status: str = "built",
           error: str | None = None) -> None:
    (out / ".state").mkdir(parents=True, exist_ok=True)
    if status == "built":
        for ext in ("html", "pdf"):
            (out / f"{name}.{ext}").write_text("x")
    state = {"name": name, "title": title, "status": status, "html": str(out / f"{name}.html"),
             "pdf": str(out / f"{name}.pdf"), "notebook": None, "synthetic": False, "headline": headline,
             "error": error}
    if lang is not None:
        state["lang"] = lang
    (out / ".state" / f"{name}.json").write_text(json.dumps(state, ensure_ascii=False))


def folder(out: Path) -> Path:
    """Europe and Northern America in English and French; Sub-Saharan Africa in English only (a state
    written before languages existed: no ``lang``); India in English and Spanish, the Spanish one failed."""
    _state(out, "1829-europe-and-northern-america-2024-en", "Europe and Northern America", ENGLISH, lang="en")
    _state(out, "1829-europe-and-northern-america-2024-fr", "Europe et Amérique du Nord",
           {**ENGLISH, "place": "Europe et Amérique du Nord", "stock": "94,4\u00a0millions",
            "share": "8,3\u00a0%", "female": "51,6\u00a0%", "change_previous": "+7,4\u00a0millions"}, lang="fr")
    _state(out, "1834-sub-saharan-africa-2024", "Sub-Saharan Africa",
           {"place": "Sub-Saharan Africa", "code": 1834, "edition": 2024, "year": 2024, "stock": "24.5 million",
            "share": "2.0 %", "female": "47.4 %", "change_previous": "+2.9 million"}, lang=None)
    _state(out, "356-india-2024-en", "India",
           {"place": "India", "code": 356, "kind": "country", "edition": 2024, "year": 2024,
            "stock": "4.8 million", "share": "0.3 %", "female": "57.1 %", "emigrants": "18.5 million",
            "change_previous": "−133,561", "sdg_region": "Central and Southern Asia"}, lang="en")
    _state(out, "356-india-2024-es", "India", {}, lang="es", status="failed",
            error="kernel died while drawing the maps")
    return write_index(out)


def text_of(page: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


@pytest.fixture
def pages(tmp_path):
    folder(tmp_path)
    return {lang: (tmp_path / page_name(lang)).read_text(encoding="utf-8") for lang in ("en", "fr", "es")}


def test_the_index_is_written_in_three_languages_each_declaring_its_language(tmp_path):
    assert folder(tmp_path) == tmp_path / "index.html"
    for lang, name in (("en", "index.html"), ("fr", "index.fr.html"), ("es", "index.es.html")):
        assert f'<html lang="{lang}">' in (tmp_path / name).read_text(encoding="utf-8")
    for name in ("inventory.html", "inventory.fr.html", "inventory.es.html"):
        assert (tmp_path / name).is_file()


def test_a_state_without_a_language_is_english_and_versions_of_a_place_make_one_row(tmp_path, pages):
    langs = {e.name: e.lang for e in read_entries(tmp_path)}
    assert langs["1834-sub-saharan-africa-2024"] == "en"
    assert langs["1829-europe-and-northern-america-2024-fr"] == "fr"
    for page in pages.values():
        assert page.count('class="built doc"') == 3  # three places, five state files


def test_each_row_links_every_language_version_present(pages):
    for page in pages.values():
        assert 'href="1829-europe-and-northern-america-2024-en.html" hreflang="en"' in page
        assert 'href="1829-europe-and-northern-america-2024-fr.pdf" hreflang="fr"' in page
        assert 'href="1834-sub-saharan-africa-2024.html" hreflang="en"' in page
        assert "kernel died while drawing the maps" in page  # the failed version says why
        assert "356-india-2024-es.html" not in page  # the failed Spanish version has no link


def test_the_french_and_spanish_pages_have_translated_ui_and_place_names(pages):
    fr, es = text_of(pages["fr"]), text_of(pages["es"])
    assert "Notes d’information sur les migrations et profils de pays" in fr and "Rechercher" in fr
    assert "Régions et groupes de pays" in fr and "Pays et zones" in fr and "Migrants internationaux" in fr
    assert "Notas informativas sobre migración y perfiles de país" in es and "Países y zonas" in es
    assert "Europe et Amérique du Nord" in fr and "Europa y América del Norte" in es  # place_names.yaml
    assert "Europe and Northern America" not in fr and "Europe and Northern America" not in es
    assert 'title="Français"' in pages["en"]


def test_figures_are_in_the_pages_number_format(pages):
    fr, es = pages["fr"], pages["es"]
    assert ">4,8\u00a0millions<" in fr and ">18,5\u00a0millions<" in fr and ">57,1\u00a0%<" in fr
    assert ">−133\u202f561<" in fr and ">+2,9\u00a0millions<" in fr
    assert ">4,8\u00a0millones<" in es and ">−133.561<" in es
    assert ">94,4\u00a0millions<" in fr  # the French briefing's own figure, as it printed it
    assert ">4.8 million<" in pages["en"] and ">−133,561<" in pages["en"]


def test_printed_figures_are_read_back_in_any_language():
    assert parse_figure("4.8 million") == (4_800_000.0, 1)
    assert parse_figure("−133,561") == (-133_561.0, 0)
    assert parse_figure("4,8\u00a0millions", "fr") == (4_800_000.0, 1)
    assert parse_figure("−133.561", "es") == (-133_561.0, 0)
    assert parse_figure("1,2\u00a0mil millones", "es") == (1_200_000_000.0, 1)
    assert parse_figure("–") is None


def test_sub_saharan_africa_takes_its_m49_name_in_french_and_spanish(shared_data, tmp_path):
    names = read_m49_names(shared_data / "m49" / "unsd_6lang")
    entries = read_entries(Path(folder(tmp_path)).parent)
    assert "Afrique subsaharienne" in text_of(render_index(entries, lang="fr", names=names))
    es = text_of(render_index(entries, lang="es", names=names))
    assert "África Subsahariana" in es and "Sub-Saharan Africa" not in es
    assert "Sub-Saharan Africa" in text_of(render_index(entries, lang="en", names=names))
    assert ">Inde<" in render_index(entries, lang="fr", names=names)


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="use one of en, fr, es"):
        render_index([], lang="de")


# --- no English UI text left on the French and Spanish pages ---------------------------------------------


class _Texts(HTMLParser):
    """Text nodes and the reader-facing attributes of a page, script and style left out."""

    ATTRS = ("title", "placeholder", "aria-label", "data-one", "data-other")

    def __init__(self) -> None:
        super().__init__()
        self.texts: set[str] = set()
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        for k, v in attrs:
            if k in self.ATTRS and v:
                self.texts.add(" ".join(v.split()))

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.texts.add(" ".join(data.split()))


def ui_sentences(page: str, data: list[str]) -> set[str]:
    """The English page's texts of two words or more that are not data (entry texts, names, figures)."""
    parser = _Texts()
    parser.feed(page)
    return {t for t in parser.texts if len(re.findall(r"[A-Za-z]{2,}", t)) >= 2
            and not any(d in t or t in d for d in data)}


def test_no_english_ui_sentence_of_the_index_is_left_in_french_or_spanish(pages):
    data = ["Europe and Northern America", "Sub-Saharan Africa", "India", "Central and Southern Asia",
            "kernel died", "migstats", "English", "Français", "Español"]  # the switcher names each in its own
    english = ui_sentences(pages["en"], data)
    assert len(english) > 10  # the check reads the page's sentences, it is not vacuous
    for lang in ("fr", "es"):
        parser = _Texts()
        parser.feed(pages[lang])
        assert not english & parser.texts, lang
        assert not [t for t in english if t in pages[lang]], lang


def inventory_with_a_french_source() -> Inventory:
    from tests.test_inventory_page import sample_inventory

    inv = sample_inventory()
    sources = {**inv.sources, "cr": Source(title="Compte rendu de la réunion de coordination", date="2017-02",
                                           language="fr")}
    entries = [e.model_copy(update={"sources": ["note", "cr"]}) if e.name == "Berne Initiative" else e
               for e in inv.entries]
    return Inventory(sources=sources, entries=entries)


def test_no_english_ui_sentence_of_the_inventory_is_left_in_french_or_spanish():
    inv = inventory_with_a_french_source()
    data = [e.name for e in inv.entries] + [e.description for e in inv.entries] + [
        s.title for s in inv.sources.values()] + [c.text for e in inv.entries for c in e.contributions] + [
        "migstats inventory validate", "migstats/data/inventory.yaml", "<script>"]
    english = ui_sentences(render_inventory_page(inv, today=TODAY), data)
    assert len(english) > 30
    for lang in ("fr", "es"):
        page = render_inventory_page(inv, today=TODAY, lang=lang)
        parser = _Texts()
        parser.feed(page)
        assert not english & parser.texts, lang


# --- the inventory page in French -------------------------------------------------------------------------

def test_the_french_inventory_has_translated_headings_dates_and_the_language_of_each_source():
    inv = inventory_with_a_french_source()
    page = render_inventory_page(inv, today=TODAY, lang="fr")
    text = text_of(page)
    assert '<html lang="fr">' in page
    for heading in ("Entrées", "Chronologie", "Sources et définitions", "Tous les types", "À revoir"):
        assert heading in text
    assert "23 novembre 2026" in text and "16 février 2017" in text and "février 2017" in text
    assert "About Berne Initiative." in text  # entry text as its source gives it
    assert "Recommendations to strengthen national, regional and global coherence." in text
    assert 'data-source-language="fr"' in page and "Langue : français" in text
    assert "Langue : anglais" in text
    assert "depuis 2007" in text and "en cours (début non indiqué dans la source)" in text
    assert '<option value="process">processus (2)</option>' in page  # filter values unchanged


def test_the_spanish_inventory_dates_read_as_spanish_words():
    page = text_of(render_inventory_page(inventory_with_a_french_source(), today=TODAY, lang="es"))
    assert "23 de noviembre de 2026" in page and "febrero de 2017" in page and "Cronología" in page
    assert "Idioma: francés" in page


def test_a_source_language_is_two_letters():
    with pytest.raises(ValueError, match="ISO 639-1"):
        Source(title="Note", date="2017", language="French")
    assert Source(title="Note", date="2017").language == "en"


def test_the_command_builds_the_page_in_the_language_asked(tmp_path):
    result = CliRunner().invoke(inventory_app, ["page", "--out", str(tmp_path), "--lang", "es",
                                                "--today", "2026-11-23"])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "inventory.es.html").read_text(encoding="utf-8")
    assert '<html lang="es">' in page and "Fuentes y definiciones" in page
    bad = CliRunner().invoke(inventory_app, ["page", "--out", str(tmp_path), "--lang", "de"])
    assert bad.exit_code != 0 and "en, fr, es" in bad.output


def test_build_inventory_page_names_each_language_file(tmp_path):
    inv = inventory_with_a_french_source()
    assert build_inventory_page(inv, tmp_path, today=TODAY, lang="fr") == tmp_path / "inventory.fr.html"
    assert build_inventory_page(inv, tmp_path, today=TODAY) == tmp_path / "inventory.html"


# --- in a real browser ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def tab(browser):
    t = browser.new_page()
    errors: list[str] = []
    t.on("pageerror", lambda exc: errors.append(str(exc)))
    yield t
    t.close()
    assert errors == []


@in_browser
def test_the_language_switcher_links_the_three_pages(tab, tmp_path):
    tab.goto(folder(tmp_path).as_uri())
    tab.click("nav.languages a[hreflang=fr]")
    assert tab.url.endswith("/index.fr.html")
    assert tab.locator("html").get_attribute("lang") == "fr"
    assert tab.locator("h1").inner_text() == "Notes d’information sur les migrations et profils de pays"
    tab.click("nav.languages a[hreflang=es]")
    assert tab.url.endswith("/index.es.html") and tab.locator("label[for=search]").inner_text() == "Buscar"
    tab.click("nav.languages a[hreflang=en]")
    assert tab.url.endswith("/index.html") and tab.locator("label[for=search]").inner_text() == "Search"
    assert tab.locator("nav.languages [aria-current=page]").inner_text() == "EN"


@in_browser
def test_the_french_inventory_link_opens_the_french_inventory(tab, tmp_path):
    tab.goto((Path(folder(tmp_path)).parent / "index.fr.html").as_uri())
    tab.click("a[href='inventory.fr.html']")
    assert tab.locator("#h-entries").inner_text() == "Entrées"
    assert tab.locator("#inv-count").inner_text().startswith("Entrées affichées : ")


@in_browser
def test_in_french_search_counts_and_figures_sort_in_french(tab, tmp_path):
    tab.goto((Path(folder(tmp_path)).parent / "index.fr.html").as_uri())
    tab.fill("#search", "PAYS OU ZONE")  # the kind, as the French page prints it
    assert tab.locator("tr.doc:visible td.title").all_inner_texts() in (["Inde"], ["India"])  # M49 name if mirrored
    assert tab.locator("#shown").inner_text() == "1 sur 3 documents"
    tab.fill("#search", "")
    regions = tab.locator("section.group", has_text="Régions et groupes de pays")
    header = regions.locator("th", has_text="Migrants internationaux")
    header.click()  # "24,5 millions" < "94,4 millions", read from the figures, not the French text
    assert regions.locator("td.title").all_inner_texts()[0] in ("Sub-Saharan Africa", "Afrique subsaharienne")
    header.click()
    assert regions.locator("td.title").all_inner_texts()[0] == "Europe et Amérique du Nord"


@in_browser
def test_sorting_by_name_follows_french_collation(tab, tmp_path):
    for code, name in ((818, "Égypte"), (232, "Érythrée"), (724, "Espagne"), (233, "Estonie"), (250, "Zambie")):
        _state(tmp_path, f"{code}-x-2024-fr", name, {"place": name, "code": code, "kind": "country",
                                                   "stock": "1", "edition": 2024, "year": 2024}, lang="fr")
    write_index(tmp_path, languages=("fr",))
    tab.goto((tmp_path / "index.fr.html").as_uri())
    countries = tab.locator("section.group", has_text="Pays et zones")
    expected = ["Égypte", "Érythrée", "Espagne", "Estonie", "Zambie"]  # accents sort with their base letter
    assert countries.locator("td.title").all_inner_texts() == expected
    place = countries.locator("th", has_text="Lieu")
    place.click()
    assert countries.locator("td.title").all_inner_texts() == expected
    place.click()
    assert countries.locator("td.title").all_inner_texts() == expected[::-1]
