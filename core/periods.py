"""Reporting periods: which span of time a figure covers, read from header cells and titles.

A period keeps its first and last day and its kind, so that a January-September figure is never
set against a full year and a snapshot count is never summed like a flow.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from core.period_words import PeriodWords, period_words
from core.text import fold_letters

RANGE, SNAPSHOT, SCHOOL_YEAR = "range", "snapshot", "school_year"
MIN_YEAR, MAX_YEAR = 1990, 2100

_MONTH_NAMES = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "ru": ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август",
           "сентябрь", "октябрь", "ноябрь", "декабрь"),
    "kk": ("қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз",
           "қыркүйек", "қазан", "қараша", "желтоқсан"),
}
_SCHOOL_YEAR_WORDS = {"en": "school year", "ru": "учебный год", "kk": "оқу жылы"}


@dataclass(frozen=True, order=True)
class Period:
    start: date
    end: date
    kind: str

    def __post_init__(self):
        if self.kind not in (RANGE, SNAPSHOT, SCHOOL_YEAR) or self.end < self.start:
            raise ValueError(f"not a period: {self.start}..{self.end} ({self.kind})")

    @property
    def year(self) -> int:
        return self.start.year

    # A school year runs September to August, so its month_from is greater than its month_to.
    @property
    def month_from(self) -> int | None:
        return None if self.kind == SNAPSHOT else self.start.month

    @property
    def month_to(self) -> int | None:
        return None if self.kind == SNAPSHOT else self.end.month

    def is_full_year(self) -> bool:
        return self.kind == RANGE and (self.month_from, self.month_to) == (1, 12)

    def same_months(self, other: Period) -> bool:
        """True when the two periods cover the same part of their years, so they compare fairly.

        Snapshots compare fairly when taken on the same day of the year.
        """
        if self.kind != other.kind:
            return False
        if self.kind == SNAPSHOT:
            return (self.start.month, self.start.day) == (other.start.month, other.start.day)
        return (self.month_from, self.month_to) == (other.month_from, other.month_to)

    def previous_year(self) -> Period:
        if self.kind == RANGE:
            return month_range(self.year - 1, self.month_from, self.month_to)
        if self.kind == SCHOOL_YEAR:
            return school_year(self.year - 1)
        d = self.start
        return snapshot(d.replace(year=d.year - 1, day=min(d.day, 28 if d.month == 2 else 31)))

    def label(self, lang: str = "en") -> str:
        lang = lang if lang in _MONTH_NAMES else "en"
        y, d = self.year, self.start
        if self.kind == SCHOOL_YEAR:
            return f"{y}-{y + 1} {_SCHOOL_YEAR_WORDS[lang]}"
        if self.kind == SNAPSHOT:
            if lang == "en":
                return f"as of {d.day} {_MONTH_NAMES['en'][d.month - 1]} {d.year}"
            return f"на {d:%d.%m.%Y}" if lang == "ru" else f"{d:%d.%m.%Y} жағдай бойынша"
        if self.start.day != 1 or self.end.day != calendar.monthrange(self.end.year, self.end.month)[1]:
            return f"{d:%d.%m.%Y}-{self.end:%d.%m.%Y}"
        if self.is_full_year():
            return str(y)
        names = _MONTH_NAMES[lang]
        months = names[self.month_from - 1]
        if self.month_to != self.month_from:
            months += "-" + names[self.month_to - 1]
        return f"{y} жылғы {months}" if lang == "kk" else f"{months} {y}"

    def key(self) -> str:
        if self.kind == SNAPSHOT:
            return f"@{self.start.isoformat()}"
        if self.kind == SCHOOL_YEAR:
            return f"sy{self.year}-{self.year + 1}"
        if self.start.day != 1 or self.end.day != calendar.monthrange(self.end.year, self.end.month)[1]:
            return f"{self.start.isoformat()}..{self.end.isoformat()}"
        return f"{self.start:%Y-%m}..{self.end:%Y-%m}"


def month_range(year: int, month_from: int, month_to: int) -> Period:
    if not 1 <= month_from <= month_to <= 12:
        raise ValueError(f"months {month_from}..{month_to} are not a range within a year")
    last_day = calendar.monthrange(year, month_to)[1]
    return Period(date(year, month_from, 1), date(year, month_to, last_day), RANGE)


def snapshot(d: date) -> Period:
    d = d.date() if isinstance(d, datetime) else d
    return Period(d, d, SNAPSHOT)


def school_year(first_year: int) -> Period:
    return Period(date(first_year, 9, 1), date(first_year + 1, 8, 31), SCHOOL_YEAR)


# --- reading periods from text -------------------------------------------------------------
# The words (month names, "квартал", "жылғы", "аналогичный период", ...) are data, in
# data/vocabulary/periods.toml (core.period_words); how they combine is here. Text is folded as
# the vocabulary is (core.text), because hand-typed Kazakh often replaces its letters anyway
# ("кантар" for "қаңтар").
_B, _E = r"(?<!\w)", r"(?!\w)"
_SEP = r"\s*[(,:]?\s*"  # "январь-сентябрь (2025 г.)", "2025: январь-сентябрь"


def _y(name: str = "y") -> str:
    return rf"(?<!\d)(?P<{name}>\d{{4}})(?!\d)"


class _Bad:
    """A period-like phrase that cannot be used: it blocks a weaker reading of the same words."""


_BAD = _Bad()


def _year(text: str) -> int:
    y = int(text)
    if not MIN_YEAR <= y <= MAX_YEAR:
        raise ValueError(y)
    return y


def _month(word: str, w: PeriodWords) -> int:
    return next(i for i, r in enumerate(w.months, 1) if r.fullmatch(word) or r.fullmatch(word.rstrip(".")))


def _school(m, w=None) -> Period:
    first, second = _year(m["y"]), m["y2"]
    if int(second) != ((first + 1) % 100 if len(second) == 2 else first + 1):
        raise ValueError(second)
    return school_year(first)


def _two_years(m, w):
    # Consecutive years alone name a school year; "2023-2024 годы" lists years and is refused.
    return _school(m) if len(m["y2"]) == 4 and not m["w"] else _BAD


def _months(m, w) -> Period:
    return month_range(_year(m["y"]), _month(m["m1"], w), _month(m["m2"], w))


def _first_months(m, w) -> Period:
    return month_range(_year(m["y"]), 1, int(m["n"]))


def _part(m, w) -> Period:
    n = next((k for k, r in w.ordinals.items() if r.fullmatch(m["o"])), None)
    half = w.half.fullmatch(m["u"]) is not None
    if n is None or (half and n > 2):
        raise ValueError(m["o"])
    span = 6 if half else 3
    return month_range(_year(m["y"]), span * (n - 1) + 1, span * n)


def _day(m, w) -> Period:
    month = int(m["mn"]) if m["mn"] else _month(m["m"], w)
    return snapshot(date(_year(m["y"]), month, int(m["d"])))


def _day_range(m, w) -> Period:
    """From one day to another: "с 1 января по 6 ноября 2025", "01.01.2025-06.11.2025"."""
    year2 = _year(m["y"])
    year1 = _year(m["y1"]) if m["y1"] else year2
    month1 = int(m["mn1"]) if m["mn1"] else _month(m["m1"], w)
    month2 = int(m["mn2"]) if m["mn2"] else _month(m["m2"], w)
    start, end = date(year1, month1, int(m["d1"])), date(year2, month2, int(m["d2"]))
    if start.year != end.year:
        raise ValueError("a day range must lie within one year")
    return Period(start, end, RANGE)


def _single_month(m, w) -> Period:
    month = int(m["mn"]) if m["mn"] else _month(m["m"], w)
    return month_range(_year(m["y"]), month, month)


def _bad(m, w):
    return _BAD


def _span_of_part(m, w) -> tuple[int, int]:
    p = _part({**m.groupdict(), "y": "2000"}, w)
    return p.month_from, p.month_to


@dataclass(frozen=True, eq=False)
class _Grammar:
    words: PeriodWords
    patterns: list  # (pattern, build) for a whole period
    spans: list  # (pattern, build) for the months a title names without their year
    span_words: re.Pattern


@lru_cache(maxsize=4)
def _grammar(w: PeriodWords) -> _Grammar:
    def m(name: str) -> str:
        return rf"{_B}(?P<{name}>{w.month}){_E}\.?"

    year_word, months_word = w.year_word, w.months_word
    unit = rf"(?P<u>{w.unit})"
    of = rf"(?:{w.of}\s+)*"
    to = rf"(?:-|{_B}{w.to}{_E})"
    from_ = rf"(?:{w.from_}\s+)?"
    count = rf"(?:-?{w.count_ending}{_E})?"
    ordinal = rf"{_B}(?P<o>{w.ordinal})\s*(?:-?\s*{w.ordinal_ending}{_E})?"
    two_years = rf"{_y()}\s*[-/]\s*(?P<y2>\d{{4}}|\d{{2}})(?!\d)"
    patterns = [(re.compile(p), f) for p, f in (
        (rf"{two_years}\s*{w.school_year}", _school),
        (rf"{w.school_year}\s*:?\s*{two_years}", _school),
        (rf"{_y()}\s*[-/]\s*(?P<y2>\d{{4}})(?!\d)(?:\s*(?P<w>{year_word}))?", _two_years),
        (rf"{from_}{m('m1')}\s*{to}\s*{m('m2')}{_SEP}{_y()}", _months),
        (rf"{_y()}\s*{year_word}?{_SEP}{m('m1')}\s*-\s*{m('m2')}", _months),
        (rf"(?<!\d)(?P<n>\d{{1,2}})\s*{count}\s*{months_word}{_SEP}{of}{_y()}", _first_months),
        (rf"{_y()}\s*{year_word}?\s*(?P<n>\d{{1,2}})\s*{count}\s*{months_word}", _first_months),
        (rf"{ordinal}\s*{unit}{_SEP}{of}{_y()}", _part),
        (rf"{_y()}\s*{year_word}?\s*{ordinal}\s*{unit}", _part),
        (rf"{_B}(?P<u>{w.abbreviation})(?P<o>[1-4])[\s-]*{_y()}", _part),
        (rf"{from_}(?<![\d.])(?P<d1>\d{{1,2}})\.(?P<mn1>\d{{1,2}})\.{_y('y1')}\s*{to}\s*"
         rf"(?P<d2>\d{{1,2}})\.(?P<mn2>\d{{1,2}})\.{_y()}(?P<m1>)(?P<m2>)", _day_range),
        (rf"{from_}(?<![\d.])(?P<d1>\d{{1,2}})\s*{m('m1')}(?:\s*{_y('y1')})?\s*{to}\s*"
         rf"(?P<d2>\d{{1,2}})\s*{m('m2')}\s*,?\s*{_y()}(?P<mn1>)(?P<mn2>)", _day_range),
        (rf"{_y()}\s*{year_word}?\s*(?P<d1>\d{{1,2}})\s*{m('m1')}\s*-\s*(?P<d2>\d{{1,2}})\s*{m('m2')}"
         rf"(?P<y1>)(?P<mn1>)(?P<mn2>)", _day_range),
        (rf"(?<![\d.])(?P<d>\d{{1,2}})\.(?P<mn>\d{{1,2}})\.{_y()}(?!\.\d)", _day),
        (rf"{_y()}-(?P<mn>\d{{1,2}})-(?P<d>\d{{1,2}})(?!\d)", _day),
        (rf"(?<![\d.])(?P<d>\d{{1,2}})(?:-?{w.day_ending})?\s*{m('m')}\s*,?\s*{_y()}(?P<mn>)", _day),
        (rf"{m('m')}\s*(?P<d>\d{{1,2}})(?:{w.day_ending})?\s*,?\s*{_y()}(?P<mn>)", _day),
        (rf"{_y()}\s*{year_word}?\s*(?P<d>\d{{1,2}})\s*-?\s*{m('m')}(?P<mn>)", _day),
        (rf"{m('m')}{_SEP}{_y()}(?P<mn>)", _single_month),
        (rf"{_y()}\s*{year_word}?\s*{m('m')}(?P<mn>)", _single_month),
        (rf"(?<![\d.])(?P<mn>\d{{1,2}})\.{_y()}(?!\.\d)", _single_month),
        # "полугодие 2024" without saying which half, or months without their year: refused rather
        # than read as the whole year.
        (rf"{_B}(?:{unit}|{months_word}){_SEP}{of}{_y()}", _bad),
        (rf"{m('m1')}\s*-\s*{m('m2')}", _bad),
        (r"(?<![\d.,/-])(?P<y>\d{4})(?!\d|[.,/-]\d)", lambda m, w: month_range(_year(m["y"]), 1, 12)),
    )]
    spans = [(re.compile(p), f) for p, f in (
        (rf"{m('m1')}\s*{to}\s*{m('m2')}", lambda m, w: (_month(m["m1"], w), _month(m["m2"], w))),
        (rf"(?<![\d.])(?P<n>\d{{1,2}})\s*{count}\s*{months_word}", lambda m, w: (1, int(m["n"]))),
        (rf"{ordinal}\s*{unit}", _span_of_part),
    )]
    return _Grammar(w, patterns, spans, re.compile(rf"{_B}(?:{w.month}|{months_word}|{w.unit})"))


def _normalise(text: str) -> str:
    # A Cyrillic "І" typed for the Roman numeral I ("І полугодие").
    text = re.sub(r"(?<!\w)[IІ]{1,3}V?(?!\w)", lambda m: m.group().replace("І", "I"), text)
    return fold_letters(text)


def parse_period(text, *, search: bool = False) -> Period | None:
    """The period a header cell names (or, with ``search``, the one a title mentions), else None."""
    if isinstance(text, datetime):
        return snapshot(text.date())
    if isinstance(text, date):
        return snapshot(text)
    if isinstance(text, bool) or text is None:
        return None
    if isinstance(text, (int, float)):
        if isinstance(text, float) and not text.is_integer():
            return None
        text = str(int(text))
    text = re.sub(r"^(\s*\d{4})\.0+\s*$", r"\1", _normalise(str(text)))
    g = _grammar(period_words())
    found = []  # (start, end, period or _BAD)
    for pattern, build in g.patterns:
        for m in pattern.finditer(text):
            try:
                found.append((m.start(), m.end(), build(m, g.words)))
            except (ValueError, StopIteration):
                found.append((m.start(), m.end(), _BAD))
    # The longest reading of any words wins: "на 1 ноября 2024" is a date, not November.
    chosen = []
    for start, end, value in sorted(found, key=lambda f: (f[0] - f[1], f[0])):
        if all(end <= s or start >= e for s, e, _ in chosen):
            chosen.append((start, end, value))
    if not chosen:
        return None
    if not search:
        rest = text
        for start, end, _ in sorted(chosen, reverse=True):
            rest = rest[:start] + " " + rest[end:]
        if any(word not in g.words.filler for word in re.findall(r"[^\W_]+", rest)):
            return None
    values = {v for _, _, v in chosen}
    if len(values) > 1 and search:
        # A title may name other periods for comparison; the one it is "за"/"for" wins.
        for preferred in g.words.preferred:
            marked = {v for s, _, v in chosen if preferred.search(text[:s])}
            if marked:
                values = marked
                break
    if len(values) != 1:
        return None
    value = values.pop()
    return None if value is _BAD else value


# --- the months a title gives to its columns ------------------------------------------------------
def title_months(text) -> tuple[int, int] | None:
    """The span of months a title says its table covers, with or without the year ("январь-сентябрь
    2025", "9 месяцев", "I полугодие", "2025 жылғы қаңтар-қыркүйек"); None for a whole year or
    when the title names no span (or several different ones)."""
    if not isinstance(text, str) or not text.strip():
        return None
    period = parse_period(text, search=True)
    if period is not None:
        if period.kind != RANGE or period.is_full_year() or period.start.day != 1:
            return None
        return period.month_from, period.month_to
    g = _grammar(period_words())
    spans = set()
    for pattern, build in g.spans:
        for m in pattern.finditer(_normalise(text)):
            try:
                spans.add(build(m, g.words))
            except (ValueError, StopIteration, KeyError):
                continue
    spans = {s for s in spans if 1 <= s[0] <= s[1] <= 12}
    if len(spans) != 1:
        return None
    span = spans.pop()
    return None if span == (1, 12) else span


def is_bare_year(text) -> bool:
    """True for a heading that names a year and nothing about its months ("2024", "2024 год")."""
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        text = str(int(text)) if float(text).is_integer() else str(text)
    period = parse_period(text)
    return period is not None and period.is_full_year() and \
        not _grammar(period_words()).span_words.search(_normalise(str(text)))


def relative_period(text, reference: Period | None) -> Period | None:
    """The period a heading names relative to the title's: "аналогичный период прошлого года"
    (АППГ) and "аналогичный период 2024 года" are the title's months in the year before or the
    year named; "отчетный период" is the title's own period."""
    if reference is None or reference.kind != RANGE or not isinstance(text, str):
        return None
    t = _normalise(text)
    w = period_words()
    named = parse_period(t, search=True)
    year = named.year if named is not None and named.is_full_year() else None
    if w.same_period.search(t) or (w.previous.search(t) and year is None):
        if year is None:
            if not w.previous.search(t):
                return None
            year = reference.year - 1
        return month_range(year, reference.month_from, reference.month_to)
    if w.current.search(t) and year in (None, reference.year):
        return reference
    return None


def find_provisional(text) -> bool:
    """True when a title or footnote says the figures are preliminary."""
    return isinstance(text, str) and bool(period_words().provisional.search(_normalise(text)))
