"""Names of places as a reader of French or Spanish expects to see them printed, and how to sort them.

* **Countries and areas, and the regions of the M49 geographic hierarchy**: the UNSD M49 overview in that
  language — the frame of :func:`migstats.sources.m49_names.read_m49_names` that the IMS bundle carries as
  ``ims.names`` (official data; PROVENANCE §15), passed as ``names=``, e.g.
  "Bolivie (État plurinational de)", "Reino Unido de Gran Bretaña e Irlanda del Norte". UN DESA's own
  aggregate codes (Africa 903, Eastern Africa 910, the SDG region Sub-Saharan Africa 1834 …) are bridged to
  the M49 code of the same grouping (``m49:`` in ``migstats/data/place_names.yaml``).
* **Groupings the overview lacks** (SDG regions 1829–1836, development and income groups, LDC/LLDC/SIDS,
  Channel Islands 830, Sark 680, Taiwan Province of China 158, unknown origin 2003): ``names:`` in
  ``migstats/data/place_names.yaml``, each with its ``source`` (``un``, ``worldbank`` or ``project``).
* Never CLDR's shortened names ("Bolivie", "Turquie") in print. When no French or Spanish name is known
  (no ``names`` frame: the M49 files are not in the mirror, or the synthetic sample), the English UN DESA
  name given as ``default`` is kept.

English is the UN DESA name as printed in the IMS (the caller's ``default``): nothing changes for English.

>>> sort_key("Égypte", "fr") < sort_key("Érythrée", "fr") < sort_key("Espagne", "fr") < sort_key("Estonie", "fr")
True
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import pandas as pd
import yaml

DATA = Path(__file__).parent / "data" / "place_names.yaml"
#: Languages with printed names besides English.
LANGUAGES = ("fr", "es")
SOURCES = ("m49", "un", "worldbank", "project")


@functools.cache
def _data() -> tuple[dict[int, int], dict[int, dict[str, str]]]:
    raw = yaml.safe_load(DATA.read_text(encoding="utf-8")) or {}
    bridge = {int(k): int(v) for k, v in (raw.get("m49") or {}).items()}
    entries = {int(k): {str(a): str(b) for a, b in v.items()} for k, v in (raw.get("names") or {}).items()}
    return bridge, entries


_M49_CACHE: dict[tuple[int, str], tuple[pd.DataFrame, dict[int, str]]] = {}


def _m49(frame: pd.DataFrame | None, lang: str) -> dict[int, str]:
    """code → M49 name in ``lang`` of a names frame (``code, language, name, …``), cached per frame."""
    if frame is None or not len(frame):
        return {}
    key = (id(frame), lang)
    hit = _M49_CACHE.get(key)
    if hit is not None and hit[0] is frame:
        return hit[1]
    rows = frame[frame["language"] == lang]
    table = {int(c): str(n) for c, n in zip(rows["code"], rows["name"], strict=True)}
    if len(_M49_CACHE) > 16:
        _M49_CACHE.clear()
    _M49_CACHE[key] = (frame, table)
    return table


def _lang(lang: str | None) -> str:
    lang = (lang or "en").replace("-", "_").split("_")[0].lower()
    if lang != "en" and lang not in LANGUAGES:
        raise ValueError(f"no place names in language {lang!r} — use one of en, {', '.join(LANGUAGES)}")
    return lang


def lookup(code: int, lang: str, edition: int | None = None, *,
           names: pd.DataFrame | None = None) -> tuple[str, str] | None:
    """``(name, source)`` of the place with UN DESA ``code`` in ``lang`` (``fr``/``es``), or None if unknown.

    ``source`` is ``"m49"`` (UNSD M49 overview) or the ``source`` of the entry in ``place_names.yaml``.
    ``edition`` is the IMS edition the code comes from (codes of IMS 2020 and 2024 are both listed);
    ``names`` the UNSD M49 names frame (``ims.names``).
    """
    lang, code = _lang(lang), int(code)
    bridge, entries = _data()
    entry = entries.get(code)
    if entry and lang in entry:
        return entry[lang], entry.get("source", "project")
    m49 = _m49(names, lang)
    target = bridge.get(code, code)
    if target in m49:
        return m49[target], "m49"
    return None


def name(code: int, lang: str | None, edition: int | None = None, default: str | None = None, *,
         names: pd.DataFrame | None = None) -> str:
    """The printed name of ``code`` in ``lang``; ``default`` (the English UN DESA name) for English and when
    no name in ``lang`` is known; the code as text when nothing at all is known.

    >>> name(903, "en", 2024, default="Africa")
    'Africa'
    """
    lang = _lang(lang)
    if lang != "en":
        hit = lookup(code, lang, edition, names=names)
        if hit is not None:
            return hit[0]
    if default is not None:
        return default
    en = _m49(names, "en")
    return en.get(_data()[0].get(int(code), int(code)), str(code))


def names_table(codes: Iterable[int], lang: str, edition: int | None = None,
                defaults: dict[int, str] | None = None, *, names: pd.DataFrame | None = None) -> pd.DataFrame:
    """A table ``code, name, source`` of printed names in ``lang``, sorted as a reader of ``lang`` expects;
    ``source`` is ``m49``, ``un``, ``worldbank``, ``project``, or ``default`` (English kept)."""
    rows = []
    for code in codes:
        hit = lookup(int(code), lang, edition, names=names) if _lang(lang) != "en" else None
        if hit is None:
            rows.append((int(code), name(int(code), "en", edition, (defaults or {}).get(int(code)), names=names),
                         "default"))
        else:
            rows.append((int(code), hit[0], hit[1]))
    frame = pd.DataFrame(rows, columns=["code", "name", "source"])
    order = sorted(range(len(frame)), key=lambda i: sort_key(frame["name"].iloc[i], lang))
    return frame.iloc[order].reset_index(drop=True)


def sort_key(text: str, lang: str | None = None) -> tuple[str, str]:
    """Key to sort names as a reader of ``lang`` expects: letters without their accents and case first
    ("Égypte" with the E's, "Îles" with the I's; typographic apostrophes as plain ones), then the name itself
    to order names that differ only by accents or case. (Good for French and Spanish, whose dictionaries sort
    accented letters with the base letter; Spanish "ñ" after "n" is kept by treating it as "n~".)"""
    lang = _lang(lang)
    text = str(text)
    base = text.replace("’", "'").replace("‘", "'")
    if lang == "es":
        base = base.replace("ñ", "n\uffff").replace("Ñ", "N\uffff")
    decomposed = unicodedata.normalize("NFKD", base)
    primary = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return primary, text


def sort_names(items: Iterable[str], lang: str | None = None) -> list[str]:
    """``items`` sorted with :func:`sort_key`."""
    return sorted(items, key=lambda s: sort_key(s, lang))
