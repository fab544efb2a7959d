"""Comparisons by test, against cases worked by hand and published worked examples."""
from __future__ import annotations

import math

import pytest

from metrics import compare, indicators, stats
from metrics.catalogue import indicator
from metrics.db import Database
from tests.app_fixtures import sample_db  # noqa: F401  (session fixture)


def test_attempts_376_to_453_is_a_significant_rise():
    # 5.56 -> 6.62 per 100,000 children (2023 and 2024 populations): rate ratio 1.19.
    change = compare.rate_ratio(376, 6_762_590, 453, 6_841_527)
    assert change.verdict == stats.RISING
    assert change.estimate == pytest.approx(0.191, abs=0.001)
    assert change.low == pytest.approx(0.036, abs=0.002) and change.high == pytest.approx(0.369, abs=0.002)
    assert 0.005 < change.p_value < 0.02


def test_ten_against_twelve_is_no_significant_change():
    change = compare.rate_ratio(10, 1.0, 12, 1.0)
    assert change.verdict == stats.NO_CLEAR_CHANGE
    assert change.estimate == pytest.approx(0.2)
    assert change.low < 0 < change.high
    assert change.p_value > 0.5


def test_a_fall_and_no_events():
    assert compare.rate_ratio(60, 1.0, 30, 1.0).verdict == stats.FALLING
    assert compare.rate_ratio(0, 1.0, 0, 1.0).verdict == stats.STABLE
    up_from_zero = compare.rate_ratio(0, 1.0, 9, 1.0)
    assert up_from_zero.verdict == stats.RISING and math.isinf(up_from_zero.high)


def test_wilson_and_newcombe_match_newcombe_1998():
    # Newcombe (1998), Statistics in Medicine 17: 81/263 -> 0.2553 to 0.3662; 56/70 - 48/80 -> 0.0524 to 0.3339.
    low, high = compare.wilson(81, 263)
    assert (round(low, 4), round(high, 4)) == (0.2553, 0.3662)
    change = compare.proportion_difference(48, 80, 56, 70)
    assert change.estimate == pytest.approx(20.0)
    assert (round(change.low, 2), round(change.high, 2)) == (5.24, 33.39)
    assert change.verdict == stats.RISING
    assert compare.proportion_difference(40, 80, 42, 80).verdict == stats.NO_CLEAR_CHANGE


def test_judgement_follows_the_direction():
    assert compare.judgement("lower", stats.RISING) == compare.WORSENING
    assert compare.judgement("higher", stats.RISING) == compare.IMPROVING
    assert compare.judgement("lower", stats.FALLING) == compare.IMPROVING
    assert compare.judgement("none", stats.RISING) is None
    assert compare.judgement("lower", stats.NO_CLEAR_CHANGE) is None


def test_sample_attempt_rate_rise_is_significant(sample_db):  # noqa: F811
    frame = indicators.values(Database(sample_db))
    latest = frame[(frame.indicator_id == "attempt_rate") & (frame.region_code == "KZ")
                   & (frame.period == "2024-01..2024-12")].iloc[0]
    change = indicators.change_of(frame, latest)
    assert change.method == compare.RATE_RATIO
    assert change.verdict == stats.RISING and change.p_value < 0.05
    assert round(latest.value, 2) == 6.62


def test_region_against_nation_uses_the_region_interval():
    rate = indicator("suicide_rate")
    row = type("Row", (), {"value": 4.0, "ci_low": 2.0, "ci_high": 6.5, "numerator": 8, "denominator": 200_000})
    assert compare.against(rate, row, 3.0) == compare.SIMILAR
    assert compare.against(rate, row, 7.0) == compare.LOWER
    assert compare.against(rate, row, 1.5) == compare.HIGHER
