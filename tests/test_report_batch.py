"""A real batch: papermill runs the briefing notebook for sample regions (and an official one when the
mirror is there); the tests read the PDFs and HTML a reader would get."""

import json
import re
from pathlib import Path

import pytest
import typer
from pypdf import PdfReader
from typer.testing import CliRunner

from migstats.report import build, runner
from migstats.report.briefing import briefing_for
from migstats.report.cli import briefings
from migstats.report.params import BriefingParams
from migstats.report.runner import plan, run_batch
from migstats.store import Store

pytestmark = pytest.mark.slow

REGIONS = {1834: "Sub-Saharan Africa", 1836: "Australia/New Zealand"}
CODE_MARKERS = ("briefing_for", "briefing.show(", "setup_notebook", "import ", "data = ")


def _cli(*args: str):
    app = typer.Typer()
    app.command()(briefings)
    return CliRunner().invoke(app, list(args))


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """Two sample regions, one unknown place and one malformed parameter file, two at a time."""
    out = tmp_path_factory.mktemp("outputs")
    params = tmp_path_factory.mktemp("params")
    (params / "atlantis.yaml").write_text("place: Atlantis\ndata: sample\n")
    (params / "malformed.yaml").write_text("place: [1834\n")
    result = _cli(*map(str, REGIONS), str(params / "atlantis.yaml"), str(params / "malformed.yaml"),
                  "--data", "sample", "--out", str(out), "--jobs", "2")
    return out / "sample", result  # synthetic briefings go to <out>/sample, never beside official ones


def _pdf_pages(path: Path) -> list[str]:
    return [p.extract_text() for p in PdfReader(path).pages]


def _files(out: Path, code: int) -> dict[str, Path]:
    stem = next(p.stem for p in out.glob(f"{code}-*.pdf"))
    return {"pdf": out / f"{stem}.pdf", "html": out / f"{stem}.html", "notebook": out / "notebooks" / f"{stem}.ipynb"}


def test_the_batch_builds_every_good_briefing_and_exits_non_zero_for_the_broken_ones(batch):
    out, result = batch
    assert result.exit_code == 1
    assert "2 built, 0 unchanged, 2 failed" in result.output
    for code in REGIONS:
        assert all(p.is_file() for p in _files(out, code).values())


def test_the_batch_output_carries_no_kernel_or_progress_bar_noise(batch):
    out, result = batch
    noise = ("without encryption", "TqdmWarning", "IProgress", "KeyboardInterrupt", "Traceback", "Warning:")
    assert not [n for n in noise if n in result.output]
    notebooks = " ".join(p.read_text() for p in (out / "notebooks").glob("*.ipynb"))
    assert not [n for n in noise if n in notebooks]


def test_each_pdf_names_its_region_and_prints_its_headline_stock(batch):
    out, _ = batch
    for code, name in REGIONS.items():
        text = "\n".join(_pdf_pages(_files(out, code)["pdf"]))
        stock = briefing_for(code, data="sample").headline_text()["stock"]
        assert name in text
        assert f"{stock}\ninternational migrants" in text or f"{stock} international migrants" in text


def test_pdf_pages_are_numbered_marked_synthetic_and_free_of_code(batch):
    out, _ = batch
    pages = _pdf_pages(_files(out, 1834)["pdf"])
    assert len(pages) >= 3
    for i, text in enumerate(pages, start=1):
        assert f"Page {i} of {len(pages)}" in text
        assert "SYNTHETIC SAMPLE — NOT OFFICIAL FIGURES" in text
        assert not [m for m in CODE_MARKERS if m in text]


def test_the_html_has_no_input_cells_embeds_its_charts_and_loads_nothing(batch):
    out, _ = batch
    page = _files(out, 1836)["html"].read_text()
    assert "jp-InputArea-editor" not in page and not [m for m in CODE_MARKERS[:3] if m in page]
    assert len(re.findall(r'<img alt="[^"]+" src="data:image/svg\+xml;base64,', page)) >= 5
    assert "<script" not in page and not re.search(r'(src|href)="(https?:)?//', page)
    assert page.index("SYNTHETIC SAMPLE — NOT OFFICIAL FIGURES") < page.index("<h1")


def test_the_executed_notebook_shows_no_warnings_errors_or_object_reprs(batch):
    out, _ = batch
    nb = json.loads(_files(out, 1834)["notebook"].read_text())
    outputs = [o for c in nb["cells"] if c["cell_type"] == "code" for o in c.get("outputs", [])]
    assert outputs and not [o for o in outputs if o["output_type"] in ("stream", "error")]
    texts = "".join("".join(o.get("data", {}).get("text/plain", "")) for o in outputs)
    assert not re.search(r"<(Axes|Figure)|Text\(", texts)


def test_a_broken_parameter_set_fails_alone_before_any_kernel_runs(batch):
    out, result = batch
    assert not (out / "notebooks" / "atlantis-2024.ipynb").exists()  # the place is checked when planning
    assert not (out / "atlantis-2024.pdf").exists()
    flat = " ".join(result.output.split())
    assert "failed: Atlantis: " in flat and "unknown place 'Atlantis'" in flat
    assert "malformed.yaml: not valid YAML (line 2)" in flat


