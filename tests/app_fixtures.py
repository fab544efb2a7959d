"""Fixtures shared by the dashboard tests: a sample database built once per session.

Import them by name into a test module (``from tests.app_fixtures import sample_db``): pytest picks
up fixtures that are module globals. Always import through ``tests.app_fixtures`` so that every
module shares the same session fixture (and the database is built once).
"""
from __future__ import annotations

import subprocess
import sys
import warnings
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
BUILD_TIMEOUT = 300  # seconds for each ETL subprocess (a load ends by publishing both editions)


EXIT_OK, EXIT_REFUSED = 0, 1  # etl.cli: 1 means "some files were refused, the rest is loaded"


def _etl(*args: str, allow_refused: bool = False) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "etl", *args], cwd=REPO_ROOT, capture_output=True,
                            text=True, timeout=BUILD_TIMEOUT)
    allowed = {EXIT_OK, EXIT_REFUSED} if allow_refused else {EXIT_OK}
    if result.returncode not in allowed:
        raise RuntimeError(f"python -m etl {' '.join(args)} failed ({result.returncode}):\n"
                           f"{result.stdout}\n{result.stderr}")
    return result


# pytest makes one fixture definition per module that imports a fixture, so a session fixture
# imported into two modules would run twice: the built database is kept on the session's config.
_BUILT = pytest.StashKey[Path]()


def _build(root: Path) -> Path:
    raw, db = root / "raw", root / "cpmonitor.duckdb"
    _etl("sample", str(raw))
    # Sample files of sources whose parser is unfinished may be refused; the dashboard's own figures
    # are asserted by the tests themselves, so a refusal is reported as a warning, not hidden.
    loaded = _etl("load", "--db", str(db), str(raw), allow_refused=True)
    if loaded.returncode == EXIT_REFUSED:
        refused = [line for line in loaded.stdout.splitlines() if line.endswith(": refused")]
        warnings.warn(f"sample files refused by the ETL: {', '.join(refused)}", stacklevel=2)
    if not db.is_file():
        raise RuntimeError(f"the ETL reported success but wrote no database at {db}")
    return db


@pytest.fixture(scope="session")
def sample_db(request, tmp_path_factory) -> Path:
    """A database loaded from the bundled sample spreadsheets, built once per test session; CPM_DB
    points at it for the session and is restored (or removed) when the session ends."""
    db = request.config.stash.get(_BUILT, None)
    if db is None:
        db = request.config.stash[_BUILT] = _build(tmp_path_factory.mktemp("cpm-sample"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CPM_DB", str(db))
        yield db
