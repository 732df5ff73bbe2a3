"""The content of a regional briefing: figures, tables, charts and text, assembled from the indicators.

:class:`Briefing` holds one place in one IMS edition and year. Its methods without ``show_`` return data
(dicts and frames, tested); the ``show_*`` methods display a section in a notebook (HTML, Markdown and
SVG charts — no code, no ``repr`` noise), so ``notebooks/regional_briefing.ipynb`` is a list of calls.

Sections, in the style of UN DESA's *International Migration Highlights* and IOM's country profiles:
headline figures; trend since 1990; where the migrants come from; member countries ranked; emigration;
largest corridors; notes (definitions, sources with checksums, edition, generation date). A section whose
workbook is not available says what is missing and how to get it; the rest of the briefing is complete.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .. import __version__, charts, fmt, registry
from .. import indicators as ind
from ..errors import DataUnavailable, ParamsError
from ..places import Place, resolve

SYNTHETIC_TEXT = "SYNTHETIC SAMPLE — NOT OFFICIAL FIGURES"
TOP_N = 10
CHART_MEMBERS = 15

DEFINITIONS = [
    ("International migrant stock",
     "People living in a country or area other than their country of birth (or, where the place of birth "
     "is not recorded, other than their country of citizenship), at mid-year. Refugees and asylum "
     "seekers are included. Regional figures are the sums of the member countries and areas."),
    ("Migrants as % of population",
     "International migrant stock ÷ total mid-year population × 100 (population from World Population "
     "Prospects, as printed in Table 2 of the destination workbook)."),
    ("Female migrants (%)", "Female international migrants ÷ all international migrants × 100."),
    ("Annual rate of change",
     "100 · ln(M₂/M₁) / (t₂ − t₁), per cent per year, over the real length of the period "
     "(the last period of IMS 2024, 2020–2024, is 4 years)."),
    ("Emigrants", "Persons born in a country of the region who live in another country (including "
     "other countries of the same region)."),
    ("Migration corridor", "The migrants born in one country and living in another (origin → destination)."),
    ("Editions", "Each edition of International Migrant Stock revises earlier years: figures from "
     "different editions are different series and are not compared here."),
]


# --------------------------------------------------------------------------- small helpers


@dataclass
class Missing:
    """A section that cannot be built: what it needs, why it is missing, and how to get it."""

    section: str
    reason: str
    how: str

    def html(self) -> str:
        return (f'<div class="missing"><strong>Not available: {html.escape(self.section)}.</strong> '
                f"{html.escape(self.reason)}<br><em>How to get it:</em> {html.escape(self.how)}</div>")


def html_table(frame: pd.DataFrame, *, numeric: tuple[str, ...] = (), caption: str | None = None,
               source: str | None = None) -> str:
    """A plain HTML table of already-formatted strings (right-aligned ``numeric`` columns), no index."""
    head = "".join(f'<th class="{"num" if c in numeric else ""}">{html.escape(str(c))}</th>' for c in frame.columns)
    body = []
    for row in frame.itertuples(index=False):
        cells = "".join(
            f'<td class="{"num" if c in numeric else ""}">{html.escape(str(v))}</td>'
            for c, v in zip(frame.columns, row, strict=True)
        )
        body.append(f"<tr>{cells}</tr>")
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    out = f'<table>{cap}<thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'
    if source:
        out += f'<p class="table-source">{html.escape(source)}</p>'
    return out


def _display_html(text: str, metadata: dict | None = None) -> None:
    from IPython.display import HTML, display

    display(HTML(text), metadata=metadata or {})


def _value(frame: pd.DataFrame, year: int | None = None, sex: str | None = "both") -> float:
    rows = frame
    if year is not None and "year" in rows.columns:
        rows = rows[rows["year"] == year]
    if sex is not None and "sex" in rows.columns:
        rows = rows[rows["sex"] == sex]
    return float(rows["value"].iloc[0]) if len(rows) and pd.notna(rows["value"].iloc[0]) else float("nan")


# --------------------------------------------------------------------------- the briefing


@dataclass
class Briefing:
    """One place in one IMS edition and year, with everything a briefing shows."""

    ims: Any
    place: Place
    year: int
    generated: dt.datetime = field(default_factory=lambda: dt.datetime.now().astimezone())

    # ----- labels

    @property
    def edition(self) -> int:
        return int(self.ims.edition)

    @property
    def synthetic(self) -> bool:
        return bool(self.ims.synthetic)

    @property
    def previous_year(self) -> int | None:
        years = self.ims.years
        i = years.index(self.year)
        return years[i - 1] if i > 0 else None

    @property
    def first_year(self) -> int:
        return self.ims.years[0]

    def source(self, detail: str = "") -> str:
        """The source line of a chart or table: publisher, publication and edition."""
        pub = f"UN DESA, International Migrant Stock {self.edition}"
        if detail:
            pub += f" ({detail})"
        if self.synthetic:
            return f"Source: {SYNTHETIC_TEXT} in the layout of {pub}"
        return f"Source: {pub}"

    def _matrix_source(self) -> str:
        keys = {s.key for s in getattr(self.ims, "sources", [])}
        if f"ims{self.edition}-matrix" in keys or self.synthetic:
            return self.source("destination and origin")
        if any("extract" in k for k in keys):
            return self.source("destination and origin, third-party extract by IOM gdidata")
        return self.source("destination and origin")

    def _how_to_get(self, key: str) -> str:
        try:
            spec = registry.get(key)
        except Exception:  # an unknown key: fall back to the generic instruction
            return "put the publisher's workbook in a folder and set MIGSTATS_MIRROR to it."
        return (f"download {spec.filename} from {spec.url} into a folder, set MIGSTATS_MIRROR to that folder "
                "and build the briefing again (migstats briefings).")

    def _missing(self, section: str, exc: Exception, key: str) -> Missing:
        return Missing(section, str(exc).rstrip(".") + ".", self._how_to_get(key))

    # ----- figures

    def headline(self) -> dict[str, float | int | None]:
        """Headline figures (numbers): stock, population, share, female share, changes, rate, emigrants."""
        ims, p, y = self.ims, self.place, self.year
        stock = ind.migrant_stock(ims, p, sex="both")
        out: dict[str, Any] = {"year": y, "edition": self.edition, "previous_year": self.previous_year,
                               "first_year": self.first_year}
        out["stock"] = _value(stock, y)
        out["population"] = _value(ind.total_population(ims, p, years=y, sex="both"), y)
        out["share"] = _value(ind.migrant_share(ims, p, years=y, sex="both"), y)
        out["female"] = _value(ind.female_share(ims, p, years=y), y, None)
        prev, first = self.previous_year, self.first_year
        out["stock_previous"] = _value(stock, prev) if prev else float("nan")
        out["change_previous"] = out["stock"] - out["stock_previous"] if prev else float("nan")
        out["stock_first"] = _value(stock, first)
        out["change_first"] = out["stock"] - out["stock_first"] if first != y else float("nan")
        out["rate"] = (_value(ind.annual_rate_of_change(ims, p, end=y, sex="both"), None)
                       if prev else float("nan"))
        return out

    def headline_text(self) -> dict[str, str]:
        """The headline figures as printed (also stored in the notebook for the index page)."""
        h = self.headline()
        return {
            "place": self.place.name, "code": self.place.code, "edition": self.edition, "year": self.year,
            "synthetic": self.synthetic,
            "stock": fmt.count(h["stock"]), "share": fmt.percent(h["share"]), "female": fmt.percent(h["female"]),
            "change_previous": fmt.change(h["change_previous"]), "change_first": fmt.change(h["change_first"]),
            "rate": fmt.rate(h["rate"]), "previous_year": h["previous_year"], "first_year": h["first_year"],
        }

    def lead(self) -> str:
        """One paragraph summarising the headline figures in words."""
        h, t = self.headline(), self.headline_text()
        text = (f"At mid-{self.year}, {t['stock']} international migrants lived in {self.place.name}, "
                f"{t['share']} of its population; {t['female']} of them were women and girls.")
        if h["previous_year"] and not np.isnan(h["change_previous"]):
            grew = "grew" if h["change_previous"] >= 0 else "fell"
            text += (f" Their number {grew} by {fmt.count(abs(h['change_previous']))} since "
                     f"{h['previous_year']} ({t['rate']})")
            if not np.isnan(h["change_first"]):
                text += f" and by {fmt.change(h['change_first'])} since {h['first_year']}"
            text += "."
        return text

    def trend(self) -> pd.DataFrame:
        """Stock (persons), share (%) and female share (%) in every year of the edition."""
        ims, p = self.ims, self.place
        stock = ind.migrant_stock(ims, p, sex="both")[["year", "value"]].rename(columns={"value": "stock"})
        share = ind.migrant_share(ims, p, sex="both")[["year", "value"]].rename(columns={"value": "share"})
        female = ind.female_share(ims, p)[["year", "value"]].rename(columns={"value": "female"})
        out = stock.merge(share, on="year", how="left").merge(female, on="year", how="left")
        out = out[out["year"] <= self.year].sort_values("year").reset_index(drop=True)
        rates = ind.annual_rate_of_change(ims, p, sex="both")[["end_year", "value"]]
        out = out.merge(rates.rename(columns={"end_year": "year", "value": "rate"}), on="year", how="left")
        return out

    def members(self) -> pd.DataFrame:
        """Member countries/areas ranked by migrant stock: stock, share, female share, change, rate."""
        ims, y, prev = self.ims, self.year, self.previous_year
        codes = list(self.place.members)
        st = ims.stock[(ims.stock["origin"] == 900) & ims.stock["destination"].isin(codes)]
        wide = st.pivot_table(index="destination", columns=["sex", "year"], values="value", aggfunc="sum")
        pop = ims.population[(ims.population["sex"] == "both") & (ims.population["year"] == y)
                             & ims.population["location"].isin(codes)].set_index("location")["value"]
        label = {int(c): str(n).replace("*", "").strip()
                 for c, n in zip(ims.locations["code"], ims.locations["name"], strict=True)}
        out = pd.DataFrame({"code": codes})
        out["name"] = [label.get(c, str(c)) for c in codes]

        def col(sex: str, year: int | None) -> np.ndarray:
            if year is None or (sex, year) not in wide.columns:
                return np.full(len(codes), np.nan)
            return wide[(sex, year)].reindex(codes).to_numpy(dtype=float)

        out["stock"] = col("both", y)
        with np.errstate(divide="ignore", invalid="ignore"):
            popv = pop.reindex(codes).to_numpy(dtype=float)
            out["share"] = np.where(popv > 0, 100 * out["stock"] / popv, np.nan)
            out["female"] = np.where(out["stock"] > 0, 100 * col("female", y) / out["stock"], np.nan)
        out["change"] = out["stock"] - col("both", prev)
        out["rate"] = ind.exponential_rate(col("both", prev), out["stock"], prev, y) if prev else np.nan
        out = out.sort_values(["stock", "name"], ascending=[False, True], na_position="last", kind="stable")
        out.insert(0, "rank", range(1, len(out) + 1))
        return out.reset_index(drop=True)

    def origins(self) -> dict[str, pd.DataFrame]:
        """Where the place's migrants come from: by SDG region of origin, and the top countries of origin.

        Raises :class:`~migstats.errors.DataUnavailable` without the destination-and-origin workbook.
        """
        by_region = ind.origins_by_region(self.ims, self.place, year=self.year)
        top = ind.top_origins(self.ims, self.place, year=self.year, n=TOP_N)
        return {"by_region": by_region, "top": top}

    def emigration(self) -> dict[str, Any]:
        """Emigrants born in the place (persons, by-origin workbook) and where they live (matrix)."""
        out: dict[str, Any] = {}
        emi = ind.emigrants(self.ims, self.place, sex="both")
        out["emigrants"] = _value(emi, self.year)
        out["emigrants_previous"] = _value(emi, self.previous_year) if self.previous_year else float("nan")
        out["emigrants_first"] = _value(emi, self.first_year)
        return out

    def destinations(self) -> pd.DataFrame:
        """The main countries where the place's emigrants live (needs the destination-and-origin workbook)."""
        return ind.top_destinations(self.ims, self.place, year=self.year, n=TOP_N)

    def corridors(self) -> pd.DataFrame:
        """The largest origin → destination corridors into, out of or within the place."""
        return ind.corridors(self.ims, self.place, year=self.year, n=TOP_N)

    def sources(self) -> pd.DataFrame:
        """The files this briefing was built from: file, edition, sha256, verified, where it was found."""
        rows = []
        for s in getattr(self.ims, "sources", []):
            rows.append({"file": s.spec.filename, "title": s.spec.title, "sha256": s.sha256,
                         "verified": bool(s.verified), "origin": s.origin, "synthetic": bool(s.synthetic),
                         "citation": s.spec.citation, "licence": s.spec.licence})
        return pd.DataFrame(rows, columns=["file", "title", "sha256", "verified", "origin", "synthetic",
                                           "citation", "licence"])

    # ----- display (notebook cells call these)

    def show_header(self) -> None:
        """Banner (synthetic data), title, subtitle and the headline figures with their metadata."""
        t = self.headline_text()
        banner = f'<div class="synthetic-banner">{SYNTHETIC_TEXT}</div>' if self.synthetic else ""
        kind = {"sdg_region": "SDG region", "region": "Region", "subregion": "Subregion",
                "country": "Country or area", "world": "World"}.get(self.place.kind, "Group of countries")
        figures = [
            (t["stock"], f"international migrants, mid-{self.year}"),
            (t["share"], "of the total population"),
            (t["female"], "of migrants are female"),
            (t["change_previous"], f"change since {t['previous_year']}" if t["previous_year"] else "change"),
            (t["change_first"], f"change since {t['first_year']}"),
            (t["rate"].replace(" per year", ""), f"annual rate of change, {t['previous_year']}–{self.year}"),
        ]
        boxes = "".join(f'<div class="figure"><div class="value">{html.escape(v)}</div>'
                        f'<div class="label">{html.escape(lab)}</div></div>' for v, lab in figures)
        text = (f"{banner}<h1>{html.escape(self.place.name)}</h1>"
                f'<p class="subtitle">International migration briefing · {kind} · '
                f"International Migrant Stock {self.edition}, estimates for {self.year}</p>"
                f'<div class="headline">{boxes}</div><p class="lead">{html.escape(self.lead())}</p>'
                f'<p class="table-source">{html.escape(self.source())}</p>')
        _display_html(text, metadata={"migstats": {"headline": t}})

    def show_trend(self) -> None:
        """Table and chart of the stock and share from the first year to the briefing's year."""
        tr = self.trend()
        table = pd.DataFrame({
            "Year": tr["year"].astype(str),
            "International migrants": [fmt.integer(v) for v in tr["stock"]],
            "% of population": [fmt.percent(v) for v in tr["share"]],
            "Female %": [fmt.percent(v) for v in tr["female"]],
            "Annual rate of change": [fmt.rate(v) if pd.notna(v) else fmt.NOT_AVAILABLE
                                                          for v in tr["rate"]],
        })
        fig = charts.trend_chart(tr["year"].tolist(), tr["stock"].tolist(), tr["share"].tolist(),
                                 title=f"International migrants in {self.place.name}, "
                                       f"{tr['year'].iloc[0]}–{tr['year'].iloc[-1]}",
                                 source=self.source())
        charts.show(fig)
        _display_html(html_table(table, numeric=tuple(table.columns[1:]), source=self.source()))

    def show_origins(self) -> None:
        """Same region vs other regions, and the top countries of origin (table and chart)."""
        try:
            o = self.origins()
        except DataUnavailable as exc:
            _display_html(self._missing("where the migrants come from", exc, f"ims{self.edition}-matrix").html())
            return
        by = o["by_region"]
        same = by.loc[by["same_region"].fillna(False).astype(bool), "value"].sum()
        unknown = by.loc[by["origin_group"] == 2003, "value"].sum()
        other = by["value"].sum() - same - unknown
        total = by["value"].sum()
        parts = [("Born in the same region", same), ("Born in other regions", other)]
        if unknown > 0:
            parts.append(("Origin unknown", unknown))
        src = self._matrix_source()
        fig = charts.share_bars([p[0] for p in parts], [p[1] for p in parts],
                                title=f"Migrants in {self.place.name} by region of birth, {self.year}", source=src)
        charts.show(fig)
        regions = by.assign(**{
            "Region of origin": by["origin_group_name"].astype(str),
            "Migrants": [fmt.integer(v) for v in by["value"]],
            "Share of all migrants": [fmt.percent(v) for v in by["share"]],
        })[["Region of origin", "Migrants", "Share of all migrants"]]
        _display_html(html_table(regions, numeric=("Migrants", "Share of all migrants"),
                                 caption=f"Migrants by SDG region of origin, {self.year} "
                                         f"(total {fmt.count(total)})", source=src))
        top = o["top"]
        if len(top):
            fig = charts.bar_chart(top["origin_name"].tolist(), top["value"].tolist(),
                                   title=f"Main countries of origin of migrants in {self.place.name}, {self.year}",
                                   source=src)
            charts.show(fig)
            tab = pd.DataFrame({"Rank": top["rank"].astype(str), "Country or area of origin": top["origin_name"],
                                "Migrants": [fmt.integer(v) for v in top["value"]],
                                "Share of all migrants": [fmt.percent(v) for v in top["share"]]})
            _display_html(html_table(tab, numeric=("Migrants", "Share of all migrants"), source=src))

    def show_members(self) -> None:
        """Member countries ranked by migrant stock: chart of the largest and the full table."""
        m = self.members()
        if len(m) == 0:
            return
        prev = self.previous_year
        top = m.head(CHART_MEMBERS)
        more = f" (largest {CHART_MEMBERS} of {len(m)})" if len(m) > CHART_MEMBERS else ""
        if len(m) > 1:
            fig = charts.bar_chart(top["name"].tolist(), top["stock"].tolist(),
                                   title=f"International migrants by country or area{more}, {self.year}",
                                   source=self.source())
            charts.show(fig)
        tab = pd.DataFrame({
            "Rank": m["rank"].astype(str), "Country or area": m["name"],
            "Migrants": [fmt.integer(v) for v in m["stock"]],
            "% of population": [fmt.percent(v) for v in m["share"]],
            "Female %": [fmt.percent(v) for v in m["female"]],
            f"Change since {prev}" if prev else "Change": [fmt.change(v) for v in m["change"]],
            "Rate of change, % per year": [fmt.rate(v).replace(" % per year", "") for v in m["rate"]],
        })
        _display_html(html_table(tab, numeric=tuple(tab.columns[2:]), source=self.source()))

    def show_emigration(self) -> None:
        """Emigrants born in the place and the countries where they live."""
        try:
            e = self.emigration()
        except DataUnavailable as exc:
            _display_html(self._missing("emigration from the region", exc, f"ims{self.edition}-origin").html())
            return
        h = self.headline()
        text = (f"<p>At mid-{self.year}, {html.escape(fmt.count(e['emigrants']))} people born in "
                f"{html.escape(self.place.name)} lived in another country or area")
        if self.previous_year and not np.isnan(e["emigrants_previous"]):
            text += f" ({html.escape(fmt.change(e['emigrants'] - e['emigrants_previous']))} since {self.previous_year})"
        text += (f"; for comparison, {html.escape(fmt.count(h['stock']))} international migrants lived in the "
                 "region. Emigrants include people living in another country of the same region.</p>")
        _display_html(text + f'<p class="table-source">{html.escape(self.source("origin"))}</p>')
        try:
            d = self.destinations()
        except DataUnavailable as exc:
            _display_html(self._missing("where the emigrants live", exc, f"ims{self.edition}-matrix").html())
            return
        src = self._matrix_source()
        if len(d):
            fig = charts.bar_chart(d["destination_name"].tolist(), d["value"].tolist(),
                                   title=f"Where people born in {self.place.name} live, {self.year}", source=src)
            charts.show(fig)
            tab = pd.DataFrame({"Rank": d["rank"].astype(str), "Country or area of residence": d["destination_name"],
                                "Emigrants": [fmt.integer(v) for v in d["value"]],
                                "Share of all emigrants": [fmt.percent(v) for v in d["share"]]})
            _display_html(html_table(tab, numeric=("Emigrants", "Share of all emigrants"), source=src))

    def show_corridors(self) -> None:
        """The largest corridors touching the place."""
        try:
            c = self.corridors()
        except DataUnavailable as exc:
            _display_html(self._missing("the largest migration corridors", exc, f"ims{self.edition}-matrix").html())
            return
        words = {"inward": "into the region", "outward": "out of the region", "within": "within the region"}
        tab = pd.DataFrame({"Rank": c["rank"].astype(str), "Born in": c["origin_name"],
                            "Living in": c["destination_name"], "Migrants": [fmt.integer(v) for v in c["value"]],
                            "Corridor": [words.get(d, d) for d in c["direction"]]})
        _display_html(html_table(tab, numeric=("Migrants",), source=self._matrix_source()))

    def show_notes(self) -> None:
        """Definitions, sources with checksums, edition, generation date and software version."""
        defs = "".join(f"<li><strong>{html.escape(k)}</strong>: {html.escape(v)}</li>" for k, v in DEFINITIONS)
        src = self.sources()
        rows = []
        for r in src.itertuples(index=False):
            status = "synthetic sample" if r.synthetic else ("checksum verified" if r.verified else "not verified")
            rows.append(f"<li>{html.escape(r.citation if not r.synthetic else r.title)} — file "
                        f"<em>{html.escape(r.file)}</em> ({html.escape(status)}, {html.escape(r.origin)}); "
                        f'sha256 <span class="checksum">{html.escape(r.sha256)}</span>. '
                        f"Licence: {html.escape(r.licence)}.</li>")
        missing = "".join(f"<li>{html.escape(k)}: {html.escape(v)}</li>"
                          for k, v in (getattr(self.ims, "missing", {}) or {}).items())
        stamp = self.generated.strftime("%d %B %Y, %H:%M %Z").strip()
        synthetic = (f"<p><strong>{SYNTHETIC_TEXT}.</strong> This briefing was built from the synthetic "
                     "sample shipped with migstats (the official files were not available); its figures are "
                     "invented and must not be quoted.</p>") if self.synthetic else ""
        text = (f'<div class="notes">{synthetic}<h3>Definitions</h3><ul>{defs}</ul>'
                f"<h3>Sources</h3><ul>{''.join(rows)}</ul>"
                + (f"<h3>Data not available for this briefing</h3><ul>{missing}</ul>" if missing else "")
                + f"<h3>Edition</h3><p>International Migrant Stock {self.edition}; estimates at mid-year "
                f"{', '.join(str(y) for y in self.ims.years)}. The briefing shows {self.year}.</p>"
                f'<p class="footer-note">Generated {html.escape(stamp)} with migstats {__version__}.</p></div>')
        _display_html(text)


def briefing_for(place: str | int, *, edition: int | None = None, year: int | None = None,
                 data: str = "auto") -> Briefing:
    """Load the data and resolve the place of a briefing (the first call of the notebook)."""
    from ..data import LATEST_EDITION, load_ims

    ims = load_ims(edition or LATEST_EDITION, data=data)
    p = resolve(ims, place)
    if not year:
        year = ims.latest_year
    if int(year) not in ims.years:
        raise ParamsError(f"year {year} is not in International Migrant Stock {ims.edition} "
                           f"(years: {', '.join(map(str, ims.years))})")
    return Briefing(ims=ims, place=p, year=int(year))


def setup_notebook() -> None:
    """Reader-facing notebook settings: no warnings, a non-interactive matplotlib backend."""
    import warnings

    import matplotlib

    warnings.filterwarnings("ignore")
    matplotlib.use("agg")
