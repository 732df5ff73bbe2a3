"""The French and Spanish catalogues are complete: every reader-facing message in the current source —
re-extracted here with Babel, as ``pybabel extract -F babel.cfg`` does — is translated, not fuzzy, and keeps
its placeholders. A string added to a section or template fails this test until it is translated."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from migstats import i18n

REPO = Path(__file__).resolve().parents[1]
KEYWORDS = {"_": None, "N_": None, "gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
PLACEHOLDER = re.compile(r"\{[A-Za-z_]*\}|%\([A-Za-z_]+\)s")


def extracted() -> dict[tuple[str | None, str], list[str]]:
    """(context, msgid) → where it is used, for every message in the current source."""
    with (REPO / "babel.cfg").open(encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    out: dict[tuple[str | None, str], list[str]] = {}
    for filename, lineno, message, _comments, context in extract_from_dir(
            str(REPO), method_map, options_map, keywords=KEYWORDS, strip_comment_tags=True):
        msgid = message[0] if isinstance(message, tuple) else message
        if msgid:
            out.setdefault((context, msgid), []).append(f"{filename}:{lineno}")
    return out


@pytest.fixture(scope="module")
def messages():
    found = extracted()
    assert len(found) > 100  # the extraction really read the sections and templates
    return found


def catalogue(lang: str):
    with (REPO / "migstats" / "locale" / lang / "LC_MESSAGES" / "migstats.po").open("rb") as fh:
        return read_po(fh, locale=lang)


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_every_message_of_the_source_is_translated_and_not_fuzzy(lang, messages):
    cat = catalogue(lang)
    problems = []
    for (context, msgid), where in sorted(messages.items(), key=lambda kv: kv[1][0]):
        entry = cat.get(msgid, context=context)
        if entry is None:
            problems.append(f"missing: {msgid!r} ({where[0]})")
        elif not entry.string or (isinstance(entry.string, tuple) and not all(entry.string)):
            problems.append(f"untranslated: {msgid!r} ({where[0]})")
        elif entry.fuzzy:
            problems.append(f"fuzzy: {msgid!r} ({where[0]})")
    assert not problems, (f"{len(problems)} message(s) not ready in migstats/locale/{lang}/LC_MESSAGES/migstats.po "
                          "— run `pybabel extract -F babel.cfg -k _ -k N_ -k ngettext:1,2 -k pgettext:1c,2 -o "
                          "migstats/locale/messages.pot .` and `pybabel update -i migstats/locale/messages.pot -d "
                          "migstats/locale -D migstats`, then translate:\n" + "\n".join(problems))


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_translations_keep_every_placeholder(lang):
    bad = [m.id for m in catalogue(lang) if m.id and isinstance(m.id, str) and m.string
           and sorted(PLACEHOLDER.findall(m.id)) != sorted(PLACEHOLDER.findall(m.string))]
    assert not bad


def test_the_template_lists_every_message_of_the_source(messages):
    with (REPO / "migstats" / "locale" / "messages.pot").open("rb") as fh:
        pot = read_po(fh)
    listed = {(m.context, m.id[0] if isinstance(m.id, tuple) else m.id) for m in pot if m.id}  # plurals by singular
    assert not [k for k in messages if k not in listed], "re-extract migstats/locale/messages.pot (babel.cfg)"


def test_a_string_added_to_the_source_would_be_reported():
    # The check is not vacuous: a message the catalogue lacks is reported missing.
    cat = catalogue("fr")
    assert cat.get("Refugees") is not None and cat.get("A sentence nobody translated yet") is None


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_un_terms_are_the_uns_own(lang):
    t = i18n.load_catalogue(lang)
    expected = {
        "fr": {"International migrant stock": "Stock de migrants internationaux", "Refugees": "Réfugiés",
               "Net migration": "Migration nette", "International migrants": "Migrants internationaux"},
        "es": {"International migrant stock": "Población de migrantes internacionales", "Refugees": "Refugiados",
               "Net migration": "Migración neta", "International migrants": "Migrantes internacionales"},
    }[lang]
    assert {k: t.gettext(k) for k in expected} == expected
