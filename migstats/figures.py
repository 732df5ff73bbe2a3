"""Key migration figures of one place as plain Python values (behind ``migstats figures PLACE``).

:func:`place_figures` gives the IMS figures of a place; :func:`figures_for` adds World Population
Prospects, UNHCR and the SDG keys from a :class:`~migstats.store.Store` and is what the command prints.
Both return a JSON-ready dict (ints, floats, strings, lists, ``None``).

**Shape.** The figures are plain values under their own keys, so the headline stays easy to read
(``"migrant_stock": 304021813``); ``meta`` says, for every figure key, where it comes from::

    "meta": {"migrant_stock": {"unit": "persons", "year": 2024,
                               "source": "UN DESA, International Migrant Stock 2024: Destination (Table 1)"},
             "net_migration": {"unit": "persons", "year": 2024, "source": "UN DESA, World Population Prospects 2024 …",
                               "variant": "medium", "projection": true},
             "top_origins": {…, "extract": true},            # third-party destination × origin extract
             "sdg_10_7_4": {…, "members_missing": [{"code": 336, "name": "Holy See"}]}, …}

Every ``meta`` entry has ``unit``, ``year`` and ``source`` (publication and edition or vintage); WPP
entries add ``variant`` and ``projection`` (WPP 2024 estimates end in 2023; later years are medium-variant
projections); figures read from the third-party IOM gdidata extract of the IMS 2024 destination × origin
workbook have ``extract: true`` and say so in ``source``; a group's figure summed over the members a
source has lists the others in ``members_missing`` (``[{code, name}]``) — never a silent null. A figure
that cannot be given is ``None`` and ``not_available`` says why.

**Precision**, as the UN publishes: persons as integers; IMS shares and rates (Tables 3–5) to one
decimal; WPP's crude net migration rate as published (two decimals, per 1,000); SDG 10.7.4 to one
decimal (per 100,000); the share of population change due to net migration to one decimal.

The ``refugees_hosted`` (refugees living in the place) and ``refugees_originating`` (refugees and other
people in need of international protection from the place, SDG 10.7.4's numerator) keys answer
different questions; both are given so neither is misread for the other.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from .errors import DataUnavailable, UnknownPlace
from .indicators import emigrants, intra_regional_share, top_destinations, top_origins
from .indicators._base import place_of
from .indicators.headline import headline_figures
from .indicators.population import VARIANT_LABELS, population_figures, wpp_coverage
from .indicators.refugees import refugee_figures, unhcr_year
from .indicators.sdg import SOURCES as SDG_SOURCES
from .indicators.sdg import sdg_figures
from .names import CODE_CHANGES
from .places import Place

FIGURE_KEYS = (
    "code", "name", "edition", "year", "migrant_stock", "migrant_stock_female", "population",
    "share_of_population", "female_share", "annual_rate_of_change", "top_origins",
    "top_destinations_of_emigrants", "emigrants", "intra_regional_share",
)
#: Keys that say what the figures are about rather than being figures (no ``meta`` entry).
IDENTITY_KEYS = ("code", "name", "kind", "edition", "year", "synthetic", "source", "rate_period", "meta",
                 "not_available", "note")
WPP_KEYS = ("net_migration", "natural_change", "net_migration_share_of_change", "net_migration_rate",
            "population_change_flags")
UNHCR_KEYS = ("refugees_hosted", "refugees_originating", "sdg_10_7_4")
SDG_KEYS = ("sdg_10_7_2", "sdg_10_7_3", "sdg_10_c_1", "remittances")
#: Decimals the UN publishes IMS shares and rates with (Tables 3, 4 and 5 of the destination workbook).
IMS_DECIMALS = 1


def _num(x: Any, *, persons: bool = False, digits: int | None = None) -> int | float | None:
    if x is None:
        return None
    x = float(x)
    if math.isnan(x):
        return None
    if persons:
        return int(round(x))
    return round(x, digits) if digits is not None else x


def _one(frame: pd.DataFrame, sex: str | None = "both") -> float | None:
    rows = frame[frame["sex"] == sex] if sex is not None and "sex" in frame.columns else frame
    return float(rows["value"].iloc[0]) if len(rows) else None


def _top_list(frame: pd.DataFrame, col: str) -> list[dict[str, Any]]:
    return [{"code": int(r[col]), "name": str(r[f"{col}_name"]), "migrants": _num(r["value"], persons=True),
             "share": _num(r["share"], digits=IMS_DECIMALS)} for _, r in frame.iterrows()]


def _ims_source(ims, part: str, table: str = "") -> str:
    """'UN DESA, International Migrant Stock 2024: Destination (Table 1)' — from the file's declaration."""
    for src in ims.sources:
        if src.spec.key == f"ims{ims.edition}-{part}":
            text = f"UN DESA, {src.spec.title}" if src.spec.publication == "ims" else src.spec.title
            break
    else:
        text = f"UN DESA, International Migrant Stock {ims.edition}: {part.capitalize()}"
    text += f" ({table})" if table else ""
    return text + (" — SYNTHETIC SAMPLE" if ims.synthetic and "SYNTHETIC" not in text else "")


