"""Briefing parameter files: read, validated with one-line errors, and generated for a grouping."""

import pytest

import migstats as ms
from migstats.errors import ParamsError
from migstats.report.params import BriefingParams, generate_params, load_params, output_name, slug


def test_a_parameter_file_names_the_place_and_takes_the_latest_edition_by_default(tmp_path):
    f = tmp_path / "ssa.yaml"
    f.write_text("place: 1834\ndata: sample\n")
    p = load_params(f)
    assert (p.place, p.edition, p.year, p.data) == ("1834", 2024, None, "sample")
    assert p.notebook_parameters() == {"place": "1834", "edition": 2024, "year": None, "data": "sample",
                                       "lang": "en"}


def test_invalid_yaml_is_one_line_naming_the_file_and_the_line(tmp_path):
    f = tmp_path / "broken.yaml"
    f.write_text("place: [1834\n")
    with pytest.raises(ParamsError) as err:
        load_params(f)
    msg = str(err.value)
    assert msg.startswith(f"{f}: not valid YAML (line ") and "\n" not in msg


def test_an_unknown_key_is_named_with_the_allowed_ones(tmp_path):
    f = tmp_path / "typo.yaml"
    f.write_text("place: 1834\neditoin: 2024\n")
    with pytest.raises(ParamsError, match=r"typo.yaml: editoin: unknown key \(allowed: place, title"):
        load_params(f)


def test_an_unavailable_edition_says_which_are(tmp_path):
    f = tmp_path / "old.yaml"
    f.write_text("place: 1834\nedition: 2015\n")
    with pytest.raises(ParamsError, match=r"old.yaml: edition: edition 2015 is not available \(use 2020 or 2024\)"):
        load_params(f)


def test_a_file_that_is_not_a_mapping_is_refused(tmp_path):
    f = tmp_path / "list.yaml"
    f.write_text("- 1834\n- 1829\n")
    with pytest.raises(ParamsError, match="expected a mapping such as 'place: 1829', found list"):
        load_params(f)


def test_output_names_are_code_slug_edition_and_language():
    assert slug("Côte d’Ivoire") == "cote-d-ivoire"
    assert output_name(BriefingParams(place="1836"), 1836, "Australia/New Zealand") == \
        "1836-australia-new-zealand-2024-en"
    assert output_name(BriefingParams(place="1836", year=2020, lang="fr"), 1836, "Australia/New Zealand") == \
        "1836-australia-new-zealand-2024-2020-fr"


def test_the_generator_writes_one_file_per_sdg_region_that_reads_back(tmp_path, no_mirror):
    ims = ms.load_ims(2024, data="sample")
    paths = generate_params(ims, "sdg", tmp_path, data="sample")
    codes = sorted(int(load_params(p).place) for p in paths)
    expected = sorted(ims.locations.loc[ims.locations["kind"] == "sdg_region", "code"].astype(int))
    assert codes == expected and len(codes) >= 4
    assert all(p.parent == tmp_path / "sdg" for p in paths)
    first = load_params(paths[0])
    assert first.grouping == "sdg" and first.title == ims.name(int(first.place)).replace("*", "").strip()


def test_an_unknown_grouping_is_refused(no_mirror):
    ims = ms.load_ims(2024, data="sample")
    with pytest.raises(ParamsError, match="unknown grouping 'continent'"):
        generate_params(ims, "continent", "unused")


def test_country_grouping_lists_every_country_of_the_sample():
    import migstats
    from migstats.report.params import groups_of
    from migstats.synthetic.ims import sample_places

    ims = migstats.load_ims(2024, data="sample")
    places = sample_places()
    countries = set(places.loc[places["kind"] == "country", "code"])
    assert {code for code, _ in groups_of(ims, "country")} == countries


def test_two_briefings_with_one_output_name_fail_the_second_alone(no_mirror, tmp_path):
    from migstats.report.runner import plan

    store = ms.Store.open("sample", cache=tmp_path)
    jobs = plan([BriefingParams(place="1834"), BriefingParams(place="Sub-Saharan Africa")], store)
    assert [j.error for j in jobs][0] is None
    assert "would write the same files as 'Sub-Saharan Africa' (1834-sub-saharan-africa-2024-en)" in jobs[1].error
    assert len({j.name for j in jobs}) == 2


def test_each_language_is_its_own_job_with_the_language_in_name_and_title(no_mirror, tmp_path):
    from migstats.report.runner import plan

    store = ms.Store.open("sample", cache=tmp_path)
    jobs = plan([BriefingParams(place="1834")], store, langs=["en", "fr", "es"])
    assert [j.name for j in jobs] == [f"1834-sub-saharan-africa-2024-{lg}" for lg in ("en", "fr", "es")]
    assert [j.params.notebook_parameters()["lang"] for j in jobs] == ["en", "fr", "es"]
