"""What a briefing says, gathered from the metrics layer: for one region (or the nation) and one
year, every indicator's latest figure of a period ending in that year, the national figure and the
spread over the regions for the same period, the two comparisons the summary rests on, the
history its trend charts draw and the stored cells behind every figure.

Nothing here reads a table itself: values come from ``metrics.indicators.values`` and
``metrics.scorecard``, cells from ``metrics.provenance``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from etl.periods import Period
from etl.regions import region_by_code
from metrics import compare, indicators, provenance, scorecard, suppression
from metrics.catalogue import Indicator, load_catalogue
from metrics.db import Database
from metrics.snapshot_cache import per_snapshot
from metrics.indicators import COMPARABLE, NATION

SPLIT_DAY = date(2022, 6, 8)  # Abai, Zhetisu and Ulytau regions were created on this day
AFFECTED_BY_SPLIT = frozenset(COMPARABLE) | frozenset(COMPARABLE.values())


@dataclass
class Line:
    """One indicator of the briefing."""
    indicator: Indicator
    row: dict  # metrics.scorecard.row_for, over periods ending in the briefing's year at the latest
    figure: pd.Series | None  # the indicators.values row of that figure
    national: pd.Series | None  # the nation's row for the same period
    regions: pd.DataFrame  # every region's row for the same period
    versus_nation: str | None = None  # metrics.compare.HIGHER / SIMILAR / LOWER, or None (not compared)
    previous: pd.Series | None = None  # the same months of the comparable earlier period
    change: compare.Change | None = None  # metrics.compare's test of the figure against ``previous``
    history: pd.DataFrame = field(default_factory=pd.DataFrame)
    national_history: pd.DataFrame = field(default_factory=pd.DataFrame)
    # In the public edition, the year's latest row withheld by disclosure control when no figure of
    # the year is published: the briefing shows its mark ("<5", "x"), never a value.
    withheld: pd.Series | None = None

    @property
    def has_value(self) -> bool:
        return self.figure is not None

    @property
    def period(self) -> Period | None:
        return self.row["latest_period"] if self.has_value else None


@dataclass
class Briefing:
    region_code: str
    year: int
    lang: str
    edition: str
    made: date
    lines: list[Line]
    annex: pd.DataFrame
    threshold: int = suppression.DEFAULT_THRESHOLD  # of the public file: "<5" for counts 1 to 4

    @property
    def is_nation(self) -> bool:
        return self.region_code == NATION

    def line(self, indicator_id: str) -> Line | None:
        return next((l for l in self.lines if l.indicator.id == indicator_id), None)

    @property
    def shown(self) -> list[Line]:
        return [l for l in self.lines if l.has_value]

    def flag(self, name: str) -> bool:
        """True when any figure shown is illustrative / provisional / unreliable."""
        return any(bool(l.row[name]) for l in self.shown)

    @property
    def breaks_in_2022(self) -> bool:
        return self.is_nation or self.region_code in AFFECTED_BY_SPLIT


def years(frame: pd.DataFrame) -> list[int]:
    """Years with any figure (by the end of its period), newest first."""
    return sorted({d.year for d in frame.period_end}, reverse=True)


def _row_at(frame: pd.DataFrame, indicator_id: str, region_code: str, period: Period) -> pd.Series | None:
    rows = frame[(frame.indicator_id == indicator_id) & (frame.region_code == region_code)
                 & (frame.period_start == period.start) & (frame.period_end == period.end) & frame.value.notna()]
    return None if rows.empty else rows.iloc[0]


def _counts(row: pd.Series | None) -> bool:
    return (row is not None and not pd.isna(row.numerator) and not pd.isna(row.denominator)
            and row.denominator > 0)


def _versus_nation(indicator: Indicator, figure, national, region_code: str) -> str | None:
    """The dashboard's own rule (``metrics.compare.against``): the region's 95% interval against the
    national value."""
    if region_code == NATION or not indicator.poisson or not (_counts(figure) and _counts(national)):
        return None
    return compare.against(indicator, figure, float(national.value))


def _crosses_split(region_code: str, previous: pd.Series) -> bool:
    return (region_code in AFFECTED_BY_SPLIT or region_code == NATION) and previous.period_start < SPLIT_DAY


def line_for(frame: pd.DataFrame, indicator: Indicator, region_code: str, year: int) -> Line:
    upto = frame[[d.year <= year for d in frame.period_end]]
    row = scorecard.row_for(upto, indicator, region_code)
    if row["latest_period"] is None or row["latest_period"].end.year != year:
        # The latest scored figure is from an earlier year (a full-year target, a part-year now):
        # the year's own latest figure is shown, with its trend against the comparable earlier one.
        in_year = upto[[d.year == year for d in upto.period_end]]
        row = scorecard.row_for(in_year, indicator, region_code)
        if row["latest_period"] is None:
            return _withheld_line(in_year, indicator, region_code, row)
    period = row["latest_period"]
    figure = _row_at(frame, indicator.id, region_code, period)
    row["trend"] = indicators.trend_of(upto, figure)
    national = _row_at(frame, indicator.id, NATION, period)
    same = frame[(frame.indicator_id == indicator.id) & (frame.period_start == period.start)
                 & (frame.period_end == period.end) & (frame.region_code != NATION) & frame.value.notna()]
    line = Line(indicator, row, figure, national, same.reset_index(drop=True),
                versus_nation=_versus_nation(indicator, figure, national, region_code))
    previous = indicators.comparable_previous(upto, figure)
    if previous is not None and not _crosses_split(region_code, previous):
        line.previous = previous
        if indicator.poisson and _counts(figure) and _counts(previous):
            line.change = compare.between(indicator, previous, figure)
    line.history = scorecard.history(upto, indicator, region_code, period)
    line.national_history = scorecard.history(upto, indicator, NATION, period)
    return line


def _withheld_line(in_year: pd.DataFrame, indicator: Indicator, region_code: str, row: dict) -> Line:
    line = Line(indicator, row, None, None, in_year.iloc[0:0])
    if "suppressed" not in in_year:
        return line
    hidden = in_year[(in_year.indicator_id == indicator.id) & (in_year.region_code == region_code)
                     & in_year.suppressed.notna()]
    if not hidden.empty:
        line.withheld = hidden.sort_values(["period_end", "period_start"]).iloc[-1]
        period = Period(line.withheld.period_start, line.withheld.period_end, line.withheld.period_kind)
        line.national = _row_at(in_year, indicator.id, NATION, period)
    return line


def _span(values: pd.Series) -> str:
    """Many monthly reports of the nation: how many, the first and the last (a region's briefing lists each)."""
    files = sorted(set(values.dropna()))
    return f"{files[0]} … {files[-1]} ({len(files)})" if len(files) > 2 else ", ".join(files)


def _grouped(found: pd.DataFrame, monthly: bool, nation: bool) -> pd.DataFrame:
    """One row per file, sheet and load; monthly reports one row per region and sheet, files listed
    (for the nation one row, the reports counted)."""
    join = lambda s: ", ".join(dict.fromkeys(str(v) for v in s.dropna()))  # noqa: E731
    if monthly and nation:
        loads = lambda s: f"{int(s.min())}–{int(s.max())}" if s.nunique() > 1 else str(int(s.iloc[0]))  # noqa: E731
        return found.assign(all=0).groupby("all").agg(
            source_file=("source_file", _span), source_sheet=("source_sheet", _span), cells=("source_cell", join),
            loads=("load_id", loads), loaded_at=("loaded_at", "max"), figures=("value", "size")).reset_index()
    if monthly:
        return found.groupby(["region_code", "source_sheet"], dropna=False, sort=True).agg(
            source_file=("source_file", join), cells=("source_cell", join), loads=("load_id", join),
            loaded_at=("loaded_at", "max"), figures=("value", "size")).reset_index()
    return found.groupby(["source_file", "source_sheet", "load_id"], dropna=False, sort=True).agg(
        cells=("source_cell", join), loaded_at=("loaded_at", "max"), figures=("value", "size"),
        loads=("load_id", join)).reset_index()


ANNEX_COLUMNS = ["indicator_ids", "series", "period", "source_file", "source_sheet", "cells", "figures", "loads",
                 "loaded_at"]


def annex(db: Database, lines: list[Line], region_code: str) -> pd.DataFrame:
    """The stored cells behind each figure shown, per series and period (an indicator's numerator or
    denominator; a series several indicators share is listed once, naming them all)."""
    region = None if region_code == NATION else region_code
    uses: dict[tuple, list[str]] = {}
    for line in lines:
        if line.has_value:
            for series_id in (line.indicator.numerator, line.indicator.denominator):
                if series_id:
                    uses.setdefault((series_id, line.period), []).append(line.indicator.id)
    out = []
    for (series_id, period), ids in uses.items():
        found = provenance.cells(db, series_id, period.start, period.end, region)
        if found.empty:
            continue
        monthly = provenance.SERIES_FIGURES[series_id].match == provenance.MONTHS
        for g in _grouped(found, monthly, region is None).itertuples():
            out.append({"indicator_ids": ids, "series": series_id, "period": period, "source_file": g.source_file,
                        "source_sheet": g.source_sheet, "cells": g.cells, "figures": int(g.figures),
                        "loads": g.loads, "loaded_at": g.loaded_at})
    return pd.DataFrame(out, columns=ANNEX_COLUMNS)


def gather(db: Database, region_code: str, year: int, lang: str, edition: str, made: date) -> Briefing:
    """Everything a briefing of ``region_code`` (``KZ`` for the nation) for ``year`` shows, gathered
    once per snapshot and catalogue for every reader who previews the same briefing."""
    if region_code != NATION:
        region_by_code(region_code)  # raises for an unknown code
    return _gathered(db, region_code, year, lang, edition, made, tuple(load_catalogue()))


@per_snapshot(maxsize=32)
def _gathered(db: Database, region_code: str, year: int, lang: str, edition: str, made: date,
              catalogue: tuple[Indicator, ...]) -> Briefing:
    frame = indicators.values(db)
    lines = [line_for(frame, ind, region_code, year) for ind in catalogue]
    return Briefing(region_code, year, lang, edition, made, lines, annex(db, lines, region_code),
                    suppression.threshold(db))
