"""Origins of migrants, regions of origin, emigrants, destinations and corridors."""

from __future__ import annotations

import pytest
from synthetic_ims import YEARS, build_ims, default_cells, default_population

from migstats import indicators as ind
from migstats.errors import DataUnavailable, ParamsError

CODES = [11, 12, 21, 22, 23]
ORIGINS = CODES + [2003]
CELLS = default_cells()[:, 0] + default_cells()[:, 1]      # both sexes: (year, destination, origin)
T = YEARS.index(2024)


def cell(dest, orig, t=T):
    return CELLS[t, CODES.index(dest), ORIGINS.index(orig)]


@pytest.fixture(scope="module")
def ims():
    return build_ims()


def test_top_origins_rank_the_countries_of_birth_of_a_places_migrants(ims):
    frame = ind.top_origins(ims, "Avalon", n=2)
    expected = sorted(((cell(11, o), o) for o in CODES if o != 11), reverse=True)[:2]
    assert frame["origin"].tolist() == [o for _, o in expected]
    assert frame["value"].tolist() == [v for v, _ in expected]
    assert frame["rank"].tolist() == [1, 2]


def test_origin_shares_are_of_all_migrants_including_unknown_origin(ims):
    frame = ind.top_origins(ims, "Avalon", n=10)
    total = sum(cell(11, o) for o in ORIGINS)
    assert 2003 not in frame["origin"].tolist()
    assert frame["share"].tolist() == pytest.approx([100 * v / total for v in frame["value"]])
    assert frame["share"].sum() == pytest.approx(100 * (total - cell(11, 2003)) / total)


def test_aggregate_rows_of_the_matrix_are_not_counted_twice(ims):
    frame = ind.top_origins(ims, "Northland", n=1)
    assert frame["value"].item() == max(cell(11, o) + cell(12, o) for o in CODES)


def test_origins_of_a_user_defined_group_include_migrants_between_its_members(ims):
    frame = ind.top_origins(ims, [11, 12], n=5)
    assert dict(zip(frame["origin"], frame["value"], strict=True))[12] == cell(11, 12)


def test_top_destinations_rank_where_a_places_emigrants_live(ims):
    frame = ind.top_destinations(ims, "Dunmore", n=4)
    emigrants = {d: cell(d, 22) for d in CODES if d != 22}
    assert dict(zip(frame["destination"], frame["value"], strict=True)) == emigrants
    assert frame["share"].sum() == pytest.approx(100.0)


def test_the_worlds_destinations_come_from_table_1_when_there_is_no_matrix():
    with_matrix = ind.top_destinations(build_ims(), "World", n=5)
    without = ind.top_destinations(build_ims(with_matrix=False), "World", n=5)
    assert without[["destination", "value", "share"]].equals(with_matrix[["destination", "value", "share"]])


def test_origins_need_the_destination_and_origin_workbook_and_say_so():
    with pytest.raises(DataUnavailable, match="destination-and-origin workbook of IMS 2024.*not in this"):
        ind.top_origins(build_ims(with_matrix=False), "Avalon")


def test_n_must_be_a_positive_number(ims):
    with pytest.raises(ParamsError, match="n must be a positive whole number"):
        ind.top_origins(ims, "Avalon", n=0)


def test_origins_by_region_flag_the_places_own_region(ims):
    frame = ind.origins_by_region(ims, "Brisca")
    by = dict(zip(frame["origin_group"], frame["value"], strict=True))
    assert by == {1901: cell(12, 11), 1902: sum(cell(12, o) for o in (21, 22, 23)), 2003: cell(12, 2003)}
    assert frame.set_index("origin_group")["same_region"].to_dict() == {1901: True, 1902: False, 2003: False}
    assert frame["share"].sum() == pytest.approx(100.0)


def test_intra_regional_share_counts_migrants_born_in_the_region_of_their_destination(ims):
    frame = ind.intra_regional_share(ims, "Southland", years=2024)
    south = (21, 22, 23)
    same = sum(cell(d, o) for d in south for o in south)
    total = sum(cell(d, o) for d in south for o in ORIGINS)
    assert frame["value"].item() == pytest.approx(100 * same / total)


def test_a_mixed_user_group_uses_each_members_own_region(ims):
    frame = ind.intra_regional_share(ims, [11, 21], years=2024)
    same = cell(11, 12) + cell(21, 22) + cell(21, 23)
    total = sum(cell(d, o) for d in (11, 21) for o in ORIGINS)
    assert frame["value"].item() == pytest.approx(100 * same / total)


