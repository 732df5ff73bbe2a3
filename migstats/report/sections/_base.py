"""What every section shares: the loaded data, the section's output, templates, tables and source lines.

Sections never load data: they receive a :class:`BriefingData` (the IMS bundle, the resolved place, the
WPP and UNHCR bundles or None with the reason they are missing) and return a :class:`Section` — HTML
rendered from the Jinja templates in ``migstats/report/templates/sections`` (autoescaped, translatable)
and charts from :mod:`migstats.charts`, in display order.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import pandas as pd
from matplotlib.figure import Figure

from ... import fmt, i18n, localnames
from ...i18n import N_, _
from ...places import Place
from ...store import catalog  # the declarations of the official files (name and URL), no loading

TEMPLATES = Path(__file__).resolve().parents[1] / "templates" / "sections"
SYNTHETIC_TEXT = N_("SYNTHETIC SAMPLE — NOT OFFICIAL FIGURES")
WPP_CITATION_SHORT = N_("UN DESA, World Population Prospects 2024")
TOP_N = 10
CHART_MEMBERS = 15
MEMBER_ROWS = 15


@dataclass(frozen=True)
class BriefingData:
    """Everything a briefing shows, already loaded: one place in one IMS edition and year.

    ``wpp`` / ``unhcr`` are the World Population Prospects and UNHCR bundles of the same kind as the IMS
    (official or synthetic, never mixed), or None; ``missing`` then says why (keys ``"wpp"``, ``"unhcr"``).
    ``sdg`` / ``incidents`` / ``remittances`` are the UN SDG Global Database, IOM Missing Migrants and
    World Bank WDI bundles (same kind as the IMS), or None (keys ``"sdg"``, ``"incidents"``,
    ``"remittances"``); ``boundaries`` is ``(GeoDataFrame, SourceFile)`` of the Natural Earth countries
    (real boundaries in both data modes: they are not figures), or None (key ``"boundaries"``).
    """

    ims: Any
    place: Place
    year: int
    wpp: Any = None
    unhcr: Any = None
    sdg: Any = None
    incidents: Any = None
    remittances: Any = None
    boundaries: Any = None
    missing: Mapping[str, str] = field(default_factory=dict)
    generated: dt.datetime = field(default_factory=lambda: dt.datetime.now().astimezone())

    @property
    def edition(self) -> int:
        return int(self.ims.edition)

    @property
    def synthetic(self) -> bool:
        return bool(self.ims.synthetic)

    @property
    def previous_year(self) -> int | None:
        i = self.ims.years.index(self.year)
        return self.ims.years[i - 1] if i > 0 else None

    @property
    def first_year(self) -> int:
        return self.ims.years[0]

    def name_of(self, code: int) -> str:
        """The printed name of a country or area in the installed language (the UN's French or Spanish name,
        :mod:`migstats.localnames`; in English the IMS name, else WPP's)."""
        return localnames.name(code, i18n.language(), self.edition, default=self.english_name_of(code),
                               names=getattr(self.ims, "names", None))

    def english_name_of(self, code: int) -> str:
        """The UN DESA English name of a country or area (IMS names, else WPP's)."""
        name = self.ims.name(code, default="")  # the first row's name, kept by the bundle
        if name:
            return name.replace("*", "").strip()
        return self.wpp.name(code) if self.wpp is not None else str(code)


@dataclass(frozen=True)
class Html:
    """An HTML fragment of a section, with the notebook output metadata it carries (e.g. the headline)."""

    text: str
    metadata: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Chart:
    """A chart of a section (titled, with its source line: see :mod:`migstats.charts`)."""

    figure: Figure


@dataclass
class Section:
    """One section of a briefing: its parts (HTML and charts) in display order."""

    name: str
    parts: list[Html | Chart] = field(default_factory=list)

    def add_html(self, text: str, metadata: Mapping[str, Any] | None = None) -> None:
        if text.strip():
            self.parts.append(Html(text, dict(metadata or {})))

    def add_chart(self, figure: Figure) -> None:
        self.parts.append(Chart(figure))

    @property
    def html(self) -> str:
        """All the section's HTML, joined (for tests and previews)."""
        return "\n".join(p.text for p in self.parts if isinstance(p, Html))

    @property
    def charts(self) -> list[Figure]:
        return [p.figure for p in self.parts if isinstance(p, Chart)]


_ENV: jinja2.Environment | None = None


def environment() -> jinja2.Environment:
    """The Jinja environment of the section templates (autoescape, ``jinja2.ext.i18n``)."""
    global _ENV
    if _ENV is None:
        _ENV = i18n.jinja_environment(jinja2.FileSystemLoader(str(TEMPLATES)))
    return _ENV


def render(template: str, **context: Any) -> str:
    """Render ``templates/sections/<template>`` with ``context`` (values are escaped), in the installed language
    (French and Spanish: "de" between a count in words and its noun, :func:`migstats.fmt.counted_nouns`)."""
    return fmt.counted_nouns(environment().get_template(template).render(**context))


def heading(text: str) -> str:
    """A section heading (``<h2>``)."""
    return render("heading.html.j2", text=text)


def table_html(frame: pd.DataFrame, *, numeric: tuple[str, ...] = (), caption: str | None = None,
               source: str | None = None) -> str:
    """A table of already-formatted strings (``numeric`` columns right-aligned), no index."""
    columns = [{"label": str(c), "numeric": c in numeric} for c in frame.columns]
    rows = [[{"text": str(v), "numeric": c in numeric} for c, v in zip(frame.columns, row, strict=True)]
            for row in frame.itertuples(index=False)]
    return render("table.html.j2", columns=columns, rows=rows, caption=caption, source=source)


def source_line(text: str) -> str:
    return render("source.html.j2", text=text)


# ----------------------------------------------------------------------------- sources and missing data


def ims_source(data: BriefingData, detail: str = "") -> str:
    """The source line of a chart or table: publisher, publication and edition."""
    pub = _("UN DESA, International Migrant Stock {edition}").format(edition=data.edition)
    if detail:
        pub += f" ({detail})"
    if data.synthetic:
        return _("Source: {synthetic} in the layout of {publication}").format(synthetic=_(SYNTHETIC_TEXT),
                                                                              publication=pub)
    return _("Source: {publication}").format(publication=pub)


def matrix_source(data: BriefingData) -> str:
    """The source line of figures from the destination-and-origin table (or a third-party extract)."""
    keys = {s.key for s in getattr(data.ims, "sources", [])}
    if f"ims{data.edition}-matrix" in keys or data.synthetic:
        return ims_source(data, _("destination and origin"))
    if any("extract" in k for k in keys):
        return ims_source(data, _("destination and origin, third-party extract by IOM gdidata"))
    return ims_source(data, _("destination and origin"))


def wpp_source(wpp) -> str:
    """The source line of WPP charts and tables."""
    if wpp.synthetic:
        return _("Source: {synthetic} in the layout of {publication}").format(
            synthetic=_(SYNTHETIC_TEXT), publication=_(WPP_CITATION_SHORT))
    if any(s.spec.key == "wpp2024-derived" for s in wpp.sources):
        return _("Source: {publication} (annual indicators as published in the UN Population Division's "
                 "wpp2024 R package)").format(publication=_(WPP_CITATION_SHORT))
    return _("Source: {publication}").format(publication=_(WPP_CITATION_SHORT))


def unhcr_source(unhcr, year: int | None = None, *, with_wpp: bool = False) -> str:
    """The source line of UNHCR charts and tables (end-year figures)."""
    when = _(", end-{year}").format(year=year) if year else ""
    if unhcr.synthetic:
        return _("Source: {synthetic} in the layout of the UNHCR Refugee Data Finder{when}").format(
            synthetic=_(SYNTHETIC_TEXT), when=when)
    title = unhcr.sources[0].spec.title.split(":")[0] if unhcr.sources else _("UNHCR refugee statistics")
    text = _("Source: {publication}").format(publication=title) + when
    if with_wpp:
        text += _("; population: {publication}").format(publication=_(WPP_CITATION_SHORT))
    return text


def how_to_get(key: str) -> str:
    """How to get a missing official file (its name and URL, from the declarations of the store)."""
    try:
        spec = catalog.get(key)
    except Exception:  # an unknown key: fall back to the generic instruction
        return _("put the publisher's workbook in a folder and set MIGSTATS_MIRROR to it.")
    return _("download {file} from {url} into a folder, set MIGSTATS_MIRROR to that folder and build the "
             "briefing again (migstats briefings).").format(file=spec.filename, url=spec.url)


#: The store's reasons for a missing file that briefings know how to say in the reader's language (the
#: store words them in English, for the command line and logs): ``(pattern, message)``, the message taking
#: the pattern's named groups (file names, titles, URLs and folders are kept as they are).
_REASONS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"the official destination-and-origin workbook is not available; origins, emigrants and "
                r"corridors use a third-party extract of it \(IOM gdidata, same figures, countries only\)\.?"),
     N_("the official destination-and-origin workbook is not available; origins, emigrants and corridors "
        "use a third-party extract of it (IOM gdidata, same figures, countries only)")),
    (re.compile(r"(?P<file>\S+) \((?P<title>.+)\) is not in the mirror \((?P<where>.*)\) or the cache — "
                r"download it from (?P<url>\S+) into a folder and set it as mirror .*"),
     N_("{file} ({title}) is not in the mirror ({where}) or the cache — download it from {url} into a "
        "folder and set that folder as mirror (migstats config set mirror DIR, or --mirror DIR)")),
    (re.compile(r"(?P<file>\S+) \((?P<title>.+)\) is not in the mirror \((?P<where>.*)\) or the cache — "
                r"put it in a folder .*"),
     N_("{file} ({title}) is not in the mirror ({where}) or the cache — put it in a folder and set that "
        "folder as mirror (migstats config set mirror DIR, or --mirror DIR)")),
    (re.compile(r"could not download (?P<file>\S+) from (?P<url>\S+) \((?P<error>\w+)\) — .*"),
     N_("could not download {file} from {url} ({error}) — check the connection, or put the file in a folder "
        "and set that folder as mirror (--mirror DIR)")),
    (re.compile(r"(?P<file>\S+) is not part of the synthetic sample\.?"),
     N_("{file} is not part of the synthetic sample")),
]


