"""The DuckDB warehouse: schema, transactional per-file loads with revisions, and the file swap.

The dashboard keeps a read-only connection open, which would block a read-write open of the same
file. A load therefore works on a copy and moves it over the live file when it is done; the
dashboard notices the new file (a new inode) and reconnects. A lock file keeps two loads apart.
"""
from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from core import AfterLoadProblem
from etl.figures import ParsedFile
from etl.pipeline import FileOutcome
from etl.regions import load_regions
from etl.revisions import harmful_revisions

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = REPO_ROOT / "data" / "cpmonitor.duckdb"
SCHEMA_SQL = Path(__file__).with_name("schema.sql")
VIEWS_DIR = Path(__file__).with_name("views")
LOCK_WAIT_SECONDS = 120  # default of $CPM_LOCK_WAIT


class LockBusy(TimeoutError):
    """Another load held the lock for longer than this load would wait."""

    def __init__(self, path: Path, waited: float):
        self.path, self.waited = path, waited
        super().__init__(f"another load holds {path}.lock")


def lock_wait_seconds() -> float:
    try:
        return max(0.0, float(os.environ.get("CPM_LOCK_WAIT", LOCK_WAIT_SECONDS)))
    except ValueError:
        return float(LOCK_WAIT_SECONDS)


def working_copy(path: Path, pid: int | None = None) -> Path:
    """The copy a load works on: ``.<db>.<pid>.tmp``, so that debris names the process it came from."""
    return path.with_name(f".{path.name}.{pid or os.getpid()}.tmp")


def remove_dead_copies(path: Path) -> list[Path]:
    """Remove the working copies (with their WAL files and spill folders) of loads killed before
    they finished.

    Called with the lock held: a live load holds the lock while its copy exists, so every other
    copy belongs to a process that is gone, even if its process id has been reused since."""
    own = re.compile(rf"\.{re.escape(path.name)}\.(\d+)\.tmp(?:\.wal|\.tmp)?")
    removed = []
    for debris in path.parent.glob(f".{path.name}.*.tmp*"):
        found = own.fullmatch(debris.name)
        if not found or int(found.group(1)) == os.getpid():
            continue
        if debris.is_dir():
            shutil.rmtree(debris, ignore_errors=True)
        else:
            debris.unlink(missing_ok=True)
        removed.append(debris)
    return removed
DEFAULT_REVISION_SHARE = 0.10


def db_path(explicit: str | Path | None = None) -> Path:
    return Path(explicit or os.environ.get("CPM_DB") or DEFAULT_DB)


@contextmanager
def load_lock(path: Path):
    """Hold the load lock for ``path``; wait ($CPM_LOCK_WAIT s) for a running load to finish first."""
    path.parent.mkdir(parents=True, exist_ok=True)
    wait = lock_wait_seconds()
    with open(f"{path}.lock", "w") as fh:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise LockBusy(path, wait)
                time.sleep(0.2)
        remove_dead_copies(path)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


