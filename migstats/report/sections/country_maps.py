"""Maps of a country profile: where the country is, where its emigrants live and where its immigrants
come from.

* a locator: a small globe centred on the country, drawn in orange (:func:`migstats.maps.locator_map`);
* a world choropleth of the people born in the country by country or area of residence, and one of the
  immigrants living in it by country or area of birth (:func:`migstats.maps.world_map`), both from the
  destination-and-origin table (``IMS.matrix``; for IMS 2024 the third-party IOM gdidata extract, named
  as such in the source line) — the country itself in orange, classes of persons by powers of ten.

Every map carries its title with the year, its source ("UN DESA, International Migrant Stock <edition>
(…); Natural Earth"), the UN disclaimer and the places it cannot show ("Not shown: …"). Synthetic-sample
profiles draw the real Natural Earth boundaries with the synthetic values, and say so in the source line.
Without the Natural Earth file, or without the destination-and-origin table, the section says what is
missing and how to get it; the rest of the profile builds.
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping

import pandas as pd
from matplotlib.figure import Figure

from ... import charts, maps
from ...errors import DataUnavailable
from ...i18n import N_, _
from ...indicators import origins as origins_ind
from ...indicators._base import country_codes
from ._base import BriefingData, Section, heading, matrix_source, missing_html, render
from ._lang import place_name
from .country_base import no_figures_html
from .maps import KEY, PlaceNames

SECTION = N_("maps of the country")
#: a country this far (degrees of longitude) from Greenwich gets a world map centred on the Pacific
_PACIFIC = 150.0


def _flows(data: BriefingData, direction: str) -> pd.DataFrame:
    """Persons by partner country or area (columns code, value), countries and areas only, no zeros:
    ``"out"`` = emigrants by country of residence, ``"in"`` = immigrants by country of birth."""
    fn = origins_ind.outflows if direction == "out" else origins_ind.inflows
    flows = fn(data.ims, data.place, year=data.year)
    flows = flows[flows.index.isin(country_codes(data.ims)) & (flows > 0) & (flows.index != data.place.code)]
    return pd.DataFrame({"code": flows.index.astype(int), "value": flows.to_numpy(dtype=float)})


def emigrant_values(data: BriefingData) -> pd.DataFrame:
    """People born in the country by country or area of residence in the profile's year (persons)."""
    return _flows(data, "out")


def immigrant_values(data: BriefingData) -> pd.DataFrame:
    """Immigrants living in the country by country or area of birth in the profile's year (persons)."""
    return _flows(data, "in")


def classes(values: pd.DataFrame) -> maps.Classes:
    """Classes of persons by powers of ten, the lowest three powers below the largest value (at least 10,
    at most 1,000): Tuvalu's few hundred emigrants per country get classes of their own, not one
    "Under 1,000"."""
    top = float(values["value"].max()) if len(values) else 0.0
    low = 10.0 ** min(max(math.floor(math.log10(top)) - 3, 1), 3) if top > 0 else 1_000.0
    return maps.count_classes(values["value"], low=low)


def _names(data: BriefingData, codes) -> Mapping[int, str]:
    return PlaceNames(data, {*map(int, codes), int(data.place.code)})


def _centre(data: BriefingData) -> float:
    """The central meridian of the world maps: Greenwich, or the Pacific for a Pacific country (Tuvalu is
    then in the middle of the map, not cut at its edge)."""
    boundaries, _src = data.boundaries
    target = boundaries[boundaries["code"] == data.place.code]
    if not len(target):
        return 0.0
    # One row per code (read_admin0): its own representative point, no union (the USA's took 15 ms).
    lon = float(target.geometry.iloc[0].representative_point().x)
    return 180.0 if abs(lon) > _PACIFIC else 0.0


def locator(data: BriefingData) -> Figure:
    """A small globe centred on the country (raises if the boundaries are not loaded)."""
    boundaries, _src = data.boundaries
    title = _("Location of {place}").format(place=place_name(data))
    return maps.locator_map(boundaries, data.place.code, title=title,
                            source=_("Source: {publication}").format(publication=maps.NATURAL_EARTH),
                            names=_names(data, []))


