"""The warehouse: per-file transactions, refusals that change nothing, revisions, provenance, the
file swap, and a dashboard connection that follows the swap."""
from __future__ import annotations

import json

import duckdb
import pytest

from etl.cli import load_files
from helpers import SheetSpec, default_rows, read, summary_sheet, write_csv, write_xls, write_xlsx
from metrics.db import get_database

DATA_TABLES = ("figures", "reported_totals", "regions")


def contents(db, tables=DATA_TABLES) -> dict:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: sorted(con.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}
    finally:
        con.close()


def current(db, region="KZ-11", measure="completed", year=2023):
    rows = read(db, "SELECT value FROM suicide_counts WHERE region_code = ? AND measure = ? AND year = ? "
                    "AND sex = 'all' AND age_group = 'all'", [region, measure, year])
    assert len(rows) == 1, rows
    return rows[0][0]


def load(db, *paths, accept=False):
    """Load files; ``accept`` confirms revisions that move figures by more than 10% (tiny test
    figures move by 100% when corrected by one)."""
    return {o.file_name: o for o in load_files(list(paths), db=db, accept_revisions=accept)}


@pytest.fixture
def good(tmp_path):
    return write_xlsx(tmp_path / "kpssu_2024.xlsx", summary_sheet(default_rows()))


def test_load_stores_figures_with_provenance(db_file, good):
    outcome = load(db_file, good)["kpssu_2024.xlsx"]
    assert outcome.status == "loaded"
    rows = read(db_file, "SELECT region_code, measure, year(period_start), month(period_end), value, source_file, "
                         "source_hash, source_sheet, source_cell, load_id, revision, superseded_by FROM figures")
    assert len(rows) == 16
    for row in rows:
        assert row[5] == "kpssu_2024.xlsx" and row[6] == outcome.sha256 and row[7] == "Лист1"
        assert row[8] and row[9] == 1 and row[10] == 1 and row[11] is None
    assert ("KZ-11", "completed", 2023, 12, 1.0) in [r[:5] for r in rows]
    assert read(db_file, "SELECT source_cell FROM figures WHERE region_code = 'KZ-75' AND measure = 'attempts' "
                         "AND year(period_start) = 2024") == [("E8",)]
    assert read(db_file, "SELECT count(*) FROM figures WHERE region_code IS NULL") == [(0,)]
    assert read(db_file, "SELECT measure, value, source_cell FROM reported_totals ORDER BY source_cell") == [
        ("completed", 64.0, "B9"), ("completed", 68.0, "C9"), ("attempts", 132.0, "D9"), ("attempts", 136.0, "E9")]
    [log] = read(db_file, "SELECT load_id, file_name, file_hash, source, status, figures_read, figures_stored, "
                          "illustrative, messages, loaded_at FROM load_log")
    assert log[:9] == (1, "kpssu_2024.xlsx", outcome.sha256, "kpssu_summary", "loaded", 16, 16, False, "[]")
    assert log[9] is not None
    assert current(db_file, "KZ-75", "attempts", 2024) == 64


def test_missing_values_are_stored_as_null_with_their_reason(db_file, tmp_path):
    rows = [("Акмолинская область", "н/д", None, "—", "1 234"), ("г. Алматы", "…", 6, "x", 8)]
    path = write_xlsx(tmp_path / "kpssu.xlsx", summary_sheet(rows, total=None))
    assert load(db_file, path)["kpssu.xlsx"].status == "loaded"
    got = read(db_file, "SELECT source_cell, value, missing FROM figures ORDER BY source_cell")
    assert got == [("B5", None, "not_available"), ("B6", None, "not_available"), ("C5", None, "empty"),
                   ("C6", 6.0, None), ("D5", 0.0, None), ("D6", None, "not_available"), ("E5", 1234.0, None),
                   ("E6", 8.0, None)]


