"""The inventory as one self-contained HTML page: searchable, filterable table, timeline, stale marks.

The page needs no server and no network: CSS and JavaScript are inline, every text from the inventory
file is HTML-escaped (Jinja2 autoescape). Without JavaScript all entries are shown.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from .. import __version__
from ..fileio import write_text
from .model import (
    CONTRIBUTION_TYPES,
    KINDS,
    NOT_STATED,
    ONGOING,
    SCOPES,
    STATUSES,
    Entry,
    Inventory,
    Source,
    earliest,
    is_date,
    latest,
    parse_partial_date,
)

PAGE_NAME = "inventory.html"
"""File name of the page inside a briefings output folder (the index page links to it)."""

DEFAULT_STALE_AFTER_DAYS = 365
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def human_date(text: str) -> str:
    """``2016-09-19`` → ``19 September 2016``; ``2005-10`` → ``October 2005``; other values unchanged."""
    if not is_date(text):
        return text
    year, month, day = parse_partial_date(text)
    if month is None:
        return str(year)
    return f"{day} {_MONTHS[month - 1]} {year}" if day else f"{_MONTHS[month - 1]} {year}"


def period_text(entry: Entry) -> str:
    """The entry's period for readers: ``2001–2005``, ``1974``, ``since 2007``, ``not stated in source``."""
    start, end = entry.period.start, entry.period.end
    if start == NOT_STATED:
        if end == NOT_STATED:
            return NOT_STATED
        return (
            f"ongoing (start {NOT_STATED})"
            if end == ONGOING
            else f"until {human_date(end)} (start {NOT_STATED})"
        )
    if end == ONGOING:
        return f"since {human_date(start)}"
    if end == NOT_STATED:
        return f"from {human_date(start)} (end {NOT_STATED})"
    return human_date(start) if start == end else f"{human_date(start)}–{human_date(end)}"


def slugify(text: str) -> str:
    """A stable, URL-safe id from a name (``Berne Initiative`` → ``berne-initiative``)."""
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")


def cite(source: Source) -> str:
    """A source as cited on the page: title, date."""
    return f"{source.title}, {human_date(source.date)}"


@dataclass
class _Mark:
    left: float
    css: str
    label: str


@dataclass
class _Row:
    entry: Entry
    slug: str
    period: str
    stale: bool
    days: int
    sources: list[dict]
    contributions: list[dict]
    milestones: list[dict]
    bar: dict | None = None
    marks: list[_Mark] = field(default_factory=list)


class _Scale:
    """Dates → percent along the timeline, from the first decade with an entry to the end of today's year."""

    def __init__(self, rows: list[_Row], today: dt.date) -> None:
        firsts = [r.entry.first_date() for r in rows]
        first_year = min((d.year for d in firsts if d), default=today.year)
        self.start = dt.date(first_year - first_year % 10, 1, 1)
        self.end = dt.date(max(today.year, *(d.year for d in firsts if d)) + 1, 1, 1)
        self.today = today

    def pct(self, day: dt.date) -> float:
        span = (self.end - self.start).days
        return round(min(max((day - self.start).days / span, 0.0), 1.0) * 100, 3)

    def ticks(self) -> list[tuple[int, float]]:
        return [(y, self.pct(dt.date(y, 1, 1))) for y in range(self.start.year, self.end.year, 10)]


def _place(row: _Row, scale: _Scale) -> None:
    start, end = row.entry.period.start, row.entry.period.end
    if is_date(start):
        left = scale.pct(earliest(start))
        if end == ONGOING:
            right, css = scale.pct(scale.today), "ongoing"
        elif end == NOT_STATED:
            right, css = scale.pct(latest(start) + dt.timedelta(days=1)), "end-unknown"
        else:
            right, css = scale.pct(latest(end) + dt.timedelta(days=1)), "closed"
        row.bar = {"left": left, "width": max(right - left, 0.0), "css": css, "label": row.period}
    for m in row.entry.milestones:
        row.marks.append(_Mark(scale.pct(earliest(m.date)), "milestone", f"{human_date(m.date)}: {m.text}"))
    for c in row.entry.contributions:
        if is_date(c.date):
            label = f"{human_date(c.date)} — {c.type}: {c.text}"
            row.marks.append(_Mark(scale.pct(earliest(c.date)), c.type, label))


