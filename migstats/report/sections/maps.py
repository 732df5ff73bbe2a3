"""Maps: the members of the place classed by international migrants as % of population (IMS Table 3).

A region is drawn with :func:`migstats.maps.region_map` (equal-area, neighbours in grey, a globe locating
it); the World and the global groupings (development, income and special groups, user-defined groups)
on a world map. Every map carries its year, its source ("UN DESA, International Migrant Stock <edition>;
Natural Earth"), the UN disclaimer and the list of places it cannot show. The HTML embeds the map as
inline SVG named for screen readers (``role="img"``, ``aria-label``); the PDF draws it at the page width.
Without the Natural Earth file the section says what is missing and how to get it.
"""

from __future__ import annotations

import html
import operator
from collections.abc import Iterable, Iterator, Mapping

import pandas as pd
from matplotlib.figure import Figure

from ... import charts, maps
from ...i18n import N_, _
from ._base import BriefingData, Section, heading, ims_source, missing_html, render
from ._lang import place_name

SECTION = N_("map")
KEY = "naturalearth-admin0-50m"
#: kinds of places drawn on a world map whatever the extent of their members
WORLD_KINDS = {"world", "development_group", "income_group", "special_group", "custom"}


def share_values(data: BriefingData) -> pd.DataFrame:
    """International migrants as % of population of the members in the briefing's year (columns code, value)."""
    share = data.ims.share
    rows = share[(share["year"] == data.year) & (share["sex"] == "both")
                 & share["location"].isin(list(data.place.members))]
    return rows.rename(columns={"location": "code"})[["code", "value"]].reset_index(drop=True)


class PlaceNames(Mapping[int, str]):
    """M49 code → display name (:meth:`BriefingData.name_of`) of the given places, each looked up when
    asked for: a map names only the places it cannot show (and a world map its country), not its 200
    members or partners."""

    def __init__(self, data: BriefingData, codes: Iterable[int]) -> None:
        self._data = data
        self._codes = frozenset(int(c) for c in codes)
        self._found: dict[int, str] = {}

    def __getitem__(self, code: int) -> str:
        try:
            key = operator.index(code)  # an M49 code: int or numpy integer, not float or text
        except TypeError:
            raise KeyError(code) from None
        if key not in self._codes:
            raise KeyError(code)
        if key not in self._found:
            self._found[key] = self._data.name_of(key)
        return self._found[key]

    def __iter__(self) -> Iterator[int]:
        return iter(self._codes)

    def __len__(self) -> int:
        return len(self._codes)


def names(data: BriefingData) -> Mapping[int, str]:
    """M49 code → display name (IMS locations) of the members."""
    return PlaceNames(data, data.place.members)


def share_map(data: BriefingData) -> Figure:
    """The choropleth of the members (raises if the boundaries are not loaded)."""
    boundaries, _src = data.boundaries
    title = _("International migrants as % of population, {place}").format(place=place_name(data))
    return maps.region_map(boundaries, share_values(data), data.place.members, title=title, year=data.year,
                           source=ims_source(data), names=names(data),
                           legend_title=_("International migrants\nas % of population"),
                           world=True if data.place.kind in WORLD_KINDS else None)


def svg_html(fig: Figure, alt: str) -> str:
    """The map as an inline SVG in a ``<figure>``, named for screen readers."""
    svg = charts.svg_element(charts.to_svg(fig))
    svg = svg.replace("<svg", f'<svg role="img" aria-label="{html.escape(alt, quote=True)}"', 1)
    return render("maps.html.j2", svg=svg, alt=alt)


def alt_text(data: BriefingData, fig: Figure) -> str:
    text = _("Map: {title}. Members of {place} shaded by international migrants as % of population; "
             "legend beside the map.").format(title=charts.figure_title(fig), place=place_name(data))
    hidden = maps.figure_not_shown(fig)
    if hidden:
        text += " " + _("Not shown: {names}.").format(names=", ".join(hidden))
    return text


def render_section(data: BriefingData) -> Section:
    section = Section("maps")
    section.add_html(heading(_("Map")))
    if data.boundaries is None:
        section.add_html(missing_html(_(SECTION), data.missing.get("boundaries", _("not loaded")), KEY))
        return section
    fig = share_map(data)
    section.add_html(svg_html(fig, alt_text(data, fig)), {"migstats": {"chart": charts.figure_title(fig),
                                                                      "source": charts.figure_source(fig)}})
    return section
