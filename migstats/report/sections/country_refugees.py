"""Refugees hosted by a country or area and refugees originating from it (UNHCR), with SDG indicator
10.7.4. A country UNHCR publishes no figures for is said to be so, in one line."""

from __future__ import annotations

import pandas as pd

from ... import fmt
from ...errors import UnknownPlace
from ...i18n import N_, _
from ...indicators import population as pop_ind
from ...indicators import refugees as ref_ind
from ._base import (
    TOP_N,
    WPP_CITATION_SHORT,
    BriefingData,
    Section,
    heading,
    missing_html,
    per_100k,
    render,
    table_html,
    unhcr_source,
)
from ._lang import place_name
from .country_base import no_figures_html
from .header import headline

SECTION = N_("refugees")
KEY = "unhcr-rpkg-population"


def render_section(data: BriefingData) -> Section:
    section = Section("country_refugees")
    section.add_html(heading(_("Refugees")))
    unhcr, wpp, place = data.unhcr, data.wpp, place_name(data)
    if unhcr is None:
        section.add_html(missing_html(_(SECTION), data.missing.get("unhcr", _("not loaded")), KEY))
        return section
    population_codes = None
    if wpp is not None:
        try:
            population_codes = pop_ind.wpp_codes(wpp, data.place.code, data.place.members)
        except UnknownPlace:
            wpp = None
    stock = headline(data)["stock"]
    try:
        r = ref_ind.region_refugees(unhcr, data.place.members, data.year, wpp=wpp, population_codes=population_codes,
                                    migrant_stock=stock, n=TOP_N, names=data.name_of)
    except UnknownPlace:
        text = (_("The synthetic sample has no UNHCR figures for {place}.") if unhcr.synthetic
                else _("UNHCR publishes no figures for {place}.")).format(place=place)
        section.add_html(no_figures_html(text))
        return section
    y = r["year"]
    sdg = r["sdg_10_7_4"]
    definition = _(ref_ind.SDG_10_7_4_DEFINITION)
    if sdg is not None:
        definition += " " + (_("Population: {publication}, {method} (medium-variant projection).") if y > 2023
                             else _("Population: {publication}, {method}.")).format(
            publication=_(WPP_CITATION_SHORT), method=sdg["population_method"])
    section.add_html(render(
        "country_refugees.html.j2", year=y, place=place, refugees=fmt.count(r["refugees"]),
        asylum_seekers=fmt.count(r["asylum_seekers"]), hosted=fmt.count(r["hosted"]),
        share=None if r["share"] is None else fmt.percent(r["share"]), stock=fmt.count(stock),
        stock_year=data.year, by_origin=fmt.count(r["by_origin"]),
        sdg=per_100k(sdg["value"]) if sdg is not None and sdg["value"] is not None else None,
        definition=definition))
    hosts = ref_ind.hosted_by_country(unhcr, list(data.place.members), y, data.name_of)
    summary = pd.DataFrame({
        _("End-{year}").format(year=y): [_("Refugees hosted by {place}").format(place=place),
                                         _("Asylum-seekers in {place}").format(place=place),
                                         _("Refugees originating from {place}, in all countries of asylum").format(
                                             place=place)],
        _("Persons"): [fmt.integer(hosts["refugees"].sum()), fmt.integer(hosts["asylum_seekers"].sum()),
                       fmt.integer(r["by_origin"])],
    })
    section.add_html(table_html(summary, numeric=(_("Persons"),), source=unhcr_source(unhcr, y, with_wpp=True)))
    return section
