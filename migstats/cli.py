"""The ``migstats`` command: data, regions, figures, briefings, params, inventory.

Every error a user can cause (bad file, unknown place, malformed parameters) ends as one line on
stderr and a non-zero exit code — never a traceback.
"""

from __future__ import annotations

import csv
import json
import sys
from enum import Enum
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table
from typer.exceptions import TyperException

from . import __version__
from .errors import MigstatsError
from .figures import figures_for, flat_rows
from .inventory.cli import app as inventory_app
from .report.cli import briefings, params_app
from .store import EDITIONS, LATEST_EDITION, Store
from .store import settings as store_settings

app = typer.Typer(
    help="UN international-migration statistics: official data, indicators and regional briefings.",
    no_args_is_help=True, pretty_exceptions_enable=False, add_completion=False,
)
data_app = typer.Typer(help="Fetch, verify and parse the official files.", no_args_is_help=True)
app.add_typer(data_app, name="data")
config_app = typer.Typer(help="Settings kept in the user config file (mirror, cache, offline, data).",
                         no_args_is_help=True)
app.add_typer(config_app, name="config")
app.command("briefings")(briefings)
app.add_typer(params_app, name="params")
app.add_typer(inventory_app, name="inventory")



def console(stderr: bool = False) -> Console:
    """A console that prints user text (place names, titles) literally — no markup, no highlighting — as wide
    as the terminal; into a pipe or file, lines are never cut."""
    stream = sys.stderr if stderr else sys.stdout
    width = None if stream.isatty() else 1000
    return Console(stderr=stderr, markup=False, highlight=False, width=width, soft_wrap=not stream.isatty())


out = console()
err = console(stderr=True)


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


DataOpt = typer.Option(None, "--data", help="auto (official if available, else the synthetic sample), official "
                       "or sample. Default: MIGSTATS_DATA, the config file, else auto.")
MirrorOpt = typer.Option(None, "--mirror", help="Folder holding the official files (replaces MIGSTATS_MIRROR).")
UnverifiedOpt = typer.Option(None, "--allow-unverified/--verified-only",
                             help="Accept files whose checksum matches no published version.")


def open_store(data: str | None, mirror: Path | None = None, allow_unverified: bool | None = None, *,
               edition: int = LATEST_EDITION, quiet: bool = False) -> Store:
    """The store of this run; its data mode is said in one line on stderr."""
    store = Store.open(data, edition=edition, mirror=mirror, allow_unverified=allow_unverified)
    if not quiet:
        err.print(f"migstats: {store.mode.reason}")
    if store.synthetic:
        err.print("migstats: note: SYNTHETIC SAMPLE — NOT OFFICIAL FIGURES")
    return store


def _version(value: bool) -> None:
    if value:
        out.print(f"migstats {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Print the version and exit.")) -> None:
    """UN international-migration statistics: official data, indicators and regional briefings."""


def _editions(edition: int | None) -> list[int]:
    if edition is None:
        return list(EDITIONS)
    if edition not in EDITIONS:
        raise MigstatsError(f"unknown edition {edition}; available: {', '.join(map(str, EDITIONS))}")
    return [edition]


@data_app.command("pull")
def data_pull(
    mirror: Path | None = MirrorOpt,
    edition: int | None = typer.Option(None, help="Only this IMS edition (2020 or 2024)."),
    allow_unverified: bool | None = UnverifiedOpt,
) -> None:
    """Fetch (mirror, cache or publisher), verify and parse the official files; report every file."""
    store = open_store("official", mirror, allow_unverified, quiet=True)
    table = Table("file", "edition", "sha256", "verified", "from", "rows", title="Official files")
    problems: list[str] = []
    loads = [(f"IMS {ed}", lambda ed=ed: store.ims(ed)) for ed in _editions(edition)]
    loads += [("WPP 2024", store.wpp)] + [(key, lambda key=key: store.unhcr(release=key))
                                          for key in ("unhcr-rpkg-population", "unhcr-rdf-2024", "unhcr-rdf-2021")]
    seen: set[str] = set()
    for label, load in loads:
        try:
            bundle = load()
        except MigstatsError as exc:
            problems.append(f"{label}: {exc}")
            continue
        for src in bundle.sources:
            if src.key in seen:
                continue
            seen.add(src.key)
            table.add_row(src.spec.filename, src.spec.edition_label, src.sha256[:16] + "…",
                          "yes" if src.verified else "NO", src.origin, f"{_rows(bundle, src.key):,}")
        for key, why in getattr(bundle, "missing", {}).items():
            problems.append(f"{label}, {key}: {why}")
    out.print(table)
    for line in problems:
        err.print(f"not available: {line}")
    if problems and not seen:
        raise typer.Exit(1)


