"""Sample monthly activity reports of the Psychological Support Centres (source ``psc_activity``).

Every figure here is ILLUSTRATIVE: no centre's monthly report is published. One report is written
per centre and month, from the month the centre opened (etl/sample/psc_figures.PSC_OPENED) to
September 2025, as ``psc_activity/psc_activity_<region code>_<YYYY-MM>.xlsx``. The figures grow
with the centre's staff and with the region's child population:

- staff: the number of specialists in all centres, interpolated between the published totals of
  PSC_SNAPSHOTS (468 in November 2024, 595 in February 2025) and illustrative points before and
  after them, is shared among the centres open at mid-month with the weights the network
  snapshots use (the five best-staffed regions weigh more, and so do populous regions); a centre
  starts at 60% of its share and reaches it within four months;
- children served: about 5.5 per specialist, times (child population / average) ** 0.3, fewer in
  June-August (school holidays); every other indicator is a Poisson draw around a fixed share of
  the children served (or of the staff, for group sessions and crisis responses).
Values come from a random generator seeded with (SEED, region number, year, month), so every
report is the same whatever else is written, and ``report_values`` gives the values back to
tests without reading the files.

Layouts, as the centres' own forms differ (the parser must not care):
- "ru_full" (most centres): "№ п/п | Наименование показателя | Ед. изм. | Количество", numbered
  rows under merged section headings ("Источники обращений", "Переадресация"), short labels
  ("Полиция") that only the heading makes clear;
- "ru_plain" (KZ-15, KZ-23, KZ-27, KZ-47, KZ-59, KZ-62): "Показатель | Значение", no headings,
  labels that say everything ("Направлено в полицию"); the title on two lines;
- "ru_month" (KZ-39, KZ-71, KZ-75): the value column headed with the month ("Март 2025") next to
  a year-to-date column "С начала года" that must not be read;
- "kk" (KZ-31, KZ-43, KZ-61): Kazakh titles ("Түркістан облысы ПҚО-ның 2025 жылғы наурыз айындағы
  есебі", or the genitive "... облысының ...") and Kazakh indicator names;
- rows in another order (sections shuffled): KZ-23, KZ-35, KZ-43, KZ-79;
- values typed as text with non-breaking-space thousands and dashes for zero: KZ-19;
- one workbook for a whole year: KZ-55 (Pavlodar) reports 2025 in ``psc_activity_KZ-55_2025.xlsx``
  with one sheet per month ("Январь 2025", ...) whose title names no month (the sheet name does);
  its 2024 months are separate files like every other centre's.
Every report carries an "ИЛЛЮСТРАТИВНЫЕ ДАННЫЕ" line; September 2025 reports say the figures are
preliminary (except the KZ-55 year book: a preliminary note marks a whole file, not one sheet). Russian titles use the genitive ("Акмолинской области", "г. Астаны", "области Абай").
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np

from etl.regions import region_by_code
from etl.sample import figures as F
from etl.sample.psc_figures import MOST_STAFFED, PSC_OPENED, PSC_SNAPSHOTS
from etl.sources.psc_activity import MEASURES  # the measures the parser requires

LAST = (2025, 9)
SUBDIR = "psc_activity"
PROVISIONAL_FROM = (2025, 9)

# Specialists in all centres on a date: published totals from PSC_SNAPSHOTS, illustrative otherwise.
_EARLY_STAFF = {date(2023, 11, 1): 30, date(2024, 3, 1): 120, date(2024, 6, 15): 250,
                date(2024, 7, 15): 300, date(2024, 8, 20): 370}

GENITIVE_RU = {
    "KZ-10": "области Абай", "KZ-11": "Акмолинской области", "KZ-15": "Актюбинской области",
    "KZ-19": "Алматинской области", "KZ-23": "Атырауской области", "KZ-27": "Западно-Казахстанской области",
    "KZ-31": "Жамбылской области", "KZ-33": "области Жетісу", "KZ-35": "Карагандинской области",
    "KZ-39": "Костанайской области", "KZ-43": "Кызылординской области", "KZ-47": "Мангистауской области",
    "KZ-55": "Павлодарской области", "KZ-59": "Северо-Казахстанской области",
    "KZ-61": "Туркестанской области", "KZ-62": "области Ұлытау", "KZ-63": "Восточно-Казахстанской области",
    "KZ-71": "г. Астаны", "KZ-75": "г. Алматы", "KZ-79": "г. Шымкента",
}
MONTHS_RU = ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь",
             "ноябрь", "декабрь")
MONTHS_KK = ("қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан",
             "қараша", "желтоқсан")

KAZAKH = ("KZ-31", "KZ-43", "KZ-61")
PLAIN = ("KZ-15", "KZ-23", "KZ-27", "KZ-47", "KZ-59", "KZ-62")
MONTH_HEADED = ("KZ-39", "KZ-71", "KZ-75")
REORDERED = ("KZ-23", "KZ-35", "KZ-43", "KZ-79")
TEXT_VALUES = ("KZ-19",)
YEAR_BOOK = ("KZ-55", 2025)

ILLUSTRATIVE_RU = "ИЛЛЮСТРАТИВНЫЕ ДАННЫЕ: пример для CP Monitor, все цифры условные."
ILLUSTRATIVE_KK = "ИЛЛЮСТРАТИВНЫЕ ДАННЫЕ / иллюстрациялық деректер: CP Monitor үлгісі, сандар шартты."
PROVISIONAL_RU = "Данные за месяц предварительные и могут уточняться."
PROVISIONAL_KK = "Деректер алдын ала, нақтылануы мүмкін."

# Mean of each indicator per child served (or per specialist, for the last two).
_PER_CHILD = {
    "consultations_in_person": 1.3, "consultations_family": 0.25,
    "cases_bullying": 0.07, "cases_cyberbullying": 0.03, "cases_violence_family": 0.045,
    "cases_violence_outside": 0.02, "cases_suicidal": 0.025,
    "referrals_in_school": 0.28, "referrals_in_111": 0.09, "referrals_in_police": 0.06,
    "referrals_in_parents": 0.22, "referrals_in_self": 0.12,
    "referrals_out_police": 0.025, "referrals_out_health": 0.04, "referrals_out_guardianship": 0.015,
}
_SCHOOL_LINKED = ("cases_bullying", "cases_cyberbullying", "referrals_in_school")

# (section key, heading ru, heading kk, [(measure, label ru_full, unit, label ru_plain, label kk)])
SECTIONS = [
    ("served", None, None, [
        ("children_served", "Количество детей, получивших помощь", "чел.", "Обслужено детей",
         "Көмек алған балалар саны")]),
    ("consult", "Консультации", "Кеңес беру", [
        ("consultations_in_person", "Очные (индивидуальные)", "ед.", "Консультации очные", "Бетпе-бет кеңестер"),
        ("consultations_online", "Онлайн", "ед.", "Консультации онлайн", "Онлайн кеңестер"),
        ("consultations_group", "Групповые", "ед.", "Консультации групповые", "Топтық кеңестер"),
        ("consultations_family", "Семейные", "ед.", "Консультации семейные", "Отбасылық кеңестер")]),
    ("cases", "Случаи по видам проблем", "Мәселелер бойынша жағдайлар", [
        ("cases_bullying", "Буллинг", "случ.", "Случаи буллинга", "Буллинг"),
        ("cases_cyberbullying", "Кибербуллинг", "случ.", "Случаи кибербуллинга", "Кибербуллинг"),
        ("cases_violence_family", "Насилие в семье", "случ.", "Случаи насилия в семье",
         "Отбасындағы зорлық-зомбылық"),
        ("cases_violence_outside", "Насилие вне семьи", "случ.", "Случаи насилия вне семьи",
         "Отбасынан тыс зорлық-зомбылық"),
        ("cases_suicidal", "Суицидальное поведение (мысли, попытки)", "случ.",
         "Случаи суицидального поведения", "Суицидтік мінез-құлық")]),
    ("in", "Источники обращений (кем направлен ребенок)", "Жүгіну көздері (қайдан келді)", [
        ("referrals_in_school", "Организации образования (школы)", "чел.", "Поступило из школ",
         "Мектептен (білім беру ұйымдарынан)"),
        ("referrals_in_111", "Единый контакт-центр 111", "чел.", "Поступило через контакт-центр 111",
         "111 байланыс орталығынан"),
        ("referrals_in_police", "Полиция", "чел.", "Поступило от полиции", "Полициядан"),
        ("referrals_in_parents", "Родители (законные представители)", "чел.", "Обращения родителей",
         "Ата-аналардан"),
        ("referrals_in_self", "Обратились самостоятельно", "чел.", "Самостоятельные обращения",
         "Өз бетімен жүгінгендер")]),
    ("out", "Переадресация (направлено в)", "Басқа органдарға жолданғандар (қайда)", [
        ("referrals_out_police", "Органы полиции", "чел.", "Направлено в полицию", "Полицияға"),
        ("referrals_out_health", "Организации здравоохранения", "чел.",
         "Направлено в организации здравоохранения", "Денсаулық сақтау ұйымдарына"),
        ("referrals_out_guardianship", "Органы опеки и попечительства", "чел.", "Направлено в органы опеки",
         "Қорғаншылық және қамқоршылық органдарына")]),
    ("crisis", None, None, [
        ("crisis_responses", "Выезды мобильной группы (кризисное реагирование)", "ед.",
         "Кризисные выезды мобильной группы", "Мобильді топтың шығулары (дағдарыстық ден қою)")]),
]
_REORDER = ("in", "out", "cases", "consult", "served", "crisis")


# --- the numbers -------------------------------------------------------------------------------
def report_months(code: str) -> list[tuple[int, int]]:
    opened = PSC_OPENED[code]
    y, m = opened.year, opened.month
    out = []
    while (y, m) <= LAST:
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _total_staff(on: date) -> float:
    points = dict(_EARLY_STAFF)
    points.update({d: total for d, (total, _) in PSC_SNAPSHOTS.items() if total})
    days = sorted(points)
    if on <= days[0]:
        return points[days[0]]
    if on >= days[-1]:
        return points[days[-1]]
    for a, b in zip(days, days[1:]):
        if a <= on <= b:
            return points[a] + (points[b] - points[a]) * (on - a).days / (b - a).days
    raise AssertionError(on)


def _weight(code: str, children: dict[str, int]) -> float:
    return (4.0 if code in MOST_STAFFED else 1.0) + children[code] / 400_000


def staff(code: str, year: int, month: int) -> int:
    """Illustrative specialists of a centre in a month (evaluated at mid-month)."""
    on = date(year, month, 15)
    children = F.children_2024()
    open_codes = [c for c, d in PSC_OPENED.items() if (d.year, d.month) <= (year, month)]
    share = _weight(code, children) / sum(_weight(c, children) for c in open_codes)
    opened = PSC_OPENED[code]
    age = (year - opened.year) * 12 + month - opened.month
    ramp = min(1.0, 0.6 + 0.1 * age)
    return max(4, round(_total_staff(on) * share * ramp))


def report_values(code: str, year: int, month: int) -> dict[str, int]:
    """The 19 illustrative figures of a centre's report for a month."""
    gen = np.random.default_rng((F.SEED, int(code[3:]), year, month))
    children = F.children_2024()
    mean_children = sum(children.values()) / len(children)
    people = staff(code, year, month)
    holidays = month in (6, 7, 8)
    served_mean = people * 5.5 * (children[code] / mean_children) ** 0.3 * (0.8 if holidays else 1.0)
    served = int(gen.poisson(served_mean * gen.lognormal(0.0, 0.08)))
    opened = PSC_OPENED[code]
    age = (year - opened.year) * 12 + month - opened.month
    values = {"children_served": served}
    for measure in MEASURES[1:]:
        if measure == "consultations_online":
            mean = served * (0.3 + min(0.3, 0.015 * age))
        elif measure == "consultations_group":
            mean = people * 1.2
        elif measure == "crisis_responses":
            mean = 1 + people * 0.12
        else:
            mean = served * _PER_CHILD[measure] * (0.5 if holidays and measure in _SCHOOL_LINKED else 1.0)
        values[measure] = int(gen.poisson(mean))
    return values


