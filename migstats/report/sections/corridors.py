"""The largest migration corridors (origin → destination) into, out of or within the place."""

from __future__ import annotations

import pandas as pd

from ... import fmt
from ... import indicators as ind
from ...errors import DataUnavailable
from ...i18n import N_, _
from ._base import TOP_N, BriefingData, Section, heading, matrix_source, missing_html, table_html
from ._lang import ByPlace, local_names

#: A corridor's direction (:func:`migstats.indicators.corridors`); every corridor of the World is within it.
DIRECTIONS = {"inward": ByPlace(region=N_("into the region"), group=N_("into the group")),
              "outward": ByPlace(region=N_("out of the region"), group=N_("out of the group")),
              "within": ByPlace(region=N_("within the region"), group=N_("within the group"),
                                world=N_("within the World"))}


def render_section(data: BriefingData) -> Section:
    section = Section("corridors")
    section.add_html(heading(_("Largest migration corridors")))
    try:
        c = ind.corridors(data.ims, data.place, year=data.year, n=TOP_N)
    except DataUnavailable as exc:
        section.add_html(missing_html(_("the largest migration corridors"), exc, f"ims{data.edition}-matrix"))
        return section
    migrants = _("Migrants")
    tab = pd.DataFrame({_("Rank"): c["rank"].astype(str).tolist(),
                        _("Born in"): local_names(data, c["origin"], c["origin_name"]),
                        _("Living in"): local_names(data, c["destination"], c["destination_name"]),
                        migrants: [fmt.integer(v) for v in c["value"]],
                        _("Corridor"): [DIRECTIONS[d](data) if d in DIRECTIONS else d for d in c["direction"]]})
    section.add_html(table_html(tab, numeric=(migrants,), source=matrix_source(data)))
    return section
