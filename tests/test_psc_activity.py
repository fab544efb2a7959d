"""PSC monthly activity reports: indicators as rows, region and month in the title, in Russian,
Kazakh or English (the region found inside a title's sentence, detection and the sample writer's
reports: test_psc_activity_sample.py)."""
from __future__ import annotations

import pytest

from etl.sources.psc_activity import classify
from helpers import errors, find_message, messages, write, write_csv, write_xlsx
from helpers.psc_reports import EN, KK, MARCH, RU, VALUES, parsed, report, row_of, values_of

# --- whole reports -------------------------------------------------------------------------------
@pytest.mark.parametrize("lang, suffix", [("ru", ".xlsx"), ("kk", ".xls"), ("en", ".csv"), ("ru", ".csv"),
                                          ("kk", ".xlsx"), ("en", ".xls")])
def test_report_in_each_language_and_format(tmp_path, lang, suffix):
    path = write(tmp_path / f"report_{lang}{suffix}", report(lang))
    outcome = parsed(path)
    assert outcome.status == "loaded", messages(outcome)
    assert outcome.parsed.source == "psc_activity"
    assert values_of(outcome) == VALUES
    assert {f.region_code for f in outcome.parsed.figures} == {"KZ-11"}
    assert {(f.sex, f.age_group) for f in outcome.parsed.figures} == {("all", "all")}
    assert outcome.parsed.illustrative and not outcome.parsed.provisional


def test_csv_in_windows_1251(tmp_path):
    path = write_csv(tmp_path / "report.csv", report("ru"), encoding="cp1251")
    outcome = parsed(path)
    assert outcome.status == "loaded", messages(outcome)
    assert values_of(outcome) == VALUES


def test_cells_are_named(tmp_path):
    spec = report("ru")
    path = write_xlsx(tmp_path / "r.xlsx", spec)
    outcome = parsed(path)
    by_measure = {f.measure: f for f in outcome.parsed.figures}
    assert by_measure["referrals_out_police"].cell == f"D{row_of(spec, 'Полиция') + 4}"
    assert by_measure["referrals_in_police"].cell == f"D{row_of(spec, 'Полиция')}"
    assert by_measure["children_served"].sheet == "Лист1"


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_rows_in_another_order(tmp_path, lang):
    sections = list(reversed({"ru": RU, "kk": KK, "en": EN}[lang]))
    sections = [(h, list(reversed(items))) for h, items in sections]
    outcome = parsed(write_xlsx(tmp_path / "r.xlsx", report(lang, sections=sections)))
    assert outcome.status == "loaded", messages(outcome)
    assert values_of(outcome) == VALUES


def test_fully_spelt_labels_need_no_headings(tmp_path):
    flat = [(None, [
        ("crisis_responses", "Кризисное реагирование: выезды"),
        ("referrals_out_guardianship", "Перенаправлено в органы опеки и попечительства"),
        ("referrals_in_police", "Направлено из полиции"),
        ("referrals_out_police", "Направлено в полицию"),
        ("referrals_in_self", "Самостоятельные обращения"),
        ("referrals_out_health", "Направлено в организации здравоохранения"),
        ("referrals_in_parents", "Обращения родителей (законных представителей)"),
        ("referrals_in_111", "Поступило через 111"),
        ("referrals_in_school", "Поступило из школ"),
        ("cases_suicidal", "Случаи суицидального поведения"),
        ("cases_violence_outside", "Случаи насилия вне семьи"),
        ("cases_violence_family", "Случаи насилия в семье"),
        ("cases_cyberbullying", "Случаи кибербуллинга"),
        ("cases_bullying", "Случаи буллинга"),
        ("consultations_family", "Консультации семейные"),
        ("consultations_group", "Консультации групповые"),
        ("consultations_online", "Консультации онлайн"),
        ("consultations_in_person", "Консультации очные"),
        ("children_served", "Обслужено детей"),
    ])]
    outcome = parsed(write_xlsx(tmp_path / "r.xlsx", report("ru", sections=flat)))
    assert outcome.status == "loaded", messages(outcome)
    assert values_of(outcome) == VALUES


