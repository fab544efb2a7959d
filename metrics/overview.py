"""The Overview page's figures: headline tiles for the main CP indicators and the latest load.

Every tile is read from ``metrics.indicators.values``: the latest figure (``indicators.latest``,
the scored one, e.g. the latest full year of an annual rate), the figure of the comparable period
before it (``indicators.comparable_previous``: the same months a year earlier for a part-year, the
previous snapshot or school year otherwise), the change between them, the status against the
target and the trend. When a newer part-year exists than the scored figure (January-September
2025 after the full year 2024), it is given beside it with its own comparable period.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from core.periods import Period
from metrics import compare, indicators, stats
from metrics.catalogue import Indicator, load_catalogue
from metrics.db import Database
from metrics.snapshot_cache import per_snapshot

HEADLINE = ("suicide_rate", "attempt_rate", "psc_regions", "psc_specialists", "pupils_per_psychologist",
            "helpline_appeals_per_1000")


@dataclass(frozen=True)
class Tile:
    indicator: Indicator
    latest: pd.Series | None  # a row of indicators.values, None when the indicator has no figure
    previous: pd.Series | None  # the comparable earlier row
    trend: str | None
    newer: pd.Series | None = None  # a newer part-year than ``latest``, if any
    newer_previous: pd.Series | None = None
    tested: compare.Change | None = None  # the change from ``previous`` to ``latest``, judged by its test

    @property
    def status(self) -> str:
        return stats.NO_DATA if self.latest is None else str(self.latest.status)

    @property
    def change(self) -> float | None:
        """Latest minus the comparable earlier value, None without both."""
        if self.latest is None or self.previous is None:
            return None
        return float(self.latest.value) - float(self.previous.value)

    @property
    def newer_change(self) -> float | None:
        if self.newer is None or self.newer_previous is None:
            return None
        return float(self.newer.value) - float(self.newer_previous.value)

    @property
    def illustrative(self) -> bool:
        return any(bool(r.illustrative) for r in (self.latest, self.previous, self.newer, self.newer_previous)
                   if r is not None)

    @property
    def provisional(self) -> bool:
        return any(bool(r.provisional) for r in (self.latest, self.newer) if r is not None)


def period_of(row: pd.Series) -> Period:
    return Period(row.period_start, row.period_end, row.period_kind)


def _newer_part_year(frame: pd.DataFrame, latest: pd.Series) -> pd.Series | None:
    """The newest row of the same indicator and region ending after ``latest``, when it is a
    part-year (a range that is not a whole calendar year)."""
    rows = indicators.rows_of(frame, latest.indicator_id, latest.region_code)
    rows = rows[rows.value.notna() & (rows.period_end > latest.period_end) & (rows.period_kind == "range")]
    if rows.empty:
        return None
    row = rows.sort_values("period_end").iloc[-1]
    return None if period_of(row).is_full_year() else row


@per_snapshot()
def tiles(db: Database, region_code: str = indicators.NATION, geography: str = "current",
          ids: tuple[str, ...] = HEADLINE) -> list[Tile]:
    """One tile per headline indicator in the catalogue (in ``ids`` order; ids missing from the
    catalogue are skipped)."""
    frame = indicators.values(db, geography)
    by_id = {i.id: i for i in load_catalogue()}
    out = []
    for indicator_id in ids:
        indicator = by_id.get(indicator_id)
        if indicator is None:
            continue
        latest = indicators.latest(frame, indicator, region_code)
        if latest is None:
            out.append(Tile(indicator, None, None, None))
            continue
        previous = indicators.comparable_previous(frame, latest)
        newer = _newer_part_year(frame, latest)
        newer_previous = indicators.comparable_previous(frame, newer) if newer is not None else None
        tested = indicators.change_of(frame, latest)
        out.append(Tile(indicator, latest, previous, tested.verdict if tested else None, newer, newer_previous,
                        tested))
    return out


def load_summary(loads: pd.DataFrame) -> dict:
    """Counts of the latest batch (``metrics.changes.last_loads``): files, by status, figures
    stored, and the time span of the batch."""
    if loads.empty:
        return {"files": 0, "loaded": 0, "refused": 0, "figures_stored": 0, "first": None, "last": None}
    return {"files": int(len(loads)),
            "loaded": int((loads.status != "refused").sum()),
            "refused": int((loads.status == "refused").sum()),
            "figures_stored": int(loads.figures_stored.fillna(0).sum()),
            "first": loads.loaded_at.min(), "last": loads.loaded_at.max()}


def revisions(db: Database) -> pd.DataFrame:
    """``metrics.changes.revised_figures`` with the region's names (``name_en``, ``name_ru``,
    ``name_kk``; empty for the nation, ``KZ``) and the change, new minus old."""
    from metrics import changes

    revised = changes.revised_figures(db)
    names = db.query("SELECT region_code, name_en, name_ru, name_kk FROM regions")
    out = revised.merge(names, on="region_code", how="left")
    out["change"] = out.new_value - out.old_value
    return out
