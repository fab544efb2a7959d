"""Loads that are killed or kept waiting: a load killed with SIGKILL leaves the data intact and its
debris is removed by the next load; a load that cannot get the lock exits with status 3."""
from __future__ import annotations

import fcntl
import hashlib
import os
import signal
import subprocess
import sys
import time

import duckdb
import pytest

from helpers import REPO_ROOT, default_rows, summary_sheet, write_xlsx


def etl(*args, db, env=None, **kwargs):
    environment = {**os.environ, "CPM_DB": str(db), "PYTHONIOENCODING": "utf-8", **(env or {})}
    return subprocess.Popen([sys.executable, "-m", "etl", *map(str, args)], cwd=REPO_ROOT, env=environment,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)


def figures_checksum(db) -> str:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return hashlib.sha256(repr(con.execute("SELECT * FROM figures ORDER BY figure_id").fetchall()).encode()).hexdigest()
    finally:
        con.close()


@pytest.fixture
def db(tmp_path):
    return tmp_path / "db" / "cp.duckdb"


@pytest.fixture
def batch(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    return [write_xlsx(folder / f"kpssu_{n}.xlsx", summary_sheet(default_rows(), periods=(str(2000 + n), str(2001 + n))))
            for n in range(0, 12, 2)]


def test_killed_load_keeps_the_data_and_the_next_load_removes_its_debris(db, batch):
    first = etl("load", batch[0], db=db)
    assert first.wait(timeout=120) == 0, first.stderr.read()
    before = figures_checksum(db)
    expected = sorted(p.name for p in db.parent.iterdir())
    # the warehouse, its lock, the two editions' snapshots every load publishes and the files it kept
    assert expected == ["cp.duckdb", "cp.duckdb.lock", "cp.internal.duckdb", "cp.public.duckdb", "originals"]
    kept = sorted(p.name for p in (db.parent / "originals").iterdir())

    debris = []
    for attempt in range(5):  # the working copy exists for about a second: catch it
        killed = etl("load", *batch[1:], db=db)
        deadline = time.monotonic() + 120
        while killed.poll() is None and time.monotonic() < deadline:
            debris = [p for p in db.parent.iterdir() if p.name.startswith(".cp.duckdb.") and p.name.endswith(".tmp")]
            if debris:
                os.kill(killed.pid, signal.SIGKILL)
                break
            time.sleep(0.005)
        killed.wait(timeout=60)
        if killed.returncode == -signal.SIGKILL:
            break
    assert killed.returncode == -signal.SIGKILL, "the load ended before it could be killed"
    assert figures_checksum(db) == before  # the live database was never touched
    assert any(p.exists() for p in debris)

    after = etl("load", batch[0], db=db)
    assert after.wait(timeout=120) == 0, after.stderr.read()
    assert sorted(p.name for p in db.parent.iterdir()) == expected
    assert sorted(p.name for p in (db.parent / "originals").iterdir()) == kept  # no half-written copy either
    assert figures_checksum(db) == before


def test_a_load_kept_waiting_for_the_lock_exits_3_without_a_traceback(db, batch):
    db.parent.mkdir(parents=True)
    with open(f"{db}.lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        started = time.monotonic()
        waiting = etl("load", batch[0], db=db, env={"CPM_LOCK_WAIT": "1"})
        out, err = waiting.communicate(timeout=120)
        waited = time.monotonic() - started
    assert waiting.returncode == 3, (out, err)
    assert "Traceback" not in out + err
    assert "another load has kept the database" in err and "CPM_LOCK_WAIT" in err
    assert not db.exists()  # nothing was loaded
    assert waited < 60


def test_validate_never_waits_for_the_lock(db, batch):
    db.parent.mkdir(parents=True)
    with open(f"{db}.lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        checking = etl("validate", batch[0], db=db, env={"CPM_LOCK_WAIT": "1"})
        out, err = checking.communicate(timeout=120)
    assert checking.returncode == 0, (out, err)
    assert f"{batch[0].name}: loaded" in out


def test_only_working_copies_of_this_database_are_removed(tmp_path):
    from etl.warehouse import load_lock

    db = tmp_path / "cp.duckdb"
    names = [".cp.duckdb.123.tmp", ".cp.duckdb.123.tmp.wal", ".cp.duckdb.x.tmp", ".other.duckdb.1.tmp", "cp.duckdb"]
    for name in names:
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / ".cp.duckdb.77.tmp.tmp").mkdir()  # DuckDB's spill folder of a working copy
    (tmp_path / ".cp.duckdb.77.tmp.tmp" / "spill").write_bytes(b"x")
    with load_lock(db):
        pass
    assert sorted(p.name for p in tmp_path.iterdir()) == [".cp.duckdb.x.tmp", ".other.duckdb.1.tmp", "cp.duckdb",
                                                          "cp.duckdb.lock"]
