"""Atomic writes (a reader never sees a half-written output or cache file) and bounded YAML reading.

Temporary files are named ``.<target>.<pid>.<random>.tmp`` beside their target: a run killed before it
could remove them leaves files that :func:`remove_stale_temp` recognises (their process is gone) and
removes at the start of the next run.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from .errors import MigstatsError

if TYPE_CHECKING:
    import pandas as pd

#: Limits of the YAML files users write (parameter files, the inventory): a few KiB of YAML must never
#: cost minutes or gigabytes ("billion laughs"), so nesting, aliases and the size of the document with
#: every alias written out are capped.
MAX_YAML_DEPTH = 32
MAX_YAML_ALIASES = 1000
MAX_YAML_NODES = 200_000


def _process_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _process_umask()  # read once, at import: os.umask is process-wide and not thread-safe


def make_readable(*paths: str | os.PathLike | None) -> None:
    """Give files the usual mode (temporary files are created private, 0600)."""
    for path in paths:
        if path is not None and Path(path).is_file():
            os.chmod(path, 0o666 & ~_UMASK)


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; rename it onto ``target`` only if the block succeeds."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=temp_prefix(target.name), suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        make_readable(tmp_path)  # mkstemp creates 0600; outputs are meant to be read (and served)
        os.replace(tmp_path, target)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


def write_bytes(target: str | os.PathLike, data: bytes) -> Path:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)
    return Path(target)


def write_text(target: str | os.PathLike, text: str) -> Path:
    return write_bytes(target, text.encode("utf-8"))


def write_parquet(target: str | os.PathLike, frame: pd.DataFrame) -> Path:
    with atomic_path(target) as tmp:
        frame.to_parquet(tmp, index=False)
    return Path(target)


# --------------------------------------------------------------------------- stale temporary files


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's live process
        return True
    return True


def temp_prefix(name: str) -> str:
    """Prefix of a temporary file for ``name``: hidden, and naming this process (``.<name>.pid<pid>.``)."""
    return f".{name}.pid{os.getpid()}."


def _temp_pid(name: str) -> int | None:
    """The process id written into a temporary file name by :func:`temp_prefix`, if any."""
    m = re.search(r"\.pid(\d+)\.", name)
    return int(m.group(1)) if m else None


def is_stale(path: Path, started: float) -> bool:
    """A temporary file or folder left by a run that is gone: older than ``started`` (a timestamp) and,
    when its name carries a process id, that process no longer runs."""
    try:
        if path.lstat().st_mtime >= started:
            return False
    except OSError:
        return False
    pid = _temp_pid(path.name)
    if pid is None:
        return True
    return pid != os.getpid() and not _pid_alive(pid)


def remove_stale_temp(folder: str | os.PathLike, started: float,
                      patterns: tuple[str, ...] = (".*.tmp",)) -> list[Path]:
    """Remove temporary files matching ``patterns`` in ``folder`` that a killed run left; returns them."""
    folder = Path(folder)
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    for pattern in patterns:
        for path in folder.glob(pattern):
            if path.is_file() and is_stale(path, started):
                try:
                    path.unlink()
                except OSError:
                    continue
                removed.append(path)
    return removed


# --------------------------------------------------------------------------- bounded YAML


class YamlLimitError(yaml.MarkedYAMLError):
    """A YAML document beyond what a parameter or inventory file may hold (aliases, nesting)."""


def _expanded_size(node: yaml.Node, memo: dict[int, int]) -> int:
    """Number of nodes of the document once every alias is written out (linear time: shared nodes once)."""
    if id(node) in memo:
        return memo[id(node)]
    memo[id(node)] = 1  # a node being sized counts 1 if it is met again (PyYAML refuses recursive aliases)
    size = 1
    if isinstance(node, yaml.SequenceNode):
        size += sum(_expanded_size(child, memo) for child in node.value)
    elif isinstance(node, yaml.MappingNode):
        size += sum(_expanded_size(k, memo) + _expanded_size(v, memo) for k, v in node.value)
    memo[id(node)] = min(size, MAX_YAML_NODES + 1)
    return memo[id(node)]


class BoundedSafeLoader(yaml.SafeLoader):
    """PyYAML's safe loader, bounded: at most :data:`MAX_YAML_DEPTH` levels of nesting, :data:`MAX_YAML_ALIASES`
    aliases, and :data:`MAX_YAML_NODES` nodes once aliases are expanded — the "billion laughs" is refused
    in milliseconds instead of exhausting memory."""

    def compose_document(self):
        node = super().compose_document()
        if node is not None and _expanded_size(node, {}) > MAX_YAML_NODES:
            raise YamlLimitError(None, None, f"aliases (*name) expand to more than {MAX_YAML_NODES:,} values — "
                                 "write the values out", node.start_mark)
        return node

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            self._aliases = getattr(self, "_aliases", 0) + 1
            if self._aliases > MAX_YAML_ALIASES:
                raise YamlLimitError(None, None, f"more than {MAX_YAML_ALIASES} aliases (*name)",
                                     self.peek_event().start_mark)
        depth = getattr(self, "_depth", 0)
        if depth >= MAX_YAML_DEPTH:
            raise YamlLimitError(None, None, f"nested more than {MAX_YAML_DEPTH} levels deep",
                                 self.peek_event().start_mark)
        self._depth = depth + 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth = depth


def load_yaml(text: str, loader: type[yaml.SafeLoader] = BoundedSafeLoader):
    """One YAML document from ``text`` with a bounded safe loader; raises :class:`yaml.YAMLError`."""
    ldr = loader(text)
    try:
        return ldr.get_single_data()
    finally:
        ldr.dispose()


def read_user_text(path: str | os.PathLike, max_bytes: int, what: str,
                   error: type[MigstatsError] = MigstatsError) -> str:
    """The UTF-8 text of a small file a user wrote; any problem is a :class:`~migstats.errors.MigstatsError`
    naming the file and the fix (``what`` says what the file should be, e.g. "parameter file")."""
    path = Path(path)
    try:
        if path.is_dir():
            raise OSError(21, "is a folder")
        size = path.stat().st_size
        if size > max_bytes:
            raise error(f"{path}: {what} of {size:,} bytes is larger than the {max_bytes // 1024} KiB "
                                f"allowed — give the right file")
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise error(f"{path}: no such file — check the path") from None
    except IsADirectoryError:
        raise error(f"{path}: is a folder — give the {what} (a YAML file)") from None
    except OSError as exc:
        if exc.errno == 21:
            raise error(f"{path}: is a folder — give the {what} (a YAML file)") from None
        raise error(f"{path}: cannot read the {what} ({exc.strerror or type(exc).__name__}) — "
                            "check its permissions") from None
    if len(data) > max_bytes:
        raise error(f"{path}: {what} larger than the {max_bytes // 1024} KiB allowed — give the right file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise error(f"{path}: {what} is not UTF-8 text — save it as UTF-8") from None
