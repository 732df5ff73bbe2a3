"""Migration-related SDG commitments: 10.7.2, 10.7.3, 10.7.4, 10.c.1 and 17.3.2 for the place, its region
and the World; the 10.7.2 policy domains of the members; deaths and disappearances; remittances.

Figures come from :func:`migstats.indicators.sdg.sdg_figures` (10.7.2 aggregates are the **published**
percentages of countries meeting or fully meeting the criteria, never recomputed), SDG 10.7.4 from
:func:`migstats.indicators.refugees.sdg_10_7_4_for` (as in the refugees section). Every part whose files
are missing says what is missing and how to get it; the other parts build.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ... import charts, fmt, i18n, localnames
from ...errors import UnknownPlace
from ...i18n import N_, _
from ...indicators import population as pop_ind
from ...indicators import refugees as ref_ind
from ...indicators import remittances as rem_ind
from ...indicators import sdg as sdg_ind
from ...places import group_of, resolve
from ...sources.sdg import DOMAIN_ORDER, SCORE_LABELS
from ._base import (
    SYNTHETIC_TEXT,
    TOP_N,
    WPP_CITATION_SHORT,
    BriefingData,
    Section,
    heading,
    missing_html,
    per_100k,
    render,
    table_html,
)
from ._lang import local_name, place_name, wording
from .header import printed_names

SECTION = N_("migration-related SDG indicators")
KEYS = {"sdg": "sdg-sg-cpa-migrp", "incidents": "iom-mmp-incidents", "remittances": "wdi-remittances"}
WORLD = 900

#: IMS location code → the M49 code of the same aggregate in the UN SDG Global Database (the IMS has codes
#: of its own for its groupings: Sub-Saharan Africa is 1834 in IMS 2024, 947 in IMS 2020, 202 in M49).
SDG_DATABASE_CODES: dict[int, int] = {
    900: 1, 1834: 202, 947: 202, 1833: 747, 1831: 62, 921: 62, 1832: 753, 1830: 419, 1835: 543, 1836: 53,
    1829: 513, 941: 199, 1636: 432, 1637: 722, 903: 2, 910: 14, 911: 17, 912: 15, 913: 18, 914: 11, 935: 142,
    5500: 143, 906: 30, 5501: 34, 920: 35, 922: 145, 908: 150, 923: 151, 924: 154, 925: 39, 926: 155, 904: 419,
    915: 29, 916: 13, 931: 5, 905: 21, 909: 9, 927: 53, 928: 54, 954: 57, 957: 61,
}
#: the parent grouping of a kind of place (the middle column of the panel); none for SDG regions and others
PARENT_GROUPING = {"country": "sdg", "subregion": "region", "intermediate_region": "subregion"}
#: SDG "nature" codes that a reader must be told about
NATURES = {"e": N_("estimated"), "m": N_("modelled"), "ca": N_("country adjusted")}
LEVEL_LABELS = {1: N_("Requires further progress"), 2: N_("Partially meets"), 3: N_("Meets"),
                4: N_("Fully meets")}
assert set(LEVEL_LABELS) == set(SCORE_LABELS)
SERIES_SOURCE = N_("UN SDG Global Database ({vintage})")
#: 10.7.2 domains: the full names (published order) and the short column headers of the domain table.
#: Full names are too long for seven columns on an A4 page (they broke mid-word: "Cooperatio n"); the
#: headers are short, break only between words or after a hyphen, and a note under the table gives the
#: full names.
DOMAIN_NAMES = {
    "Migrant rights": (N_("Migrant rights"), N_("Migrant rights")),
    "Whole-of-government / evidence-based policies": (N_("Whole-of-government"),
                                                      N_("Whole-of-government / evidence-based policies")),
    "Cooperation and partnerships": (N_("Cooperation"), N_("Cooperation and partnerships")),
    "Socioeconomic well-being": (N_("Well-being"), N_("Socioeconomic well-being")),
    "Mobility dimensions of crises": (N_("Crises"), N_("Mobility dimensions of crises")),
    "Safe, orderly and regular migration": (N_("Safe migration"), N_("Safe, orderly and regular migration")),
}
assert set(DOMAIN_NAMES) == set(DOMAIN_ORDER)


@dataclass(frozen=True)
class Column:
    """One column of the panel: a place with its IMS code, members and SDG database code."""

    label: str
    code: int | None
    members: tuple[int, ...]
    country: bool

    @property
    def sdg_code(self) -> int | None:
        return None if self.code is None else SDG_DATABASE_CODES.get(self.code, self.code)


# ----------------------------------------------------------------------------- places and sources


def _place_column(data: BriefingData) -> Column:
    """The first column of the panel: the briefing's place."""
    place = data.place
    return Column(place_name(data), place.code, tuple(place.members), place.kind == "country")


