"""Numbers formatted for people: thousands separators, units, signs and a dash for "not available".

The style follows the UN's *International Migration Highlights*: large counts in words ("304.0 million"),
smaller ones in full with separators ("321,771"), percentages with one decimal and a space ("12.3 %"),
changes with an explicit sign and a true minus ("−1.2 million").

>>> count(304_021_813)
'304.0 million'
>>> count(321_771)
'321,771'
>>> percent(12.345)
'12.3 %'
>>> change(-1_234_567)
'−1.2 million'

Every function takes ``locale=``: ``None`` (the default) means the language installed by
:func:`migstats.i18n.install` — English, byte for byte as above, until another one is installed; ``"fr"``
and ``"es"`` use Babel's locale data (CLDR) for separators and the UN's words for the units:

>>> count(24_321_000, locale="fr"), count(24_321_000, locale="es")
('24,3\xa0millions', '24,3\xa0millones')
>>> integer(321_771, locale="fr"), percent(12.345, locale="es")
('321\u202f771', '12,3\xa0%')
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from decimal import Decimal
from numbers import Real

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol

from . import i18n

#: What a missing value looks like in readers' outputs.
NOT_AVAILABLE = "–"
MINUS = "\u2212"  # a true minus sign, as in print


def _missing(x: object) -> bool:
    if x is None:
        return True
    try:
        return math.isnan(float(x))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return True


def integer(x: Real | None, *, locale: str | None = None) -> str:
    """A whole number with thousands separators: ``304021813`` → ``'304,021,813'`` (FR ``'304 021 813'``)."""
    if _missing(x):
        return NOT_AVAILABLE
    if (loc := _locale(locale)) is not None:
        return _signed(round(float(x)), _num(abs(round(float(x))), 0, loc))
    text = f"{abs(round(float(x))):,.0f}"
    return (MINUS + text) if round(float(x)) < 0 else text


def count(x: Real | None, digits: int = 1, *, locale: str | None = None) -> str:
    """A count of persons for a sentence or a headline.

    Millions and billions in words with ``digits`` decimals (``'304.0 million'``, ``'1.2 billion'``; FR
    ``'304,0 millions'``, ``'1,2 milliard'``; ES ``'304,0 millones'``, ``'1,2 mil millones'``); below one
    million the number in full with separators (``'321,771'``). Negative values get a minus.
    """
    if _missing(x):
        return NOT_AVAILABLE
    if (loc := _locale(locale)) is not None:
        return _count_locale(float(x), digits, loc)
    v = float(x)
    sign = MINUS if v < 0 else ""
    a = abs(v)
    if a >= 1e9:
        return f"{sign}{a / 1e9:,.{digits}f} billion"
    # 999,950,000 would round to "1,000.0 million": show it in billions instead.
    if a >= 1e6 and round(a / 1e6, digits) < 1000:
        return f"{sign}{a / 1e6:,.{digits}f} million"
    if a >= 1e6:
        return f"{sign}{a / 1e9:,.{digits}f} billion"
    return sign + f"{round(a):,.0f}"


def change(x: Real | None, digits: int = 1, *, locale: str | None = None) -> str:
    """A change in a count, always signed: ``'+12.3 million'``, ``'−45,210'``, ``'0'``."""
    if _missing(x):
        return NOT_AVAILABLE
    text = count(x, digits, locale=locale)
    return "+" + text if float(x) > 0 and round(abs(float(x))) > 0 else text


def amount(x: Real | None, digits: int = 1) -> str:
    """The size of a change without its sign, for sentences whose words give the direction ("grew by
    10.5 million", "fell by 45,210") — :func:`change` there would print "by +10.5 million"."""
    if _missing(x):
        return NOT_AVAILABLE
    return count(abs(float(x)), digits)


def percent(x: Real | None, digits: int = 1, *, locale: str | None = None) -> str:
    """A share in per cent: ``12.345`` → ``'12.3 %'`` (FR and ES ``'12,3 %'``, no-break space)."""
    if _missing(x):
        return NOT_AVAILABLE
    v = round(float(x), digits)
    if (loc := _locale(locale)) is not None:
        return _signed(v, _num(abs(v), digits, loc) + NBSP + "%")
    text = f"{abs(v):,.{digits}f} %"
    return (MINUS + text) if v < 0 else text


def points(x: Real | None, digits: int = 1, *, locale: str | None = None) -> str:
    """A difference between two percentages, signed: ``'+1.2 percentage points'``."""
    if _missing(x):
        return NOT_AVAILABLE
    v = round(float(x), digits)
    sign = "+" if v > 0 else (MINUS if v < 0 else "")
    if (loc := _locale(locale)) is not None:
        unit = _WORDS[loc]["point" if _plural(abs(v), digits, loc) == "one" else "points"]
        return f"{sign}{_num(abs(v), digits, loc)}{NBSP}{unit}"
    unit = "percentage point" if abs(v) == 1 else "percentage points"
    return f"{sign}{abs(v):,.{digits}f} {unit}"


def rate(x: Real | None, digits: int = 1, *, locale: str | None = None, per_year: bool = True,
         unit: bool = True) -> str:
    """An annual rate of change, signed: ``2.43`` → ``'+2.4 % per year'`` (FR ``'+2,4 % par an'``, ES
    ``'+2,4 % anual'``); ``per_year=False`` drops the words (``'+2.4 %'``), ``unit=False`` the unit too
    (``'+2.4'``, for a table column headed "% per year")."""
    if _missing(x):
        return NOT_AVAILABLE
    v = round(float(x), digits)
    sign = "+" if v > 0 else (MINUS if v < 0 else "")
    if (loc := _locale(locale)) is not None:
        text = sign + _num(abs(v), digits, loc)
        if unit:
            text += NBSP + "%" + (" " + _WORDS[loc]["per year"] if per_year else "")
        return text
    if not unit:
        return f"{sign}{abs(v):,.{digits}f}"
    return f"{sign}{abs(v):,.{digits}f} %" + (" per year" if per_year else "")


def number(x: Real | None, digits: int = 1, *, signed: bool = False, locale: str | None = None) -> str:
    """A plain number with ``digits`` decimals and separators (``'2,895.0'``; FR ``'2 895,0'``); ``signed``
    adds ``+`` or a true minus (``'+2.9'``)."""
    if _missing(x):
        return NOT_AVAILABLE
    v = round(float(x), digits)
    sign = ("+" if v > 0 else (MINUS if v < 0 else "")) if signed else (MINUS if v < 0 else "")
    loc = _locale(locale)
    return sign + (f"{abs(v):,.{digits}f}" if loc is None else _num(abs(v), digits, loc))


def date(d: _dt.date, *, locale: str | None = None) -> str:
    """A date in words: ``'5 March 2025'`` (FR ``'5 mars 2025'``, ES ``'5 de marzo de 2025'``)."""
    loc = _locale(locale)
    if loc is None:
        return f"{d.day} {d.strftime('%B %Y')}"
    return format_date(d, "long", locale=loc)


def timestamp(t: _dt.datetime, *, locale: str | None = None) -> str:
    """A generation time: ``'05 March 2025, 14:03 CET'`` (FR ``'5 mars 2025, 14:03 CET'``)."""
    loc = _locale(locale)
    if loc is None:
        return t.strftime("%d %B %Y, %H:%M %Z").strip()
    return f"{format_date(t, 'long', locale=loc)}, {t.strftime('%H:%M %Z')}".strip()


def axis_count(x: float, _pos: object = None, *, locale: str | None = None) -> str:
    """Tick labels for an axis of persons: whole numbers below a million (``'0'``, ``'1,400'``, ``'500,000'``),
    then ``'1.5M'``, ``'2B'`` (matplotlib formatter; FR ``'1 400'``, ``'1,5 M'``, ``'2 Md'``; ES ``'1.400'``,
    ``'1,5 M'``, ``'2 mil M'`` — CLDR's short forms)."""
    a = abs(x)
    sign = MINUS if x < 0 else ""
    if (loc := _locale(locale)) is not None:
        for size, unit in ((1e9, _WORDS[loc]["B"]), (1e6, "M")):
            if a >= size:
                return f"{sign}{_num(a / size, 1 if (a / size) % 1 else 0, loc)}{NBSP}{unit}"
        return sign + _num(a, 0, loc)
    for size, unit in ((1e9, "B"), (1e6, "M")):
        if a >= size:
            return f"{sign}{a / size:,.{1 if (a / size) % 1 else 0}f}{unit}"
    return f"{sign}{a:,.0f}"


def axis_percent(x: float, _pos: object = None, *, digits: int = 1, locale: str | None = None) -> str:
    """Tick labels for an axis in per cent: ``'12.5 %'`` (FR and ES ``'12,5 %'``)."""
    loc = _locale(locale)
    if loc is None:
        return f"{x:,.{digits}f} %"
    return (MINUS if x < 0 else "") + _num(abs(x), digits, loc) + NBSP + "%"


# ----------------------------------------------------------------------------- locales

NBSP = "\u00a0"  # no-break space (between a number and its unit)
NNBSP = "\u202f"  # narrow no-break space (French thousands separator, CLDR)

#: The words of the units, as UN DESA's French and Spanish texts write them ("24,3 millions de migrants",
#: "281 millones"; "1,2 milliard"; "mil millones" for 10^9 in Spanish).
_WORDS: dict[str, dict[str, str]] = {
    "fr": {"million": "million", "millions": "millions", "billion": "milliard", "billions": "milliards",
           "point": "point de pourcentage", "points": "points de pourcentage", "per year": "par an", "B": "Md"},
    "es": {"million": "millón", "millions": "millones", "billion": "mil millones", "billions": "mil millones",
           "point": "punto porcentual", "points": "puntos porcentuales", "per year": "anual", "B": "mil M"},
}


def _locale(locale: str | None) -> str | None:
    """The locale to format for, or None for the English house style (unchanged)."""
    lang = (i18n.locale() if locale is None else locale).replace("-", "_").split("_")[0].lower()
    if lang == "en" or (locale is None and lang not in _WORDS):  # an installed language without number words
        return None
    if lang not in _WORDS:
        raise ValueError(f"no number format for language {lang!r} — use one of en, {', '.join(_WORDS)}")
    return lang


def _num(v: float, digits: int, loc: str) -> str:
    """``v`` (not negative) with ``digits`` decimals in the locale's separators (Babel)."""
    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    return format_decimal(round(v, digits), format=pattern, locale=loc, decimal_quantization=True)


def _signed(v: float, text: str) -> str:
    return (MINUS + text) if v < 0 else text


def _plural(v: float, digits: int, loc: str) -> str:
    return Locale(loc).plural_form(Decimal(f"{v:.{digits}f}"))


def _count_locale(v: float, digits: int, loc: str) -> str:
    sign = MINUS if v < 0 else ""
    a = abs(v)
    words = _WORDS[loc]
    if a >= 1e6:
        size, one, many = (1e9, "billion", "billions") if a >= 1e9 or round(a / 1e6, digits) >= 1000 \
            else (1e6, "million", "millions")
        scaled = round(a / size, digits)
        unit = words[one if _plural(scaled, digits, loc) == "one" else many]
        return f"{sign}{_num(scaled, digits, loc)}{NBSP}{unit}"
    return sign + _num(round(a), 0, loc)


def separators(locale: str | None = None) -> tuple[str, str]:
    """The decimal and group symbols of a locale (``('.', ',')`` in English, ``(',', '\u202f')`` in French)."""
    loc = _locale(locale) or "en"
    return get_decimal_symbol(loc), get_group_symbol(loc)


# A count in words ("24,3 millions") takes "de" before the noun it counts, in French and Spanish ("24,3 millions de
# migrants", "24,3 millones de migrantes"), but not before a preposition or another figure ("24,3 millions en 2024").
_SCALE_BEFORE_NOUN = {
    "fr": re.compile(r"(\d\s(?:millions?|milliards?))\s(?!(?:de|d’|d'|des|du|en|dans|depuis|à|au|aux|et|ou|par|pour|"
                     r"soit|contre|entre|sur|sous|selon|avec|sans|que|qui|dont|le|la|les|l’|l')\b)(?=[a-zà-ÿ])"),
    "es": re.compile(r"(\d\s(?:millón|millones|mil millones))\s(?!(?:de|del|en|desde|a|al|y|o|por|para|entre|frente|"
                     r"sobre|con|sin|según|que|el|la|los|las)\b)(?=[a-záéíóúñü])"),
}


def counted_nouns(text: str, *, locale: str | None = None) -> str:
    """Insert the "de" that French and Spanish need between a count in words and its noun (``text`` as rendered:
    "24,3 millions migrants" → "24,3 millions de migrants"); other languages unchanged."""
    loc = _locale(locale)
    pattern = _SCALE_BEFORE_NOUN.get(loc) if loc is not None else None
    return pattern.sub(r"\1 de ", text) if pattern else text
