"""The CP scorecard's rows and the regions × indicators status grid, from ``indicators.values()``.

Nothing here computes a figure: every value, interval and status is a row of the indicator values;
this module only picks which row each cell of the scorecard shows.
"""
from __future__ import annotations

import pandas as pd

from core.periods import RANGE, Period
from metrics import stats
from metrics.catalogue import Indicator
from metrics.indicators import COMPARABLE, NATION, change_of, comparable_previous, latest, rows_of
from metrics.snapshot_cache import per_snapshot

ROW_COLUMNS = ["indicator_id", "baseline_value", "baseline_period", "latest_value", "latest_period", "numerator",
               "ci_low", "ci_high", "unreliable", "target_value", "target_deadline", "target_status", "status",
               "trend", "change", "previous_period", "sources", "illustrative", "provisional"]
GRID_COLUMNS = ["region_code", "indicator_id", "period", "period_kind", "period_start", "period_end", "value",
                "numerator", "ci_low", "ci_high", "unreliable",
                "status", "illustrative", "provisional", "sources"]


def target_applies(indicator: Indicator, region_code: str) -> bool:
    """Targets are national; a region is held to them only for rates and shares (as in
    ``indicators._scored_row``), never for counts."""
    return indicator.target_value is not None and (region_code == NATION or indicator.is_rate)


def regions_shown(region_codes: list[str], geography: str) -> list[str]:
    """The regions of a geography: with comparable geography the regions created in 2022 are gone."""
    return [c for c in region_codes if geography != "comparable" or c not in COMPARABLE]


def shown_region(region_code: str, geography: str) -> str:
    """Where a region's figures are in a geography: a region created in 2022 is inside its parent."""
    return COMPARABLE.get(region_code, region_code) if geography == "comparable" else region_code


def period_of(row: pd.Series) -> Period:
    return Period(row.period_start, row.period_end, row.period_kind)


def _baseline(frame: pd.DataFrame, indicator: Indicator, region_code: str) -> float | None:
    base = indicator.baseline_period
    if base is None:
        return None
    if region_code == NATION and indicator.baseline_value is not None:
        return float(indicator.baseline_value)
    rows = rows_of(frame, indicator.id, region_code)
    rows = rows[(rows.period_start == base.start) & (rows.period_end == base.end) & rows.value.notna()]
    return None if rows.empty else float(rows.value.iloc[0])


def row_for(frame: pd.DataFrame, indicator: Indicator, region_code: str = NATION) -> dict:
    """One scorecard row: baseline, latest value with its period and interval, target, status, trend."""
    applies = target_applies(indicator, region_code)
    row = latest(frame, indicator, region_code)
    out = {
        "indicator_id": indicator.id,
        "baseline_value": _baseline(frame, indicator, region_code),
        "baseline_period": indicator.baseline_period,
        "latest_value": None, "latest_period": None, "numerator": None, "ci_low": None, "ci_high": None,
        "unreliable": False,
        "target_value": indicator.target_value if applies else None,
        "target_deadline": indicator.target_deadline if applies else None,
        "target_status": indicator.target_status if applies else None,
        "status": stats.NO_DATA, "trend": None, "change": None, "previous_period": None, "sources": "", "illustrative": False, "provisional": False,
    }
    if row is None:
        return out
    change = change_of(frame, row)
    previous = comparable_previous(frame, row) if change is not None else None
    out.update(latest_value=float(row.value), latest_period=period_of(row), numerator=_number(row.numerator),
               ci_low=_number(row.ci_low), ci_high=_number(row.ci_high), unreliable=bool(row.unreliable),
               status=row.status, trend=change.verdict if change else None, change=change,
               previous_period=period_of(previous) if previous is not None else None, sources=row.sources,
               illustrative=bool(row.illustrative), provisional=bool(row.provisional))
    return out


@per_snapshot()
def rows(frame: pd.DataFrame, catalogue: list[Indicator], region_code: str = NATION) -> pd.DataFrame:
    """The scorecard of a region (or the nation): one row per indicator of the catalogue, in its order."""
    # object columns keep None as None (pandas would turn a missing trend or period into NaN)
    return pd.DataFrame([row_for(frame, i, region_code) for i in catalogue], columns=ROW_COLUMNS, dtype=object)


def _number(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


@per_snapshot()
def history(frame: pd.DataFrame, indicator: Indicator, region_code: str, period: Period | None) -> pd.DataFrame:
    """The figures a sparkline draws: the region's rows comparable with ``period`` (for a part-year
    the same months of every year, for snapshots and school years all of them), oldest first."""
    rows_ = rows_of(frame, indicator.id, region_code)
    rows_ = rows_[rows_.value.notna()]
    if period is None or rows_.empty:
        return rows_.iloc[0:0]
    rows_ = rows_[rows_.period_kind == period.kind]
    if period.kind == RANGE:
        rows_ = rows_[[period_of(r).same_months(period) for r in rows_.itertuples()]]
    return rows_.sort_values("period_end").reset_index(drop=True)


def grid_indicators(catalogue: list[Indicator]) -> list[Indicator]:
    """Indicators a region can be judged on: scored rates and shares."""
    return [i for i in catalogue if i.scored and i.is_rate]


@per_snapshot()
def grid(frame: pd.DataFrame, catalogue: list[Indicator], region_codes: list[str]) -> pd.DataFrame:
    """Status of every region (the nation first) on every indicator of ``grid_indicators``: the row
    ``latest`` picks for each; no_data where a region has no figure."""
    out = []
    for code in [NATION, *[c for c in region_codes if c != NATION]]:
        for indicator in grid_indicators(catalogue):
            row = latest(frame, indicator, code)
            if row is None:
                out.append({"region_code": code, "indicator_id": indicator.id, "status": stats.NO_DATA,
                            "unreliable": False, "illustrative": False, "provisional": False, "sources": ""})
                continue
            out.append({"region_code": code, "indicator_id": indicator.id, "period": row.period,
                        "period_kind": row.period_kind, "period_start": row.period_start, "period_end": row.period_end,
                        "value": float(row.value), "numerator": _number(row.numerator), "ci_low": _number(row.ci_low),
                        "ci_high": _number(row.ci_high), "unreliable": bool(row.unreliable), "status": row.status,
                        "illustrative": bool(row.illustrative), "provisional": bool(row.provisional),
                        "sources": row.sources})
    return pd.DataFrame(out, columns=GRID_COLUMNS)
