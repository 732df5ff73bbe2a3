"""Where a batch's briefings run: worker threads or processes on this machine, or a Dask cluster.

Both executors are :class:`concurrent.futures.Executor` objects, so ``run_batch`` uses them exactly as it
uses its ``ThreadPoolExecutor`` (``submit``, ``wait``, ``Future.cancel``, ``shutdown(cancel_futures=True)``).
A job submitted as the runner's :func:`~migstats.report.build.build_one` runs as
:func:`~migstats.report.warm.build_warm` — the same ``build_one`` on the worker's warm kernel — and its
future's result is the :class:`~migstats.report.build.BriefingResult` that ``build_one`` returned, so
the progress callback, the failure list, the exit code and the skip-unchanged state files are the same
whichever executor runs the batch. Any other callable is submitted unchanged.

* :class:`LocalExecutor` — ``workers`` worker processes (default; the exports are CPU work in the worker,
  so processes run them in parallel) or threads, each with its warm kernel.
* :class:`DaskExecutor` — a Dask ``distributed`` cluster: a ``LocalCluster`` of ``workers`` single-threaded
  worker processes when no address is given, else a ``Client`` connected to ``dask scheduler`` at
  ``scheduler_address`` (see ``docs/dask.md``). Workers build into a folder of their own and send the
  files back; this process writes them into the output folder (no shared disk needed for outputs).
"""

from __future__ import annotations

import concurrent.futures as cf
import json
import logging
import multiprocessing
import multiprocessing.context
import os
import tempfile
from pathlib import Path

from ..errors import MigstatsError, bounded
from ..fileio import atomic_path, make_readable, write_text
from . import build, kernels, warm
from .build import BriefingJob, BriefingResult

__all__ = ["DaskExecutor", "Executor", "LocalExecutor", "build_shipped"]

Executor = cf.Executor  # the interface: submit(fn, *args, **kwargs) -> Future; shutdown(wait, cancel_futures)
OUTPUT_KINDS = ("notebook", "html", "pdf")

log = logging.getLogger(__name__)


def _warm_call(fn, kwargs: dict, *, keep_stop: bool):
    """``build_one`` becomes ``build_warm``; a stop switch that cannot leave this process is dropped (the
    executor's ``shutdown(cancel_futures=True)`` stops those workers instead)."""
    if fn is build.build_one or fn is warm.build_warm:
        if not keep_stop:
            kwargs.pop("stop", None)
        return warm.build_warm, kwargs
    return fn, kwargs


# --------------------------------------------------------------------------- this machine


