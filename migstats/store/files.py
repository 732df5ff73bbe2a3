"""Finding and verifying official files: a read-only mirror, the download cache, then the publisher.

:func:`locate` looks for a declared file in this order, checksumming each candidate:

1. the mirror folders (searched recursively by the official file name; declared ``mirror_hints`` first);
2. the download cache (``<cache>/downloads``);
3. the publisher's URL (pooch), unless the settings say offline.

A download goes to a temporary file, is hashed, and is moved into place only if it verifies. A file whose
checksum matches none of the declared published versions is refused unless ``allow_unverified``; the
actual sha256 is always recorded in the :class:`SourceFile`.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

import pooch

from ..errors import ChecksumError, DataFileError, DataUnavailable
from .catalog import OfficialFile
from .settings import Settings

CONNECT_TIMEOUT = 5    # seconds to reach the publisher before giving up
READ_TIMEOUT = 60      # seconds without a byte before a download is given up
# www.un.org answers 403 to the default user agents of HTTP libraries and 200 to a browser-like one.
USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) migstats (UN international-migration statistics)"


@dataclass(frozen=True)
class SourceFile:
    """A located copy of an official (or synthetic) file, with its actual checksum."""

    spec: OfficialFile
    path: Path
    sha256: str
    verified: bool
    origin: str  # "mirror", "cache", "download", "sample"
    synthetic: bool = False
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def key(self) -> str:
        return self.spec.key

    def describe(self) -> dict:
        return {
            "key": self.spec.key, "file": self.spec.filename, "edition": self.spec.edition,
            "vintage": self.spec.vintage, "publication": self.spec.publication, "path": str(self.path),
            "sha256": self.sha256, "verified": self.verified, "origin": self.origin,
            "synthetic": self.synthetic, "url": self.spec.url, "licence": self.spec.licence,
            "citation": self.spec.citation,
        }


_HASH_MEMO: dict[tuple[str, int, int], tuple[str, str]] = {}


def file_digests(path: Path) -> tuple[str, str]:
    """(sha256, md5) of a file, memoised on path, size and mtime. Unreadable → :class:`DataFileError`."""
    try:
        st = path.stat()
        memo_key = (str(path.resolve()), st.st_size, st.st_mtime_ns)
        if memo_key not in _HASH_MEMO:
            sha, md5 = hashlib.sha256(), hashlib.md5()
            with open(path, "rb") as fh:
                for chunk in iter(lambda: fh.read(1 << 20), b""):
                    sha.update(chunk)
                    md5.update(chunk)
            _HASH_MEMO[memo_key] = (sha.hexdigest(), md5.hexdigest())
    except OSError as exc:
        raise DataFileError(path, f"cannot read the file ({exc.strerror or type(exc).__name__})",
                            "check its permissions, or remove it from the mirror") from None
    return _HASH_MEMO[memo_key]


def sha256_of(path: str | os.PathLike) -> str:
    return file_digests(Path(path))[0]


def matches(spec: OfficialFile, path: Path) -> bool:
    """True when the file is one of the declared published versions."""
    sha, md5 = file_digests(path)
    return sha in spec.sha256 or md5 in spec.md5


def _mirror_candidates(spec: OfficialFile, mirrors: tuple[Path, ...]) -> list[Path]:
    found: list[Path] = []
    for root in mirrors:
        if not root.is_dir():
            continue
        found.extend(root / hint for hint in spec.mirror_hints if (root / hint).is_file())
        if (root / spec.filename).is_file():
            found.append(root / spec.filename)
        found.extend(p for p in sorted(root.rglob(spec.filename)) if p.is_file())
    unique: dict[Path, Path] = {}
    for p in found:
        unique.setdefault(p.resolve(), p)
    return list(unique.values())


def downloads_dir(settings: Settings) -> Path:
    return settings.cache / "downloads"


def _accept(spec: OfficialFile, path: Path, origin: str, allow_unverified: bool) -> SourceFile:
    sha, _ = file_digests(path)
    if not spec.has_checksum:
        return SourceFile(spec, path, sha, verified=False, origin=origin)
    if matches(spec, path):
        return SourceFile(spec, path, sha, verified=True, origin=origin)
    if allow_unverified:
        return SourceFile(spec, path, sha, verified=False, origin=origin)
    raise ChecksumError(
        path,
        f"checksum mismatch for {spec.filename} (sha256 {sha[:12]}…, expected "
        f"{(spec.sha256 or spec.md5)[0][:12]}…)",
        "replace it with the publisher's file, or pass --allow-unverified to use it anyway",
    )


def locate(spec: OfficialFile, settings: Settings, *, download: bool = True) -> SourceFile:
    """Find (or download) an official file and verify it. :class:`DataUnavailable` when it cannot be had."""
    candidates = _mirror_candidates(spec, settings.mirrors)
    for cand in candidates:  # prefer a candidate that verifies; otherwise judge the first one
        if spec.has_checksum and matches(spec, cand):
            return _accept(spec, cand, "mirror", settings.allow_unverified)
    if candidates:
        return _accept(spec, candidates[0], "mirror", settings.allow_unverified)

    cached = downloads_dir(settings) / spec.filename
    if cached.is_file():
        return _accept(spec, cached, "cache", settings.allow_unverified)

    if not download or settings.offline or not spec.url:
        where = ", ".join(str(d) for d in settings.mirrors) or "no mirror set"
        how = (f"download it from {spec.url} into a folder and set it as mirror "
               "(migstats config set mirror DIR, or --mirror DIR)") if spec.url else \
            "put it in a folder and set it as mirror (migstats config set mirror DIR, or --mirror DIR)"
        raise DataUnavailable(f"{spec.filename} ({spec.title}) is not in the mirror ({where}) or the cache — {how}")
    return _download(spec, settings)


def _download(spec: OfficialFile, settings: Settings) -> SourceFile:
    target = downloads_dir(settings)
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DataFileError(target, f"cannot create the download folder ({exc.strerror})",
                            "choose a writable cache: --cache DIR or migstats config set cache DIR") from None
    part_name = spec.filename + ".part"
    pooch.get_logger().setLevel("WARNING")
    try:
        path = pooch.retrieve(
            url=spec.url, known_hash=None, fname=part_name, path=target, progressbar=False,
            downloader=pooch.HTTPDownloader(timeout=(CONNECT_TIMEOUT, READ_TIMEOUT),
                                            headers={"User-Agent": USER_AGENT}),
        )
    except Exception as exc:  # network errors come in many types; all mean "not available now"
        (target / part_name).unlink(missing_ok=True)
        raise DataUnavailable(
            f"could not download {spec.filename} from {spec.url} ({type(exc).__name__}) — check the "
            "connection, or put the file in a folder and set it as mirror (--mirror DIR)") from None
    part = Path(path)
    try:
        src = _accept(spec, part, "download", settings.allow_unverified)
    except ChecksumError:
        part.unlink(missing_ok=True)
        raise
    final = target / spec.filename
    os.replace(part, final)
    return SourceFile(spec, final, src.sha256, src.verified, "download")
