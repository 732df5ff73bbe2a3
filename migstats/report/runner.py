"""Run a batch of briefings: papermill executes each notebook, then HTML and PDF are exported.

Layout of an output folder::

    outputs/
      index.html                          every briefing with its headline figures and links
      1829-europe-and-northern-america-2024.html / .pdf
      notebooks/1829-…-2024.ipynb         the executed notebook (kept, also for failed briefings)
      .state/1829-…-2024.json             inputs key, headline figures, timings

Rules:

* **Not rebuilt when unchanged.** A briefing's key is the sha256 of the notebook, its parameters, the
  sha256 of every data file it reads, the package version and its source code, and the export
  templates. If the key and every requested output are unchanged, the briefing is skipped.
* **Failures are isolated.** A briefing that fails is reported with the path of its executed notebook
  (which shows the error); the others still build; :class:`BatchResult.ok` is False.
* **Atomic outputs.** Notebook, HTML and PDF are written to temporary files and renamed into place.
* **Ctrl-C stops the batch within seconds.** The running kernels are killed, nothing new starts, the
  index is rewritten for what is built, and :attr:`BatchResult.interrupted` is True. An interrupted
  briefing is never recorded as built and never replaces its last good notebook or exports.
* **No temporary file in the source tree.** Kernels run in their private socket folder; temporary files
  sit beside their target in the output folder and name their process, so the next run removes what a
  killed run left (:func:`clean_stale`).
* **Parallel kernels do not collide.** Each kernel uses the ``ipc`` transport with its connection file
  and sockets in a private temporary folder (no TCP ports to race for). ``workers > 1`` runs briefings
  in threads: the notebooks execute in separate kernel processes, so the kernels work in parallel while
  the (short) exports share the runner's process — which also works when called from a notebook.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import re
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .. import __version__, localnames
from ..errors import MigstatsError, bounded
from ..fileio import make_readable, remove_stale_temp, temp_prefix
from ..places import resolve
from ..store import Store
from .build import (
    DEFAULT_NOTEBOOK,
    FORMATS,
    NOTEBOOK_DIR,
    NOTEBOOKS,
    PACKAGE_DIR,
    STATE_DIR,
    BriefingJob,
    BriefingResult,
    _error_line,
    _interrupted,
    _paths,
    build_one,
)
from .index import write_index as _write_index
from .kernels import SOCKDIR_PREFIX, StopSwitch
from .params import RESERVED_NAMES, BriefingParams, load_params, notebook_for, output_name, slug

SAMPLE_DIR = "sample"
STOP_GRACE = 20  # seconds an interrupted batch waits for its killed kernels' threads to finish


# --------------------------------------------------------------------------- stopping


@contextlib.contextmanager
def _sigint_deferred() -> Iterator[None]:
    """While an interrupted batch cleans up, a second Ctrl-C does not cut the cleanup short."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_stale(out_dir: Path, started: float) -> list[Path]:
    """Remove what a killed run left: hidden temporary files (``.*.tmp``, ``.*.ipynb``) in the output
    folders and the source notebooks folder, and kernel socket folders (``msk-*``) of processes that are
    gone. Only what is older than ``started`` (this run's start, a timestamp) is touched."""
    removed: list[Path] = []
    for folder in (out_dir, out_dir / STATE_DIR, out_dir / NOTEBOOK_DIR, NOTEBOOKS):
        removed += remove_stale_temp(folder, started, (".*.tmp", ".*.ipynb"))
    for folder in Path(tempfile.gettempdir()).glob(f"{SOCKDIR_PREFIX}*"):
        try:
            st = folder.lstat()
        except OSError:
            continue
        if not folder.is_dir() or st.st_uid != os.getuid() or st.st_mtime >= started:
            continue
        m = re.match(rf"{SOCKDIR_PREFIX}(\d+)-", folder.name)
        if m and (int(m.group(1)) == os.getpid() or _pid_alive(int(m.group(1)))):
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


# --------------------------------------------------------------------------- kernels


# --------------------------------------------------------------------------- jobs and results


@dataclass
class BatchResult:
    """All results of a batch, in the order the briefings were given."""

    results: list[BriefingResult]
    out_dir: Path
    index: Path | None = None
    seconds: float = 0.0
    interrupted: bool = False

    @property
    def failed(self) -> list[BriefingResult]:
        return [r for r in self.results if r.status == "failed"]

    @property
    def ok(self) -> bool:
        return not self.failed and not self.interrupted

    def count(self, status: str) -> int:
        return sum(r.status == status for r in self.results)


