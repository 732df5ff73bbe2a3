"""What the benchmark scripts share: their environment (set before they import migstats) and profile output."""

from __future__ import annotations

import cProfile
import io
import os
import pstats
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


def print_profile(prof: cProfile.Profile | None, lines: int) -> None:
    """Print the ``lines`` most expensive calls of ``prof`` by cumulative time (nothing without a profile)."""
    if prof is None:
        return
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(lines)
    print(out.getvalue())
