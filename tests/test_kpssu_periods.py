"""The Prosecutor's Office (KPSSU) summary against the data contract: the period from the title or
the columns (never a part-year as a full year), future and unreadable periods, preliminary notes,
and files that are not this source."""
from __future__ import annotations

import pytest

from helpers import SheetSpec, default_rows, errors, find_message, located, summary_sheet, write_xlsx

Y2023, Y2024 = "2023-01..2023-12", "2024-01..2024-12"


def _title_only(title, footer=(), rows=None):
    rows = rows or [(r[0], r[1], r[3]) for r in default_rows()]
    grid = [[t] for t in ([title] if isinstance(title, str) else title)] + [[], ["Регион", "Суициды", "Попытки суицида"]]
    grid += [list(r) for r in rows] + [["Итого", 64, 132]] + [[]] + [[f] for f in footer]
    return SheetSpec(grid)


@pytest.mark.parametrize("title, key", [
    ("Сведения о суицидах за январь-сентябрь 2025 года", "2025-01..2025-09"),
    ("Суициды несовершеннолетних: 9 месяцев 2025 года", "2025-01..2025-09"),
    ("2025 жылғы қаңтар-қыркүйек айларындағы суицидтер", "2025-01..2025-09"),
    ("Суициды за I полугодие 2024", "2024-01..2024-06"),
    ("Суициды за 2023 год", Y2023),
    (["Сведения о суицидах", "за 2024 г."], Y2024),
    ("Suicides of minors, January-June 2024", "2024-01..2024-06"),
])
def test_period_from_the_title(tmp_path, parse, title, key):
    outcome = parse(write_xlsx(tmp_path / "kpssu.xlsx", _title_only(title)))
    assert outcome.status == "loaded", located(outcome)
    assert {f.period.key() for f in outcome.parsed.figures + outcome.parsed.totals} == {key}


@pytest.mark.parametrize("periods, keys", [
    (("январь-сентябрь 2024", "январь-сентябрь 2025"), {"2024-01..2024-09", "2025-01..2025-09"}),
    (("9 мес. 2024", "9 мес. 2025"), {"2024-01..2024-09", "2025-01..2025-09"}),
    (("за 2023 г.", "за 2024 г."), {Y2023, Y2024}),
    ((2023, 2024), {Y2023, Y2024}),
])
def test_period_from_the_columns(tmp_path, parse, periods, keys):
    outcome = parse(write_xlsx(tmp_path / "kpssu.xlsx", summary_sheet(default_rows(), periods=periods)))
    assert outcome.status == "loaded", located(outcome)
    assert {f.period.key() for f in outcome.parsed.figures} == keys


def test_year_to_date_is_never_stored_as_a_full_year(tmp_path, parse):
    outcome = parse(write_xlsx(tmp_path / "kpssu.xlsx", _title_only("Суициды за январь-сентябрь 2025 года")))
    period = outcome.parsed.figures[0].period
    assert (period.year, period.month_from, period.month_to) == (2025, 1, 9) and not period.is_full_year()


@pytest.mark.parametrize("make, cell, words", [
    (lambda: _title_only("Суициды за 2026 год"), "B4", ["period 2026 lies in the future"]),
    (lambda: summary_sheet(default_rows(), periods=("январь-сентябрь 2025", "январь-сентябрь 2026")), "C5",
     ["January-September 2026 lies in the future"]),
])
def test_period_in_the_future_is_refused(tmp_path, parse, make, cell, words):
    outcome = parse(write_xlsx(tmp_path / "kpssu.xlsx", make()))
    assert outcome.status == "refused"
    message = find_message(outcome, *words, level="error")
    assert message["cell"] == cell


@pytest.mark.parametrize("title", ["Суициды за полугодие 2024", "Суициды несовершеннолетних"])
def test_no_readable_period_anywhere_is_refused(tmp_path, parse, title):
    outcome = parse(write_xlsx(tmp_path / "kpssu.xlsx", _title_only(title)))
    assert outcome.status == "refused"
    [message] = errors(outcome)  # one clear message, not one per column nor a false "no column"
    assert message["cell"] == "B3"
    assert "period can be read neither from the title" in message["text"] and title.lower() in message["text"]


def test_unreadable_period_in_a_column_is_refused_naming_the_heading(tmp_path, parse):
    outcome = parse(write_xlsx(tmp_path / "kpssu.xlsx", summary_sheet(default_rows(), periods=("2023", "20ХХ"))))
    assert outcome.status == "refused"
    message = find_message(outcome, 'the period "Суициды / 20ХХ" cannot be read', level="error")
    assert message["cell"] == "C4"


@pytest.mark.parametrize("title, footer, provisional", [
    ("Суициды за 2024 год", ["Данные предварительные"], True),
    ("Суициды за 2024 год", ["* Деректер алдын ала"], True),
    ("Суициды за 2024 год (предварительные данные)", [], True),
    ("Суициды за 2024 год", ["Источник: КПСиСУ ГП РК"], False),
])
def test_preliminary_note_marks_the_rows_provisional(tmp_path, parse, title, footer, provisional):
    outcome = parse(write_xlsx(tmp_path / "kpssu.xlsx", _title_only(title, footer)))
    assert outcome.status == "loaded", located(outcome)
    assert outcome.parsed.provisional is provisional
    assert not outcome.parsed.illustrative


# --- files that are not this source ------------------------------------------------------

def test_spreadsheet_of_something_else_matches_no_source(tmp_path, parse):
    path = write_xlsx(tmp_path / "population.xlsx", SheetSpec([["Численность населения"], ["Регион", "2023"],
                                                               ["Акмолинская область", 5], ["г. Алматы", 6]]))
    outcome = parse(path)
    assert outcome.status == "refused"
    assert located(outcome) == ["population.xlsx: the file matches no known source: no header with the expected keywords found"]


def test_summary_without_region_names_is_refused(tmp_path, parse):
    grid = [["Суициды за 2024 год"], ["Показатель", "Суициды", "Попытки суицида"], ["мальчики", 5, 6], ["девочки", 7, 8]]
    outcome = parse(write_xlsx(tmp_path / "kpssu.xlsx", SheetSpec(grid)), source="kpssu_summary")
    assert outcome.status == "refused"
    assert located(outcome) == ['kpssu.xlsx, sheet "Лист1": no table with region names found']
