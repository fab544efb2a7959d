"""The series indicators are built from: one SQL query per series, all with the same columns
(region_code, period_kind, period_start, period_end, value, illustrative, provisional, sources).

An indicator in data/indicators.toml names its numerator and denominator by these ids.
"""
from __future__ import annotations

import pandas as pd

from metrics.db import Database

_FIGURES = """
    SELECT region_code, period_kind, period_start, period_end, sum(value) AS value,
           bool_or(illustrative) AS illustrative, bool_or(provisional) AS provisional,
           string_agg(DISTINCT source_file, ', ' ORDER BY source_file) AS sources
    FROM figures
    WHERE superseded_by IS NULL AND source = '{source}' AND measure IN ({measures}) AND {where}
    GROUP BY ALL HAVING count(value) > 0
"""
# PSC monthly reports are summed by calendar year over the months reported so far that year, so
# a part-year stays a part-year (January-September) and is compared only with the same months.
_PSC_YEARLY = """
    WITH monthly AS (
        SELECT region_code, year(period_start) AS y, month(period_start) AS m, value, illustrative, provisional, source_file
        FROM figures WHERE superseded_by IS NULL AND source = 'psc_activity' AND measure IN ({measures})),
    span AS (SELECT y, max(m) AS last_month FROM monthly GROUP BY y)
    SELECT region_code, 'range' AS period_kind, make_date(y, 1, 1) AS period_start,
           last_day(make_date(y, last_month, 1)) AS period_end, sum(value) AS value,
           bool_or(illustrative) AS illustrative, bool_or(provisional) AS provisional,
           'psc_activity (monthly reports)' AS sources
    FROM monthly JOIN span USING (y)
    GROUP BY ALL HAVING count(value) > 0
"""
TOTAL = "sex = 'all' AND age_group = 'all'"
CASES = ("cases_bullying", "cases_cyberbullying", "cases_violence_family", "cases_violence_outside", "cases_suicidal")


def _quoted(*measures: str) -> str:
    return ", ".join(f"'{m}'" for m in measures)


def _figures(source: str, *measures: str, where: str = "TRUE") -> str:
    return _FIGURES.format(source=source, measures=_quoted(*measures), where=where)


def _psc(*measures: str) -> str:
    return _PSC_YEARLY.format(measures=_quoted(*measures))


SERIES = {
    "suicides_completed": _figures("kpssu_summary", "completed", where=TOTAL),
    "suicides_attempts": _figures("kpssu_summary", "attempts", where=TOTAL),
    "children": _figures("population", "children", where="sex = 'all'"),
    "psc_centres": _figures("psc_network", "centres"),
    "psc_specialists": _figures("psc_network", "specialists"),
    "psc_positions_filled": _figures("psc_network", "positions_filled"),
    "psc_positions_authorised": _figures("psc_network", "positions_authorised"),
    "school_pupils": _figures("school_psych", "pupils"),
    "school_psychologists": _figures("school_psych", "psychologists"),
    "school_positions_due": _figures("school_psych", "positions_due"),
    "schools": _figures("school_psych", "schools"),
    "schools_meeting_norm": _figures("school_psych", "schools_meeting_norm"),
    "helpline_appeals": _figures("helpline_111", "appeals_total"),
    "helpline_children_supported": _figures("helpline_111", "children_supported"),
    "psc_consultations": _psc("consultations_in_person", "consultations_online", "consultations_group",
                              "consultations_family"),
    "psc_cases": _psc(*CASES),
    "psc_cases_bullying": _psc("cases_bullying"),
    "psc_cases_cyberbullying": _psc("cases_cyberbullying"),
    "psc_cases_violence": _psc("cases_violence_family", "cases_violence_outside"),
    "psc_cases_suicidal": _psc("cases_suicidal"),
}
# (part, whole): numerator series that count a part of their denominator series, so that the
# indicator is a proportion and two of them are compared with a score interval (metrics.compare).
PARTS = {("psc_positions_filled", "psc_positions_authorised"), ("schools_meeting_norm", "schools"),
         ("psc_cases_bullying", "psc_cases"), ("psc_cases_cyberbullying", "psc_cases"),
         ("psc_cases_violence", "psc_cases"), ("psc_cases_suicidal", "psc_cases")}
# Denominators measured once a year on 1 January join on the numerator's calendar year.
YEARLY_DENOMINATORS = {"children"}


def series(db: Database, series_id: str) -> pd.DataFrame:
    if series_id not in SERIES:
        raise KeyError(f"unknown series {series_id!r}; known: {', '.join(sorted(SERIES))}")
    frame = db.query(SERIES[series_id])
    frame["period_start"] = pd.to_datetime(frame.period_start).dt.date
    frame["period_end"] = pd.to_datetime(frame.period_end).dt.date
    return frame