def all_reports() -> list[tuple[str, int, int]]:
    return [(code, y, m) for code in PSC_OPENED for y, m in report_months(code)]


# --- the files ---------------------------------------------------------------------------------
def _layout(code: str) -> str:
    if code in KAZAKH:
        return "kk"
    if code in PLAIN:
        return "ru_plain"
    if code in MONTH_HEADED:
        return "ru_month"
    return "ru_full"


def _sections(code: str) -> list:
    if code in REORDERED:
        order = {key: i for i, key in enumerate(_REORDER)}
        return sorted(SECTIONS, key=lambda s: order[s[0]])
    return SECTIONS


def _shown(code: str, value: int):
    if code not in TEXT_VALUES:
        return value
    if value == 0:
        return "–"
    return f"{value:,}".replace(",", "\u00a0")


def _title(code: str, year: int, month: int, *, with_month: bool = True) -> list[str]:
    layout = _layout(code)
    region = region_by_code(code)
    if layout == "kk":
        when = f"{year} жылғы {MONTHS_KK[month - 1]} айындағы"
        if code == "KZ-31":
            return [f"{region.name_kk}ның психологиялық қолдау орталығы: {when} қызмет туралы есеп"]
        return [f"{region.name_kk} ПҚО-ның {when} есебі"]
    gen = GENITIVE_RU[code]
    month_text = f"{MONTHS_RU[month - 1]} {year} года"
    if layout == "ru_plain":
        return [f"Отчет о деятельности Центра психологической поддержки {gen}"] + \
            ([f"за {month_text}"] if with_month else [])
    if layout == "ru_month":
        return [f"Центр психологической поддержки {gen}: отчет за {month_text}" if with_month
                else f"Центр психологической поддержки {gen}: отчет"]
    return [f"Отчет ЦПП {gen} за {month_text}" if with_month else f"Отчет ЦПП {gen}"]


