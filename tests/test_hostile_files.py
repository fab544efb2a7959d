"""Odd, broken and hostile files (tests/hostile/corpus.py): each is read right or refused with a
message naming the file and the cell, read in a worker process so that not even a crash of the
Excel reader ends the batch, and a refusal leaves the warehouse's figures as they were."""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys

import pytest

from etl.cli import load_files
from etl.pipeline import parse_files
from helpers import REPO_ROOT, figure_at, figures_checksum, located, read, write_csv, write_xlsx
from hostile.corpus import CASES, GOOD_CELL, GOOD_VALUE, good_sheet

BY_NAME = {case.name: case for case in CASES}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Every case written once, each in a folder of its own (a pipe or a socket cannot be copied)."""
    root = tmp_path_factory.mktemp("hostile")
    paths = {}
    for case in CASES:
        folder = root / case.name
        folder.mkdir()
        paths[case.name] = case.make(folder)
    return paths


@pytest.mark.parametrize("name", list(BY_NAME))
def test_each_file_is_read_right_or_refused_naming_file_and_cell(corpus, name, monkeypatch):
    case = BY_NAME[name]
    for key, value in case.env.items():
        monkeypatch.setenv(key, value)
    path = corpus[name]
    [outcome] = parse_files([path])
    shown = located(outcome, "error")
    if case.expect == "loaded":
        assert outcome.status in ("loaded", "warning"), shown
        assert len(outcome.parsed.figures) == 16
        assert figure_at(outcome, GOOD_CELL).value == GOOD_VALUE
        return
    assert outcome.status == "refused"
    assert shown, outcome.messages
    first = shown[0]
    assert first.startswith(f"{path.name}"), first
    assert all(word in first for word in case.words), first
    if case.cell:
        assert f"cell {case.cell}:" in first, first
    # a quoted text is at most 100 characters: the whole message stays short
    assert len(first) < 500, first[:600]
    assert "Traceback" not in first


def test_formula_results_are_read_by_their_saved_value(corpus):
    [outcome] = parse_files([corpus["with_results"]])
    assert outcome.status == "loaded"
    # the total row is made of formulas: its saved results take part in the total check
    assert {t.cell for t in outcome.parsed.totals} >= {"B9", "C9", "D9", "E9"}


def test_outcomes_keep_the_input_order_across_workers(corpus):
    names = ["html_as_xls", "corner", "utf16_text", "xls_far_corner", "xls_named_xlsx", "named_pipe"]
    outcomes = parse_files([corpus[n] for n in names])
    assert [o.file_name for o in outcomes] == [corpus[n].name for n in names]
    assert [o.status for o in outcomes] == ["loaded", "refused", "loaded", "refused", "loaded", "refused"]


def test_limits_are_set_by_the_environment(tmp_path, monkeypatch):
    path = write_xlsx(tmp_path / "small.xlsx", good_sheet())
    monkeypatch.setenv("CPM_MAX_ROWS", "5")
    [outcome] = parse_files([path])
    assert outcome.status == "refused"
    assert "used range A1:E9 is too large" in located(outcome, "error")[0]
    monkeypatch.setenv("CPM_MAX_ROWS", "9")
    assert parse_files([path])[0].status == "loaded"


def test_refusals_leave_the_figures_unchanged_and_the_log_short(corpus, tmp_path):
    db = tmp_path / "db" / "cp.duckdb"
    load_files([corpus["xls_named_xlsx"]], db=db)
    before = figures_checksum(db)
    refused = [corpus[c.name] for c in CASES if c.expect == "refused" and not c.env]
    outcomes = load_files(refused, db=db)
    assert [o.status for o in outcomes] == ["refused"] * len(refused)
    assert figures_checksum(db) == before
    logged = read(db, "SELECT file_name, status, messages FROM loads WHERE status = 'refused'")
    assert len(logged) == len(refused)
    for file_name, _status, messages in logged:
        assert len(messages) < 2000, (file_name, messages[:300])  # the 5-million-character label is not stored
        assert json.loads(messages)[0]["level"] == "error"
    # no debris: the warehouse, its lock, the two editions' snapshots and the one file that loaded, kept
    assert sorted(p.name for p in db.parent.iterdir()) == ["cp.duckdb", "cp.duckdb.lock", "cp.internal.duckdb",
                                                           "cp.public.duckdb", "originals"]
    assert [p.name for p in (db.parent / "originals").iterdir()] == [
        f"{hashlib.sha256(corpus['xls_named_xlsx'].read_bytes()).hexdigest()}.xlsx"]


def test_command_line_batch_with_hostile_files_loads_the_good_ones(corpus, tmp_path):
    db = tmp_path / "db" / "cp.duckdb"
    names = ["corner", "long_number_csv", "html_as_xls", "reader_crash", "named_pipe", "no_results", "utf16_text"]
    escape_name = tmp_path / "clear\x1b[2J.csv"  # a terminal escape code in a file name
    escape_name.write_bytes(corpus["long_number_csv"].read_bytes())
    env = {**os.environ, "CPM_DB": str(db), "PYTHONIOENCODING": "utf-8", "CPM_READ_MEMORY_MB": "40"}
    result = subprocess.run([sys.executable, "-m", "etl", "load", *[str(corpus[n]) for n in names], str(escape_name)],
                            cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "stack backtrace" not in result.stderr
    assert "\x1b" not in result.stdout and "clear\ufffd[2J.csv: refused" in result.stdout
    lines = result.stdout.splitlines()
    for name in names:
        expected = "loaded" if BY_NAME[name].expect == "loaded" else "refused"
        assert f"{corpus[name].name}: {expected}" in lines, result.stdout
    files = {r[0] for r in read(db, "SELECT DISTINCT source_file FROM figures")}
    # both good files in the batch were stored; the html export and the text export hold the same figures
    assert files == {corpus["html_as_xls"].name}


def test_a_file_over_the_time_limit_is_refused_and_the_next_worker_goes_on(tmp_path, monkeypatch):
    slow = write_csv(tmp_path / "slow.csv", good_sheet())
    with slow.open("ab") as fh:
        fh.write(b";;;\r\n" * 6_000_000)  # 30 MB: several seconds of reading, even on a fast machine
    good = write_xlsx(tmp_path / "good.xlsx", good_sheet())
    # long enough for the good file on a busy machine, far too short for the slow one
    monkeypatch.setenv("CPM_READ_SECONDS", "2")
    monkeypatch.setenv("CPM_WORKERS", "1")
    first, second = parse_files([slow, good])
    assert first.status == "refused"
    [message] = located(first, "error")
    assert message.startswith("slow.csv: reading the file took longer than ") and "the limit" in message
    assert second.status == "loaded" and figure_at(second, GOOD_CELL).value == GOOD_VALUE
