"""The inventory as one self-contained HTML page: searchable, filterable table, timeline, stale marks.

The page needs no server and no network: CSS and JavaScript are inline, every text from the inventory
file is HTML-escaped (Jinja2 autoescape). Without JavaScript all entries are shown.

The page is written in English, French or Spanish (``lang=``, issue 13): headings, filters, labels,
legends, the vocabularies' words and definitions, periods and dates in words (Babel) are in that language;
the entries' own texts (names, descriptions, contributions, milestones, lead entities) stay as their
sources give them, and each source is listed with the language it is written in.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from babel.dates import format_skeleton

from .. import __version__, fmt, i18n
from ..fileio import write_text
from ..i18n import N_, _
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
#: The page's languages; ``page_name`` gives each its file name.
PAGE_LANGUAGES = ("en", "fr", "es")

#: How the vocabularies' values are printed (the values themselves stay in the data attributes the
#: filters use).
LABELS = {
    "process": N_("process"), "mechanism": N_("mechanism"), "initiative": N_("initiative"),
    "report": N_("report"), "conference": N_("conference"), "outcome document": N_("outcome document"),
    "active": N_("active"), "concluded": N_("concluded"), "planned": N_("planned"),
    NOT_STATED: N_("not stated in source"), "global": N_("global"), "regional": N_("regional"),
    "national": N_("national"), "contribution": N_("contribution"), "recommendation": N_("recommendation"),
}

#: Names of the languages sources are written in, as the page prints them (in the page's language).
SOURCE_LANGUAGES = {"en": N_("English"), "fr": N_("French"), "es": N_("Spanish"), "ar": N_("Arabic"),
                    "zh": N_("Chinese"), "ru": N_("Russian")}


def _page_lang(lang: str | None) -> str:
    lang = (lang or i18n.locale()).strip().lower().replace("-", "_").split("_")[0]
    if lang not in PAGE_LANGUAGES:
        raise ValueError(f"no inventory page in language {lang!r} — use one of {', '.join(PAGE_LANGUAGES)}")
    return lang


def page_name(lang: str | None = "en") -> str:
    """File name of the page in ``lang``: ``inventory.html`` (English), ``inventory.fr.html``, …"""
    lang = _page_lang(lang or "en")
    return PAGE_NAME if lang == "en" else f"inventory.{lang}.html"


def label(value: str) -> str:
    """A vocabulary value (kind, status, scope, contribution type) in the installed language."""
    return _(LABELS[value]) if value in LABELS else value


def human_date(text: str, lang: str | None = None) -> str:
    """``2016-09-19`` → ``19 September 2016`` (FR ``19 septembre 2016``, ES ``19 de septiembre de 2016``);
    ``2005-10`` → ``October 2005`` (``octobre 2005``, ``octubre de 2005``); other values unchanged but for
    :data:`NOT_STATED` and :data:`ONGOING`, translated. ``lang`` defaults to the installed language."""
    if not is_date(text):
        return label(text)
    lang = _page_lang(lang)
    year, month, day = parse_partial_date(text)
    if month is None:
        return str(year)
    if day:
        return fmt.date(dt.date(year, month, day), locale=lang)
    return format_skeleton("yMMMM", dt.date(year, month, 1), locale=lang)


def period_text(entry: Entry, lang: str | None = None) -> str:
    """The entry's period for readers: ``2001–2005``, ``1974``, ``since 2007``, ``not stated in source``
    (in ``lang``, default the installed language)."""
    with i18n.using(_page_lang(lang)) if lang else contextlib.nullcontext():
        start, end = entry.period.start, entry.period.end
        ns = label(NOT_STATED)
        if start == NOT_STATED:
            if end == NOT_STATED:
                return ns
            if end == ONGOING:
                return _("ongoing (start {not_stated})").format(not_stated=ns)
            return _("until {date} (start {not_stated})").format(date=human_date(end), not_stated=ns)
        if end == ONGOING:
            return _("since {date}").format(date=human_date(start))
        if end == NOT_STATED:
            return _("from {date} (end {not_stated})").format(date=human_date(start), not_stated=ns)
        return human_date(start) if start == end else f"{human_date(start)}–{human_date(end)}"


def slugify(text: str) -> str:
    """A stable, URL-safe id from a name (``Berne Initiative`` → ``berne-initiative``)."""
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")


def cite(source: Source) -> str:
    """A source as cited on the page: title, date (the title as the source gives it)."""
    return f"{source.title}, {human_date(source.date)}"


def source_language(source: Source) -> str:
    """The language a source is written in, named in the installed language (``French`` → ``français``)."""
    code = source.language
    return _(SOURCE_LANGUAGES[code]) if code in SOURCE_LANGUAGES else code


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
            text = f"{human_date(c.date)} — {label(c.type)}: {c.text}"
            row.marks.append(_Mark(scale.pct(earliest(c.date)), c.type, text))


def _rows(inventory: Inventory, today: dt.date, stale_after_days: int) -> list[_Row]:
    numbers = {sid: n for n, sid in enumerate(inventory.sources, start=1)}

    def ref(sid: str) -> dict:
        source = inventory.sources[sid]
        return {"n": numbers.get(sid, "?"), "id": sid, "citation": cite(source),
                "language": source.language, "language_name": source_language(source)}

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
                    {"date": human_date(c.date), "type": c.type, "label": label(c.type), "text": c.text,
                     "source": ref(c.source)}
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
    lang: str = "en",
) -> str:
    """The page's HTML in ``lang`` (``en``, ``fr`` or ``es``; see :func:`build_inventory_page`)."""
    if stale_after_days < 0:
        raise ValueError(f"stale_after_days must be 0 or more, got {stale_after_days}")
    lang = _page_lang(lang or "en")
    today = today or dt.date.today()
    env = i18n.jinja_environment(jinja2.PackageLoader("migstats.inventory", "templates"))
    with i18n.using(lang):
        rows = _rows(inventory, today, stale_after_days)
        scale = _Scale(rows, today)
        for row in rows:
            _place(row, scale)

        def counts(attr: str, vocab: dict[str, str]) -> list[tuple[str, str, int]]:
            return [(v, label(v), sum(getattr(r.entry, attr) == v for r in rows)) for v in vocab]

        def words(vocab: dict[str, str]) -> list[tuple[str, str]]:
            return [(label(v), _(d)) for v, d in vocab.items()]

        n = len(rows)
        return env.get_template("inventory.html.j2").render(
            lang=lang,
            rows=rows,
            today=today,
            today_text=human_date(today.isoformat()),
            stale_after_days=stale_after_days,
            stale_days_text=fmt.integer(stale_after_days, locale=lang),
            n_stale=sum(r.stale for r in rows),
            kinds=counts("kind", KINDS),
            statuses=counts("status", STATUSES),
            scopes=counts("scope", SCOPES),
            vocab=[(_("Kind"), words(KINDS)), (_("Status"), words(STATUSES)), (_("Scope"), words(SCOPES)),
                   (_("Contribution type"), words(CONTRIBUTION_TYPES))],
            sources=[{"id": sid, "citation": cite(s), "language": s.language, "language_name": source_language(s)}
                     for sid, s in inventory.sources.items()],
            ticks=scale.ticks(),
            today_pct=scale.pct(today),
            not_stated=label(NOT_STATED),
            version=__version__,
            source_label=source_label,
            label=label,
            days_ago=lambda days: i18n.ngettext("{n} day ago", "{n} days ago", days).format(
                n=fmt.integer(days, locale=lang)),
            showing_one=i18n.ngettext("Showing {shown} of {total} entry", "Showing {shown} of {total} entries", 1),
            showing_other=i18n.ngettext("Showing {shown} of {total} entry", "Showing {shown} of {total} entries",
                                        2),
            showing=i18n.ngettext("Showing {shown} of {total} entry", "Showing {shown} of {total} entries",
                                  n).format(shown=n, total=n),
        )


def build_inventory_page(
    inventory: Inventory,
    out_path: str | Path,
    today: dt.date | None = None,
    stale_after_days: int = DEFAULT_STALE_AFTER_DAYS,
    lang: str = "en",
) -> Path:
    """Write the inventory page in ``lang`` (``en``, ``fr`` or ``es``) to ``out_path`` — a file, or a folder
    to hold :func:`page_name` (``inventory.html``, ``inventory.fr.html``, ``inventory.es.html``); return it.

    ``today`` (default: the current date) is the date staleness is measured from: an entry whose
    ``reviewed`` date is more than ``stale_after_days`` days earlier is marked stale. The file is written
    atomically, so a reader never sees half a page.
    """
    out = Path(out_path)
    if out.is_dir() or out.suffix.lower() not in (".html", ".htm"):
        out = out / page_name(lang)
    html = render_inventory_page(inventory, today=today, stale_after_days=stale_after_days, lang=lang)
    return write_text(out, html)
