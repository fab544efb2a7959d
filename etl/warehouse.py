"""The DuckDB warehouse: schema, transactional per-file loads with revisions, and the file swap.

The dashboard keeps a read-only connection open, which would block a read-write open of the same
file. A load therefore works on a copy and moves it over the live file when it is done; the
dashboard notices the new file (a new inode) and reconnects. A lock file keeps two loads apart.
"""
from __future__ import annotations

import fcntl
import json
import os
import shutil
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pandas as pd

from etl.figures import ParsedFile
from etl.pipeline import FileOutcome
from etl.regions import load_regions

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = REPO_ROOT / "data" / "cpmonitor.duckdb"
SCHEMA_SQL = Path(__file__).with_name("schema.sql")
VIEWS_DIR = Path(__file__).with_name("views")
LOCK_WAIT_SECONDS = 120


def db_path(explicit: str | Path | None = None) -> Path:
    return Path(explicit or os.environ.get("CPM_DB") or DEFAULT_DB)


@contextmanager
def load_lock(path: Path):
    """Hold the load lock for ``path``; wait for a running load to finish first."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(f"{path}.lock", "w") as fh:
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        while True:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise TimeoutError(f"another load holds {path}.lock")
                time.sleep(0.2)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


class Warehouse:
    """A read-write session on a working copy of the database, swapped in on ``commit``."""

    def __init__(self, path: Path):
        self.path = path
        self.work = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        if self.work.exists():
            self.work.unlink()
        if path.exists():
            shutil.copy2(path, self.work)
        self.con = duckdb.connect(str(self.work))
        self._exec(SCHEMA_SQL.read_text(encoding="utf-8"))
        for view in sorted(VIEWS_DIR.glob("*.sql")):  # the data API, recreated on every load
            self._exec(view.read_text(encoding="utf-8"))
        self._refresh_regions()

    def _exec(self, sql: str, params: list | None = None) -> list:
        """Run a statement to completion; DuckDB 2.0 refuses new work while a result is unread."""
        return self.con.execute(sql, params or []).fetchall()

    def _refresh_regions(self) -> None:
        frame = pd.DataFrame([{
            "region_code": r.code, "kato_code": r.kato, "name_en": r.name_en, "name_ru": r.name_ru,
            "name_kk": r.name_kk, "kind": r.kind, "created": r.created, "parent_code": r.parent_code,
            "abbr": r.abbr, "tile_row": r.tile_row, "tile_col": r.tile_col} for r in load_regions()])
        self._exec("BEGIN")
        self._exec("DELETE FROM regions")
        self.con.register("reference_regions", frame)
        self._exec("INSERT INTO regions BY NAME SELECT * FROM reference_regions")
        self.con.unregister("reference_regions")
        self._exec("COMMIT")

    def already_loaded(self, sha256: str) -> int | None:
        row = self._exec("SELECT load_id FROM loads WHERE file_hash = ? AND status IN ('loaded', 'warning') "
                         "ORDER BY load_id LIMIT 1", [sha256])
        return row[0][0] if row else None

    def record(self, outcome: FileOutcome, lang: str = "en") -> int:
        """Store a file's figures as one transaction (or only its refusal in the log)."""
        load_id = self._exec("SELECT nextval('load_seq')")[0][0]
        self._exec("BEGIN")
        try:
            changed = 0
            if outcome.status in ("loaded", "warning"):
                changed = self._store(load_id, outcome)
            self._exec(
                "INSERT INTO loads VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [load_id, outcome.file_name, str(outcome.path.resolve()), outcome.sha256, outcome.parsed.source,
                 datetime.now(timezone.utc).replace(tzinfo=None), outcome.status,
                 len(outcome.parsed.figures) if outcome.status != "refused" else 0, changed,
                 outcome.parsed.illustrative,
                 json.dumps([m.as_dict(lang) for m in outcome.messages], ensure_ascii=False)])
            self._exec("COMMIT")
        except Exception:
            self._exec("ROLLBACK")
            raise
        return load_id

    def _store(self, load_id: int, outcome: FileOutcome) -> int:
        parsed: ParsedFile = outcome.parsed
        new = _frame(parsed, outcome, load_id)
        self.con.register("incoming", new)
        try:
            # A unit is one source, region, period and measure: a corrected file replaces the
            # whole unit (every sex and age group of it), unless it brings exactly the figures
            # already current (then nothing changes). A file that gives only one measure leaves
            # the other measures of the same region and period as they are.
            self._exec("""
                CREATE OR REPLACE TEMP TABLE changed_units AS
                WITH cur AS (
                    SELECT source, region_code, period_kind, period_start, period_end, measure, sex, age_group, value, missing
                    FROM figures WHERE superseded_by IS NULL
                      AND (source, region_code, period_kind, period_start, period_end, measure) IN
                          (SELECT DISTINCT source, region_code, period_kind, period_start, period_end, measure FROM incoming)),
                inc AS (
                    SELECT source, region_code, period_kind, period_start, period_end, measure, sex, age_group, value, missing
                    FROM incoming),
                diff AS ((SELECT * FROM inc EXCEPT SELECT * FROM cur) UNION ALL (SELECT * FROM cur EXCEPT SELECT * FROM inc))
                SELECT DISTINCT source, region_code, period_kind, period_start, period_end, measure FROM diff""")
            self._exec("""
                UPDATE figures SET superseded_by = ? WHERE superseded_by IS NULL
                  AND (source, region_code, period_kind, period_start, period_end, measure) IN (SELECT * FROM changed_units)""",
                       [load_id])
            self._exec("""
                INSERT INTO figures BY NAME
                SELECT nextval('figure_seq') AS figure_id, i.*,
                       coalesce((SELECT max(f.revision) FROM figures f
                                 WHERE (f.source, f.region_code, f.period_kind, f.period_start, f.period_end, f.measure)
                                     = (i.source, i.region_code, i.period_kind, i.period_start, i.period_end, i.measure)), 0)
                           + 1 AS revision
                FROM incoming i
                WHERE (i.source, i.region_code, i.period_kind, i.period_start, i.period_end, i.measure)
                      IN (SELECT * FROM changed_units)""")
            stored = self._exec("SELECT count(*) FROM figures WHERE load_id = ?", [load_id])[0][0]
            totals = _frame(parsed, outcome, load_id, totals=True)
            if stored and len(totals):  # a file that changes nothing leaves no trace but its log line
                self.con.register("incoming_totals", totals)
                self._exec("INSERT INTO reported_totals BY NAME SELECT * EXCLUDE (region_code) FROM incoming_totals")
                self.con.unregister("incoming_totals")
            return stored
        finally:
            self.con.unregister("incoming")

    def refresh_indicators(self) -> None:
        """Store the indicator values (both geographies) as the ``indicator_values`` table, so
        that users of the database get them without running the dashboard's code."""
        from metrics.db import ConnectionDatabase
        from metrics.indicators import compute_all

        db = ConnectionDatabase(self.con)
        frame = pd.concat([compute_all(db, g).assign(geography=g) for g in ("current", "comparable")],
                          ignore_index=True)
        self.con.register("computed_indicators", frame)
        self._exec("CREATE OR REPLACE TABLE indicator_values AS SELECT * FROM computed_indicators")
        self.con.unregister("computed_indicators")

    def commit(self) -> None:
        """Checkpoint, close and move the working copy over the live database."""
        self.refresh_indicators()
        self._exec("CHECKPOINT")
        self.con.close()
        os.replace(self.work, self.path)

    def abandon(self) -> None:
        try:
            self.con.close()
        finally:
            self.work.unlink(missing_ok=True)


