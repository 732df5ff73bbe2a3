"""UNHCR readers: two Refugee Data Finder layouts and the R package, controls from PROVENANCE §9."""

from __future__ import annotations

import pytest

from migstats.errors import DataFileError
from migstats.sources.m49 import iso3_to_m49, read_m49
from migstats.sources.unhcr import SPECIAL_CODES, read_rdf, read_rpkg
from migstats.store import Store, catalog
from migstats.synthetic import ims as ims_sample
from migstats.synthetic.unhcr import write as write_sample_unhcr


@pytest.fixture(scope="module")
def iso3(shared_data):
    return iso3_to_m49(read_m49(shared_data / "m49/UNSD — Methodology.csv"))


def _totals(population, measure):
    return population[population["measure"] == measure].groupby("year")["value"].sum()


@pytest.fixture(scope="module")
def rdf2024(shared_data, iso3):
    return read_rdf(shared_data / "unhcr/rdf_2024/population.csv", iso3)["population"]


@pytest.fixture(scope="module")
def rdf2021(shared_data, iso3):
    return read_rdf(shared_data / "unhcr/rdf_2021/population.csv", iso3)["population"]


def test_2024_export_totals_for_2023(rdf2024):
    y2023 = rdf2024[rdf2024["year"] == 2023].groupby("measure")["value"].sum()
    assert y2023["refugees"] == 31_637_408
    assert y2023["asylum_seekers"] == 6_858_499
    assert y2023["idps"] == 63_251_367
    assert y2023["oip"] == 5_755_363
    assert y2023["stateless"] == 4_358_188


def test_2020_refugees_differ_between_the_two_releases(rdf2024, rdf2021):
    assert _totals(rdf2021, "refugees")[2020] == 20_676_358
    assert _totals(rdf2024, "refugees")[2020] == 20_661_846


def test_release_ids_come_from_the_preamble(rdf2024, rdf2021):
    assert set(rdf2024["release"]) == {"rdf-2024-06-13"}
    assert set(rdf2021["release"]) == {"rdf-2021-03-07"}


def test_2021_layout_keeps_venezuelans_displaced_abroad_and_has_no_dash_cells(rdf2021):
    assert "vda" in set(rdf2021["measure"]) and "oip" not in set(rdf2021["measure"])
    assert set(rdf2021["year"]) == set(range(2015, 2021))


def test_not_applicable_cells_are_absent_not_zero(rdf2024):
    oip = rdf2024[rdf2024["measure"] == "oip"]
    assert oip["year"].min() >= 2017  # '-' before the category existed


def test_unhcr_special_categories_get_documented_codes(rdf2024, rdf2021):
    for frame in (rdf2024, rdf2021):
        specials = set(frame.loc[frame["origin"] > 9000, "origin"])
        assert specials == {code for code, _ in SPECIAL_CODES.values()}
    # 2021: the Unknown origin has an empty ISO cell and is still mapped (279 rows in the CSV)
    unknown = rdf2021[rdf2021["origin"] == SPECIAL_CODES["UNK"][0]]
    assert unknown.groupby(["year", "asylum"]).ngroups == 279


def test_registry_picks_each_population_csv_by_checksum(shared_data):
    store = Store.open("official")
    assert store.find("unhcr-rdf-2024").path.parent.name == "rdf_2024"
    assert store.find("unhcr-rdf-2021").path.parent.name == "rdf_2021"
    assert store.find("unhcr-rdf-2021").verified


def test_r_package_reader_totals(shared_data, iso3):
    population = read_rpkg(shared_data / "unhcr/refugees_rpkg/population.rda", iso3)["population"]
    refugees = _totals(population, "refugees")
    assert (refugees[2023], refugees[2024], refugees[2025]) == (31_637_408, 30_958_200, 28_461_306)
    assert _totals(population, "asylum_seekers")[2024] == 8_352_712
    assert population["year"].min() == 1951


# --------------------------------------------------------------------------- synthetic files and bad input


@pytest.fixture
def sample(tmp_path):
    path = write_sample_unhcr(tmp_path)
    files = ims_sample.write_sample(tmp_path, lambda key: catalog.get(key).filename)
    return path, iso3_to_m49(read_m49(files["m49"]))


def test_sample_export_reads_with_the_same_reader(sample):
    path, codes = sample
    tables = read_rdf(path, codes)
    population = tables["population"]
    assert set(population["year"]) == set(range(2015, 2024))
    assert set(population["asylum"]) == {c.code for c in ims_sample.COUNTRIES if not c.no_data}
    assert tables["problems"].empty


def test_changed_preamble_is_reported(sample, tmp_path):
    path, codes = sample
    lines = path.read_text().splitlines()
    bad = tmp_path / "short.csv"
    bad.write_text("\n".join(lines[:4] + lines[5:]))  # the blank line 5 removed
    with pytest.raises(DataFileError, match="14-line preamble.*header on line 14") as err:
        read_rdf(bad, codes)
    assert str(bad) in str(err.value) and "\n" not in str(err.value)


def test_renamed_column_is_reported(sample, tmp_path):
    path, codes = sample
    bad = tmp_path / "renamed.csv"
    bad.write_text(path.read_text().replace("Asylum-seekers", "Asylum seekers"))
    with pytest.raises(DataFileError, match="missing column.*Asylum-seekers"):
        read_rdf(bad, codes)


def test_truncated_export_is_reported(sample, tmp_path):
    path, codes = sample
    text = path.read_text()
    bad = tmp_path / "cut.csv"
    bad.write_text(text[: text.rfind(",", 0, len(text) - 30)])
    with pytest.raises(DataFileError, match=r"has \d+ cells, the header 12 \(truncated file\?\)"):
        read_rdf(bad, codes)


def test_unknown_iso3_is_an_error_by_default(sample, tmp_path):
    path, codes = sample
    bad = tmp_path / "zzz.csv"
    bad.write_text(path.read_text().replace(",Kenya,KEN,", ",Atlantis,ZZZ,"))
    with pytest.raises(DataFileError, match="unknown country code.*ZZZ"):
        read_rdf(bad, codes)


def test_unknown_iso3_can_be_set_aside_and_is_reported(sample, tmp_path):
    path, codes = sample
    bad = tmp_path / "zzz.csv"
    text = path.read_text()
    bad.write_text(text.replace(",Kenya,KEN,", ",Atlantis,ZZZ,"))
    with pytest.warns(UserWarning, match="ZZZ"):
        tables = read_rdf(bad, codes, on_unknown="report")
    problems = tables["problems"]
    assert set(problems["code"]) == {"ZZZ"} and set(problems["name"]) == {"Atlantis"}
    assert problems["rows"].sum() == text.count(",Kenya,KEN,")
    assert 404 not in set(tables["population"]["origin"]) | set(tables["population"]["asylum"])


def test_sample_mode_is_synthetic(no_mirror):
    unhcr = Store.open("sample").unhcr()
    assert unhcr.synthetic and "SYNTHETIC SAMPLE" in unhcr.label
    assert unhcr.years == list(range(2015, 2024))