# --------------------------------------------------------------------------- keys


def _code_digest() -> str:
    """sha256 over migstats' source files and report templates: any code change rebuilds."""
    h = hashlib.sha256()
    for p in sorted(PACKAGE_DIR.rglob("*")):
        if p.is_file() and p.suffix in {".py", ".j2", ".css", ".json", ".yaml"} and "__pycache__" not in p.parts:
            h.update(str(p.relative_to(PACKAGE_DIR)).encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def job_key(job: BriefingJob, formats: Iterable[str], code_digest: str | None = None) -> str:
    """The inputs key of a briefing: notebook, parameters, data checksums, package version and code."""
    payload = {
        "notebook": hashlib.sha256(Path(job.notebook).read_bytes()).hexdigest(),
        "params": job.params.notebook_parameters(),
        "data": sorted(job.data_sha256),
        "synthetic": job.synthetic,
        "version": __version__,
        "code": code_digest or _code_digest(),
        "formats": sorted(formats),
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def _up_to_date(out_dir: Path, name: str, key: str, formats: Iterable[str]) -> dict | None:
    p = _paths(out_dir, name)
    try:
        state = json.loads(p["state"].read_text())
    except (OSError, ValueError):
        return None
    if state.get("key") != key or state.get("status") != "built":
        return None
    if not all(p[f].is_file() for f in formats) or not p["notebook"].is_file():
        return None
    return state


#: Seconds a briefing is expected to take when no earlier run recorded it: groups draw more than countries,
#: and a group's maps, tables and pages grow with its members (SDG regions, official data: 1.9 s for
#: Australia/New Zealand, 2 members, to 3.1 s for Europe and Northern America, 53).
EXPECTED_SECONDS = {"group": 6.0, "country": 4.0}
SECONDS_PER_MEMBER = 0.02


def expected_seconds(out_dir: Path, job: BriefingJob) -> float:
    """How long ``job`` should take: the seconds its last run recorded in the output folder's state file,
    else an estimate by kind and, for a group, its number of members. The batch starts the longest first, so
    that no long briefing is left alone at the end while the other workers are idle."""
    try:
        state = json.loads(_paths(out_dir, job.name)["state"].read_text())
        seconds = state.get("seconds") or {}
        recorded = sum(float(seconds.get(k) or 0) for k in ("execute", "html", "pdf"))
    except (OSError, ValueError, TypeError, AttributeError):
        recorded = 0.0
    if recorded > 0:
        return recorded
    if job.notebook.name.startswith("country"):
        return EXPECTED_SECONDS["country"]
    return EXPECTED_SECONDS["group"] + SECONDS_PER_MEMBER * job.members


# --------------------------------------------------------------------------- planning


COMPANIONS = ("wpp", "unhcr")


def _prefetch_companions(store: Store) -> list[str]:
    """Load WPP and UNHCR here, once, so that every file a kernel needs is cached or mirrored before
    the kernels start (they run offline); returns the sha256 of their files for the rebuild key."""
    digests: list[str] = []
    for name in COMPANIONS:
        bundle, _ = store.optional(name)  # a missing publication: the briefing's section says so
        if bundle is not None:
            digests += [s.sha256 for s in bundle.sources]
    return digests


def output_dir(out_dir: str | Path, store: Store) -> Path:
    """Where a run's outputs go: synthetic briefings have a folder (and index) of their own, ``<out>/sample``,
    so they can never overwrite, replace or sit beside official ones."""
    out = Path(out_dir).resolve()
    return out / SAMPLE_DIR if store.synthetic else out


def plan(specs: list[BriefingParams | str | Path], store: Store, *,
         notebook: str | Path | None = None, langs: Sequence[str] | None = None) -> list[BriefingJob]:
    """Turn parameter sets (or parameter files) into jobs: check the data mode and resolve the place once.

    The store's data mode is the run's: every notebook gets it (``official`` or ``sample``, never ``auto``)
    and the place's M49 code, so a batch never mixes the two and kernels do not resolve places again. A
    parameter file that cannot be read, asks for the other data mode, or names a place that cannot be
    resolved still becomes a job: it fails alone, with its one-line message, when the batch runs.

    Each job's notebook comes from its place's kind (:func:`~.params.notebook_for`: a country or area gets
    the country profile, every other place the regional briefing); a parameter set's ``notebook`` (when it
    names one) wins, and ``notebook`` given here overrides both.

    ``langs`` (e.g. ``["en", "fr", "es"]``) builds every parameter set once per language (otherwise each in
    its own ``lang``, English by default); the language is in every output name, and titles are the place's
    UN name in that language.
    """
    companions = _prefetch_companions(store)
    env = {**store.settings.env(), "MIGSTATS_OFFLINE": "1", "MIGSTATS_DATA": store.mode.name}
    jobs: list[BriefingJob] = []
    for spec in specs:
        if not isinstance(spec, BriefingParams):
            try:
                spec = load_params(spec)
            except MigstatsError as exc:
                stem = slug(Path(spec).stem)
                stem = stem if stem not in RESERVED_NAMES else f"{stem}-params"  # never a reserved name
                jobs.append(BriefingJob(BriefingParams(place=stem), name=stem, title=Path(spec).name,
                                        synthetic=store.synthetic, notebook=Path(notebook or DEFAULT_NOTEBOOK),
                                        error=str(exc)))
                continue
        for lang in (langs or [spec.lang]):
            jobs.append(_job(spec.model_copy(update={"lang": lang}), store, notebook, companions, env))
    return _without_collisions(jobs)


def _without_collisions(jobs: list[BriefingJob]) -> list[BriefingJob]:
    """A job whose output name an earlier job already has fails alone (it would overwrite that one's files)."""
    first: dict[str, BriefingJob] = {}
    out = []
    for i, job in enumerate(jobs):
        if job.name in first:
            other = first[job.name]
            job = dataclasses.replace(
                job, name=f"{job.name}-duplicate-{i}",
                error=job.error or bounded(f"would write the same files as {other.title!r} ({other.name}) — give "
                                           "it its own 'name:' in its params file"))
        else:
            first[job.name] = job
        out.append(job)
    return out


def _job(spec: BriefingParams, store: Store, notebook: str | Path | None, companions: list[str],
         env: dict[str, str]) -> BriefingJob:
    """One job of :func:`plan`, in the language of ``spec``."""
    error = None
    if spec.data not in ("auto", store.mode.name):
        error = (f"this briefing asks for data: {spec.data}, but this run uses {store.mode.name} data "
                 f"({store.mode.reason}) — run it with --data {spec.data}")
    ims = store.ims(spec.edition)
    code, title, kind, members = None, spec.title or spec.place, None, 0
    try:
        place = resolve(ims, spec.place)
        code, kind, members = place.code, place.kind, len(place.members)
        title = spec.title or (place.name if place.code is None else
                               localnames.name(place.code, spec.lang, ims.edition, default=place.name,
                                               names=ims.names))
    except MigstatsError as exc:
        error = error or str(exc)
    job_notebook = Path(notebook) if notebook else DEFAULT_NOTEBOOK
    if not notebook:
        try:
            job_notebook = NOTEBOOKS / f"{notebook_for(kind, spec.notebook)}.ipynb"
        except MigstatsError as exc:
            error = error or str(exc)
    params = spec.model_copy(update={"data": store.mode.name,
                                     "place": str(code) if code is not None else spec.place})
    try:
        name = output_name(spec, code, place.name if code is not None else title)
    except MigstatsError as exc:  # a reserved name (index, inventory, …): this briefing fails alone
        name, error = f"{slug(spec.name or title)}-reserved", error or str(exc)
    return BriefingJob(
        params=params, name=name, title=title, synthetic=store.synthetic,
        data_sha256=sorted([s.sha256 for s in ims.sources] + companions), notebook=job_notebook,
        store_env=env, error=error, members=members,
    )


# --------------------------------------------------------------------------- batch


def check_out_dir(out_dir: str | Path, *, folders: bool = True) -> Path:
    """Make the output folder (and its ``notebooks/`` and ``.state/`` when ``folders``); one line naming the
    folder if it is a file or cannot be written."""
    out_dir = Path(out_dir).resolve()
    if out_dir.exists() and not out_dir.is_dir():
        raise MigstatsError(f"{out_dir}: is a file, not a folder — give a folder with --out")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        if folders:
            (out_dir / NOTEBOOK_DIR).mkdir(exist_ok=True)
            (out_dir / STATE_DIR).mkdir(exist_ok=True)
        with tempfile.NamedTemporaryFile(prefix=temp_prefix("probe"), suffix=".tmp",
                                         dir=out_dir / STATE_DIR if folders else out_dir):
            pass
    except OSError as exc:
        raise MigstatsError(f"{out_dir}: cannot write the briefings there ({exc.strerror or type(exc).__name__}) "
                            "— give a writable folder with --out") from None
    return out_dir


def run_batch(jobs: list[BriefingJob], out_dir: str | Path = "outputs", *, formats: Iterable[str] = FORMATS,
              workers: int = 1, force: bool = False, kernel_name: str = "python3",
              on_result: Callable[[BriefingResult], None] | None = None, write_index: bool = True,
              executor: Executor | None = None, place_names: pd.DataFrame | None = None) -> BatchResult:
    """Build every job (skipping unchanged ones unless ``force``), then regenerate ``index.html``.

    ``executor`` (a :class:`concurrent.futures.Executor`, e.g. :class:`~migstats.report.executors.LocalExecutor`
    or :class:`~migstats.report.executors.DaskExecutor`) runs the briefings; it belongs to the caller, who
    closes it. Without one, ``workers`` threads each start a fresh kernel per briefing. ``place_names`` (UNSD M49
    names in six languages, ``ims.names``) gives the index pages their place names in French and Spanish."""
    start = time.perf_counter()
    out_dir = Path(out_dir).resolve()  # absolute: nothing in a batch may depend on the process's cwd
    formats = [f for f in formats]
    bad = [f for f in formats if f not in FORMATS]
    if bad:
        raise MigstatsError(f"unknown output format(s) {', '.join(bad)} — use html, pdf or html,pdf")
    names = [j.name for j in jobs]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise MigstatsError(f"two briefings would write the same files: {', '.join(dupes)} — give each a name")
    check_out_dir(out_dir)
    clean_stale(out_dir, time.time() - (time.perf_counter() - start))
    digest = _code_digest()
    results: dict[str, BriefingResult] = {}
    todo: list[tuple[BriefingJob, str]] = []
    for job in jobs:
        key = job_key(job, formats, digest)
        state = None if force else _up_to_date(out_dir, job.name, key, formats)
        if state is not None:
            p = _paths(out_dir, job.name)
            res = BriefingResult(name=job.name, title=job.title, lang=job.params.lang, status="skipped",
                                 notebook=p["notebook"],
                                 html=p["html"] if "html" in formats else None,
                                 pdf=p["pdf"] if "pdf" in formats else None, synthetic=job.synthetic,
                                 headline=state.get("headline", {}))
            results[job.name] = res
            if on_result:
                on_result(res)
        else:
            todo.append((job, key))

    stop = StopSwitch()
    interrupted = False
    # Briefings always run in worker threads: the main thread only waits, so Ctrl-C reaches it at once.
    pool = executor or ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="briefing")
    futures: dict[Future, BriefingJob] = {}

    def collect(fut: Future) -> None:
        job = futures[fut]
        if fut.cancelled():
            res = _interrupted(job)
        else:
            try:
                res = fut.result()
            except Exception as exc:  # build_one never raises; this is a last resort
                res = BriefingResult(name=job.name, title=job.title, lang=job.params.lang, status="failed",
                                     notebook=_paths(out_dir, job.name)["notebook"], error=_error_line(exc),
                                     synthetic=job.synthetic)
        results[job.name] = res
        if on_result:
            on_result(res)

    todo.sort(key=lambda item: expected_seconds(out_dir, item[0]), reverse=True)
    try:
        futures.update({pool.submit(build_one, job, out_dir, formats, key=key, kernel_name=kernel_name,
                                    stop=stop): job for job, key in todo})
        pending = set(futures)
        while pending:
            done, pending = wait(pending, timeout=0.5, return_when=FIRST_COMPLETED)
            for fut in done:
                collect(fut)
    except KeyboardInterrupt:
        interrupted = True
        with _sigint_deferred():
            stop.stop()  # kills the running kernels; queued briefings will not start
            for fut in futures:
                fut.cancel()
            left = [f for f in futures if futures[f].name not in results]
            done, _ = wait(left, timeout=STOP_GRACE)
            for fut in left:
                if fut in done:
                    collect(fut)
                else:
                    results[futures[fut].name] = _interrupted(futures[fut])
    finally:
        if executor is None:
            pool.shutdown(wait=False, cancel_futures=True)

    for job in jobs:  # interrupted before its turn came
        results.setdefault(job.name, _interrupted(job))
    batch = BatchResult([results[j.name] for j in jobs], out_dir, seconds=time.perf_counter() - start,
                        interrupted=interrupted)
    if write_index:
        with _sigint_deferred() if interrupted else contextlib.nullcontext():
            batch.index = _write_index(out_dir, batch.results, names=place_names)
            make_readable(batch.index, out_dir / "inventory.html")
    return batch
