"""Numbers, percentages and alphabetical order in the reader's language, through Babel (CLDR).

Kazakh and Russian write 1 234 567,8 (a no-break space between thousands, a decimal comma);
English writes 1,234,567.8. Plotly charts get the same two symbols through ``plotly_separators``.
"""
from __future__ import annotations

from functools import lru_cache

from babel import Locale
from babel.numbers import format_decimal, format_percent, get_decimal_symbol, get_group_symbol

BABEL_LOCALES = {"kk": "kk_KZ", "ru": "ru_RU", "en": "en"}
# Alphabets in their own order; Python's code-point order would put the Kazakh letters
# (ә, ғ, қ, ң, ө, ұ, ү, һ, і) after я, and ё after я too.
_ALPHABETS = {
    "kk": "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя",
    "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
}


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


def sort_key(text: str, lang: str) -> tuple:
    """A key that orders names the way the language's alphabet does (case-insensitive)."""
    alphabet = _ALPHABETS.get(lang, "")
    key = []
    for char in str(text).casefold():
        position = alphabet.find(char) if alphabet else -1
        key.append((1, position, "") if position >= 0 else (0 if not char.isalpha() else 2, 0, char))
    return tuple(key)

