"""Registry of the official files migstats reads, and how to get them.

Every file has a publisher URL, its file name, the checksums of the versions known to be genuine, its
edition and licence. :func:`fetch` finds a file in this order:

1. a local mirror folder (``mirror=`` argument or ``MIGSTATS_MIRROR``), searched recursively by file name;
2. the download cache (``<cache>/downloads``);
3. the publisher's URL (via pooch), unless ``MIGSTATS_OFFLINE=1``.

Each candidate is checksummed: sha256 (or, for files whose only published fingerprint is an md5 from an
independent manifest, md5). A mismatch is an error unless ``allow_unverified=True``; the actual sha256
is always recorded in the returned :class:`SourceFile`.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from . import config
from .errors import ChecksumError, DataUnavailable

CC_BY_IGO = "CC BY 3.0 IGO (http://creativecommons.org/licenses/by/3.0/igo/)"
CC_BY_4 = "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)"
_UN_PD = "https://www.un.org/development/desa/pd/sites/www.un.org.development.desa.pd/files/"
_WPP_PKG = "https://raw.githubusercontent.com/PPgp/wpp2024/2da7768ae64fc74105d3f9e98f9a74d37b62f99a/data/"
_UNHCR_PKG = (
    "https://raw.githubusercontent.com/PopulationStatistics/refugees/"
    "0c16a6d0c2f37d8578f9b9e3d1e4459efe850398/data/"
)


@dataclass(frozen=True)
class OfficialFile:
    """One official file as published."""

    key: str
    publication: str  # "ims", "ims-aggregates", "m49", "wpp", "unhcr"
    edition: int | None
    filename: str
    url: str | None
    title: str
    citation: str
    licence: str
    sha256: tuple[str, ...] = ()
    md5: tuple[str, ...] = ()
    size: int | None = None
    # Relative paths under a mirror to prefer when several files share a name.
    mirror_hints: tuple[str, ...] = ()
    notes: str = ""

    @property
    def has_checksum(self) -> bool:
        return bool(self.sha256 or self.md5)


@dataclass(frozen=True)
class SourceFile:
    """A located copy of an official file, with its actual checksum."""

    spec: OfficialFile
    path: Path
    sha256: str
    verified: bool
    origin: str  # "mirror", "cache", "download", "sample", "path"
    synthetic: bool = False
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def key(self) -> str:
        return self.spec.key

    def describe(self) -> dict:
        return {
            "key": self.spec.key,
            "file": self.spec.filename,
            "edition": self.spec.edition,
            "publication": self.spec.publication,
            "path": str(self.path),
            "sha256": self.sha256,
            "verified": self.verified,
            "origin": self.origin,
            "synthetic": self.synthetic,
            "url": self.spec.url,
            "licence": self.spec.licence,
            "citation": self.spec.citation,
        }


def _ims_citation(year: int) -> str:
    return (
        "United Nations Department of Economic and Social Affairs, Population Division "
        f"({year}). International Migrant Stock {year}."
    )


_FILES: list[OfficialFile] = [
    OfficialFile(
        key="ims2020-destination", publication="ims", edition=2020,
        filename="undesa_pd_2020_ims_stock_by_sex_and_destination.xlsx",
        url=_UN_PD + "undesa_pd_2020_ims_stock_by_sex_and_destination.xlsx",
        title="International Migrant Stock 2020: Destination", citation=_ims_citation(2020),
        licence=CC_BY_IGO,
        sha256=("c2bae98812a1f68b1d7f57a8d3d11903b85522d664f319dfe87daa30f653fd5b",),
        # UN DESA later re-uploaded a file 62 bytes larger under the same URL (md5 from OWID's manifest).
        md5=("f0aabd36fb100065ca65fb99889dfcb4", "7277a8374e9dbdc4ee905e51fdd5fbc5"),
        size=551_092,
        notes="As first published (2021-01); a re-upload of 551,154 bytes is also accepted by md5.",
    ),
    OfficialFile(
        key="ims2020-origin", publication="ims", edition=2020,
        filename="undesa_pd_2020_ims_stock_by_sex_and_origin.xlsx",
        url=_UN_PD + "undesa_pd_2020_ims_stock_by_sex_and_origin.xlsx",
        title="International Migrant Stock 2020: Origin", citation=_ims_citation(2020), licence=CC_BY_IGO,
        md5=("081275def8f4a546da4a494d35573317",), size=212_744,
    ),
    OfficialFile(
        key="ims2020-matrix", publication="ims", edition=2020,
        filename="undesa_pd_2020_ims_stock_by_sex_destination_and_origin.xlsx",
        url=_UN_PD + "undesa_pd_2020_ims_stock_by_sex_destination_and_origin.xlsx",
        title="International Migrant Stock 2020: Destination and origin", citation=_ims_citation(2020),
        licence=CC_BY_IGO, md5=("c6141708090148a3daebdd1092ef32ee",), size=6_370_150,
    ),
    OfficialFile(
        key="ims2020-aggregates", publication="ims-aggregates", edition=2020,
        filename="aggregates_correspondence_table_2020_1.xlsx",
        url=_UN_PD + "aggregates_correspondence_table_2020_1.xlsx",
        title="International Migrant Stock 2020: aggregates correspondence table",
        citation=_ims_citation(2020), licence=CC_BY_IGO,
        sha256=("f8cefb646d13154c05d98ffc77f6d23a2a7f02c05fbca3a33d1f519f50202fd3",), size=152_616,
    ),
    OfficialFile(
        key="ims2024-destination", publication="ims", edition=2024,
        filename="undesa_pd_2024_ims_stock_by_sex_and_destination.xlsx",
        url=_UN_PD + "undesa_pd_2024_ims_stock_by_sex_and_destination.xlsx",
        title="International Migrant Stock 2024: Destination", citation=_ims_citation(2024),
        licence=CC_BY_IGO,
        sha256=("894fe0637f649e9eb2555915e7f5d6e9818a913b7653c8d7b5e3803fc236ce82",),
        md5=("82d3edb8acd1c608e77b77390719418d",), size=541_936,
    ),
    OfficialFile(
        key="ims2024-origin", publication="ims", edition=2024,
        filename="undesa_pd_2024_ims_stock_by_sex_and_origin.xlsx",
        url=_UN_PD + "undesa_pd_2024_ims_stock_by_sex_and_origin.xlsx",
        title="International Migrant Stock 2024: Origin", citation=_ims_citation(2024), licence=CC_BY_IGO,
        sha256=("67a6683e3993805da8df1c014d24e5b824e657877559e4f674e14fc10362b94c",),
        md5=("20391e8fa667aad661f68a5a045ddbfa",), size=231_809,
    ),
    OfficialFile(
        key="ims2024-matrix", publication="ims", edition=2024,
        filename="undesa_pd_2024_ims_stock_by_sex_destination_and_origin.xlsx",
        url=_UN_PD + "undesa_pd_2024_ims_stock_by_sex_destination_and_origin.xlsx",
        title="International Migrant Stock 2024: Destination and origin", citation=_ims_citation(2024),
        licence=CC_BY_IGO, md5=("edf2157cf0b0bf3baee88a3c117bfcaa",), size=6_005_287,
    ),
    OfficialFile(
        key="ims2019-total", publication="ims", edition=2019,
        filename="UN_MigrantStockTotal_2019.xlsx",
        url="https://www.un.org/en/development/desa/population/migration/data/estimates2/data/"
        "UN_MigrantStockTotal_2019.xlsx",
        title="International Migrant Stock 2019", citation=_ims_citation(2019), licence=CC_BY_IGO,
        sha256=("6e44a1f4c750248b7721a6f32afa75477c2c22420bed26053e1bfe58f4a63062",), size=637_705,
    ),
    OfficialFile(
        key="m49", publication="m49", edition=None,
        filename="UNSD — Methodology.csv",
        url="https://unstats.un.org/unsd/methodology/m49/overview/",
        title="Standard country or area codes for statistical use (M49)",
        citation="United Nations Statistics Division, Standard country or area codes for statistical "
        "use (M49), https://unstats.un.org/unsd/methodology/m49/overview/",
        licence="UN Statistics Division public data",
        sha256=("195be4ea55d42b9f3c2430a358c07dd78dcf48775e964aaf6e8e3515f16594eb",), size=20_173,
        notes="CSV export of the M49 overview page (semicolon-separated, UTF-8 with BOM).",
    ),
    OfficialFile(
        key="wpp2024-locations", publication="wpp", edition=2024, filename="UNlocations.txt",
        url=_WPP_PKG + "UNlocations.txt",
        title="World Population Prospects 2024: location hierarchy (R package wpp2024)",
        citation="United Nations Department of Economic and Social Affairs, Population Division (2024). "
        "World Population Prospects 2024.",
        licence=CC_BY_IGO,
        sha256=("9d8cc77383c4dbd368a4c2cbbeeeff9dfc7037ace7c8ecb709ff17a0786be6eb",), size=48_400,
        mirror_hints=("wpp/wpp2024_rpkg/UNlocations.txt",),
    ),
]

_BY_KEY: dict[str, OfficialFile] = {f.key: f for f in _FILES}


def register(spec: OfficialFile) -> OfficialFile:
    """Add a file to the registry (source modules register their own files at import)."""
    if spec.key in _BY_KEY and _BY_KEY[spec.key] != spec:
        raise ValueError(f"registry key {spec.key!r} is already registered differently")
    if spec.key not in _BY_KEY:
        _FILES.append(spec)
        _BY_KEY[spec.key] = spec
    return spec


def get(key: str) -> OfficialFile:
    try:
        return _BY_KEY[key]
    except KeyError:
        known = ", ".join(sorted(_BY_KEY))
        raise DataUnavailable(f"unknown data file {key!r}; known files: {known}") from None


def all_files() -> list[OfficialFile]:
    return list(_FILES)


# --------------------------------------------------------------------------- checksums

_HASH_MEMO: dict[tuple[str, int, int], tuple[str, str]] = {}


def file_digests(path: Path) -> tuple[str, str]:
    """(sha256, md5) of a file, memoised on path, size and mtime."""
    st = path.stat()
    memo_key = (str(path.resolve()), st.st_size, st.st_mtime_ns)
    if memo_key not in _HASH_MEMO:
        sha, md5 = hashlib.sha256(), hashlib.md5()
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                sha.update(chunk)
                md5.update(chunk)
        _HASH_MEMO[memo_key] = (sha.hexdigest(), md5.hexdigest())
    return _HASH_MEMO[memo_key]


def sha256_of(path: str | os.PathLike) -> str:
    return file_digests(Path(path))[0]


def matches(spec: OfficialFile, path: Path) -> bool:
    sha, md5 = file_digests(path)
    return sha in spec.sha256 or md5 in spec.md5


# --------------------------------------------------------------------------- locating files


def _mirror_candidates(spec: OfficialFile, mirrors: list[Path]) -> list[Path]:
    found: list[Path] = []
    for root in mirrors:
        for hint in spec.mirror_hints:
            p = root / hint
            if p.is_file():
                found.append(p)
        direct = root / spec.filename
        if direct.is_file():
            found.append(direct)
        found.extend(p for p in sorted(root.rglob(spec.filename)) if p.is_file())
    seen: set[Path] = set()
    unique = []
    for p in found:
        rp = p.resolve()
        if rp not in seen:
            seen.add(rp)
            unique.append(p)
    return unique


def downloads_dir() -> Path:
    d = config.cache_dir() / "downloads"
    d.mkdir(parents=True, exist_ok=True)
    return d


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


def locate(key: str, *, mirror: str | os.PathLike | None = None, allow_unverified: bool = False,
           download: bool = True) -> SourceFile:
    """Find (or download) an official file and verify it. Raises :class:`DataUnavailable` if absent."""
    spec = get(key)
    allow_unverified = allow_unverified or os.environ.get("MIGSTATS_ALLOW_UNVERIFIED", "") == "1"
    candidates = _mirror_candidates(spec, config.mirror_dirs(mirror))
    # Prefer a candidate that verifies; otherwise report on the first one.
    for cand in candidates:
        if spec.has_checksum and matches(spec, cand):
            return _accept(spec, cand, "mirror", allow_unverified)
    if candidates:
        return _accept(spec, candidates[0], "mirror", allow_unverified)

    cached = downloads_dir() / spec.filename
    if cached.is_file():
        return _accept(spec, cached, "cache", allow_unverified)

    if not download or config.offline() or not spec.url:
        where = ", ".join(str(d) for d in config.mirror_dirs(mirror)) or "no mirror set"
        raise DataUnavailable(
            f"{spec.filename} ({spec.title}) is not in the cache or mirror ({where}) — "
            f"download it from {spec.url or 'its publisher'} into a folder and set MIGSTATS_MIRROR to it"
        )
    return _download(spec, allow_unverified)


_FAILED_DOWNLOADS: dict[str, str] = {}
DOWNLOAD_TIMEOUT = 60  # seconds without an answer before a download is given up
# www.un.org answers 403 to the default user agents of HTTP libraries (python-requests, curl) and 200 to a
# browser-like one; say who we are after it.
USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) migstats (UN international-migration statistics)"


def _download(spec: OfficialFile, allow_unverified: bool) -> SourceFile:
    import pooch  # imported lazily: only needed on the network path

    if spec.url in _FAILED_DOWNLOADS:  # one attempt per process: an offline office should not wait twice
        raise DataUnavailable(_FAILED_DOWNLOADS[spec.url])
    pooch.get_logger().setLevel("WARNING")
    target = downloads_dir()
    try:
        path = pooch.retrieve(
            url=spec.url, known_hash=None, fname=spec.filename + ".part", path=target, progressbar=False,
            downloader=pooch.HTTPDownloader(timeout=DOWNLOAD_TIMEOUT, headers={"User-Agent": USER_AGENT}),
        )
    except Exception as exc:  # network errors come in many types
        msg = (
            f"could not download {spec.filename} from {spec.url} ({type(exc).__name__}) — "
            "check the connection, or put the file in a folder and set MIGSTATS_MIRROR to it"
        )
        _FAILED_DOWNLOADS[spec.url] = msg
        (target / (spec.filename + ".part")).unlink(missing_ok=True)
        raise DataUnavailable(msg) from None
    part = Path(path)
    try:
        src = _accept(spec, part, "download", allow_unverified)
    except ChecksumError:
        part.unlink(missing_ok=True)
        raise
    final = target / spec.filename
    os.replace(part, final)
    return SourceFile(spec, final, src.sha256, src.verified, "download")
