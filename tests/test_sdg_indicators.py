"""SDG 10.7.2, 10.7.3, 10.c.1, 17.3.2 and remittance volumes from the tidy tables (official files and sample)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from migstats.indicators import remittances as rem
from migstats.indicators import sdg as ind
from migstats.sources import iom_mmp, sdg, wdi
from migstats.sources.m49 import iso3_to_m49, read_m49
from migstats.synthetic import iom_mmp as synthetic_iom
from migstats.synthetic import sdg as synthetic_sdg
from migstats.synthetic import wdi as synthetic_wdi


def _series(folder, name: str) -> pd.DataFrame:
    (path,) = folder.glob(f"ddf--datapoints--{name}--by--*.csv")
    return sdg.read_series(path)["datapoints"]


@pytest.fixture(scope="module")
def official(shared_data):
    m49 = read_m49(shared_data / "m49" / "UNSD — Methodology.csv")
    folder = shared_data / "sdg"
    return {
        "m49": m49,
        "migrs": _series(folder, "sg_cpa_migrs"), "migrp": _series(folder, "sg_cpa_migrp"),
        "deaths": _series(folder, "sm_dth_migr"), "gdp_share": _series(folder, "bx_trf_pwkr"),
        "costs": pd.concat([_series(folder, "si_rmt_cost"), _series(folder, "si_rmt_cost_snd")]),
        "incidents": iom_mmp.read_incidents(shared_data / "iom_mmp" / "Missing_Migrants_Global_Figures_allData.xlsx",
                                            dict(zip(m49["name"], m49["code"], strict=True)))["incidents"],
        "wdi": wdi.read_wdi(shared_data / "wdi" / "gdidata_wdi.rda", iso3_to_m49(m49))["remittances"],
    }


def _frames(data: dict) -> dict:
    return {k: v for k, v in data.items() if k != "m49"}


def test_a_country_gets_its_overall_and_domain_scores_for_the_latest_round(official):
    india = ind.policy_country(official["migrs"], 356)
    latest = india["rounds"][0]
    assert latest["year"] == 2021 and latest["score"] == 2 and latest["label"] == "partially meets"
    assert list(latest["domains"].values()) == [1, 4, 4, 3, 1, 1]  # raw file, domain1..domain6
    assert list(latest["domains"]) == list(sdg.DOMAIN_ORDER)


def test_the_previous_round_is_given_or_said_to_be_missing(official):
    mexico = ind.policy_country(official["migrs"], 484)
    assert [(r["year"], r["score"]) for r in mexico["rounds"]] == [(2021, 3), (2019, 1)]
    india = ind.policy_country(official["migrs"], 356)
    assert india["rounds"][1]["score"] is None and india["rounds"][1]["reason"] == "did not report in the 2019 round"


def test_a_territory_marked_not_relevant_has_no_score_and_says_why(official):
    aland = ind.policy_country(official["migrs"], 248)
    assert aland["rounds"][1]["score"] is None and "not relevant (N)" in aland["rounds"][1]["reason"]


def test_the_world_share_is_the_published_one_not_a_recomputation(official):
    world = ind.policy_aggregate(official["migrp"], 1)
    assert [(r["year"], r["share_meeting"]) for r in world["rounds"]] == [(2021, 62.31884), (2019, 54.1)]
    scores = official["migrs"]
    overall = scores[(scores["year"] == 2021) & (scores["domain"] == "All domains")]
    recomputed = 100 * (overall["value"] >= 3).mean()
    assert recomputed != pytest.approx(62.31884, abs=0.5)


def test_an_aggregate_without_a_published_share_returns_none_with_a_reason(official):
    result = ind.policy_aggregate(official["migrp"], 840)
    assert result["rounds"] == [] and "not recomputed" in result["reason"]


def test_the_members_table_says_who_reported(official):
    m49 = official["m49"]
    europe = [int(c) for c in m49.loc[m49["region_code"] == 150, "code"]]
    table = ind.policy_members(official["migrs"], europe)
    rows = table.set_index("location")
    assert rows.loc[578, "reported"] and rows.loc[578, "score"] == 3  # Norway 2021
    assert not rows.loc[248, "reported"]  # Åland Islands: no 2021 row
    assert len(table) == len(europe)


def test_deaths_come_from_the_series_then_from_the_incidents_labelled_apart(official):
    table = ind.deaths_and_disappearances(official["deaths"], official["incidents"], 1)
    by_year = table.set_index("year")
    assert by_year.loc[2014, "value"] == 5318 and by_year.loc[2014, "source"] == ind.SOURCE_SDG_SERIES
    assert by_year.loc[2022, "source"] == ind.SOURCE_SDG_SERIES
    assert by_year.loc[2023, "value"] == 8747 and by_year.loc[2023, "source"] == ind.SOURCE_INCIDENTS
    assert by_year.loc[2024, "value"] == 9002
    assert bool(by_year.loc[2025, "partial"]) and not bool(by_year.loc[2024, "partial"])


def test_deaths_by_route_and_by_region_of_incident(official):
    route = ind.deaths_by(official["incidents"], "route", [2024]).set_index("route")
    assert route.loc["Central Mediterranean", "value"] == 1719
    region = ind.deaths_by(official["incidents"], "region", [2024]).set_index("region")
    assert region.loc["Mediterranean", "value"] == 2475


def test_remittance_cost_receiving_and_distance_to_the_3_percent_target(official):
    world = rem.remittance_cost(official["costs"], 1)
    assert (world["year"], world["cost_percent"]) == (2021, pytest.approx(6.30))
    india = rem.remittance_cost(official["costs"], 356)
    assert india["cost_percent"] == 5.31 and india["distance_to_target"] == pytest.approx(2.31)
    assert india["meets_target"] is False


def test_remittances_share_of_gdp_as_published(official):
    india = rem.share_of_gdp_published(official["gdp_share"], 356)
    assert india["year"] == 2020 and india["share_of_gdp"] == pytest.approx(3.13, abs=0.005)


def test_a_region_sums_its_members_and_names_those_without_data(official):
    volumes = rem.remittance_volumes(official["wdi"], [356, 484, 336], 2023)  # 336 Holy See: no remittances
    assert volumes["received_usd"] / 1e9 == pytest.approx(119.53 + 66.24, abs=0.02)
    assert volumes["missing_received"] == [336]


def test_sdg_figures_are_json_ready_and_name_source_and_unit(official):
    figures = ind.sdg_figures(356, **_frames(official))
    json.dumps(figures, allow_nan=False)
    assert figures["sdg_10_7_2"]["score"] == 2 and figures["sdg_10_7_2"]["source"]["vintage"] == "2023-12-17"
    assert figures["sdg_10_c_1"]["receiving"]["cost_percent"] == 5.31
    assert figures["remittances"]["year"] == 2023
    assert figures["remittances"]["received_usd"] / 1e9 == pytest.approx(119.53, abs=0.005)
    assert all("unit" in figures[k] for k in ("sdg_10_7_2", "sdg_10_7_3", "sdg_10_c_1", "remittances"))


def test_an_aggregate_gets_the_published_share(official):
    m49 = official["m49"]
    europe = [int(c) for c in m49.loc[m49["region_code"] == 150, "code"]]
    figures = ind.sdg_figures(150, europe, **_frames(official))
    assert figures["sdg_10_7_2"]["share_meeting"] == 73.68421  # raw SG_CPA_MIGRP, 150, 2021
    assert 248 in figures["sdg_10_7_2"]["members_not_reported"]


def test_a_country_absent_from_a_series_gets_null_and_a_reason_and_nothing_else_breaks(official):
    figures = ind.sdg_figures(10, **_frames(official))  # Antarctica
    assert figures["sdg_10_7_2"]["score"] is None and "no 10.7.2 country scores" in figures["sdg_10_7_2"]["reason"]
    assert figures["sdg_10_c_1"]["receiving"]["cost_percent"] is None
    assert "M49 10" in figures["sdg_10_c_1"]["receiving"]["reason"]
    assert figures["remittances"]["received_usd"] is None and figures["remittances"]["reason"]
    json.dumps(figures, allow_nan=False)


def test_an_unknown_m49_code_gives_reasons_not_a_traceback(official):
    figures = ind.sdg_figures(999_999, **_frames(official))
    assert figures["sdg_10_7_3"]["values"] == [] and figures["sdg_10_7_3"]["reason"]
    assert figures["sdg_10_7_2"]["reason"]


def test_the_figures_run_on_the_synthetic_sample(tmp_path):
    countries = [(356, "IND", "India"), (484, "MEX", "Mexico"), (276, "DEU", "Germany")]
    files = synthetic_sdg.write(tmp_path, countries)
    read = {k: sdg.read_series(files[k])["datapoints"] for k in files if k.startswith("sdg-s") or "bx" in k}
    incidents = iom_mmp.read_incidents(synthetic_iom.write(tmp_path, countries)["iom-mmp-incidents"],
                                       {n: c for c, _, n in countries})["incidents"]
    remit = wdi.read_wdi(synthetic_wdi.write(tmp_path, countries)["wdi-remittances"],
                         {i: c for c, i, _ in countries})["remittances"]
    label = {"publication": "SYNTHETIC SAMPLE — NOT OFFICIAL FIGURES", "vintage": "sample"}
    figures = ind.sdg_figures(1, [356, 484, 276], migrs=read["sdg-sg-cpa-migrs"], migrp=read["sdg-sg-cpa-migrp"],
                              deaths=read["sdg-sm-dth-migr"], incidents=incidents,
                              costs=pd.concat([read["sdg-si-rmt-cost"], read["sdg-si-rmt-cost-snd"]]),
                              gdp_share=read["sdg-bx-trf-pwkr"], wdi=remit,
                              sources={"sdg": label, "iom_mmp": label, "wdi": label})
    json.dumps(figures, allow_nan=False)
    assert figures["sdg_10_7_2"]["year"] == 2021 and figures["sdg_10_7_2"]["share_meeting"] is not None
    assert figures["sdg_10_7_2"]["members_not_reported"] == [276]
    assert figures["remittances"]["missing_paid"] == [276]
    assert figures["sdg_10_7_3"]["values"][-1]["source"] == "iom_mmp"
