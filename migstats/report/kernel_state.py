"""The kernel side of a warm kernel (:mod:`migstats.report.warm`): what runs *inside* the kernel.

:func:`kernel_setup` runs once after the prelude (stores opened by ``Store.open`` are kept for the same
settings and data files; the state to restore is recorded); :func:`kernel_reset` runs before each briefing.
This module imports only what a briefing kernel has already imported (the store, matplotlib, IPython), never
the runner's stack (papermill, nbformat, jupyter_client), so that a kernel starts ~1 s sooner.
"""

from __future__ import annotations

import os

from ..errors import MigstatsError
from ..store import LATEST_EDITION, Store
from ..store.settings import resolve as resolve_settings
from .briefing import preload


class _KernelState:
    """What the kernel restores before each briefing (taken once, after the prelude)."""

    stores: dict = {}
    token: str | None = None
    snapshot: dict = {}


def kernel_setup(token: str | None = None, edition: int | None = None) -> None:
    """Run inside the kernel once: import what briefings use, cache opened stores, snapshot the state.

    With the ``token`` of the first job's data, the tables of the kernel's data mode (``MIGSTATS_DATA``, in
    the kernel's environment) and of the job's ``edition`` are loaded now: the first briefing finds them,
    as the later ones do.
    """
    import gc
    import sys
    import warnings

    import matplotlib

    if not getattr(Store.open, "_warm", False):
        original = Store.open.__func__

        def open_cached(cls, data=None, *, edition=LATEST_EDITION, settings=None, **options):
            if options:  # explicit options: not a briefing's call, no caching
                return original(cls, data, edition=edition, settings=settings, **options)
            resolved = settings or resolve_settings(data=data)
            key = (cls, data, edition, resolved)
            if key not in _KernelState.stores:
                _KernelState.stores[key] = original(cls, data, edition=edition, settings=resolved)
            return _KernelState.stores[key]

        open_cached._warm = True
        Store.open = classmethod(open_cached)

    if token is not None:
        _KernelState.token = token
        try:
            preload(os.environ.get("MIGSTATS_DATA", "auto"), edition)
        except MigstatsError:  # the data cannot be read: the briefing says so, in its notebook
            _KernelState.stores.clear()

    # Everything imported so far lives as long as the kernel: keep it out of the collector's full passes
    # (IPython's reset runs one per briefing, ~0.2 s over the imported modules' objects otherwise).
    gc.freeze()
    _KernelState.snapshot = {
        "rc": dict(matplotlib.rcParams),
        "warnings": list(warnings.filters),
        "cwd": os.getcwd(),
        "path": list(sys.path),
        "environ": dict(os.environ),
    }


def kernel_reset(token: str) -> None:
    """Run inside the kernel before each briefing: back to the state after :func:`kernel_setup`.

    ``token`` names the job's data files and settings: the cached stores are dropped when it changes.
    """
    import gc
    import sys
    import warnings

    import matplotlib
    import matplotlib.pyplot as plt
    from IPython import get_ipython

    snap = _KernelState.snapshot
    plt.close("all")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        matplotlib.rcParams.clear()
        matplotlib.rcParams.update(snap["rc"])
    warnings.filters[:] = snap["warnings"]
    warnings._filters_mutated()
    os.chdir(snap["cwd"])
    sys.path[:] = snap["path"]
    for k in set(os.environ) - set(snap["environ"]):
        del os.environ[k]
    os.environ.update(snap["environ"])
    if token != _KernelState.token:
        gc.unfreeze()  # the dropped stores can be collected
        _KernelState.stores.clear()
        _KernelState.token = token
    shell = get_ipython()
    if shell is not None:
        shell.reset(new_session=True)  # user namespace, In/Out, the execution counter back to 1; and a collection
    else:
        gc.collect()
    # What survives the reset is long-lived (modules, the opened stores and their tables): frozen, the
    # briefing's own garbage collections do not walk it again. Objects freed by reference counting still
    # are; only cyclic garbage among frozen objects would wait until the next unfreeze (a token change).
    gc.freeze()
