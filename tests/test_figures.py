"""The figures dictionary behind `migstats figures PLACE --format json`."""

from __future__ import annotations

import json
import math

import pytest
from synthetic_ims import build_ims

from migstats import indicators as ind
from migstats.errors import ParamsError
from migstats.figures import FIGURE_KEYS, IDENTITY_KEYS, flat_rows, place_figures


@pytest.fixture(scope="module")
def ims():
    return build_ims()


def test_figures_have_every_documented_key_and_are_json_ready(ims):
    figures = place_figures(ims, "Dunmore")
    assert set(FIGURE_KEYS) <= set(figures)
    assert json.loads(json.dumps(figures)) == figures


def test_every_figure_has_unit_year_and_source_and_the_sample_says_so(ims):
    figures = place_figures(ims, "Dunmore")
    for key in set(figures) - set(IDENTITY_KEYS):
        assert {"unit", "year", "source"} <= set(figures["meta"][key]), key
    assert figures["meta"]["migrant_stock"]["source"].endswith("SYNTHETIC SAMPLE")


def test_flat_rows_carry_unit_year_source_and_notes():
    fig = {"code": 1, "name": "X", "year": 2024, "migrant_stock": 10, "net_migration": -5,
           "top_origins": [{"code": 2}], "sdg_10_7_3": {"values": [{"year": 2023, "dead_and_missing": 4.0}]},
           "meta": {"migrant_stock": {"unit": "persons", "year": 2024, "source": "IMS"},
                    "net_migration": {"unit": "persons", "year": 2024, "source": "WPP", "projection": True,
                                      "variant_label": "projection (medium variant)",
                                      "members_missing": [{"code": 336, "name": "Holy See"}]},
                    "sdg_10_7_3": {"unit": "persons", "year": 2023, "source": "SDG"}}}
    rows = {r["indicator"]: r for r in flat_rows(fig)}
    assert set(rows) == {"migrant_stock", "net_migration", "sdg_10_7_3"}  # lists of rows print apart
    assert rows["net_migration"]["note"] == "projection (medium variant); without Holy See"
    assert rows["sdg_10_7_3"]["value"] == 4.0 and rows["sdg_10_7_3"]["year"] == 2023


def test_figures_agree_with_the_indicator_functions(ims):
    figures = place_figures(ims, "Southland", year=2020, top=2)
    stock = ind.migrant_stock(ims, "Southland", years=2020).set_index("sex")["value"]
    assert (figures["code"], figures["year"], figures["edition"]) == (1902, 2020, 2024)
    assert (figures["migrant_stock"], figures["migrant_stock_female"]) == (stock["both"], stock["female"])
    assert figures["female_share"] == round(100 * stock["female"] / stock["both"], 1)  # as Table 4 prints it
    assert figures["rate_period"] == [2015, 2020]
    top = ind.top_origins(ims, "Southland", year=2020, n=2)
    assert figures["top_origins"] == [{"code": int(r.origin), "name": r.origin_name, "migrants": int(r.value),
                                       "share": round(r.share, 1)} for r in top.itertuples()]


def test_the_first_year_has_no_rate(ims):
    figures = place_figures(ims, "World", year=2010)
    assert figures["annual_rate_of_change"] is None and figures["rate_period"] is None


def test_figures_needing_a_missing_workbook_are_null_and_say_which_file():
    figures = place_figures(build_ims(with_matrix=False), "Avalon")
    assert figures["top_origins"] is None and figures["intra_regional_share"] is None
    assert "destination-and-origin workbook" in figures["not_available"]["top_origins"]
    assert figures["emigrants"] is not None                  # from the by-origin table, which is there


def test_a_user_defined_group_has_no_code(ims):
    figures = place_figures(ims, ["Avalon", "Brisca"])
    assert figures["code"] is None and figures["name"] == "Avalon + Brisca"


def test_a_year_outside_the_edition_is_a_parameter_error(ims):
    with pytest.raises(ParamsError, match="no estimates for 2023"):
        place_figures(ims, "World", year=2023)


def test_world_figures_2024(ims2024):
    figures = place_figures(ims2024, "World", top=3)
    assert (figures["code"], figures["year"], figures["edition"]) == (900, 2024, 2024)
    assert (figures["migrant_stock"], figures["migrant_stock_female"]) == (304_021_813, 146_012_018)
    assert figures["population"] == 8_161_972_572
    # IMS 2024 Tables 3, 4 and 5 print one decimal (cell format 0.0): 3.7, 48.0, 2.5
    assert figures["share_of_population"] == round(100 * 304_021_813 / 8_161_972_572, 1) == 3.7
    assert figures["female_share"] == round(100 * 146_012_018 / 304_021_813, 1) == 48.0
    assert figures["rate_period"] == [2020, 2024]
    assert figures["annual_rate_of_change"] == round(100 * math.log(304_021_813 / 275_284_032) / 4, 1) == 2.5
    assert figures["meta"]["share_of_population"] == {
        "unit": "% of total population", "year": 2024,
        "source": "UN DESA, International Migrant Stock 2024: Destination (Table 3)"}
    # the World's origins and destinations come from the UN's own workbooks, not the extract
    assert "extract" not in figures["meta"]["top_origins"]
    assert [o["name"] for o in figures["top_origins"]] == ["India", "China", "Mexico"]
    assert [d["migrants"] for d in figures["top_destinations_of_emigrants"]] == [52_375_047, 16_750_084,
                                                                                 13_683_841]
    assert figures["emigrants"] == 304_021_813


def test_figures_of_a_country_by_name(ims2024):
    figures = place_figures(ims2024, "india", top=3)
    assert (figures["code"], figures["emigrants"]) == (356, 18_533_845)
    assert sum(d["share"] for d in figures["top_destinations_of_emigrants"]) < 100
