from datetime import date, datetime

import pytest

from etl.periods import (
    Period, find_provisional, month_range, parse_period, school_year, snapshot,
)

D = date
JAN_SEP_2025 = (D(2025, 1, 1), D(2025, 9, 30), "range")
YEAR_2024 = (D(2024, 1, 1), D(2024, 12, 31), "range")
H1_2024 = (D(2024, 1, 1), D(2024, 6, 30), "range")
MARCH_2025 = (D(2025, 3, 1), D(2025, 3, 31), "range")
NOV_1_2024 = (D(2024, 11, 1), D(2024, 11, 1), "snapshot")
SY_2024 = (D(2024, 9, 1), D(2025, 8, 31), "school_year")


@pytest.mark.parametrize("text, expected", [
    # whole years
    ("2023", (D(2023, 1, 1), D(2023, 12, 31), "range")),
    ("2024", YEAR_2024), ("2024 год", YEAR_2024), ("2024 г.", YEAR_2024), ("2024г", YEAR_2024),
    ("за 2024 г.", YEAR_2024), ("2024 жыл", YEAR_2024), ("2024 жылы", YEAR_2024),
    ("2024 year", YEAR_2024), ("  2024  ", YEAR_2024), ("2024*", YEAR_2024),
    ("2024 (предв.)", YEAR_2024), (2024, YEAR_2024), (2024.0, YEAR_2024), ("2024.0", YEAR_2024),
    ("12 месяцев 2024", YEAR_2024), ("январь-декабрь 2024", YEAR_2024),
    # month ranges
    ("январь-сентябрь 2025", JAN_SEP_2025), ("январь – сентябрь 2025 г.", JAN_SEP_2025),
    ("Январь—Сентябрь 2025", JAN_SEP_2025), ("январе-сентябре 2025 года", JAN_SEP_2025),
    ("янв.-сент. 2025", JAN_SEP_2025), ("с января по сентябрь 2025", JAN_SEP_2025),
    ("January-September 2025", JAN_SEP_2025), ("Jan-Sep 2025", JAN_SEP_2025),
    ("2025 жылғы қаңтар-қыркүйек", JAN_SEP_2025), ("қаңтар-қыркүйек 2025 ж.", JAN_SEP_2025),
    ("2025 жылдың қаңтар-қыркүйегі", JAN_SEP_2025), ("2025 жылгы кантар-кыркуйек", JAN_SEP_2025),
    ("2025 г. январь-сентябрь", JAN_SEP_2025), ("2025 (январь-сентябрь)", JAN_SEP_2025),
    ("январь-сентябрь (2025 г.)", JAN_SEP_2025), ("9 месяцев (2025)", JAN_SEP_2025),
    ("апрель-июнь 2024", (D(2024, 4, 1), D(2024, 6, 30), "range")),
    ("февраль 2024", (D(2024, 2, 1), D(2024, 2, 29), "range")),
    # first n months
    ("9 месяцев 2025 года", JAN_SEP_2025), ("9 мес. 2025", JAN_SEP_2025),
    ("9-ти месяцев 2025", JAN_SEP_2025), ("2025 жылдың 9 айы", JAN_SEP_2025),
    ("9 months 2025", JAN_SEP_2025), ("9 months of 2025", JAN_SEP_2025),
    # quarters and halves
    ("I квартал 2024", (D(2024, 1, 1), D(2024, 3, 31), "range")),
    ("1 кв. 2024", (D(2024, 1, 1), D(2024, 3, 31), "range")),
    ("2 квартал 2024", (D(2024, 4, 1), D(2024, 6, 30), "range")),
    ("IV квартал 2024", (D(2024, 10, 1), D(2024, 12, 31), "range")),
    ("Q3 2024", (D(2024, 7, 1), D(2024, 9, 30), "range")),
    ("2024 жылдың 1 тоқсаны", (D(2024, 1, 1), D(2024, 3, 31), "range")),
    ("2nd quarter of 2024", (D(2024, 4, 1), D(2024, 6, 30), "range")),
    ("I полугодие 2024", H1_2024), ("І полугодие 2024", H1_2024),  # Cyrillic І
    ("1-е полугодие 2024 года", H1_2024), ("первое полугодие 2024", H1_2024),
    ("2024 жылдың бірінші жартыжылдығы", H1_2024), ("H1 2024", H1_2024),
    ("first half of 2024", H1_2024),
    ("II полугодие 2024", (D(2024, 7, 1), D(2024, 12, 31), "range")),
    ("2024 жылдың екінші жартыжылдығы", (D(2024, 7, 1), D(2024, 12, 31), "range")),
    ("second half of 2024", (D(2024, 7, 1), D(2024, 12, 31), "range")),
    # single months
    ("март 2025", MARCH_2025), ("за март 2025 года", MARCH_2025), ("марта 2025", MARCH_2025),
    ("2025 жылғы наурыз", MARCH_2025), ("March 2025", MARCH_2025), ("03.2025", MARCH_2025),
    ("3.2025", MARCH_2025), ("май 2025", (D(2025, 5, 1), D(2025, 5, 31), "range")),
    ("қазан 2024", (D(2024, 10, 1), D(2024, 10, 31), "range")),
    # snapshots
    ("по состоянию на 01.11.2024", NOV_1_2024), ("на 01.11.2024 г.", NOV_1_2024),
    ("на 1 ноября 2024 года", NOV_1_2024), ("01.11.2024 жағдай бойынша", NOV_1_2024),
    ("2024 жылғы 1 қарашадағы жағдай бойынша", NOV_1_2024),
    ("as of 1 November 2024", NOV_1_2024), ("as at 01.11.2024", NOV_1_2024),
    ("November 1, 2024", NOV_1_2024), ("01.11.2024", NOV_1_2024), ("1.11.2024", NOV_1_2024),
    ("2024-11-01", NOV_1_2024), (D(2024, 11, 1), NOV_1_2024),
    (datetime(2024, 11, 1, 9, 30), NOV_1_2024),
    # school years
    ("2024-2025 учебный год", SY_2024), ("2024/2025 уч. год", SY_2024),
    ("2024-2025 оқу жылы", SY_2024), ("2024-2025 school year", SY_2024),
    ("2024-25 учебный год", SY_2024), ("2024-2025", SY_2024), ("2024/2025", SY_2024),
    ("учебный год 2024-2025", SY_2024),
])
def test_parse_period_reads_every_form(text, expected):
    period = parse_period(text)
    assert period is not None, text
    assert (period.start, period.end, period.kind) == expected


