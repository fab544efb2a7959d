"""``python -m etl`` as a user runs it: exit codes, the JSON report, and validate writing nothing."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import duckdb
import pytest

from helpers import REPO_ROOT, default_rows, summary_sheet, write_csv, write_xlsx


def etl(*args, db):
    env = {**os.environ, "CPM_DB": str(db), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "etl", *map(str, args)], cwd=REPO_ROOT, env=env,
                          capture_output=True, text=True, timeout=60)


@pytest.fixture
def files(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    good = write_xlsx(folder / "kpssu_2024.xlsx", summary_sheet(default_rows()))
    bad = write_csv(folder / "kpssu_bad.csv", summary_sheet(default_rows(), total_values=[64, 70, 132, 136]),
                    encoding="cp1251")
    return good, bad


@pytest.fixture
def db(tmp_path):
    return tmp_path / "db" / "cp.duckdb"


@pytest.mark.parametrize("args", [[], ["load"], ["validate"], ["frobnicate", "x.xlsx"], ["load", "--lang", "de", "x.xlsx"]])
def test_usage_errors_exit_2(db, args):
    result = etl(*args, db=db)
    assert result.returncode == 2
    assert "usage:" in result.stderr
    assert not db.parent.exists()


@pytest.mark.parametrize("command", ["load", "validate"])
def test_no_spreadsheet_files_exit_2(db, tmp_path, command):
    empty = tmp_path / "nothing here"
    empty.mkdir()
    (empty / "notes.txt").write_text("no tables", encoding="utf-8")
    result = etl(command, empty, db=db)
    assert result.returncode == 2
    assert "no spreadsheet files" in result.stderr and "nothing here" in result.stderr
    assert not db.parent.exists()


def test_validate_reports_and_writes_nothing(db, files):
    good, bad = files
    result = etl("validate", good.parent, db=db)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert "kpssu_2024.xlsx: loaded" in lines
    assert "kpssu_bad.csv: refused" in lines
    assert '  kpssu_bad.csv, sheet "kpssu_bad", cell C9: the regions add up to 68, but the total row says 70' in lines
    assert lines[-1] == "1 loaded, 0 with warnings, 1 refused, 0 unchanged"
    assert not db.parent.exists()


def test_validate_good_file_exits_0(db, files):
    result = etl("validate", "--json", files[0], db=db)
    assert result.returncode == 0
    [entry] = json.loads(result.stdout)
    assert (entry["file"], entry["status"], entry["messages"]) == ("kpssu_2024.xlsx", "loaded", [])
    # every column the file has, and what became of it
    assert [(u["cell"], u["label"], u["measure"]) for u in entry["used"] if "measure" in u] == [
        ("B4", "Суициды / 2023", "completed"), ("C4", "Суициды / 2024", "completed"),
        ("D4", "Попытки суицида / 2023", "attempts"), ("E4", "Попытки суицида / 2024", "attempts")]
    # and every row: the regions and the file's own total
    assert [(u["cell"], u["region"]) for u in entry["used"] if "region" in u] == [
        ("A5", "KZ-11"), ("A6", "KZ-15"), ("A7", "KZ-35"), ("A8", "KZ-75"), ("A9", "total")]
    assert entry["ignored"] == []
    assert not db.parent.exists()


def test_load_json_shape_exit_codes_and_unchanged(db, files):
    good, bad = files
    result = etl("load", "--json", good.parent, db=db)
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert [(r["file"], r["status"]) for r in report] == [("kpssu_2024.xlsx", "loaded"), ("kpssu_bad.csv", "refused")]
    for entry in report:
        assert set(entry) == {"file", "status", "messages", "used", "ignored"}
        for message in entry["messages"]:
            assert set(message) == {"level", "sheet", "cell", "text"}
    [error] = [m for m in report[1]["messages"] if m["level"] == "error"]
    assert error == {"level": "error", "sheet": "kpssu_bad", "cell": "C9",
                     "text": "the regions add up to 68, but the total row says 70"}
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM figures").fetchone() == (16,)
        assert con.execute("SELECT file_name, status FROM load_log ORDER BY load_id").fetchall() == [
            ("kpssu_2024.xlsx", "loaded"), ("kpssu_bad.csv", "refused")]
    finally:
        con.close()
    again = etl("load", good, db=db)
    assert again.returncode == 0
    assert again.stdout.splitlines() == ["kpssu_2024.xlsx: unchanged (already loaded)",
                                         "0 loaded, 0 with warnings, 0 refused, 1 unchanged"]


def test_missing_file_is_refused_exit_1(db, tmp_path):
    result = etl("load", "--json", tmp_path / "gone.xlsx", db=db)
    assert result.returncode == 1
    assert json.loads(result.stdout) == [{"file": "gone.xlsx", "status": "refused", "messages": [
        {"level": "error", "sheet": None, "cell": None, "text": "file not found"}], "used": [], "ignored": []}]


def test_db_option_overrides_the_environment(db, files, tmp_path):
    other = tmp_path / "other.duckdb"
    result = etl("load", "--db", other, files[0], db=db)
    assert result.returncode == 0, result.stderr
    assert other.exists() and not db.exists()


def test_source_option_forces_the_parser(db, tmp_path):
    grid = summary_sheet(default_rows())
    path = write_xlsx(tmp_path / "kpssu.xlsx", grid)
    result = etl("validate", "--json", "--source", "kpssu_detail", path, db=db)
    assert result.returncode == 1
    [entry] = json.loads(result.stdout)
    assert entry["status"] == "refused"
    assert any('required column "sex" is missing' in m["text"] for m in entry["messages"])


def test_ensure_db_leaves_an_existing_database_alone(db, files):
    assert etl("load", files[0], db=db).returncode == 0
    stamp = db.stat().st_mtime_ns
    result = etl("ensure-db", db=db)
    assert result.returncode == 0
    assert "database ready" in result.stdout
    assert db.stat().st_mtime_ns == stamp


def test_the_report_lists_every_column_and_row_read_or_ignored(db, tmp_path):
    rows = default_rows(3) + [("в том числе сельская местность", 1, 1, 1, 1)]
    path = write_xlsx(tmp_path / "kpssu_rows.xlsx", summary_sheet(rows, total_values=[33, 36, 69, 72]))
    result = etl("validate", "--json", path, db=db)
    [entry] = json.loads(result.stdout)
    assert entry["status"] == "loaded", entry["messages"]
    rows_used = {u["cell"]: (u["label"], u["region"]) for u in entry["used"] if "region" in u}
    assert rows_used == {"A5": ("Акмолинская область", "KZ-11"), "A6": ("Актюбинская область", "KZ-15"),
                         "A7": ("Карагандинская область", "KZ-35"), "A9": ("Итого", "total")}
    assert {"sheet": "Лист1", "cell": "A8", "label": "в том числе сельская местность", "why": "subrow"} \
        in entry["ignored"]
    columns = {u["cell"]: u["measure"] for u in entry["used"] if "measure" in u}
    assert sorted(columns.values()) == ["attempts", "attempts", "completed", "completed"], columns

    text = etl("validate", path, db=db).stdout
    assert 'A5 "Акмолинская область" → KZ-11' in text and 'A9 "Итого" → total' in text
    assert 'A8 "в том числе сельская местность" (subrow)' in text
