"""The briefing's "Migration and population change" (WPP 2024) and "Refugees" (UNHCR) sections: the
official figures, region totals as sums of member countries, no mixing of official and synthetic data,
and what the sections say when the WPP/UNHCR files are missing."""

import html

import pytest

import migstats as ms
from migstats.errors import DataUnavailable
from migstats.indicators import population as pop_ind
from migstats.indicators import refugees as ref_ind
from migstats.report.briefing import briefing_for


@pytest.fixture(scope="module")
def ssa(ims2024):
    return briefing_for(1834, data="official")


@pytest.fixture(scope="module")
def europe(ims2024):
    return briefing_for(1829, data="official")


def change_summary(b):
    d = b.data
    codes = pop_ind.wpp_codes(d.wpp, d.place.code, d.place.members)
    return pop_ind.change_summary(d.wpp, codes, period_starts=d.ims.years, population=d.ims.population)


def test_net_migration_2023_is_the_official_wpp_figure_of_the_region(ssa, europe):
    # PROVENANCE §8: SSA 684.709 thousand, Europe and Northern America 3,266.569 thousand (WPP 2024).
    for briefing, expected, cnmr in ((ssa, 684_709, 0.565), (europe, 3_266_569, 2.895)):
        pc = change_summary(briefing)
        assert pc["latest"]["year"] == 2023
        assert pc["latest"]["net_migration"] == expected
        assert pc["latest"]["cnmr"] == pytest.approx(cnmr)
        assert briefing.data.wpp.synthetic is False
        assert pc["projection"]["start_year"] == 2024 and pc["projection"]["end_year"] == 2050
        assert (pc["period"]["start_year"], pc["period"]["end_year"]) == (2015, 2023)
    # Europe and Northern America grows through immigration while deaths outnumber births
    assert ms.indicators.population.FLAGS["immigration_main_driver"] in change_summary(europe)["period"]["flags"]


def test_refugee_totals_of_a_region_are_the_sums_over_its_member_countries(ssa):
    d = ssa.data
    unhcr, members = d.unhcr, d.place.members
    r = ref_ind.region_refugees(unhcr, members, 2024, wpp=d.wpp, migrant_stock=ssa.headline()["stock"],
                                population_codes=pop_ind.wpp_codes(d.wpp, d.place.code, members))
    year = r["year"]
    # UNHCR's end-year matching the IMS year (end-2024 beside mid-2024), not its latest year (2025)
    assert year == 2024 < max(unhcr.years) and unhcr.synthetic is False
    asylum = set(unhcr.population["asylum"])
    by_country = {m: ref_ind.refugees_hosted(unhcr, m, year, measures=("refugees",)) for m in members if m in asylum}
    assert r["refugees"] == sum(by_country.values()) > 0
    assert r["asylum_seekers"] == sum(ref_ind.refugees_hosted(unhcr, m, year, measures=("asylum_seekers",))
                                      for m in members if m in asylum)
    assert r["hosts"]["hosted"].sum() == r["hosted"] == r["refugees"] + r["asylum_seekers"]
    assert r["by_origin"] == ref_ind.refugees_by_origin(unhcr, list(members), year)
    sdg = r["sdg_10_7_4"]
    assert sdg["value"] == pytest.approx(1e5 * sdg["refugees"] / (sdg["population"] + sdg["refugees"]))
    assert sdg["refugees"] == r["by_origin"]
    assert r["share"] == pytest.approx(100 * r["hosted"] / 24_306_400)  # IMS 2024 stock of SSA


def test_the_official_sections_show_titled_charts_formatted_figures_and_their_sources(europe, shown):
    for section in ("population_change", "refugees", "notes"):
        europe.show(section)
    text = "\n".join(shown["html"])
    assert shown["charts"] and all("World Population Prospects 2024" in src and "SYNTHETIC" not in src
                                   for _, src in shown["charts"])
    assert "Natural change and net migration by country or area, 2023" in shown["charts"][0][0].replace("\n", " ")
    assert "+3.3 million" in text and "3,266,569" in text and "+2.9 per 1,000" in text
    assert "immigration was the main driver of population growth" in text
    assert "Not available" not in text
    assert "at the end of 2024" in text and "at mid-2024" in text
    assert "SDG indicator 10.7.4" in text and "SM_POP_REFG_OR" in text
    notes = html.unescape(shown["html"][-1])
    for source in (*europe.data.wpp.sources, *europe.data.unhcr.sources):
        assert source.sha256 in notes and source.spec.filename in notes
    for term in ("Net migration", "Natural change", "Net migration rate", "Refugees under UNHCR's mandate",
                 "Asylum-seekers", "SDG indicator 10.7.4"):
        assert f"<strong>{term}" in notes


def test_without_the_wpp_and_unhcr_files_the_sections_say_what_is_missing(ims2024, monkeypatch, shown):
    from migstats.store import Store

    modes = []

    def unavailable(store, *args, **kwargs):
        modes.append(store.mode.name)
        raise DataUnavailable("the file is neither cached nor in the mirror")

    monkeypatch.setattr(Store, "wpp", unavailable)
    monkeypatch.setattr(Store, "unhcr", unavailable)
    b = briefing_for(1834, data="official")
    for section in ("population_change", "refugees", "notes"):
        b.show(section)
    population, refugees, notes = (h for h in shown["html"] if not h.startswith("<h2>"))
    assert "Not available: migration and population change." in population
    assert "WPP2024_Demographic_Indicators_Medium.csv.gz" in population and "MIGSTATS_MIRROR" in population
    assert "Not available: refugees." in refugees and "population.rda" in refugees
    assert "World Population Prospects 2024: the file is neither cached" in notes
    assert not shown["charts"]
    assert modes == ["official", "official"]  # an official briefing never falls back to the synthetic samples


def test_a_synthetic_briefing_shows_both_sections_from_the_synthetic_samples(no_mirror, shown):
    b = briefing_for(1834, data="sample")
    b.show("population_change")
    b.show("refugees")
    assert b.data.wpp.synthetic and b.data.unhcr.synthetic
    text = "\n".join(shown["html"])
    assert "Not available" not in text and "<table>" in text and "SDG indicator 10.7.4" in text
    assert shown["charts"] and all("SYNTHETIC SAMPLE" in src and "World Population Prospects 2024" in src
                                   for _, src in shown["charts"])
    assert {s.synthetic for s in (*b.data.wpp.sources, *b.data.unhcr.sources)} == {True}
