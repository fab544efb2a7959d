"""The statistical rules of metrics/stats.py against values worked out by hand or independently."""
from __future__ import annotations

from datetime import date

import pytest
from scipy.stats import chi2, gamma

from metrics import stats

ALPHA = 1 - stats.CONFIDENCE


def test_the_documented_constants():
    assert stats.CONFIDENCE == 0.95
    assert stats.UNRELIABLE_BELOW == 20


@pytest.mark.parametrize("count, low, high", [
    (0, 0.0, 3.689),    # the classic "rule of 3.7" for zero events
    (1, 0.0253, 5.572),
    (10, 4.795, 18.39),
    (20, 12.22, 30.89),
])
def test_poisson_interval_known_values(count, low, high):
    got = stats.poisson_interval(count)
    assert got == pytest.approx((low, high), abs=0.001, rel=0.0005)


def test_poisson_interval_175_against_chi_square():
    # Garwood: lower = chi2(alpha/2; 2k)/2, upper = chi2(1-alpha/2; 2k+2)/2, computed here independently.
    expected = (chi2.ppf(0.025, 350) / 2, chi2.ppf(0.975, 352) / 2)
    assert stats.poisson_interval(175) == pytest.approx(expected, rel=1e-12)
    assert expected == pytest.approx((150.03, 202.94), abs=0.01)


@pytest.mark.parametrize("count", [0, 1, 3, 19, 20, 57, 175, 1000])
def test_poisson_interval_equals_the_gamma_form(count):
    # The same exact interval written with gamma quantiles: a second, independent formula.
    low = 0.0 if count == 0 else gamma.ppf(ALPHA / 2, count)
    high = gamma.ppf(1 - ALPHA / 2, count + 1)
    got = stats.poisson_interval(count)
    assert got == pytest.approx((low, high), rel=1e-9)
    assert got[0] <= count <= got[1]


def test_a_lower_confidence_gives_a_narrower_interval():
    low95, high95 = stats.poisson_interval(30)
    low90, high90 = stats.poisson_interval(30, confidence=0.90)
    assert low95 < low90 < 30 < high90 < high95


@pytest.mark.parametrize("count, flagged", [(0, True), (1, True), (19, True), (20, False), (175, False), (None, False)])
def test_unreliable_below_twenty_events(count, flagged):
    assert stats.unreliable(count) is flagged


# A straight path from 4.0 on 31 December 2023 to 2.0 on 31 December 2025 (731 days).
BASE_DATE, DEADLINE = date(2023, 12, 31), date(2025, 12, 31)
ONE_YEAR_ON = date(2024, 12, 31)  # 366 days after the baseline (2024 is a leap year)
EXPECTED_ONE_YEAR_ON = 4.0 - 2.0 * 366 / 731  # = 2.99863...


def test_expected_on_path():
    assert stats.expected_on_path(4.0, BASE_DATE, 2.0, DEADLINE, ONE_YEAR_ON) == pytest.approx(EXPECTED_ONE_YEAR_ON)
    assert stats.expected_on_path(4.0, BASE_DATE, 2.0, DEADLINE, BASE_DATE) == 4.0
    # Before the baseline and after the deadline the path stays at its ends.
    assert stats.expected_on_path(4.0, BASE_DATE, 2.0, DEADLINE, date(2020, 1, 1)) == 4.0
    assert stats.expected_on_path(4.0, BASE_DATE, 2.0, DEADLINE, date(2030, 1, 1)) == 2.0
    # A deadline on or before the baseline: the target itself is expected.
    assert stats.expected_on_path(4.0, BASE_DATE, 2.0, BASE_DATE, ONE_YEAR_ON) == 2.0


def lower(value, when=ONE_YEAR_ON, **changes):
    kwargs = dict(direction="lower", target=2.0, deadline=DEADLINE, baseline=4.0, baseline_date=BASE_DATE)
    return stats.status(value, when, **{**kwargs, **changes})


def higher(value, when=ONE_YEAR_ON, **changes):
    kwargs = dict(direction="higher", target=90.0, deadline=DEADLINE, baseline=80.0, baseline_date=BASE_DATE)
    return stats.status(value, when, **{**kwargs, **changes})


def test_status_lower_is_better():
    assert lower(1.9) == stats.MET
    assert lower(2.0) == stats.MET  # reaching the target is meeting it
    assert lower(2.99) == stats.ON_TRACK  # 2.99 <= 2.9986 expected one year on
    assert lower(3.00) == stats.OFF_TRACK  # just behind the path
    assert lower(4.5) == stats.OFF_TRACK
    # At the baseline date the path stands at the baseline itself.
    assert lower(4.0, when=BASE_DATE) == stats.ON_TRACK
    assert lower(4.01, when=BASE_DATE) == stats.OFF_TRACK


def test_status_higher_is_better():
    expected = 80.0 + 10.0 * 366 / 731  # 85.007
    assert higher(90.0) == stats.MET
    assert higher(85.1) == stats.ON_TRACK
    assert expected > 85.0
    assert higher(85.0) == stats.OFF_TRACK
    assert higher(70.0) == stats.OFF_TRACK


def test_status_after_the_deadline_is_met_or_off_track():
    assert lower(2.5, when=DEADLINE) == stats.OFF_TRACK
    assert lower(2.5, when=date(2026, 12, 31)) == stats.OFF_TRACK
    assert lower(1.5, when=date(2026, 12, 31)) == stats.MET


def test_missing_data_is_never_off_track():
    assert lower(None) == stats.NO_DATA
    assert lower(None, when=date(2030, 12, 31)) == stats.NO_DATA  # even long after the deadline
    assert stats.status(2.5, None, direction="lower", target=2.0, deadline=DEADLINE, baseline=4.0,
                        baseline_date=BASE_DATE) == stats.NO_DATA
    # No baseline figure: no path to be behind, so not judged before the deadline (a fix: it was off_track).
    assert lower(3.5, baseline=None) == stats.NOT_SCORED
    assert lower(3.5, baseline=None, baseline_date=None) == stats.NOT_SCORED
    assert lower(1.5, baseline=None) == stats.MET
    assert lower(3.5, when=DEADLINE, baseline=None) == stats.OFF_TRACK


def test_not_scored_without_direction_or_target():
    assert lower(3.0, direction="none") == stats.NOT_SCORED
    assert lower(3.0, target=None) == stats.NOT_SCORED
    assert lower(3.0, deadline=None) == stats.NOT_SCORED
    assert lower(None, direction="none") == stats.NO_DATA


def test_trend_only_when_intervals_separate():
    # 40 events against 14: the intervals are apart, so the rise is real.
    assert stats.trend(5.7, 2.2, interval=(4.1, 7.8), previous_interval=(1.2, 3.6)) == stats.RISING
    assert stats.trend(2.2, 5.7, interval=(1.2, 3.6), previous_interval=(4.1, 7.8)) == stats.FALLING
    # A visible fall with overlapping intervals is no clear change.
    assert stats.trend(3.08, 5.0, interval=(1.88, 4.75), previous_interval=(3.37, 7.14)) == stats.NO_CLEAR_CHANGE
    # Touching intervals are not apart.
    assert stats.trend(5.0, 3.0, interval=(4.0, 6.0), previous_interval=(2.0, 4.0)) == stats.NO_CLEAR_CHANGE


def test_trend_without_intervals_compares_values():
    assert stats.trend(810, 720) == stats.RISING
    assert stats.trend(89.5, 89.9) == stats.FALLING
    assert stats.trend(20, 20) == stats.STABLE
    assert stats.trend(20, None) is None
    assert stats.trend(None, 20) is None
