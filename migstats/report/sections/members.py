"""The member countries and areas ranked by migrant stock: chart of the largest and the full table."""

from __future__ import annotations

import pandas as pd

from ... import charts, fmt
from ...i18n import N_, _
from ...indicators.headline import member_table
from ._base import CHART_MEMBERS, BriefingData, Section, heading, ims_source, table_html
from ._lang import ByPlace, local_names

HEADING = ByPlace(region=N_("Countries and areas of the region"), group=N_("Countries and areas of the group"),
                  world=N_("Countries and areas of the World"))


def render_section(data: BriefingData) -> Section:
    section = Section("members")
    section.add_html(heading(HEADING(data)))
    m = member_table(data.ims, data.place, year=data.year)
    if len(m) == 0:
        return section
    prev = data.previous_year
    m = m.assign(name=local_names(data, m["code"], m["name"]))
    if len(m) > 1:
        more = (_(" (largest {n} of {total})").format(n=CHART_MEMBERS, total=len(m))
                if len(m) > CHART_MEMBERS else "")
        top = m.head(CHART_MEMBERS)
        section.add_chart(charts.bar_chart(
            top["name"].tolist(), top["stock"].tolist(), source=ims_source(data),
            title=_("International migrants by country or area{more}, {year}").format(more=more, year=data.year)))
    tab = pd.DataFrame({
        _("Rank"): m["rank"].astype(str).tolist(), _("Country or area"): m["name"].tolist(),
        _("Migrants"): [fmt.integer(v) for v in m["stock"]],
        _("% of population"): [fmt.percent(v) for v in m["share"]],
        _("Female %"): [fmt.percent(v) for v in m["female"]],
        _("Change since {year}").format(year=prev) if prev else _("Change"): [fmt.change(v) for v in m["change"]],
        _("Rate of change, % per year"): [fmt.rate(v, unit=False) for v in m["rate"]],
    })
    section.add_html(table_html(tab, numeric=tuple(tab.columns[2:]), source=ims_source(data)))
    return section