def _matrix_meta(ims, unit: str, year: int) -> dict[str, Any]:
    if ims.matrix_is_extract:
        return {"unit": unit, "year": year, "extract": True,
                "source": _ims_source(ims, "matrix-extract") + " — not the UN workbook; figures as extracted"}
    return {"unit": unit, "year": year, "source": _ims_source(ims, "matrix", "Table 1")}


def place_figures(ims, place: str | int | Place | list, year: int | None = None,
                  top: int = 5) -> dict[str, Any]:
    """Key figures of a place in one IMS edition and year (default: the edition's latest year).

    Keys (``FIGURE_KEYS`` plus ``kind``, ``synthetic``, ``source``, ``rate_period``, ``meta``,
    ``not_available``; see the module docstring for ``meta`` and the precision):

    * ``migrant_stock`` / ``migrant_stock_female`` — international migrant stock at mid-year, persons
      (destination Table 1); ``population`` — total population, persons (Table 2);
    * ``share_of_population`` — migrants ÷ population × 100, % (Table 3, one decimal); ``female_share`` —
      female migrants ÷ migrants × 100, % (Table 4, one decimal);
    * ``annual_rate_of_change`` — 100·ln(M2/M1)/(t2−t1), % per year (Table 5, one decimal), over the UN's
      tabulation period ending at ``year`` (``rate_period``, e.g. [2015, 2020]); ``None`` for the first year;
    * ``top_origins`` — the ``top`` countries of origin of the migrants in the place, each
      ``{code, name, migrants, share}`` (share of the place's migrants, %);
    * ``top_destinations_of_emigrants`` — the ``top`` countries where persons born in the place live, each
      ``{code, name, migrants, share}`` (share of the place's emigrants, %);
    * ``emigrants`` — persons born in the place living abroad (by-origin Table 1);
    * ``intra_regional_share`` — % of the place's migrants born in the same SDG region.
    """
    p = place_of(ims, place)
    h = headline_figures(ims, p, year)
    year = h["year"]
    out: dict[str, Any] = {
        "code": p.code, "name": p.name, "kind": p.kind, "edition": h["edition"], "year": year,
        "synthetic": bool(ims.synthetic), "source": ims.label,
    }
    # The headline figures of the briefings (one function for both), at the UN's published precision.
    out["migrant_stock"] = _num(h["stock"], persons=True)
    out["migrant_stock_female"] = _num(h["stock_female"], persons=True)
    out["population"] = _num(h["population"], persons=True)
    out["share_of_population"] = _num(h["share"], digits=IMS_DECIMALS)
    out["female_share"] = _num(h["female"], digits=IMS_DECIMALS)
    out["annual_rate_of_change"] = _num(h["rate"], digits=IMS_DECIMALS) if h["rate_period"] else None
    out["rate_period"] = h["rate_period"]
    dest = lambda table: _ims_source(ims, "destination", table)  # noqa: E731
    meta: dict[str, dict[str, Any]] = {
        "migrant_stock": {"unit": "persons", "year": year, "source": dest("Table 1")},
        "migrant_stock_female": {"unit": "persons", "year": year, "source": dest("Table 1")},
        "population": {"unit": "persons", "year": year, "source": dest("Table 2")},
        "share_of_population": {"unit": "% of total population", "year": year, "source": dest("Table 3")},
        "female_share": {"unit": "% of international migrants", "year": year, "source": dest("Table 4")},
        "annual_rate_of_change": {"unit": "% per year", "year": year, "period": h["rate_period"],
                                  "source": dest("Table 5")},
        "emigrants": {"unit": "persons", "year": year, "source": _ims_source(ims, "origin", "Table 1")},
        "intra_regional_share": _matrix_meta(ims, "% of international migrants", year),
    }
    world = p.kind == "world"
    meta["top_origins"] = ({"unit": "persons; share in % of the place's migrants", "year": year,
                            "source": _ims_source(ims, "origin", "Table 1")} if world else
                           _matrix_meta(ims, "persons; share in % of the place's migrants", year))
    meta["top_destinations_of_emigrants"] = ({"unit": "persons; share in % of the place's emigrants",
                                              "year": year, "source": dest("Table 1")} if world else
                                             _matrix_meta(ims, "persons; share in % of the place's emigrants",
                                                          year))
    missing: dict[str, str] = {}
    attempts = {
        "top_origins": lambda: _top_list(top_origins(ims, p, year=year, n=top), "origin"),
        "top_destinations_of_emigrants":
            lambda: _top_list(top_destinations(ims, p, year=year, n=top), "destination"),
        "emigrants": lambda: _num(_one(emigrants(ims, p, years=year, sex="both"), "both"), persons=True),
        "intra_regional_share":
            lambda: _num(_one(intra_regional_share(ims, p, years=year), "both"), digits=IMS_DECIMALS),
    }
    for key, compute in attempts.items():
        try:
            out[key] = compute()
        except DataUnavailable as exc:
            out[key] = None
            missing[key] = str(exc)
    out["meta"] = meta
    out["not_available"] = missing
    return out