def test_unknown_row_is_a_warning_with_its_cell(tmp_path):
    spec = report("ru", extra_rows=[("Количество проведенных вебинаров", 7)])
    outcome = parsed(write_xlsx(tmp_path / "r.xlsx", spec))
    assert outcome.status == "warning"
    row = next(i for i, r in enumerate(spec.rows, 1) if len(r) > 1 and r[1] == "Количество проведенных вебинаров")
    msg = find_message(outcome, "вебинаров", "not a known indicator", level="warning")
    assert msg["cell"] == f"B{row}" and msg["sheet"] == "Лист1"
    assert values_of(outcome) == VALUES


def test_missing_required_indicators_refuse_the_file(tmp_path):
    spec = report("ru", drop=("cases_cyberbullying", "referrals_out_health"))
    outcome = parsed(write_xlsx(tmp_path / "r.xlsx", spec))
    assert outcome.status == "refused"
    msg = find_message(outcome, "required indicators missing", level="error")
    assert "cases of cyberbullying" in msg["text"] and "referrals to health services" in msg["text"]
    assert "cases of bullying" not in msg["text"]
    assert msg["measures"] == ["cases_cyberbullying", "referrals_out_health"]


def test_indicator_twice_is_refused(tmp_path):
    spec = report("ru", extra_rows=[("Кибербуллинг", 3)])
    outcome = parsed(write_xlsx(tmp_path / "r.xlsx", spec))
    assert outcome.status == "refused"
    assert find_message(outcome, "indicator cases of cyberbullying appears twice", level="error")["measures"] == \
        ["cases_cyberbullying"]


def test_heading_rows_without_values_are_context(tmp_path):
    outcome = parsed(write_xlsx(tmp_path / "r.xlsx", report("ru")))
    assert not [m for m in messages(outcome) if "Консультации" in m["text"] or "Переадресация" in m["text"]]


# --- region and month ------------------------------------------------------------------------
@pytest.mark.parametrize("title, code", [
    ("Отчет ЦПП г. Алматы за март 2025 года", "KZ-75"),
    ("Отчет ЦПП Алматинской области за март 2025 года", "KZ-19"),
    ("Алматы облысының ПҚО-ның 2025 жылғы наурыз айындағы есебі", "KZ-19"),
    ("Алматы қаласы ПҚО-ның 2025 жылғы наурыз айындағы есебі", "KZ-75"),
    ("Отчет ЦПП г. Астаны за март 2025 года", "KZ-71"),
    ("Отчет ЦПП г.Шымкента за март 2025 года", "KZ-79"),
    ("Отчет ЦПП области Абай за март 2025 года", "KZ-10"),
    ("Отчет ЦПП области Жетісу за март 2025 года", "KZ-33"),
    ("Отчет ЦПП Северо-Казахстанской области за март 2025 года", "KZ-59"),
    ("Отчет ЦПП Западно-Казахстанской обл. за март 2025 года", "KZ-27"),
    ("Ақмола облысының психологиялық қолдау орталығы: 2025 жылғы наурыз айындағы есеп", "KZ-11"),
    ("PSC Almaty Region: activity report, March 2025", "KZ-19"),
    ("PSC Almaty city: activity report, March 2025", "KZ-75"),
    ("Астананың ПҚО 2025 жылғы наурыз айындағы есебі", "KZ-71"),
])
def test_region_in_the_title(tmp_path, title, code):
    outcome = parsed(write_xlsx(tmp_path / "r.xlsx", report("ru", title=title)))
    assert outcome.status == "loaded", messages(outcome)
    assert {f.region_code for f in outcome.parsed.figures} == {code}
    assert {f.period.key() for f in outcome.parsed.figures} == {MARCH}


def test_region_created_in_2022_named_for_an_earlier_month_is_refused_once(tmp_path):
    spec = report("ru", title="Отчет ЦПП области Абай за март 2021 года")
    outcome = parsed(write_xlsx(tmp_path / "r.xlsx", spec))
    assert outcome.status == "refused"
    assert len(errors(outcome)) == 1
    msg = find_message(outcome, "did not exist", level="error")
    assert msg["cell"] == "A2" and "области Абай" in msg["text"]


