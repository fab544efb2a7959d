"""CPCR region tables (PSC network, school psychologists, 111 appeals): files laid out in ways the
project has not seen load with the right values in the views; bad ones are refused, located, and
leave the database as it was; the sample writer's files reproduce the published figures."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from etl.cli import load_files
from etl.pipeline import parse_file
from etl.sample import cpcr
from helpers import CODES, SheetSpec, errors, find_message, located, messages, write

NAMES = {"ru": ["Акмолинская область", "Актюбинская область", "Карагандинская область", "г. Алматы"],
         "kk": ["Ақмола облысы", "Ақтөбе облысы", "Қарағанды облысы", "Алматы қаласы"],
         "en": ["Akmola Region", "Aktobe Region", "Karaganda Region", "Almaty"]}
LABEL = {"ru": "Регион", "kk": "Өңір", "en": "Region"}
TOTAL = {"ru": "Итого", "kk": "Барлығы", "en": "Total"}


def table(title: list[str], columns: list[tuple], values: list[list], lang: str = "ru", *, numbered=False,
          total: str | None = "bottom", numbers_row=False, total_values=None, labels=None, name="Лист1") -> SheetSpec:
    """Title lines, a blank line, a header, optional column numbers, region rows and a total row.

    ``columns`` are (group, heading): with any group the header has two rows, the group merged
    over its columns and every other heading merged down over both rows."""
    lead = 1 + numbered
    head = ["№"] * numbered + [LABEL[lang]]
    grid, merges = [[t] for t in title] + [[]], []
    top = len(grid) + 1
    if any(group for group, _ in columns):
        upper, lower = head[:], [None] * lead
        for c, (group, heading) in enumerate(columns):
            first = c == 0 or columns[c - 1][0] != group
            upper.append((group if first else None) if group else heading)
            lower.append(heading if group else None)
        grid += [upper, lower]
        merges = [f"{_col(c)}{top}:{_col(c)}{top + 1}" for c in range(1, lead + 1)]
        for c, (group, _) in enumerate(columns, lead + 1):
            if not group:
                merges.append(f"{_col(c)}{top}:{_col(c)}{top + 1}")
            elif c == lead + 1 or columns[c - lead - 2][0] != group:
                span = next((k for k in range(c - lead, len(columns)) if columns[k][0] != group), len(columns))
                merges.append(f"{_col(c)}{top}:{_col(span + lead)}{top}")
    else:
        grid.append(head + [heading for _, heading in columns])
    if numbers_row:
        grid.append(list(range(1, lead + len(columns) + 1)))
    labels = labels or NAMES[lang]
    body = [[i + 1] * numbered + [label, *row] for i, (label, row) in enumerate(zip(labels, values))]
    if total:
        sums = total_values or [sum(r[c] for r in values) for c in range(len(columns))]
        line = [None] * numbered + [TOTAL[lang], *sums]
        body = [line] + body if total == "top" else body + [line]
    return SheetSpec(grid + body + [[], ["Примечание: данные ведомства."]], merges=merges, name=name)


def _col(n: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(n)


def load(tmp_path: Path, *paths: Path):
    return load_files(list(paths), db=tmp_path / "t.duckdb")


def query(tmp_path: Path, sql: str, params=()) -> list[tuple]:
    with duckdb.connect(str(tmp_path / "t.duckdb"), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def view_values(tmp_path: Path, sql: str, params=()) -> dict:
    return {(region, measure): value for region, measure, value in query(tmp_path, sql, params)}


# --- the three sources: headings (measure, group, heading in a group, heading alone), values --------
G_PSC = {"ru": "Специалисты", "kk": "Мамандар", "en": "Specialists"}
PSC = [("branches", "Количество филиалов", "Филиалдар саны", "Branches"),
       ("positions_authorised", "Штатная численность", "Штаттық бірліктер саны", "Authorised positions"),
       ("positions_filled", "Фактическая численность", "Нақты жұмыс істейтіндер", "Filled positions"),
       ("vacancies", "Вакансии", "Бос орындар", "Vacancies"),
       ("specialists_psychologist", "психологи", "психологтар", "psychologists"),
       ("specialists_social_pedagogue", "социальные педагоги", "әлеуметтік педагогтар", "social pedagogues"),
       ("specialists_lawyer", "юристы", "заңгерлер", "lawyers"),
       ("specialists_crisis_psychologist", "кризисные психологи", "дағдарыс психологтары", "crisis psychologists"),
       ("specialists_other", "прочие специалисты", "басқа мамандар", "other specialists"),
       ("specialists", "всего специалистов", "мамандар барлығы", "specialists, total")]
G_SCHOOL = {"ru": "Педагоги-психологи", "kk": "Педагог-психологтар", "en": "School psychologists"}
SCHOOL = [("schools", "Количество школ", "Мектептер саны", "Schools"),
          ("pupils", "Контингент учащихся", "Оқушылар саны", "Pupils"),
          ("positions_due", "положено по нормативу", "норматив бойынша қажет", "positions due by the norm"),
          ("psychologists", "фактически работающих психологов", "жұмыс істейтін психологтар", "psychologists employed"),
          ("schools_meeting_norm", "Школы, соответствующие нормативу", "Нормативке сәйкес мектептер", "Schools meeting the norm")]
G_HELP = {"ru": "Обращения детей", "kk": "Балалардың өтініштері", "en": "Children's appeals"}
HELP = [("appeals_total", "всего обращений", "барлық өтініштер", "total appeals"),
        ("appeals_qr", "по QR-коду", "QR-код арқылы", "by QR code"),
        ("appeals_phone", "по телефону", "телефон арқылы", "by phone"),
        ("children_supported", "Оказана психологическая помощь", "Психологиялық көмек көрсетілді", "Psychological support given"),
        ("handled_with_state_bodies", "С привлечением госорганов", "Мемлекеттік органдармен", "Handled with state bodies")]
GROUPED = {"psc_network": ("specialists_",), "school_psych": ("positions_due", "psychologists"),
           "helpline_111": ("appeals_",)}
SOURCES = {  # measures, group heading, title (ru, kk, en), values of region i, view query
    "psc_network": (PSC, G_PSC, ("Сведения о ЦПП по состоянию на 01.11.2024", "01.11.2024 жағдай бойынша ПҚО туралы мәліметтер",
                                 "Psychological support centres (PSC), as of 1 November 2024"),
                    lambda i: [i, 20 + i, 18 + i, 2, 10 + i, 3, 2, 2, 1, 18 + i],
                    "SELECT region_code, measure, value FROM psc_network WHERE as_of = DATE '2024-11-01' AND value IS NOT NULL"),
    "school_psych": (SCHOOL, G_SCHOOL, ("Педагоги-психологи школ, 2024-2025 учебный год", "Мектеп психологтары, 2024/2025 оқу жылы",
                                        "School psychologists, 2024-2025 school year"),
                     lambda i: [300 + 10 * i, 150_000 + 1000 * i, 300 + i, 290 + i, 120 + i],
                     "SELECT region_code, measure, value FROM school_psychologists WHERE school_year = '2024-2025'"),
    "helpline_111": (HELP, G_HELP, ("Обращения детей в контакт-центр 111 за январь-сентябрь 2025 года",
                                    "111 байланыс орталығына өтініштер, 2025 жылғы қаңтар-қыркүйек",
                                    "Appeals to the 111 helpline, January-September 2025"),
                     lambda i: [1000 + 100 * i, 980 + 100 * i, 20, 40 + i, 15 + i],
                     "SELECT region_code, measure, value FROM helpline_111 WHERE period_start = DATE '2025-01-01' "
                     "AND period_end = DATE '2025-09-30'"),
}
LANGS = ("ru", "kk", "en")


def source_table(source: str, lang="ru", *, grouped=False, reverse=False, drop=(), title=None, values=None,
                 **options) -> SheetSpec:
    """A source's table in ``lang``; ``values`` are whole rows (before ``drop``)."""
    measures, group, titles, row, _ = SOURCES[source]
    keep = [k for k, m in enumerate(measures) if m[0] not in drop]
    columns = [(group[lang] if grouped and measures[k][0].startswith(GROUPED[source]) else None,
                measures[k][1 + LANGS.index(lang)]) for k in keep]
    rows = [[r[k] for k in keep] for r in (values or [row(i) for i in range(4)])]
    if reverse:
        columns, rows = columns[::-1], [r[::-1] for r in rows]
    return table([title or titles[LANGS.index(lang)]], columns, rows, lang, **options)


