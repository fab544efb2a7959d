"""Where an indicator value came from: the stored figures (file, sheet, cell, load) behind the
numerator and denominator series of ``metrics.series`` for one region (or the nation) and period.

Each series of ``metrics.series.SERIES`` (declared in the source contracts) is named here by the
source, measures and breakdown it sums, and by how its period is matched: exactly, by the population year (a denominator measured on
1 January), or by the months inside the period (monthly PSC reports summed over a year so far).
``tests/test_provenance.py`` checks that the cells listed add up to each series' value.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from metrics.db import Database
from metrics.series import SPECS

EXACT, YEAR, MONTHS = "exact", "year", "months"


@dataclass(frozen=True)
class SeriesFigures:
    source: str
    measures: tuple[str, ...]
    where: str = "TRUE"
    match: str = EXACT


# Derived from the same contracts as metrics.series.SERIES.
SERIES_FIGURES = {series_id: SeriesFigures(spec.source, spec.measures, spec.where, spec.match)
                  for series_id, spec in SPECS.items()}
CELL_COLUMNS = ["region_code", "measure", "period_start", "period_end", "value", "source_file", "source_sheet",
                "source_cell", "load_id", "loaded_at"]


def cells(db: Database, series_id: str, start: date, end: date, region_code: str | None = None) -> pd.DataFrame:
    """The current figures summed into ``series_id`` for the period ``start``..``end``, one row per
    stored cell, for one region or (``region_code`` None) every region, ordered by region and cell."""
    spec = SERIES_FIGURES[series_id]
    measures = ", ".join("?" for _ in spec.measures)
    if spec.match == YEAR:
        period, params = "year(h.period_start) = ?", [start.year]
    elif spec.match == MONTHS:
        period, params = "h.period_start >= ? AND h.period_end <= ?", [start, end]
    else:
        period, params = "h.period_start = ? AND h.period_end = ?", [start, end]
    region, region_params = ("AND h.region_code = ?", [region_code]) if region_code else ("", [])
    frame = db.query(f"""
        SELECT h.region_code, h.measure, h.period_start, h.period_end, h.value, h.source_file, h.source_sheet,
               h.source_cell, h.load_id, l.loaded_at
        FROM figure_history h LEFT JOIN load_log l USING (load_id)
        WHERE h.is_current AND h.source = ? AND h.measure IN ({measures}) AND ({spec.where}) AND {period}
              AND h.value IS NOT NULL {region}
        ORDER BY h.region_code, h.period_start, h.measure, h.source_cell""",
                     [spec.source, *spec.measures, *params, *region_params])
    frame["period_start"] = pd.to_datetime(frame.period_start).dt.date
    frame["period_end"] = pd.to_datetime(frame.period_end).dt.date
    return frame[CELL_COLUMNS]
