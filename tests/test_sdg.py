"""The SDG Global Database reader (DDF series files): controls from PROVENANCE §11, layout errors, sample."""

from __future__ import annotations

import ast
from pathlib import Path

import pandas as pd
import pytest

from migstats.errors import DataFileError
from migstats.sources import sdg
from migstats.synthetic import sdg as synthetic_sdg

MIGRS = "ddf--datapoints--sg_cpa_migrs--by--geo_area--nature--policy_domains--units--year.csv"
MIGRP = "ddf--datapoints--sg_cpa_migrp--by--geo_area--nature--policy_domains--units--year.csv"
COST = "ddf--datapoints--si_rmt_cost--by--geo_area--nature--units--year.csv"
GDP_SHARE = "ddf--datapoints--bx_trf_pwkr--by--geo_area--nature--units--year.csv"


def _value(frame: pd.DataFrame, location: int, year: int, domain: str | None = None) -> float:
    rows = frame[(frame["location"] == location) & (frame["year"] == year)]
    if domain is not None:
        rows = rows[rows["domain"] == domain]
    assert len(rows) == 1
    return float(rows["value"].iloc[0])


@pytest.fixture(scope="module")
def migrs(shared_data):
    return sdg.read_series(shared_data / "sdg" / MIGRS)["datapoints"]


@pytest.fixture(scope="module")
def migrp(shared_data):
    return sdg.read_series(shared_data / "sdg" / MIGRP)["datapoints"]


def test_world_share_meeting_or_fully_meeting_is_read_as_published(migrp):
    assert _value(migrp, 1, 2019, "All domains") == 54.1
    assert _value(migrp, 1, 2021, "All domains") == 62.31884


def test_the_tidy_table_has_one_row_per_place_year_and_domain(migrs):
    assert list(migrs.columns) == ["series", "location", "year", "value", "nature", "units", "domain", "flag"]
    assert set(migrs["series"]) == {"SG_CPA_MIGRS"}
    assert not migrs.duplicated(["location", "year", "domain"]).any()


def test_policy_domains_carry_their_names_in_the_published_order(migrs):
    assert sdg.DOMAIN_ORDER[0] == "Migrant rights"
    assert sdg.DOMAIN_ORDER[-1] == "Safe, orderly and regular migration"
    # Norway 2021 in the raw file: domain1 = 2, domain6 = 3
    assert _value(migrs, 578, 2021, "Migrant rights") == 2
    assert _value(migrs, 578, 2021, "Safe, orderly and regular migration") == 3


def test_country_scores_per_round_are_counted_as_in_provenance(migrs):
    overall = migrs[migrs["domain"] == "All domains"]
    scored_2019 = overall[(overall["year"] == 2019) & overall["value"].notna()]
    assert len(scored_2019) == 111
    assert len(overall[overall["year"] == 2021]) == 89


def test_not_relevant_territories_are_kept_with_their_flag(migrs):
    aland = migrs[(migrs["location"] == 248) & (migrs["year"] == 2019)]
    assert len(aland) == 7
    assert aland["value"].isna().all()
    assert set(aland["flag"]) == {"N"}
    assert migrs["flag"].eq("N").sum() == 350


def test_the_nature_code_is_kept_as_published(migrp):
    row = migrp[(migrp["location"] == 1) & (migrp["year"] == 2019) & (migrp["domain"] == sdg.DOMAIN_ORDER[1])]
    assert row["nature"].tolist() == ["c"]
    assert row["value"].tolist() == [67.6]


def test_remittance_cost_world_controls(shared_data):
    cost = sdg.read_series(shared_data / "sdg" / COST)["datapoints"]
    assert _value(cost, 1, 2011) == 9.3
    assert _value(cost, 1, 2021) == pytest.approx(6.30)
    assert cost["series"].iloc[0] == "SI_RMT_COST"


def test_remittances_share_of_gdp_india_2020(shared_data):
    share = sdg.read_series(shared_data / "sdg" / GDP_SHARE)["datapoints"]
    assert _value(share, 356, 2020) == pytest.approx(3.13, abs=0.005)


def test_entity_files_name_places_and_nature_codes(shared_data):
    areas = sdg.read_geo_areas(shared_data / "sdg" / "ddf--entities--geo_area.csv")["geo_areas"]
    assert areas.set_index("location").loc[100, "name"] == "Bulgaria"
    natures = sdg.read_natures(shared_data / "sdg" / "ddf--entities--nature.csv")["natures"]
    assert natures.set_index("nature").loc["g", "name"] == "Global monitoring data"
    assert natures.set_index("nature").loc["g", "code"] == "G"


def test_a_renamed_value_column_is_one_clear_line_naming_the_file(shared_data, tmp_path):
    raw = (shared_data / "sdg" / MIGRS).read_text(encoding="utf-8")
    bad = tmp_path / MIGRS
    bad.write_text(raw.replace("sg_cpa_migrs", "score", 1), encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        sdg.read_series(bad)
    assert MIGRS in str(err.value) and "missing column(s) sg_cpa_migrs" in str(err.value)
    assert "\n" not in str(err.value)


def test_a_missing_policy_domains_column_is_refused(tmp_path):
    bad = tmp_path / MIGRS
    bad.write_text("geo_area,nature,units,year,sg_cpa_migrs\n4,c,number,2021,3\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="missing column.s. policy_domains"):
        sdg.read_series(bad)


def test_an_unknown_non_numeric_value_names_its_line(tmp_path):
    bad = tmp_path / COST
    bad.write_text("geo_area,nature,units,year,si_rmt_cost\n1,g,percent,2021,6.3\n1,g,percent,2022,n/a\n")
    with pytest.raises(DataFileError, match="'n/a' on line 3"):
        sdg.read_series(bad)


def test_the_reader_reads_every_synthetic_file(tmp_path):
    countries = [(356, "IND", "India"), (484, "MEX", "Mexico"), (276, "DEU", "Germany")]
    files = synthetic_sdg.write(tmp_path, countries)
    readers = {"sdg-geo-area": sdg.read_geo_areas, "sdg-nature": sdg.read_natures, "sdg-units": sdg.read_units}
    for key, path in files.items():
        tables = readers.get(key, sdg.read_series)(path)
        assert all(len(t) for t in tables.values()), key
    shares = sdg.read_series(files["sdg-sg-cpa-migrp"])["datapoints"]
    assert {1, 150, 419} == set(shares["location"])


def test_synthetic_files_are_deterministic(tmp_path):
    countries = [(356, "IND", "India"), (484, "MEX", "Mexico")]
    first = synthetic_sdg.write(tmp_path / "a", countries)
    second = synthetic_sdg.write(tmp_path / "b", countries)
    assert all(first[k].read_bytes() == second[k].read_bytes() for k in first)


@pytest.mark.parametrize("module", ["sdg", "iom_mmp", "wdi"])
def test_readers_import_nothing_but_errors_schema_and_sources(module):
    path = Path(__file__).resolve().parents[1] / "migstats" / "sources" / f"{module}.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    relative = [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.level]
    for name in relative:
        assert name in ("errors", "schema") or name.startswith("sources") or node_is_sibling(name), name
    absolute = [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
    absolute += [node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and not node.level]
    assert not [m for m in absolute if m and m.startswith("migstats") and not m.startswith(
        ("migstats.errors", "migstats.schema", "migstats.sources"))]


def node_is_sibling(name: str) -> bool:
    """``from .m49 import ...`` inside migstats/sources: a sibling reader module."""
    return (Path(__file__).resolve().parents[1] / "migstats" / "sources" / f"{name.split('.')[0]}.py").is_file()