class Warehouse:
    """A read-write session on a working copy of the database, swapped in on ``commit``.

    A corrected file becomes a new revision, but one that moves a figure by more than
    ``revision_share`` (default 10%) is held: nothing of the file is stored unless the revision
    is accepted (``accept_revisions``); the file's outcome says "held", with old -> new for each
    figure and the file that brought the old one.
    """

    def __init__(self, path: Path, *, accept_revisions: bool = False, revision_share: float = DEFAULT_REVISION_SHARE,
                 user: str | None = None, accepted: frozenset[str] = frozenset()):
        self.accept_revisions = accept_revisions
        self.accepted = accepted  # SHA-256 of files whose revisions the user confirmed one by one
        self.user = user  # recorded in the load log
        self.revision_share = revision_share
        self._open = False  # the batch's transaction
        self._batch: list[tuple] = []  # what it holds, to store again after a rollback
        # What the batch knows without asking the database again (one statement costs about a
        # millisecond, whatever it does): the hashes of loaded files, the current figures of each
        # source it has touched, and its load-log rows, written in one insert by ``commit``.
        self._hashes: dict[str, int] | None = None
        self._units: dict[str, dict] = {}
        self._log: list[list] = []
        self._pending: list[tuple[str, pa.Table]] = []  # figures and reported totals not yet written
        self._pending_from = 0  # the first figure id among them
        self._next_figure: int | None = None
        self._next_load: int | None = None
        self.path = path
        self.work = working_copy(path)
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
        return self._loaded_hashes().get(sha256)

    def _loaded_hashes(self) -> dict[str, int]:
        if self._hashes is None:
            self._hashes = dict(self._exec("SELECT file_hash, min(load_id) FROM loads WHERE status IN ('loaded', "
                                           "'warning') AND file_hash IS NOT NULL GROUP BY file_hash"))
        return self._hashes

    def _forget(self) -> None:
        """After a rollback nothing the batch knew holds."""
        self._hashes, self._units, self._log = None, {}, []
        self._pending, self._next_figure, self._next_load = [], None, None

    def _new_load_id(self) -> int:
        """The batch numbers its loads itself too, after the highest in the log."""
        if self._next_load is None:
            self._next_load = int(self._exec("SELECT coalesce(max(load_id), 0) + 1 FROM loads")[0][0])
        self._next_load += 1
        return self._next_load - 1

    def _figure_ids(self, count: int) -> int:
        """The first of ``count`` new figure ids. Loads hold the lock, so the batch numbers its
        figures itself and writes them all in one insert (``flush``)."""
        if self._next_figure is None:
            self._next_figure = int(self._exec("SELECT coalesce(max(figure_id), 0) + 1 FROM figures")[0][0])
        first = self._next_figure
        if not self._pending:
            self._pending_from = first
        self._next_figure += count
        return first

    def flush(self) -> None:
        """Write the figures and reported totals the batch holds (``commit`` does; a reader of the
        working connection before then calls it first)."""
        self._flush()

    def _flush(self) -> None:
        selects = {"figures": "*", "reported_totals": "* EXCLUDE (region_code)"}
        for table, select in selects.items():
            frames = [frame for name, frame in self._pending if name == table]
            if frames:
                self._insert(table, pa.concat_tables(frames, promote_options="default"), select)
        self._pending = []

    def record(self, outcome: FileOutcome, lang: str = "en") -> int:
        """Store a file's figures (or only its refusal in the log).

        The whole batch is one transaction on the working copy, committed by ``commit``: one
        commit instead of one per file is what makes large batches fast. A file is stored entirely
        or not at all: a refused or held file stores nothing, and when storing a file fails, the
        rollback takes the batch's earlier files with it, so they are stored again before the
        error goes up (the caller then records the failed file as refused; the batch goes on).
        """
        status, messages = outcome.status, list(outcome.messages)
        try:
            load_id = self._record(outcome, lang)
        except Exception:
            earlier, self._batch = self._batch, []
            for done, done_lang, done_status, done_messages in earlier:
                done.status, done.messages = done_status, list(done_messages)
                self.record(done, done_lang)
            raise
        self._batch.append((outcome, lang, status, messages))
        return load_id

    def _record(self, outcome: FileOutcome, lang: str) -> int:
        if not self._open:
            self._exec("BEGIN")
            self._open = True
        load_id = self._new_load_id()
        try:
            changed = 0
            if outcome.status in ("loaded", "warning"):
                changed = self._store(load_id, outcome)
            if changed is None:  # a harmful revision, held until confirmed: nothing stored
                changed = 0
                outcome.status = "held"
            row = [load_id, outcome.file_name, str(outcome.path.resolve()), outcome.sha256, outcome.parsed.source,
                   datetime.now(timezone.utc).replace(tzinfo=None), outcome.status,
                   len(outcome.parsed.figures) if outcome.status not in ("refused", "held") else 0, changed,
                   outcome.parsed.illustrative,
                   json.dumps([m.as_dict(lang) for m in outcome.messages], ensure_ascii=False), self.user]
            for text in row:  # text the database would refuse (a file name that is not UTF-8) fails this file now
                if isinstance(text, str):
                    text.encode("utf-8")
            self._log.append(row)
        except Exception:
            self._exec("ROLLBACK")
            self._open = False
            self._forget()
            raise
        if outcome.status in ("loaded", "warning") and outcome.sha256:
            self._loaded_hashes().setdefault(outcome.sha256, load_id)
        return load_id

    def _write_log(self) -> None:
        if not self._log:
            return
        names = ["load_id", "file_name", "file_path", "file_hash", "source", "loaded_at", "status", "figures_read",
                 "figures_stored", "illustrative", "messages", "loaded_by"]
        types = [pa.int32(), pa.string(), pa.string(), pa.string(), pa.string(), pa.timestamp("us"), pa.string(),
                 pa.int32(), pa.int32(), pa.bool_(), pa.string(), pa.string()]
        table = pa.table({n: pa.array([r[i] for r in self._log], t) for i, (n, t) in enumerate(zip(names, types))})
        self._insert("loads", table, "*")
        self._log = []

    def _store(self, load_id: int, outcome: FileOutcome) -> int | None:
        """Write the figures whose unit changed; return how many were stored (None when the file
        is held for a harmful revision).

        A unit is one source, region, period and measure: a corrected file replaces the whole
        unit (every sex and age group of it), unless it brings exactly the figures already
        current (then nothing changes). A file that gives only one measure leaves the other
        measures of the same region and period as they are.
        """
        parsed: ParsedFile = outcome.parsed
        incoming: dict[tuple, dict] = {}
        for f in parsed.figures:
            unit = (f.region_code, f.period.kind, f.period.start, f.period.end, f.measure)
            incoming.setdefault(unit, {})[(f.sex, f.age_group)] = (_same(f.value), f.missing)
        current, ids, revisions, files = self._current(parsed.source, incoming)
        changed = {u for u, figures in incoming.items() if current.get(u) != figures}
        if not changed:
            return 0
        if not (self.accept_revisions or outcome.sha256 in self.accepted):
            held = harmful_revisions(parsed, {u: current[u] for u in changed if u in current}, incoming, files,
                                     self.revision_share)
            if held:
                outcome.messages.extend(held)
                return None
        stale = [i for u in changed for i in ids.get(u, [])]
        if stale:
            if self._pending and max(stale) >= self._pending_from:  # a figure of this batch revised again
                self._flush()
            self._exec("UPDATE figures SET superseded_by = ? WHERE figure_id IN (SELECT unnest(?))", [load_id, stale])
        rows = [f for f in parsed.figures
                if (f.region_code, f.period.kind, f.period.start, f.period.end, f.measure) in changed]
        revision = [revisions.get((f.region_code, f.period.kind, f.period.start, f.period.end, f.measure), 0) + 1
                    for f in rows]
        first = self._figure_ids(len(rows))
        frame = _frame(parsed.source, rows, parsed, outcome, load_id, revision=revision,
                       figure_ids=range(first, first + len(rows)))
        _check_required(frame)
        self._pending.append(("figures", frame))
        known = self._units[parsed.source]
        for u in changed:
            known.pop(u, None)
        for fid, f, rev in zip(range(first, first + len(rows)), rows, revision):
            unit = (f.region_code, f.period.kind, f.period.start, f.period.end, f.measure)
            entry = known.setdefault(unit, {"figures": incoming[unit], "ids": [], "revision": 0,
                                            "file": outcome.file_name})
            entry["ids"].append(fid)
            entry["revision"] = max(entry["revision"], rev)
        if parsed.totals:
            self._pending.append(("reported_totals", _frame(parsed.source, parsed.totals, parsed, outcome, load_id)))
        return len(rows)

    def _current(self, source: str, incoming: dict) -> tuple[dict, dict, dict, dict]:
        """Current figures, their ids, revision and file of the units a file brings."""
        known = self._source_units(source)
        current, ids, revisions, files = {}, {}, {}, {}
        for unit in incoming:
            entry = known.get(unit)
            if entry is not None:
                current[unit], ids[unit] = entry["figures"], entry["ids"]
                revisions[unit], files[unit] = entry["revision"], entry["file"]
        return current, ids, revisions, files

    def _source_units(self, source: str) -> dict:
        """The current figures of one source by unit, read once a batch and kept up to date as
        files are stored."""
        if source not in self._units:
            known: dict[tuple, dict] = {}
            for fid, region, kind, start, end, measure, sex, age, value, missing, revision, file in self._exec("""
                    SELECT figure_id, region_code, period_kind, period_start, period_end, measure, sex, age_group,
                           value, missing, revision, source_file
                    FROM figures WHERE superseded_by IS NULL AND source = ? ORDER BY figure_id""", [source]):
                entry = known.setdefault((region, kind, start, end, measure),
                                         {"figures": {}, "ids": [], "revision": 0, "file": file})
                entry["figures"][(sex, age)] = (_same(value), missing)
                entry["ids"].append(fid)
                entry["revision"] = max(entry["revision"], revision)
                entry["file"] = file
            self._units[source] = known
        return self._units[source]

    def _insert(self, table: str, frame: pa.Table, select: str) -> None:
        self.con.register("incoming_rows", frame)
        try:
            self._exec(f"INSERT INTO {table} BY NAME SELECT {select} FROM incoming_rows")
        finally:
            self.con.unregister("incoming_rows")

    def commit(self, steps=()) -> list[str]:
        """Run the after-load ``steps`` (callables given the connection, e.g. the metrics'
        indicator values), checkpoint, close and move the working copy over the live database.
        A step that reports an AfterLoadProblem does not stop the figures being stored: the
        problems are returned for the caller to show."""
        if self._open:
            try:
                self._flush()
                self._write_log()
            except Exception:
                self._exec("ROLLBACK")
                self._open = False
                self._forget()
                raise
            self._exec("COMMIT")
            self._open = False
            self._batch = []
            self._forget()
        problems = []
        for step in steps:
            try:
                step(self.con)
            except AfterLoadProblem as problem:
                problems.append(str(problem))
        self._exec("CHECKPOINT")
        self.con.close()
        os.replace(self.work, self.path)
        return problems

    def abandon(self) -> None:
        try:
            self.con.close()
        finally:
            self.work.unlink(missing_ok=True)