def test_the_index_lists_every_briefing_with_headline_and_links(batch):
    out, _ = batch
    index = (out / "index.html").read_text()
    for code, name in REGIONS.items():
        files = _files(out, code)
        assert name in index
        assert f'href="{files["html"].name}"' in index and f'href="{files["pdf"].name}"' in index
        assert briefing_for(code, data="sample").headline_text()["stock"] in index
    assert "Failed" in index and "unknown place" in index and "notebooks/atlantis" not in index
    assert "malformed.yaml: not valid YAML" in index and "notebooks/malformed" not in index


def test_a_second_run_rebuilds_nothing(batch):
    out, _ = batch
    before = {p: p.stat().st_mtime_ns for code in REGIONS for p in _files(out, code).values()}
    result = _cli(*map(str, REGIONS), "--data", "sample", "--out", str(out.parent), "--jobs", "2")
    assert result.exit_code == 0, result.output
    assert "0 built, 2 unchanged, 0 failed" in result.output
    assert {p: p.stat().st_mtime_ns for p in before} == before


@pytest.mark.official
def test_an_official_briefing_prints_the_official_headline_without_the_synthetic_banner(shared_data, tmp_path):
    batch = run_batch(plan([BriefingParams(place="1829", data="auto")], Store.open("auto")), tmp_path,
                      formats=["pdf"])
    (res,) = batch.results
    assert res.status == "built", res.error
    text = "\n".join(_pdf_pages(res.pdf))
    assert "Europe and Northern America" in text and "155.3 million" in text
    assert "SYNTHETIC" not in text and "894fe0637f649e9eb2555915e7f5d6e9818a913b7653c8d7b5e3803fc236ce82" in \
        text.replace("\n", "")


def test_a_transient_kernel_error_is_retried_once_but_a_notebook_error_is_not(tmp_path, monkeypatch):
    import nbformat
    import papermill

    job = runner.BriefingJob(BriefingParams(place="1834"), name="ssa", title="Sub-Saharan Africa", synthetic=True)
    calls = []

    def flaky(input_path, output_path, **kw):
        calls.append(output_path)
        if len(calls) == 1:
            raise RuntimeError("Kernel didn't respond in 60 seconds")
        nb = nbformat.v4.new_notebook()
        nbformat.write(nb, output_path)
        return nb

    monkeypatch.setattr(papermill, "execute_notebook", flaky)
    build._execute(job, tmp_path / "ssa.ipynb", "python3", 60)
    assert len(calls) == 2 and (tmp_path / "ssa.ipynb").is_file()

    def broken(input_path, output_path, **kw):
        calls.append(output_path)
        raise papermill.PapermillExecutionError(0, 1, "briefing_for(place)", "KeyError", "1834", [])

    calls.clear()
    monkeypatch.setattr(papermill, "execute_notebook", broken)
    with pytest.raises(papermill.PapermillExecutionError):
        build._execute(job, tmp_path / "bad.ipynb", "python3", 60)
    assert len(calls) == 1


def test_parallel_briefings_write_where_asked_whatever_the_process_cwd_does(tmp_path, monkeypatch):
    # Executing a notebook may change the process's working directory (papermill's cwd= does); threads
    # share it, so a batch must never resolve its output paths against it while others run.
    import threading
    import time

    import nbformat
    import papermill

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    lock = threading.Lock()

    def chdir_while_running(input_path, output_path, **kw):
        with lock:
            here = Path.cwd()
            import os

            os.chdir(elsewhere)
        time.sleep(0.3)
        nb = nbformat.v4.new_notebook()
        nbformat.write(nb, output_path)
        with lock:
            os.chdir(here)
        return nb

    monkeypatch.setattr(papermill, "execute_notebook", chdir_while_running)
    monkeypatch.chdir(tmp_path)
    jobs = [runner.BriefingJob(BriefingParams(place=c), name=f"b{c}", title=c, synthetic=True) for c in "123"]
    batch = runner.run_batch(jobs, "out", formats=["html"], workers=2, force=True)
    assert [r.status for r in batch.results] == ["built"] * 3
    assert sorted(p.name for p in (tmp_path / "out").glob("b*.html")) == ["b1.html", "b2.html", "b3.html"]
    assert (tmp_path / "out" / "index.html").is_file() and (tmp_path / "out" / "inventory.html").is_file()
    assert not list(elsewhere.rglob("*.html"))


@pytest.mark.official
def test_a_sample_build_into_the_same_out_leaves_the_official_briefings_and_index_byte_identical(
        shared_data, tmp_path):
    official = _cli("1829", "--data", "official", "--out", str(tmp_path), "--formats", "html")
    assert official.exit_code == 0, official.output
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert tmp_path / "1829-europe-and-northern-america-2024-en.html" in before
    sample = _cli("1836", "--data", "sample", "--out", str(tmp_path), "--formats", "html")
    assert sample.exit_code == 0, sample.output
    assert (tmp_path / "sample" / "1836-australia-new-zealand-2024-en.html").is_file()
    assert (tmp_path / "sample" / "index.html").is_file()
    after = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file() and "sample" not in p.relative_to(
        tmp_path).parts}
    assert after == before
    index = (tmp_path / "index.html").read_text()
    assert "Europe and Northern America" in index
    assert "Australia/New Zealand" not in index and "SYNTHETIC" not in index and "sample/" not in index
