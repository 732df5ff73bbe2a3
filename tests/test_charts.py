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
