"""A region's indicators over time against the nation (metrics/trends.py), on the hand-sized
warehouse of tests/metrics_fixtures.py."""
from __future__ import annotations

import pytest

from metrics import compare, indicators, stats, trends
from metrics.catalogue import indicator, load_catalogue
from metrics.db import get_database
from tests.metrics_fixtures import (ABAI, ALMATY, EAST, _metrics_db_path, metrics_db,  # noqa: F401
                                    test_catalogue)


def test_region_and_nation_over_time_with_the_target_path(metrics_db):
    frame = indicators.values(get_database())
    trend = trends.region_trend(frame, indicator("suicide_rate"), ALMATY)
    region = trend.rows[trend.rows.place == "region"]
    nation = trend.rows[trend.rows.place == "nation"]
    assert region.period.tolist() == ["2023-01..2023-12", "2024-01..2024-12"]
    assert region.value.tolist() == pytest.approx([30 / 600_000 * 1e5, 20 / 650_000 * 1e5])
    assert nation.value.tolist() == pytest.approx([45 / 1_100_000 * 1e5, 34 / 1_150_000 * 1e5])
    # Almaty's own 2023 rate (5.0) starts its path to the national target of 2.0 by the end of 2025.
    assert trend.path.value.tolist() == pytest.approx([5.0, 2.0])
    assert region.on_path.tolist() == pytest.approx([5.0, 5.0 - 3.0 * 366 / 731], abs=1e-6)
    assert nation.on_path.isna().all()
    # 20 events over 650,000 against the nation's 2.96: the exact interval holds the national value.
    assert trend.against_nation == compare.SIMILAR
    assert trend.change.method == compare.RATE_RATIO and trend.change.verdict == stats.NO_CLEAR_CHANGE
    assert trend.judgement is None


def test_counts_are_never_set_against_the_nation(metrics_db):
    shown = {t.indicator.id for t in trends.region_trends(indicators.values(get_database()), load_catalogue(), EAST)}
    assert "psc_regions" not in shown
    assert {"suicide_rate", "psc_positions_filled_pct"} <= shown


def test_shares_get_wilson_intervals(metrics_db):
    frame = indicators.values(get_database())
    trend = trends.region_trend(frame, indicator("psc_positions_filled_pct"), EAST)
    region = trend.rows[trend.rows.place == "region"].iloc[-1]
    low, high = compare.wilson(24, 25)
    assert (region.ci_low, region.ci_high) == pytest.approx((low * 100, high * 100))
    assert trend.change.method == compare.PROPORTION_DIFFERENCE
    assert trend.change.estimate == pytest.approx(96.0 - 90.0)


def test_a_region_without_figures_has_no_trend(metrics_db):
    # Abai has no centre: no authorised position, so no share to draw.
    assert trends.region_trend(indicators.values(get_database()), indicator("psc_positions_filled_pct"), ABAI) is None
    assert trends.region_trend(indicators.values(get_database()), indicator("suicide_rate"), "KZ-11") is None
