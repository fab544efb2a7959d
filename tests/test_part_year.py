"""Part-year tables as the agencies write them: a title that names the months and bare-year
columns, "аналогичный период прошлого года", Kazakh titles; title and columns that disagree are
refused quoting both; a part-year file never replaces a full year in the warehouse."""
from __future__ import annotations

import duckdb
import pytest

from etl.cli import load_files
from helpers import CODES, SheetSpec, default_rows, errors, located, summary_sheet, values, write_xlsx

JS24, JS25 = "2024-01..2024-09", "2025-01..2025-09"


def _periods(outcome) -> set[str]:
    return {f.period.key() for f in outcome.parsed.figures + outcome.parsed.totals}


@pytest.mark.parametrize("title, periods, keys", [
    # the agencies' most common layout: months in the title, bare years over the columns
    ("Сведения о суицидах несовершеннолетних за январь-сентябрь 2025 года в сравнении с аналогичным "
     "периодом прошлого года", ("2024", "2025"), {JS24, JS25}),
    ("Суициды среди несовершеннолетних за 9 месяцев", (2024, 2025), {JS24, JS25}),
    ("Суициды за 9 мес. 2025 г.", ("2024 год", "2025 год"), {JS24, JS25}),
    ("Кәмелетке толмағандар арасындағы суицидтер, 2025 жылғы қаңтар-қыркүйек", ("2024 ж.", "2025 ж."), {JS24, JS25}),
    ("Суициды за I полугодие 2024 года", ("2023", "2024"), {"2023-01..2023-06", "2024-01..2024-06"}),
    ("Suicides of minors, January-June 2024", ("2023", "2024"), {"2023-01..2023-06", "2024-01..2024-06"}),
    # headings relative to the title's period
    ("Суициды за январь-сентябрь 2025 года", ("аналогичный период прошлого года", "январь-сентябрь 2025"),
     {JS24, JS25}),
    ("Суициды за 9 месяцев 2025 года", ("АППГ", "отчетный период"), {JS24, JS25}),
    ("Суициды за январь-сентябрь 2025 года", ("аналогичный период 2024 года", "2025"), {JS24, JS25}),
    ("Суициды за январь-сентябрь 2025 года", ("9 мес. 2024", "9 мес. 2025"), {JS24, JS25}),
    # a title without months leaves bare years whole
    ("Сведения о суицидах за 2023-2024 годы", ("2023", "2024"), {"2023-01..2023-12", "2024-01..2024-12"}),
])
def test_title_months_go_to_bare_year_columns(tmp_path, parse, title, periods, keys):
    outcome = parse(write_xlsx(tmp_path / "kpssu.xlsx", summary_sheet(default_rows(), title=(title,), periods=periods)))
    assert outcome.status == "loaded", located(outcome)
    assert _periods(outcome) == keys
    first_year = sorted(keys)[0]
    assert values(outcome)[("KZ-11", "completed", first_year)] == 1
    assert values(outcome)[("KZ-75", "attempts", sorted(keys)[1])] == 64


@pytest.mark.parametrize("title, periods, heading", [
    ("Суициды за январь-сентябрь 2025 года", ("январь-июнь 2024", "январь-июнь 2025"), "Суициды / январь-июнь 2024"),
    ("Суициды за 9 месяцев 2025 года", ("12 месяцев 2024", "9 месяцев 2025"), "Суициды / 12 месяцев 2024"),
    ("Суициды за I полугодие", ("январь-декабрь 2023", "2024"), "Суициды / январь-декабрь 2023"),
])
def test_title_and_columns_that_disagree_are_refused_quoting_both(tmp_path, parse, title, periods, heading):
    outcome = parse(write_xlsx(tmp_path / "kpssu.xlsx", summary_sheet(default_rows(), title=(title,), periods=periods)))
    assert outcome.status == "refused"
    assert not outcome.parsed.figures or errors(outcome)
    texts = [m["text"] for m in errors(outcome)]
    assert any(f'the title says "{title}"' in t and f'the heading says "{heading}"' in t for t in texts), texts
    assert errors(outcome)[0]["cell"] == "B4"


def test_detail_rows_with_bare_years_under_a_part_year_title(tmp_path, parse):
    grid = [["Суициды несовершеннолетних по полу и возрасту за январь-сентябрь 2025 года"], [],
            ["Регион", "Период", "Пол", "Возраст", "Оконченные суициды", "Попытки суицида"],
            ["Акмолинская область", 2024, "девочки", "до 14 лет", 1, 2],
            ["Акмолинская область", 2025, "девочки", "до 14 лет", 3, 4],
            ["г. Алматы", "2025 год", "мальчики", "15-17", 5, 6]]
    outcome = parse(write_xlsx(tmp_path / "detail.xlsx", SheetSpec(grid)))
    assert outcome.status == "loaded", located(outcome)
    assert values(outcome) == {("KZ-11", "completed", JS24): 1, ("KZ-11", "attempts", JS24): 2,
                               ("KZ-11", "completed", JS25): 3, ("KZ-11", "attempts", JS25): 4,
                               ("KZ-75", "completed", JS25): 5, ("KZ-75", "attempts", JS25): 6}


def test_detail_row_naming_other_months_than_the_title_is_refused(tmp_path, parse):
    grid = [["Суициды по полу и возрасту за январь-сентябрь 2025 года"], [],
            ["Регион", "Период", "Пол", "Возраст", "Оконченные суициды", "Попытки суицида"],
            ["Акмолинская область", "январь-июнь 2025", "девочки", "до 14 лет", 1, 2],
            ["г. Алматы", "2025", "мальчики", "15-17", 5, 6]]
    outcome = parse(write_xlsx(tmp_path / "detail.xlsx", SheetSpec(grid)))
    assert outcome.status == "refused"
    [message] = [m for m in errors(outcome) if "different months" in m["text"]]
    assert message["cell"] == "B4" and '"январь-июнь 2025"' in message["text"]


def test_a_part_year_file_never_replaces_the_full_year(tmp_path, db_file, today):
    full = write_xlsx(tmp_path / "kpssu_2024.xlsx",
                      summary_sheet(default_rows(), title=("Сведения о суицидах за 2023-2024 годы",)))
    nine = write_xlsx(tmp_path / "kpssu_9m_2025.xlsx", summary_sheet(
        [(label, c1 + 100, c2 + 100, a1 + 100, a2 + 100) for label, c1, c2, a1, a2 in default_rows()],
        title=("Сведения о суицидах за январь-сентябрь 2025 года в сравнении с аналогичным периодом прошлого года",),
        periods=("2024", "2025")))
    outcomes = load_files([full, nine], db=db_file)
    assert [o.status for o in outcomes] == ["loaded", "loaded"], [located(o) for o in outcomes]
    con = duckdb.connect(str(db_file), read_only=True)
    rows = con.execute("""
        SELECT strftime(period_start, '%Y-%m') || '..' || strftime(period_end, '%Y-%m'), region_code, value, revision,
               source_file
        FROM figures WHERE measure = 'completed' AND superseded_by IS NULL AND region_code = ?
        ORDER BY 1""", [CODES[0]]).fetchall()
    con.close()
    assert rows == [("2023-01..2023-12", "KZ-11", 1.0, 1, "kpssu_2024.xlsx"),
                    ("2024-01..2024-09", "KZ-11", 101.0, 1, "kpssu_9m_2025.xlsx"),
                    ("2024-01..2024-12", "KZ-11", 2.0, 1, "kpssu_2024.xlsx"),
                    ("2025-01..2025-09", "KZ-11", 102.0, 1, "kpssu_9m_2025.xlsx")]
