"""Resolving places: codes, names (any spelling), ISO codes, groupings and user-defined lists — never prefixes."""

from __future__ import annotations

import pytest
from synthetic_ims import build_ims

from migstats.errors import ParamsError, UnknownPlace
from migstats.places import Place, groups, members_of, normalize_name, resolve, resolve_place


@pytest.fixture(scope="module")
def ims():
    return build_ims()


def test_a_code_resolves_to_a_country_with_itself_as_only_member(ims):
    assert resolve(ims, 22) == Place(code=22, name="Dunmore", kind="country", members=(22,), edition=2024)


def test_a_code_given_as_a_string_works_like_the_number(ims):
    assert resolve(ims, "1901") == resolve(ims, 1901)


def test_a_region_resolves_to_its_member_countries_and_grouping(ims):
    p = resolve(ims, "Southland")
    assert (p.code, p.kind, p.grouping, p.members) == (1902, "sdg_region", "sdg", (21, 22, 23))


def test_names_ignore_case_accents_stars_spaces_and_typographic_apostrophes(ims):
    assert resolve(ims, "  cote d'azura ").code == 21
    assert normalize_name("   Côte d’Azura*") == "cote d'azura"


def test_an_iso3_code_resolves(ims):
    assert resolve(ims, "brs").code == 12


def test_a_prefix_is_not_a_name_but_is_suggested_when_close(ims):
    with pytest.raises(UnknownPlace, match="unknown place 'Northl' — did you mean Northland"):
        resolve(ims, "Northl")


def test_a_short_prefix_is_unknown_without_guessing(ims):
    with pytest.raises(UnknownPlace, match="unknown place 'Dunm' — see `migstats regions`"):
        resolve(ims, "Dunm")


def test_an_exact_name_wins_over_longer_names_it_prefixes(ims):
    assert resolve(ims, "Dunmore").code == 22


def test_a_note_does_not_make_two_places_different():
    plain = Place(code=178, name="Congo", kind="country", members=(178,), edition=2024)
    noted = Place(code=178, name="Congo", kind="country", members=(178,), edition=2024, note="also 180")
    assert plain == noted


def test_an_unknown_name_suggests_close_matches(ims):
    with pytest.raises(UnknownPlace, match="unknown place 'Avalonn' — did you mean Avalon"):
        resolve(ims, "Avalonn")


def test_an_unknown_code_is_a_clear_error(ims):
    with pytest.raises(UnknownPlace, match="no place with M49 code 4242"):
        resolve(ims, 4242)


def test_an_empty_name_or_list_is_a_clear_error(ims):
    with pytest.raises(UnknownPlace, match="empty place name"):
        resolve(ims, "  ")
    with pytest.raises(UnknownPlace, match="empty list of places"):
        resolve(ims, [])


def test_a_list_is_a_user_defined_group_of_the_union_of_members(ims):
    p = resolve(ims, ["Avalon", "Southland", 22])
    assert (p.code, p.kind, p.members) == (None, "custom", (11, 21, 22, 23))
    assert p.name == "Avalon + Southland + Dunmore"
    assert p.is_custom and not p.is_aggregate


def test_a_user_defined_group_can_be_named(ims):
    assert resolve(ims, [11, 12], name="The north").name == "The north"


def test_a_place_passes_through_unchanged(ims):
    p = resolve(ims, 11)
    assert resolve_place(p, ims.locations, ims.membership) is p


def test_members_of_lists_codes_names_and_iso3_in_the_un_order(ims):
    frame = members_of("Northland", ims.locations, ims.membership)
    assert frame.to_dict("records") == [{"code": 11, "name": "Avalon", "iso3": "AVL"},
                                         {"code": 12, "name": "Brisca", "iso3": "BRS"}]


def test_groups_lists_the_groups_of_a_grouping_with_member_counts(ims):
    frame = groups("development", ims.locations, ims.membership)
    assert frame[["code", "members"]].values.tolist() == [[901, 3], [902, 2]]


def test_an_unknown_grouping_is_a_parameter_error(ims):
    with pytest.raises(ParamsError, match="unknown grouping 'continent'"):
        groups("continent", ims.locations, ims.membership)


# --- on the official IMS 2024 and 2020 workbooks -------------------------------------------------------

def test_official_names_resolve_however_they_are_typed(ims2024):
    assert resolve(ims2024, "cote d'ivoire").code == 384
    assert resolve(ims2024, "TURKIYE").code == 792
    assert resolve(ims2024, "united states of america").code == 840   # printed with a footnote star
    assert resolve(ims2024, "USA").code == 840


def test_uk_is_the_united_kingdom_not_ukraine(ims2024):
    assert resolve(ims2024, "UK").code == 826


def test_a_name_printed_for_two_groupings_resolves_to_the_sdg_region(ims2024):
    # "Australia/New Zealand" is both SDG region 1836 and geographic subregion 927, with the same members
    p = resolve(ims2024, "Australia/New Zealand")
    assert (p.code, p.grouping, p.members) == (1836, "sdg", (36, 554))


def test_sdg_regions_of_2024_partition_the_235_countries(ims2024):
    sdg = groups("sdg", ims2024.locations, ims2024.membership)
    assert len(sdg) == 8 and sdg["members"].sum() == 235


def test_region_codes_are_those_of_each_edition(ims2020, ims2024):
    assert resolve(ims2020, "Sub-Saharan Africa").code == 947
    assert resolve(ims2024, "Sub-Saharan Africa").code == 1834


def test_a_place_given_by_its_code_is_resolved_without_building_the_name_index(monkeypatch):
    """A batch names every place by its code: the name index (CLDR, ISO and M49 aliases, ~0.05 s) is built
    only when a name is looked up."""
    import migstats.places

    built = []
    real = migstats.places.build_index
    monkeypatch.setattr(migstats.places, "build_index", lambda *a, **k: built.append(1) or real(*a, **k))
    fresh = build_ims()  # new frames: nothing prepared for them yet
    assert resolve(fresh, 1902).name == "Southland" and resolve(fresh, "22").name == "Dunmore"
    assert built == []
    assert resolve(fresh, "Southland").code == 1902 and resolve(fresh, "dunmore").code == 22
    assert built == [1]  # once for the edition, then kept
