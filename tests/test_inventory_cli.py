"""`migstats inventory validate | list | page`, run through typer's test runner."""

from __future__ import annotations

import csv
import io
import json

import yaml
from typer.testing import CliRunner

from migstats.inventory.cli import app

runner = CliRunner()

ENTRY = {
    "name": "Berne Initiative",
    "kind": "initiative",
    "lead": "not stated in source",
    "period": {"start": 2001, "end": 2005},
    "scope": "not stated in source",
    "status": "concluded",
    "description": "Aimed at developing a non-binding policy framework for international migration.",
    "sources": ["note"],
    "reviewed": "2026-11-01",
}


def write_inventory(path, *entries):
    doc = {"sources": {"note": {"title": "Concept note", "date": "2017-02-16"}}, "entries": list(entries)}
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return path


def test_validate_reports_a_valid_file_and_its_entry_count():
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 0
    assert result.stdout.strip().endswith("inventory.yaml: 12 entries, no problems")


def test_validate_prints_one_line_per_problem_and_exits_1(tmp_path):
    bad = write_inventory(
        tmp_path / "inv.yaml",
        ENTRY | {"kind": "programme"},
        ENTRY | {"name": "GFMD", "period": {"start": 2007, "end": 2001}},
    )
    result = runner.invoke(app, ["validate", str(bad)])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 3  # two problems and the count
    assert lines[0].startswith(f"{bad}:") and "entry 1 'Berne Initiative': field 'kind'" in lines[0]
    assert "entry 2 'GFMD': field 'period.end': end 2001 is before start 2007" in lines[1]
    assert lines[2] == f"{bad}: 2 problem(s)"
    assert "Traceback" not in result.output


def test_list_filters_by_kind_and_writes_csv():
    result = runner.invoke(app, ["list", "--kind", "process", "--format", "csv"])
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["name"], r["start"], r["scope"]) for r in rows] == [
        ("Regional consultative processes on migration", "not stated in source", "regional"),
        ("Global Forum on Migration and Development (GFMD)", "2007", "global"),
    ]


def test_list_filters_by_status_and_writes_json_with_sources_resolved():
    result = runner.invoke(
        app, ["list", "--kind", "outcome document", "--status", "active", "--format", "json"]
    )
    assert result.exit_code == 0
    data = {e["name"]: e for e in json.loads(result.stdout)}
    nyd = data["New York Declaration for Refugees and Migrants"]
    assert nyd["period"] == {"start": "2016-09-19", "end": "ongoing"}
    assert nyd["sources"]["cn-governance"]["date"] == "2017-02-16"
    assert len(data) == 3


def test_list_as_a_table_shows_the_count_and_names(tmp_path):
    path = write_inventory(tmp_path / "inv.yaml", ENTRY)
    result = runner.invoke(app, ["list", "--file", str(path)])
    assert result.exit_code == 0
    assert "1 of 1 entries" in result.stdout and "Berne Initiative" in result.stdout
    assert "2001–2005" in result.stdout


def test_list_rejects_an_unknown_kind_naming_the_known_ones():
    result = runner.invoke(app, ["list", "--kind", "programme"])
    assert result.exit_code == 2
    assert "'programme' is not one of: process, mechanism" in result.stderr


def test_list_of_an_invalid_file_prints_its_problems_and_exits_1(tmp_path):
    path = write_inventory(tmp_path / "inv.yaml", ENTRY | {"reviewed": "2026-02-30"})
    result = runner.invoke(app, ["list", "--file", str(path)])
    assert result.exit_code == 1
    assert (
        "entry 1 'Berne Initiative': field 'reviewed': '2026-02-30' is not a day of the calendar"
        in result.stderr
    )


def test_page_writes_inventory_html_and_counts_stale_entries(tmp_path):
    path = write_inventory(tmp_path / "inv.yaml", ENTRY, ENTRY | {"name": "GFMD", "reviewed": "2026-06-01"})
    out = tmp_path / "site"
    result = runner.invoke(
        app,
        [
            "page",
            "--out",
            str(out),
            "--file",
            str(path),
            "--today",
            "2026-11-23",
            "--stale-after-days",
            "100",
        ],
    )
    assert result.exit_code == 0, result.output
    assert (
        result.stdout.strip()
        == f"{out / 'inventory.html'}: 2 entries, 1 stale (not reviewed within 100 days)"
    )
    assert 'data-stale="1"' in (out / "inventory.html").read_text(encoding="utf-8")