def _same(value):
    """Values as compared between revisions: NaN and None both mean missing."""
    return None if value is None or value != value else float(value)


def _frame(source: str, figures: list, parsed: ParsedFile, outcome: FileOutcome, load_id: int,
           revision: list[int] | None = None, figure_ids=None) -> pa.Table:
    """The rows to insert, as an Arrow table (built from plain lists: far cheaper than a pandas
    frame for the few dozen rows of a typical file)."""
    n = len(figures)
    columns = {
        "source": pa.array([source] * n, pa.string()),
        "region_code": pa.array([f.region_code for f in figures], pa.string()),
        "period_kind": pa.array([f.period.kind for f in figures], pa.string()),
        "period_start": pa.array([f.period.start for f in figures], pa.date32()),
        "period_end": pa.array([f.period.end for f in figures], pa.date32()),
        "sex": pa.array([f.sex for f in figures], pa.string()),
        "age_group": pa.array([f.age_group for f in figures], pa.string()),
        "measure": pa.array([f.measure for f in figures], pa.string()),
        "value": pa.array([_same(f.value) for f in figures], pa.float64()),
        "value_text": pa.array([f.text for f in figures], pa.string()),
        "missing": pa.array([f.missing for f in figures], pa.string()),
        "provisional": pa.array([parsed.provisional] * n, pa.bool_()),
        "illustrative": pa.array([parsed.illustrative] * n, pa.bool_()),
        "source_file": pa.array([outcome.file_name] * n, pa.string()),
        "source_hash": pa.array([outcome.sha256] * n, pa.string()),
        "source_sheet": pa.array([f.sheet for f in figures], pa.string()),
        "source_cell": pa.array([f.cell for f in figures], pa.string()),
        "load_id": pa.array([load_id] * n, pa.int32()),
    }
    if revision is not None:
        columns["revision"] = pa.array(revision, pa.int32())
    if figure_ids is not None:
        columns = {"figure_id": pa.array(figure_ids, pa.int64()), **columns}
    return pa.table(columns)


# The figures table's NOT NULL columns (etl/schema.sql): checked when a file is stored, so that a
# figure the database would refuse fails its own file, not the insert of the whole batch.
REQUIRED = ("figure_id", "source", "region_code", "period_kind", "period_start", "period_end", "sex", "age_group",
            "measure", "load_id", "revision")


def _check_required(frame: pa.Table) -> None:
    for name in REQUIRED:
        if frame.column(name).null_count:
            raise ValueError(f"NOT NULL constraint failed: figures.{name}")
