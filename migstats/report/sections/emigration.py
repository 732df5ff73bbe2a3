"""Emigration: people born in the place living in another country, and where they live."""

from __future__ import annotations

import pandas as pd

from ... import charts, fmt
from ... import indicators as ind
from ...errors import DataUnavailable
from ...i18n import N_, _
from ._base import TOP_N, BriefingData, Section, heading, ims_source, matrix_source, missing_html, render, table_html
from ._lang import ByPlace, local_names, place_name, wording
from .header import headline

HEADING = ByPlace(region=N_("Emigration from the region"), group=N_("Emigration from the group"),
                  world=N_("Emigration worldwide"))
#: The section as the "not available" box names it.
SECTION = ByPlace(region=N_("emigration from the region"), group=N_("emigration from the group"),
                  world=N_("emigration worldwide"))
#: The chart of where the emigrants live; for the World, where the international migrants live (not "born in World").
DESTINATIONS_TITLE = ByPlace(region=N_("Where people born in {place} live, {year}"),
                             group=N_("Where people born in {place} live, {year}"),
                             world=N_("Where international migrants live, {year}"))


def _value(frame: pd.DataFrame, year: int | None) -> float:
    rows = frame[(frame["year"] == year) & (frame["sex"] == "both")] if year is not None else frame.iloc[:0]
    return float(rows["value"].iloc[0]) if len(rows) and pd.notna(rows["value"].iloc[0]) else float("nan")


def render_section(data: BriefingData) -> Section:
    section = Section("emigration")
    section.add_html(heading(HEADING(data)))
    try:
        emi = ind.emigrants(data.ims, data.place, sex="both")
    except DataUnavailable as exc:
        section.add_html(missing_html(SECTION(data), exc, f"ims{data.edition}-origin"))
        return section
    now, before = _value(emi, data.year), _value(emi, data.previous_year)
    section.add_html(render(
        "emigration.html.j2", wording=wording(data), year=data.year, place=place_name(data), emigrants=fmt.count(now),
        change=fmt.change(now - before) if data.previous_year and before == before else None,
        previous_year=data.previous_year, stock=fmt.count(headline(data)["stock"]),
        source=ims_source(data, _("origin"))))
    try:
        d = ind.top_destinations(data.ims, data.place, year=data.year, n=TOP_N)
    except DataUnavailable as exc:
        section.add_html(missing_html(_("where the emigrants live"), exc, f"ims{data.edition}-matrix"))
        return section
    if len(d):
        src = matrix_source(data)
        destination_names = local_names(data, d["destination"], d["destination_name"])
        section.add_chart(charts.bar_chart(
            destination_names, d["value"].tolist(), source=src,
            title=DESTINATIONS_TITLE(data).format(place=place_name(data), year=data.year)))
        emigrants, share = _("Emigrants"), _("Share of all emigrants")
        tab = pd.DataFrame({_("Rank"): d["rank"].astype(str).tolist(),
                            _("Country or area of residence"): destination_names,
                            emigrants: [fmt.integer(v) for v in d["value"]],
                            share: [fmt.percent(v) for v in d["share"]]})
        section.add_html(table_html(tab, numeric=(emigrants, share), source=src))
    return section
