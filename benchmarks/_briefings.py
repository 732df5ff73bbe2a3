"""Benchmark of the briefing batch: the floor, the per-document split, SDG regions with 1 and 2 workers,
every place, and peak memory per worker (started by ``briefings.py``).

    .venv/bin/python benchmarks/briefings.py [--data auto|official|sample] [--regions N] [--quick]
                                             [--rounds N] [--executor local|dask]

* **floor** of a document = one bare kernel start (papermill, one-cell notebook; the median of three runs
  before and three after the 1-worker batch it is compared with) + exporting that same document to HTML
  and PDF (in-process, the runner's own export functions, right after that batch);
* **per document** = execute / HTML / PDF seconds of a briefing built by a warm worker (its second one);
* **batches** run on :mod:`migstats.report.executors` (warm kernel per worker), every build forced into a
  temporary folder, in ``--rounds`` rounds (default 2) of: 1 worker, its floor, 2 workers. In each round
  ``ratio_to_floor`` = (wall seconds per briefing with 1 worker) / (mean floor), so it includes the worker's
  start-up shared by the 8 briefings, and ``jobs2_speedup`` = (1-worker wall) / (2-worker wall); the
  summary gives their medians over the rounds (a shared machine's speed drifts over minutes: ratios are
  taken between runs minutes apart at most). The *warm ratio* (one briefing on a started worker / its
  floor) is printed beside them;
* **all places**: every grouping (SDG regions, regions, subregions, development, income and special groups)
  and every country or area, with 2 workers, then the same batch rerun without ``force`` (every briefing
  unchanged: skipped), as a share of the first run (``--quick`` skips both);
* **peak RSS**: the runner, and per worker its process plus its kernel (their high-water marks).

Ends with one line: ``summary: ratio_to_floor=R jobs2_speedup=S all_places_s=T peak_rss_mb=M``.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import tempfile
import threading
import time
from pathlib import Path

import nbformat
import psutil
from nbformat.v4 import new_code_cell, new_notebook

import migstats
from migstats.report import export
from migstats.report.executors import DaskExecutor, LocalExecutor
from migstats.report.kernels import kernel_manager_class
from migstats.report.params import BriefingParams, groups_of
from migstats.report.runner import plan, run_batch
from migstats.store import LATEST_EDITION, Store


def kernel_start(repeats: int = 3) -> list[float]:
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
                                kernel_manager_class=kernel_manager_class({}))
            times.append(time.perf_counter() - t)
    return times


def export_seconds(nb_path: Path, synthetic: bool, title: str) -> tuple[float, float]:
    """HTML and PDF seconds of exporting an executed notebook (second of two runs: warm renderer)."""
    nb = nbformat.read(nb_path, as_version=4)
    out = (0.0, 0.0)
    for _ in range(2):
        t = time.perf_counter()
        html = export.notebook_to_html(nb, synthetic=synthetic, title=title)
        t1 = time.perf_counter()
        export.html_to_pdf_bytes(html, synthetic=synthetic)
        out = (t1 - t, time.perf_counter() - t1)
    return out


def table(title: str, header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows, strict=True)]
    print(f"\n{title}")
    print("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print("  ".join(str(x).rjust(w) if i else str(x).ljust(w) for i, (x, w) in enumerate(zip(r, widths,
                                                                                               strict=True))))


class PeakRSS:
    """The peak RSS of the runner and of each worker: a worker process with its children (its warm kernel).

    Each process's own high-water mark (``VmHWM`` in ``/proc/<pid>/status``; where there is none, its RSS at
    each sample), read once a second: the peaks are exact without sampling often, and the sampler takes
    next to no CPU from the batch it measures. A worker's figure is the sum of its processes' peaks (an
    upper bound: they need not peak together). ``workers`` gives the worker processes' ids (worker
    processes start lazily, and are forked from a server process); without it, every child process of the
    runner (a Dask nanny) is a worker. For thread workers the kernels are the runner's children."""

    INTERVAL = 1.0

    def __init__(self, workers=None) -> None:
        self.runner = 0
        self.per_worker: dict[int, int] = {}
        self._peaks: dict[int, dict[int, int]] = {}
        self._workers = workers
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    @staticmethod
    def _peak(p: psutil.Process) -> int:
        try:
            with open(f"/proc/{p.pid}/status", encoding="ascii") as fh:
                for line in fh:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1]) * 1024
        except OSError:
            pass
        return p.memory_info().rss

    def _sample(self) -> None:
        me = psutil.Process(os.getpid())
        self.runner = max(self.runner, self._peak(me))
        # Until a local executor has started its workers there is nothing to sample (its fork server, a child
        # of this process, is not a worker); without ``workers``, every child is one.
        workers = [psutil.Process(pid) for pid in self._workers()] if self._workers else me.children()
        for worker in workers:
            peaks = self._peaks.setdefault(worker.pid, {})
            for q in [worker, *worker.children(recursive=True)]:
                try:
                    peaks[q.pid] = max(peaks.get(q.pid, 0), self._peak(q))
                except psutil.Error:
                    pass
            self.per_worker[worker.pid] = sum(peaks.values())

    def _loop(self) -> None:
        while True:
            try:
                self._sample()
            except psutil.Error:
                pass
            if self._stop.wait(self.INTERVAL):
                return

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        try:  # the last word: whatever is still running has its high-water mark up to now
            self._sample()
        except psutil.Error:
            pass


