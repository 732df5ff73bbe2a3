"""French and Spanish briefings built from the official files (issue 13, must-show): an SDG region
(Sub-Saharan Africa, 1834) and a country profile (India, 356) through ``migstats briefings … --lang
en,fr,es --formats pdf``; each PDF holds the place's UN name and the headline figure in its language, and
no English sentence of the English briefing is left in the French or Spanish one.

"English left behind" is tested on word runs: every run of :data:`RUN` consecutive words (tokens with a
letter) of the English PDF's text that also occurs in the French or Spanish text is a leak, unless the run
is quoted material (:func:`quoted_texts`): the citations, titles, licences and file names of the source
files as the store declares them (publications' proper names and their publishers' own words, quoted in
English on purpose), and IOM's English names of migration routes and regions (data labels). URLs, sha256
checksums and file names are dropped from both texts before comparing. Nothing else is excused.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

pytestmark = pytest.mark.slow

#: Length of the word runs compared (a "sentence" of at least this many words).
RUN = 6
LANGS = ("fr", "es")
PLACES = {
    1834: {"stem": "1834-sub-saharan-africa-2024",
           "name": {"en": "Sub-Saharan Africa", "fr": "Afrique subsaharienne", "es": "África Subsahariana"},
           "figure": {"en": "24.3 million", "fr": "24,3 millions", "es": "24,3 millones"}},
    356: {"stem": "356-india-2024", "name": {"en": "India", "fr": "Inde", "es": "India"}},
}


@pytest.fixture(scope="module")
def built(shared_data, tmp_path_factory) -> Path:
    """The six briefings (two places × three languages) as PDFs, built once through the CLI."""
    from migstats.cli import app

    out = tmp_path_factory.mktemp("briefings-i18n")
    res = CliRunner().invoke(app, ["briefings", "1834", "356", "--lang", "en,fr,es", "--formats", "pdf",
                                   "--out", str(out)])
    assert res.exit_code == 0, res.output
    return out


def pdf_text(path: Path) -> str:
    """The text of a PDF (pdftotext when installed, else pypdf), whitespace and hyphenation normalised."""
    try:
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    except (FileNotFoundError, subprocess.CalledProcessError):
        from pypdf import PdfReader

        text = "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)
    return " ".join(text.replace("\u00ad", "").split())


#: Dropped from both texts before comparing: URLs, checksums and file names are not language.
_NOT_WORDS = re.compile(r"https?://\S+|\b[0-9a-f]{64}\b|\S+\.(?:xlsx|csv|zip|rda|json|shp)\b|\S+/\S+")


def words(text: str) -> list[str]:
    """The words of ``text``: tokens with a letter, without the punctuation around them."""
    text = _NOT_WORDS.sub(" ", text)
    out = []
    for tok in text.split():
        tok = tok.strip(".,;:()[]«»“”\"'’·•–—")
        if re.search(r"[^\W\d_]", tok):
            out.append(tok.lower())
    return out


#: Where a run stops: a clause ends at these marks, at a number and at a label cut short with "…" (a run
#: never joins two table cells, chart labels, list items or citations: pdftotext runs the cells of a table
#: row and the labels and values of a bar chart together).
_CLAUSE = re.compile(r"[.;:!?•→()·,]\s|\s[−+-]?\d[\d.,]*\s?[k%]?(?=\s)|…")


def runs(text: str, n: int = RUN) -> set[tuple[str, ...]]:
    out = set()
    for clause in _CLAUSE.split(text + " "):
        w = words(clause)
        out |= {tuple(w[i:i + n]) for i in range(len(w) - n + 1)}
    return out


def quoted_texts() -> list[str]:
    """What the briefings quote in English on purpose: the store's citations, titles, licences and file names
    of every declared file, and the English names IOM gives migration routes and regions."""
    from migstats.store import catalog

    texts = []
    for spec in catalog.all_files():
        texts += [str(getattr(spec, k, "") or "") for k in ("citation", "title", "licence", "filename",
                                                           "publication")]
    from migstats.store import Store

    incidents, _reason = Store.open("official").optional("incidents")
    if incidents is not None:
        for col in ("route", "region"):
            if col in incidents.incidents.columns:
                texts += [str(v) for v in incidents.incidents[col].dropna().unique()]
    # Publications the definitions cite by their English titles.
    texts += ["World Population Prospects 2024: Summary of Results"]
    return texts


def same_name_words(lang: str) -> set[str]:
    """Words of the places whose UN name is the same in English and in ``lang`` (India, Sri Lanka, China …):
    a chart's axis lists them without punctuation, and a run of them is not English left behind."""
    from migstats import localnames
    from migstats.store import Store

    ims = Store.open("official").ims(2024)
    out: set[str] = set()
    for code, name in zip(ims.locations["code"], ims.locations["name"], strict=True):
        name = str(name).replace("*", "").strip()
        if localnames.name(int(code), lang, 2024, default=name, names=ims.names) == name:
            out |= set(words(name))
    return out