def columns(data: BriefingData) -> list[Column]:
    """The place, its parent region (a country's SDG region) when it has one, and the World."""
    ims, place = data.ims, data.place
    cols = [_place_column(data)]
    grouping = PARENT_GROUPING.get(place.kind)
    if grouping and place.members:
        parent = group_of(place.members[0], grouping, ims.membership, edition=data.edition)
        if parent is not None and parent != WORLD:
            p = resolve(ims, parent)
            cols.append(Column(local_name(data, p.code, p.name), p.code, tuple(p.members), False))
    if place.code != WORLD:
        world = resolve(ims, WORLD)
        cols.append(Column(local_name(data, WORLD, world.name), WORLD, tuple(world.members), False))
    return cols


def _source(bundle, publication: str) -> str:
    if bundle.synthetic:
        return _("Source: {synthetic} in the layout of {publication}").format(synthetic=_(SYNTHETIC_TEXT),
                                                                              publication=publication)
    return _("Source: {publication}").format(publication=publication)


def _sdg_publication(data: BriefingData) -> str:
    return _(SERIES_SOURCE).format(vintage=data.sdg.vintage)


def _incidents_publication(data: BriefingData) -> str:
    spec = data.incidents.sources[0].spec if data.incidents.sources else None
    label = spec.edition_label if spec is not None else ""
    return _("IOM Missing Migrants Project (export of {date})").format(date=label) if label else \
        _("IOM Missing Migrants Project")


def _wdi_publication(data: BriefingData) -> str:
    spec = data.remittances.sources[0].spec if data.remittances.sources else None
    label = f" ({spec.edition_label})" if spec is not None and spec.edition_label else ""
    return _("World Bank, World Development Indicators") + label


def _labels(data: BriefingData) -> dict[str, dict[str, str]]:
    """Source labels handed to sdg_figures (publication and vintage of the loaded files)."""
    out = {}
    if data.sdg is not None:
        out["sdg"] = {"publication": "UN SDG Global Database", "vintage": data.sdg.vintage}
    return out


def _series(data: BriefingData, *codes: str) -> pd.DataFrame | None:
    if data.sdg is None:
        return None
    frames = [data.sdg.get(c) for c in codes if data.sdg.get(c) is not None]
    return pd.concat(frames, ignore_index=True) if frames else None


def _nature(data: BriefingData, series: str, code: int | None, year: int | None) -> str:
    """' (estimated)' when the published value is estimated or modelled, else ''."""
    frame = data.sdg.get(series) if data.sdg is not None else None
    if frame is None or code is None or year is None:
        return ""
    hit = frame.loc[(frame["location"] == code) & (frame["year"] == year), "nature"].dropna()
    word = NATURES.get(str(hit.iloc[0]).lower()) if len(hit) else None
    return f", {_(word)}" if word else ""


# ----------------------------------------------------------------------------- the panel


