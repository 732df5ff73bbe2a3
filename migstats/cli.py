"""The ``migstats`` command: data, regions, figures, briefings, params, inventory.

Every error a user can cause (bad file, unknown place, malformed parameters) ends as one line on
stderr and a non-zero exit code — never a traceback.
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from . import registry
from .data import EDITIONS, LATEST_EDITION
from .errors import DataUnavailable, MigstatsError

app = typer.Typer(
    help="UN international-migration statistics: official data, indicators and regional briefings.",
    no_args_is_help=True, pretty_exceptions_enable=False, add_completion=False,
)
data_app = typer.Typer(help="Fetch, verify and parse the official files.", no_args_is_help=True)
app.add_typer(data_app, name="data")

out = Console(width=160)


class Grouping(str, Enum):
    sdg = "sdg"
    region = "region"
    subregion = "subregion"
    development = "development"
    income = "income"


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


class DataMode(str, Enum):
    auto = "auto"
    official = "official"
    sample = "sample"


def _editions(edition: int | None) -> list[int]:
    if edition is None:
        return list(EDITIONS)
    if edition not in EDITIONS:
        raise MigstatsError(f"unknown edition {edition}; available: {', '.join(map(str, EDITIONS))}")
    return [edition]


@data_app.command("pull")
def data_pull(
    mirror: Path | None = typer.Option(None, help="Folder holding the official files (searched by name)."),
    edition: int | None = typer.Option(None, help="Only this IMS edition (2020 or 2024)."),
    allow_unverified: bool = typer.Option(False, help="Accept files whose checksum is not the registry's."),
) -> None:
    """Fetch (mirror, cache or publisher), verify and parse the official files; print what is available."""
    from .data import load_ims

    table = Table("file", "edition", "sha256", "verified", "from", "rows", title="Official files")
    seen: set[str] = set()
    notes: list[str] = []
    for ed in _editions(edition):
        ims = load_ims(ed, data="official", mirror=mirror, allow_unverified=allow_unverified)
        rows = {
            f"ims{ed}-destination": len(ims.stock),
            f"ims{ed}-origin": len(ims.stock_by_origin) if ims.stock_by_origin is not None else 0,
            f"ims{ed}-matrix": len(ims.matrix) if ims.matrix is not None else 0,
            "ims2024-matrix-extract": len(ims.matrix) if ims.matrix is not None else 0,
        }
        for src in ims.sources:
            if src.key in seen:
                continue
            seen.add(src.key)
            table.add_row(src.spec.filename, str(src.spec.edition or ""), src.sha256[:16] + "…",
                          "yes" if src.verified else "NO", src.origin,
                          f"{rows[src.key]:,}" if src.key in rows else "—")
        for key, why in ims.missing.items():
            if key not in seen:
                seen.add(key)
                table.add_row(key, str(ed), "", "", "missing", "")
                notes.append(f"{key} ({ed}): {why}")
    for extra in _extra_loaders():
        for src, nrows in extra(mirror=mirror, allow_unverified=allow_unverified):
            if src.key not in seen:
                seen.add(src.key)
                table.add_row(src.spec.filename, str(src.spec.edition or ""), src.sha256[:16] + "…",
                              "yes" if src.verified else "NO", src.origin, f"{nrows:,}")
    out.print(table)
    for note in notes:
        out.print(f"[yellow]not available[/]: {note}")


def _extra_loaders():
    """Pull the other publications (WPP 2024, UNHCR): (source, rows) pairs of what is available."""

    def wpp(mirror=None, allow_unverified=False):
        from .sources.wpp import load_wpp

        try:
            w = load_wpp(data="official", mirror=mirror, allow_unverified=allow_unverified)
        except DataUnavailable:
            return []
        return [(src, len(w.indicators)) for src in w.sources]

    def unhcr(mirror=None, allow_unverified=False):
        from .sources.unhcr import KEYS_BY_PREFERENCE, load_unhcr

        found = []
        for key in KEYS_BY_PREFERENCE:
            try:
                u = load_unhcr(data="official", release=key, mirror=mirror, allow_unverified=allow_unverified)
            except DataUnavailable:
                continue
            found.extend((src, len(u.population)) for src in u.sources)
        return found

    return [wpp, unhcr]


@data_app.command("status")
def data_status(mirror: Path | None = typer.Option(None, help="Folder holding the official files.")) -> None:
    """Show, for every registered file, whether it is in the mirror or cache and whether it verifies."""
    for mod in ("wpp", "unhcr"):  # register their files
        try:
            __import__(f"migstats.sources.{mod}")
        except ImportError:
            pass
    table = Table("key", "file", "edition", "status", "sha256", title="Registry of official files")
    for spec in registry.all_files():
        try:
            src = registry.locate(spec.key, mirror=mirror, download=False, allow_unverified=True)
        except DataUnavailable:
            table.add_row(spec.key, spec.filename, str(spec.edition or ""), "not available", "")
            continue
        status = f"{src.origin}, " + ("verified" if src.verified else "NOT verified")
        table.add_row(spec.key, spec.filename, str(spec.edition or ""), status, src.sha256[:16] + "…")
    out.print(table)


@app.command("regions")
def regions(
    grouping: Grouping = typer.Option(Grouping.sdg, help="Which UN grouping to list."),
    edition: int = typer.Option(LATEST_EDITION, help="IMS edition."),
    data: DataMode = typer.Option(DataMode.auto, help="official, sample, or auto (official if available)."),
    format: Format = typer.Option(Format.table, "--format", help="Output format."),
) -> None:
    """List the groups of a UN grouping with their M49 codes and number of member countries/areas."""
    from .data import load_ims

    ims = load_ims(_editions(edition)[0], data=data.value)
    _warn_if_synthetic(ims)
    m = ims.membership[ims.membership["grouping"] == grouping.value]
    counts = m.groupby("group")["member"].nunique()
    locs = ims.locations.set_index("code")
    rows = [
        {"code": int(c), "name": str(locs.loc[c, "name"]), "members": int(counts[c])}
        for c in sorted(counts.index, key=lambda c: int(locs.loc[c, "sort_order"]))
    ]
    _emit(rows, format, title=f"{grouping.value} groups — {ims.label}")


@app.command("figures")
def figures(
    place: str = typer.Argument(..., help="M49 code or name (case-insensitive; an unambiguous prefix is enough)."),
    year: int | None = typer.Option(None, help="Year (default: the edition's latest)."),
    edition: int = typer.Option(LATEST_EDITION, help="IMS edition."),
    data: DataMode = typer.Option(DataMode.auto, help="official, sample, or auto (official if available)."),
    format: Format = typer.Option(Format.table, "--format", help="Output format."),
) -> None:
    """Headline migration figures for a country/area or UN grouping."""
    from .data import load_ims
    from .figures import place_figures

    ims = load_ims(_editions(edition)[0], data=data.value)
    fig = place_figures(ims, place, year=year)
    _warn_if_synthetic(ims)
    fig.update(_population_figures(ims, fig))
    if ims.synthetic:
        fig["synthetic"] = True
    if format is Format.json:
        sys.stdout.write(json.dumps(fig, ensure_ascii=False, indent=2) + "\n")
        return
    flat = {k: v for k, v in fig.items() if not isinstance(v, (list, dict))}
    if format is Format.csv:
        import csv

        w = csv.writer(sys.stdout)
        w.writerow(flat.keys())
        w.writerow(flat.values())
        return
    t = Table("indicator", "value", title=f"{fig.get('name')} — {ims.label}, {fig.get('year')}")
    for k, v in flat.items():
        t.add_row(k, _fmt(v, k))
    out.print(t)
    for k, v in fig.items():
        if isinstance(v, list) and v and isinstance(v[0], dict):
            sub = Table(*v[0].keys(), title=k)
            for row in v:
                sub.add_row(*(_fmt(x, c) for c, x in row.items()))
            out.print(sub)


def _warn_if_synthetic(ims) -> None:
    if ims.synthetic:
        sys.stderr.write("migstats: note: official files not available — SYNTHETIC SAMPLE, NOT OFFICIAL FIGURES\n")


def _population_figures(ims, fig: dict) -> dict:
    """WPP 2024 and UNHCR keys for a place, from the same kind of data as the IMS figures.

    Official IMS figures are never mixed with synthetic WPP/UNHCR figures: when the official files of
    those publications are missing, their keys are None.
    """
    from .indicators.population import population_figures
    from .places import resolve
    from .sources.unhcr import load_unhcr
    from .sources.wpp import load_wpp

    mode = "sample" if ims.synthetic else "official"
    keys: dict = dict.fromkeys(("net_migration", "natural_change", "net_migration_share_of_change", "refugees",
                                "sdg_10_7_4"))
    place = resolve(ims, fig["code"] if fig.get("code") is not None else fig["name"])
    # WPP publishes rows for UN aggregates: use the place's own row where it has a code; UNHCR has
    # countries only, so refugee figures sum the member countries.
    wpp_codes = place.code if place.code is not None else list(place.members)
    try:
        wpp = load_wpp(data=mode)
    except DataUnavailable:
        return keys
    year = int(fig["year"])
    try:
        keys.update(population_figures(wpp, wpp_codes, year, population=ims.population))
    except MigstatsError:
        pass
    try:
        unhcr = load_unhcr(data=mode)
        ref = population_figures(wpp, list(place.members), year, unhcr=unhcr, population=ims.population)
        keys.update({k: ref[k] for k in ("refugees", "sdg_10_7_4")})
    except MigstatsError:
        pass
    return keys


def _fmt(v, key: str = "") -> str:
    if isinstance(v, bool):
        return "yes" if v else "no"
    if key in ("code", "edition", "year") or isinstance(v, str):
        return "" if v is None else str(v)
    if isinstance(v, float):
        return f"{v:,.2f}" if abs(v) < 1000 else f"{v:,.0f}"
    if isinstance(v, int):
        return f"{v:,}"
    return "" if v is None else str(v)


def _emit(rows: list[dict], format: Format, title: str) -> None:
    if format is Format.json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    elif format is Format.csv:
        import csv

        if rows:
            w = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(rows)
    else:
        t = Table(*(rows[0].keys() if rows else ["(none)"]), title=title)
        for r in rows:
            t.add_row(*(_fmt(v, k) for k, v in r.items()))
        out.print(t)


def _mount_optional() -> None:
    """Commands that live in their own packages (report runner, inventory)."""
    try:
        from .report.cli import briefings, params_app

        app.command("briefings")(briefings)
        app.add_typer(params_app, name="params")
    except ImportError:
        pass
    try:
        from .inventory.cli import app as inventory_app

        app.add_typer(inventory_app, name="inventory")
    except ImportError:
        pass


_mount_optional()


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the app; expected errors become one line on stderr and a non-zero exit code."""
    try:
        app(args=argv, prog_name="migstats")
    except MigstatsError as exc:
        sys.stderr.write(f"migstats: error: {exc}\n")
        raise SystemExit(exc.exit_code) from None


if __name__ == "__main__":
    main()