@pytest.mark.parametrize("text", [
    None, "", "   ", "abc", True, 2024.5, "FY 2024", "Суициды 2023", "2024 (1)",
    "1985", "2101", 1985, "январь-сентябрь 2101",  # outside 1990..2100
    "сентябрь-январь 2025",  # months backwards
    "2023-2024 годы", "2020-2024", "2024-2026 учебный год", "2024-25",  # not one school year
    "полугодие 2024", "квартал 2024", "III полугодие 2024", "5 квартал 2024",  # which part?
    "13 месяцев 2024", "0 месяцев 2024", "13.2025", "31.02.2024", "01.13.2024",
    "01/11/2024",  # day and month order unknown
    "2023 год 2024 год",  # two periods in one cell
    "Казань 2024", "январь-сентябрь",
])
def test_parse_period_refuses_unreadable_or_ambiguous(text):
    assert parse_period(text) is None


@pytest.mark.parametrize("title, key", [
    ("Сведения о суицидах среди несовершеннолетних за январь-сентябрь 2025 года "
     "(предварительные данные)", "2025-01..2025-09"),
    ("Отчет ЦПП Акмолинской области за март 2025 года", "2025-03..2025-03"),
    ("Информация по состоянию на 1 ноября 2024 года", "@2024-11-01"),
    ("ПСИХОЛОГИЯЛЫҚ ҚОЛДАУ ОРТАЛЫҚТАРЫ 2024 жылғы 1 қарашадағы жағдай бойынша", "@2024-11-01"),
    ("Сведения о психологах организаций образования на 2024-2025 учебный год", "sy2024-2025"),
    ("2024 жылғы мәліметтер / Сведения за 2024 год", "2024-01..2024-12"),
    # other periods named for comparison: the one the report is "за" wins
    ("Сведения за 2024 год в сравнении с 2023 годом", "2024-01..2024-12"),
    ("за январь-сентябрь 2025 года (по состоянию на 01.10.2025)", "2025-01..2025-09"),
    ("Приказ № 1234 от 12.03.2019, данные за 2024 год", "2024-01..2024-12"),
])
def test_parse_period_searches_titles(title, key):
    assert parse_period(title, search=True).key() == key
    assert parse_period(title) is None  # a title is not a bare period