def figures_for(data: BriefingData, col: Column) -> dict:
    """sdg_figures for one column of the panel (SDG database code, IMS members).

    The SDG bundle keeps the figures of each column (the World's are in every briefing, a region's in the
    profile of each of its countries), with the incidents and remittances tables they were computed from.
    """
    incidents = data.incidents.incidents if data.incidents else None
    wdi = data.remittances.remittances if data.remittances else None
    members = None if col.country else list(col.members)

    def make() -> dict:
        return sdg_ind.sdg_figures(
            col.sdg_code, members,
            migrs=_series(data, sdg_ind.SCORES), migrp=_series(data, sdg_ind.SHARES),
            deaths=_series(data, sdg_ind.DEATHS), incidents=incidents,
            costs=_series(data, *rem_ind.COST_SERIES.values()), gdp_share=_series(data, "BX_TRF_PWKR"),
            wdi=wdi, sources=_labels(data))

    derived = getattr(data.sdg, "derived", None)
    if derived is None:
        return make()
    key = ("sections.sdg.figures_for", col.sdg_code, None if members is None else tuple(members), data.sdg.vintage)
    sources = (*data.sdg.series.values(), incidents, wdi)
    return copy.deepcopy(derived.get(key, sources, make))


def _cell_10_7_2(data: BriefingData, f: dict, col: Column) -> str:
    if data.sdg is None:
        return fmt.NOT_AVAILABLE
    if f.get("kind") == "country":
        if f.get("score") is None:
            return _("not reported")
        return _("{score} – {label} ({year})").format(score=f["score"], label=_(LEVEL_LABELS[f["score"]]),
                                                      year=f["year"])
    if f.get("share_meeting") is None:
        return _("none published for this grouping")
    return _("{value} of countries ({year}{nature})").format(
        value=fmt.percent(f["share_meeting"]), year=f["year"],
        nature=_nature(data, sdg_ind.SHARES, col.sdg_code, f["year"]))


def _cell_10_7_3(f: dict) -> str:
    values = [v for v in f.get("values", []) if not v["partial"]]
    if not values:
        return fmt.NOT_AVAILABLE
    v = values[-1]
    source = _("SDG series") if v["source"] == "sdg" else _("IOM incidents")
    return _("{value} ({year}, {source})").format(value=fmt.integer(v["dead_and_missing"]), year=v["year"],
                                                 source=source)


def _cell_10_7_4(data: BriefingData, col: Column) -> str:
    if data.unhcr is None or data.wpp is None:
        return fmt.NOT_AVAILABLE
    year = ref_ind.unhcr_year(data.unhcr, data.year)
    try:
        codes = pop_ind.wpp_codes(data.wpp, col.code, col.members)
        r = ref_ind.sdg_10_7_4_for(data.unhcr, data.wpp, list(col.members), year, population_codes=codes)
    except UnknownPlace:
        return fmt.NOT_AVAILABLE
    if r["value"] is None:
        return fmt.NOT_AVAILABLE
    return _("{value} (end-{year})").format(value=per_100k(r["value"]), year=year)


def _cell_cost(data: BriefingData, f: dict, side: str, col: Column) -> str:
    c = f["sdg_10_c_1"].get(side, {})
    if c.get("cost_percent") is None:
        return fmt.NOT_AVAILABLE
    return _("{value} ({year}{nature})").format(value=fmt.percent(c["cost_percent"], 2), year=c["year"],
                                                nature=_nature(data, c["series"], col.sdg_code, c["year"]))


def _cell_gdp(data: BriefingData, f: dict, col: Column) -> str:
    r = f["remittances"]
    published = r.get("sdg_17_3_2") or {}
    if published.get("share_of_gdp") is not None:
        return _("{value} ({year}{nature})").format(
            value=fmt.percent(published["share_of_gdp"], 2), year=published["year"],
            nature=_nature(data, "BX_TRF_PWKR", col.sdg_code, published["year"]))
    if r.get("share_of_gdp") is not None:
        return _("{value} ({year}, WDI, members with data)").format(value=fmt.percent(r["share_of_gdp"], 2),
                                                                    year=r["year"])
    return fmt.NOT_AVAILABLE


def panel(data: BriefingData) -> pd.DataFrame:
    """The panel of the section: one row per indicator, one column per place, target and source."""
    cols = columns(data)
    return _panel(data, cols, [figures_for(data, c) for c in cols])


