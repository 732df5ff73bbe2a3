"""A batch's worker process starts its kernel first, then imports the runner's stack: the kernel's start-up
(imports, tables) runs beside the worker's own."""

import json
import subprocess
import sys
from multiprocessing import forkserver

from migstats.report import executors, kernels


def _run(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          timeout=120).stdout.strip()


def test_the_command_module_and_the_worker_server_module_import_nothing_heavy():
    """What a worker process is forked from and what it re-imports leave out pandas, the store and nbformat."""
    out = _run("import sys, migstats.__main__, migstats.report.kernels\n"
               "print(sorted(m for m in ('pandas', 'migstats.store', 'nbformat', 'papermill', 'matplotlib')"
               " if m in sys.modules))")
    assert out == "[]"


def test_a_worker_s_own_stack_leaves_out_pandas_and_the_store():
    """A worker executes notebooks and exports them; its kernel loads the data."""
    out = _run("import sys, migstats.report.warm, migstats.report.executors\n"
               "print(sorted(m for m in ('pandas', 'migstats.store', 'matplotlib', 'pandera') if m in sys.modules))")
    assert out == "[]"


def test_the_package_still_gives_its_store_on_first_use():
    out = _run("import migstats as ms\nprint(ms.Store.__name__, ms.load_ims.__name__, ms.IMS.__name__, "
               "'Store' in dir(ms))")
    assert out == "Store load_ims IMS True"


def test_a_worker_starts_its_kernel_before_importing_the_runner_stack():
    out = _run(
        "import json, sys\n"
        "from migstats.report import kernels\n"
        "kernels.init_worker(None, None, {'MIGSTATS_TEST': 'a'}, 'import os\\nx = os.environ[\"MIGSTATS_TEST\"]')\n"
        "heavy = sorted(m for m in ('pandas', 'nbformat', 'papermill') if m in sys.modules)\n"
        "early = kernels.take_prelaunched({'MIGSTATS_TEST': 'a'})\n"
        "early.prelude.wait(60)\n"
        "alive = early.km.provisioner.process.poll() is None\n"
        "kernels.shutdown_kernel(early.km)\n"
        "print(json.dumps([heavy, alive, kernels.take_prelaunched({'MIGSTATS_TEST': 'a'}) is None]))\n")
    assert json.loads(out) == [[], True, True]


def test_a_kernel_started_with_other_settings_is_shut_down_not_used():
    out = _run(
        "from migstats.report import kernels\n"
        "kernels.init_worker(None, None, {'MIGSTATS_TEST': 'a'}, 'x = 1')\n"
        "km = kernels._prelaunched[0].km\n"
        "print(kernels.take_prelaunched({'MIGSTATS_TEST': 'b'}) is None, km.provisioner is None or "
        "km.provisioner.process is None or km.provisioner.process.poll() is not None)\n")
    assert out == "True True"


def test_a_worker_validates_notebooks_without_the_iri_grammar():
    """nbformat's schemas use no string format: a worker goes without ``rfc3987_syntax`` (0.85 s to import)."""
    out = _run(
        "import sys\n"
        "from migstats.report import kernels\n"
        "kernels.init_worker()\n"
        "import nbformat\n"
        "from nbformat.v4 import new_notebook, new_code_cell\n"
        "nb = new_notebook(cells=[new_code_cell('1')])\n"
        "nbformat.validate(nb)\n"
        "nb.cells[0]['cell_type'] = 'nonsense'\n"
        "try:\n    nbformat.validate(nb)\nexcept nbformat.ValidationError:\n    print('invalid')\n"
        "print(sys.modules.get('rfc3987_syntax'))\n")
    assert out.splitlines() == ["invalid", "None"]


def test_worker_environment_and_folder_are_the_runner_s(tmp_path):
    """A forked worker would otherwise keep its server's environment and folder, from when that started."""
    out = _run(
        "import os\n"
        "from migstats.report import kernels\n"
        f"kernels.init_worker({{'MIGSTATS_TEST': 'runner', 'PATH': os.environ['PATH']}}, {str(tmp_path)!r})\n"
        "print(os.environ.get('MIGSTATS_TEST'), os.getcwd(), 'HOME' in os.environ)\n")
    assert out == f"runner {tmp_path} False"


def test_workers_are_forked_from_a_server_that_preloads_only_the_light_module():
    ctx = executors.worker_context()
    assert ctx.get_start_method() == "forkserver"
    assert forkserver._forkserver._preload_modules == [kernels.__name__]  # type: ignore[attr-defined]
