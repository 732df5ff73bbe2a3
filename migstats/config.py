"""Where migstats keeps and looks for files. The cache directory is the only global state.

Environment variables:

* ``MIGSTATS_CACHE``  — cache folder (default: the platform's user cache dir, e.g. ``~/.cache/migstats``).
* ``MIGSTATS_MIRROR`` — one or more local folders (``os.pathsep``-separated) holding official files,
  searched recursively by file name (for offices without internet access).
* ``MIGSTATS_OFFLINE`` — ``1`` forbids downloads (mirror and cache only).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs


def cache_dir() -> Path:
    """The cache folder (created on demand)."""
    env = os.environ.get("MIGSTATS_CACHE")
    path = Path(env) if env else Path(platformdirs.user_cache_dir("migstats"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def mirror_dirs(extra: str | os.PathLike | None = None) -> list[Path]:
    """Mirror folders to search, the explicit one first, then ``MIGSTATS_MIRROR``."""
    dirs: list[Path] = []
    if extra:
        dirs.append(Path(extra))
    env = os.environ.get("MIGSTATS_MIRROR", "")
    dirs.extend(Path(p) for p in env.split(os.pathsep) if p.strip())
    return [d for d in dirs if d.is_dir()]


def offline() -> bool:
    """True when downloads are disabled."""
    return os.environ.get("MIGSTATS_OFFLINE", "").strip().lower() in {"1", "true", "yes"}
