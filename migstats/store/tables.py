"""Parquet cache of the tidy tables parsed from one file.

A folder per (file sha256, reader, reader version, pandas and pyarrow versions) holds one Parquet file
per table and a ``manifest.json`` with each table's own sha256; the folder is written privately and renamed
into place in one step. A read checks
every table against its manifest checksum: a table changed, truncated or removed in the cache is never
trusted — the folder is dropped and the tables are parsed again from the official file.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pyarrow

from ..errors import DataFileError
from ..fileio import write_parquet, write_text
from .files import SourceFile

MANIFEST = "manifest.json"
FORMAT = "3"  # bump to invalidate every cached table (3: repetitive text stored as categoricals)


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def tables_dir(cache: Path) -> Path:
    return cache / "tables"


def folder_for(cache: Path, source: SourceFile, reader: str, version: str) -> Path:
    key = hashlib.sha256(
        f"{source.sha256}|{reader}|{version}|{pd.__version__}|{pyarrow.__version__}|{FORMAT}".encode()
    ).hexdigest()[:16]
    return tables_dir(cache) / f"{source.sha256[:16]}-{reader}-{key}"


#: Tables with at least this many rows keep their repetitive text columns as categoricals.
COMPACT_ROWS = 50_000
#: A text column is repetitive when it has at most this many distinct values (UNHCR's 9 population types,
#: WPP's variants and measures, the IMS sexes) — stored once each instead of once per row.
COMPACT_MAX_VALUES = 1_000


def compact(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with the text columns of few distinct values as categoricals (same values, same order).

    A loaded table lives as long as the process that reads it (a warm briefing kernel keeps every table of
    the store): UNHCR's 1.1 million rows repeat the release name and 9 measure names, 37 MB as text and
    under 2 MB as categories. Small tables are returned unchanged."""
    if len(frame) < COMPACT_ROWS:
        return frame
    out = frame
    for col in frame.columns:
        series = frame[col]
        if not (pd.api.types.is_string_dtype(series.dtype) and not isinstance(series.dtype, pd.CategoricalDtype)):
            continue
        if series.nunique(dropna=True) <= COMPACT_MAX_VALUES:
            if out is frame:
                out = frame.copy(deep=False)
            out[col] = series.astype("category")
    return out


def read_verified(folder: Path) -> dict[str, pd.DataFrame] | None:
    """The tables of a cache folder if its manifest and every table checksum agree, else None."""
    manifest = folder / MANIFEST
    if not manifest.is_file():
        return None
    try:
        entries = json.loads(manifest.read_text(encoding="utf-8"))["tables"]
        out = {}
        for name, sha in entries.items():
            path = folder / f"{name}.parquet"
            if _digest(path) != sha:
                return None
            out[name] = pd.read_parquet(path)  # compacted when written
        # Arrow's read buffers were copied into the frames: hand the freed memory back to the system.
        pyarrow.default_memory_pool().release_unused()
        return out
    except (OSError, ValueError, KeyError, TypeError, AttributeError, pyarrow.ArrowException):
        return None


def cached_tables(cache: Path, source: SourceFile, reader: str, version: str,
                  build: Callable[[], dict[str, pd.DataFrame]]) -> dict[str, pd.DataFrame]:
    """The tables parsed from ``source``: from the cache when they verify, else via ``build()``."""
    folder = folder_for(cache, source, reader, version)
    tables = read_verified(folder)
    if tables is not None:
        return tables
    # Compacted before they are written: a read then gets the categoricals straight from Parquet's
    # dictionary-encoded columns, with nothing left to factorize (~0.2 s per process that loads the tables).
    tables = {name: compact(frame) for name, frame in build().items()}
    # Written into a private folder and renamed into place in one step: processes parsing the same file at once
    # (parallel kernels, Dask workers sharing a cache) never see, trust or delete each other's half-written tables.
    tmp = None
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".tmp", dir=folder.parent))
        sums = {name: _digest(write_parquet(tmp / f"{name}.parquet", frame)) for name, frame in tables.items()}
        write_text(tmp / MANIFEST, json.dumps({"tables": sums, "source": source.describe(), "reader": reader,
                                               "version": version}, indent=1))
        if folder.exists() and read_verified(folder) is None:  # doctored or damaged: replaced, never trusted
            shutil.rmtree(folder, ignore_errors=True)
        try:
            os.rename(tmp, folder)
        except OSError:
            if read_verified(folder) is None:  # not another process's complete copy: a real problem
                raise
    except OSError as exc:
        raise DataFileError(folder, f"cannot write the table cache ({exc.strerror or type(exc).__name__})",
                            "choose a writable cache: --cache DIR or migstats config set cache DIR") from None
    finally:
        if tmp is not None and tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return tables


def validate_cache(cache: Path) -> tuple[int, list[Path]]:
    """Re-check every cached table folder; drop those that fail. Returns (checked, dropped)."""
    root = tables_dir(cache)
    dropped: list[Path] = []
    checked = 0
    for folder in sorted(p for p in root.glob("[!.]*") if p.is_dir()) if root.is_dir() else []:
        checked += 1
        if read_verified(folder) is None:
            shutil.rmtree(folder, ignore_errors=True)
            dropped.append(folder)
    return checked, dropped
