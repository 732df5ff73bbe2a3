"""``migstats inventory …``: validate the inventory file, list its entries, build its page.

The lead CLI mounts :data:`app` with ``app.add_typer(inventory_app, name="inventory")``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from enum import Enum
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from .model import KINDS, SCOPES, STATUSES, Entry
from .page import DEFAULT_STALE_AFTER_DAYS, PAGE_LANGUAGES, build_inventory_page, period_text
from .validate import InventoryError, default_path, load_inventory, validate_file

app = typer.Typer(
    help="The workplan inventory of migration processes, mechanisms and initiatives.",
    no_args_is_help=True,
    add_completion=False,
)

FILE_HELP = "Inventory YAML file (default: the one shipped with migstats)."


class OutputFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


def _err(line: str) -> None:
    typer.echo(line, err=True)


def _today(value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"'{value}' is not a date — write YYYY-MM-DD", param_hint="--today"
        ) from None


def _choices(values: list[str] | None, vocab: dict[str, str], option: str) -> list[str]:
    for v in values or []:
        if v not in vocab:
            raise typer.BadParameter(f"'{v}' is not one of: {', '.join(vocab)}", param_hint=option)
    return values or []


def _load(file: Path | None):
    try:
        return load_inventory(file)
    except InventoryError as exc:
        for line in exc.problems:
            _err(line)
        _err(f"{len(exc.problems)} problem(s) — fix them, then run 'migstats inventory validate {exc.path}'")
        raise typer.Exit(1) from None


@app.command()
def validate(file: Path = typer.Argument(None, help=FILE_HELP, show_default=False)) -> None:
    """Check the inventory file; print one line per problem and exit 1 if there are any."""
    path = file or default_path()
    problems = validate_file(path)
    for line in problems:
        _err(line)
    if problems:
        _err(f"{path}: {len(problems)} problem(s)")
        raise typer.Exit(1)
    n = len(load_inventory(path).entries)
    typer.echo(f"{path}: {n} entries, no problems")


CSV_COLUMNS = (
    "name", "kind", "lead", "start", "end", "scope", "status", "contributions", "reviewed", "description",
    "documents",
)  # fmt: skip


def _record(e: Entry) -> dict[str, str | int]:
    return {
        "name": e.name,
        "kind": e.kind,
        "lead": e.lead_text,
        "start": e.period.start,
        "end": e.period.end,
        "scope": e.scope,
        "status": e.status,
        "contributions": len(e.contributions),
        "reviewed": e.reviewed,
        "description": e.description,
        "documents": "; ".join(e.documents),
    }


@app.command("list")
def list_(
    kind: list[str] = typer.Option(None, "--kind", help="Only this kind (repeatable): " + ", ".join(KINDS)),
    status: list[str] = typer.Option(
        None, "--status", help="Only this status (repeatable): " + ", ".join(STATUSES)
    ),
    scope: list[str] = typer.Option(
        None, "--scope", help="Only this scope (repeatable): " + ", ".join(SCOPES)
    ),
    fmt: OutputFormat = typer.Option(OutputFormat.table, "--format", help="table (for people), csv or json."),
    file: Path = typer.Option(None, "--file", help=FILE_HELP, show_default=False),
) -> None:
    """List the inventory's entries, optionally only some kinds, statuses or scopes."""
    kinds = _choices(kind, KINDS, "--kind")
    statuses = _choices(status, STATUSES, "--status")
    scopes = _choices(scope, SCOPES, "--scope")
    inventory = _load(file)
    entries = inventory.select(kinds=kinds, statuses=statuses, scopes=scopes)
    if fmt is OutputFormat.json:
        data = [
            e.model_dump() | {"sources": {s: inventory.sources[s].model_dump() for s in e.sources}}
            for e in entries
        ]
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
    elif fmt is OutputFormat.csv:
        buf = io.StringIO()
        writer = csv.DictWriter(
            buf,
            fieldnames=list(CSV_COLUMNS),
            lineterminator="\n",
        )
        writer.writeheader()
        writer.writerows(_record(e) for e in entries)
        typer.echo(buf.getvalue(), nl=False)
    else:
        table = Table(title=f"Workplan inventory — {len(entries)} of {len(inventory.entries)} entries")
        table.add_column("Name", overflow="fold", min_width=30)
        for col in ("Kind", "Period", "Scope", "Status", "Reviewed"):
            table.add_column(col, overflow="fold")
        for e in entries:
            table.add_row(e.name, e.kind, period_text(e), e.scope, e.status, e.reviewed)
        Console(width=max(Console().width, 100)).print(table)


@app.command()
def page(
    out: Path = typer.Option(
        ..., "--out", help="Folder to write inventory.html into (or an .html file path)."
    ),
    file: Path = typer.Option(None, "--file", help=FILE_HELP, show_default=False),
    stale_after_days: int = typer.Option(
        DEFAULT_STALE_AFTER_DAYS,
        "--stale-after-days",
        min=0,
        help="Mark entries not reviewed within this many days as stale.",
    ),
    today: str = typer.Option(
        None, "--today", help="Measure staleness from this date (YYYY-MM-DD; default: today)."
    ),
    lang: str = typer.Option(
        "en",
        "--lang",
        help="Language of the page: en (inventory.html), fr (inventory.fr.html) or es (inventory.es.html). "
        "Entry texts stay in the language of their sources.",
    ),
) -> None:
    """Build the inventory's HTML page: searchable table, filters, timeline and stale marks."""
    day = _today(today)
    if lang.strip().lower() not in PAGE_LANGUAGES:
        raise typer.BadParameter(f"'{lang}' is not one of: {', '.join(PAGE_LANGUAGES)}", param_hint="--lang")
    inventory = _load(file)
    path = build_inventory_page(
        inventory, out, today=day, stale_after_days=stale_after_days, lang=lang.strip().lower()
    )
    n_stale = sum(e.is_stale(day, stale_after_days) for e in inventory.entries)
    typer.echo(
        f"{path}: {len(inventory.entries)} entries, {n_stale} stale "
        f"(not reviewed within {stale_after_days} days)"
    )
