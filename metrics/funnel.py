"""Funnel plots: regional rates against the national rate, with Poisson control limits.

A funnel plot puts each region at its child population (x) and its rate (y). If every region had the
national rate, its count of events would be Poisson with mean ``national rate x population``; the
control limits are the central 95% and 99.8% ranges of that count, divided by the population. They
narrow as the population grows, so a small region is judged by how much chance alone moves a small
count, and regions are not ranked by noise.

Limits follow Spiegelhalter (2005, "Funnel plots for comparing institutional performance",
Statistics in Medicine 24:1185-1202, appendix A.1.1): for a tail probability ``p`` the Poisson
quantile ``r`` is interpolated, ``r - (F(r) - p) / f(r)`` with F the distribution and f the mass
function of Poisson(mean), so the limits are smooth in the population.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.stats import poisson

from metrics.db import Database
from metrics.snapshot_cache import per_snapshot

LEVELS = (0.95, 0.998)  # the inner ("warning") and outer ("alarm") limits
MULTIPLIER = 100_000  # rates per 100,000 children
CURVE_POINTS = 60  # populations at which the limit curves are drawn
INSIDE, ABOVE, BELOW = "inside", "above", "below"


def level_name(level: float) -> str:
    """0.95 -> "95", 0.998 -> "99.8": the column suffix and the label of a limit."""
    return f"{level * 100:g}"


def _interpolated_quantile(p: float, mean: float) -> float:
    """The Poisson(mean) ``p`` quantile, interpolated between whole counts (Spiegelhalter A.1.1)."""
    if mean <= 0:
        return 0.0
    r = float(poisson.ppf(p, mean))
    mass = float(poisson.pmf(r, mean))
    if mass <= 0:
        return r
    alpha = (float(poisson.cdf(r, mean)) - p) / mass
    return r - alpha


def control_limits(rate: float, population: float, level: float, multiplier: float = MULTIPLIER) -> tuple[float, float]:
    """Lower and upper control limits, as rates per ``multiplier``, for a unit of ``population``
    when the true rate is ``rate`` (per ``multiplier``) and counts are Poisson.

    ``level`` is the central probability (0.95, 0.998). The lower limit is never below zero.
    """
    if population is None or population <= 0 or rate is None or math.isnan(rate) or rate < 0:
        return math.nan, math.nan
    mean = rate / multiplier * population
    tail = (1 - level) / 2
    low = max(_interpolated_quantile(tail, mean), 0.0)
    high = _interpolated_quantile(1 - tail, mean)
    return low / population * multiplier, high / population * multiplier


def limits_frame(rate: float, populations, levels=LEVELS, multiplier: float = MULTIPLIER) -> pd.DataFrame:
    """One row per population with ``expected`` (events at the national rate) and the columns
    ``low_95``, ``high_95``, ``low_99.8``, ``high_99.8`` (rates per ``multiplier``)."""
    populations = [float(p) for p in populations]
    out = pd.DataFrame({"population": populations,
                        "expected": [rate / multiplier * p for p in populations]})
    for level in levels:
        bounds = [control_limits(rate, p, level, multiplier) for p in populations]
        out[f"low_{level_name(level)}"] = [b[0] for b in bounds]
        out[f"high_{level_name(level)}"] = [b[1] for b in bounds]
    return out


def position(rate: float, low: float, high: float) -> str:
    """Where a rate lies against one pair of limits: inside, above or below."""
    if rate > high:
        return ABOVE
    if rate < low:
        return BELOW
    return INSIDE


def curve_populations(populations, points: int = CURVE_POINTS) -> list[float]:
    """Populations for drawing the limits: evenly spaced on a log scale from a little below the
    smallest region to a little above the largest."""
    populations = [float(p) for p in populations if p and p > 0]
    if not populations:
        return []
    low, high = min(populations) * 0.8, max(populations) * 1.2
    return np.geomspace(low, high, points).tolist()


@dataclass(frozen=True)
class Funnel:
    national_rate: float
    national_events: float
    national_children: float
    points: pd.DataFrame  # one row per region: suicides.regional_rates columns + limits + position
    curve: pd.DataFrame  # limits_frame over curve_populations


@per_snapshot()
def funnel(db: Database, option, measure: str, geography: str = "current") -> Funnel | None:
    """The funnel of a period and measure: each region's rate (``suicides.regional_rates``) with the
    limits at its own population and its position against the 95% and 99.8% limits, and the limit
    curves around the national rate. None when the period has no national or regional rate."""
    from metrics import suicides

    national = suicides.national_rate(db, option, measure)
    points = suicides.regional_rates(db, option, measure, geography)
    if national is None or points.empty:
        return None
    rate = float(national.value)
    limits = limits_frame(rate, points.children)
    points = pd.concat([points.reset_index(drop=True), limits.drop(columns="population")], axis=1)
    for level in LEVELS:
        name = level_name(level)
        points[f"position_{name}"] = [position(r, lo, hi) for r, lo, hi in
                                      zip(points.rate, points[f"low_{name}"], points[f"high_{name}"])]
    curve = limits_frame(rate, curve_populations(points.children))
    return Funnel(rate, float(national.numerator), float(national.denominator), points, curve)
