"""Notes of a country profile: definitions written for one country or area, the source files with their
checksums, missing data, edition and generation date."""

from __future__ import annotations

from ...i18n import N_
from ._base import BriefingData, Section
from .notes import POPULATION_DEFINITIONS, notes_section

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
    return notes_section(data, "country_notes", [*DEFINITIONS, *POPULATION_DEFINITIONS])
