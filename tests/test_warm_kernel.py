"""A warm kernel keeps one connected client and a frozen heap of long-lived objects between briefings."""

import subprocess
import sys

import pytest
from jupyter_core.utils import run_sync

from migstats.report import export, kernels, warm
from migstats.report.params import BriefingParams
from migstats.report.runner import plan
from migstats.store import Store


@pytest.fixture(scope="module")
def kernel():
    wk = warm.WarmKernel()
    wk.start({})
    yield wk
    wk.shutdown()


def test_every_request_goes_through_the_same_connected_client(kernel):
    first = kernel.km.client()
    kernel._run("x = 1")
    kernel._run(warm.RESET.format(token="t"))
    assert kernel.km.client() is first
    assert first.channels_running


def test_stopping_channels_between_briefings_keeps_the_client_connected(kernel):
    kc = kernel.km.client()
    kc.stop_channels()  # what nbclient does when a notebook ends
    assert kc.channels_running
    kernel._run("y = 2")


def test_after_a_reset_the_long_lived_objects_are_frozen_and_the_namespace_is_empty(kernel):
    kernel._run("leftover = 42")
    kernel._run(warm.RESET.format(token="t"))
    kernel._run("import gc\nassert gc.get_freeze_count() > 0\nassert 'leftover' not in globals()")


def test_a_failing_request_raises_with_the_kernel_error(kernel):
    with pytest.raises(RuntimeError, match="ZeroDivisionError"):
        kernel._run("1 / 0")


def test_shutdown_closes_the_client():
    wk = warm.WarmKernel()
    wk.start({})
    kc = wk.km.client()
    wk.shutdown()
    assert wk.kc is None
    assert not kc.channels_running


def test_code_sent_to_the_kernel_runs_while_this_process_goes_on(kernel, tmp_path):
    """``send`` returns at once: the kernel waits here for a file that this process writes afterwards."""
    flag = tmp_path / "go"
    request = kernels.send(kernel.km, f"import pathlib, time\nwhile not pathlib.Path({str(flag)!r}).exists():\n"
                                      "    time.sleep(0.01)\n", timeout=30)
    flag.write_text("go")
    request.wait(30)


def test_the_exporters_warm_up_on_a_one_line_page():
    export.warm_up()  # raises if nbconvert's template or WeasyPrint cannot render


def test_a_briefing_kernel_never_imports_the_runner_stack():
    """What a warm kernel imports (the notebook's modules and the kernel side of the warm kernel) leaves out
    papermill, nbformat (with jsonschema: ~1 s) and jupyter_client, which only the runner needs, and pandera,
    which only parsing an official file needs (the kernel reads the cached tables)."""
    code = ("import sys, migstats.report.briefing, migstats.report.kernel_state\n"
            "print(sorted(m for m in ('papermill', 'nbformat', 'jsonschema', 'jupyter_client', 'nbconvert',"
            " 'weasyprint', 'pandera') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def _loaded_ims_editions(wk) -> str:
    """The IMS editions loaded by the kernel's cached stores, printed by the kernel."""
    out = []

    def keep(msg):
        if msg["msg_type"] == "stream":
            out.append(msg["content"]["text"])

    run_sync(wk.km.client().execute_interactive)(
        "import migstats.report.kernel_state as _k\n"
        "print(sorted(key[1] for s in _k._KernelState.stores.values() for key in s._loaded if key[0] == 'ims'))",
        output_hook=keep, timeout=60)
    return "".join(out).strip()


def test_a_kernel_started_for_a_job_has_its_tables_loaded_before_its_first_briefing():
    store = Store.open("sample")
    [job] = plan([BriefingParams(place="1834", edition=2020)], store)
    wk = warm.WarmKernel()
    try:
        wk.start(job.store_env, job)
        assert _loaded_ims_editions(wk) == "[2020]"
        wk.prepare(job)  # the reset before the briefing keeps them: same data
        assert _loaded_ims_editions(wk) == "[2020]"
    finally:
        wk.shutdown()


def test_a_started_kernel_does_not_wait_for_the_exporters_first_rendering(monkeypatch):
    """The worker imports its exporters while the kernel starts; their first rendering (the warm-up) runs in
    the background, beside the kernel's first briefing, and the worker waits for it before it exports."""
    import threading

    release, rendered = threading.Event(), []

    def slow_warm_up():
        assert release.wait(30)
        rendered.append(threading.current_thread().name)

    monkeypatch.setattr(export, "warm_up", slow_warm_up)
    wk = warm.WarmKernel()
    try:
        wk.start({})  # returns with the warm-up still held back
        assert rendered == [] and wk._warming is not None and wk._warming.is_alive()
        wk._run("x = 1")  # the kernel already takes work
        release.set()
        wk.exporters_ready()
        assert rendered == ["migstats-exporters-warm-up"]
    finally:
        release.set()
        wk.shutdown()


def test_a_failed_warm_up_is_reported_once_to_the_briefing_waiting_for_the_exporters(monkeypatch):
    def broken():
        raise OSError("no fonts")

    monkeypatch.setattr(export, "warm_up", broken)
    wk = warm.WarmKernel()
    try:
        wk.start({})
        with pytest.raises(OSError, match="no fonts"):
            wk.exporters_ready()
        wk.exporters_ready()  # reported once: the next briefing's export reports its own trouble
    finally:
        wk.shutdown()


def test_code_sent_to_a_kernel_just_started_runs_once_it_is_up_and_leaves_it_ready():
    """The prelude goes out with the kernel still starting (no kernel_info round trip, no IOPub wait first):
    it runs, the client then counts the kernel ready, and the next request's output is heard."""
    km = kernels.start_kernel({})
    try:
        # Like a prelude, it takes a while: IOPub, which connects on its own, is heard by its end.
        request = kernels.send(km, "import time; time.sleep(0.5); prelude_ran = 41 + 1", timeout=60, ready=False)
        request.wait(60)
        kc = km.client()
        assert kc._ready  # heard on the shell (the reply) and on IOPub (the end of the request)
        out = []
        run_sync(kc.execute_interactive)("print(prelude_ran)", timeout=30,
                                         output_hook=lambda m: out.append(m["content"].get("text", "")))
        assert "".join(out).strip() == "42"
    finally:
        kernels.shutdown_kernel(km)


def test_a_kernel_that_dies_before_answering_is_reported_at_once_not_at_the_timeout():
    import time

    km = kernels.start_kernel({})
    try:
        request = kernels.send(km, "import os; os._exit(3)", timeout=60, ready=False)
        t = time.monotonic()
        with pytest.raises(RuntimeError, match="died"):
            request.wait(60)
        assert time.monotonic() - t < 10
    finally:
        kernels.shutdown_kernel(km)
