"""The Prosecutor's Office (KPSSU) sources against the data contract, file by file: layouts,
region spellings, totals and sub-rows (cell values: test_kpssu_cells.py; periods:
test_kpssu_periods.py; the sex-by-age detail: test_kpssu_detail.py)."""
from __future__ import annotations

import pytest

from helpers import (CODES, SheetSpec, default_rows, figure_at, find_message, located, summary_sheet, values, write,
                     write_xlsx)

Y2023, Y2024 = "2023-01..2023-12", "2024-01..2024-12"


def expected(codes=CODES, periods=(Y2023, Y2024)) -> dict:
    """The figures ``default_rows`` puts in a file, keyed like ``helpers.values``."""
    out = {}
    for i, code in enumerate(codes):
        for p, period in enumerate(periods):
            out[(code, "completed", period)] = 10 * i + 1 + p
            out[(code, "attempts", period)] = 20 * i + 3 + p
    return out


# --- formats and sheets ------------------------------------------------------------------

FORMATS = [
    ("xlsx", {}), ("xls", {}),
    ("csv", {"encoding": "utf-8", "delimiter": ";"}), ("csv", {"encoding": "utf-8", "delimiter": ","}),
    ("csv", {"encoding": "utf-8-sig", "delimiter": ";"}), ("csv", {"encoding": "utf-8-sig", "delimiter": ","}),
    ("csv", {"encoding": "cp1251", "delimiter": ";"}), ("csv", {"encoding": "cp1251", "delimiter": ","}),
]


@pytest.mark.parametrize("suffix, options", FORMATS, ids=lambda v: v if isinstance(v, str) else "-".join(v.values()))
def test_every_format_gives_the_same_figures(tmp_path, parse, suffix, options):
    path = write(tmp_path / f"kpssu.{suffix}", summary_sheet(default_rows()), **options)
    outcome = parse(path)
    assert outcome.status == "loaded", located(outcome)
    assert outcome.parsed.source == "kpssu_summary"
    assert values(outcome) == expected()
    first = figure_at(outcome, "B5")
    assert (first.region_code, first.measure, first.period.key(), first.value) == ("KZ-11", "completed", Y2023, 1)
    assert figure_at(outcome, "E8").region_code == "KZ-75" and figure_at(outcome, "E8").measure == "attempts"
    assert first.sheet == ("kpssu" if suffix == "csv" else "Лист1")
    assert [f.cell for f in outcome.parsed.totals] == ["B9", "C9", "D9", "E9"]
    assert all(f.region_code is not None for f in outcome.parsed.figures)


def test_several_data_sheets_with_any_names_empty_and_hidden_sheets(tmp_path, parse):
    path = write_xlsx(
        tmp_path / "book.xlsx",
        SheetSpec([], name="Пусто"),
        summary_sheet(default_rows(), name="2023-2024"),
        summary_sheet(default_rows(), periods=("2021", "2022"), name="Data (old)"),
        SheetSpec([["Примечание: данные уточняются"], ["см. письмо от 01.02.2025"]], name="Примечание"),
        summary_sheet(default_rows(), periods=("2019", "2020"), name="Черновик", hidden=True))
    outcome = parse(path)
    assert outcome.status == "loaded", located(outcome)
    assert values(outcome) == {**expected(), **expected(periods=("2021-01..2021-12", "2022-01..2022-12"))}
    assert {f.sheet for f in outcome.parsed.figures} == {"2023-2024", "Data (old)"}
    assert figure_at(outcome, "B5", sheet="Data (old)").period.key() == "2021-01..2021-12"
    hidden = find_message(outcome, "hidden sheet skipped", level="info")
    assert hidden["sheet"] == "Черновик"
    assert find_message(outcome, "skipped", "no recognised table", level="info")["sheet"] == "Примечание"


# --- header layouts ----------------------------------------------------------------------

def _rows(transpose=False):
    for label, c1, c2, a1, a2 in default_rows():
        yield [label, c1, a1, c2, a2] if transpose else [label, c1, c2, a1, a2]


def layout_one_row():
    return SheetSpec([["Суициды несовершеннолетних"],
                      ["Регион", "Суициды 2023", "Суициды 2024", "Попытки суицида 2023", "Попытки суицида 2024"],
                      *_rows()])


