"""Charts for readers: every chart has a title and a source line naming the publication and edition.

The functions build :class:`matplotlib.figure.Figure` objects directly (no pyplot state, so nothing is
displayed twice and no ``<Figure …>`` repr leaks into a notebook); :func:`show` displays one as SVG —
vector graphics that stay sharp in HTML and in the PDF — and frees it.

>>> fig = bar_chart(["Germany", "France"], [16.8e6, 9.0e6], title="Migrants by country",
...                 source="Source: UN DESA, International Migrant Stock 2024")
>>> figure_source(fig)
'Source: UN DESA, International Migrant Stock 2024'
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import matplotlib
import matplotlib.ticker
from matplotlib.backends.backend_mixed import MixedModeRenderer
from matplotlib.backends.backend_svg import FigureCanvasSVG, RendererSVG
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, fontManager, get_font
from matplotlib.ticker import FuncFormatter

from . import fmt
from .i18n import _

UN_BLUE = "#009EDB"
DARK_BLUE = "#1F4E79"
GREY = "#8C8C8C"
ORANGE = "#E87722"
_FONT = {"family": "DejaVu Sans"}


def _require_source(source: str) -> str:
    text = (source or "").strip()
    if not text:
        raise ValueError("every chart needs its source, e.g. 'Source: UN DESA, International Migrant Stock 2024'")
    pattern = _("Source: {publication}")  # "Fuente: …" in Spanish: never "Source: Fuente: …"
    prefix = pattern.split("{publication}")[0].strip().lower()
    if text.lower().startswith("source") or (prefix and text.lower().startswith(prefix)):
        return text
    return pattern.format(publication=text)


TITLE_WIDTH = 64  # characters of a 12-point bold title across a 7.2-inch chart


def new_figure(title: str, source: str, width: float, height: float, *, notes: Sequence[str] = ()) -> Figure:
    """An empty figure with the house title (top left) and source line (bottom left); ``notes`` are printed
    under the source line, each its own paragraph (e.g. a map's disclaimer)."""
    fig = Figure(figsize=(width, height), layout="constrained")
    # Long titles ("Main countries of origin of migrants in Latin America and the Caribbean, 2024") wrap
    # rather than run off the page.
    fig.suptitle(textwrap.fill(title, TITLE_WIDTH), x=0.01, ha="left", fontsize=12, fontweight="bold",
                 color="#222222")
    # The source line is a figure text at the bottom left; layout="constrained" keeps room for it.
    footer = [textwrap.fill(text, 118) for text in (_require_source(source), *notes)]
    fig.supxlabel("\n".join(footer), x=0.01, ha="left", fontsize=8, color="#555555", linespacing=1.3)
    fig._migstats_source = _require_source(source)  # type: ignore[attr-defined]
    fig._migstats_title = title  # type: ignore[attr-defined]
    return fig


def _new(title: str, source: str, width: float, height: float, ncols: int = 1) -> tuple[Figure, list]:
    fig = new_figure(title, source, width, height)
    axes = fig.subplots(1, ncols, squeeze=False)[0].tolist()
    for ax in axes:
        ax.spines[["top", "right"]].set_visible(False)
        ax.tick_params(labelsize=8.5, colors="#333333")
        ax.grid(axis="y", color="#E5E5E5", linewidth=0.8)
        ax.set_axisbelow(True)
    return fig, axes


def _panel_title(ax, text: str) -> None:
    """The heading of one panel, top left. Placed at the top of the axes (``y=1``) once and for all:
    matplotlib otherwise looks at every draw and layout pass for tick labels above the axes that it should
    clear (measuring all the y tick labels to do so), and there are none here — the x axis is at the bottom."""
    ax.set_title(text, fontsize=9.5, loc="left", y=1.0)


def figure_source(fig: Figure) -> str:
    """The source line of a chart made here."""
    return getattr(fig, "_migstats_source", "")


def figure_title(fig: Figure) -> str:
    """The title of a chart made here."""
    return getattr(fig, "_migstats_title", "")


def trend_chart(years: Sequence[int], stock: Sequence[float], share: Sequence[float] | None, *,
                title: str, source: str) -> Figure:
    """Two panels: the migrant stock (persons, bars) and migrants as % of population (line) by year."""
    fig, axes = _new(title, source, 7.2, 3.0, ncols=2 if share is not None else 1)
    labels = [str(y) for y in years]
    ax = axes[0]
    ax.bar(labels, stock, color=UN_BLUE, width=0.65)
    _panel_title(ax, _("International migrants (persons)"))
    ax.yaxis.set_major_formatter(FuncFormatter(fmt.axis_count))
    ax.tick_params(axis="x", rotation=0)
    if share is not None:
        ax2 = axes[1]
        ax2.plot(labels, share, color=DARK_BLUE, marker="o", linewidth=2, markersize=4)
        _panel_title(ax2, _("Migrants as % of total population"))
        ax2.yaxis.set_major_formatter(FuncFormatter(fmt.axis_percent))
        top = max((v for v in share if v == v), default=1.0)
        ax2.set_ylim(0, top * 1.15 if top > 0 else 1)
    return fig


def bar_chart(labels: Sequence[str], values: Sequence[float], *, title: str, source: str,
              xlabel: str | None = None, highlight: Sequence[str] = (),
              percent: bool = False) -> Figure:
    """Horizontal bars, largest at the top, with the value printed at the end of each bar."""
    n = max(len(labels), 1)
    fig, (ax,) = _new(title, source, 7.2, 0.9 + 0.27 * n)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", color="#E5E5E5", linewidth=0.8)
    ys = list(range(len(labels)))[::-1]
    colors = [ORANGE if lab in set(highlight) else UN_BLUE for lab in labels]
    ax.barh(ys, values, color=colors, height=0.7)
    ax.set_yticks(ys, labels=[_short(lab) for lab in labels])
    formatter = (lambda v, _p=None: fmt.percent(v)) if percent else fmt.axis_count
    ax.xaxis.set_major_formatter(FuncFormatter(formatter))
    ax.set_xlabel(_("International migrants (persons)") if xlabel is None else xlabel, fontsize=8.5, color="#333333")
    vmax = max((v for v in values if v == v), default=0) or 1
    for y, v in zip(ys, values, strict=True):
        if v == v:
            ax.text(v + vmax * 0.01, y, fmt.percent(v) if percent else fmt.count(v), va="center",
                    fontsize=7.5, color="#333333")
    ax.set_xlim(0, vmax * 1.18)
    ax.set_ylim(-0.6, len(labels) - 0.4)
    return fig


def share_bars(labels: Sequence[str], values: Sequence[float], *, title: str, source: str) -> Figure:
    """One stacked horizontal bar splitting a total into parts (e.g. same region / other regions)."""
    fig, (ax,) = _new(title, source, 7.2, 1.7)
    ax.grid(False)
    total = sum(v for v in values if v == v) or 1.0
    left = 0.0
    palette = [UN_BLUE, DARK_BLUE, GREY, ORANGE]
    for i, (lab, v) in enumerate(zip(labels, values, strict=True)):
        part = 100 * v / total
        ax.barh([0], [part], left=left, color=palette[i % len(palette)], height=0.6, label=lab)
        if part >= 8:
            ax.text(left + part / 2, 0, fmt.percent(part, 0), ha="center", va="center", color="white",
                    fontsize=9, fontweight="bold")
        left += part
    ax.set_xlim(0, 100)
    ax.set_yticks([])
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: fmt.axis_percent(v, digits=0)))
    ax.spines[["left"]].set_visible(False)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.35), ncols=len(labels), fontsize=8, frameon=False)
    return fig


