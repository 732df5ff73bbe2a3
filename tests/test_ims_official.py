"""IMS readers on the unmodified official workbooks (skipped without the mirror).

Every number asserted here is printed in the workbook (see shared/data/PROVENANCE.md §2–3).
"""

from __future__ import annotations

import pandas as pd
import pytest

import migstats


def _value(frame, code, year, sex="both", key="destination"):
    row = frame[(frame[key] == code) & (frame["year"] == year) & (frame["sex"] == sex)]
    assert len(row) == 1, (code, year, sex)
    return row["value"].iloc[0]


def test_world_2020_edition_reads_as_printed(ims2020):
    assert _value(ims2020.stock, 900, 2020) == 280_598_105
    assert _value(ims2020.stock, 900, 2020, "male") == 145_655_844
    assert _value(ims2020.stock, 900, 2020, "female") == 134_942_261
    assert _value(ims2020.stock, 900, 1990) == 152_986_157


def test_world_2024_edition_revises_2020(ims2024):
    assert _value(ims2024.stock, 900, 2024) == 304_021_813
    assert _value(ims2024.stock, 900, 2020) == 275_284_032  # 280,598,105 in the 2020 edition
    assert _value(ims2024.stock, 900, 2024, "male") == 158_009_795


def test_every_frame_carries_its_edition(ims2020, ims2024):
    for ims in (ims2020, ims2024):
        for frame in (ims.stock, ims.population, ims.share, ims.rate, ims.locations, ims.membership):
            assert set(frame["edition"]) == {ims.edition}


@pytest.mark.parametrize(
    "code, value",
    [(1834, 24_306_400), (1833, 54_085_710), (1831, 20_369_652), (1832, 22_588_980), (1830, 17_510_527),
     (1835, 321_771), (1836, 9_579_393), (1829, 155_259_380)],
)
def test_sdg_regions_2024(ims2024, code, value):
    assert _value(ims2024.stock, code, 2024) == value


@pytest.mark.parametrize(
    "code, value",
    [(947, 22_221_538), (1833, 49_767_746), (921, 19_427_576), (1832, 19_591_106), (1830, 14_794_623),
     (1835, 313_069), (927, 9_067_584), (1829, 145_414_863)],
)
def test_sdg_regions_2020_use_the_2020_codes(ims2020, code, value):
    assert _value(ims2020.stock, code, 2020) == value


def test_top_destinations_2024(ims2024):
    countries = ims2024.locations.loc[ims2024.locations["kind"] == "country", "code"]
    s = ims2024.stock[(ims2024.stock["year"] == 2024) & (ims2024.stock["sex"] == "both")
                      & ims2024.stock["destination"].isin(countries)]
    top = s.nlargest(3, "value")
    assert top["destination"].tolist() == [840, 276, 682]
    assert top["value"].tolist() == [52_375_047, 16_750_084, 13_683_841]


def test_population_is_in_persons(ims2020, ims2024):
    # Table 2 prints thousands: 7,794,798.729 and 8,161,972.572
    assert _value(ims2020.population, 900, 2020, key="location") == 7_794_798_729
    assert _value(ims2024.population, 900, 2024, key="location") == 8_161_972_572


def test_2024_population_table_is_joined_by_row_index(ims2024):
    # Table 2 of 2024 has no location codes; its rows must land on Table 1's codes.
    pop = ims2024.population[(ims2024.population["year"] == 2024) & (ims2024.population["sex"] == "both")]
    assert set(pop["location"]) == set(ims2024.stock["destination"])
    assert _value(ims2024.population, 1834, 2024, key="location") == 1_243_009_511


def test_missing_cells_become_nan_not_zero(ims2020, ims2024):
    # 2020 prints '..' for South Sudan before independence; 2024 leaves Saint Barthélemy's cells empty.
    assert pd.isna(_value(ims2020.stock, 728, 1990))
    assert pd.isna(_value(ims2024.stock, 652, 1990))


def test_printed_rate_table_is_read_with_periods(ims2020, ims2024):
    r = ims2020.rate
    hit = r[(r["location"] == 947) & (r["start_year"] == 2015) & (r["end_year"] == 2020) & (r["sex"] == "both")]
    assert hit["value"].iloc[0] == pytest.approx(1.3974, abs=5e-5)
    assert {(2020, 2024)} <= set(zip(ims2024.rate["start_year"], ims2024.rate["end_year"], strict=True))


def test_refugee_table_2020(ims2020):
    ref = ims2020.refugees
    world = ref[(ref["location"] == 900) & (ref["year"] == 2020) & (ref["measure"] == "refugees")]
    assert world["value"].iloc[0] == 33_807_795


