"""The header: synthetic-data banner, title, subtitle, headline figures and the lead paragraph.

The numbers are :func:`migstats.indicators.headline.headline_figures` — the same function behind
``migstats figures`` — and the header publishes them, formatted, in its output metadata
(``migstats.headline``) for the index page, with the kind of the place (``kind``: ``world``, ``sdg_region``,
``income_group``, …, ``custom`` for a user-defined group) under which the index lists the briefing.
:func:`headline` and :func:`printed_names` are shared with the sections that print the same figures and name the
same members.
"""

from __future__ import annotations

from collections.abc import Callable

from ... import fmt, i18n
from ...i18n import N_, _
from ...indicators.headline import headline_figures
from ._base import SYNTHETIC_TEXT, BriefingData, Section, ims_source, render
from ._lang import place_name, wording

KINDS = {"sdg_region": N_("SDG region"), "region": N_("Region"), "subregion": N_("Subregion"),
         "development_group": N_("Development group"), "income_group": N_("Income group"),
         "special_group": N_("Special group"), "custom": N_("User-defined group"),
         "country": N_("Country or area"), "world": N_("World")}
#: The subtitle's kind of any other place (marked here: a message marked inside a call is not extracted).
OTHER_KIND = N_("Group of countries")


def headline(data: BriefingData) -> dict:
    """The headline figures (numbers) of the briefing's place and year."""
    return headline_figures(data.ims, data.place, data.year)


def printed_names(data: BriefingData) -> Callable[[int], str]:
    """``code → printed name`` (:meth:`BriefingData.name_of`: the name in the installed language), each name
    looked up once per language and kept by the IMS bundle — the refugees, population-change and SDG sections
    of every briefing of a region name the same members."""
    derived = getattr(data.ims, "derived", None)
    if derived is None:
        return data.name_of
    sources = (data.ims.locations, getattr(data.ims, "names", None),
               data.wpp.locations if data.wpp is not None else None)
    known: dict[int, str] = derived.get(("sections.printed_names", data.edition, i18n.language()), sources, dict)

    def name(code: int) -> str:
        code = int(code)
        if code not in known:
            known[code] = data.name_of(code)
        return known[code]

    return name


def headline_text(data: BriefingData, h: dict | None = None) -> dict:
    """The headline figures as printed (also stored in the notebook for the index page, which groups the
    briefings by ``kind``: :data:`migstats.report.index.KIND_GROUPS`)."""
    h = headline(data) if h is None else h
    return {
        "place": place_name(data), "code": data.place.code, "kind": data.place.kind, "edition": data.edition,
        "year": data.year,
        "synthetic": data.synthetic,
        "stock": fmt.count(h["stock"]), "share": fmt.percent(h["share"]), "female": fmt.percent(h["female"]),
        "change_previous": fmt.change(h["change_previous"]), "change_first": fmt.change(h["change_first"]),
        "rate": fmt.rate(h["rate"]), "previous_year": h["previous_year"], "first_year": h["first_year"],
    }


def render_section(data: BriefingData) -> Section:
    h = headline(data)
    t = headline_text(data, h)
    prev, y = t["previous_year"], data.year
    figures = [
        (t["stock"], _("international migrants, mid-{year}").format(year=y)),
        (t["share"], _("of the total population")),
        (t["female"], _("of migrants are female")),
        (t["change_previous"], _("change since {year}").format(year=prev) if prev else _("change")),
        (t["change_first"], _("change since {year}").format(year=t["first_year"])),
        (fmt.rate(h["rate"], per_year=False),
         _("annual rate of change, {start}–{end}").format(start=prev, end=y)),
    ]
    change = h["change_previous"]
    lead = {
        "year": y, "place": place_name(data), "stock": t["stock"], "share": t["share"], "female": t["female"],
        "has_change": bool(prev) and change == change,
        "grew": change == change and change >= 0,
        "amount": fmt.amount(change) if change == change else "",
        "previous_year": prev, "rate": t["rate"],
        "has_first": h["change_first"] == h["change_first"],
        "change_first": fmt.amount(h["change_first"]), "first_year": t["first_year"],
    }
    text = render("header.html.j2", synthetic=data.synthetic, synthetic_text=_(SYNTHETIC_TEXT),
                  place=place_name(data), kind=_(KINDS.get(data.place.kind, OTHER_KIND)),
                  edition=data.edition, year=y, figures=[{"value": v, "label": lab} for v, lab in figures],
                  lead=lead, wording=wording(data), source=ims_source(data))
    section = Section("header")
    section.add_html(text, metadata={"migstats": {"headline": t}})
    return section
