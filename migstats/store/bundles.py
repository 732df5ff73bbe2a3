"""What the store hands out: one bundle of tidy frames per publication, carrying its data mode.

Every bundle says whether it is ``synthetic`` and lists the :class:`~migstats.store.files.SourceFile` it
was read from (path, sha256, verified); a bundle is only a container — indicators are pure functions
on its frames.

A warm worker builds ~300 briefings from the same bundles, so a bundle keeps what is read the same way by
every briefing — the years and codes a table has, a year's rows, a row index by location — in its own
:class:`Derived` (computed on first use, never at import or load time), and the indicators keep there the
figures that many briefings share (the World's, a region's, a country's end-year population). What is kept
is computed from the bundle's own frames only: the indicators give the same results with or without it.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import numpy as np
import pandas as pd

from .files import SourceFile

SYNTHETIC_SUFFIX = " — SYNTHETIC SAMPLE"
T = TypeVar("T")


class Derived:
    """What one bundle computed once from its own frames and keeps for the next briefing.

    :meth:`get` keeps each value with the frame(s) it was computed from and computes it again when the bundle
    holds another frame under that name (a bundle's frames are not changed in place: a changed table is a
    new frame, assigned). Each bundle owns its own (a bundle made with :func:`dataclasses.replace`, deep-copied
    or unpickled starts empty): nothing is shared between bundles or kept at module level.
    """

    __slots__ = ("_values",)

    def __init__(self) -> None:
        self._values: dict[Hashable, tuple[object, Any]] = {}

    def get(self, key: Hashable, source: object, make: Callable[[], T]) -> T:
        """The value kept under ``key`` if it was computed from ``source`` — the same object, or for a tuple
        the same objects in the same order — else ``make()``, kept."""
        hit = self._values.get(key)
        if hit is not None and _same_source(hit[0], source):
            return hit[1]
        value = make()
        self._values[key] = (source, value)
        return value

    def clear(self) -> None:
        self._values.clear()

    def __len__(self) -> int:
        return len(self._values)

    def __reduce__(self):  # copies and pickles of a bundle start with nothing kept
        return (Derived, ())

    def __deepcopy__(self, memo: dict) -> Derived:
        return Derived()

    def __copy__(self) -> Derived:
        return Derived()


def _same_source(kept: object, source: object) -> bool:
    if kept is source:
        return True
    return (type(kept) is tuple and type(source) is tuple and len(kept) == len(source)
            and all(a is b for a, b in zip(kept, source, strict=True)))


def _derived() -> Any:
    """The ``derived`` field of a bundle: its own :class:`Derived`, not part of its value or repr."""
    return field(default_factory=Derived, init=False, repr=False, compare=False)


def _view(frame: pd.DataFrame) -> pd.DataFrame:
    """A kept frame handed out: a new frame object over the same data (copy-on-write), so a caller adding or
    replacing a column changes its own frame, never the kept one."""
    return frame.copy(deep=False)


class RowIndex:
    """The rows of a frame by the value of one of its columns (M49 codes): ``rows(codes)`` is exactly
    ``frame[frame[column].isin(codes)]`` — same rows, order and index labels — without a pass over the frame.

    Positions are ascending; a code whose rows are consecutive (WPP has each location in one block) is
    handed out as a slice of the frame.
    """

    __slots__ = ("frame", "values", "positions")

    def __init__(self, frame: pd.DataFrame, column: str) -> None:
        self.frame = frame
        groups = frame.groupby(column, sort=False).indices  # value → ascending positions, in order of first row
        self.values = pd.Series(list(groups), dtype=frame[column].dtype)
        self.positions = [np.asarray(v, dtype=np.intp) for v in groups.values()]

    def rows(self, codes: Iterable[int]) -> pd.DataFrame:
        wanted = np.flatnonzero(self.values.isin(list(codes)).to_numpy())  # the frame's own isin matching
        if len(wanted) == 1:
            where = self.positions[wanted[0]]
            if int(where[-1]) - int(where[0]) + 1 == len(where):  # one block of rows
                return self.frame.iloc[int(where[0]):int(where[-1]) + 1]
        parts = [self.positions[i] for i in wanted]
        return self.frame.take(np.sort(np.concatenate(parts)) if parts else np.empty(0, dtype=np.intp))


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
    derived: Derived = _derived()                 # kept lookups (see Derived)

    @property
    def years(self) -> list[int]:
        """The tabulation years of the edition (mid-year), ascending."""
        return list(self.derived.get("years", self.stock,
                                     lambda: tuple(sorted(int(y) for y in self.stock["year"].unique()))))

    @property
    def latest_year(self) -> int:
        return self.years[-1]

    def name(self, code: int, default: str | None = None) -> str:
        """Display name of an M49 code in this edition (its first row's); ``default`` (else the code as text)
        for a code the edition does not have."""
        first = self.derived.get("names", self.locations, lambda: dict(
            zip(self.locations["code"].astype(int).tolist()[::-1],
                self.locations["name"].astype(str).tolist()[::-1], strict=True)))
        return first.get(int(code), str(code) if default is None else default)

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
    derived: Derived = _derived()            # kept lookups (see Derived)

    @property
    def label(self) -> str:
        text = f"World Population Prospects {self.edition}"
        return text + SYNTHETIC_SUFFIX if self.synthetic else text

    def name(self, code: int) -> str:
        hit = self.locations.loc[self.locations["code"] == int(code), "name"]
        return str(hit.iloc[0]) if len(hit) else str(code)

    @property
    def location_codes(self) -> frozenset[int]:
        """Every location (M49 code) with rows in ``indicators``."""
        return self.derived.get("location_codes", self.indicators, lambda: frozenset(
            int(c) for c in pd.unique(self.indicators["location"])))

    @property
    def measures(self) -> frozenset[str]:
        """Every measure with rows in ``indicators``."""
        return self.derived.get("measures", self.indicators, lambda: frozenset(
            str(m) for m in pd.unique(self.indicators["measure"])))

    def rows_of(self, codes: Iterable[int]) -> pd.DataFrame:
        """The rows of ``indicators`` for the locations ``codes`` — exactly
        ``indicators[indicators["location"].isin(codes)]`` (rows, order, index), from a row index kept."""
        frame = self.indicators
        return self.derived.get("rows_by_location", frame, lambda: RowIndex(frame, "location")).rows(codes)

    def year_rows(self, year: int) -> pd.DataFrame:
        """The rows of ``year`` (every location and measure) — exactly
        ``indicators[indicators["year"] == year]`` (rows, order, index) — kept for the next briefing."""
        frame = self.indicators
        return _view(self.derived.get(("year_rows", year), frame, lambda: frame[frame["year"] == year]))


@dataclass
class UNHCR:
    """UNHCR end-year population figures as a tidy table (persons)."""

    release: str
    synthetic: bool
    population: pd.DataFrame                # release, year, origin, asylum, measure, value
    problems: pd.DataFrame                  # side, code, name, rows — codes that could not be mapped
    sources: list[SourceFile] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    derived: Derived = _derived()           # kept lookups (see Derived)

    @property
    def years(self) -> list[int]:
        """The end-years of the figures, ascending."""
        frame = self.population
        return list(self.derived.get("years", frame, lambda: tuple(sorted(int(y) for y in frame["year"].unique()))))

    def codes(self, side: str) -> frozenset[int]:
        """Every M49 code on one ``side`` (``"origin"`` or ``"asylum"``) of the figures, all years."""
        if side not in ("origin", "asylum"):
            raise ValueError(f"side must be 'origin' or 'asylum', not {side!r}")
        frame = self.population
        return self.derived.get(("codes", side), frame, lambda: frozenset(int(c) for c in frame[side].unique()))

    def year_rows(self, year: int) -> pd.DataFrame:
        """The rows of end-``year`` — exactly ``population[population["year"] == year]`` (rows, order,
        index) — kept for the next briefing."""
        frame = self.population
        return _view(self.derived.get(("year_rows", year), frame, lambda: frame[frame["year"] == year]))

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
    derived: Derived = _derived()           # kept lookups (see Derived)

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
