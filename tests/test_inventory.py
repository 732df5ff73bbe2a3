"""The workplan inventory file: the seeded entries, and how each kind of mistake in it is reported."""

from __future__ import annotations

import copy
import datetime as dt

import pytest
import yaml

from migstats.errors import DataFileError
from migstats.inventory import (
    NOT_STATED,
    InventoryError,
    check_text,
    default_path,
    load_inventory,
    validate_file,
)
from migstats.inventory.model import earliest, latest

TODAY = dt.date(2026, 11, 23)

BERNE = {
    "name": "Berne Initiative",
    "kind": "initiative",
    "lead": NOT_STATED,
    "period": {"start": 2001, "end": 2005},
    "scope": NOT_STATED,
    "status": "concluded",
    "description": "Aimed at developing a non-binding policy framework for international migration.",
    "sources": ["note"],
    "reviewed": "2026-11-01",
}
GFMD = {
    "name": "Global Forum on Migration and Development",
    "kind": "process",
    "lead": NOT_STATED,
    "period": {"start": 2007, "end": "ongoing"},
    "scope": "global",
    "status": "active",
    "description": "Provides a global platform for informal dialogue and cooperation on migration.",
    "sources": ["note"],
    "reviewed": "2026-11-01",
}
NOTE = {
    "title": "Concept note, panel 'International cooperation and governance of migration'",
    "date": "2017-02-16",
}


def inventory_text(*entries: dict) -> str:
    """An inventory file holding one source ('note') and the given entries."""
    return yaml.safe_dump({"sources": {"note": NOTE}, "entries": list(entries)}, sort_keys=False)


def problems_for(*entries: dict) -> list[str]:
    return check_text(inventory_text(*entries), "inventory.yaml", today=TODAY)[1]


def changed(entry: dict, **fields) -> dict:
    out = copy.deepcopy(entry)
    out.update(fields)
    return out


# --- the seeded file ------------------------------------------------------------------------------------


def test_the_packaged_inventory_validates():
    assert validate_file(default_path()) == []


def test_the_packaged_inventory_holds_every_entry_the_concept_notes_name():
    names = {e.name for e in load_inventory().entries}
    for expected in (
        "World population conference, Bucharest (1974)",
        "World population conference, Mexico City (1984)",
        "High-level Dialogue on International Migration and Development",
        "Global Commission on International Migration",
        "Berne Initiative",
        "Regional consultative processes on migration",
        "Global Forum on Migration and Development (GFMD)",
        "New York Declaration for Refugees and Migrants",
        "2030 Agenda for Sustainable Development — migration-related commitments",
        "Coordination Meeting on International Migration",
    ):
        assert expected in names
    assert any(n.startswith("Programme of Action of the International Conference") for n in names)
    assert any(n.startswith("Report of the Special Representative of the Secretary-General") for n in names)


def test_the_packaged_entries_carry_the_dates_and_symbols_the_concept_notes_give():
    by_name = {e.name: e for e in load_inventory().entries}
    berne = by_name["Berne Initiative"]
    assert (berne.period.start, berne.period.end) == ("2001", "2005")
    gfmd = by_name["Global Forum on Migration and Development (GFMD)"]
    assert (gfmd.period.start, gfmd.period.end, gfmd.scope) == ("2007", "ongoing", "global")
    nyd = by_name["New York Declaration for Refugees and Migrants"]
    assert nyd.period.start == "2016-09-19" and "A/71/1" in nyd.documents
    gcim = by_name["Global Commission on International Migration"]
    assert [(c.date, c.type) for c in gcim.contributions] == [("2005-10", "recommendation")]
    assert "national, regional and global coherence on migration" in gcim.contributions[0].text
    hld = by_name["High-level Dialogue on International Migration and Development"]
    assert hld.period.start == NOT_STATED and [m.date for m in hld.milestones] == ["2003"]
    meeting = by_name["Coordination Meeting on International Migration"]
    assert meeting.documents == ["GA res. 56/203", "GA res. 58/208"]


def test_every_packaged_entry_cites_a_source_the_file_lists():
    inventory = load_inventory()
    assert set(inventory.sources) == {"cn-workplan", "cn-governance", "cm15-objectives"}
    for entry in inventory.entries:
        cited = set(entry.sources) | {c.source for c in entry.contributions}
        assert cited and cited <= set(inventory.sources), entry.name


