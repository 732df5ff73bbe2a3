"""One briefing: execute its notebook, export it to HTML and PDF, record its state (:func:`build_one`).

What a worker process runs, kept apart from the batch (:mod:`.runner`: planning, keys, scheduling, index),
so that a worker imports neither pandas nor the store: it only executes notebooks (its kernel loads the
data) and exports them. The rules of a build — atomic outputs, isolated failures, an interrupted briefing
never replacing its last good outputs — are the runner's (see its docstring).
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

import nbformat

from ..errors import MigstatsError
from ..fileio import make_readable, temp_prefix, write_text
from . import export
from .kernels import BatchInterrupted, StopSwitch, kernel_manager_class
from .params import RESERVED_NAMES, BriefingParams

PACKAGE_DIR = Path(__file__).resolve().parents[1]
NOTEBOOKS = PACKAGE_DIR / "notebooks"  # shipped as package data: a wheel can build briefings
DEFAULT_NOTEBOOK = NOTEBOOKS / "regional_briefing.ipynb"
FORMATS = ("html", "pdf")
STATE_DIR = ".state"
NOTEBOOK_DIR = "notebooks"
INTERRUPTED = "interrupted (Ctrl-C) — not built; its last good outputs, if any, are kept"


# --------------------------------------------------------------------------- jobs and results


@dataclass
class BriefingJob:
    """One briefing to build: its parameters (with the data mode already resolved) and output stem."""

    params: BriefingParams
    name: str
    title: str
    synthetic: bool
    data_sha256: list[str] = field(default_factory=list)
    store_env: dict[str, str] = field(default_factory=dict)
    notebook: Path = DEFAULT_NOTEBOOK
    error: str | None = None  # a problem found before running (e.g. a malformed parameter file)
    members: int = 0  # member countries or areas of the place (its size: how long its briefing should take)


@dataclass
class BriefingResult:
    """What happened to one briefing."""

    name: str
    title: str
    status: str  # "built", "skipped", "failed" or "interrupted"
    notebook: Path | None  # None when the briefing failed before its notebook ran
    html: Path | None = None
    pdf: Path | None = None
    error: str | None = None
    synthetic: bool = False
    headline: dict = field(default_factory=dict)
    seconds: dict = field(default_factory=dict)
    lang: str = "en"

    def to_json(self) -> dict:
        d = asdict(self)
        for k in ("notebook", "html", "pdf"):
            d[k] = str(d[k]) if d[k] is not None else None
        return d


def _paths(out_dir: Path, name: str) -> dict[str, Path]:
    return {
        "notebook": out_dir / NOTEBOOK_DIR / f"{name}.ipynb",
        "html": out_dir / f"{name}.html",
        "pdf": out_dir / f"{name}.pdf",
        "state": out_dir / STATE_DIR / f"{name}.json",
    }



# --------------------------------------------------------------------------- one briefing


def headline_of(nb: nbformat.NotebookNode) -> dict:
    """The headline figures a briefing notebook published (output metadata ``migstats.headline``)."""
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            meta = out.get("metadata", {}).get("migstats", {})
            if "headline" in meta:
                return dict(meta["headline"])
    return {}


def _error_line(exc: BaseException) -> str:
    if isinstance(exc, MigstatsError):
        return str(exc)
    ename = getattr(exc, "ename", None)
    if ename:
        evalue = (getattr(exc, "evalue", "") or "").strip().splitlines()
        return f"{ename}: {evalue[0] if evalue else ''}".strip()
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0] if text else ''}"


def killed_by_ctrl_c(exc: BaseException) -> bool:
    """True when a notebook 'failed' because its kernel received Ctrl-C (SIGINT reaches the whole process group,
    possibly before the runner has set its stop switch): such a notebook is interrupted, never a result."""
    return getattr(exc, "ename", None) == "KeyboardInterrupt"


@contextlib.contextmanager
def staged_notebook(target: Path, stopped: Callable[[], bool]) -> Iterator[Path]:
    """A temporary path beside ``target`` for papermill's output, moved onto ``target`` when the run ends —
    also after a failed notebook (it shows the error: it is what a person opens) — but removed when the batch
    is stopped or the run interrupted (:class:`BatchInterrupted`, Ctrl-C): the last good notebook stays."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=temp_prefix(target.stem), suffix=".ipynb", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    tmp.unlink()
    try:
        yield tmp
    except BaseException as exc:
        if stopped() or isinstance(exc, BatchInterrupted) or not isinstance(exc, Exception):
            tmp.unlink(missing_ok=True)
        raise
    finally:
        if tmp.exists() and tmp.stat().st_size > 0 and not stopped():
            os.replace(tmp, target)
        else:
            tmp.unlink(missing_ok=True)


def _execute(job: BriefingJob, target: Path, kernel_name: str, timeout: int,
             stop: StopSwitch | None = None) -> nbformat.NotebookNode:
    """Run the notebook with papermill into a temporary file, renamed onto ``target`` when done.

    A failed run's notebook (which shows the error) also replaces ``target``: it is what a person opens.
    An interrupted run's notebook never does (:class:`BatchInterrupted`): the last good one stays.
    """
    import papermill as pm

    def stopped() -> bool:
        return stop is not None and stop.is_set()

    with staged_notebook(target, stopped) as tmp:
        for attempt in (1, 2):
            try:
                return pm.execute_notebook(
                    str(job.notebook), str(tmp), parameters=job.params.notebook_parameters(),
                    kernel_name=kernel_name, progress_bar=False, log_output=False,
                    execution_timeout=timeout, request_save_on_cell_execute=False,
                    kernel_manager_class=kernel_manager_class(job.store_env, stop),
                )
            except pm.PapermillExecutionError as exc:  # the notebook itself failed: deterministic, no retry
                if stopped() or killed_by_ctrl_c(exc):
                    raise BatchInterrupted("batch stopped") from None
                raise
            except Exception:  # kernel start-up, socket or timeout trouble: transient, retry once
                if stopped():  # the kernel was killed because the batch is stopping: no retry
                    raise BatchInterrupted("batch stopped") from None
                if attempt == 2:
                    raise
                tmp.unlink(missing_ok=True)
        raise AssertionError("unreachable")