def layout_two_rows_unmerged():  # a group heading typed once, over the first of its columns
    return SheetSpec([["Суициды несовершеннолетних"], [],
                      ["Регион", "Суициды", None, "Попытки суицида", None],
                      [None, "2023 год", "2024 год", "2023 год", "2024 год"], *_rows()])


def layout_three_rows():
    return SheetSpec([["Сведения"], ["о суицидах среди несовершеннолетних"], [],
                      ["№ п/п", "Наименование региона", "Несовершеннолетние", None, None, None],
                      [None, None, "Оконченные суициды", None, "Покушения на самоубийство", None],
                      [None, None, "2023", "2024", "2023", "2024"],
                      [1, 2, 3, 4, 5, 6],
                      *[[i + 1, *r] for i, r in enumerate(_rows())],
                      [None, "Всего", 64, 68, 132, 136]],
                     merges=["A4:A6", "B4:B6", "C4:F4", "C5:D5", "E5:F5"])


def layout_overall_group():  # one heading naming both measures over every figure column
    return SheetSpec([["Сведения"], [],
                      ["Регион", "Суициды и попытки суицида несовершеннолетних", None, None, None],
                      [None, "Оконченные суициды", None, "Попытки", None],
                      [None, "2023", "2024", "2023", "2024"], *_rows()],
                     merges=["A3:A5", "B3:E3", "B4:C4", "D4:E4"])


def layout_transposed():  # year over "Суициды | Попытки"
    return SheetSpec([["Сведения о суицидах"], [],
                      ["Регион", "2023", None, "2024", None],
                      [None, "Суициды", "Попытки суицида", "Суициды", "Попытки суицида"], *_rows(transpose=True)],
                     merges=["A3:A4", "B3:C3", "D3:E3"])


def layout_numbered():  # "№ п/п" column and a row of column numbers
    return SheetSpec([["Сведения о суицидах"], [],
                      ["№ п/п", "Регион", "Суициды", None, "Попытки суицида", None],
                      [None, None, "2023", "2024", "2023", "2024"],
                      [1, 2, 3, 4, 5, 6],
                      *[[i + 1, *r] for i, r in enumerate(_rows())],
                      [None, "Республика Казахстан", 64, 68, 132, 136]],
                     merges=["A3:A4", "B3:B4", "C3:D3", "E3:F3"])


def layout_derived_columns():  # "+/-" and "%" columns are recomputed, never read
    grid = [["Сведения о суицидах"], [],
            ["Регион", "Суициды", None, None, None, "Попытки суицида", None, None, None],
            [None, "2023", "2024", "+/-", "%", "2023", "2024", "+/–", "рост, %"]]
    for label, c1, c2, a1, a2 in default_rows():
        grid.append([label, c1, c2, "не число", "9,9%", a1, a2, -999, "x"])
    return SheetSpec(grid, merges=["A3:A4", "B3:E3", "F3:I3"])


def layout_kazakh():
    kk = ["Ақмола облысы", "Ақтөбе облысы", "Қарағанды облысы", "Алматы қаласы"]
    return summary_sheet(default_rows(kk), title=("Кәмелетке толмағандар арасындағы суицидтер",),
                         groups=("Суицидтер", "Суицидке оқталу"), periods=("2023 жыл", "2024 жыл"),
                         label_heading="Өңір", total="Барлығы")


def layout_kazakh_long():
    kk = ["Ақмола облысы", "Ақтөбе облысы", "Қарағанды облысы", "Алматы қаласы"]
    return summary_sheet(default_rows(kk), title=("Деректер",), groups=("Өз-өзіне қол жұмсау", "Өз-өзіне қол жұмсауға әрекет"),
                         periods=("2023 ж.", "2024 ж."), label_heading="Облыс", total="Қазақстан Республикасы")


def layout_english():
    en = ["Akmola Region", "Aktobe Region", "Karaganda Region", "Almaty city"]
    return summary_sheet(default_rows(en), title=("Suicides among minors",), groups=("Completed suicides", "Suicide attempts"),
                         label_heading="REGION", total="Total")


