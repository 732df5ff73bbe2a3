"""`migstats figures PLACE`: JSON keys of issues 2, 3 and 5; unknown places exit 2 with suggestions."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


def _migstats(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "migstats", *args], capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def germany_2020(shared_data) -> dict:
    proc = _migstats("figures", "germ", "--year", "2020", "--data", "official", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_figures_json_has_the_headline_keys(germany_2020):
    f = germany_2020
    assert (f["code"], f["name"], f["edition"], f["year"]) == (276, "Germany", 2024, 2020)
    assert f["migrant_stock"] == 15_021_300
    assert f["share_of_population"] == pytest.approx(100 * f["migrant_stock"] / f["population"])
    assert f["female_share"] == pytest.approx(100 * f["migrant_stock_female"] / f["migrant_stock"])
    assert f["top_origins"][0]["name"] == "Poland"
    assert {"annual_rate_of_change", "top_destinations_of_emigrants", "emigrants", "intra_regional_share"} <= set(f)


def test_figures_json_has_population_change_and_refugee_keys(germany_2020):
    f = germany_2020
    # WPP 2024, Germany 2020: natural decrease offset in part by net migration (persons)
    assert f["net_migration"] == 203_468 and f["natural_change"] == -215_655
    assert f["net_migration_share_of_change"] is None  # population declined
    assert f["refugees"] == 1_210_596  # hosted at end-2020, UNHCR
    assert f["sdg_10_7_4"] is not None and f["sdg_10_7_4"] < 1


def test_figures_for_an_sdg_region_sum_refugees_over_members(shared_data):
    proc = _migstats("figures", "1833", "--data", "official", "--format", "json")
    f = json.loads(proc.stdout)
    assert f["migrant_stock"] == 54_085_710
    assert f["refugees"] > 1_000_000


def test_unknown_place_is_one_line_with_close_matches_and_exit_2():
    proc = _migstats("figures", "Narnia", "--data", "sample")
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "unknown place 'Narnia'" in proc.stderr
    assert "did you mean" in proc.stderr


def test_table_format_is_for_people(shared_data):
    proc = _migstats("figures", "276", "--year", "2020", "--data", "official")
    assert proc.returncode == 0
    assert "15,021,300" in proc.stdout and "2,020" not in proc.stdout
