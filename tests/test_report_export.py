"""Export of an executed notebook: self-contained HTML without code, and an A4 PDF with page numbers."""

import io
import re

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
from pypdf import PdfReader

from migstats import charts
from migstats.report import export


def _executed_notebook() -> nbformat.NotebookNode:
    """A notebook as papermill leaves it: code cells with outputs (HTML, an SVG chart), a markdown heading."""
    svg = charts.to_svg(charts.bar_chart(["Germany", "France"], [16_750_084, 9_186_757], title="Migrants",
                                         source="Source: UN DESA, International Migrant Stock 2024"))
    return new_notebook(cells=[
        new_code_cell("briefing = briefing_for(place)\nbriefing.show_header()", outputs=[
            new_output("display_data", data={"text/html": "<h1>Western Testland</h1><p>155.3 million</p>"}),
        ]),
        new_markdown_cell("## Trend since 1990"),
        new_code_cell("briefing.show_trend()", outputs=[new_output(
            "display_data", data={"image/svg+xml": svg}, metadata={"migstats": {"chart": "Migrants"}})]),
        new_code_cell("import secret_module", outputs=[]),
    ], metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})


def test_the_html_has_no_code_no_prompts_and_no_external_resources():
    page = export.notebook_to_html(_executed_notebook(), title="Western Testland")
    for code in ("briefing_for", "show_trend", "secret_module", "In&nbsp;[", "jp-InputArea-editor"):
        assert code not in page
    assert "<script" not in page
    assert not re.search(r'(src|href)="(https?:)?//', page)
    assert "<title>Western Testland</title>" in page and "Trend since 1990" in page


def test_the_html_embeds_its_charts():
    page = export.notebook_to_html(_executed_notebook())
    assert len(re.findall(r'<img alt="Migrants" src="data:image/svg\+xml;base64,[A-Za-z0-9+/=]{1000,}"', page)) == 1


def test_the_pdf_is_a4_with_page_numbers_and_no_code():
    pdf = PdfReader(io.BytesIO(export.html_to_pdf_bytes(export.notebook_to_html(_executed_notebook()))))
    page = pdf.pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    text = page.extract_text()
    assert "Western Testland" in text and "155.3 million" in text
    assert f"Page 1 of {len(pdf.pages)}" in text
    assert "briefing_for" not in text and "import" not in text


def test_synthetic_briefings_carry_the_banner_on_every_pdf_page():
    nb = _executed_notebook()
    nb.cells[0].outputs[0].data["text/html"] += "<div style='height: 290mm'></div>"  # force a second page
    pdf = PdfReader(io.BytesIO(export.html_to_pdf_bytes(export.notebook_to_html(nb), synthetic=True)))
    assert len(pdf.pages) >= 2
    assert all(export.SYNTHETIC_TEXT in p.extract_text() for p in pdf.pages)


def test_a_failed_pdf_render_leaves_the_previous_pdf_untouched(tmp_path, monkeypatch):
    target = tmp_path / "briefing.pdf"
    target.write_bytes(b"%PDF previous")

    def broken(html, synthetic=False):
        raise RuntimeError("renderer crashed")

    monkeypatch.setattr(export, "html_to_pdf_bytes", broken)
    with pytest.raises(RuntimeError):
        export.write_pdf("<p>x</p>", target)
    assert target.read_bytes() == b"%PDF previous"
    assert [p.name for p in tmp_path.iterdir()] == ["briefing.pdf"]


def test_stderr_lines_of_the_kernel_never_reach_readers():
    import nbformat

    from migstats.report.export import notebook_to_html

    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("print('x')")
    cell.outputs = [
        nbformat.v4.new_output("stream", name="stderr", text="Downloading data from 'https://example.org/f.xlsx'\n"),
        nbformat.v4.new_output("stream", name="stdout", text="Visible to readers\n"),
    ]
    nb.cells.append(cell)
    html = notebook_to_html(nb)
    assert "Visible to readers" in html
    assert "Downloading data" not in html


def test_the_pdf_renderer_collects_garbage_less_often_and_restores_the_thresholds():
    import gc

    from migstats.report import export

    before = gc.get_threshold()
    with export._fewer_collections():
        assert gc.get_threshold()[0] == export.PDF_GC_THRESHOLD
    assert gc.get_threshold() == before
