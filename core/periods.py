"""Reporting periods: which span of time a figure covers, read from header cells and titles.

A period keeps its first and last day and its kind, so that a January-September figure is never
set against a full year and a snapshot count is never summed like a flow.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime

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
# Text is lower-cased and Kazakh letters are folded to their nearest Russian ones, because
# hand-typed Kazakh often replaces them anyway ("кантар" for "қаңтар").
_FOLD = str.maketrans("әғқңөұүһіё‐‑‒–—―−", "агкноуухие-------")
_L = r"[^\W\d_]*"  # the rest of an inflected word
_B, _E = r"(?<!\w)", r"(?!\w)"
_MONTH_WORDS = [w.replace("~", _L) for w in (
    r"январ~|янв|january|jan|кантар~", r"феврал~|фев|february|feb|акпан~",
    r"март~|мар|march|mar|наурыз~", r"апрел~|апр|april|apr|сау[иi]р~",
    r"ма[йяе]|may|мамыр~", r"июн~|june|jun|маусым~", r"июл~|july|jul|ш[иi]лде~",
    r"август~|авг|august|aug|тамыз~", r"сентябр~|сент|сен|september|sept|sep|кыркуйе[кг]~",
    r"октябр~|окт|october|oct|казан(?:[ыаодн]~)?", r"ноябр~|нояб|ноя|november|nov|караша~",
    r"декабр~|дек|december|dec|желтоксан~",
)]
_MONTH_RES = [re.compile(w) for w in _MONTH_WORDS]
_ORDINALS = {n: w.replace("~", _L) for n, w in {
    1: r"i|1|перв~|first|б[иi]р[иi]нш[иi]", 2: r"ii|2|втор~|second|ек[иi]нш[иi]",
    3: r"iii|3|трет~|third|уш[иi]нш[иi]", 4: r"iv|4|четверт~|fourth|торт[иi]нш[иi]"}.items()}
_ORDINAL_RES = {n: re.compile(w) for n, w in _ORDINALS.items()}


def _m(name: str) -> str:
    return rf"{_B}(?P<{name}>{'|'.join(_MONTH_WORDS)}){_E}\.?"


def _y(name: str = "y") -> str:
    return rf"(?<!\d)(?P<{name}>\d{{4}})(?!\d)"


_YEAR_WORD = rf"(?:жыл{_L}|ж\.|ж{_E}|год{_L}|г\.|г{_E}|year)"
_SCHOOL = rf"(?:уч(?:ебн{_L})?\.?\s*(?:год{_L}|г\.)|оку\s+жыл{_L}|(?:school|academic)\s+year)"
_TWO_YEARS = rf"{_y()}\s*[-/]\s*(?P<y2>\d{{4}}|\d{{2}})(?!\d)"
_ORDINAL_ANY = "|".join(sorted("|".join(_ORDINALS.values()).split("|"), key=len, reverse=True))
_ORD = rf"{_B}(?P<o>{_ORDINAL_ANY})\s*(?:-?\s*(?:й|ый|ой|ий|е|ое|я|ая|ши|ше|st|nd|rd|th){_E})?"
_UNIT = (rf"(?P<u>квартал{_L}|кв\.|кв{_E}|полугоди{_L}|half(?:-year)?|quarter|токсан{_L}"
         rf"|жартыжылды[кг]{_L})")
_MONTHS_WORD = rf"(?:месяц{_L}|мес\.|мес{_E}|months?|ай{_L})"
_SEP = r"\s*[(,:]?\s*"  # "январь-сентябрь (2025 г.)", "2025: январь-сентябрь"


class _Bad:
    """A period-like phrase that cannot be used: it blocks a weaker reading of the same words."""


_BAD = _Bad()


def _year(text: str) -> int:
    y = int(text)
    if not MIN_YEAR <= y <= MAX_YEAR:
        raise ValueError(y)
    return y


def _month(word: str) -> int:
    return next(i for i, r in enumerate(_MONTH_RES, 1) if r.fullmatch(word.rstrip(".")))


def _school(m) -> Period:
    first, second = _year(m["y"]), m["y2"]
    if int(second) != ((first + 1) % 100 if len(second) == 2 else first + 1):
        raise ValueError(second)
    return school_year(first)


def _two_years(m):
    # Consecutive years alone name a school year; "2023-2024 годы" lists years and is refused.
    return _school(m) if len(m["y2"]) == 4 and not m["w"] else _BAD


def _months(m) -> Period:
    return month_range(_year(m["y"]), _month(m["m1"]), _month(m["m2"]))


def _first_months(m) -> Period:
    return month_range(_year(m["y"]), 1, int(m["n"]))


def _part(m) -> Period:
    n = next((k for k, r in _ORDINAL_RES.items() if r.fullmatch(m["o"])), None)
    unit = m["u"][0]
    if n is None or (unit in "пhж" and n > 2):
        raise ValueError(m["o"])
    span = 6 if unit in "пhж" else 3
    return month_range(_year(m["y"]), span * (n - 1) + 1, span * n)


def _day(m) -> Period:
    month = int(m["mn"]) if m["mn"] else _month(m["m"])
    return snapshot(date(_year(m["y"]), month, int(m["d"])))


def _day_range(m) -> Period:
    """From one day to another: "с 1 января по 6 ноября 2025", "01.01.2025-06.11.2025"."""
    year2 = _year(m["y"])
    year1 = _year(m["y1"]) if m["y1"] else year2
    month1 = int(m["mn1"]) if m["mn1"] else _month(m["m1"])
    month2 = int(m["mn2"]) if m["mn2"] else _month(m["m2"])
    start, end = date(year1, month1, int(m["d1"])), date(year2, month2, int(m["d2"]))
    if start.year != end.year:
        raise ValueError("a day range must lie within one year")
    return Period(start, end, RANGE)


def _single_month(m) -> Period:
    month = int(m["mn"]) if m["mn"] else _month(m["m"])
    return month_range(_year(m["y"]), month, month)


_PATTERNS = [(re.compile(p), f) for p, f in (
    (rf"{_TWO_YEARS}\s*{_SCHOOL}", _school),
    (rf"{_SCHOOL}\s*:?\s*{_TWO_YEARS}", _school),
    (rf"{_y()}\s*[-/]\s*(?P<y2>\d{{4}})(?!\d)(?:\s*(?P<w>{_YEAR_WORD}))?", _two_years),
    (rf"(?:с\s+)?{_m('m1')}\s*(?:-|{_B}(?:по|to|through|until){_E})\s*{_m('m2')}{_SEP}{_y()}",
     _months),
    (rf"{_y()}\s*{_YEAR_WORD}?{_SEP}{_m('m1')}\s*-\s*{_m('m2')}", _months),
    (rf"(?<!\d)(?P<n>\d{{1,2}})\s*(?:-?(?:х|ти|ми|ть){_E})?\s*{_MONTHS_WORD}{_SEP}(?:of\s+)?{_y()}",
     _first_months),
    (rf"{_y()}\s*{_YEAR_WORD}?\s*(?P<n>\d{{1,2}})\s*(?:-?(?:ы|и){_E})?\s*{_MONTHS_WORD}",
     _first_months),
    (rf"{_ORD}\s*{_UNIT}{_SEP}(?:of\s+)?(?:the\s+)?{_y()}", _part),
    (rf"{_y()}\s*{_YEAR_WORD}?\s*{_ORD}\s*{_UNIT}", _part),
    (rf"{_B}(?P<u>[hq])(?P<o>[1-4])[\s-]*{_y()}", _part),
    (rf"(?:с\s+|from\s+)?(?<![\d.])(?P<d1>\d{{1,2}})\.(?P<mn1>\d{{1,2}})\.{_y('y1')}\s*(?:-|{_B}(?:по|to|until){_E})\s*"
     rf"(?P<d2>\d{{1,2}})\.(?P<mn2>\d{{1,2}})\.{_y()}(?P<m1>)(?P<m2>)", _day_range),
    (rf"(?:с\s+|from\s+)?(?<![\d.])(?P<d1>\d{{1,2}})\s*{_m('m1')}(?:\s*{_y('y1')})?\s*(?:-|{_B}(?:по|to|until){_E})\s*"
     rf"(?P<d2>\d{{1,2}})\s*{_m('m2')}\s*,?\s*{_y()}(?P<mn1>)(?P<mn2>)", _day_range),
    (rf"{_y()}\s*{_YEAR_WORD}?\s*(?P<d1>\d{{1,2}})\s*{_m('m1')}\s*-\s*(?P<d2>\d{{1,2}})\s*{_m('m2')}"
     rf"(?P<y1>)(?P<mn1>)(?P<mn2>)", _day_range),
    (rf"(?<![\d.])(?P<d>\d{{1,2}})\.(?P<mn>\d{{1,2}})\.{_y()}(?!\.\d)", _day),
    (rf"{_y()}-(?P<mn>\d{{1,2}})-(?P<d>\d{{1,2}})(?!\d)", _day),
    (rf"(?<![\d.])(?P<d>\d{{1,2}})(?:-?е)?\s*{_m('m')}\s*,?\s*{_y()}(?P<mn>)", _day),
    (rf"{_m('m')}\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s*{_y()}(?P<mn>)", _day),
    (rf"{_y()}\s*{_YEAR_WORD}?\s*(?P<d>\d{{1,2}})\s*-?\s*{_m('m')}(?P<mn>)", _day),
    (rf"{_m('m')}{_SEP}{_y()}(?P<mn>)", _single_month),
    (rf"{_y()}\s*{_YEAR_WORD}?\s*{_m('m')}(?P<mn>)", _single_month),
    (rf"(?<![\d.])(?P<mn>\d{{1,2}})\.{_y()}(?!\.\d)", _single_month),
    # "полугодие 2024" without saying which half, or months without their year: refused rather
    # than read as the whole year.
    (rf"{_B}(?:{_UNIT}|{_MONTHS_WORD}){_SEP}(?:of\s+)?{_y()}", lambda m: _BAD),
    (rf"{_m('m1')}\s*-\s*{_m('m2')}", lambda m: _BAD),
    (r"(?<![\d.,/-])(?P<y>\d{4})(?!\d|[.,/-]\d)", lambda m: month_range(_year(m["y"]), 1, 12)),
)]

# Words that may stand next to a period in a header cell without making it something else.
_FILLER = frozenset(
    "за в во на по с со состоянию год года году г жыл жылы жылгы жылдын жылга ж year of the for "
    "from as at on in period период жагдай жагдайы бойынша данные data предварительные "
    "предварительно предв preliminary provisional алдын ала".split())
# What a title is "за"/"for" wins; failing that, the date it is "по состоянию на"/"as of".
_PREFERRED = (re.compile(r"(?<!\w)(?:за|for|in)\s*$"), re.compile(r"(?<!\w)(?:на|as of|as at)\s*$"))
_PROVISIONAL = re.compile(r"предварител|предв\.|алдын[\s-]*ала|preliminar|provisional")


def _normalise(text: str) -> str:
    # A Cyrillic "І" typed for the Roman numeral I ("І полугодие").
    text = re.sub(r"(?<!\w)[IІ]{1,3}V?(?!\w)", lambda m: m.group().replace("І", "I"), text)
    return " ".join(text.lower().translate(_FOLD).split())


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

    found = []  # (start, end, period or _BAD)
    for pattern, build in _PATTERNS:
        for m in pattern.finditer(text):
            try:
                found.append((m.start(), m.end(), build(m)))
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
        if any(word not in _FILLER for word in re.findall(r"[^\W_]+", rest)):
            return None
    values = {v for _, _, v in chosen}
    if len(values) > 1 and search:
        # A title may name other periods for comparison; the one it is "за"/"for" wins.
        for preferred in _PREFERRED:
            marked = {v for s, _, v in chosen if preferred.search(text[:s])}
            if marked:
                values = marked
                break
    if len(values) != 1:
        return None
    value = values.pop()
    return None if value is _BAD else value


# --- the months a title gives to its columns ------------------------------------------------------
_SPANS = [(re.compile(p), f) for p, f in (
    (rf"{_m('m1')}\s*(?:-|{_B}по{_E})\s*{_m('m2')}", lambda m: (_month(m["m1"]), _month(m["m2"]))),
    (rf"(?<![\d.])(?P<n>\d{{1,2}})\s*(?:-?(?:х|ти|ми|ть){_E})?\s*{_MONTHS_WORD}", lambda m: (1, int(m["n"]))),
    (rf"{_ORD}\s*{_UNIT}", lambda m: (lambda p: (p.month_from, p.month_to))(_part({**m.groupdict(), "y": "2000"}))),
)]
_SPAN_WORDS = re.compile(rf"{_B}(?:{'|'.join(_MONTH_WORDS)}|{_MONTHS_WORD}|{_UNIT})")
_SAME_PERIOD = re.compile(r"аналогичн|соответствующ\w* период|(?<!\w)аппг(?!\w)|same period|corresponding period"
                          r"|сайкес кезен|тиисти кезен|осы кезен")
_PREVIOUS = re.compile(r"прошл|предыдущ|previous|last year|prior year|откен|(?<!\w)аппг(?!\w)")
_CURRENT = re.compile(r"отчетн\w* (?:период|год)|текущ|current|reporting period|есепти|агымдагы")


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
    spans = set()
    for pattern, build in _SPANS:
        for m in pattern.finditer(_normalise(text)):
            try:
                spans.add(build(m))
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
    return period is not None and period.is_full_year() and not _SPAN_WORDS.search(_normalise(str(text)))


def relative_period(text, reference: Period | None) -> Period | None:
    """The period a heading names relative to the title's: "аналогичный период прошлого года"
    (АППГ) and "аналогичный период 2024 года" are the title's months in the year before or the
    year named; "отчетный период" is the title's own period."""
    if reference is None or reference.kind != RANGE or not isinstance(text, str):
        return None
    t = _normalise(text)
    named = parse_period(t, search=True)
    year = named.year if named is not None and named.is_full_year() else None
    if _SAME_PERIOD.search(t) or (_PREVIOUS.search(t) and year is None):
        if year is None:
            if not _PREVIOUS.search(t):
                return None
            year = reference.year - 1
        return month_range(year, reference.month_from, reference.month_to)
    if _CURRENT.search(t) and year in (None, reference.year):
        return reference
    return None


def find_provisional(text) -> bool:
    """True when a title or footnote says the figures are preliminary."""
    return isinstance(text, str) and bool(_PROVISIONAL.search(_normalise(text)))
