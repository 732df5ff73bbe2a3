"""migstats — UN international-migration statistics as tidy tables, indicators and briefings.

Analysts::

    import migstats as ms
    ims = ms.load_ims(2024)              # official files (mirror, cache or download), else the synthetic sample
    store = ms.Store.open("auto")        # one data mode for a whole session: store.ims(), store.wpp(), store.unhcr()
    ims.stock                            # tidy: edition, destination, origin, year, sex, value (persons)
    ms.indicators.migrant_stock(ims, "Europe and Northern America")
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

__version__ = "0.1.0"

__all__ = ["IMS", "Store", "load_ims", "__version__"]

if TYPE_CHECKING:
    from .store import IMS, Store, load_ims

#: Loaded on first use (PEP 562): ``import migstats.report.kernels`` — what a batch's worker processes are
#: forked from — then does not import pandas and the store.
_FROM_STORE = ("IMS", "Store", "load_ims")


def __getattr__(name: str):
    if name in _FROM_STORE:
        return getattr(importlib.import_module(".store", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_FROM_STORE})
