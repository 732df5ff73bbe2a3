"""UNHCR refugee statistics: Refugee Data Finder exports and the UNHCR ``refugees`` R package.

Population figures are **end-year stocks** (31 December), by year × country of origin × country of
asylum, in persons (https://www.unhcr.org/refugee-statistics/methodology/, CC BY 4.0):

* ``refugees``       — refugees under UNHCR's mandate (includes people in refugee-like situations;
  excludes Palestine refugees under UNRWA's mandate);
* ``asylum_seekers`` — people whose claim for international protection has not yet been decided;
* ``oip``            — other people in need of international protection (from 2022; earlier exports
  carry its predecessor ``vda``, "Venezuelans displaced abroad");
* ``idps``, ``stateless``, ``ooc`` (others of concern), ``host_community``, ``returned_refugees``,
  ``returned_idps`` — as selected in the download.

Readers:

* :func:`read_rdf` — the CSV downloaded from the Refugee Data Finder: a 14-line preamble
  ("Extracted:", dates, licence, filters), the header on line 15. Two layouts are known: 2021
  (typographic apostrophe in "Refugees under UNHCR’s mandate", "Venezuelans displaced abroad", empty
  cells, the Unknown origin without ISO code) and 2024 ("-" = not applicable, "Other people in need of
  international protection", "Host Community"). Columns are matched by name.
* :func:`read_rpkg` — ``population.rda`` of UNHCR's R package ``refugees`` (1951–2025).

Codes: UNHCR's ISO3 codes are mapped to M49 through the UNSD M49 table. UNHCR's own categories that are
not places get explicit non-M49 codes, :data:`SPECIAL_CODES` (stateless 9901, unknown 9902, Tibetan
9903). Any other unknown code is an error (``on_unknown="raise"``) or is set aside in the ``problems``
table with its row count (``on_unknown="report"``) — never dropped silently.

Tidy output (table ``population``): ``release``, ``year``, ``origin``, ``asylum``, ``measure``, ``value``.
Cells that UNHCR marks not applicable ("-" or empty) are absent; zeros are kept.
"""

from __future__ import annotations

import csv
import io
import os
import re
import warnings
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import DataFileError

READER_VERSION = "1"
PREAMBLE_LINES = 14
_CITATION = "UNHCR Refugee Data Finder, https://www.unhcr.org/refugee-statistics/ (CC BY 4.0)"
_RDF_FIX = ("download the file again from https://www.unhcr.org/refugee-statistics/download/ and use the "
            "population.csv unchanged")

#: UNHCR categories that are not places → (documented non-M49 code, label).
SPECIAL_CODES: dict[str, tuple[int, str]] = {
    "XXA": (9901, "Stateless"),
    "UNK": (9902, "Unknown"),
    "TIB": (9903, "Tibetan"),
}
#: UNHCR names whose ISO code cell is empty in some exports (2021: the Unknown origin).
SPECIAL_NAMES: dict[str, str] = {"unknown": "UNK", "stateless": "XXA", "tibetan": "TIB"}

#: Refugee Data Finder column (apostrophes normalised) → measure.
RDF_MEASURES: dict[str, str] = {
    "Refugees under UNHCR's mandate": "refugees",
    "Asylum-seekers": "asylum_seekers",
    "Returned refugees": "returned_refugees",
    "IDPs of concern to UNHCR": "idps",
    "Returned IDPs": "returned_idps",
    "Other people in need of international protection": "oip",
    "Venezuelans displaced abroad": "vda",
    "Stateless persons": "stateless",
    "Host Community": "host_community",
    "Others of concern": "ooc",
}
RDF_KEYS = ("Year", "Country of origin", "Country of origin (ISO)", "Country of asylum",
            "Country of asylum (ISO)")
RDF_REQUIRED = RDF_KEYS + ("Refugees under UNHCR's mandate", "Asylum-seekers")
RPKG_MEASURES: dict[str, str] = {
    "refugees": "refugees", "asylum_seekers": "asylum_seekers", "returned_refugees": "returned_refugees",
    "idps": "idps", "returned_idps": "returned_idps", "stateless": "stateless", "ooc": "ooc", "oip": "oip",
    "hst": "host_community",
}
TIDY_COLUMNS = ["release", "year", "origin", "asylum", "measure", "value"]


# --------------------------------------------------------------------------- code mapping


