"""What changed since the last load: the latest load batch and the figures it revised."""
from __future__ import annotations

import pandas as pd

from metrics.db import Database


def last_loads(db: Database) -> pd.DataFrame:
    """The loads of the most recent batch: all loads within ten minutes of the newest one."""
    return db.query("""
        WITH newest AS (SELECT max(loaded_at) AS t FROM load_log)
        SELECT load_id, loaded_at, file_name, source, status, figures_read, figures_stored
        FROM load_log, newest WHERE loaded_at >= newest.t - INTERVAL 10 MINUTE
        ORDER BY load_id""")


def revised_figures(db: Database) -> pd.DataFrame:
    """Figures of the latest batch that replaced an earlier value, old and new side by side."""
    return db.query("""
        WITH newest AS (SELECT max(loaded_at) AS t FROM load_log),
             batch AS (SELECT load_id FROM load_log, newest WHERE loaded_at >= newest.t - INTERVAL 10 MINUTE)
        SELECT new.source, new.region_code, new.period_start, new.period_end, new.sex, new.age_group, new.measure,
               old.value AS old_value, new.value AS new_value, new.source_file, new.source_sheet, new.source_cell,
               coalesce(loaded.illustrative, false) AS illustrative
        FROM figure_history new
        JOIN figure_history old ON old.source = new.source AND old.region_code = new.region_code
             AND old.period_start = new.period_start AND old.period_end = new.period_end AND old.sex = new.sex
             AND old.age_group = new.age_group AND old.measure = new.measure AND old.revision = new.revision - 1
        LEFT JOIN load_log loaded ON loaded.load_id = new.load_id
        WHERE new.load_id IN (SELECT load_id FROM batch) AND old.value IS DISTINCT FROM new.value
        ORDER BY new.source, new.region_code, new.period_start, new.measure""")