# --- one line per mistake, naming entry and field ---------------------------------------------------------


def test_a_valid_file_has_no_problems_and_loads():
    inventory, problems = check_text(inventory_text(BERNE, GFMD), "inventory.yaml", today=TODAY)
    assert problems == []
    assert [e.name for e in inventory.entries] == [
        "Berne Initiative",
        "Global Forum on Migration and Development",
    ]


def test_a_missing_field_is_named_with_its_entry():
    entry = {k: v for k, v in GFMD.items() if k != "kind"}
    [problem] = problems_for(BERNE, entry)
    assert "entry 2 'Global Forum on Migration and Development': field 'kind': missing" in problem
    assert "process, mechanism, initiative, report, conference, outcome document" in problem


def test_a_bad_date_is_named_with_its_entry_and_field():
    [problem] = problems_for(changed(BERNE, period={"start": "2001-13", "end": 2005}))
    assert "entry 1 'Berne Initiative': field 'period.start': '2001-13' has month 13" in problem
    assert "write YYYY, YYYY-MM or YYYY-MM-DD" in problem


def test_a_day_that_is_not_in_the_calendar_is_a_bad_date_not_a_crash():
    [problem] = problems_for(changed(GFMD, period={"start": "2016-02-30", "end": "ongoing"}))
    assert "field 'period.start': '2016-02-30' is not a day of the calendar" in problem


def test_the_review_date_must_be_a_full_day():
    [problem] = problems_for(changed(BERNE, reviewed="2026-11"))
    assert "entry 1 'Berne Initiative': field 'reviewed': '2026-11' is not a full date" in problem


def test_an_unknown_kind_lists_the_known_ones():
    [problem] = problems_for(changed(BERNE, kind="programme"))
    assert (
        "entry 1 'Berne Initiative': field 'kind': 'programme' is not a known kind — use one of:" in problem
    )


def test_a_duplicate_name_points_to_the_first_entry_of_that_name():
    [problem] = problems_for(BERNE, GFMD, changed(BERNE, name="berne  INITIATIVE", kind="process"))
    assert "entry 3 'berne INITIATIVE': field 'name': duplicate of entry 1" in problem


def test_an_end_before_the_start_is_reported_on_the_end():
    [problem] = problems_for(GFMD, changed(BERNE, period={"start": 2005, "end": 2001}))
    assert "entry 2 'Berne Initiative': field 'period.end': end 2001 is before start 2005" in problem


def test_an_end_within_the_start_year_is_not_before_it():
    assert problems_for(changed(BERNE, period={"start": 2005, "end": "2005-03"})) == []


def test_a_misspelt_field_is_reported_with_the_allowed_fields():
    entry = changed(BERNE, reviwed="2026-11-01")
    [problem] = problems_for(entry)
    assert "entry 1 'Berne Initiative': field 'reviwed': unknown field — check the spelling" in problem
    assert "reviewed" in problem.split("allowed here:")[1]


def test_a_source_id_not_listed_under_sources_is_reported():
    [problem] = problems_for(changed(BERNE, sources=["note", "cn-2017"]))
    assert "entry 1 'Berne Initiative': field 'sources[2]': unknown source 'cn-2017'" in problem


def test_a_review_date_in_the_future_is_reported():
    [problem] = problems_for(changed(BERNE, reviewed="2026-12-01"))
    assert "field 'reviewed': 2026-12-01 is in the future" in problem


def test_concluded_contradicts_an_ongoing_period():
    [problem] = problems_for(changed(GFMD, status="concluded"))
    assert "field 'status': 'concluded' contradicts period.end 'ongoing'" in problem


def test_a_contribution_without_a_date_names_its_position():
    contribution = {"type": "recommendation", "text": "Recommendations on coherence.", "source": "note"}
    [problem] = problems_for(changed(BERNE, contributions=[contribution]))
    assert "entry 1 'Berne Initiative': field 'contributions[1].date': missing" in problem