def test_former_name_of_the_capital_loads_with_a_warning(tmp_path):
    outcome = parsed(write_xlsx(tmp_path / "r.xlsx", report("ru", title="Отчет ЦПП г. Нур-Султана за март 2024 года")))
    assert outcome.status == "warning"
    assert {f.region_code for f in outcome.parsed.figures} == {"KZ-71"}
    assert "г. Нур-Султана" in find_message(outcome, "no longer in use", level="warning", cell="A2")["text"]


def test_report_without_a_column_heading(tmp_path):
    spec = report("ru")
    spec.rows = [r for r in spec.rows if r and r[0] != "№"]  # no heading row, no blank line under the title
    outcome = parsed(write_xlsx(tmp_path / "r.xlsx", spec))
    assert outcome.status == "loaded", messages(outcome)
    assert values_of(outcome) == VALUES


def test_region_and_period_label_cells(tmp_path):
    spec = report("ru", title=["Отчет центра психологической поддержки"])
    spec.rows[0] = ["Регион:", "Карагандинская область"]
    spec.rows[1] = ["Период:", "03.2025"]
    outcome = parsed(write_xlsx(tmp_path / "r.xlsx", spec))
    assert outcome.status == "loaded", messages(outcome)
    assert {(f.region_code, f.period.key()) for f in outcome.parsed.figures} == {("KZ-35", MARCH)}


def test_two_regions_in_the_title_are_refused(tmp_path):
    outcome = parsed(write_xlsx(tmp_path / "r.xlsx", report("ru", title="Отчет ЦПП г. Алматы и Алматинской области за март 2025 года")))
    assert outcome.status == "refused"
    msg = find_message(outcome, "more than one region", level="error")
    assert "г. Алматы" in msg["text"] and "Алматинской области" in msg["text"]


def test_no_region_is_refused(tmp_path):
    outcome = parsed(write_xlsx(tmp_path / "r.xlsx", report("ru", title="Отчет ЦПП за март 2025 года")))
    assert outcome.status == "refused"
    find_message(outcome, "no region found", level="error")


def test_no_month_is_refused(tmp_path):
    outcome = parsed(write_xlsx(tmp_path / "r.xlsx", report("ru", title="Отчет ЦПП Акмолинской области")))
    assert outcome.status == "refused"
    find_message(outcome, "no month found", level="error")


def test_several_months_are_refused(tmp_path):
    outcome = parsed(write_xlsx(tmp_path / "r.xlsx", report("ru", title="Отчет ЦПП Акмолинской области за январь-март 2025 года")))
    assert outcome.status == "refused"
    find_message(outcome, "monthly report covers one month", level="error")


def test_month_from_the_sheet_name(tmp_path):
    outcome = parsed(write_xlsx(tmp_path / "r.xlsx", report("ru", title="Отчет ЦПП Акмолинской области", name="Март 2025")))
    assert outcome.status == "loaded", messages(outcome)
    assert {f.period.key() for f in outcome.parsed.figures} == {MARCH}


def test_bare_month_sheet_name_takes_the_year_from_the_title(tmp_path):
    outcome = parsed(write_xlsx(tmp_path / "r.xlsx", report("ru", title="Отчет ЦПП Акмолинской области, 2025 год", name="Март")))
    assert outcome.status == "loaded", messages(outcome)
    assert {f.period.key() for f in outcome.parsed.figures} == {MARCH}


def test_title_and_sheet_name_disagreeing_are_refused(tmp_path):
    outcome = parsed(write_xlsx(tmp_path / "r.xlsx", report("ru", name="Апрель 2025")))
    assert outcome.status == "refused"
    find_message(outcome, "different months", level="error")


def test_month_from_the_value_column_heading(tmp_path):
    spec = report("ru", title="Отчет ЦПП Акмолинской области", header=["№", "Показатель", "Ед. изм.", "Март 2025"])
    outcome = parsed(write_xlsx(tmp_path / "r.xlsx", spec))
    assert outcome.status == "loaded", messages(outcome)
    assert {f.period.key() for f in outcome.parsed.figures} == {MARCH}


