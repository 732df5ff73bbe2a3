"""`migstats data pull`, `data status` and `regions` on the official files."""

from __future__ import annotations

import json
import subprocess
import sys


def _migstats(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "migstats", *args], capture_output=True, text=True, timeout=300)


def test_data_pull_lists_files_with_checksums_and_rows(shared_data):
    proc = _migstats("data", "pull", "--edition", "2024")
    assert proc.returncode == 0, proc.stderr
    assert "undesa_pd_2024_ims_stock_by_sex_and_destination.xlsx" in proc.stdout
    assert "894fe0637f649e9e" in proc.stdout  # sha256, shortened
    assert "6,888" in proc.stdout  # tidy rows of the destination Table 1 (287 places x 8 years x 3 sexes)


def test_data_status_reports_missing_files_without_failing(shared_data):
    proc = _migstats("data", "status")
    assert proc.returncode == 0, proc.stderr
    assert "ims2020-matrix" in proc.stdout and "not available" in proc.stdout


def test_regions_lists_the_eight_sdg_regions_as_json(shared_data):
    proc = _migstats("regions", "--grouping", "sdg", "--data", "official", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)
    assert [r["code"] for r in rows] == [1834, 1833, 1831, 1832, 1830, 1835, 1836, 1829]
    assert sum(r["members"] for r in rows) == 235


def test_unknown_edition_is_one_line(shared_data):
    proc = _migstats("data", "pull", "--edition", "2019")
    assert proc.returncode == 1
    assert proc.stderr.strip() == "migstats: error: unknown edition 2019; available: 2020, 2024"


def test_figures_from_the_sample_say_so():
    proc = _migstats("regions", "--data", "sample", "--format", "json")
    assert proc.returncode == 0
    assert "SYNTHETIC SAMPLE — NOT OFFICIAL FIGURES" in proc.stderr
    assert "data: synthetic sample (as asked)" in proc.stderr
    assert {r["code"] for r in json.loads(proc.stdout)} == {1829, 1830, 1831, 1832, 1833, 1834, 1835, 1836}
