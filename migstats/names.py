"""Names people type for places — aliases from maintained sources, matched without guessing.

A place name typed by a person is looked up in an index of the names of every location of one edition's
locations table. The index is built from maintained sources, never from a hand-written list of countries:

* **tier 0 — the UN DESA names** of the locations table itself (as printed in the IMS workbooks) and its
  ISO3 codes;
* **tier 1 — other full names**: the UNSD M49 names in the six UN languages
  (:mod:`migstats.sources.m49_names`, when the files are in the mirror or the download cache), the
  CLDR territory names in English, French and Spanish (Babel), the ISO 3166 names, official and common
  names and alpha-2/alpha-3 codes (pycountry), ISO 3166-3 former names whose numeric code is still in
  use (``Burma``, ``Zaire``, ``Upper Volta``), the UN DESA names of the other editions in the table
  (``Turkey`` in IMS 2020, ``Türkiye`` in 2024), and the few documented :data:`FIXES`;
* **tier 2 — short forms** derived from those: the name without its parenthesis
  (``Bolivia (Plurinational State of)`` → ``Bolivia``), an ISO name before its comma
  (``Korea, Republic of`` → ``Korea``) and the ISO name turned round (``Republic of Korea``).

Matching is on :func:`normalize_name` keys (case, accents, ``*``, spaces and typographic apostrophes
ignored). There is no prefix matching: ``UK`` is the United Kingdom, never Ukraine. A name is resolved by
its best tier: the UN name of the table wins (when it names several locations with the same name — the
SDG region and subregion "Australia/New Zealand" — the kind order of :mod:`migstats.places` picks one);
another full name naming a *different* place makes the name ambiguous (``Micronesia``: the subregion 954
and the country 583); short forms only decide when nothing better matches (``Korea`` is ambiguous between
410 and 408) and otherwise become a note (``Congo`` is 178, and the note says 180 is the Democratic
Republic of the Congo).

Codes change between editions (UN DESA gave the SDG regions new codes in IMS 2024):
:func:`convert_code` converts a code between two editions' locations tables, and :data:`CODE_CHANGES`
records the result for the two IMS editions (a test checks it against the official tables).
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd
import pycountry
from babel import Locale

from .errors import UnknownPlace

#: Languages whose CLDR territory names are aliases.
CLDR_LANGUAGES = ("en", "fr", "es")
M49_COLUMNS = ["code", "language", "name", "iso2", "iso3", "kind"]

#: Names no maintained source gives through Babel or pycountry, keyed to an ISO 3166 alpha-2 code.
#: CLDR has the first four as ``alt-short``/``alt-variant`` territory names, which Babel does not expose.
FIXES: tuple[tuple[str, str, str], ...] = (
    ("UK", "GB", "ISO 3166-1 exceptionally reserved code; CLDR GB-alt-short"),
    ("Ivory Coast", "CI", "CLDR CI-alt-variant"),
    ("Turkey", "TR", "CLDR TR-alt-variant; the UN DESA name until IMS 2020"),
    ("Swaziland", "SZ", "CLDR SZ-alt-variant; the ISO 3166 name until 2018"),
    ("Vatican", "VA", "short form of CLDR 'Vatican City' and ISO 'Holy See (Vatican City State)'"),
)

#: Codes of the same place that differ between IMS editions: {(from, to): {code: code}} (see module doc).
CODE_CHANGES: dict[tuple[int, int], dict[int, int]] = {
    (2020, 2024): {947: 1834, 921: 1831},
    (2024, 2020): {1834: 947, 1831: 921, 1836: 927},
}

# tiers (see the module docstring)
UN_NAME, FULL_NAME, SHORT_FORM = 0, 1, 2
#: Similarity (difflib ratio of normalised names) a name needs to be suggested: "Germny" → Germany is
#: 0.92; "Narnia" → Armenia is 0.77 and is not suggested.
SUGGEST_CUTOFF = 0.8
_KIND_PRIORITY = ("country", "world", "sdg_region", "region", "subregion", "intermediate_region",
                  "development_group", "income_group", "special_group", "other")


class AmbiguousPlace(UnknownPlace):
    """A name that names several places; ``candidates`` lists ``(code, name)`` of each."""

    def __init__(self, spec: str, candidates: Iterable[tuple[int, str]]) -> None:
        self.spec = spec
        self.candidates = tuple(candidates)
        listed = "; ".join(f"{name} ({code})" for code, name in self.candidates)
        super().__init__(f"place {spec!r} is ambiguous: it could be {listed} — give the full name or the code")


def normalize_name(text: str) -> str:
    """Key used to match names: no accents, ``*``, extra spaces or typographic quotes; case-folded."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("’", "'").replace("‘", "'").replace("*", " ")
    return re.sub(r"\s+", " ", text).strip().casefold()


