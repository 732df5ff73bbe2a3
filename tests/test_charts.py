"""Charts carry their title and source; they render to SVG with the text kept as text."""

import pytest

from migstats import charts

SOURCE = "Source: UN DESA, International Migrant Stock 2024"


def test_a_chart_keeps_its_title_and_source():
    fig = charts.bar_chart(["Germany", "France"], [16_750_084, 9_186_757], title="Migrants by country", source=SOURCE)
    assert charts.figure_title(fig) == "Migrants by country"
    assert charts.figure_source(fig) == SOURCE


def test_a_chart_without_a_source_is_refused():
    with pytest.raises(ValueError, match="source"):
        charts.trend_chart([1990, 2024], [1.0, 2.0], None, title="Trend", source=" ")


def test_a_source_without_the_word_source_gets_it():
    fig = charts.share_bars(["Same region", "Other regions"], [3, 1], title="Origins",
                            source="UN DESA, International Migrant Stock 2024")
    assert charts.figure_source(fig) == SOURCE


def test_the_svg_holds_title_source_and_value_labels_as_text():
    fig = charts.bar_chart(["Germany", "France"], [16_750_084, 9_186_757], title="Migrants by country", source=SOURCE)
    svg = charts.to_svg(fig)
    assert svg.lstrip().startswith("<?xml")
    for text in ("Migrants by country", "International Migrant Stock 2024", "16.8 million", "Germany"):
        assert text in svg


def test_the_trend_chart_has_a_stock_panel_and_a_share_panel():
    fig = charts.trend_chart([1990, 2020, 2024], [79e6, 141.8e6, 155.3e6], [7.9, 12.6, 13.7], title="Trend",
                             source=SOURCE)
    assert [ax.get_title(loc="left") for ax in fig.axes] == [
        "International migrants (persons)", "Migrants as % of total population"]


def test_a_long_title_wraps_instead_of_running_off_the_page():
    from migstats import charts

    title = "Main countries of origin of migrants in Latin America and the Caribbean, 2024"
    fig = charts.bar_chart(["Venezuela", "Colombia"], [6_806_117, 1_510_607], title=title,
                           source="UN DESA, International Migrant Stock 2024")
    shown = fig._suptitle.get_text()
    assert "\n" in shown and max(len(line) for line in shown.splitlines()) <= charts.TITLE_WIDTH
    assert charts.figure_title(fig) == title


def _savefig_svg(fig) -> str:
    """The SVG document ``savefig`` writes (what :func:`charts.to_svg` did before drawing once)."""
    import io

    import matplotlib

    buf = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "migstats"}):
        fig.savefig(buf, format="svg", metadata={"Date": None})
    return buf.getvalue()


def _every_kind_of_chart():
    """Fresh figures of every chart function, each called twice: one to draw with ``to_svg``, one with savefig."""
    yield lambda: charts.trend_chart([1990, 2000, 2010, 2020, 2024], [79e6, 95e6, 117e6, 141.8e6, 155.3e6],
                                     [7.9, 8.1, 9.4, 12.6, 13.7], title="International migrants in Europe, 1990–2024",
                                     source=SOURCE)
    yield lambda: charts.trend_chart([1990, 2024], [1.0e6, 2.0e6], None, title="Trend", source=SOURCE)
    names = ["Germany", "France", "United Kingdom of Great Britain and Northern Ireland", "Spain", "Italy"]
    long_title = "Main countries of origin of migrants in Latin America and the Caribbean, 2024"
    yield lambda: charts.bar_chart(names, [16_750_084, 9_186_757, 11_855_000, 8_204_000, float("nan")],
                                   title=long_title, source=SOURCE, highlight=["France"])
    yield lambda: charts.bar_chart(["Men", "Women"], [48.2, 51.8], title="Share", source=SOURCE, percent=True,
                                   xlabel="%")
    yield lambda: charts.share_bars(["Same region", "Other regions", "Unknown"], [61, 35, 4], title="Origins",
                                    source=SOURCE)
    yield lambda: charts.components_chart(names[:4], [-120_000, 35_000, 150_000, float("nan")],
                                          [320_000, -5_000, 410_000, 12_000], title="Components", source=SOURCE)

    def with_notes():
        fig = charts.new_figure("Dead and missing", SOURCE, 7.2, 3.2, notes=["2025: partial year."])
        ax = fig.add_subplot()
        ax.bar(["2023", "2024", "2025"], [10, 20, 5])
        ax.set_ylabel("Persons")
        ax.legend(["Deaths"], loc="upper left")
        return fig

    yield with_notes