def _rows(bundle, key: str) -> int:
    frames = {"destination": "stock", "origin": "stock_by_origin", "matrix": "matrix", "extract": "matrix",
              "wpp": "indicators", "unhcr": "population"}
    for part, attr in frames.items():
        if part in key and getattr(bundle, attr, None) is not None:
            return len(getattr(bundle, attr))
    return 0


@data_app.command("status")
def data_status(mirror: Path | None = MirrorOpt) -> None:
    """Every declared official file: whether it is in the mirror or the cache, and whether it verifies."""
    store = open_store("official", mirror, quiet=True)
    table = Table("key", "file", "edition", "status", "from", "sha256", title="Official files (declarations)")
    for row in store.status():
        table.add_row(row["key"], row["file"], row["edition"], row["status"], row["origin"], row["sha256"])
    out.print(table)
    mirrors = ", ".join(str(p) for p in store.settings.mirrors) or "none"
    out.print(f"mirror: {mirrors} ({store.settings.origin.get('mirror', 'default')}); cache: {store.settings.cache}")


@data_app.command("validate")
def data_validate() -> None:
    """Re-check every cached table against its checksum; drop what fails (it is rebuilt on next use)."""
    store = open_store("official", quiet=True)
    checked, dropped = store.validate_cache()
    for folder in dropped:
        out.print(f"dropped (checksum mismatch or incomplete): {folder}")
    out.print(f"{checked} cached table set(s) checked, {len(dropped)} dropped")


@config_app.command("show")
def config_show() -> None:
    """The settings in force and where each comes from (option > environment > config file > default)."""
    table = Table("setting", "value", "from", title=f"Settings (config file: {store_settings.config_path()})")
    for row in store_settings.resolve().describe():
        table.add_row(row["setting"], row["value"], row["from"])
    out.print(table)


@config_app.command("set")
def config_set(key: str = typer.Argument(..., help="mirror, cache, offline, allow_unverified or data."),
               value: str = typer.Argument(..., help="The value (folders separated by ':' for mirror).")) -> None:
    """Keep one setting in the user config file."""
    path = store_settings.set_value(key, value)
    out.print(f"{key} set in {path}")


@config_app.command("unset")
def config_unset(key: str = typer.Argument(..., help="The setting to remove from the config file.")) -> None:
    """Remove one setting from the user config file (its default applies again)."""
    path = store_settings.unset_value(key)
    out.print(f"{key} removed from {path}")


