"""Comparisons judged by a test, the way PHE Fingertips judges them.

- Two periods of a rate (events over a population): the exact test for the ratio of two Poisson
  rates. Given the total of both counts, the later count is binomial with the later population's
  share of both populations as its probability when the rates are equal; the Clopper-Pearson
  interval of that conditional proportion turns into the interval of the rate ratio.
- Two periods of a proportion (a part of a whole): Newcombe's hybrid score interval for the
  difference of two proportions, built from the Wilson score intervals of each.
- A region against the nation: the region's exact Poisson (rates) or Wilson (proportions) interval
  against the national value, as Fingertips compares an area with its benchmark.
- Figures that are neither (pupils per psychologist, staff counts taken in a census) are compared
  directly: they are not samples, so no chance variation is tested.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd
from scipy.stats import beta, binomtest, norm

from metrics import stats
from metrics.catalogue import Indicator
from metrics.series import PARTS

RATE_RATIO, PROPORTION_DIFFERENCE, DIRECT = "rate_ratio", "proportion_difference", "direct"
HIGHER, SIMILAR, LOWER = "higher", "similar", "lower"
IMPROVING, WORSENING = "improving", "worsening"


@dataclass(frozen=True)
class Change:
    """A change from an earlier to a later figure. ``estimate``, ``low`` and ``high`` are the
    relative change (0.19 = +19%) for a rate ratio, the difference in percentage points for
    proportions, and the plain difference for a direct comparison (no interval)."""
    method: str
    estimate: float
    low: float | None
    high: float | None
    p_value: float | None
    verdict: str  # stats.RISING, stats.FALLING, stats.NO_CLEAR_CHANGE or stats.STABLE


def clopper_pearson(x: int, n: int, confidence: float = stats.CONFIDENCE) -> tuple[float, float]:
    """Exact binomial interval for a proportion x/n."""
    alpha = 1 - confidence
    low = 0.0 if x == 0 else float(beta.ppf(alpha / 2, x, n - x + 1))
    high = 1.0 if x == n else float(beta.ppf(1 - alpha / 2, x + 1, n - x))
    return low, high


def wilson(x: float, n: float, confidence: float = stats.CONFIDENCE) -> tuple[float, float]:
    """Wilson score interval for a proportion x/n (n > 0)."""
    z = float(norm.ppf(1 - (1 - confidence) / 2))
    p = x / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return max(0.0, centre - half), min(1.0, centre + half)


def _verdict(low: float, high: float, null: float) -> str:
    if low > null:
        return stats.RISING
    if high < null:
        return stats.FALLING
    return stats.NO_CLEAR_CHANGE


def rate_ratio(before: int, exposure_before: float, after: int, exposure_after: float,
               confidence: float = stats.CONFIDENCE) -> Change:
    """Exact conditional test of the later rate against the earlier one (equal exposures for plain
    counts). The p-value is twice the smaller tail, the one that matches the Clopper-Pearson
    interval: the change is significant exactly when the interval leaves out 0%."""
    before, after = int(round(before)), int(round(after))
    total = before + after
    if total == 0:
        return Change(RATE_RATIO, 0.0, None, None, None, stats.STABLE)
    share = exposure_after / (exposure_before + exposure_after)
    odds = exposure_before / exposure_after
    low_p, high_p = clopper_pearson(after, total, confidence)

    def ratio(p: float) -> float:
        return math.inf if p >= 1 else p / (1 - p) * odds

    tails = (binomtest(after, total, share, alternative="greater").pvalue,
             binomtest(after, total, share, alternative="less").pvalue)
    p_value = min(1.0, 2 * min(tails))
    estimate = ratio(after / total) - 1
    return Change(RATE_RATIO, estimate, ratio(low_p) - 1, ratio(high_p) - 1, float(p_value),
                  _verdict(ratio(low_p), ratio(high_p), 1.0))


def proportion_difference(part_before: float, whole_before: float, part_after: float, whole_after: float,
                          confidence: float = stats.CONFIDENCE) -> Change:
    """Newcombe's hybrid score interval (his method 10) for the later proportion minus the
    earlier one, in percentage points."""
    p1, p2 = part_before / whole_before, part_after / whole_after
    l1, u1 = wilson(part_before, whole_before, confidence)
    l2, u2 = wilson(part_after, whole_after, confidence)
    difference = p2 - p1
    low = difference - math.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2)
    high = difference + math.sqrt((u2 - p2) ** 2 + (p1 - l1) ** 2)
    verdict = stats.STABLE if difference == 0 and low == high else _verdict(low, high, 0.0)
    return Change(PROPORTION_DIFFERENCE, difference * 100, low * 100, high * 100, None, verdict)


def direct(before: float, after: float) -> Change:
    return Change(DIRECT, after - before, None, None, None, stats.trend(after, before))


def method_of(indicator: Indicator) -> str:
    if indicator.poisson:
        return RATE_RATIO
    if (indicator.numerator, indicator.denominator) in PARTS:
        return PROPORTION_DIFFERENCE
    return DIRECT


def _known(*values) -> bool:
    return all(v is not None and not pd.isna(v) for v in values)


def between(indicator: Indicator, before: pd.Series, after: pd.Series) -> Change | None:
    """The change from ``before`` to ``after`` (rows of ``indicators.values``), by the indicator's method."""
    if not _known(before.value, after.value):
        return None
    method = method_of(indicator)
    if method == RATE_RATIO and _known(before.numerator, after.numerator):
        if indicator.denominator:
            if _known(before.denominator, after.denominator) and before.denominator > 0 and after.denominator > 0:
                return rate_ratio(before.numerator, before.denominator, after.numerator, after.denominator)
        else:
            return rate_ratio(before.numerator, 1.0, after.numerator, 1.0)
    if method == PROPORTION_DIFFERENCE and _known(before.numerator, before.denominator, after.numerator,
                                                   after.denominator) and before.denominator > 0 \
            and after.denominator > 0:
        return proportion_difference(before.numerator, before.denominator, after.numerator, after.denominator)
    return direct(float(before.value), float(after.value))


def interval_of(indicator: Indicator, row: pd.Series) -> tuple[float, float] | None:
    """The row's 95% interval in its own unit: exact Poisson for rates, Wilson for proportions."""
    if not _known(row.value):
        return None
    method = method_of(indicator)
    if method == RATE_RATIO and _known(row.ci_low, row.ci_high):
        return float(row.ci_low), float(row.ci_high)
    if method == PROPORTION_DIFFERENCE and _known(row.numerator, row.denominator) and row.denominator > 0:
        low, high = wilson(float(row.numerator), float(row.denominator))
        return low * indicator.multiplier, high * indicator.multiplier
    return None


def against(indicator: Indicator, row: pd.Series, benchmark: float | None) -> str | None:
    """higher / similar / lower than the benchmark (the national value): the row's interval
    against it; None where the indicator has no interval to judge by."""
    interval = interval_of(indicator, row)
    if interval is None or benchmark is None or pd.isna(benchmark):
        return None
    if interval[0] > benchmark:
        return HIGHER
    if interval[1] < benchmark:
        return LOWER
    return SIMILAR


def judgement(direction: str, verdict: str | None) -> str | None:
    """improving / worsening for a real change of an indicator with a direction; else None."""
    if direction not in ("lower", "higher") or verdict not in (stats.RISING, stats.FALLING):
        return None
    better = stats.RISING if direction == "higher" else stats.FALLING
    return IMPROVING if verdict == better else WORSENING
