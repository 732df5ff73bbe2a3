"""Hostile input through the real command line: every case runs ``python -m migstats`` in a subprocess with a
time limit and is classified

* **clean** — what was asked of it: a clear error (non-zero exit, no traceback, every message one bounded
  line) for bad input, or a correct result where the input should be survived (a tampered cache table);
  and nothing lost: protected outputs byte-identical, no temporary file left behind;
* **traceback** — a Python traceback reached the user, or the command ran past its time limit;
* **lost** — an output was lost, replaced or left half-written.

Usage: ``python benchmarks/hostile.py [--only NAME]``. Official files (cases that need them are skipped when
absent) come from ``MIGSTATS_MIRROR`` or ../shared/data; they are copied to a temporary folder, never into the
repository. Prints a table and a final line ``tried=N clean=C traceback=T lost=L``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEST = "undesa_pd_2024_ims_stock_by_sex_and_destination.xlsx"
MAX_LINE = 600  # characters: a one-line message naming a file, a URL and the fix
BOMB = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{c}: &{c} [{', '.join([f'*{p}'] * 9)}]\n" for p, c in zip("abcdefg", "bcdefgh", strict=True)) + "place: *h\n"
INFO = ("migstats: data:", "migstats: note:", "Building from the SYNTHETIC", "briefings ", "built ", "unchanged",
        "stopped ", "FAILED ")


def official() -> Path | None:
    env = os.environ.get("MIGSTATS_MIRROR")
    for cand in ([Path(p) for p in env.split(os.pathsep)] if env else []) + [REPO.parent / "shared" / "data"]:
        if (cand / "ims2024" / DEST).is_file():
            return cand
    return None


@dataclass
class Case:
    name: str
    args: Callable[[Path], list[str]]  # given the case's folder
    setup: Callable[[Path], None] = lambda d: None
    expect: str = "error"  # or "ok"
    env: Callable[[Path], dict] = lambda d: {}
    check: Callable[[Path, subprocess.CompletedProcess], str | None] = lambda d, p: None  # extra "lost" check
    needs_official: bool = False
    timeout: int = 120
    signal_after: Callable[[Path], bool] | None = None  # send SIGINT to the group once this is true
    kill_after: Callable[[Path], bool] | None = None  # send SIGKILL to the group once this is true
    notes: list[str] = field(default_factory=list)


def _write(path: Path, data: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    (path.write_bytes if isinstance(data, bytes) else path.write_text)(data)


def _protected_out(d: Path) -> None:
    """An output folder with an official index and briefing that a sample run must never touch."""
    _write(d / "out" / "index.html", "<html>official index</html>")
    _write(d / "out" / "inventory.html", "<html>official inventory</html>")
    _write(d / "out" / "1829-europe-and-northern-america-2024.html", "<html>official briefing</html>")


def _params(text: str | bytes, name: str = "p.yaml") -> Callable[[Path], None]:
    def setup(d: Path) -> None:
        _protected_out(d)
        _write(d / name, text)
    return setup


def _briefing(*extra: str) -> Callable[[Path], list[str]]:
    return lambda d: ["briefings", *[e.replace("{d}", str(d)) for e in extra], "--data", "sample", "--out",
                      str(d / "out"), "--formats", "html"]


def _sample_index_is_an_index(d: Path, proc) -> str | None:
    idx = d / "out" / "sample" / "index.html"
    if idx.exists() and "<table" not in idx.read_text(errors="replace"):
        return "out/sample/index.html is not the index page"
    return None


def _mirror_with(transform: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    def setup(d: Path) -> None:
        src = official() / "ims2024" / DEST
        _write(d / "mirror" / DEST, transform(src.read_bytes()))
    return setup


def _openpyxl_edit(edit: Callable) -> Callable[[Path], None]:
    def setup(d: Path) -> None:
        import openpyxl

        wb = openpyxl.load_workbook(official() / "ims2024" / DEST)
        edit(wb)
        (d / "mirror").mkdir(parents=True, exist_ok=True)
        wb.save(d / "mirror" / DEST)
    return setup


def _drop_latest_year(wb) -> None:
    sheet = wb["Table 1"]
    sheet.delete_cols(next(c.column for c in sheet[11] if c.value in (2024, "2024")))


def _tamper_cache(d: Path) -> None:
    import pandas as pd

    env = {**os.environ, "MIGSTATS_CACHE": str(d / "cache"), "MIGSTATS_OFFLINE": "1"}
    subprocess.run([sys.executable, "-m", "migstats", "figures", "1834", "--data", "sample"], env=env,
                   capture_output=True, timeout=300, check=True)
    table = next((d / "cache" / "tables").rglob("stock.parquet"))
    pd.read_parquet(table).drop(columns=["sex"]).to_parquet(table, index=False)


def _fake_unresponsive_network(d: Path) -> None:
    """A sitecustomize that makes every connection hang until pooch's connect timeout gives up."""
    _write(d / "site" / "sitecustomize.py", (
        "import socket, time\n"
        "def _hang(self, address, *a, **k):\n"
        "    t = self.gettimeout()\n"
        "    time.sleep(t if t is not None else 3600)\n"
        "    raise TimeoutError('timed out')\n"
        "socket.socket.connect = _hang\n"))


