"""A region's indicators over time against the nation, as rates or shares (never counts against
counts): the figures of each period with their 95% intervals, the straight path to the target, and
the verdicts a reader needs in words (against Kazakhstan, and the change since the comparable
earlier period)."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from metrics import compare, stats
from metrics.catalogue import Indicator
from metrics.indicators import NATION, change_of, comparable_previous, latest, rows_of
from metrics.scorecard import history, period_of, target_applies
from metrics.snapshot_cache import per_snapshot

COLUMNS = ["place", "region_code", "period", "period_kind", "period_start", "period_end", "value", "ci_low",
           "ci_high", "unreliable", "numerator", "denominator", "on_path", "illustrative", "provisional", "sources"]


@dataclass(frozen=True)
class Trend:
    indicator: Indicator
    rows: pd.DataFrame  # COLUMNS; place is "region" or "nation", oldest first
    path: pd.DataFrame  # date, value: the straight line from the region's baseline to the target
    latest: pd.Series | None  # the region's latest row
    previous: pd.Series | None  # its comparable earlier row
    change: compare.Change | None  # from ``previous`` to ``latest``, by test
    against_nation: str | None  # compare.HIGHER / SIMILAR / LOWER, for the latest period
    nation_value: float | None

    @property
    def judgement(self) -> str | None:
        return compare.judgement(self.indicator.direction, self.change.verdict if self.change else None)


def trend_indicators(catalogue: list[Indicator]) -> list[Indicator]:
    """Indicators a region can be set against the nation on: rates and shares only."""
    return [i for i in catalogue if i.is_rate]


def _rows(frame: pd.DataFrame, indicator: Indicator, code: str, place: str, anchor) -> pd.DataFrame:
    rows = history(frame, indicator, code, period_of(anchor)).copy()
    if rows.empty:
        return pd.DataFrame(columns=COLUMNS)
    bounds = [compare.interval_of(indicator, r) for _, r in rows.iterrows()]
    rows["ci_low"] = [b[0] if b else None for b in bounds]
    rows["ci_high"] = [b[1] if b else None for b in bounds]
    rows["place"] = place
    return rows


def _path(frame: pd.DataFrame, indicator: Indicator, region_code: str) -> pd.DataFrame:
    empty = pd.DataFrame(columns=["date", "value"])
    base = indicator.baseline_period
    if not indicator.scored or base is None or not target_applies(indicator, region_code):
        return empty
    start = rows_of(frame, indicator.id, region_code)
    start = start[(start.period_start == base.start) & (start.period_end == base.end) & start.value.notna()]
    baseline = float(start.value.iloc[0]) if not start.empty else (
        indicator.baseline_value if region_code == NATION else None)
    if baseline is None:
        return empty
    return pd.DataFrame({"date": [base.end, indicator.target_deadline],
                         "value": [float(baseline), float(indicator.target_value)]})


def on_path(path: pd.DataFrame, when) -> float | None:
    if path.empty or when < path.date.iloc[0]:
        return None
    return stats.expected_on_path(path.value.iloc[0], path.date.iloc[0], path.value.iloc[1], path.date.iloc[1], when)


@per_snapshot()
def region_trend(frame: pd.DataFrame, indicator: Indicator, region_code: str) -> Trend | None:
    """The region and the nation over the periods comparable with the region's latest figure (the
    same months of every year for a part-year); None when the region has no figure."""
    anchor = latest(frame, indicator, region_code)
    if anchor is None:
        return None
    path = _path(frame, indicator, region_code)
    rows = pd.concat([_rows(frame, indicator, region_code, "region", anchor),
                      _rows(frame, indicator, NATION, "nation", anchor)], ignore_index=True)
    rows["on_path"] = [on_path(path, e) if p == "region" else None for p, e in zip(rows.place, rows.period_end)]
    rows = rows[COLUMNS].reset_index(drop=True)
    nation = rows[(rows.place == "nation") & (rows.period == anchor.period)]
    nation_value = float(nation.value.iloc[0]) if not nation.empty else None
    previous = comparable_previous(frame, anchor)
    against = compare.against(indicator, anchor, nation_value) if region_code != NATION else None
    return Trend(indicator, rows, path, anchor, previous, change_of(frame, anchor), against, nation_value)


@per_snapshot()
def region_trends(frame: pd.DataFrame, catalogue: list[Indicator], region_code: str) -> list[Trend]:
    out = [region_trend(frame, i, region_code) for i in trend_indicators(catalogue)]
    return [t for t in out if t is not None]
