"""Statistical rules the dashboard follows, in one place (the Methodology page quotes them).

- Rates get exact (Garwood) Poisson 95% confidence intervals on the event count.
- A rate from fewer than 20 events is flagged unreliable.
- Status compares the latest value with a straight path from the baseline to the target.
- A change between periods is judged by a test (metrics/compare.py); ``trend`` compares figures
  that are not samples (census counts, ratios of two counts) directly.
"""
from __future__ import annotations

from datetime import date

from scipy.stats import chi2

CONFIDENCE = 0.95
UNRELIABLE_BELOW = 20

MET, ON_TRACK, OFF_TRACK, NO_DATA, NOT_SCORED = "met", "on_track", "off_track", "no_data", "not_scored"
RISING, FALLING, STABLE, NO_CLEAR_CHANGE = "rising", "falling", "stable", "no_clear_change"


def poisson_interval(count: float, confidence: float = CONFIDENCE) -> tuple[float, float]:
    """Exact two-sided interval for the mean of a Poisson count."""
    alpha = 1 - confidence
    low = 0.0 if count == 0 else chi2.ppf(alpha / 2, 2 * count) / 2
    high = chi2.ppf(1 - alpha / 2, 2 * count + 2) / 2
    return float(low), float(high)


def unreliable(count: float | None) -> bool:
    return count is not None and count < UNRELIABLE_BELOW


def expected_on_path(baseline: float, baseline_date: date, target: float, deadline: date, when: date) -> float:
    """Where a straight line from baseline to target stands on a given date."""
    if deadline <= baseline_date:
        return target
    share = (when - baseline_date).days / (deadline - baseline_date).days
    share = min(max(share, 0.0), 1.0)
    return baseline + (target - baseline) * share


def status(value: float | None, when: date | None, *, direction: str, target: float | None, deadline: date | None,
           baseline: float | None, baseline_date: date | None) -> str:
    """met / on_track / off_track against the target path; no_data when there is nothing to judge
    (never a failing status for a missing figure); not_scored when there is no target to judge by,
    or, before the deadline, no baseline figure to draw the path from."""
    if value is None or when is None:
        return NO_DATA
    if direction not in ("lower", "higher") or target is None or deadline is None:
        return NOT_SCORED
    better = (lambda a, b: a <= b) if direction == "lower" else (lambda a, b: a >= b)
    if better(value, target):
        return MET
    if when >= deadline:
        return OFF_TRACK
    if baseline is None or baseline_date is None:
        # No baseline figure, so no path to be behind: a missing figure never makes a failing status.
        return NOT_SCORED
    return ON_TRACK if better(value, expected_on_path(baseline, baseline_date, target, deadline, when)) else OFF_TRACK


def trend(value: float | None, previous: float | None, *, interval=None, previous_interval=None) -> str | None:
    """rising / falling / stable; with two intervals, rising or falling only when they are apart (kept for
    callers holding intervals only; comparisons of two periods use metrics.compare)."""
    if value is None or previous is None:
        return None
    if interval is not None and previous_interval is not None:
        if interval[0] > previous_interval[1]:
            return RISING
        if interval[1] < previous_interval[0]:
            return FALLING
        return NO_CLEAR_CHANGE
    if value > previous:
        return RISING
    if value < previous:
        return FALLING
    return STABLE
