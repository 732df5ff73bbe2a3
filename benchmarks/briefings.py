"""Benchmark of the briefing batch: kernel start-up floor, map build per SDG region, per-briefing split, 8 regions
with 1 and 2 jobs.

    .venv/bin/python benchmarks/briefings.py [--data auto|official|sample] [--regions N]

Prints four tables. Every build is forced (``force=True``) into a temporary folder, so the numbers are
those of a cold batch; the data cache is warmed first (parsing the workbooks is benchmarked in load.py).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

from migstats import charts
from migstats.report.briefing import briefing_for
from migstats.report.params import BriefingParams, groups_of
from migstats.report.runner import _kernel_manager_class, plan, run_batch
from migstats.report.sections import maps as maps_section
from migstats.store import LATEST_EDITION, Store


def kernel_floor(repeats: int = 3) -> list[float]:
    """Seconds to run a one-cell notebook with papermill (start a kernel, execute, shut down)."""
    import papermill as pm

    with tempfile.TemporaryDirectory() as tmp:
        nb_path = Path(tmp) / "empty.ipynb"
        nb = new_notebook(cells=[new_code_cell("1 + 1")],
                          metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                   "language": "python"}})
        nbformat.write(nb, nb_path)
        times = []
        for _ in range(repeats):
            t = time.perf_counter()
            pm.execute_notebook(str(nb_path), None, kernel_name="python3", progress_bar=False,
                                kernel_manager_class=_kernel_manager_class({}))
            times.append(time.perf_counter() - t)
    return times


def map_times(regions: list[tuple[int, str]], data: str) -> list[list[str]]:
    """Seconds to draw each region's map (region_map) and to embed it as SVG, from already-loaded data."""
    rows = []
    for code, name in regions:
        briefing = briefing_for(code, data=data)
        t = time.perf_counter()
        fig = maps_section.share_map(briefing.data)
        drawn = time.perf_counter() - t
        t = time.perf_counter()
        svg = charts.to_svg(fig)
        rows.append([name, f"{drawn:.2f}", f"{time.perf_counter() - t:.2f}", f"{len(svg) / 1e3:,.0f}"])
    return rows


def table(title: str, header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows, strict=True)]
    print(f"\n{title}")
    print("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print("  ".join(str(x).rjust(w) if i else str(x).ljust(w) for i, (x, w) in enumerate(zip(r, widths,
                                                                                               strict=True))))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default="auto", choices=["auto", "official", "sample"])
    ap.add_argument("--regions", type=int, default=8, help="how many SDG regions in the batch (default 8)")
    args = ap.parse_args()

    store = Store.open(args.data)
    ims = store.ims(LATEST_EDITION)  # warms the Parquet cache
    regions = groups_of(ims, "sdg")
    specs = [BriefingParams(place=str(c), title=n) for c, n in regions]
    while len(specs) < args.regions:  # the sample has fewer SDG regions: repeat some under other names
        c, n = regions[len(specs) % len(regions)]
        specs.append(BriefingParams(place=str(c), title=n, name=f"{c}-copy-{len(specs)}"))
    specs = specs[: args.regions]
    print(f"data: {ims.label}; {len(specs)} SDG-region briefings")

    floor = kernel_floor()
    table("Kernel start-up floor (papermill, one-cell notebook)", ["runs", "min s", "median s"],
          [[str(len(floor)), f"{min(floor):.2f}", f"{statistics.median(floor):.2f}"]])

    table("Maps (seconds; boundaries and IMS already loaded)", ["region", "draw", "SVG", "SVG kB"],
          map_times(regions, args.data))

    jobs = plan(specs, store)
    with tempfile.TemporaryDirectory() as tmp:
        one = run_batch(jobs[:1], tmp, force=True).results[0]
        rows = [[one.title, f"{one.seconds.get('execute', 0):.2f}", f"{one.seconds.get('html', 0):.2f}",
                 f"{one.seconds.get('pdf', 0):.2f}",
                 f"{sum(v for k, v in one.seconds.items() if k in ('execute', 'html', 'pdf')):.2f}"]]
        table("One briefing (seconds)", ["briefing", "execute", "HTML", "PDF", "total"], rows)

        rows = []
        for workers in (1, 2):
            t = time.perf_counter()
            batch = run_batch(jobs, Path(tmp) / f"jobs{workers}", workers=workers, force=True)
            wall = time.perf_counter() - t
            ex = [r.seconds.get("execute", 0) for r in batch.results]
            rows.append([f"--jobs {workers}", str(batch.count("built")), str(len(batch.failed)), f"{wall:.1f}",
                         f"{wall / max(len(jobs), 1):.2f}", f"{statistics.mean(ex):.2f}"])
        table(f"Batch of {len(jobs)} briefings (HTML + PDF)", ["run", "built", "failed", "wall s",
                                                               "s per briefing", "mean execute s"], rows)


if __name__ == "__main__":
    main()
