"""The analyst notebook notebooks/explore.ipynb: paired with its .py, stored clean, runs top to bottom."""

from __future__ import annotations

import json

import jupytext
import pytest
from conftest import REPO

NOTEBOOK = REPO / "notebooks" / "explore.ipynb"
SCRIPT = REPO / "notebooks" / "explore.py"


def test_notebook_and_script_hold_the_same_cells():
    nb, py = jupytext.read(NOTEBOOK), jupytext.read(SCRIPT)
    assert [(c.cell_type, c.source) for c in nb.cells] == [(c.cell_type, c.source) for c in py.cells]


def test_notebook_is_stored_without_outputs():
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    code = [c for c in cells if c["cell_type"] == "code"]
    assert code and all(c["outputs"] == [] and c["execution_count"] is None for c in code)


def run(tmp_path, data: str) -> str:
    import papermill

    out = tmp_path / "explore.ipynb"
    papermill.execute_notebook(str(NOTEBOOK), str(out), parameters={"data": data},
                               kernel_name="python3", cwd=str(NOTEBOOK.parent), progress_bar=False)
    return out.read_text(encoding="utf-8")


@pytest.mark.slow
def test_notebook_runs_top_to_bottom_on_the_official_files(shared_data, tmp_path):
    text = run(tmp_path, "official")
    assert "International Migrant Stock 2024" in text
    assert "United States of America" in text           # top destination of the world
    assert "Traceback" not in text


@pytest.mark.slow
def test_notebook_runs_top_to_bottom_on_the_synthetic_sample(no_mirror, tmp_path):
    text = run(tmp_path, "sample")
    assert "SYNTHETIC SAMPLE — NOT OFFICIAL FIGURES" in text
    assert "Traceback" not in text
