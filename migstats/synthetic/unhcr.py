"""Synthetic UNHCR Refugee Data Finder export (2024 layout) and a small M49 table in the UNSD layout."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import numpy as np

from ..fileio import write_text
from . import ims as ims_sample

#: Sample places: M49 code → (UNHCR name, ISO3, ISO2) — the IMS sample's countries with data.
SAMPLE_PLACES: dict[int, tuple[str, str, str]] = {
    c.code: (c.name, c.iso3, c.iso2) for c in ims_sample.COUNTRIES if not c.no_data
}
_PREAMBLE_2024 = [
    'Extracted:,"United Nations High Commissioner for Refugees"',
    '"Date extracted:","01/01/2024 00:00 UTC"',
    '"Last updated:","1 January 2024"',
    '"SYNTHETIC SAMPLE written by migstats: fictional numbers in the Refugee Data Finder layout."',
    "",
    '"Data table contains the following:","Population figures"',
    '"Content type","End year stock population totals"',
    '"Data quick link",https://www.unhcr.org/refugee-statistics/download/',
    '"Data definitions",https://www.unhcr.org/refugee-statistics/methodology/',
    '"Usage licence",https://creativecommons.org/licenses/by/4.0/',
    '"Population types included","REF,ROC,ASY,IDP,IOC,OIP,OOC,STA"',
    "Years:",
    "Origin:,all",
    '"Country of asylum:",all',
]
_HEADER_2024 = ['Year', 'Country of origin', 'Country of origin (ISO)', 'Country of asylum',
                'Country of asylum (ISO)', "Refugees under UNHCR's mandate", 'Asylum-seekers',
                'IDPs of concern to UNHCR', 'Other people in need of international protection',
                'Stateless persons', 'Host Community', 'Others of concern']


def write(folder: str | os.PathLike) -> Path:
    """Write a synthetic Refugee Data Finder ``population.csv`` (2024 layout, years 2015–2023) for the
    sample's countries (their ISO3 codes are in the sample's M49 table). Fictional numbers; deterministic."""
    folder = Path(folder)
    rng = np.random.default_rng(10_7_4)
    rows = []
    places = list(SAMPLE_PLACES.items())
    for year in range(2015, 2024):
        for o_code, (o_name, o_iso, _) in places + [(9901, ("Stateless", "XXA", ""))]:
            for a_code, (a_name, a_iso, _) in places:
                if o_code == a_code or rng.random() < 0.3:
                    continue
                counts = rng.integers(0, 200_000, size=5) * (rng.random(5) < 0.8)
                oip = "-" if year < 2018 else str(counts[2] // 10)
                rows.append([str(year), o_name, o_iso, a_name, a_iso, str(counts[0]), str(counts[1]), "0", oip,
                             str(counts[3] // 50), "0", str(counts[4] // 20)])
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(_HEADER_2024)
    writer.writerows(rows)
    path = write_text(folder / "population.csv", "\n".join(_PREAMBLE_2024) + "\n" + buf.getvalue())
    return path


