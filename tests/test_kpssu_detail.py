"""The Prosecutor's Office (KPSSU) detail source against the data contract: sex and age forms and
bands, headers in three languages, periods per row or from the title, refusals and totals."""
from __future__ import annotations

import pytest

from etl.pipeline import parse_file
from helpers import SheetSpec, find_message, located, values, write, write_xlsx

Y2023, Y2024 = "2023-01..2023-12", "2024-01..2024-12"


DETAIL_HEAD = ("Регион", "Пол", "Возраст", "Оконченные суициды", "Попытки суицида")


def detail_sheet(sexes, ages, *, title="Суициды несовершеннолетних по полу и возрасту за 2024 год", head=DETAIL_HEAD,
                 period_values=None, regions=("Акмолинская область", "г. Алматы"), totals=False, total_shift=0):
    """One row per region x [period] x sex x age; row n (from 0) holds completed n+1, attempts 2(n+1)."""
    header = list(head) if period_values is None else [head[0], "Период", *head[1:]]
    grid, n, sums = [[title], [], header], 0, {}
    for region in regions:
        for period in (period_values or [None]):
            for sex in sexes:
                for age in ages:
                    n += 1
                    grid.append([region] + ([period] if period_values else []) + [sex, age, n, 2 * n])
                    key = (period, sex, age)
                    c, a = sums.get(key, (0, 0))
                    sums[key] = (c + n, a + 2 * n)
    if totals:
        for (period, sex, age), (c, a) in sums.items():
            grid.append(["Итого"] + ([period] if period_values else []) + [sex, age, c + total_shift, a])
    return SheetSpec(grid, name="Пол и возраст")


@pytest.mark.parametrize("sexes, expected_sexes", [
    (("мальчики", "девочки"), ("male", "female")),
    (("Мальчики", "Девочки"), ("male", "female")),
    (("м", "ж"), ("male", "female")),
    (("м.", "ж."), ("male", "female")),
    (("муж.", "жен."), ("male", "female")),
    (("ұл", "қыз"), ("male", "female")),
    (("ұлдар", "қыздар"), ("male", "female")),
    (("M", "F"), ("male", "female")),
    (("boys", "girls"), ("male", "female")),
])
def test_detail_sex_forms(tmp_path, parse, sexes, expected_sexes):
    outcome = parse(write_xlsx(tmp_path / "detail.xlsx", detail_sheet(sexes, ["5-14", "15-17"])))
    assert outcome.status == "loaded", located(outcome)
    assert outcome.parsed.source == "kpssu_detail"
    got = values(outcome, by_sex_age=True)
    assert got[("KZ-11", "completed", Y2024, expected_sexes[0], "5-14")] == 1
    assert got[("KZ-11", "attempts", Y2024, expected_sexes[1], "15-17")] == 8
    assert len(got) == 2 * 2 * 2 * 2


@pytest.mark.parametrize("ages, bands", [
    (["до 14 лет", "14-15", "16-17"], ["0-13", "14-15", "16-17"]),
    (["5-14", "15-17"], ["5-14", "15-17"]),
    (["5-14 лет", "15–17 лет"], ["5-14", "15-17"]),
    (["от 5 до 14 лет", "от 15 до 17 лет"], ["5-14", "15-17"]),
    (["14 жасқа дейін", "14-17 жас"], ["0-13", "14-17"]),
    (["under 14", "14—17"], ["0-13", "14-17"]),
])
def test_detail_age_bands(tmp_path, parse, ages, bands):
    outcome = parse(write_xlsx(tmp_path / "detail.xlsx", detail_sheet(["мальчики", "девочки"], ages)))
    assert outcome.status == "loaded", located(outcome)
    got = values(outcome, by_sex_age=True)
    assert {k[4] for k in got} == set(bands)
    assert got[("KZ-11", "completed", Y2024, "male", bands[0])] == 1
    assert got[("KZ-11", "completed", Y2024, "male", bands[-1])] == len(bands)


@pytest.mark.parametrize("head, title", [
    (("Өңір", "Жынысы", "Жасы", "Суицидтер", "Суицидке оқталу"), "2024 жылғы кәмелетке толмағандар суицидтері"),
    (("Region", "Sex", "Age group", "Completed suicides", "Suicide attempts"), "Suicides of minors by sex and age, 2024"),
    (("регион", "ПОЛ", "возрастная группа", "Суициды", "Покушения на самоубийство"), "Суициды за 2024 год"),
])
def test_detail_headers_in_three_languages(tmp_path, parse, head, title):
    outcome = parse(write_xlsx(tmp_path / "detail.xlsx", detail_sheet(["ұл", "қыз"], ["5-14", "15-17"], head=head, title=title)))
    assert outcome.status == "loaded", located(outcome)
    assert len(values(outcome, by_sex_age=True)) == 16


@pytest.mark.parametrize("suffix", ["xlsx", "xls", "csv"])
def test_detail_period_per_row_from_a_period_column(tmp_path, parse, suffix):
    sheet = detail_sheet(["м", "ж"], ["5-14", "15-17"], title="Суициды по полу и возрасту",
                         period_values=["2023", "январь-сентябрь 2024"])
    outcome = parse(write(tmp_path / f"detail.{suffix}", sheet))
    assert outcome.status == "loaded", located(outcome)
    got = values(outcome, by_sex_age=True)
    assert {k[2] for k in got} == {Y2023, "2024-01..2024-09"}
    assert got[("KZ-11", "completed", Y2023, "male", "5-14")] == 1
    assert got[("KZ-11", "completed", "2024-01..2024-09", "male", "5-14")] == 5


