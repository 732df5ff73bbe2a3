"""Migration and population change (World Population Prospects 2024): natural change vs net migration."""

from __future__ import annotations

import pandas as pd

from ... import charts, fmt
from ...errors import UnknownPlace
from ...i18n import N_, _
from ...indicators import population as pop_ind
from ._base import (
    MEMBER_ROWS,
    WPP_CITATION_SHORT,
    BriefingData,
    Section,
    heading,
    missing_html,
    per_1000,
    render,
    table_html,
    wpp_source,
)
from ._lang import ByPlace, place_name, wording
from .header import printed_names

SECTION = N_("migration and population change")
KEY = "wpp2024-indicators"
#: The note on a place whose figures are WPP's own row (the World, regions, most UN groups).
OWN_AGGREGATE_NOTE = ByPlace(
    region=N_("Figures for the region are World Population Prospects' own aggregate; they are annual flows for "
              "calendar years (estimates up to {year}, projections from {next})."),
    group=N_("Figures for the group are World Population Prospects' own aggregate; they are annual flows for "
             "calendar years (estimates up to {year}, projections from {next})."),
    world=N_("Figures for the World are World Population Prospects' own aggregate; they are annual flows for "
             "calendar years (estimates up to {year}, projections from {next})."))

#: The UN's flag descriptions (WPP 2024) as clauses about a place and a period (past, projected).
FLAG_SENTENCES = {
    pop_ind.FLAGS["immigration_main_driver"]:
        (N_("immigration was the main driver of population growth (net migration exceeded natural change)"),
         N_("immigration would be the main driver of population growth")),
    pop_ind.FLAGS["offsets_natural_decrease"]:
        (N_("net migration offset a natural decrease (more deaths than births)"),
         N_("net immigration would offset a natural decrease")),
    pop_ind.FLAGS["decline_despite_immigration"]:
        (N_("the population declined despite net immigration"),
         N_("the population would decline despite net immigration")),
}


def clauses(flags: list[str], projected: bool = False) -> str:
    return _(" and ").join(_(FLAG_SENTENCES[f][1 if projected else 0]) for f in flags)


def _effect(v: float, projected: bool = False) -> str:
    if projected:
        return (_("add {n}") if v >= 0 else _("remove {n}")).format(n=fmt.count(abs(v)))
    return (_("added {n}") if v >= 0 else _("removed {n}")).format(n=fmt.count(abs(v)))


def _growth_share(d: dict) -> str:
    share = d["net_migration_share"]
    return fmt.percent(share) if d["population_change"] > 0 and share == share else fmt.NOT_AVAILABLE


def _rate_note(pc: dict) -> str:
    if pc["own_row"]:
        return _("Net migration rates are WPP's own crude net migration rates (CNMR, per 1,000 mid-year "
                 "population).") if pc["has_mid_year"] else _(
            "Net migration rates are WPP's own crude net migration rates (CNMR, per 1,000 mid-year population); "
            "WPP's mid-year population is not in the available file, so no rate is recomputed here.")
    return _("The group's net migration rate divides its net migration by its mid-year population from WPP.") \
        if pc["has_mid_year"] else _("The group's net migration rate divides its net migration by its mid-year "
                                     "population from the IMS population table (WPP's mid-year population is "
                                     "not in the available file).")


def render_section(data: BriefingData) -> Section:
    section = Section("population_change")
    section.add_html(heading(_("Migration and population change")))
    wpp = data.wpp
    if wpp is None:
        section.add_html(missing_html(_(SECTION), data.missing.get("wpp", _("not loaded")), KEY))
        return section
    synthetic = _(" (synthetic sample)") if wpp.synthetic else ""
    try:
        codes = pop_ind.wpp_codes(wpp, data.place.code, data.place.members)
    except UnknownPlace:
        reason = _("{publication}{synthetic} has no figures for {place}").format(
            publication=_(WPP_CITATION_SHORT), synthetic=synthetic, place=place_name(data))
        section.add_html(missing_html(_(SECTION), reason, KEY))
        return section
    try:
        pc = pop_ind.change_summary(wpp, codes, period_starts=data.ims.years, population=data.ims.population)
    except UnknownPlace:
        reason = _("{publication} has no estimates for {place}").format(
            publication=_(WPP_CITATION_SHORT), place=place_name(data))
        section.add_html(missing_html(_(SECTION), reason, KEY))
        return section
    per, last, proj = pc["period"], pc["latest"], pc["projection"]
    source = wpp_source(wpp)
    note = (OWN_AGGREGATE_NOTE(data).format(year=last["year"], next=last["year"] + 1)
            if pc["own_row"] else _("Figures for the group are sums of its members."))
    add_narrative_and_table(section, place_name(data), per, last, proj, note=f"{note} {_rate_note(pc)}",
                            source=source, wording=wording(data))

    m = pop_ind.member_components(wpp, data.place.members, last["year"], names=printed_names(data))
    m = m.dropna(subset=["net_migration"])
    if len(m) > 1:
        top = m.head(MEMBER_ROWS).sort_values("net_migration", ascending=False, kind="stable")
        more = (_(" (the {n} of {total} with the largest net migration, in or out)").format(n=MEMBER_ROWS, total=len(m))
                if len(m) > MEMBER_ROWS else "")
        section.add_chart(charts.components_chart(
            top["name"].tolist(), top["natural_change"].tolist(), top["net_migration"].tolist(), source=source,
            title=_("Natural change and net migration by country or area, {year}{more}").format(
                year=last["year"], more=more)))
        tab = pd.DataFrame({
            _("Country or area"): top["name"].tolist(),
            _("Natural change"): [fmt.integer(v) for v in top["natural_change"]],
            _("Net migration"): [fmt.integer(v) for v in top["net_migration"]],
            _("Population change"): [fmt.integer(v) for v in top["population_change"]],
            _("Net migration per 1,000"): [fmt.number(v, 1, signed=True) for v in top["cnmr"]],
        })
        section.add_html(table_html(tab, numeric=tuple(tab.columns[1:]), source=source))
    return section


def period_note(per: dict) -> str:
    """What drove population change over the period, in one sentence ("" when nothing stands out)."""
    if per["flags"]:
        return _("In this period {clauses}.").format(clauses=clauses(per["flags"]))
    if per["net_migration"] < 0:
        return _("More people left than arrived: net migration reduced the population.")
    if per["population_change"] > 0:
        return _("Natural change, not migration, was the main driver of population growth.")
    return ""


def add_narrative_and_table(section: Section, place: str, per: dict, last: dict, proj: dict | None, *,
                            note: str, source: str, wording: str | None = None) -> None:
    """The population-change paragraph and the components table (period, latest year, projection) of a place —
    shared by the regional briefing and the country profile. ``wording`` (:func:`._lang.wording`, None for a
    country) picks the sentence written for the place: the World's reads "the world population"."""
    section.add_html(render(
        "population_change.html.j2", place=place, wording=wording, period=per, last=last, projection=proj,
        grew=per["population_change"] >= 0, change=fmt.count(abs(per["population_change"])),
        natural=_effect(per["natural_change"]), migration=_effect(per["net_migration"]),
        period_note=period_note(per),
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
