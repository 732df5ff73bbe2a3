"""Groupings of the briefings (``--grouping``): which places each covers, that its members reconcile with
the UN's published aggregates, and which notebook a place gets."""

from __future__ import annotations

from collections import Counter

import pandas as pd
import pytest

from migstats.errors import ParamsError
from migstats.places import resolve
from migstats.report.params import (
    GROUPING_KINDS,
    BriefingParams,
    generate_params,
    groups_of,
    load_params,
    notebook_for,
)
from migstats.report.runner import DEFAULT_NOTEBOOK, NOTEBOOKS, plan
from migstats.store import Store

GROUPINGS = ("sdg", "region", "subregion", "development", "income", "special", "country")


def _stock(ims, year: int) -> pd.Series:
    s = ims.stock
    rows = s[(s["origin"] == 900) & (s["year"] == year) & (s["sex"] == "both")]
    return rows.set_index("destination")["value"].astype(float)


def test_every_grouping_of_the_command_line_is_known():
    assert set(GROUPINGS) | {"all"} == set(GROUPING_KINDS)


def test_subregions_include_northern_america_and_every_subregion_the_edition_publishes(ims2024):
    subs = dict(groups_of(ims2024, "subregion"))
    assert subs[905] == "Northern America"
    published = set(ims2024.locations.loc[ims2024.locations["kind"] == "subregion", "code"].astype(int))
    assert published <= set(subs) and set(subs) - published == {905}
    assert len(subs) == 22
    # Together the subregions hold every country or area of the edition exactly once.
    members = Counter(m for code in subs for m in resolve(ims2024, code).members)
    countries = set(ims2024.locations.loc[ims2024.locations["kind"] == "country", "code"].astype(int))
    assert set(members) == countries and set(members.values()) == {1}


def test_special_groups_are_ldc_lldc_and_sids_and_development_keeps_the_others(ims2024):
    special = dict(groups_of(ims2024, "special"))
    assert sorted(special) == [941, 1636, 1637]
    assert special[1637] == "Small Island Developing States (SIDS)"
    assert [c for c, _ in groups_of(ims2024, "development")] == [901, 902, 934, 948]
    assert len(resolve(ims2024, 941).members) == 45  # least developed countries as listed in IMS 2024
    assert 798 in resolve(ims2024, 1637).members     # Tuvalu is a SIDS


@pytest.mark.parametrize("grouping", [g for g in GROUPINGS if g != "country"])
def test_each_groups_members_sum_to_the_stock_the_un_publishes_for_it(ims2024, grouping):
    """Reconciliation: the members' migrant stock adds up to the group's own row (within rounding)."""
    stock = _stock(ims2024, 2024)
    for code, name in groups_of(ims2024, grouping):
        members = resolve(ims2024, code).members
        total = stock.reindex(list(members)).sum()
        assert total == pytest.approx(stock[code], rel=1e-6, abs=5), (grouping, code, name)


def test_northern_america_reconciles_as_a_subregion(ims2024):
    stock = _stock(ims2024, 2024)
    members = resolve(ims2024, 905).members
    assert sorted(members) == [60, 124, 304, 666, 840]
    assert stock.reindex(list(members)).sum() == pytest.approx(stock[905], abs=5)
    assert stock[905] == pytest.approx(61_603_000, rel=0.05)


def test_all_covers_every_m49_code_of_the_edition_exactly_once(ims2024):
    every = groups_of(ims2024, "all")
    codes = [c for c, _ in every]
    assert len(codes) == len(set(codes))
    assert set(codes) == set(ims2024.locations["code"].astype(int))
    assert len(codes) == 287 and codes[0] == 900
    for grouping in GROUPINGS:  # every grouping's places are in it, once
        assert {c for c, _ in groups_of(ims2024, grouping)} <= set(codes)


def test_all_plan_gives_each_code_one_job_with_the_notebook_of_its_kind(shared_data):
    store = Store.open("official", edition=2024)
    ims = store.ims(2024)
    specs = [BriefingParams(place=str(c), title=n, grouping="all", data="official") for c, n in groups_of(ims, "all")]
    jobs = plan(specs, store)
    assert not [j.error for j in jobs if j.error]
    codes = Counter(int(j.params.place) for j in jobs)
    assert set(codes) == set(ims.locations["code"].astype(int)) and set(codes.values()) == {1}
    assert len({j.name for j in jobs}) == len(jobs)  # no two jobs write the same files
    by_code = {int(j.params.place): j.notebook for j in jobs}
    assert by_code[356] == NOTEBOOKS / "country_profile.ipynb"
    assert by_code[772] == NOTEBOOKS / "country_profile.ipynb"
    assert by_code[905] == by_code[1829] == by_code[941] == DEFAULT_NOTEBOOK


def test_the_notebook_follows_the_place_kind_unless_the_params_name_one():
    assert notebook_for("country") == "country_profile"
    for kind in ("world", "sdg_region", "region", "subregion", "income_group", "custom", None):
        assert notebook_for(kind) == "regional_briefing"
    assert notebook_for("country", "regional_briefing") == "regional_briefing"
    assert notebook_for("sdg_region", "country_profile.ipynb") == "country_profile"
    with pytest.raises(ParamsError, match="unknown notebook 'atlas'"):
        notebook_for("country", "atlas")


def test_generate_all_files_each_place_under_its_own_grouping(ims2024, tmp_path):
    paths = generate_params(ims2024, "all", tmp_path, data="official")
    assert len(paths) == 287
    folders = Counter(p.parent.name for p in paths)
    assert folders == {"world": 1, "sdg": 8, "region": 6, "subregion": 21, "development": 4, "special": 3,
                       "income": 9, "country": 235}  # Northern America is filed as a region, once
    tokelau = load_params(tmp_path / "country" / "772-tokelau.yaml")
    assert tokelau.place == "772" and tokelau.grouping == "country" and tokelau.title == "Tokelau"


def test_an_unknown_grouping_names_the_choices(ims2024):
    with pytest.raises(ParamsError, match="special"):
        groups_of(ims2024, "continent")
