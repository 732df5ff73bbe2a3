"""What the sections of a country profile share: the country's SDG region and the "no figures" box.

A country profile speaks of one country or area: its sentences name it (never "the region"), and a
source that publishes nothing for it says exactly that (:func:`no_figures_html`), without instructions
to download a file that is already there.
"""

from __future__ import annotations

from ...indicators import country as country_ind
from ...places import Place
from ._base import BriefingData, render


def sdg_region(data: BriefingData) -> Place | None:
    """The SDG region of the profile's country or area (None if the tables list it in none)."""
    return country_ind.sdg_region_of(data.ims, data.place)


def no_figures_html(text: str) -> str:
    """A short note that a source publishes no figures for this place (small territories)."""
    return render("country_none.html.j2", text=text)
