"""Population change of a country or area: natural change vs net migration (World Population Prospects
2024). The population_change section's sentences, with notes written for one country or area."""

from __future__ import annotations

import pandas as pd

from ... import fmt
from ...errors import UnknownPlace
from ...i18n import _
from ...indicators import population as pop_ind
from ._base import BriefingData, Section, heading, missing_html, per_1000, render, table_html, wpp_source
from ._lang import place_name
from .country_base import no_figures_html
from .population_change import KEY, SECTION, _effect, _growth_share, clauses


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
    if per["flags"]:
        period_note = _("In this period {clauses}.").format(clauses=clauses(per["flags"]))
    elif per["net_migration"] < 0:
        period_note = _("More people left than arrived: net migration reduced the population.")
    elif per["population_change"] > 0:
        period_note = _("Natural change, not migration, was the main driver of population growth.")
    else:
        period_note = ""
    note = _("Figures for {place} are World Population Prospects' own estimates; they are annual flows for "
             "calendar years (estimates up to {year}, projections from {next}). Net migration rates are WPP's "
             "crude net migration rates (per 1,000 mid-year population).").format(
                 place=place, year=last["year"], next=last["year"] + 1)
    section.add_html(render(
        "population_change.html.j2", place=place, period=per, last=last, projection=proj,
        grew=per["population_change"] >= 0, change=fmt.count(abs(per["population_change"])),
        natural=_effect(per["natural_change"]), migration=_effect(per["net_migration"]),
        period_note=period_note,
        growth_share=(fmt.percent(per["net_migration_share"]) if per["population_change"] > 0
                      and 0 < per["net_migration_share"] <= 100 else None),
        last_net_migration=fmt.change(last["net_migration"]), last_cnmr=per_1000(last["cnmr"]),
        last_natural_change=fmt.change(last["natural_change"]),
        last_note=(clauses(last["flags"]) if last["flags"] and last["flags"] != per["flags"] else None),
        projection_natural=_effect(proj["natural_change"], True) if proj else None,
        projection_migration=_effect(proj["net_migration"], True) if proj else None,
        projection_note=clauses(proj["flags"], projected=True) if proj and proj["flags"] else None,
        note=note, source=source))
    periods = [(_("{start}–{end} (estimates)").format(start=per["start_year"], end=per["end_year"]), per),
               (_("{year} (estimates)").format(year=last["year"]), last)]
    if proj is not None:
        periods.append((_("{start}–{end} (projection, medium variant)").format(
            start=proj["start_year"], end=proj["end_year"]), proj))
    summary = pd.DataFrame({
        _("Period"): [p for p, _d in periods],
        _("Natural change"): [fmt.integer(d["natural_change"]) for _p, d in periods],
        _("Net migration"): [fmt.integer(d["net_migration"]) for _p, d in periods],
        _("Population change"): [fmt.integer(d["population_change"]) for _p, d in periods],
        _("Net migration, % of growth"): [_growth_share(d) for _p, d in periods],
    })
    section.add_html(table_html(
        summary, numeric=tuple(summary.columns[1:]), source=source,
        caption=_("Components of population change, {place} (persons)").format(place=place)))
    return section
