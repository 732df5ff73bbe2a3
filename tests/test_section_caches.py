"""What a bundle keeps between briefings (:class:`migstats.store.bundles.Derived`) gives exactly what the
indicators compute from the bare tables, and stays with its own bundle.

A warm worker builds ~300 briefings from the same bundles; the bundles keep the lookups every briefing
repeats (years, codes, a year's rows, a row index by location). Each kept value is checked here against the
plain computation on the bundle's table (frames equal to the bit: values, dtypes, order, index), on the
synthetic sample and, when present, on the official files.
"""

from __future__ import annotations

import copy
import dataclasses
import pickle

import numpy as np
import pandas as pd
import pytest

from migstats.errors import UnknownPlace
from migstats.indicators import population as pop_ind
from migstats.indicators import refugees as ref_ind
from migstats.store import Store
from migstats.store.bundles import Derived


@pytest.fixture(scope="module", params=["sample", "official"])
def bundles(request):
    """(UNHCR, WPP) of one data mode, opened fresh for this module."""
    if request.param == "official":
        request.getfixturevalue("shared_data")
    store = Store.open(request.param)
    return store.unhcr(), store.wpp()


def _same(got: pd.DataFrame, want: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(got, want, check_exact=True)
    assert got.index.equals(want.index)


def _plain(value):
    """A result with NaN made comparable (NaN != NaN), for ``==`` on nested dicts and lists."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, float) and np.isnan(value):
        return "NaN"
    return value


# --------------------------------------------------------------------------- Derived


def test_derived_keeps_a_value_computed_from_the_same_frame_only():
    kept, calls = Derived(), []
    a, b = pd.DataFrame({"x": [1]}), pd.DataFrame({"x": [1]})

    def make(frame):
        calls.append(frame)
        return len(calls)

    assert kept.get("k", a, lambda: make(a)) == 1
    assert kept.get("k", a, lambda: make(a)) == 1  # kept
    assert kept.get("k", b, lambda: make(b)) == 2  # an equal but other frame: computed again
    assert kept.get("k", a, lambda: make(a)) == 3
    assert len(kept) == 1
    kept.clear()
    assert len(kept) == 0


def test_a_bundle_made_from_another_starts_with_nothing_kept(bundles):
    unhcr, wpp = bundles
    year = unhcr.years[-1]
    unhcr.year_rows(year)
    wpp.rows_of(sorted(wpp.location_codes)[:1])
    assert len(unhcr.derived) and len(wpp.derived)
    for other in (dataclasses.replace(unhcr), copy.deepcopy(unhcr), pickle.loads(pickle.dumps(unhcr))):
        assert other.derived is not unhcr.derived and len(other.derived) == 0
    assert len(dataclasses.replace(wpp).derived) == 0
    assert dataclasses.replace(unhcr) == unhcr  # what a bundle keeps is not part of its value
    # a shallow copy shares the frames and what was kept from them; given another frame, it follows that frame
    shallow = copy.copy(unhcr)
    shallow.population = unhcr.population.head(1000)
    _same(shallow.year_rows(year), shallow.population[shallow.population["year"] == year])
    _same(unhcr.year_rows(year), unhcr.population[unhcr.population["year"] == year])


def test_a_second_bundle_does_not_see_the_first_ones_lookups(bundles):
    unhcr, wpp = bundles
    year = unhcr.years[-1]
    first = unhcr.year_rows(year)
    fewer = unhcr.population[unhcr.population["origin"] != first["origin"].iloc[0]].reset_index(drop=True)
    second = dataclasses.replace(unhcr, population=fewer)
    _same(second.year_rows(year), fewer[fewer["year"] == year])
    assert len(second.year_rows(year)) < len(first)
    assert second.codes("origin") == frozenset(int(c) for c in fewer["origin"].unique())
    # the first bundle still has its own
    _same(unhcr.year_rows(year), unhcr.population[unhcr.population["year"] == year])

    code = int(wpp.indicators["location"].iloc[0])
    without = wpp.indicators[wpp.indicators["location"] != code].reset_index(drop=True)
    other = dataclasses.replace(wpp, indicators=without)
    assert len(wpp.rows_of([code]))
    assert code in wpp.location_codes and code not in other.location_codes
    assert other.rows_of([code]).empty
    # a frame given to the same bundle afterwards is a new frame: the lookups follow it
    wpp2 = dataclasses.replace(wpp)
    assert code in wpp2.location_codes
    wpp2.indicators = without
    assert code not in wpp2.location_codes and wpp2.rows_of([code]).empty


def test_a_kept_frame_handed_out_is_not_changed_by_its_caller(bundles):
    unhcr, _wpp = bundles
    year = unhcr.years[-1]
    rows = unhcr.year_rows(year)
    rows["extra"] = 1.0
    assert "extra" not in unhcr.year_rows(year).columns


# --------------------------------------------------------------------------- UNHCR


def test_unhcr_lookups_equal_the_plain_computation(bundles):
    unhcr, _wpp = bundles
    frame = unhcr.population
    assert unhcr.years == sorted(int(y) for y in frame["year"].unique())
    for side in ("origin", "asylum"):
        assert unhcr.codes(side) == frozenset(int(c) for c in frame[side].unique())
    with pytest.raises(ValueError):
        unhcr.codes("destination")
    for year in (unhcr.years[0], unhcr.years[-2], unhcr.years[-1], 1800, unhcr.years[-1] + 0.5,
                 np.int64(unhcr.years[-1]), float(unhcr.years[-1])):
        _same(unhcr.year_rows(year), frame[frame["year"] == year])
        _same(unhcr.year_rows(year), frame[frame["year"] == year])  # kept


def _places(wpp) -> list[list[int]]:
    """A few groups and countries, with codes WPP lacks (336 Holy See, 830 Channel Islands) and an unknown one."""
    known = sorted(wpp.location_codes)
    countries = [c for c in known if c < 900][:60]
    return [countries[:40], countries[5:9], [countries[3]], [336, 830, countries[0]], [4, 356, 566, 404, 336],
            [356], [99999]]


def test_refugee_indicators_equal_on_the_bundle_and_on_its_table(bundles):
    unhcr, wpp = bundles
    table = unhcr.population
    year = unhcr.years[-1]
    for codes in _places(wpp):
        for func in (ref_ind.refugees_hosted, ref_ind.refugees_by_origin):
            try:
                want = func(table, codes, year)
            except Exception as exc:  # the same error, same words
                with pytest.raises(type(exc), match=None) as info:
                    func(unhcr, codes, year)
                assert str(info.value) == str(exc)
            else:
                assert func(unhcr, codes, year) == want
        _same(ref_ind.hosted_by_country(unhcr, codes, year), ref_ind.hosted_by_country(table, codes, year))
        _same(ref_ind.origin_countries(unhcr, codes, year), ref_ind.origin_countries(table, codes, year))
        assert _plain(ref_ind.refugee_figures(unhcr, wpp, codes, year)) == _plain(
            ref_ind.refugee_figures(table, wpp.indicators, codes, year))
        try:
            want = ref_ind.region_refugees(table, codes, year, wpp=wpp.indicators, migrant_stock=1e6)
        except UnknownPlace:
            with pytest.raises(UnknownPlace):
                ref_ind.region_refugees(unhcr, codes, year, wpp=wpp, migrant_stock=1e6)
            continue
        got = ref_ind.region_refugees(unhcr, codes, year, wpp=wpp, migrant_stock=1e6)
        for key in ("hosts", "origins"):
            _same(got.pop(key), want.pop(key))
        assert _plain(got) == _plain(want)
    assert ref_ind.unhcr_year(unhcr, 2024) == ref_ind.unhcr_year(table, 2024)
    assert ref_ind.unhcr_year(unhcr, 1900) == ref_ind.unhcr_year(table, 1900)


# --------------------------------------------------------------------------- WPP


def test_wpp_lookups_equal_the_plain_computation(bundles):
    _unhcr, wpp = bundles
    frame = wpp.indicators
    assert wpp.location_codes == frozenset(int(c) for c in frame["location"].unique())
    assert wpp.measures == frozenset(str(m) for m in frame["measure"].unique())
    first = int(frame["location"].iloc[0])
    odd = [[], [4, 4, 356], list(np.array([356, 4], dtype=np.int64)), [float(first)], [first + 0.5], [str(first)]]
    for codes in _places(wpp) + odd:
        _same(wpp.rows_of(codes), frame[frame["location"].isin(codes)])


def test_population_indicators_equal_on_the_bundle_and_on_its_table(bundles):
    _unhcr, wpp = bundles
    table = wpp.indicators
    for codes in _places(wpp):
        for c in (codes, codes[0]):
            try:
                want = pop_ind.annual_components(table, c)
            except UnknownPlace:
                with pytest.raises(UnknownPlace):
                    pop_ind.annual_components(wpp, c)
                continue
            _same(pop_ind.annual_components(wpp, c), want)
            assert pop_ind.end_year_population(wpp, c, 2020) == pop_ind.end_year_population(table, c, 2020)
            got, want = (pop_ind.change_summary(w, c, period_starts=[2010, 2015]) for w in (wpp, table))
            assert _plain(got) == _plain(want)
        assert pop_ind.wpp_coverage(wpp, codes) == pop_ind.wpp_coverage(table, codes)
        _same(pop_ind.member_components(wpp, codes, 2023), pop_ind.member_components(table, codes, 2023))
        try:
            want = pop_ind.wpp_codes(table, None, codes)
        except UnknownPlace:
            with pytest.raises(UnknownPlace):
                pop_ind.wpp_codes(wpp, None, codes)
        else:
            assert pop_ind.wpp_codes(wpp, None, codes) == want


# --------------------------------------------------------------------------- figures kept by a bundle


def test_end_year_population_kept_by_the_bundle_equals_the_computation(bundles):
    _unhcr, wpp = bundles
    fresh = dataclasses.replace(wpp)
    table = wpp.indicators
    codes = sorted(fresh.location_codes)
    for c, year in ((codes[0], 2023), (codes[1], 2024), (codes[:5], 2024), (codes[2], 1900)):
        want = pop_ind._end_year_population(table, pop_ind._codes(c), year)
        assert pop_ind.end_year_population(fresh, c, year) == want
        assert pop_ind.end_year_population(fresh, c, year) == want  # kept
        assert pop_ind.end_year_population(table, c, year) == want  # a bare table: computed
    assert any(k[0] == "end_year_population" for k in fresh.derived._values)
    # another bundle with other populations computes its own
    doubled = table.assign(value=table["value"] * 2)
    other = dataclasses.replace(fresh, indicators=doubled)
    value, _method = pop_ind.end_year_population(fresh, codes[0], 2023)
    if value is not None:
        assert pop_ind.end_year_population(other, codes[0], 2023)[0] == 2 * value


def test_sdg_10_7_4_kept_by_the_bundle_equals_the_computation(bundles):
    unhcr, wpp = bundles
    fresh = dataclasses.replace(unhcr)
    year = fresh.years[-1]
    for codes in _places(wpp)[:5]:
        try:
            want = ref_ind.sdg_10_7_4_for(unhcr.population, wpp.indicators, codes, year)
        except UnknownPlace:
            continue
        got = ref_ind.sdg_10_7_4_for(fresh, wpp, codes, year)
        assert _plain(got) == _plain(want)
        got["value"] = -1.0  # the caller's copy
        assert _plain(ref_ind.sdg_10_7_4_for(fresh, wpp, codes, year)) == _plain(want)
        # the same UNHCR bundle with another WPP table: computed again with that table
        halved = dataclasses.replace(wpp, indicators=wpp.indicators.assign(value=wpp.indicators["value"] / 2))
        assert _plain(ref_ind.sdg_10_7_4_for(fresh, halved, codes, year)) == _plain(
            ref_ind.sdg_10_7_4_for(unhcr.population, halved.indicators, codes, year))


@pytest.fixture(scope="module", params=["sample", "official"])
def ims_bundle(request):
    if request.param == "official":
        request.getfixturevalue("shared_data")
    return Store.open(request.param).ims()


def test_headline_figures_kept_by_the_bundle_equal_the_computation(ims_bundle):
    from migstats.indicators import headline as hl
    from migstats.places import resolve

    ims = dataclasses.replace(ims_bundle)
    for code in (900, 1834, 356, 840):
        try:
            place = resolve(ims, code)
        except UnknownPlace:
            continue
        want = hl._headline_figures(ims, place, ims.latest_year)
        got = hl.headline_figures(ims, place)
        assert _plain(got) == _plain(want)
        got["stock"] = -1.0
        got["rate_period"].append(0)
        assert _plain(hl.headline_figures(ims, code)) == _plain(want)  # kept, not changed by the caller
    more = dataclasses.replace(ims, stock=ims.stock.assign(value=ims.stock["value"] + 1))
    assert hl.headline_figures(more, 900)["stock"] == hl.headline_figures(ims, 900)["stock"] + 1


@pytest.fixture(scope="module", params=["sample", "official"])
def briefings(request):
    if request.param == "official":
        request.getfixturevalue("shared_data")
    from migstats.report.briefing import briefing_for

    return briefing_for(1834, data=request.param).data


def test_sdg_figures_kept_by_the_sdg_bundle_equal_the_computation(briefings):
    from migstats.indicators import sdg as sdg_ind
    from migstats.places import resolve
    from migstats.report.sections import sdg as section

    if briefings.sdg is None:
        pytest.skip("no SDG series in this data mode")
    data = dataclasses.replace(briefings, sdg=dataclasses.replace(briefings.sdg))
    for code in (1834, 356, 900):
        d = dataclasses.replace(data, place=resolve(data.ims, code))
        for col in section.columns(d):
            want = sdg_ind.sdg_figures(
                col.sdg_code, None if col.country else list(col.members),
                migrs=section._series(d, sdg_ind.SCORES), migrp=section._series(d, sdg_ind.SHARES),
                deaths=section._series(d, sdg_ind.DEATHS),
                incidents=d.incidents.incidents if d.incidents else None,
                costs=section._series(d, "SI_RMT_COST", "SI_RMT_COST_SND"),
                gdp_share=section._series(d, "BX_TRF_PWKR"),
                wdi=d.remittances.remittances if d.remittances else None, sources=section._labels(d))
            got = section.figures_for(d, col)
            assert _plain(got) == _plain(want)
            got["sdg_10_7_2"]["year"] = -1
            assert _plain(section.figures_for(d, col)) == _plain(want)
    assert len(data.sdg.derived) and data.sdg.derived is not briefings.sdg.derived
    # figures of a briefing with other incidents are computed with those incidents
    if data.incidents is not None:
        fewer = dataclasses.replace(data.incidents, incidents=data.incidents.incidents.head(0))
        d = dataclasses.replace(data, incidents=fewer, place=resolve(data.ims, 900))
        world = section.columns(d)[0]
        got = section.figures_for(d, world)["sdg_10_7_3"]
        assert all(v["source"] == "sdg" for v in got["values"])


def test_change_summary_reads_the_table_once_and_gives_the_period_and_projection_of_their_own_functions(bundles):
    _unhcr, wpp = bundles
    for w in (wpp, wpp.indicators):
        for codes in _places(wpp)[:4]:
            for c in (codes, codes[0]):
                try:
                    got = pop_ind.change_summary(w, c, period_starts=[1990, 2010, 2015])
                except UnknownPlace:
                    continue
                per = got["period"]
                assert _plain(per) == _plain(pop_ind.decompose_period(w, c, per["start_year"], per["end_year"]))
                if got["projection"] is not None:
                    assert _plain(got["projection"]) == _plain(pop_ind.projected_contribution(w, c))
                full = pop_ind.decompose(w, c)
                last = full.loc[full["variant"] == "estimates"].iloc[-1]
                assert got["latest"]["net_migration"] == float(last["net_migration"])


def test_wpp_year_rows_equal_the_plain_computation(bundles):
    _unhcr, wpp = bundles
    frame = wpp.indicators
    for year in (1950, 2023, 2024, 1800):
        _same(wpp.year_rows(year), frame[frame["year"] == year])
        _same(wpp.year_rows(year), frame[frame["year"] == year])  # kept


def test_printed_names_are_the_briefings_names_in_each_language_kept_by_the_ims_bundle(briefings):
    from migstats import i18n
    from migstats.report.sections.header import printed_names

    data = dataclasses.replace(briefings, ims=dataclasses.replace(briefings.ims))
    codes = [*data.place.members[:30], 900, 1834, 99999]
    try:
        for lang in (None, "fr", "es", None):
            i18n.install(lang)
            names = printed_names(data)
            assert [names(c) for c in codes] == [data.name_of(c) for c in codes]
            assert [printed_names(data)(c) for c in codes] == [data.name_of(c) for c in codes]  # kept
        assert any(k[0] == "sections.printed_names" for k in data.ims.derived._values)
        other = dataclasses.replace(data, ims=dataclasses.replace(data.ims))
        assert len(other.ims.derived) == 0
        # without WPP, a code the IMS does not name is named otherwise: not taken from the other briefing
        no_wpp = dataclasses.replace(data, wpp=None)
        assert [printed_names(no_wpp)(c) for c in codes] == [no_wpp.name_of(c) for c in codes]
    finally:
        i18n.install(None)


# --------------------------------------------------------------------------- IMS


def test_ims_lookups_kept_by_the_bundle_equal_the_computation(ims_bundle):
    from migstats.indicators import _base
    from migstats.indicators import origins as ori

    ims = dataclasses.replace(ims_bundle)
    assert ims.years == sorted(int(y) for y in ims.stock["year"].unique())
    assert ims.name(900) == str(ims.locations.loc[ims.locations["code"] == 900, "name"].iloc[0])
    assert ims.name(99999) == "99999"
    for _ in range(2):  # computed, then kept
        assert _base.names(ims) == _base._names(ims)
        assert _base.leaf_codes(ims) == _base._leaf_codes(ims)
        assert _base.country_codes(ims) == _base._country_codes(ims)
        names = _base.names(ims)
        names[900] = "changed by a caller"
        assert _base.names(ims)[900] != "changed by a caller"
    if ims.matrix is None:
        return
    year = ims.latest_year
    for _ in range(2):
        _same(_base.matrix_of(ims, "x"), _base._matrix_of(ims.matrix))
        leaves = _base._leaf_codes(ims)
        m = ims.matrix[(ims.matrix["year"] == year) & (ims.matrix["sex"] == "both")]
        _same(ori._slice(ims, "x", year, "both"), m[m["origin"].isin(leaves) & m["destination"].isin(leaves)])
    # without the by-origin workbook, emigrants come from the matrix: kept, the same as computed each time
    no_origin = dataclasses.replace(ims, stock_by_origin=None)
    bare = type("Bare", (), {k: getattr(no_origin, k) for k in (
        "edition", "stock", "population", "locations", "membership", "matrix", "stock_by_origin", "missing")})()
    for _ in range(2):
        _same(_base.by_origin_of(no_origin, "x"), _base.by_origin_of(bare, "x"))
    # another bundle with another matrix: its own slice
    fewer = dataclasses.replace(ims, matrix=ims.matrix[ims.matrix["origin"] != 356])
    assert 356 not in set(ori._slice(fewer, "x", year, "both")["origin"])


def test_rankings_and_country_tables_kept_by_the_bundle_equal_the_computation(ims_bundle):
    from migstats.indicators import compare, country
    from migstats.places import resolve

    ims = dataclasses.replace(ims_bundle)
    region = resolve(ims, 1834)
    for indicator in ("migrant_share", "migrant_stock", "annual_rate_of_change", "emigrant_share"):
        want = compare._rank_members(ims, region, indicator, compare.INDICATORS[indicator], ims.latest_year,
                                     "both", False, None, {})
        for _ in range(2):
            got = compare.rank_members(ims, region, indicator)
            _same(got, want)
            got["value"] = 0.0  # the caller's frame
    for code in (356, 276, 1834):
        p = resolve(ims, code)
        want = country._migrants_both_ways(ims, p, None)
        for _ in range(2):
            _same(country.migrants_both_ways(ims, p), want)
    other = dataclasses.replace(ims, stock=ims.stock.assign(value=ims.stock["value"] * 2))
    assert (country.migrants_both_ways(other, 356)["immigrants"]
            == 2 * country.migrants_both_ways(ims, 356)["immigrants"]).all()
