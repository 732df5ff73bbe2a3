"""Parameters of one briefing, read from (and written to) small YAML files under ``params/``.

A parameter file names the place and, optionally, the edition, year and data mode::

    # params/sdg/1829-europe-and-northern-america.yaml
    place: 1829
    title: Europe and Northern America
    grouping: sdg
    edition: 2024
    year: null        # null = the edition's latest year
    data: auto        # auto | official | sample

:func:`generate_params` writes one file per group of a grouping (the 8 SDG regions, the M49 regions or
subregions) from the locations and membership tables of an edition. A malformed file is reported as one
line naming the file (:class:`migstats.errors.ParamsError`).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from ..errors import ParamsError
from ..fileio import write_text
from ..store import LATEST_EDITION

#: Grouping name on the command line → location kind in the locations table.
GROUPING_KINDS = {"sdg": "sdg_region", "region": "region", "subregion": "subregion", "country": "country"}


class BriefingParams(BaseModel):
    """What one briefing is about. ``place`` is an M49 code or a name; ``year=None`` means the latest."""

    model_config = ConfigDict(extra="forbid")

    place: str
    title: str | None = None
    grouping: str | None = None
    edition: int = LATEST_EDITION
    year: int | None = None
    data: Literal["auto", "official", "sample"] = "auto"
    name: str | None = None

    @field_validator("place", mode="before")
    @classmethod
    def _place_text(cls, v: object) -> str:
        if isinstance(v, bool) or v is None or (isinstance(v, str) and not v.strip()):
            raise ValueError("place must be an M49 code or a place name")
        return str(v).strip()

    @field_validator("edition")
    @classmethod
    def _edition(cls, v: int) -> int:
        if v not in (2020, 2024):
            raise ValueError(f"edition {v} is not available (use 2020 or 2024)")
        return v

    def notebook_parameters(self) -> dict:
        """The values injected into the notebook's ``parameters`` cell."""
        return {"place": self.place, "edition": self.edition, "year": self.year, "data": self.data}


def slug(text: str) -> str:
    """A file-name-safe version of a name: ``'Côte d’Ivoire'`` → ``'cote-d-ivoire'``."""
    text = re.sub(r"['’‘]", "-", text)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "place"


def output_name(params: BriefingParams, code: int | None = None, title: str | None = None) -> str:
    """The output stem of a briefing: ``params.name`` or ``'<code>-<slug of title>-<edition>'``."""
    if params.name:
        return slug(params.name)
    parts = [str(code), slug(title)] if code is not None and title else [slug(title or params.place)]
    parts.append(str(params.edition))
    if params.year:
        parts.append(str(params.year))
    return "-".join(parts)


def load_params(path: str | Path) -> BriefingParams:
    """Read one parameter file. Raises :class:`ParamsError` (one line, naming the file) if malformed."""
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ParamsError(f"{path}: no such parameter file — check the path") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise ParamsError(f"{path}: not valid YAML{where} — fix the syntax, e.g. 'place: 1829'") from None
    if not isinstance(raw, dict):
        raise ParamsError(f"{path}: expected a mapping such as 'place: 1829', found {type(raw).__name__}")
    try:
        return BriefingParams(**raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err["loc"]) or "file"
        msg = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            msg = f"unknown key (allowed: {', '.join(BriefingParams.model_fields)})"
        raise ParamsError(f"{path}: {field}: {msg}") from None


def dump_params(params: BriefingParams) -> str:
    """YAML text of a parameter set (keys in a fixed order, comments for the defaults)."""
    data = params.model_dump(exclude_none=False)
    data.pop("name")
    if data["place"].isdigit():
        data["place"] = int(data["place"])
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    return "# Briefing parameters (migstats params generate). year: null = the edition's latest year.\n" + text


def groups_of(ims, grouping: str) -> list[tuple[int, str]]:
    """(code, name) of every group of ``grouping`` ('sdg', 'region', 'subregion', 'country') in an IMS edition."""
    if grouping not in GROUPING_KINDS:
        raise ParamsError(f"unknown grouping {grouping!r} — use one of: {', '.join(GROUPING_KINDS)}")
    locs = ims.locations
    rows = locs[locs["kind"] == GROUPING_KINDS[grouping]]
    if "sort_order" in rows.columns:
        rows = rows.sort_values(["sort_order", "code"])
    else:
        rows = rows.sort_values("code")
    return [(int(c), str(n)) for c, n in zip(rows["code"], rows["name"], strict=True)]


def generate_params(ims, grouping: str, out_dir: str | Path = "params", *, data: str = "auto",
                    year: int | None = None) -> list[Path]:
    """Write one YAML per group of ``grouping`` into ``out_dir/<grouping>/``; returns the paths."""
    folder = Path(out_dir) / grouping
    paths = []
    for code, title in groups_of(ims, grouping):
        params = BriefingParams(place=str(code), title=title, grouping=grouping, edition=ims.edition,
                                year=year, data=data)
        path = folder / f"{code}-{slug(title)}.yaml"
        write_text(path, dump_params(params))
        paths.append(path)
    return paths