def expected(source: str, drop=()) -> dict:
    measures, _, _, row, _ = SOURCES[source]
    out = {(code, m[0]): row(i)[k] for i, code in enumerate(CODES) for k, m in enumerate(measures) if m[0] not in drop}
    if source == "psc_network":
        out.update({(code, "centres"): 1 for code in CODES})
    return out


LAYOUTS = [  # lang, file suffix, CSV options, table options
    ("ru", ".xlsx", {}, dict(numbered=True, grouped=True, numbers_row=True)),
    ("kk", ".xls", {}, dict(total="top")),
    ("en", ".csv", {"delimiter": ","}, dict(total=None, reverse=True)),
    ("ru", ".csv", {"encoding": "cp1251", "delimiter": ";"}, dict(total="top", numbered=True, reverse=True)),
    ("kk", ".xlsx", {}, dict(grouped=True, reverse=True, total=None)),
    ("en", ".xls", {}, dict(grouped=True, numbered=True)),
    ("ru", ".csv", {"encoding": "utf-8", "delimiter": ","}, dict(grouped=True)),
]


@pytest.mark.parametrize("source", list(SOURCES))
@pytest.mark.parametrize("lang, suffix, csv_options, options", LAYOUTS)
def test_unseen_layouts_load_with_their_values(tmp_path, source, lang, suffix, csv_options, options):
    path = write(tmp_path / f"{source}{suffix}", source_table(source, lang, **options), **csv_options)
    [outcome] = load(tmp_path, path)
    assert outcome.status == "loaded", messages(outcome)
    assert outcome.parsed.source == source
    assert view_values(tmp_path, SOURCES[source][4]) == expected(source)