def _panel(data: BriefingData, cols: list[Column], figs: list[dict]) -> pd.DataFrame:
    """:func:`panel` of the columns ``cols`` and their figures (:func:`figures_for`)."""
    sdg_pub = _sdg_publication(data) if data.sdg is not None else fmt.NOT_AVAILABLE
    unhcr_pub = _("UNHCR; {wpp}").format(wpp=_(WPP_CITATION_SHORT))
    deaths_pub = sdg_pub + (f"; {_incidents_publication(data)}" if data.incidents is not None else "")
    rows = [
        (_("10.7.2 Migration policies: level (country) or % of countries meeting or fully meeting the criteria"),
         [_cell_10_7_2(data, f["sdg_10_7_2"], c) for f, c in zip(figs, cols, strict=True)],
         _("all countries meet or fully meet"), sdg_pub),
        (_("10.7.3 Deaths and disappearances during migration (persons)"),
         [_cell_10_7_3(f["sdg_10_7_3"]) for f in figs], "–", deaths_pub),
        (_("10.7.4 Refugees by country of origin"), [_cell_10_7_4(data, c) for c in cols], "–", unhcr_pub),
        (_("10.c.1 Remittance cost, receiving (% of USD 200 sent)"),
         [_cell_cost(data, f, "receiving", c) for f, c in zip(figs, cols, strict=True)],
         _("below {target}").format(target=fmt.percent(rem_ind.TARGET_PERCENT, 0)), sdg_pub),
        (_("10.c.1 Remittance cost, sending (% of USD 200 sent)"),
         [_cell_cost(data, f, "sending", c) for f, c in zip(figs, cols, strict=True)],
         _("below {target}").format(target=fmt.percent(rem_ind.TARGET_PERCENT, 0)), sdg_pub),
        (_("17.3.2 Remittances received (% of GDP)"),
         [_cell_gdp(data, f, c) for f, c in zip(figs, cols, strict=True)], "–", sdg_pub),
    ]
    table = {_("Indicator"): [r[0] for r in rows]}
    for i, c in enumerate(cols):
        table[c.label] = [r[1][i] for r in rows]
    table[_("Target")] = [r[2] for r in rows]
    table[_("Source")] = [r[3] for r in rows]
    return pd.DataFrame(table)


# ----------------------------------------------------------------------------- 10.7.2 domains


def domain_rows(data: BriefingData) -> tuple[int | None, list[dict], list[str]]:
    """The latest 10.7.2 round, one row per member that reported (name, level, level per domain) and the
    names of the members that did not report (or were "not relevant")."""
    migrs = _series(data, sdg_ind.SCORES)
    if migrs is None:
        return None, [], []
    table = sdg_ind.policy_members(migrs, data.place.members)
    year = None if table.empty or pd.isna(table["year"].iloc[0]) else int(table["year"].iloc[0])
    rows, absent = [], []
    name_of = printed_names(data)
    for r in table.to_dict("records"):
        name = name_of(r["location"])
        if not r["reported"]:
            absent.append(name)
            continue
        levels = [None if pd.isna(r[d]) else int(r[d]) for d in DOMAIN_ORDER]
        rows.append({"name": name, "score": int(r["score"]), "domains": levels})
    lang = i18n.locale()
    rows.sort(key=lambda r: localnames.sort_key(r["name"], lang))
    return year, rows, sorted(absent, key=lambda n: localnames.sort_key(n, lang))


def _domains_html(data: BriefingData) -> str:
    year, rows, absent = domain_rows(data)
    legend = [{"level": k, "label": _(v)} for k, v in LEVEL_LABELS.items()]
    return render("sdg_domains.html.j2", year=year, rows=rows, absent=", ".join(absent), n_absent=len(absent),
                  domains=[{"short": _(DOMAIN_NAMES[d][0]), "full": _(DOMAIN_NAMES[d][1])} for d in DOMAIN_ORDER],
                  legend=legend, place=place_name(data),
                  wording=None if data.place.is_country else wording(data),  # a country's profile: its own words
                  source=_source(data.sdg, _sdg_publication(data) + ", SG_CPA_MIGRS"))


# ----------------------------------------------------------------------------- charts