def _temp_notebook_running(d: Path) -> bool:
    return bool(list((d / "out" / "sample" / "notebooks").glob(".*.ipynb")))


def _no_temp_left(d: Path, proc) -> str | None:
    left = [p for p in (d / "out").rglob(".*") if p.is_file()]
    return f"temporary files left: {', '.join(p.name for p in left)}" if left else None


def _rerun_cleans(d: Path, proc) -> str | None:
    """After kill -9: the next (quick, failing) run removes the killed run's temporary files."""
    env = {**os.environ, "MIGSTATS_CACHE": str(d / "cache"), "MIGSTATS_OFFLINE": "1"}
    env.pop("MIGSTATS_MIRROR", None)
    subprocess.run([sys.executable, "-m", "migstats", "briefings", "Atlantis", "--data", "sample", "--out",
                    str(d / "out"), "--formats", "html"], env=env, capture_output=True, timeout=300)
    left = [p for p in (d / "out").rglob(".*") if p.is_file()] + list(REPO.glob("migstats/notebooks/.*.ipynb"))
    return f"left after the next run: {', '.join(p.name for p in left)}" if left else None


CASES = [
    # --- older cases (tests/test_bad_input.py)
    Case("truncated workbook", lambda d: ["data", "pull", "--edition", "2024", "--mirror", str(d / "mirror"),
                                          "--allow-unverified"], _mirror_with(lambda b: b[:200_000]),
         needs_official=True),
    Case("checksum mismatch", lambda d: ["data", "pull", "--edition", "2024", "--mirror", str(d / "mirror")],
         _mirror_with(lambda b: b[:200_000]), needs_official=True),
    Case("HTML saved as .xlsx", lambda d: ["data", "pull", "--edition", "2024", "--mirror", str(d / "mirror"),
                                           "--allow-unverified"],
         lambda d: _write(d / "mirror" / DEST, "<html>Page not found</html>")),
    Case("header row moved", lambda d: ["figures", "World", "--data", "official", "--mirror", str(d / "mirror"),
                                        "--allow-unverified"],
         _openpyxl_edit(lambda wb: wb["Table 1"].insert_rows(1)), needs_official=True),
    Case("sheet missing", lambda d: ["figures", "World", "--data", "official", "--mirror", str(d / "mirror"),
                                     "--allow-unverified"],
         _openpyxl_edit(lambda wb: wb.__delitem__("Table 2")), needs_official=True),
    Case("unknown edition (figures)", lambda d: ["figures", "World", "--edition", "2019", "--data", "sample"]),
    Case("unknown data mode", lambda d: ["figures", "World", "--data", "guess"]),
    # --- issue 10
    Case("latest year column deleted", lambda d: ["figures", "World", "--data", "official", "--mirror",
                                                  str(d / "mirror"), "--allow-unverified"],
         _openpyxl_edit(_drop_latest_year), needs_official=True),
    Case("params billion laughs", _briefing("{d}/p.yaml"), _params(BOMB), timeout=60,
         check=_sample_index_is_an_index),
    Case("params nested 1000 deep", _briefing("{d}/p.yaml"), _params("place: " + "[" * 1000 + "]" * 1000 + "\n")),
    Case("params 1 MB", _briefing("{d}/p.yaml"), _params("place: 1834\n" + "#" * 1_000_000 + "\n")),
    Case("inventory billion laughs", lambda d: ["inventory", "validate", str(d / "inv.yaml")],
         lambda d: _write(d / "inv.yaml", "sources: {}\nentries:\n" + "".join(f"  {ln}\n" for ln in
                                                                               BOMB.splitlines())), timeout=60),
    Case("params is a folder", _briefing("{d}/p.yaml"), lambda d: (_protected_out(d), (d / "p.yaml").mkdir())),
    Case("params not UTF-8", _briefing("{d}/p.yaml"), _params("place: Côte d’Ivoire\n".encode("cp1252"))),
    Case("name: index", _briefing("{d}/p.yaml"), _params("place: 1834\nname: index\n"),
         check=_sample_index_is_an_index),
    Case("name: inventory", _briefing("{d}/p.yaml"), _params("place: 1834\nname: inventory\n")),
    Case("name: sample", _briefing("{d}/p.yaml"), _params("place: 1834\nname: sample\n")),
    Case("name: notebooks", _briefing("{d}/p.yaml"), _params("place: 1834\nname: notebooks\n")),
    Case("malformed index.yaml", _briefing("{d}/index.yaml"), _params("place: [1834\n", "index.yaml"),
         check=_sample_index_is_an_index),
    Case("rich markup in title and place", _briefing("{d}/p.yaml"),
         _params('place: "Atlantis [/]"\ntitle: "[bold]x[/] [/]"\n')),
    Case("10,000-character place", _briefing("A" * 10_000), _protected_out),
    Case("--edition 2019", _briefing("1834", "--edition", "2019"), _protected_out),
    Case("blank place", _briefing(""), _protected_out),
    Case("--out is a file", lambda d: ["briefings", "1834", "--data", "sample", "--out", str(d / "f")],
         lambda d: _write(d / "f", "a file")),
    Case("cache is a file", lambda d: ["figures", "1834", "--data", "sample"], lambda d: _write(d / "c", "a file"),
         env=lambda d: {"MIGSTATS_CACHE": str(d / "c")}),
    Case("cache under a file", lambda d: ["figures", "1834", "--data", "sample"], lambda d: _write(d / "c", "x"),
         env=lambda d: {"MIGSTATS_CACHE": str(d / "c" / "sub")}),
    Case("cache table lost a column", lambda d: ["figures", "1834", "--data", "sample"], _tamper_cache,
         expect="ok"),
    Case("unresponsive network (data pull)", lambda d: ["data", "pull", "--edition", "2024"],
         _fake_unresponsive_network, env=lambda d: {"MIGSTATS_OFFLINE": "0", "PYTHONPATH": str(d / "site"),
                                                    "MIGSTATS_MIRROR": ""}, timeout=90),
    Case("Ctrl-C mid-batch (--jobs 2)", _briefing("1834", "1836", "--jobs", "2"), _protected_out,
         signal_after=_temp_notebook_running, check=_no_temp_left, timeout=180),
    Case("kill -9 mid-batch, then rerun", _briefing("1834"), _protected_out, kill_after=_temp_notebook_running,
         check=_rerun_cleans, timeout=180),
]


