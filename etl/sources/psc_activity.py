"""Monthly activity report of one Psychological Support Centre (ЦПП / ПҚО / PSC).

Layout: a title naming the centre's region and the month ("Отчет ЦПП Акмолинской области за март
2025 года", "Ақмола облысы ПҚО-ның 2025 жылғы наурыз айындағы есебі", "PSC Akmola Region:
activity report, March 2025"), then indicators as ROWS: an optional "№" column, the indicator
name, an optional unit column and one column of values headed "Количество", "Значение", "Всего",
"Саны", "Value" or the month. Section heading rows without values ("Консультации", "Источники
обращений", "Переадресация") give context to short row labels ("Очные", "Полиция").
A workbook may hold one month per sheet; every sheet is a report of its own.

How a sheet is read:
- the label column is the column whose cells name the most indicators; the value column is the
  column right of it holding numbers in the indicator rows (if several do, the one headed by a
  value word or by the month wins; "с начала года" / year-to-date, previous-period and "%"
  columns are never read);
- the region comes from the text above the indicator rows (title lines, "Регион:" cells), found
  inside the sentence by etl.region_text; the month from the same text, from the value column's
  heading or from the sheet name ("Март 2025"; "Март" takes its year from the title). Two
  different regions or months are a refusal, and so is no region or no month;
- indicator names are matched by keywords in Russian, Kazakh or English in any order (see
  ``classify``); an unknown row with a value is a warning at its cell; each of the 19 measures
  is required once per sheet.

Impossible figures: a centre of about 100 specialists (more than any centre had in 2025), each
giving at most 8 sessions on each of about 23 working days, cannot hold more than roughly 18,400
consultations a month; the four kinds of consultations together above CONSULTATIONS_MAX (20,000)
are refused, as is any single measure above its MEASURE_MAX (typically a year-to-date total or an
extra digit). A count of cases or referrals above the number of children served is possible only
through an error in one of them (a child is counted once however many cases it brings): a warning.
"""
from __future__ import annotations

import re
from datetime import date, datetime

from etl.figures import ParsedFile
from etl.messages import N_, Message, Quoted, error, info, warning
from etl.periods import RANGE, Period, month_range, parse_period
from etl.reading import Sheet, a1
from etl.region_text import find_regions
from etl.sources import common
from etl.table import norm
from core.contracts import spec
from etl.vocabulary import file_name as vocabulary_file, vocabulary
from core.text import fold as fold_text
from etl.values import NOT_AVAILABLE

ID = "psc_activity"

MEASURES = (  # in the order of the report form; the contract (data/sources/psc_activity.toml) requires each
    "children_served",
    "consultations_in_person", "consultations_online", "consultations_group", "consultations_family",
    "cases_bullying", "cases_cyberbullying", "cases_violence_family", "cases_violence_outside", "cases_suicidal",
    "referrals_in_school", "referrals_in_111", "referrals_in_police", "referrals_in_parents", "referrals_in_self",
    "referrals_out_police", "referrals_out_health", "referrals_out_guardianship",
    "crisis_responses",
)
CONSULTATIONS = tuple(m for m in MEASURES if m.startswith("consultations_"))
SCAN_COLS = 8
MIN_INDICATOR_ROWS = 5

