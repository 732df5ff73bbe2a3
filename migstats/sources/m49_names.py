"""UN M49 names in the six official UN languages (UN Statistics Division).

Reads the per-language CSV exports of https://unstats.un.org/unsd/methodology/m49/overview/
(``UNSD-en.csv``, ``UNSD-fr.csv``, ``UNSD-es.csv``, ``UNSD-ru.csv``, ``UNSD-cn.csv``, ``UNSD-ar.csv``).
The layout, as published:

* every file keeps the English column headers (``Global Code``, ``Region Name``, ``Country or Area``,
  ``M49 Code``, ``ISO-alpha2 Code``, ``ISO-alpha3 Code``, …);
* the English file starts with a byte-order mark and is not quoted; the other five are fully quoted —
  both are plain CSV, read as UTF-8 with an optional BOM;
* codes are zero-padded strings (``001``, ``068``); Namibia's ISO-alpha2 code is the string ``NA`` and is
  read as text, never as a missing value;
* 248 countries or areas per file, the same codes in the same order; the geographic regions (World, 5
  regions, 17 sub-regions, 7 intermediate regions — 30 codes) appear only as columns of the country rows.

This module is a pure reader: it imports nothing from migstats except errors and schema.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from ..errors import DataFileError

READER_VERSION = "1"

#: File suffix → ISO 639-1 language code (UNSD names the Chinese file ``cn``).
LANGUAGES: dict[str, str] = {"en": "en", "fr": "fr", "es": "es", "ru": "ru", "cn": "zh", "ar": "ar"}

#: Column pairs (code, name) of the geographic hierarchy, with the kind each level is given.
LEVELS: tuple[tuple[str, str, str], ...] = (
    ("Global Code", "Global Name", "world"),
    ("Region Code", "Region Name", "region"),
    ("Sub-region Code", "Sub-region Name", "subregion"),
    ("Intermediate Region Code", "Intermediate Region Name", "intermediate_region"),
)
COUNTRY_COLUMNS = ("Country or Area", "M49 Code", "ISO-alpha2 Code", "ISO-alpha3 Code")
OUTPUT_COLUMNS = ["code", "language", "name", "iso2", "iso3", "kind"]

_FILE = re.compile(r"UNSD-([a-z]{2})\.csv$", re.IGNORECASE)
_FIX = "use the per-language CSV exports of https://unstats.un.org/unsd/methodology/m49/overview/ unchanged"


def _paths(folder_or_paths: str | os.PathLike | Iterable[str | os.PathLike]) -> list[Path]:
    """The UNSD-<lang>.csv files a folder holds, or the files given."""
    if isinstance(folder_or_paths, (str, os.PathLike)):
        path = Path(folder_or_paths)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if _FILE.search(p.name))
            if not found:
                raise DataFileError(path, "no UNSD-<language>.csv file in this folder", _FIX)
            return found
        return [path]
    return [Path(p) for p in folder_or_paths]


def _read_one(path: Path) -> pd.DataFrame:
    """Rows (code, language, name, iso2, iso3, kind) of one language file: countries, then regions."""
    match = _FILE.search(path.name)
    if match is None or match.group(1).lower() not in LANGUAGES:
        raise DataFileError(path, "not a UNSD M49 names file (expected UNSD-en.csv, UNSD-fr.csv, …)", _FIX)
    language = LANGUAGES[match.group(1).lower()]
    try:
        raw = pd.read_csv(path, dtype=str, encoding="utf-8-sig", keep_default_na=False)
    except FileNotFoundError:
        raise DataFileError(path, "file not found", _FIX) from None
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise DataFileError(path, f"not a readable M49 CSV ({type(exc).__name__})", _FIX) from None
    raw.columns = [str(c).strip() for c in raw.columns]
    needed = list(COUNTRY_COLUMNS) + [c for level in LEVELS for c in level[:2]]
    missing = [c for c in needed if c not in raw.columns]
    if missing:
        raise DataFileError(path, f"not the M49 layout: missing column(s) {', '.join(missing)}", _FIX)
    raw = raw[needed].apply(lambda col: col.str.strip())
    bad = raw.loc[~raw["M49 Code"].str.fullmatch(r"\d{1,3}"), "Country or Area"]
    if len(bad):
        raise DataFileError(path, f"{len(bad)} row(s) without a numeric M49 code (first: {bad.iloc[0]!r})",
                            _FIX)
    countries = pd.DataFrame({
        "code": raw["M49 Code"].astype(int),
        "name": raw["Country or Area"],
        "iso2": raw["ISO-alpha2 Code"].replace("", None),
        "iso3": raw["ISO-alpha3 Code"].replace("", None),
        "kind": "country",
    })
    levels = []
    for code_col, name_col, kind in LEVELS:
        level = raw.loc[raw[code_col] != "", [code_col, name_col]].drop_duplicates(code_col)
        levels.append(pd.DataFrame({"code": level[code_col].astype(int), "name": level[name_col],
                                    "iso2": None, "iso3": None, "kind": kind}))
    frame = pd.concat([countries, *levels], ignore_index=True)
    empty = frame.loc[frame["name"] == "", "code"]
    if len(empty):
        raise DataFileError(path, f"M49 code {int(empty.iloc[0]):03d} has no name", _FIX)
    frame["language"] = language
    return frame[OUTPUT_COLUMNS]


def read_m49_names(folder_or_paths: str | os.PathLike | Iterable[str | os.PathLike]) -> pd.DataFrame:
    """Read the UNSD M49 names of every language file in a folder (or of the files given).

    Returns one row per (code, language) with columns ``code`` (int, M49), ``language`` (ISO 639-1:
    ``en``, ``fr``, ``es``, ``ru``, ``zh``, ``ar``), ``name`` (as printed, typographic apostrophes kept),
    ``iso2`` and ``iso3`` (``None`` for regions and for areas without ISO codes) and ``kind``
    (``country`` for the 248 countries or areas; ``world``, ``region``, ``subregion`` or
    ``intermediate_region`` for the 30 codes of the geographic hierarchy).

    Raises :class:`~migstats.errors.DataFileError` for a file that is missing or not in this layout.
    """
    paths = _paths(folder_or_paths)
    if not paths:
        raise DataFileError(Path("."), "no M49 names file given", _FIX)
    frames, seen = [], set()
    for path in paths:
        frame = _read_one(path)
        language = frame["language"].iloc[0]
        if language in seen:
            raise DataFileError(path, f"a second file for language {language!r}", "give one file per language")
        seen.add(language)
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)
