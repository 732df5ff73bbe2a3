"""Tables built from several files (an IMS edition's locations and membership) and the map boundaries are
kept in the table cache too: a process that finds them there neither rebuilds nor re-validates them, and
gets the very same frames as the process that built them."""

from __future__ import annotations

import os
import subprocess
import sys

import pandas as pd
import shapely

from migstats.sources.naturalearth import read_admin0
from migstats.store import Store


def _derived_folders(cache, reader):
    return sorted(p.name for p in (cache / "tables").glob(f"*-{reader}-*") if p.is_dir())


def test_locations_and_membership_are_cached_once_built_and_read_back_the_same(tmp_path):
    cache = tmp_path / "cache"
    built = Store.open("sample", cache=cache).ims(2024)
    assert len(_derived_folders(cache, "ims-locations")) == 1
    read = Store.open("sample", cache=cache).ims(2024)  # a new store: as a new process would
    pd.testing.assert_frame_equal(read.locations, built.locations)
    pd.testing.assert_frame_equal(read.membership, built.membership)
    assert (read.locations["code"] == 1834).sum() == 1  # Sub-Saharan Africa, as the workbook has it


def test_the_cached_locations_are_rebuilt_when_a_file_they_come_from_changes(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    Store.open("sample", cache=cache).ims(2024)
    from migstats.store import loaders

    monkeypatch.setattr(loaders, "_pycountry_version", lambda: "another ISO 3166 release")
    Store.open("sample", cache=cache).ims(2024)
    assert len(_derived_folders(cache, "ims-locations")) == 2


def test_boundaries_from_the_cache_are_the_shapefiles_geometries_exactly(tmp_path, shared_data):
    cache = tmp_path / "cache"
    first = Store.open("official", cache=cache).boundaries()[0]
    again = Store.open("official", cache=cache).boundaries()[0]
    direct = read_admin0(shared_data / "naturalearth" / "ne_50m_admin_0_countries.zip")
    assert _derived_folders(cache, "naturalearth-admin0")
    for frame in (first, again):
        pd.testing.assert_series_equal(frame["code"], direct["code"])
        pd.testing.assert_series_equal(frame["name"], direct["name"])
        assert frame.crs == direct.crs
        assert shapely.to_wkb(frame.geometry.array).tolist() == shapely.to_wkb(direct.geometry.array).tolist()


def test_a_process_reading_the_cached_tables_imports_no_parser_and_no_validator(tmp_path):
    """The warm path of a briefing kernel: every table of a briefing loaded from the cache without pandera
    (validation), openpyxl or calamine (workbooks), pyreadr (R files) or pyogrio (shapefiles)."""
    cache = tmp_path / "cache"
    code = ("import sys\nfrom migstats.report.briefing import preload\npreload('sample', 2024)\n"
            "print(sorted(m for m in ('pandera', 'openpyxl', 'python_calamine', 'pyreadr', 'pyogrio')"
            " if m in sys.modules))")
    env_args = {"capture_output": True, "text": True, "check": True,
                "env": {**os.environ, "MIGSTATS_CACHE": str(cache)}}
    subprocess.run([sys.executable, "-c", code], **env_args)  # the first process parses and fills the cache
    out = subprocess.run([sys.executable, "-c", code], **env_args).stdout
    assert out.strip().splitlines()[-1] == "[]"



def test_the_cached_locations_are_rebuilt_when_the_ims_reader_changes(tmp_path, monkeypatch):
    """The workbook's rows they are built from come from the IMS reader: a new reader version rebuilds them."""
    cache = tmp_path / "cache"
    Store.open("sample", cache=cache).ims(2024)
    from migstats.sources import ims

    monkeypatch.setattr(ims, "READER_VERSION", ims.READER_VERSION + "-next")
    Store.open("sample", cache=cache).ims(2024)
    assert len(_derived_folders(cache, "ims-locations")) == 2