def _map_codes(path: Path, iso: pd.Series, names: pd.Series, iso3_map: dict[str, int], side: str,
               problems: list[dict]) -> pd.Series:
    """ISO3 (UNHCR) → M49, with the special codes; unknown codes are appended to ``problems``."""
    iso = iso.fillna("").astype(str).str.strip().str.upper()
    names = names.fillna("").astype(str).str.strip()
    blank = iso.eq("")
    iso = iso.where(~blank, names.str.lower().map(SPECIAL_NAMES).fillna(""))
    lookup = {k: v for k, v in iso3_map.items()} | {k: v[0] for k, v in SPECIAL_CODES.items()}
    codes = iso.map(lookup)
    unknown = codes.isna()
    if unknown.any():
        counts = (pd.DataFrame({"code": iso[unknown], "name": names[unknown]})
                  .value_counts().reset_index(name="rows"))
        for row in counts.itertuples(index=False):
            problems.append({"side": side, "code": row.code, "name": row.name, "rows": int(row.rows)})
    return codes


def _finish(path: Path, frame: pd.DataFrame, problems: list[dict], on_unknown: str) -> dict[str, pd.DataFrame]:
    problem_frame = pd.DataFrame(problems, columns=["side", "code", "name", "rows"])
    if len(problem_frame):
        first = problem_frame.iloc[0]
        text = (f"{int(problem_frame['rows'].sum())} row(s) with unknown country code(s) "
                f"{', '.join(sorted(set(problem_frame['code'].replace('', '(empty)'))))} "
                f"(first: {first['side']} {first['name']!r})")
        if on_unknown == "raise":
            raise DataFileError(path, text, "check the file against UNHCR's country list, or load with "
                                "on_unknown='report' to set those rows aside")
        warnings.warn(f"{path}: {text}; set aside in the 'problems' table", stacklevel=3)
    frame = frame.dropna(subset=["origin", "asylum"]).astype({"origin": "int64", "asylum": "int64"})
    long = frame.melt(id_vars=["release", "year", "origin", "asylum"], var_name="measure", value_name="value")
    long = long.dropna(subset=["value"]).astype({"year": "int64", "value": "float64"})
    long = long.sort_values(["year", "origin", "asylum", "measure"], kind="stable").reset_index(drop=True)
    return {"population": long[TIDY_COLUMNS], "problems": problem_frame}


def check_on_unknown(on_unknown: str) -> None:
    if on_unknown not in ("raise", "report"):
        raise ValueError(f"on_unknown must be 'raise' or 'report', not {on_unknown!r}")


# --------------------------------------------------------------------------- Refugee Data Finder CSV


def _release_from_preamble(lines: list[str]) -> str:
    """'rdf-YYYY-MM-DD' from the preamble's "Last updated" (else "Date extracted") line."""
    fields = {}
    for row in csv.reader(lines):
        if len(row) >= 2:
            fields[row[0].strip().rstrip(":").lower()] = row[1].strip()
    for key in ("last updated", "date extracted"):
        text = re.sub(r"\s*UTC$", "", fields.get(key, ""))
        for fmt in ("%d %B %Y", "%d/%m/%Y %H:%M", "%d/%m/%Y"):
            try:
                return "rdf-" + datetime.strptime(text, fmt).strftime("%Y-%m-%d")
            except ValueError:
                continue
    return "rdf-undated"


