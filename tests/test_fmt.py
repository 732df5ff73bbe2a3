"""Numbers for people: the formats every briefing, table and index page uses."""

import math

from migstats import fmt
from migstats.report.sections._base import render


def test_counts_of_a_million_or_more_are_written_in_millions_with_one_decimal():
    assert fmt.count(304_021_813) == "304.0 million"
    assert fmt.count(9_579_393) == "9.6 million"


def test_counts_below_a_million_are_written_in_full_with_thousands_separators():
    assert fmt.count(321_771) == "321,771"


def test_a_count_that_would_round_to_a_thousand_millions_is_written_in_billions():
    assert fmt.count(999_960_000) == "1.0 billion"
    assert fmt.count(8_161_972_572) == "8.2 billion"


def test_integers_keep_every_digit():
    assert fmt.integer(304_021_813) == "304,021,813"
    assert fmt.integer(-1_922) == "\u22121,922"


def test_changes_are_signed_with_a_true_minus():
    assert fmt.change(13_482_123) == "+13.5 million"
    assert fmt.change(-45_210) == "\u221245,210"
    assert fmt.change(0) == "0"


def test_percentages_have_one_decimal_and_a_space_before_the_sign():
    assert fmt.percent(13.735162) == "13.7 %"
    assert fmt.percent(100) == "100.0 %"


def test_rates_and_percentage_points_are_signed_with_their_unit():
    assert fmt.rate(2.2665) == "+2.3 % per year"
    assert fmt.rate(-0.04) == "0.0 % per year"
    assert fmt.points(-1.25, 2) == "\u22121.25 percentage points"
    assert fmt.points(1) == "+1.0 percentage point"


def test_missing_values_print_as_a_dash():
    for f in (fmt.count, fmt.integer, fmt.change, fmt.percent, fmt.rate, fmt.points):
        assert f(None) == fmt.NOT_AVAILABLE
        assert f(math.nan) == fmt.NOT_AVAILABLE


def test_axis_ticks_are_short():
    assert [fmt.axis_count(v) for v in (0, 1_400, 500_000, 1_500_000, 2e9)] == ["0", "1,400", "500,000", "1.5M", "2B"]


def test_amounts_after_by_carry_no_sign():
    # "grew by +10.5 million" doubled the direction: the words say it, the number does not
    assert fmt.amount(10_456_789) == "10.5 million"
    assert fmt.amount(-45_210) == "45,210"
    assert fmt.amount(None) == fmt.NOT_AVAILABLE


def test_a_missing_net_migration_rate_says_the_population_is_not_available():
    context = {"wording": "region", "grew": True, "period": {"start_year": 2014, "end_year": 2023}, "place": "X",
               "change": "1", "natural": "1", "migration": "1", "last": {"year": 2023}, "last_net_migration": "+1,000",
               "last_natural_change": "0", "period_note": None, "growth_share": None,
               "last_note": None, "projection": None, "note": "", "source": "WPP 2024"}
    missing = render("population_change.html.j2", last_cnmr=fmt.NOT_AVAILABLE, **context)
    assert "(no rate per 1,000: population not available)" in missing and "(– population)" not in missing
    given = render("population_change.html.j2", last_cnmr="+2.4 per 1,000", **context)
    assert "(+2.4 per 1,000 population)" in given


def test_a_count_in_words_takes_de_before_its_noun_in_french_and_spanish():
    assert fmt.counted_nouns("a 24,3\xa0millions migrants", locale="fr") == "a 24,3\xa0millions de migrants"
    assert fmt.counted_nouns("1,2 milliard personnes", locale="fr") == "1,2 milliard de personnes"
    assert fmt.counted_nouns("24,3 millones migrantes", locale="es") == "24,3 millones de migrantes"


def test_no_de_before_a_preposition_or_in_english():
    assert fmt.counted_nouns("24,3 millions en 2024", locale="fr") == "24,3 millions en 2024"
    assert fmt.counted_nouns("4,8 millones desde 2020", locale="es") == "4,8 millones desde 2020"
    assert fmt.counted_nouns("24.3 million migrants", locale="en") == "24.3 million migrants"
