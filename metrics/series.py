"""The series indicators are built from: one SQL query per series, all with the same columns
(region_code, period_kind, period_start, period_end, value, illustrative, provisional, sources).

An indicator in data/indicators.toml names its numerator and denominator by these ids. The series
are declared in the source contracts (``[series.<id>]`` in data/sources/<source>.toml).
"""
from __future__ import annotations

import pandas as pd

from core.contracts import SeriesSpec, all_series
from metrics.db import Database

_FIGURES = """
    SELECT region_code, period_kind, period_start, period_end, sum(value) AS value,
           bool_or(illustrative) AS illustrative, bool_or(provisional) AS provisional,
           string_agg(DISTINCT source_file, ', ' ORDER BY source_file) AS sources
    FROM figures
    WHERE superseded_by IS NULL AND source = '{source}' AND measure IN ({measures}) AND {where}
    GROUP BY ALL HAVING count(value) > 0
"""
# Monthly reports (the PSC's) are summed by calendar year over the months reported so far that year,
# so a part-year stays a part-year (January-September) and is compared only with the same months.
_MONTHLY_YEARLY = """
    WITH monthly AS (
        SELECT region_code, year(period_start) AS y, month(period_start) AS m, value, illustrative, provisional, source_file
        FROM figures WHERE superseded_by IS NULL AND source = '{source}' AND measure IN ({measures})),
    span AS (SELECT y, max(m) AS last_month FROM monthly GROUP BY y)
    SELECT region_code, 'range' AS period_kind, make_date(y, 1, 1) AS period_start,
           last_day(make_date(y, last_month, 1)) AS period_end, sum(value) AS value,
           bool_or(illustrative) AS illustrative, bool_or(provisional) AS provisional,
           '{source} (monthly reports)' AS sources
    FROM monthly JOIN span USING (y)
    GROUP BY ALL HAVING count(value) > 0
"""


def _quoted(*measures: str) -> str:
    return ", ".join(f"'{m}'" for m in measures)


def _query(spec: SeriesSpec) -> str:
    if spec.match == "months":
        return _MONTHLY_YEARLY.format(source=spec.source, measures=_quoted(*spec.measures))
    return _FIGURES.format(source=spec.source, measures=_quoted(*spec.measures), where=spec.where)


def registry() -> dict[str, str]:
    """{series id: its query}, from the source contracts as they are now."""
    return {series_id: _query(spec) for series_id, spec in all_series().items()}


# Derived from the source contracts (data/sources/*.toml, [series.*]): never listed by hand.
SPECS = all_series()
SERIES = registry()
CASES = SPECS["psc_cases"].measures
# (part, whole): numerator series that count a part of their denominator series, so that the
# indicator is a proportion and two of them are compared with a score interval (metrics.compare).
PARTS = {(spec.id, spec.part_of) for spec in SPECS.values() if spec.part_of}
# Denominators measured once a year on 1 January join on the numerator's calendar year.
YEARLY_DENOMINATORS = {spec.id for spec in SPECS.values() if spec.match == "year"}


def series(db: Database, series_id: str) -> pd.DataFrame:
    if series_id not in SERIES:
        raise KeyError(f"unknown series {series_id!r}; known: {', '.join(sorted(SERIES))}")
    frame = db.query(SERIES[series_id])
    frame["period_start"] = pd.to_datetime(frame.period_start).dt.date
    frame["period_end"] = pd.to_datetime(frame.period_end).dt.date
    return frame