@pytest.mark.parametrize("bad_rows, words", [
    ([("Акмолинская область", 1, 2, 3, 4), ("г. Алматы", 1, 2, 3, 4), ("Алматинск. обл", 5, 6, 7, 8)], "is not known"),
    ([("Акмолинская область", 1, 2, 3, 4), ("г. Алматы", 5, -6, 7, 8)], "negative"),
])
def test_refused_file_changes_nothing_but_is_logged(db_file, good, tmp_path, bad_rows, words):
    load(db_file, good)
    before = contents(db_file)
    bad = write_xlsx(tmp_path / "kpssu_bad.xlsx", summary_sheet(bad_rows, total=None))
    outcome = load(db_file, bad)["kpssu_bad.xlsx"]
    assert outcome.status == "refused"
    assert contents(db_file) == before
    [(status, stored, messages)] = read(db_file, "SELECT status, figures_stored, messages FROM load_log WHERE file_name = ?",
                                        ["kpssu_bad.xlsx"])
    assert (status, stored) == ("refused", 0)
    [message] = [m for m in json.loads(messages) if m["level"] == "error"]
    assert message["sheet"] == "Лист1" and message["cell"] and words in message["text"]


def test_batch_keeps_good_files_and_refuses_bad_ones_separately(db_file, good, tmp_path):
    bad = write_xlsx(tmp_path / "kpssu_bad.xlsx", summary_sheet(default_rows(), total_values=[1, 2, 3, 4]))
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    outcomes = load(db_file, bad, good, empty)
    assert {name: o.status for name, o in outcomes.items()} == {
        "kpssu_bad.xlsx": "refused", "kpssu_2024.xlsx": "loaded", "empty.xlsx": "refused"}
    assert read(db_file, "SELECT DISTINCT source_file FROM figures") == [("kpssu_2024.xlsx",)]
    assert read(db_file, "SELECT file_name, status FROM load_log ORDER BY load_id") == [
        ("kpssu_bad.xlsx", "refused"), ("kpssu_2024.xlsx", "loaded"), ("empty.xlsx", "refused")]


def test_loading_the_same_file_twice_changes_nothing(db_file, good):
    load(db_file, good)
    before = contents(db_file, DATA_TABLES + ("loads",))
    outcome = load(db_file, good)["kpssu_2024.xlsx"]
    assert outcome.status == "unchanged"
    assert contents(db_file, DATA_TABLES + ("loads",)) == before


@pytest.mark.parametrize("writer, name, options", [
    (write_csv, "export.csv", {"encoding": "cp1251"}),
    (write_xls, "copy of kpssu_2024.xls", {}),
    (write_xlsx, "kpssu_2024 (1).xlsx", {}),
])
def test_identical_re_export_under_another_name_changes_nothing(db_file, good, tmp_path, writer, name, options):
    load(db_file, good)
    before = contents(db_file)
    other = tmp_path / "other"
    other.mkdir()
    sheet = summary_sheet(default_rows(), title=("Сведения о суицидах (повторная выгрузка)",))
    outcome = load(db_file, writer(other / name, sheet, **options))[name]
    assert outcome.status in ("loaded", "unchanged")
    assert contents(db_file) == before
    assert read(db_file, "SELECT DISTINCT source_file FROM figures") == [("kpssu_2024.xlsx",)]


def corrected(tmp_path, name="kpssu_2024_corrected.xlsx", first=("Акмолинская область", 2, 2, 3, 4)):
    rows = default_rows()
    rows[0] = first
    return write_xlsx(tmp_path / name, summary_sheet(rows))


