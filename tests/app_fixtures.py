"""Fixtures shared by the dashboard tests: a sample database built once per session.

Import them by name into a test module (``from tests.app_fixtures import sample_db``); pytest
picks up fixtures that are module globals.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
BUILD_TIMEOUT = 120  # seconds for each ETL subprocess


def _etl(*args: str) -> None:
    result = subprocess.run([sys.executable, "-m", "etl", *args], cwd=REPO_ROOT, capture_output=True,
                            text=True, timeout=BUILD_TIMEOUT)
    if result.returncode != 0:
        raise RuntimeError(f"python -m etl {' '.join(args)} failed ({result.returncode}):\n"
                           f"{result.stdout}\n{result.stderr}")


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory) -> Path:
    """A database loaded from the bundled sample spreadsheets; CPM_DB points at it for the session."""
    root = tmp_path_factory.mktemp("cpm-sample")
    raw, db = root / "raw", root / "cpmonitor.duckdb"
    _etl("sample", str(raw))
    _etl("load", "--db", str(db), str(raw))
    if not db.is_file():
        raise RuntimeError(f"the ETL reported success but wrote no database at {db}")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CPM_DB", str(db))
        yield db
