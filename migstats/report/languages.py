"""A whole briefing rendered in one language (issue 13; the ``--lang`` option of ``migstats briefings``
builds on it).

:func:`render_briefing` installs the language (:func:`migstats.i18n.using`), builds every section of a
:class:`~migstats.report.sections.BriefingData` — text, tables, place names and numbers in that language —
draws the charts to SVG while the language is still installed (tick labels are formatted when drawn), and
restores the language that was installed before, even on error.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .. import charts, i18n
from .sections import SECTIONS, BriefingData, build

#: Languages a briefing can be rendered in (English is the source text).
LANGUAGES = ("en", *i18n.LANGUAGES)


@dataclass(frozen=True)
class RenderedSection:
    """One section in one language: its HTML and its charts as SVG text, in display order."""

    name: str
    html: str
    svgs: list[str] = field(default_factory=list)


def render_briefing(data: BriefingData, lang: str | None,
                    sections: Iterable[str] | None = None) -> dict[str, RenderedSection]:
    """Every section (or those named) of ``data`` rendered in ``lang`` (``en``, ``fr``, ``es``; None: English)."""
    wanted = list(SECTIONS) if sections is None else list(sections)
    out: dict[str, RenderedSection] = {}
    with i18n.using(lang):
        for name in wanted:
            section = build(name, data)
            out[name] = RenderedSection(name, section.html, [charts.to_svg(fig) for fig in section.charts])
    return out
