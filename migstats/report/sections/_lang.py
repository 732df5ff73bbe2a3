"""Place names and numbers in the language of the briefing (issue 13), and how a briefing names its place
("the region", "the group", "the World": :class:`ByPlace`, :func:`wording`).

Sections print the names of places with :func:`place_name` / :func:`local_name`: the UN DESA English name
as printed in the IMS while English is installed (unchanged), the UN's French or Spanish name
(:mod:`migstats.localnames`) once :func:`migstats.i18n.install` has switched language.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ... import i18n, localnames
from ...i18n import _


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


# ----------------------------------------------------------------------------- how a briefing names its place

#: How a regional briefing speaks of its place, by the place's kind (:attr:`migstats.places.Place.kind`):
#: a geographic region — SDG region, M49 region or subregion — is "the region"; a group of countries that
#: is not a region — development and income groups, special groups, a user-defined group (``custom``) — is
#: "the group" (the UN's "countries in the group"); the World is neither, and is "the World". A kind not
#: listed here reads as a group.
PLACE_WORDING = {"sdg_region": "region", "region": "region", "subregion": "region",
                 "intermediate_region": "region", "development_group": "group", "income_group": "group",
                 "special_group": "group", "custom": "group", "world": "world"}


def wording(data) -> str:
    """``"region"``, ``"group"`` or ``"world"``: the variant of the sentences about the place that the briefing
    prints (:data:`PLACE_WORDING`). Templates take it as ``wording`` and hold one whole sentence per variant."""
    return PLACE_WORDING.get(data.place.kind, "group")


@dataclass(frozen=True)
class ByPlace:
    """One text written whole for each way of naming the place (untranslated messages, marked with ``N_``):
    ``region``, ``group`` and ``world``. The French and Spanish of each are their own sentences ("de la région",
    "du groupe", "du Monde") — a sentence is never assembled from a substituted word. ``world`` None: the text
    cannot concern the World (a corridor out of it), which then reads the ``group`` variant."""

    region: str
    group: str
    world: str | None = None

    def message(self, data) -> str:
        """The untranslated message for the briefing's place (:func:`wording`)."""
        variant = wording(data)
        if variant == "region":
            return self.region
        return self.world if variant == "world" and self.world is not None else self.group

    def __call__(self, data) -> str:
        """The text for the briefing's place, in the installed language."""
        return _(self.message(data))