def layout_title_merged_over_header():  # title merged across the table, no blank line under it
    return SheetSpec([["Сведения о суицидах и попытках суицида среди несовершеннолетних"],
                      ["Регион", "Суициды", None, "Попытки суицида", None],
                      [None, "2023", "2024", "2023", "2024"], *_rows()],
                     merges=["A1:E1", "A2:A3", "B2:C2", "D2:E2"])


LAYOUTS = [layout_one_row, layout_two_rows_unmerged, layout_three_rows, layout_overall_group, layout_transposed,
           layout_numbered, layout_derived_columns, layout_kazakh, layout_kazakh_long, layout_english,
           layout_title_merged_over_header]


@pytest.mark.parametrize("suffix", ["xlsx", "xls", "csv"])
@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda f: f.__name__[7:])
def test_header_layouts(tmp_path, parse, layout, suffix):
    outcome = parse(write(tmp_path / f"kpssu.{suffix}", layout()))
    assert outcome.status == "loaded", located(outcome)
    assert outcome.parsed.source == "kpssu_summary"
    assert values(outcome) == expected()


def test_derived_columns_are_never_read(tmp_path, parse):
    outcome = parse(write_xlsx(tmp_path / "kpssu.xlsx", layout_derived_columns()))
    assert {f.cell[0] for f in outcome.parsed.figures} == {"B", "C", "F", "G"}


def test_number_columns_are_not_figures(tmp_path, parse):
    outcome = parse(write_xlsx(tmp_path / "kpssu.xlsx", layout_numbered()))
    assert {f.cell[0] for f in outcome.parsed.figures} == {"C", "D", "E", "F"}
    assert min(int(f.cell[1:]) for f in outcome.parsed.figures) == 6  # the row of column numbers is skipped
    assert [f.cell for f in outcome.parsed.totals] == ["C10", "D10", "E10", "F10"]


def test_title_merged_over_the_header_is_still_the_title(tmp_path, parse):
    grid = [["Суициды за 2024 год (предварительные данные, иллюстративно)"],
            ["Регион", "Суициды", "Попытки суицида"], *[[r[0], r[1], r[3]] for r in default_rows()]]
    outcome = parse(write_xlsx(tmp_path / "kpssu.xlsx", SheetSpec(grid, merges=["A1:C1"])))
    assert outcome.status == "loaded", located(outcome)
    assert {f.period.key() for f in outcome.parsed.figures} == {Y2024}
    assert outcome.parsed.provisional and outcome.parsed.illustrative


# --- regions -----------------------------------------------------------------------------

@pytest.mark.parametrize("labels, codes", [
    (["Ақмола облысы", "Ақтөбе облысы", "Қарағанды облысы", "Алматы қаласы"], CODES),
    (["ВКО", "ЗКО", "СКО", "г.Шымкент"], ["KZ-63", "KZ-27", "KZ-59", "KZ-79"]),
    (["ШҚО", "БҚО", "СҚО", "Шымкент қаласы"], ["KZ-63", "KZ-27", "KZ-59", "KZ-79"]),
    (["Акмолинская область*", "Актюбинская обл.¹", "Карагандинская область **", "г. Алматы²"], CODES),
    (["  АКМОЛИНСКАЯ   ОБЛАСТЬ ", "актюбинская область", "Карагандинская\u00a0область", "Г. АЛМАТЫ"], CODES),
    (["110000000", "150000000", "350000000", "750000000"], CODES),
    ([110000000, 150000000, 350000000, 750000000], CODES),
    (["KZ-11", "KZ-15", "KZ-35", "KZ-75"], CODES),
    (["Akmola Region", "Aktobe Region", "Karaganda Region", "Almaty city"], CODES),
])
@pytest.mark.parametrize("suffix", ["xlsx", "xls"])
def test_region_spellings(tmp_path, parse, labels, codes, suffix):
    outcome = parse(write(tmp_path / f"kpssu.{suffix}", summary_sheet(default_rows(labels))))
    assert outcome.status == "loaded", located(outcome)
    assert values(outcome) == expected(codes)


