"""A country's largest migration corridors: into it (country of birth → the country) and out of it."""

from __future__ import annotations

import pandas as pd

from ... import fmt
from ... import indicators as ind
from ...errors import DataUnavailable
from ...i18n import _
from ._base import BriefingData, Section, heading, matrix_source, missing_html, table_html
from ._lang import local_names, place_name
from .country_base import no_figures_html

CORRIDORS_EACH_WAY = 5


def render_section(data: BriefingData) -> Section:
    section = Section("country_corridors")
    place, y = place_name(data), data.year
    section.add_html(heading(_("Largest corridors in and out of {place}").format(place=place)))
    try:
        c = ind.corridors(data.ims, data.place, year=y, n=10_000)
    except DataUnavailable as exc:
        section.add_html(missing_html(_("the largest migration corridors"), exc, f"ims{data.edition}-matrix"))
        return section
    src = matrix_source(data)
    migrants = _("Migrants")
    for direction, caption in (("inward", _("Into {place}, {year}")), ("outward", _("Out of {place}, {year}"))):
        rows = c[(c["direction"] == direction) & (c["value"] > 0)].head(CORRIDORS_EACH_WAY)
        if not len(rows):
            section.add_html(no_figures_html(
                (_("No corridor into {place} is recorded for {year}.") if direction == "inward"
                 else _("No corridor out of {place} is recorded for {year}.")).format(place=place, year=y)))
            continue
        born = local_names(data, rows["origin"], rows["origin_name"])
        living = local_names(data, rows["destination"], rows["destination_name"])
        tab = pd.DataFrame({_("Rank"): [str(i) for i in range(1, len(rows) + 1)],
                            _("Corridor (born in → living in)"): [f"{o} → {d}" for o, d in
                                                                 zip(born, living,
                                                                     strict=True)],
                            migrants: [fmt.integer(v) for v in rows["value"]]})
        section.add_html(table_html(tab, numeric=(migrants,), source=src,
                                    caption=caption.format(place=place, year=y)))
    return section
