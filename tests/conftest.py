"""Shared fixtures. Tests never touch the network and never write to the user's real cache."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _shared_data() -> Path | None:
    env = os.environ.get("MIGSTATS_MIRROR")
    for cand in ([Path(p) for p in env.split(os.pathsep)] if env else []) + [REPO.parent / "shared" / "data"]:
        if cand.is_dir():
            return cand.resolve()
    return None


SHARED_DATA = _shared_data()


@pytest.fixture(scope="session", autouse=True)
def _isolated_cache(tmp_path_factory):
    """Every test session gets its own cache (unless CI gave one), and downloads are off."""
    old = {k: os.environ.get(k) for k in ("MIGSTATS_CACHE", "MIGSTATS_OFFLINE", "MIGSTATS_MIRROR")}
    if not os.environ.get("MIGSTATS_CACHE"):
        os.environ["MIGSTATS_CACHE"] = str(tmp_path_factory.mktemp("cache"))
    os.environ["MIGSTATS_OFFLINE"] = "1"
    if SHARED_DATA is not None:
        os.environ["MIGSTATS_MIRROR"] = str(SHARED_DATA)
    yield
    for k, v in old.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The folder of unmodified official files (../shared/data or MIGSTATS_MIRROR); skip if absent."""
    if SHARED_DATA is None:
        pytest.skip("official files not available (set MIGSTATS_MIRROR)")
    return SHARED_DATA


@pytest.fixture
def no_mirror(monkeypatch):
    """Run a test as on a machine with neither network nor mirror."""
    monkeypatch.delenv("MIGSTATS_MIRROR", raising=False)
    monkeypatch.setenv("MIGSTATS_OFFLINE", "1")


@pytest.fixture(scope="session")
def ims2020(shared_data):
    """IMS 2020 from the official workbooks (parsed once per test session)."""
    import migstats

    return migstats.load_ims(2020, data="official")


@pytest.fixture(scope="session")
def ims2024(shared_data):
    """IMS 2024 from the official workbooks (parsed once per test session)."""
    import migstats

    return migstats.load_ims(2024, data="official")


@pytest.fixture(scope="session")
def wpp_bundle(shared_data):
    """World Population Prospects 2024 from the official files (loaded once per test session)."""
    import migstats

    bundle, reason = migstats.Store.open("official").optional("wpp")
    if bundle is None:
        pytest.skip(f"WPP not available: {reason}")
    return bundle


@pytest.fixture(scope="session")
def sample2024():
    """IMS 2024 from the synthetic sample."""
    import migstats

    return migstats.load_ims(2024, data="sample")


@pytest.fixture
def shown(monkeypatch):
    """Collect what a briefing displays (HTML snippets, their metadata, chart titles and sources)."""
    from migstats import charts
    from migstats.report import sections

    out = {"html": [], "charts": [], "metadata": []}

    def fake_html(text, metadata=None):
        out["html"].append(text)
        out["metadata"].append(dict(metadata or {}))

    monkeypatch.setattr(sections, "display_html", fake_html)
    monkeypatch.setattr(charts, "show", lambda fig: out["charts"].append(
        (charts.figure_title(fig), charts.figure_source(fig))))
    return out
