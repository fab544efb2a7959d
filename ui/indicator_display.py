"""How indicator values, statuses and trends look on the CP pages: numbers in the reader's language,
status badges that never rely on colour alone, and the region selector bound to ``?region=``."""
from __future__ import annotations

import html
from datetime import date


from ui import permalink

from core import N_
from i18n import translate
from metrics import compare, grading, stats
from metrics.catalogue import Indicator
from metrics.methodology import (AGAINST_NATION_LABELS, GRADE_LABELS, JUDGEMENT_LABELS, STATUS_LABELS,
                                 TARGET_STATUS_LABELS, TREND_LABELS)
from ui.charts import OKABE_ITO

GREY, LIGHT_GREY = "#999999", "#E5E5E5"
# Okabe-Ito colours with an icon each, so a status reads without colour; missing data is grey, never red.
# Black text on every one of them: white on the green or the vermilion is under WCAG's 4.5:1.
STATUS_STYLE = {
    stats.MET: (OKABE_ITO[2], "#000000", "✔"),
    stats.ON_TRACK: (OKABE_ITO[4], "#000000", "◐"),
    stats.OFF_TRACK: (OKABE_ITO[5], "#000000", "✖"),
    stats.NO_DATA: (GREY, "#000000", "?"),
    stats.NOT_SCORED: (LIGHT_GREY, "#000000", "–"),
}
STATUS_ORDER = list(STATUS_STYLE)
# The heat-map's extra cell kind: a rate from fewer than 20 events is never coloured by its status.
UNRELIABLE_STYLE = ("#F2F2F2", "#000000", "⚠")
# Region grades on maps (metrics.grading): a fixed scale, black text on each colour (at least 4.5:1).
GRADE_STYLE = {
    grading.BETTER: (OKABE_ITO[2], "▲"),
    grading.SIMILAR: (OKABE_ITO[6], "●"),
    grading.WORSE: (OKABE_ITO[5], "▼"),
    grading.HIGHER: (OKABE_ITO[1], "▲"),
    grading.LOWER: (OKABE_ITO[4], "▼"),
    grading.UNRELIABLE: ("#F2F2F2", "⚠"),
    grading.NO_DATA: ("#FFFFFF", "·"),
}
TREND_ICONS = {stats.RISING: "↑", stats.FALLING: "↓", stats.STABLE: "→", stats.NO_CLEAR_CHANGE: "↔", None: "·"}
UNRELIABLE_MARK = "⚠"
UNRELIABLE_NOTE = N_("⚠ fewer than {threshold} events: the rate is unreliable, chance alone moves it a great deal.")
_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December")


def status_text(status: str, lang: str) -> str:
    """Icon and word, e.g. "✔ Met"."""
    return f"{STATUS_STYLE[status][2]} {translate(STATUS_LABELS[status], lang)}"


def status_badge(status: str, lang: str) -> str:
    """An HTML badge: Okabe-Ito background, icon and word."""
    background, foreground, _ = STATUS_STYLE[status]
    return (f'<span style="background:{background};color:{foreground};padding:0.1em 0.55em;border-radius:0.8em;'
            f'display:inline-block;font-size:0.9em;font-weight:600">{html.escape(status_text(status, lang))}</span>')


_UNRELIABLE_CELL = N_("Unreliable: fewer than {threshold} events, not graded")


def unreliable_text(lang: str) -> str:
    return f"{UNRELIABLE_STYLE[2]} {translate(_UNRELIABLE_CELL, lang, threshold=stats.UNRELIABLE_BELOW)}"


def unreliable_badge(lang: str) -> str:
    background, foreground, _ = UNRELIABLE_STYLE
    return (f'<span style="background:{background};color:{foreground};padding:0.1em 0.55em;border-radius:0.8em;'
            f'border:1px solid #767676;display:inline-block;font-size:0.9em;font-weight:600">'
            f'{html.escape(unreliable_text(lang))}</span>')


def trend_text(trend: str | None, lang: str) -> str:
    trend = trend if isinstance(trend, str) else None
    return f"{TREND_ICONS[trend]} {translate(TREND_LABELS[trend], lang)}"


_CHANGE_WITH_CI = N_("{change} ({confidence}% CI {low} to {high})")
_PERCENTAGE_POINTS = N_("{value} pp")
_JUDGED = N_("{verdict}, {judgement} ({earlier} to {later})")
_NOT_JUDGED = N_("{verdict} ({earlier} to {later})")


def _signed(value: float, lang: str, places: int) -> str:
    if value == float("inf"):
        return "+∞"
    rounded = round(value, places)
    sign = "+" if rounded > 0 else "-" if rounded < 0 else ""
    return sign + number(abs(rounded), lang, places)