def test_year_to_date_column_is_not_read(tmp_path):
    spec = report("ru", header=["№", "Показатель", "Март 2025", "С начала года"])
    for r in spec.rows:
        if len(r) == 4 and r[0] != "№":
            r[2], r[3] = r[3], r[3] * 3  # value in C, year to date in D
    outcome = parsed(write_xlsx(tmp_path / "r.xlsx", spec))
    assert outcome.status == "loaded", messages(outcome)
    assert values_of(outcome) == VALUES
    assert {f.cell[0] for f in outcome.parsed.figures} == {"C"}


def test_workbook_with_a_sheet_per_month(tmp_path):
    sheets = [report("ru", title="Отчет ЦПП Павлодарской области", name=name,
                     values={"children_served": 500 + i}) for i, name in enumerate(["Январь 2025", "Февраль 2025", "Март 2025"])]
    outcome = parsed(write_xlsx(tmp_path / "r.xlsx", *sheets))
    assert outcome.status == "loaded", messages(outcome)
    assert len(outcome.parsed.figures) == 3 * 19
    served = {f.period.key(): (f.value, f.sheet) for f in outcome.parsed.figures if f.measure == "children_served"}
    assert served == {"2025-01..2025-01": (500, "Январь 2025"), "2025-02..2025-02": (501, "Февраль 2025"),
                      MARCH: (502, "Март 2025")}
    assert {f.region_code for f in outcome.parsed.figures} == {"KZ-55"}


def test_same_month_on_two_sheets_is_refused(tmp_path):
    outcome = parsed(write_xlsx(tmp_path / "r.xlsx", report("ru", name="A"), report("ru", name="B")))
    assert outcome.status == "refused"


# --- values ----------------------------------------------------------------------------------
def test_cell_values_typed_many_ways(tmp_path):
    spec = report("ru", values={"children_served": "1 234", "cases_cyberbullying": "-", "referrals_in_111": "…",
                                "crisis_responses": "12"})
    outcome = parsed(write_xlsx(tmp_path / "r.xlsx", spec))
    assert outcome.status == "warning", messages(outcome)
    got = values_of(outcome)
    assert got["children_served"] == 1234 and got["cases_cyberbullying"] == 0 and got["crisis_responses"] == 12
    assert got["referrals_in_111"] is None
    missing = next(f for f in outcome.parsed.figures if f.measure == "referrals_in_111")
    assert missing.missing == "not_available"
    find_message(outcome, "(children referred by the 111 contact centre)", "missing", level="warning")


def test_empty_value_cell_is_missing_not_zero(tmp_path):
    spec = report("ru", values={"cases_suicidal": None})
    outcome = parsed(write_xlsx(tmp_path / "r.xlsx", spec))
    assert outcome.status == "warning", messages(outcome)
    figure = next(f for f in outcome.parsed.figures if f.measure == "cases_suicidal")
    assert figure.value is None and figure.missing == "empty"


@pytest.mark.parametrize("raw, words", [(-3, "negative"), ("2,5", "whole number")])
def test_negative_or_fractional_counts_are_refused_at_their_cell(tmp_path, raw, words):
    spec = report("ru", values={"cases_bullying": raw})
    outcome = parsed(write_xlsx(tmp_path / "r.xlsx", spec))
    assert outcome.status == "refused"
    msg = find_message(outcome, words, level="error")
    assert msg["cell"] == f"D{row_of(spec, 'Буллинг')}"
    assert not [m for m in errors(outcome) if "missing" in m["text"]]


def test_impossible_consultations_are_refused(tmp_path):
    spec = report("ru", values={"consultations_in_person": 15_000, "consultations_online": 9_000})
    outcome = parsed(write_xlsx(tmp_path / "r.xlsx", spec))
    assert outcome.status == "refused"
    find_message(outcome, "consultations in one month is impossible", level="error")