def _deaths_table(figures: dict) -> pd.DataFrame:
    """The 10.7.3 table (``year``, ``value``, ``source``, ``partial``) of a place's :func:`figures_for`: the
    rows :func:`migstats.indicators.sdg.deaths_and_disappearances` gave them, in its order."""
    sources = {"sdg": sdg_ind.SOURCE_SDG_SERIES, "iom_mmp": sdg_ind.SOURCE_INCIDENTS}
    rows = [(v["year"], v["dead_and_missing"], sources[v["source"]], v["partial"])
            for v in figures["sdg_10_7_3"]["values"]]
    return pd.DataFrame(rows, columns=["year", "value", "source", "partial"])


def deaths_chart(data: BriefingData, figures: dict | None = None):
    """Dead and missing by year for the place: the SDG series, then the IOM incidents (labelled apart).
    ``figures``: the place's :func:`figures_for`, whose 10.7.3 rows are the chart's (not computed again)."""
    col = _place_column(data)
    if figures is not None:
        table = _deaths_table(figures)
    else:
        table = sdg_ind.deaths_and_disappearances(_series(data, sdg_ind.DEATHS),
                                                  data.incidents.incidents if data.incidents else None,
                                                  col.sdg_code, None if col.country else list(col.members))
    if table.empty or table["value"].sum() <= 0:
        return None
    first, last = int(table["year"].min()), int(table["year"].max())
    partial = [int(y) for y in table.loc[table["partial"], "year"]]
    pubs = []
    if data.sdg is not None and (table["source"] == sdg_ind.SOURCE_SDG_SERIES).any():
        pubs.append(_sdg_publication(data) + ", SM_DTH_MIGR")
    if data.incidents is not None and (table["source"] == sdg_ind.SOURCE_INCIDENTS).any():
        pubs.append(_incidents_publication(data))
    bundle = data.sdg if data.sdg is not None else data.incidents
    title = _("Migrants recorded dead or missing, {place}, {first}–{last}").format(place=place_name(data),
                                                                                   first=first, last=last)
    notes = [_("{year}: partial year (the export stops before the end of the year).").format(year=y)
             for y in partial]
    fig = charts.new_figure(title, _source(bundle, "; ".join(pubs)), 7.2, 3.2, notes=notes)
    ax = fig.add_subplot()
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="y", color="#E5E5E5", linewidth=0.8)
    ax.set_axisbelow(True)
    ax.tick_params(labelsize=8.5, colors="#333333")
    colours = {sdg_ind.SOURCE_SDG_SERIES: charts.UN_BLUE, sdg_ind.SOURCE_INCIDENTS: charts.ORANGE}
    for r in table.itertuples():
        ax.bar(str(r.year), r.value, color=colours[r.source], width=0.65, hatch="///" if r.partial else None,
               edgecolor="white" if r.partial else None)
    ax.yaxis.set_major_formatter(FuncFormatter(fmt.axis_count))
    ax.tick_params(axis="x", labelsize=7.5)
    handles = [Patch(color=colours[s], label=label) for s, label in (
        (sdg_ind.SOURCE_SDG_SERIES, _("SDG 10.7.3 series (SM_DTH_MIGR)")),
        (sdg_ind.SOURCE_INCIDENTS, _("IOM incident records, summed")))
        if (table["source"] == s).any()]
    ax.legend(handles=handles, fontsize=8, frameon=False, loc="upper left")
    ax.set_ylabel(_("Dead and missing (persons)"), fontsize=8.5, color="#333333")
    return fig


#: The labels :func:`migstats.indicators.sdg.deaths_by` gives incidents without a route or region.
NO_RECORD = (N_("No route recorded"), N_("No region recorded"))