def change_text(indicator: Indicator, change: compare.Change | None, lang: str) -> str:
    """"+19% (95% CI 4% to 36%)" for rates, "+2.1 pp (95% CI 0.4 to 3.9 pp)" for shares, the plain
    difference in the indicator's unit otherwise."""
    if change is None:
        return ""
    confidence = f"{stats.CONFIDENCE * 100:.0f}"
    if change.method == compare.RATE_RATIO:
        places = 0 if change.low is None or abs(change.estimate) >= 0.1 else 1
        pct = lambda v: _signed(v * 100, lang, places) + "%"  # noqa: E731
        if change.low is None:
            return pct(change.estimate)
        return translate(_CHANGE_WITH_CI, lang, change=pct(change.estimate), confidence=confidence,
                         low=pct(change.low), high=pct(change.high))
    if change.method == compare.PROPORTION_DIFFERENCE:
        pp = lambda v: translate(_PERCENTAGE_POINTS, lang, value=_signed(v, lang, 1))  # noqa: E731
        return translate(_CHANGE_WITH_CI, lang, change=pp(change.estimate), confidence=confidence,
                         low=_signed(change.low, lang, 1), high=pp(change.high))
    return _signed(change.estimate, lang, decimals(indicator, abs(change.estimate)))


def verdict_text(indicator: Indicator, change: compare.Change | None, lang: str, earlier: str, later: str) -> str:
    """"↑ higher, worsening (2023 to 2024)": the tested verdict, what it means for the indicator's
    direction, and the periods compared."""
    if change is None:
        return trend_text(None, lang)
    judgement = compare.judgement(indicator.direction, change.verdict)
    verdict = trend_text(change.verdict, lang)
    if judgement is None:
        return translate(_NOT_JUDGED, lang, verdict=verdict, earlier=earlier, later=later)
    return translate(_JUDGED, lang, verdict=verdict, judgement=translate(JUDGEMENT_LABELS[judgement], lang),
                     earlier=earlier, later=later)


def against_nation_text(verdict: str | None, lang: str) -> str:
    return translate(AGAINST_NATION_LABELS[verdict], lang) if verdict in AGAINST_NATION_LABELS else ""


def grade_text(grade: str, lang: str) -> str:
    return f"{GRADE_STYLE[grade][1]} {translate(GRADE_LABELS[grade], lang, threshold=stats.UNRELIABLE_BELOW)}"


def grade_legend(grades, lang: str) -> str:
    """HTML badges for the grades of a map, black on each colour."""
    return " ".join(f'<span style="background:{GRADE_STYLE[g][0]};color:#000000;padding:0.1em 0.55em;'
                    f'border-radius:0.8em;border:1px solid #767676;display:inline-block;font-size:0.9em">'
                    f'{html.escape(grade_text(g, lang))}</span>' for g in grades)


def target_status_text(status: str | None, lang: str) -> str:
    return translate(TARGET_STATUS_LABELS[status], lang) if status in TARGET_STATUS_LABELS else ""


def decimals(indicator: Indicator, value: float) -> int:
    """Counts are whole; rates and shares get fewer decimals the larger they are."""
    if not indicator.is_rate and indicator.multiplier == int(indicator.multiplier):
        return 0
    magnitude = abs(value)
    return 0 if magnitude >= 100 else 1 if magnitude >= 10 else 2


def number(value: float | None, lang: str, places: int = 0) -> str:
    """A number with the reader's separators: 1,234.5 in English, 1 234,5 in Russian and Kazakh."""
    if value is None:
        return "—"
    text = f"{value:,.{places}f}"
    if lang == "en":
        return text
    return text.replace(",", "\u00a0").replace(".", ",")


def value_text(indicator: Indicator, value: float | None, lang: str, *, unreliable: bool = False) -> str:
    if value is None:
        return "—"
    text = number(value, lang, decimals(indicator, value))
    return f"{text} {UNRELIABLE_MARK}" if unreliable else text


def interval_text(indicator: Indicator, low: float | None, high: float | None, lang: str,
                  value: float | None = None) -> str:
    """"low–high", with as many decimals as the value it surrounds."""
    if low is None or high is None:
        return ""
    places = decimals(indicator, value if value is not None else high)
    return f"{number(low, lang, places)}–{number(high, lang, places)}"


def date_text(day: date | None, lang: str) -> str:
    if day is None:
        return "—"
    return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}" if lang == "en" else f"{day:%d.%m.%Y}"


def region_selector(container, label: str, codes: list[str], names: dict[str, str], *, key: str = "region"):
    """A region selectbox kept in the URL as the region's code (``?region=KZ-10``), the same in
    every language."""
    return permalink.selectbox(label, codes, format_func=names.get, key=key, container=container)
