"""Names people type: aliases from maintained sources, ambiguity said, close suggestions only, codes across
editions — and the reader of the UNSD M49 names in six languages."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import pytest
import yaml

from migstats import places
from migstats.errors import DataFileError, UnknownPlace
from migstats.names import CODE_CHANGES, AmbiguousPlace, build_index, convert_code, short_forms
from migstats.places import resolve, resolve_place
from migstats.sources.m49_names import read_m49_names
from migstats.store import Store
from migstats.store.catalog import declarations_dir

# (what people type, M49 code) — each resolves in IMS 2020 and IMS 2024
TYPED_NAMES = [
    ("UK", 826), ("USA", 840), ("Turkey", 792), ("Türkiye", 792), ("Ivory Coast", 384),
    ("Czech Republic", 203), ("Vietnam", 704), ("South Korea", 410), ("North Korea", 408),
    ("Palestine", 275), ("Hong Kong", 344), ("Macao", 446), ("Taiwan", 158), ("Vatican", 336),
    ("Cape Verde", 132), ("Swaziland", 748), ("Russia", 643), ("Bolivia", 68), ("Iran", 364),
    ("Syria", 760), ("Laos", 418), ("Moldova", 498), ("Tanzania", 834), ("Burma", 104), ("Zaire", 180),
]
FRENCH_AND_SPANISH = [
    ("Allemagne", 276), ("Alemania", 276), ("Côte d’Ivoire", 384), ("Royaume-Uni", 826),
    ("Estados Unidos", 840), ("Bolivie (État plurinational de)", 68), ("turquie", 792), ("Turquía", 792),
    ("Reino Unido de Gran Bretaña e Irlanda del Norte", 826), ("Monde", 900),
]
ISO_CODES = [("DE", 276), ("DEU", 276), ("gb", 826), ("GBR", 826), ("CI", 384), ("civ", 384)]
M49_COLUMNS = ["code", "language", "name", "iso2", "iso3", "kind"]


@pytest.fixture(scope="module")
def m49_folder(shared_data):
    return shared_data / "m49" / "unsd_6lang"


@pytest.fixture(scope="module")
def m49(m49_folder):
    return read_m49_names(m49_folder)


@pytest.fixture(scope="module")
def locations_by_edition(ims2020, ims2024):
    return {2020: ims2020.locations, 2024: ims2024.locations}


# --- the reader of the six-language M49 files ----------------------------------------------------------

def test_the_reader_gives_248_countries_and_30_regions_in_each_of_six_languages(m49):
    counts = m49.groupby("language")["kind"].agg(countries=lambda k: (k == "country").sum(),
                                                 regions=lambda k: (k != "country").sum())
    assert counts.to_dict("index") == {lang: {"countries": 248, "regions": 30}
                                       for lang in ("ar", "en", "es", "fr", "ru", "zh")}


def test_the_reader_gives_the_tidy_columns(m49):
    assert list(m49.columns) == M49_COLUMNS


def test_the_reader_keeps_the_official_french_and_spanish_names_of_the_controls(m49):
    names = m49.set_index(["code", "language"])["name"]
    assert names[(68, "fr")] == "Bolivie (État plurinational de)"
    assert names[(68, "es")] == "Bolivia (Estado Plurinacional de)"
    assert names[(826, "fr")] == "Royaume-Uni de Grande-Bretagne et d’Irlande du Nord"
    assert names[(826, "es")] == "Reino Unido de Gran Bretaña e Irlanda del Norte"


def test_the_english_file_with_its_byte_order_mark_reads_like_the_quoted_ones(m49):
    first = m49[m49["language"] == "en"].iloc[0]
    assert (first["code"], first["name"], first["iso2"], first["iso3"]) == (12, "Algeria", "DZ", "DZA")


def test_namibias_iso2_code_na_is_text_not_missing(m49):
    assert set(m49.loc[m49["code"] == 516, "iso2"]) == {"NA"}


def test_regions_are_named_in_every_language(m49):
    names = m49[m49["kind"] == "subregion"].set_index(["code", "language"])["name"]
    assert (names[(202, "fr")], names[(202, "es")]) == ("Afrique subsaharienne", "África Subsahariana")


def test_the_reader_takes_a_list_of_files(m49_folder):
    frame = read_m49_names([m49_folder / "UNSD-fr.csv"])
    assert set(frame["language"]) == {"fr"} and len(frame) == 278


def test_a_file_in_another_layout_is_a_data_file_error(tmp_path):
    path = tmp_path / "UNSD-fr.csv"
    path.write_text("Pays,Code\nFrance,250\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="UNSD-fr.csv: not the M49 layout: missing column"):
        read_m49_names(path)


def test_a_file_not_named_for_a_language_is_a_data_file_error(tmp_path):
    path = tmp_path / "names.csv"
    path.write_text("x\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="not a UNSD M49 names file"):
        read_m49_names(path)


def test_the_declaration_holds_the_size_and_sha256_of_each_file(m49_folder):
    declared = yaml.safe_load((declarations_dir() / "m49_names.yaml").read_text(encoding="utf-8"))
    actual = {p.name: (p.stat().st_size, hashlib.sha256(p.read_bytes()).hexdigest())
              for p in m49_folder.glob("UNSD-*.csv")}
    assert {f["filename"]: (f["size"], f["sha256"][0]) for f in declared["files"]} == actual


# --- names people type ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("typed", "code"), TYPED_NAMES)
def test_a_short_common_or_former_name_resolves_in_2024(ims2024, typed, code):
    assert resolve(ims2024, typed).code == code


@pytest.mark.parametrize(("typed", "code"), TYPED_NAMES)
def test_a_short_common_or_former_name_resolves_in_2020(ims2020, typed, code):
    assert resolve(ims2020, typed).code == code


@pytest.mark.parametrize(("typed", "code"), FRENCH_AND_SPANISH)
def test_french_and_spanish_names_resolve(ims2024, typed, code):
    assert resolve(ims2024, typed).code == code


@pytest.mark.parametrize(("typed", "code"), ISO_CODES)
def test_iso2_and_iso3_codes_resolve_in_any_case(ims2024, typed, code):
    assert resolve(ims2024, typed).code == code


def test_a_region_typed_in_french_is_the_un_desa_aggregate_of_the_edition(ims2020, ims2024):
    assert resolve(ims2020, "Afrique subsaharienne").code == 947
    assert resolve(ims2024, "África Subsahariana").code == 1834


def test_uk_is_never_ukraine(ims2020):
    assert resolve(ims2020, "UK").name == "United Kingdom"


def test_korea_is_ambiguous_and_the_message_lists_both_with_codes(ims2024):
    with pytest.raises(AmbiguousPlace, match=r"'Korea' is ambiguous: .*Dem\. People's Republic of Korea \(408\); "
                                             r"Republic of Korea \(410\)"):
        resolve(ims2024, "Korea")


def test_micronesia_is_ambiguous_between_the_subregion_and_the_country(ims2024):
    with pytest.raises(AmbiguousPlace) as caught:
        resolve(ims2024, "Micronesia")
    assert caught.value.candidates == ((954, "Micronesia"), (583, "Micronesia (Fed. States of)"))


def test_an_ambiguous_place_is_an_unknown_place_for_callers_that_catch_those(ims2024):
    with pytest.raises(UnknownPlace):
        resolve(ims2024, "Virgin Islands")


def test_congo_is_the_republic_of_the_congo_with_a_note_naming_the_democratic_republic(ims2024):
    place = resolve(ims2024, "Congo")
    assert place.code == 178
    assert place.note == "'Congo' is taken as Congo (178); it can also mean Democratic Republic of the Congo (180)"


def test_a_user_defined_group_keeps_the_notes_of_its_parts(ims2024):
    place = resolve(ims2024, ["Congo", "Gabon"])
    assert place.members == (178, 266) and "Democratic Republic of the Congo (180)" in place.note


def test_an_official_name_resolves_without_a_note(ims2024):
    assert resolve(ims2024, "China").note is None


def test_a_far_name_gets_no_suggestion(ims2024):
    with pytest.raises(UnknownPlace) as caught:
        resolve(ims2024, "Narnia")
    assert str(caught.value) == "unknown place 'Narnia' — see `migstats regions` for names"


def test_a_misspelt_name_suggests_the_place(ims2024):
    with pytest.raises(UnknownPlace, match=r"unknown place 'Germny' — did you mean Germany\?"):
        resolve(ims2024, "Germny")


def test_a_place_a_source_knows_but_the_edition_does_not_list_is_said(ims2024):
    with pytest.raises(UnknownPlace, match=r"'Jersey' is Jersey \(M49 832\), which IMS 2024 does not list"):
        resolve(ims2024, "Jersey")


def test_a_un_name_of_the_other_edition_resolves_when_the_table_holds_both(ims2020, ims2024):
    both_loc = pd.concat([ims2020.locations, ims2024.locations], ignore_index=True)
    both_mem = pd.concat([ims2020.membership, ims2024.membership], ignore_index=True)
    assert resolve_place("Developed regions", both_loc, both_mem, edition=2024).code == 901


def test_without_the_m49_files_cldr_and_iso_names_still_resolve(ims2024):
    index = build_index(ims2024.locations, 2024, m49=pd.DataFrame(columns=M49_COLUMNS))
    assert index.lookup("Allemagne").code == 276
    assert "UNSD M49 names (6 languages)" not in index.sources


def test_the_store_hands_the_m49_names_to_the_ims_bundle(ims2024):
    assert set(ims2024.names["language"]) >= {"en", "fr", "es"}
    assert resolve(ims2024, "Alemania").code == 276


def test_without_the_m49_files_the_bundle_says_why(shared_data, tmp_path):
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    for f in ("ims2024/undesa_pd_2024_ims_stock_by_sex_and_destination.xlsx", "wpp/wpp2024_rpkg/UNlocations.txt"):
        (mirror / Path(f).name).symlink_to(shared_data / f)
    ims = Store.open("official", mirror=mirror, cache=tmp_path / "c", offline=True).ims(2024)
    assert ims.names is None and "UNSD-en.csv" in ims.missing["m49-names"]
    assert resolve(ims, "Allemagne").code == 276  # CLDR still knows it


def test_the_name_index_is_built_once_per_locations_table(ims2024, monkeypatch):
    built = []
    monkeypatch.setattr(places, "build_index", lambda *a, **k: built.append(1) or build_index(*a, **k))
    locations, membership = ims2024.locations.copy(), ims2024.membership.copy()
    for typed in ("UK", "France", "Allemagne"):
        resolve_place(typed, locations, membership)
    assert len(built) == 1


def test_short_forms_drop_a_parenthesis_but_keep_an_exclusion():
    assert short_forms("Iran (Islamic Republic of)") == ["Iran"]
    assert short_forms("Oceania (excluding Australia and New Zealand)") == []


def test_short_forms_turn_iso_names_round_only_when_asked():
    assert short_forms("Congo, The Democratic Republic of the", comma=True) == [
        "Congo", "The Democratic Republic of the Congo", "Democratic Republic of the Congo"]
    assert short_forms("China, Hong Kong SAR") == []


# --- codes across editions -----------------------------------------------------------------------------

def test_a_2020_sdg_code_used_with_2024_is_converted_with_a_note(ims2024):
    place = resolve(ims2024, 947)
    assert (place.code, place.name) == (1834, "Sub-Saharan Africa")
    assert place.note == "M49 code 947 is the IMS 2020 code of Sub-Saharan Africa; IMS 2024 codes it 1834"


def test_a_2024_sdg_code_used_with_2020_is_converted(ims2020):
    assert resolve(ims2020, 1831).code == 921


def test_a_code_only_2024_has_is_refused_in_2020(ims2020):
    with pytest.raises(UnknownPlace, match="no place with M49 code 1859 in IMS 2020"):
        resolve(ims2020, 1859)


def test_the_recorded_code_changes_are_those_of_the_official_tables(locations_by_edition):
    found = {}
    for old, new in CODE_CHANGES:
        codes = locations_by_edition[old]["code"].unique()
        changed = {}
        for code in codes:
            try:
                converted = convert_code(int(code), old, new, locations_by_edition)
            except UnknownPlace:
                continue
            if converted != code:
                changed[int(code)] = converted
        found[(old, new)] = changed
    assert found == CODE_CHANGES


def test_codes_with_no_counterpart_in_2020_are_refused(locations_by_edition):
    refused = []
    for code in locations_by_edition[2024]["code"].unique():
        try:
            convert_code(int(code), 2024, 2020, locations_by_edition)
        except UnknownPlace:
            refused.append(int(code))
    assert sorted(refused) == [1518, 1859, 5503, 5504]


def test_a_renamed_place_keeps_its_code(locations_by_edition):
    assert convert_code(792, 2020, 2024, locations_by_edition) == 792


def test_a_refusal_names_the_place_and_both_editions(locations_by_edition):
    with pytest.raises(UnknownPlace, match=r"Low-and-middle-income countries \(1859\) of IMS 2024 has no "
                                           r"counterpart in IMS 2020"):
        convert_code(1859, 2024, 2020, locations_by_edition)
