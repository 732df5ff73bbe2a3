"""Settings: command-line option > environment variable > config file > default; one data mode per run."""

from __future__ import annotations

from pathlib import Path

import pytest

from migstats.errors import MigstatsError
from migstats.store import Store
from migstats.store import settings as st


@pytest.fixture
def config(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "config.toml"
    monkeypatch.setenv("MIGSTATS_CONFIG", str(path))
    return path


def test_the_config_file_applies_when_nothing_else_is_set(config, tmp_path):
    st.set_value("mirror", str(tmp_path / "from-file"))
    s = st.resolve(environ={})
    assert s.mirrors == ((tmp_path / "from-file").resolve(),)
    assert s.origin["mirror"].startswith("config file")


def test_the_environment_beats_the_config_file(config, tmp_path):
    st.set_value("mirror", str(tmp_path / "from-file"))
    s = st.resolve(environ={"MIGSTATS_MIRROR": str(tmp_path / "from-env")})
    assert s.mirrors == (tmp_path / "from-env",)


def test_the_option_replaces_the_environment_rather_than_adding_to_it(config, tmp_path):
    env = {"MIGSTATS_MIRROR": f"{tmp_path / 'a'}:{tmp_path / 'b'}"}
    s = st.resolve(mirror=tmp_path / "c", environ=env)
    assert s.mirrors == (tmp_path / "c",)
    assert s.origin["mirror"] == "option"


def test_defaults_without_option_environment_or_file(config):
    s = st.resolve(environ={})
    assert s.mirrors == () and s.offline is False and s.data == "auto"
    assert all(row["from"] == "default" for row in s.describe())


def test_offline_and_data_mode_are_read_from_the_file(config):
    st.set_value("offline", "yes")
    st.set_value("data", "sample")
    s = st.resolve(environ={})
    assert s.offline is True and s.data == "sample"
    st.unset_value("data")
    assert st.resolve(environ={}).data == "auto"


def test_a_broken_config_file_is_one_line_naming_it(config):
    config.write_text("mirror = [unclosed\n")
    with pytest.raises(MigstatsError, match=r"config.toml: not a readable TOML config file"):
        st.resolve(environ={})


def test_an_unknown_setting_is_refused(config):
    with pytest.raises(MigstatsError, match="unknown setting 'mirrors'"):
        st.set_value("mirrors", "/x")


def test_a_bad_boolean_in_the_environment_is_named(config):
    with pytest.raises(MigstatsError, match="MIGSTATS_OFFLINE.*true or false"):
        st.resolve(environ={"MIGSTATS_OFFLINE": "perhaps"})


def test_auto_chooses_official_and_says_why(shared_data, tmp_path, config):
    store = Store.open("auto", mirror=shared_data, cache=tmp_path, offline=True)
    assert store.mode.name == "official"
    assert "auto found undesa_pd_2024_ims_stock_by_sex_and_destination.xlsx in the mirror" in store.mode.reason


def test_auto_falls_back_to_the_sample_and_says_why(tmp_path, config, monkeypatch):
    monkeypatch.delenv("MIGSTATS_MIRROR", raising=False)
    store = Store.open("auto", cache=tmp_path, offline=True)
    assert store.synthetic
    assert store.mode.reason.startswith("data: synthetic sample — auto found no official "
                                        "undesa_pd_2024_ims_stock_by_sex_and_destination.xlsx")
    assert store.ims(2024).synthetic and store.wpp().synthetic and store.unhcr().synthetic


def test_an_official_store_never_hands_out_synthetic_companions(shared_data, tmp_path, config):
    store = Store.open("official", mirror=shared_data, cache=tmp_path, offline=True)
    assert not store.ims(2024).synthetic
    assert not store.wpp().synthetic and not store.unhcr().synthetic


def test_an_official_store_without_files_says_what_is_missing(tmp_path, config, monkeypatch):
    monkeypatch.delenv("MIGSTATS_MIRROR", raising=False)
    store = Store.open("official", cache=tmp_path, offline=True)
    wpp, why = store.optional("wpp")
    assert wpp is None and "WPP2024_Demographic_Indicators_Medium.csv.gz" in why
