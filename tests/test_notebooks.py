"""Every notebook is paired with its jupytext script, in sync, and stored without outputs."""

from __future__ import annotations

import json

import jupytext
import pytest
from conftest import REPO

NOTEBOOKS = sorted([*(REPO / "notebooks").glob("*.ipynb"), *(REPO / "migstats" / "notebooks").glob("*.ipynb")])


def test_there_are_notebooks():
    assert {p.stem for p in NOTEBOOKS} >= {"explore", "regional_briefing"}


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_paired_script_holds_the_same_cells(notebook):
    script = notebook.with_suffix(".py")
    assert script.is_file(), f"{notebook.name} has no paired {script.name}"
    nb, py = jupytext.read(notebook), jupytext.read(script)
    assert [(c.cell_type, c.source) for c in nb.cells] == [(c.cell_type, c.source) for c in py.cells]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_stored_without_outputs(notebook):
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    assert all(c.get("outputs", []) == [] and c.get("execution_count") is None
               for c in cells if c["cell_type"] == "code")


def test_briefing_notebook_has_a_parameters_cell():
    nb = jupytext.read(REPO / "migstats" / "notebooks" / "regional_briefing.ipynb")
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1 and "place" in tagged[0].source
