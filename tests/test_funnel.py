"""Funnel plot control limits (metrics/funnel.py), checked against Poisson sums worked out by hand."""
from __future__ import annotations

import math

import pytest

from metrics import funnel, indicators, suicides
from metrics.db import get_database
from tests.app_fixtures import sample_db  # noqa: F401  (fixture imported by name)


def cdf(k: int, mean: float) -> float:
    """P(X <= k) for X ~ Poisson(mean), summed term by term."""
    return sum(math.exp(-mean) * mean ** i / math.factorial(i) for i in range(k + 1)) if k >= 0 else 0.0


def hand_limit(p: float, mean: float) -> float:
    """Spiegelhalter's interpolated quantile, done the long way: the smallest r with F(r) >= p, then
    r - (F(r) - p) / (F(r) - F(r - 1))."""
    r = 0
    while cdf(r, mean) < p:
        r += 1
    return r - (cdf(r, mean) - p) / (cdf(r, mean) - cdf(r - 1, mean))


def test_limits_for_a_mean_of_two_events_worked_by_hand():
    # National rate 2 per 100,000 and 100,000 children: 2 events expected.
    # F(4) = e^-2 (1 + 2 + 2 + 4/3 + 2/3) = 7 e^-2 = 0.947347; f(5) = e^-2 * 32/120 = 0.036089;
    # F(5) = 0.983436 >= 0.975, so r = 5 and the upper 95% limit is 5 - (0.983436 - 0.975) / 0.036089
    # = 4.76624 events, i.e. 4.76624 per 100,000.
    low, high = funnel.control_limits(2.0, 100_000, 0.95)
    assert high == pytest.approx(4.76624, abs=1e-4)
    # F(0) = e^-2 = 0.135335 >= 0.025 already: r = 0 and 0 - (0.135335 - 0.025) / 0.135335 < 0, so zero.
    assert low == 0.0


def test_limits_for_a_mean_of_two_events_at_99_8_percent():
    # f(6) = e^-2 64/720 = 0.012030, F(6) = 0.995466; f(7) = e^-2 128/5040 = 0.003437, F(7) = 0.998903;
    # f(8) = e^-2 256/40320 = 0.000859, F(8) = 0.999763 >= 0.999: r = 8,
    # upper = 8 - (0.999763 - 0.999) / 0.000859 = 7.1117.
    low, high = funnel.control_limits(2.0, 100_000, 0.998)
    assert high == pytest.approx(7.1117, abs=1e-3)
    assert low == 0.0


@pytest.mark.parametrize("rate, population", [(2.5, 400_000), (3.0, 1_000_000), (5.56, 250_000), (2.0, 64_000)])
@pytest.mark.parametrize("level", funnel.LEVELS)
def test_limits_equal_the_long_hand_sums(rate, population, level):
    mean = rate / 100_000 * population
    tail = (1 - level) / 2
    low, high = funnel.control_limits(rate, population, level)
    assert low == pytest.approx(max(hand_limit(tail, mean), 0.0) / population * 100_000, rel=1e-9, abs=1e-12)
    assert high == pytest.approx(hand_limit(1 - tail, mean) / population * 100_000, rel=1e-9)
    assert low <= rate <= high


def test_limits_for_a_large_population_are_near_the_normal_approximation():
    # 10 per 100,000 among 10 million children: 1,000 events expected, sd = sqrt(1000) = 31.6.
    low, high = funnel.control_limits(10.0, 10_000_000, 0.95)
    assert low == pytest.approx((1000 - 1.96 * math.sqrt(1000)) / 100, abs=0.02)
    assert high == pytest.approx((1000 + 1.96 * math.sqrt(1000)) / 100, abs=0.02)


def test_the_funnel_narrows_and_the_outer_limits_enclose_the_inner():
    frame = funnel.limits_frame(2.5, [50_000, 200_000, 1_000_000])
    assert list(frame.columns) == ["population", "expected", "low_95", "high_95", "low_99.8", "high_99.8"]
    assert frame.expected.tolist() == pytest.approx([1.25, 5.0, 25.0])
    assert frame.high_95.is_monotonic_decreasing and frame["high_99.8"].is_monotonic_decreasing
    assert (frame["low_99.8"] <= frame.low_95).all() and (frame["high_99.8"] >= frame.high_95).all()


def test_positions_and_degenerate_inputs():
    assert funnel.position(5.0, 1.0, 4.0) == funnel.ABOVE
    assert funnel.position(0.5, 1.0, 4.0) == funnel.BELOW
    assert funnel.position(4.0, 1.0, 4.0) == funnel.INSIDE
    assert all(math.isnan(v) for v in funnel.control_limits(2.0, 0, 0.95))
    assert funnel.level_name(0.998) == "99.8" and funnel.level_name(0.95) == "95"
    assert funnel.curve_populations([]) == []
    curve = funnel.curve_populations([100, 1000], points=5)
    assert curve[0] == pytest.approx(80) and curve[-1] == pytest.approx(1200) and len(curve) == 5


def test_sample_funnel_points_and_limits_come_from_the_metrics(sample_db):
    db = get_database()
    option = suicides.PeriodOption(2024, 1, 12)
    shape = funnel.funnel(db, option, "completed")
    values = indicators.values(db)
    national = values[(values.indicator_id == "suicide_rate") & (values.region_code == "KZ")
                      & (values.period == "2024-01..2024-12")].iloc[0]
    assert shape.national_rate == pytest.approx(national.value)
    assert shape.national_rate == pytest.approx(175 / shape.national_children * 100_000)  # 175 published
    assert shape.national_events == 175
    points = shape.points
    rates = suicides.regional_rates(db, option, "completed")
    assert points.region_code.tolist() == rates.region_code.tolist() and len(points) == 20
    assert points.rate.tolist() == pytest.approx((points.events / points.children * 100_000).tolist())
    assert int(points.events.sum()) == 175
    for row in points.itertuples():
        for level in funnel.LEVELS:
            name = funnel.level_name(level)
            low, high = funnel.control_limits(shape.national_rate, row.children, level)
            assert points.loc[row.Index, f"low_{name}"] == pytest.approx(low)
            assert points.loc[row.Index, f"high_{name}"] == pytest.approx(high)
            assert points.loc[row.Index, f"position_{name}"] == funnel.position(row.rate, low, high)
    assert shape.curve.population.min() < points.children.min() < points.children.max() < shape.curve.population.max()


def test_comparable_geography_funnel_merges_the_2022_regions(sample_db):
    db = get_database()
    option = suicides.PeriodOption(2024, 1, 12)
    current = funnel.funnel(db, option, "completed")
    comparable = funnel.funnel(db, option, "completed", "comparable")
    assert len(comparable.points) == 17
    assert comparable.national_rate == pytest.approx(current.national_rate)
    merged = current.points.assign(region_code=current.points.region_code.replace(indicators.COMPARABLE))
    sums = merged.groupby("region_code")[["events", "children"]].sum()
    east = comparable.points.set_index("region_code").loc["KZ-63"]
    assert east.events == sums.loc["KZ-63", "events"] and east.children == sums.loc["KZ-63", "children"]
    assert east.merged_from == "KZ-10"