def routes_chart(data: BriefingData):
    """Dead and missing by migration route (region of incident for the World), IOM incidents, all years."""
    if data.incidents is None:
        return None
    inc = data.incidents.incidents
    world = data.place.code == WORLD
    if not world:
        inc = inc[inc["location"].isin(list(data.place.members))]
    by = "region" if world else "route"
    totals = sdg_ind.deaths_by(inc, by).groupby(by)["value"].sum().sort_values(ascending=False)
    totals = totals[totals > 0].head(TOP_N)
    if len(totals) < 2:  # one bar (often "No route recorded") says nothing a sentence would not
        return None
    years = inc["year"].dropna()
    first, last = int(years.min()), int(years.max())
    what = _("region of incident") if world else _("migration route")
    title = (_("Migrants recorded dead or missing by {what}, incidents worldwide, {first}–{last}") if world else
             _("Migrants recorded dead or missing by {what}, incidents in {place}, {first}–{last}")).format(
        what=what, place=place_name(data), first=first, last=last)
    partial = sdg_ind._partial_years(data.incidents.incidents)
    source = _source(data.incidents, _incidents_publication(data))
    if partial:
        source += " " + _("({year} partial.)").format(year=", ".join(map(str, sorted(partial))))
    if i18n.language() is not None:  # IOM names its routes and regions in English only: quoted, not translated
        source += " " + (_("Regions of incident as IOM names them, in English.") if world
                         else _("Routes as IOM names them, in English."))
    labels = [_(str(x)) if str(x) in NO_RECORD else str(x) for x in totals.index]  # IOM's own names: as given
    fig = charts.bar_chart(labels, totals.tolist(), title=title, source=source,
                           xlabel=_("Dead and missing (persons)"))
    width, height = fig.get_size_inches()
    fig.set_size_inches(width, max(height, 2.8))  # room for a two-line title and the source under few bars
    return fig


def remittance_series(data: BriefingData) -> tuple[pd.DataFrame, list[int]]:
    """Remittances received and paid (USD) by year, summed over the members that have a value, and the
    members with no value received in the latest year."""
    members = list(data.place.members)
    latest = rem_ind.remittance_volumes(data.remittances.remittances, members)
    return _remittances_by_year(data), latest.get("missing_received", members)


def _remittances_by_year(data: BriefingData) -> pd.DataFrame:
    """Remittances received and paid (USD) by year (rows) and indicator (columns), summed over the members
    that have a value."""
    wdi = data.remittances.remittances
    rows = wdi[wdi["location"].isin(list(data.place.members)) & wdi["value"].notna()]
    return rows.pivot_table(index="year", columns="indicator", values="value", aggfunc="sum")


def remittances_chart(data: BriefingData, figures: dict):
    wide = _remittances_by_year(data)  # the chart does not name the members without a value
    if wide.empty or rem_ind.RECEIVED not in wide.columns:
        return None
    wide = wide[wide.index >= 2000]
    col = _place_column(data)
    gdp = _series(data, "BX_TRF_PWKR")
    share = None
    if gdp is not None:
        mine = gdp[(gdp["location"] == col.sdg_code) & gdp["value"].notna() & (gdp["year"] >= 2000)]
        if len(mine):
            share = mine.sort_values("year")
    first, last = int(wide.index.min()), int(wide.index.max())
    title = _("Personal remittances, {place}, {first}–{last}").format(place=place_name(data), first=first, last=last)
    pubs = _wdi_publication(data)
    if share is not None:
        pubs += "; " + _sdg_publication(data) + ", BX_TRF_PWKR"
    fig = charts.new_figure(title, _source(data.remittances, pubs), 7.2, 3.1)
    axes = fig.subplots(1, 2 if share is not None else 1, squeeze=False)[0]
    for ax in axes:
        ax.spines[["top", "right"]].set_visible(False)
        ax.grid(axis="y", color="#E5E5E5", linewidth=0.8)
        ax.tick_params(labelsize=8, colors="#333333")
        ax.xaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))
    ax = axes[0]
    ax.plot(wide.index, wide[rem_ind.RECEIVED], color=charts.UN_BLUE, linewidth=2, label=_("Received"))
    if rem_ind.PAID in wide.columns:
        ax.plot(wide.index, wide[rem_ind.PAID], color=charts.ORANGE, linewidth=2, label=_("Paid"))
    ax.set_title(_("Current US dollars"), fontsize=9.5, loc="left")
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: fmt.count(v).replace(" million", " m")
                                               .replace(" billion", " bn")))
    ax.legend(fontsize=8, frameon=False)
    ax.set_ylim(bottom=0)
    if share is not None:
        ax2 = axes[1]
        ax2.plot(share["year"], share["value"], color=charts.DARK_BLUE, linewidth=2)
        ax2.set_title(_("Received, % of GDP (SDG 17.3.2)"), fontsize=9.5, loc="left")
        ax2.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: fmt.percent(v)))
        ax2.set_ylim(0, float(np.nanmax(share["value"])) * 1.15 or 1)
    return fig


