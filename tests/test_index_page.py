"""The index page of an output folder: every document listed, grouped by the kind of its place, with its
headline figures; search and sort work in a real browser (Debian's chromium driven by Playwright, marked
slow), from a file:// URL with no server."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from migstats.report.index import KIND_GROUPS, read_entries, render_index, write_index

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def in_browser(test):
    """Mark a test slow, and skip it where Debian's chromium is not installed."""
    no_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed")
    return pytest.mark.slow(no_chromium(test))

# name, title, kind (None: a briefing built before its header published the kind of its place), stock, share,
# female, emigrants
DOCS = [
    ("356-india-2024", "India", "country", "4.8 million", "0.3 %", "57.1 %", "18.5 million", "−133,561"),
    ("798-tuvalu-2024", "Tuvalu", "country", "246", "2.6 %", "44.7 %", "1,239", "+7"),
    ("772-tokelau-2024", "Tokelau", "country", "1,282", "51.2 %", "52.7 %", "688", "+44"),
    ("1829-europe-and-northern-america-2024", "Europe and Northern America", None, "94.4 million", "8.3 %",
     "51.6 %", None, "+7.4 million"),
    ("1834-sub-saharan-africa-2024", "Sub-Saharan Africa", None, "24.5 million", "2.0 %", "47.4 %", None,
     "+2.9 million"),
]


def _write_folder(out: Path) -> Path:
    (out / ".state").mkdir(parents=True)
    for name, title, kind, stock, share, female, emigrants, change in DOCS:
        for ext in ("html", "pdf"):
            (out / f"{name}.{ext}").write_text("x")
        headline = {"place": title, "edition": 2024, "year": 2024, "stock": stock, "share": share,
                    "female": female, "change_previous": change}
        if kind:
            headline.update(kind=kind, emigrants=emigrants, sdg_region="Oceania (excluding Australia and New Zealand)"
                            if title != "India" else "Central and Southern Asia")
        state = {"name": name, "title": title, "status": "built", "html": str(out / f"{name}.html"),
                 "pdf": str(out / f"{name}.pdf"), "notebook": None, "synthetic": False, "headline": headline}
        (out / ".state" / f"{name}.json").write_text(json.dumps(state))
    return write_index(out)


def test_entries_are_grouped_by_kind_countries_apart_from_regions(tmp_path):
    _write_folder(tmp_path)
    entries = read_entries(tmp_path)
    groups = {e.title: e.group for e in entries}
    assert groups["India"] == groups["Tokelau"] == KIND_GROUPS["country"] == "Countries and areas"
    assert groups["Sub-Saharan Africa"] == "Regions and groups of countries"


def _notebook_of(section) -> nbformat.NotebookNode:
    """A briefing notebook as papermill leaves it: the section's HTML shown with its output metadata."""
    cell = nbformat.v4.new_code_cell("briefing.show('header')")
    cell.outputs = [nbformat.v4.new_output("display_data", {"text/html": part.text}, metadata=dict(part.metadata))
                    for part in section.parts]
    return nbformat.v4.new_notebook(cells=[cell])


def test_the_index_lists_the_briefings_under_the_kind_their_header_published(tmp_path, sample2024):
    from migstats.places import resolve
    from migstats.report.build import headline_of
    from migstats.report.sections import BriefingData, build

    (tmp_path / ".state").mkdir()
    places = {"900-world": 900, "1834-sub-saharan-africa": 1834, "903-africa": 903, "910-eastern-africa": 910,
              "941-least-developed-countries": 941, "1503-high-income-countries": 1503,
              "kenya-uganda": ["Kenya", "Uganda"]}
    for name, place in places.items():
        data = BriefingData(ims=sample2024, place=resolve(sample2024, place), year=2024)
        headline = headline_of(_notebook_of(build("header", data)))
        (tmp_path / f"{name}.html").write_text("x")
        state = {"name": name, "title": headline["place"], "status": "built", "html": str(tmp_path / f"{name}.html"),
                 "synthetic": True, "headline": headline}
        (tmp_path / ".state" / f"{name}.json").write_text(json.dumps(state))
    text = write_index(tmp_path).read_text(encoding="utf-8")
    groups = {e.name: e.group for e in read_entries(tmp_path)}
    assert groups == {"900-world": "World", "1834-sub-saharan-africa": "SDG regions", "903-africa": "Regions",
                      "910-eastern-africa": "Subregions", "941-least-developed-countries": "Development groups",
                      "1503-high-income-countries": "Income groups", "kenya-uganda": "Groups defined by the user"}
    headings = ["World", "SDG regions", "Regions", "Subregions", "Development groups", "Income groups",
                "Groups defined by the user"]
    at = [text.index(f">{h} <span") for h in headings]
    assert at == sorted(at) and KIND_GROUPS["aggregate"] not in text  # in KIND_GROUPS order, none left unsorted