# ----------------------------------------------------------------------------- other publications


def _named(ims, codes) -> list[dict[str, Any]]:
    return [{"code": int(c), "name": ims.name(int(c))} for c in codes]


def _wpp_source(wpp) -> str:
    titles = [s.spec.title for s in wpp.sources if "indicators" in s.spec.key or "derived" in s.spec.key]
    return f"UN DESA, {titles[0]}" if titles else f"UN DESA, {wpp.label}"


def _wpp_location(wpp, ims, p: Place) -> tuple[int | list[int], list[int], str | None]:
    """The WPP codes of a place, the members WPP lacks, and a note when a code was converted.

    An aggregate uses its own WPP row — through :data:`migstats.names.CODE_CHANGES` when WPP 2024 uses
    the 2024 code of an IMS 2020 region (947 → 1834, 921 → 1831); otherwise the members WPP has.
    """
    if p.code is not None:
        code = CODE_CHANGES.get((int(ims.edition), int(wpp.edition)), {}).get(int(p.code), int(p.code))
        present, _ = wpp_coverage(wpp, [code])
        if present:
            note = (f"WPP {wpp.edition} row {code}, the {wpp.edition} code of M49 {p.code}"
                    if code != p.code else None)
            return code, [], note
    present, missing = wpp_coverage(wpp, list(p.members))
    if not present:
        raise UnknownPlace(f"World Population Prospects {wpp.edition} has no figures for {p.name}")
    return present, missing, None


def _wpp_keys(store, ims, p: Place, year: int) -> tuple[dict, dict, dict]:
    keys: dict[str, Any] = dict.fromkeys(WPP_KEYS)
    keys["population_change_flags"] = []
    wpp, why = store.optional("wpp")
    if wpp is None:
        return keys, {}, dict.fromkeys(WPP_KEYS, why)
    try:
        codes, missing, note = _wpp_location(wpp, ims, p)
    except UnknownPlace as exc:
        return keys, _wpp_meta(wpp, year, None), dict.fromkeys(WPP_KEYS, str(exc))
    fig = population_figures(wpp, codes, year)
    keys.update({k: fig[k] for k in WPP_KEYS})
    meta = _wpp_meta(wpp, year, fig["variant"], note=note, members_missing=_named(ims, missing))
    reasons = {k: f"World Population Prospects {wpp.edition} has no {year} value for this place"
               for k in WPP_KEYS if keys[k] is None}
    if keys["net_migration_rate"] is None and isinstance(codes, list) and len(codes) > 1:
        reasons["net_migration_rate"] = ("WPP publishes the crude net migration rate of its own locations only; "
                                         "this file has no mid-year population to recompute it for a sum")
    return keys, meta, reasons