# ----------------------------------------------------------------------------- the section


def render_section(data: BriefingData) -> Section:
    section = Section("sdg")
    section.add_html(heading(_("Migration-related SDG commitments")))
    loaded = {k: getattr(data, k) is not None for k in KEYS}
    for kind, key in KEYS.items():
        if not loaded[kind]:
            section.add_html(missing_html(_(SECTION), data.missing.get(kind, _("not loaded")), key))
    if not any(loaded.values()) and data.unhcr is None:
        return section
    cols = columns(data)
    figs = [figures_for(data, c) for c in cols]
    tab = _panel(data, cols, figs)
    section.add_html(table_html(
        tab, caption=_("Migration-related SDG indicators: {places}").format(
            places=", ".join(c.label for c in cols)),
        source=_("Latest year published for each place. 10.7.2 for regions, groups of countries and the World: "
                 "the published percentage, not recomputed from country scores. 10.7.4: population from {wpp}.").format(
            wpp=_(WPP_CITATION_SHORT)) + (" " + _(SYNTHETIC_TEXT) if data.synthetic else "")))
    if data.sdg is not None:
        section.add_html(_domains_html(data))
    if data.incidents is not None or data.sdg is not None:
        section.add_html(render("sdg_subheading.html.j2", text=_("Deaths and disappearances during migration")))
        fig = deaths_chart(data, figs[0])  # figs[0]: the place's column (_place_column)
        if fig is not None:
            section.add_chart(fig)
        else:
            section.add_html(render("sdg_paragraph.html.j2", text=_(
                "No deaths or disappearances of migrants are recorded for {place}.").format(place=place_name(data))))
        fig = routes_chart(data)
        if fig is not None:
            section.add_chart(fig)
    if data.remittances is not None:
        section.add_html(render("sdg_subheading.html.j2", text=_("Remittances")))
        f = figs[0]["remittances"]
        fig = remittances_chart(data, f)
        if fig is not None:
            section.add_chart(fig)
        missing = [data.name_of(c) for c in f.get("missing_received") or []]
        if f.get("received_usd") is not None and wording(data) == "world":  # the World's sentence, whole
            text = _("In {year}, the countries and areas of the World received {received} in personal remittances "
                     "and paid {paid} (current US dollars; sum of the members with a value).").format(
                year=f["year"], received=_usd(f["received_usd"]), paid=_usd(f["paid_usd"]))
            if missing:
                text += " " + _("No value received for {year}: {names}.").format(year=f["year"],
                                                                                  names=", ".join(missing))
            section.add_html(render("sdg_paragraph.html.j2", text=text))
        elif f.get("received_usd") is not None:
            text = _("In {year}, {place} received {received} in personal remittances and paid {paid} (current "
                     "US dollars").format(year=f["year"], place=place_name(data),
                                          received=_usd(f["received_usd"]), paid=_usd(f["paid_usd"]))
            text += _("; sum of the members with a value).") if len(data.place.members) > 1 else ")."
            if missing and len(data.place.members) > 1:
                text += " " + _("No value received for {year}: {names}.").format(year=f["year"],
                                                                                  names=", ".join(missing))
            section.add_html(render("sdg_paragraph.html.j2", text=text))
        else:
            section.add_html(render("sdg_paragraph.html.j2", text=_(
                "The World Bank publishes no remittances for {place}.").format(place=place_name(data))))
    return section


def _usd(x: float | None) -> str:
    return fmt.NOT_AVAILABLE if x is None else _("USD {amount}").format(amount=fmt.count(x))


__all__: Sequence[str] = ["SDG_DATABASE_CODES", "columns", "domain_rows", "panel", "render_section"]
