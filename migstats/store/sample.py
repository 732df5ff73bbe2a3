"""The synthetic sample: every file of :mod:`migstats.synthetic` in one folder of the cache.

The folder ``<cache>/sample/v<version>`` is written into a temporary folder beside it and renamed into
place in one step, so another process sees either no folder or a complete one with its
``manifest.json`` (file name and sha256 per declared key). Files keep their official names, so the very
same readers parse them.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

from ..errors import DataUnavailable
from ..fileio import write_text
from ..synthetic import ims as synthetic_ims
from ..synthetic import iom_mmp as synthetic_iom
from ..synthetic import sdg as synthetic_sdg
from ..synthetic import unhcr as synthetic_unhcr
from ..synthetic import wdi as synthetic_wdi
from ..synthetic import wpp as synthetic_wpp
from . import catalog
from .files import sha256_of

MANIFEST = "manifest.json"
VERSION = f"{synthetic_ims.SAMPLE_VERSION}.2"


def _write_all(folder: Path) -> dict[str, Path]:
    files = synthetic_ims.write_sample(folder, lambda key: catalog.get(key).filename)
    files["wpp2024-indicators"] = synthetic_wpp.write(folder, catalog.get("wpp2024-indicators").filename)
    files["unhcr-rdf-2024"] = synthetic_unhcr.write(folder)
    countries = [(c.code, c.iso3, c.m49_name or c.name) for c in synthetic_ims.COUNTRIES]
    for writer in (synthetic_sdg, synthetic_iom, synthetic_wdi):
        files.update(writer.write(folder, countries))
    return files


def sample_dir(cache: Path) -> Path:
    """The sample folder in ``cache``, generated on first use (atomically, see the module docstring)."""
    target = cache / "sample" / f"v{VERSION}"
    if (target / MANIFEST).is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():  # a folder without manifest is an interrupted copy: never trusted
        shutil.rmtree(target, ignore_errors=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".v{VERSION}-", suffix=".tmp", dir=target.parent))
    try:
        files = _write_all(tmp)
        manifest = {"sample_version": VERSION, "synthetic": True,
                    "files": {key: {"file": path.name, "sha256": sha256_of(path)}
                              for key, path in sorted(files.items())}}
        write_text(tmp / MANIFEST, json.dumps(manifest, indent=1, ensure_ascii=False))
        try:
            os.rename(tmp, target)
        except OSError:
            if not (target / MANIFEST).is_file():
                raise
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return target


def sample_files(cache: Path) -> dict[str, Path]:
    """``{declared key: path}`` of the synthetic files."""
    folder = sample_dir(cache)
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    return {key: folder / entry["file"] for key, entry in manifest["files"].items()}


def sample_path(cache: Path, key: str) -> Path:
    """The synthetic copy of one declared file; :class:`DataUnavailable` if the sample has none."""
    files = sample_files(cache)
    if key not in files:
        raise DataUnavailable(f"{catalog.get(key).filename} is not part of the synthetic sample")
    return files[key]