def _ytd(code: str, year: int, month: int) -> dict[str, int]:
    months = [(y, m) for y, m in report_months(code) if y == year and m <= month]
    out = dict.fromkeys(MEASURES, 0)
    for y, m in months:
        for k, v in report_values(code, y, m).items():
            out[k] += v
    return out


def _fill_sheet(ws, code: str, year: int, month: int, *, with_month: bool = True) -> None:
    from openpyxl.styles import Alignment, Font

    layout = _layout(code)
    values = report_values(code, year, month)
    kk = layout == "kk"
    bold = Font(bold=True)
    for line in _title(code, year, month, with_month=with_month):
        ws.append([line])
        ws.cell(ws.max_row, 1).font = bold
    ws.append([ILLUSTRATIVE_KK if kk else ILLUSTRATIVE_RU])
    ws.append([])
    if layout == "ru_plain":
        header = ["Показатель", "Значение"]
    elif layout == "ru_month":
        header = ["№", "Показатель", f"{MONTHS_RU[month - 1].capitalize()} {year}", "С начала года"]
    elif kk:
        header = ["№", "Көрсеткіш атауы", "Саны"]
    else:
        header = ["№ п/п", "Наименование показателя", "Ед. изм.", "Количество"]
    ws.append(header)
    for cell in ws[ws.max_row]:
        cell.font = bold
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
    ytd = _ytd(code, year, month) if layout == "ru_month" else None
    number = 0
    for key, heading_ru, heading_kk, rows in _sections(code):
        heading = heading_kk if kk else heading_ru
        sub = 0
        if layout != "ru_plain":
            number += 1
            if heading:
                ws.append([f"{number}.", heading])
                r = ws.max_row
                ws.cell(r, 2).font = bold
                ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=len(header))
        for measure, label_full, unit, label_plain, label_kk in rows:
            value = _shown(code, values[measure])
            if layout == "ru_plain":
                ws.append([label_plain, value])
                continue
            if heading:
                sub += 1
                lead = f"{number}.{sub}."
            else:
                lead = f"{number}."
            label = label_kk if kk else label_full
            if layout == "ru_month":
                ws.append([lead, label, value, ytd[measure]])
            elif kk:
                ws.append([lead, label, value])
            else:
                ws.append([lead, label, unit, value])
    ws.append([])
    # A workbook's provisional flag covers all its sheets, so the year book never says it.
    if (year, month) >= PROVISIONAL_FROM and with_month:
        ws.append([PROVISIONAL_KK if kk else PROVISIONAL_RU])
    ws.append(["Басшы: ____________" if kk else "Руководитель: ____________"])
    label_col = "A" if layout == "ru_plain" else "B"
    ws.column_dimensions[label_col].width = 48


