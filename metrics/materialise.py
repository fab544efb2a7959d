"""Steps that run after a load, on the freshly loaded database, before it is swapped in.

The warehouse knows nothing of indicators: the load's caller hands it these steps, so the ETL
never imports the metrics (which read the ETL's tables, not its code).
"""
from __future__ import annotations

import pandas as pd

from core import AfterLoadProblem
from metrics.catalogue import CatalogueError
from metrics.db import ConnectionDatabase
from metrics.indicators import STORED_BASIS, compute_all, current_basis


def refresh_indicators(con) -> None:
    """Store the indicator values (both geographies) as the ``indicator_values`` table, so that
    users of the database get them without running the dashboard's code. With a catalogue that
    cannot be read the table is dropped (stale values would not match the new figures) and the
    problem is raised for the load to report; the figures are stored all the same. What they were
    computed from is stored beside them (``indicator_values_basis``: the catalogue's digest and the
    figures' checksum): ``indicators.values`` reads the stored values while both are unchanged."""
    db = ConnectionDatabase(con)
    try:
        frame = pd.concat([compute_all(db, g).assign(geography=g) for g in ("current", "comparable")],
                          ignore_index=True)
    except CatalogueError as problem:
        con.execute("DROP TABLE IF EXISTS indicator_values").fetchall()
        con.execute(f"DROP TABLE IF EXISTS {STORED_BASIS}").fetchall()
        raise AfterLoadProblem(str(problem)) from problem
    con.register("computed_indicators", frame)
    try:
        con.execute("CREATE OR REPLACE TABLE indicator_values AS SELECT * FROM computed_indicators").fetchall()
    finally:
        con.unregister("computed_indicators")
    # Readers of the same figures with the same catalogue read these values instead of computing them.
    con.execute(f"CREATE OR REPLACE TABLE {STORED_BASIS} AS SELECT ?::VARCHAR AS catalogue_sha256, "
                "?::VARCHAR AS figures_checksum", list(current_basis(db))).fetchall()


AFTER_LOAD = (refresh_indicators,)
