"""The header of a country profile: banner (synthetic data), title, subtitle with the SDG region, headline
figures for immigrants and emigrants side by side, and the lead paragraph.

The header publishes its figures, formatted, in its output metadata (``migstats.headline``) for the index
page, with the place's kind and its emigrants.
"""

from __future__ import annotations

from ... import fmt
from ...i18n import _
from ...indicators import country as country_ind
from ._base import SYNTHETIC_TEXT, BriefingData, Section, ims_source, render
from ._lang import local_name, place_name
from .country_base import sdg_region
from .header import headline, headline_text


def render_section(data: BriefingData) -> Section:
    h = headline(data)
    t = headline_text(data, h)
    both = country_ind.migrants_both_ways(data.ims, data.place, end=data.year)
    now = both[both["year"] == data.year].iloc[0]
    emigrants = float(now["emigrants"])
    region = sdg_region(data)
    region_name = local_name(data, region.code, region.name) if region is not None else None
    t.update({"kind": data.place.kind, "emigrants": fmt.count(emigrants),
              "sdg_region": region_name})
    y, prev = data.year, t["previous_year"]
    figures = [
        (t["stock"], _("immigrants (international migrants living in {place}), mid-{year}").format(
            place=place_name(data), year=y)),
        (t["emigrants"], _("emigrants (people born in {place} living abroad), mid-{year}").format(
            place=place_name(data), year=y)),
        (t["share"], _("immigrants as % of the population")),
        (t["female"], _("of immigrants are female")),
        (fmt.rate(h["rate"], per_year=False), _("annual rate of change of immigrants, {start}–{end}").format(
            start=prev, end=y)),
    ]
    has_stock = h["stock"] == h["stock"]
    change = h["change_previous"]
    lead = {"year": y, "place": place_name(data), "stock": t["stock"], "share": t["share"],
            "female": t["female"], "emigrants": t["emigrants"], "has_stock": has_stock,
            "has_emigrants": emigrants == emigrants,
            "more_emigrants": has_stock and emigrants == emigrants and emigrants > h["stock"],
            "has_change": bool(prev) and change == change, "grew": change == change and change >= 0,
            "amount": fmt.count(abs(change)) if change == change else "", "previous_year": prev,
            "rate": t["rate"]}
    text = render("country_header.html.j2", synthetic=data.synthetic, synthetic_text=_(SYNTHETIC_TEXT),
                  place=place_name(data), region=region_name,
                  edition=data.edition, year=y, figures=[{"value": v, "label": lab} for v, lab in figures],
                  lead=lead, has_stock=has_stock, source=ims_source(data))
    section = Section("country_header")
    section.add_html(text, metadata={"migstats": {"headline": t}})
    return section
