"""Bad input ends as one clear line naming the file and the fix: no traceback, nothing half-written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from migstats.errors import DataFileError
from migstats.sources import ims

DEST_2024 = "undesa_pd_2024_ims_stock_by_sex_and_destination.xlsx"


def _run(*args: str, env_extra: dict | None = None, cache: Path) -> subprocess.CompletedProcess:
    import os

    env = {k: v for k, v in os.environ.items() if k != "MIGSTATS_MIRROR"}
    env.update({"MIGSTATS_CACHE": str(cache), "MIGSTATS_OFFLINE": "1"}, **(env_extra or {}))
    return subprocess.run([sys.executable, "-m", "migstats", *args], capture_output=True, text=True, env=env,
                          timeout=120)


@pytest.fixture(scope="module")
def real_dest(shared_data) -> Path:
    return shared_data / "ims2024" / DEST_2024


def _assert_one_line_error(proc, *fragments):
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, proc.stderr
    for frag in fragments:
        assert frag in lines[0], lines[0]


def _no_cached_tables(cache: Path):
    tables = cache / "tables"
    assert not tables.exists() or not any(tables.rglob("manifest.json"))


def test_truncated_workbook(real_dest, tmp_path):
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    (mirror / DEST_2024).write_bytes(real_dest.read_bytes()[:200_000])
    proc = _run("data", "pull", "--edition", "2024", "--mirror", str(mirror), "--allow-unverified",
                cache=tmp_path / "cache")
    _assert_one_line_error(proc, DEST_2024, "damaged or truncated", "download")
    _no_cached_tables(tmp_path / "cache")


def test_checksum_mismatch_is_refused_unless_allowed(real_dest, tmp_path):
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    (mirror / DEST_2024).write_bytes(real_dest.read_bytes()[:200_000])
    proc = _run("data", "pull", "--edition", "2024", "--mirror", str(mirror), cache=tmp_path / "cache")
    _assert_one_line_error(proc, DEST_2024, "checksum mismatch", "--allow-unverified")


def test_non_excel_file_with_the_right_name(tmp_path):
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    (mirror / DEST_2024).write_text("<html>Page not found</html>")
    proc = _run("data", "pull", "--edition", "2024", "--mirror", str(mirror), "--allow-unverified",
                cache=tmp_path / "cache")
    _assert_one_line_error(proc, DEST_2024, "not an Excel workbook")
    _no_cached_tables(tmp_path / "cache")


def test_header_row_moved(real_dest, tmp_path):
    wb = openpyxl.load_workbook(real_dest)
    wb["Table 1"].insert_rows(1)
    bad = tmp_path / DEST_2024
    wb.save(bad)
    with pytest.raises(DataFileError) as err:
        ims.read_destination(bad, 2024)
    msg = str(err.value)
    assert "Table 1" in msg and "Excel row 11" in msg and str(bad) in msg
    assert "\n" not in msg


def test_missing_sheet(real_dest, tmp_path):
    wb = openpyxl.load_workbook(real_dest)
    del wb["Table 2"]
    bad = tmp_path / DEST_2024
    wb.save(bad)
    with pytest.raises(DataFileError, match=r"sheet 'Table 2' is missing"):
        ims.read_destination(bad, 2024)


def test_unknown_edition_and_data_mode():
    from migstats.errors import MigstatsError

    with pytest.raises(MigstatsError, match="unknown IMS edition 2019"):
        ims.load(2019)
    with pytest.raises(MigstatsError, match="unknown data mode"):
        ims.load(2024, data="guess")
