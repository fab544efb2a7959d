"""The state of the data: loads, who has not yet submitted what, revisions, and checks that look
across sources (which no single file can fail)."""
from __future__ import annotations

import json

import pandas as pd

from core.contracts import spec_ids
from metrics.db import Database
from metrics.snapshot_cache import per_snapshot

SOURCES = tuple(spec_ids())  # derived from the source contracts (data/sources/*.toml)
# Activity per specialist this many times above or below the national median is flagged.
OUTLIER_FACTOR = 3.0


def loads(db: Database) -> pd.DataFrame:
    """Every load attempt, newest first, with its warnings and errors counted."""
    frame = db.query("SELECT * FROM load_log ORDER BY load_id DESC")
    parsed = frame.messages.map(lambda m: json.loads(m) if isinstance(m, str) else [])
    frame["warnings"] = parsed.map(lambda ms: sum(m["level"] == "warning" for m in ms))
    frame["errors"] = parsed.map(lambda ms: sum(m["level"] == "error" for m in ms))
    frame["messages"] = parsed
    return frame


def load_messages(db: Database, load_id: int) -> pd.DataFrame:
    frame = db.query("SELECT messages FROM load_log WHERE load_id = ?", [load_id])
    if frame.empty or not isinstance(frame.messages[0], str):
        return pd.DataFrame(columns=["level", "sheet", "cell", "text"])
    return pd.DataFrame(json.loads(frame.messages[0]), columns=["level", "sheet", "cell", "text"])


@per_snapshot()
def submission_grid(db: Database, source: str) -> pd.DataFrame:
    """Regions by periods of one source: True where the region has figures for the period.

    The periods are those any region has reported, so a gap means the region is behind the others.
    """
    frame = db.query("""
        WITH periods AS (SELECT DISTINCT period_kind, period_start, period_end FROM figures
                         WHERE source = ? AND superseded_by IS NULL),
             present AS (SELECT DISTINCT region_code, period_start, period_end FROM figures
                         WHERE source = ? AND superseded_by IS NULL AND value IS NOT NULL)
        SELECT r.region_code, p.period_kind, p.period_start, p.period_end,
               (pr.region_code IS NOT NULL) AS submitted
        FROM regions r CROSS JOIN periods p
        LEFT JOIN present pr ON pr.region_code = r.region_code AND pr.period_start = p.period_start
                             AND pr.period_end = p.period_end
        ORDER BY p.period_start, p.period_end, r.region_code""", [source, source])
    return frame


def figure_history(db: Database, source: str, region_code: str, measure: str) -> pd.DataFrame:
    """Every revision of one region's figures for a measure, with where each came from."""
    return db.query("""
        SELECT h.period_start, h.period_end, h.sex, h.age_group, h.value, h.missing, h.revision, h.is_current,
               h.load_id, l.loaded_at, h.superseded_by, h.source_file, h.source_sheet, h.source_cell
        FROM figure_history h LEFT JOIN load_log l USING (load_id)
        WHERE h.source = ? AND h.region_code = ? AND h.measure = ?
        ORDER BY h.period_start, h.period_end, h.sex, h.age_group, h.revision""", [source, region_code, measure])


def history_files(db: Database, source: str, region_code: str, measure: str) -> pd.DataFrame:
    """The files (name and SHA-256) that brought the revisions of ``figure_history``, newest first."""
    return db.query("""
        SELECT source_file, source_hash, max(load_id) AS load_id FROM figure_history
        WHERE source = ? AND region_code = ? AND measure = ? AND source_hash IS NOT NULL
        GROUP BY source_file, source_hash ORDER BY load_id DESC""", [source, region_code, measure])


def files_named(db: Database, names) -> pd.DataFrame:
    """The latest stored load of each file name (its SHA-256), for the cell references of a table."""
    names = sorted({str(n) for n in names if isinstance(n, str) and n})
    if not names:
        return pd.DataFrame(columns=["source_file", "source_hash"])
    return db.query(f"""
        SELECT file_name AS source_file, file_hash AS source_hash FROM load_log
        WHERE file_name IN ({", ".join("?" * len(names))}) AND status IN ('loaded', 'warning')
          AND file_hash IS NOT NULL
        QUALIFY row_number() OVER (PARTITION BY file_name ORDER BY load_id DESC) = 1
        ORDER BY file_name""", names)


def measures_of(db: Database, source: str) -> list[str]:
    frame = db.query("SELECT DISTINCT measure FROM figures WHERE source = ? ORDER BY measure", [source])
    return frame.measure.tolist()


