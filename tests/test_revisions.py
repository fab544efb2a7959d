"""Harmful revisions are held: a corrected file that moves a figure by more than 10% (or the share
given) changes nothing until the revision is confirmed, and says old -> new and where the old
figure came from; a small correction is a new revision as before."""
from __future__ import annotations

import json

import duckdb
import pytest

from etl.cli import load_files
from helpers import located, summary_sheet, write_xlsx
from test_cli import etl

LABELS = ["Акмолинская область", "Актюбинская область", "Карагандинская область", "г. Алматы"]
BASE = [[100, 110, 300, 310], [200, 210, 400, 410], [150, 160, 350, 360], [250, 260, 450, 460]]


def _file(path, rows, title="Сведения о суицидах за 2023-2024 годы"):
    return write_xlsx(path, summary_sheet([(label, *values) for label, values in zip(LABELS, rows)], title=(title,)))


def _figures(db):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("""SELECT region_code, measure, period_start, period_end, value, revision, source_file,
                                     superseded_by FROM figures ORDER BY ALL""").fetchall()
    finally:
        con.close()


@pytest.fixture
def loaded(tmp_path, db_file):
    first = _file(tmp_path / "kpssu_2024.xlsx", BASE)
    [outcome] = load_files([first], db=db_file)
    assert outcome.status == "loaded", located(outcome)
    return db_file


def test_a_small_correction_is_a_new_revision(tmp_path, loaded):
    rows = [r[:] for r in BASE]
    rows[0][1] = 115  # Akmola, completed 2024: 110 -> 115 (+4.5%)
    [outcome] = load_files([_file(tmp_path / "kpssu_2024_v2.xlsx", rows)], db=loaded)
    assert outcome.status == "loaded", located(outcome)
    current = [f for f in _figures(loaded) if f[0] == "KZ-11" and f[1] == "completed" and f[7] is None]
    assert sorted((f[4], f[5], f[6]) for f in current) == [(100.0, 1, "kpssu_2024.xlsx"),
                                                          (115.0, 2, "kpssu_2024_v2.xlsx")]


@pytest.mark.parametrize("change", [
    lambda rows: rows[1].__setitem__(1, 420),  # Aktobe, completed 2024: 210 -> 420
    # a January-September table taken for the whole year: every 2024 figure about three quarters
    lambda rows: [r.__setitem__(i, round(r[i] * 0.75)) for r in rows for i in (1, 3)],
])
def test_a_harmful_revision_is_held_and_changes_nothing(tmp_path, loaded, change):
    before = _figures(loaded)
    rows = [r[:] for r in BASE]
    change(rows)
    path = _file(tmp_path / "kpssu_2024_new.xlsx", rows)
    [outcome] = load_files([path], db=loaded)
    assert outcome.status == "held"
    held = [m.located(outcome.file_name) for m in outcome.messages if "revision held" in m.text()]
    assert held and all("kpssu_2024.xlsx" in line and "→" in line for line in held)
    assert _figures(loaded) == before

    accepted = etl("load", "--accept-revisions", path, db=loaded)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert _figures(loaded) != before
    assert any(f[6] == "kpssu_2024_new.xlsx" and f[5] == 2 and f[7] is None for f in _figures(loaded))


def test_the_held_message_names_old_and_new_and_the_cli_exits_non_zero(tmp_path, loaded):
    rows = [r[:] for r in BASE]
    rows[1][1] = 420
    path = _file(tmp_path / "kpssu_2024_new.xlsx", rows)
    result = etl("load", path, db=loaded)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "kpssu_2024_new.xlsx: held: its revisions need confirming"
    assert ('  kpssu_2024_new.xlsx, sheet "Лист1", cell C6: revision held: Aktobe Region, completed suicides, 2024: 210 → 420 '
            '(the current figure came from kpssu_2024.xlsx); nothing of this file is stored unless the revision is '
            'confirmed (--accept-revisions)') in lines
    assert lines[-1].endswith("; 1 held until their revisions are confirmed")
    wider = etl("load", "--revision-share", "1.5", path, db=loaded)
    assert wider.returncode == 0, wider.stdout


@pytest.mark.parametrize("lang, held", [
    ("ru", "новая редакция задержана: Актюбинская область, завершённые суициды, 2024: 210 → 420"),
    ("kk", "жаңа нұсқа ұсталды: Ақтөбе облысы, аяқталған суицидтер, 2024: 210 → 420"),
])
def test_the_held_message_names_the_measure_in_the_readers_language(tmp_path, loaded, lang, held):
    rows = [r[:] for r in BASE]
    rows[1][1] = 420
    path = _file(tmp_path / "kpssu_2024_new.xlsx", rows)
    result = etl("load", "--lang", lang, path, db=loaded)
    assert result.returncode == 1
    [line] = [line for line in result.stdout.splitlines() if held in line]
    assert "completed" not in line
    as_json = etl("load", "--json", "--lang", lang, path, db=loaded)
    [message] = [m for o in json.loads(as_json.stdout) for m in o["messages"] if held in m["text"]]
    assert message["measures"] == ["completed"]  # the id stays for scripts
