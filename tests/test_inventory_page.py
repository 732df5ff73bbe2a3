"""The inventory's HTML page: every entry listed, text escaped, stale marks, timeline; search and filters
in a real browser (Debian's chromium driven by Playwright, marked slow)."""

from __future__ import annotations

import datetime as dt
import html
from html.parser import HTMLParser
from pathlib import Path

import pytest

from migstats.inventory import Contribution, Entry, Inventory, Source, build_inventory_page, load_inventory
from migstats.inventory.page import human_date, period_text, render_inventory_page

TODAY = dt.date(2026, 11, 23)
SCRIPT_NAME = "<script>alert(1)</script>"


def entry(
    name: str, kind: str, scope: str, status: str, start: str, end: str, reviewed: str, **extra
) -> Entry:
    return Entry(
        name=name,
        kind=kind,
        lead=["not stated in source"],
        period={"start": start, "end": end},
        scope=scope,
        status=status,
        description=f"About {name}.",
        sources=["note"],
        reviewed=reviewed,
        **extra,
    )


NS = "not stated in source"
SAMPLE = [  # name, kind, scope, status, start, end, reviewed
    (
        "Global Forum on Migration and Development",
        "process",
        "global",
        "active",
        "2007",
        "ongoing",
        "2026-11-01",
    ),
    ("Regional consultative processes", "process", "regional", "active", NS, "ongoing", "2026-11-01"),
    ("Berne Initiative", "initiative", NS, "concluded", "2001", "2005", "2024-01-15"),
    ("Global Commission on International Migration", "mechanism", "global", NS, NS, NS, "2026-06-01"),
    (SCRIPT_NAME, "report", "global", "concluded", "2016", "2016", "2026-11-01"),
]


def sample_inventory() -> Inventory:
    """Two processes, a stale initiative, a mechanism with a recommendation, and a name that is markup."""
    recommendation = {
        "date": "2005-10",
        "type": "recommendation",
        "source": "note",
        "text": "Recommendations to strengthen national, regional and global coherence.",
    }
    entries = [entry(*row) for row in SAMPLE]
    entries[3] = entries[3].model_copy(update={"contributions": [Contribution(**recommendation)]})
    return Inventory(
        sources={"note": Source(title="Concept note, panel on governance", date="2017-02-16")},
        entries=entries,
    )


