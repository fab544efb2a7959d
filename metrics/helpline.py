"""The 111 contact centre: children's appeals by region, per 1,000 children aged 0-17."""
from __future__ import annotations

from datetime import date

import pandas as pd

from core.periods import Period
from metrics.db import Database
from metrics.regions import by_region_select
from metrics.snapshot_cache import per_snapshot

PER = 1000  # appeals per 1,000 children


def periods(db: Database) -> list[Period]:
    """Periods with appeals by region, newest first."""
    frame = db.query("SELECT DISTINCT period_start, period_end FROM helpline_111 ORDER BY period_end DESC, period_start")
    return [Period(pd.Timestamp(s).date(), pd.Timestamp(e).date(), "range")
            for s, e in zip(frame.period_start, frame.period_end)]


@per_snapshot()
def by_region(db: Database, start: date, end: date) -> pd.DataFrame:
    """Every region for one period: appeals by QR code and by phone, their total, children given
    psychological support, children aged 0-17 (1 January of the period's first year) and appeals
    per 1,000 children."""
    frame = db.query(by_region_select(
        "h", ("appeals_qr", "appeals_phone", "appeals_total", "children_supported"), flags=("provisional",),
        extra=("max(p.value) AS children",
               "coalesce(bool_or(h.illustrative), false) OR coalesce(bool_or(p.illustrative), false) AS illustrative"),
        joins="LEFT JOIN helpline_111 h ON h.region_code = r.region_code AND h.period_start = ? AND h.period_end = ? "
              "LEFT JOIN child_population p ON p.region_code = r.region_code AND p.sex = 'all' AND p.year = ?"),
        [start, end, start.year])
    for column in ("appeals_qr", "appeals_phone", "appeals_total", "children_supported", "children"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
    frame["appeals_per_1000"] = frame.appeals_total / frame.children.where(frame.children > 0) * PER
    return frame
