"""The metrics' per-snapshot cache on real DuckDB files: a result is computed once per snapshot,
a new file renamed over the old one is read on the next call, the cache keeps at most its size,
callers get copies, and only the very frame ``metrics.indicators.values`` returned is a key."""
from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest
import pandas as pd

from metrics.db import Database
from metrics.snapshot_cache import per_snapshot, tag

CALLS: list[tuple] = []


@per_snapshot(maxsize=3)
def rows_at_least(db, low: int) -> pd.DataFrame:
    CALLS.append(("rows", low))
    return db.query("SELECT n FROM t WHERE n >= ? ORDER BY n", [low])


@per_snapshot(maxsize=3)
def total(frame: pd.DataFrame) -> float:
    CALLS.append(("total",))
    return float(frame.n.sum())


def write_snapshot(path: Path, values: list[int]) -> None:
    """Write a new file beside ``path`` and rename it over, as the publish step does."""
    work = path.with_name(f".{path.name}.tmp")
    con = duckdb.connect(str(work))
    con.execute("CREATE TABLE t (n INTEGER)")
    con.executemany("INSERT INTO t VALUES (?)", [[v] for v in values])
    con.close()
    os.replace(work, path)


def test_once_per_snapshot_and_a_new_publish_is_read_without_restart(tmp_path):
    path = tmp_path / "public.duckdb"
    write_snapshot(path, [1, 2, 3])
    db = Database(path)
    CALLS.clear()
    assert rows_at_least(db, 2).n.tolist() == [2, 3]
    assert rows_at_least(db, 2).n.tolist() == [2, 3]
    assert CALLS == [("rows", 2)]
    write_snapshot(path, [2, 5, 7, 9])
    assert rows_at_least(db, 2).n.tolist() == [2, 5, 7, 9]
    assert CALLS == [("rows", 2), ("rows", 2)]


def test_bounded_and_callers_get_copies(tmp_path):
    path = tmp_path / "public.duckdb"
    write_snapshot(path, list(range(10)))
    db = Database(path)
    first = rows_at_least(db, 0)
    first.loc[0, "n"] = 99
    assert rows_at_least(db, 0).n.iloc[0] == 0
    for low in range(8):
        rows_at_least(db, low)
    assert len(rows_at_least.cache.entries) == 3
    CALLS.clear()
    rows_at_least(db, 0)  # dropped long ago: computed again
    rows_at_least(db, 7)  # among the last three: looked up
    assert CALLS == [("rows", 0)]


def test_only_the_tagged_frame_itself_is_a_key(tmp_path):
    path = tmp_path / "public.duckdb"
    write_snapshot(path, [1, 2, 3])
    db = Database(path)
    frame = tag(db.query("SELECT n FROM t"), db.identity, "current")
    CALLS.clear()
    assert total(frame) == 6 and total(frame) == 6
    assert CALLS == [("total",)]
    # Derived frames carry the tag along (pandas copies attrs) but hold other rows or values.
    assert total(frame[frame.n > 1]) == 5
    assert total(frame.assign(n=frame.n * 10)) == 60
    assert CALLS == [("total",), ("total",), ("total",)]
    # A frame of another snapshot (a new publish) is another key.
    write_snapshot(path, [4])
    assert total(tag(db.query("SELECT n FROM t"), db.identity, "current")) == 4


def test_sessions_asking_at_once_wait_for_one_computation():
    """After a publish, every session misses the same result at the same moment: one computes it,
    the others wait and get the same value; a computation that fails leaves the next to try again."""
    import threading
    import time

    from metrics.snapshot_cache import Bounded

    store, calls, got = Bounded(8), [], []

    def make():
        calls.append(threading.get_ident())
        time.sleep(0.2)
        return len(calls)

    threads = [threading.Thread(target=lambda: got.append(store.get_or_make("key", make))) for _ in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1
    assert got == [1] * 12
    assert store.flights == {}

    def broken():
        raise RuntimeError("the snapshot went away")

    with pytest.raises(RuntimeError):
        store.get_or_make("other", broken)
    assert store.get_or_make("other", lambda: "made") == "made"
    assert store.flights == {}
