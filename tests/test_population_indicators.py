"""Population change = natural change + net migration: decomposition, shares, UN flags, rates."""

from __future__ import annotations

import pandas as pd
import pytest

from migstats.errors import UnknownPlace
from migstats.indicators.population import (
    FLAGS,
    cumulative_net_migration,
    decompose,
    decompose_period,
    end_year_population,
    flags,
    net_migration_rate,
    population_figures,
    projected_contribution,
    share_due_to_net_migration,
    wpp_coverage,
)
from migstats.sources.wpp import read_wpp_indicators

DERIVED = "wpp/WPP2024_annual_indicators_DERIVED_from_wpp2024_Rpkg.csv"


def _wpp(rows: dict[tuple[int, int], dict[str, float]]) -> pd.DataFrame:
    """A tidy WPP table built in code: {(location, year): {measure: value}}."""
    records = [
        {"edition": 2024, "location": loc, "year": year, "variant": "estimates" if year <= 2023 else "medium",
         "measure": measure, "value": value}
        for (loc, year), measures in rows.items() for measure, value in measures.items()
    ]
    return pd.DataFrame(records)


def _year(births, deaths, net_migration, **extra):
    return {"births": births, "deaths": deaths, "natural_change": births - deaths,
            "net_migration": net_migration, "population_change": births - deaths + net_migration, **extra}


TOY = _wpp({
    (1, 2023): _year(100, 150, 80, cnmr=8.0),    # natural decrease offset by immigration
    (1, 2024): _year(100, 150, 30),              # decline despite net immigration
    (2, 2023): _year(300, 100, 250, cnmr=25.0),  # immigration the main driver of growth
    (2, 2024): _year(300, 100, -50),             # growth through natural change
})


def test_decomposition_adds_up_and_share_is_net_migration_over_change():
    table = decompose(TOY, 2).set_index("year")
    assert table.loc[2023, "residual"] == 0 and table.loc[2023, "within_rounding"]
    assert table.loc[2023, "net_migration_share"] == pytest.approx(100 * 250 / 450)


def test_flags_use_the_uns_wording():
    assert flags(natural_change=200, net_migration=250) == [FLAGS["immigration_main_driver"]]
    assert flags(natural_change=-50, net_migration=80) == [FLAGS["immigration_main_driver"],
                                                           FLAGS["offsets_natural_decrease"]]
    assert flags(natural_change=-50, net_migration=30) == [FLAGS["decline_despite_immigration"]]
    assert flags(natural_change=200, net_migration=-50) == []
    assert FLAGS["immigration_main_driver"].startswith("Immigration the main driver")


def test_share_above_100_when_migration_offsets_natural_decrease():
    assert share_due_to_net_migration(-50, 80) == pytest.approx(100 * 80 / 30)


def test_a_list_of_places_is_summed():
    table = decompose(TOY, [1, 2]).set_index("year")
    assert table.loc[2023, "net_migration"] == 330 and table.loc[2023, "natural_change"] == 150


def test_period_is_cumulative_and_inclusive():
    period = decompose_period(TOY, 1, 2023, 2024)
    assert (period["net_migration"], period["natural_change"]) == (110, -100)
    assert period["flags"] == [FLAGS["immigration_main_driver"], FLAGS["offsets_natural_decrease"]]
    assert cumulative_net_migration(TOY, [1, 2], 2023, 2024) == 310
    assert projected_contribution(TOY, 2, target_year=2024)["net_migration"] == -50


def test_unknown_code_and_missing_years_are_errors():
    with pytest.raises(UnknownPlace, match="999"):
        decompose(TOY, 999)
    with pytest.raises(UnknownPlace, match="2022"):
        decompose_period(TOY, 1, 2022, 2024)


def test_rate_uses_published_cnmr_for_one_place_and_mid_year_population_for_a_list():
    assert net_migration_rate(TOY, 2, 2023) == 25.0
    ims_population = pd.DataFrame({"location": [1, 2], "year": [2023, 2023], "sex": "both",
                                   "value": [10_000.0, 10_000.0]})
    assert net_migration_rate(TOY, [1, 2], 2023, ims_population) == pytest.approx(1000 * 330 / 20_000)
    assert net_migration_rate(TOY, [1, 2], 2023) is None  # no denominator known