def test_the_page_lists_every_document_with_its_headline_figures_and_links(tmp_path):
    text = _write_folder(tmp_path).read_text(encoding="utf-8")
    assert text.count('class="built doc"') == len(DOCS)
    for name, title, *_rest in DOCS:
        assert f'href="{name}.pdf"' in text and f'href="{name}.html"' in text and title in text
    assert "18.5 million" in text and "57.1 %" in text and "Central and Southern Asia" in text
    assert text.index("Regions and groups of countries") < text.index("Countries and areas")
    assert "<script" in text and "http" not in text.split("<script")[1]  # nothing fetched from a server


def test_a_failed_document_is_listed_with_its_error(tmp_path):
    html = render_index([], generated="today")
    assert "0 documents" in html


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, tmp_path):
    index = _write_folder(tmp_path)
    tab = browser.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.goto(index.as_uri())
    yield tab
    tab.close()
    assert errors == []


def visible_titles(tab) -> list[str]:
    return tab.locator("tr.doc:visible td.title").all_inner_texts()


@in_browser
def test_in_the_browser_every_document_shows_under_its_group(page):
    assert len(visible_titles(page)) == len(DOCS)
    headings = page.locator("section.group h2").all_inner_texts()
    assert headings == ["Regions and groups of countries (2)", "Countries and areas (3)"]


@in_browser
def test_search_keeps_matching_documents_ignoring_case_and_hides_empty_groups(page):
    page.fill("#search", "TOKELAU")
    assert visible_titles(page) == ["Tokelau"]
    assert page.locator("section.group:visible h2").all_inner_texts() == ["Countries and areas (3)"]
    assert page.locator("#shown").inner_text() == "1 of 5 documents"
    page.fill("#search", "central and southern")  # the SDG region printed beside a country
    assert visible_titles(page) == ["India"]
    page.fill("#search", "atlantis")
    assert visible_titles(page) == [] and page.locator("#nothing").is_visible()
    page.fill("#search", "")
    assert len(visible_titles(page)) == len(DOCS)


@in_browser
def test_clicking_a_numeric_header_sorts_by_the_printed_figures(page):
    countries = page.locator("section.group", has_text="Countries and areas")
    header = countries.locator("th", has_text="International migrants")
    header.click()  # ascending: 246 < 1,282 < 4.8 million
    assert countries.locator("td.title").all_inner_texts() == ["Tuvalu", "Tokelau", "India"]
    assert header.get_attribute("aria-sort") == "ascending"
    header.click()
    assert countries.locator("td.title").all_inner_texts() == ["India", "Tokelau", "Tuvalu"]
    countries.locator("th", has_text="% of population").click()
    assert countries.locator("td.title").all_inner_texts() == ["India", "Tuvalu", "Tokelau"]
    regions = page.locator("section.group", has_text="Regions and groups")
    regions.locator("th", has_text="Change since previous").click()  # "+2.9 million" < "+7.4 million"
    assert regions.locator("td.title").all_inner_texts() == ["Sub-Saharan Africa", "Europe and Northern America"]


@in_browser
def test_clicking_the_place_header_sorts_by_name(page):
    countries = page.locator("section.group", has_text="Countries and areas")
    countries.locator("th", has_text="Place").click()
    assert countries.locator("td.title").all_inner_texts() == ["India", "Tokelau", "Tuvalu"]
    countries.locator("th", has_text="Place").click()
    assert countries.locator("td.title").all_inner_texts() == ["Tuvalu", "Tokelau", "India"]
