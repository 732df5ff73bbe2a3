"""The sections of a regional briefing, one module each; the notebook shows them in this order.

Every module has ``render_section(data: BriefingData) -> Section``: it takes already-loaded data
(:class:`~._base.BriefingData`: the IMS bundle, the resolved place, the WPP and UNHCR bundles or None
with the reason they are missing) and returns HTML rendered from the Jinja templates in
``migstats/report/templates/sections`` plus charts from :mod:`migstats.charts`. Sections never load
data; :func:`show` displays a section in a notebook (HTML and SVG charts — no code, no ``repr`` noise).

========================  ============================================================================
``header``                banner (synthetic data), title, headline figures, lead paragraph
``maps``                  members by international migrants as % of population (Natural Earth boundaries)
``trend``                 stock, share and female share since the first year of the edition
``origins``               same region vs other regions, regions and countries of origin
``members``               member countries and areas ranked by migrant stock
``emigration``            people born in the place living abroad, and where they live
``corridors``             the largest origin → destination corridors
``population_change``     natural change vs net migration (World Population Prospects 2024)
``refugees``              refugees hosted and originating, SDG indicator 10.7.4 (UNHCR)
``sdg``                   migration-related SDG indicators 10.7.2, 10.7.3, 10.7.4, 10.c.1, 17.3.2
``notes``                 definitions, sources with checksums, edition, generation date
``country_maps``          (country profiles) locator, emigrants by residence and immigrants by birth on world maps
========================  ============================================================================
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ... import charts
from ...errors import ParamsError
from . import (
    corridors,
    country_maps,
    emigration,
    header,
    maps,
    members,
    notes,
    origins,
    population_change,
    refugees,
    sdg,
    trend,
)
from ._base import BriefingData, Chart, Html, Section
from .country_comparison import render_section as country_comparison
from .country_corridors import render_section as country_corridors
from .country_header import render_section as country_header
from .country_migrants import render_section as country_migrants
from .country_notes import render_section as country_notes
from .country_origins import render_section as country_origins
from .country_population import render_section as country_population
from .country_refugees import render_section as country_refugees

SECTIONS: dict[str, Callable[[BriefingData], Section]] = {
    "header": header.render_section,
    "maps": maps.render_section,
    "trend": trend.render_section,
    "origins": origins.render_section,
    "members": members.render_section,
    "emigration": emigration.render_section,
    "corridors": corridors.render_section,
    "population_change": population_change.render_section,
    "refugees": refugees.render_section,
    "sdg": sdg.render_section,
    "notes": notes.render_section,
}

#: The sections of a country profile (``migstats/notebooks/country_profile.ipynb``), in display order; the
#: profile also shows ``population_change``'s figures through ``country_population`` and, when present, ``sdg``.
COUNTRY_SECTIONS: dict[str, Callable[[BriefingData], Section]] = {
    "country_header": country_header,
    "country_migrants": country_migrants,
    "country_origins": country_origins,
    "country_maps": country_maps.render_section,
    "country_corridors": country_corridors,
    "country_comparison": country_comparison,
    "country_population": country_population,
    "country_refugees": country_refugees,
    "country_notes": country_notes,
}
SECTIONS.update(COUNTRY_SECTIONS)

__all__ = ["SECTIONS", "BriefingData", "Chart", "Html", "Section", "build", "display_html", "show"]


def build(name: str, data: BriefingData) -> Section:
    """The section ``name`` (one of :data:`SECTIONS`) of a briefing."""
    try:
        render = SECTIONS[name]
    except KeyError:
        raise ParamsError(f"unknown briefing section {name!r} — choose one of {', '.join(SECTIONS)}") from None
    return render(data)


def display_html(text: str, metadata: Mapping[str, Any] | None = None) -> None:
    """Display an HTML fragment in the notebook (with output metadata)."""
    from IPython.display import HTML, display

    display(HTML(text), metadata=dict(metadata or {}))


def show(section: Section) -> None:
    """Display a section in a notebook: its HTML fragments and charts (SVG), in order."""
    for part in section.parts:
        if isinstance(part, Chart):
            charts.show(part.figure)
        else:
            display_html(part.text, part.metadata)
