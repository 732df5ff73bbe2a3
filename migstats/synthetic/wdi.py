"""Synthetic World Bank WDI long table in the layout of ``iom/gdidata`` ``data/wdi.rda`` (object ``wdi``).

Columns ``geo`` (ISO3), ``var``, ``t`` (int32), ``v``; variables ``remin``, ``remout``, ``gdp`` and ``pop``
for the given countries, 1990-2023, fictional values; plus Kosovo (``XKX``, no M49 code) as in the
official file. The last country has no ``remout`` (paid) values, so a region lacks one member's data.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..fileio import atomic_path

SEED = 17_3_2
KEY = "wdi-remittances"
FILENAME = "gdidata_wdi.rda"
OBJECT = "wdi"
YEARS = range(1990, 2024)


def write(folder: Path, countries: list[tuple[int, str, str]]) -> dict[str, Path]:
    """Write ``gdidata_wdi.rda`` into ``folder``; returns ``{"wdi-remittances": path}``. Deterministic."""
    rng = np.random.default_rng(SEED)
    records = []
    geos = [iso3 for _, iso3, _ in countries] + ["XKX"]
    for n, geo in enumerate(geos):
        gdp = rng.uniform(1e10, 1e12)
        share = rng.uniform(0.005, 0.1)
        for year in YEARS:
            gdp *= 1 + rng.uniform(-0.02, 0.06)
            records.append((geo, "gdp", year, gdp))
            records.append((geo, "remin", year, gdp * share * rng.uniform(0.9, 1.1)))
            if n != len(countries) - 1:
                records.append((geo, "remout", year, gdp * share * rng.uniform(0.05, 0.3)))
            records.append((geo, "pop", year, rng.uniform(1e6, 1e8)))
    frame = pd.DataFrame.from_records(records, columns=["geo", "var", "t", "v"])
    frame["t"] = frame["t"].astype("int32")
    frame = frame.sort_values(["geo", "var", "t"], kind="stable").reset_index(drop=True)
    import pyreadr  # only when the sample is written, as openpyxl for the workbooks

    target = Path(folder) / FILENAME
    with atomic_path(target) as tmp:
        pyreadr.write_rdata(str(tmp), frame, df_name=OBJECT)
    return {KEY: target}
