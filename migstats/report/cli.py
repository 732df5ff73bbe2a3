"""The ``migstats briefings`` command and the ``migstats params`` group (registered by migstats.cli).

Examples::

    migstats briefings --all --grouping sdg --data auto          # the 8 SDG regions (make briefings)
    migstats briefings 1829 "Sub-Saharan Africa" --formats pdf   # two places
    migstats briefings params/sdg/*.yaml --jobs 2                # parameter files
    migstats params generate --grouping subregion                # write params/subregion/*.yaml
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Executor
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text

from ..errors import ParamsError, bounded
from ..store import EDITIONS, LATEST_EDITION, Store
from .executors import DaskExecutor, LocalExecutor
from .languages import LANGUAGES
from .params import GROUPING_KINDS, BriefingParams, generate_params, groups_of, load_params, make_params
from .runner import check_out_dir, output_dir, plan, run_batch

params_app = typer.Typer(help="Parameter files of the briefings (params/<grouping>/*.yaml).",
                         no_args_is_help=True)


def _specs(store: Store, places: list[str], all_: bool, grouping: str, edition: int | None,
           year: int | None) -> list[BriefingParams | Path]:
    """Parameter sets from PLACE arguments (codes, names or YAML files) or from a whole grouping."""
    if grouping not in GROUPING_KINDS:
        raise ParamsError(f"unknown grouping {grouping!r} — use one of: {', '.join(GROUPING_KINDS)}")
    ed = edition or LATEST_EDITION
    data = store.mode.name
    specs: list[BriefingParams | Path] = []
    if all_:
        specs += [BriefingParams(place=str(code), title=name, grouping=grouping, edition=ed, year=year, data=data)
                  for code, name in groups_of(store.ims(ed), grouping)]
    for place in places:
        if place.endswith((".yaml", ".yml")):
            specs.append(Path(place))
        else:
            specs.append(make_params("command line", place=place, edition=ed, year=year, data=data))
    if not specs:
        raise ParamsError("no briefing to build — name places (codes, names or params/*.yaml files) or use --all")
    return specs


def briefings(
    places: list[str] = typer.Argument(None, metavar="[PLACE]...",
                                       help="M49 codes, place names or params YAML files."),
    all_: bool = typer.Option(False, "--all", help="Every group of --grouping."),
    grouping: str = typer.Option("sdg", help="Grouping for --all: sdg, region, subregion, development, income, "
                                 "special (LDC, LLDC, SIDS), country or all (every group and every country)."),
    out: Path = typer.Option(Path("outputs"), help="Output folder (HTML, PDF, index.html, notebooks/)."),
    formats: str = typer.Option("html,pdf", help="Comma-separated: html, pdf."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Briefings built in parallel."),
    data: str | None = typer.Option(None, help="auto (official if available, else the synthetic sample), official "
                                    "or sample. Default: MIGSTATS_DATA, the config file, else auto."),
    mirror: Path | None = typer.Option(None, help="Folder holding the official files (replaces MIGSTATS_MIRROR)."),
    allow_unverified: bool | None = typer.Option(None, "--allow-unverified/--verified-only",
                                                 help="Accept files whose checksum matches no published version."),
    edition: int | None = typer.Option(None, help="IMS edition (default: the latest)."),
    year: int | None = typer.Option(None, help="Year of the edition (default: its latest)."),
    force: bool = typer.Option(False, help="Rebuild even briefings whose inputs have not changed."),
    lang: str | None = typer.Option(None, "--lang", help="Languages, comma-separated: en, fr, es (e.g. "
                                    "en,fr,es builds each briefing three times). Default: each params file's "
                                    "lang:, else en."),
    executor: str = typer.Option("local", help="local (this machine: one warm kernel per --jobs worker) or dask "
                                 "(Dask distributed: --scheduler ADDRESS, or a LocalCluster of --jobs workers)."),
    scheduler: str | None = typer.Option(None, help="Address of a running Dask scheduler (tcp://host:8786); "
                                         "with --executor dask."),
) -> None:
    """Build regional briefings and country profiles (HTML and PDF) and the index pages; exits 1 if any
    briefing failed, 130 if interrupted (Ctrl-C)."""
    console = Console(stderr=True, markup=False, highlight=False, soft_wrap=True)
    try:
        _briefings(console, places, all_, grouping, out, formats, jobs, data, mirror, allow_unverified, edition,
                   year, force, _langs(lang), _executor(executor, scheduler, jobs))
    except KeyboardInterrupt:  # before the batch started (loading data, planning): nothing was built
        console.print("interrupted (Ctrl-C) before any briefing was built", style="red")
        raise typer.Exit(130) from None


def _langs(text: str | None) -> list[str] | None:
    if text is None:
        return None
    langs = [part.strip().lower() for part in text.split(",") if part.strip()]
    bad = [lg for lg in langs if lg not in LANGUAGES]
    if bad or not langs:
        raise ParamsError(f"unknown language(s) {bounded(', '.join(bad) or '(none)', 60)} — use --lang with "
                          f"{', '.join(LANGUAGES)} (comma-separated)")
    return list(dict.fromkeys(langs))


def _executor(kind: str, scheduler: str | None, jobs: int) -> Callable[[], Executor]:
    """A factory of the executor of this run (made when the batch starts, closed when it ends)."""
    if kind not in ("local", "dask"):
        raise ParamsError(f"unknown executor {bounded(kind, 40)!r} — use --executor local or --executor dask")
    if scheduler and kind != "dask":
        raise ParamsError("--scheduler is for --executor dask")
    if kind == "dask":
        return lambda: DaskExecutor(scheduler, jobs)
    return lambda: LocalExecutor(jobs, processes=False)


def _briefings(console: Console, places, all_, grouping, out, formats, jobs, data, mirror, allow_unverified,
               edition, year, force, langs, make_executor) -> None:
    if edition is not None and edition not in EDITIONS:
        raise ParamsError(f"--edition {edition} is not available — use {' or '.join(map(str, EDITIONS))}")
    fmts = [f.strip().lower() for f in formats.split(",") if f.strip()]
    bad = [f for f in fmts if f not in ("html", "pdf")]
    if bad or not fmts:
        raise ParamsError(f"unknown format(s) {', '.join(bad) or '(none)'} — use --formats html,pdf")
    check_out_dir(out, folders=False)  # before anything is printed: a bad --out is one line
    store = Store.open(data, edition=edition or LATEST_EDITION, mirror=mirror, allow_unverified=allow_unverified)
    console.print(f"migstats: {store.mode.reason}")
    jobs_list = plan(_specs(store, places or [], all_, grouping, edition, year), store, langs=langs)
    out = check_out_dir(output_dir(out, store))
    if store.synthetic:
        console.print(f"Building from the SYNTHETIC SAMPLE — NOT OFFICIAL FIGURES; outputs go to {out} "
                      "(official briefings are never replaced by synthetic ones)", style="bold red")
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, transient=False) as progress:
        task = progress.add_task("briefings", total=len(jobs_list))

        def done(res) -> None:
            mark = {"built": ("built    ", "green"), "skipped": ("unchanged", "dim"), "failed": ("FAILED   ", "red"),
                    "interrupted": ("stopped  ", "yellow")}
            word, style = mark[res.status]
            progress.console.print(Text(word, style=style) + Text(f"  {res.title}"))
            progress.advance(task)

        with make_executor() as pool:
            batch = run_batch(jobs_list, out, formats=fmts, workers=jobs, force=force, on_result=done, executor=pool,
                              place_names=store.ims(edition or LATEST_EDITION).names)
    console.print(Text(f"{batch.count('built')} built, {batch.count('skipped')} unchanged, "
                       f"{len(batch.failed)} failed in {batch.seconds:.1f} s — {batch.index}"))
    for r in batch.failed:
        where = f" — see {r.notebook}" if r.notebook else ""
        console.print(Text("failed: ", style="red") + Text(bounded(f"{r.title}: {r.error}", 200) + where),
                      soft_wrap=True)
    if batch.interrupted:
        built = [r.title for r in batch.results if r.status in ("built", "skipped")]
        stopped = [r.title for r in batch.results if r.status == "interrupted"]
        console.print(Text(f"interrupted (Ctrl-C): {len(built)} built or unchanged"
                           + (f" ({', '.join(built)})" if built else "")
                           + f"; {len(stopped)} not built ({', '.join(stopped)}) — run the same command "
                           "again to build them", style="yellow"))
        raise typer.Exit(130)
    if batch.failed:
        raise typer.Exit(1)


@params_app.command("generate")
def params_generate(
    grouping: str = typer.Option("sdg", help="sdg, region, subregion, development, income, special, country "
                                 "or all."),
    out: Path = typer.Option(Path("params"), help="Folder; files go to <out>/<grouping>/."),
    edition: int | None = typer.Option(None, help="IMS edition (default: the latest)."),
    data: str = typer.Option("auto", help="Data mode written into the files (auto, official, sample)."),
) -> None:
    """Write one parameter file per group of a grouping (e.g. the 8 SDG regions)."""
    if data not in ("auto", "official", "sample"):
        raise ParamsError(f"unknown data mode {data!r} — use auto, official or sample")
    ims = Store.open(data, edition=edition or LATEST_EDITION).ims(edition or LATEST_EDITION)
    paths = generate_params(ims, grouping, out, data=data)
    for p in paths:
        typer.echo(str(p))


@params_app.command("check")
def params_check(files: list[Path] = typer.Argument(..., help="Parameter files to validate.")) -> None:
    """Validate parameter files; a malformed one is reported as one line naming it."""
    for f in files:
        load_params(f)
        typer.echo(f"{f}: ok")
