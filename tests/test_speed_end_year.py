"""A single place's end-year population read straight from its WPP rows equals the grouped computation."""

from __future__ import annotations

import pandas as pd

from migstats.indicators import population as P


def test_one_location_values_equal_the_summed_values(wpp_bundle):
    for code in sorted(wpp_bundle.location_codes)[::7] + [900, 356, 1829]:
        fast = P._one_location_values(wpp_bundle, [code], P._END_YEAR_MEASURES)
        assert fast == P._summed_values(wpp_bundle, [code], P._END_YEAR_MEASURES)


def test_the_rows_are_read_straight_only_for_one_location_with_one_row_per_year_and_measure():
    frame = pd.DataFrame({"edition": 2024, "location": [4, 4, 4, 8], "year": [2024, 2024, 2023, 2024],
                          "variant": "medium", "measure": "population_end_year", "value": [1.0, 2.0, 3.0, 4.0]})
    assert P._one_location_values(frame, [4], P._END_YEAR_MEASURES) is None  # two rows for 2024
    assert P._one_location_values(frame, [8, 4], P._END_YEAR_MEASURES) is None
    assert P._one_location_values(frame, [999], P._END_YEAR_MEASURES) is None
    assert P._one_location_values(frame, [8], P._END_YEAR_MEASURES) == {
        "population_end_year": {2024: 4.0}, "population_jan1": {}, "population_change": {}}
    assert P.end_year_population(frame, 8, 2024) == (4.0, "WPP end-of-year population")
