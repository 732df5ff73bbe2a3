"""Loading one publication: find its files (through the store), parse them with the pure readers in
:mod:`migstats.sources` (once — later loads read the verified Parquet cache), and build its bundle."""

from __future__ import annotations

import functools
import importlib.metadata
from collections.abc import Callable

import pandas as pd
import pycountry

from ..editions import EDITIONS
from ..errors import DataUnavailable, MigstatsError
from ..sources import ims as ims_reader
from ..sources import iom_mmp as iom_reader
from ..sources import locations as loc_reader
from ..sources import m49 as m49_reader
from ..sources import m49_names as m49_names_reader
from ..sources import sdg as sdg_reader
from ..sources import unhcr as unhcr_reader
from ..sources import wdi as wdi_reader
from ..sources import wpp as wpp_reader
from .bundles import IMS, SDG, UNHCR, WPP, Incidents, Remittances
from .files import SourceFile

UNHCR_KEYS = ("unhcr-rpkg-population", "unhcr-rdf-2024", "unhcr-rdf-2021")
SYNTHETIC_NOTE = "SYNTHETIC SAMPLE — NOT OFFICIAL FIGURES."

Find = Callable[[str], SourceFile]
Parse = Callable[[SourceFile, str, str, Callable[[], dict[str, pd.DataFrame]]], dict[str, pd.DataFrame]]


def _locations(edition: int, dest_src: SourceFile, rows: pd.DataFrame, find: Find, parse: Parse,
               sources: list[SourceFile], missing: dict[str, str]) -> dict[str, pd.DataFrame]:
    """Locations and membership of one edition (2020: the aggregates annex; 2024: WPP hierarchy + M49).

    The two tables are derived from several files, and cached as such: under the IMS workbook ``dest_src``,
    keyed by the checksums of every file they are built from and the versions of the code building them.
    A process that finds them cached reads two small tables; the inputs are parsed, the tables built and
    validated (pandera) only when one of those changed.
    """
    annex_src = wpp_src = m49_src = None
    try:
        annex_src = find("ims2020-aggregates")
        if edition == 2020:
            sources.append(annex_src)
    except DataUnavailable as exc:
        if edition == 2020:
            raise
        missing["ims2020-aggregates"] = str(exc)
    if edition != 2020:
        wpp_src = find("wpp2024-locations")
        sources.append(wpp_src)
        try:
            m49_src = find("m49")
            sources.append(m49_src)
        except DataUnavailable as exc:
            missing["m49"] = str(exc)
    inputs = [src.sha256 if src is not None else "-" for src in (annex_src, wpp_src, m49_src)]
    # ``rows`` come from the IMS reader, the rest from the locations and M49 readers and ISO 3166 data.
    version = "|".join([ims_reader.READER_VERSION, loc_reader.READER_VERSION, m49_reader.READER_VERSION,
                        _pycountry_version(), *inputs])
    return parse(dest_src, "ims-locations", version,
                 lambda: _build_locations(edition, rows, annex_src, wpp_src, m49_src, parse))


@functools.cache
def _pycountry_version() -> str:
    """The ISO 3166 data that fills in ISO3 codes (part of the cached locations' key)."""
    try:
        return importlib.metadata.version("pycountry")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def _build_locations(edition: int, rows: pd.DataFrame, annex_src: SourceFile | None, wpp_src: SourceFile | None,
                     m49_src: SourceFile | None, parse: Parse) -> dict[str, pd.DataFrame]:
    """The locations and membership tables built from their files (see :func:`_locations`)."""
    version = loc_reader.READER_VERSION
    annex = None
    if annex_src is not None:
        annex = parse(annex_src, "ims-annex", version, lambda: loc_reader.read_annex_2020(annex_src.path))
    iso: dict[int, str] = {}
    if annex is not None:
        k = annex["annex_kinds"].dropna(subset=["iso3"])
        iso = dict(zip(k["code"].astype(int), k["iso3"].astype(str), strict=False))
    if edition == 2020:
        assert annex is not None
        return loc_reader.build_locations(edition, rows, annex["annex_kinds"], annex["annex_membership"], iso)

    assert wpp_src is not None
    wpp = parse(wpp_src, "wpp-locations", version, lambda: loc_reader.read_unlocations(wpp_src.path))
    if m49_src is not None:
        m49 = parse(m49_src, "m49", m49_reader.READER_VERSION,
                    lambda: {"m49": m49_reader.read_m49(m49_src.path)})["m49"]
        iso.update({int(c): str(i) for c, i in zip(m49["code"], m49["iso3"], strict=False) if isinstance(i, str)})
    kinds = wpp["wpp_kinds"]
    # Without the annex and M49 files a few areas would lack ISO3 codes (Taiwan, 158, is not in M49):
    # ISO 3166 numeric codes equal M49 codes for countries and areas.
    for code in kinds.loc[kinds["kind"] == "country", "code"].astype(int):
        hit = pycountry.countries.get(numeric=f"{code:03d}")
        if code not in iso and hit is not None:
            iso[code] = hit.alpha_3
    names = dict(zip(kinds["code"], kinds["wpp_name"], strict=False))
    return loc_reader.build_locations(edition, rows, kinds, wpp["wpp_membership"], iso, names)


