"""Place names and numbers in the language of the briefing (issue 13).

Sections print the names of places with :func:`place_name` / :func:`local_name`: the UN DESA English name
as printed in the IMS while English is installed (unchanged), the UN's French or Spanish name
(:mod:`migstats.localnames`) once :func:`migstats.i18n.install` has switched language.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ... import i18n, localnames


def _names(data):
    return getattr(data.ims, "names", None)


def local_name(data, code: int | None, default: str) -> str:
    """The printed name of ``code`` in the installed language (``default``, the English name, in English)."""
    lang = i18n.language()
    if lang is None or code is None:
        return default
    try:
        return localnames.name(int(code), lang, data.edition, default=default, names=_names(data))
    except (TypeError, ValueError):
        return default


def place_name(data) -> str:
    """The printed name of the briefing's place (a user-defined group keeps the name it was given)."""
    return local_name(data, data.place.code, data.place.name)


def local_names(data, codes: Iterable[int], defaults: Iterable[str]) -> list[str]:
    """:func:`local_name` of each code (with its English name)."""
    return [local_name(data, c, d) for c, d in zip(codes, defaults, strict=True)]


def name_of(data) -> Callable[[int], str]:
    """``code → printed name`` (for the indicators that take ``names=``)."""
    return data.name_of