def _wpp_meta(wpp, year: int, variant: str | None, *, note: str | None = None,
              members_missing: list | None = None) -> dict:
    base: dict[str, Any] = {"year": year, "source": _wpp_source(wpp)}
    if variant is not None:
        base |= {"variant": variant, "projection": variant != "estimates",
                 "variant_label": VARIANT_LABELS.get(variant, variant)}
    if note:
        base["note"] = note
    if members_missing:
        base["members_missing"] = members_missing
    units = {"net_migration": "persons (immigrants − emigrants during the year)",
             "natural_change": "persons (births − deaths during the year)",
             "net_migration_share_of_change": "% of population change",
             "net_migration_rate": "per 1,000 mid-year population (crude net migration rate)",
             "population_change_flags": "UN descriptions (WPP 2024 Summary of Results)"}
    return {k: {"unit": units[k], **base} for k in WPP_KEYS}


def _unhcr_keys(store, ims, p: Place, year: int) -> tuple[dict, dict, dict]:
    keys: dict[str, Any] = dict.fromkeys(UNHCR_KEYS)
    unhcr, why = store.optional("unhcr")
    wpp, wpp_why = store.optional("wpp")
    if unhcr is None or wpp is None:
        return keys, {}, dict.fromkeys(UNHCR_KEYS, why or wpp_why)
    end = unhcr_year(unhcr, year)
    fig = refugee_figures(unhcr, wpp, list(p.members), end)
    keys.update({k: fig[k] for k in UNHCR_KEYS})
    src = f"{unhcr.label}" + (f" — {unhcr.sources[0].spec.title}" if unhcr.sources else "")
    meta = {
        "refugees_hosted": {"unit": "persons (refugees under UNHCR's mandate living in the place, all origins)",
                            "year": end, "as_of": f"end-{end}", "source": src},
        "refugees_originating": {"unit": "persons (refugees and other people in need of international protection "
                                 "from the place, in all countries of asylum)", "year": end,
                                 "as_of": f"end-{end}", "source": src},
        "sdg_10_7_4": {"unit": "per 100,000 population of the country of origin (SDG 10.7.4, SM_POP_REFG_OR)",
                       "year": end, "as_of": f"end-{end}", "source": f"{src}; UN DESA, {wpp.label}"},
    }
    if fig["sdg_10_7_4_members_missing"]:
        meta["sdg_10_7_4"]["members_missing"] = _named(ims, fig["sdg_10_7_4_members_missing"])
        meta["sdg_10_7_4"]["note"] = ("members without a World Population Prospects population are left out of "
                                      "the numerator and the denominator")
    return keys, meta, dict(fig["reasons"])


def _sdg_keys(store, p: Place) -> tuple[dict, dict, dict]:
    code = p.code if p.code is not None else 0
    sdg, sdg_why = store.optional("sdg")
    incidents, iom_why = store.optional("incidents")
    wdi, wdi_why = store.optional("remittances")
    series = sdg.series if sdg is not None else {}
    costs = [series[k] for k in ("SI_RMT_COST", "SI_RMT_COST_SND") if k in series]
    keys = sdg_figures(
        code, list(p.members), migrs=series.get("SG_CPA_MIGRS"), migrp=series.get("SG_CPA_MIGRP"),
        deaths=series.get("SM_DTH_MIGR"), incidents=incidents.incidents if incidents is not None else None,
        costs=pd.concat(costs, ignore_index=True) if costs else None, gdp_share=series.get("BX_TRF_PWKR"),
        wdi=wdi.remittances if wdi is not None else None)
    keys.pop("location", None)

    def label(src: dict) -> str:
        return f"{src['publication']}, {src['vintage']}"

    def year_of(value: dict) -> int | None:
        if value.get("values"):
            return max(v["year"] for v in value["values"])
        side = [value[s].get("year") for s in ("receiving", "sending") if isinstance(value.get(s), dict)]
        return value.get("year") or max((y for y in side if y), default=None)

    meta = {
        "sdg_10_7_2": {"source": label(SDG_SOURCES["sdg"])},
        "sdg_10_7_3": {"source": f"{label(SDG_SOURCES['sdg'])}; {label(SDG_SOURCES['iom_mmp'])}"},
        "sdg_10_c_1": {"source": label(SDG_SOURCES["sdg"])},
        "remittances": {"source": label(SDG_SOURCES["wdi"])},
    }
    for k in SDG_KEYS:
        meta[k] |= {"unit": keys[k].get("unit", "see the entry"), "year": year_of(keys[k])}
    reasons = {k: v for k, v in (("sdg", sdg_why), ("iom_mmp", iom_why), ("wdi", wdi_why)) if v}
    if reasons:
        keys["sdg_sources_missing"] = reasons
        meta["sdg_sources_missing"] = {"unit": "reasons", "year": None, "source": "migstats"}
    return keys, meta, {}