def _rows(inventory: Inventory, today: dt.date, stale_after_days: int) -> list[_Row]:
    numbers = {sid: n for n, sid in enumerate(inventory.sources, start=1)}

    def ref(sid: str) -> dict:
        return {"n": numbers.get(sid, "?"), "id": sid, "citation": cite(inventory.sources[sid])}

    rows: list[_Row] = []
    used: set[str] = set()
    for i, e in enumerate(inventory.entries, start=1):
        slug = slugify(e.name) or f"entry-{i}"
        if slug in used:
            slug = f"{slug}-{i}"
        used.add(slug)
        rows.append(
            _Row(
                entry=e,
                slug=slug,
                period=period_text(e),
                stale=e.is_stale(today, stale_after_days),
                days=e.days_since_review(today),
                sources=[ref(s) for s in e.sources],
                contributions=[
                    {"date": human_date(c.date), "type": c.type, "text": c.text, "source": ref(c.source)}
                    for c in e.contributions
                ],
                milestones=[{"date": human_date(m.date), "text": m.text} for m in e.milestones],
            )
        )
    far = dt.date.max
    rows.sort(key=lambda r: (r.entry.first_date() or far, r.entry.name.casefold()))
    return rows


def render_inventory_page(
    inventory: Inventory,
    today: dt.date | None = None,
    stale_after_days: int = DEFAULT_STALE_AFTER_DAYS,
    source_label: str = "migstats/data/inventory.yaml",
) -> str:
    """The page's HTML (see :func:`build_inventory_page`)."""
    if stale_after_days < 0:
        raise ValueError(f"stale_after_days must be 0 or more, got {stale_after_days}")
    today = today or dt.date.today()
    rows = _rows(inventory, today, stale_after_days)
    scale = _Scale(rows, today)
    for row in rows:
        _place(row, scale)
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("migstats.inventory", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    def counts(attr: str, vocab: dict[str, str]) -> list[tuple[str, int]]:
        return [(v, sum(getattr(r.entry, attr) == v for r in rows)) for v in vocab]

    return env.get_template("inventory.html.j2").render(
        rows=rows,
        today=today,
        today_text=human_date(today.isoformat()),
        stale_after_days=stale_after_days,
        n_stale=sum(r.stale for r in rows),
        kinds=counts("kind", KINDS),
        statuses=counts("status", STATUSES),
        scopes=counts("scope", SCOPES),
        vocab={"Kind": KINDS, "Status": STATUSES, "Scope": SCOPES, "Contribution type": CONTRIBUTION_TYPES},
        sources=[(sid, cite(s)) for sid, s in inventory.sources.items()],
        ticks=scale.ticks(),
        today_pct=scale.pct(today),
        not_stated=NOT_STATED,
        version=__version__,
        source_label=source_label,
    )


def build_inventory_page(
    inventory: Inventory,
    out_path: str | Path,
    today: dt.date | None = None,
    stale_after_days: int = DEFAULT_STALE_AFTER_DAYS,
) -> Path:
    """Write the inventory page to ``out_path`` (a file, or a folder to hold ``inventory.html``); return it.

    ``today`` (default: the current date) is the date staleness is measured from: an entry whose
    ``reviewed`` date is more than ``stale_after_days`` days earlier is marked stale. The file is written
    atomically, so a reader never sees half a page.
    """
    out = Path(out_path)
    if out.is_dir() or out.suffix.lower() not in (".html", ".htm"):
        out = out / PAGE_NAME
    html = render_inventory_page(inventory, today=today, stale_after_days=stale_after_days)
    return write_text(out, html)
