"""The ``migstats briefings`` command and the ``migstats params`` group (registered by migstats.cli).

Examples::

    migstats briefings --all --grouping sdg --data auto          # the 8 SDG regions (make briefings)
    migstats briefings 1829 "Sub-Saharan Africa" --formats pdf   # two places
    migstats briefings params/sdg/*.yaml --jobs 2                # parameter files
    migstats params generate --grouping subregion                # write params/subregion/*.yaml
"""

from __future__ import annotations

from pathlib import Path

import typer

from ..data import LATEST_EDITION
from ..errors import ParamsError
from .params import GROUPING_KINDS, BriefingParams

params_app = typer.Typer(help="Parameter files of the briefings (params/<grouping>/*.yaml).",
                         no_args_is_help=True)


def _specs(places: list[str], all_: bool, grouping: str, edition: int | None, year: int | None,
           data: str) -> list[BriefingParams | Path]:
    """Parameter sets from PLACE arguments (codes, names or YAML files) or from a whole grouping."""
    if grouping not in GROUPING_KINDS:
        raise ParamsError(f"unknown grouping {grouping!r} — use one of: {', '.join(GROUPING_KINDS)}")
    if data not in ("auto", "official", "sample"):
        raise ParamsError(f"unknown data mode {data!r} — use auto, official or sample")
    ed = edition or LATEST_EDITION
    specs: list[BriefingParams | Path] = []
    if all_:
        from ..data import load_ims
        from .params import groups_of

        ims = load_ims(ed, data=data)
        specs += [BriefingParams(place=str(code), title=name, grouping=grouping, edition=ed, year=year, data=data)
                  for code, name in groups_of(ims, grouping)]
    for place in places:
        if place.endswith((".yaml", ".yml")):
            specs.append(Path(place))
        else:
            specs.append(BriefingParams(place=place, edition=ed, year=year, data=data))
    if not specs:
        raise ParamsError("no briefing to build — name places (codes, names or params/*.yaml files) or use --all")
    return specs


def briefings(
    places: list[str] = typer.Argument(None, metavar="[PLACE]...",
                                       help="M49 codes, place names or params YAML files."),
    all_: bool = typer.Option(False, "--all", help="Every group of --grouping."),
    grouping: str = typer.Option("sdg", help="Grouping for --all: sdg, region, subregion or country."),
    out: Path = typer.Option(Path("outputs"), help="Output folder (HTML, PDF, index.html, notebooks/)."),
    formats: str = typer.Option("html,pdf", help="Comma-separated: html, pdf."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Briefings built in parallel."),
    data: str = typer.Option("auto", help="auto (official if available, else synthetic sample), official, sample."),
    edition: int | None = typer.Option(None, help="IMS edition (default: the latest)."),
    year: int | None = typer.Option(None, help="Year of the edition (default: its latest)."),
    force: bool = typer.Option(False, help="Rebuild even briefings whose inputs have not changed."),
) -> None:
    """Build regional briefings (HTML and PDF) and the index page; exits 1 if any briefing failed."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from .runner import plan, run_batch

    console = Console(stderr=True)
    fmts = [f.strip().lower() for f in formats.split(",") if f.strip()]
    bad = [f for f in fmts if f not in ("html", "pdf")]
    if bad or not fmts:
        raise ParamsError(f"unknown format(s) {', '.join(bad) or '(none)'} — use --formats html,pdf")
    jobs_list = plan(_specs(places or [], all_, grouping, edition, year, data))
    if any(j.synthetic for j in jobs_list):
        console.print("[bold red]Official files not available: building from the SYNTHETIC SAMPLE — "
                      "NOT OFFICIAL FIGURES[/]")
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, transient=False) as progress:
        task = progress.add_task("briefings", total=len(jobs_list))

        def done(res) -> None:
            mark = {"built": "[green]built[/]", "skipped": "[dim]unchanged[/]", "failed": "[red]FAILED[/]"}
            progress.console.print(f"{mark[res.status]}  {res.title}")
            progress.advance(task)

        batch = run_batch(jobs_list, out, formats=fmts, workers=jobs, force=force, on_result=done)
    console.print(f"{batch.count('built')} built, {batch.count('skipped')} unchanged, "
                  f"{len(batch.failed)} failed in {batch.seconds:.1f} s — {batch.index}")
    if batch.failed:
        for r in batch.failed:
            where = f" — see {r.notebook}" if r.notebook else ""
            console.print(f"[red]failed:[/] {r.title}: {r.error}{where}", highlight=False, soft_wrap=True)
        raise typer.Exit(1)


@params_app.command("generate")
def params_generate(
    grouping: str = typer.Option("sdg", help="sdg, region, subregion or country."),
    out: Path = typer.Option(Path("params"), help="Folder; files go to <out>/<grouping>/."),
    edition: int | None = typer.Option(None, help="IMS edition (default: the latest)."),
    data: str = typer.Option("auto", help="Data mode written into the files (auto, official, sample)."),
) -> None:
    """Write one parameter file per group of a grouping (e.g. the 8 SDG regions)."""
    from ..data import load_ims
    from .params import generate_params

    if data not in ("auto", "official", "sample"):
        raise ParamsError(f"unknown data mode {data!r} — use auto, official or sample")
    ims = load_ims(edition or LATEST_EDITION, data=data)
    paths = generate_params(ims, grouping, out, data=data)
    for p in paths:
        typer.echo(str(p))


@params_app.command("check")
def params_check(files: list[Path] = typer.Argument(..., help="Parameter files to validate.")) -> None:
    """Validate parameter files; a malformed one is reported as one line naming it."""
    from .params import load_params

    for f in files:
        load_params(f)
        typer.echo(f"{f}: ok")
