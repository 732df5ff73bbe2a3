"""What the store hands out: one bundle of tidy frames per publication, carrying its data mode.

Every bundle says whether it is ``synthetic`` and lists the :class:`~migstats.store.files.SourceFile` it
was read from (path, sha256, verified); a bundle is only a container — indicators are pure functions
on its frames.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .files import SourceFile

SYNTHETIC_SUFFIX = " — SYNTHETIC SAMPLE"


@dataclass
class IMS:
    """One edition of International Migrant Stock as tidy frames (see :mod:`migstats.schema`)."""

    edition: int
    synthetic: bool
    stock: pd.DataFrame                      # destination Table 1: origin == 900
    population: pd.DataFrame                 # destination Table 2, persons
    share: pd.DataFrame                      # Table 3, % of population (as printed)
    female_share: pd.DataFrame               # Table 4, % (as printed)
    rate: pd.DataFrame                       # Table 5, % per year (as printed)
    locations: pd.DataFrame
    membership: pd.DataFrame
    stock_by_origin: pd.DataFrame | None = None   # origin Table 1: destination == 900
    matrix: pd.DataFrame | None = None            # destination x origin (country rows and aggregates)
    refugees: pd.DataFrame | None = None          # 2020 Table 6 only
    sources: list[SourceFile] = field(default_factory=list)
    missing: dict[str, str] = field(default_factory=dict)
    names: pd.DataFrame | None = None             # UNSD M49 names in six languages (code, language, name…)

    @property
    def years(self) -> list[int]:
        return sorted(int(y) for y in self.stock["year"].unique())

    @property
    def latest_year(self) -> int:
        return self.years[-1]

    def name(self, code: int) -> str:
        """Display name of an M49 code in this edition."""
        hit = self.locations.loc[self.locations["code"] == int(code), "name"]
        return str(hit.iloc[0]) if len(hit) else str(code)

    @property
    def label(self) -> str:
        """'International Migrant Stock 2024' (+ ' — SYNTHETIC SAMPLE' when synthetic)."""
        text = f"International Migrant Stock {self.edition}"
        return text + SYNTHETIC_SUFFIX if self.synthetic else text

    @property
    def matrix_is_extract(self) -> bool:
        """True when destination × origin figures come from the third-party extract, not the UN workbook."""
        return any(s.spec.publication == "ims-extract" for s in self.sources)


@dataclass
class WPP:
    """WPP 2024 demographic indicators as a tidy table (units: see :data:`migstats.sources.wpp.MEASURES`)."""

    edition: int
    synthetic: bool
    indicators: pd.DataFrame                 # edition, location, year, variant, measure, value
    locations: pd.DataFrame                  # code, name (as WPP spells it)
    sources: list[SourceFile] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        text = f"World Population Prospects {self.edition}"
        return text + SYNTHETIC_SUFFIX if self.synthetic else text

    def name(self, code: int) -> str:
        hit = self.locations.loc[self.locations["code"] == int(code), "name"]
        return str(hit.iloc[0]) if len(hit) else str(code)


@dataclass
class UNHCR:
    """UNHCR end-year population figures as a tidy table (persons)."""

    release: str
    synthetic: bool
    population: pd.DataFrame                # release, year, origin, asylum, measure, value
    problems: pd.DataFrame                  # side, code, name, rows — codes that could not be mapped
    sources: list[SourceFile] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def years(self) -> list[int]:
        return sorted(int(y) for y in self.population["year"].unique())

    @property
    def label(self) -> str:
        text = f"UNHCR refugee statistics ({self.release})"
        return text + SYNTHETIC_SUFFIX if self.synthetic else text


@dataclass
class SDG:
    """Migration-related series of the UN SDG Global Database (tidy ``datapoints`` per series code).

    ``series`` maps a series code (``SG_CPA_MIGRS``, ``SG_CPA_MIGRP``, ``SM_DTH_MIGR``, ``SI_RMT_COST``,
    ``SI_RMT_COST_SND``, ``BX_TRF_PWKR``) to its table; a series whose file is missing is absent and
    ``missing`` says why.
    """

    synthetic: bool
    series: dict[str, pd.DataFrame]
    sources: list[SourceFile] = field(default_factory=list)
    missing: dict[str, str] = field(default_factory=dict)

    def get(self, code: str) -> pd.DataFrame | None:
        return self.series.get(code)

    @property
    def vintage(self) -> str:
        return self.sources[0].spec.edition_label if self.sources else ""

    @property
    def label(self) -> str:
        text = f"UN SDG Global Database ({self.vintage})"
        return text + SYNTHETIC_SUFFIX if self.synthetic else text


@dataclass
class Incidents:
    """IOM Missing Migrants Project incidents (tidy), with the quirks met while reading them."""

    synthetic: bool
    incidents: pd.DataFrame
    problems: pd.DataFrame
    sources: list[SourceFile] = field(default_factory=list)

    @property
    def label(self) -> str:
        text = "IOM Missing Migrants Project"
        return text + SYNTHETIC_SUFFIX if self.synthetic else text


@dataclass
class Remittances:
    """World Bank WDI personal remittances received and paid, and GDP, in current US dollars."""

    synthetic: bool
    remittances: pd.DataFrame
    unmapped: pd.DataFrame
    sources: list[SourceFile] = field(default_factory=list)

    @property
    def label(self) -> str:
        text = "World Bank, World Development Indicators"
        return text + SYNTHETIC_SUFFIX if self.synthetic else text
