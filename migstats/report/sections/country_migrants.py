"""Immigrants and emigrants of a country or area side by side, since the first year of the edition."""

from __future__ import annotations

import pandas as pd
from matplotlib.ticker import FuncFormatter

from ... import charts, fmt
from ...i18n import _
from ...indicators import country as country_ind
from ._base import BriefingData, Section, heading, ims_source, render, table_html
from ._lang import place_name
from .country_base import no_figures_html

IMMIGRANTS_COLOUR, EMIGRANTS_COLOUR = "#009EDB", "#F28E2B"


def both_ways_chart(years, immigrants, emigrants, *, title: str, source: str):
    """Immigrants and emigrants (persons) by year, two lines on one axis."""
    fig = charts.new_figure(title, source, 7.2, 3.1)
    ax = fig.subplots()
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="y", color="#E5E5E5", linewidth=0.8)
    ax.tick_params(labelsize=8.5, colors="#333333")
    labels = [str(y) for y in years]
    ax.plot(labels, immigrants, color=IMMIGRANTS_COLOUR, marker="o", linewidth=2, markersize=4,
            label=_("Immigrants (living in the country or area, born elsewhere)"))
    ax.plot(labels, emigrants, color=EMIGRANTS_COLOUR, marker="s", linewidth=2, markersize=4,
            label=_("Emigrants (born in the country or area, living abroad)"))
    ax.yaxis.set_major_formatter(FuncFormatter(fmt.axis_count))
    top = max([v for v in [*immigrants, *emigrants] if v == v], default=1) or 1
    ax.set_ylim(0, top * 1.15)
    ax.set_ylabel(_("Persons"), fontsize=8.5, color="#333333")
    ax.legend(fontsize=8, frameon=False, loc="upper left")
    return fig


def render_section(data: BriefingData) -> Section:
    section = Section("country_migrants")
    section.add_html(heading(_("Immigrants and emigrants since {year}").format(year=data.first_year)))
    t = country_ind.migrants_both_ways(data.ims, data.place, end=data.year)
    if t["immigrants"].isna().all() and t["emigrants"].isna().all():
        section.add_html(no_figures_html(_("International Migrant Stock {edition} publishes no estimates of "
                                           "immigrants or emigrants for {place}.").format(
                                               edition=data.edition, place=place_name(data))))
        return section
    src = ims_source(data, _("destination; origin"))
    first, last = t.iloc[0], t.iloc[-1]
    section.add_html(render(
        "country_migrants.html.j2", place=place_name(data), first_year=int(first["year"]),
        year=int(last["year"]), immigrants_first=fmt.count(first["immigrants"]),
        immigrants=fmt.count(last["immigrants"]), emigrants_first=fmt.count(first["emigrants"]),
        emigrants=fmt.count(last["emigrants"]),
        net=fmt.count(abs(last["net"])) if last["net"] == last["net"] else None,
        more_immigrants=bool(last["net"] > 0)))
    section.add_chart(both_ways_chart(
        t["year"].tolist(), t["immigrants"].tolist(), t["emigrants"].tolist(), source=src,
        title=_("Immigrants and emigrants of {place}, {start}–{end}").format(
            place=place_name(data), start=int(first["year"]), end=int(last["year"]))))
    table = pd.DataFrame({
        _("Year"): t["year"].astype(str),
        _("Immigrants"): [fmt.integer(v) for v in t["immigrants"]],
        _("Emigrants"): [fmt.integer(v) for v in t["emigrants"]],
        _("Immigrants minus emigrants"): [fmt.integer(v) for v in t["net"]],
        _("Immigrants, % of population"): [fmt.percent(v) for v in t["share"]],
        _("Female immigrants, %"): [fmt.percent(v) for v in t["female"]],
    })
    section.add_html(table_html(table, numeric=tuple(table.columns[1:]), source=src))
    return section
