"""Where the store looks for files and keeps its cache: one :class:`Settings`, resolved once per run.

Each setting comes from, in this order of precedence (as every CLI does it):

1. the command-line option (``--mirror DIR``, ``--cache DIR``, ``--offline``, ``--data MODE``);
2. the environment variable (``MIGSTATS_MIRROR`` — folders separated by ``os.pathsep`` —,
   ``MIGSTATS_CACHE``, ``MIGSTATS_OFFLINE``, ``MIGSTATS_ALLOW_UNVERIFIED``, ``MIGSTATS_DATA``);
3. the user config file, TOML (``migstats config set mirror ../shared/data``), in the platform's config
   folder (e.g. ``~/.config/migstats/config.toml``; ``MIGSTATS_CONFIG`` names another file);
4. the default (no mirror; the platform's user cache folder; downloads allowed; data mode ``auto``).

A level replaces the levels below it: ``--mirror DIR`` replaces ``MIGSTATS_MIRROR``, it does not add to it.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs
import tomli_w

from ..errors import MigstatsError
from ..fileio import write_text

DATA_MODES = ("auto", "official", "sample")
KEYS = ("mirror", "cache", "offline", "allow_unverified", "data")
ENV = {"mirror": "MIGSTATS_MIRROR", "cache": "MIGSTATS_CACHE", "offline": "MIGSTATS_OFFLINE",
       "allow_unverified": "MIGSTATS_ALLOW_UNVERIFIED", "data": "MIGSTATS_DATA"}
_TRUE, _FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off", ""}
MAX_CONFIG_BYTES = 64 * 1024


@dataclass(frozen=True)
class Settings:
    """The resolved settings of one run; ``origin`` says where each came from."""

    mirrors: tuple[Path, ...] = ()
    cache: Path = field(default_factory=lambda: Path(platformdirs.user_cache_dir("migstats")))
    offline: bool = False
    allow_unverified: bool = False
    data: str = "auto"
    origin: Mapping[str, str] = field(default_factory=dict, compare=False)

    def env(self) -> dict[str, str]:
        """These settings as environment variables (for a kernel or worker process)."""
        return {
            ENV["mirror"]: os.pathsep.join(str(p) for p in self.mirrors),
            ENV["cache"]: str(self.cache),
            ENV["offline"]: "1" if self.offline else "0",
            ENV["allow_unverified"]: "1" if self.allow_unverified else "0",
            ENV["data"]: self.data,
        }

    def describe(self) -> list[dict[str, str]]:
        """One row per setting: name, value, where it came from."""
        values = {"mirror": os.pathsep.join(str(p) for p in self.mirrors) or "(none)", "cache": str(self.cache),
                  "offline": str(self.offline).lower(), "allow_unverified": str(self.allow_unverified).lower(),
                  "data": self.data}
        return [{"setting": k, "value": values[k], "from": self.origin.get(k, "default")} for k in KEYS]


def config_path() -> Path:
    """The user config file (``MIGSTATS_CONFIG`` or ``<user config dir>/config.toml``)."""
    env = os.environ.get("MIGSTATS_CONFIG")
    return Path(env) if env else Path(platformdirs.user_config_dir("migstats")) / "config.toml"


def read_config(path: Path | None = None) -> dict[str, object]:
    """The config file's settings ({} when there is none); a bad file is one clear error."""
    path = path or config_path()
    if not path.exists():
        return {}
    fix = f"correct it, or remove it and use `migstats config set` (keys: {', '.join(KEYS)})"
    try:
        if path.stat().st_size > MAX_CONFIG_BYTES:
            raise MigstatsError(f"{path}: config file larger than {MAX_CONFIG_BYTES // 1024} KiB — {fix}")
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise MigstatsError(f"{path}: not a readable TOML config file ({type(exc).__name__}: "
                            f"{str(exc)[:120]}) — {fix}") from None
    unknown = sorted(set(doc) - set(KEYS))
    if unknown:
        raise MigstatsError(f"{path}: unknown setting {unknown[0]!r} — {fix}")
    return doc


def _bool(value: object, where: str, name: str) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise MigstatsError(f"{where}: {name} must be true or false, not {str(value)[:40]!r}")


def _paths(value: object, where: str) -> tuple[Path, ...]:
    if isinstance(value, os.PathLike):
        parts = [os.fspath(value)]
    elif isinstance(value, str):
        parts = [p for p in value.split(os.pathsep) if p.strip()]
    elif isinstance(value, list | tuple) and all(isinstance(p, str | os.PathLike) for p in value):
        parts = [str(p) for p in value]
    else:
        raise MigstatsError(f"{where}: mirror must be a folder or a list of folders")
    return tuple(Path(p).expanduser() for p in parts)


def _mode(value: object, where: str) -> str:
    text = str(value).strip().lower()
    if text not in DATA_MODES:
        raise MigstatsError(f"{where}: data must be one of {', '.join(DATA_MODES)}, not {str(value)[:40]!r}")
    return text


def resolve(*, mirror: str | os.PathLike | list | None = None, cache: str | os.PathLike | None = None,
            offline: bool | None = None, allow_unverified: bool | None = None, data: str | None = None,
            environ: Mapping[str, str] | None = None, config: Path | None = None) -> Settings:
    """Resolve the settings: option > environment variable > config file > default."""
    environ = os.environ if environ is None else environ
    cfg_file = config or config_path()
    cfg = read_config(cfg_file)
    options = {"mirror": mirror, "cache": cache, "offline": offline, "allow_unverified": allow_unverified,
               "data": data}
    raw: dict[str, object] = {}
    origin: dict[str, str] = {}
    for key in KEYS:
        if options[key] is not None:
            raw[key], origin[key] = options[key], "option"
        elif environ.get(ENV[key]) is not None and (key != "mirror" or environ.get(ENV[key], "").strip()):
            raw[key], origin[key] = environ[ENV[key]], f"environment ({ENV[key]})"
        elif key in cfg:
            raw[key], origin[key] = cfg[key], f"config file ({cfg_file})"
    values: dict[str, object] = {}
    if "mirror" in raw:
        values["mirrors"] = _paths(raw["mirror"], origin["mirror"])
    if "cache" in raw:
        values["cache"] = Path(str(raw["cache"])).expanduser()
    if "offline" in raw:
        values["offline"] = _bool(raw["offline"], origin["offline"], "offline")
    if "allow_unverified" in raw:
        values["allow_unverified"] = _bool(raw["allow_unverified"], origin["allow_unverified"], "allow_unverified")
    if "data" in raw:
        values["data"] = _mode(raw["data"], origin["data"])
    return dataclasses.replace(Settings(), **values, origin=origin)


def set_value(key: str, value: str, path: Path | None = None) -> Path:
    """Write one setting into the config file (atomically); ``value`` as typed on the command line."""
    path = path or config_path()
    if key not in KEYS:
        raise MigstatsError(f"unknown setting {key!r} — use one of {', '.join(KEYS)}")
    doc = read_config(path)
    where = "migstats config set"
    if key == "mirror":
        doc[key] = [str(Path(p).expanduser().resolve()) for p in _paths(value, where)]
    elif key == "cache":
        doc[key] = str(Path(value).expanduser().resolve())
    elif key in ("offline", "allow_unverified"):
        doc[key] = _bool(value, where, key)
    else:
        doc[key] = _mode(value, where)
    write_text(path, tomli_w.dumps(doc))
    return path


def unset_value(key: str, path: Path | None = None) -> Path:
    """Remove one setting from the config file."""
    path = path or config_path()
    doc = read_config(path)
    doc.pop(key, None)
    write_text(path, tomli_w.dumps(doc))
    return path
