"""A regional briefing: the data it needs, loaded in one place, and its sections.

:func:`briefing_for` is the **only** place where a briefing loads data (IMS, World Population Prospects
2024, UNHCR, the UN SDG Global Database, IOM Missing Migrants, World Bank WDI remittances and the Natural
Earth boundaries of the maps); the sections (:mod:`migstats.report.sections`) receive it already loaded.
An official IMS briefing uses only the official WPP/UNHCR files (a section says what is missing when they are not
there), a synthetic one only the synthetic samples — never a mix.

The notebook ``migstats/notebooks/regional_briefing.ipynb`` is a parameters cell, then one call per section::

    briefing = briefing_for(place, edition=edition, year=year, data=data)
    briefing.show("header")
    briefing.show("trend")
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import i18n
from ..errors import ParamsError
from ..places import Place, resolve
from ..store import LATEST_EDITION, Store
from .sections import SECTIONS, BriefingData, Section, build, show
from .sections.header import headline, headline_text


@dataclass(frozen=True)
class Briefing:
    """One place in one IMS edition and year, with everything loaded; :meth:`show` displays a section."""

    data: BriefingData

    @property
    def sections(self) -> tuple[str, ...]:
        return tuple(SECTIONS)

    def section(self, name: str) -> Section:
        """The section ``name`` (HTML and charts), without displaying it."""
        return build(name, self.data)

    def show(self, name: str) -> None:
        """Display the section ``name`` in the notebook."""
        show(self.section(name))

    def headline(self) -> dict:
        """The headline figures (numbers), as :func:`migstats.indicators.headline.headline_figures`."""
        return headline(self.data)

    def headline_text(self) -> dict:
        """The headline figures as printed in the header (and on the index page)."""
        return headline_text(self.data)


def briefing_for(place: str | int | Place, *, edition: int | None = None, year: int | None = None,
                 data: str = "auto", lang: str = "en") -> Briefing:
    """Load the data of a briefing and resolve its place (the first call of the notebook).

    ``place``: an M49 code (int or digits), a name, or an already-resolved :class:`Place`; ``edition``
    of International Migrant Stock (default: the latest); ``year`` (None or 0: the edition's latest);
    ``data``: "auto", "official" or "sample". World Population Prospects, UNHCR, the SDG series, the IOM
    incidents and the WDI remittances are loaded from the same store, in the same data mode as the IMS
    (official or synthetic, never mixed); the map boundaries are Natural Earth's in both modes. A
    publication whose files are not available (or not readable) becomes None with its reason in
    ``BriefingData.missing``. ``lang`` ("en", "fr", "es") is installed for the text, place names and
    numbers of every section shown afterwards in this process (the notebook's kernel).
    """
    i18n.install(None if lang == "en" else lang)
    edition = int(edition or LATEST_EDITION)
    store = Store.open(data, edition=edition)  # one data mode: WPP and UNHCR never mix with the other kind
    ims = store.ims(edition)
    if isinstance(place, str) and place.strip().isdigit():
        place = int(place)
    p = place if isinstance(place, Place) else resolve(ims, place)
    year = int(year) if year else ims.latest_year
    if year not in ims.years:
        raise ParamsError(f"year {year} is not in International Migrant Stock {ims.edition} "
                          f"(years: {', '.join(map(str, ims.years))})")
    loaded, missing = _companions(store, edition)
    return Briefing(BriefingData(ims=ims, place=p, year=year, missing=missing, **loaded))


def _companions(store: Store, edition: int) -> tuple[dict, dict[str, str]]:
    """Every publication beside the IMS that a briefing reads, and the reason of each one missing."""
    loaded, missing = {}, {}
    for name in ("wpp", "unhcr", "sdg", "incidents", "remittances"):
        loaded[name], reason = store.optional(name)
        if reason:
            missing[name] = reason
    # Boundaries are not figures: a synthetic briefing draws the real Natural Earth countries too.
    maps_store = Store.open("official", edition=edition, settings=store.settings) if store.synthetic else store
    loaded["boundaries"], reason = maps_store.optional("boundaries")
    if reason:
        missing["boundaries"] = reason
    return loaded, missing


def preload(data: str = "auto", edition: int | None = None) -> None:
    """Load every table a briefing of ``data`` and ``edition`` reads, as :func:`briefing_for` does (a warm
    kernel's set-up: where ``Store.open`` keeps its stores, the briefings then find them loaded)."""
    edition = int(edition or LATEST_EDITION)
    store = Store.open(data, edition=edition)
    store.ims(edition)
    _companions(store, edition)


def setup_notebook() -> None:
    """Reader-facing notebook settings: no warnings, a non-interactive matplotlib backend."""
    import warnings

    import matplotlib

    warnings.filterwarnings("ignore")
    matplotlib.use("agg")