class _Rows(HTMLParser):
    """Collects, for each table row with data-entry, its data-* attributes and the text of its name cell."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict[str, str]] = []
        self.timeline: list[str] = []
        self._in_name = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "tr" and "data-entry" in a:
            self.rows.append({k.removeprefix("data-"): v for k, v in a.items() if k.startswith("data-")})
            self.rows[-1]["name"] = ""
        elif tag == "td" and a.get("class") == "name":
            self._in_name = True
        elif tag == "div" and a.get("class") == "tl-row" and "data-entry" in a:
            self.timeline.append(a["data-entry"])

    def handle_endtag(self, tag):
        if tag == "td":
            self._in_name = False

    def handle_data(self, data):
        if self._in_name:
            self.rows[-1]["name"] += data


def parse(page: str) -> _Rows:
    parser = _Rows()
    parser.feed(page)
    return parser


def test_the_page_lists_every_packaged_entry(tmp_path):
    inventory = load_inventory()
    out = build_inventory_page(inventory, tmp_path, today=TODAY)
    rows = parse(out.read_text(encoding="utf-8")).rows
    assert sorted(r["name"] for r in rows) == sorted(e.name for e in inventory.entries)
    assert len(rows) == 12


def test_a_name_with_markup_is_shown_as_text():
    page = render_inventory_page(sample_inventory(), today=TODAY)
    assert html.escape(SCRIPT_NAME) in page
    assert SCRIPT_NAME not in page
    assert page.count("<script") == 1  # the page's own script only
    assert SCRIPT_NAME in [r["name"] for r in parse(page).rows]


def test_entries_not_reviewed_within_the_threshold_are_marked_stale():
    rows = parse(render_inventory_page(sample_inventory(), today=TODAY, stale_after_days=365)).rows
    assert [r["name"] for r in rows if r["stale"] == "1"] == ["Berne Initiative"]


def test_the_stale_threshold_is_configurable():
    rows = parse(render_inventory_page(sample_inventory(), today=TODAY, stale_after_days=100)).rows
    stale = sorted(r["name"] for r in rows if r["stale"] == "1")
    assert stale == ["Berne Initiative", "Global Commission on International Migration"]
    assert "2 entries not reviewed within 100 days" in render_inventory_page(
        sample_inventory(), today=TODAY, stale_after_days=100
    ).replace("<strong>", "").replace("</strong>", "")


def test_rows_carry_the_kind_status_and_scope_the_filters_use():
    rows = {r["name"]: r for r in parse(render_inventory_page(sample_inventory(), today=TODAY)).rows}
    berne = rows["Berne Initiative"]
    assert (berne["kind"], berne["status"], berne["scope"]) == (
        "initiative",
        "concluded",
        "not stated in source",
    )


def test_the_timeline_has_a_row_for_every_entry_in_date_order():
    parsed = parse(render_inventory_page(sample_inventory(), today=TODAY))
    assert parsed.timeline == [r["entry"] for r in parsed.rows]
    assert parsed.timeline == [
        "berne-initiative",
        "global-commission-on-international-migration",
        "global-forum-on-migration-and-development",
        "script-alert-1-script",
        "regional-consultative-processes",
    ]


def test_a_period_bar_sits_where_its_years_fall_on_the_axis():
    # Axis from 2000 (decade of the first entry) to the end of 2029 (year of "today" + 1): 30 years.
    inventory = Inventory(
        sources={"note": Source(title="Note", date="2017")},
        entries=[entry("Decade", "process", "global", "active", "2000", "2014", "2029-06-01")],
    )
    page = render_inventory_page(inventory, today=dt.date(2029, 6, 1))
    assert 'style="left: 0.0%; width: 50.0%"' in page  # 2000-01-01 .. 2015-01-01: half of 2000 .. 2030


def test_the_page_is_self_contained():
    page = render_inventory_page(sample_inventory(), today=TODAY)
    assert "<link" not in page and " src=" not in page and "http" not in page


def test_the_page_is_written_to_a_folder_as_inventory_html_with_no_temporary_files_left(tmp_path):
    out = build_inventory_page(sample_inventory(), tmp_path / "site", today=TODAY)
    assert out == tmp_path / "site" / "inventory.html"
    assert [p.name for p in out.parent.iterdir()] == ["inventory.html"]


def test_a_failed_build_leaves_an_existing_page_untouched(tmp_path):
    out = build_inventory_page(sample_inventory(), tmp_path, today=TODAY)
    before = out.read_bytes()
    with pytest.raises(ValueError, match="stale_after_days must be 0 or more"):
        build_inventory_page(sample_inventory(), tmp_path, today=TODAY, stale_after_days=-1)
    assert out.read_bytes() == before and len(list(tmp_path.iterdir())) == 1


def test_dates_and_periods_read_as_words():
    assert human_date("2016-09-19") == "19 September 2016"
    assert human_date("2005-10") == "October 2005"
    inv = sample_inventory()
    assert [period_text(e) for e in inv.entries] == [
        "since 2007",
        "ongoing (start not stated in source)",
        "2001–2005",
        "not stated in source",
        "2016",
    ]


# --- in a real browser ------------------------------------------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def in_browser(test):
    """Mark a test slow, and skip it where Debian's chromium is not installed."""
    no_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed")
    return pytest.mark.slow(no_chromium(test))


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, tmp_path):
    """The sample inventory's page, open in chromium from its file:// URL; fails the test on any JS error."""
    out = build_inventory_page(sample_inventory(), tmp_path, today=TODAY)
    tab = browser.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.on("dialog", lambda d: (errors.append(f"dialog: {d.message}"), d.dismiss()))
    tab.goto(out.as_uri())
    yield tab
    tab.close()
    assert errors == []


def shown(tab) -> list[str]:
    """Names in the table rows the reader can see."""
    return tab.locator("#inv-table tbody tr:visible td.name").all_inner_texts()


def shown_on_timeline(tab) -> list[str]:
    return tab.locator("#inv-timeline .tl-row[data-entry]:visible").evaluate_all(
        "els => els.map(e => e.dataset.entry)"
    )


@in_browser
def test_in_the_browser_every_entry_shows_and_a_markup_name_is_plain_text(page):
    assert len(shown(page)) == 5
    assert SCRIPT_NAME in shown(page)
    assert page.locator("#inv-count").inner_text() == "Showing 5 of 5 entries"


@in_browser
def test_typing_in_the_search_box_keeps_only_matching_rows(page):
    page.fill("#inv-search", "berne")
    assert shown(page) == ["Berne Initiative"]
    assert page.locator("#inv-count").inner_text() == "Showing 1 of 5 entries"


@in_browser
def test_search_looks_into_contributions_and_ignores_case(page):
    page.fill("#inv-search", "COHERENCE")
    assert shown(page) == ["Global Commission on International Migration"]


@in_browser
def test_picking_a_kind_keeps_only_entries_of_that_kind(page):
    page.select_option("#inv-kind", "process")
    assert shown(page) == ["Global Forum on Migration and Development", "Regional consultative processes"]


@in_browser
def test_filters_and_search_combine_and_the_timeline_follows(page):
    page.select_option("#inv-kind", "process")
    page.select_option("#inv-scope", "regional")
    assert shown(page) == ["Regional consultative processes"]
    assert shown_on_timeline(page) == ["regional-consultative-processes"]
    page.fill("#inv-search", "forum")
    assert shown(page) == []
    assert page.locator("#inv-none").is_visible()


@in_browser
def test_stale_only_shows_entries_past_the_review_threshold_and_clear_shows_all(page):
    page.check("#inv-stale")
    assert shown(page) == ["Berne Initiative"]
    page.click("#inv-reset")
    assert len(shown(page)) == 5
