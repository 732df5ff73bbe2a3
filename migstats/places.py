"""Resolving a place — a country/area, a UN grouping or a user-defined list — to its member countries.

A *place* is what every indicator is computed for. It can be given as

* an M49 code (``840`` or ``"840"``) of a country/area or of any UN aggregate in the locations table
  (world, SDG region, M49 region/subregion, development or income group);
* a name, matched case-insensitively and ignoring accents, footnote stars (``*``), indentation and
  typographic apostrophes (``"cote d'ivoire"`` finds ``Côte d’Ivoire``): the UN DESA name, or a name
  people type — short, common, former, French or Spanish (``"UK"``, ``"Ivory Coast"``, ``"Allemagne"``),
  or an ISO2/ISO3 code (``"DE"``, ``"DEU"``); see :mod:`migstats.names` for the sources. There is no
  prefix matching: ``"UK"`` is never Ukraine;
* a list of any of the above: a user-defined group whose members are the union of the members of
  its items (``["France", "Germany", 380]``, or ``["Eastern Europe", "Türkiye"]``).

When several locations share a name (the IMS workbooks print "Australia/New Zealand" both as the SDG
region 1836 and as the geographic subregion 927, and "Latin America and the Caribbean" both as SDG region
1830 and as region 904 — with identical members) the country, then the world, then the SDG region, then
the geographic region/subregion is chosen. An unknown name raises :class:`migstats.errors.UnknownPlace`
whose message lists close matches (only close ones); a name of several places raises
:class:`migstats.names.AmbiguousPlace` listing them with their codes; a name that is taken as one place
but can mean another (``"Congo"``) resolves with a :attr:`Place.note` saying so.

Codes are those of the locations table given (UN DESA codes change between editions: Sub-Saharan Africa
is 947 in IMS 2020 and 1834 in IMS 2024). A code of the other edition is converted when the change is
known (:data:`migstats.names.CODE_CHANGES`), with a note; otherwise it is refused — a place is never
labelled with a code its edition does not have. Names are the stable way to name a place across editions.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import pandas as pd

from .errors import ParamsError, UnknownPlace
from .names import CODE_CHANGES, AmbiguousPlace, NameIndex, build_index, convert_code, normalize_name
from .schema import GROUPINGS

__all__ = ["AmbiguousPlace", "Place", "convert_code", "resolve", "resolve_place", "members_of", "groups",
           "group_of", "group_map", "normalize_name"]

# kind of location → name of the grouping its membership rows are filed under
KIND_GROUPING = {
    "world": "world",
    "sdg_region": "sdg",
    "region": "region",
    "subregion": "subregion",
    "intermediate_region": "intermediate_region",
    "development_group": "development",
    "income_group": "income",
    "special_group": "special",
}
GROUPING_KIND = {v: k for k, v in KIND_GROUPING.items()}
CUSTOM_KIND = "custom"


@dataclass(frozen=True)
class Place:
    """A resolved place.

    ``code`` is its M49 code (``None`` for a user-defined group); ``kind`` the location kind of the
    locations table (``"country"``, ``"sdg_region"``, …) or ``"custom"``; ``members`` the M49 codes of its
    member countries/areas (sorted); ``grouping`` the grouping an aggregate belongs to (``"sdg"``,
    ``"region"``, …; ``None`` for countries and user-defined groups); ``edition`` the edition of the
    locations table it was resolved in (``None`` if that table has no edition column); ``note`` one line
    for a person when the resolution needs saying (``"'Congo' is taken as Congo (178); it can also mean
    Democratic Republic of the Congo (180)"``, or a code converted from another edition) — not compared.
    """

    code: int | None
    name: str
    kind: str
    members: tuple[int, ...]
    grouping: str | None = None
    edition: int | None = None
    note: str | None = field(default=None, compare=False)

    @property
    def is_country(self) -> bool:
        return self.kind == "country"

    @property
    def is_custom(self) -> bool:
        return self.code is None

    @property
    def is_aggregate(self) -> bool:
        """A UN aggregate (world, region, group) with its own code — not a country, not user-defined."""
        return self.code is not None and self.kind != "country"

    @property
    def is_world(self) -> bool:
        return self.code == 900


def _edition_rows(frame: pd.DataFrame, edition: int | None) -> tuple[pd.DataFrame, int | None]:
    """Rows of one edition (the given one, else the latest in the frame)."""
    if "edition" not in frame.columns or frame.empty:
        return frame, edition
    editions = frame["edition"].dropna().unique()
    if edition is None:
        edition = int(max(editions))
    elif edition not in set(int(e) for e in editions):
        raise UnknownPlace(f"edition {edition} is not in the locations table (it has "
                           f"{', '.join(str(int(e)) for e in sorted(editions))})")
    return frame[frame["edition"] == edition], edition


@dataclass(frozen=True)
class _Prepared:
    """One edition's rows, ready to resolve in: locations by code, membership rows, and the name index
    (built on the first name looked up: a place given by its code, as in a batch, never needs it)."""

    rows: pd.DataFrame          # locations of the edition, one row per code, indexed by code
    membership: pd.DataFrame
    edition: int | None
    build_index: Callable[[], NameIndex] = field(repr=False, compare=False)

    @functools.cached_property
    def index(self) -> NameIndex:
        return self.build_index()


_PREPARED: dict[tuple, tuple] = {}


def _prepared(locations: pd.DataFrame, membership: pd.DataFrame, edition: int | None,
              names: pd.DataFrame | None = None) -> _Prepared:
    """The prepared edition — built once per pair of frames (the name index is the costly part)."""
    key = (id(locations), id(membership), edition, id(names))
    hit = _PREPARED.get(key)
    if hit is not None and hit[0] is locations and hit[1] is membership:
        return hit[2]
    loc, edition = _edition_rows(locations, edition)
    mem, _ = _edition_rows(membership, edition) if "edition" in membership.columns else (membership, None)
    if loc.empty:
        raise UnknownPlace("the locations table is empty — no place can be resolved")
    others = {}
    if "edition" in locations.columns and edition is not None:
        others = {int(e): f for e, f in locations.groupby("edition") if int(e) != edition}
    prepared = _Prepared(rows=loc.drop_duplicates("code").set_index("code", drop=False), membership=mem,
                         edition=edition,
                         build_index=lambda: build_index(loc, edition, other_editions=others, m49=names))
    if len(_PREPARED) > 8:
        _PREPARED.clear()
    _PREPARED[key] = (locations, membership, prepared)
    return prepared


def _by_code(code: int, prep: _Prepared) -> tuple[pd.Series, str | None]:
    """The row of an M49 code of this edition, or of the other edition when its change is known."""
    if code in prep.rows.index:
        return prep.rows.loc[code], None
    where = f"IMS {prep.edition}" if prep.edition is not None else "the locations table"
    for (old, new), changes in CODE_CHANGES.items():
        if new == prep.edition and changes.get(code) in prep.rows.index:
            row = prep.rows.loc[changes[code]]
            name = str(row["name"]).replace("*", "").strip()
            return row, (f"M49 code {code} is the IMS {old} code of {name}; "
                         f"IMS {new} codes it {changes[code]}")
    raise UnknownPlace(f"no place with M49 code {code} in {where} "
                       "— look a code up with `migstats regions` or give a name")


def _lookup(spec: str | int, prep: _Prepared) -> tuple[pd.Series, str | None]:
    """The locations row a single spec names (and a note, if any), or UnknownPlace."""
    if isinstance(spec, bool):
        raise UnknownPlace(f"place {spec!r} is neither an M49 code nor a name")
    if isinstance(spec, (int,)) or (hasattr(spec, "__index__") and not isinstance(spec, str)):
        return _by_code(int(spec), prep)
    if not isinstance(spec, str):
        raise UnknownPlace(f"place {spec!r} is neither an M49 code nor a name")
    text = spec.strip()
    if not text:
        raise UnknownPlace("empty place name — give a country or area, a region, or an M49 code")
    if text.isdigit():
        return _by_code(int(text), prep)
    match = prep.index.lookup(text)
    return prep.rows.loc[match.code], match.note


def _members(row: pd.Series, membership: pd.DataFrame) -> tuple[tuple[int, ...], str | None]:
    code, kind = int(row["code"]), str(row["kind"])
    if kind == "country":
        return (code,), None
    rows = membership[membership["group"] == code]
    preferred = KIND_GROUPING.get(kind)
    if preferred is not None and (rows["grouping"] == preferred).any():
        rows = rows[rows["grouping"] == preferred]
        grouping = preferred
    else:
        grouping = str(rows["grouping"].iloc[0]) if len(rows) else preferred
        rows = rows[rows["grouping"] == grouping] if len(rows) else rows
    return tuple(sorted(int(m) for m in rows["member"].unique())), grouping


def resolve_place(place: str | int | Place | Sequence[str | int], locations: pd.DataFrame,
                  membership: pd.DataFrame, *, edition: int | None = None, name: str | None = None,
                  names: pd.DataFrame | None = None) -> Place:
    """Resolve a place spec (code, name, ISO2/ISO3 code, or a list of those) to a :class:`Place`.

    ``locations`` and ``membership`` are the tidy tables of :mod:`migstats.schema` (``IMS.locations``,
    ``IMS.membership``); when they hold several editions, ``edition`` picks one (default: the latest).
    ``name`` names a user-defined group (default: its members' names joined with " + ").
    A :class:`Place` is returned unchanged. Raises :class:`~migstats.errors.UnknownPlace` for an unknown
    or empty place, and its subclass :class:`~migstats.names.AmbiguousPlace` for a name of several places.
    """
    if isinstance(place, Place):
        return place
    prep = _prepared(locations, membership, edition, names)
    edition = prep.edition
    if isinstance(place, (str, int)) or hasattr(place, "__index__"):
        row, note = _lookup(place, prep)
        members, grouping = _members(row, prep.membership)
        return Place(code=int(row["code"]), name=str(row["name"]).replace("*", "").strip(),
                     kind=str(row["kind"]), members=members, grouping=grouping, edition=edition, note=note)
    items = list(place)
    if not items:
        raise UnknownPlace("empty list of places — a user-defined group needs at least one country or area")
    parts = [resolve_place(item, locations, membership, edition=edition, names=names) for item in items]
    members = tuple(sorted({m for p in parts for m in p.members}))
    if not members:
        raise UnknownPlace(f"the places {', '.join(p.name for p in parts)} have no member countries")
    if name is None:
        name = " + ".join(p.name for p in parts)
    note = "; ".join(p.note for p in parts if p.note) or None
    return Place(code=None, name=name, kind=CUSTOM_KIND, members=members, grouping=None, edition=edition,
                 note=note)


def resolve(ims, place: str | int | Place | Sequence[str | int], *, name: str | None = None) -> Place:
    """:func:`resolve_place` in the locations of an :class:`~migstats.data.IMS` bundle (its edition)."""
    edition = getattr(ims, "edition", None)
    locations = ims.locations
    if edition is not None and "edition" in locations.columns and not (locations["edition"] == edition).any():
        edition = None
    return resolve_place(place, locations, ims.membership, edition=edition, name=name,
                         names=getattr(ims, "names", None))


def members_of(place: str | int | Place | Sequence[str | int], locations: pd.DataFrame,
               membership: pd.DataFrame, *, edition: int | None = None) -> pd.DataFrame:
    """The member countries/areas of a place: a frame of ``code, name, iso3`` in the UN's sort order."""
    resolved = resolve_place(place, locations, membership, edition=edition)
    loc, _ = _edition_rows(locations, resolved.edition)
    out = loc[loc["code"].isin(resolved.members)].drop_duplicates("code")
    sort = ["sort_order", "code"] if "sort_order" in out.columns else ["code"]
    cols = [c for c in ("code", "name", "iso3") if c in out.columns]
    return out.sort_values(sort)[cols].reset_index(drop=True)


def groups(grouping: str, locations: pd.DataFrame, membership: pd.DataFrame, *,
           edition: int | None = None) -> pd.DataFrame:
    """The groups of a grouping (``sdg``, ``region``, ``subregion``, ``development``, ``income``, …).

    Returns a frame of ``code, name, kind, members`` (number of member countries/areas), in the UN's
    sort order. Raises :class:`~migstats.errors.ParamsError` for an unknown grouping.
    """
    if grouping not in GROUPINGS:
        raise ParamsError(f"unknown grouping {grouping!r} — choose one of {', '.join(GROUPINGS)}")
    mem, edition = _edition_rows(membership, edition)
    loc, _ = _edition_rows(locations, edition)
    counts = mem[mem["grouping"] == grouping].groupby("group")["member"].nunique().rename("members")
    out = loc.drop_duplicates("code").merge(counts, left_on="code", right_index=True, how="inner")
    sort = ["sort_order", "code"] if "sort_order" in out.columns else ["code"]
    out = out.sort_values(sort)
    out["name"] = out["name"].astype(str).str.replace("*", "", regex=False).str.strip()
    return out[["code", "name", "kind", "members"]].reset_index(drop=True)


def group_of(member: int, grouping: str, membership: pd.DataFrame, *,
             edition: int | None = None) -> int | None:
    """The code of the group of ``grouping`` that a country/area belongs to (``None`` if none)."""
    mem, _ = _edition_rows(membership, edition)
    hit = mem[(mem["grouping"] == grouping) & (mem["member"] == int(member))]
    return int(hit["group"].iloc[0]) if len(hit) else None


def group_map(grouping: str, membership: pd.DataFrame, *, edition: int | None = None) -> pd.Series:
    """Series member code → group code for one grouping (a member in several groups keeps its first)."""
    if grouping not in GROUPINGS:
        raise ParamsError(f"unknown grouping {grouping!r} — choose one of {', '.join(GROUPINGS)}")
    mem, _ = _edition_rows(membership, edition)
    rows = mem[mem["grouping"] == grouping].drop_duplicates("member")
    return pd.Series(rows["group"].astype(int).to_numpy(), index=rows["member"].astype(int).to_numpy(),
                     name="group")
