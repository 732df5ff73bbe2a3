"""The World Bank WDI remittances reader (gdidata .rda): controls from PROVENANCE §13, codes, sample."""

from __future__ import annotations

import pandas as pd
import pyreadr
import pytest

from migstats.errors import DataFileError
from migstats.sources import wdi
from migstats.sources.m49 import iso3_to_m49, read_m49
from migstats.synthetic import wdi as synthetic_wdi

SAMPLE = [(356, "IND", "India"), (484, "MEX", "Mexico"), (276, "DEU", "Germany")]


@pytest.fixture(scope="module")
def remittances(shared_data):
    codes = iso3_to_m49(read_m49(shared_data / "m49" / "UNSD — Methodology.csv"))
    return wdi.read_wdi(shared_data / "wdi" / "gdidata_wdi.rda", codes)


def _usd(table: pd.DataFrame, location: int, indicator: str, year: int) -> float:
    rows = table[(table["location"] == location) & (table["indicator"] == indicator) & (table["year"] == year)]
    assert len(rows) == 1
    return float(rows["value"].iloc[0])


def test_india_remittances_received_2022_and_2023(remittances):
    table = remittances["remittances"]
    assert _usd(table, 356, "remittances_received_usd", 2022) / 1e9 == pytest.approx(111.22, abs=0.005)
    assert _usd(table, 356, "remittances_received_usd", 2023) / 1e9 == pytest.approx(119.53, abs=0.005)


def test_mexico_and_philippines_received_2023(remittances):
    table = remittances["remittances"]
    assert _usd(table, 484, "remittances_received_usd", 2023) / 1e9 == pytest.approx(66.2, abs=0.05)
    assert _usd(table, 608, "remittances_received_usd", 2023) / 1e9 == pytest.approx(39.1, abs=0.05)


def test_india_remittances_paid_2023(remittances):
    assert _usd(remittances["remittances"], 356, "remittances_paid_usd", 2023) == pytest.approx(1.235907e10, rel=1e-6)


def test_only_the_three_remittance_variables_are_read(remittances):
    assert set(remittances["remittances"]["indicator"]) == {"remittances_received_usd", "remittances_paid_usd",
                                                            "gdp_usd"}


def test_channel_islands_get_m49_830(remittances):
    table = remittances["remittances"]
    assert set(table.loc[table["iso3"] == "CHI", "location"]) == {830}


def test_kosovo_is_kept_without_a_location_and_listed(remittances):
    table = remittances["remittances"]
    kosovo = table[table["iso3"] == "XKX"]
    assert len(kosovo) == 56 and kosovo["location"].isna().all()
    assert remittances["unmapped"].set_index("iso3").loc["XKX", "rows"] == 56
    assert remittances["unmapped"]["iso3"].tolist() == ["XKX"]


def test_a_renamed_column_is_one_clear_line_naming_the_file(tmp_path):
    frame = pd.DataFrame({"geo": ["IND"], "var": ["remin"], "year": [2023], "v": [1.0]})
    bad = tmp_path / "gdidata_wdi.rda"
    pyreadr.write_rdata(str(bad), frame, df_name="wdi")
    with pytest.raises(DataFileError) as err:
        wdi.read_wdi(bad)
    assert "gdidata_wdi.rda" in str(err.value) and "missing column(s) t" in str(err.value)


def test_a_file_without_the_wdi_object_is_refused(tmp_path):
    bad = tmp_path / "gdidata_wdi.rda"
    pyreadr.write_rdata(str(bad), pd.DataFrame({"x": [1]}), df_name="other")
    with pytest.raises(DataFileError, match="no object 'wdi'"):
        wdi.read_wdi(bad)


def test_the_reader_reads_the_synthetic_file(tmp_path):
    path = synthetic_wdi.write(tmp_path, SAMPLE)["wdi-remittances"]
    result = wdi.read_wdi(path, {iso3: code for code, iso3, _ in SAMPLE})
    table = result["remittances"]
    assert set(table["location"].dropna()) == {356, 484, 276}
    assert table.loc[table["location"] == 276, "indicator"].nunique() == 2  # the sample's last country pays nothing
    assert result["unmapped"]["iso3"].tolist() == ["XKX"]