def load_ims(edition: int, find: Find, parse: Parse, *, synthetic: bool) -> IMS:
    """One IMS edition: destination workbook (required), origin and destination × origin (optional)."""
    if edition not in EDITIONS:
        raise MigstatsError(f"unknown IMS edition {edition!r}; available editions: {', '.join(map(str, EDITIONS))}")
    version = ims_reader.READER_VERSION
    sources: list[SourceFile] = []
    missing: dict[str, str] = {}

    dest_src = find(f"ims{edition}-destination")
    sources.append(dest_src)
    dest = parse(dest_src, "ims-destination", version, lambda: ims_reader.read_destination(dest_src.path, edition))
    locs = _locations(edition, dest_src, dest["rows"], find, parse, sources, missing)

    stock_by_origin = None
    try:
        osrc = find(f"ims{edition}-origin")
        stock_by_origin = parse(osrc, "ims-origin", version,
                                lambda: ims_reader.read_origin(osrc.path, edition))["stock_by_origin"]
        sources.append(osrc)
    except DataUnavailable as exc:
        missing["stock_by_origin"] = str(exc)

    matrix = None
    try:
        msrc = find(f"ims{edition}-matrix")
        matrix = parse(msrc, "ims-matrix", version, lambda: ims_reader.read_matrix(msrc.path, edition))["matrix"]
        sources.append(msrc)
    except DataUnavailable as exc:
        missing["matrix"] = str(exc)
        if edition == 2024 and not synthetic:
            try:
                xsrc = find("ims2024-matrix-extract")
                iso = loc_reader.iso3_to_code(locs["locations"])
                matrix = parse(xsrc, "ims-matrix-extract", version,
                               lambda: ims_reader.read_matrix_extract(xsrc.path, iso, edition))["matrix"]
                sources.append(xsrc)
                missing["matrix"] = (
                    "the official destination-and-origin workbook is not available; origins, emigrants and "
                    "corridors use a third-party extract of it (IOM gdidata, same figures, countries only)")
            except DataUnavailable as exc:
                missing["matrix"] += f"; the third-party extract is not available either ({exc})"

    names = None
    if not synthetic:
        try:
            names = m49_names(find, parse)
        except DataUnavailable as exc:
            missing["m49-names"] = str(exc)
    return IMS(edition=edition, synthetic=synthetic, stock=dest["stock"], population=dest["population"],
               share=dest["share"], female_share=dest["female_share"], rate=dest["rate"],
               locations=locs["locations"], membership=locs["membership"], stock_by_origin=stock_by_origin,
               matrix=matrix, refugees=dest.get("refugees"), sources=sources, missing=missing, names=names)


M49_NAME_KEYS = tuple(f"m49-names-{lang}" for lang in ("en", "fr", "es", "ru", "cn", "ar"))


def m49_names(find: Find, parse: Parse) -> pd.DataFrame:
    """The UNSD M49 names in the six official languages (all six files, or :class:`DataUnavailable`)."""
    srcs = [find(key) for key in M49_NAME_KEYS]
    tables = [parse(src, "m49-names", m49_names_reader.READER_VERSION,
                    lambda src=src: {"names": m49_names_reader.read_m49_names([src.path])})["names"] for src in srcs]
    return pd.concat(tables, ignore_index=True)


