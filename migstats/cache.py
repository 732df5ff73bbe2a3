"""Parquet cache of parsed tables, keyed by the source file's sha256 and the reader's version.

A second load of the same file never opens the workbook: it reads Parquet. Tables from one parse are
written together; a ``manifest.json`` written last (atomically) marks the set complete, so an
interrupted parse leaves nothing that a later load would trust.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import pandas as pd

from . import config
from .fileio import write_parquet, write_text
from .registry import SourceFile


def _folder(source: SourceFile, reader: str, version: str):
    return config.cache_dir() / "tables" / f"{source.sha256[:20]}-{reader}-v{version}"


def cached_tables(
    source: SourceFile, reader: str, version: str, build: Callable[[], dict[str, pd.DataFrame]]
) -> dict[str, pd.DataFrame]:
    """Return the tables parsed from ``source``, from the cache when present, else via ``build()``."""
    folder = _folder(source, reader, version)
    manifest = folder / "manifest.json"
    if manifest.is_file():
        try:
            names = json.loads(manifest.read_text())["tables"]
            return {name: pd.read_parquet(folder / f"{name}.parquet") for name in names}
        except Exception:  # a damaged cache is rebuilt, never trusted
            pass
    tables = build()
    for name, frame in tables.items():
        write_parquet(folder / f"{name}.parquet", frame)
    write_text(
        manifest,
        json.dumps({"tables": sorted(tables), "source": source.describe(), "reader": reader,
                    "version": version}, indent=1),
    )
    return tables


def is_cached(source: SourceFile, reader: str, version: str) -> bool:
    return (_folder(source, reader, version) / "manifest.json").is_file()
