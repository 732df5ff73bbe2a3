"""Synthetic IOM Missing Migrants Project export in the official layout (one sheet, 25 columns).

Fictional incidents 2014-01 to 2025-04 in the given countries, plus incidents at sea with no country of
incident, and the official file's quirks, one of each: a row without date or year, a negative survivor
count, and a region cell holding two values joined by a comma.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..fileio import atomic_path
from ..sources.iom_mmp import COLUMNS, MONTHS, SHEET

SEED = 10_7_3
KEY = "iom-mmp-incidents"
FILENAME = "Missing_Migrants_Global_Figures_allData.xlsx"
ROUTES = ("Central Mediterranean", "US-Mexico border crossing", "Sahara Desert crossing")
REGIONS = ("Mediterranean", "North America", "Northern Africa")
_MONTH_NAMES = list(MONTHS)


def _row(i: int, year: int | None, month: int | None, country: str | None, region: str, route: str | None,
         dead: int, missing: int, rng: np.random.Generator) -> dict:
    date = None if year is None else f"{year}-{month:02d}-{int(rng.integers(1, 29)):02d}"
    ident = f"{year or 2020}.MMP{i:05d}"
    return {
        "Main ID": ident, "Incident ID": ident, "Incident Type": "Incident", "Region of Incident": region,
        "Incident Date": date, "Incident Year": year, "Month": None if month is None else _MONTH_NAMES[month - 1],
        "Number of Dead": dead or None, "Minimum Estimated Number of Missing": missing or None,
        "Total Number of Dead and Missing": dead + missing, "Number of Survivors": int(rng.integers(0, 30)) or None,
        "Number of Females": None, "Number of Males": dead or None, "Number of Children": None,
        "Country of Origin": "Unknown", "Region of Origin": "Unknown", "Cause of Death": "Mixed or unknown",
        "Country of Incident": country, "Migration Route": route, "Location of Incident": "Synthetic place",
        "Coordinates": f"{rng.uniform(-40, 40):.5f}, {rng.uniform(-100, 40):.5f}",
        "UNSD Geographical Grouping": "Uncategorized" if country is None else "Synthetic grouping",
        "Information Source": "SYNTHETIC SAMPLE — NOT OFFICIAL FIGURES", "URL": None, "Source Quality": 3,
    }


def write(folder: Path, countries: list[tuple[int, str, str]]) -> dict[str, Path]:
    """Write the synthetic export into ``folder`` as ``Missing_Migrants_Global_Figures_allData.xlsx``.

    ``countries`` are ``(M49 code, ISO3, name)``; returns ``{"iom-mmp-incidents": path}``. Deterministic.
    """
    rng = np.random.default_rng(SEED)
    rows: list[dict] = []
    for year in range(2014, 2026):
        for month in range(1, 13 if year < 2025 else 5):
            for j, (_, _, name) in enumerate([*countries, (0, "", None)]):
                if rng.random() < 0.5:
                    continue
                k = j % len(ROUTES)
                region = "Mediterranean" if name is None else REGIONS[k]
                rows.append(_row(len(rows) + 1, year, month, name, region, ROUTES[k],
                                 int(rng.integers(1, 20)), int(rng.integers(0, 10)), rng))
    rows[3]["Incident Date"], rows[3]["Incident Year"], rows[3]["Month"] = None, None, None
    rows[5]["Number of Survivors"] = -1
    rows[7]["Region of Incident"] = "Mediterranean,North America"
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    target = Path(folder) / FILENAME
    with atomic_path(target) as tmp:
        frame.to_excel(tmp, sheet_name=SHEET, index=False, engine="openpyxl")
    return {KEY: target}
