"""Where a country's immigrants come from and where its emigrants live (its diaspora): the main countries,
never listing zeros."""

from __future__ import annotations

import pandas as pd

from ... import charts, fmt
from ...errors import DataUnavailable
from ...i18n import _
from ...indicators import country as country_ind
from ._base import TOP_N, BriefingData, Section, heading, matrix_source, missing_html, table_html
from ._lang import local_names, place_name
from .country_base import no_figures_html


def _listing(section: Section, top: pd.DataFrame, col: str, *, title: str, label: str, value: str,
             share: str, src: str) -> None:
    section.add_chart(charts.bar_chart(top[f"{col}_label"].tolist(), top["value"].tolist(), source=src,
                                       title=title, xlabel=_("{what} (persons)").format(what=value)))
    tab = pd.DataFrame({_("Rank"): top["rank"].astype(str).tolist(), label: top[f"{col}_label"].tolist(),
                        value: [fmt.integer(v) for v in top["value"]],
                        share: [fmt.percent(v) for v in top["share"]]})
    section.add_html(table_html(tab, numeric=(value, share), source=src))


def render_section(data: BriefingData) -> Section:
    section = Section("country_origins")
    place, y = place_name(data), data.year
    section.add_html(heading(_("Where immigrants come from and where emigrants live")))
    try:
        origins = country_ind.top_origins_nonzero(data.ims, data.place, year=y, n=TOP_N)
        destinations = country_ind.top_destinations_nonzero(data.ims, data.place, year=y, n=TOP_N)
    except DataUnavailable as exc:
        section.add_html(missing_html(_("countries of origin and of residence"), exc,
                                      f"ims{data.edition}-matrix"))
        return section
    src = matrix_source(data)
    origins = origins.assign(origin_label=local_names(data, origins["origin"], origins["origin_name"].astype(str)))
    destinations = destinations.assign(destination_label=local_names(
        data, destinations["destination"], destinations["destination_name"].astype(str)))
    if len(origins):
        _listing(section, origins, "origin", src=src,
                 title=_("Main countries of origin of immigrants in {place}, {year}").format(place=place, year=y),
                 label=_("Country or area of birth"), value=_("Immigrants"), share=_("Share of all immigrants"))
    else:
        section.add_html(no_figures_html(_("The destination-and-origin table records no country of birth for "
                                           "immigrants in {place} in {year}.").format(place=place, year=y)))
    if len(destinations):
        _listing(section, destinations, "destination", src=src,
                 title=_("Where people born in {place} live, {year}").format(place=place, year=y),
                 label=_("Country or area of residence"), value=_("Emigrants"), share=_("Share of all emigrants"))
    else:
        section.add_html(no_figures_html(_("The destination-and-origin table records no country of residence "
                                           "for emigrants from {place} in {year}.").format(place=place, year=y)))
    return section