def emigrants_map(data: BriefingData, values: pd.DataFrame | None = None) -> Figure:
    """Where the people born in the country live: a world choropleth (raises without boundaries)."""
    values = emigrant_values(data) if values is None else values
    boundaries, _src = data.boundaries
    return maps.world_map(boundaries, values, highlight=data.place.code,
                          title=_("Where people born in {place} live").format(place=place_name(data)),
                          year=data.year, source=matrix_source(data), names=_names(data, values["code"]),
                          legend_title=_("Emigrants (persons)"), classes=classes(values), centre=_centre(data))


def immigrants_map(data: BriefingData, values: pd.DataFrame | None = None) -> Figure:
    """Where the immigrants living in the country were born: a world choropleth (raises without boundaries)."""
    values = immigrant_values(data) if values is None else values
    boundaries, _src = data.boundaries
    return maps.world_map(boundaries, values, highlight=data.place.code,
                          title=_("Where immigrants in {place} were born").format(place=place_name(data)),
                          year=data.year, source=matrix_source(data), names=_names(data, values["code"]),
                          legend_title=_("Immigrants (persons)"), classes=classes(values), centre=_centre(data))


def _alt(fig: Figure, what: str) -> str:
    text = _("Map: {title}. {what}").format(title=charts.figure_title(fig), what=what)
    hidden = maps.figure_not_shown(fig)
    if hidden:
        text += " " + _("Not shown: {names}.").format(names=", ".join(hidden))
    return text


def svg_html(fig: Figure, alt: str, kind: str = "") -> str:
    """The map as an inline SVG in a ``<figure>``, named for screen readers (``kind="locator"``: a thumbnail)."""
    svg = charts.svg_element(charts.to_svg(fig))
    svg = svg.replace("<svg", f'<svg role="img" aria-label="{html.escape(alt, quote=True)}"', 1)
    return render("country_maps.html.j2", svg=svg, kind=kind)


def _add(section: Section, fig: Figure, alt: str, kind: str = "") -> None:
    meta = {"migstats": {"chart": charts.figure_title(fig), "source": charts.figure_source(fig)}}
    section.add_html(svg_html(fig, alt, kind), meta)


def render_section(data: BriefingData) -> Section:
    section = Section("country_maps")
    place, y = place_name(data), data.year
    section.add_html(heading(_("Maps")))
    if data.boundaries is None:
        section.add_html(missing_html(_(SECTION), data.missing.get("boundaries", _("not loaded")), KEY))
        return section
    fig = locator(data)
    _add(section, fig, _alt(fig, _("{place} in orange on a globe centred on it.").format(place=place)),
         "locator")
    try:
        emigrants, immigrants = emigrant_values(data), immigrant_values(data)
    except DataUnavailable as exc:
        section.add_html(missing_html(_("countries of origin and of residence"), exc, f"ims{data.edition}-matrix"))
        return section
    if len(emigrants):
        fig = emigrants_map(data, emigrants)
        _add(section, fig, _alt(fig, _("Countries and areas shaded by the number of people born in {place} who "
                                       "live there; {place} in orange; legend under the map.").format(place=place)))
    else:
        section.add_html(no_figures_html(_("The destination-and-origin table records no country of residence "
                                           "for emigrants from {place} in {year}.").format(place=place, year=y)))
    if len(immigrants):
        fig = immigrants_map(data, immigrants)
        _add(section, fig, _alt(fig, _("Countries and areas shaded by the number of immigrants in {place} born "
                                       "there; {place} in orange; legend under the map.").format(place=place)))
    else:
        section.add_html(no_figures_html(_("The destination-and-origin table records no country of birth for "
                                           "immigrants in {place} in {year}.").format(place=place, year=y)))
    return section


__all__ = ["emigrant_values", "emigrants_map", "immigrant_values", "immigrants_map", "locator", "render_section",
           "svg_html"]