def _bridge_key(name: str) -> str:
    """Key that also equates "Australia/New Zealand" and "Australia and New Zealand" (region names)."""
    return re.sub(r"\s*/\s*", " and ", normalize_name(name))


def short_forms(name: str, *, comma: bool = False) -> list[str]:
    """Short forms of a full name: without its parenthesis; with ``comma``, the ISO-style inversions.

    A parenthesis that restricts the place (``Oceania (excluding Australia and New Zealand)``) is kept.
    ``comma`` is for ISO 3166 names only (UN names such as ``China, Hong Kong SAR`` are not inversions).

    >>> short_forms("Bolivia (Plurinational State of)")
    ['Bolivia']
    >>> short_forms("Korea, Republic of", comma=True)
    ['Korea', 'Republic of Korea']
    """
    out = []
    bare = re.sub(r"\s*\((?!excl)[^)]*\)\s*", " ", name).strip()
    if bare and bare != name.strip():
        out.append(bare)
    head, sep, tail = name.partition(", ")
    if comma and sep and tail and "," not in tail:
        out.append(head.strip())
        turned = f"{tail.strip()} {head.strip()}"
        out.append(turned)
        if turned.lower().startswith("the "):
            out.append(turned[4:])
    return out


@dataclass(frozen=True)
class Alias:
    """One name of a place in a maintained source: ``target`` is ``("m49", code)`` or ``("iso2", "GB")``."""

    name: str
    target: tuple[str, int | str]
    source: str
    tier: int


def _numeric_of_iso2() -> dict[str, int]:
    return {c.alpha_2: int(c.numeric) for c in pycountry.countries}


@functools.cache
def cldr_pycountry_aliases() -> tuple[Alias, ...]:
    """Aliases from CLDR (Babel: en, fr, es), pycountry (ISO 3166-1 and -3) and :data:`FIXES` (built once)."""
    out: list[Alias] = []
    for lang in CLDR_LANGUAGES:
        for key, name in Locale(lang).territories.items():
            target = ("m49-region", int(key)) if key.isdigit() else ("iso2", key)
            out.append(Alias(name, target, f"CLDR ({lang})", FULL_NAME))
    for c in pycountry.countries:
        target = ("m49", int(c.numeric))
        out += [Alias(c.alpha_2, target, "ISO 3166-1 alpha-2", FULL_NAME),
                Alias(c.alpha_3, target, "ISO 3166-1 alpha-3", FULL_NAME)]
        for attr in ("name", "official_name", "common_name"):
            name = getattr(c, attr, None)
            if name:
                out.append(Alias(name, target, f"ISO 3166-1 {attr.replace('_', ' ')}", FULL_NAME))
                out += [Alias(s, target, "short form of an ISO 3166-1 name", SHORT_FORM)
                        for s in short_forms(name, comma=True)]
    current = {int(c.numeric) for c in pycountry.countries}
    for h in pycountry.historic_countries:
        numeric = getattr(h, "numeric", None)
        if numeric and int(numeric) in current:
            out.append(Alias(h.name, ("m49", int(numeric)), "ISO 3166-3 former name", FULL_NAME))
            out += [Alias(s, ("m49", int(numeric)), "short form of an ISO 3166-3 former name", SHORT_FORM)
                    for s in short_forms(h.name, comma=True)]
    out += [Alias(name, ("iso2", iso2), f"documented fix ({why})", FULL_NAME) for name, iso2, why in FIXES]
    return tuple(out)


def _m49_aliases(names: pd.DataFrame) -> list[Alias]:
    out = []
    for code, lang, name, kind in names[["code", "language", "name", "kind"]].itertuples(index=False):
        target = ("m49", int(code)) if kind == "country" else ("m49-region", int(code))
        out.append(Alias(name, target, f"UNSD M49 ({lang})", FULL_NAME))
        out += [Alias(s, target, f"short form of a UNSD M49 name ({lang})", SHORT_FORM) for s in short_forms(name)]
    return out


@dataclass(frozen=True)
class Match:
    """The outcome of looking a name up: the code, and a note for a person when there is more to say."""

    code: int
    note: str | None = None


