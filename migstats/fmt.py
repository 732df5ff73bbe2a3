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
"""

from __future__ import annotations

import math
from numbers import Real

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


def integer(x: Real | None) -> str:
    """A whole number with thousands separators: ``304021813`` → ``'304,021,813'``."""
    if _missing(x):
        return NOT_AVAILABLE
    text = f"{abs(round(float(x))):,.0f}"
    return (MINUS + text) if round(float(x)) < 0 else text


def count(x: Real | None, digits: int = 1) -> str:
    """A count of persons for a sentence or a headline.

    Millions and billions in words with ``digits`` decimals (``'304.0 million'``, ``'1.2 billion'``);
    below one million the number in full with separators (``'321,771'``). Negative values get a minus.
    """
    if _missing(x):
        return NOT_AVAILABLE
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


def change(x: Real | None, digits: int = 1) -> str:
    """A change in a count, always signed: ``'+12.3 million'``, ``'−45,210'``, ``'0'``."""
    if _missing(x):
        return NOT_AVAILABLE
    text = count(x, digits)
    return "+" + text if float(x) > 0 and round(abs(float(x))) > 0 else text


def percent(x: Real | None, digits: int = 1) -> str:
    """A share in per cent: ``12.345`` → ``'12.3 %'``."""
    if _missing(x):
        return NOT_AVAILABLE
    v = round(float(x), digits)
    text = f"{abs(v):,.{digits}f} %"
    return (MINUS + text) if v < 0 else text


def points(x: Real | None, digits: int = 1) -> str:
    """A difference between two percentages, signed: ``'+1.2 percentage points'``."""
    if _missing(x):
        return NOT_AVAILABLE
    v = round(float(x), digits)
    sign = "+" if v > 0 else (MINUS if v < 0 else "")
    unit = "percentage point" if abs(v) == 1 else "percentage points"
    return f"{sign}{abs(v):,.{digits}f} {unit}"


def rate(x: Real | None, digits: int = 1) -> str:
    """An annual rate of change, signed: ``2.43`` → ``'+2.4 % per year'``."""
    if _missing(x):
        return NOT_AVAILABLE
    v = round(float(x), digits)
    sign = "+" if v > 0 else (MINUS if v < 0 else "")
    return f"{sign}{abs(v):,.{digits}f} % per year"


def axis_count(x: float, _pos: object = None) -> str:
    """Tick labels for an axis of persons: ``'0'``, ``'500k'``, ``'1.5M'``, ``'2B'`` (matplotlib formatter)."""
    a = abs(x)
    sign = MINUS if x < 0 else ""
    for size, unit in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if a >= size:
            return f"{sign}{a / size:,.{1 if (a / size) % 1 else 0}f}{unit}"
    return f"{sign}{a:,.0f}"
