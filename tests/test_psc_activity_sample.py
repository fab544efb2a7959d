"""PSC monthly activity reports: the region found inside a title's sentence, recognising the source,
and the sample writer's reports read back exactly."""
from __future__ import annotations

import duckdb
import pytest

from etl.pipeline import parse_file
from etl.region_text import find_region, find_regions
from etl.sources import detect, psc_activity
from helpers import messages, write_xlsx
from helpers.psc_reports import fixed_today, report, values_of


# --- finding a region in free text ---------------------------------------------------------------
@pytest.mark.parametrize("text, code", [
    ("Отчет ЦПП Акмолинской области за март 2025 года", "KZ-11"),
    ("ЦПП Алматинской области", "KZ-19"),
    ("ЦПП г. Алматы", "KZ-75"),
    ("Алматы облысының ПҚО", "KZ-19"),
    ("Алматы қаласының ПҚО", "KZ-75"),
    ("ЦПП г. Астаны", "KZ-71"),
    ("ЦПП области Абай", "KZ-10"),
    ("Жетысуской области", "KZ-33"),
    ("ЦПП Туркестанской области", "KZ-61"),
    ("ЦПП ВКО", "KZ-63"),
    ("Регион: Павлодарская область", "KZ-55"),
    ("Akmola Region's centre", "KZ-11"),
])
def test_find_region(text, code):
    assert find_region(text) == code


def test_find_regions_reports_each_and_the_longest_reading():
    found = find_regions("ЦПП г. Алматы и Алматинской области")
    assert [(m.code, m.words) for m in found] == [("KZ-75", "г. Алматы"), ("KZ-19", "Алматинской области")]
    assert find_region("ЦПП г. Алматы и Алматинской области") is None
    assert find_regions("ИЛЛЮСТРАТИВНЫЕ ДАННЫЕ, март 2025") == []


def test_old_name_of_the_capital_carries_its_warning():
    from datetime import date

    found = find_regions("Отчет ЦПП г. Нур-Султана", period_start=date(2024, 3, 1), period_end=date(2024, 3, 31))
    assert [m.code for m in found] == ["KZ-71"]
    assert found[0].resolution.messages and found[0].resolution.messages[0].level == "warning"


# --- recognising the source ------------------------------------------------------------------
def test_detect_only_these_reports(tmp_path):
    from etl.reading import read_workbook
    from helpers import default_rows, summary_sheet

    book = read_workbook(write_xlsx(tmp_path / "r.xlsx", report("kk")))
    assert detect(book.sheets[0]) == "psc_activity"
    kpssu = read_workbook(write_xlsx(tmp_path / "k.xlsx", summary_sheet(default_rows())))
    assert detect(kpssu.sheets[0]) != "psc_activity"
    assert psc_activity.score("сведения о суицидах и попытках суицида регион 2023 2024") == 0


# --- the sample ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    from etl.sample.psc_activity import write_psc_activity

    directory = tmp_path_factory.mktemp("sample")
    return directory, write_psc_activity(directory)


def test_sample_files_are_named_by_region_and_month(sample):
    from etl.sample.psc_activity import PSC_OPENED, all_reports

    directory, files = sample
    assert 300 < len(files) < 420
    assert all(p.parent == directory / "psc_activity" and p.suffix == ".xlsx" for p in files)
    assert (directory / "psc_activity" / "psc_activity_KZ-11_2025-03.xlsx") in files
    assert (directory / "psc_activity" / "psc_activity_KZ-55_2025.xlsx") in files
    first = {c: min((y, m) for cc, y, m in all_reports() if cc == c) for c in PSC_OPENED}
    assert first == {c: (d.year, d.month) for c, d in PSC_OPENED.items()}
    assert max((y, m) for _, y, m in all_reports()) == (2025, 9)


def test_sample_is_deterministic(tmp_path, sample):
    from etl.sample.psc_activity import report_values

    assert report_values("KZ-11", 2025, 3) == report_values("KZ-11", 2025, 3)
    assert report_values("KZ-11", 2025, 3) != report_values("KZ-11", 2025, 4)


@pytest.mark.parametrize("name, code, months, kazakh", [
    ("psc_activity_KZ-11_2025-03.xlsx", "KZ-11", [(2025, 3)], False),
    ("psc_activity_KZ-61_2025-09.xlsx", "KZ-61", [(2025, 9)], True),
    ("psc_activity_KZ-43_2024-12.xlsx", "KZ-43", [(2024, 12)], True),
    ("psc_activity_KZ-75_2025-05.xlsx", "KZ-75", [(2025, 5)], False),
    ("psc_activity_KZ-19_2024-10.xlsx", "KZ-19", [(2024, 10)], False),
    ("psc_activity_KZ-15_2025-01.xlsx", "KZ-15", [(2025, 1)], False),
    ("psc_activity_KZ-55_2025.xlsx", "KZ-55", [(2025, m) for m in range(1, 10)], False),
])
def test_sample_files_read_back_exactly(sample, name, code, months, kazakh):
    from etl.sample.psc_activity import report_values

    directory, _ = sample
    outcome = parse_file(directory / "psc_activity" / name, today=fixed_today())
    assert outcome.status == "loaded", messages(outcome)
    assert outcome.parsed.source == "psc_activity" and outcome.parsed.illustrative
    assert outcome.parsed.provisional == (months == [(2025, 9)])
    for y, m in months:
        assert values_of(outcome, f"{y}-{m:02d}..{y}-{m:02d}") == report_values(code, y, m)
    assert {f.region_code for f in outcome.parsed.figures} == {code}
    assert len(outcome.parsed.figures) == 19 * len(months)


def test_all_sample_files_parse_without_errors(sample):
    from etl.sample.psc_activity import expected_figures

    directory, files = sample
    got, problems = {}, []
    for path in files:
        outcome = parse_file(path, today=fixed_today())
        if outcome.status != "loaded" or outcome.parsed.source != "psc_activity":
            problems.append((path.name, outcome.status, messages(outcome)))
        for f in outcome.parsed.figures:
            got.setdefault((f.region_code, f.period.year, f.period.month_from), {})[f.measure] = f.value
    assert not problems, problems[:3]
    assert got == expected_figures()


def test_view_shows_the_current_revision(tmp_path, db_file):
    from etl.cli import load_files

    first = write_xlsx(tmp_path / "a.xlsx", report("ru"))
    outcomes = load_files([first], db=db_file)
    assert outcomes[0].status == "loaded", messages(outcomes[0])
    corrected = write_xlsx(tmp_path / "b.xlsx", report("ru", values={"cases_bullying": 99}))
    # a correction that far (from 14) is held until confirmed; confirmed here
    assert load_files([corrected], db=db_file)[0].status == "held"
    assert load_files([corrected], db=db_file, accept_revisions=True)[0].status == "loaded"
    con = duckdb.connect(str(db_file), read_only=True)
    try:
        rows = con.execute("SELECT region_code, year, month, measure, value, provisional, illustrative, source_file, "
                           "source_sheet, source_cell, load_id FROM psc_activity ORDER BY measure").fetchall()
    finally:
        con.close()
    assert len(rows) == 19
    by_measure = {r[3]: r for r in rows}
    assert by_measure["cases_bullying"][:5] == ("KZ-11", 2025, 3, "cases_bullying", 99)
    assert by_measure["cases_bullying"][7] == "b.xlsx"
    assert by_measure["children_served"][4] == 500 and by_measure["children_served"][6] is True