def file_name(code: str, year: int, month: int | None = None) -> str:
    return f"psc_activity_{code}_{year}.xlsx" if month is None else f"psc_activity_{code}_{year}-{month:02d}.xlsx"


def write_psc_activity(directory: Path) -> list[Path]:
    """Write every centre's monthly reports into ``directory/psc_activity``; the files written."""
    import openpyxl

    out_dir = Path(directory) / SUBDIR
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for code in PSC_OPENED:
        year_book = None
        for year, month in report_months(code):
            if (code, year) == YEAR_BOOK:
                if year_book is None:
                    year_book = openpyxl.Workbook()
                    year_book.remove(year_book.active)
                ws = year_book.create_sheet(f"{MONTHS_RU[month - 1].capitalize()} {year}")
                _fill_sheet(ws, code, year, month, with_month=False)
                continue
            book = openpyxl.Workbook()
            ws = book.active
            ws.title = "Отчет" if _layout(code) != "kk" else "Есеп"
            _fill_sheet(ws, code, year, month)
            path = out_dir / file_name(code, year, month)
            book.save(path)
            written.append(path)
        if year_book is not None:
            path = out_dir / file_name(code, YEAR_BOOK[1])
            year_book.save(path)
            written.append(path)
    return written


def expected_figures() -> dict[tuple[str, int, int], dict[str, int]]:
    """{(region code, year, month): {measure: value}} of every report the writer produces."""
    return {(code, y, m): report_values(code, y, m) for code, y, m in all_reports()}
