"""The store: the one door between the official files and everything else.

A :class:`Store` is opened once per run with its :class:`~migstats.store.settings.Settings` and one
data mode, decided once: ``official`` (the publishers' files), ``sample`` (the synthetic sample) or
``auto`` — official when the IMS destination workbook can be had, else the sample, and
:attr:`Store.mode` says in one line which it chose and why. Everything the store hands out carries that
mode, so official and synthetic figures never mix.
"""

from __future__ import annotations

import dataclasses
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..editions import LATEST_EDITION
from ..errors import DataFileError, DataUnavailable, MigstatsError
from ..sources import m49 as m49_reader
from ..sources import naturalearth
from . import catalog, loaders, sample
from .bundles import IMS, SDG, UNHCR, WPP, Incidents, Remittances
from .files import SourceFile, locate, sha256_of
from .settings import DATA_MODES, Settings, resolve
from .tables import cached_tables, validate_cache


def check_cache(cache: Path) -> None:
    """The cache folder exists (or can be made) and is writable; else one line naming it and the fix."""
    fix = "choose a writable folder: --cache DIR, MIGSTATS_CACHE or migstats config set cache DIR"
    try:
        if cache.exists() and not cache.is_dir():
            raise DataFileError(cache, "the cache is a file, not a folder", fix)
        cache.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=cache):
            pass
    except OSError as exc:
        raise DataFileError(cache, f"cannot use the cache folder ({exc.strerror or type(exc).__name__})",
                            fix) from None


@dataclass(frozen=True)
class Mode:
    """The data mode of a run: ``name`` is ``official`` or ``sample``; ``reason`` says why, in one line."""

    name: str
    requested: str
    reason: str

    @property
    def synthetic(self) -> bool:
        return self.name == "sample"