def test_corrected_file_creates_a_new_revision_and_keeps_the_old_one(db_file, good, tmp_path):
    load(db_file, good)
    assert current(db_file) == 1
    fix = corrected(tmp_path)
    outcome = load(db_file, fix, accept=True)["kpssu_2024_corrected.xlsx"]
    assert outcome.status == "loaded"
    [(second_load,)] = read(db_file, "SELECT load_id FROM load_log WHERE file_name = 'kpssu_2024_corrected.xlsx'")
    assert current(db_file) == 2
    history = read(db_file, "SELECT revision, value, is_current, superseded_by, load_id, source_file, source_cell "
                            "FROM figure_history WHERE region_code = 'KZ-11' AND measure = 'completed' "
                            "AND year(period_start) = 2023 ORDER BY revision")
    assert history == [(1, 1.0, False, second_load, 1, "kpssu_2024.xlsx", "B5"),
                       (2, 2.0, True, None, second_load, "kpssu_2024_corrected.xlsx", "B5")]
    # nothing else was touched: every other figure is still revision 1 from the first file
    assert read(db_file, "SELECT count(*), max(revision) FROM figures WHERE superseded_by IS NULL AND load_id = 1") == [(15, 1)]
    assert read(db_file, "SELECT figures_stored FROM load_log WHERE load_id = ?", [second_load]) == [(1,)]
    # the view shows one current figure per unit
    assert read(db_file, "SELECT count(*) FROM suicide_counts") == [(16,)]
    # a third correction gives revision 3 and supersedes revision 2
    load(db_file, corrected(tmp_path, "kpssu_2024_v3.xlsx", ("Акмолинская область", 3, 2, 3, 4)), accept=True)
    assert read(db_file, "SELECT revision, value, superseded_by IS NULL FROM figure_history WHERE region_code = 'KZ-11' "
                         "AND measure = 'completed' AND year(period_start) = 2023 ORDER BY revision") == [
        (1, 1.0, False), (2, 2.0, False), (3, 3.0, True)]


def test_file_with_one_measure_leaves_the_other_measure_current(db_file, good, tmp_path):
    load(db_file, good)
    grid = [["Суициды за 2023 год"], [], ["Регион", "Суициды"], ["Акмолинская область", 5], ["Актюбинская область", 11]]
    outcome = load(db_file, write_xlsx(tmp_path / "completed_only.xlsx", SheetSpec(grid)), accept=True)["completed_only.xlsx"]
    assert outcome.status == "loaded"
    assert current(db_file, "KZ-11", "completed", 2023) == 5
    assert current(db_file, "KZ-11", "attempts", 2023) == 3
    assert current(db_file, "KZ-15", "completed", 2023) == 11
    assert read(db_file, "SELECT count(*) FROM figures WHERE load_id = 2") == [(1,)]


def test_provisional_and_illustrative_flags_are_stored(db_file, tmp_path):
    grid = [["Суициды за январь-сентябрь 2025 года", "ИЛЛЮСТРАТИВНЫЕ ДАННЫЕ"], [], ["Регион", "Суициды", "Попытки суицида"],
            ["Акмолинская область", 1, 2], ["г. Алматы", 3, 4], [], ["Данные предварительные"]]
    path = write_xlsx(tmp_path / "kpssu_9m.xlsx", SheetSpec(grid))
    assert load(db_file, path)["kpssu_9m.xlsx"].status == "loaded"
    assert read(db_file, "SELECT DISTINCT year, month_from, month_to, provisional, illustrative FROM suicide_counts") == [
        (2025, 1, 9, True, True)]
    assert read(db_file, "SELECT illustrative FROM load_log") == [(True,)]


def test_detail_breakdown_is_stored_by_sex_and_age(db_file, tmp_path):
    grid = [["Суициды по полу и возрасту за январь-октябрь 2023 года"], [],
            ["Регион", "Пол", "Возраст", "Суициды", "Попытки суицида"],
            ["Акмолинская область", "девочки", "5-14 лет", 1, 2], ["Акмолинская область", "мальчики", "5-14 лет", 3, 4],
            ["г. Алматы", "девочки", "15-17 лет", 5, 6], ["Итого", "девочки", "5-14 лет", 1, 2]]
    assert load(db_file, write_xlsx(tmp_path / "detail.xlsx", SheetSpec(grid)))["detail.xlsx"].status == "loaded"
    assert read(db_file, "SELECT region_code, sex, age_group, measure, value, month_to FROM suicide_counts "
                         "ORDER BY region_code, sex, measure") == [
        ("KZ-11", "female", "5-14", "attempts", 2, 10), ("KZ-11", "female", "5-14", "completed", 1, 10),
        ("KZ-11", "male", "5-14", "attempts", 4, 10), ("KZ-11", "male", "5-14", "completed", 3, 10),
        ("KZ-75", "female", "15-17", "attempts", 6, 10), ("KZ-75", "female", "15-17", "completed", 5, 10)]
    assert read(db_file, "SELECT DISTINCT source FROM figures") == [("kpssu_detail",)]