def test_cases_above_children_served_are_a_warning(tmp_path):
    spec = report("ru", values={"children_served": 40, "cases_bullying": 41, "referrals_in_school": 60})
    outcome = parsed(write_xlsx(tmp_path / "r.xlsx", spec))
    assert outcome.status == "warning", messages(outcome)
    find_message(outcome, "(cases of bullying, 41)", "larger than the number of children served", level="warning",
                 cell=f"D{row_of(spec, 'Буллинг')}")
    find_message(outcome, "children referred by schools", level="warning")


def test_provisional_note_marks_the_file(tmp_path):
    spec = report("ru", footer=("ИЛЛЮСТРАТИВНЫЕ ДАННЫЕ", "Данные предварительные"))
    outcome = parsed(write_xlsx(tmp_path / "r.xlsx", spec))
    assert outcome.parsed.provisional and outcome.parsed.illustrative
    plain = parsed(write_xlsx(tmp_path / "p.xlsx", report("ru", footer=())))
    assert not plain.parsed.provisional and not plain.parsed.illustrative


# --- indicator names -------------------------------------------------------------------------
@pytest.mark.parametrize("label, section, measure", [
    ("Кибербуллинг", None, "cases_cyberbullying"),
    ("Буллинг (травля)", None, "cases_bullying"),
    ("Травля в интернете (кибербуллинг)", None, "cases_cyberbullying"),
    ("в т.ч. кибербуллинг", None, "cases_cyberbullying"),
    ("Насилие в семье", None, "cases_violence_family"),
    ("Насилие вне семьи", None, "cases_violence_outside"),
    ("Семейное насилие", "in", "cases_violence_family"),
    ("Насилие в школе", "in", "cases_violence_outside"),
    ("Жестокое обращение вне семьи", None, "cases_violence_outside"),
    ("Отбасынан тыс зорлық-зомбылық", None, "cases_violence_outside"),
    ("Отбасындағы зорлық", None, "cases_violence_family"),
    ("Полиция", "in", "referrals_in_police"),
    ("Полиция", "out", "referrals_out_police"),
    ("Поступило от полиции", "out", "referrals_in_police"),
    ("Направлено в полицию", "in", "referrals_out_police"),
    ("Направлено из полиции", None, "referrals_in_police"),
    ("Полициядан", "in", "referrals_in_police"),
    ("Полицияға жіберілді", None, "referrals_out_police"),
    ("Referred to police", None, "referrals_out_police"),
    ("Referrals from police", None, "referrals_in_police"),
    ("Обратились самостоятельно", None, "referrals_in_self"),
    ("Self-referrals", None, "referrals_in_self"),
    ("Направлено из школы", None, "referrals_in_school"),
    ("Поступило через контакт-центр 111", None, "referrals_in_111"),
    ("Обращения родителей", None, "referrals_in_parents"),
    ("Перенаправлено в органы опеки", None, "referrals_out_guardianship"),
    ("Переадресовано в медицинские организации", None, "referrals_out_health"),
    ("Очные консультации", None, "consultations_in_person"),
    ("Заочные (дистанционные) консультации", None, "consultations_online"),
    ("Индивидуальные онлайн-консультации", None, "consultations_online"),
    ("Семейные консультации", None, "consultations_family"),
    ("Семейные", "consult", "consultations_family"),
    ("Консультации в группах", None, "consultations_group"),
    ("Выезды мобильной группы по суицидальным случаям", None, "crisis_responses"),
    ("Суицидальные мысли и попытки", None, "cases_suicidal"),
    ("Количество детей, получивших помощь", "consult", "children_served"),
    ("Children who received support", None, "children_served"),
])
def test_classify(label, section, measure):
    assert classify(label, section)[0] == measure


@pytest.mark.parametrize("label, section, why", [
    ("Полиция", None, "ambiguous"),
    ("Насилие", None, "ambiguous"),
    ("Направлено в полицию и органы опеки", None, "ambiguous"),
    ("Консультации, всего", None, "total"),
    ("Проведено вебинаров", None, "unknown"),
    ("Школы", "out", "unknown"),
])
def test_classify_refuses_to_guess(label, section, why):
    assert classify(label, section) == (None, why)
