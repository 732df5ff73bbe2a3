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

from ..editions import LATEST_EDITION
from ..errors import ParamsError, bounded
from ..fileio import load_yaml, read_user_text, write_text

#: A parameter file is a few lines; anything larger is not one.
MAX_PARAMS_BYTES = 64 * 1024
#: Output stems that would overwrite the index page, the inventory page, or sit on an output folder.
RESERVED_NAMES = ("index", "inventory", "sample", "notebooks", "state")
MAX_TEXT = 200  # characters of a place or title: longer is not a place name

#: Grouping name on the command line → location kind in the locations table.
GROUPING_KINDS = {"sdg": "sdg_region", "region": "region", "subregion": "subregion",
                  "development": "development_group", "income": "income_group", "special": "special_group",
                  "country": "country", "all": "all"}

#: The UN's special groups of countries (M49 codes): least developed countries (LDC), land-locked developing
#: countries (LLDC), small island developing States (SIDS). The IMS workbooks list them among the
#: development groups; ``development`` keeps the others (more/less developed regions and their variants).
SPECIAL_GROUPS = (941, 1636, 1637)

#: The groupings ``all`` covers, in order; each M49 code of the edition appears once.
ALL_ORDER = ("world", "sdg", "region", "subregion", "development", "special", "income", "country")

#: The briefing notebooks (package data in ``migstats/notebooks``), by name.
NOTEBOOK_NAMES = ("regional_briefing", "country_profile")


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
    lang: Literal["en", "fr", "es"] = "en"
    notebook: Literal["regional_briefing", "country_profile"] | None = None

    @field_validator("place", mode="before")
    @classmethod
    def _place_text(cls, v: object) -> str:
        if isinstance(v, bool) or v is None or (isinstance(v, str) and not v.strip()):
            raise ValueError("place must be an M49 code or a place name")
        if not isinstance(v, str | int):
            raise ValueError(f"place must be an M49 code or a place name, not a {type(v).__name__}")
        text = str(v).strip()
        if len(text) > MAX_TEXT:
            raise ValueError(f"place is {len(text):,} characters long — give an M49 code or a place name")
        return text

    @field_validator("title", "name", mode="before")
    @classmethod
    def _short_text(cls, v: object) -> object:
        if isinstance(v, str) and len(v) > MAX_TEXT:
            raise ValueError(f"{len(v):,} characters long — keep it under {MAX_TEXT}")
        return v

    @field_validator("edition")
    @classmethod
    def _edition(cls, v: int) -> int:
        if v not in (2020, 2024):
            raise ValueError(f"edition {v} is not available (use 2020 or 2024)")
        return v

    def notebook_parameters(self) -> dict:
        """The values injected into the notebook's ``parameters`` cell."""
        return {"place": self.place, "edition": self.edition, "year": self.year, "data": self.data,
                "lang": self.lang}


def slug(text: str) -> str:
    """A file-name-safe version of a name: ``'Côte d’Ivoire'`` → ``'cote-d-ivoire'``."""
    text = re.sub(r"['’‘]", "-", text)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "place"


def check_name(name: str) -> str:
    """``name`` if it may be an output stem; :class:`ParamsError` if it is reserved (it would overwrite
    ``index.html`` or ``inventory.html`` or sit on an output folder)."""
    if name in RESERVED_NAMES:
        raise ParamsError(f"the output name {name!r} is reserved (it would overwrite the index or an output "
                          f"folder) — give this briefing another 'name:' (reserved: {', '.join(RESERVED_NAMES)})")
    return name


def output_name(params: BriefingParams, code: int | None = None, title: str | None = None) -> str:
    """The output stem of a briefing: ``'<name>-<lang>'`` or ``'<code>-<slug of title>-<edition>-<lang>'``
    (the language is always in the file name: ``1834-sub-saharan-africa-2024-fr.pdf``).

    Raises :class:`ParamsError` for a reserved name (:data:`RESERVED_NAMES`).
    """
    if params.name:
        check_name(slug(params.name))
        return check_name(f"{slug(params.name)}-{params.lang}")
    parts = [str(code), slug(title)] if code is not None and title else [slug(title or params.place)]
    parts.append(str(params.edition))
    if params.year:
        parts.append(str(params.year))
    parts.append(params.lang)
    return check_name("-".join(parts))


def _validation_line(exc: ValidationError, where: str, prefix: str = "") -> str:
    err = exc.errors(include_url=False)[0]
    field = prefix + (".".join(str(p) for p in err["loc"]) or "file")
    msg = err["msg"].removeprefix("Value error, ")
    if err["type"] == "extra_forbidden":
        msg = f"unknown key (allowed: {', '.join(BriefingParams.model_fields)})"
    return bounded(f"{where}: {field}: {msg}")


def make_params(where: str = "command line", **values: object) -> BriefingParams:
    """Parameters from command-line values; a bad one is a :class:`ParamsError` line (``where: --edition: …``)."""
    try:
        return BriefingParams(**values)
    except ValidationError as exc:
        raise ParamsError(_validation_line(exc, where, prefix="--")) from None


