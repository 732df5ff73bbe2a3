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
