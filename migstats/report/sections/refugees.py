"""Refugees (UNHCR): hosted by the member countries, originating from them, and SDG indicator 10.7.4."""

from __future__ import annotations

import re

import numpy as np
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
from ._lang import ByPlace, place_name, wording
from .header import headline, printed_names

SECTION = N_("refugees")
KEY = "unhcr-rpkg-population"
#: :data:`migstats.indicators.refugees.SDG_10_7_4_DEFINITION`, marked for translation.
SDG_10_7_4_DEFINITION = N_(
    "Refugees by country of origin at end-year per 100,000 of (end-year population of the country of "
    "origin + those refugees); refugees under UNHCR's mandate and other people in need of international "
    "protection (UNHCR, series SM_POP_REFG_OR).")
#: How :func:`migstats.indicators.population.end_year_population` says it got the population, translated.
_METHODS = (
    (re.compile(r"WPP end-of-year population"), N_("WPP end-of-year population")),
    (re.compile(r"WPP population on 1 January (?P<year>\d{4})"), N_("WPP population on 1 January {year}")),
    (re.compile(r"derived from WPP end-of-(?P<year>\d{4}) population minus population change"),
     N_("derived from WPP end-of-{year} population minus population change")),
)
#: The tables of the section: a host country's share of the place's total, and their captions.
SHARE_COLUMN = ByPlace(region=N_("Share of region"), group=N_("Share of group"), world=N_("Share of World"))
HOSTS_CAPTION = ByPlace(region=N_("Main host countries in the region, end-{year}"),
                        group=N_("Main host countries in the group, end-{year}"),
                        world=N_("Main host countries in the World, end-{year}"))
ORIGINS_CAPTION = ByPlace(region=N_("Refugees originating from the region's countries, end-{year}"),
                          group=N_("Refugees originating from the group's countries, end-{year}"),
                          world=N_("Refugees by country of origin, end-{year}"))


def population_method(text: str) -> str:
    """The indicator's description of the population used, in the installed language."""
    for pattern, message in _METHODS:
        if (m := pattern.fullmatch(str(text))) is not None:
            return _(message).format(**m.groupdict())
    return str(text)


def render_section(data: BriefingData) -> Section:
    section = Section("refugees")
    section.add_html(heading(_("Refugees")))
    unhcr, wpp = data.unhcr, data.wpp
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
                                    migrant_stock=stock, n=TOP_N, names=printed_names(data))
    except UnknownPlace:
        reason = _("UNHCR's figures{synthetic} for {year} include no country of {place}").format(
            synthetic=_(" (synthetic sample)") if unhcr.synthetic else "",
            year=ref_ind.unhcr_year(unhcr, data.year), place=place_name(data))
        section.add_html(missing_html(_(SECTION), reason, KEY))
        return section
    y = r["year"]
    section.add_html(render(
        "refugees_hosted.html.j2", wording=wording(data), year=y, place=place_name(data),
        refugees=fmt.count(r["refugees"]), asylum_seekers=fmt.count(r["asylum_seekers"]), hosted=fmt.count(r["hosted"]),
        share=None if r["share"] is None else fmt.percent(r["share"]), stock=fmt.count(stock),
        stock_year=data.year))
    hosts = r["hosts"][r["hosts"]["hosted"] > 0].head(TOP_N)
    if len(hosts):
        total = r["hosted"] or np.nan
        tab = pd.DataFrame({
            _("Rank"): [str(i) for i in range(1, len(hosts) + 1)],
            _("Country or area of asylum"): hosts["name"].tolist(),
            _("Refugees"): [fmt.integer(v) for v in hosts["refugees"]],
            _("Asylum-seekers"): [fmt.integer(v) for v in hosts["asylum_seekers"]],
            _("Total"): [fmt.integer(v) for v in hosts["hosted"]],
            SHARE_COLUMN(data): [fmt.percent(100 * v / total) for v in hosts["hosted"]],
        })
        section.add_html(table_html(tab, numeric=tuple(tab.columns[2:]), source=unhcr_source(unhcr, y),
                                    caption=HOSTS_CAPTION(data).format(year=y)))
    sdg = r["sdg_10_7_4"]
    definition = _(SDG_10_7_4_DEFINITION)
    if sdg is not None:
        definition += " " + (_("Population: {publication}, {method} (medium-variant projection).") if y > 2023
                             else _("Population: {publication}, {method}.")).format(
            publication=_(WPP_CITATION_SHORT), method=population_method(sdg["population_method"]))
    section.add_html(render(
        "refugees_origin.html.j2", wording=wording(data), year=y, place=place_name(data),
        by_origin=fmt.count(r["by_origin"]),
        sdg=per_100k(sdg["value"]) if sdg is not None and sdg["value"] is not None else None,
        definition=definition))
    o = r["origins"][r["origins"]["refugees"] > 0]
    if len(o):
        tab = pd.DataFrame({
            _("Rank"): [str(i) for i in range(1, len(o) + 1)], _("Country or area of origin"): o["name"].tolist(),
            _("Refugees*"): [fmt.integer(v) for v in o["refugees"]],
            _("SDG 10.7.4, per 100,000"): [fmt.number(v, 1) for v in o["sdg_10_7_4"]],
        })
        note = _("* Refugees under UNHCR's mandate and other people in need of international protection, in all "
                 "countries of asylum.")
        section.add_html(table_html(
            tab, numeric=tuple(tab.columns[2:]),
            caption=ORIGINS_CAPTION(data).format(year=y),
            source=f"{note} {unhcr_source(unhcr, y, with_wpp=True)}"))
    return section
