"""Kernels of a batch: started on the ``ipc`` transport, stopped with the batch, and — in a worker process —
launched before anything heavy is imported.

This module is light on purpose (the standard library and jupyter_client, no pandas, nbformat or
migstats.store): a batch's worker processes are forked from a server that has imported only this module, so
that each worker can start its kernel first — the kernel's own start-up (its imports and the loading of the
tables, ~2 s) then runs beside the worker's imports and exporter warm-up instead of after them
(:func:`init_worker`, :func:`take_prelaunched`; used by :mod:`.executors` and :mod:`.warm`).
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from queue import Empty

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync

SOCKDIR_PREFIX = "msk-"

log = logging.getLogger(__name__)

#: Kernels of this process that are running (killed at once when a worker process gets SIGTERM).
_LIVE: set = set()


# --------------------------------------------------------------------------- stopping


class BatchInterrupted(Exception):
    """Raised inside a briefing when its batch is being stopped."""


class StopSwitch:
    """A batch's stop switch and the kernels it runs: :meth:`stop` kills them all at once."""

    def __init__(self) -> None:
        self._event = threading.Event()
        self._lock = threading.Lock()
        self._kernels: set = set()

    def is_set(self) -> bool:
        return self._event.is_set()

    def add(self, km) -> None:
        with self._lock:
            self._kernels.add(km)

    def discard(self, km) -> None:
        with self._lock:
            self._kernels.discard(km)

    def stop(self) -> None:
        self._event.set()
        # papermill would log "Kernel died while waiting for execute reply" for each killed kernel: noise.
        logging.getLogger("papermill").setLevel(logging.CRITICAL)
        with self._lock:
            kernels = list(self._kernels)
        for km in kernels:
            kill_kernel(km)
            if getattr(km, "_sockdir", None):
                shutil.rmtree(km._sockdir, ignore_errors=True)


def kill_kernel(km) -> None:
    """Kill a kernel process (and its process group: jupyter starts kernels in a session of their own)."""
    proc = getattr(getattr(km, "provisioner", None), "process", None)
    if proc is None or proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except OSError:
        with contextlib.suppress(OSError):
            proc.kill()


# --------------------------------------------------------------------------- kernels


class PersistentClient(AsyncKernelClient):
    """A kernel client that stays connected from one briefing to the next.

    nbclient starts and stops a client around every notebook; for a warm kernel, starting is a no-op once
    the channels run and stopping is left to :meth:`close` (the warm kernel's shutdown). Messages left on
    the channels by an earlier briefing are harmless: nbclient and ``execute_interactive`` keep only the
    replies to their own requests.
    """

    _ready = False

    def start_channels(self, *args, **kwargs) -> None:
        if not self.channels_running:
            self._ready = False
            super().start_channels(*args, **kwargs)

    async def wait_for_ready(self, timeout: float | None = None) -> None:
        """Once the kernel has answered, a live kernel is ready: the full check (a kernel_info round trip,
        then up to 0.2 s waiting for IOPub) is paid once per kernel, not twice per briefing."""
        if self._ready and await self._async_is_alive():
            return
        await self._async_wait_for_ready(timeout=timeout)
        self._ready = True

    async def ready_after(self, msg_id: str, timeout: float = 1.0) -> None:
        """Count the kernel as ready once request ``msg_id`` (sent before the kernel was known to be up:
        :func:`send` with ``ready=False``) has been answered and its end (status idle) came on IOPub: the
        kernel serves, and this client hears everything it publishes from now on. Otherwise (IOPub not heard
        yet) the next :meth:`wait_for_ready` makes the full check."""
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                msg = await self.get_iopub_msg(timeout=left)
            except Empty:
                return
            if (msg.get("parent_header", {}).get("msg_id") == msg_id and msg["msg_type"] == "status"
                    and msg["content"].get("execution_state") == "idle"):
                self._ready = True
                return

    def stop_channels(self) -> None:
        """Kept running for the next briefing; :meth:`close` stops the channels."""

    def close(self) -> None:
        """Stop the channels (the warm kernel is shutting down)."""
        super().stop_channels()


