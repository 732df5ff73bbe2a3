"""The synthetic sample: official layouts, internal consistency, the official classification of its
places, determinism, atomic generation."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from migstats.schema import LOCATION_KINDS
from migstats.store import catalog
from migstats.store import sample as store_sample
from migstats.synthetic import ims as sample

KEYS = {"ims2020-destination", "ims2020-origin", "ims2020-matrix", "ims2020-aggregates",
        "ims2024-destination", "ims2024-origin", "ims2024-matrix", "wpp2024-locations", "m49"}
STORE_KEYS = KEYS | {"wpp2024-indicators", "unhcr-rdf-2024"}
SEX_COLS = {2020: 7, 2024: 8}
SDG_2020 = [947, 1833, 921, 1832, 1830, 1835, 927, 1829]   # official row order of each edition
SDG_2024 = [1834, 1833, 1831, 1832, 1830, 1835, 1836, 1829]
#: Sample countries per SDG region (2024 codes): the 32 countries and areas of sample v2.
SDG_MEMBERS_2024 = {
    1834: [384, 404, 566, 728, 800],           # Côte d'Ivoire, Kenya, Nigeria, South Sudan, Uganda
    1833: [400, 504, 682, 792],                # Jordan, Morocco, Saudi Arabia, Türkiye
    1831: [356, 398, 524, 586, 860],           # India, Kazakhstan, Nepal, Pakistan, Uzbekistan
    1832: [156, 392, 608, 764],                # China, Japan, Philippines, Thailand
    1830: [76, 238, 388, 531, 652],            # Brazil, Falklands, Jamaica, Curaçao, Saint Barthélemy
    1835: [242, 598, 798],                     # Fiji, Papua New Guinea, Tuvalu
    1836: [36, 554],                           # Australia, New Zealand
    1829: [124, 276, 380, 840],                # Canada, Germany, Italy, United States of America
}


def filename(key: str) -> str:
    return catalog.get(key).filename


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    return sample.write_sample(tmp_path_factory.mktemp("sample"), filename)


def table(path: Path, sheet: str = "Table 1") -> pd.DataFrame:
    """A sample table as the readers see it: header on 0-based row 10, '..' = missing."""
    return pd.read_excel(path, sheet_name=sheet, header=10, na_values=[".."], engine="calamine")


def code_column(frame: pd.DataFrame) -> str:
    return "Location code" if "Location code" in frame.columns else frame.columns[4]


def values(frame: pd.DataFrame, edition: int) -> pd.DataFrame:
    """Numeric block of a Table 1 (both sexes, males, females) indexed by location code (first of dupes)."""
    frame = frame.drop_duplicates(subset=code_column(frame))
    block = frame.iloc[:, 5:5 + 3 * SEX_COLS[edition]].astype(float)
    block.index = frame[code_column(frame)].astype(int)
    return block


def members(edition: int) -> dict[int, tuple[int, ...]]:
    places = sample.sample_places()
    return {int(r.code): getattr(r, f"members_{edition}") for r in places.itertuples()
            if edition in r.editions and r.kind not in ("country", "other")}


# --------------------------------------------------------------------------- files and layouts


def test_write_sample_returns_every_declared_key_under_its_official_file_name(files):
    assert set(files) == KEYS
    for key, path in files.items():
        assert path.name == catalog.get(key).filename and path.stat().st_size > 0


def test_2020_destination_has_the_official_sheets_title_block_and_header(files):
    wb = openpyxl.load_workbook(files["ims2020-destination"])
    assert wb.sheetnames == ["Table of contents", *(f"Table {i}" for i in range(1, 7)), "Notes"]
    ws = wb["Table 1"]
    assert ws["E2"].value == "International Migrant Stock 2020: Destination" + sample.MARKER
    assert ws["E3"].value.startswith("Table 1: International migrant stock at mid-year")
    assert ws["E4"].value == "POP/DB/MIG/Stock/Rev.2020"
    assert ws["F8"].value == "International migrant stock at mid-year, both sexes combined"
    assert {str(r) for r in ws.merged_cells.ranges} == {"A8:A10", "F8:L10", "M8:S10", "T8:Z10"}
    header = [c.value for c in ws[11]]
    assert header[:5] == [None, "Region, development group, country or area", "Notes", "Location code",
                          "Type of data"]
    assert header[5:] == [1990, 1995, 2000, 2005, 2010, 2015, 2020] * 3
    assert [ws["B12"].value, ws["D12"].value] == ["WORLD", 900]
    assert wb["Table 5"]["F11"].value == "1990-1995" and wb["Table 5"]["K11"].value == "2015-2020"


def test_2020_names_are_indented_and_footnoted_as_in_the_official_file(files):
    frame = table(files["ims2020-destination"])
    names = dict(zip(frame["Location code"], frame["Region, development group, country or area"],
                     strict=True))
    assert names[903] == " AFRICA" and names[909] == " OCEANIA "
    assert names[910] == "  Eastern Africa" and names[404] == "   Kenya" and names[36] == "   Australia*"
    assert list(frame["Location code"]).count(927) == 2  # SDG region and geographic subregion


def test_missing_values_are_two_dots_in_2020_and_empty_cells_in_2024(files):
    ws20 = openpyxl.load_workbook(files["ims2020-destination"])["Table 1"]
    ws24 = openpyxl.load_workbook(files["ims2024-destination"])["Table 1"]
    row20 = next(r for r in ws20.iter_rows(min_row=12, values_only=True) if r[3] == 728)  # South Sudan
    assert row20[5:9] == ("..",) * 4 and isinstance(row20[9], int)
    barth20 = next(r for r in ws20.iter_rows(min_row=12, values_only=True) if r[3] == 652)
    barth24 = next(r for r in ws24.iter_rows(min_row=12, values_only=True) if r[4] == 652)
    assert set(barth20[5:]) == {".."} and set(barth24[5:]) == {None}


def test_2024_destination_table_1_has_location_code_in_column_e(files):
    ws = openpyxl.load_workbook(files["ims2024-destination"])["Table 1"]
    assert [ws[c].value for c in ("B11", "C11", "D11", "E11", "F11", "M11")] == [
        "Region, development group, country or area", "Coverage", "Data type", "Location code", 1990, 2024]
    assert ws["F2"].value.endswith(sample.MARKER) and ws["C10"].value == "Migrant notes"
    assert [ws["B12"].value, ws["E12"].value, ws["B13"].value, ws["E13"].value] == [
        "World", 900, "Sub-Saharan Africa", 1834]


def test_2024_table_2_mis_headed_location_code_column_holds_data_types_and_years_start_in_e(files):
    ws = openpyxl.load_workbook(files["ims2024-destination"])["Table 2"]
    assert [ws[c].value for c in ("C11", "D11", "E11", "L11", "M11")] == [
        "Population notes", "Location code", 1990, 2024, 1990]
    rows = {r[1]: r for r in ws.iter_rows(min_row=12, values_only=True)}
    assert rows["Kenya"][3] == "B R"          # a data-type code, not 404
    assert rows[" AFRICA"][3] is None and rows["   Australia*"][3] == "B R"
    assert isinstance(rows["World"][4], float)  # population (thousands) from column E


def test_2024_origin_has_index_header_blank_column_d_and_a_final_other_row(files):
    ws = openpyxl.load_workbook(files["ims2024-origin"])["Table 1"]
    assert [ws[c].value for c in ("A11", "B11", "C11", "D11", "E11")] == [
        "Index", "Region, development group, country or area", "Coverage", None, "Location code"]
    last = [c.value for c in ws[ws.max_row]][:5]
    assert last[1] == "OTHER" and last[4] == 2003


def test_matrix_header_follows_the_official_destination_and_origin_layout(files):
    ws20 = openpyxl.load_workbook(files["ims2020-matrix"], read_only=True)["Table 1"]
    ws24 = openpyxl.load_workbook(files["ims2024-matrix"], read_only=True)["Table 1"]
    assert [c.value for c in ws20[11]][:8] == [
        "Index", "Region, development group, country or area of destination", "Notes of destination",
        "Location code of destination", "Type of data of destination",
        "Region, development group, country or area of origin", "Location code of origin", 1990]
    assert [c.value for c in ws24[11]][:8] == [
        "Index", "Region, development group, country or area of destination", "Coverage", "Data type",
        "Location code of destination", "Region, development group, country or area of origin",
        "Location code of origin", 1990]
    assert ws24.max_column == 7 + 3 * 8


@pytest.mark.parametrize(("key", "real"), [
    ("ims2020-destination", "ims2020/undesa_pd_2020_ims_stock_by_sex_and_destination.xlsx"),
    ("ims2024-destination", "ims2024/undesa_pd_2024_ims_stock_by_sex_and_destination.xlsx"),
    ("ims2024-origin", "ims2024/undesa_pd_2024_ims_stock_by_sex_and_origin.xlsx"),
    ("ims2020-aggregates", "ims2020/aggregates_correspondence_table_2020_1.xlsx"),
])
def test_title_block_labels_merges_and_headers_sit_in_the_same_cells_as_the_official_file(
        files, shared_data, key, real):
    official = openpyxl.load_workbook(shared_data / real)
    synthetic = openpyxl.load_workbook(files[key])
    assert synthetic.sheetnames == official.sheetnames
    for name in official.sheetnames:
        if not (name.startswith("Table ") or name == "Annex"):
            continue
        o, s = official[name], synthetic[name]
        assert {str(r) for r in s.merged_cells.ranges} == {str(r) for r in o.merged_cells.ranges}, name
        for row in range(1, 12):
            filled_o = [c.coordinate for c in o[row] if c.value is not None]
            assert [c.coordinate for c in s[row] if c.value is not None] == filled_o, (name, row)
        assert [c.value for c in s[11]] == [c.value for c in o[11]][:s.max_column], name
        assert [c.value for c in s[8]] == [c.value for c in o[8]][:s.max_column], name


def test_text_files_keep_the_official_headers(files, shared_data):
    real = (shared_data / "wpp/wpp2024_rpkg/UNlocations.txt").read_text().splitlines()[0]
    ours = files["wpp2024-locations"].read_text().splitlines()
    assert ours[0] == real and all(len(line.split("\t")) == 41 for line in ours)
    raw = files["m49"].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and not raw.endswith(b"\n")
    assert raw.decode("utf-8-sig").splitlines()[0] == (
        shared_data / "m49/UNSD — Methodology.csv").read_text(encoding="utf-8-sig").splitlines()[0]


def test_m49_csv_is_read_by_the_m49_reader(files):
    from migstats.sources.m49 import read_m49

    m49 = read_m49(files["m49"]).set_index("code")
    assert len(m49) == 32 and m49.loc[384, "name"] == "Côte d’Ivoire" and m49.loc[792, "name"] == "Türkiye"
    assert sorted(m49.index[m49["ldc"]]) == [524, 728, 798, 800]
    assert sorted(m49.index[m49["lldc"]]) == [398, 524, 728, 800, 860]
    assert sorted(m49.index[m49["sids"]]) == [242, 388, 531, 598, 798]
    assert m49.loc[36, "subregion_code"] == 53 and m49.loc[531, "intermediate_region_code"] == 29
    assert m49.loc[840, "subregion_code"] == 21 and m49.loc[798, "subregion_code"] == 61


def test_unlocations_lists_countries_under_their_subregions_with_group_codes(files):
    frame = pd.read_csv(files["wpp2024-locations"], sep="\t", keep_default_na=False)
    kenya = frame.set_index("country_code").loc[404]
    assert (kenya["reg_code"], kenya["area_code"], kenya["location_type"]) == (910, 903, 4)
    assert kenya["agcode_1834000"] == 1834 and kenya["agcode_941000"] == -1 and kenya["agcode_934000"] == 934
    assert list(frame["SortOrder"]) == list(range(1, len(frame) + 1))


def test_annex_membership_columns_carry_the_group_code(files):
    annex = pd.read_excel(files["ims2020-aggregates"], sheet_name="Annex", header=10, engine="calamine")
    nepal = annex.set_index("Location code").loc[524]
    assert nepal["Least developed countries\n941"] == 941 and nepal["ISO3 Alpha-code"] == "NPL"
    assert pd.isna(nepal["More developed regions\n901"]) and nepal["Code.4"] == 921


# --------------------------------------------------------------------------- consistency


@pytest.mark.parametrize("edition", [2020, 2024])
def test_every_aggregate_is_the_sum_of_its_member_countries(files, edition):
    block = values(table(files[f"ims{edition}-destination"]), edition)
    for code, group in members(edition).items():
        expected = block.loc[list(group)].sum(min_count=1)
        np.testing.assert_array_equal(block.loc[code].to_numpy(), expected.to_numpy(), err_msg=str(code))


@pytest.mark.parametrize("edition", [2020, 2024])
def test_both_sexes_equal_males_plus_females(files, edition):
    block = values(table(files[f"ims{edition}-destination"]), edition).to_numpy()
    n = SEX_COLS[edition]
    np.testing.assert_array_equal(block[:, :n], block[:, n:2 * n] + block[:, 2 * n:])


@pytest.mark.parametrize("edition", [2020, 2024])
def test_origin_countries_plus_other_equal_the_world_total_of_the_destination_file(files, edition):
    dest = values(table(files[f"ims{edition}-destination"]), edition)
    origin = values(table(files[f"ims{edition}-origin"]), edition)
    countries = [int(c) for c in sample.sample_places().query("kind == 'country'")["code"]]
    np.testing.assert_array_equal(origin.loc[900], dest.loc[900])
    np.testing.assert_array_equal(origin.loc[countries + [2003]].sum(), origin.loc[900])
    assert origin.loc[2003].min() > 0


@pytest.mark.parametrize("edition", [2020, 2024])
def test_matrix_rows_add_up_to_destination_totals_and_columns_to_origin_totals(files, edition):
    n = 3 * SEX_COLS[edition]
    matrix = pd.read_excel(files[f"ims{edition}-matrix"], sheet_name="Table 1", header=10, na_values=[".."],
                           engine="calamine")
    matrix = matrix.drop_duplicates(subset=["Location code of destination", "Location code of origin"])
    cells = matrix.set_index(["Location code of destination", "Location code of origin"]).iloc[:, -n:]
    dest = values(table(files[f"ims{edition}-destination"]), edition)
    origin = values(table(files[f"ims{edition}-origin"]), edition)
    countries = [int(c) for c in sample.sample_places().query("kind == 'country'")["code"]]
    for d in dest.index:  # the World-origin row is the destination total ...
        np.testing.assert_array_equal(cells.loc[(d, 900)].to_numpy(), dest.loc[d].to_numpy())
        by_origin = cells.loc[d]  # ... and the origin countries plus OTHER add up to it
        parts = by_origin.loc[by_origin.index.isin(countries + [2003])].sum(min_count=1)
        np.testing.assert_array_equal(parts.to_numpy(), dest.loc[d].to_numpy())
    rows = cells.loc[cells.index.get_level_values(0).isin(countries)]
    columns = rows.groupby(level=1).sum()
    for o in columns.index:
        if o in countries or o == 2003:
            np.testing.assert_array_equal(columns.loc[o].to_numpy(), origin.loc[o].fillna(0).to_numpy())


def both_sexes(path: Path, sheet: str, edition: int, width: int | None = None) -> np.ndarray:
    """Both-sexes block of a destination table (one row per Table 1 row)."""
    frame = table(path, sheet)
    start = 4 if (edition == 2024 and sheet == "Table 2") else 5
    return frame.iloc[:, start:start + (width or SEX_COLS[edition])].astype(float).to_numpy()


@pytest.mark.parametrize("edition", [2020, 2024])
def test_table_3_is_the_migrant_stock_as_a_percentage_of_the_table_2_population(files, edition):
    path = files[f"ims{edition}-destination"]
    stock, pop = both_sexes(path, "Table 1", edition), both_sexes(path, "Table 2", edition)
    np.testing.assert_allclose(both_sexes(path, "Table 3", edition), 100 * stock / (pop * 1000), rtol=1e-9)


@pytest.mark.parametrize("edition", [2020, 2024])
def test_table_4_is_female_migrants_as_a_percentage_of_all_migrants(files, edition):
    path = files[f"ims{edition}-destination"]
    n = SEX_COLS[edition]
    stock = table(path).iloc[:, 5:5 + 3 * n].astype(float).to_numpy()
    np.testing.assert_allclose(both_sexes(path, "Table 4", edition), 100 * stock[:, 2 * n:] / stock[:, :n],
                               rtol=1e-12)


@pytest.mark.parametrize("edition", [2020, 2024])
def test_table_5_rates_are_100_ln_ratio_over_the_period_length(files, edition):
    path = files[f"ims{edition}-destination"]
    stock = both_sexes(path, "Table 1", edition)
    spans = np.diff(sample.YEARS[edition])  # 2020-2024 is four years long
    expected = 100 * np.log(stock[:, 1:] / stock[:, :-1]) / spans
    np.testing.assert_allclose(both_sexes(path, "Table 5", edition, len(spans)), expected, rtol=1e-12)
    last = list(table(path, "Table 5").columns)[4 + len(spans)]
    assert (last, spans[-1]) == (("2015-2020", 5) if edition == 2020 else ("2020-2024", 4))


def test_2020_refugee_table_gives_shares_of_the_migrant_stock_and_tildes_for_small_numbers(files):
    t6 = table(files["ims2020-destination"], "Table 6").drop_duplicates(subset="Location code")
    stock = values(table(files["ims2020-destination"]), 2020)
    t6 = t6.set_index("Location code")
    kenya = t6.loc[404].iloc[4:].to_numpy()
    np.testing.assert_allclose(kenya[7:14].astype(float), 100 * kenya[:7].astype(float)
                               / stock.loc[404].to_numpy()[:7])
    assert set(t6.loc[238].iloc[4:]) == {"~"}  # Falkland Islands: fewer than five refugees


def test_the_2024_edition_revises_the_2020_figures(files):
    world20 = values(table(files["ims2020-destination"]), 2020).loc[900]
    world24 = values(table(files["ims2024-destination"]), 2024).loc[900]
    assert world20.iloc[6] != world24.iloc[6] and world24.iloc[7] > 1e6


def test_sample_places_describes_the_rows_of_the_workbooks(files):
    places = sample.sample_places()
    assert set(places["kind"]) <= set(LOCATION_KINDS)
    assert places["code"].is_unique
    for edition in (2020, 2024):
        codes = set(table(files[f"ims{edition}-destination"])[code_column(
            table(files[f"ims{edition}-destination"]))].astype(int))
        listed = {int(c) for c, eds in zip(places["code"], places["editions"], strict=True)
                  if edition in eds and c != 2003}
        assert codes == listed
    assert places.set_index("code").loc[927, "kind"] == "subregion"


# --------------------------------------------------------------------------- coverage: all eight SDG regions


@pytest.mark.parametrize(("edition", "sdg"), [(2020, SDG_2020), (2024, SDG_2024)])
def test_every_edition_has_the_eight_sdg_regions_in_the_official_order(files, edition, sdg):
    frame = table(files[f"ims{edition}-destination"])
    codes = list(frame[code_column(frame)].astype(int))
    assert codes[1:9] == sdg
    places = members(edition)
    assert all(len(places[code]) >= 2 for code in sdg)


def test_the_2024_sdg_regions_1829_to_1836_hold_the_declared_countries(files):
    places = sample.sample_places().set_index("code")
    groups = {code: sorted(places.loc[code, "members_2024"]) for code in range(1829, 1837)}
    assert groups == {code: sorted(m) for code, m in SDG_MEMBERS_2024.items()}
    countries = places[places["kind"] == "country"]
    assert len(countries) == 32 and countries["sdg_region_2024"].value_counts().min() >= 2
    assert sorted(countries.index) == sorted(c for m in SDG_MEMBERS_2024.values() for c in m)
    assert list(sample.SDG_NAMES_2024) == SDG_2024


def test_sdg_regions_cut_across_geographic_regions(files):
    places = sample.sample_places().set_index("code")
    regions = places[places["kind"] == "country"].groupby("sdg_region_2024")["region"].agg(set)
    assert regions[1833] == {903, 935}           # Morocco in Africa, the rest in Asia
    assert regions[1829] == {908, 905}           # Europe and Northern America
    assert regions[1835] == regions[1836] == {909}


def test_names_and_markers_follow_each_edition(files):
    t20 = table(files["ims2020-destination"]).set_index("Location code")
    t24 = table(files["ims2024-destination"])
    t24 = t24.set_index(code_column(t24))
    name = "Region, development group, country or area"
    assert (t20.loc[792, name], t24.loc[792, name]) == ("   Turkey", "Türkiye")
    assert (t20.loc[156, name], t24.loc[156, name]) == ("   China*", "China")
    assert (t20.loc[957, name], t24.loc[957, name]) == ("  Polynesia*", "Polynesia*")
    assert (t20.loc[905, name], t24.loc[905, name]) == (" NORTHERN AMERICA", "NORTHERN AMERICA")
    assert (t20.loc[1835, name], t24.loc[1835, name]) == (
        "  Oceania (excluding Australia and New Zealand)", "Oceania (excluding Australia and New Zealand)")
    assert sample.sample_places().set_index("code").loc[792, "name"] == "Türkiye"


@pytest.mark.parametrize("edition", [2020, 2024])
def test_northern_americas_countries_follow_the_region_row_without_a_subregion(files, edition):
    frame = table(files[f"ims{edition}-destination"])
    codes = list(frame[code_column(frame)].astype(int))
    at = codes.index(905)
    assert codes[at:at + 4] == [905, 124, 840, 909]
    places = sample.sample_places().set_index("code")
    assert places.loc[840, "parent"] == 905 and pd.isna(places.loc[840, "subregion"])
    assert places.loc[905, "members_2024"] == (124, 840)


def test_less_developed_regions_excluding_china_leave_china_out(files):
    places = sample.sample_places().set_index("code")
    for edition in (2020, 2024):
        less, excl = places.loc[902, f"members_{edition}"], places.loc[948, f"members_{edition}"]
        assert 156 in less and 156 not in excl and set(excl) == set(less) - {156}


# --------------------------------------------------------------------------- the official classification

_OFFICIAL_T1 = {2020: "ims2020/undesa_pd_2020_ims_stock_by_sex_and_destination.xlsx",
                2024: "ims2024/undesa_pd_2024_ims_stock_by_sex_and_destination.xlsx"}


def _lead(path: Path, edition: int, sheet: str = "Table 1") -> pd.DataFrame:
    """Name, code and data type of every row (raw strings: indentation and '*' kept)."""
    frame = pd.read_excel(path, sheet_name=sheet, header=10, engine="calamine", dtype=object)
    if edition == 2024 and sheet == "Table 2":
        return pd.DataFrame({"name": frame.iloc[:, 1], "type": frame.iloc[:, 3]})
    code, dtype = (3, 4) if edition == 2020 else (4, 3)
    return pd.DataFrame({"name": frame.iloc[:, 1], "code": frame.iloc[:, code].astype(int),
                         "type": frame.iloc[:, dtype].fillna("").astype(str).str.strip()})


@pytest.mark.parametrize("edition", [2020, 2024])
def test_rows_have_the_official_names_codes_data_types_and_order(files, shared_data, edition):
    ours = _lead(files[f"ims{edition}-destination"], edition)
    real = _lead(shared_data / _OFFICIAL_T1[edition], edition)
    real = real[real["code"].isin(set(ours["code"]))].reset_index(drop=True)
    assert list(ours["code"]) == list(real["code"])          # same rows, same order (927 twice in 2020)
    assert list(ours["name"]) == list(real["name"])          # indentation and '*' as printed
    countries = ours["code"] < 900
    with_data = countries & (ours["type"] != "")
    assert list(ours.loc[with_data, "type"]) == list(real.loc[with_data, "type"])
    if edition == 2024:  # Table 2 keeps its own indentation
        ours2 = _lead(files["ims2024-destination"], 2024, "Table 2")
        real2 = _lead(shared_data / _OFFICIAL_T1[2024], 2024, "Table 2").loc[
            _lead(shared_data / _OFFICIAL_T1[2024], 2024)["code"].isin(set(ours["code"]))]
        assert list(ours2["name"]) == list(real2["name"])


def test_annex_classification_matches_the_official_2020_table(files, shared_data):
    def annex(path: Path) -> pd.DataFrame:
        frame = pd.read_excel(path, sheet_name="Annex", header=10, engine="calamine")
        frame = frame[pd.to_numeric(frame["Location code"], errors="coerce").notna()]
        return frame.drop_duplicates("Location code", keep="last").set_index("Location code")

    ours = annex(files["ims2020-aggregates"])
    real = annex(shared_data / "ims2020/aggregates_correspondence_table_2020_1.xlsx").loc[ours.index]
    groups = [c for c in real.columns if "\n" in str(c)]
    cols = ["Region, subregion, country or area*", "ISO3 Alpha-code", "Code", "Name", "Unnamed: 7", "Code.1",
            "Code.2", "Name.1", "Code.3", "Name.2", "Code.4", "Name.3", "Code.5", "Name.4", *groups]
    countries = ours.index < 900
    pd.testing.assert_frame_equal(ours.loc[countries, cols], real.loc[countries, cols], check_dtype=False)
    aggregates = ~countries & (ours.index != 900)
    pd.testing.assert_frame_equal(ours.loc[aggregates, ["Code", "Name", "Unnamed: 7"]],
                                  real.loc[aggregates, ["Code", "Name", "Unnamed: 7"]], check_dtype=False)


def test_unlocations_classification_matches_the_official_wpp_hierarchy(files, shared_data):
    def read(path: Path) -> pd.DataFrame:
        return pd.read_csv(path, sep="\t", keep_default_na=False).set_index("country_code")

    ours = read(files["wpp2024-locations"])
    real = read(shared_data / "wpp/wpp2024_rpkg/UNlocations.txt").loc[ours.index]
    cols = [c for c in ours.columns if c != "SortOrder"]
    pd.testing.assert_frame_equal(ours[cols], real[cols], check_dtype=False)
    assert list(ours.index) == list(real.sort_values("SortOrder").index)   # official order


def test_m49_rows_are_the_official_rows_in_the_official_order(files, shared_data):
    def rows(path: Path) -> list[str]:
        return path.read_text(encoding="utf-8-sig").splitlines()[1:]

    ours = rows(files["m49"])
    real = [line for line in rows(shared_data / "m49/UNSD — Methodology.csv") if line in set(ours)]
    assert ours == real and len(ours) == 32


# --------------------------------------------------------------------------- determinism and caching


def test_sample_dir_is_generated_once_with_a_manifest(tmp_path):
    folder = store_sample.sample_dir(tmp_path)
    assert folder == tmp_path / "sample" / f"v{store_sample.VERSION}"
    assert store_sample.VERSION.startswith(f"{sample.SAMPLE_VERSION}.")
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["synthetic"] is True and set(manifest["files"]) >= STORE_KEYS
    stamp = (folder / "manifest.json").stat().st_mtime_ns
    assert store_sample.sample_dir(tmp_path) == folder
    assert (folder / "manifest.json").stat().st_mtime_ns == stamp
    assert store_sample.sample_files(tmp_path)["m49"] == folder / "UNSD — Methodology.csv"


def test_the_same_version_always_writes_byte_identical_files(files, tmp_path):
    manifest = json.loads((store_sample.sample_dir(tmp_path) / "manifest.json").read_text())
    for key, path in files.items():
        assert hashlib.sha256(path.read_bytes()).hexdigest() == manifest["files"][key]["sha256"], key
    again = sample.write_sample(tmp_path / "again", filename)
    for key, path in files.items():
        assert again[key].read_bytes() == path.read_bytes(), key


# Both processes write slowly, so that they overlap; the rename decides which folder is kept.
_RACE = """
import sys, time
from pathlib import Path
from migstats.store import sample
def slow(folder):
    time.sleep(1.0)
    path = Path(folder) / "one.txt"
    path.write_text("x")
    return {"m49": path}
sample._write_all = slow
print(sample.sample_dir(Path(sys.argv[1])))
"""


def test_two_processes_generating_the_sample_at_once_both_get_a_complete_folder(tmp_path):
    procs = [subprocess.Popen([sys.executable, "-c", _RACE, str(tmp_path)], stdout=subprocess.PIPE, text=True)
             for _ in range(2)]
    outs = [p.communicate(timeout=60)[0].strip() for p in procs]
    assert [p.returncode for p in procs] == [0, 0] and outs[0] == outs[1]
    assert sorted(p.name for p in (tmp_path / "sample").iterdir()) == [f"v{store_sample.VERSION}"]
    assert sorted(p.name for p in Path(outs[0]).iterdir()) == ["manifest.json", "one.txt"]