def reason_text(reason: str | Exception) -> str:
    """The reason a file or section is missing, in the installed language when it is one of the store's
    known reasons (:data:`_REASONS`); any other reason is shown as the store gave it."""
    text = str(reason).strip()
    for pattern, message in _REASONS:
        m = pattern.fullmatch(text)
        if m:
            return _(message).format(**m.groupdict())
    m = re.fullmatch(r"(?P<what>.+) needs the (?P<kind>destination-and-origin|by-origin) workbook of IMS "
                     r"(?P<edition>\d+) \((?P<file>\S+)\), which is not available(?:: (?P<why>.*))?", text, re.S)
    if m:
        # "what" is the indicator's own (English) wording of what it computes: the section names it already.
        message = (_("the destination-and-origin workbook of IMS {edition} ({file}) is not available")
                   if m["kind"] == "destination-and-origin" else
                   _("the by-origin workbook of IMS {edition} ({file}) is not available"))
        text = message.format(edition=m["edition"], file=m["file"])
        return text + (": " + reason_text(m["why"]) if m["why"] else "")
    return text


def missing_html(section: str, reason: str | Exception, key: str) -> str:
    """The "Not available — how to get it" box of a section whose data is missing."""
    return render("missing.html.j2", section=section, reason=reason_text(reason).rstrip(".") + ".",
                  how=how_to_get(key))


def per_1000(x: float | None) -> str:
    """A rate per 1,000 population, signed: ``2.895`` → ``'+2.9 per 1,000'``."""
    if x is None or fmt._missing(x):
        return fmt.NOT_AVAILABLE
    v = round(float(x), 1)
    sign = "+" if v > 0 else (fmt.MINUS if v < 0 else "")
    return _("{value} per 1,000").format(value=sign + fmt.number(abs(v), 1))


def per_100k(x: float | None) -> str:
    """SDG 10.7.4 as printed: ``123.456`` → ``'123.5 per 100,000'``."""
    if x is None or fmt._missing(x):
        return fmt.NOT_AVAILABLE
    return _("{value} per 100,000").format(value=fmt.number(float(x), 1))
