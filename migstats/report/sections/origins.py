"""Where the migrants come from: born in the place (a country of the region or group) or outside it, SDG regions
of origin, top countries of origin."""

from __future__ import annotations

import pandas as pd

from ... import charts, fmt
from ... import indicators as ind
from ...errors import DataUnavailable
from ...i18n import N_, _
from ._base import TOP_N, BriefingData, Section, heading, matrix_source, missing_html, table_html
from ._lang import ByPlace, local_names, place_name, wording

#: The chart of the migrants born in a member country of the place or outside it (none for the World: every
#: migrant of known origin was born in one of its countries).
BORN_INSIDE = ByPlace(region=N_("Born in the same region"), group=N_("Born in a country of the group"))
BORN_OUTSIDE = ByPlace(region=N_("Born in other regions"), group=N_("Born outside the group"))
BORN_TITLE = ByPlace(region=N_("Migrants in {place} by region of birth, {year}"),
                     group=N_("Migrants in {place} by place of birth, {year}"))
#: The chart of the main countries of origin; the World's title is written whole ("worldwide", not "in World").
ORIGINS_TITLE = ByPlace(region=N_("Main countries of origin of migrants in {place}, {year}"),
                        group=N_("Main countries of origin of migrants in {place}, {year}"),
                        world=N_("Main countries of origin of migrants worldwide, {year}"))


def render_section(data: BriefingData) -> Section:
    section = Section("origins")
    section.add_html(heading(_("Where the migrants come from")))
    try:
        by = ind.origins_by_region(data.ims, data.place, year=data.year)
        top = ind.top_origins(data.ims, data.place, year=data.year, n=TOP_N)
    except DataUnavailable as exc:
        section.add_html(missing_html(_("where the migrants come from"), exc, f"ims{data.edition}-matrix"))
        return section
    unknown = by.loc[by["origin_group"] == ind.origins.UNKNOWN_ORIGIN, "value"].sum()
    total = by["value"].sum()
    src = matrix_source(data)
    if wording(data) != "world":
        # Born in a member country or area of the place (not "in its SDG region": Eastern Africa's migrants born
        # elsewhere in Sub-Saharan Africa were born in another region; a group spans several SDG regions).
        flows = ind.inflows(data.ims, data.place, year=data.year)
        same = flows[flows.index.isin(data.place.members)].sum()
        parts = [(BORN_INSIDE(data), same), (BORN_OUTSIDE(data), total - same - unknown)]
        if unknown > 0:
            parts.append((_("Origin unknown"), unknown))
        section.add_chart(charts.share_bars(
            [p[0] for p in parts], [p[1] for p in parts],
            title=BORN_TITLE(data).format(place=place_name(data), year=data.year), source=src))
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
            title=ORIGINS_TITLE(data).format(
                place=place_name(data), year=data.year)))
        tab = pd.DataFrame({_("Rank"): top["rank"].astype(str).tolist(),
                            _("Country or area of origin"): origin_names,
                            migrants: [fmt.integer(v) for v in top["value"]],
                            share: [fmt.percent(v) for v in top["share"]]})
        section.add_html(table_html(tab, numeric=(migrants, share), source=src))
    return section
