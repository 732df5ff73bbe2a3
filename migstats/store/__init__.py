"""The data store: the only way to data. Official files → verified, cached tidy tables → bundles.

::

    from migstats.store import Store
    store = Store.open("auto")          # one data mode per run; store.mode.reason says which and why
    ims = store.ims(2024)               # International Migrant Stock bundle
    wpp = store.wpp(); unhcr = store.unhcr()

Declarations of the official files are data (``declarations/*.yaml``, :mod:`.catalog`); files are found
in a mirror, the download cache or at the publisher and verified (:mod:`.files`); parsed tables are cached
as Parquet with their own checksums (:mod:`.tables`); readers are the pure functions of
:mod:`migstats.sources`; settings follow option > environment > config file > default (:mod:`.settings`).
"""

from __future__ import annotations

from ..editions import EDITIONS, LATEST_EDITION
from .bundles import IMS, UNHCR, WPP
from .catalog import OfficialFile
from .core import Mode, Store
from .files import SourceFile
from .settings import DATA_MODES, Settings

__all__ = ["DATA_MODES", "EDITIONS", "IMS", "LATEST_EDITION", "Mode", "OfficialFile", "Settings", "SourceFile",
           "Store", "UNHCR", "WPP", "load_ims"]


def load_ims(edition: int = LATEST_EDITION, data: str | None = None, **options) -> IMS:
    """One IMS edition for analysts: ``Store.open(data, **options).ims(edition)`` (``data``: auto, official,
    sample; ``options``: mirror, cache, offline, allow_unverified)."""
    return Store.open(data, edition=edition, **options).ims(edition)
