"""Shared fixtures: the tests folder on sys.path (for ``helpers``), a fixed "today", a database
path in the test's own folder, and a fresh database connection cache per test."""
from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

import pytest

TESTS_DIR = Path(__file__).resolve().parent
REPO_ROOT = TESTS_DIR.parent
for path in (str(TESTS_DIR), str(REPO_ROOT)):
    if path not in sys.path:
        sys.path.insert(0, path)

TODAY = date(2026, 1, 15)

# The tests written for exact figures run the internal edition; the public edition's tests set
# CPM_EDITION=public themselves. Servers started by the browser tests inherit this.
os.environ.setdefault("CPM_EDITION", "internal")


@pytest.fixture
def today() -> date:
    """A fixed "today" so that tests about future periods do not depend on the clock."""
    return TODAY


@pytest.fixture
def db_file(tmp_path, monkeypatch) -> Path:
    """A database path inside the test's folder; CPM_DB points at it for code that reads it."""
    path = tmp_path / "db" / "cpmonitor.duckdb"
    monkeypatch.setenv("CPM_DB", str(path))
    return path


@pytest.fixture
def parse(today):
    """``etl.pipeline.parse_file`` with the fixed "today" (so future periods do not depend on the clock)."""
    from etl.pipeline import parse_file

    def run(path, **kw):
        return parse_file(path, today=today, **kw)
    return run
