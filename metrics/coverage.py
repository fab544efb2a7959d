"""Regional coverage: any indicator by region for one period, with each region's tile position."""
from __future__ import annotations

import pandas as pd

from core.periods import Period
from metrics.db import Database
from metrics.indicators import NATION, values
from metrics.snapshot_cache import per_snapshot


def periods_of(db: Database, indicator_id: str, geography: str = "current") -> list[str]:
    """Period keys with regional values for an indicator, newest first."""
    frame = values(db, geography)
    frame = frame[(frame.indicator_id == indicator_id) & (frame.region_code != NATION)]
    return frame.sort_values("period_end", ascending=False).period.drop_duplicates().tolist()


@per_snapshot()
def regional(db: Database, indicator_id: str, period: str, geography: str = "current") -> pd.DataFrame:
    """One row per region (all 20, so gaps show) with the indicator's value for a period."""
    regions = db.query("SELECT region_code, name_en, name_ru, name_kk, abbr, tile_row, tile_col FROM regions")
    frame = values(db, geography)
    frame = frame[(frame.indicator_id == indicator_id) & (frame.period == period) & (frame.region_code != NATION)]
    merged = regions.merge(frame, on="region_code", how="left")
    return merged.sort_values("region_code").reset_index(drop=True)


def national(db: Database, indicator_id: str, period: str, geography: str = "current") -> pd.Series | None:
    frame = values(db, geography)
    rows = frame[(frame.indicator_id == indicator_id) & (frame.period == period) & (frame.region_code == NATION)]
    return None if rows.empty else rows.iloc[0]


def indicator_ids(db: Database, geography: str = "current") -> list[str]:
    """Indicators with at least one regional value, in catalogue order."""
    from metrics.catalogue import load_catalogue

    frame = values(db, geography)
    present = set(frame[(frame.region_code != NATION) & frame.value.notna()].indicator_id)
    return [i.id for i in load_catalogue() if i.id in present]


def period_options(db: Database, indicator_id: str, geography: str = "current") -> dict[str, Period]:
    """Period key -> Period for an indicator's regional values, newest first (labels come from Period)."""
    frame = values(db, geography)
    frame = frame[(frame.indicator_id == indicator_id) & (frame.region_code != NATION)]
    frame = frame.sort_values("period_end", ascending=False).drop_duplicates("period")
    return {row.period: Period(row.period_start, row.period_end, row.period_kind) for row in frame.itertuples()}