@dataclass
class NameIndex:
    """Names (normalised) → codes of one edition's locations table, with their tier and source."""

    edition: int | None
    names: dict[int, str]
    kinds: dict[int, str]
    entries: dict[str, dict[int, int]] = field(default_factory=dict)   # key → {code: best tier}
    elsewhere: dict[str, tuple[int, str]] = field(default_factory=dict)  # key → (code, name) not in table
    sources: list[str] = field(default_factory=list)

    def add(self, name: str, code: int, tier: int) -> None:
        key = normalize_name(name)
        if not key:
            return
        codes = self.entries.setdefault(key, {})
        codes[code] = min(tier, codes.get(code, tier))

    def _label(self, code: int) -> str:
        return f"{self.names[code]} ({code})"

    def lookup(self, spec: str) -> Match:
        """The code a typed name stands for; :class:`AmbiguousPlace` or :class:`UnknownPlace` otherwise."""
        key = normalize_name(spec)
        codes = self.entries.get(key)
        if not codes:
            raise UnknownPlace(self._unknown_message(spec, key))
        by_tier: dict[int, list[int]] = {}
        for code, tier in codes.items():
            by_tier.setdefault(tier, []).append(code)
        un, full, short = (sorted(by_tier.get(t, [])) for t in (UN_NAME, FULL_NAME, SHORT_FORM))
        if un:
            chosen = min(un, key=lambda c: (_KIND_PRIORITY.index(self.kinds.get(c, "other")), c))
            others = [c for c in full if c not in un]
        elif full:
            chosen, others = full[0], full[1:]
        else:
            chosen, others = short[0], short[1:]
        if others:
            raise AmbiguousPlace(spec, [(c, self.names[c]) for c in [chosen, *others]])
        rest = [c for c in short if c != chosen and c not in un]
        note = None
        if rest and (un or full):
            also = "; ".join(self._label(c) for c in rest)
            note = f"{spec!r} is taken as {self._label(chosen)}; it can also mean {also}"
        return Match(chosen, note)

    def suggestions(self, key: str, n: int = 5) -> list[str]:
        """Names of places whose names are close to ``key`` (difflib ratio ≥ :data:`SUGGEST_CUTOFF`).

        Only full names count — not short forms, not two- and three-letter codes (``Dunm`` is not ``DUN``).
        """
        keys = [k for k, codes in self.entries.items() if min(codes.values()) <= FULL_NAME and len(k) > 3]
        close = difflib.get_close_matches(key, keys, n=n * 3, cutoff=SUGGEST_CUTOFF)
        out: list[str] = []
        for k in close:
            for code in sorted(self.entries[k]):
                label = self.names[code]
                if label not in out:
                    out.append(label)
        return out[:n]

    def _unknown_message(self, spec: str, key: str) -> str:
        if key in self.elsewhere:
            code, name = self.elsewhere[key]
            where = f"IMS {self.edition}" if self.edition else "this locations table"
            return (f"place {spec!r} is {name} (M49 {code}), which {where} does not list as a place of its own "
                    "— see `migstats regions` for the places it has")
        names = self.suggestions(key)
        hint = f" — did you mean {', '.join(names)}?" if names else " — see `migstats regions` for names"
        return f"unknown place {spec!r}{hint}"


def _display(name: object) -> str:
    return str(name).replace("*", "").strip()


