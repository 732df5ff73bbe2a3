"""Notes: definitions, the source files with their checksums, missing data, edition and generation date."""

from __future__ import annotations

from ... import __version__, fmt, i18n
from ...i18n import N_, _
from ._base import SYNTHETIC_TEXT, BriefingData, Section, heading, reason_text, render
from ._lang import ByPlace

#: The definitions of a regional briefing: (term, text), the text one message or one per way of naming the
#: place (:class:`ByPlace`).
DEFINITIONS: list[tuple[str, str | ByPlace]] = [
    (N_("International migrant stock"), ByPlace(
        region=N_("People living in a country or area other than their country of birth (or, where the place of "
                  "birth is not recorded, other than their country of citizenship), at mid-year. Refugees and "
                  "asylum seekers are included. Regional figures are the sums of the member countries and areas."),
        group=N_("People living in a country or area other than their country of birth (or, where the place of "
                 "birth is not recorded, other than their country of citizenship), at mid-year. Refugees and "
                 "asylum seekers are included. The group's figures are the sums of its member countries and "
                 "areas."),
        world=N_("People living in a country or area other than their country of birth (or, where the place of "
                 "birth is not recorded, other than their country of citizenship), at mid-year. Refugees and "
                 "asylum seekers are included. The World's figures are the sums of all countries and areas."))),
    (N_("Migrants as % of population"),
     N_("International migrant stock ÷ total mid-year population × 100 (population from World Population "
        "Prospects, as printed in Table 2 of the destination workbook).")),
    (N_("Female migrants (%)"), N_("Female international migrants ÷ all international migrants × 100.")),
    (N_("Annual rate of change"),
     N_("100 · ln(M₂/M₁) / (t₂ − t₁), per cent per year, over the real length of the period "
        "(the last period of IMS 2024, 2020–2024, is 4 years).")),
    (N_("Emigrants"), ByPlace(
        region=N_("Persons born in a country of the region who live in another country (including other countries "
                  "of the same region)."),
        group=N_("Persons born in a country of the group who live in another country (including other countries "
                 "of the same group)."),
        world=N_("Persons who live in a country other than their country of birth: for the World, the "
                 "international migrants counted by country of birth."))),
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
    (N_("SDG indicator 10.7.4 (SM_POP_REFG_OR)"), N_(
        "Refugees by country of origin at end-year per 100,000 of (end-year population of the country of origin "
        "+ those refugees); refugees under UNHCR's mandate and other people in need of international "
        "protection; per 100,000. Custodian: UNHCR.")),
]

#: The migration-related SDG indicators in the UN's words (SDG metadata), with what the briefing shows.
SDG_DEFINITIONS = [
    (N_("SDG indicator 10.7.2 (SG_CPA_MIGRS, SG_CPA_MIGRP)"),
     N_("“Number of countries with migration policies to facilitate orderly, safe, regular and responsible "
        "migration and mobility of people”. Custodians: UN DESA and IOM (UN Inquiry among Governments on "
        "Population and Development). A country's level, overall and in six policy domains: 1 requires "
        "further progress, 2 partially meets, 3 meets, 4 fully meets. For regions, groups of countries and the "
        "World: the published percentage of countries that meet or fully meet the criteria (never recomputed from the "
        "country scores, which cover fewer countries than the respondents).")),
    (N_("SDG indicator 10.7.3 (SM_DTH_MIGR)"),
     N_("“Number of people who died or disappeared in the process of migration towards an international "
        "destination”. Custodian: IOM (Missing Migrants Project). Persons, by year; years after the SDG "
        "series are summed from IOM's incident records and labelled as such; the last year of the export is "
        "partial.")),
    (N_("SDG indicator 10.c.1 (SI_RMT_COST, SI_RMT_COST_SND)"),
     N_("“Remittance costs as a proportion of the amount remitted”. Custodian: World Bank. The "
        "average total cost of sending USD 200, per cent, for the receiving and the sending country; target "
        "10.c: less than 3 % by 2030.")),
    (N_("SDG indicator 17.3.2 (BX_TRF_PWKR)"),
     N_("“Volume of remittances (in United States dollars) as a proportion of total GDP”. Custodian: "
        "World Bank. Personal remittances received, per cent of GDP. Volumes received and paid: World Bank, "
        "World Development Indicators, current US dollars; the volumes of a region, a group of countries or the "
        "World are the sums of its members with a value.")),
    (N_("SDG indicator 10.7.4 (in the UN's words)"),
     N_("“Proportion of the population who are refugees, by country of origin” (see above).")),
]

