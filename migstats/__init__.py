"""migstats — UN international-migration statistics as tidy tables, indicators and briefings.

Analysts::

    import migstats as ms
    ims = ms.load_ims(2024)              # official files (mirror, cache or download), else the synthetic sample
    store = ms.Store.open("auto")        # one data mode for a whole session: store.ims(), store.wpp(), store.unhcr()
    ims.stock                            # tidy: edition, destination, origin, year, sex, value (persons)
    ms.indicators.migrant_stock(ims, "Europe and Northern America")
"""

from __future__ import annotations

__version__ = "0.1.0"

from .store import IMS, Store, load_ims  # noqa: E402

__all__ = ["IMS", "Store", "load_ims", "__version__"]
