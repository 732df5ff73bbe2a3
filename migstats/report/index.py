"""``index.html``: one page listing every briefing in an output folder, with headline figures and links.

Documents are grouped by the kind of their place (world, regions and groups, countries and areas); the page
is searchable and sortable in the browser by a small inline script — no server, nothing loaded.

The page is built from the state files the runner writes (``.state/*.json``), so it lists the briefings
of earlier batches too; it is regenerated after each batch. Links are relative: the folder can be
moved or served as it is.

**Languages (issue 13).** The page is written once per language — ``index.html`` (English),
``index.fr.html``, ``index.es.html`` — each with a language switcher linking the others and
``<html lang="…">``. A briefing built in several languages (state files with a ``lang`` field, ``"en"``,
``"fr"`` or ``"es"``; a state without one is English; stems ending in ``-en``/``-fr``/``-es``) is *one
row* with a link to each version present. On each page the UI text is translated (gettext), the place
names are the printed names of :mod:`migstats.localnames` (the briefing's own name when a version in that
language exists), the figures are in the language's number format (:mod:`migstats.fmt`), and sorting by
name follows the language's collation (``localeCompare(…, lang)`` in the browser). The workplan inventory
page is built beside it in the same three languages (``inventory.html``, ``inventory.fr.html``,
``inventory.es.html``).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import pandas as pd

from .. import __version__, fmt, i18n, inventory, localnames
from ..fileio import write_text
from ..i18n import N_, _, ngettext

TEMPLATES = Path(__file__).parent / "templates"

#: The languages the index (and the inventory page) is written in; English first (``index.html``).
PAGE_LANGUAGES = ("en", "fr", "es")
#: How the language switcher names each language (its own name for itself: not translated).
LANGUAGE_NAMES = {"en": "English", "fr": "Français", "es": "Español"}


def page_name(lang: str | None, stem: str = "index") -> str:
    """File name of a page in ``lang``: ``index.html`` for English, ``index.fr.html``, ``index.es.html``."""
    lang = _lang(lang)
    return f"{stem}.html" if lang == "en" else f"{stem}.{lang}.html"


def _lang(lang: str | None) -> str:
    lang = (lang or "en").strip().lower().replace("-", "_").split("_")[0]
    if lang not in PAGE_LANGUAGES:
        raise ValueError(f"no index page in language {lang!r} — use one of {', '.join(PAGE_LANGUAGES)}")
    return lang


@dataclass
class IndexEntry:
    """One briefing (one state file): one language version of a place's document."""

    name: str
    title: str
    status: str
    html: str | None = None
    pdf: str | None = None
    notebook: str | None = None
    error: str | None = None
    synthetic: bool = False
    headline: dict = field(default_factory=dict)
    lang: str = "en"

    @property
    def kind(self) -> str:
        """The kind of the place (``country``, ``sdg_region``, ``income_group``, ``custom``, …) as its notebook's
        header published it (``headline["kind"]``), else ``aggregate`` (a regional briefing built before its
        header published the kind)."""
        return str(self.headline.get("kind") or "aggregate")

    @property
    def group(self) -> str:
        """The index group this document is listed under (English; translate with ``_`` to print)."""
        return KIND_GROUPS.get(self.kind, KIND_GROUPS["aggregate"])

    @property
    def stem(self) -> str:
        """The name shared by the language versions of one document: the name without its ``-<lang>``."""
        suffix = f"-{self.lang}"
        return self.name[: -len(suffix)] if self.name.endswith(suffix) else self.name

    @property
    def code(self) -> int | None:
        """The UN DESA code of the place as the briefing's header published it (``headline["code"]``); None
        for a user-defined group or a briefing that failed before its header (its title is then printed as
        the state gives it — a leading number in a name may be part of a user's own name, never guessed)."""
        code = self.headline.get("code")
        if self.headline.get("kind") == "custom":
            return None
        if isinstance(code, int) or (isinstance(code, str) and code.isdigit()):
            return int(code)
        return None