def _interrupted(job: BriefingJob) -> BriefingResult:
    return BriefingResult(name=job.name, title=job.title, lang=job.params.lang, status="interrupted", notebook=None,
                          error=INTERRUPTED,
                          synthetic=job.synthetic)


def build_one(job: BriefingJob, out_dir: str | Path, formats: Iterable[str] = FORMATS, *, key: str,
              kernel_name: str = "python3", timeout: int = 600, stop: StopSwitch | None = None,
              execute: Callable[..., nbformat.NotebookNode] | None = None) -> BriefingResult:
    """Execute one briefing and export it; never raises (a failure is a result with ``error``).

    ``execute`` runs the notebook (default: papermill on a fresh kernel, :func:`_execute`; a worker's warm
    kernel passes its own, :func:`migstats.report.warm.build_warm`).

    When ``stop`` is set (Ctrl-C) the briefing ends as ``interrupted``: its state file, last good notebook
    and exports are left as they were, so a rerun neither trusts nor loses anything.
    """
    out_dir = Path(out_dir).resolve()
    formats = list(formats)
    if job.name in RESERVED_NAMES:  # never touch index.html, inventory.html or an output folder
        return BriefingResult(name=job.name, title=job.title, lang=job.params.lang, status="failed", notebook=None,
                              error=f"the output name {job.name!r} is reserved — give this briefing another name",
                              synthetic=job.synthetic)
    if stop is not None and stop.is_set():
        return _interrupted(job)
    p = _paths(out_dir, job.name)
    result = BriefingResult(name=job.name, title=job.title, lang=job.params.lang, status="failed",
                            notebook=p["notebook"],
                            synthetic=job.synthetic)

    def check_stop() -> None:
        if stop is not None and stop.is_set():
            raise BatchInterrupted("batch stopped")

    # The executed notebook is staged beside its place and moved there when the briefing ends (built or failed):
    # a briefing interrupted after its notebook ran but before its exports never replaces the last good one.
    staged = p["notebook"].with_name(f"{temp_prefix(job.name)}staged.ipynb")

    exports = {f: p[f].with_name(f"{temp_prefix(job.name)}staged.{f}") for f in FORMATS}

    def keep_notebook() -> None:
        if staged.is_file() and staged.stat().st_size > 0:
            os.replace(staged, p["notebook"])

    def discard_staged() -> None:
        for path in (staged, *exports.values()):
            path.unlink(missing_ok=True)

    try:
        if job.error:
            result.notebook = None
            raise MigstatsError(job.error)
        t0 = time.perf_counter()
        try:
            nb = (execute or _execute)(job, staged, kernel_name, timeout, stop)
        finally:
            result.seconds["execute"] = round(time.perf_counter() - t0, 3)
        check_stop()
        result.headline = headline_of(nb)
        # The notebook says whether it used the synthetic sample; trust it over the plan.
        result.synthetic = job.synthetic or bool(result.headline.get("synthetic"))
        t1 = time.perf_counter()
        html = export.notebook_to_html(nb, synthetic=result.synthetic, title=job.title, lang=job.params.lang)
        check_stop()
        if "html" in formats:
            write_text(exports["html"], html)
        result.seconds["html"] = round(time.perf_counter() - t1, 3)
        if "pdf" in formats:
            check_stop()
            t2 = time.perf_counter()
            export.write_pdf(html, exports["pdf"], synthetic=result.synthetic, lang=job.params.lang)
            result.seconds["pdf"] = round(time.perf_counter() - t2, 3)
        check_stop()
        for f in formats:  # every output of the briefing moves into place together, after the last check
            os.replace(exports[f], p[f])
            setattr(result, f, p[f])
        keep_notebook()
        make_readable(result.notebook, result.html, result.pdf)
        result.status = "built"
    except BatchInterrupted:
        discard_staged()
        return _interrupted(job)
    except BaseException as exc:  # one failing briefing must not stop the batch
        if (stop is not None and stop.is_set()) or not isinstance(exc, Exception):
            discard_staged()
            if not isinstance(exc, Exception):
                raise
            return _interrupted(job)
        keep_notebook()  # a failed run's notebook shows the error: it is what a person opens
        for path in exports.values():
            path.unlink(missing_ok=True)
        result.error = _error_line(exc)
        if not isinstance(exc, MigstatsError) and not getattr(exc, "ename", None):
            result.seconds["traceback"] = traceback.format_exc(limit=3)  # kept in the state file
        for f in ("html", "pdf"):  # no stale output that no longer matches its inputs
            p[f].unlink(missing_ok=True)
    state = {"key": key if result.status == "built" else None, **result.to_json()}
    write_text(p["state"], json.dumps(state, indent=1, ensure_ascii=False))
    return result