def _snapshot(d: Path) -> dict[Path, bytes]:
    out = d / "out"
    return {p: p.read_bytes() for p in out.rglob("*") if p.is_file() and "sample" not in p.relative_to(out).parts} \
        if out.is_dir() else {}


def run(case: Case, d: Path) -> tuple[str, str, float]:
    env = {**os.environ, "MIGSTATS_CACHE": str(d / "cache"), "MIGSTATS_OFFLINE": "1", "COLUMNS": "200"}
    env.pop("MIGSTATS_MIRROR", None)
    env.update(case.env(d))
    case.setup(d)
    before = _snapshot(d)
    start = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "migstats", *case.args(d)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env, cwd=d, start_new_session=True)
    trigger, sig = (case.signal_after, signal.SIGINT) if case.signal_after else (case.kill_after, signal.SIGKILL)
    sig = sig if trigger else None
    sent = None
    try:
        if trigger:
            while proc.poll() is None and not trigger(d) and time.monotonic() - start < case.timeout:
                time.sleep(0.1)
            time.sleep(1)
            sent = time.monotonic()
            os.killpg(proc.pid, sig)
        out, err = proc.communicate(timeout=max(1, case.timeout - (time.monotonic() - start)))
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return "traceback", f"ran past {case.timeout} s", time.monotonic() - start
    seconds = time.monotonic() - start
    done = subprocess.CompletedProcess(proc.args, proc.returncode, out, err)
    if _snapshot(d) != before:
        return "lost", "a protected output changed", seconds
    lost = case.check(d, done)
    if lost:
        return "lost", lost, seconds
    if "Traceback" in out + err:
        return "traceback", err.strip().splitlines()[-1][:100], seconds
    lines = [ln for ln in err.splitlines() if ln.strip() and not ln.lstrip().startswith(INFO)]
    if case.expect == "ok":
        ok = proc.returncode == 0 and "Sub-Saharan Africa" in out
        return ("clean" if ok else "traceback"), (lines[-1][:100] if lines else f"exit {proc.returncode}"), seconds
    if sig is signal.SIGKILL:
        return "clean", "killed; the next run removed its temporary files", seconds
    if sent is not None and (proc.returncode != 130 or time.monotonic() - sent > 15):
        return "traceback", f"exit {proc.returncode} {time.monotonic() - sent:.0f} s after Ctrl-C", seconds
    if proc.returncode == 0 or not lines or any(len(ln) > MAX_LINE for ln in lines):
        return "traceback", f"exit {proc.returncode}; {len(lines)} message line(s)", seconds
    return "clean", lines[-1][:100], seconds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", help="run the cases whose name contains this text")
    args = ap.parse_args()
    have_official = official() is not None
    rows = []
    for case in CASES:
        if args.only and args.only.lower() not in case.name.lower():
            continue
        if case.needs_official and not have_official:
            rows.append((case.name, "skipped", "official files not available", 0.0))
            continue
        with tempfile.TemporaryDirectory(prefix="hostile-") as tmp:
            try:
                verdict, why, secs = run(case, Path(tmp))
            finally:
                shutil.rmtree(tmp, ignore_errors=True)
        rows.append((case.name, verdict, why, secs))
        print(f"{case.name:34} {verdict:9} {secs:6.1f} s  {why}", file=sys.stderr, flush=True)
    print(f"\n{'case':34} {'verdict':9} {'time':>8}  what the user saw (last line)")
    for name, verdict, why, secs in rows:
        print(f"{name:34} {verdict:9} {secs:6.1f} s  {why}")
    tried = [r for r in rows if r[1] != "skipped"]
    counts = {v: sum(r[1] == v for r in tried) for v in ("clean", "traceback", "lost")}
    print(f"tried={len(tried)} clean={counts['clean']} traceback={counts['traceback']} lost={counts['lost']}")


if __name__ == "__main__":
    main()