# --------------------------------------------------------------------------- real WPP 2024 (derived subset)


@pytest.fixture(scope="module")
def wpp(shared_data):
    return read_wpp_indicators(shared_data / DERIVED)["indicators"]


def test_usa_2023_net_migration_is_two_thirds_of_growth(wpp):
    usa = decompose(wpp, 840, 2023, 2023).iloc[0]
    assert usa["net_migration"] == 1_322_668 and usa["natural_change"] == 681_818
    assert usa["net_migration_share"] == pytest.approx(100 * 1_322_668 / 2_004_486)
    assert usa["immigration_main_driver"]


def test_identity_holds_within_un_rounding_for_the_world_and_nearly_every_place(wpp):
    assert decompose(wpp, 900)["within_rounding"].all()
    countries = sorted(c for c in wpp["location"].unique() if c < 900)
    ok = pd.concat([decompose(wpp, [c])["within_rounding"] for c in countries[:60]])
    assert ok.mean() > 0.99


def test_sdg_regions_net_migration_sums_to_zero(wpp):
    regions = [1829, 1830, 1831, 1832, 1833, 1834, 1835, 1836]
    # eight published figures, each rounded by the UN: their sum is 6 persons, not exactly 0
    assert decompose(wpp, regions, 2023, 2023)["net_migration"].item() == pytest.approx(0, abs=len(regions))


def test_germany_natural_decrease_offset_by_immigration_2022(wpp):
    deu = decompose(wpp, 276, 2022, 2022).iloc[0]
    assert deu["net_migration"] == 981_552
    assert deu["offsets_natural_decrease"] and not deu["decline_despite_immigration"]


def test_end_year_population_is_published_from_2024_and_derived_before(wpp):
    assert end_year_population(wpp, 900, 2024) == (8_196_980_849, "WPP end-of-year population")
    value, method = end_year_population(wpp, 900, 2023)
    assert value == 8_196_980_849 - 70_016_553 and method.startswith("derived")


def test_population_figures_keys(wpp):
    figures = population_figures(wpp, 276, 2022)
    # WPP 2024, Germany 2022: NetMigrations 981.552, NatChange −352.207 thousand; estimates
    assert figures["net_migration"] == 981_552 and figures["natural_change"] == -352_207
    assert figures["net_migration_share_of_change"] == round(100 * 981_552 / (981_552 - 352_207), 1)
    assert (figures["variant"], figures["projection"]) == ("estimates", False)
    assert "refugees" not in figures and "sdg_10_7_4" not in figures  # UNHCR keys: refugees.refugee_figures


def test_a_year_after_2023_is_a_medium_variant_projection(wpp):
    figures = population_figures(wpp, 276, 2030)
    # WPP 2024, Germany 2030 (Variant "Medium"): NetMigrations 163.106, NatChange −382.889 thousand, CNMR 1.97
    assert figures["net_migration"] == 163_106 and figures["natural_change"] == -382_889
    assert figures["net_migration_rate"] == 1.97
    assert (figures["variant"], figures["projection"]) == ("medium", True)


def test_wpp_coverage_names_the_areas_wpp_has_no_rows_for(wpp):
    present, missing = wpp_coverage(wpp, [276, 336, 830, 250])
    assert present == [276, 250] and missing == [336, 830]  # Holy See and Channel Islands


def test_share_of_change_is_not_given_for_a_declining_population():
    wpp = pd.DataFrame({
        "edition": 2024, "location": 1, "year": 2020, "variant": "estimates",
        "measure": ["natural_change", "net_migration"], "value": [-215_655.0, 203_468.0],
    })
    fig = population_figures(wpp, 1, 2020)
    assert fig["net_migration"] == 203_468 and fig["natural_change"] == -215_655
    assert fig["net_migration_share_of_change"] is None
    assert fig["population_change_flags"] == ["Population decline despite net immigration"]