def make_executor(kind: str, workers: int):
    return DaskExecutor(None, workers) if kind == "dask" else LocalExecutor(workers)


runner_peaks: list[int] = []


def batch_run(kind: str, workers: int, jobs, out: Path, peaks: list[int]) -> tuple[float, object]:
    with make_executor(kind, workers) as ex:
        pids = ex.worker_pids if isinstance(ex, LocalExecutor) and ex.processes else None
        with PeakRSS(pids) as rss:
            t = time.perf_counter()
            batch = run_batch(jobs, out, executor=ex, force=True, write_index=False)
            wall = time.perf_counter() - t
        peaks.extend(rss.per_worker.values())
        runner_peaks.append(rss.runner)
    return wall, batch


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default="auto", choices=["auto", "official", "sample"])
    ap.add_argument("--regions", type=int, default=8, help="how many SDG regions in the batch (default 8)")
    ap.add_argument("--quick", action="store_true", help="skip the batch of every place")
    ap.add_argument("--executor", default="local", choices=["local", "dask"])
    ap.add_argument("--rounds", type=int, default=2,
                    help="rounds of the SDG-region batches with 1 and 2 workers (default 2; the summary "
                         "takes the median of their ratios)")
    args = ap.parse_args()
    # Measured as installed: migstats's bytecode compiled (as pip compiles what it installs), so that no
    # process of the batch compiles it again — where PYTHONDONTWRITEBYTECODE is set, each kernel would.
    compileall.compile_dir(str(Path(migstats.__file__).parent), quiet=1)

    store = Store.open(args.data)
    ims = store.ims(LATEST_EDITION)  # warms the Parquet cache
    regions = groups_of(ims, "sdg")
    specs = [BriefingParams(place=str(c), title=n) for c, n in regions]
    while len(specs) < args.regions:  # the sample has fewer SDG regions: repeat some under other names
        c, n = regions[len(specs) % len(regions)]
        specs.append(BriefingParams(place=str(c), title=n, name=f"{c}-copy-{len(specs)}"))
    specs = specs[: args.regions]
    print(f"data: {ims.label}; {len(specs)} SDG-region briefings; executor: {args.executor}")
    jobs = plan(specs, store)
    peaks: list[int] = []

    starts = kernel_start()

    with tempfile.TemporaryDirectory() as tmp:
        # One warm worker builds the first briefing twice: the second build is the steady state.
        with make_executor(args.executor, 1) as ex:
            run_batch(jobs[:1], Path(tmp) / "first", executor=ex, force=True, write_index=False)
            one = run_batch(jobs[:1], Path(tmp) / "one", executor=ex, force=True, write_index=False).results[0]
        s = one.seconds
        if one.status != "built":
            print(f"  {one.title}: {one.status} — {one.error}")
        rows = [[one.title, f"{s.get('execute', 0):.2f}", f"{s.get('html', 0):.2f}", f"{s.get('pdf', 0):.2f}",
                 f"{sum(v for k, v in s.items() if k in ('execute', 'html', 'pdf')):.2f}"]]
        table("One briefing on a warm worker (seconds)", ["briefing", "execute", "HTML", "PDF", "total"], rows)

        # Rounds of: the batch with 1 worker, the floor of its documents (kernel starts before and after it,
        # exports of what it built), then the batch with 2 workers. The ratios are taken within a round — a
        # shared machine's speed drifts over minutes — and the summary gives their median over the rounds.
        rows, round_rows, ratios, speedups, waits, floors_all = [], [], [], [], [], []
        for n in range(1, args.rounds + 1):
            walls = {}
            for workers in (1, 2):
                wall, batch = batch_run(args.executor, workers, jobs, Path(tmp) / f"r{n}-jobs{workers}", peaks)
                walls[workers] = wall
                ex_s = [r.seconds.get("execute", 0) for r in batch.results]
                rows.append([f"round {n}, {workers} worker(s)", str(batch.count("built")), str(len(batch.failed)),
                             f"{wall:.1f}", f"{wall / max(len(jobs), 1):.2f}", f"{statistics.mean(ex_s):.2f}"])
                if workers == 1:
                    # The first briefing's execute includes its wait for the worker and kernel to start.
                    waits.append(max(ex_s) - statistics.median(ex_s))
                    starts += kernel_start()
                    exports = [export_seconds(r.notebook, r.synthetic, r.title) for r in batch.results
                               if r.status == "built"]
                    floors = [statistics.median(starts[-6:]) + h + p for h, p in exports]
                    floor = statistics.mean(floors) if floors else float("nan")
            per_doc = walls[1] / max(len(jobs), 1)
            ratios.append(per_doc / floor)
            speedups.append(walls[1] / walls[2])
            floors_all.append(floor)
            round_rows.append([str(n), f"{statistics.median(starts[-6:]):.2f}", f"{floor:.2f}", f"{per_doc:.2f}",
                               f"{ratios[-1]:.2f}", f"{speedups[-1]:.2f}"])
            starts = starts[-3:]  # the kernel starts after this round's batch open the next round's floor
        table(f"Batch of {len(jobs)} SDG-region briefings (HTML + PDF)",
              ["run", "built", "failed", "wall s", "s per briefing", "mean execute s"], rows)
        ratio, speedup = statistics.median(ratios), statistics.median(speedups)
        floor = statistics.median(floors_all)
        warm_doc = sum(v for k, v in s.items() if k in ("execute", "html", "pdf"))
        table("Floor per document (bare kernel start, median of the runs before and after the 1-worker batch,\n"
              "+ HTML + PDF of the same document) and the ratios of each round",
              ["round", "kernel start s", "mean floor s", "1-worker s per briefing", "ratio", "2-worker speed-up"],
              round_rows)
        print(f"  median over {args.rounds} round(s): ratio_to_floor {ratio:.2f}, jobs2_speedup {speedup:.2f}; "
              f"one briefing on a warm worker: {warm_doc:.2f} s, warm ratio {warm_doc / floor:.2f}")
        print(f"  ratio counts the worker's start-up (process, kernel, imports, table loads: the first briefing "
              f"waited ~{statistics.median(waits):.1f} s for it) shared by {len(jobs)} briefings; the warm ratio is "
              "one briefing on a started worker")

        all_s = "NA"
        if not args.quick:  # the world, every group of every grouping and every country or area, each code once
            all_specs = [BriefingParams(place=str(c), title=n) for c, n in groups_of(ims, "all")]
            all_jobs = plan(all_specs, store)
            wall, batch = batch_run(args.executor, 2, all_jobs, Path(tmp) / "all", peaks)
            # The same batch again, as a user reruns it: unchanged briefings are skipped (not forced).
            with make_executor(args.executor, 2) as ex:
                t = time.perf_counter()
                rerun = run_batch(all_jobs, Path(tmp) / "all", executor=ex, write_index=True)
                rerun_wall = time.perf_counter() - t
            all_s = f"{wall:.0f}"
            table(f"Every place ({len(all_jobs)} briefings, 2 workers)",
                  ["built", "failed", "wall s", "s each", "rerun s", "rerun skipped", "rerun % of batch"],
                  [[str(batch.count("built")), str(len(batch.failed)), f"{wall:.0f}",
                    f"{wall / max(len(all_jobs), 1):.2f}", f"{rerun_wall:.1f}", str(rerun.count("skipped")),
                    f"{100 * rerun_wall / wall:.1f}"]])
            for r in batch.failed:
                print(f"  failed: {r.title}: {r.error}")

    peak_mb = max(peaks) / 2**20 if peaks else float("nan")
    table("Peak RSS (MB)", ["worker trees sampled", "max per worker (process + kernel)", "runner"],
          [[str(len(peaks)), f"{peak_mb:.0f}", f"{max(runner_peaks, default=0) / 2**20:.0f}"]])
    print(f"\nsummary: ratio_to_floor={ratio:.2f} jobs2_speedup={speedup:.2f} all_places_s={all_s} "
          f"peak_rss_mb={peak_mb:.0f}")


if __name__ == "__main__":
    main()
