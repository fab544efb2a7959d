"""The two read-only snapshots the dashboard serves, written from the warehouse after every load.

- internal: everything, as in the warehouse;
- public: only what passed disclosure control (``etl.disclosure``): suppressed counts have value
  NULL and ``suppressed`` 'primary' or 'secondary'; indicator values computed from them are
  withheld; older revisions, the files' own total rows and load messages are left out.
Each also holds what its pages read, computed from its own figures (``metrics.page_data``).
Each is written to a temporary file, made read-only and moved over the live one with
``os.replace``, so a running dashboard keeps its connection and sees the new file on its next query.
"""
from __future__ import annotations

import os
import shutil
import stat
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from etl.disclosure.indicators import withhold
from etl.disclosure.rules import threshold as suppression_threshold
from etl.disclosure.suppress import suppress
from etl.warehouse import SCHEMA_SQL, VIEWS_DIR, db_path
from metrics.db import EDITIONS, snapshot_path  # noqa: F401  (EDITIONS re-exported for the CLI)
from metrics.page_data import materialise

SNAPSHOT_ROWS = Path(__file__).with_name("snapshot_rows.sql")
READ_ONLY = stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH


@dataclass
class Published:
    internal: Path
    public: Path
    threshold: int
    primary: int
    secondary: int
    cells: int
    seconds: float
    page_results: int = 0  # results stored for the pages, both editions (metrics.page_data)
    page_seconds: float = 0.0


def publish(warehouse: str | Path | None = None, threshold: int | None = None) -> Published:
    source = db_path(warehouse)
    if not source.exists():
        raise FileNotFoundError(f"no warehouse at {source}: load files first (python -m etl load ...)")
    limit = suppression_threshold(threshold)
    internal, public = snapshot_path("internal", source), snapshot_path("public", source)
    pages = []

    def internal_edition(con) -> None:
        _mark(con, "internal", limit)
        pages.append(materialise(con, "internal"))

    result = {}

    def public_edition(con) -> None:
        result.update(_disclose(con, limit))
        pages.append(materialise(con, "public"))  # from the public figures only, after disclosure control

    _write(source, internal, internal_edition)
    _write(source, public, public_edition)
    return Published(internal, public, limit, result["primary"], result["secondary"], result["cells"],
                     result["seconds"], sum(p["results"] for p in pages), sum(p["seconds"] for p in pages))


def _write(source: Path, target: Path, prepare) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    work = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    work.unlink(missing_ok=True)
    try:
        shutil.copyfile(source, work)
        con = duckdb.connect(str(work))
        try:
            con.execute(SCHEMA_SQL.read_text(encoding="utf-8"))  # a warehouse written before a new column
            for view in sorted(VIEWS_DIR.glob("*.sql")):  # today's data API, whatever wrote the warehouse
                con.execute(view.read_text(encoding="utf-8"))
            prepare(con)
            con.execute("CHECKPOINT")
        finally:
            con.close()
        os.chmod(work, READ_ONLY)
        os.replace(work, target)
    finally:
        work.unlink(missing_ok=True)


def _mark(con, edition: str, limit: int) -> None:
    """The snapshot's edition, and the indicator values with their (here empty) ``suppressed``."""
    con.execute("CREATE OR REPLACE TABLE edition AS SELECT ? AS edition, ? AS threshold, ? AS published_at",
                [edition, limit, datetime.now(timezone.utc).replace(tzinfo=None)])
    if con.execute("SELECT 1 FROM duckdb_tables() WHERE table_name = 'indicator_values'").fetchall():
        columns = [r[0] for r in con.execute("DESCRIBE indicator_values").fetchall()]
        if "suppressed" not in columns:
            con.execute("ALTER TABLE indicator_values ADD COLUMN suppressed VARCHAR")
    con.execute(SNAPSHOT_ROWS.read_text(encoding="utf-8"))


def _disclose(con, limit: int) -> dict:
    from metrics.stats import NO_DATA

    _mark(con, "public", limit)  # first: the nation and the merged units are protected cells too
    result = suppress(con, limit)
    hidden = result.cells[result.cells.suppressed.notna()]
    con.register("hidden_cells", hidden[["source", "region_code", "period_kind", "period_start", "period_end", "sex",
                                         "age_group", "measure", "suppressed"]])
    keys = ("source", "region_code", "period_kind", "period_start", "period_end", "sex", "age_group", "measure")
    on = " AND ".join(f"t.{k} = h.{k}" for k in keys)
    con.execute(f"UPDATE published_figures t SET value = NULL, suppressed = h.suppressed FROM hidden_cells h WHERE {on}")
    con.execute("DELETE FROM figures WHERE superseded_by IS NOT NULL")
    con.execute(f"UPDATE figures t SET value = NULL, value_text = NULL FROM hidden_cells h WHERE {on}")
    con.execute("DELETE FROM reported_totals")
    con.execute("UPDATE loads SET messages = '[]', loaded_by = NULL")  # who loaded what is internal
    con.unregister("hidden_cells")
    if con.execute("SELECT 1 FROM duckdb_tables() WHERE table_name = 'indicator_values'").fetchall():
        merged = dict(con.execute("SELECT parent_code, parent_code || '+' || region_code FROM regions "
                                  "WHERE parent_code IS NOT NULL").fetchall())
        values = con.execute("SELECT * FROM indicator_values").df()
        safe = withhold(values.drop(columns=["suppressed"], errors="ignore"), result.cells, merged, NO_DATA)
        con.register("safe_indicators", safe)
        con.execute("CREATE OR REPLACE TABLE indicator_values AS SELECT * FROM safe_indicators")
        con.unregister("safe_indicators")
    return {"primary": result.count("primary"), "secondary": result.count("secondary"),
            "cells": len(result.cells), "seconds": result.seconds}
