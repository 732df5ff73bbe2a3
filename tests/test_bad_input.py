"""Bad input ends as one clear line naming the file and the fix: no traceback, nothing half-written."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from migstats.errors import DataFileError, DataUnavailable, MigstatsError, ParamsError, bounded
from migstats.fileio import write_parquet
from migstats.inventory.validate import validate_file
from migstats.report.params import BriefingParams, load_params, make_params
from migstats.report.runner import plan
from migstats.sources import ims
from migstats.store import Store, catalog, files
from migstats.store import settings as store_settings
from migstats.store.tables import tables_dir

BOMB = "".join(f"{c}: &{c} [{', '.join([f'*{p}'] * 9)}]\n" for p, c in zip("abcdefg", "bcdefgh", strict=True))
BOMB = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + BOMB + "place: *h\n"

DEST_2024 = "undesa_pd_2024_ims_stock_by_sex_and_destination.xlsx"


def _run(*args: str, env_extra: dict | None = None, cache: Path) -> subprocess.CompletedProcess:
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


def _assert_pull_reports(proc, *fragments):
    """``data pull`` reports every file: one line per publication it could not use, the bad one among them."""
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert all(ln.startswith("not available: ") for ln in lines), proc.stderr
    assert [ln for ln in lines if all(f in ln for f in fragments)], proc.stderr
    return lines


def _no_cached_tables(cache: Path):
    tables = cache / "tables"
    assert not tables.exists() or not any(tables.rglob("manifest.json"))


def test_truncated_workbook(real_dest, tmp_path):
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    (mirror / DEST_2024).write_bytes(real_dest.read_bytes()[:200_000])
    proc = _run("data", "pull", "--edition", "2024", "--mirror", str(mirror), "--allow-unverified",
                cache=tmp_path / "cache")
    _assert_pull_reports(proc, DEST_2024, "damaged or truncated", "download")
    _no_cached_tables(tmp_path / "cache")


def test_checksum_mismatch_is_refused_unless_allowed(real_dest, tmp_path):
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    (mirror / DEST_2024).write_bytes(real_dest.read_bytes()[:200_000])
    proc = _run("data", "pull", "--edition", "2024", "--mirror", str(mirror), cache=tmp_path / "cache")
    _assert_pull_reports(proc, DEST_2024, "checksum mismatch", "--allow-unverified")


def test_non_excel_file_with_the_right_name(tmp_path):
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    (mirror / DEST_2024).write_text("<html>Page not found</html>")
    proc = _run("data", "pull", "--edition", "2024", "--mirror", str(mirror), "--allow-unverified",
                cache=tmp_path / "cache")
    _assert_pull_reports(proc, DEST_2024, "not an Excel workbook")
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


def test_unknown_edition_and_data_mode(no_mirror):
    with pytest.raises(MigstatsError, match="unknown IMS edition 2019"):
        Store.open("sample").ims(2019)
    with pytest.raises(MigstatsError, match="data must be one of auto, official, sample, not 'guess'"):
        Store.open("guess")


def test_a_workbook_without_its_latest_year_column_is_a_layout_error(real_dest, tmp_path):
    wb = openpyxl.load_workbook(real_dest)
    sheet = wb["Table 1"]
    col = next(c.column for c in sheet[11] if c.value in (2024, "2024"))  # the first (both sexes) 2024 column
    sheet.delete_cols(col)
    bad = tmp_path / DEST_2024
    wb.save(bad)
    with pytest.raises(DataFileError) as err:
        ims.read_destination(bad, 2024)
    assert str(bad) in str(err.value) and "Table 1" in str(err.value) and "2024" in str(err.value)


def test_a_billion_laughs_parameter_file_is_refused_at_once(tmp_path):
    bomb = tmp_path / "laughs.yaml"
    bomb.write_text(BOMB)
    assert len(BOMB) < 500
    start = time.perf_counter()
    with pytest.raises(ParamsError, match=r"laughs.yaml: not valid YAML \(line \d+\) — aliases \(\*name\) expand"):
        load_params(bomb)
    assert time.perf_counter() - start < 2


def test_an_inventory_bomb_is_one_problem_line_at_once(tmp_path):
    bomb = tmp_path / "inventory.yaml"
    bomb.write_text("sources: {}\nentries:\n" + "".join("  " + line + "\n" for line in BOMB.splitlines()))
    start = time.perf_counter()
    problems = validate_file(bomb)
    assert time.perf_counter() - start < 2
    assert len(problems) == 1 and problems[0].startswith(f"{bomb}:") and "aliases" in problems[0]


def test_a_parameter_file_that_is_a_folder_is_one_line(tmp_path):
    (tmp_path / "ssa.yaml").mkdir()
    with pytest.raises(ParamsError, match=r"ssa.yaml: is a folder — give the parameter file"):
        load_params(tmp_path / "ssa.yaml")


def test_a_parameter_file_that_is_not_utf8_is_one_line(tmp_path):
    (tmp_path / "ssa.yaml").write_bytes("place: Côte d’Ivoire\n".encode("cp1252"))
    with pytest.raises(ParamsError, match=r"ssa.yaml: parameter file is not UTF-8 text — save it as UTF-8"):
        load_params(tmp_path / "ssa.yaml")


def test_long_user_values_are_cut_in_error_lines():
    line = bounded(f"params.yaml: unknown place '{'Atlantis' * 40}' — check the name")
    assert line == f"params.yaml: unknown place '{('Atlantis' * 40)[:60]}…' — check the name"


def test_a_reserved_output_name_fails_that_briefing_only(no_mirror):
    jobs = plan([BriefingParams(place="1834", name="index"), BriefingParams(place="1836")], Store.open("sample"))
    assert "the output name 'index' is reserved" in jobs[0].error and jobs[0].name == "index-reserved"
    assert jobs[1].error is None and jobs[1].name == "1836-australia-new-zealand-2024-en"


def test_a_cache_that_is_a_file_is_one_line(tmp_path):
    (tmp_path / "cache").write_text("not a folder")
    proc = _run("figures", "1834", "--data", "sample", cache=tmp_path / "cache")
    _assert_one_line_error(proc, str(tmp_path / "cache"), "the cache is a file", "--cache DIR")


def test_an_out_folder_that_is_a_file_is_one_line(tmp_path):
    (tmp_path / "out").write_text("not a folder")
    proc = _run("briefings", "1834", "--data", "sample", "--out", str(tmp_path / "out"), cache=tmp_path / "cache")
    _assert_one_line_error(proc, str(tmp_path / "out"), "is a file, not a folder", "--out")


def test_an_unavailable_edition_on_the_command_line_is_one_line(tmp_path):
    proc = _run("briefings", "1834", "--edition", "2019", "--data", "sample", "--out", str(tmp_path / "out"),
                cache=tmp_path / "cache")
    _assert_one_line_error(proc, "--edition 2019 is not available — use 2020 or 2024")


def test_a_blank_place_on_the_command_line_is_one_line():
    with pytest.raises(ParamsError, match=r"^command line: --place: place must be an M49 code or a place name$"):
        make_params("command line", place="  ", edition=2024)


def test_user_text_with_rich_markup_is_printed_literally(tmp_path):
    params = tmp_path / "markup.yaml"
    params.write_text('place: "Atlantis [/]"\ntitle: "[bold]Atlantis[/] [/]"\n')
    proc = _run("briefings", str(params), "--data", "sample", "--out", str(tmp_path / "out"), "--formats", "html",
                cache=tmp_path / "cache")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "failed: [bold]Atlantis[/] [/]: unknown place 'Atlantis [/]'" in " ".join(proc.stderr.split())


def test_an_unreadable_mirror_file_is_one_line(tmp_path, monkeypatch):
    (tmp_path / DEST_2024).write_bytes(b"x")

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files, "open", denied, raising=False)
    settings = store_settings.resolve(mirror=str(tmp_path), cache=tmp_path / "cache", environ={})
    with pytest.raises(DataFileError, match=rf"{DEST_2024}: cannot read the file \(Permission denied\) — check"):
        files.locate(catalog.get("ims2024-destination"), settings)


def test_a_cached_table_with_a_dropped_column_is_rebuilt(tmp_path, no_mirror, monkeypatch):
    monkeypatch.setenv("MIGSTATS_CACHE", str(tmp_path))
    first = Store.open("sample").ims(2024).stock
    table = next(tables_dir(tmp_path).rglob("stock.parquet"))
    write_parquet(table, pd.read_parquet(table).drop(columns=["sex"]))
    again = Store.open("sample").ims(2024).stock
    pd.testing.assert_frame_equal(again, first)
    assert "sex" in pd.read_parquet(table).columns


def test_an_unresponsive_publisher_is_given_up_after_the_connect_timeout(tmp_path, monkeypatch):
    seen = {}

    class Unreachable:
        def __init__(self, **kwargs):
            seen.update(kwargs)

        def __call__(self, url, output_file, pooch_obj, check_only=False):
            raise TimeoutError(f"connect to {url} timed out after {seen['timeout'][0]} s")

    monkeypatch.setattr(files.pooch, "HTTPDownloader", Unreachable)
    settings = store_settings.resolve(cache=tmp_path, offline=False, environ={})
    with pytest.raises(DataUnavailable, match=r"could not download .* \(TimeoutError\) — check the connection"):
        files.locate(catalog.get("ims2024-destination"), settings)
    assert seen["timeout"] == (5, files.READ_TIMEOUT)
    assert not list((tmp_path / "downloads").iterdir())


def test_data_pull_reports_every_publication_it_cannot_use(tmp_path):
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    proc = _run("data", "pull", "--edition", "2024", "--mirror", str(mirror), cache=tmp_path / "cache")
    lines = _assert_pull_reports(proc, DEST_2024, "is not in the mirror")
    assert [ln.split(":")[1].strip() for ln in lines] == [
        "IMS 2024", "WPP 2024", "unhcr-rpkg-population", "unhcr-rdf-2024", "unhcr-rdf-2021"]


def test_ctrl_c_in_any_command_exits_130_with_one_line(monkeypatch, capsys):
    from migstats import cli

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli.Store, "open", interrupted)
    with pytest.raises(SystemExit) as stop:
        cli.main(["regions", "--data", "sample"])
    assert stop.value.code == 130
    assert capsys.readouterr().err.strip().splitlines()[-1] == "migstats: interrupted (Ctrl-C)"


def test_a_usage_error_is_the_parser_message_and_exit_2(capsys):
    from migstats import cli

    with pytest.raises(SystemExit) as stop:
        cli.main(["figures"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "Missing argument 'place'" in err and "Traceback" not in err
