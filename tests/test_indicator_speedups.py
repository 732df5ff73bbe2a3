"""The optimized indicators give exactly the frames of their straightforward definition (issue 14).

:func:`migstats.indicators.compare.rank_members` computes the usual indicators for all members of a group at
once; the reference here is its plain definition — one call of the single-place indicator per member — and
the frames must be equal to the bit (values, columns, dtypes, order), on the official files and on synthetic
bundles with the awkward cases (duplicate rows, members without rows or without female rows).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from synthetic_ims import build_ims

from migstats import indicators as ind
from migstats.errors import ParamsError, UnknownPlace
from migstats.indicators import compare
from migstats.indicators._base import check_sex, default_year, names, place_of
from migstats.indicators.headline import member_table
from migstats.places import Place


def reference_rank_members(ims, group, indicator="migrant_share", *, year=None, sex="both", ascending=False,
                           n=None, **kwargs):
    """rank_members as defined: the single-place indicator called for each member in turn."""
    g = place_of(ims, group)
    check_sex(sex)
    year = default_year(ims, year)
    name, func = compare._indicator(indicator)
    label = names(ims)
    kind = ims.locations.drop_duplicates("code").set_index("code")["kind"]
    rows = []
    for code in g.members:
        member = Place(code=int(code), name=label.get(int(code), str(code)),
                       kind=str(kind.get(code, "country")), members=(int(code),), edition=g.edition)
        try:
            frame = func(ims, member, **compare._period_kwargs(name, ims, year), **kwargs)
            value = compare._pick(frame, year, sex)
        except UnknownPlace:
            value = np.nan
        rows.append({"location": int(code), "name": member.name, "value": value})
    out = pd.DataFrame(rows, columns=["location", "name", "value"])
    out = out.sort_values(["value", "name"], ascending=[ascending, True], na_position="last", kind="stable")
    ranks = np.arange(1, len(out) + 1, dtype=float)
    ranks[out["value"].isna().to_numpy()] = np.nan
    out.insert(0, "rank", pd.array(ranks, dtype="Int64"))
    out.insert(0, "sex", sex)
    out.insert(0, "year", year)
    out.insert(0, "group_name", g.name)
    out.insert(0, "group", pd.array([g.code] * len(out), dtype="Int64"))
    out.insert(0, "edition", int(ims.edition))
    out = out.reset_index(drop=True)
    return out.head(n) if n is not None else out


def same(ims, group, indicator, **kw):
    got = ind.rank_members(ims, group, indicator, **kw)
    want = reference_rank_members(ims, group, indicator, **kw)
    pd.testing.assert_frame_equal(got, want, check_exact=True)
    assert got["value"].to_numpy().tobytes() == want["value"].to_numpy().tobytes()
    return got


FAST = ("migrant_stock", "total_population", "migrant_share", "female_share", "annual_rate_of_change")


@pytest.mark.parametrize("group", [1829, 1834, "Western Europe", [356, 50, 586, 4]])
@pytest.mark.parametrize("indicator", FAST)
def test_official_2024_ranks_equal_the_per_member_definition(ims2024, group, indicator):
    years = ims2024.years
    for sex in ("both", "female", "male"):
        frame = same(ims2024, group, indicator, sex=sex)
        assert frame["value"].notna().any()
    earlier = years[-3] if indicator == "annual_rate_of_change" else years[0]
    same(ims2024, group, indicator, year=earlier, ascending=True, n=5)


@pytest.mark.parametrize("indicator", FAST)
def test_official_world_ranks_equal_the_per_member_definition(ims2024, indicator):
    same(ims2024, 900, indicator)


@pytest.mark.parametrize("indicator", ("migrant_share", "annual_rate_of_change", "female_share"))
def test_official_2020_ranks_equal_the_per_member_definition(ims2020, indicator):
    for group in (947 if 947 in set(ims2020.locations["code"]) else 1834, 1829, 900):
        same(ims2020, group, indicator, year=2015)


@pytest.mark.parametrize("indicator", ("emigrants", "emigrant_share", "intra_regional_share"))
def test_other_indicators_still_go_member_by_member(ims2024, indicator):
    same(ims2024, 1829, indicator)


def test_a_callable_and_extra_arguments_take_the_per_member_path(ims2024):
    same(ims2024, 1829, ind.migrant_stock)
    same(ims2024, 1829, "migrant_stock", from_members=True)

    def my_share(ims, place, **kw):
        return ind.migrant_share(ims, place, **kw)

    same(ims2024, 1829, my_share, year=2020)


def test_the_first_year_has_no_rate_either_way(ims2024):
    first = ims2024.years[0]
    with pytest.raises(ParamsError, match="first year"):
        reference_rank_members(ims2024, 1829, "annual_rate_of_change", year=first)
    with pytest.raises(ParamsError, match="first year"):
        ind.rank_members(ims2024, 1829, "annual_rate_of_change", year=first)


def test_member_table_equals_the_ranks_of_the_definition(ims2024, monkeypatch):
    for group in (1829, 1834, 900):
        got = member_table(ims2024, group)
        import migstats.indicators.headline as headline

        with monkeypatch.context() as m:
            m.setattr(headline, "rank_members", reference_rank_members)
            want = member_table(ims2024, group)
        pd.testing.assert_frame_equal(got, want, check_exact=True)


# synthetic bundles: the cases the official files do not have

@pytest.fixture(scope="module")
def synthetic():
    return build_ims()


@pytest.mark.parametrize("indicator", FAST)
def test_synthetic_ranks_equal_the_definition(synthetic, indicator):
    for year in synthetic.years[1:]:
        for sex in ("both", "female", "male"):
            same(synthetic, "World", indicator, year=year, sex=sex)
    custom = Place(code=None, name="Some", kind="custom", members=(11, 12, 21, 999), edition=synthetic.edition)
    same(synthetic, custom, indicator)  # 999: a member without rows


def _with(ims, **frames):
    import dataclasses

    return dataclasses.replace(ims, **frames)


@pytest.mark.parametrize("indicator", FAST)
def test_duplicate_and_missing_rows_give_the_same_frames(synthetic, indicator):
    stock, pop = synthetic.stock, synthetic.population
    latest = synthetic.latest_year
    # a member's stock and population rows of the latest year twice, another member without latest rows
    dup_stock = pd.concat([stock, stock[(stock["destination"] == 21) & (stock["year"] == latest)]
                           .assign(value=lambda f: f["value"] + 1)], ignore_index=True)
    dup_stock = dup_stock[~((dup_stock["destination"] == 22) & (dup_stock["year"] == latest))]
    dup_pop = pd.concat([pop, pop[(pop["location"] == 21) & (pop["year"] == latest)]], ignore_index=True)
    odd = _with(synthetic, stock=dup_stock.reset_index(drop=True), population=dup_pop.reset_index(drop=True))
    try:
        want = reference_rank_members(odd, "World", indicator)
    except Exception as exc:  # the definition fails: so must the optimized function, the same way
        with pytest.raises(type(exc)):
            ind.rank_members(odd, "World", indicator)
        return
    pd.testing.assert_frame_equal(ind.rank_members(odd, "World", indicator), want, check_exact=True)


def test_a_member_without_female_rows_fails_the_same_way(synthetic):
    stock = synthetic.stock
    odd = _with(synthetic, stock=stock[~((stock["destination"] == 12) & (stock["sex"] == "female"))]
                .reset_index(drop=True))
    with pytest.raises(ParamsError) as want:
        reference_rank_members(odd, "World", "female_share")
    with pytest.raises(ParamsError) as got:
        ind.rank_members(odd, "World", "female_share")
    assert str(got.value) == str(want.value)
    for indicator in ("migrant_stock", "migrant_share", "annual_rate_of_change"):
        for sex in ("both", "female"):
            same(odd, "World", indicator, sex=sex)


# WPP: the places' rows are selected first, then the measures (same rows, same order)

def reference_annual_components(wpp, codes, measures=None):
    from migstats.indicators import population as P

    measures = P.COMPONENTS if measures is None else measures
    frame = P._tidy(wpp)
    wanted = P._codes(codes)
    present = set(frame["location"].unique())
    missing = [c for c in wanted if c not in present]
    if missing:
        raise UnknownPlace("missing")
    rows = frame[frame["location"].isin(wanted) & frame["measure"].isin(list(measures))]
    grouped = rows.groupby(["year", "variant", "measure"])["value"].agg(["sum", "count"])
    summed = grouped["sum"].where(grouped["count"] == len(wanted))
    table = summed.unstack("measure").reset_index().rename_axis(columns=None)
    table = table.reindex(columns=["year", "variant", *measures])
    return table.sort_values("year").reset_index(drop=True)


@pytest.mark.parametrize("codes", [356, 900, 1829, [4, 50, 356], [356, 356], [36, 554, 999999]])
def test_annual_components_equal_the_definition(wpp_bundle, codes):
    from migstats.indicators import population as P

    for measures in (P.COMPONENTS, ("population_end_year", "population_jan1", "population_change"), ("cnmr",)):
        try:
            want = reference_annual_components(wpp_bundle, codes, measures)
        except UnknownPlace:
            with pytest.raises(UnknownPlace):
                P.annual_components(wpp_bundle, codes, measures)
            continue
        pd.testing.assert_frame_equal(P.annual_components(wpp_bundle, codes, measures), want, check_exact=True)


def test_wpp_codes_equal_the_definition(wpp_bundle):
    from migstats.indicators import population as P

    known = set(P._tidy(wpp_bundle)["location"].astype(int))
    assert set(pd.unique(P._tidy(wpp_bundle)["location"]).astype(int).tolist()) == known
    assert P.wpp_codes(wpp_bundle, 1829, [4]) == 1829
    assert P.wpp_codes(wpp_bundle, None, [4, 50]) == [4, 50]
    with pytest.raises(UnknownPlace):
        P.wpp_codes(wpp_bundle, None, [4, 999999])
