"""Notes of a country profile: definitions written for one country or area, the source files with their
checksums, missing data, edition and generation date."""

from __future__ import annotations

from ... import __version__, fmt, i18n
from ...i18n import N_, _
from ._base import SYNTHETIC_TEXT, BriefingData, Section, heading, reason_text, render
from .notes import IMS_PARTS, MISSING_LABELS, POPULATION_DEFINITIONS, sources

DEFINITIONS = [
    (N_("Immigrants (international migrant stock)"),
     N_("People living in the country or area who were born in another country (or, where the place of "
        "birth is not recorded, who hold another citizenship), at mid-year. Refugees and asylum seekers are "
        "included.")),
    (N_("Emigrants"),
     N_("People born in the country or area who live in another country at mid-year: its diaspora, as "
        "recorded by the countries where they live (International Migrant Stock by origin).")),
    (N_("Migrants as % of population"),
     N_("Immigrants ÷ total mid-year population × 100 (population from World Population Prospects, as "
        "printed in Table 2 of the destination workbook).")),
    (N_("Female migrants (%)"), N_("Female immigrants ÷ all immigrants × 100.")),
    (N_("Annual rate of change"),
     N_("100 · ln(M₂/M₁) / (t₂ − t₁), per cent per year, over the real length of the period "
        "(the last period of IMS 2024, 2020–2024, is 4 years).")),
    (N_("SDG region and rank"),
     N_("The country's SDG region is that of the UN's M49 classification used by International Migrant "
        "Stock; the SDG region's figures are the UN's published aggregates. A rank counts the SDG region's "
        "countries and areas with an estimate, 1 being the highest value.")),
    (N_("Migration corridor"),
     N_("The migrants born in one country and living in another (country of birth → country of residence).")),
    (N_("Editions"), N_("Each edition of International Migrant Stock revises earlier years: figures from "
                        "different editions are different series and are not compared here.")),
]


def render_section(data: BriefingData) -> Section:
    absent = {_(IMS_PARTS.get(k, k)): reason_text(v) for k, v in (getattr(data.ims, "missing", {}) or {}).items()}
    for kind, label in MISSING_LABELS.items():
        if kind in data.missing:
            absent[_(label)] = reason_text(data.missing[kind])
    section = Section("country_notes")
    section.add_html(heading(_("Notes: definitions, sources and edition")))
    section.add_html(render(
        "notes.html.j2", synthetic=data.synthetic, synthetic_text=_(SYNTHETIC_TEXT),
        definitions=[(_(k), _(v)) for k, v in [*DEFINITIONS, *POPULATION_DEFINITIONS]],
        sources=sources(data), quoted=i18n.language() is not None, absent=absent, edition=data.edition,
        years=", ".join(str(y) for y in data.ims.years), year=data.year,
        stamp=fmt.timestamp(data.generated), version=__version__))
    return section