def load_wpp(find: Find, parse: Parse, *, synthetic: bool) -> WPP:
    """WPP 2024 indicators: the official CSV if it can be had, else the derived subset (mirror only)."""
    try:
        source = find("wpp2024-indicators")
    except DataUnavailable as official_missing:
        if synthetic:
            raise
        try:
            source = find("wpp2024-derived")
        except DataUnavailable:
            raise official_missing from None
    tables = parse(source, "wpp-indicators", wpp_reader.READER_VERSION,
                   lambda: wpp_reader.read_wpp_indicators(source.path))
    notes = [f"Source: {source.spec.citation} {source.spec.title}; counts in persons (published in thousands)."]
    if source.spec.key == "wpp2024-derived":
        notes.append("Derived subset of WPP 2024 (from the UN's wpp2024 R package): no mid-year population; "
                     "denominators come from the IMS population table (WPP 2024 mid-year population).")
    if synthetic:
        notes.append(SYNTHETIC_NOTE)
    return WPP(wpp_reader.EDITION, synthetic, tables["indicators"], tables["locations"], [source], notes)


def load_unhcr(find: Find, parse: Parse, iso3_map: Callable[[], dict[str, int]], *, synthetic: bool,
               release: str | None = None, on_unknown: str = "raise") -> UNHCR:
    """UNHCR population figures: ``release`` (a declared key) or the newest that can be found."""
    unhcr_reader.check_on_unknown(on_unknown)
    keys = [release] if release else list(UNHCR_KEYS)
    source = None
    for i, key in enumerate(keys):
        try:
            source = find(key)
            break
        except DataUnavailable:
            if i == len(keys) - 1:
                raise
    assert source is not None
    codes = iso3_map()
    reader = unhcr_reader.read_rpkg if source.spec.key == "unhcr-rpkg-population" else unhcr_reader.read_rdf
    tables = parse(source, f"unhcr-{on_unknown}", unhcr_reader.READER_VERSION,
                   lambda: reader(source.path, codes, on_unknown=on_unknown))
    population = tables["population"]
    rel = str(population["release"].iloc[0]) if len(population) else "empty"
    notes = [f"Source: {source.spec.citation}; {source.spec.title}. End-year figures, persons."]
    if synthetic:
        notes.append(SYNTHETIC_NOTE)
    if len(tables["problems"]):
        notes.append(f"{int(tables['problems']['rows'].sum())} row(s) with unknown codes set aside.")
    return UNHCR(rel, synthetic, population, tables["problems"], [source], notes)


SDG_KEYS = {"SG_CPA_MIGRS": "sdg-sg-cpa-migrs", "SG_CPA_MIGRP": "sdg-sg-cpa-migrp", "SM_DTH_MIGR": "sdg-sm-dth-migr",
            "SI_RMT_COST": "sdg-si-rmt-cost", "SI_RMT_COST_SND": "sdg-si-rmt-cost-snd",
            "BX_TRF_PWKR": "sdg-bx-trf-pwkr"}


def load_sdg(find: Find, parse: Parse, *, synthetic: bool) -> SDG:
    """The migration-related SDG series that can be had (at least one; else :class:`DataUnavailable`)."""
    series: dict[str, pd.DataFrame] = {}
    sources: list[SourceFile] = []
    missing: dict[str, str] = {}
    for code, key in SDG_KEYS.items():
        try:
            src = find(key)
        except DataUnavailable as exc:
            missing[code] = str(exc)
            continue
        series[code] = parse(src, "sdg-series", sdg_reader.READER_VERSION,
                             lambda src=src: sdg_reader.read_series(src.path))["datapoints"]
        sources.append(src)
    if not series:
        raise DataUnavailable(next(iter(missing.values())))
    return SDG(synthetic, series, sources, missing)


def load_incidents(find: Find, parse: Parse, names: Callable[[], dict[str, int]], *, synthetic: bool) -> Incidents:
    """IOM Missing Migrants incidents, Country of Incident mapped to M49 through the M49 names."""
    src = find("iom-mmp-incidents")
    mapping = names()
    tables = parse(src, "iom-mmp", iom_reader.READER_VERSION, lambda: iom_reader.read_incidents(src.path, mapping))
    return Incidents(synthetic, tables["incidents"], tables["problems"], [src])


def load_remittances(find: Find, parse: Parse, iso3: Callable[[], dict[str, int]], *, synthetic: bool) -> Remittances:
    """WDI remittances received and paid and GDP (current USD), ISO3 mapped to M49."""
    src = find("wdi-remittances")
    mapping = iso3()
    tables = parse(src, "wdi", wdi_reader.READER_VERSION, lambda: wdi_reader.read_wdi(src.path, mapping))
    return Remittances(synthetic, tables["remittances"], tables["unmapped"], [src])
