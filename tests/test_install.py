"""migstats is installable: a wheel built from the checkout, installed into a fresh environment and run from a
folder outside the checkout, builds a (sample) briefing — notebooks, templates and declarations are package data."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from conftest import REPO

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(REPO)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return next(out.glob("migstats-*.whl"))


@pytest.fixture(scope="module")
def fresh_python(wheel, tmp_path_factory) -> Path:
    """A new virtual environment holding the wheel; its dependencies come from this environment's
    site-packages through a .pth line (whose own .pth hooks — the editable install of the checkout — do not
    run there), so the only migstats it can import is the wheel's."""
    root = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(root / "v")], check=True, timeout=120)
    py = root / "v" / "bin" / "python"
    site = Path(subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(site)
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return py


def _run(py: Path, *args: str, cwd: Path, cache: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MIGSTATS_") and k != "PYTHONPATH"}
    env.update(MIGSTATS_CACHE=str(cache), MIGSTATS_OFFLINE="1", MIGSTATS_CONFIG=str(cache / "none.toml"))
    # The dependencies' data files (nbconvert's templates) live under this environment's prefix, where a real
    # `pip install` into the fresh environment would have put them under its own.
    env["JUPYTER_PATH"] = str(Path(sys.prefix) / "share" / "jupyter")
    return subprocess.run([str(py), "-m", "migstats", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=600)


def test_the_wheel_ships_notebooks_templates_and_declarations(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "migstats/notebooks/regional_briefing.ipynb" in names
    assert "migstats/store/declarations/ims.yaml" in names
    assert any(n.startswith("migstats/report/templates/sections/") for n in names)


def test_the_installed_package_is_not_the_checkout(fresh_python, tmp_path):
    proc = subprocess.run([str(fresh_python), "-c", "import migstats; print(migstats.__file__)"], cwd=tmp_path,
                          capture_output=True, text=True, check=True)
    assert not proc.stdout.strip().startswith(str(REPO))


def test_the_installed_wheel_builds_a_sample_briefing_outside_the_checkout(fresh_python, tmp_path):
    proc = _run(fresh_python, "briefings", "1834", "--data", "sample", "--out", "out", "--formats", "html",
                cwd=tmp_path, cache=tmp_path / "cache")
    assert proc.returncode == 0, proc.stderr[-3000:]
    html = next((tmp_path / "out" / "sample").glob("1834-*.html")).read_text(encoding="utf-8")
    assert "Sub-Saharan Africa" in html and "SYNTHETIC SAMPLE" in html


def test_the_installed_command_says_its_version(fresh_python, tmp_path):
    proc = _run(fresh_python, "--version", cwd=tmp_path, cache=tmp_path / "cache")
    assert proc.stdout.strip() == "migstats 0.1.0"