# --- vocabulary --------------------------------------------------------------------------------
# Text is lower-cased and Kazakh letters are folded to their nearest Russian ones (hand-typed
# Kazakh often does the same), so every pattern below is written without Kazakh letters.
_KAZAKH_LETTERS = re.compile("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
_KAZAKH_WORDS = re.compile(r"жолдан|жибер|келип|саны|бойынша|жагдай|тускен|мектеп|ата-ана|органдар|уйымдар")


def fold(text) -> str:
    return fold_text(text)


def _rx(*parts: str) -> re.Pattern:
    return re.compile("|".join(parts))


_B = r"(?<![^\W\d_])"  # start of a word
CONSULT = _rx("консульт", "кенес", "consult", "counsel", "сеанс", "session")
CONSULT_KINDS = {  # order matters: "заочные" holds "очн", "индивидуальные онлайн" is online
    "consultations_online": _rx("онлайн", "online", "on-line", "дистанц", "remote", "видео", "video", "заочн",
                                "кашыктык", "интернет", "internet"),
    "consultations_group": _rx("групп", "group", "топтык", r"топ(?:пен|ка|та)\b"),
    "consultations_family": _rx(_B + "семейн", _B + "семь", "family", "families", "отбас", "родител", "parent",
                                r"ата-ана"),
    "consultations_in_person": _rx(_B + "очн", "личн", "in person", "in-person", "face-to-face", "face to face",
                                   "бетпе", "индивидуал", "individual", _B + "жеке", "тикелей"),
}
CYBER = _rx("кибер", "cyber", r"интернет[- ]?травл", r"онлайн[- ]?травл", "online bull", r"желид\w* кудала")
BULLYING = _rx("буллинг", "bullying", "травл", "кудалау", "коркыту", "зорбалык")
VIOLENCE = _rx("насили", "жесток", "violen", "abuse", "зорлык", "зомбылык", "избиени", "побо")
VIOLENCE_OUTSIDE = _rx(_B + "вне" + r"(?!\w)", "outside", r"extra-?familial", "не в семье", "за пределами",
                       r"отбас\w* тыс", r"(?<!\w)тыс(?!\w)", "сыртында", "на улиц", "в школ", "сверстник",
                       "peer", "street", "community")
VIOLENCE_FAMILY = _rx(_B + "сем", "бытов", "домашн", "family", "domestic", r"intra-?familial", "отбас", "уйде",
                      r"(?<!\w)home")
SUICIDAL = _rx("суицид", "suicid", "самоубийств", "самоповрежд", r"self[- ]?harm", r"оз\w*-оз\w*", "ozin")
CRISIS = _rx("кризис", "crisis", "дагдарыс", "экстренн", "emergency", "жедел")
RESPONSE = _rx("выезд", "выход", "реагир", "respon", "call-?out", "мобильн", "mobile", "ден кою", "шыгу",
               "шыкты", "бригад")
MOBILE_TEAM = _rx(r"мобильн\w* групп", r"mobile (?:team|group|unit|crisis)", r"мобиль?ди топ", r"выезд\w* мобильн")
CHILD = _rx(_B + "дет", "ребен", "несовершеннолет", "child", _B + "бала", "камелет", "pupil", "учащ",
            "подрост", "adolesc", "жасоспирим", "young people")
SERVED = _rx("обслуж", "получ", "охвач", "охват", "помощь", "помощи", "served", "supported", "support",
             "receiv", "help", "assist", "кызмет", "комек", "камтыл", "reached", "обратившихся", "принят")
SERVED_ALONE = _rx("обслужено", r"(?<!\w)served", "получили помощь", "комек алган", "кызмет корсетил")
TOTAL = _rx(r"(?<!\w)(?:всего|итого|total|барлыгы|жиыны|overall)(?!\w)")

TARGETS = {
    "school": _rx("школ", "school", "образован", "мектеп", r"билим беру", "учебн", "педагог", "college",
                  "колледж", "education"),
    "111": _rx(r"(?<!\d)111(?!\d)", r"контакт[- ]?центр", r"телефон\w* довери", "helpline", "hotline",
               "help line", r"сеним телефон", r"байланыс орталы"),
    "police": _rx("полиц", "police", "ювенал", _B + r"мвд(?!\w)", _B + r"овд(?!\w)", _B + r"пдн(?!\w)",
                  "правоохран", "law enforcement", r"ишки истер", r"внутренн\w* дел"),
    "parents": _rx("родител", r"законн\w* представ", "parent", r"ата-ана", "ата ана", "guardians and",
                   "мать", "mother", "father", "отец"),
    "self": _rx("самостоят", r"self[- ]?refer", "walk-in", "own initiative", "on their own", "themselves",
                "самообращ", r"оз бетимен", "оздигинен", r"оз еркимен", r"(?<!\w)self(?![- ]?harm)"),
    "health": _rx("здрав", "медицин", "medical", "health", "hospital", "clinic", "поликлин", "больниц",
                  "психиатр", "денсаулык", "емхан", "аурухан"),
    "guardianship": _rx("опек", "попечит", "guardianship", "корганшы", "камкоршы", "custody"),
}
IN_TARGETS = {"school": "referrals_in_school", "111": "referrals_in_111", "police": "referrals_in_police",
              "parents": "referrals_in_parents", "self": "referrals_in_self"}
OUT_TARGETS = {"police": "referrals_out_police", "health": "referrals_out_health",
               "guardianship": "referrals_out_guardianship"}
OUT_SIGNAL = _rx("перенаправ", "переадрес", r"передан\w* (?:в|во)\s", r"направ\w* (?:в|во)\s",
                 "referred to", r"referrals? to", "referred on", "onward", "outgoing", r"referrals? out",
                 r"out-?referr", "sent to", "outbound", "жиберилг", "жиберилд", "жолданды", r"(?<!\w)куда(?!\w)",
                 r"кайта жолда", r"(?<!\w)кайда(?!\w)")
IN_SIGNAL = _rx("поступ", "обратил", "обращени", "источник", r"(?<!\w)из\s", r"(?<!\w)от\s", "from",
                "referred by", r"referrals? in(?!\w)", "incoming", "inbound", r"келип туск", "келген",
                "тарапынан", "жугин", "откуда", "кайдан", r"source")
REFERRAL_WORDS = _rx("направ", "обращ", "referr", "referral", "жолда", "жибер", "переадрес", "перенаправ",
                     "источник", "поступ", "обратил", "source", "келип")
_ABLATIVE = re.compile(r"(?:дан|ден|тан|тен|нан|нен)$")
_DATIVE = re.compile(r"(?:га|ге|ка|ке|на|не)$")
_SUBROW = re.compile(r"^(?:в том числе|в т\.\s?ч\.?|из них|including|of which|сонын ишинде)[\s:]*$")
NUMBERING = re.compile(r"^\(?(?:[0-9]{1,2}(?:[.)][0-9]{0,2})*\.?\)?|[ivx]{1,4}[.)]?|[а-д]\))$")

# Column headings.
VALUE_HEADINGS = _rx("количеств", "кол-во", "значени", "всего", "саны", "value", "count", "number", "число",
                     "барлыгы", "итого", "total", "факт", "мани", "за месяц", "за отчетный", "айына", "month",
                     "есепти")
SKIP_HEADINGS = _rx("с начала", "нарастающ", "year to date", "year-to-date", "ytd", "cumulative", "жыл басынан",
                    "прошл", "аналогичн", "previous", "last year", "откен", "план", "plan", "%", "доля", "share",
                    "ед. изм", "ед.изм", "единиц", "unit", "олшем", "примечан", "note", "ескерт")
LABEL_HEADINGS = _rx("показател", "наименован", "индикатор", "indicator", "корсеткиш", "атау", "item",
                     "measure", "вид ")
PSC_MARKERS = _rx("цпп", "центр психологической поддержки", "центров психологической поддержки", "пко",
                  r"психологиялык колдау орталы", r"psychological support cent", r"(?<!\w)psc(?!\w)")
_PERIOD_LABEL = _rx("период", "месяц", "кезен", r"(?<!\w)ай(?!\w)", "period", "month", "отчетн")

# Families of keywords for recognising the report among other sources.
_FAMILIES = (CONSULT, BULLYING, VIOLENCE, MOBILE_TEAM, SERVED_ALONE, _rx("переадрес", "перенаправ",
             "referral", "referred", "жолдан", "жиберил", "источники обращ"), SUICIDAL)


def score(text: str) -> int:
    """High only for these reports: a centre marker and several activity keywords (the groups of
    data/vocabulary/psc_activity.toml)."""
    return vocabulary(ID).score(text)


# --- indicator names ---------------------------------------------------------------------------
def classify(label: str, section: str | None = None) -> tuple[str | None, str]:
    """(measure, why) for a row label; measure None with why "unknown", "ambiguous" or "total".

    ``section`` is the context given by the heading rows above: "in" (sources of referral),
    "out" (onward referrals), "consult" or None.
    """
    exact = vocabulary(ID).match(label, "rows")
    if exact.name is not None:
        return exact.name, ""
    if exact.ambiguous:
        return None, "ambiguous"
    if vocabulary(ID).is_ignored(label):  # a label a data manager marked "not a measure"
        return None, "form"
    text = fold(label)
    kazakh = bool(_KAZAKH_LETTERS.search(str(label)) or _KAZAKH_WORDS.search(text))
    # Mobile-group crisis responses first: "выезды мобильной группы по суицидальным случаям".
    if MOBILE_TEAM.search(text) or (CRISIS.search(text) and RESPONSE.search(text)):
        return "crisis_responses", ""
    case = _case(text)
    own_referral = bool(REFERRAL_WORDS.search(text) or IN_SIGNAL.search(text) or OUT_SIGNAL.search(text))
    # A case row under a referral heading ("Насилие в школе") is still a case; the label's own
    # referral words ("направлено в полицию по фактам насилия") make it a referral.
    if case is not None and not own_referral:
        return case
    referral = _referral(text, kazakh, section)
    if referral is not None:
        return referral
    if case is not None:
        return case
    if CONSULT.search(text) or section == "consult":
        kinds = [m for m, rx in CONSULT_KINDS.items() if rx.search(text)]
        if kinds:
            return kinds[0], ""
        if CONSULT.search(text):
            return None, "total"
    if SERVED_ALONE.search(text) or (CHILD.search(text) and (SERVED.search(text) or TOTAL.search(text))):
        return "children_served", ""
    if TOTAL.search(text) and section in ("in", "out"):
        return None, "total"
    # A bare institution ("Школы", "Полиция") with no heading above it: a referral if its
    # direction can only be one way.
    late = _referral(text, kazakh, section, lenient=True)
    return late if late is not None else (None, "unknown")


def _case(text: str) -> tuple[str | None, str] | None:
    if CYBER.search(text):
        return "cases_cyberbullying", ""
    if BULLYING.search(text):
        return "cases_bullying", ""
    if VIOLENCE.search(text):
        if VIOLENCE_OUTSIDE.search(text):
            return "cases_violence_outside", ""
        if VIOLENCE_FAMILY.search(text):
            return "cases_violence_family", ""
        return None, "ambiguous"
    if SUICIDAL.search(text):
        return "cases_suicidal", ""
    return None


def _referral(text: str, kazakh: bool, section: str | None, *, lenient: bool = False) -> tuple[str | None, str] | None:
    targets = [(name, m.start(), m.end()) for name, rx in TARGETS.items() if (m := rx.search(text))]
    if not targets:
        if section in ("in", "out") and TOTAL.search(text) and not CHILD.search(text):
            return None, "total"
        return None
    # "Родители/законные представители" and "обратились самостоятельно" are one target each,
    # but a row naming two institutions ("в полицию и органы опеки") cannot be split.
    if not (lenient or REFERRAL_WORDS.search(text) or section in ("in", "out") or IN_SIGNAL.search(text)
            or OUT_SIGNAL.search(text)):
        return None
    direction = _direction(text, kazakh, targets[0][1], targets[0][2]) or section
    names = [t[0] for t in targets]
    if direction == "in":
        found = {IN_TARGETS[n] for n in names if n in IN_TARGETS}
    elif direction == "out":
        found = {OUT_TARGETS[n] for n in names if n in OUT_TARGETS}
    else:
        found = {IN_TARGETS[n] for n in names if n in IN_TARGETS and n not in OUT_TARGETS} | \
                {OUT_TARGETS[n] for n in names if n in OUT_TARGETS and n not in IN_TARGETS}
        if any(n in IN_TARGETS and n in OUT_TARGETS for n in names) and not found:
            return None, "ambiguous"
    if len(found) == 1:
        return found.pop(), ""
    if len(found) > 1:
        return None, "ambiguous"
    return None, "unknown"


def _direction(text: str, kazakh: bool, start: int, end: int) -> str | None:
    """Whether the words around a target say it sent the child (in) or received it (out)."""
    if kazakh:
        following = re.findall(r"[^\W\d_]+", text[start:])[:3]
        for word in following:
            if _ABLATIVE.search(word):
                return "in"
            if _DATIVE.search(word) and len(word) > 4:
                return "out"
    signals = [(m.start(), "out") for m in OUT_SIGNAL.finditer(text)] + \
              [(m.start(), "in") for m in IN_SIGNAL.finditer(text)]
    before = [s for s in signals if s[0] < start]
    if before:
        return max(before)[1]
    after = [s for s in signals if s[0] >= end]
    return min(after)[1] if after else None


def heading_section(label: str, current: str | None) -> str | None:
    """The context a heading row sets for the rows below it."""
    text = fold(label)
    if _SUBROW.match(text):
        return current
    if OUT_SIGNAL.search(text) and not IN_SIGNAL.search(text):
        return "out"
    if IN_SIGNAL.search(text) and not OUT_SIGNAL.search(text):
        return "in"
    if OUT_SIGNAL.search(text) and IN_SIGNAL.search(text):
        first_out = OUT_SIGNAL.search(text).start()
        first_in = IN_SIGNAL.search(text).start()
        return "out" if first_out < first_in else "in"
    if CONSULT.search(text) and not any(rx.search(text) for rx in CONSULT_KINDS.values()):
        return "consult"
    return None


def _any_indicator(text: str) -> bool:
    """Loose test used to find the label column: the cell mentions some indicator."""
    f = fold(text)
    return bool(CONSULT.search(f) or BULLYING.search(f) or CYBER.search(f) or VIOLENCE.search(f)
                or SUICIDAL.search(f) or CRISIS.search(f) or MOBILE_TEAM.search(f) or SERVED_ALONE.search(f)
                or (CHILD.search(f) and SERVED.search(f))
                or any(rx.search(f) for rx in TARGETS.values()) or REFERRAL_WORDS.search(f))


# --- the sheet ---------------------------------------------------------------------------------
_NUMERIC = re.compile(r"[-–—−]?[\d\s\u00a0.,'’]+\*?|[-–—−‐]+|\.{2,}|…+|н/д|x|х|n/a")


def _is_text(value) -> bool:
    return isinstance(value, str) and bool(value.strip()) and not _NUMERIC.fullmatch(norm(value))


def _is_numeric(value) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return True
    return isinstance(value, str) and bool(value.strip()) and bool(_NUMERIC.fullmatch(norm(value)))


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _label_column(sheet: Sheet) -> int | None:
    best = None
    for col in range(min(SCAN_COLS, sheet.width)):
        hits = sum(1 for row in range(sheet.height)
                   if _is_text(sheet.value(row, col)) and _any_indicator(sheet.value(row, col)))
        if hits and (best is None or hits > best[0]):
            best = (hits, col)
    if best is None or best[0] < MIN_INDICATOR_ROWS:
        return None
    return best[1]


def _row_label(sheet: Sheet, row: int, label_col: int, value_col: int | None) -> tuple[str, int]:
    """The row's label and its column: the label cell, or the first text left of the values
    (section headings are often typed in the "№" column and merged across)."""
    raw = sheet.merged_value(row, label_col)
    if _is_text(raw) and not NUMBERING.fullmatch(fold(raw)):
        return _text(raw), label_col
    stop = value_col if value_col is not None else sheet.width
    for col in range(0, stop):
        raw = sheet.value(row, col)
        if _is_text(raw) and not NUMBERING.fullmatch(fold(raw)):
            return _text(raw), col
    return "", label_col


def parse(sheet: Sheet, result: ParsedFile) -> None:
    label_col = _label_column(sheet)
    if label_col is None:
        result.messages.append(error(N_("no indicator rows found (expected rows such as consultations, "
                                        "cases of bullying, referrals)"), sheet=sheet.name))
        return
    indicator_rows = [r for r in range(sheet.height)
                      if _is_text(sheet.value(r, label_col)) and _any_indicator(sheet.value(r, label_col))]
    first_valued = next((r for r in indicator_rows
                         if any(_is_numeric(v) for v in sheet.rows[r][label_col + 1:])), indicator_rows[0])
    header_row = _header_row(sheet, first_valued, label_col)
    value_col, header_period = _value_column(sheet, result, label_col, indicator_rows, header_row)
    if value_col is None:
        return
    start = header_row + 1 if header_row is not None else _table_start(sheet, first_valued)
    valued = [r for r in range(start, sheet.height) if _is_numeric(sheet.value(r, value_col))
              and _row_label(sheet, r, label_col, value_col)[0]]
    end = _table_end(sheet, valued[-1] if valued else start, label_col, value_col)
    title_rows = range(0, header_row if header_row is not None else start)
    title_text = " ".join(_text(v) for r in title_rows for v in sheet.rows[r] if _is_text(v))
    footer_text = " ".join(_text(v) for r in range(end + 1, sheet.height) for v in sheet.rows[r] if _is_text(v))

    period = _find_period(sheet, result, title_rows, header_row, value_col, header_period)
    region = _find_region(sheet, result, title_rows, period)
    if period is None or region is None:
        return

    rows_text = []
    found: dict[str, object] = {}
    pending = []  # known indicators with an empty cell: headings unless the indicator has no other row
    section = None
    for row in range(start, end + 1):
        label, col = _row_label(sheet, row, label_col, value_col)
        raw = sheet.value(row, value_col)
        if not label:
            if _is_numeric(raw) and not _is_number_row(sheet, row):
                result.messages.append(warning(N_("a figure without an indicator name is not loaded"),
                                               sheet=sheet.name, cell=a1(row, value_col)))
            continue
        rows_text.append(label)
        measure, why = classify(label, section)
        if not _text(raw):
            if measure is None:
                section = heading_section(label, section)
            else:
                pending.append((row, label, measure))
            continue
        if measure is None:
            result.ignore(sheet.name, a1(row, col), label, why)
            if why == "total":
                result.messages.append(info(N_('total row "{label}" is not stored (totals are recomputed)'),
                                            sheet=sheet.name, cell=a1(row, col), label=label))
            elif why == "form":
                pass  # part of the form, as the vocabulary says: listed as ignored, no warning
            elif why == "ambiguous":
                result.messages.append(error(N_('row "{label}" matches more than one indicator; it is not guessed: '
                                                'word the row or the vocabulary ({file}) so that it names one'),
                                             sheet=sheet.name, cell=a1(row, col), label=label,
                                             file=vocabulary_file(ID)))
            else:
                result.messages.append(warning(
                    N_('row "{label}" is not a known indicator and is not loaded (closest known wordings: {closest}); '
                       'to load it, add its wording to {file}'), sheet=sheet.name, cell=a1(row, col), label=label,
                    closest=Quoted(vocabulary(ID).closest(label, "rows"), ", "),
                    file=vocabulary_file(ID)))
            continue
        if measure in found:
            result.messages.append(error(N_('indicator {measure} appears twice (first at {first_cell}): "{label}"'),
                                         sheet=sheet.name, cell=a1(row, col), measure=measure,
                                         first_cell=found[measure].cell, label=label))
            continue
        result.use(sheet.name, a1(row, col), label, measure)
        _read(sheet, result, found, row, value_col, region, period, measure)
    for row, label, measure in pending:
        if measure not in found:
            result.use(sheet.name, a1(row, label_col), label, measure)
            _read(sheet, result, found, row, value_col, region, period, measure)

    missing = [m for m in spec(ID).required if m not in found]
    if missing:
        vocab = vocabulary(ID)
        known = [w.text for m in missing for w in vocab.table("rows").get(m).words[:2]] if all(
            m in vocab.table("rows") for m in missing) else []
        result.messages.append(error(N_("required indicators missing: {missing} (rows found: {found}; known wordings: "
                                        "{known}; add a new wording to {file})"), sheet=sheet.name,
                                     cell=a1(start, label_col), missing=", ".join(missing),
                                     found=Quoted(rows_text),
                                     known=Quoted(known, ", "), file=vocabulary_file(ID)))
    _check_plausible(sheet, result, {m: f for m, f in found.items() if not isinstance(f, _Placeholder)})
    text = " ".join([title_text, footer_text, sheet.name] + rows_text)
    result.provisional |= common.is_provisional(title_text, footer_text)
    result.illustrative |= common.is_illustrative(text)


def _read(sheet: Sheet, result: ParsedFile, found: dict, row: int, col: int, region: str, period: Period,
          measure: str) -> None:
    figure, problem = common.read_count(sheet, row, col, region_code=region, period=period, measure=measure)
    if problem is not None:
        result.messages.append(problem)
        found[measure] = _Placeholder(a1(row, col))
        return
    if figure.missing == NOT_AVAILABLE:
        result.messages.append(warning(N_("{measure}: no data in the report, stored as missing"),
                                       sheet=sheet.name, cell=figure.cell, measure=measure))
    elif figure.missing is not None:
        result.messages.append(warning(N_("{measure}: the cell is empty, stored as missing"),
                                       sheet=sheet.name, cell=figure.cell, measure=measure))
    found[measure] = figure
    result.figures.append(figure)


class _Placeholder:
    """A measure whose row was found but whose value was refused (so it is not also "missing")."""

    def __init__(self, cell: str):
        self.cell = cell


def _is_number_row(sheet: Sheet, row: int) -> bool:
    values = [v for v in sheet.rows[row] if _text(v)]
    try:
        numbers = [int(float(_text(v))) for v in values]
    except ValueError:
        return False
    return len(numbers) >= 2 and numbers == sorted(numbers) and numbers[0] <= 2


def _header_row(sheet: Sheet, first_indicator: int, label_col: int) -> int | None:
    """The column-heading row above the first indicator; blank rows, a row of column numbers and
    single-cell section headings may stand between them."""
    for row in range(first_indicator - 1, max(-1, first_indicator - 9), -1):
        cells = [fold(sheet.merged_value(row, c)) if _is_text(sheet.merged_value(row, c)) else ""
                 for c in range(sheet.width)]
        texts = [t for t in cells if t]
        if not texts or _is_number_row(sheet, row):
            continue
        label_cell = cells[label_col] if label_col < len(cells) else ""
        right = [t for t in cells[label_col + 1:] if t]
        if LABEL_HEADINGS.search(label_cell):
            return row
        if (not label_cell or "№" in label_cell) and any(
                VALUE_HEADINGS.search(t) or SKIP_HEADINGS.search(t) or _month_heading(t) for t in right):
            return row
        if len(set(texts)) > 1:
            return None
    return None


def _month_heading(text: str) -> bool:
    period = parse_period(text, search=True)
    return period is not None and period.kind == RANGE and period.month_from == period.month_to \
        or _bare_month(text) is not None


def _table_start(sheet: Sheet, first_indicator: int) -> int:
    """Without a column heading, the table starts at the first indicator, or at the section
    headings right above it."""
    row = first_indicator
    while row > 0:
        above = [v for v in sheet.rows[row - 1] if _text(v)]
        if len(above) != 1 or not _is_text(above[0]) or heading_section(above[0], None) is None:
            break
        row -= 1
    return row


def _table_end(sheet: Sheet, last_valued: int, label_col: int, value_col: int) -> int:
    """The last valued row, or a known indicator with an empty cell right below it."""
    end = last_valued
    row = last_valued + 1
    while row < sheet.height:
        label, _ = _row_label(sheet, row, label_col, value_col)
        if not label or classify(label)[0] is None or len([v for v in sheet.rows[row] if _text(v)]) > 3:
            break
        end = row
        row += 1
    return end


def _value_column(sheet: Sheet, result: ParsedFile, label_col: int, indicator_rows: list[int],
                  header_row: int | None) -> tuple[int | None, Period | None]:
    counts = {}
    for col in range(label_col + 1, sheet.width):
        n = sum(1 for r in indicator_rows if _is_numeric(sheet.value(r, col)))
        if n:
            counts[col] = n
    headings = {col: _heading_text(sheet, header_row, col) for col in counts}
    candidates = [c for c in counts if not SKIP_HEADINGS.search(fold(headings[c]))]
    if not candidates:
        result.messages.append(error(N_("no column of figures found to the right of the indicator names"),
                                     sheet=sheet.name, cell=a1(header_row if header_row is not None else indicator_rows[0],
                                                               label_col)))
        return None, None
    if len(candidates) > 1:
        preferred = [c for c in candidates if VALUE_HEADINGS.search(fold(headings[c])) or _month_heading(fold(headings[c]))]
        if len(preferred) == 1:
            candidates = preferred
        else:
            best = max(counts[c] for c in candidates)
            fullest = [c for c in candidates if counts[c] == best]
            if len(fullest) == 1 and best >= 2 * sorted(counts[c] for c in candidates)[-2]:
                candidates = fullest
            else:
                cells = ", ".join(a1(header_row if header_row is not None else indicator_rows[0], c)
                                  for c in (preferred or candidates))
                result.messages.append(error(N_("several columns hold figures ({cells}); the month's column "
                                                "cannot be told apart (head it \"Количество\" or with the month)"),
                                             sheet=sheet.name, cell=cells.split(", ")[0], cells=cells))
                return None, None
    col = candidates[0]
    heading = headings[col]
    period = None
    if heading:
        p = parse_period(heading, search=True)
        if p is not None and p.kind == RANGE and p.month_from == p.month_to:
            period = p
    return col, period


def _heading_text(sheet: Sheet, header_row: int | None, col: int) -> str:
    if header_row is None:
        return ""
    parts = []
    for row in range(max(0, header_row - 1), header_row + 1):
        t = _text(sheet.merged_value(row, col))
        if t and t not in parts and (row == header_row or _is_text(t)):
            parts.append(t)
    return " ".join(parts)


# --- region and month --------------------------------------------------------------------------
def _title_cells(sheet: Sheet, rows) -> list[tuple[int, int, object]]:
    return [(r, c, v) for r in rows for c, v in enumerate(sheet.rows[r])
            if (isinstance(v, str) and v.strip()) or isinstance(v, (date, datetime))]


def _bare_month(text: str) -> int | None:
    """A month named without its year ("Март", "наурыз"), as in a sheet name."""
    probe = parse_period(f"{text} 2000", search=True)
    if probe is not None and probe.kind == RANGE and probe.month_from == probe.month_to and probe.year == 2000:
        return probe.month_from
    return None


def _monthly(period: Period | None) -> bool:
    return period is not None and period.kind == RANGE and period.month_from == period.month_to


def _find_period(sheet: Sheet, result: ParsedFile, title_rows, header_row, value_col,
                 header_period: Period | None) -> Period | None:
    found: list[tuple[Period, str]] = []  # (period, where)
    other: list[tuple[Period, str]] = []
    years: set[int] = set()
    for r, c, v in _title_cells(sheet, title_rows):
        where = a1(r, c)
        if isinstance(v, (date, datetime)):
            label = fold(sheet.value(r, c - 1)) if c else ""
            if _PERIOD_LABEL.search(label):
                d = v.date() if isinstance(v, datetime) else v
                found.append((month_range(d.year, d.month, d.month), where))
            continue
        p = parse_period(v, search=True)
        if p is None:
            continue
        if _monthly(p):
            found.append((p, where))
        elif p.kind == RANGE:
            if p.is_full_year():
                years.add(p.year)
            else:
                other.append((p, where))
    if header_period is not None:
        found.append((header_period, a1(header_row, value_col)))
    sheet_period = parse_period(sheet.name, search=True)
    if _monthly(sheet_period):
        found.append((sheet_period, f'"{sheet.name}"'))
    else:
        month = _bare_month(sheet.name)
        if month is None and header_row is not None:
            heading = _heading_text(sheet, header_row, value_col)
            month = _bare_month(heading) if heading else None
        if month is not None and len(years) == 1:
            year = years.pop()
            found.append((month_range(year, month, month), f'"{sheet.name}"'))
    distinct = list(dict.fromkeys(p for p, _ in found))
    if len(distinct) == 1:
        return distinct[0]
    if len(distinct) > 1:
        places = "; ".join(f"{p.label('ru')} ({where})" for p, where in found)
        result.messages.append(error(N_("the report names different months: {places}"), sheet=sheet.name,
                                     places=places))
        return None
    if other:
        p, where = other[0]
        result.messages.append(error(N_("the report covers {period}; a monthly report covers one month"),
                                     sheet=sheet.name, cell=where, period=p.label("ru")))
        return None
    result.messages.append(error(N_('no month found in the title, a "Период:" cell or the sheet name '
                                    '(expected e.g. "за март 2025 года")'), sheet=sheet.name,
                                 cell=a1(min(title_rows, default=0), 0)))
    return None


def _find_region(sheet: Sheet, result: ParsedFile, title_rows, period: Period | None) -> str | None:
    start = period.start if period else None
    end = period.end if period else None
    mentions = []
    for r, c, v in _title_cells(sheet, title_rows):
        if not isinstance(v, str):
            continue
        for m in find_regions(v, period_start=start, period_end=end):
            mentions.append((m, a1(r, c)))
    codes = list(dict.fromkeys(m.code for m, _ in mentions))
    if not codes:
        first = min(title_rows, default=0)
        result.messages.append(error(N_('no region found in the title (expected e.g. "Отчет ЦПП Акмолинской '
                                        'области за март 2025 года" or a "Регион:" cell)'),
                                     sheet=sheet.name, cell=a1(first, 0)))
        return None
    if len(codes) > 1:
        named = "; ".join(f'"{m.words}" ({cell})' for m, cell in mentions)
        result.messages.append(error(N_("the title names more than one region: {named}"), sheet=sheet.name,
                                     cell=mentions[0][1], named=named))
        return None
    seen = set()
    for m, cell in mentions:
        for msg in m.resolution.messages:
            if (msg.msgid, cell) not in seen:
                seen.add((msg.msgid, cell))
                result.messages.append(Message(msg.level, msg.msgid, msg.params, sheet.name, cell))
    if any(m.resolution.kind != "region" for m, _ in mentions):
        return None  # a region that did not exist yet in that month: said once, at the title
    return codes[0]


# --- impossible figures ------------------------------------------------------------------------
def _check_plausible(sheet: Sheet, result: ParsedFile, found: dict) -> None:
    contract = spec(ID)
    for measure, f in found.items():
        limit = int(contract.measures[measure].high)
        if f.value is not None and f.value > limit:
            result.messages.append(error(N_("{measure} = {value} is impossible for one centre in one month "
                                            "(at most {limit} expected)"), sheet=sheet.name, cell=f.cell,
                                         measure=measure, value=int(f.value), limit=limit))
    consultations = [found[m] for m in CONSULTATIONS if m in found and found[m].value is not None]
    total = sum(f.value for f in consultations)
    most = contract.options["consultations_max"]
    if total > most:
        result.messages.append(error(N_("{value} consultations in one month is impossible for one centre "
                                        "(at most {limit} expected)"), sheet=sheet.name,
                                     cell=consultations[0].cell, value=int(total), limit=most))
    served = found.get("children_served")
    if served is None or served.value is None:
        return
    for measure, f in found.items():
        if measure.startswith(("cases_", "referrals_")) and f.value is not None and f.value > served.value:
            result.messages.append(warning(N_("{measure} ({value}) is larger than the number of children served "
                                              "({served}, {served_cell})"), sheet=sheet.name, cell=f.cell,
                                           measure=measure, value=int(f.value), served=int(served.value),
                                           served_cell=served.cell))