@pytest.fixture(scope="module")
def excused() -> set[tuple[str, ...]]:
    out: set[tuple[str, ...]] = set()
    for t in quoted_texts():
        out |= runs(t)
    return out


def iom_label_words() -> set[str]:
    """Words of IOM's English names of routes and regions: a bar chart lists them without punctuation."""
    from migstats.store import Store

    incidents, _reason = Store.open("official").optional("incidents")
    if incidents is None:
        return set()
    return {w for col in ("route", "region") if col in incidents.incidents.columns
            for v in incidents.incidents[col].dropna().unique() for w in words(str(v))}


@pytest.fixture(scope="module")
def same_names() -> dict[str, set[str]]:
    """Per language, the words a run made only of is a list of names, not a sentence."""
    iom = iom_label_words()
    return {lang: same_name_words(lang) | iom for lang in LANGS}


def _sentence(run: tuple[str, ...], english: str) -> str:
    """The English sentence around a leaked run (for the failure message)."""
    pattern = r"\W+".join(re.escape(w) for w in run)
    m = re.search(pattern, english, re.I)
    if not m:
        return " ".join(run)
    start = max(english.rfind(". ", 0, m.start()) + 2, m.start() - 80)
    end = english.find(". ", m.end())
    return english[start:(end if 0 <= end < m.end() + 120 else m.end() + 120)]


@pytest.mark.parametrize("code", list(PLACES))
@pytest.mark.parametrize("lang", LANGS)
def test_briefing_has_the_un_name_and_the_headline_in_its_language(built, code, lang):
    place = PLACES[code]
    text = pdf_text(built / f"{place['stem']}-{lang}.pdf")
    assert place["name"][lang] in text
    if "figure" in place:
        assert place["figure"][lang] in text
        assert place["figure"]["en"] not in text
    assert {"fr": "Page 1 sur", "es": "Página 1 de"}[lang] in text
    assert "Page 1 of" not in text


@pytest.mark.parametrize("code", list(PLACES))
@pytest.mark.parametrize("lang", LANGS)
def test_no_english_sentence_is_left_in_the_translation(built, excused, same_names, code, lang):
    stem = PLACES[code]["stem"]
    english = pdf_text(built / f"{stem}-en.pdf")
    other = runs(pdf_text(built / f"{stem}-{lang}.pdf"))
    leaks = sorted(r for r in runs(english) & other - excused if not set(r) <= same_names[lang])
    sentences = sorted({" ".join(r) + " … " + _sentence(r, english) for r in leaks})
    assert not sentences, f"English left in the {lang} briefing {stem}:\n" + "\n".join(sentences)


def test_the_word_runs_find_a_leak_and_excuse_quoted_material(excused):
    english = "The boundaries and names shown and the designations used on this map do not imply official endorsement."
    assert runs(english) & runs("Les frontières. " + english) - excused
    citation = "United Nations Department of Economic and Social Affairs, Population Division (2024)."
    assert not (runs(citation) - excused)
    assert not runs("Page 1 of 16 1990 1995 2000 2005 2010 2015")  # numbers are not words
