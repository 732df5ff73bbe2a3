"""Executed notebook → self-contained HTML (no code) → paged A4 PDF (WeasyPrint).

The HTML uses the ``briefing`` nbconvert template shipped in ``templates/``: the JupyterLab layout
without require.js, MathJax, widgets or theme files, so the page loads nothing from the network;
charts are inline SVG. Input cells and prompts are excluded by the exporter (``exclude_input``), not
hidden with CSS, so no source code is in the file at all.

The PDF is the same HTML rendered by WeasyPrint with ``print.css`` (A4, "Page N of M", the briefing's
title in the footer) and, for synthetic data, ``synthetic.css`` (the banner in every page header); the
words of these margins are then set in the briefing's language (:func:`page_css`).
Both files are written atomically.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import nbformat

from .. import __version__, i18n
from ..fileio import atomic_path, write_text

TEMPLATES = Path(__file__).parent / "templates"
TEMPLATE_NAME = "briefing"
SYNTHETIC_TEXT = i18n.N_("SYNTHETIC SAMPLE — NOT OFFICIAL FIGURES")


def notebook_to_html(nb: nbformat.NotebookNode, *, synthetic: bool = False, title: str | None = None,
                     lang: str = "en") -> str:
    """Render an executed notebook as one self-contained HTML page without code or prompts; ``lang`` is the
    page's language (``<html lang>``, which the PDF takes as its document language)."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name=TEMPLATE_NAME,
        extra_template_basedirs=[str(TEMPLATES)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        language_code=lang,
    )
    nb = nbformat.from_dict(nb)  # a copy: the caller's notebook is not changed
    for cell in nb.cells:  # log lines on stderr are for the executed notebook, never for readers
        if cell.get("outputs"):
            cell.outputs = [o for o in cell.outputs if not (o.get("output_type") == "stream"
                                                            and o.get("name") == "stderr")]
    if title:
        nb.metadata["title"] = title
    body, _ = exporter.from_notebook_node(nb, resources={"migstats_synthetic": bool(synthetic),
                                                         "migstats_generator": f"migstats {__version__}"})
    return body


def _css_string(text: str) -> str:
    """``text`` as a CSS string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ") + '"'


def page_css(lang: str | None = None, *, synthetic: bool = False) -> str:
    """The words of the page margins in ``lang`` (``en``, ``fr``, ``es``): "Page N of M" in the footer and,
    for synthetic data, the banner in the header. Added after ``print.css`` and ``synthetic.css``, whose
    English words it replaces (the layout stays in those files)."""
    with i18n.using(None if lang in (None, "", "en") else lang):
        before, after = i18n._("Page {page} of {pages}").split("{page}", 1)
        between, end = after.split("{pages}", 1)
        banner = i18n._(SYNTHETIC_TEXT)
    footer = " ".join(part for part in (_css_string(before), "counter(page)", _css_string(between),
                                        "counter(pages)", _css_string(end)) if part != '""')
    css = f"@page {{ @bottom-right {{ content: {footer}; }} }}\n"
    if synthetic:
        css += f"@page {{ @top-center {{ content: {_css_string(banner)}; }} }}\n"
    return css


#: Allocations between two young-generation collections while a PDF is laid out (Python's default: 700).
PDF_GC_THRESHOLD = 50_000


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Run the cyclic garbage collector less often for the duration of the block.

    WeasyPrint allocates millions of short-lived objects that reference counting frees; with the default
    thresholds the collector walks the heap thousands of times per document, about 20 % of the rendering
    time (measured in ``benchmarks/briefings.py``). The previous thresholds are restored afterwards."""
    before = gc.get_threshold()
    gc.set_threshold(PDF_GC_THRESHOLD, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def html_to_pdf_bytes(html: str, *, synthetic: bool = False, lang: str | None = None) -> bytes:
    """Render briefing HTML as an A4 PDF with page numbers (and the synthetic banner on every page), the
    words of the page margins in ``lang`` (the briefing's language; default English)."""
    from weasyprint import CSS, HTML

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    sheets = [CSS(filename=str(TEMPLATES / TEMPLATE_NAME / "print.css"))]
    if synthetic:
        sheets.append(CSS(filename=str(TEMPLATES / TEMPLATE_NAME / "synthetic.css")))
    sheets.append(CSS(string=page_css(lang, synthetic=synthetic)))
    with _fewer_collections():
        return HTML(string=html, base_url=str(TEMPLATES)).write_pdf(stylesheets=sheets)


def warm_up() -> None:
    """Load the exporters once: nbconvert's template, WeasyPrint and its fonts, by exporting a one-line
    page to HTML and PDF (about a second, paid otherwise by a worker's first briefing). A warm worker runs it
    while its kernel starts and runs its first briefing, so they overlap."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("migstats")])
    html_to_pdf_bytes(notebook_to_html(nb, title="migstats"))


def write_html(nb: nbformat.NotebookNode, target: str | Path, *, synthetic: bool = False,
               title: str | None = None) -> Path:
    """Write the HTML export of ``nb`` to ``target`` atomically; returns the path."""
    return write_text(target, notebook_to_html(nb, synthetic=synthetic, title=title))


def write_pdf(html: str, target: str | Path, *, synthetic: bool = False, lang: str | None = None) -> Path:
    """Write the PDF rendering of briefing ``html`` (in ``lang``) to ``target`` atomically; returns the path."""
    target = Path(target)
    data = html_to_pdf_bytes(html, synthetic=synthetic, **({"lang": lang} if lang else {}))
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)
    return target
