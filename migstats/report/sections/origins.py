"""Where the migrants come from: same region vs other regions, regions of origin, top countries of origin."""

from __future__ import annotations

import pandas as pd

from ... import charts, fmt
from ... import indicators as ind
from ...errors import DataUnavailable
from ...i18n import _
from ._base import TOP_N, BriefingData, Section, heading, matrix_source, missing_html, table_html
from ._lang import local_names, place_name


def render_section(data: BriefingData) -> Section:
    section = Section("origins")
    section.add_html(heading(_("Where the migrants come from")))
    try:
        by = ind.origins_by_region(data.ims, data.place, year=data.year)
        top = ind.top_origins(data.ims, data.place, year=data.year, n=TOP_N)
    except DataUnavailable as exc:
        section.add_html(missing_html(_("where the migrants come from"), exc, f"ims{data.edition}-matrix"))
        return section
    same = by.loc[by["same_region"].fillna(False).astype(bool), "value"].sum()
    unknown = by.loc[by["origin_group"] == ind.origins.UNKNOWN_ORIGIN, "value"].sum()
    total = by["value"].sum()
    parts = [(_("Born in the same region"), same), (_("Born in other regions"), total - same - unknown)]
    if unknown > 0:
        parts.append((_("Origin unknown"), unknown))
    src = matrix_source(data)
    section.add_chart(charts.share_bars(
        [p[0] for p in parts], [p[1] for p in parts],
        title=_("Migrants in {place} by region of birth, {year}").format(place=place_name(data), year=data.year),
        source=src))
    migrants, share = _("Migrants"), _("Share of all migrants")
    regions = pd.DataFrame({
        _("Region of origin"): local_names(data, by["origin_group"], by["origin_group_name"].astype(str)),
        migrants: [fmt.integer(v) for v in by["value"]],
        share: [fmt.percent(v) for v in by["share"]],
    })
    section.add_html(table_html(
        regions, numeric=(migrants, share), source=src,
        caption=_("Migrants by SDG region of origin, {year} (total {total})").format(
            year=data.year, total=fmt.count(total))))
    if len(top):
        origin_names = local_names(data, top["origin"], top["origin_name"])
        section.add_chart(charts.bar_chart(
            origin_names, top["value"].tolist(), source=src,
            title=_("Main countries of origin of migrants in {place}, {year}").format(
                place=place_name(data), year=data.year)))
        tab = pd.DataFrame({_("Rank"): top["rank"].astype(str).tolist(),
                            _("Country or area of origin"): origin_names,
                            migrants: [fmt.integer(v) for v in top["value"]],
                            share: [fmt.percent(v) for v in top["share"]]})
        section.add_html(table_html(tab, numeric=(migrants, share), source=src))
    return section
