"""Translations of reader-facing text (gettext-style), ready for French and Spanish (issue 13).

Python code marks a reader-facing string with :func:`_` (or :func:`ngettext` for plurals); a string that
must be defined before a language is chosen (a module-level constant) is marked with :func:`N_` and passed
through :func:`_` where it is shown. Jinja templates use ``{% trans %}`` blocks and ``_()`` through the
``jinja2.ext.i18n`` extension, bound to the same translations by :func:`jinja_environment`.

Until a catalogue is installed the translations are :class:`gettext.NullTranslations` (English as
written). :func:`install` switches language for everything rendered afterwards; :func:`using` does it for
a ``with`` block and restores the previous language. Numbers and dates in the installed language come from
:mod:`migstats.fmt` (``locale=``, default :func:`locale`); place names from :mod:`migstats.localnames`.

Catalogues (``migstats/locale/<lang>/LC_MESSAGES/migstats.po``, template ``migstats/locale/messages.pot``,
extracted with ``pybabel extract -F babel.cfg`` — see ``make messages``) are compiled to ``.mo`` files when
the package is built (``setup.py``: ``build_py`` runs Babel's compiler; the ``.mo`` files ship as package
data and are not committed). In a checkout without a build (editable install, ``make test``) there is no
``.mo`` file: :func:`install` then compiles the ``.po`` file in memory with Babel (``read_po`` →
:class:`babel.support.Translations`), so a catalogue edit is visible at the next run without a build step.
There is no translation service at run time.

>>> _("Refugees")
'Refugees'
>>> ngettext("{n} country", "{n} countries", 2).format(n=2)
'2 countries'
"""

from __future__ import annotations

import contextlib
import functools
import gettext
import io
from collections.abc import Iterator
from pathlib import Path

import jinja2

DOMAIN = "migstats"
LOCALE_DIR = Path(__file__).parent / "locale"
#: Languages with a catalogue (besides English, the source text).
LANGUAGES = ("fr", "es")

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
    """Use ``lang`` (e.g. ``"fr"``) for reader-facing text from now on; None (or ``"en"``) goes back to English.

    The catalogue is ``<localedir>/<lang>/LC_MESSAGES/migstats.mo`` (default ``migstats/locale``), or, in a
    checkout without a build, the ``.po`` file beside it compiled in memory (see the module docstring); a
    ``catalogue`` object may be given instead (tests). A language without any catalogue falls back to English.
    """
    global _translations, _language
    if lang is not None:
        lang = lang.strip().lower().replace("-", "_").split("_")[0] or None
    if lang == "en":
        lang = None
    if catalogue is not None:
        _translations = catalogue
    elif lang is None:
        _translations = gettext.NullTranslations()
    else:
        _translations = load_catalogue(lang, localedir)
    _language = lang
    return _translations


def load_catalogue(lang: str, localedir: str | Path | None = None) -> gettext.NullTranslations:
    """The translations of ``lang``: the compiled ``.mo`` file if present, else the ``.po`` file compiled in
    memory with Babel, else :class:`gettext.NullTranslations` (English)."""
    folder = Path(localedir or LOCALE_DIR) / lang / "LC_MESSAGES"
    mo, po = folder / f"{DOMAIN}.mo", folder / f"{DOMAIN}.po"
    if mo.is_file() and (not po.is_file() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as fh:
            return gettext.GNUTranslations(fh)
    if po.is_file():
        return _compile_po(str(po), po.stat().st_mtime_ns)
    return gettext.NullTranslations()


@functools.lru_cache(maxsize=8)
def _compile_po(path: str, _mtime: int) -> gettext.NullTranslations:
    """Compile a ``.po`` file in memory (Babel), as ``pybabel compile`` would; fuzzy entries are skipped."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with open(path, "rb") as fh:
        catalog = read_po(fh, domain=DOMAIN)
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    buf.seek(0)
    return gettext.GNUTranslations(buf)


@contextlib.contextmanager
def using(lang: str | None) -> Iterator[gettext.NullTranslations]:
    """Render in ``lang`` inside a ``with`` block, then restore the language that was installed before."""
    before, before_lang = _translations, _language
    try:
        yield install(lang)
    finally:
        install(before_lang, catalogue=before)


def locale() -> str:
    """The Babel locale of the installed language (``"en"`` for the English source text)."""
    return _language or "en"


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