@pytest.mark.parametrize("make", list(_every_kind_of_chart()))
def test_to_svg_draws_the_same_document_as_savefig(make):
    # to_svg draws once with its own renderer; the chart must not move by a point.
    assert charts.to_svg(make()) == _savefig_svg(make())


@pytest.mark.parametrize("make", list(_every_kind_of_chart()))
def test_the_svg_has_the_figure_size_title_and_source(make):
    import html
    import re

    fig = make()
    width, height = fig.get_size_inches()
    dpi, canvas = fig.dpi, fig.canvas
    svg = charts.to_svg(fig)
    size = re.search(r'<svg[^>]*width="([\d.]+)pt" height="([\d.]+)pt"', svg)
    assert size and (float(size[1]), float(size[2])) == pytest.approx((width * 72, height * 72))
    assert (fig.dpi, fig.canvas) == (dpi, canvas)  # the figure is left as it was found
    assert tuple(fig.get_size_inches()) == (width, height)
    lines = [*fig._suptitle.get_text().splitlines(), *fig._supxlabel.get_text().splitlines()]
    assert charts.figure_source(fig) in " ".join(lines)
    for line in lines:
        assert html.escape(line, quote=False) in svg


def _rounded(svg: str) -> str:
    """The document with coordinates to 0.01 pt and without the clip-path ids hashed from them."""
    import re

    svg = re.sub(r"\d+\.\d+", lambda m: f"{float(m[0]):.2f}", svg)
    return re.sub(r"#?p[0-9a-f]{10}\b", "p", svg)


def test_drawing_a_chart_twice_gives_the_same_svg():
    # As with savefig, the second layout starts from the first one's positions: equal to rounding noise.
    fig = charts.bar_chart(["Germany", "France"], [16_750_084, 9_186_757], title="Migrants by country", source=SOURCE)
    first = charts.to_svg(fig)
    assert _rounded(charts.to_svg(fig)) == _rounded(first)


def test_an_axis_label_set_after_drawing_is_placed_as_on_a_fresh_chart():
    # to_svg leaves empty axis labels where they are while it draws; afterwards they are placed again.
    def chart():
        return charts.bar_chart(["Germany", "France"], [16_750_084, 9_186_757], title="Migrants", source=SOURCE)

    drawn = chart()
    charts.to_svg(drawn)
    drawn.axes[0].set_ylabel("Country of origin")
    fresh = chart()
    fresh.axes[0].set_ylabel("Country of origin")
    assert _rounded(charts.to_svg(drawn)) == _rounded(charts.to_svg(fresh))


def test_the_components_chart_names_each_country_once():
    # The second panel shares the first one's countries: its y axis has no ticks and no labels.
    fig = charts.components_chart(["Germany", "France", "Spain"], [-120_000, 35_000, 150_000],
                                  [320_000, -5_000, 410_000], title="Components", source=SOURCE)
    svg = charts.to_svg(fig)
    assert [svg.count(f">{name}<") for name in ("Germany", "France", "Spain")] == [1, 1, 1]
    assert "ytick" not in svg.split('id="axes_2"')[1]


def test_a_chart_is_shown_as_its_svg_element_with_its_title_as_plain_text(monkeypatch):
    from xml.dom import minidom

    from IPython.display import SVG

    published = []
    monkeypatch.setattr("IPython.display.display", lambda obj, **kw: published.append((obj, kw)))
    drawn = []
    to_svg = charts.to_svg
    monkeypatch.setattr(charts, "to_svg", lambda fig: drawn.append(to_svg(fig)) or drawn[-1])
    charts.show(charts.bar_chart(["Germany", "France"], [16_750_084, 9_186_757], title="Migrants by country",
                                 source=SOURCE))
    [document], [(bundle, kw)] = drawn, published
    svg = bundle["image/svg+xml"]
    assert svg.startswith("<svg") and svg.endswith("</svg>") and "<?xml" not in svg and "<!DOCTYPE" not in svg
    # The very element IPython's SVG would have taken out of the document (it reorders the root's attributes).
    assert minidom.parseString(svg).documentElement.toxml() == SVG(document).data
    assert bundle["text/plain"] == "Chart: Migrants by country"
    assert kw == {"raw": True, "metadata": {"migstats": {"chart": "Migrants by country", "source": SOURCE}}}


def test_svg_element_refuses_what_is_not_svg():
    with pytest.raises(ValueError, match="no <svg> element"):
        charts.svg_element("<html></html>")
