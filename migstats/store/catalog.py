"""The official files migstats knows, declared as data in ``declarations/*.yaml`` (one file per publication).

Each declaration names a file as its publisher publishes it: key, file name, download URL, edition or
vintage, title, citation, licence, the checksums of every published version known to be genuine, size,
where it sits in a mirror, and the reader (``module.function`` under :mod:`migstats.sources`) that turns
it into tidy tables. Nothing is registered at import time: the declarations are read on first use, and
every part of the package sees the same list — what ``migstats data status`` shows does not depend on
what happened to be imported.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..errors import DataUnavailable, MigstatsError

DECLARATIONS = "declarations"


@dataclass(frozen=True)
class OfficialFile:
    """One official file as published (see the module docstring)."""

    key: str
    publication: str
    edition: int | None
    filename: str
    url: str | None
    title: str
    citation: str
    licence: str
    sha256: tuple[str, ...] = ()
    md5: tuple[str, ...] = ()
    size: int | None = None
    mirror_hints: tuple[str, ...] = ()
    reader: str | None = None
    vintage: str | None = None
    producer: str | None = None
    notes: str = ""

    @property
    def has_checksum(self) -> bool:
        return bool(self.sha256 or self.md5)

    @property
    def edition_label(self) -> str:
        """'2024', or the vintage ('2023-12-17'), or '' when the file has neither."""
        if self.vintage:
            return str(self.vintage)
        return "" if self.edition is None else str(self.edition)


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid")

    key: str = Field(pattern=r"^[a-z0-9][a-z0-9.\-]*$")
    filename: str = Field(min_length=1)
    url: str | None = None
    edition: int | None = None
    vintage: str | None = None
    title: str
    sha256: list[str] = []
    md5: list[str] = []
    size: int | None = Field(default=None, ge=0)
    mirror_hints: list[str] = []
    reader: str | None = None
    notes: str | None = None
    publication: str | None = None
    citation: str | None = None
    licence: str | None = None
    producer: str | None = None

    @field_validator("sha256")
    @classmethod
    def _sha(cls, v: list[str]) -> list[str]:
        for h in v:
            if len(h) != 64 or any(c not in "0123456789abcdef" for c in h):
                raise ValueError(f"not a sha256 hex digest: {h!r}")
        return v

    @field_validator("md5")
    @classmethod
    def _md5(cls, v: list[str]) -> list[str]:
        for h in v:
            if len(h) != 32 or any(c not in "0123456789abcdef" for c in h):
                raise ValueError(f"not an md5 hex digest: {h!r}")
        return v


class _Publication(BaseModel):
    model_config = ConfigDict(extra="forbid")

    publication: str
    title: str | None = None
    producer: str | None = None
    licence: str | None = None
    citation: str | None = None
    files: list[_File]


def _to_files(doc: _Publication) -> list[OfficialFile]:
    out = []
    for f in doc.files:
        citation = f.citation or doc.citation
        licence = f.licence or doc.licence
        if not citation or not licence:
            raise ValueError(f"{f.key}: citation and licence are required (on the file or the publication)")
        out.append(OfficialFile(
            key=f.key, publication=f.publication or doc.publication, edition=f.edition, filename=f.filename,
            url=f.url, title=f.title, citation=citation.strip(), licence=licence.strip(),
            sha256=tuple(f.sha256), md5=tuple(f.md5), size=f.size, mirror_hints=tuple(f.mirror_hints),
            reader=f.reader, vintage=f.vintage, producer=f.producer or doc.producer, notes=(f.notes or "").strip(),
        ))
    return out


_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_declarations(folder: Path) -> dict[str, OfficialFile]:
    """Read and check every ``*.yaml`` declaration in ``folder``; keys must be unique across files."""
    files: dict[str, OfficialFile] = {}
    for path in sorted(folder.glob("*.yaml")):
        try:
            # libyaml's safe loader when PyYAML has it (its wheels do): the same documents, ~10× faster.
            doc = _Publication.model_validate(yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER))
            declared = _to_files(doc)
        except (yaml.YAMLError, ValidationError, ValueError) as exc:
            first = str(exc).strip().splitlines()
            raise MigstatsError(f"{path}: not a valid declaration ({' '.join(first[:3])[:300]}) — "
                                "fix the file (format: see migstats/store/declarations/ims.yaml)") from None
        for spec in declared:
            if spec.key in files:
                raise MigstatsError(f"{path}: key {spec.key!r} is declared twice — keys must be unique")
            files[spec.key] = spec
    return files


def declarations_dir() -> Path:
    """The folder of the packaged declarations."""
    return Path(str(resources.files("migstats.store") / DECLARATIONS))


@functools.cache
def _catalog() -> dict[str, OfficialFile]:
    return read_declarations(declarations_dir())


def get(key: str) -> OfficialFile:
    """The declaration of one file; :class:`DataUnavailable` for an unknown key."""
    try:
        return _catalog()[key]
    except KeyError:
        known = ", ".join(sorted(_catalog()))
        raise DataUnavailable(f"unknown data file {key!r}; known files: {known}") from None


def all_files() -> list[OfficialFile]:
    """Every declared file, in declaration order (publications alphabetically)."""
    return list(_catalog().values())