def worker_context() -> multiprocessing.context.BaseContext:
    """How worker processes start: forked from a server process that has imported only the light
    :mod:`.kernels` (``forkserver``), so that a worker starts its kernel at once, before its own imports, and
    inherits no state of this process (threads, event loops, open kernels). Where there is no
    ``forkserver`` (Windows), ``spawn``."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload([kernels.__name__])
    return ctx


def _worker_kernel_pids() -> tuple[int, list[int]]:
    return os.getpid(), warm.kernel_pids()


class LocalExecutor(cf.Executor):
    """``workers`` workers on this machine, each keeping one warm kernel for all its briefings.

    ``processes=True`` (default): worker processes (:func:`worker_context`), which run the HTML/PDF exports
    in parallel; ``processes=False``: threads of this process (the kernels still run in parallel; the exports share
    this process), which keeps the runner's stop switch working inside each briefing.
    """

    def __init__(self, workers: int = 1, *, processes: bool = True) -> None:
        self.workers = max(1, int(workers))
        self.processes = processes
        self._pool: cf.Executor | None = None
        if not processes:
            self._pool = cf.ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="briefing")

    def _process_pool(self, first_job: BriefingJob | None) -> cf.Executor:
        """The worker processes, made for the first job: each starts its kernel with that job's settings
        and tables before it imports the runner's stack (:func:`.kernels.init_worker`)."""
        early = (first_job.store_env, warm.prelude(first_job)) if first_job else ()
        try:
            cwd: str | None = os.getcwd()
        except OSError:  # this process's folder was removed: the workers keep their server's
            cwd = None
        initargs = (dict(os.environ), cwd, *early)
        return cf.ProcessPoolExecutor(max_workers=self.workers, mp_context=worker_context(),
                                      initializer=kernels.init_worker, initargs=initargs)

    def submit(self, fn, /, *args, **kwargs) -> cf.Future:
        fn, kwargs = _warm_call(fn, dict(kwargs), keep_stop=not self.processes)
        if self._pool is None:
            first = args[0] if fn is warm.build_warm and args and isinstance(args[0], BriefingJob) else None
            self._pool = self._process_pool(first)
        return self._pool.submit(fn, *args, **kwargs)

    def worker_pids(self) -> list[int]:
        """Process ids of the worker processes (the runner's own for threads)."""
        if not self.processes:
            return [os.getpid()]
        return [p.pid for p in (getattr(self._pool, "_processes", None) or {}).values()]

    def kernel_pids(self) -> list[int]:
        """Process ids of the workers' warm kernels."""
        if not self.processes:
            return warm.kernel_pids()
        pids: set[int] = set()
        for _ in range(self.workers * 2):  # best effort: any idle worker answers
            pids.update(self.submit(_worker_kernel_pids).result(timeout=30)[1])
        return sorted(pids)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        if self._pool is None:  # nothing was ever submitted
            return
        if self.processes and cancel_futures:
            # Pending briefings never start; running ones stop now (SIGTERM: the worker kills its kernel).
            procs = list((self._pool._processes or {}).values())  # type: ignore[attr-defined]
            self._pool.shutdown(wait=False, cancel_futures=True)
            for p in procs:
                if p.is_alive():
                    p.terminate()
            if wait:
                for p in procs:
                    p.join(timeout=10)
            return
        self._pool.shutdown(wait=wait, cancel_futures=cancel_futures)
        if not self.processes:
            warm.shutdown_all()


# --------------------------------------------------------------------------- Dask


def build_shipped(job, out_dir, formats=build.FORMATS, *, key: str, kernel_name: str = "python3",
                  timeout: int = 600) -> tuple[BriefingResult, dict[str, bytes], dict]:
    """On a Dask worker: :func:`~migstats.report.warm.build_warm` into a private folder, then hand back the
    result, the bytes of every file it wrote and its state (written by the client into ``out_dir``)."""
    with tempfile.TemporaryDirectory(prefix="msd-") as tmp:
        res = warm.build_warm(job, tmp, formats, key=key, kernel_name=kernel_name, timeout=timeout)
        files = {}
        for kind in OUTPUT_KINDS:
            path = getattr(res, kind)
            if path is not None and Path(path).is_file():
                files[kind] = Path(path).read_bytes()
        state_path = build._paths(Path(tmp).resolve(), job.name)["state"]
        state = json.loads(state_path.read_text()) if state_path.is_file() else {}
    return res, files, state


def _land(out_dir: Path, shipped) -> BriefingResult:
    """Write a worker's files into ``out_dir`` (atomically) and point the result and state at them."""
    res, files, state = shipped
    paths = build._paths(out_dir, res.name)
    for kind in OUTPUT_KINDS:
        if kind in files:
            with atomic_path(paths[kind]) as tmp:
                tmp.write_bytes(files[kind])
            setattr(res, kind, paths[kind])
        elif getattr(res, kind) is not None:
            setattr(res, kind, paths[kind] if kind == "notebook" else None)
    if res.status != "built":  # as build_one: no stale export that no longer matches its inputs
        for kind in ("html", "pdf"):
            paths[kind].unlink(missing_ok=True)
    make_readable(*(getattr(res, k) for k in OUTPUT_KINDS))
    if state:
        state.update({k: v for k, v in res.to_json().items() if k in OUTPUT_KINDS})
        write_text(paths["state"], json.dumps(state, indent=1, ensure_ascii=False))
    return res


def _call(fn, args, kwargs):
    return fn(*args, **kwargs)


def _close_worker_kernels() -> None:  # run on each Dask worker when the executor closes
    warm.shutdown_all()


