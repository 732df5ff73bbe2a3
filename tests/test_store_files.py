"""The store finds declared files in mirrors by name, verifies checksums, and never trusts a bad file."""

from __future__ import annotations

import dataclasses

import pooch
import pytest

from migstats.errors import ChecksumError, DataFileError, DataUnavailable
from migstats.store import Settings, Store, catalog, files


def _settings(tmp_path, **kw) -> Settings:
    return Settings(**{"mirrors": (tmp_path,), "cache": tmp_path / "cache", "offline": True, **kw})


def test_every_declared_file_names_its_publisher_edition_licence_and_checksum():
    for spec in catalog.all_files():
        assert spec.filename and spec.title and spec.licence and spec.citation
        assert spec.url is None or spec.url.startswith("https://")
    ims = [s for s in catalog.all_files() if s.publication == "ims"]
    assert {s.edition for s in ims} >= {2020, 2024}
    assert all(s.has_checksum for s in ims)


def test_a_declaration_with_a_bad_checksum_is_one_clear_error(tmp_path):
    (tmp_path / "x.yaml").write_text("publication: x\nlicence: l\ncitation: c\nfiles:\n"
                                     "  - {key: x-1, filename: a.csv, title: t, sha256: [nothex]}\n")
    with pytest.raises(Exception, match=r"x.yaml: not a valid declaration .*sha256"):
        catalog.read_declarations(tmp_path)


def test_the_same_key_declared_twice_is_refused(tmp_path):
    for name in ("a", "b"):
        (tmp_path / f"{name}.yaml").write_text("publication: x\nlicence: l\ncitation: c\nfiles:\n"
                                               "  - {key: x-1, filename: a.csv, title: t}\n")
    with pytest.raises(Exception, match="declared twice"):
        catalog.read_declarations(tmp_path)


def test_mirror_is_searched_recursively_by_file_name(shared_data, tmp_path):
    src = files.locate(catalog.get("ims2024-origin"), _settings(shared_data, cache=tmp_path))
    assert src.origin == "mirror" and src.verified
    assert src.path.parent.name == "ims2024"
    assert src.sha256 == "67a6683e3993805da8df1c014d24e5b824e657877559e4f674e14fc10362b94c"


def test_absent_file_says_where_to_get_it(tmp_path):
    with pytest.raises(DataUnavailable) as err:
        files.locate(catalog.get("ims2020-matrix"), _settings(tmp_path))
    assert "undesa_pd_2020_ims_stock_by_sex_destination_and_origin.xlsx" in str(err.value)
    assert "--mirror DIR" in str(err.value)


def test_a_file_with_the_wrong_bytes_is_refused_then_accepted_when_allowed(tmp_path):
    spec = catalog.get("ims2024-destination")
    (tmp_path / spec.filename).write_bytes(b"not the workbook")
    with pytest.raises(ChecksumError, match="checksum mismatch.*--allow-unverified"):
        files.locate(spec, _settings(tmp_path))
    src = files.locate(spec, _settings(tmp_path, allow_unverified=True))
    assert not src.verified
    assert src.sha256 == files.sha256_of(tmp_path / spec.filename)


def test_an_unreadable_mirror_file_is_one_line_naming_it(tmp_path, monkeypatch):
    spec = catalog.get("ims2024-destination")
    path = tmp_path / spec.filename
    path.write_bytes(b"x")

    def denied(*a, **k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("builtins.open", denied)
    with pytest.raises(DataFileError, match=f"{spec.filename}: cannot read the file"):
        files.locate(spec, _settings(tmp_path))


def test_md5_from_an_independent_manifest_verifies():
    # IMS 2020 destination: the copy first published (sha256) and UN DESA's re-upload (md5 only) both verify.
    spec = catalog.get("ims2020-destination")
    assert "7277a8374e9dbdc4ee905e51fdd5fbc5" in spec.md5 and len(spec.sha256) == 1


def test_unknown_key():
    with pytest.raises(DataUnavailable, match="unknown data file"):
        catalog.get("ims1999-destination")


def test_offline_never_downloads(tmp_path, monkeypatch):
    monkeypatch.setattr(pooch, "retrieve", lambda **kw: pytest.fail("offline mode downloaded"))
    with pytest.raises(DataUnavailable):
        files.locate(catalog.get("ims2024-matrix"), _settings(tmp_path))


def test_a_failed_download_is_one_clear_error_and_is_not_retried(tmp_path, monkeypatch):
    calls = []

    def no_network(**kwargs):
        calls.append(kwargs["url"])
        # www.un.org refuses library user agents (HTTP 403): the download must look like a browser,
        # and give up connecting within seconds
        assert kwargs["downloader"].kwargs["headers"]["User-Agent"].startswith("Mozilla/5.0")
        assert kwargs["downloader"].kwargs["timeout"][0] <= 10
        raise ConnectionError("network unreachable")

    monkeypatch.setattr(pooch, "retrieve", no_network)
    store = Store(_settings(tmp_path, offline=False), Store.open("official", settings=_settings(tmp_path)).mode)
    for _ in range(2):
        with pytest.raises(DataUnavailable, match="could not download undesa_pd_2024_ims_stock_by_sex_desti"):
            store.find("ims2024-matrix")
    assert len(calls) == 1
    assert not any((tmp_path / "cache" / "downloads").glob("*.part"))


def test_status_lists_every_declaration_without_downloading(tmp_path, monkeypatch):
    monkeypatch.setattr(pooch, "retrieve", lambda **kw: pytest.fail("status downloaded"))
    store = Store.open("official", settings=dataclasses.replace(_settings(tmp_path), offline=False))
    rows = store.status()
    assert [r["key"] for r in rows] == [s.key for s in catalog.all_files()]
    assert {r["status"] for r in rows} == {"not available"}