def test_origin_workbook_2024(ims2024):
    o = ims2024.stock_by_origin
    o = o[(o["year"] == 2024) & (o["sex"] == "both")]
    by = o.set_index("origin")["value"]
    assert by[900] == 304_021_813
    assert by[2003] == 22_065_614  # OTHER: origin unknown
    assert by[356] == 18_533_845  # India
    countries = ims2024.locations.loc[ims2024.locations["kind"] == "country", "code"]
    assert by[by.index.isin(countries)].sum() == 281_956_199
    assert by[by.index.isin(countries)].sum() + by[2003] == by[900]


def test_names_are_clean_and_regions_not_shouted(ims2020, ims2024):
    for ims in (ims2020, ims2024):
        names = ims.locations.set_index("code")["name"]
        assert names[900] == "World"
        assert names[903] == "Africa"
        assert not any(n != n.strip() or n.endswith("*") for n in names)
    assert ims2020.name(840) == "United States of America"


def test_locations_kinds(ims2024):
    kinds = ims2024.locations.groupby("kind")["code"].apply(set)
    assert kinds["sdg_region"] == {1829, 1830, 1831, 1832, 1833, 1834, 1835, 1836}
    assert len(kinds["country"]) == 235
    assert {901, 902, 941, 1636, 1637} <= kinds["development_group"]
    assert {1500, 1501, 1502, 1503, 1517, 1518, 1859, 5503, 5504} == kinds["income_group"]
    iso = ims2024.locations.set_index("code")["iso3"]
    assert iso[276] == "DEU" and iso[830] == "CHI"


def _reconcile(ims, year_col="destination"):
    """Every group's sum over its member countries minus the UN's own aggregate row, all years."""
    s = ims.stock[ims.stock["sex"] == "both"].pivot_table(index="destination", columns="year", values="value")
    out = {}
    for (grouping, group), members in ims.membership.groupby(["grouping", "group"]):
        total = s.loc[s.index.isin(members["member"])].sum()
        out[(grouping, group)] = float((total - s.loc[group]).abs().max())
    return out


@pytest.mark.parametrize("edition", [2020, 2024])
def test_every_aggregate_equals_the_sum_of_its_countries(edition, shared_data):
    ims = migstats.load_ims(edition, data="official")
    diffs = _reconcile(ims)
    groupings = {g for g, _ in diffs}
    assert {"world", "sdg", "region", "subregion", "development", "income"} <= groupings
    assert {k: v for k, v in diffs.items() if v != 0} == {}


def test_world_equals_the_235_countries_to_the_person(ims2024):
    members = ims2024.membership.query("grouping == 'world'")["member"]
    assert len(members) == 235
    s = ims2024.stock[(ims2024.stock["sex"] == "female") & ims2024.stock["destination"].isin(members)]
    assert s[s["year"] == 2024]["value"].sum() == 146_012_018


def test_2024_matrix_extract_reconciles_with_both_workbooks(ims2024):
    m = ims2024.matrix[(ims2024.matrix["year"] == 2024) & (ims2024.matrix["sex"] == "both")]
    assert m["value"].sum() == 304_021_813
    assert m.loc[m["origin"] == 2003, "value"].sum() == 22_065_614
    # emigrants from India by the matrix = India in the origin workbook
    assert m.loc[m["origin"] == 356, "value"].sum() == 18_533_845
    assert "matrix" in ims2024.missing and "third-party" in ims2024.missing["matrix"]
    assert any(s.key == "ims2024-matrix-extract" for s in ims2024.sources)


def test_sources_are_verified_with_their_sha256(ims2024):
    dest = next(s for s in ims2024.sources if s.key == "ims2024-destination")
    assert dest.verified and dest.origin == "mirror"
    assert dest.sha256 == "894fe0637f649e9eb2555915e7f5d6e9818a913b7653c8d7b5e3803fc236ce82"
    assert not ims2024.synthetic


def test_origin_workbook_female_share_is_read_as_printed(shared_data):
    from migstats.sources.ims import read_origin

    tables = read_origin(shared_data / "ims2024" / "undesa_pd_2024_ims_stock_by_sex_and_origin.xlsx", 2024)
    fem = tables["female_share_by_origin"]
    world = fem[(fem["location"] == 900) & (fem["year"] == 2024)]["value"].iloc[0]
    assert world == pytest.approx(48.026823, abs=1e-6)
    # and it is what Table 1 implies: 146,012,018 / 304,021,813
    assert world == pytest.approx(100 * 146_012_018 / 304_021_813, abs=1e-6)
