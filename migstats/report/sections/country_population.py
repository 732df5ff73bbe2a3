"""Population change of a country or area: natural change vs net migration (World Population Prospects
2024). The population_change section's sentences, with notes written for one country or area."""

from __future__ import annotations

from ...errors import UnknownPlace
from ...i18n import _
from ...indicators import population as pop_ind
from ._base import BriefingData, Section, heading, missing_html, wpp_source
from ._lang import place_name
from .country_base import no_figures_html
from .population_change import KEY, SECTION, add_narrative_and_table


def render_section(data: BriefingData) -> Section:
    section = Section("country_population")
    section.add_html(heading(_("Migration and population change")))
    wpp, place = data.wpp, place_name(data)
    if wpp is None:
        section.add_html(missing_html(_(SECTION), data.missing.get("wpp", _("not loaded")), KEY))
        return section
    try:
        codes = pop_ind.wpp_codes(wpp, data.place.code, data.place.members)
        pc = pop_ind.change_summary(wpp, codes, period_starts=data.ims.years, population=data.ims.population)
    except UnknownPlace:
        section.add_html(no_figures_html(_("World Population Prospects 2024 publishes no estimates of births, "
                                           "deaths and net migration for {place}.").format(place=place)))
        return section
    per, last, proj = pc["period"], pc["latest"], pc["projection"]
    source = wpp_source(wpp)
    note = _("Figures for {place} are World Population Prospects' own estimates; they are annual flows for "
             "calendar years (estimates up to {year}, projections from {next}). Net migration rates are WPP's "
             "crude net migration rates (per 1,000 mid-year population).").format(
                 place=place, year=last["year"], next=last["year"] + 1)
    add_narrative_and_table(section, place, per, last, proj, note=note, source=source)
    return section
