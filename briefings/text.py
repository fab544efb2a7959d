"""How a briefing writes its figures, periods, dates and labels in the reader's language: numbers
through Babel (``ui.formats``), the decimals and status words the dashboard uses."""
from __future__ import annotations

from datetime import date

from babel.dates import format_date

from etl.periods import Period
from etl.regions import region_by_code
from i18n import N_, translate
from metrics.catalogue import Indicator
from metrics.indicators import NATION
from ui import formats
from ui.indicator_display import STATUS_STYLE, TREND_ICONS, UNRELIABLE_MARK, decimals
from metrics.methodology import STATUS_LABELS, TREND_LABELS

KAZAKHSTAN = N_("Kazakhstan")


def value(indicator: Indicator, number: float | None, lang: str) -> str:
    """A figure with the dashboard's decimals for it (counts whole, rates by their size)."""
    if number is None or number != number:
        return "—"
    return formats.number(number, lang, decimals(indicator, number))


def count(number: float | None, lang: str) -> str:
    return formats.integer(number, lang)


def interval(indicator: Indicator, low: float | None, high: float | None, around: float | None, lang: str) -> str:
    if low is None or high is None or low != low or high != high:
        return "—"
    places = decimals(indicator, around if around is not None else high)
    return f"{formats.number(low, lang, places)}–{formats.number(high, lang, places)}"


def period(p: Period | None, lang: str) -> str:
    return "—" if p is None else p.label(lang)


def day(d: date, lang: str) -> str:
    """A date in the language's long form (Babel, CLDR)."""
    return format_date(d, format="long", locale=formats.locale(lang))


def place(region_code: str, lang: str) -> str:
    return translate(KAZAKHSTAN, lang) if region_code == NATION else region_by_code(region_code).name(lang)


def status(code: str, lang: str) -> str:
    """Icon and word ("✔ Met"): a status never rests on colour alone."""
    return f"{STATUS_STYLE[code][2]} {translate(STATUS_LABELS[code], lang)}"


def status_word(code: str, lang: str) -> str:
    return translate(STATUS_LABELS[code], lang).lower()


def trend(code: str | None, lang: str) -> str:
    code = code if isinstance(code, str) else None
    return f"{TREND_ICONS[code]} {translate(TREND_LABELS[code], lang)}"


def flagged(text: str, unreliable: bool) -> str:
    return f"{text} {UNRELIABLE_MARK}" if unreliable else text