MISSING_LABELS = {"wpp": N_("World Population Prospects 2024"), "unhcr": N_("UNHCR refugee statistics"),
                  "sdg": N_("UN SDG Global Database (migration-related series)"),
                  "incidents": N_("IOM Missing Migrants Project"),
                  "remittances": N_("World Bank, World Development Indicators (remittances)"),
                  "boundaries": N_("Natural Earth boundaries (maps)")}

#: The parts of International Migrant Stock (keys of ``ims.missing``) as the notes name them.
IMS_PARTS = {"matrix": N_("International Migrant Stock, destination and origin"),
             "stock_by_origin": N_("International Migrant Stock, by origin"),
             "ims2020-aggregates": N_("International Migrant Stock 2020, regions and groupings (annex)"),
             "m49": N_("UN M49 codes (ISO codes of countries and areas)"),
             "m49-names": N_("UN M49 names in French and Spanish")}

#: Where a file was found (``SourceFile.origin``), as the notes say it.
ORIGINS = {"mirror": N_("from the mirror"), "cache": N_("from the cache"), "download": N_("downloaded")}


def sources(data: BriefingData) -> list[dict]:
    """The files this briefing was built from (IMS, then WPP, UNHCR, SDG, IOM, WDI, Natural Earth), each once."""
    rows, seen = [], set()
    bundles = (data.wpp, data.unhcr, data.sdg, data.incidents, data.remittances)
    extra = [s for bundle in bundles if bundle is not None for s in bundle.sources]
    if data.boundaries is not None:
        extra.append(data.boundaries[1])
    for s in [*getattr(data.ims, "sources", []), *extra]:
        if s.sha256 in seen:
            continue
        seen.add(s.sha256)
        status = (_("synthetic sample") if s.synthetic
                  else _("checksum verified") if s.verified else _("not verified"))
        origin = _(ORIGINS[s.origin]) if s.origin in ORIGINS else s.origin
        rows.append({"file": s.spec.filename, "name": s.spec.title if s.synthetic else s.spec.citation,
                     "sha256": s.sha256, "status": status, "origin": origin, "licence": s.spec.licence})
    return rows


def render_section(data: BriefingData) -> Section:
    definitions = [(term, text.message(data) if isinstance(text, ByPlace) else text) for term, text in DEFINITIONS]
    return notes_section(data, "notes", [*definitions, *POPULATION_DEFINITIONS, *SDG_DEFINITIONS])


def notes_section(data: BriefingData, name: str, definitions: list[tuple[str, str]]) -> Section:
    """The notes of a briefing or profile: ``definitions`` (untranslated message pairs), sources with their
    checksums, what is not available and why, edition and generation date."""
    absent = {_(IMS_PARTS.get(k, k)): reason_text(v) for k, v in (getattr(data.ims, "missing", {}) or {}).items()}
    for kind, label in MISSING_LABELS.items():
        if kind in data.missing:
            absent[_(label)] = reason_text(data.missing[kind])
    section = Section(name)
    section.add_html(heading(_("Notes: definitions, sources and edition")))
    section.add_html(render(
        "notes.html.j2", synthetic=data.synthetic, synthetic_text=_(SYNTHETIC_TEXT),
        definitions=[(_(k), _(v)) for k, v in definitions],
        sources=sources(data), quoted=i18n.language() is not None, absent=absent, edition=data.edition,
        years=", ".join(str(y) for y in data.ims.years), year=data.year,
        stamp=fmt.timestamp(data.generated), version=__version__))
    return section