@app.command("regions")
def regions(
    grouping: Grouping = typer.Option(Grouping.sdg, help="Which UN grouping to list."),
    edition: int = typer.Option(LATEST_EDITION, help="IMS edition."),
    data: DataMode | None = DataOpt,
    mirror: Path | None = MirrorOpt,
    format: Format = typer.Option(Format.table, "--format", help="Output format."),
) -> None:
    """List the groups of a UN grouping with their M49 codes and number of member countries/areas."""
    ed = _editions(edition)[0]
    ims = open_store(data and data.value, mirror, edition=ed).ims(ed)
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
    place: str = typer.Argument(..., help="M49 code or full name (case-insensitive), in English, French or Spanish."),
    year: int | None = typer.Option(None, help="Year (default: the edition's latest)."),
    edition: int = typer.Option(LATEST_EDITION, help="IMS edition."),
    data: DataMode | None = DataOpt,
    mirror: Path | None = MirrorOpt,
    allow_unverified: bool | None = UnverifiedOpt,
    format: Format = typer.Option(Format.table, "--format", help="Output format."),
) -> None:
    """Headline migration figures for a country/area or UN grouping, each with its unit, year and source.

    JSON: the figures under their own keys and, in ``meta``, the unit, year and source of each (see
    :mod:`migstats.figures`); table and CSV: one row per figure with the same unit, year and source."""
    ed = _editions(edition)[0]
    store = open_store(data and data.value, mirror, allow_unverified, edition=ed)
    fig = figures_for(store, place, edition=ed, year=year)
    if fig.get("place_note"):
        err.print(f"migstats: note: {fig['place_note']}")
    if format is Format.json:
        sys.stdout.write(json.dumps(fig, ensure_ascii=False, indent=2) + "\n")
        return
    rows = flat_rows(fig)
    if format is Format.csv:
        w = csv.DictWriter(sys.stdout, fieldnames=["indicator", "value", "unit", "year", "source", "note"])
        w.writeheader()
        w.writerows(rows)
        return
    t = Table("indicator", "value", "unit", "year", "source", "note",
              title=f"{fig.get('name')} — {fig.get('source')}, {fig.get('year')}")
    for r in rows:
        t.add_row(r["indicator"], _fmt(r["value"], r["indicator"]), r["unit"], _fmt(r["year"], "year"),
                  r["source"], r["note"])
    out.print(t)
    for k, v in fig.items():
        if isinstance(v, list) and v and isinstance(v[0], dict):
            sub = Table(*v[0].keys(), title=f"{k} — {fig['meta'].get(k, {}).get('source', '')}")
            for row in v:
                sub.add_row(*(_fmt(x, c) for c, x in row.items()))
            out.print(sub)
    for k, why in fig.get("not_available", {}).items():
        err.print(f"migstats: not available: {k}: {why}")


def _fmt(v, key: str = "") -> str:
    """A value for a table cell: numbers with thousands separators at the precision they carry (figures
    are already rounded as the UN publishes them), codes and years as they are, "" for nothing."""
    if isinstance(v, bool):
        return "yes" if v else "no"
    if v is None:
        return ""
    if key in ("code", "edition", "year") or isinstance(v, str):
        return str(v)
    if isinstance(v, (int, float)):
        return f"{v:,}"
    return str(v)


def _emit(rows: list[dict], format: Format, title: str) -> None:
    if format is Format.json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    elif format is Format.csv:
        if rows:
            w = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(rows)
    else:
        t = Table(*(rows[0].keys() if rows else ["(none)"]), title=title)
        for r in rows:
            t.add_row(*(_fmt(v, k) for k, v in r.items()))
        out.print(t)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the app; expected errors become one line on stderr and a non-zero exit code."""
    try:
        code = app(args=argv, prog_name="migstats", standalone_mode=False)
    except MigstatsError as exc:
        sys.stderr.write(f"migstats: error: {exc}\n")
        raise SystemExit(exc.exit_code) from None
    except (KeyboardInterrupt, typer.Abort):  # Ctrl-C: the conventional 128 + SIGINT
        sys.stderr.write("migstats: interrupted (Ctrl-C)\n")
        raise SystemExit(130) from None
    except typer.Exit as exc:
        raise SystemExit(exc.exit_code) from None
    except TyperException as exc:  # usage errors: the parser's own message and exit code (2)
        exc.show()
        raise SystemExit(exc.exit_code) from None
    if code == 130:  # the parser turns Ctrl-C (and typer.Exit codes) into a return value
        sys.stderr.write("migstats: interrupted (Ctrl-C)\n")
    if isinstance(code, int) and code:
        raise SystemExit(code)


if __name__ == "__main__":
    main()
