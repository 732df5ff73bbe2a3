"""WPP 2024 demographic indicators: the reader on the derived subset (PROVENANCE §8) and on a synthetic
file in the publisher's 67-column layout."""

from __future__ import annotations

import gzip

import pandas as pd
import pytest

from migstats.errors import DataFileError
from migstats.sources.wpp import read_wpp_indicators, wide_indicators
from migstats.store import Store
from migstats.synthetic.wpp import OFFICIAL_HEADER, SAMPLE_AGGREGATES, SAMPLE_COUNTRIES
from migstats.synthetic.wpp import write as write_sample_wpp

DERIVED = "wpp/WPP2024_annual_indicators_DERIVED_from_wpp2024_Rpkg.csv"


@pytest.fixture(scope="module")
def real(shared_data):
    return wide_indicators(read_wpp_indicators(shared_data / DERIVED)["indicators"]).set_index(
        ["location", "year"])


@pytest.fixture(scope="module")
def sample_file(tmp_path_factory):
    return write_sample_wpp(tmp_path_factory.mktemp("wpp"))


def test_world_net_migration_is_zero_every_year(real):
    assert (real.loc[900, "net_migration"] == 0).all()
    assert len(real.loc[900]) == 151  # 1950–2100


def test_world_2023_births_deaths_in_persons(real):
    world = real.loc[(900, 2023)]
    assert (world["births"], world["deaths"], world["natural_change"]) == (132_110_264, 61_651_608, 70_458_656)
    assert world["variant"] == "estimates"
    assert real.loc[(900, 2024), "variant"] == "medium"


def test_sdg_region_net_migration_2023_matches_provenance(real):
    expected = {1834: 684_709, 1833: 134_225, 1831: -3_386_165, 1832: -472_622, 1830: -372_548,
                1835: -15_798, 1836: 161_636, 1829: 3_266_569}
    got = {code: real.loc[(code, 2023), "net_migration"] for code in expected}
    assert got == expected
    assert real.loc[(1836, 2023), "cnmr"] == pytest.approx(5.111)


def test_country_rows_sum_to_zero_net_migration(real):
    countries = real.loc[real.index.get_level_values("location") < 900]
    assert countries.xs(2023, level="year")["net_migration"].sum() == pytest.approx(0, abs=1)


def test_country_examples(real):
    assert real.loc[(840, 2023), "net_migration"] == 1_322_668
    assert real.loc[(276, 2022), "net_migration"] == 981_552
    assert real.loc[(804, 2022), "net_migration"] == -5_699_445
    assert real.loc[(900, 2024), "population_end_year"] == 8_196_980_849


def test_derived_file_has_no_mid_year_population(real):
    assert "population_mid_year" not in real.columns


def test_registry_verifies_the_derived_file(shared_data):
    source = Store.open("official").find("wpp2024-derived")
    assert source.verified and source.path.name.startswith("WPP2024_annual_indicators_DERIVED")


# --------------------------------------------------------------------------- official layout (synthetic)


def test_sample_file_is_gzipped_csv_with_the_official_header(sample_file):
    with gzip.open(sample_file, "rt", encoding="utf-8-sig") as fh:
        header = fh.readline().strip().split(",")
    assert header == OFFICIAL_HEADER and len(header) == 67


def test_same_reader_reads_the_official_layout_with_mid_year_population(sample_file):
    wide = wide_indicators(read_wpp_indicators(sample_file)["indicators"]).set_index(["location", "year"])
    assert {"population_mid_year", "population_jan1", "net_migration", "cnmr"} <= set(wide.columns)
    assert set(wide.index.get_level_values("location")) == set(SAMPLE_COUNTRIES) | set(SAMPLE_AGGREGATES)
    assert wide.loc[(404, 2023), "variant"] == "estimates" and wide.loc[(404, 2024), "variant"] == "medium"


def test_sample_aggregates_are_sums_and_world_migration_balances(sample_file):
    wide = wide_indicators(read_wpp_indicators(sample_file)["indicators"]).set_index(["location", "year"])
    y2030 = wide.xs(2030, level="year")
    members = [c for c, (_, region) in SAMPLE_COUNTRIES.items() if region == 1830]
    assert y2030.loc[1830, "births"] == pytest.approx(y2030.loc[members, "births"].sum(), abs=1)
    assert (wide.loc[900, "net_migration"].abs() <= 1).all()


def test_sample_is_written_deterministically(tmp_path, sample_file):
    assert write_sample_wpp(tmp_path).read_bytes() == sample_file.read_bytes()


def test_sample_mode_is_marked_synthetic_and_cached(no_mirror, monkeypatch):
    wpp = Store.open("sample").wpp()
    assert wpp.synthetic and "SYNTHETIC SAMPLE" in wpp.label
    monkeypatch.setattr("migstats.sources.wpp.read_wpp_indicators", lambda path: pytest.fail("parsed again"))
    again = Store.open("sample").wpp()
    pd.testing.assert_frame_equal(again.indicators, wpp.indicators)


# --------------------------------------------------------------------------- bad input


def _plain_sample(sample_file, tmp_path) -> str:
    with gzip.open(sample_file, "rt", encoding="utf-8-sig") as fh:
        return fh.read()


def test_truncated_gzip_is_reported(sample_file, tmp_path):
    cut = tmp_path / "WPP2024_Demographic_Indicators_Medium.csv.gz"
    cut.write_bytes(sample_file.read_bytes()[:5000])
    with pytest.raises(DataFileError, match="truncated") as err:
        read_wpp_indicators(cut)
    assert str(cut) in str(err.value) and "\n" not in str(err.value)


def test_csv_cut_mid_row_is_reported(sample_file, tmp_path):
    text = _plain_sample(sample_file, tmp_path)
    cut = tmp_path / "indicators.csv"
    # cut in the middle of a row, after its Variant cell: Time and every measure of that row are missing
    cut.write_text(text[: text.rfind(",Medium,", 0, len(text) // 2) + len(",Medium,")])
    with pytest.raises(DataFileError, match="required cells empty"):
        read_wpp_indicators(cut)


def test_renamed_column_is_reported(sample_file, tmp_path):
    bad = tmp_path / "indicators.csv"
    bad.write_text(_plain_sample(sample_file, tmp_path).replace("NetMigrations", "NetMigration", 1))
    with pytest.raises(DataFileError, match="missing column.*NetMigrations"):
        read_wpp_indicators(bad)


def test_non_numeric_value_is_reported_with_its_line(tmp_path):
    bad = tmp_path / "indicators.csv"
    bad.write_text("LocID,Location,Variant,Time,Births,Deaths,NatChange,NetMigrations,PopChange\n"
                   "4,Afghanistan,Medium,2024,1.0,0.5,0.5,n/a,0.5\n")
    with pytest.raises(DataFileError, match="non-numeric NetMigrations 'n/a' on line 2"):
        read_wpp_indicators(bad)