@pytest.mark.parametrize("labels", [
    ["г. Алматы", "Алматинская область", "Акмолинская область"],
    ["Алматинская обл.", "Алматы", "Акмолинская область"],
    ["Алматы облысы", "Алматы қаласы", "Акмолинская область"],
    ["Almaty Region", "Almaty", "Akmola Region"],
    ["город Алматы", "Алматинская область", "Акмолинская область"],
])
def test_almaty_city_and_almaty_region_are_never_confused(tmp_path, parse, labels):
    outcome = parse(write_xlsx(tmp_path / "kpssu.xlsx", summary_sheet(default_rows(labels))))
    assert outcome.status == "loaded", located(outcome)
    city = 0 if "обл" not in labels[0].lower() and "region" not in labels[0].lower() else 1
    got = values(outcome)
    assert got[("KZ-75", "completed", Y2023)] == 10 * city + 1
    assert got[("KZ-19", "completed", Y2023)] == 10 * (1 - city) + 1
    assert got[("KZ-11", "completed", Y2023)] == 21


PRE_REFORM = ["Акмолинская область", "Актюбинская область", "Алматинская область", "Атырауская область",
              "Западно-Казахстанская область", "Жамбылская область", "Карагандинская область",
              "Костанайская область", "Кызылординская область", "Мангистауская область", "Павлодарская область",
              "Северо-Казахстанская область", "Туркестанская область", "Восточно-Казахстанская область",
              "г. Нур-Султан", "г. Алматы", "г. Шымкент"]


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_2021_file_with_the_17_pre_reform_units_and_nur_sultan(tmp_path, parse, suffix):
    path = write(tmp_path / f"kpssu_2021.{suffix}",
                 summary_sheet(default_rows(PRE_REFORM), periods=("2020", "2021"), total="Республика Казахстан",
                               total_first=True))
    outcome = parse(path)
    assert outcome.status == "loaded", located(outcome)
    assert located(outcome, "warning") == []
    regions = {f.region_code for f in outcome.parsed.figures}
    assert len(regions) == 17 and "KZ-71" in regions
    assert not regions & {"KZ-10", "KZ-33", "KZ-62"}
    assert values(outcome)[("KZ-71", "completed", "2021-01..2021-12")] == 10 * 14 + 2


def test_2021_file_with_a_figure_for_abai_region_is_refused(tmp_path, parse):
    rows = default_rows(["Акмолинская область", "Восточно-Казахстанская область", "область Абай"])
    outcome = parse(write_xlsx(tmp_path / "kpssu_2021.xlsx", summary_sheet(rows, periods=("2020", "2021"))))
    assert outcome.status == "refused"
    message = find_message(outcome, 'region "область Абай"', "did not exist", "8 June 2022", level="error")
    assert (message["sheet"], message["cell"]) == ("Лист1", "A7")


def test_new_region_with_a_figure_for_its_year_before_the_reform_is_refused(tmp_path, parse):
    rows = default_rows(["Акмолинская область", "Восточно-Казахстанская область", "Абайская область"])
    outcome = parse(write_xlsx(tmp_path / "kpssu.xlsx", summary_sheet(rows, periods=("2021", "2022"))))
    assert outcome.status == "refused"
    assert find_message(outcome, "Abai Region", "did not exist in 2021", level="error")["cell"] == "B7"


def test_post_reform_file_with_nur_sultan_is_read_as_astana_with_a_warning(tmp_path, parse):
    rows = default_rows(["Нур-Султан", "Акмолинская область"])
    outcome = parse(write_xlsx(tmp_path / "kpssu.xlsx", summary_sheet(rows)))
    assert outcome.status == "warning"
    assert values(outcome)[("KZ-71", "completed", Y2023)] == 1
    assert find_message(outcome, "Нур-Султан", "no longer in use", level="warning")["cell"] == "A5"


def test_unknown_region_is_refused_with_the_closest_names(tmp_path, parse):
    rows = default_rows(["г. Алматы", "Акмолинская область", "Алматинск. обл"])
    path = write_xlsx(tmp_path / "kpssu_2024.xlsx", summary_sheet(rows))
    outcome = parse(path)
    assert outcome.status == "refused"
    [line] = located(outcome, "error")
    assert line.startswith('kpssu_2024.xlsx, sheet "Лист1", cell A7: region "Алматинск. обл" is not known (closest: ')
    closest = line.split("(closest: ")[1].rstrip(")").split(", ")
    assert closest[0] == "Алматинская область" and "г. Алматы" in closest


