"""Translations of reader-facing text (gettext-style), ready for French and Spanish (issue 13).

Python code marks a reader-facing string with :func:`_` (or :func:`ngettext` for plurals); a string that
must be defined before a language is chosen (a module-level constant) is marked with :func:`N_` and passed
through :func:`_` where it is shown. Jinja templates use ``{% trans %}`` blocks and ``_()`` through the
``jinja2.ext.i18n`` extension, bound to the same translations by :func:`jinja_environment`.

Until a catalogue is installed the translations are :class:`gettext.NullTranslations` (English as
written). :func:`install` switches language for everything rendered afterwards; numbers keep being
formatted by :mod:`migstats.fmt`.

>>> _("Refugees")
'Refugees'
>>> ngettext("{n} country", "{n} countries", 2).format(n=2)
'2 countries'
"""

from __future__ import annotations

import gettext
from pathlib import Path

import jinja2

DOMAIN = "migstats"
LOCALE_DIR = Path(__file__).parent / "locale"

_translations: gettext.NullTranslations = gettext.NullTranslations()
_language: str | None = None


def translations() -> gettext.NullTranslations:
    """The translations in use (NullTranslations until :func:`install` is called with a language)."""
    return _translations


def language() -> str | None:
    """The installed language code, or None for the English source text."""
    return _language


def install(lang: str | None = None, localedir: str | Path | None = None,
            catalogue: gettext.NullTranslations | None = None) -> gettext.NullTranslations:
    """Use ``lang`` (e.g. ``"fr"``) for reader-facing text from now on; None goes back to English.

    The catalogue is ``<localedir>/<lang>/LC_MESSAGES/migstats.mo`` (default ``migstats/locale``); a
    ``catalogue`` object may be given instead (tests). A missing catalogue falls back to English.
    """
    global _translations, _language
    if catalogue is not None:
        _translations = catalogue
    elif lang is None:
        _translations = gettext.NullTranslations()
    else:
        _translations = gettext.translation(DOMAIN, str(localedir or LOCALE_DIR), languages=[lang], fallback=True)
    _language = lang
    return _translations


def _(message: str) -> str:
    """The translation of ``message`` in the installed language."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The translation of a message with a plural form, chosen for ``n``."""
    return _translations.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """The translation of ``message`` in ``context`` (for words with several meanings)."""
    return _translations.pgettext(context, message)


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    """Mark ``message`` for extraction without translating it now (translate with :func:`_` when shown)."""
    return message


def jinja_environment(loader: jinja2.BaseLoader) -> jinja2.Environment:
    """A Jinja environment with autoescaping and the ``i18n`` extension bound to these translations.

    The callables look the translations up at render time, so :func:`install` applies to templates that
    are already loaded. New-style gettext: ``{% trans %}`` variables are escaped like any other.
    """
    env = jinja2.Environment(loader=loader, autoescape=True, extensions=["jinja2.ext.i18n"],
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=lambda message: _translations.gettext(message),
        ngettext=lambda singular, plural, n: _translations.ngettext(singular, plural, n),
        pgettext=lambda context, message: _translations.pgettext(context, message),
        npgettext=lambda context, singular, plural, n: _translations.npgettext(context, singular, plural, n),
        newstyle=True,
    )
    return env