def build_index(locations: pd.DataFrame, edition: int | None, *,
                other_editions: Mapping[int, pd.DataFrame] | None = None,
                m49: pd.DataFrame | None = None) -> NameIndex:
    """Build the name index of one edition's locations rows (``code, name, kind`` and optional ``iso3``).

    ``other_editions`` maps other editions to their locations rows: their UN names become tier-1 aliases
    of the converted codes. ``m49`` is the frame of :func:`m49_names` (default: loaded once per process).
    """
    loc = locations.drop_duplicates(["code", "name"])
    names = {int(c): _display(n) for c, n in zip(loc["code"], loc["name"], strict=True)}
    first = locations.drop_duplicates("code")
    kinds = {int(c): str(k) for c, k in zip(first["code"], first["kind"], strict=True)}
    index = NameIndex(edition=edition, names={**names}, kinds=kinds)
    for code, name in zip(loc["code"], loc["name"], strict=True):
        index.add(str(name), int(code), UN_NAME)
        for short in short_forms(_display(name)):
            index.add(short, int(code), SHORT_FORM)
    if "iso3" in locations.columns:
        for code, iso3 in zip(first["code"], first["iso3"], strict=True):
            if isinstance(iso3, str) and iso3.strip():
                index.add(iso3, int(code), UN_NAME)
    index.sources.append("UN DESA locations table")
    for other, frame in (other_editions or {}).items():
        if edition is None or other == edition:
            continue
        for code, name in zip(frame["code"], frame["name"], strict=True):
            converted = CODE_CHANGES.get((other, edition), {}).get(int(code), int(code))
            if converted in names:
                index.add(str(name), converted, FULL_NAME)
        index.sources.append(f"UN DESA locations table of IMS {other}")

    m49 = pd.DataFrame(columns=M49_COLUMNS) if m49 is None else m49
    aliases = list(cldr_pycountry_aliases()) + _m49_aliases(m49)
    if len(m49):
        index.sources.append("UNSD M49 names (6 languages)")
    index.sources += ["CLDR territory names (Babel)", "ISO 3166 (pycountry)"]
    iso2_numeric = _numeric_of_iso2()
    region_codes = _region_bridge(names, kinds, m49)
    for alias in aliases:
        kind, value = alias.target
        if kind == "iso2":
            code = iso2_numeric.get(str(value))
        elif kind == "m49-region":
            code = region_codes.get(int(value))
        else:
            code = int(value)
        if code is None:
            continue
        if code in names:
            index.add(alias.name, code, alias.tier)
        elif kind != "m49-region" and alias.tier == FULL_NAME:
            index.elsewhere.setdefault(normalize_name(alias.name), (code, alias.name))
    return index


def _region_bridge(names: dict[int, str], kinds: dict[int, str], m49: pd.DataFrame) -> dict[int, int]:
    """M49 region code (``202``) → the code of the same-named aggregate in the locations table (1834)."""
    by_key: dict[str, list[int]] = {}
    for code, name in names.items():
        if kinds.get(code) != "country":
            by_key.setdefault(_bridge_key(name), []).append(code)
    english: dict[int, set[str]] = {}
    if len(m49):
        rows = m49[(m49["language"] == "en") & (m49["kind"] != "country")]
        for code, name in zip(rows["code"], rows["name"], strict=True):
            english.setdefault(int(code), set()).add(name)
    for key, name in Locale("en").territories.items():
        if key.isdigit():
            english.setdefault(int(key), set()).add(name)
    bridge = {}
    for code, labels in english.items():
        hits = sorted({c for label in labels for c in by_key.get(_bridge_key(label), [])},
                      key=lambda c: (_KIND_PRIORITY.index(kinds.get(c, "other")), c))
        if hits:
            bridge[code] = hits[0]
    return bridge


def convert_code(code: int, from_edition: int, to_edition: int,
                 locations_by_edition: Mapping[int, pd.DataFrame]) -> int:
    """The code in ``to_edition`` of the place that has ``code`` in ``from_edition``.

    The same place is the location with the same name (``/`` and ``and`` equated) and, when several share
    it, the same kind; a code whose name changed but which exists in both tables (Turkey → Türkiye, 792)
    keeps its code. Raises :class:`~migstats.errors.UnknownPlace` when the code is not in ``from_edition``
    or the place has no counterpart in ``to_edition`` — never returns a code the target edition lacks.
    """
    code = int(code)
    if from_edition == to_edition:
        return code
    try:
        source, target = locations_by_edition[from_edition], locations_by_edition[to_edition]
    except KeyError as exc:
        raise UnknownPlace(f"no locations table for IMS {exc.args[0]} — cannot convert code {code}") from None
    row = source[source["code"] == code]
    if row.empty:
        raise UnknownPlace(f"no place with M49 code {code} in IMS {from_edition}")
    name, kind = _display(row["name"].iloc[0]), str(row["kind"].iloc[0])
    key = _bridge_key(name)
    same = target[target["name"].map(_display).map(_bridge_key) == key]
    if (same["code"] == code).any():
        return code
    if len(same):
        same = same.assign(_k=(same["kind"] != kind).astype(int)).sort_values(["_k", "code"])
        return int(same["code"].iloc[0])
    if (target["code"] == code).any():
        return code
    raise UnknownPlace(f"{name} ({code}) of IMS {from_edition} has no counterpart in IMS {to_edition} "
                       f"— choose a place that IMS {to_edition} lists (see `migstats regions`)")
