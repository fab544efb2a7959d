"""BNS population tables: "на 1 января" year groups or plain year columns under a title naming
children 0-17, in Russian, Kazakh or English, as .xlsx, .xls or CSV; children by sex; refusals;
the sample writer's file and the published figures it reproduces."""
from __future__ import annotations

import pytest

from etl.cli import load_files
from etl.sample import cpcr
from helpers import CODES, SheetSpec, errors, find_message, located, messages, write
from test_cpcr_sources import NAMES, load, query, table

CHILDREN = {2023: [200_000, 210_000, 220_000, 230_000], 2024: [201_000, 211_000, 221_000, 231_000]}
EVERYONE = {2023: [700_000, 800_000, 900_000, 1_000_000], 2024: [701_000, 801_000, 901_000, 1_001_000]}
GROUP = {"ru": ("на 1 января {y} года", "дети 0-17 лет", "всё население"),
         "kk": ("{y} жылғы 1 қаңтардағы жағдай бойынша", "0-17 жастағы балалар", "барлық халық"),
         "en": ("as of 1 January {y}", "children aged 0-17", "total population")}
TITLE = {"ru": "Численность населения и детей по регионам, человек",
         "kk": "Өңірлер бойынша халық пен балалар саны, адам",
         "en": "Population and children by region, persons"}
PLAIN_TITLE = {"ru": "Численность детей в возрасте 0-17 лет на начало года, человек",
               "kk": "0-17 жастағы балалар саны, жыл басына, адам",
               "en": "Number of children aged 0-17 at the start of the year, persons"}
CHILD_VIEW = "SELECT region_code, year, value FROM child_population WHERE sex = 'all'"
TOTAL_VIEW = "SELECT region_code, year, value FROM total_population WHERE sex = 'all'"


def grouped(lang="ru", *, children=None, everyone=None, **options) -> SheetSpec:
    """Year groups "на 1 января YYYY года" over a children and a whole-population column."""
    children, everyone = children or CHILDREN, everyone or EVERYONE
    heading, kids, people = GROUP[lang]
    columns = [(heading.format(y=y), h) for y in (2023, 2024) for h in (kids, people)]
    rows = [[v for y in (2023, 2024) for v in (children[y][i], everyone[y][i])] for i in range(4)]
    return table([TITLE[lang]], columns, rows, lang, **options)


def plain(lang="ru", *, title=None, children=None, **options) -> SheetSpec:
    children = children or CHILDREN
    rows = [[children[y][i] for y in (2023, 2024)] for i in range(4)]
    return table([title or PLAIN_TITLE[lang]], [(None, "2023"), (None, "2024")], rows, lang, **options)


def by_year(rows) -> dict:
    return {(code, year): value for code, year, value in rows}


def expected(values=None) -> dict:
    return {(code, y): v[i] for y, v in (values or CHILDREN).items() for i, code in enumerate(CODES)}


LAYOUTS = [  # builder, lang, suffix, CSV options, table options
    (grouped, "ru", ".xlsx", {}, dict(numbered=True, numbers_row=True)),
    (grouped, "kk", ".xls", {}, dict(total="top")),
    (grouped, "en", ".csv", {"delimiter": ","}, dict(total=None)),
    (grouped, "ru", ".csv", {"encoding": "cp1251", "delimiter": ";"}, dict(total="top", numbered=True)),
    (plain, "ru", ".xlsx", {}, dict(total="top")),
    (plain, "kk", ".xlsx", {}, dict(numbered=True)),
    (plain, "en", ".xls", {}, dict(total=None)),
    (plain, "ru", ".csv", {"encoding": "cp1251", "delimiter": ","}, dict(numbers_row=True)),
    (plain, "kk", ".csv", {"encoding": "utf-8", "delimiter": ";"}, dict(total=None)),
]


@pytest.mark.parametrize("builder, lang, suffix, csv_options, options", LAYOUTS)
def test_unseen_layouts_load_children_on_1_january(tmp_path, builder, lang, suffix, csv_options, options):
    path = write(tmp_path / f"population{suffix}", builder(lang, **options), **csv_options)
    [outcome] = load(tmp_path, path)
    assert outcome.status == "loaded", messages(outcome)
    assert outcome.parsed.source == "population"
    assert by_year(query(tmp_path, CHILD_VIEW)) == expected()
    totals = by_year(query(tmp_path, TOTAL_VIEW))
    assert totals == (expected(EVERYONE) if builder is grouped else {})
    assert query(tmp_path, "SELECT DISTINCT period_start FROM figures ORDER BY 1")[0][0].isoformat() == "2023-01-01"


@pytest.mark.parametrize("title", ["Численность детей 0-17 лет на 1 января 2024 года",
                                   "0-17 жастағы балалар саны, 2024 жылғы 1 қаңтардағы жағдай бойынша",
                                   "Children aged 0-17 as of 1 January 2024"])