TITLES = [("psc_network", ["Сведения о сети ЦПП", "по состоянию на 01.11.2024"]),
          ("psc_network", ["Сведения о центрах психологической поддержки на 1 ноября 2024 года"]),
          ("psc_network", ["ПҚО желісі", "01.11.2024 жағдай бойынша"]),
          ("school_psych", ["Обеспеченность школ педагогами-психологами", "2024-2025 учебный год"]),
          ("school_psych", ["Мектептердің педагог-психологтармен қамтылуы, 2024/2025 оқу жылы"]),
          ("helpline_111", ["Обращения в контакт-центр 111", "за период с 01.01.2025 по 30.09.2025"]),
          ("helpline_111", ["Обращения в контакт-центр 111 за январь-сентябрь 2025 года"]),
          ("helpline_111", ["111 байланыс орталығы", "2025 жылғы қаңтар-қыркүйек"])]


@pytest.mark.parametrize("source, title", TITLES)
def test_period_in_the_title_in_several_forms(tmp_path, source, title):
    spec = source_table(source)
    spec = SheetSpec([[t] for t in title] + spec.rows[1:], merges=[])
    [outcome] = load(tmp_path, write(tmp_path / f"{source}.xlsx", spec))
    assert outcome.status == "loaded", messages(outcome)
    assert view_values(tmp_path, SOURCES[source][4]) == expected(source)


def test_day_span_of_the_111_title_is_kept(tmp_path):
    spec = source_table("helpline_111", title="Обращения детей в 111 с 01.01.2025 по 06.11.2025")
    [outcome] = load(tmp_path, write(tmp_path / "h.xlsx", spec))
    assert outcome.status == "loaded", messages(outcome)
    assert query(tmp_path, "SELECT DISTINCT period_start, period_end FROM helpline_111") == \
        [(date(2025, 1, 1), date(2025, 11, 6))]


# --- refusals: located, and nothing changes ----------------------------------------------------
def _bad(source, **kwargs):
    values = [SOURCES[source][3](i) for i in range(4)]
    for (r, c), v in kwargs.pop("cells", {}).items():
        values[r][c] = v
    return source_table(source, values=values, **kwargs)