def figures_for(store, place: str | int | Place | list, *, edition: int, year: int | None = None,
                top: int = 5) -> dict[str, Any]:
    """Every figure ``migstats figures PLACE`` prints, JSON-ready: :func:`place_figures` of IMS ``edition``
    plus WPP 2024 (``net_migration``, ``natural_change``, ``net_migration_share_of_change``,
    ``net_migration_rate``, ``population_change_flags`` — for the IMS year, labelled a projection after
    2023), UNHCR (``refugees_hosted``, ``refugees_originating``, ``sdg_10_7_4`` at the end of the IMS year)
    and the SDG keys (``sdg_10_7_2``, ``sdg_10_7_3``, ``sdg_10_c_1``, ``remittances``).

    Every figure key has a ``meta`` entry (unit, year, source); a figure that cannot be given is None and
    ``not_available`` says why. Official IMS figures are never mixed with synthetic ones: the store has one
    data mode.
    """
    ims = store.ims(edition)
    fig = place_figures(ims, place, year=year, top=top)
    p = place_of(ims, place)
    if p.note:  # e.g. "Congo" is the Republic of the Congo; the Democratic Republic of the Congo exists too
        fig["place_note"] = p.note
    for keys, meta, reasons in (_wpp_keys(store, ims, p, int(fig["year"])),
                                _unhcr_keys(store, ims, p, int(fig["year"])), _sdg_keys(store, p)):
        fig.update(keys)
        fig["meta"].update(meta)
        fig["not_available"].update(reasons)
    fig["meta"] = {k: fig["meta"][k] for k in fig if k in fig["meta"]}  # in the order of the keys
    fig["meta"] = fig.pop("meta")
    fig["not_available"] = fig.pop("not_available")
    return fig


def flat_rows(fig: dict[str, Any]) -> list[dict[str, Any]]:
    """The figures as rows for a table or CSV: ``indicator, value, unit, year, source`` for every figure
    with a single value, plus the headline value of each SDG entry (``sdg_10_7_2`` score or share, the
    latest ``sdg_10_7_3`` count, the ``sdg_10_c_1`` costs, the ``remittances`` received) and a note when
    the source has a gap or the value is a projection or an extract."""
    meta = fig.get("meta", {})
    rows = []
    for key, value in fig.items():
        if key in IDENTITY_KEYS:
            continue
        m = meta.get(key, {})
        if isinstance(value, dict):
            value = _headline_of(key, value)
        elif isinstance(value, list):
            if value and isinstance(value[0], dict):
                continue  # printed as its own table
            value = "; ".join(map(str, value))
        rows.append({"indicator": key, "value": value, "unit": m.get("unit", ""), "year": m.get("year"),
                     "source": m.get("source", ""), "note": _note(m)})
    return rows


def _headline_of(key: str, value: dict) -> Any:
    if key == "sdg_10_7_2":
        return value.get("score", value.get("share_meeting"))
    if key == "sdg_10_7_3":
        return value["values"][-1]["dead_and_missing"] if value.get("values") else None
    if key == "sdg_10_c_1":
        parts = [f"{side} {value[side].get('cost_percent')}" for side in ("receiving", "sending")
                 if isinstance(value.get(side), dict) and value[side].get("cost_percent") is not None]
        return "; ".join(parts) or None
    if key == "remittances":
        return value.get("received_usd")
    return "; ".join(f"{k}: {v}" for k, v in value.items())


def _note(m: dict) -> str:
    notes = []
    if m.get("projection"):
        notes.append(m.get("variant_label", "projection"))
    if m.get("extract"):
        notes.append("third-party extract")
    if m.get("members_missing"):
        notes.append("without " + ", ".join(x["name"] for x in m["members_missing"]))
    if m.get("note") and not m.get("members_missing"):
        notes.append(m["note"])
    return "; ".join(notes)