#: Index group of each place kind, in display order.
KIND_GROUPS = {"world": N_("World"), "sdg_region": N_("SDG regions"), "region": N_("Regions"),
               "subregion": N_("Subregions"), "development_group": N_("Development groups"),
               "special_group": N_("Special groups"), "income_group": N_("Income groups"),
               "aggregate": N_("Regions and groups of countries"), "custom": N_("Groups defined by the user"),
               "country": N_("Countries and areas")}


#: How a place's kind is printed in the index.
KIND_LABELS = {"world": N_("World"), "sdg_region": N_("SDG region"), "region": N_("Region"),
               "subregion": N_("Subregion"), "development_group": N_("Development group"),
               "special_group": N_("Special group"), "income_group": N_("Income group"),
               "aggregate": N_("Region or group"), "custom": N_("User-defined group"),
               "country": N_("Country or area")}

#: Headline figures shown as columns: key, how the value is formatted, column heading.
FIGURES = (("stock", "count", N_("International migrants")), ("share", "percent", N_("% of population")),
           ("female", "percent", N_("Female %")), ("emigrants", "count", N_("Emigrants")),
           ("change_previous", "change", N_("Change since previous estimate")))


@dataclass
class IndexRow:
    """One place on a page in one language: every language version of its document."""

    title: str
    kind: str
    group: str
    versions: list[IndexEntry]
    figures: list[dict]
    sdg_region: str | None = None
    edition: object = ""
    year: object = ""

    @property
    def status(self) -> str:
        return "built" if any(v.status == "built" for v in self.versions) else "failed"

    @property
    def synthetic(self) -> bool:
        return any(v.synthetic for v in self.versions)

    @property
    def failed(self) -> list[IndexEntry]:
        return [v for v in self.versions if v.status == "failed"]

    @property
    def notebook(self) -> str | None:
        return next((v.notebook for v in self.versions if v.notebook), None)


def grouped(entries: list) -> list[tuple[str, list]]:
    """Entries (or rows) grouped by their ``group``, groups in :data:`KIND_GROUPS` order, order kept."""
    order = list(dict.fromkeys(KIND_GROUPS.values()))
    groups: dict[str, list] = {}
    for e in entries:
        groups.setdefault(e.group, []).append(e)
    return [(g, groups[g]) for g in order if g in groups]


def _rel(path: str | None, out_dir: Path) -> str | None:
    if not path:
        return None
    p = Path(path)
    try:
        return p.resolve().relative_to(out_dir.resolve()).as_posix()
    except ValueError:
        return p.as_posix()


