"""Is a difference in rates real? The two exact tests the briefing's sentences rest on.

- A region against the nation: the region's count against the count expected if its children had
  the national rate (exact two-sided Poisson test, the same model as the funnel plot's limits).
- A period against the same months of an earlier one: the exact conditional test of two Poisson
  rates (given both counts' total, the first is binomial with the share of the person-time).

A difference is called higher or lower only when the two-sided p-value is below 1 - the
confidence level of ``metrics.stats`` (5%); otherwise the rates are "not different".
"""
from __future__ import annotations

from dataclasses import dataclass

from scipy.stats import binomtest, poisson

from metrics import stats

HIGHER, LOWER, NOT_DIFFERENT = "higher", "lower", "not_different"


@dataclass(frozen=True)
class Comparison:
    outcome: str  # HIGHER, LOWER or NOT_DIFFERENT
    p_value: float
    ratio: float  # observed / expected, or rate / earlier rate

    @property
    def significant(self) -> bool:
        return self.outcome != NOT_DIFFERENT


def _outcome(p_value: float, ratio: float) -> str:
    if p_value < 1 - stats.CONFIDENCE and ratio != 1:
        return HIGHER if ratio > 1 else LOWER
    return NOT_DIFFERENT


def against_reference(count: int, population: float, reference_rate: float) -> Comparison:
    """``count`` events in ``population`` against a reference rate per head (events / population)."""
    expected = reference_rate * population
    if expected <= 0:
        raise ValueError("a reference rate and population above zero are needed to compare")
    count = int(round(count))
    tail = min(poisson.cdf(count, expected), poisson.sf(count - 1, expected))
    p_value = float(min(1.0, 2 * tail))
    ratio = count / expected
    return Comparison(_outcome(p_value, ratio), p_value, ratio)


def rate_ratio(count: int, population: float, earlier_count: int, earlier_population: float) -> Comparison:
    """Exact conditional test of the rate ``count / population`` against ``earlier_count /
    earlier_population``."""
    count, earlier_count = int(round(count)), int(round(earlier_count))
    total = count + earlier_count
    if population <= 0 or earlier_population <= 0:
        raise ValueError("populations above zero are needed to compare")
    if total == 0:
        return Comparison(NOT_DIFFERENT, 1.0, 1.0)
    share = population / (population + earlier_population)
    p_value = float(binomtest(count, total, share).pvalue)
    ratio = (count / population) / (earlier_count / earlier_population) if earlier_count else float("inf")
    return Comparison(_outcome(p_value, ratio), p_value, ratio)
