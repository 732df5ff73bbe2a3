"""The IOM Missing Migrants Project reader: controls from PROVENANCE §12, quirks handled visibly, sample."""

from __future__ import annotations

import pandas as pd
import pytest

from migstats.errors import DataFileError
from migstats.sources import iom_mmp
from migstats.sources.m49 import read_m49
from migstats.synthetic import iom_mmp as synthetic_iom

FILENAME = "Missing_Migrants_Global_Figures_allData.xlsx"
SAMPLE = [(356, "IND", "India"), (484, "MEX", "Mexico"), (276, "DEU", "Germany")]


@pytest.fixture(scope="module")
def names(shared_data) -> dict[str, int]:
    m49 = read_m49(shared_data / "m49" / "UNSD — Methodology.csv")
    return dict(zip(m49["name"], m49["code"], strict=True))


@pytest.fixture(scope="module")
def mmp(shared_data, names):
    return iom_mmp.read_incidents(shared_data / "iom_mmp" / FILENAME, names)


def test_dead_and_missing_by_incident_year_match_the_published_totals(mmp):
    by_year = mmp["incidents"].groupby("year")["dead_and_missing"].sum()
    expected = {2014: 5441, 2015: 6961, 2016: 8249, 2017: 6400, 2018: 5016, 2019: 5430, 2020: 4314,
                2021: 6276, 2022: 7205, 2023: 8747, 2024: 9002}
    assert {year: int(by_year[year]) for year in expected} == expected


def test_no_incident_is_dropped(mmp):
    assert len(mmp["incidents"]) == 19_255
    assert mmp["incidents"]["incident_id"].is_unique


def test_rows_without_date_or_year_are_kept_and_listed(mmp):
    undated = mmp["incidents"][mmp["incidents"]["year"].isna()]
    assert len(undated) == 13
    listed = mmp["problems"][mmp["problems"]["action"].str.startswith("no incident date or year")]
    assert len(listed) == 13


def test_negative_survivor_counts_are_emptied_and_listed(mmp):
    assert not (mmp["incidents"]["survivors"] < 0).any()
    listed = mmp["problems"][mmp["problems"]["column"] == "survivors"]
    assert sorted(listed["value"].astype(float)) == [-2.0, -1.0, -1.0, -1.0, -1.0]
    assert 1691 in set(listed["row"])  # 2016.MMP00134, survivors -1 in the workbook


def test_a_region_cell_with_two_values_keeps_the_first_and_says_so(mmp):
    problem = mmp["problems"][(mmp["problems"]["row"] == 8487) & (mmp["problems"]["column"] == "region")]
    assert problem["value"].tolist() == ["Mediterranean,North America"]
    assert mmp["incidents"]["region"].iloc[8487 - 2] == "Mediterranean"


def test_country_names_with_commas_are_not_split(mmp):
    hong_kong = mmp["incidents"][mmp["incidents"]["country"] == "China, Hong Kong Special Administrative Region"]
    assert len(hong_kong) == 3
    assert set(hong_kong["location"]) == {344}


def test_iom_spellings_get_their_m49_codes(mmp):
    incidents = mmp["incidents"]
    assert set(incidents.loc[incidents["country"] == "Netherlands", "location"]) == {528}
    assert set(incidents.loc[incidents["country"] == "Côte d'Ivoire", "location"]) == {384}
    assert incidents["location"].notna().all()


def test_a_name_without_a_code_leaves_location_empty_and_is_listed(shared_data):
    result = iom_mmp.read_incidents(shared_data / "iom_mmp" / FILENAME, {"Mexico": 484})
    libya = result["incidents"][result["incidents"]["country"] == "Libya"]
    assert len(libya) == 2069 and libya["location"].isna().all()
    listed = result["problems"][(result["problems"]["column"] == "country") & (result["problems"]["value"] == "Libya")]
    assert "2069 incident(s)" in listed["action"].iloc[0]


def test_a_renamed_column_is_one_clear_line_naming_the_file(tmp_path):
    path = synthetic_iom.write(tmp_path, SAMPLE)["iom-mmp-incidents"]
    frame = pd.read_excel(path, engine="calamine").rename(columns={"Migration Route": "Route"})
    bad = tmp_path / "changed" / FILENAME
    bad.parent.mkdir()
    frame.to_excel(bad, index=False, sheet_name="Worksheet")
    with pytest.raises(DataFileError) as err:
        iom_mmp.read_incidents(bad)
    assert FILENAME in str(err.value) and "missing column(s) Migration Route" in str(err.value)


def test_a_file_that_is_not_a_workbook_is_refused(tmp_path):
    bad = tmp_path / FILENAME
    bad.write_text("not a workbook")
    with pytest.raises(DataFileError, match="not a readable workbook"):
        iom_mmp.read_incidents(bad)


def test_the_synthetic_export_keeps_incidents_at_sea_with_their_route(tmp_path):
    path = synthetic_iom.write(tmp_path, SAMPLE)["iom-mmp-incidents"]
    result = iom_mmp.read_incidents(path, {name: code for code, _, name in SAMPLE})
    at_sea = result["incidents"][result["incidents"]["country"].isna()]
    assert len(at_sea) > 0
    assert at_sea["location"].isna().all() and at_sea["route"].notna().all() and at_sea["region"].notna().all()
    assert set(result["problems"]["column"]) == {"year", "survivors", "region"}