def kernel_manager_class(store_env: dict[str, str], stop: StopSwitch | None = None, *, persistent: bool = False):
    """An AsyncKernelManager on the ``ipc`` transport with sockets in a private folder.

    ``persistent``: the manager hands out one :class:`PersistentClient`, connected once and kept from one
    briefing to the next (a warm kernel); otherwise a new client per call, as jupyter_client does.
    """

    class IpcKernelManager(AsyncKernelManager):
        store_env: dict[str, str] = {}
        stop: StopSwitch | None = None
        persistent = False

        def __init__(self, **kw):
            super().__init__(**kw)
            # Short folder name: a Unix socket path must stay under ~100 characters. It names this process,
            # so that a later run removes it if this one is killed (clean_stale).
            self._sockdir = tempfile.mkdtemp(prefix=f"{SOCKDIR_PREFIX}{os.getpid()}-")
            self.transport = "ipc"
            self.connection_file = os.path.join(self._sockdir, "kernel.json")
            self.ip = os.path.join(self._sockdir, "k")

        async def _async_pre_start_kernel(self, **kw):
            if self.stop is not None:
                if self.stop.is_set():
                    raise BatchInterrupted("batch stopped")
                self.stop.add(self)
            env = dict(kw.pop("env", None) or os.environ)
            # The kernel sees the runner's store settings (mirror, cache) and runs the same interpreter.
            env.update(self.store_env)
            env.setdefault("MPLBACKEND", "agg")
            env["PYTHONWARNINGS"] = "ignore"
            # Arrow's memory pool on the system allocator: the buffers freed after the tables are read go back
            # to the system (mimalloc keeps them), ~60 MB less per warm kernel (benchmarks/briefings.py).
            env.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")
            # The runner fetched every file before starting kernels (plan): kernels never use the network,
            # so a missing file costs no download attempt per briefing.
            env["MIGSTATS_OFFLINE"] = "1"
            kw["env"] = env
            # The kernel starts in its private folder: whatever it writes there never lands in the source
            # tree and goes with the folder. (papermill's own ``cwd=`` would chdir the whole runner
            # process, which threads share: parallel briefings then write into the wrong folder.)
            kw.setdefault("cwd", self._sockdir)
            # The kernel process's own log (e.g. "KeyboardInterrupt caught in kernel" at shutdown) is noise
            # for a batch: cell errors reach the executed notebook anyway. MIGSTATS_DEBUG=1 keeps it.
            if not os.environ.get("MIGSTATS_DEBUG"):
                kw.setdefault("stderr", subprocess.DEVNULL)
            return await super()._async_pre_start_kernel(**kw)

        def format_kernel_cmd(self, extra_arguments=None):
            # The kernel runs this very interpreter, so it imports the same migstats, installed or not
            # (an installed kernelspec may name another Python).
            cmd = super().format_kernel_cmd(extra_arguments)
            return [sys.executable, *cmd[1:]] if cmd and "ipykernel" in " ".join(cmd[1:3]) else cmd

        def client(self, **kw):
            """With ``persistent``, the kernel's one client: papermill asks for one per briefing and gets the
            same, connected one (a new client pays ~0.2–0.4 s before its IOPub channel is connected)."""
            if not self.persistent:
                return super().client(**kw)
            if getattr(self, "_persistent_client", None) is None:
                kw.setdefault("parent", self)
                info = self.get_connection_info(session=True)
                self._persistent_client = PersistentClient(connection_file=self.connection_file, **{**info, **kw})
            return self._persistent_client

        async def _async_post_start_kernel(self, **kw):
            await super()._async_post_start_kernel(**kw)
            _LIVE.add(self)
            if self.stop is not None and self.stop.is_set():  # stopped while this kernel was starting
                kill_kernel(self)

        async def _async_cleanup_resources(self, restart: bool = False) -> None:
            await super()._async_cleanup_resources(restart=restart)
            if not restart:
                _LIVE.discard(self)
                if self.stop is not None:
                    self.stop.discard(self)
                shutil.rmtree(self._sockdir, ignore_errors=True)

    IpcKernelManager.store_env = dict(store_env)
    IpcKernelManager.stop = stop
    IpcKernelManager.persistent = persistent
    return IpcKernelManager


# --------------------------------------------------------------------------- running code on a kernel


async def _reply(km: AsyncKernelManager, kc, msg_id: str, timeout: float) -> dict:
    """The shell reply to request ``msg_id`` (replies to earlier requests are skipped); a kernel that dies
    meanwhile is reported within a second, not at the end of ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError(f"kernel: no reply within {timeout:.0f} s")
        try:
            msg = await kc.get_shell_msg(timeout=min(left, 1.0))
        except Empty:
            if not await km.is_alive():
                raise RuntimeError("kernel: it died before it answered") from None
            continue
        if msg.get("parent_header", {}).get("msg_id") == msg_id:
            return msg


@dataclass
class Request:
    """Code sent to a persistent kernel's client, whose reply is awaited later (:meth:`wait`)."""

    km: AsyncKernelManager
    msg_id: str

    def wait(self, timeout: float) -> None:
        """Wait for the reply; raise if the code failed."""
        kc = self.km.client()
        reply = run_sync(_reply)(self.km, kc, self.msg_id, timeout)
        if reply["content"]["status"] != "ok":
            c = reply["content"]
            raise RuntimeError(f"kernel: {c.get('ename')}: {c.get('evalue')}")
        if not getattr(kc, "_ready", True):  # a persistent client that has not heard the kernel yet
            run_sync(kc.ready_after)(self.msg_id)