def read_rdf(path: str | os.PathLike, iso3_map: dict[str, int], *,
             on_unknown: str = "raise") -> dict[str, pd.DataFrame]:
    """Read a Refugee Data Finder ``population.csv`` into ``{"population", "problems"}`` (see module doc).

    Raises :class:`DataFileError` if the 14-line preamble or a required column is not as UNHCR writes
    it, if a count is not a number, if a row is incomplete (truncated file), or — with
    ``on_unknown="raise"`` — if a country code maps to neither M49 nor :data:`SPECIAL_CODES`.
    """
    check_on_unknown(on_unknown)
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise DataFileError(path, "file not found", _RDF_FIX) from None
    except UnicodeDecodeError:
        raise DataFileError(path, "not UTF-8 text (re-saved by a spreadsheet?)", _RDF_FIX) from None
    lines = text.splitlines()
    header_at = next((i for i, line in enumerate(lines[:40]) if line.startswith("Year,")), None)
    if not lines or not lines[0].startswith("Extracted:") or header_at != PREAMBLE_LINES:
        where = "not found" if header_at is None else f"on line {header_at + 1}"
        raise DataFileError(path, f"not a Refugee Data Finder export: expected a {PREAMBLE_LINES}-line "
                            f"preamble starting 'Extracted:' and the header on line {PREAMBLE_LINES + 1} "
                            f"(header {where})", _RDF_FIX)
    release = _release_from_preamble(lines[:PREAMBLE_LINES])
    try:
        raw = pd.read_csv(io.StringIO("\n".join(lines[PREAMBLE_LINES:])), dtype=str, keep_default_na=False)
    except pd.errors.ParserError as exc:
        raise DataFileError(path, f"malformed CSV after the preamble ({exc})".splitlines()[0], _RDF_FIX) from None
    raw.columns = [c.replace("\u2019", "'").strip() for c in raw.columns]
    missing = [c for c in RDF_REQUIRED if c not in raw.columns]
    if missing:
        raise DataFileError(path, f"not the Refugee Data Finder layout: missing column(s) {', '.join(missing)}",
                            _RDF_FIX)
    if raw.empty:
        raise DataFileError(path, "no data rows after the header", _RDF_FIX)
    measure_cols = [c for c in RDF_MEASURES if c in raw.columns]
    # a truncated file ends in a row with fewer cells than the header (pandas would pad it silently)
    widths = [len(row) for row in csv.reader(lines[PREAMBLE_LINES:]) if row]
    short = [i for i, width in enumerate(widths) if width != widths[0]]
    if short:
        line = short[0] + PREAMBLE_LINES + 1
        raise DataFileError(path, f"row on line {line} has {widths[short[0]]} cells, the header "
                            f"{widths[0]} (truncated file?)", _RDF_FIX)
    year = pd.to_numeric(raw["Year"].str.strip(), errors="coerce")
    values = {}
    for col in measure_cols:
        cells = raw[col].str.strip().replace({"-": "", "": None})
        number = pd.to_numeric(cells.replace("", None), errors="coerce")
        bad = number.isna() & cells.notna() & cells.ne("")
        if bad.any():
            i = int(np.flatnonzero(bad.to_numpy())[0])
            raise DataFileError(path, f"{col!r} is not a number on line {i + PREAMBLE_LINES + 2}: "
                                f"{raw[col].iloc[i]!r}", _RDF_FIX)
        values[RDF_MEASURES[col]] = number
    if year.isna().any():
        i = int(np.flatnonzero(year.isna().to_numpy())[0])
        raise DataFileError(path, f"Year is not a number on line {i + PREAMBLE_LINES + 2}: "
                            f"{raw['Year'].iloc[i]!r}", _RDF_FIX)
    problems: list[dict] = []
    frame = pd.DataFrame({
        "release": release,
        "year": year.astype(int),
        "origin": _map_codes(path, raw["Country of origin (ISO)"], raw["Country of origin"], iso3_map,
                             "origin", problems),
        "asylum": _map_codes(path, raw["Country of asylum (ISO)"], raw["Country of asylum"], iso3_map,
                             "asylum", problems),
        **values,
    })
    return _finish(path, frame, problems, on_unknown)


# --------------------------------------------------------------------------- R package


def read_rpkg(path: str | os.PathLike, iso3_map: dict[str, int], *,
              on_unknown: str = "raise") -> dict[str, pd.DataFrame]:
    """Read ``population.rda`` of UNHCR's R package ``refugees`` (release id ``rpkg-<last year>``)."""
    import pyreadr

    check_on_unknown(on_unknown)
    path = Path(path)
    fix = "use data/population.rda of the UNHCR R package 'refugees' unchanged"
    try:
        raw = pyreadr.read_r(str(path)).get("population")
    except FileNotFoundError:
        raise DataFileError(path, "file not found", fix) from None
    except Exception as exc:  # pyreadr raises its own and librdata errors
        raise DataFileError(path, f"not a readable R data file ({type(exc).__name__})", fix) from None
    needed = ["year", "coo_name", "coo_iso", "coa_name", "coa_iso", "refugees", "asylum_seekers"]
    if raw is None or any(c not in raw.columns for c in needed):
        raise DataFileError(path, "no data frame 'population' with columns " + ", ".join(needed), fix)
    release = f"rpkg-{int(raw['year'].max())}"
    problems: list[dict] = []
    frame = pd.DataFrame({
        "release": release,
        "year": raw["year"].astype(int),
        "origin": _map_codes(path, raw["coo_iso"], raw["coo_name"], iso3_map, "origin", problems),
        "asylum": _map_codes(path, raw["coa_iso"], raw["coa_name"], iso3_map, "asylum", problems),
        **{m: raw[c].astype(float) for c, m in RPKG_MEASURES.items() if c in raw.columns},
    })
    return _finish(path, frame, problems, on_unknown)