def read_entries(out_dir: str | Path) -> list[IndexEntry]:
    """Every briefing recorded in ``out_dir/.state``, sorted by title (one entry per language version)."""
    out_dir = Path(out_dir)
    entries = []
    for state_file in sorted((out_dir / ".state").glob("*.json")):
        try:
            s = json.loads(state_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if not isinstance(s, dict):
            continue
        built = s.get("status") != "failed"
        html = _rel(s.get("html"), out_dir) if built else None
        pdf = _rel(s.get("pdf"), out_dir) if built else None
        lang = str(s.get("lang") or "en").lower()
        entries.append(IndexEntry(
            name=s.get("name", state_file.stem), title=s.get("title") or state_file.stem,
            status="failed" if not built else "built",
            html=html if html and (out_dir / html).is_file() else None,
            pdf=pdf if pdf and (out_dir / pdf).is_file() else None,
            notebook=_rel(s.get("notebook"), out_dir) if s.get("notebook") else None, error=s.get("error"),
            synthetic=bool(s.get("synthetic")), headline=s.get("headline") or {},
            lang=lang if lang in PAGE_LANGUAGES else "en",
        ))
    return sorted(entries, key=lambda e: (e.title.lower(), e.name))


# ----------------------------------------------------------------------------- figures in a language

_UNITS = {"thousand": 1e3, "million": 1e6, "millions": 1e6, "millón": 1e6, "millones": 1e6,
          "billion": 1e9, "milliard": 1e9, "milliards": 1e9, "mil millones": 1e9}
_NUMBER = re.compile(r"^([+\-\u2212]?)([\d.,\s\u00a0\u202f]*\d)\s*(%|mil millones|[a-zà-ÿ]+)?", re.IGNORECASE)


def parse_figure(text: object, lang: str = "en") -> tuple[float, int] | None:
    """A figure as a briefing printed it (``'4.8 million'``, ``'−133,561'``, ``'57.1 %'``; FR ``'4,8
    millions'``) back to ``(value, decimals)``; None when it is not a figure (``'–'``)."""
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return float(text), 0 if float(text).is_integer() else 1
    if not isinstance(text, str):
        return None
    m = _NUMBER.match(text.strip())
    if not m:
        return None
    decimal, group = fmt.separators(lang if lang in fmt._WORDS else "en")
    digits = m[2]
    for sep in {group, " ", "\u00a0", "\u202f"}:
        digits = digits.replace(sep, "")
    if decimal == ",":
        digits = digits.replace(".", "").replace(",", ".")
    else:
        digits = digits.replace(",", "")
    try:
        value = float(digits)
    except ValueError:
        return None
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    unit = (m[3] or "").lower()
    value *= _UNITS.get(unit, 1)
    return (-value if m[1] in ("-", "\u2212") else value), decimals


def _figure(text: object, style: str, source_lang: str, lang: str) -> dict:
    """``{"text", "value"}`` of one headline figure in ``lang`` (``value`` for sorting, None if missing)."""
    parsed = parse_figure(text, source_lang)
    if parsed is None:
        return {"text": text if isinstance(text, str) and text else fmt.NOT_AVAILABLE, "value": None}
    value, decimals = parsed
    if source_lang == lang and isinstance(text, str):
        return {"text": text, "value": value}
    loc = None if lang == "en" else lang
    if style == "percent":
        out = fmt.percent(value, decimals, locale=loc or "en")
    elif style == "change":
        out = fmt.change(value, max(decimals, 1) if abs(value) >= 1e6 else 1, locale=loc or "en")
    else:
        out = fmt.count(value, max(decimals, 1) if abs(value) >= 1e6 else 1, locale=loc or "en")
    return {"text": out, "value": value}


# ----------------------------------------------------------------------------- rows of a page

def _region_codes(names: pd.DataFrame | None) -> dict[str, int]:
    if names is None or not len(names):
        return {}
    en = names[names["language"] == "en"]
    return {str(n).casefold(): int(c) for c, n in zip(en["code"], en["name"], strict=True)}


def rows_for(entries: list[IndexEntry], lang: str | None = None, *,
             names: pd.DataFrame | None = None) -> list[IndexRow]:
    """One :class:`IndexRow` per place (language versions together), in ``lang``, sorted by the printed
    name as a reader of ``lang`` expects."""
    lang = _lang(lang)
    by_stem: dict[str, list[IndexEntry]] = {}
    for e in entries:
        by_stem.setdefault(e.stem, []).append(e)
    regions = _region_codes(names)
    rows = []
    for versions in by_stem.values():
        versions.sort(key=lambda v: PAGE_LANGUAGES.index(v.lang))
        own = next((v for v in versions if v.lang == lang and v.status == "built" and v.headline), None)
        english = next((v for v in versions if v.lang == "en"), None)
        # The figures: the version in this language as printed, else another version's re-formatted.
        source = own or next((v for v in versions if v.status == "built" and v.headline), versions[0])
        h = source.headline
        first = english or versions[0]
        code = next((v.code for v in versions if v.code is not None), None)
        if own is not None and own.headline.get("place"):
            title = str(own.headline["place"])
        elif code is not None and (lang != "en" or english is None):
            title = localnames.name(code, lang, default=None if english is None else english.title, names=names)
            if title == str(code):
                title = first.title
        else:
            title = first.title
        region = h.get("sdg_region")
        if region and source.lang != lang:
            rcode = regions.get(str(region).casefold())
            if source.lang == "en" and rcode is not None:
                region = localnames.name(rcode, lang, default=str(region), names=names)
        kind = str(h.get("kind") or "aggregate")
        rows.append(IndexRow(
            title=title, kind=kind, group=KIND_GROUPS.get(kind, KIND_GROUPS["aggregate"]), versions=versions,
            figures=[_figure(h.get(key), style, source.lang, lang) for key, style, _label in FIGURES],
            sdg_region=region or None, edition=h.get("edition", ""), year=h.get("year", ""),
        ))
    return sorted(rows, key=lambda r: (localnames.sort_key(r.title, lang), r.versions[0].name))


# ----------------------------------------------------------------------------- the page

def render_index(entries: list[IndexEntry], *, title: str | None = None,
                 inventory: str | None = None, generated: str | None = None, lang: str | None = None,
                 names: pd.DataFrame | None = None) -> str:
    """The HTML text of the index page in ``lang`` (``en``, ``fr`` or ``es``; default English).

    ``names`` is the UNSD M49 names frame (``ims.names``) for the place names of countries and M49 regions;
    without it only the groupings of ``migstats/data/place_names.yaml`` (and the names the briefings in
    that language printed) are translated. ``inventory`` is the inventory page's file name, if there is one.
    """
    lang = _lang(lang)
    env = i18n.jinja_environment(_loader())
    with i18n.using(lang):
        rows = rows_for(entries, lang, names=names)
        groups = [(_(g), items) for g, items in grouped(rows)]
        now = dt.datetime.now().astimezone()
        html = env.get_template("index.html.j2").render(
            lang=lang, title=title or _("Migration briefings and country profiles"), rows=rows, groups=groups,
            kinds={k: _(v) for k, v in KIND_LABELS.items()}, inventory=inventory, version=__version__,
            generated=generated or fmt.timestamp(now, locale=lang),
            any_synthetic=any(r.synthetic for r in rows),
            columns=[_(label) for _key, _style, label in FIGURES],
            n_documents=ngettext("{n} document", "{n} documents", len(rows)).format(n=len(rows)),
            shown_one=ngettext("{shown} of {total} document", "{shown} of {total} documents", 1),
            shown_other=ngettext("{shown} of {total} document", "{shown} of {total} documents", 2),
            synthetic_banner=_("SYNTHETIC SAMPLE — NOT OFFICIAL FIGURES") + " " + _("(in the briefings marked so)"),
            switcher=[{"lang": code, "label": code.upper(), "name": LANGUAGE_NAMES[code],
                       "href": page_name(code), "current": code == lang} for code in PAGE_LANGUAGES],
            language_names=LANGUAGE_NAMES,
        )
    return html


def _loader() -> jinja2.FileSystemLoader:
    return jinja2.FileSystemLoader(str(TEMPLATES))


def write_index(out_dir: str | Path, results: list | None = None, *,
                languages: tuple[str, ...] = PAGE_LANGUAGES, names: pd.DataFrame | None = None) -> Path:
    """(Re)write the index page of ``out_dir`` in every language of ``languages`` — ``index.html``
    (English), ``index.fr.html``, ``index.es.html`` — from the state files, and the inventory page beside
    each (``inventory.html``, ``inventory.fr.html``, ``inventory.es.html``); return ``index.html``'s path
    (the first language's page when English is not among ``languages``).

    ``results`` (this batch's results) is accepted for callers that have them; the pages always reflect
    every state file in the folder. ``names`` is the UNSD M49 names frame (``ims.names``, which the runner
    passes); without it only the names listed in ``migstats/data/place_names.yaml`` and those the briefings
    printed are translated.
    """
    out_dir = Path(out_dir)
    languages = tuple(_lang(x) for x in languages) or PAGE_LANGUAGES
    entries = read_entries(out_dir)
    first = None
    for lang in languages:
        inv = _build_inventory(out_dir, lang)
        target = write_text(out_dir / page_name(lang),
                            render_index(entries, inventory=inv, lang=lang, names=names))
        first = first or target
    return first  # type: ignore[return-value]


def _build_inventory(out_dir: Path, lang: str = "en") -> str:
    """Build the workplan inventory page in ``lang`` beside the index; return its file name."""
    name = page_name(lang, "inventory")
    inventory.build_inventory_page(inventory.load_inventory(), out_dir / name, lang=lang)
    return name
