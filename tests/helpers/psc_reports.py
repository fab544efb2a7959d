"""PSC monthly reports as the centres write them, in Russian, Kazakh or English, for the tests:
``report`` builds one sheet (title, headings, indicators as rows), ``parsed`` reads it back."""
from __future__ import annotations

from pathlib import Path

from etl.pipeline import parse_file
from etl.sources.psc_activity import MEASURES
from helpers import SheetSpec

# Values easy to check: children served far above every other indicator (no warnings).
VALUES = {m: (500 if m == "children_served" else 10 + i) for i, m in enumerate(MEASURES)}

RU = [  # (section heading or None, [(measure, label)])
    (None, [("children_served", "Количество детей, получивших помощь")]),
    ("Консультации", [("consultations_in_person", "Очные"), ("consultations_online", "Онлайн"),
                      ("consultations_group", "Групповые"), ("consultations_family", "Семейные")]),
    ("Случаи по видам проблем", [("cases_bullying", "Буллинг"), ("cases_cyberbullying", "Кибербуллинг"),
                                 ("cases_violence_family", "Насилие в семье"),
                                 ("cases_violence_outside", "Насилие вне семьи"),
                                 ("cases_suicidal", "Суицидальное поведение")]),
    ("Источники обращений", [("referrals_in_school", "Школы"), ("referrals_in_111", "Контакт-центр 111"),
                             ("referrals_in_police", "Полиция"), ("referrals_in_parents", "Родители"),
                             ("referrals_in_self", "Обратились самостоятельно")]),
    ("Переадресация", [("referrals_out_police", "Полиция"), ("referrals_out_health", "Здравоохранение"),
                       ("referrals_out_guardianship", "Органы опеки")]),
    (None, [("crisis_responses", "Выезды мобильной группы")]),
]
KK = [
    (None, [("children_served", "Көмек алған балалар саны")]),
    ("Кеңес беру", [("consultations_in_person", "Бетпе-бет кеңестер"), ("consultations_online", "Онлайн кеңестер"),
                    ("consultations_group", "Топтық кеңестер"), ("consultations_family", "Отбасылық кеңестер")]),
    (None, [("cases_bullying", "Буллинг жағдайлары"), ("cases_cyberbullying", "Кибербуллинг жағдайлары"),
            ("cases_violence_family", "Отбасындағы зорлық-зомбылық"),
            ("cases_violence_outside", "Отбасынан тыс зорлық-зомбылық"),
            ("cases_suicidal", "Суицидтік мінез-құлық")]),
    (None, [("referrals_in_school", "Мектептен жолданғандар"), ("referrals_in_111", "111 байланыс орталығынан келіп түскен"),
            ("referrals_in_police", "Полициядан келіп түскен"), ("referrals_in_parents", "Ата-аналардан келіп түскен"),
            ("referrals_in_self", "Өз бетімен жүгінгендер"),
            ("referrals_out_police", "Полицияға жолданды"),
            ("referrals_out_health", "Денсаулық сақтау ұйымдарына жолданды"),
            ("referrals_out_guardianship", "Қорғаншылық органдарына жолданды")]),
    (None, [("crisis_responses", "Мобильді топтың шығулары")]),
]
EN = [
    (None, [("children_served", "Children served")]),
    ("Consultations", [("consultations_in_person", "In person"), ("consultations_online", "Online"),
                       ("consultations_group", "Group"), ("consultations_family", "Family")]),
    ("Cases by issue", [("cases_bullying", "Bullying"), ("cases_cyberbullying", "Cyberbullying"),
                        ("cases_violence_family", "Domestic violence"),
                        ("cases_violence_outside", "Violence outside the family"),
                        ("cases_suicidal", "Suicidal behaviour")]),
    ("Referrals in (sources)", [("referrals_in_school", "School"), ("referrals_in_111", "Helpline 111"),
                                ("referrals_in_police", "Police"), ("referrals_in_parents", "Parents"),
                                ("referrals_in_self", "Self-referral")]),
    ("Onward referrals", [("referrals_out_police", "Police"), ("referrals_out_health", "Health services"),
                          ("referrals_out_guardianship", "Guardianship authorities")]),
    (None, [("crisis_responses", "Mobile team crisis responses")]),
]
HEADERS = {"ru": ["№", "Показатель", "Ед. изм.", "Количество"], "kk": ["№", "Көрсеткіш атауы", "Өлшем бірлігі", "Саны"],
           "en": ["No.", "Indicator", "Unit", "Value"]}
TITLES = {"ru": "Отчет ЦПП Акмолинской области за март 2025 года",
          "kk": "Ақмола облысы ПҚО-ның 2025 жылғы наурыз айындағы есебі",
          "en": "PSC Akmola Region: activity report, March 2025"}
MARCH = "2025-03..2025-03"


def report(lang="ru", *, sections=None, title=None, values=None, header=None, extra_rows=(), drop=(),
           footer=("ИЛЛЮСТРАТИВНЫЕ ДАННЫЕ",), name="Лист1") -> SheetSpec:
    """A report: title lines, a blank line, the header on row 4, numbered rows, footnotes.

    Labels are in column B, values in column D (a unit column C between them)."""
    sections = sections if sections is not None else {"ru": RU, "kk": KK, "en": EN}[lang]
    values = {**VALUES, **(values or {})}
    title = [TITLES[lang]] if title is None else ([title] if isinstance(title, str) else list(title))
    rows = [[t] for t in title] + [[]]
    while len(rows) < 3:
        rows.insert(0, [])
    rows.append(header or HEADERS[lang])
    n = 0
    for heading, items in sections:
        if heading:
            n += 1
            rows.append([f"{n}.", heading])
        for measure, label in items:
            if measure in drop:
                continue
            n += 1
            rows.append([f"{n}.", label, "ед.", values[measure]])
    for label, value in extra_rows:
        rows.append([f"{n + 1}.", label, "ед.", value])
    rows.append([])
    rows += [[f] for f in footer]
    return SheetSpec(rows, name=name)


def parsed(path: Path):
    return parse_file(path, today=fixed_today())


def fixed_today():
    from datetime import date

    return date(2026, 1, 15)


def values_of(outcome, period=MARCH) -> dict:
    return {f.measure: f.value for f in outcome.parsed.figures if f.period.key() == period}


def row_of(spec: SheetSpec, label: str) -> int:
    """Excel row number of the row whose column B is ``label``."""
    return next(i for i, r in enumerate(spec.rows, 1) if len(r) > 1 and r[1] == label)
