"""Parsed tables are cached as Parquet with their own checksums: the second load never re-parses, and a
table changed in the cache is never trusted."""

from __future__ import annotations

import pandas as pd
import pyarrow
import pyarrow.parquet

from migstats.store import catalog, files
from migstats.store.tables import cached_tables, folder_for, validate_cache


def _source(tmp_path, content=b"abc"):
    p = tmp_path / "f.bin"
    p.write_bytes(content)
    return files.SourceFile(catalog.get("m49"), p, files.sha256_of(p), verified=False, origin="mirror")


def _table():
    return {"t": pd.DataFrame({"code": [4, 8], "value": [1.5, 2.5]})}


def test_second_load_reads_parquet_not_the_source(tmp_path):
    src, calls = _source(tmp_path), []
    first = cached_tables(tmp_path / "c", src, "demo", "1", lambda: calls.append(1) or _table())
    second = cached_tables(tmp_path / "c", src, "demo", "1", lambda: calls.append(1) or _table())
    assert calls == [1]
    pd.testing.assert_frame_equal(first["t"], second["t"])


def test_a_failed_parse_leaves_nothing_trusted(tmp_path):
    src = _source(tmp_path, b"other")

    def broken():
        raise ValueError("bad file")

    try:
        cached_tables(tmp_path / "c", src, "demo", "1", broken)
    except ValueError:
        pass
    assert not (folder_for(tmp_path / "c", src, "demo", "1") / "manifest.json").exists()


def test_a_new_reader_version_reparses(tmp_path):
    src, n = _source(tmp_path, b"v"), []
    cached_tables(tmp_path / "c", src, "demo", "1", lambda: n.append(1) or _table())
    cached_tables(tmp_path / "c", src, "demo", "2", lambda: n.append(2) or _table())
    assert n == [1, 2]


def test_a_table_doctored_in_the_cache_is_rebuilt_from_the_file(tmp_path):
    src = _source(tmp_path)
    cached_tables(tmp_path / "c", src, "demo", "1", _table)
    parquet = folder_for(tmp_path / "c", src, "demo", "1") / "t.parquet"
    doctored = pd.DataFrame({"code": [4, 8], "value": [999.0, 2.5]})
    doctored.to_parquet(parquet, index=False)
    again = cached_tables(tmp_path / "c", src, "demo", "1", _table)
    assert again["t"]["value"].tolist() == [1.5, 2.5]


def test_validate_drops_what_fails_and_keeps_what_verifies(tmp_path):
    good, bad = _source(tmp_path, b"good"), _source(tmp_path / "..", b"bad")
    cached_tables(tmp_path / "c", good, "demo", "1", _table)
    cached_tables(tmp_path / "c", bad, "demo", "1", _table)
    (folder_for(tmp_path / "c", bad, "demo", "1") / "t.parquet").write_bytes(b"truncated")
    checked, dropped = validate_cache(tmp_path / "c")
    assert checked == 2 and dropped == [folder_for(tmp_path / "c", bad, "demo", "1")]


def test_processes_parsing_the_same_file_at_once_never_break_each_other(tmp_path):
    import threading
    import time

    src, results, errors = _source(tmp_path, b"shared"), [], []

    def slow_build():
        time.sleep(0.3)  # both parse at the same time, as two kernels or Dask workers sharing a cache do
        return _table()

    def load():
        try:
            results.append(cached_tables(tmp_path / "c", src, "demo", "1", slow_build)["t"])
        except Exception as exc:  # noqa: BLE001 - the test reports any failure
            errors.append(exc)

    threads = [threading.Thread(target=load) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and len(results) == 4
    assert [p.name for p in (tmp_path / "c" / "tables").iterdir()] == [folder_for(tmp_path / "c", src, "demo",
                                                                                   "1").name]


def _big(rows=60_000):
    return pd.DataFrame({"year": [2000 + i % 25 for i in range(rows)],
                         "measure": pd.array(["refugees", "asylum_seekers", "idps"] * (rows // 3), dtype="str"),
                         "id": pd.array([f"row{i}" for i in range(rows)], dtype="str"),
                         "value": [float(i) for i in range(rows)]})


def test_a_big_table_keeps_its_repetitive_text_as_categories_with_the_same_values(tmp_path):
    src = _source(tmp_path)
    built = cached_tables(tmp_path / "c", src, "demo", "1", lambda: {"t": _big()})["t"]
    cached = cached_tables(tmp_path / "c", src, "demo", "1", lambda: {"t": _big()})["t"]
    for frame in (built, cached):
        assert isinstance(frame["measure"].dtype, pd.CategoricalDtype)
        assert frame["measure"].astype(str).tolist() == _big()["measure"].tolist()
        assert not isinstance(frame["id"].dtype, pd.CategoricalDtype)  # 60,000 distinct values stay text
        assert frame["year"].dtype == "int64"
    assert (cached["measure"] == "idps").sum() == 20_000


def test_the_cache_stores_repetitive_text_dictionary_encoded_so_reads_need_no_factorizing(tmp_path):
    src = _source(tmp_path)
    cached_tables(tmp_path / "c", src, "demo", "1", lambda: {"t": _big()})
    [path] = (tmp_path / "c").rglob("t.parquet")
    schema = pyarrow.parquet.read_schema(path)
    assert pyarrow.types.is_dictionary(schema.field("measure").type)
    assert not pyarrow.types.is_dictionary(schema.field("id").type)


def test_a_small_table_is_left_as_it_was(tmp_path):
    src = _source(tmp_path)
    small = _big(300)
    out = cached_tables(tmp_path / "c", src, "demo", "1", lambda: {"t": small})["t"]
    assert not isinstance(out["measure"].dtype, pd.CategoricalDtype)
