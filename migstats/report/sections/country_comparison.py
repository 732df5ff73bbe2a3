"""How a country or area compares with its SDG region and the World: migrants' share of the population,
female share, growth rate, and its rank among the SDG region's countries and areas."""

from __future__ import annotations

import pandas as pd

from ... import fmt
from ...i18n import _
from ...indicators import country as country_ind
from ._base import BriefingData, Section, heading, ims_source, render, table_html
from ._lang import local_names, place_name
from .country_base import no_figures_html


def _rank(value: float, ranked: float) -> str:
    if value != value or ranked != ranked:
        return fmt.NOT_AVAILABLE
    return _("{rank} of {n}").format(rank=int(value), n=int(ranked))


def render_section(data: BriefingData) -> Section:
    section = Section("country_comparison")
    place = place_name(data)
    c = country_ind.comparison(data.ims, data.place, year=data.year)
    c = c.assign(name=local_names(data, c["code"], c["name"].astype(str)))
    region = c[c["role"] == "sdg_region"]
    region_name = str(region["name"].iloc[0]) if len(region) else None
    section.add_html(heading(_("{place} beside its SDG region and the World").format(place=place)))
    me = c.iloc[0]
    if me["stock"] != me["stock"]:
        section.add_html(no_figures_html(_("International Migrant Stock {edition} publishes no estimates for "
                                           "{place}, so it cannot be compared.").format(
                                               edition=data.edition, place=place)))
        return section
    others = c.iloc[1:]
    src = ims_source(data)
    table = pd.DataFrame({
        _("Indicator, mid-{year}").format(year=data.year): [
            _("International migrants, % of population"), _("Female migrants, % of migrants"),
            _("Annual rate of change of migrants, {start}–{end}").format(start=data.previous_year, end=data.year),
            _("International migrants (immigrants)"), _("Emigrants")],
        **{str(r["name"]): [fmt.percent(r["share"]), fmt.percent(r["female"]), fmt.rate(r["rate"]),
                            fmt.integer(r["stock"]), fmt.integer(r["emigrants"])] for _i, r in c.iterrows()},
    })
    if region_name:
        table[_("Rank of {place} in {region}").format(place=place, region=region_name)] = [
            _rank(me["share_rank"], me["ranked"]), fmt.NOT_AVAILABLE, _rank(me["rate_rank"], me["ranked"]),
            _rank(me["stock_rank"], me["ranked"]), fmt.NOT_AVAILABLE]
    section.add_html(render(
        "country_comparison.html.j2", place=place, region=region_name, year=data.year,
        share=fmt.percent(me["share"]),
        region_share=fmt.percent(others["share"].iloc[0]) if region_name else None,
        world_share=fmt.percent(c.loc[c["role"] == "world", "share"].iloc[0]),
        share_rank=None if me["share_rank"] != me["share_rank"] else int(me["share_rank"]),
        ranked=None if me["ranked"] != me["ranked"] else int(me["ranked"]),
        female=fmt.percent(me["female"]),
        region_female=fmt.percent(others["female"].iloc[0]) if region_name else None,
        world_female=fmt.percent(c.loc[c["role"] == "world", "female"].iloc[0])))
    section.add_html(table_html(table, numeric=tuple(table.columns[1:]), source=src,
                                caption=_("{place}, {region} and the World, {year}").format(
                                    place=place, region=region_name or "", year=data.year)
                                if region_name else None))
    return section
