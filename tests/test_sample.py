"""``python -m etl sample`` then ``load``: the published national figures come back exactly through
the ``suicide_counts`` view, and every sample figure is marked illustrative."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import duckdb
import pytest

from etl.pipeline import parse_file
from helpers import REPO_ROOT


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    root = tmp_path_factory.mktemp("sample")
    raw, db = root / "raw", root / "cpmonitor.duckdb"
    env = {**os.environ, "CPM_DB": str(db), "PYTHONIOENCODING": "utf-8"}
    run = lambda *args: subprocess.run([sys.executable, "-m", "etl", *map(str, args)], cwd=REPO_ROOT, env=env,
                                       capture_output=True, text=True, timeout=120)
    written = run("sample", raw)
    assert written.returncode == 0, written.stderr
    # the Prosecutor's Office files; the other sources' samples are tested with their parsers
    loaded = run("load", "--json", *sorted(raw.glob("kpssu_*")))
    con = duckdb.connect(str(db), read_only=True)
    yield raw, loaded, con
    con.close()


def national(con, measure, year, month_from, month_to, sex="all", age_group="all"):
    [(value,)] = con.execute(
        "SELECT sum(value) FROM suicide_counts WHERE measure = ? AND year = ? AND month_from = ? AND month_to = ? "
        "AND sex = ? AND age_group = ?", [measure, year, month_from, month_to, sex, age_group]).fetchall()
    return value


def test_every_kpssu_sample_file_loads(sample):
    raw, loaded, _ = sample
    assert loaded.returncode == 0, loaded.stdout[-2000:]
    report = json.loads(loaded.stdout)
    assert all(r["status"] == "loaded" for r in report), [r for r in report if r["status"] != "loaded"]
    names = sorted(r["file"] for r in report)
    assert len(names) == 5 and {name.rsplit(".", 1)[1] for name in names} == {"xlsx", "xls", "csv"}
    # the only message is the note on the sub-row under Abai region in the 2025 file
    notes = [m for r in report for m in r["messages"]]
    assert [(m["level"], m["cell"], m["text"]) for m in notes] == [("info", "B9", 'sub-row "в т.ч. г. Семей" not counted')]


@pytest.mark.parametrize("year, months, completed, attempts", [
    (2023, (1, 12), 204, 376),
    (2024, (1, 12), 175, 453),
    (2023, (1, 10), 169, 298),
    (2025, (1, 9), 139, 293),
])
def test_published_national_figures(sample, year, months, completed, attempts):
    con = sample[2]
    assert national(con, "completed", year, *months) == completed
    assert national(con, "attempts", year, *months) == attempts


def test_2022_completed_and_the_rise_to_2023(sample):
    con = sample[2]
    before, after = national(con, "completed", 2022, 1, 12), national(con, "completed", 2023, 1, 12)
    assert before == 157
    assert round((after - before) / before * 100) == 30


def test_january_october_2023_by_sex_and_age(sample):
    con = sample[2]
    [(girls_completed, girls_attempts)] = con.execute(
        "SELECT sum(value) FILTER (measure = 'completed'), sum(value) FILTER (measure = 'attempts') FROM suicide_counts "
        "WHERE year = 2023 AND month_from = 1 AND month_to = 10 AND sex = 'female'").fetchall()
    assert (girls_completed, girls_attempts) == (54, 221)
    [(young,)] = con.execute("SELECT sum(value) FROM suicide_counts WHERE year = 2023 AND month_to = 10 "
                             "AND measure = 'completed' AND age_group = '5-14'").fetchall()
    assert young == 47
    assert round(young / national(con, "completed", 2023, 1, 10) * 100, 1) == 27.8
    [(breakdown_total,)] = con.execute("SELECT sum(value) FROM suicide_counts WHERE year = 2023 AND month_to = 10 "
                                       "AND measure = 'completed' AND sex <> 'all'").fetchall()
    assert breakdown_total == 169


def test_every_period_covers_the_20_regions_once(sample):
    con = sample[2]
    rows = con.execute("SELECT year, month_to, measure, count(DISTINCT region_code), count(*) FROM suicide_counts "
                       "WHERE sex = 'all' AND age_group = 'all' GROUP BY ALL").fetchall()
    assert len(rows) == 14
    assert all(r[3] == 20 and r[4] == 20 for r in rows), rows


def test_every_sample_figure_is_illustrative(sample):
    con = sample[2]
    assert con.execute("SELECT count(*) FROM figures WHERE illustrative IS NOT TRUE").fetchone() == (0,)
    assert con.execute("SELECT count(*) FROM suicide_counts WHERE NOT illustrative").fetchone() == (0,)
    assert con.execute("SELECT count(*) FROM load_log WHERE NOT illustrative").fetchone() == (0,)
    assert con.execute("SELECT count(*) FROM figures").fetchone()[0] > 0


def test_sample_provenance_and_flags(sample):
    con = sample[2]
    assert con.execute("SELECT count(*) FROM figures WHERE source_file IS NULL OR source_sheet IS NULL "
                       "OR source_cell IS NULL OR load_id IS NULL OR source_hash IS NULL").fetchone() == (0,)
    # the 2025 file carries a note that its data are preliminary
    assert con.execute("SELECT bool_and(provisional) FROM suicide_counts WHERE year = 2025").fetchone() == (True,)
    assert con.execute("SELECT bool_or(provisional) FROM suicide_counts WHERE month_to = 12").fetchone() == (False,)


def test_sample_is_reproducible(sample, tmp_path):
    from etl.sample.kpssu import write_kpssu

    raw = sample[0]
    again = write_kpssu(tmp_path)
    assert sorted(p.name for p in again) == sorted(p.name for p in raw.glob("kpssu_*"))
    for path in again:
        first, second = parse_file(raw / path.name), parse_file(path)
        assert [(f.region_code, f.measure, f.period, f.sex, f.age_group, f.value, f.cell) for f in first.parsed.figures] == \
               [(f.region_code, f.measure, f.period, f.sex, f.age_group, f.value, f.cell) for f in second.parsed.figures]
