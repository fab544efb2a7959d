"""Minors' completed suicides and suicide attempts: national series, like-for-like year-to-date
comparisons and regional figures, from the ``suicide_counts`` view."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from etl.periods import Period, month_range
from metrics.db import Database

MEASURES = ("completed", "attempts")
TOTAL = "sex = 'all' AND age_group = 'all'"


@dataclass(frozen=True)
class PeriodOption:
    year: int
    month_from: int
    month_to: int

    @property
    def period(self) -> Period:
        return month_range(self.year, self.month_from, self.month_to)

    @property
    def key(self) -> str:
        return f"{self.year}.{self.month_from}-{self.month_to}"

    @classmethod
    def from_key(cls, key: str) -> "PeriodOption":
        year, months = key.split(".")
        m_from, m_to = months.split("-")
        return cls(int(year), int(m_from), int(m_to))

    def label(self, lang: str = "en") -> str:
        return self.period.label(lang)


def periods(db: Database) -> list[PeriodOption]:
    """Every period with national figures, newest first; full years before part-years of a year."""
    frame = db.query(f"SELECT DISTINCT year, month_from, month_to FROM suicide_counts WHERE {TOTAL} "
                     "ORDER BY year DESC, month_to DESC")
    return [PeriodOption(int(r.year), int(r.month_from), int(r.month_to)) for r in frame.itertuples()]


def national(db: Database) -> pd.DataFrame:
    """National totals for every period and measure: the sum of the regions' figures."""
    return db.query(f"""
        SELECT year, month_from, month_to, measure,
               CAST(sum(value) AS BIGINT) AS value,
               count(value) AS regions_reporting,
               bool_or(illustrative) AS illustrative,
               bool_or(provisional) AS provisional,
               string_agg(DISTINCT source_file, ', ' ORDER BY source_file) AS sources
        FROM suicide_counts WHERE {TOTAL}
        GROUP BY ALL ORDER BY year, month_to, measure""")


def annual_trend(db: Database) -> pd.DataFrame:
    """Full calendar years only: part-years never stand beside whole years."""
    frame = national(db)
    return frame[(frame.month_from == 1) & (frame.month_to == 12)].reset_index(drop=True)


def comparisons(db: Database) -> pd.DataFrame:
    """Each period against the same months of the year before, where both are known."""
    frame = national(db)
    previous = frame.assign(year=frame.year + 1)[["year", "month_from", "month_to", "measure", "value", "sources"]]
    merged = frame.merge(previous, on=["year", "month_from", "month_to", "measure"], suffixes=("", "_previous"))
    merged["change"] = merged.value - merged.value_previous
    merged["change_pct"] = (merged.change / merged.value_previous * 100).where(merged.value_previous > 0)
    order = merged.measure.map({m: i for i, m in enumerate(MEASURES)})
    return merged.assign(_order=order).sort_values(["year", "month_to", "_order"]).drop(columns="_order").reset_index(drop=True)


def regional(db: Database, option: PeriodOption, measure: str) -> pd.DataFrame:
    """One row per region for a period and measure, with the cell each figure came from."""
    return db.query(f"""
        SELECT r.region_code, r.name_en, r.name_ru, r.name_kk, r.abbr,
               s.value, s.illustrative, s.provisional, s.source_file, s.source_sheet, s.source_cell, s.load_id
        FROM regions r
        LEFT JOIN suicide_counts s ON s.region_code = r.region_code AND s.{TOTAL.replace(' AND ', ' AND s.')}
             AND s.year = ? AND s.month_from = ? AND s.month_to = ? AND s.measure = ?
        ORDER BY r.region_code""", [option.year, option.month_from, option.month_to, measure])