def _frame(parsed: ParsedFile, outcome: FileOutcome, load_id: int, *, totals: bool = False) -> pd.DataFrame:
    figures = parsed.totals if totals else parsed.figures
    return pd.DataFrame({
        "source": pd.Series([parsed.source] * len(figures), dtype="object"),
        "region_code": pd.Series([f.region_code for f in figures], dtype="object"),
        "period_kind": pd.Series([f.period.kind for f in figures], dtype="object"),
        "period_start": pd.Series([f.period.start for f in figures], dtype="object"),
        "period_end": pd.Series([f.period.end for f in figures], dtype="object"),
        "sex": pd.Series([f.sex for f in figures], dtype="object"),
        "age_group": pd.Series([f.age_group for f in figures], dtype="object"),
        "measure": pd.Series([f.measure for f in figures], dtype="object"),
        "value": pd.Series([f.value for f in figures], dtype="float64"),
        "value_text": pd.Series([f.text for f in figures], dtype="object"),
        "missing": pd.Series([f.missing for f in figures], dtype="object"),
        "provisional": parsed.provisional,
        "illustrative": parsed.illustrative,
        "source_file": outcome.file_name,
        "source_hash": outcome.sha256,
        "source_sheet": pd.Series([f.sheet for f in figures], dtype="object"),
        "source_cell": pd.Series([f.cell for f in figures], dtype="object"),
        "load_id": load_id,
    })
