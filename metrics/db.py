"""Read-only access to the published snapshot of this edition, never blocking a load.

One edition per process (``CPM_EDITION``: public, the default, or internal). The public edition
opens only the public snapshot (``CPM_PUBLIC_DB``, else public.duckdb beside the warehouse), so
nothing a page does can show what that file does not hold; the internal edition opens the
internal snapshot (``CPM_INTERNAL_DB``, else internal.duckdb).

The ETL replaces the database file instead of writing into it, so a connection is kept per
file identity (inode and modification time): when the file is swapped, the next query opens the
new one. Each query runs on its own cursor, which is safe across Streamlit's script threads.
"""
from __future__ import annotations

import os
import threading
from functools import lru_cache
from pathlib import Path

import duckdb
import pandas as pd

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = REPO_ROOT / "data" / "cpmonitor.duckdb"
PUBLIC, INTERNAL = "public", "internal"
EDITION_ENV = "CPM_EDITION"
EDITIONS = (PUBLIC, INTERNAL)
SNAPSHOT_ENV = {PUBLIC: "CPM_PUBLIC_DB", INTERNAL: "CPM_INTERNAL_DB"}


class DatabaseMissing(RuntimeError):
    """No database file yet: the dashboard shows how to build one instead of a traceback."""


class Database:
    def __init__(self, path: Path):
        self.path = path
        self._lock = threading.Lock()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._version: tuple | None = None

    @property
    def version(self) -> tuple:
        """Identity of the file now on disk; part of every cache key."""
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            raise DatabaseMissing(str(self.path)) from None
        return (st.st_ino, st.st_mtime_ns)

    @property
    def identity(self) -> tuple:
        """The snapshot's identity: this path and the file now there (``version``)."""
        return (str(self.path), self.version)

    def _connection(self) -> duckdb.DuckDBPyConnection:
        version = self.version
        with self._lock:
            if self._con is None or version != self._version:
                # A fresh in-memory instance with the file attached: duckdb.connect(path) would hand
                # back its cached instance of the old, replaced file. The old connection is not
                # closed here because another thread may still be reading from it.
                con = duckdb.connect(":memory:")
                con.execute("ATTACH ? AS warehouse (READ_ONLY)", [str(self.path)])
                self._con = con
                self._version = version
            return self._con

    @property
    def edition(self) -> str | None:
        """The edition the snapshot was published for (None for a warehouse file)."""
        found = self.query("SELECT 1 FROM duckdb_tables() WHERE table_name = 'edition'")
        if found.empty:
            return None
        return str(self.query("SELECT edition FROM edition").edition.iloc[0])

    def query(self, sql: str, params: list | tuple = ()) -> pd.DataFrame:
        """Run a query; results are cached per database file and returned as copies."""
        return _cached_query(self, self.version, sql, tuple(params)).copy()

    def _run(self, sql: str, params: tuple) -> pd.DataFrame:
        cursor = self._connection().cursor()
        try:
            cursor.execute("USE warehouse")
            return cursor.execute(sql, list(params)).df()
        finally:
            cursor.close()


@lru_cache(maxsize=256)
def _cached_query(db: Database, version: tuple, sql: str, params: tuple) -> pd.DataFrame:
    return db._run(sql, params)


@lru_cache(maxsize=8)
def _database(path: str) -> Database:
    return Database(Path(path))


class UnknownEdition(ValueError):
    def __init__(self, value: str):
        self.value = value
        super().__init__(f"{EDITION_ENV}={value!r}: expected one of {', '.join(EDITIONS)}")


def edition() -> str:
    """This process's edition: $CPM_EDITION (public or internal), public by default; any other
    value is refused, so a typo can never open the internal figures (or hide them) by accident."""
    value = (os.environ.get(EDITION_ENV) or PUBLIC).strip().lower()
    if value not in EDITIONS:
        raise UnknownEdition(value)
    return value


def snapshot_path(name: str | None = None, warehouse: str | Path | None = None) -> Path:
    """The snapshot of an edition: $CPM_PUBLIC_DB / $CPM_INTERNAL_DB, else beside the warehouse
    ($CPM_DB, else data/cpmonitor.duckdb): public.duckdb / internal.duckdb for a warehouse named
    cpmonitor.duckdb, NAME.public.duckdb / NAME.internal.duckdb for another (two warehouses in one
    folder keep their own snapshots)."""
    name = name or edition()
    if name not in EDITIONS:
        raise ValueError(f"edition {name!r}: expected public or internal")
    explicit = os.environ.get(SNAPSHOT_ENV[name])
    if explicit:
        return Path(explicit)
    house = Path(warehouse or os.environ.get("CPM_DB") or DEFAULT_DB)
    prefix = "" if house.name == DEFAULT_DB.name else f"{house.stem}."
    return house.parent / f"{prefix}{name}.duckdb"


def get_database(path: str | Path | None = None) -> Database:
    """The database of this edition; another file only in the internal edition (analysis, tests)."""
    own = snapshot_path()
    if path is not None and edition() == PUBLIC and Path(path).resolve() != own.resolve():
        raise PermissionError(f"the public edition reads only {own}")
    return _database(str(Path(path or own).resolve()))


class ConnectionDatabase:
    """The ``Database`` interface over an open connection (the ETL's working copy), uncached."""

    def __init__(self, con: duckdb.DuckDBPyConnection, edition: str | None = None):
        self.con = con
        self.edition = edition  # the edition a snapshot being published is for (metrics.page_data)
        self.version = ("connection", id(self))  # no file: this object is the identity

    def query(self, sql: str, params: list | tuple = ()) -> pd.DataFrame:
        cursor = self.con.cursor()
        try:
            return cursor.execute(sql, list(params)).df()
        finally:
            cursor.close()
