"""Executors: the same briefings, files, headline figures and state, whether a batch runs on local worker
processes, a Dask LocalCluster or a real ``dask scheduler`` + ``dask worker`` pair; and a warm kernel that
runs two briefings leaks nothing from the first into the second."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

import migstats
from migstats.report import warm
from migstats.report.executors import DaskExecutor, LocalExecutor
from migstats.report.params import BriefingParams
from migstats.report.runner import build_one, plan, run_batch

pytestmark = pytest.mark.slow

REGIONS = ("1834", "1836")  # Sub-Saharan Africa, Australia/New Zealand (sample)
STAMP = re.compile(r"\d{1,2} \w+ \d{4}, \d{2}:\d{2}(?: [A-Z+\-0-9]+)?")


def _jobs(regions=REGIONS):
    store = migstats.Store.open("sample")
    return plan([BriefingParams(place=p) for p in regions], store)


def _html(path: Path) -> str:
    """A page without its generation time, the random id papermill gives its injected parameters cell,
    and its style sheets (they come from the templates folder, not from where the briefing ran)."""
    text = STAMP.sub("<time>", path.read_text())
    text = re.sub(r"cell-id=[\w-]+", "cell-id=", text)
    return re.sub(r"<style[^>]*>.*?</style>", "<style/>", text, flags=re.S)


def _files(out: Path) -> list[str]:
    return sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file() and not p.name.startswith("."))


def _outputs(nb_path: Path) -> list[list[dict]]:
    """Every cell's outputs, with the generation time blanked."""
    nb = nbformat.read(nb_path, as_version=4)
    cells = []
    for cell in nb.cells:
        outs = []
        for o in cell.get("outputs", []):
            text = json.dumps(o, sort_keys=True)
            outs.append(json.loads(STAMP.sub("<time>", text)))
        cells.append(outs)
    return cells


def _same_batch(a, b) -> None:
    assert [r.status for r in b.results] == [r.status for r in a.results] == ["built", "built"]
    assert _files(b.out_dir) == _files(a.out_dir)
    for ra, rb in zip(a.results, b.results, strict=True):
        assert rb.headline == ra.headline and ra.headline
        assert _html(rb.html) == _html(ra.html)
        assert _outputs(rb.notebook) == _outputs(ra.notebook)
        assert rb.pdf.stat().st_size > 10_000
        sa = json.loads((a.out_dir / ".state" / f"{ra.name}.json").read_text())
        sb = json.loads((b.out_dir / ".state" / f"{rb.name}.json").read_text())
        assert sb["key"] == sa["key"] and sb["key"]
        assert sb["html"] == str(rb.html) and Path(sb["pdf"]).parent == b.out_dir


@pytest.fixture(scope="module")
def local_batch(tmp_path_factory):
    """The reference: the same two briefings on two local worker processes."""
    seen = []
    with LocalExecutor(2) as ex:
        batch = run_batch(_jobs(), tmp_path_factory.mktemp("local"), executor=ex, force=True, on_result=seen.append,
                             write_index=False)
    assert sorted(r.name for r in seen) == sorted(r.name for r in batch.results)
    return batch


def test_a_local_cluster_builds_what_the_local_executor_builds(local_batch, tmp_path):
    seen = []
    with DaskExecutor(None, 2) as ex:
        batch = run_batch(_jobs(), tmp_path, executor=ex, force=True, on_result=seen.append, write_index=False)
        assert len(ex.worker_pids()) == 2
        # Unchanged inputs: the second run skips both, from the state files the first run wrote.
        again = run_batch(_jobs(), tmp_path, executor=ex, write_index=False)
    _same_batch(local_batch, batch)
    assert len(seen) == 2
    assert [r.status for r in again.results] == ["skipped", "skipped"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_real_dask_scheduler_and_worker_build_what_the_local_executor_builds(local_batch, tmp_path):
    dask = Path(sys.executable).with_name("dask")
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = {**os.environ, "DASK_DISTRIBUTED__WORKER__DAEMON": "False"}
    log = (tmp_path / "dask.log").open("w")
    scheduler = subprocess.Popen([str(dask), "scheduler", "--host", "127.0.0.1", "--port", str(port),
                                  "--no-dashboard"], stdout=log, stderr=subprocess.STDOUT, env=env)
    worker = subprocess.Popen([str(dask), "worker", address, "--host", "127.0.0.1", "--nthreads", "1",
                               "--nworkers", "1", "--no-dashboard", "--death-timeout", "60"],
                              stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        with DaskExecutor(address, 1, timeout=60) as ex:
            deadline = time.monotonic() + 60
            while not ex.client.scheduler_info()["workers"] and time.monotonic() < deadline:
                time.sleep(0.5)
            batch = run_batch(_jobs(), tmp_path / "out", executor=ex, force=True, write_index=False)
        _same_batch(local_batch, batch)
    finally:
        for p in (worker, scheduler):
            p.terminate()
        for p in (worker, scheduler):
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()
        log.close()


def test_two_briefings_in_one_warm_kernel_equal_the_same_two_built_alone(tmp_path):
    first, second = _jobs(("1836", "1834"))
    kernel = warm.worker_kernel()
    try:
        warm_a = warm.build_warm(first, tmp_path / "warm", key="k")
        pid = kernel.pid
        warm_b = warm.build_warm(second, tmp_path / "warm", key="k")
        assert kernel.pid == pid and kernel.starts == 1  # the same kernel ran both
    finally:
        warm.shutdown_all()
    alone_a = build_one(first, tmp_path / "alone", key="k")
    alone_b = build_one(second, tmp_path / "alone", key="k")
    for w, a in ((warm_a, alone_a), (warm_b, alone_b)):
        assert w.status == a.status == "built"
        assert w.headline == a.headline
        assert _outputs(w.notebook) == _outputs(a.notebook)
        cells = nbformat.read(w.notebook, as_version=4).cells
        counts = [c.get("execution_count") for c in cells if c.cell_type == "code"]
        assert counts == list(range(1, len(counts) + 1))  # numbered as by a fresh kernel
        assert _html(w.html) == _html(a.html)
