"""What a briefing says: headline figures, tables and notes, and what it says when a workbook is missing."""

import dataclasses

import pytest

import migstats as ms
from migstats.report import content
from migstats.report.content import Briefing, briefing_for


def test_headline_figures_of_europe_and_northern_america_are_the_official_ones(ims2024):
    b = briefing_for(1829, data="official")
    h = b.headline()
    assert (b.year, b.previous_year, b.first_year) == (2024, 2020, 1990)
    assert h["stock"] == 155_259_380
    assert b.headline_text()["stock"] == "155.3 million"
    assert round(h["share"], 1) == 13.7 and round(h["female"], 1) == 51.4
    assert round(h["rate"], 4) == round(ms.indicators.exponential_rate(h["stock_previous"], h["stock"], 2020, 2024), 4)


def test_the_member_countries_add_up_to_the_region(ims2024):
    b = Briefing(ims2024, ms.places.resolve(ims2024, "Sub-Saharan Africa"), 2024)
    m = b.members()
    assert m["stock"].sum() == 24_306_400
    assert list(m["rank"]) == list(range(1, len(m) + 1))
    assert m["stock"].is_monotonic_decreasing


def test_the_lead_sentence_uses_the_formatted_headline(sample2024):
    b = Briefing(sample2024, ms.places.resolve(sample2024, 1834), 2024)
    t = b.headline_text()
    assert b.lead().startswith(f"At mid-2024, {t['stock']} international migrants lived in Sub-Saharan Africa, "
                               f"{t['share']} of its population")


def test_the_header_publishes_the_headline_for_the_index_and_marks_synthetic_data(sample2024, shown):
    b = Briefing(sample2024, ms.places.resolve(sample2024, 1834), 2024)
    b.show_header()
    assert content.SYNTHETIC_TEXT in shown["html"][0]
    headline = shown["metadata"][0]["migstats"]["headline"]
    assert headline["stock"] == b.headline_text()["stock"] and headline["synthetic"] is True


def test_every_chart_names_its_source_and_edition(sample2024, shown):
    b = Briefing(sample2024, ms.places.resolve(sample2024, 1834), 2024)
    for section in (b.show_trend, b.show_origins, b.show_members, b.show_emigration):
        section()
    assert len(shown["charts"]) >= 5
    assert all("International Migrant Stock 2024" in src and "SYNTHETIC SAMPLE" in src for _, src in shown["charts"])


def test_without_the_destination_and_origin_workbook_the_sections_say_what_is_missing(sample2024, shown):
    ims = dataclasses.replace(sample2024, matrix=None, missing={"matrix": "not in the mirror"})
    b = Briefing(ims, ms.places.resolve(ims, 1834), 2024)
    b.show_origins()
    b.show_corridors()
    b.show_members()  # needs only the destination workbook: still complete
    origins, corridors, members = shown["html"][0], shown["html"][1], shown["html"][-1]
    assert "Not available: where the migrants come from." in origins
    assert "undesa_pd_2024_ims_stock_by_sex_destination_and_origin.xlsx" in origins
    assert "MIGSTATS_MIRROR" in origins
    assert "Not available: the largest migration corridors." in corridors
    assert "Not available" not in members and "<table>" in members


def test_the_notes_list_each_source_file_with_its_checksum_and_the_generation_date(sample2024, shown):
    b = Briefing(sample2024, ms.places.resolve(sample2024, 1834), 2024)
    b.show_notes()
    notes = shown["html"][0]
    for s in sample2024.sources:
        assert s.sha256 in notes and s.spec.filename in notes
    assert f"Generated {b.generated:%d %B %Y}" in notes
    assert "Annual rate of change" in notes


def test_a_year_outside_the_edition_is_a_clear_error(no_mirror):
    with pytest.raises(ms.errors.ParamsError, match=r"year 2023 is not in International Migrant Stock 2024"):
        briefing_for(1834, year=2023, data="sample")
