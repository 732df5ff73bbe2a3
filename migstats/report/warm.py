"""A warm kernel per worker: one kernel keeps its imports and loaded tables and runs successive briefings.

A fresh kernel per briefing pays, every time, the kernel start, the imports (pandas, matplotlib,
migstats: ~3–4 s) and the loading of the tables (~2 s). A :class:`WarmKernel` pays them once per worker:

* papermill still executes each briefing (parameters injected into the cell tagged ``parameters``, the
  executed notebook written and kept exactly as with a fresh kernel) — it is handed the running kernel
  through nbclient's ``km=`` (a kernel manager it does not own, so it does not shut it down);
* before each briefing the kernel is reset (``kernel_state.kernel_reset``): user namespace, history and execution
  counter (the executed notebook numbers its cells from 1, as a fresh kernel would), open figures,
  matplotlib settings, warning filters, working folder and ``sys.path`` back to their state after start-up;
* what stays are the imported modules and the bundles of the store (``kernel_state.kernel_setup``): ``Store.open``
  in the kernel hands back the same opened store for the same settings and data files, so tables are read
  from Parquet once per worker. The cache is dropped when the job's data files (sha256) change;
* the kernel is started again when a run fails for another reason than an error in the notebook itself
  (a timeout leaves a cell running, a crash leaves no kernel), when the job asks for other store settings
  (they are the kernel's environment) or after ``max_briefings`` briefings.

:func:`build_warm` is the runner's :func:`~migstats.report.build.build_one` with this kernel: the runner's
own build (export, atomic writes, state file, failure handling) runs unchanged; only its notebook
execution step is served by the worker's warm kernel.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import logging
import threading
from collections.abc import Iterable
from multiprocessing import util
from pathlib import Path

import nbformat
from jupyter_core.utils import run_sync

from . import build, export, kernels
from .build import BriefingJob, BriefingResult, build_one

#: Run once when a warm kernel starts: everything the briefing notebooks import, then the set-up (which
#: loads the tables of the job's data, named by its token, for its edition).
PRELUDE = ("import matplotlib\nmatplotlib.use('agg')\nimport matplotlib.pyplot\nimport migstats.report.briefing\n"
           "import migstats.report.kernel_state as _mks\n_mks.kernel_setup({token!r}, {edition!r})\n")


def prelude(job: BriefingJob | None = None) -> str:
    """The code a warm kernel runs once: imports, set-up and, for ``job``, the tables its briefing reads."""
    if job is None:
        return PRELUDE.format(token=None, edition=None)
    return PRELUDE.format(token=data_token(job), edition=job.params.edition)


RESET = "import migstats.report.kernel_state as _mks\n_mks.kernel_reset({token!r})\n"
START_TIMEOUT = 60

log = logging.getLogger(__name__)


# --------------------------------------------------------------------------- runner side


def data_token(job: BriefingJob) -> str:
    """Names the job's data files and store settings: a warm kernel keeps its tables while it is unchanged."""
    payload = {"data": sorted(job.data_sha256), "env": job.store_env, "synthetic": job.synthetic}
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:16]