def test_emigrants_are_persons_born_in_a_place_living_anywhere_else(ims):
    frame = ind.emigrants(ims, "Northland", years=2024, sex="both")
    assert frame["value"].item() == sum(cell(d, o) for d in CODES for o in (11, 12))


def test_emigrant_share_is_emigrants_over_population_plus_emigrants(ims):
    frame = ind.emigrant_share(ims, "Avalon", years=2024, sex="both")
    e = sum(cell(d, 11) for d in CODES)
    p = default_population()[T, :, 0].sum()
    assert frame["value"].item() == pytest.approx(100 * e / (p + e))


def test_corridors_touching_a_place_are_labelled_by_direction(ims):
    frame = ind.corridors(ims, "Northland", n=50)
    pairs = {(o, d): v for o in CODES for d in CODES if o != d and (o in (11, 12) or d in (11, 12))
             for v in [cell(d, o)]}
    assert len(frame) == len(pairs)
    assert frame["value"].tolist() == sorted(pairs.values(), reverse=True)
    direction = {(r.origin, r.destination): r.direction for r in frame.itertuples()}
    assert (direction[(11, 12)], direction[(11, 21)], direction[(21, 11)]) == ("within", "outward", "inward")


# --- on the official files (PROVENANCE.md §3, §3a) -------------------------------------------------

def test_top_destinations_of_the_world_2024(ims2024):
    frame = ind.top_destinations(ims2024, "World", n=3)
    assert frame["destination_name"].tolist() == ["United States of America", "Germany", "Saudi Arabia"]
    assert frame["value"].tolist() == [52_375_047, 16_750_084, 13_683_841]
    assert frame["share"].iloc[0] == pytest.approx(100 * 52_375_047 / 304_021_813)


def test_top_origins_of_the_worlds_migrants_2024(ims2024):
    frame = ind.top_origins(ims2024, "World", n=3)
    assert frame["origin_name"].tolist() == ["India", "China", "Mexico"]
    assert frame["value"].tolist() == [18_533_845, 11_701_619, 11_596_529]


def test_origins_of_migrants_in_one_country_add_up_to_its_table_1_total(ims2024):
    # the USA: Table 1 total 52,375,047; Mexico, its largest origin, is also the largest corridor on earth
    flows = ind.inflows(ims2024, "United States of America")
    assert flows.sum() == 52_375_047
    top = ind.top_origins(ims2024, "United States of America", n=3)
    assert top["origin_name"].iloc[0] == "Mexico"
    assert top["share"].iloc[0] == pytest.approx(100 * top["value"].iloc[0] / 52_375_047)
    corridor = ind.corridors(ims2024, "World", n=1)
    assert (corridor["origin_name"].item(), corridor["destination_name"].item()) == (
        "Mexico", "United States of America")


def test_emigrants_of_india_match_the_origin_file_and_the_matrix(ims2024):
    assert ind.emigrants(ims2024, "India", years=2024, sex="both")["value"].item() == 18_533_845
    assert ind.outflows(ims2024, "India").sum() == 18_533_845


def test_emigrants_of_sdg_regions_2024(ims2024):
    frame = ind.emigrants(ims2024, "Central and Southern Asia", years=2024, sex="both")
    assert frame["value"].item() == 53_948_417
    summed = ind.emigrants(ims2024, "Central and Southern Asia", years=2024, sex="both", from_members=True)
    assert summed["value"].item() == 53_948_417


def test_world_intra_regional_share_is_the_weighted_mean_of_the_sdg_regions(ims2024):
    regions = [1834, 1833, 1831, 1832, 1830, 1835, 1836, 1829]
    same = sum(ind.intra_regional_share(ims2024, r, years=2024)["value"].item() / 100
               * ind.migrant_stock(ims2024, r, years=2024, sex="both")["value"].item() for r in regions)
    world = ind.intra_regional_share(ims2024, "World", years=2024)["value"].item()
    assert world == pytest.approx(100 * same / 304_021_813, rel=1e-9)


def test_the_own_region_row_of_origins_by_region_is_the_intra_regional_share(ims2024):
    frame = ind.origins_by_region(ims2024, "Europe and Northern America")
    own = frame.loc[frame["same_region"] == True, "share"].item()  # noqa: E712
    assert own == pytest.approx(ind.intra_regional_share(ims2024, 1829, years=2024)["value"].item())
    assert frame["value"].sum() == 155_259_380