@pytest.mark.parametrize("labels, cell", [
    (["Акмолинская область", "г. Алматы", "Акмолинская обл."], "B7"),
    (["ВКО", "г. Алматы", "Восточно-Казахстанская область"], "B7"),
    (["Алматинская область", "Алматы облысы", "г. Алматы"], "B6"),
])
def test_region_twice_for_the_same_period_is_refused(tmp_path, parse, labels, cell):
    outcome = parse(write_xlsx(tmp_path / "kpssu.xlsx", summary_sheet(default_rows(labels))))
    assert outcome.status == "refused"
    message = find_message(outcome, "appears twice for 2023 (cells A", level="error")
    assert message["cell"] == cell


# --- totals ------------------------------------------------------------------------------

@pytest.mark.parametrize("label", ["Республика Казахстан", "Всего по РК", "Итого", "Всего", "ИТОГО:",
                                   "Қазақстан Республикасы", "Барлығы", "Total", "Итого по республике"])
@pytest.mark.parametrize("first", [True, False], ids=["top", "bottom"])
def test_total_row_is_checked_not_stored(tmp_path, parse, label, first):
    outcome = parse(write_xlsx(tmp_path / "kpssu.xlsx", summary_sheet(default_rows(), total=label, total_first=first)))
    assert outcome.status == "loaded", located(outcome)
    assert values(outcome) == expected()
    totals = {(t.measure, t.period.key()): t.value for t in outcome.parsed.totals}
    assert totals == {("completed", Y2023): 64, ("completed", Y2024): 68, ("attempts", Y2023): 132, ("attempts", Y2024): 136}
    assert all(t.region_code is None for t in outcome.parsed.totals)


@pytest.mark.parametrize("first, cell", [(True, "C5"), (False, "C9")])
def test_regions_not_adding_up_to_the_total_are_refused_at_the_total_cell(tmp_path, parse, first, cell):
    sheet = summary_sheet(default_rows(), total="Республика Казахстан", total_first=first, total_values=[64, 70, 132, 136])
    outcome = parse(write_xlsx(tmp_path / "kpssu.xlsx", sheet))
    assert outcome.status == "refused"
    [line] = located(outcome, "error")
    assert line == f'kpssu.xlsx, sheet "Лист1", cell {cell}: the regions add up to 68, but the total row says 70'


# --- sub-rows ----------------------------------------------------------------------------

@pytest.mark.parametrize("label", ["в т.ч. г. Кокшетау", "в том числе г. Степногорск", "из них девочки",
                                   "соның ішінде қыздар", "including girls", "   Целиноградский район",
                                   "\u00a0\u00a0г. Косшы"])
@pytest.mark.parametrize("suffix", ["xlsx", "xls", "csv"])
def test_sub_rows_are_not_counted(tmp_path, parse, label, suffix):
    rows = default_rows()
    rows.insert(1, (label, 1, 1, 1, 1))
    sheet = summary_sheet(rows, total_values=[64, 68, 132, 136])
    outcome = parse(write(tmp_path / f"kpssu.{suffix}", sheet))
    assert outcome.status == "loaded", located(outcome)
    assert values(outcome) == expected()
    note = find_message(outcome, "sub-row", "not counted", level="info")
    assert note["cell"] == "A6" and label.strip() in note["text"]


def test_district_indented_by_excel_formatting_is_not_counted(tmp_path, parse):
    rows = default_rows()
    rows.insert(1, ("Целиноградский район", 1, 1, 1, 1))
    path = write_xlsx(tmp_path / "kpssu.xlsx", summary_sheet(rows, total_values=[64, 68, 132, 136], indents=["A6"]))
    outcome = parse(path)
    assert outcome.status == "loaded", located(outcome)
    assert values(outcome) == expected()
    assert find_message(outcome, 'sub-row "Целиноградский район" not counted')["cell"] == "A6"


def test_unindented_district_is_an_unknown_region(tmp_path, parse):
    rows = default_rows()
    rows.insert(1, ("Целиноградский район", 1, 1, 1, 1))
    outcome = parse(write_xlsx(tmp_path / "kpssu.xlsx", summary_sheet(rows, total_values=[64, 68, 132, 136])))
    assert outcome.status == "refused"
    assert find_message(outcome, 'region "Целиноградский район" is not known', level="error")["cell"] == "A6"
