"""Parsed tables are cached as Parquet keyed by the file's sha256: the second load never opens Excel."""

from __future__ import annotations

import pandas as pd

from migstats import registry
from migstats.cache import cached_tables, is_cached


def _source(tmp_path, content=b"abc"):
    p = tmp_path / "f.bin"
    p.write_bytes(content)
    spec = registry.get("m49")
    return registry.SourceFile(spec, p, registry.sha256_of(p), verified=False, origin="path")


def test_second_load_reads_parquet_not_the_source(tmp_path):
    src = _source(tmp_path)
    calls = []

    def build():
        calls.append(1)
        return {"t": pd.DataFrame({"code": [4, 8], "value": [1.5, 2.5]})}

    first = cached_tables(src, "demo", "1", build)
    second = cached_tables(src, "demo", "1", build)
    assert calls == [1]
    pd.testing.assert_frame_equal(first["t"], second["t"])
    assert is_cached(src, "demo", "1")


def test_a_failed_parse_leaves_nothing_trusted(tmp_path):
    src = _source(tmp_path, b"other")

    def broken():
        raise ValueError("bad file")

    try:
        cached_tables(src, "demo", "1", broken)
    except ValueError:
        pass
    assert not is_cached(src, "demo", "1")


def test_a_new_reader_version_reparses(tmp_path):
    src = _source(tmp_path, b"v")
    n = []
    cached_tables(src, "demo", "1", lambda: n.append(1) or {"t": pd.DataFrame({"a": [1]})})
    cached_tables(src, "demo", "2", lambda: n.append(2) or {"t": pd.DataFrame({"a": [1]})})
    assert n == [1, 2]
