"""The content of a regional briefing: figures, tables, charts and text, assembled from the indicators.

:class:`Briefing` holds one place in one IMS edition and year. Its methods without ``show_`` return data
(dicts and frames, tested); the ``show_*`` methods display a section in a notebook (HTML, Markdown and
SVG charts — no code, no ``repr`` noise), so ``notebooks/regional_briefing.ipynb`` is a list of calls.

Sections, in the style of UN DESA's *International Migration Highlights* and IOM's country profiles:
headline figures; trend since 1990; where the migrants come from; member countries ranked; emigration;
largest corridors; migration and population change (WPP 2024); refugees (UNHCR); notes (definitions,
sources with checksums, edition, generation date). A section whose
workbook is not available says what is missing and how to get it; the rest of the briefing is complete.

World Population Prospects and UNHCR figures come from the same kind of data as the IMS: an official
IMS briefing uses only the official WPP/UNHCR files (a section says what is missing when they are not
there), a synthetic one only the synthetic samples — never a mix.
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
from ..errors import DataUnavailable, ParamsError, UnknownPlace
from ..indicators import population as pop_ind
from ..indicators import refugees as ref_ind
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

POPULATION_DEFINITIONS = [
    ("Natural change", "Births minus deaths during the year (World Population Prospects 2024), persons."),
    ("Net migration", "Immigrants minus emigrants during the year (World Population Prospects 2024), persons; "
     "balanced to zero at world level. Population change = natural change + net migration."),
    ("Net migration rate", "Crude net migration rate: net migration per 1,000 mid-year population, as "
     "published by World Population Prospects 2024 (CNMR)."),
    ("Immigration the main driver of population growth",
     "In a period of population growth, net migration larger than natural change (UN DESA, World "
     "Population Prospects 2024: Summary of Results)."),
    ("Refugees under UNHCR's mandate", "People recognised as refugees, or in refugee-like situations, under "
     "UNHCR's mandate, at the end of the year, by country of asylum; Palestine refugees under UNRWA's "
     "mandate are not included."),
    ("Asylum-seekers", "People who have sought international protection and whose claim for refugee status "
     "has not yet been decided, at the end of the year."),
    ("SDG indicator 10.7.4 (SM_POP_REFG_OR)", ref_ind.SDG_10_7_4_DEFINITION.replace(
        "protection (UNHCR, series SM_POP_REFG_OR).", "protection; per 100,000. Custodian: UNHCR.")),
]
WPP_CITATION_SHORT = "UN DESA, World Population Prospects 2024"
MEMBER_ROWS = 15


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


def _load_wpp(mode: str):
    """World Population Prospects 2024 in ``mode`` ("official" or "sample"); tests replace this."""
    from ..sources.wpp import load_wpp

    return load_wpp(data=mode)


def _load_unhcr(mode: str):
    """UNHCR population figures in ``mode`` ("official" or "sample"); tests replace this."""
    from ..sources.unhcr import load_unhcr

    return load_unhcr(data=mode)


def per_1000(x: float | None) -> str:
    """A rate per 1,000 population, signed: ``2.895`` → ``'+2.9 per 1,000'``."""
    if x is None or fmt._missing(x):
        return fmt.NOT_AVAILABLE
    v = round(float(x), 1)
    sign = "+" if v > 0 else (fmt.MINUS if v < 0 else "")
    return f"{sign}{abs(v):,.1f} per 1,000"


def per_100k(x: float | None) -> str:
    """SDG 10.7.4 as printed: ``123.456`` → ``'123.5 per 100,000'``."""
    if x is None or fmt._missing(x):
        return fmt.NOT_AVAILABLE
    return f"{float(x):,.1f} per 100,000"


#: The UN's flag descriptions (WPP 2024) as clauses about a place and a period (past, projected).
FLAG_SENTENCES = {
    pop_ind.FLAGS["immigration_main_driver"]:
        ("immigration was the main driver of population growth (net migration exceeded natural change)",
         "immigration would be the main driver of population growth"),
    pop_ind.FLAGS["offsets_natural_decrease"]:
        ("net migration offset a natural decrease (more deaths than births)",
         "net immigration would offset a natural decrease"),
    pop_ind.FLAGS["decline_despite_immigration"]:
        ("the population declined despite net immigration", "the population would decline despite net immigration"),
}


def _clauses(flags: list[str], projected: bool = False) -> str:
    return " and ".join(FLAG_SENTENCES[f][1 if projected else 0] for f in flags)


# --------------------------------------------------------------------------- the briefing


@dataclass
class Briefing:
    """One place in one IMS edition and year, with everything a briefing shows."""

    ims: Any
    place: Place
    year: int
    generated: dt.datetime = field(default_factory=lambda: dt.datetime.now().astimezone())
    _loaded: dict = field(default_factory=dict, repr=False, compare=False)

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
        extra = []
        for kind in ("wpp", "unhcr"):
            try:
                extra.extend(self._load(kind).sources)
            except DataUnavailable:
                pass
        seen: set[str] = set()
        for s in [*getattr(self.ims, "sources", []), *extra]:
            if s.sha256 in seen:
                continue
            seen.add(s.sha256)
            rows.append({"file": s.spec.filename, "title": s.spec.title, "sha256": s.sha256,
                         "verified": bool(s.verified), "origin": s.origin, "synthetic": bool(s.synthetic),
                         "citation": s.spec.citation, "licence": s.spec.licence})
        return pd.DataFrame(rows, columns=["file", "title", "sha256", "verified", "origin", "synthetic",
                                           "citation", "licence"])

    # ----- population change (WPP 2024) and refugees (UNHCR)

    @property
    def data_mode(self) -> str:
        """The kind of WPP/UNHCR data that goes with this IMS: "official" or "sample" (never mixed)."""
        return "sample" if self.synthetic else "official"

    def _load(self, kind: str):
        """WPP or UNHCR figures of the same kind as the IMS, loaded once (a failure is remembered too)."""
        if kind not in self._loaded:
            try:
                self._loaded[kind] = (_load_wpp if kind == "wpp" else _load_unhcr)(self.data_mode)
            except DataUnavailable as exc:
                self._loaded[kind] = exc
        got = self._loaded[kind]
        if isinstance(got, Exception):
            raise got
        return got

    @property
    def wpp(self):
        """World Population Prospects 2024 (raises DataUnavailable when its file is missing)."""
        return self._load("wpp")

    @property
    def unhcr(self):
        """UNHCR refugee statistics (raises DataUnavailable when its file is missing)."""
        return self._load("unhcr")

    def wpp_source(self) -> str:
        """The source line of WPP charts and tables."""
        w = self.wpp
        if w.synthetic:
            return f"Source: {SYNTHETIC_TEXT} in the layout of {WPP_CITATION_SHORT}"
        if any(s.spec.key == "wpp2024-derived" for s in w.sources):
            return (f"Source: {WPP_CITATION_SHORT} (annual indicators as published in the UN Population "
                    "Division's wpp2024 R package)")
        return f"Source: {WPP_CITATION_SHORT}"

    def unhcr_source(self, year: int | None = None, *, with_wpp: bool = False) -> str:
        """The source line of UNHCR charts and tables (end-year figures)."""
        u = self.unhcr
        when = f", end-{year}" if year else ""
        if u.synthetic:
            return f"Source: {SYNTHETIC_TEXT} in the layout of the UNHCR Refugee Data Finder{when}"
        title = u.sources[0].spec.title.split(":")[0] if u.sources else "UNHCR refugee statistics"
        text = f"Source: {title}{when}"
        if with_wpp:
            text += f"; population: {WPP_CITATION_SHORT}"
        return text

    def _name(self, code: int) -> str:
        hit = self.ims.locations.loc[self.ims.locations["code"] == int(code), "name"]
        return str(hit.iloc[0]).replace("*", "").strip() if len(hit) else self.wpp.name(code)

    def _wpp_codes(self) -> int | list[int]:
        """The place's own WPP row where WPP has one (UN aggregates do), else its member countries."""
        known = set(self.wpp.locations["code"].astype(int))
        if self.place.code is not None and int(self.place.code) in known:
            return int(self.place.code)
        present = [c for c in self.place.members if c in known]
        if not present or len(present) < len(self.place.members):
            label = " (synthetic sample)" if self.wpp.synthetic else ""
            raise UnknownPlace(f"{WPP_CITATION_SHORT}{label} has no figures for {self.place.name}")
        return present

    def population_change(self) -> dict[str, Any]:
        """Population change split into natural change and net migration (WPP 2024, persons).

        Keys: ``period`` (decomposition over the latest estimates period, see
        :func:`~migstats.indicators.population.decompose_period`), ``latest`` (the last estimates year:
        births … population_change, ``cnmr`` per 1,000 and ``flags``), ``rate_note`` (where the rate comes
        from), ``projection`` (2024–2050, medium variant) and ``members`` (one row per member country in
        WPP for the latest estimates year, sorted by |net migration|).
        Raises DataUnavailable (no WPP file) or UnknownPlace (WPP has no figures for the place).
        """
        wpp, codes = self.wpp, self._wpp_codes()
        table = pop_ind.decompose(wpp, codes)
        est = table[table["variant"] == "estimates"]
        if est.empty:
            raise UnknownPlace(f"{WPP_CITATION_SHORT} has no estimates for {self.place.name}")
        last = int(est["year"].max())
        starts = [y for y in self.ims.years if y <= last - 5]
        start = max(starts) if starts else last - 9
        period = pop_ind.decompose_period(wpp, codes, start, last)
        row = est[est["year"] == last].iloc[0]
        latest = {k: float(row[k]) for k in pop_ind.COMPONENTS}
        latest["year"] = last
        latest["flags"] = pop_ind.flags(latest["natural_change"], latest["net_migration"])
        latest["cnmr"] = pop_ind.net_migration_rate(wpp, codes, last, population=self.ims.population)
        has_mid_year = "population_mid_year" in set(wpp.indicators["measure"].unique())
        if isinstance(codes, int):
            rate_note = ("Net migration rates are WPP's own crude net migration rates (CNMR, per 1,000 "
                         "mid-year population)")
            rate_note += ("." if has_mid_year else "; WPP's mid-year population is not in the available file, "
                          "so no rate is recomputed here.")
        else:
            rate_note = ("The group's net migration rate divides its net migration by its mid-year population "
                         + ("from WPP." if has_mid_year else "from the IMS population table (WPP's mid-year "
                            "population is not in the available file)."))
        try:
            projection = pop_ind.projected_contribution(wpp, codes, 2050)
        except (UnknownPlace, ValueError):
            projection = None
        return {"period": period, "latest": latest, "rate_note": rate_note, "projection": projection,
                "members": self._member_components(last)}

    def _member_components(self, year: int) -> pd.DataFrame:
        frame = self.wpp.indicators
        rows = frame[(frame["year"] == year) & frame["location"].isin(list(self.place.members))
                     & frame["measure"].isin(["natural_change", "net_migration", "population_change", "cnmr"])]
        wide = rows.pivot_table(index="location", columns="measure", values="value", aggfunc="first")
        wide = wide.reindex(columns=["natural_change", "net_migration", "population_change", "cnmr"])
        out = wide.reset_index().rename(columns={"location": "code"}).rename_axis(columns=None)
        out["name"] = [self._name(c) for c in out["code"]]
        out["abs"] = out["net_migration"].abs()
        out = out.sort_values(["abs", "name"], ascending=[False, True], kind="stable").drop(columns="abs")
        return out.reset_index(drop=True)[["code", "name", "natural_change", "net_migration",
                                           "population_change", "cnmr"]]

    def refugees(self) -> dict[str, Any]:
        """Refugees and asylum-seekers hosted by the member countries, and refugees from them (UNHCR).

        UNHCR publishes countries only, so the region's figures are sums over its member countries.
        Keys: ``year`` (UNHCR end-year: the IMS year, or the latest before it), ``refugees``,
        ``asylum_seekers``, ``hosted`` (both, persons),
        ``stock`` and ``stock_year`` (IMS), ``share`` (% of the migrant stock), ``hosts`` (members ranked by
        hosted), ``by_origin`` (refugees + other people in need of international protection from the
        members), ``sdg_10_7_4`` (the region: value, refugees, population, population_method or None)
        and ``origins`` (members ranked by refugees originating from them, with SDG 10.7.4).
        """
        u = self.unhcr
        frame, members_ = u.population, list(self.place.members)
        # The UNHCR end-year closest to the IMS reference year without going past it (end-2024 beside
        # mid-2024 stock); the latest UNHCR year only if UNHCR has none that early.
        earlier = [y for y in u.years if y <= self.year]
        year = max(earlier) if earlier else max(u.years)
        now = frame[frame["year"] == year]
        if not (set(now["asylum"]) | set(now["origin"])) & set(members_):
            label = " (synthetic sample)" if u.synthetic else ""
            raise UnknownPlace(f"UNHCR's figures{label} for {year} include no country of {self.place.name}")
        hosted = now[now["asylum"].isin(members_) & now["measure"].isin(ref_ind.HOSTED_MEASURES)]
        hosts = hosted.pivot_table(index="asylum", columns="measure", values="value", aggfunc="sum")
        hosts = hosts.reindex(columns=list(ref_ind.HOSTED_MEASURES)).fillna(0.0)
        hosts = hosts.reset_index().rename(columns={"asylum": "code"}).rename_axis(columns=None)
        hosts["hosted"] = hosts["refugees"] + hosts["asylum_seekers"]
        hosts["name"] = [self._name(c) for c in hosts["code"]]
        hosts = hosts.sort_values(["hosted", "name"], ascending=[False, True], kind="stable").reset_index(drop=True)
        total_ref, total_asy = float(hosts["refugees"].sum()), float(hosts["asylum_seekers"].sum())
        stock = self.headline()["stock"]
        share = ref_ind.share_of_migrant_stock(total_ref + total_asy, stock) if stock == stock else None
        origin = now[now["origin"].isin(members_) & now["measure"].isin(ref_ind.SDG_10_7_4_MEASURES)]
        by_origin = origin.groupby("origin")["value"].sum()
        origins = pd.DataFrame({"code": by_origin.index.astype(int), "refugees": by_origin.to_numpy(dtype=float)})
        origins["name"] = [self._name(c) for c in origins["code"]]
        origins = origins.sort_values(["refugees", "name"], ascending=[False, True], kind="stable")
        origins = origins.head(TOP_N).reset_index(drop=True)
        sdg: dict[str, Any] | None = None
        try:
            codes = self._wpp_codes()
            pop, method = pop_ind.end_year_population(self.wpp, codes, year)
            refugees_out = float(by_origin.sum())
            sdg = {"value": None if pop is None else ref_ind.sdg_10_7_4(refugees_out, pop),
                   "refugees": refugees_out, "population": pop, "population_method": method}
            values = []
            for c, r in zip(origins["code"], origins["refugees"], strict=True):
                try:
                    p_c, _ = pop_ind.end_year_population(self.wpp, int(c), year)
                except UnknownPlace:
                    p_c = None
                values.append(np.nan if p_c is None else ref_ind.sdg_10_7_4(float(r), p_c))
            origins["sdg_10_7_4"] = values
        except (DataUnavailable, UnknownPlace):
            origins["sdg_10_7_4"] = np.nan
        return {"year": year, "refugees": total_ref, "asylum_seekers": total_asy, "hosted": total_ref + total_asy,
                "stock": stock, "stock_year": self.year, "share": share, "hosts": hosts,
                "by_origin": float(by_origin.sum()), "sdg_10_7_4": sdg, "origins": origins}


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

    def _section_unavailable(self, section: str, exc: Exception, key: str) -> None:
        _display_html(self._missing(section, exc, key).html())

    def show_population_change(self) -> None:
        """Population change split into natural change and net migration (WPP 2024): text, table, chart."""
        section = "migration and population change"
        try:
            pc = self.population_change()
        except (DataUnavailable, UnknownPlace) as exc:
            self._section_unavailable(section, exc, "wpp2024-indicators")
            return
        name, per, last, proj = html.escape(self.place.name), pc["period"], pc["latest"], pc["projection"]

        def effect(v: float, up: str = "added", down: str = "removed") -> str:
            return f"{up} {fmt.count(v)}" if v >= 0 else f"{down} {fmt.count(abs(v))}"

        grew = "grew" if per["population_change"] >= 0 else "fell"
        text = (f"Between 1 January {per['start_year']} and 31 December {per['end_year']} the population of "
                f"{name} {grew} by {fmt.count(abs(per['population_change']))}: natural change (births minus "
                f"deaths) {effect(per['natural_change'])} people and net migration {effect(per['net_migration'])}.")
        if per["flags"]:
            text += f" In this period {_clauses(per['flags'])}."
        elif per["net_migration"] < 0:
            text += " More people left than arrived: net migration reduced the population."
        elif per["population_change"] > 0:
            text += " Natural change, not migration, was the main driver of population growth."
        if per["population_change"] > 0 and 0 < per["net_migration_share"] <= 100:
            text += (f" Net migration accounted for {fmt.percent(per['net_migration_share'])} of the growth.")
        text += (f"</p><p>In {last['year']}, net migration was {fmt.change(last['net_migration'])} "
                 f"({per_1000(last['cnmr'])} population) and natural change {fmt.change(last['natural_change'])}.")
        if last["flags"] and last["flags"] != per["flags"]:
            clause = _clauses(last["flags"])
            text += f" In {last['year']}, {clause}."
        if proj is not None:
            text += (f"</p><p>In the medium-variant projection, from {proj['start_year']} to {proj['end_year']} "
                     f"natural change would {effect(proj['natural_change'], 'add', 'remove')} and net migration "
                     f"would {effect(proj['net_migration'], 'add', 'remove')} people")
            text += f"; {_clauses(proj['flags'], projected=True)}." if proj["flags"] else "."
        note = ("Figures for the region are World Population Prospects' own aggregate; they are annual flows "
                f"for calendar years (estimates up to {last['year']}, projections from {last['year'] + 1}). "
                if isinstance(self._wpp_codes(), int) else "Figures for the group are sums of its members. ")
        _display_html(f"<p>{text}</p>"
                      f'<p class="table-source" style="margin-top: 0.3rem">{html.escape(note + pc["rate_note"])} '
                      f"{html.escape(self.wpp_source())}.</p>")

        def share(d: dict) -> str:
            return (fmt.percent(d["net_migration_share"]) if d["population_change"] > 0
                    and d["net_migration_share"] == d["net_migration_share"] else fmt.NOT_AVAILABLE)

        periods = [(f"{per['start_year']}–{per['end_year']} (estimates)", per),
                   (f"{last['year']} (estimates)", {**last, "net_migration_share": pop_ind.share_due_to_net_migration(
                       last["natural_change"], last["net_migration"])})]
        if proj is not None:
            periods.append((f"{proj['start_year']}–{proj['end_year']} (projection, medium variant)", proj))
        summary = pd.DataFrame({
            "Period": [p for p, _ in periods],
            "Natural change": [fmt.integer(d["natural_change"]) for _, d in periods],
            "Net migration": [fmt.integer(d["net_migration"]) for _, d in periods],
            "Population change": [fmt.integer(d["population_change"]) for _, d in periods],
            "Net migration, % of growth": [share(d) for _, d in periods],
        })
        _display_html(html_table(summary, numeric=tuple(summary.columns[1:]),
                                 caption=f"Components of population change, {self.place.name} (persons)",
                                 source=self.wpp_source()))
        m = pc["members"].dropna(subset=["net_migration"])
        if len(m) > 1:
            top = m.head(MEMBER_ROWS).sort_values("net_migration", ascending=False, kind="stable")
            more = (f" (the {MEMBER_ROWS} of {len(m)} with the largest net migration, in or out)"
                    if len(m) > MEMBER_ROWS else "")
            fig = charts.components_chart(top["name"].tolist(), top["natural_change"].tolist(),
                                          top["net_migration"].tolist(),
                                          title=f"Natural change and net migration by country or area, "
                                                f"{last['year']}{more}",
                                          source=self.wpp_source())
            charts.show(fig)
            tab = pd.DataFrame({
                "Country or area": top["name"],
                "Natural change": [fmt.integer(v) for v in top["natural_change"]],
                "Net migration": [fmt.integer(v) for v in top["net_migration"]],
                "Population change": [fmt.integer(v) for v in top["population_change"]],
                "Net migration per 1,000": [per_1000(v).replace(" per 1,000", "") for v in top["cnmr"]],
            })
            _display_html(html_table(tab, numeric=tuple(tab.columns[1:]), source=self.wpp_source()))

    def show_refugees(self) -> None:
        """Refugees and asylum-seekers hosted by the member countries, refugees from them and SDG 10.7.4."""
        try:
            r = self.refugees()
        except (DataUnavailable, UnknownPlace) as exc:
            self._section_unavailable("refugees", exc, "unhcr-rpkg-population")
            return
        name, y = html.escape(self.place.name), r["year"]
        text = (f"<p>At the end of {y}, the countries and areas of {name} hosted "
                f"{fmt.count(r['refugees'])} refugees under UNHCR's mandate and {fmt.count(r['asylum_seekers'])} "
                f"asylum-seekers, {fmt.count(r['hosted'])} in all (UNHCR publishes figures by country; the "
                f"region's figures are their sum).")
        if r["share"] is not None:
            text += (f" This is equivalent to {fmt.percent(r['share'])} of the {fmt.count(r['stock'])} "
                     f"international migrants living in the region at mid-{r['stock_year']}")
            text += (f" (UNHCR counts at the end of {y}, the International Migrant Stock at mid-{r['stock_year']}).")
        _display_html(text + "</p>")
        hosts = r["hosts"][r["hosts"]["hosted"] > 0].head(TOP_N)
        if len(hosts):
            total = r["hosted"] or np.nan
            tab = pd.DataFrame({
                "Rank": [str(i) for i in range(1, len(hosts) + 1)], "Country or area of asylum": hosts["name"],
                "Refugees": [fmt.integer(v) for v in hosts["refugees"]],
                "Asylum-seekers": [fmt.integer(v) for v in hosts["asylum_seekers"]],
                "Total": [fmt.integer(v) for v in hosts["hosted"]],
                "Share of region": [fmt.percent(100 * v / total) for v in hosts["hosted"]],
            })
            _display_html(html_table(tab, numeric=tuple(tab.columns[2:]),
                                     caption=f"Main host countries in the region, end-{y}",
                                     source=self.unhcr_source(y)))
        sdg = r["sdg_10_7_4"]
        text = (f"<p>At the end of {y}, {fmt.count(r['by_origin'])} refugees and other people in need of "
                f"international protection originated from the countries and areas of {name}")
        if sdg is not None and sdg["value"] is not None:
            text += (f": {per_100k(sdg['value'])} population of the region "
                     "(SDG indicator 10.7.4, proportion of the population who are refugees, by country of origin)")
        text += ".</p>"
        definition = ref_ind.SDG_10_7_4_DEFINITION
        if sdg is not None:
            method = sdg["population_method"]
            definition += (f" Population: {WPP_CITATION_SHORT}, {method}"
                           + (" (medium-variant projection)." if y > 2023 else "."))
        text += (f'<p class="table-source" style="margin-top: 0.3rem"><strong>SDG 10.7.4 (SM_POP_REFG_OR)</strong>: '
                 f"{html.escape(definition)}</p>")
        _display_html(text)
        o = r["origins"][r["origins"]["refugees"] > 0]
        if len(o):
            tab = pd.DataFrame({
                "Rank": [str(i) for i in range(1, len(o) + 1)], "Country or area of origin": o["name"],
                "Refugees*": [fmt.integer(v) for v in o["refugees"]],
                "SDG 10.7.4, per 100,000": [per_100k(v).replace(" per 100,000", "") for v in o["sdg_10_7_4"]],
            })
            _display_html(html_table(tab, numeric=tuple(tab.columns[2:]),
                                     caption=f"Refugees originating from the region's countries, end-{y}",
                                     source="* Refugees under UNHCR's mandate and other people in need of "
                                            "international protection, in all countries of asylum. "
                                            + self.unhcr_source(y, with_wpp=True)))

    def show_notes(self) -> None:
        """Definitions, sources with checksums, edition, generation date and software version."""
        defs = "".join(f"<li><strong>{html.escape(k)}</strong>: {html.escape(v)}</li>"
                       for k, v in [*DEFINITIONS, *POPULATION_DEFINITIONS])
        src = self.sources()
        rows = []
        for r in src.itertuples(index=False):
            status = "synthetic sample" if r.synthetic else ("checksum verified" if r.verified else "not verified")
            rows.append(f"<li>{html.escape(r.citation if not r.synthetic else r.title)} — file "
                        f"<em>{html.escape(r.file)}</em> ({html.escape(status)}, {html.escape(r.origin)}); "
                        f'sha256 <span class="checksum">{html.escape(r.sha256)}</span>. '
                        f"Licence: {html.escape(r.licence)}.</li>")
        absent = dict(getattr(self.ims, "missing", {}) or {})
        for kind, label in (("wpp", "World Population Prospects 2024"), ("unhcr", "UNHCR refugee statistics")):
            try:
                self._load(kind)
            except DataUnavailable as exc:
                absent[label] = str(exc)
        missing = "".join(f"<li>{html.escape(k)}: {html.escape(v)}</li>" for k, v in absent.items())
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