def test_swap_leaves_no_temporary_files(db_file, good, tmp_path):
    load(db_file, good)
    load(db_file, good, corrected(tmp_path))
    assert sorted(p.name for p in db_file.parent.iterdir()) == ["cpmonitor.duckdb", "cpmonitor.duckdb.lock",
                                                                "internal.duckdb", "originals", "public.duckdb"]
    # the stored file, kept under its content's SHA-256, with nothing half-written beside it (the
    # corrected one is held by the revision guard: nothing of it is stored or kept)
    from etl.reading import file_sha256

    assert [p.name for p in (db_file.parent / "originals").iterdir()] == [f"{file_sha256(good)}.xlsx"]


def test_dashboard_connection_sees_new_data_after_a_load(db_file, good, tmp_path):
    load(db_file, good)
    database = get_database(db_file)
    sql = ("SELECT value FROM suicide_counts WHERE region_code = 'KZ-11' AND measure = 'completed' AND year = 2023 "
           "AND sex = 'all' AND age_group = 'all'")
    assert database.query(sql)["value"].tolist() == [1]
    version = database.version
    load(db_file, corrected(tmp_path), accept=True)  # the load runs while the dashboard holds its connection
    assert database.version != version
    assert get_database(db_file) is database
    assert database.query(sql)["value"].tolist() == [2]
    assert database.query("SELECT count(*) AS n FROM load_log")["n"].tolist() == [2]


def test_reloading_a_folder_with_the_old_and_the_corrected_file_keeps_the_correction(db_file, good, tmp_path):
    load(db_file, good)
    fix = corrected(tmp_path)
    load(db_file, fix, accept=True)
    before = contents(db_file, DATA_TABLES + ("loads",))
    outcomes = load(db_file, fix, good)  # the folder still holds both versions
    assert {name: o.status for name, o in outcomes.items()} == {
        "kpssu_2024.xlsx": "unchanged", "kpssu_2024_corrected.xlsx": "unchanged"}
    assert contents(db_file, DATA_TABLES + ("loads",)) == before
    assert current(db_file) == 2


def test_a_file_that_fails_to_store_is_refused_alone_and_the_batch_keeps_the_others(db_file, tmp_path):
    """Storing a file can fail inside the database (here a figure without a region, which the
    table refuses); the batch's transaction is rolled back, so the files before it are stored again."""
    from dataclasses import replace

    from etl.cli import _record
    from etl.pipeline import parse_files
    from etl.warehouse import Warehouse

    first = write_xlsx(tmp_path / "first.xlsx", summary_sheet(default_rows()))
    rows = default_rows()
    rows[0] = ("Акмолинская область", 2, 3, 4, 5)
    second = write_xlsx(tmp_path / "second.xlsx", summary_sheet(rows))
    outcomes = parse_files([first, second])
    broken = outcomes[1]
    broken.parsed.figures[0] = replace(broken.parsed.figures[0], region_code=None)
    db_file.parent.mkdir(parents=True)
    house = Warehouse(db_file, accept_revisions=True)  # the second file corrects the first
    try:
        for outcome in outcomes:
            _record(house, outcome, "en")
        house.commit()
    except BaseException:
        house.abandon()
        raise
    assert [o.status for o in outcomes] == ["loaded", "refused"]
    assert "could not be stored" in outcomes[1].messages[-1].as_dict("en")["text"]
    stored = read(db_file, "SELECT DISTINCT source_file FROM figures")
    assert stored == [("first.xlsx",)]
    assert sorted(read(db_file, "SELECT file_name, status FROM loads")) == [("first.xlsx", "loaded"),
                                                                           ("second.xlsx", "refused")]