@pytest.mark.parametrize("title", [
    "Численность детей по регионам", "Данные за 2023-2024 годы", "2023 и 2024",
    "Сведения по месяцам и кварталам 2024 года",
    # months whose year is not attached: refused rather than read as the whole of 2024
    "Сведения за январь-сентябрь, в сравнении с 2024",
])
def test_parse_period_search_finds_none(title):
    assert parse_period(title, search=True) is None


@pytest.mark.parametrize("period, en, ru, kk", [
    (month_range(2025, 1, 9), "January-September 2025", "январь-сентябрь 2025",
     "2025 жылғы қаңтар-қыркүйек"),
    (month_range(2024, 1, 12), "2024", "2024", "2024"),
    (month_range(2025, 3, 3), "March 2025", "март 2025", "2025 жылғы наурыз"),
    (snapshot(D(2024, 11, 1)), "as of 1 November 2024", "на 01.11.2024",
     "01.11.2024 жағдай бойынша"),
    (school_year(2024), "2024-2025 school year", "2024-2025 учебный год", "2024-2025 оқу жылы"),
])
def test_labels(period, en, ru, kk):
    assert (period.label("en"), period.label("ru"), period.label("kk")) == (en, ru, kk)
    assert period.label() == en
    assert period.label("de") == en


@pytest.mark.parametrize("period, key", [
    (month_range(2025, 1, 9), "2025-01..2025-09"),
    (month_range(2024, 1, 12), "2024-01..2024-12"),
    (snapshot(D(2024, 11, 1)), "@2024-11-01"),
    (school_year(2024), "sy2024-2025"),
])
def test_keys(period, key):
    assert period.key() == key


def test_properties():
    p = month_range(2025, 1, 9)
    assert (p.year, p.month_from, p.month_to, p.is_full_year()) == (2025, 1, 9, False)
    assert month_range(2024, 1, 12).is_full_year()
    s = snapshot(datetime(2024, 11, 1, 12))
    assert (s.start, s.year, s.month_from, s.month_to, s.is_full_year()) == (
        D(2024, 11, 1), 2024, None, None, False)
    sy = school_year(2024)
    assert (sy.year, sy.month_from, sy.month_to, sy.is_full_year()) == (2024, 9, 8, False)


def test_previous_year_and_same_months():
    p = month_range(2025, 1, 9)
    assert p.previous_year() == month_range(2024, 1, 9)
    assert p.same_months(p.previous_year())
    assert not p.same_months(month_range(2024, 1, 12))
    assert school_year(2024).previous_year() == school_year(2023)
    assert school_year(2024).same_months(school_year(2020))
    assert snapshot(D(2024, 11, 1)).previous_year() == snapshot(D(2023, 11, 1))
    assert snapshot(D(2024, 2, 29)).previous_year() == snapshot(D(2023, 2, 28))
    assert snapshot(D(2024, 11, 1)).same_months(snapshot(D(2023, 11, 1)))
    assert not snapshot(D(2024, 11, 1)).same_months(snapshot(D(2023, 12, 1)))
    assert not month_range(2024, 1, 12).same_months(school_year(2024))


def test_ordering_and_construction():
    assert sorted([month_range(2025, 1, 9), month_range(2024, 1, 12)])[0].year == 2024
    with pytest.raises(ValueError):
        month_range(2025, 9, 1)
    with pytest.raises(ValueError):
        month_range(2025, 0, 3)
    with pytest.raises(ValueError):
        Period(D(2025, 2, 1), D(2025, 1, 1), "range")
    with pytest.raises(ValueError):
        Period(D(2025, 1, 1), D(2025, 1, 1), "week")


@pytest.mark.parametrize("text, expected", [
    ("Сведения за 2025 год (предварительные данные)", True),
    ("* данные предварительные", True), ("Предварительно", True),
    ("Алдын ала деректер", True), ("алдын-ала мәліметтер", True),
    ("Preliminary figures", True), ("provisional", True),
    ("Окончательные данные", False), ("Сведения за 2024 год", False), ("", False),
    (None, False), (2024, False),
])
def test_find_provisional(text, expected):
    assert find_provisional(text) is expected
