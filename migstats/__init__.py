"""migstats — UN international-migration statistics as tidy tables, indicators and briefings.

Analysts::

    import migstats as ms
    ims = ms.load_ims(2024)              # official files (cache, mirror or download), else the synthetic sample
    ims.stock                            # tidy: edition, destination, origin, year, sex, value (persons)
    ms.indicators.migrant_stock(ims, "Europe and Northern America")
"""

from __future__ import annotations

__version__ = "0.1.0"

from .data import IMS, load_ims  # noqa: E402

__all__ = ["IMS", "load_ims", "__version__"]
