"""Grades for colouring regions on a map: each region against Kazakhstan, on a fixed scale of a few
categories that read the same for every indicator and period (a colour never stretches to the
spread of the figures shown). Better / similar / worse where the indicator has a direction,
higher / similar / lower where it has none. A rate from fewer than 20 events is graded
"unreliable" and never coloured against anything."""
from __future__ import annotations

import pandas as pd

from metrics import compare
from metrics.catalogue import Indicator

BETTER, SIMILAR, WORSE = "better", "similar", "worse"
HIGHER, LOWER = "higher", "lower"
UNRELIABLE, NO_DATA = "unreliable", "no_data"
# The legend's order, for indicators with and without a direction.
WITH_DIRECTION = (BETTER, SIMILAR, WORSE, UNRELIABLE, NO_DATA)
WITHOUT_DIRECTION = (HIGHER, SIMILAR, LOWER, UNRELIABLE, NO_DATA)


def scale(indicator: Indicator) -> tuple[str, ...]:
    return WITH_DIRECTION if indicator.direction in ("lower", "higher") else WITHOUT_DIRECTION


def grade(indicator: Indicator, row: pd.Series, benchmark: float | None) -> str:
    """The region's grade against the national ``benchmark``: by its 95% interval where the
    indicator has one (metrics.compare.against), else by the figures themselves."""
    if row.value is None or pd.isna(row.value) or benchmark is None or pd.isna(benchmark):
        return NO_DATA
    if bool(row.unreliable) if not pd.isna(row.unreliable) else False:
        return UNRELIABLE
    against = compare.against(indicator, row, benchmark)
    if against is None:
        value = float(row.value)
        against = compare.HIGHER if value > benchmark else compare.LOWER if value < benchmark else compare.SIMILAR
    if against == compare.SIMILAR:
        return SIMILAR
    if indicator.direction not in ("lower", "higher"):
        return HIGHER if against == compare.HIGHER else LOWER
    good = compare.HIGHER if indicator.direction == "higher" else compare.LOWER
    return BETTER if against == good else WORSE


def grades(indicator: Indicator, rows: pd.DataFrame, benchmark: float | None) -> list[str]:
    return [grade(indicator, row, benchmark) for _, row in rows.iterrows()]
