"""Trend since the first year of the edition: chart and table of the stock, share and female share."""

from __future__ import annotations

import pandas as pd

from ... import charts, fmt
from ...i18n import N_, _
from ...indicators.headline import stock_trend
from ._base import BriefingData, Section, heading, ims_source, table_html
from ._lang import ByPlace, place_name

#: The chart's title; the World's is written whole ("worldwide", not "in World").
TITLE = ByPlace(region=N_("International migrants in {place}, {start}–{end}"),
                group=N_("International migrants in {place}, {start}–{end}"),
                world=N_("International migrants worldwide, {start}–{end}"))


def render_section(data: BriefingData) -> Section:
    tr = stock_trend(data.ims, data.place, end=data.year)
    section = Section("trend")
    section.add_html(heading(_("Trend since {year}").format(year=data.first_year)))
    source = ims_source(data)
    table = pd.DataFrame({
        _("Year"): tr["year"].astype(str),
        _("International migrants"): [fmt.integer(v) for v in tr["stock"]],
        _("% of population"): [fmt.percent(v) for v in tr["share"]],
        _("Female %"): [fmt.percent(v) for v in tr["female"]],
        _("Annual rate of change"): [fmt.rate(v) for v in tr["rate"]],
    })
    section.add_chart(charts.trend_chart(
        tr["year"].tolist(), tr["stock"].tolist(), tr["share"].tolist(),
        title=TITLE(data).format(
            place=place_name(data), start=tr["year"].iloc[0], end=tr["year"].iloc[-1]),
        source=source))
    section.add_html(table_html(table, numeric=tuple(table.columns[1:]), source=source))
    return section
