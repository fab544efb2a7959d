"""Numbers and percentages in the reader's language through Babel (CLDR); alphabetical order through
ICU's collation (PyICU).

Kazakh and Russian write 1 234 567,8 (a no-break space between thousands, a decimal comma);
English writes 1,234,567.8. Plotly charts get the same two symbols through ``plotly_separators``.
"""
from __future__ import annotations

from functools import lru_cache

import icu
from babel import Locale
from babel.numbers import format_decimal, format_percent, get_decimal_symbol, get_group_symbol

BABEL_LOCALES = {"kk": "kk_KZ", "ru": "ru_RU", "en": "en"}

def locale(lang: str) -> str:
    return BABEL_LOCALES.get(lang, BABEL_LOCALES["en"])


def number(value, lang: str, decimals: int | None = None) -> str:
    """A number with the language's grouping and decimal mark; ``decimals`` fixes the decimals."""
    if value is None or value != value:  # None or NaN
        return "—"
    pattern = None if decimals is None else "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=locale(lang))


def integer(value, lang: str) -> str:
    """A count: 1 234 (kk, ru), 1,234 (en)."""
    return number(value, lang, 0)


def signed(value, lang: str) -> str:
    """A whole-number change with its sign: +12, -43, 0."""
    if value is None or value != value:
        return "—"
    value = round(value)
    return ("+" if value > 0 else "-" if value < 0 else "") + integer(abs(value), lang)


@lru_cache(maxsize=None)
def _percent_pattern(lang: str, decimals: int) -> str:
    pattern = Locale.parse(locale(lang)).percent_formats[None].pattern  # "#,##0 %" in Russian
    return pattern.replace("0", "0." + "0" * decimals, 1) if decimals else pattern


def percent(value, lang: str, decimals: int = 1) -> str:
    """A share (0.278) as a percentage in the language's style: 27,8 % (ru), 27,8% (kk), 27.8% (en)."""
    if value is None or value != value:
        return "—"
    return format_percent(value, format=_percent_pattern(lang, decimals), locale=locale(lang))


def plotly_separators(lang: str) -> str:
    """Plotly's ``layout.separators``: the decimal mark, then the thousands separator."""
    loc = locale(lang)
    return get_decimal_symbol(loc) + get_group_symbol(loc)


@lru_cache(maxsize=None)
def _collator(lang: str) -> icu.Collator:
    return icu.Collator.createInstance(icu.Locale(locale(lang)))


def sort_key(text: str, lang: str) -> bytes:
    """A key that orders names as the language's readers expect (ICU's collation, CLDR's rules):
    in Kazakh, Ақмола before Атырау and Қарағанды before Шығыс; in Russian, ё beside е."""
    return _collator(lang).getSortKey(str(text))


def sorted_names(items, lang: str, name=lambda item: item):
    """``items`` in the language's alphabetical order of ``name(item)``."""
    return sorted(items, key=lambda item: sort_key(name(item), lang))