def components_chart(labels: Sequence[str], natural_change: Sequence[float], net_migration: Sequence[float], *,
                     title: str, source: str) -> Figure:
    """Two diverging bar panels sharing the country axis: natural change (births − deaths) and net
    migration, persons. Each panel has its own scale (natural change is often ten times larger), a zero
    line, and the value printed beside each bar; decreases are drawn in grey."""
    n = max(len(labels), 1)
    fig, axes = _new(title, source, 7.2, 1.5 + 0.27 * n, ncols=2)
    ys = list(range(len(labels)))[::-1]
    panels = ((axes[0], natural_change, _("Natural change (births − deaths)"), DARK_BLUE),
              (axes[1], net_migration, _("Net migration (immigrants − emigrants)"), UN_BLUE))
    for ax, values, heading, color in panels:
        ax.grid(axis="y", visible=False)
        ax.grid(axis="x", color="#E5E5E5", linewidth=0.8)
        vals = [float(v) for v in values]
        ax.barh(ys, [v if v == v else 0.0 for v in vals], height=0.7,
                color=[color if (v == v and v >= 0) else GREY for v in vals])
        ax.axvline(0, color="#555555", linewidth=0.8)
        _panel_title(ax, heading)
        ax.xaxis.set_major_formatter(FuncFormatter(fmt.axis_count))
        ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(4, symmetric=False))
        finite = [v for v in vals if v == v]
        lo, hi = min(finite + [0.0]), max(finite + [0.0])
        span = (hi - lo) or 1.0
        for y, v in zip(ys, vals, strict=True):
            if v == v:
                ax.text(v + (0.02 * span if v >= 0 else -0.02 * span), y, fmt.change(v), va="center",
                        ha="left" if v >= 0 else "right", fontsize=7, color="#333333")
        ax.set_xlim(lo - (0.45 * span if lo < 0 else 0.02 * span), hi + (0.45 * span if hi > 0 else 0.02 * span))
        ax.set_ylim(-0.6, len(labels) - 0.4)
    axes[0].set_yticks(ys, labels=[_short(lab, 26) for lab in labels])
    # The second panel shares the first one's countries: no y ticks, no labels (turned off rather than made
    # empty and zero-length, so that no tick is made, formatted and measured for nothing).
    axes[1].tick_params(axis="y", left=False, labelleft=False)
    return fig


