"""Environment of the benchmark scripts, set before they import migstats."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def use_official_files() -> None:
    """Read the official files from ``../shared/data`` beside the checkout (unless ``MIGSTATS_MIRROR`` names
    another mirror), never download, and parse into a cache of this run's own (unless ``MIGSTATS_CACHE``)."""
    repo = Path(__file__).resolve().parents[1]
    if not os.environ.get("MIGSTATS_MIRROR") and (repo.parent / "shared" / "data").is_dir():
        os.environ["MIGSTATS_MIRROR"] = str(repo.parent / "shared" / "data")
    os.environ.setdefault("MIGSTATS_OFFLINE", "1")
    os.environ.setdefault("MIGSTATS_CACHE", tempfile.mkdtemp(prefix="migstats-bench-"))
