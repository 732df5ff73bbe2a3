"""The UNSD M49 table: read as published, controls from PROVENANCE §6."""

from __future__ import annotations

import pytest

from migstats.errors import DataFileError
from migstats.sources.m49 import OUTPUT_COLUMNS, iso3_to_m49, read_m49

M49_FILE = "m49/UNSD — Methodology.csv"
HEADER = (
    "Global Code;Global Name;Region Code;Region Name;Sub-region Code;Sub-region Name;"
    "Intermediate Region Code;Intermediate Region Name;Country or Area;M49 Code;ISO-alpha2 Code;"
    "ISO-alpha3 Code;Least Developed Countries (LDC);Land Locked Developing Countries (LLDC);"
    "Small Island Developing States (SIDS)"
)


@pytest.fixture(scope="module")
def m49(shared_data):
    return read_m49(shared_data / M49_FILE)


def test_official_file_has_248_areas_in_the_documented_regions(m49):
    assert len(m49) == 248
    assert list(m49.columns) == OUTPUT_COLUMNS
    counts = m49["region"].value_counts().to_dict()
    assert counts == {"Africa": 60, "Americas": 57, "Asia": 50, "Europe": 51, "Oceania": 29}
    assert m49["region"].isna().sum() == 1  # Antarctica


def test_official_file_flags_ldc_lldc_sids(m49):
    assert (int(m49["ldc"].sum()), int(m49["lldc"].sum()), int(m49["sids"].sum())) == (44, 32, 53)
    assert m49["subregion"].nunique() == 17
    assert m49["intermediate_region"].nunique() == 7


def test_zero_padded_codes_become_integers_and_namibia_keeps_iso2_na(m49):
    algeria = m49.loc[m49["code"] == 12].iloc[0]
    assert (algeria["name"], algeria["iso3"], algeria["region_code"]) == ("Algeria", "DZA", 2)
    assert m49.loc[m49["code"] == 516, "iso2"].item() == "NA"


def test_iso3_lookup_covers_every_area(m49):
    lookup = iso3_to_m49(m49)
    assert len(lookup) == 248
    assert (lookup["USA"], lookup["DEU"], lookup["CIV"], lookup["TUR"]) == (840, 276, 384, 792)


def test_a_file_in_another_layout_is_reported_in_one_line(tmp_path):
    bad = tmp_path / "m49.csv"
    bad.write_text(HEADER.replace("M49 Code", "Code") + "\n001;World;;;;;;;X;004;AF;AFG;x;x;\n")
    with pytest.raises(DataFileError, match="missing column.*M49 Code") as err:
        read_m49(bad)
    assert "\n" not in str(err.value) and str(bad) in str(err.value)


def test_a_row_without_numeric_code_is_reported(tmp_path):
    bad = tmp_path / "m49.csv"
    bad.write_text(HEADER + "\n001;World;142;Asia;034;Southern Asia;;;Afghanistan;AFG;AF;AFG;x;x;\n",
                   encoding="utf-8-sig")
    with pytest.raises(DataFileError, match="without a numeric M49 code.*Afghanistan"):
        read_m49(bad)


def test_a_hand_written_file_in_the_official_layout_reads(tmp_path):
    good = tmp_path / "m49.csv"
    good.write_text(HEADER + "\n001;World;142;Asia;034;Southern Asia;;;Afghanistan;004;AF;AFG;x;x;\n",
                    encoding="utf-8-sig")
    row = read_m49(good).iloc[0]
    flags = (row["code"], row["subregion_code"], row["ldc"], row["lldc"], row["sids"])
    assert flags == (4, 34, True, True, False)
