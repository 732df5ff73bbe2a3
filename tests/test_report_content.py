"""What a briefing says: headline figures, tables and notes, what it says when a workbook is missing, and
how its templates treat text (escaped, translatable, styled by the briefing stylesheet only)."""

import dataclasses
import gettext
import re
from pathlib import Path

import pytest

import migstats as ms
from migstats import fmt, i18n
from migstats.figures import place_figures
from migstats.indicators.headline import member_table
from migstats.places import Place
from migstats.report.briefing import Briefing, briefing_for
from migstats.report.sections import SECTIONS, BriefingData
from migstats.report.sections._base import SYNTHETIC_TEXT

CSS = Path(ms.__file__).parent / "report" / "templates" / "briefing" / "briefing.css"


def briefing(ims, place, year=2024, **kw) -> Briefing:
    """A briefing of already-loaded data (no WPP/UNHCR unless given)."""
    return Briefing(BriefingData(ims=ims, place=ms.places.resolve(ims, place), year=year, **kw))


def test_headline_figures_of_europe_and_northern_america_are_the_official_ones(ims2024):
    b = briefing_for(1829, data="official")
    h = b.headline()
    assert (b.data.year, b.data.previous_year, b.data.first_year) == (2024, 2020, 1990)
    assert h["stock"] == 155_259_380
    assert b.headline_text()["stock"] == "155.3 million"
    assert round(h["share"], 1) == 13.7 and round(h["female"], 1) == 51.4
    assert round(h["rate"], 4) == round(ms.indicators.exponential_rate(h["stock_previous"], h["stock"], 2020, 2024), 4)


def test_the_command_line_figures_and_the_briefing_header_print_the_same_headline(ims2024, shown):
    b = briefing(ims2024, 1829)
    fig = place_figures(ims2024, 1829)
    b.show("header")
    published = shown["metadata"][0]["migstats"]["headline"]
    assert fig["migrant_stock"] == b.headline()["stock"] == 155_259_380
    assert (published["stock"], published["share"], published["female"], published["rate"]) == (
        fmt.count(fig["migrant_stock"]), fmt.percent(fig["share_of_population"]), fmt.percent(fig["female_share"]),
        fmt.rate(fig["annual_rate_of_change"]))
    assert fig["rate_period"] == [2020, 2024]
    assert "155.3 million" in shown["html"][0] and "13.7 %" in shown["html"][0]


def test_the_member_countries_add_up_to_the_region(ims2024):
    m = member_table(ims2024, "Sub-Saharan Africa", year=2024)
    assert m["stock"].sum() == 24_306_400
    assert list(m["rank"]) == list(range(1, len(m) + 1))
    assert m["stock"].is_monotonic_decreasing
    table = briefing(ims2024, 1834).section("members").html
    assert table.count("<tr>") == len(m) + 1 and "24,306,400" not in table  # one row per member, no total row


def test_the_lead_sentence_uses_the_formatted_headline(sample2024):
    b = briefing(sample2024, 1834)
    t = b.headline_text()
    assert (f"At mid-2024, {t['stock']} international migrants lived in Sub-Saharan Africa, "
            f"{t['share']} of its population") in b.section("header").html


def test_the_header_publishes_the_headline_for_the_index_and_marks_synthetic_data(sample2024, shown):
    b = briefing(sample2024, 1834)
    b.show("header")
    assert SYNTHETIC_TEXT in shown["html"][0]
    headline = shown["metadata"][0]["migstats"]["headline"]
    assert headline["stock"] == b.headline_text()["stock"] and headline["synthetic"] is True


def test_every_chart_names_its_source_and_edition(sample2024, shown):
    b = briefing(sample2024, 1834)
    for section in ("trend", "origins", "members", "emigration"):
        b.show(section)
    assert len(shown["charts"]) >= 5
    assert all("International Migrant Stock 2024" in src and "SYNTHETIC SAMPLE" in src for _, src in shown["charts"])


def test_without_the_destination_and_origin_workbook_the_sections_say_what_is_missing(sample2024, shown):
    ims = dataclasses.replace(sample2024, matrix=None, missing={"matrix": "not in the mirror"})
    b = briefing(ims, 1834)
    origins, corridors, members = b.section("origins").html, b.section("corridors").html, b.section("members").html
    assert "Not available: where the migrants come from." in origins
    assert "undesa_pd_2024_ims_stock_by_sex_destination_and_origin.xlsx" in origins
    assert "MIGSTATS_MIRROR" in origins
    assert "Not available: the largest migration corridors." in corridors
    assert "Not available" not in members and "<table>" in members  # needs only the destination workbook


def test_the_notes_list_each_source_file_with_its_checksum_and_the_generation_date(sample2024, shown):
    b = briefing(sample2024, 1834)
    b.show("notes")
    notes = "\n".join(shown["html"])
    for s in sample2024.sources:
        assert s.sha256 in notes and s.spec.filename in notes
    assert f"Generated {b.data.generated:%d %B %Y}" in notes
    assert "Annual rate of change" in notes


def test_a_year_outside_the_edition_is_a_clear_error(no_mirror):
    with pytest.raises(ms.errors.ParamsError, match=r"year 2023 is not in International Migrant Stock 2024"):
        briefing_for(1834, year=2023, data="sample")


def test_the_place_may_be_given_as_an_m49_code(no_mirror):
    b = briefing_for(1834, data="sample")
    assert b.data.place.name == "Sub-Saharan Africa" and b.data.wpp.synthetic and b.data.unhcr.synthetic
    assert briefing_for("1834", data="sample").headline() == b.headline()


def test_text_from_the_data_is_escaped_in_every_template(sample2024):
    region = ms.places.resolve(sample2024, 1834)
    place = Place(code=None, name='<script>alert("x")</script> & Co', kind="group", members=region.members)
    b = Briefing(BriefingData(ims=sample2024, place=place, year=2024, missing={"wpp": "<b>gone</b>"}))
    for name in ("header", "trend", "members", "population_change", "notes"):
        html = b.section(name).html
        assert "<script>" not in html and "<b>gone" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; Co" in b.section("header").html
    assert "&lt;b&gt;gone&lt;/b&gt;" in b.section("population_change").html


def test_sections_use_only_the_briefing_stylesheet(no_mirror):
    b = briefing_for(1834, data="sample")
    html = "\n".join(b.section(name).html for name in SECTIONS)
    assert "style=" not in html
    css = CSS.read_text()
    classes = {c for attr in re.findall(r'class="([^"]*)"', html) for c in attr.split()}
    assert classes and all(re.search(rf"\.{c}\b", css) for c in classes), classes


def test_headings_and_sentences_go_through_the_installed_translations(sample2024):
    class Shouting(gettext.NullTranslations):
        def gettext(self, message):  # upper case, placeholders ({year}, %(year)s) kept
            return "".join(part if part.startswith(("{", "%(")) else part.upper()
                           for part in re.split(r"(\{[^}]*\}|%\([^)]*\)s)", message))

    b = briefing(sample2024, 1834)
    i18n.install("xx", catalogue=Shouting())
    try:
        trend, header = b.section("trend").html, b.section("header").html
    finally:
        i18n.install(None)
    assert "<h2>TREND SINCE 1990</h2>" in trend
    assert "INTERNATIONAL MIGRANTS LIVED IN Sub-Saharan Africa" in header  # the place name is data, not text
    assert "Trend since 1990" in b.section("trend").html
