"""School psychological service: pupils per psychologist against the one-per-500 norm, by region."""
from __future__ import annotations

import pandas as pd

from core.periods import Period, school_year as school_year_period
from metrics.catalogue import indicator
from metrics.db import Database
from metrics.regions import by_region_select
from metrics.snapshot_cache import per_snapshot

NORM_INDICATOR = "pupils_per_psychologist"
DEFAULT_NORM = 500  # pupils per psychologist (the CP's norm) when the catalogue gives no target
MEASURES = ("schools", "pupils", "positions_due", "psychologists", "schools_meeting_norm")


def norm() -> float:
    """The norm of pupils per psychologist: the catalogue's target for the indicator."""
    target = indicator(NORM_INDICATOR).target_value
    return float(target) if target is not None else float(DEFAULT_NORM)


def school_years(db: Database) -> list[str]:
    """School years with figures ("2024-2025"), newest first."""
    return db.query("SELECT DISTINCT school_year FROM school_psychologists ORDER BY school_year DESC").school_year.tolist()


def period_of(school_year: str) -> Period:
    """"2024-2025" -> the school year from 1 September 2024 to 31 August 2025."""
    return school_year_period(int(school_year.split("-")[0]))


@per_snapshot()
def by_region(db: Database, school_year: str) -> pd.DataFrame:
    """Every region in one school year: schools, pupils, positions due, psychologists, schools meeting
    the norm, pupils per psychologist and the share of schools meeting the norm."""
    frame = db.query(by_region_select(
        "s", MEASURES, flags=("illustrative", "provisional"),
        joins="LEFT JOIN school_psychologists s ON s.region_code = r.region_code AND s.school_year = ?"), [school_year])
    return _derived(frame)


def national(db: Database, school_year: str) -> pd.Series:
    """The nation's figures for a school year: the sums over the regions."""
    frame = by_region(db, school_year)
    sums = {m: frame[m].sum(min_count=1) for m in MEASURES}
    total = _derived(pd.DataFrame([{**sums, "illustrative": bool(frame.illustrative.any()),
                                    "provisional": bool(frame.provisional.any())}]))
    return total.iloc[0]


def _derived(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    for column in MEASURES:
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
    frame["pupils_per_psychologist"] = frame.pupils / frame.psychologists.where(frame.psychologists > 0)
    frame["schools_meeting_norm_pct"] = frame.schools_meeting_norm / frame.schools.where(frame.schools > 0) * 100
    frame["psychologists_pct_due"] = frame.psychologists / frame.positions_due.where(frame.positions_due > 0) * 100
    limit = norm()
    frame["meets_norm"] = [None if pd.isna(v) else bool(v <= limit) for v in frame.pupils_per_psychologist]
    return frame