class Store:
    """Finds, verifies, parses and caches the official files; hands out one bundle per publication."""

    def __init__(self, settings: Settings, mode: Mode) -> None:
        self.settings = settings
        self.mode = mode
        self._failed: dict[str, str] = {}
        self._loaded: dict[tuple, object] = {}

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(cls, data: str | None = None, *, edition: int = LATEST_EDITION,
             settings: Settings | None = None, **options) -> Store:
        """Open a store: ``data`` mode and ``options`` (mirror, cache, offline, allow_unverified) as given on
        the command line; unset ones come from the environment, the config file, then the defaults."""
        settings = settings or resolve(data=data, **options)
        check_cache(settings.cache)
        requested = data or settings.data
        if requested not in DATA_MODES:
            raise MigstatsError(f"unknown data mode {requested!r}; use one of {', '.join(DATA_MODES)}")
        store = cls(settings, Mode("official", requested, ""))
        if requested == "sample":
            store.mode = Mode("sample", requested, "data: synthetic sample (as asked)")
        elif requested == "official":
            store.mode = Mode("official", requested, "data: official files (as asked)")
        else:
            key = f"ims{edition}-destination"
            try:
                src = store.find(key)
                store.mode = Mode("official", requested,
                                  f"data: official files — auto found {src.spec.filename} in the {src.origin} "
                                  f"({src.path.parent})")
            except DataUnavailable as exc:
                store.mode = Mode("sample", requested, "data: synthetic sample — auto found no official "
                                  f"{catalog.get(key).filename} ({str(exc).split(' — ')[0]})")
        return store

    @property
    def synthetic(self) -> bool:
        return self.mode.synthetic

    # ------------------------------------------------------------------ files and tables

    def find(self, key: str, *, download: bool = True) -> SourceFile:
        """The verified file of a declared key, in this store's data mode."""
        spec = catalog.get(key)
        if self.mode.synthetic:
            path = sample.sample_path(self.settings.cache, key)
            return SourceFile(spec, path, sha256_of(path), verified=False, origin="sample", synthetic=True)
        if key in self._failed:  # one download attempt per key and run: an offline office waits once
            raise DataUnavailable(self._failed[key])
        try:
            return locate(spec, self.settings, download=download)
        except DataUnavailable as exc:
            if download and not self.settings.offline and spec.url:
                self._failed[key] = str(exc)
            raise

    def parse(self, source: SourceFile, reader: str, version: str, build) -> dict[str, pd.DataFrame]:
        """Tables parsed from ``source`` by ``build()``, through the verified Parquet cache."""
        return cached_tables(self.settings.cache, source, reader, version, build)

    # ------------------------------------------------------------------ bundles

    def _memo(self, key: tuple, make):
        if key not in self._loaded:
            self._loaded[key] = make()
        return self._loaded[key]

    def ims(self, edition: int = LATEST_EDITION) -> IMS:
        """International Migrant Stock, one edition (2020 or 2024)."""
        return self._memo(("ims", edition), lambda: loaders.load_ims(edition, self.find, self.parse,
                                                                      synthetic=self.synthetic))

    def wpp(self) -> WPP:
        """World Population Prospects 2024 demographic indicators."""
        return self._memo(("wpp",), lambda: loaders.load_wpp(self.find, self.parse, synthetic=self.synthetic))

    def unhcr(self, release: str | None = None, on_unknown: str = "raise") -> UNHCR:
        """UNHCR end-year population figures (``release``: a declared key; default the newest found)."""
        return self._memo(("unhcr", release, on_unknown), lambda: loaders.load_unhcr(
            self.find, self.parse, self.iso3_to_m49, synthetic=self.synthetic, release=release,
            on_unknown=on_unknown))

    def sdg(self) -> SDG:
        """Migration-related SDG series (10.7.2, 10.7.3, 10.c.1, 17.3.2) of the UN SDG Global Database."""
        return self._memo(("sdg",), lambda: loaders.load_sdg(self.find, self.parse, synthetic=self.synthetic))

    def incidents(self) -> Incidents:
        """IOM Missing Migrants Project incident records."""
        return self._memo(("iom",), lambda: loaders.load_incidents(self.find, self.parse, self.m49_names,
                                                                    synthetic=self.synthetic))

    def remittances(self) -> Remittances:
        """World Bank WDI remittance volumes and GDP."""
        return self._memo(("wdi",), lambda: loaders.load_remittances(self.find, self.parse, self.iso3_to_m49,
                                                                      synthetic=self.synthetic))

    def boundaries(self):
        """Natural Earth Admin-0 countries (1:50m) keyed by M49 code (a GeoDataFrame)."""
        def make():
            src = self.find("naturalearth-admin0-50m")
            # Read from the shapefile once; later processes get the same frame from the table cache.
            tables = self.parse(src, "naturalearth-admin0", naturalearth.READER_VERSION,
                                lambda: naturalearth.to_table(naturalearth.read_admin0(src.path)))
            return naturalearth.from_table(tables), src
        return self._memo(("boundaries",), make)

    def m49_names(self) -> dict[str, int]:
        """Country or area name (as M49 prints it) → M49 code."""
        def make() -> dict[str, int]:
            table = self._m49()
            return {str(n): int(c) for n, c in zip(table["name"], table["code"], strict=False)}
        return self._memo(("m49names",), make)

    def _m49(self) -> pd.DataFrame:
        src = self.find("m49")
        return self.parse(src, "m49", m49_reader.READER_VERSION, lambda: {"m49": m49_reader.read_m49(src.path)})["m49"]

    def iso3_to_m49(self) -> dict[str, int]:
        """ISO3 → M49 code, from the UNSD M49 table of this data mode."""
        return self._memo(("iso3",), lambda: m49_reader.iso3_to_m49(self._m49()))

    def optional(self, name: str, *args, **kwargs) -> tuple[object | None, str | None]:
        """``(bundle, None)``, or ``(None, reason)`` when the publication's files cannot be had or read —
        for sections and keys that say what is missing while the rest builds."""
        try:
            return getattr(self, name)(*args, **kwargs), None
        except (DataUnavailable, DataFileError) as exc:
            return None, str(exc)

    # ------------------------------------------------------------------ inventory of files

    def status(self) -> list[dict]:
        """One row per declared file: where it is found (never downloads), verified or not."""
        rows = []
        for spec in catalog.all_files():
            row = {"key": spec.key, "file": spec.filename, "edition": spec.edition_label,
                   "publication": spec.publication}
            try:
                src = locate(spec, dataclasses.replace(self.settings, allow_unverified=True), download=False)
                row.update(status="verified" if src.verified else
                           ("no checksum" if not spec.has_checksum else "CHECKSUM MISMATCH"),
                           origin=src.origin, path=str(src.path), sha256=src.sha256[:12])
            except DataUnavailable:
                row.update(status="not available", origin="", path="", sha256="")
            except DataFileError as exc:
                row.update(status="unreadable", origin="", path=str(exc.path), sha256="")
            rows.append(row)
        return rows

    def validate_cache(self) -> tuple[int, list[Path]]:
        """Re-check every cached table against its checksum; drop what fails (rebuilt on next use)."""
        return validate_cache(self.settings.cache)
