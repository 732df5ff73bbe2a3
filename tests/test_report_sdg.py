"""The briefing's "Migration-related SDG commitments" section: the panel of 10.7.2, 10.7.3, 10.7.4, 10.c.1
and 17.3.2 for the place, its region and the World (official values as published), the 10.7.2 domain
table, the deaths and remittances charts, the definitions in the notes, and what the section says when
the SDG files are missing or unreadable."""

import html
import re

import pytest

from migstats import charts
from migstats.indicators import sdg as sdg_ind
from migstats.report.briefing import briefing_for
from migstats.report.sections import sdg as sdg_section


@pytest.fixture(scope="module")
def ssa(ims2024):
    return briefing_for(1834, data="official")


@pytest.fixture(scope="module")
def india(ims2024):
    return briefing_for(356, data="official")


def text(section) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", section.html))


def row(panel, indicator: str) -> dict:
    hit = panel[panel["Indicator"].str.startswith(indicator)]
    assert len(hit) == 1, indicator
    return hit.iloc[0].to_dict()


def test_the_sdg_section_follows_the_refugees_section(ssa):
    names = list(ssa.sections)
    assert names.index("sdg") == names.index("refugees") + 1
    assert names.index("sdg") < names.index("notes")


def test_a_country_is_shown_beside_its_sdg_region_and_the_world(india):
    panel = sdg_section.panel(india.data)
    assert list(panel.columns[1:4]) == ["India", "Central and Southern Asia", "World"]
    r = row(panel, "10.7.2")
    assert r["India"] == "2 – Partially meets (2021)"
    assert r["World"] == "62.3 % of countries (2021)"          # published SG_CPA_MIGRP 62.31884
    assert r["Central and Southern Asia"] == "75.0 % of countries (2021)"
    cost = row(panel, "10.c.1 Remittance cost, receiving")
    assert cost["India"] == "5.31 % (2021)" and cost["World"] == "6.30 % (2021)"
    assert cost["Target"] == "below 3 %"
    assert row(panel, "10.c.1 Remittance cost, sending")["India"] == "6.66 % (2021)"
    assert row(panel, "17.3.2")["India"] == "3.13 % (2020)"  # PROVENANCE §11: India 2020 3.13


def test_the_world_column_carries_the_published_deaths_and_the_iom_incidents_after_the_series(india):
    r = row(sdg_section.panel(india.data), "10.7.3")
    # PROVENANCE §12: 9,002 dead and missing in 2024 (2025 is a partial year and is not the latest shown).
    assert r["World"] == "9,002 (2024, IOM incidents)"
    assert "IOM Missing Migrants Project" in r["Source"] and "UN SDG Global Database" in r["Source"]


def test_a_region_has_no_middle_column_and_its_10_7_2_share_is_the_published_one(ssa):
    panel = sdg_section.panel(ssa.data)
    assert list(panel.columns) == ["Indicator", "Sub-Saharan Africa", "World", "Target", "Source"]
    assert row(panel, "10.7.2")["Sub-Saharan Africa"] == "56.8 % of countries (2021)"
    assert row(panel, "10.c.1 Remittance cost, receiving")["Sub-Saharan Africa"] == "8.29 % (2021)"


def test_10_7_4_is_the_refugees_sections_figure(ssa):
    refugees = text(ssa.section("refugees"))
    value = row(sdg_section.panel(ssa.data), "10.7.4")["Sub-Saharan Africa"]
    assert value.startswith("601.0 per 100,000")
    assert "601.0 per 100,000" in refugees


def test_a_grouping_without_a_published_10_7_2_share_says_so(ims2024):
    income = briefing_for(1503, data="official")  # High-income countries: no SG_CPA_MIGRP
    assert row(sdg_section.panel(income.data), "10.7.2")["High-income countries"] == "none published for this grouping"


def test_the_domain_table_colours_each_level_and_lists_members_that_did_not_report(ssa):
    year, rows, absent = sdg_section.domain_rows(ssa.data)
    assert year == 2021
    botswana = next(r for r in rows if r["name"] == "Botswana")
    assert botswana["score"] == 4 and botswana["domains"] == [4] * 6
    assert "Kenya" in absent and "South Africa" in absent
    section = ssa.section("sdg").html
    assert 'class="level level-4"' in section and 'class="level level-1"' in section
    assert "style=" not in section
    for label in ("Requires further progress", "Partially meets", "Meets", "Fully meets"):
        assert label in section
    assert "Did not report in the 2021 round" in text(ssa.section("sdg"))


def test_the_charts_are_titled_with_source_and_say_which_figures_are_iom_incidents(ssa):
    figs = ssa.section("sdg").charts
    titles = [charts.figure_title(f) for f in figs]
    assert titles[0].startswith("Migrants recorded dead or missing, Sub-Saharan Africa, 2014–2025")
    assert "by migration route" in titles[1]
    assert titles[2].startswith("Personal remittances, Sub-Saharan Africa")
    assert "SM_DTH_MIGR" in charts.figure_source(figs[0]) and "IOM Missing Migrants" in charts.figure_source(figs[0])
    assert "2025: partial year" in charts.to_svg(figs[0])
    assert "World Development Indicators" in charts.figure_source(figs[2])