def _short(label: str, width: int = 34) -> str:
    return label if len(label) <= width else label[: width - 1].rstrip() + "…"


#: A font's height metrics as text layout uses them: ascent, descent and line gap (or None: measure the text).
_HeightMetrics = tuple[float | None, float | None, float | None]


class _SVGRenderer(RendererSVG):
    """The SVG renderer of :func:`to_svg`: the same drawing, each font's height metrics looked up once.

    Matplotlib's text layout (``Text._get_layout``) needs the ascent, descent and line gap of a text's font.
    Unless the renderer gives them (``_get_font_height_metrics``, the hook the PDF and PostScript backends
    answer), it finds the font file and reads two of its tables for every text it measures — each tick label
    three times in a constrained layout (two layout passes and the draw). This renderer answers the hook
    with the very numbers matplotlib would compute (the same tables, the same arithmetic in the same
    order), kept per font, size and figure resolution for the one draw it makes.
    """

    def __init__(self, figure: Figure, width: float, height: float, svgwriter: io.StringIO, **kwargs) -> None:
        super().__init__(width, height, svgwriter, **kwargs)
        self._figure = figure
        self._height_metrics: dict[tuple, _HeightMetrics] = {}

    def _get_font_height_metrics(self, prop: FontProperties) -> _HeightMetrics:
        dpi = self._figure.dpi  # what Text._get_layout scales by: the figure's resolution while it draws
        key = (tuple(prop.get_family()), prop.get_slant(), prop.get_variant(), prop.get_weight(),
               prop.get_stretch(), prop.get_size(), prop.get_file(), prop.get_math_fontfamily(), dpi)
        if key not in self._height_metrics:
            self._height_metrics[key] = _font_height_metrics(prop, dpi)
        return self._height_metrics[key]