def staffing_without_centre(db: Database) -> pd.DataFrame:
    """Snapshots that report staff for a region that, in the same snapshot, has no centre."""
    return db.query("""
        SELECT c.region_code, c.as_of, s.value AS staff, s.source_file, s.source_sheet, s.source_cell
        FROM psc_network c JOIN psc_network s ON s.region_code = c.region_code AND s.as_of = c.as_of
        WHERE c.region_code IN (SELECT region_code FROM regions) AND c.measure = 'centres' AND coalesce(c.value, 0) = 0
          AND s.measure IN ('specialists', 'positions_filled') AND s.value > 0
        ORDER BY c.as_of, c.region_code""")


def _has_activity(db: Database) -> bool:
    return not db.query("SELECT 1 FROM duckdb_views() WHERE view_name = 'psc_activity'").empty


def activity_without_centre(db: Database) -> pd.DataFrame:
    """Monthly reports from a region whose centre, by the network snapshots, did not exist yet:
    the month ended before the centre's opening date, or the last snapshot before it shows none
    (unless the centre's opening date falls after that snapshot, within the month)."""
    if not _has_activity(db):
        return pd.DataFrame(columns=["region_code", "year", "month", "opened", "source_file"])
    return db.query("""
        WITH months AS (SELECT DISTINCT region_code, year, month, source_file,
                               last_day(make_date(year, month, 1)) AS month_end FROM psc_activity
                        WHERE region_code IN (SELECT region_code FROM regions)),
             opened AS (SELECT region_code, min(CAST(value_text AS DATE)) AS opened FROM psc_network
                        WHERE measure = 'opened' AND value_text IS NOT NULL GROUP BY region_code),
             latest AS (SELECT m.region_code, m.year, m.month, arg_max(n.value, n.as_of) AS centres,
                               max(n.as_of) AS as_of
                        FROM months m JOIN psc_network n ON n.region_code = m.region_code
                             AND n.measure = 'centres' AND n.as_of <= m.month_end
                        GROUP BY m.region_code, m.year, m.month)
        SELECT m.region_code, m.year, m.month, o.opened, m.source_file
        FROM months m LEFT JOIN opened o USING (region_code)
        LEFT JOIN latest l USING (region_code, year, month)
        WHERE (o.opened IS NOT NULL AND o.opened > m.month_end)
           OR (l.centres = 0 AND (o.opened IS NULL OR o.opened <= l.as_of))
        ORDER BY m.region_code, m.year, m.month""")


def missing_months(db: Database) -> pd.DataFrame:
    """Months without a report inside each centre's series (from its first month to the latest
    month any centre reported)."""
    if not _has_activity(db):
        return pd.DataFrame(columns=["region_code", "year", "month"])
    return db.query("""
        WITH reported AS (SELECT DISTINCT region_code, make_date(year, month, 1) AS m FROM psc_activity
                          WHERE region_code IN (SELECT region_code FROM regions)),
             bounds AS (SELECT region_code, min(m) AS first FROM reported GROUP BY region_code),
             latest AS (SELECT max(m) AS last FROM reported),
             expected AS (SELECT b.region_code, CAST(g.m AS DATE) AS m
                          FROM bounds b, latest l, generate_series(b.first, l.last, INTERVAL 1 MONTH) AS g(m))
        SELECT e.region_code, CAST(year(e.m) AS INTEGER) AS year, CAST(month(e.m) AS INTEGER) AS month
        FROM expected e ANTI JOIN reported r ON r.region_code = e.region_code AND r.m = e.m
        ORDER BY e.region_code, e.m""")


def activity_per_specialist(db: Database) -> pd.DataFrame:
    """Children served per specialist in each centre-month, with the latest staff snapshot taken
    on or before the month's end, and a flag where it is far from the national median."""
    if not _has_activity(db):
        return pd.DataFrame(columns=["region_code", "year", "month", "children_served", "specialists",
                                     "per_specialist", "national_median", "outlier"])
    frame = db.query("""
        WITH served AS (SELECT region_code, year, month, value AS children_served,
                               last_day(make_date(year, month, 1)) AS month_end
                        FROM psc_activity WHERE measure = 'children_served' AND value IS NOT NULL
                          AND region_code IN (SELECT region_code FROM regions)),
             staff AS (SELECT s.region_code, s.year, s.month, arg_max(n.value, n.as_of) AS specialists
                       FROM served s JOIN psc_network n ON n.region_code = s.region_code
                            AND n.measure = 'specialists' AND n.as_of <= s.month_end
                       GROUP BY ALL)
        SELECT s.region_code, s.year, s.month, s.children_served, st.specialists,
               s.children_served / nullif(st.specialists, 0) AS per_specialist
        FROM served s JOIN staff st USING (region_code, year, month)
        ORDER BY s.region_code, s.year, s.month""")
    median = frame.per_specialist.median()
    frame["national_median"] = median
    ratio = frame.per_specialist / median
    frame["outlier"] = (ratio > OUTLIER_FACTOR) | (ratio < 1 / OUTLIER_FACTOR)
    return frame