def test_region_remittances_are_sums_of_members_and_members_without_data_are_named(ssa):
    t = text(ssa.section("sdg"))
    assert "In 2023, Sub-Saharan Africa received USD 53.8 billion" in t
    assert "No value received for 2023: Mayotte, Réunion, Saint Helena." in t


def test_the_country_remittances_are_the_wdi_figures(india):
    # PROVENANCE §13: India remittances received 2023 = USD 119.53 bn.
    assert "India received USD 119.5 billion" in text(india.section("sdg"))


def test_the_notes_give_each_indicator_in_the_uns_words_and_list_the_files(india):
    notes = text(india.section("notes"))
    for words in ("Number of countries with migration policies to facilitate orderly, safe, regular and responsible "
                  "migration and mobility of people",
                  "Number of people who died or disappeared in the process of migration towards an international "
                  "destination",
                  "Remittance costs as a proportion of the amount remitted",
                  "Volume of remittances (in United States dollars) as a proportion of total GDP",
                  "Proportion of the population who are refugees, by country of origin"):
        assert words in notes
    for file in ("Missing_Migrants_Global_Figures_allData.xlsx", "gdidata_wdi.rda", "ne_50m_admin_0_countries.zip",
                 "sg_cpa_migrp"):
        assert file in notes


def test_the_synthetic_sample_has_the_section_and_is_watermarked(no_mirror, shared_data, monkeypatch):
    monkeypatch.setenv("MIGSTATS_MIRROR", str(shared_data))  # boundaries only: the figures are synthetic
    b = briefing_for(1834, data="sample")
    assert b.data.sdg.synthetic and b.data.incidents.synthetic and b.data.remittances.synthetic
    section = b.section("sdg")
    assert "SYNTHETIC SAMPLE" in section.html
    assert all("SYNTHETIC SAMPLE" in charts.figure_source(f) for f in section.charts)


def test_a_bad_sdg_file_and_missing_boundaries_leave_the_rest_of_the_briefing(shared_data, tmp_path, monkeypatch):
    mirror = tmp_path / "mirror"
    for path in shared_data.rglob("*"):
        if path.is_file() and "naturalearth" not in path.parts:
            target = mirror / path.relative_to(shared_data)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.symlink_to(path)
    bad = next((mirror / "sdg").glob("*sg_cpa_migrp*"))
    bad.unlink()
    bad.write_text("not,a,datapoints\nfile\n")
    monkeypatch.setenv("MIGSTATS_MIRROR", str(mirror))
    b = briefing_for(356, data="official")
    assert b.data.sdg is None and "sg_cpa_migrp" in b.data.missing["sdg"]
    assert b.data.boundaries is None and "ne_50m_admin_0_countries.zip" in b.data.missing["boundaries"]
    sdg = b.section("sdg")
    assert text(sdg).count("Not available") == 1
    assert "How to get it:" in text(sdg)
    titles = [charts.figure_title(f) for f in sdg.charts]  # deaths (IOM incidents) and remittances still build
    assert titles == ["Migrants recorded dead or missing, India, 2014–2025", "Personal remittances, India, 2000–2023"]
    assert "SM_DTH_MIGR" not in charts.figure_source(sdg.charts[0])
    maps = text(b.section("maps"))
    assert "Not available: map." in maps and "naciscdn.org" in maps
    for name in ("header", "trend", "refugees"):
        assert "Not available" not in b.section(name).html


@pytest.fixture(scope="module")
def user_group(ims2024):
    return briefing_for(["France", "Germany", "Italy"], data="official")


def test_a_user_defined_group_gets_its_members_figures_and_says_what_the_un_publishes_only_per_code(user_group):
    figures = sdg_section.figures_for(user_group.data, sdg_section.columns(user_group.data)[0])
    assert figures["location"] is None
    assert figures["sdg_10_7_2"]["share_meeting"] is None
    assert figures["sdg_10_7_2"]["reason"] == sdg_ind.USER_GROUP_10_7_2
    assert sorted(figures["sdg_10_7_2"]["members_reported"]) == [276, 380]  # France did not report in 2021
    assert figures["sdg_10_c_1"]["receiving"]["reason"] == sdg_ind.USER_GROUP_10_C_1
    deaths = {v["year"]: v["dead_and_missing"] for v in figures["sdg_10_7_3"]["values"]}
    inc = user_group.data.incidents.incidents  # the IOM export, summed by hand for the three countries
    mine = inc[inc["location"].isin([250, 276, 380]) & (inc["year"] == 2024)]
    assert deaths[2024] == mine["dead_and_missing"].sum() > 0
    assert "France + Germany + Italy" in text(user_group.section("sdg"))