BAD = [  # source, table, words of the message, cell
    ("psc_network", lambda: _bad("psc_network", drop=("positions_filled",)), ["required", "filled positions"], "A3"),
    ("psc_network", lambda: _bad("psc_network", total_values=[6, 90, 78, 8, 46, 12, 8, 8, 4, 78]), ["add up to 86", "says 90"], "C8"),
    ("psc_network", lambda: _bad("psc_network", title="Сведения о ЦПП по состоянию на 01.11.2099"), ["future"], None),
    ("psc_network", lambda: _bad("psc_network", cells={(1, 4): -3}, total=None), ["negative"], "F5"),
    ("psc_network", lambda: _bad("psc_network", cells={(2, 1): "20,5"}, total=None), ["whole number"], "C6"),
    ("psc_network", lambda: _bad("psc_network", labels=[NAMES["ru"][0], "Актюбинск. обл", *NAMES["ru"][2:]]),
     ["Актюбинск. обл", "not known", "closest", "Актюбинская область"], "A5"),
    ("school_psych", lambda: _bad("school_psych", title="Педагоги-психологи школ, 2024-2026 учебный год"), ["school year"], "B3"),
    ("school_psych", lambda: _bad("school_psych", title="Педагоги-психологи школ, учебный год"), ["school year"], "B3"),
    ("school_psych", lambda: _bad("school_psych", cells={(3, 4): 400}, total=None), ["norm (400)", "schools (330)"], "F7"),
    ("school_psych", lambda: _bad("school_psych", drop=("pupils",)), ["required", "pupils"], "A3"),
    ("helpline_111", lambda: _bad("helpline_111", cells={(0, 2): 25}, total=None), ["add up to 1005", "1000"], "B4"),
    ("helpline_111", lambda: _bad("helpline_111", total_values=[4600, 4520, 80, 170, 66]), ["add up to 166", "says 170"], "E8"),
    ("helpline_111", lambda: _bad("helpline_111", labels=[*NAMES["ru"][:3], "Алматинск. обл"]),
     ["not known", "Алматинская область", "г. Алматы"], "A7"),
]


@pytest.mark.parametrize("source, spec, words, cell", BAD)
def test_bad_files_are_refused_where_they_are_wrong_and_change_nothing(tmp_path, source, spec, words, cell):
    good = write(tmp_path / f"{source}_good.xlsx", source_table(source))
    bad = write(tmp_path / f"{source}_bad.xlsx", spec())
    before, refused = load(tmp_path, good, bad)
    assert before.status == "loaded", messages(before)
    assert refused.status == "refused"
    message = find_message(refused, *words, level="error", cell=cell, sheet="Лист1")
    assert message["cell"], message
    assert any(line.startswith(f'{bad.name}, sheet "Лист1", cell {message["cell"]}: ') for line in located(refused))
    assert view_values(tmp_path, SOURCES[source][4]) == expected(source)
    assert query(tmp_path, "SELECT count(*) FROM figures WHERE source_file = ?", [bad.name]) == [(0,)]
    assert query(tmp_path, "SELECT status FROM load_log WHERE file_name = ?", [bad.name]) == [("refused",)]


def test_unreadable_school_year_is_said_once(tmp_path):
    outcome = parse_file(write(tmp_path / "s.xlsx", _bad("school_psych", title="Школы, 2024-2026 учебный год")))
    [message] = errors(outcome)
    assert "school year" in message["text"] and message["cell"] == "B3"


# --- what the PSC form leaves implicit, and its warnings -----------------------------------------
def test_filled_above_authorised_is_a_warning_and_loads(tmp_path):
    spec = _bad("psc_network", cells={(1, 2): 25, (1, 9): 25, (1, 4): 17}, total=None)
    [outcome] = load(tmp_path, write(tmp_path / "p.xlsx", spec))
    assert outcome.status == "warning"
    find_message(outcome, "filled positions (25) exceed authorised positions (21)", level="warning", cell="D5")
    assert view_values(tmp_path, SOURCES["psc_network"][4])[("KZ-15", "positions_filled")] == 25


def test_specialists_total_is_the_sum_of_the_kinds_without_a_total_column(tmp_path):
    [outcome] = load(tmp_path, write(tmp_path / "p.xlsx", source_table("psc_network", drop=("specialists",))))
    assert outcome.status == "loaded", messages(outcome)
    assert view_values(tmp_path, SOURCES["psc_network"][4]) == expected("psc_network")
    assert query(tmp_path, "SELECT source_cell FROM psc_network WHERE measure = 'specialists' AND region_code = 'KZ-11'") \
        == [("F4+G4+H4+I4+J4",)]


def test_a_wrong_kind_in_the_total_row_is_one_error_at_its_own_cell(tmp_path):
    spec = source_table("psc_network", drop=("specialists",), total_values=[6, 86, 78, 8, 47, 12, 8, 8, 4])
    outcome = parse_file(write(tmp_path / "p.xlsx", spec))
    assert [(m["cell"], m["text"]) for m in errors(outcome)] == \
        [("F8", "the regions add up to 46, but the total row says 47")]