class WarmKernel:
    """One kernel process that runs successive briefings (use from one thread at a time)."""

    def __init__(self, kernel_name: str = "python3", *, max_briefings: int = 200) -> None:
        self.kernel_name = kernel_name
        self.max_briefings = max_briefings
        self.km = None
        self.store_env: dict[str, str] | None = None
        self.runs = 0
        self.starts = 0
        self._warming: threading.Thread | None = None
        self._warm_error: Exception | None = None

    # -- life cycle
    @property
    def pid(self) -> int | None:
        try:
            return self.km.provisioner.process.pid if self.km is not None else None
        except AttributeError:
            return None

    def start(self, store_env: dict[str, str], job: BriefingJob | None = None) -> None:
        """Start the kernel (or take the one this worker process started early) and run its prelude."""
        self.shutdown()
        early = kernels.take_prelaunched(store_env, self.kernel_name)
        if early is not None:
            km, request = early.km, early.prelude
        else:
            km = kernels.start_kernel(store_env, self.kernel_name)
        self.km, self.store_env, self.runs = km, dict(store_env), 0
        self.starts += 1
        try:
            if early is None:
                request = kernels.send(km, prelude(job), START_TIMEOUT, ready=False)
            # The exporters (nbconvert, WeasyPrint: imported, then a first page rendered, ~1 s) warm up in
            # the background, beside the kernel's start-up and its first briefing, which starts as soon as
            # the kernel is ready; this worker waits for them before it exports (:meth:`exporters_ready`).
            # The two import nothing in common but pygments, which the import system's locks serialise.
            self._warm_up_in_background()
            request.wait(START_TIMEOUT)
        except Exception:
            self.shutdown()
            raise

    def _warm_up_in_background(self) -> None:
        if self._warming is not None:  # still warming up from an earlier start
            return

        def run() -> None:
            try:
                export.warm_up()
            except Exception as exc:  # reported by exporters_ready, to the briefing that waits for it
                self._warm_error = exc

        self._warming = threading.Thread(target=run, name="migstats-exporters-warm-up", daemon=True)
        self._warming.start()

    def exporters_ready(self) -> None:
        """Wait until the exporters' warm-up is over: an export never runs beside it (they share the
        process's collector settings and WeasyPrint). Its failure is raised here, once."""
        warming, self._warming = self._warming, None
        if warming is not None:
            warming.join()
        error, self._warm_error = self._warm_error, None
        if error is not None:
            raise error

    def shutdown(self) -> None:
        km, self.km = self.km, None
        if km is not None:
            kernels.shutdown_kernel(km)
        if self._warming is not None:  # nothing of this worker keeps running after it
            self._warming.join()

    def alive(self) -> bool:
        return self.km is not None and bool(run_sync(self.km.is_alive)())

    @property
    def kc(self):
        """The kernel's one (persistent) client, once connected."""
        return getattr(self.km, "_persistent_client", None)

    def _run(self, code: str, timeout: float = START_TIMEOUT) -> None:
        """Run ``code`` silently on the kernel; raise if it fails."""
        kernels.send(self.km, code, timeout).wait(timeout)

    def prepare(self, job: BriefingJob) -> None:
        """A kernel with the job's settings, reset to its state after start-up."""
        token = data_token(job)
        if (self.km is None or self.store_env != job.store_env or self.runs >= self.max_briefings
                or not self.alive()):
            self.start(job.store_env, job)
        self._run(RESET.format(token=token))

    # -- one notebook
    def execute(self, job: BriefingJob, target: Path, kernel_name: str, timeout: int,
                stop=None) -> nbformat.NotebookNode:
        """The runner's ``_execute`` on this kernel: papermill into a temporary file renamed onto ``target``
        (also when the notebook failed: it shows the error); other trouble restarts the kernel and retries
        once, as the runner does with a fresh kernel. ``stop`` (the runner's stop switch, when it has one)
        can kill this kernel: the briefing then ends as interrupted and the next one starts a fresh kernel.
        It returns once the exporters are ready too (:meth:`exporters_ready`): the caller exports next."""
        nb = self._execute(job, target, kernel_name, timeout, stop)
        self.exporters_ready()
        return nb

    def _execute(self, job: BriefingJob, target: Path, kernel_name: str, timeout: int,
                 stop=None) -> nbformat.NotebookNode:
        import papermill as pm

        interrupted = kernels.BatchInterrupted

        def stopped() -> bool:
            return stop is not None and stop.is_set()

        with build.staged_notebook(target, stopped) as tmp:
            for attempt in (1, 2):
                try:
                    if stopped():
                        raise interrupted("batch stopped")
                    self.prepare(job)
                    self.runs += 1
                    if stop is not None:
                        stop.add(self.km)
                    return pm.execute_notebook(
                        str(job.notebook), str(tmp), parameters=job.params.notebook_parameters(),
                        kernel_name=kernel_name, progress_bar=False, log_output=False,
                        execution_timeout=timeout, km=self.km,
                        request_save_on_cell_execute=False,  # written once, when it ends (also on failure)
                    )
                except pm.PapermillExecutionError as exc:  # the notebook failed: its namespace is reset next time
                    if stopped() or build.killed_by_ctrl_c(exc):
                        self.shutdown()
                        raise interrupted("batch stopped") from None
                    raise
                except Exception:  # timeout (a cell may still run), dead kernel, sockets: a fresh kernel
                    self.shutdown()
                    if stopped():
                        raise interrupted("batch stopped") from None
                    if attempt == 2:
                        raise
                    tmp.unlink(missing_ok=True)
                finally:
                    if stop is not None and self.km is not None:
                        stop.discard(self.km)
            raise AssertionError("unreachable")


# --------------------------------------------------------------------------- one kernel per worker thread

_local = threading.local()
_all: list[WarmKernel] = []
_lock = threading.Lock()
_installed = False


def worker_kernel(kernel_name: str = "python3") -> WarmKernel:
    """This thread's warm kernel (created, not started, on first use)."""
    wk = getattr(_local, "kernel", None)
    if wk is None or wk.kernel_name != kernel_name:
        if wk is not None:
            wk.shutdown()
        wk = _local.kernel = WarmKernel(kernel_name)
        with _lock:
            _all.append(wk)
    return wk


def shutdown_all() -> None:
    """Stop every warm kernel of this process (at exit, and when an executor closes)."""
    with _lock:
        kernels = list(_all)
        _all.clear()
    for wk in kernels:
        wk.shutdown()
    _local.__dict__.clear()



def build_warm(job: BriefingJob, out_dir: str | Path, formats: Iterable[str] = build.FORMATS, *, key: str,
               kernel_name: str = "python3", timeout: int = 600, **kwargs) -> BriefingResult:
    """:func:`~migstats.report.build.build_one` (same outputs, state file and result) on the warm kernel
    of the calling worker thread; ``kwargs`` (e.g. the runner's ``stop``) go to ``build_one``."""
    _register_shutdown()
    return build_one(job, out_dir, formats, key=key, kernel_name=kernel_name, timeout=timeout,
                     execute=worker_kernel(kernel_name).execute, **kwargs)


def _register_shutdown() -> None:
    """Stop this process's warm kernels when it exits (atexit; multiprocessing workers run finalizers)."""
    global _installed
    with _lock:
        if not _installed:
            _installed = True
            atexit.register(shutdown_all)
            util.Finalize(None, shutdown_all, exitpriority=20)


def kernel_pids() -> list[int]:
    """Process ids of this process's running warm kernels (for memory measurements)."""
    with _lock:
        return [wk.pid for wk in _all if wk.pid]