class DaskExecutor(cf.Executor):
    """Briefings on a Dask ``distributed`` cluster.

    ``scheduler_address=None``: a ``LocalCluster`` of ``workers`` worker processes (one thread each, one
    warm kernel each) on 127.0.0.1, closed by :meth:`shutdown`. Otherwise ``Client(scheduler_address)``:
    the workers are whatever ``dask worker`` processes joined that scheduler (``workers`` is then only a
    hint, unused); :meth:`shutdown` closes the client, not the cluster.
    """

    def __init__(self, scheduler_address: str | None = None, workers: int = 1, *, timeout: float = 60) -> None:
        try:  # an optional dependency: pip install "migstats[dask]"
            from distributed import Client, LocalCluster
        except ImportError:
            raise MigstatsError("--executor dask needs Dask distributed — pip install \"migstats[dask]\"") from None
        self.workers = max(1, int(workers))
        self.cluster = None
        if scheduler_address is None:
            self.cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                        host="127.0.0.1", dashboard_address=None, silence_logs=40)
            self.client = Client(self.cluster, timeout=timeout)
        else:
            try:
                self.client = Client(scheduler_address, timeout=timeout)
            except (OSError, TimeoutError) as exc:
                raise MigstatsError(f"cannot reach the Dask scheduler at {bounded(scheduler_address, 80)} "
                                    f"({type(exc).__name__}) — start it with `dask scheduler`, or check the "
                                    "address") from None
        self._futures: set = set()

    def submit(self, fn, /, *args, **kwargs) -> cf.Future:
        out_dir = None
        if fn is build.build_one or fn is warm.build_warm:
            kwargs = {k: v for k, v in kwargs.items() if k != "stop"}
            out_dir = Path(args[1] if len(args) > 1 else kwargs.pop("out_dir")).resolve()
            args = (args[0], str(out_dir), *args[2:])
            fn = build_shipped
        # Through _call: Client.submit has keyword arguments of its own (``key``, ``workers``…).
        dfut = self.client.submit(_call, fn, args, kwargs, pure=False)
        self._futures.add(dfut)
        fut: cf.Future = cf.Future()

        def relay(d) -> None:
            self._futures.discard(d)
            if fut.done():
                return
            try:
                value = d.result()
                if out_dir is not None:
                    value = _land(out_dir, value)
            except BaseException as exc:  # cancelled, lost worker, or the task raised
                if fut.set_running_or_notify_cancel():
                    fut.set_exception(exc)
                return
            if fut.set_running_or_notify_cancel():
                fut.set_result(value)

        def cancel_remote(f: cf.Future) -> None:
            if f.cancelled() and not dfut.done():
                dfut.cancel()

        fut.add_done_callback(cancel_remote)
        dfut.add_done_callback(relay)
        return fut

    def worker_pids(self) -> list[int]:
        return sorted(self.client.run(os.getpid).values())

    def kernel_pids(self) -> list[int]:
        return sorted(p for pids in self.client.run(warm.kernel_pids).values() for p in pids)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        if cancel_futures and self._futures:
            try:
                self.client.cancel(list(self._futures), force=True)
            except Exception as exc:  # the scheduler is gone: nothing left to cancel
                log.debug("could not cancel Dask futures: %s", exc)
        try:
            if self.cluster is None and not cancel_futures:  # long-lived workers: stop their kernels
                self.client.run(_close_worker_kernels)
        except Exception as exc:
            log.debug("could not stop the workers' kernels: %s", exc)
        try:
            self.client.close(timeout=10)
        finally:
            if self.cluster is not None:
                self.cluster.close(timeout=10)


# --------------------------------------------------------------------------- context manager and interim hook


def _exit(self, exc_type, exc, tb):
    """``with`` block: a clean exit waits for the work; an exception (Ctrl-C) cancels what is pending."""
    self.shutdown(wait=exc_type is None, cancel_futures=exc_type is not None)
    return False


LocalExecutor.__exit__ = _exit
DaskExecutor.__exit__ = _exit