def test_a_named_centre_counts_as_a_centre(tmp_path):
    columns = [(None, "Наименование центра"), (None, "Дата открытия"), (None, "Штатная численность"),
               (None, "Фактическая численность")]
    rows = [["ЦПП Акмолинской области", "10.12.2023", "-", "-"], ["", "", "-", "-"],
            ["", "", 12, 10], ["Центр психологической поддержки г. Алматы", date(2023, 11, 15), 30, 28]]
    spec = table(["Сеть ЦПП по состоянию на 01.11.2024"], columns, rows, total=None)
    [outcome] = load(tmp_path, write(tmp_path / "p.xlsx", spec))
    assert outcome.status == "loaded", messages(outcome)
    got = {r: v for r, v in query(tmp_path, "SELECT region_code, value FROM psc_network WHERE measure = 'centres'")}
    assert got == {"KZ-11": 1, "KZ-15": 0, "KZ-35": 1, "KZ-75": 1}
    assert dict(query(tmp_path, "SELECT region_code, value_text FROM psc_network WHERE measure = 'opened'")) == \
        {"KZ-11": "2023-12-10", "KZ-75": "2023-11-15"}


def test_a_column_counting_opened_centres_is_a_count_not_a_date(tmp_path):
    columns = [(None, "Количество открытых центров"), (None, "Штатная численность"), (None, "Фактическая численность")]
    spec = table(["Сеть ЦПП по состоянию на 01.11.2024"], columns, [[1, 10, 9], [0, 0, 0], [1, 5, 5], [2, 20, 20]])
    outcome = parse_file(write(tmp_path / "p.xlsx", spec))
    assert outcome.status == "loaded", messages(outcome)
    assert {f.region_code: f.value for f in outcome.parsed.figures if f.measure == "centres"} == \
        {"KZ-11": 1, "KZ-15": 0, "KZ-35": 1, "KZ-75": 2}


# --- the sample writer -----------------------------------------------------------------------
@pytest.fixture(scope="module")
def sample_cpcr(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cpcr")
    paths = [p for w in (cpcr.write_psc_network, cpcr.write_school_psych, cpcr.write_helpline) for p in w(folder)]
    return folder, paths, load_files(paths, db=folder / "t.duckdb")


def test_sample_files_parse_without_errors(sample_cpcr):
    _, paths, outcomes = sample_cpcr
    assert len(paths) == 7 + 3 + 1
    for outcome in outcomes:
        assert outcome.status == "loaded" and not errors(outcome), (outcome.file_name, messages(outcome))
        assert outcome.parsed.illustrative


def test_sample_reproduces_the_published_figures(sample_cpcr):
    folder = sample_cpcr[0]
    sums = dict(((str(d), m), v) for d, m, v in query(folder, "SELECT as_of, measure, sum(value) FROM psc_network "
                                                      "WHERE measure IN ('specialists', 'centres') GROUP BY ALL"))
    assert sums[("2024-11-01", "specialists")] == 468 and sums[("2025-02-01", "specialists")] == 595
    assert [sums[(d, "centres")] for d in ("2024-06-15", "2024-07-15", "2024-08-20")] == [15, 17, 20]
    school = dict(((y, m), v) for y, m, v in query(folder, "SELECT school_year, measure, sum(value) FROM school_psychologists GROUP BY ALL"))
    assert school[("2022-2023", "psychologists")] == 7207
    assert round(100 * 7207 / school[("2022-2023", "positions_due")]) == 97
    assert (school[("2023-2024", "psychologists")], school[("2023-2024", "schools_meeting_norm")]) == (8500, 3000)
    helpline = dict(query(folder, "SELECT measure, sum(value) FROM helpline_111 WHERE period_start = DATE '2025-01-01' "
                                  "AND period_end = DATE '2025-11-06' GROUP BY ALL"))
    assert helpline == {"appeals_total": 110_999, "appeals_qr": 108_987, "appeals_phone": 2_012,
                        "children_supported": 3_499, "handled_with_state_bodies": 1_602}
    ranked = query(folder, "SELECT region_code, value FROM helpline_111 WHERE measure = 'appeals_total' ORDER BY value DESC")
    assert ranked[:3] == [("KZ-75", 9160), ("KZ-27", 7654), ("KZ-61", 7478)]
    assert sorted(ranked[-3:]) == [("KZ-10", 1765), ("KZ-59", 1738), ("KZ-62", 1017)]
