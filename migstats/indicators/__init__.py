"""Indicators: pure functions on tidy frames (no I/O, no plotting).

Every function takes an :class:`~migstats.data.IMS` bundle (one edition; it is only a container of tidy
frames, so a bundle built in code works as well as a loaded one) and a *place*: an M49 code, a name (any
case, accents optional, unambiguous prefix or ISO3 allowed), a list of those (a user-defined group), or a
:class:`~migstats.places.Place`. Results are tidy frames starting with ``edition, location, name``::

    import migstats as ms
    from migstats import indicators as ind
    ims = ms.load_ims(2024)
    ind.migrant_stock(ims, "Germany", sex="both")
    ind.migrant_share(ims, "Europe and Northern America", years=2024)
    ind.annual_rate_of_change(ims, ["France", "Germany", "Italy"], end=2024)
    ind.top_origins(ims, "Canada", n=5)
    ind.rank_members(ims, "Sub-Saharan Africa", "migrant_share")
    ind.compare_editions(ms.load_ims(2020), ims, "Sub-Saharan Africa", "migrant_stock")

Modules: :mod:`.stock` (stock, share, female share, rates, change), :mod:`.origins` (origins, regions of
origin, emigrants, destinations, corridors), :mod:`.compare` (ranking, edition comparison); population and
refugee indicators (WPP, UNHCR) in :mod:`.population` and :mod:`.refugees`; the migration-related SDG
indicators in :mod:`.sdg` and :mod:`.remittances`; headline figures in :mod:`.headline`.
"""

from __future__ import annotations

from . import population, refugees, remittances, sdg
from .by_name import INDICATORS
from .compare import compare_editions, rank_members
from .origins import (
    corridors,
    emigrant_share,
    emigrants,
    inflows,
    intra_regional_share,
    origins_by_region,
    outflows,
    top_destinations,
    top_origins,
)
from .stock import (
    annual_rate_of_change,
    exponential_rate,
    female_share,
    migrant_share,
    migrant_stock,
    stock_change,
    total_population,
)

__all__ = [
    "INDICATORS", "annual_rate_of_change", "population", "refugees", "remittances", "sdg", "compare_editions",
    "corridors", "emigrant_share", "emigrants",
    "exponential_rate", "female_share", "inflows", "intra_regional_share", "migrant_share", "migrant_stock",
    "origins_by_region", "outflows", "rank_members", "stock_change", "top_destinations", "top_origins",
    "total_population",
]
