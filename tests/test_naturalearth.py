"""Natural Earth country boundaries joined to M49 codes (real 1:50m file from the shared data folder)."""

from __future__ import annotations

import zipfile

import pytest
import shapely

from migstats.errors import DataFileError
from migstats.sources.naturalearth import not_shown, read_admin0

#: M49 areas with no polygon of their own in the 1:50m layer (PROVENANCE.md §14).
NO_POLYGON_50M = {74, 162, 166, 175, 254, 292, 312, 474, 535, 581, 638, 744, 772}


@pytest.fixture(scope="module")
def admin0(shared_data):
    return read_admin0(shared_data / "naturalearth" / "ne_50m_admin_0_countries.zip")


def test_columns_are_code_name_geometry_in_longitude_latitude(admin0):
    assert list(admin0.columns) == ["code", "name", "geometry"]
    assert admin0.crs.to_epsg() == 4326


def test_every_ims_2024_country_or_area_has_a_polygon_except_the_known_small_ones(admin0, ims2024):
    countries = ims2024.locations.loc[ims2024.locations["kind"] == "country", "code"]
    assert len(countries) == 235
    missing = not_shown(admin0, countries)
    assert set(missing) <= NO_POLYGON_50M
    # Mayotte, Réunion, Gibraltar, Caribbean Netherlands, Guadeloupe, Martinique, French Guiana, Tokelau
    assert sorted(missing) == [175, 254, 292, 312, 474, 535, 638, 772]


def test_norway_gets_its_code_from_iso_n3_eh(admin0):
    assert admin0.loc[admin0["code"] == 578, "name"].tolist() == ["Norway"]


def test_channel_islands_are_guernsey_and_jersey_merged(admin0):
    islands = admin0[admin0["code"] == 830]
    assert len(islands) == 1
    assert not islands.geometry.iloc[0].is_empty
    assert not admin0["code"].isin([831, 832]).any()


def test_australian_external_territories_are_not_drawn_as_australia(admin0):
    australia = admin0[admin0["code"] == 36]
    assert australia["name"].tolist() == ["Australia"]
    assert admin0.loc[admin0["name"] == "Indian Ocean Ter.", "code"].isna().all()


def test_features_without_a_code_are_kept_as_neighbours(admin0):
    codeless = set(admin0.loc[admin0["code"].isna(), "name"])
    assert codeless == {"Indian Ocean Ter.", "Ashmore and Cartier Is.", "Siachen Glacier"}


def test_somaliland_northern_cyprus_and_kosovo_are_drawn_as_part_of_their_un_member_state(admin0):
    # UN DESA counts them in Somalia (706), Cyprus (196) and Serbia (688): no grey band inside Somalia.
    assert not admin0["name"].isin(["Somaliland", "N. Cyprus", "Kosovo"]).any()
    somalia = admin0.loc[admin0["code"] == 706, "geometry"].iloc[0]
    assert somalia.contains(shapely.Point(45.0, 9.5))  # Hargeisa region


def test_codes_are_unique(admin0):
    assert not admin0["code"].dropna().duplicated().any()


def test_not_shown_keeps_the_order_given(admin0):
    assert not_shown(admin0, [638, 76, 175]) == [638, 175]


def test_a_file_that_is_not_a_zip_is_one_clear_line(tmp_path):
    bad = tmp_path / "ne_50m_admin_0_countries.zip"
    bad.write_bytes(b"<html>Service unavailable</html>")
    with pytest.raises(DataFileError) as err:
        read_admin0(bad)
    message = str(err.value)
    assert "\n" not in message
    assert str(bad) in message and "download ne_50m_admin_0_countries.zip again" in message


def test_a_zip_without_a_shapefile_is_a_data_file_error(tmp_path):
    bad = tmp_path / "countries.zip"
    with zipfile.ZipFile(bad, "w") as z:
        z.writestr("README.txt", "nothing here")
    with pytest.raises(DataFileError, match="not a readable Natural Earth shapefile zip"):
        read_admin0(bad)


def test_a_missing_file_says_where_to_get_it(tmp_path):
    with pytest.raises(DataFileError, match="file not found — download"):
        read_admin0(tmp_path / "absent.zip")