def _font_height_metrics(prop: FontProperties, dpi: float) -> _HeightMetrics:
    """Ascent, descent and line gap of the font of ``prop`` at ``dpi``, exactly as ``Text._get_layout``
    (matplotlib 3.10–3.11) computes them when the renderer does not give them: from the font's OS/2 table,
    else its hhea table; None if it has neither (the text is then measured)."""
    font = get_font(fontManager._find_fonts_by_props(prop))
    possible = [("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"),
                ("hhea", "lineGap", "ascent", "descent")]
    for table_name, linegap_key, ascent_key, descent_key in possible:
        table = font.get_sfnt_table(table_name)
        if table is None:
            continue
        fontsize = prop.get_size_in_points()
        units_per_em = font.get_sfnt_table("head")["unitsPerEm"]
        scale = 1 / units_per_em * fontsize * dpi / 72  # the same operations in the same order: same floats
        return table[ascent_key] * scale, -table[descent_key] * scale, table[linegap_key] * scale
    return None, None, None


class _SVGCanvas(FigureCanvasSVG):
    """An SVG canvas that hands the layout engine the renderer drawing the figure (see :func:`to_svg`)."""

    renderer: MixedModeRenderer | None = None

    def get_renderer(self) -> MixedModeRenderer | None:
        return self.renderer


@contextmanager
def _empty_axis_labels_left_alone(fig: Figure) -> Iterator[None]:
    """While drawing: axis labels without text are not placed.

    Matplotlib places an axis label under (or beside) the tick labels at each layout pass and at the
    draw, measuring every tick label once more each time — also when the label is empty and nothing is
    drawn, as on most panels here. An empty label takes no room (its extent is a point, which layouts
    leave out), so leaving it where it is changes nothing on the page. Labels with text are placed as
    usual; after the draw, every label is placed again by later draws.
    """
    left = [axis for ax in fig.axes for axis in (ax.xaxis, ax.yaxis)
            if getattr(axis, "_autolabelpos", False) and not axis.label.get_text()]
    for axis in left:
        axis._autolabelpos = False  # what Axis.set_label_coords sets, without moving the label
    try:
        yield
    finally:
        for axis in left:
            axis._autolabelpos = True


def to_svg(fig: Figure) -> str:
    """The chart as an SVG document (text kept as text in DejaVu Sans: small, sharp, fast to render).

    The same document as ``fig.savefig(buf, format="svg")`` with the default ``savefig.*`` settings, drawn
    once instead of three times: ``savefig`` lays a figure with a layout engine out in a first draw that
    outputs nothing, then draws it again, and the engine measures the text with a renderer of its own —
    matplotlib caches text sizes per renderer, so every label was measured three times. Here the
    constrained layout runs inside the one draw, with the renderer that writes the SVG.
    """
    buf = io.StringIO()
    canvas, dpi = fig.canvas, fig.dpi
    width, height = fig.get_size_inches()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "migstats"}):
        svg_canvas = _SVGCanvas(fig)
        try:
            fig.dpi = 72  # SVG user units are points, as in FigureCanvasSVG.print_svg
            svg_canvas.renderer = MixedModeRenderer(
                fig, width, height, dpi,
                _SVGRenderer(fig, width * 72, height * 72, buf, image_dpi=dpi, metadata={"Date": None}))
            with _empty_axis_labels_left_alone(fig):
                fig.draw(svg_canvas.renderer)
            svg_canvas.renderer.finalize()
        finally:
            svg_canvas.renderer = None
            fig.dpi = dpi
            fig.set_canvas(canvas)
    return buf.getvalue()


def svg_element(document: str) -> str:
    """The ``<svg>`` element of an SVG document (without its XML declaration and DOCTYPE), as a notebook
    output and an HTML page embed it."""
    start = document.find("<svg")
    if start < 0:
        raise ValueError("not an SVG document: no <svg> element")
    return document[start:].rstrip("\n")


def show(fig: Figure) -> None:
    """Display a chart in a notebook as SVG (sharp in HTML and PDF), its title as the plain-text version.

    The ``<svg>`` element is published as drawn — not through ``IPython.display.SVG``, which parses the
    whole document into a DOM and writes it out again (~4 ms a chart) only to take the element out.
    """
    from IPython.display import display

    title = figure_title(fig)
    bundle = {"image/svg+xml": svg_element(to_svg(fig)), "text/plain": f"Chart: {title}" if title else "Chart"}
    display(bundle, raw=True, metadata={"migstats": {"chart": title, "source": figure_source(fig)}})