def test_snapshot_in_the_title_with_children_and_population_columns(tmp_path, title):
    columns = [(None, "Дети 0-17 лет"), (None, "Численность населения")]
    rows = [[CHILDREN[2024][i], EVERYONE[2024][i]] for i in range(4)]
    [outcome] = load(tmp_path, write(tmp_path / "p.xlsx", table([title], columns, rows)))
    assert outcome.status == "loaded", messages(outcome)
    assert by_year(query(tmp_path, CHILD_VIEW)) == {k: v for k, v in expected().items() if k[1] == 2024}
    assert by_year(query(tmp_path, TOTAL_VIEW)) == {k: v for k, v in expected(EVERYONE).items() if k[1] == 2024}


@pytest.mark.parametrize("group", [True, False])
def test_children_by_sex(tmp_path, group):
    """Sex columns under a "Дети 0-17 лет" group, or under a title that names the children."""
    heads = ["всего", "мальчики", "девочки"] if group else ["Оба пола", "Мужчины", "Женщины"]
    columns = [("Дети 0-17 лет" if group else None, h) for h in heads]
    rows = [[300_000 + i, 150_000 + i, 150_000] for i in range(4)]
    title = "Численность детей на 1 января 2024 года" if group else "Численность детей 0-17 лет на 1 января 2024 года"
    [outcome] = load(tmp_path, write(tmp_path / "p.xlsx", table([title], columns, rows)))
    assert outcome.status == "loaded", messages(outcome)
    got = {(r, s): v for r, s, v in query(tmp_path, "SELECT region_code, sex, value FROM child_population")}
    assert got == {(code, sex): v for i, code in enumerate(CODES)
                   for sex, v in (("all", 300_000 + i), ("male", 150_000 + i), ("female", 150_000))}


FUTURE = SheetSpec([["Численность детей в возрасте 0-17 лет, человек"], [], ["Регион", "2024", "2099"]]
                   + [[name, 1000, 1001] for name in NAMES["ru"]])
BAD = [  # table, words of the message, cell
    (lambda: grouped(everyone={2023: EVERYONE[2023], 2024: [701_000, 150_000, 901_000, 1_001_000]}, total=None),
     ["children (211000) exceed the whole population (150000)"], "D6"),
    (lambda: plain(total_values=[860_000, 874_000]), ["add up to 864000", "says 874000"], "C8"),
    (lambda: plain(children={2023: CHILDREN[2023], 2024: [201_000, -5, 221_000, 231_000]}, total=None),
     ["negative"], "C5"),
    (lambda: plain(children={2023: [200_000, "210 000,5", 220_000, 230_000], 2024: CHILDREN[2024]}, total=None),
     ["whole number"], "B5"),
    (lambda: plain(labels=[NAMES["ru"][0], "Актюбинск. обл", *NAMES["ru"][2:]]),
     ["Актюбинск. обл", "not known", "Актюбинская область"], "A5"),
    (lambda: FUTURE, ["future"], "C4"),
    (lambda: table(["Численность населения и детей на 1 января 2024 года"], [(None, "Всё население")],
                   [[v] for v in EVERYONE[2024]]), ["required", "children"], "A3"),
]


@pytest.mark.parametrize("spec, words, cell", BAD)
def test_bad_files_are_refused_where_they_are_wrong_and_change_nothing(tmp_path, spec, words, cell):
    good = write(tmp_path / "population_good.xlsx", grouped())
    bad = write(tmp_path / "population_bad.xlsx", spec())
    before, refused = load(tmp_path, good, bad)
    assert before.status == "loaded", messages(before)
    assert refused.status == "refused"
    message = find_message(refused, *words, level="error", cell=cell, sheet="Лист1")
    assert any(line.startswith(f'{bad.name}, sheet "Лист1", cell {message["cell"]}: ') for line in located(refused))
    assert by_year(query(tmp_path, CHILD_VIEW)) == expected()
    assert by_year(query(tmp_path, TOTAL_VIEW)) == expected(EVERYONE)
    assert query(tmp_path, "SELECT count(*) FROM figures WHERE source_file = ?", [bad.name]) == [(0,)]
    assert query(tmp_path, "SELECT status FROM load_log WHERE file_name = ?", [bad.name]) == [("refused",)]


# --- the sample writer -----------------------------------------------------------------------
def test_sample_population_reproduces_the_published_figures(tmp_path):
    paths = cpcr.write_population(tmp_path)
    [outcome] = load_files(paths, db=tmp_path / "t.duckdb")
    assert outcome.status == "loaded" and not errors(outcome), messages(outcome)
    assert query(tmp_path, "SELECT sum(value) FROM child_population WHERE year = 2024 AND sex = 'all'") == [(6_841_527,)]
    shares = query(tmp_path, """
        SELECT c.region_code, round(100 * c.value / t.value, 1) AS share
        FROM child_population c JOIN total_population t USING (region_code, year, sex)
        WHERE c.year = 2024 AND c.sex = 'all' ORDER BY share DESC LIMIT 4""")
    assert shares[:3] == [("KZ-61", 43.3), ("KZ-47", 41.9), ("KZ-79", 40.6)]
    assert shares[3][1] < 40.6
    assert query(tmp_path, "SELECT DISTINCT year FROM child_population ORDER BY year") == [(2022,), (2023,), (2024,), (2025,)]