def load_params(path: str | Path) -> BriefingParams:
    """Read one parameter file. Raises :class:`ParamsError` (one line, naming the file) if malformed.

    The file is read with a bounded safe loader: at most :data:`MAX_PARAMS_BYTES`, no aliases, shallow
    nesting — a "billion laughs" file is refused at once instead of exhausting memory.
    """
    path = Path(path)
    text = read_user_text(path, MAX_PARAMS_BYTES, "parameter file", ParamsError)
    try:
        raw = load_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        problem = getattr(exc, "problem", None) or ""
        fix = problem if "aliases" in problem or "nested" in problem else "fix the syntax, e.g. 'place: 1829'"
        raise ParamsError(f"{path}: not valid YAML{where} — {fix}") from None
    if not isinstance(raw, dict):
        raise ParamsError(f"{path}: expected a mapping such as 'place: 1829', found {type(raw).__name__}")
    try:
        return BriefingParams(**{str(k): v for k, v in raw.items()})
    except ValidationError as exc:
        raise ParamsError(_validation_line(exc, str(path))) from None


def dump_params(params: BriefingParams) -> str:
    """YAML text of a parameter set (keys in a fixed order, comments for the defaults)."""
    data = params.model_dump(exclude_none=False)
    data.pop("name")
    if data["place"].isdigit():
        data["place"] = int(data["place"])
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    return "# Briefing parameters (migstats params generate). year: null = the edition's latest year.\n" + text


def notebook_for(kind: str | None, requested: str | None = None) -> str:
    """The notebook (a name of :data:`NOTEBOOK_NAMES`) of a briefing about a place of location ``kind``.

    A country or area gets ``country_profile``; every aggregate (world, regions, groups) and user-defined
    group gets ``regional_briefing``. ``requested`` (a parameter file's choice) wins when given; an unknown
    name raises :class:`ParamsError`.
    """
    if requested:
        name = Path(str(requested)).stem
        if name not in NOTEBOOK_NAMES:
            raise ParamsError(f"unknown notebook {requested!r} — use one of: {', '.join(NOTEBOOK_NAMES)}")
        return name
    return "country_profile" if kind == "country" else "regional_briefing"


def _sorted(rows):
    return rows.sort_values(["sort_order", "code"] if "sort_order" in rows.columns else ["code"])


def _standalone_regions(ims) -> list[int]:
    """Regions none of whose members is in a subregion of the tables (Northern America, 905, in IMS
    2024): UN DESA lists such a region among the subregions, so it is its own subregion."""
    mem = ims.membership
    regions = mem.loc[mem["grouping"] == "region", ["group", "member"]]
    in_sub = set(mem.loc[mem["grouping"] == "subregion", "member"].astype(int))
    return sorted(int(g) for g, rows in regions.groupby("group")
                  if not set(rows["member"].astype(int)) & in_sub)


def _grouping_rows(ims, grouping: str):
    locs = ims.locations.drop_duplicates("code")
    if grouping == "world":
        return locs[locs["kind"] == "world"]
    if grouping == "special":
        return _sorted(locs[(locs["kind"] == "special_group") | locs["code"].isin(SPECIAL_GROUPS)])
    if grouping == "development":
        return _sorted(locs[(locs["kind"] == "development_group") & ~locs["code"].isin(SPECIAL_GROUPS)])
    if grouping == "subregion":
        return _sorted(locs[(locs["kind"] == "subregion") | locs["code"].isin(_standalone_regions(ims))])
    return _sorted(locs[locs["kind"] == GROUPING_KINDS[grouping]])


def groups_of(ims, grouping: str) -> list[tuple[int, str]]:
    """(code, name) of every group of ``grouping`` in an IMS edition, in the UN's order.

    ``sdg`` (8 SDG regions), ``region`` (6 M49 regions), ``subregion`` (the subregions the edition
    publishes, plus a region without subregions — Northern America — as its own), ``development`` (more and
    less developed regions and their variants), ``special`` (LDC, LLDC, SIDS), ``income`` (World Bank
    income groups), ``country`` (every country or area), ``all`` (the world, every group of every grouping
    and every country or area: each M49 code of the edition exactly once).
    """
    if grouping not in GROUPING_KINDS:
        raise ParamsError(f"unknown grouping {grouping!r} — use one of: {', '.join(GROUPING_KINDS)}")
    if grouping == "all":
        seen: dict[int, str] = {}
        for g in ALL_ORDER:
            for code, name in groups_of(ims, g) if g != "world" else _pairs(_grouping_rows(ims, "world")):
                seen.setdefault(code, name)
        return list(seen.items())
    return _pairs(_grouping_rows(ims, grouping))


def _pairs(rows) -> list[tuple[int, str]]:
    return [(int(c), str(n).replace("*", "").strip()) for c, n in zip(rows["code"], rows["name"], strict=True)]


def grouping_of(ims, grouping: str) -> dict[int, str]:
    """Code → grouping name of every place of ``grouping`` (for ``all``: the first grouping listing it)."""
    if grouping != "all":
        return {code: grouping for code, _ in groups_of(ims, grouping)}
    out: dict[int, str] = {}
    for g in ALL_ORDER:
        for code, _ in (groups_of(ims, g) if g != "world" else _pairs(_grouping_rows(ims, "world"))):
            out.setdefault(code, g)
    return out


def generate_params(ims, grouping: str, out_dir: str | Path = "params", *, data: str = "auto",
                    year: int | None = None) -> list[Path]:
    """Write one YAML per group of ``grouping`` into ``out_dir/<grouping>/`` (for ``all``: into the folder of
    the grouping each place belongs to, ``out_dir/<grouping>/``); returns the paths."""
    paths = []
    owners = grouping_of(ims, grouping)
    for code, title in groups_of(ims, grouping):
        owner = owners[code]
        params = BriefingParams(place=str(code), title=title, grouping=owner, edition=ims.edition,
                                year=year, data=data)
        path = Path(out_dir) / owner / f"{code}-{slug(title)}.yaml"
        write_text(path, dump_params(params))
        paths.append(path)
    return paths
