"""Notes: definitions, the source files with their checksums, missing data, edition and generation date."""

from __future__ import annotations

from ... import __version__
from ...i18n import N_, _
from ...indicators import refugees as ref_ind
from ._base import SYNTHETIC_TEXT, BriefingData, Section, heading, render

DEFINITIONS = [
    (N_("International migrant stock"),
     N_("People living in a country or area other than their country of birth (or, where the place of birth "
        "is not recorded, other than their country of citizenship), at mid-year. Refugees and asylum "
        "seekers are included. Regional figures are the sums of the member countries and areas.")),
    (N_("Migrants as % of population"),
     N_("International migrant stock ÷ total mid-year population × 100 (population from World Population "
        "Prospects, as printed in Table 2 of the destination workbook).")),
    (N_("Female migrants (%)"), N_("Female international migrants ÷ all international migrants × 100.")),
    (N_("Annual rate of change"),
     N_("100 · ln(M₂/M₁) / (t₂ − t₁), per cent per year, over the real length of the period "
        "(the last period of IMS 2024, 2020–2024, is 4 years).")),
    (N_("Emigrants"), N_("Persons born in a country of the region who live in another country (including "
                         "other countries of the same region).")),
    (N_("Migration corridor"),
     N_("The migrants born in one country and living in another (origin → destination).")),
    (N_("Editions"), N_("Each edition of International Migrant Stock revises earlier years: figures from "
                        "different editions are different series and are not compared here.")),
]

POPULATION_DEFINITIONS = [
    (N_("Natural change"),
     N_("Births minus deaths during the year (World Population Prospects 2024), persons.")),
    (N_("Net migration"),
     N_("Immigrants minus emigrants during the year (World Population Prospects 2024), persons; balanced to "
        "zero at world level. Population change = natural change + net migration.")),
    (N_("Net migration rate"),
     N_("Crude net migration rate: net migration per 1,000 mid-year population, as published by World "
        "Population Prospects 2024 (CNMR).")),
    (N_("Immigration the main driver of population growth"),
     N_("In a period of population growth, net migration larger than natural change (UN DESA, World "
        "Population Prospects 2024: Summary of Results).")),
    (N_("Refugees under UNHCR's mandate"),
     N_("People recognised as refugees, or in refugee-like situations, under UNHCR's mandate, at the end of "
        "the year, by country of asylum; Palestine refugees under UNRWA's mandate are not included.")),
    (N_("Asylum-seekers"),
     N_("People who have sought international protection and whose claim for refugee status has not yet "
        "been decided, at the end of the year.")),
    (N_("SDG indicator 10.7.4 (SM_POP_REFG_OR)"), ref_ind.SDG_10_7_4_DEFINITION.replace(
        "protection (UNHCR, series SM_POP_REFG_OR).", "protection; per 100,000. Custodian: UNHCR.")),
]

MISSING_LABELS = {"wpp": N_("World Population Prospects 2024"), "unhcr": N_("UNHCR refugee statistics")}


def sources(data: BriefingData) -> list[dict]:
    """The files this briefing was built from (IMS, then WPP and UNHCR), each once."""
    rows, seen = [], set()
    extra = [s for bundle in (data.wpp, data.unhcr) if bundle is not None for s in bundle.sources]
    for s in [*getattr(data.ims, "sources", []), *extra]:
        if s.sha256 in seen:
            continue
        seen.add(s.sha256)
        status = (_("synthetic sample") if s.synthetic
                  else _("checksum verified") if s.verified else _("not verified"))
        rows.append({"file": s.spec.filename, "name": s.spec.title if s.synthetic else s.spec.citation,
                     "sha256": s.sha256, "status": status, "origin": s.origin, "licence": s.spec.licence})
    return rows


def render_section(data: BriefingData) -> Section:
    absent = dict(getattr(data.ims, "missing", {}) or {})
    for kind, label in MISSING_LABELS.items():
        if kind in data.missing:
            absent[_(label)] = data.missing[kind]
    section = Section("notes")
    section.add_html(heading(_("Notes: definitions, sources and edition")))
    section.add_html(render(
        "notes.html.j2", synthetic=data.synthetic, synthetic_text=_(SYNTHETIC_TEXT),
        definitions=[(_(k), _(v)) for k, v in [*DEFINITIONS, *POPULATION_DEFINITIONS]],
        sources=sources(data), absent=absent, edition=data.edition,
        years=", ".join(str(y) for y in data.ims.years), year=data.year,
        stamp=data.generated.strftime("%d %B %Y, %H:%M %Z").strip(), version=__version__))
    return section