def send(km: AsyncKernelManager, code: str, timeout: float, *, ready: bool = True) -> Request:
    """Run ``code`` silently (no history, no execution count) on the persistent client of ``km``.

    ``ready=False`` (a kernel just started): sent at once instead of after a ``kernel_info`` round trip and
    a quiet IOPub (~0.2 s more than the kernel's own start): ZeroMQ holds the request until the kernel's
    sockets are up, and the kernel runs it as soon as it serves. :meth:`Request.wait` then reports a
    kernel that died, and counts the kernel ready once it has heard from it on both channels.
    """
    kc = km.client()
    kc.start_channels()
    if ready:
        run_sync(kc.wait_for_ready)(timeout=timeout)
    return Request(km, kc.execute(code, silent=True, store_history=False))


def start_kernel(store_env: dict[str, str], kernel_name: str = "python3") -> AsyncKernelManager:
    """A started kernel (with a persistent client) that sees the store settings ``store_env``."""
    km = kernel_manager_class(store_env, persistent=True)(kernel_name=kernel_name)
    run_sync(km.start_kernel)()
    return km


def shutdown_kernel(km: AsyncKernelManager) -> None:
    """Stop a kernel started here, its client and its socket folder (whatever is already gone is skipped)."""
    kc = getattr(km, "_persistent_client", None)
    if kc is not None:
        km._persistent_client = None
        try:
            kc.close()
        except Exception as exc:  # the kernel died with its channels
            log.debug("kernel client already closed: %s", exc)
    try:
        run_sync(km.shutdown_kernel)(now=True)
    except Exception as exc:  # already gone: nothing to stop
        log.debug("kernel already stopped: %s", exc)
    try:
        run_sync(km.cleanup_resources)()
    except Exception as exc:
        log.debug("kernel resources already released: %s", exc)


# --------------------------------------------------------------------------- worker processes


@dataclass
class Prelaunched:
    """A worker's kernel, started (and its prelude sent) when the worker process started."""

    store_env: dict[str, str]
    kernel_name: str
    km: AsyncKernelManager
    prelude: Request


_prelaunched: list[Prelaunched] = []
_prelaunch_lock = threading.Lock()

#: Importing nbformat imports jsonschema, which imports ``rfc3987_syntax`` (when installed) only to check
#: the ``iri`` string formats; that module compiles an Earley grammar on import (~0.85 s). Notebook schemas
#: use no string format, so a worker process of a batch goes without it.
UNUSED_IN_WORKERS = ("rfc3987_syntax",)


def init_worker(environ: dict[str, str] | None = None, cwd: str | None = None,
                store_env: dict[str, str] | None = None, prelude: str | None = None,
                kernel_name: str = "python3") -> None:
    """Initialise a batch's worker process (before it imports the runner's stack).

    ``environ`` and ``cwd`` are the runner's (a forked worker would otherwise have its server's, from when
    that started). Ctrl-C is the parent's business (SIGINT ignored); SIGTERM kills this worker's kernels at
    once, then exits. With ``prelude``, the worker's kernel is started now with the store settings
    ``store_env`` and runs the prelude while the worker goes on importing: the first briefing takes it with
    :func:`take_prelaunched`.
    """
    if environ is not None:
        os.environ.clear()
        os.environ.update(environ)
    if cwd is not None:
        with contextlib.suppress(OSError):  # gone since: the worker needs no working folder of its own
            os.chdir(cwd)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _on_sigterm)
    for name in UNUSED_IN_WORKERS:
        sys.modules.setdefault(name, None)  # type: ignore[arg-type]  # "import name" now raises ImportError
    if prelude is None or store_env is None:
        return
    km = None
    try:
        km = start_kernel(store_env, kernel_name)
        request = send(km, prelude, timeout=60, ready=False)
    except Exception as exc:  # the first briefing starts a kernel itself, and reports what fails
        log.debug("could not start the worker's kernel early: %s", exc)
        if km is not None:
            shutdown_kernel(km)
        return
    with _prelaunch_lock:
        _prelaunched.append(Prelaunched(dict(store_env), kernel_name, km, request))


def take_prelaunched(store_env: dict[str, str], kernel_name: str = "python3") -> Prelaunched | None:
    """The kernel this worker started early, if it has the same settings (else it is shut down: None)."""
    with _prelaunch_lock:
        found = _prelaunched.pop() if _prelaunched else None
    if found is None:
        return None
    if found.store_env == store_env and found.kernel_name == kernel_name:
        return found
    shutdown_kernel(found.km)
    return None


def _on_sigterm(signum, frame) -> None:  # noqa: ARG001
    for km in list(_LIVE):
        kill_kernel(km)
        if getattr(km, "_sockdir", None):
            shutil.rmtree(km._sockdir, ignore_errors=True)
    os._exit(1)