def test_not_stated_in_source_stands_for_an_unknown_fact_but_not_for_the_review_date():
    unknown = changed(BERNE, period={"start": NOT_STATED, "end": NOT_STATED}, status=NOT_STATED)
    assert problems_for(unknown) == []
    [problem] = problems_for(changed(BERNE, reviewed=NOT_STATED))
    assert "field 'reviewed': 'not stated in source' is not a date" in problem


def test_a_single_lead_entity_may_be_written_without_a_list():
    inventory, _ = check_text(
        inventory_text(changed(GFMD, lead="Population Division")), "f.yaml", today=TODAY
    )
    assert inventory.entries[0].lead == ["Population Division"]


def test_each_problem_line_starts_with_the_file_and_the_line_of_the_field():
    text = inventory_text(BERNE, changed(GFMD, scope="worldwide"))
    [problem] = check_text(text, "inventory.yaml", today=TODAY)[1]
    scope_line = next(i for i, line in enumerate(text.splitlines(), 1) if "scope: worldwide" in line)
    assert problem.startswith(f"inventory.yaml:{scope_line}: entry 2 ")


def test_problems_are_listed_in_file_order():
    text = inventory_text(changed(BERNE, kind="x"), GFMD)
    text = text.replace("  kind: process\n", "  kind: process\n  kind: process\n")  # a repeat in entry 2
    problems = check_text(text, "inventory.yaml", today=TODAY)[1]
    assert len(problems) == 2
    assert "entry 1 'Berne Initiative': field 'kind'" in problems[0]
    assert "key 'kind' appears twice" in problems[1]


def test_a_yaml_syntax_error_is_one_line_with_its_line_number():
    text = inventory_text(BERNE) + "  - name: [unclosed\n"
    [problem] = check_text(text, "inventory.yaml", today=TODAY)[1]
    assert problem.startswith("inventory.yaml:") and "not valid YAML" in problem
    assert "\n" not in problem


def test_a_repeated_key_is_reported_rather_than_silently_overwritten():
    text = inventory_text(BERNE).replace("  kind: initiative\n", "  kind: initiative\n  kind: process\n")
    [problem] = check_text(text, "inventory.yaml", today=TODAY)[1]
    assert "key 'kind' appears twice in the same block" in problem


def test_a_missing_file_is_one_line_naming_it(tmp_path):
    assert validate_file(tmp_path / "nope.yaml") == [
        f"{tmp_path / 'nope.yaml'}: no such file — check the path"
    ]


def test_loading_an_invalid_file_raises_a_data_file_error_with_every_problem(tmp_path):
    path = tmp_path / "inventory.yaml"
    path.write_text(inventory_text(changed(BERNE, kind="x"), changed(GFMD, scope="y")), encoding="utf-8")
    with pytest.raises(InventoryError) as info:
        load_inventory(path)
    assert isinstance(info.value, DataFileError)
    assert len(info.value.problems) == 2
    assert str(info.value).startswith(f"{path}:") and "(and 1 more problems" in str(info.value)


# --- dates and staleness --------------------------------------------------------------------------------


def test_partial_dates_span_their_whole_year_or_month():
    assert (earliest("2005"), latest("2005")) == (dt.date(2005, 1, 1), dt.date(2005, 12, 31))
    assert latest("2024-02") == dt.date(2024, 2, 29)
    assert latest("2005-12") == dt.date(2005, 12, 31)


def test_an_entry_is_stale_only_after_more_than_the_threshold_days():
    inventory, _ = check_text(inventory_text(changed(BERNE, reviewed="2025-11-23")), "f.yaml", today=TODAY)
    entry = inventory.entries[0]
    assert entry.days_since_review(TODAY) == 365
    assert not entry.is_stale(TODAY, 365)
    assert entry.is_stale(TODAY, 364)


def test_select_keeps_entries_of_the_given_kinds_and_statuses():
    inventory, _ = check_text(inventory_text(BERNE, GFMD), "f.yaml", today=TODAY)
    assert [e.name for e in inventory.select(kinds=["process"])] == [
        "Global Forum on Migration and Development"
    ]
    assert [e.name for e in inventory.select(statuses=["concluded"])] == ["Berne Initiative"]
    assert inventory.select(kinds=["process"], statuses=["concluded"]) == []
