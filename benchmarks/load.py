"""Benchmark: cold parse vs warm (Parquet cache) load vs naive pandas/openpyxl, per IMS workbook.

Run: ``python benchmarks/load.py`` (uses MIGSTATS_MIRROR, or ../shared/data, or the synthetic sample).
Prints a table; the warm path should be at least 20x faster than the naive read.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import pandas as pd

from migstats.errors import DataUnavailable
from migstats.sources import ims
from migstats.store import Store
from migstats.store.tables import cached_tables, folder_for

READERS = {
    "destination": (ims.read_destination, "ims-destination"),
    "origin": (ims.read_origin, "ims-origin"),
    "matrix": (ims.read_matrix, "ims-matrix"),
}


def _timed(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    repo = Path(__file__).resolve().parents[1]
    if not os.environ.get("MIGSTATS_MIRROR") and (repo.parent / "shared" / "data").is_dir():
        os.environ["MIGSTATS_MIRROR"] = str(repo.parent / "shared" / "data")
    os.environ["MIGSTATS_OFFLINE"] = "1"
    os.environ["MIGSTATS_CACHE"] = tempfile.mkdtemp(prefix="migstats-bench-")

    cache = Path(os.environ["MIGSTATS_CACHE"])
    official, sample = Store.open("official"), Store.open("sample")
    rows = []
    for edition in (2020, 2024):
        for kind, (reader, name) in READERS.items():
            key = f"ims{edition}-{kind}"
            try:
                src, data = official.find(key, download=False), "official"
            except DataUnavailable:
                src, data = sample.find(key), "sample"
            t0 = time.perf_counter()
            cached_tables(cache, src, name, ims.READER_VERSION, lambda s=src, r=reader, e=edition: r(s.path, e))
            cold = time.perf_counter() - t0
            warm = _timed(lambda s=src, r=reader, e=edition, n=name: cached_tables(
                cache, s, n, ims.READER_VERSION, lambda: r(s.path, e)))
            first = "stock" if kind == "destination" else ("stock_by_origin" if kind == "origin" else "matrix")
            folder = folder_for(cache, src, name, ims.READER_VERSION)
            warm1 = _timed(lambda f=folder, t=first: pd.read_parquet(f / f"{t}.parquet"))
            naive = _timed(lambda s=src: pd.read_excel(s.path, sheet_name="Table 1", header=10,
                                                        engine="openpyxl"), repeat=1)
            rows.append((f"{src.spec.filename[:58]}", data, cold, warm, warm1, naive, naive / warm1))

    head = (f"{'workbook':60} {'data':8} {'cold parse s':>12} {'warm all s':>10} {'warm T1 s':>9} "
            f"{'naive T1 s':>10} {'naive/warm T1':>13}")
    print(head)
    print("-" * len(head))
    for name, data, cold, warm, warm1, naive, ratio in rows:
        print(f"{name:60} {data:8} {cold:12.3f} {warm:10.4f} {warm1:9.4f} {naive:10.3f} {ratio:12.0f}x")
    print("\ncold = calamine parse of every table + Parquet write;  warm all = Parquet read of every table;\n"
          "warm T1 = Parquet read of the tidy Table 1;  naive T1 = pandas.read_excel(engine='openpyxl') of "
          "Table 1 (wide, uncleaned).\nThe warm path should be at least 20x faster than naive.")


if __name__ == "__main__":
    main()
