"""`migstats figures PLACE`: JSON keys of issues 2, 3, 5 and 10; unknown places exit 2 with suggestions.

Expected values are read from the official files (shared/data): IMS workbooks, the WPP 2024 indicators
(thousands, three decimals), the UNHCR R package population table (end-year, persons)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest


def _migstats(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "migstats", *args], capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def germany_2020(shared_data) -> dict:
    proc = _migstats("figures", "Germany", "--year", "2020", "--data", "official", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_figures_json_has_the_headline_keys(germany_2020):
    f = germany_2020
    assert (f["code"], f["name"], f["edition"], f["year"]) == (276, "Germany", 2024, 2020)
    assert f["migrant_stock"] == 15_021_300
    # IMS Tables 3 and 4 print shares with one decimal
    assert f["share_of_population"] == round(100 * f["migrant_stock"] / f["population"], 1) == 18.0
    assert f["female_share"] == round(100 * f["migrant_stock_female"] / f["migrant_stock"], 1) == 50.5
    assert f["top_origins"][0]["name"] == "Poland"
    assert {"annual_rate_of_change", "top_destinations_of_emigrants", "emigrants", "intra_regional_share"} <= set(f)


def test_figures_json_has_population_change_and_refugee_keys(germany_2020):
    f = germany_2020
    # WPP 2024, Germany 2020: natural decrease offset in part by net migration (persons)
    assert f["net_migration"] == 203_468 and f["natural_change"] == -215_655
    assert f["net_migration_share_of_change"] is None  # population declined
    assert f["net_migration_rate"] == 2.43  # CNMR as published, per 1,000
    assert f["refugees_hosted"] == 1_210_596  # hosted at end-2020, UNHCR
    assert f["sdg_10_7_4"] is not None and f["sdg_10_7_4"] < 1


def test_figures_for_an_sdg_region_sum_refugees_over_members(shared_data):
    proc = _migstats("figures", "1833", "--data", "official", "--format", "json")
    f = json.loads(proc.stdout)
    assert f["migrant_stock"] == 54_085_710
    assert f["refugees_hosted"] > 1_000_000


def test_unknown_place_is_one_line_with_close_matches_and_exit_2():
    proc = _migstats("figures", "Germny", "--data", "sample")
    assert proc.returncode == 2
    lines = proc.stderr.splitlines()
    assert lines[0].startswith("migstats: data: ")  # the data-mode line comes first
    errors = [line for line in lines if line.startswith("migstats: error: ")]
    assert errors == lines[-1:] and "unknown place 'Germny'" in errors[0]  # then one error line
    assert "did you mean" in errors[0] and "Germany" in errors[0]
    assert "Traceback" not in proc.stderr


def test_a_name_prefix_is_not_a_place(shared_data):
    proc = _migstats("figures", "germ", "--data", "official")
    assert proc.returncode == 2 and "unknown place 'germ'" in proc.stderr


def test_table_format_is_for_people(shared_data):
    proc = _migstats("figures", "276", "--year", "2020", "--data", "official")
    assert proc.returncode == 0
    assert "15,021,300" in proc.stdout and "2,020" not in proc.stdout
    assert "International Migrant Stock 2024: Destination (Table 1)" in proc.stdout  # the source of each row
    assert "refugees_originating" in proc.stdout and "per 1,000" in proc.stdout


def test_csv_format_has_one_row_per_figure_with_unit_year_and_source(shared_data):
    proc = _migstats("figures", "276", "--year", "2020", "--data", "official", "--format", "csv")
    rows = {r["indicator"]: r for r in csv.DictReader(io.StringIO(proc.stdout))}
    assert rows["migrant_stock"]["value"] == "15021300" and rows["migrant_stock"]["unit"] == "persons"
    assert rows["net_migration"]["year"] == "2020"
    assert "World Population Prospects 2024" in rows["net_migration"]["source"]


# --------------------------------------------------------------------------- issue 10: labels and missing values


@pytest.fixture(scope="module")
def syria_2024(shared_data) -> dict:
    proc = _migstats("figures", "Syrian Arab Republic", "--data", "official", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_refugees_hosted_and_originating_are_both_given_and_named(syria_2024):
    f = syria_2024
    # UNHCR population.rda, 2024: refugees with country of asylum SYR = 11,635; refugees + oip with
    # country of origin SYR = 5,952,174 + 0
    assert f["refugees_hosted"] == 11_635 and f["refugees_originating"] == 5_952_174
    assert "refugees" not in f
    # SDG 10.7.4 is by origin: 5,952,174 / (WPP end-2024 population 25,170,891 + 5,952,174) × 100,000
    assert f["sdg_10_7_4"] == round(100_000 * 5_952_174 / (25_170_891 + 5_952_174), 1) == 19_124.6
    assert "from the place" in f["meta"]["refugees_originating"]["unit"]
    assert "living in the place" in f["meta"]["refugees_hosted"]["unit"]
    assert f["meta"]["sdg_10_7_4"]["as_of"] == "end-2024"


def test_every_figure_names_its_unit_year_and_source(syria_2024):
    f = syria_2024
    identity = {"code", "name", "kind", "edition", "year", "synthetic", "source", "rate_period", "meta",
                "not_available"}
    for key in set(f) - identity:
        assert {"unit", "year", "source"} <= set(f["meta"][key]), key
    assert f["meta"]["migrant_stock"]["source"] == "UN DESA, International Migrant Stock 2024: Destination (Table 1)"


def test_wpp_values_after_2023_are_labelled_projections(syria_2024):
    m = syria_2024["meta"]["net_migration"]
    # WPP 2024, Syria 2024 (medium variant): NetMigrations 546.494 thousand, CNMR 22.15
    assert syria_2024["net_migration"] == 546_494 and syria_2024["net_migration_rate"] == 22.15
    assert (m["variant"], m["projection"], m["year"]) == ("medium", True, 2024)
    assert "World Population Prospects 2024" in m["source"]


def test_the_ims_2024_destination_by_origin_extract_is_named(syria_2024):
    m = syria_2024["meta"]
    assert m["top_destinations_of_emigrants"]["extract"] is True
    assert "third-party extract (IOM gdidata)" in m["top_destinations_of_emigrants"]["source"]
    assert m["top_origins"]["extract"] is True and m["intra_regional_share"]["extract"] is True
    # the emigrants total is the UN's own by-origin workbook, not the extract
    assert syria_2024["emigrants"] == 8_927_523
    assert "extract" not in m["emigrants"] and m["emigrants"]["source"].endswith("Origin (Table 1)")


def test_world_sdg_10_7_4_names_the_members_wpp_lacks(shared_data):
    proc = _migstats("figures", "World", "--data", "official", "--format", "json")
    f = json.loads(proc.stdout)
    assert f["sdg_10_7_4"] is not None and f["refugees_hosted"] is not None
    missing = f["meta"]["sdg_10_7_4"]["members_missing"]
    assert {"code": 336, "name": "Holy See"} in missing and {"code": 830, "name": "Channel Islands"} in missing
    # WPP World end-2024 population 8,196,980.849 thousand (Holy See and Channel Islands are a few
    # hundred thousand people): the rate is the origin count over that population, within 0.1 %
    world = 100_000 * f["refugees_originating"] / (8_196_980_849 + f["refugees_originating"])
    assert f["sdg_10_7_4"] == pytest.approx(world, rel=1e-3)
    assert f["net_migration"] == 0  # WPP's own World row (LocID 900): balanced to zero


def test_a_2020_sdg_region_gets_wpp_figures_through_the_2024_code(shared_data):
    proc = _migstats("figures", "947", "--edition", "2020", "--data", "official", "--format", "json")
    f = json.loads(proc.stdout)
    assert (f["code"], f["name"]) == (947, "Sub-Saharan Africa")
    # WPP 2024, LocID 1834 (Sub-Saharan Africa), 2020: NetMigrations 370.895, NatChange 28,492.005 thousand
    assert f["net_migration"] == 370_895 and f["natural_change"] == 28_492_005
    assert f["net_migration_rate"] == 0.33
    assert "1834" in f["meta"]["net_migration"]["note"] and f["meta"]["net_migration"]["projection"] is False
    assert f["sdg_10_7_4"] is not None


def test_a_name_with_a_namesake_says_so_on_stderr(shared_data):
    proc = _migstats("figures", "Congo", "--data", "official", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["code"] == 178
    assert "Democratic Republic of the Congo (180)" in proc.stderr
