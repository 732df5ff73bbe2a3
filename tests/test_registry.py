"""The registry finds files in mirrors by name, verifies checksums, and never trusts a bad file."""

from __future__ import annotations

import pytest

from migstats import registry
from migstats.errors import ChecksumError, DataUnavailable


def test_every_file_names_its_publisher_edition_and_licence():
    for spec in registry.all_files():
        assert spec.filename and spec.title and spec.licence and spec.citation
        assert spec.url is None or spec.url.startswith("https://")
    ims = [s for s in registry.all_files() if s.publication == "ims"]
    assert {s.edition for s in ims} >= {2020, 2024}
    assert all(s.has_checksum for s in ims)


def test_mirror_is_searched_recursively_by_file_name(shared_data):
    src = registry.locate("ims2024-origin", mirror=shared_data, download=False)
    assert src.origin == "mirror" and src.verified
    assert src.path.parent.name == "ims2024"
    assert src.sha256 == "67a6683e3993805da8df1c014d24e5b824e657877559e4f674e14fc10362b94c"


def test_absent_file_says_where_to_get_it(tmp_path, monkeypatch):
    monkeypatch.delenv("MIGSTATS_MIRROR", raising=False)
    with pytest.raises(DataUnavailable) as err:
        registry.locate("ims2020-matrix", mirror=tmp_path, download=False)
    assert "undesa_pd_2020_ims_stock_by_sex_destination_and_origin.xlsx" in str(err.value)
    assert "MIGSTATS_MIRROR" in str(err.value)


def test_a_file_with_the_wrong_bytes_is_refused_then_accepted_when_allowed(tmp_path, monkeypatch):
    monkeypatch.delenv("MIGSTATS_MIRROR", raising=False)
    spec = registry.get("ims2024-destination")
    (tmp_path / spec.filename).write_bytes(b"not the workbook")
    with pytest.raises(ChecksumError, match="checksum mismatch"):
        registry.locate(spec.key, mirror=tmp_path, download=False)
    src = registry.locate(spec.key, mirror=tmp_path, download=False, allow_unverified=True)
    assert not src.verified
    assert src.sha256 == registry.sha256_of(tmp_path / spec.filename)


def test_md5_from_an_independent_manifest_verifies(tmp_path, monkeypatch):
    # IMS 2020 destination: the copy first published (sha256) and UN DESA's re-upload (md5 only) both verify.
    spec = registry.get("ims2020-destination")
    assert "7277a8374e9dbdc4ee905e51fdd5fbc5" in spec.md5 and len(spec.sha256) == 1


def test_unknown_key():
    with pytest.raises(DataUnavailable, match="unknown data file"):
        registry.get("ims1999-destination")


def test_a_failed_download_is_one_clear_error_and_is_not_retried(tmp_path, monkeypatch):
    import pooch

    monkeypatch.delenv("MIGSTATS_MIRROR", raising=False)
    monkeypatch.delenv("MIGSTATS_OFFLINE", raising=False)
    calls = []

    def no_network(**kwargs):
        calls.append(kwargs["url"])
        # www.un.org refuses library user agents (HTTP 403): the download must look like a browser
        assert kwargs["downloader"].kwargs["headers"]["User-Agent"].startswith("Mozilla/5.0")
        raise ConnectionError("network unreachable")

    monkeypatch.setattr(pooch, "retrieve", no_network)
    monkeypatch.setattr(registry, "_FAILED_DOWNLOADS", {})
    for _ in range(2):
        with pytest.raises(DataUnavailable, match="could not download undesa_pd_2024_ims_stock_by_sex_desti"):
            registry.locate("ims2024-matrix", mirror=tmp_path)
    assert len(calls) == 1
    assert not any(registry.downloads_dir().glob("*.part"))