def test_detail_period_from_the_title(tmp_path, parse):
    sheet = detail_sheet(["м", "ж"], ["5-14", "15-17"], title="Суициды по полу и возрасту за январь-октябрь 2023 года")
    outcome = parse(write_xlsx(tmp_path / "detail.xlsx", sheet))
    assert outcome.status == "loaded", located(outcome)
    assert {f.period.key() for f in outcome.parsed.figures} == {"2023-01..2023-10"}


def test_detail_without_any_period_is_refused(tmp_path, parse):
    outcome = parse(write_xlsx(tmp_path / "detail.xlsx", detail_sheet(["м", "ж"], ["5-14"], title="Суициды по полу и возрасту")))
    assert outcome.status == "refused"
    assert find_message(outcome, "period is given neither in a column nor in the title", level="error")["cell"] == "A3"


def test_detail_unreadable_period_in_its_column_is_refused(tmp_path, parse):
    sheet = detail_sheet(["м", "ж"], ["5-14"], title="Суициды по полу и возрасту", period_values=["прошлый год"])
    outcome = parse(write_xlsx(tmp_path / "detail.xlsx", sheet))
    assert outcome.status == "refused"
    assert find_message(outcome, 'the period "прошлый год" cannot be read', level="error")["cell"] == "B4"


def test_detail_without_an_age_column_is_refused(tmp_path, parse):
    head = ("Регион", "Пол", "Суициды", "Попытки суицида", "Примечание")
    grid = [["Суициды по полу и возрасту за 2024 год"], [], list(head[:4]),
            ["Акмолинская область", "м", 1, 2], ["Акмолинская область", "ж", 3, 4], ["г. Алматы", "м", 5, 6]]
    outcome = parse(write_xlsx(tmp_path / "detail.xlsx", SheetSpec(grid)), source="kpssu_detail")
    assert outcome.status == "refused"
    [line] = located(outcome, "error")
    assert line == 'detail.xlsx, sheet "Лист1", cell A3: required column "age" is missing'


@pytest.mark.parametrize("sexes, ages, cell, words", [
    (["м", "?"], ["5-14"], "B5", ['sex "?" cannot be read']),
    (["м"], ["5-14", "15 и старше"], "C5", ['age group "15 и старше" cannot be read']),
])
def test_detail_unreadable_sex_or_age_is_refused(tmp_path, parse, sexes, ages, cell, words):
    outcome = parse(write_xlsx(tmp_path / "detail.xlsx", detail_sheet(sexes, ages)))
    assert outcome.status == "refused"
    assert find_message(outcome, *words, level="error", sheet="Пол и возраст")["cell"] == cell


def test_detail_totals_are_checked_not_stored(tmp_path, parse):
    outcome = parse(write_xlsx(tmp_path / "detail.xlsx", detail_sheet(["м", "ж"], ["5-14", "15-17"], totals=True)))
    assert outcome.status == "loaded", located(outcome)
    assert len(outcome.parsed.figures) == 16 and len(outcome.parsed.totals) == 8
    assert all(f.region_code for f in outcome.parsed.figures)


def test_detail_totals_that_do_not_add_up_are_refused(tmp_path, parse):
    outcome = parse(write_xlsx(tmp_path / "detail.xlsx", detail_sheet(["м", "ж"], ["5-14", "15-17"], totals=True, total_shift=1)))
    assert outcome.status == "refused"
    first = find_message(outcome, "the regions add up to 6, but the total row says 7", level="error")
    assert first["cell"] == "D12"


def test_detail_region_twice_for_the_same_breakdown_is_refused(tmp_path, parse):
    sheet = detail_sheet(["м", "м"], ["5-14"])
    outcome = parse(write_xlsx(tmp_path / "detail.xlsx", sheet))
    assert outcome.status == "refused"
    assert find_message(outcome, '(Akmola Region) appears twice', level="error")["cell"] == "D5"


def test_detail_subtotal_rows_for_both_sexes_are_checked_not_stored(tmp_path, parse):
    sheet = detail_sheet(["м", "ж"], ["5-14"])
    sheet.rows.insert(5, ["Акмолинская область", "всего", "всего", 3, 6])
    outcome = parse(write_xlsx(tmp_path / "detail.xlsx", sheet))
    assert outcome.status == "loaded", located(outcome)
    assert {(f.sex, f.age_group) for f in outcome.parsed.figures} == {("male", "5-14"), ("female", "5-14")}
    [subtotal_c, subtotal_a] = outcome.parsed.totals
    assert (subtotal_c.region_code, subtotal_c.value, subtotal_c.cell) == ("KZ-11", 3, "D6")
    sheet.rows[5][3] = 4
    bad = parse(write_xlsx(tmp_path / "detail_bad.xlsx", sheet))
    assert bad.status == "refused"
    assert find_message(bad, "add up to 3", "says 4", level="error")["cell"] == "D6"


def test_a_misspelt_first_region_is_reported_not_taken_for_a_header(tmp_path):
    path = tmp_path / "first_row.csv"
    path.write_text("Сведения о суицидах за 2024 год\nРегион;Суициды;Попытки суицида\n"
                    "Акмолинск. обл;3;5\nАктюбинская область;4;6\nг. Астана;2;2\n", encoding="utf-8")
    outcome = parse_file(path)
    assert outcome.status == "refused"
    [problem] = [m for m in outcome.messages if m.level == "error"]
    assert problem.cell == "A3" and 'region "Акмолинск. обл" is not known' in problem.text()


def test_a_title_naming_two_dates_takes_the_snapshot_it_is_as_of():
    from datetime import date

    from etl.periods import parse_period, snapshot

    assert parse_period("ЦПП, открытых с 01.06.2024, по состоянию на 01.11.2024", search=True) == \
        snapshot(date(2024, 11, 1))
