"""Refugees hosted, share of the migrant stock, SDG 10.7.4 and the SDG panel."""

from __future__ import annotations

import pandas as pd
import pytest

from migstats.errors import UnknownPlace
from migstats.indicators.refugees import (
    refugee_figures,
    refugee_share_of_stock,
    refugees_by_origin,
    refugees_hosted,
    sdg_10_7_4,
    sdg_10_7_4_for,
    sdg_panel,
)
from migstats.sources.m49 import iso3_to_m49, read_m49
from migstats.sources.unhcr import read_rdf
from migstats.sources.wpp import read_wpp_indicators


def _unhcr(rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["year", "origin", "asylum", "measure", "value"]).assign(release="toy")


TOY_UNHCR = _unhcr([
    (2023, 4, 356, "refugees", 1_000), (2023, 4, 356, "asylum_seekers", 200), (2023, 4, 356, "oip", 300),
    (2023, 4, 840, "refugees", 500), (2023, 566, 404, "refugees", 50), (2023, 404, 566, "asylum_seekers", 7),
])
TOY_WPP = pd.DataFrame({
    "edition": 2024, "location": [4, 4, 566, 566], "year": [2023, 2024, 2023, 2024],
    "variant": ["estimates", "medium"] * 2, "measure": "population_end_year",
    "value": [98_200.0, 99_000.0, 10_000.0, 10_100.0],
})
MEMBERSHIP = pd.DataFrame({"edition": 2024, "grouping": "sdg", "group": [1834, 1834], "member": [566, 404]})


def test_sdg_10_7_4_divides_by_population_plus_refugees():
    assert sdg_10_7_4(refugees=1_800, end_year_population=98_200) == pytest.approx(1_800)
    assert sdg_10_7_4(refugees=0, end_year_population=5_000) == 0


def test_sdg_10_7_4_counts_refugees_and_oip_by_origin_in_all_countries_of_asylum():
    result = sdg_10_7_4_for(TOY_UNHCR, TOY_WPP, 4, 2023)
    assert result["refugees"] == 1_800  # asylum-seekers are not counted
    assert result["value"] == pytest.approx(100_000 * 1_800 / (98_200 + 1_800))


def test_hosted_counts_refugees_and_asylum_seekers_by_asylum_country():
    assert refugees_hosted(TOY_UNHCR, 356, 2023) == 1_200
    assert refugees_hosted(TOY_UNHCR, [356, 840], 2023, measures=("refugees",)) == 1_500


def test_a_group_is_expanded_through_membership():
    assert refugees_hosted(TOY_UNHCR, 1834, 2023, membership=MEMBERSHIP) == 57
    assert refugees_by_origin(TOY_UNHCR, 1834, 2023, membership=MEMBERSHIP) == 50
    with pytest.raises(UnknownPlace, match="1834"):
        refugees_hosted(TOY_UNHCR, 1834, 2023)


def test_share_of_migrant_stock_uses_the_both_sexes_all_origins_row():
    stock = pd.DataFrame({"edition": 2024, "destination": [356, 356], "origin": [900, 900], "year": 2024,
                          "sex": ["both", "male"], "value": [6_000.0, 3_500.0]})
    share = refugee_share_of_stock(TOY_UNHCR, stock, 356, 2024, refugee_year=2023)
    assert (share["hosted"], share["migrant_stock"], share["share"]) == (1_200, 6_000, 20.0)


def test_panel_names_each_indicator_with_unit_and_definition():
    panel = sdg_panel(TOY_UNHCR, TOY_WPP, 4, 2023)
    first = panel.iloc[0]
    assert first["indicator"] == "SDG 10.7.4 (SM_POP_REFG_OR)" and first["unit"] == "per 100,000 population"
    assert first["value"] == pytest.approx(1_800)
    assert "(end-year population of the country of origin + those refugees)" in first["definition"]
    assert list(panel.columns) == ["indicator", "name", "value", "unit", "definition", "source"]


def test_refugee_figures_give_hosted_and_originating_apart():
    figures = refugee_figures(TOY_UNHCR, TOY_WPP, [4], 2023)
    assert figures["refugees_hosted"] is None  # country 4 is not a country of asylum in these figures
    assert "not a country of asylum" in figures["reasons"]["refugees_hosted"]
    assert figures["refugees_originating"] == 1_800  # refugees + oip from 4, in all countries of asylum
    assert figures["sdg_10_7_4"] == round(100_000 * 1_800 / (98_200 + 1_800), 1)


def test_refugee_figures_of_a_group_leave_out_members_without_a_wpp_population():
    # 356 hosts 1,000 refugees but has no WPP rows here: SDG 10.7.4 is over 4 and 566, 356 named
    figures = refugee_figures(TOY_UNHCR, TOY_WPP, [4, 356, 566], 2023)
    assert figures["sdg_10_7_4_members_missing"] == [356]
    assert figures["refugees_hosted"] == 1_000
    assert figures["sdg_10_7_4"] == round(100_000 * 1_850 / (98_200 + 10_000 + 1_850), 1)


# --------------------------------------------------------------------------- real files


@pytest.fixture(scope="module")
def real(shared_data):
    iso3 = iso3_to_m49(read_m49(shared_data / "m49/UNSD — Methodology.csv"))
    unhcr = read_rdf(shared_data / "unhcr/rdf_2024/population.csv", iso3)["population"]
    wpp = read_wpp_indicators(shared_data / "wpp/WPP2024_annual_indicators_DERIVED_from_wpp2024_Rpkg.csv")
    return unhcr, wpp["indicators"]


def test_world_refugees_2023_from_real_export(real):
    unhcr, _ = real
    everyone = sorted(set(unhcr["asylum"]))
    assert refugees_hosted(unhcr, everyone, 2023, measures=("refugees",)) == 31_637_408


def test_syria_2023_sdg_10_7_4_uses_derived_end_year_population(real):
    unhcr, wpp = real
    result = sdg_10_7_4_for(unhcr, wpp, 760, 2023)
    by_origin = unhcr[(unhcr["origin"] == 760) & (unhcr["year"] == 2023)
                      & unhcr["measure"].isin(["refugees", "oip"])]["value"].sum()
    assert result["refugees"] == by_origin
    assert result["population_method"].startswith("derived")
    assert result["value"] == pytest.approx(100_000 * by_origin / (result["population"] + by_origin))
    assert 15_000 < result["value"] < 30_000  # roughly one Syrian in five is a refugee
