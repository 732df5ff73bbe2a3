"""Ctrl-C and kill -9 during a batch: the batch stops within seconds, says what was built and what was not,
and leaves nothing half-written that a rerun would trust; what a killed run left is removed next time."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from migstats.report import runner

NAME = "1834-sub-saharan-africa-2024-en"


def _last_good(out: Path) -> dict[Path, bytes]:
    """A previous good build of the briefing: notebook, HTML and state (key of other inputs)."""
    files = {
        out / "notebooks" / f"{NAME}.ipynb": b'{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}',
        out / f"{NAME}.html": b"<html><body>last good Sub-Saharan Africa</body></html>",
        out / ".state" / f"{NAME}.json": json.dumps({"key": "an older key", "status": "built", "name": NAME,
                                                      "title": "Sub-Saharan Africa",
                                                      "html": str(out / f"{NAME}.html")}).encode(),
    }
    for path, data in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return files


@pytest.mark.slow
def test_ctrl_c_stops_the_batch_within_seconds_and_keeps_the_last_good_outputs(tmp_path, no_mirror):
    out = tmp_path / "sample"  # where a sample batch writes
    before = _last_good(out)
    proc = subprocess.Popen(
        [sys.executable, "-m", "migstats", "briefings", "1834", "1836", "1829", "1830", "--data", "sample", "--out",
         str(tmp_path),
         "--formats", "html", "--jobs", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 120
    while not list((out / "notebooks").glob(".*.ipynb")) and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.1)  # the kernel is running: papermill has started the temporary notebook
    assert proc.poll() is None, proc.communicate()
    time.sleep(0.1)  # a warm sample briefing takes about a second: stop the first one while its kernel runs it
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C does: the whole foreground process group
    sent = time.monotonic()
    _, err = proc.communicate(timeout=60)
    assert time.monotonic() - sent < 15
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "Kernel died" not in err
    said = " ".join(err.split())
    # The briefing running when Ctrl-C came either ends as it was (its last good outputs untouched) or, when
    # its exports were already under way, completes: then every output is the new, whole one, recorded as
    # built. The briefings after it never start.
    not_built = "Australia/New Zealand, Europe and Northern America, Latin America and the Caribbean)"
    assert ("0 built or unchanged; 4 not built (Sub-Saharan Africa, " + not_built in said
            or "1 built or unchanged (Sub-Saharan Africa); 3 not built (" + not_built in said), err
    now = {p: p.read_bytes() for p in before}
    if "0 built or unchanged" in said:
        assert now == before  # never replaced, never recorded as built
    else:
        state = json.loads(now[out / ".state" / f"{NAME}.json"])
        assert state["status"] == "built" and state["key"] != "an older key"
        html = now[out / f"{NAME}.html"].decode()
        assert "last good" not in html and "</html>" in html.lower()
    for later in ("1836-australia-new-zealand-2024", "1829-europe-and-northern-america-2024",
                  "1830-latin-america-and-the-caribbean-2024"):
        assert not list((out / ".state").glob(f"{later}*.json"))
    assert not [p for p in out.rglob(".*") if p.is_file()]  # no temporary file left behind
    assert "Sub-Saharan Africa" in (out / "index.html").read_text()  # the index lists what is built
    assert not list(runner.NOTEBOOKS.glob(".*.ipynb")) and not list(runner.NOTEBOOKS.glob(".*.tmp"))
    assert not list(Path("/tmp").glob(f"msk-{proc.pid}-*"))


def test_the_next_run_removes_what_a_killed_run_left_and_keeps_what_a_live_run_writes(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True)
    dead_pid = int(dead.stdout)
    old = time.time() - 3600
    left = [tmp_path / f".index.html.pid{dead_pid}.x1y2.tmp",
            tmp_path / "notebooks" / f".{NAME}.pid{dead_pid}.ab.ipynb",
            tmp_path / ".state" / f".{NAME}.json.k9.tmp"]  # the last: an older version's name without a pid
    live = tmp_path / f".index.html.pid{os.getppid()}.q.tmp"  # a run that is still going (our parent)
    kept = tmp_path / f"{NAME}.html"
    for p in [*left, live, kept]:
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("partial")
        os.utime(p, (old, old))
    sock = Path(runner.tempfile.gettempdir()) / f"{runner.SOCKDIR_PREFIX}{dead_pid}-test{os.getpid()}"
    sock.mkdir()
    (sock / "kernel.json").write_text("{}")
    os.utime(sock, (old, old))
    removed = runner.clean_stale(tmp_path, time.time())
    assert sorted(removed) == sorted([*left, sock])
    assert live.exists() and kept.exists() and not sock.exists()
