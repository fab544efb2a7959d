"""metrics.indicators on a tiny warehouse whose every figure is checked by hand, and on the full sample.

The fixture (tests/metrics_fixtures.py) has Abai (KZ-10, created in 2022 out of East Kazakhstan),
East Kazakhstan (KZ-63) and Almaty city (KZ-75): completed suicides and attempts for 2023, 2024 and
January-September 2024 and 2025, children on 1 January 2023-2025, and two PSC network snapshots.
"""
from __future__ import annotations

import os
from datetime import date

import pandas as pd
import pytest
from scipy.stats import chi2

from metrics import indicators, scorecard, stats
from metrics.catalogue import load_catalogue
from metrics.db import get_database
from tests.app_fixtures import sample_db  # noqa: F401  (fixture imported by name)
from tests.metrics_fixtures import (ABAI, ALMATY, ATTEMPTS, CHILDREN, COMPLETED, EAST, PERIOD_KEYS, PSC,  # noqa: F401
                                    REAL_CATALOGUE, _metrics_db_path, metrics_db, test_catalogue, with_target,
                                    write_catalogue)

NATION = indicators.NATION
YEARS = {"2023": 2023, "2024": 2024, "9m2024": 2024, "9m2025": 2025}


def garwood(k: float) -> tuple[float, float]:
    """The exact Poisson 95% interval, computed here from the chi-square distribution."""
    return (0.0 if k == 0 else chi2.ppf(0.025, 2 * k) / 2, chi2.ppf(0.975, 2 * k + 2) / 2)


def one(frame: pd.DataFrame, indicator_id: str, region: str, period: str) -> pd.Series:
    rows = frame[(frame.indicator_id == indicator_id) & (frame.region_code == region) & (frame.period == period)]
    assert len(rows) == 1, (indicator_id, region, period, rows)
    return rows.iloc[0]


@pytest.fixture
def frame(metrics_db) -> pd.DataFrame:
    return indicators.values(get_database(metrics_db))


@pytest.fixture
def comparable(metrics_db) -> pd.DataFrame:
    return indicators.values(get_database(metrics_db), "comparable")


def catalogue_entry(indicator_id: str):
    return next(i for i in load_catalogue() if i.id == indicator_id)


def test_values_has_the_documented_columns(frame):
    assert list(frame.columns) == indicators.COLUMNS
    assert set(frame.region_code) == {NATION, ABAI, EAST, ALMATY}
    # Indicators with no data at all (school psychologists here) have no rows, not rows of zeros.
    assert "pupils_per_psychologist" not in set(frame.indicator_id)


@pytest.mark.parametrize("indicator_id, counts", [("suicide_rate", COMPLETED), ("attempt_rate", ATTEMPTS)])
def test_rates_per_100000_children_of_the_same_year(frame, indicator_id, counts):
    for label, by_region in counts.items():
        year = YEARS[label]
        for region, k in by_region.items():
            row = one(frame, indicator_id, region, PERIOD_KEYS[label])
            population = CHILDREN[year][region]
            assert row.numerator == k
            assert row.denominator == population
            assert row.value == pytest.approx(k / population * 100_000)
        # The nation: the sum of the regions, numerator and population alike.
        row = one(frame, indicator_id, NATION, PERIOD_KEYS[label])
        assert row.numerator == sum(by_region.values())
        assert row.denominator == sum(CHILDREN[year].values())
        assert row.value == pytest.approx(sum(by_region.values()) / sum(CHILDREN[year].values()) * 100_000)


def test_hand_worked_rates(frame):
    # 34 suicides among 1,150,000 children in 2024; 5 among 160,000 in Abai.
    assert one(frame, "suicide_rate", NATION, "2024-01..2024-12").value == pytest.approx(2.956522, abs=1e-6)
    assert one(frame, "suicide_rate", ABAI, "2024-01..2024-12").value == pytest.approx(3.125)
    assert one(frame, "suicide_rate", ALMATY, "2023-01..2023-12").value == pytest.approx(5.0)
    assert one(frame, "suicide_rate", ABAI, "2025-01..2025-09").value == 0.0


def test_exact_poisson_intervals_of_rates(frame):
    for label, by_region in COMPLETED.items():
        year = YEARS[label]
        places = {**by_region, NATION: sum(by_region.values())}
        for region, k in places.items():
            population = sum(CHILDREN[year].values()) if region == NATION else CHILDREN[year][region]
            low, high = garwood(k)
            row = one(frame, "suicide_rate", region, PERIOD_KEYS[label])
            assert (row.ci_low, row.ci_high) == pytest.approx((low / population * 1e5, high / population * 1e5))
    # Zero events: the interval starts at 0 and reaches 3.689 events.
    zero = one(frame, "suicide_rate", ABAI, "2025-01..2025-09")
    assert zero.ci_low == 0.0
    assert zero.ci_high == pytest.approx(3.6889 / 170_000 * 1e5, rel=1e-4)


def test_no_interval_for_indicators_that_are_not_counts_of_events(frame):
    psc = frame[frame.indicator_id.isin(["psc_regions", "psc_specialists_per_10k", "psc_positions_filled_pct"])]
    assert psc.ci_low.isna().all() and psc.ci_high.isna().all()
    assert not psc.unreliable.any()


def test_unreliable_under_twenty_events(frame):
    rates = frame[frame.indicator_id.isin(["suicide_rate", "attempt_rate"])]
    assert (rates.unreliable == (rates.numerator < 20)).all()
    assert one(frame, "suicide_rate", ALMATY, "2024-01..2024-12").unreliable == False  # noqa: E712  exactly 20
    assert one(frame, "suicide_rate", ALMATY, "2024-01..2024-09").unreliable == True  # noqa: E712  14 events
    assert one(frame, "suicide_rate", NATION, "2024-01..2024-09").unreliable == False  # noqa: E712  24 events


def test_part_year_is_compared_only_with_the_same_months(frame):
    jan_sep_2025 = one(frame, "suicide_rate", ALMATY, "2025-01..2025-09")
    previous = indicators.comparable_previous(frame, jan_sep_2025)
    # Full 2024 ends later than January-September 2024, yet it is never the comparison.
    assert previous.period == "2024-01..2024-09"
    assert previous.value == pytest.approx(14 / 650_000 * 1e5)
    # January-September 2024 has no January-September 2023 to compare with: no comparison at all,
    # even though the full year 2023 is there.
    assert indicators.comparable_previous(frame, one(frame, "suicide_rate", ALMATY, "2024-01..2024-09")) is None
    assert indicators.trend_of(frame, one(frame, "suicide_rate", ALMATY, "2024-01..2024-09")) is None
    # A full year is compared with the full year before.
    full = indicators.comparable_previous(frame, one(frame, "suicide_rate", ALMATY, "2024-01..2024-12"))
    assert full.period == "2023-01..2023-12"
    # Snapshots: the snapshot before.
    snap = indicators.comparable_previous(frame, one(frame, "psc_specialists_per_10k", NATION, "@2025-06-01"))
    assert snap.period == "@2024-11-01"


def test_trend_labels_only_when_intervals_separate(frame):
    # Almaty, January-September: 14 then 40 events, intervals (1.18, 3.61) and (4.08, 7.78) per 100,000.
    assert indicators.trend_of(frame, one(frame, "suicide_rate", ALMATY, "2025-01..2025-09")) == stats.RISING
    # Almaty, full years: 5.00 fell to 3.08, but (3.37, 7.14) and (1.88, 4.75) overlap.
    assert indicators.trend_of(frame, one(frame, "suicide_rate", ALMATY, "2024-01..2024-12")) == stats.NO_CLEAR_CHANGE
    # The nation: 4.09 to 2.96, overlapping intervals.
    assert indicators.trend_of(frame, one(frame, "suicide_rate", NATION, "2024-01..2024-12")) == stats.NO_CLEAR_CHANGE
    # No interval (PSC staff per 10,000 children): plain comparison, 0.417 -> 0.575.
    assert indicators.trend_of(frame, one(frame, "psc_specialists_per_10k", NATION, "@2025-06-01")) == stats.RISING


# Status on the path from the baseline (end of 2023) to the target (end of 2025): 366 of 731 days by
# the end of 2024. Test catalogue: suicide_rate baseline 4.09 (2023), target 2.0 by 31 December 2025.
SHARE_2024 = 366 / 731


def test_statuses_of_the_national_suicide_rate(frame):
    expected_2024 = 4.09 + (2.0 - 4.09) * SHARE_2024  # 3.0535
    value_2024 = 34 / 1_150_000 * 1e5  # 2.9565, under the path
    assert value_2024 <= expected_2024
    assert one(frame, "suicide_rate", NATION, "2024-01..2024-12").status == stats.ON_TRACK
    # The baseline period's own figure (4.0909, the catalogue rounds it to 4.09) is on the path by
    # definition: it was judged off track against its own rounded value before the fix.
    assert one(frame, "suicide_rate", NATION, "2023-01..2023-12").status == stats.ON_TRACK
    # Part-years are never judged against the annual target.
    assert one(frame, "suicide_rate", NATION, "2024-01..2024-09").status == stats.NOT_SCORED
    assert one(frame, "suicide_rate", NATION, "2025-01..2025-09").status == stats.NOT_SCORED


def test_statuses_of_regions_start_from_their_own_baseline(frame):
    # Abai: 2.00 in 2023 already meets the target of 2.0; 3.125 in 2024 is behind a flat path.
    assert one(frame, "suicide_rate", ABAI, "2023-01..2023-12").status == stats.MET
    assert one(frame, "suicide_rate", ABAI, "2024-01..2024-12").status == stats.OFF_TRACK
    # East Kazakhstan: 12/350,000 = 3.4286 -> 9/340,000 = 2.6471; the path stands at 2.7133.
    assert 9 / 340_000 * 1e5 <= 12 / 350_000 * 1e5 + (2.0 - 12 / 350_000 * 1e5) * SHARE_2024
    assert one(frame, "suicide_rate", EAST, "2024-01..2024-12").status == stats.ON_TRACK
    # Almaty: 5.0 -> 3.0769; the path stands at 3.4979.
    assert one(frame, "suicide_rate", ALMATY, "2024-01..2024-12").status == stats.ON_TRACK


def test_not_scored_no_data_and_deadlines(frame):
    # No direction: never scored.
    assert set(frame[frame.indicator_id == "attempt_rate"].status) == {stats.NOT_SCORED}
    # Regions are not judged on counts (the target of 3 regions with a centre is national).
    regional = frame[(frame.indicator_id == "psc_regions") & (frame.region_code != NATION)]
    assert set(regional.status) == {stats.NOT_SCORED}
    # The nation: 2 centres at the baseline (on the path), still 2 after the deadline of 31 March 2025.
    assert one(frame, "psc_regions", NATION, "@2024-11-01").status == stats.ON_TRACK
    assert one(frame, "psc_regions", NATION, "@2025-06-01").status == stats.OFF_TRACK
    # Abai has no centre: 0 filled of 0 authorised positions is no figure, so no data, not off track.
    for period in ("@2024-11-01", "@2025-06-01"):
        row = one(frame, "psc_positions_filled_pct", ABAI, period)
        assert pd.isna(row.value) and row.status == stats.NO_DATA
    # Filled positions: 48/60 = 80% at the baseline, 69/75 = 92% meets the target of 90%.
    assert one(frame, "psc_positions_filled_pct", NATION, "@2025-06-01").value == pytest.approx(92.0)
    assert one(frame, "psc_positions_filled_pct", NATION, "@2025-06-01").status == stats.MET


def test_psc_staff_per_10000_children(frame):
    # Snapshots join the population of their own year: 48 / 1,150,000 and 69 / 1,200,000 children.
    first = one(frame, "psc_specialists_per_10k", NATION, "@2024-11-01")
    second = one(frame, "psc_specialists_per_10k", NATION, "@2025-06-01")
    assert (first.numerator, first.denominator) == (48, 1_150_000)
    assert (second.numerator, second.denominator) == (69, 1_200_000)
    assert second.value == pytest.approx(0.575)
    expected = 0.42 + (0.6 - 0.42) * (date(2025, 6, 1) - date(2024, 11, 1)).days / (
        date(2025, 12, 31) - date(2024, 11, 1)).days
    assert second.value >= expected and second.status == stats.ON_TRACK
    # Abai, 0 specialists: on the path at its own baseline of 0, then behind it.
    assert one(frame, "psc_specialists_per_10k", ABAI, "@2025-06-01").status == stats.OFF_TRACK


def test_illustrative_flag_follows_the_sources(frame):
    assert not frame[frame.indicator_id == "suicide_rate"].illustrative.any()
    assert frame[frame.indicator_id == "psc_specialists_per_10k"].illustrative.all()


def test_comparable_geography_sums_numerators_and_populations(frame, comparable):
    assert ABAI not in set(comparable.region_code)
    assert set(comparable.region_code) == {NATION, EAST, ALMATY}
    for indicator_id, counts in (("suicide_rate", COMPLETED), ("attempt_rate", ATTEMPTS)):
        for label, by_region in counts.items():
            year = YEARS[label]
            row = one(comparable, indicator_id, EAST, PERIOD_KEYS[label])
            k = by_region[ABAI] + by_region[EAST]
            population = CHILDREN[year][ABAI] + CHILDREN[year][EAST]
            assert (row.numerator, row.denominator) == (k, population)
            assert row.value == pytest.approx(k / population * 1e5)
            low, high = garwood(k)
            assert (row.ci_low, row.ci_high) == pytest.approx((low / population * 1e5, high / population * 1e5))
            assert row.unreliable == (k < 20)
    # 2023: (3 + 12) / (150,000 + 350,000) = 3.0 per 100,000.
    assert one(comparable, "suicide_rate", EAST, "2023-01..2023-12").value == pytest.approx(3.0)
    # Regions outside the merge and the nation are unchanged.
    for region in (ALMATY, NATION):
        mine = frame[frame.region_code == region].reset_index(drop=True)
        theirs = comparable[comparable.region_code == region].reset_index(drop=True)
        pd.testing.assert_frame_equal(mine[["indicator_id", "period", "value", "numerator", "denominator"]],
                                      theirs[["indicator_id", "period", "value", "numerator", "denominator"]])
    # Snapshots merge too: the PSC staff of Abai (none) and East Kazakhstan over both populations.
    staff = one(comparable, "psc_specialists_per_10k", EAST, "@2025-06-01")
    assert (staff.numerator, staff.denominator) == (24, 170_000 + 330_000)


def test_comparable_mapping_is_the_2022_reform():
    assert indicators.COMPARABLE == {"KZ-10": "KZ-63", "KZ-33": "KZ-19", "KZ-62": "KZ-35"}


def test_latest_prefers_a_scored_full_year(frame):
    catalogue = {i.id: i for i in load_catalogue()}
    assert indicators.latest(frame, catalogue["suicide_rate"]).period == "2024-01..2024-12"
    # Not scored, but its baseline is a full year: the latest full year, not January-September 2025.
    assert indicators.latest(frame, catalogue["attempt_rate"], ALMATY).period == "2024-01..2024-12"
    assert indicators.latest(frame, catalogue["psc_regions"]).period == "@2025-06-01"
    assert indicators.latest(frame, catalogue["pupils_per_psychologist"]) is None


def test_scorecard_rows_of_the_nation(frame):
    rows = scorecard.rows(frame, load_catalogue()).set_index("indicator_id")
    suicide = rows.loc["suicide_rate"]
    assert suicide.baseline_value == 4.09 and suicide.baseline_period.label() == "2023"
    assert suicide.latest_value == pytest.approx(34 / 1_150_000 * 1e5)
    assert suicide.latest_period.label() == "2024"
    assert (suicide.target_value, suicide.target_deadline, suicide.target_status) == (2.0, date(2025, 12, 31),
                                                                                      "proposed")
    assert suicide.status == stats.ON_TRACK and suicide.trend == stats.NO_CLEAR_CHANGE
    # An indicator without any figure is "no data" even though its deadline (31 August 2024) has passed.
    pupils = rows.loc["pupils_per_psychologist"]
    assert pupils.status == stats.NO_DATA and pupils.latest_value is None
    assert rows.loc["psc_regions"].status == stats.OFF_TRACK


def test_scorecard_rows_of_a_region(frame):
    rows = scorecard.rows(frame, load_catalogue(), ABAI).set_index("indicator_id")
    # A region's baseline is its own figure for the baseline period; counts carry no regional target.
    assert rows.loc["suicide_rate"].baseline_value == pytest.approx(2.0)
    assert rows.loc["suicide_rate"].status == stats.OFF_TRACK
    assert rows.loc["psc_regions"].target_value is None
    assert rows.loc["psc_regions"].status == stats.NOT_SCORED
    assert rows.loc["psc_positions_filled_pct"].status == stats.NO_DATA


def test_status_grid_regions_by_indicators(frame):
    grid = scorecard.grid(frame, load_catalogue(), [ABAI, EAST, ALMATY])
    judged = [i.id for i in scorecard.grid_indicators(load_catalogue())]
    assert judged == ["suicide_rate", "psc_specialists_per_10k", "psc_positions_filled_pct", "pupils_per_psychologist"]
    assert len(grid) == 4 * len(judged)
    cell = grid.set_index(["region_code", "indicator_id"]).status
    assert cell[(NATION, "suicide_rate")] == stats.ON_TRACK
    assert cell[(ABAI, "suicide_rate")] == stats.OFF_TRACK
    assert cell[(ABAI, "psc_positions_filled_pct")] == stats.NO_DATA
    assert cell[(ALMATY, "pupils_per_psychologist")] == stats.NO_DATA
    assert cell[(EAST, "psc_positions_filled_pct")] == stats.MET


def test_changing_a_target_in_the_catalogue_changes_the_status(metrics_db, tmp_path, monkeypatch):
    """A copy of the real catalogue, edited as an analyst would: no code changes, the status follows."""
    db = get_database(metrics_db)
    text = REAL_CATALOGUE.read_text(encoding="utf-8")
    original = tmp_path / "original.toml"
    original.write_text(text, encoding="utf-8")
    monkeypatch.setenv("CPM_INDICATORS", str(original))
    suicide = catalogue_entry("suicide_rate")
    # Real catalogue: 3.02 in 2023 towards 2.5 by the end of 2025; the path stands at 2.760 at the end
    # of 2024 and the fixture's 2.957 is behind it.
    path_2024 = suicide.baseline_value + (suicide.target_value - suicide.baseline_value) * SHARE_2024
    assert path_2024 < 34 / 1_150_000 * 1e5
    assert one(indicators.values(db), "suicide_rate", NATION, "2024-01..2024-12").status == stats.OFF_TRACK

    edited = tmp_path / "edited.toml"
    edited.write_text(with_target(text, "suicide_rate", 3.0), encoding="utf-8")
    monkeypatch.setenv("CPM_INDICATORS", str(edited))
    assert catalogue_entry("suicide_rate").target_value == 3.0
    assert one(indicators.values(db), "suicide_rate", NATION, "2024-01..2024-12").status == stats.MET


def test_the_catalogue_is_reread_when_the_file_changes(metrics_db, test_catalogue):
    db = get_database(metrics_db)
    assert one(indicators.values(db), "suicide_rate", NATION, "2024-01..2024-12").status == stats.ON_TRACK
    write_catalogue(test_catalogue, with_target(test_catalogue.read_text(encoding="utf-8"), "suicide_rate", 1.0))
    stat = test_catalogue.stat()
    os.utime(test_catalogue, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # a later save
    # The path now stands at 4.09 - 3.09 * 366/731 = 2.543 by the end of 2024: 2.957 is behind it.
    assert one(indicators.values(db), "suicide_rate", NATION, "2024-01..2024-12").status == stats.OFF_TRACK


def test_acceptance_national_suicide_rate_2024_on_the_full_sample(sample_db, monkeypatch):
    """The 2024 national rate of completed suicides: 175 events over the children of 1 January 2024."""
    monkeypatch.delenv("CPM_INDICATORS", raising=False)
    db = get_database(sample_db)
    children = db.query("SELECT sum(value) AS n FROM child_population WHERE year = 2024 AND sex = 'all'").n.iloc[0]
    row = one(indicators.values(db), "suicide_rate", NATION, "2024-01..2024-12")
    assert row.numerator == 175
    assert row.denominator == children
    assert row.value == pytest.approx(175 / children * 100_000, rel=1e-12)
    low, high = chi2.ppf(0.025, 2 * 175) / 2, chi2.ppf(0.975, 2 * 175 + 2) / 2
    assert row.ci_low == pytest.approx(low / children * 100_000, rel=1e-12)
    assert row.ci_high == pytest.approx(high / children * 100_000, rel=1e-12)
    assert not row.unreliable
    # 6,841,527 children on 1 January 2024 (published): 2.56 per 100,000, 95% CI 2.19-2.97.
    assert children == 6_841_527
    assert (round(row.value, 2), round(row.ci_low, 2), round(row.ci_high, 2)) == (2.56, 2.19, 2.97)


def test_a_loaded_database_serves_its_stored_values_while_the_catalogue_is_unchanged(sample_db, tmp_path,
                                                                                     monkeypatch):
    """A load stores the values with what they came from; readers then read them, not compute them, and
    they are the very values the computation gives. Changed figures or an edited catalogue are computed afresh."""
    import shutil

    import duckdb

    from metrics.db import Database

    monkeypatch.delenv("CPM_INDICATORS", raising=False)
    copy = tmp_path / "copy.duckdb"
    shutil.copyfile(sample_db, copy)
    computed = indicators.compute_all(Database(copy), "current")
    stored = indicators.values(Database(copy), "current")
    columns = indicators.COLUMNS
    key = ["indicator_id", "region_code", "period_start", "period_end"]
    pd.testing.assert_frame_equal(stored[columns].sort_values(key).reset_index(drop=True),
                                  computed[columns].sort_values(key).reset_index(drop=True), check_dtype=False)

    tampered = tmp_path / "tampered.duckdb"  # proof that the stored table is what is read
    shutil.copyfile(sample_db, tampered)
    with duckdb.connect(str(tampered)) as con:
        con.execute("UPDATE indicator_values SET value = -1 WHERE indicator_id = 'suicide_rate' AND region_code = 'KZ'")
    assert one(indicators.values(Database(tampered)), "suicide_rate", NATION, "2024-01..2024-12").value == -1

    changed = tmp_path / "changed.duckdb"  # a figure changed since the values were stored: computed afresh
    shutil.copyfile(sample_db, changed)
    with duckdb.connect(str(changed)) as con:
        con.execute("UPDATE indicator_values SET value = -1 WHERE indicator_id = 'suicide_rate' AND region_code = 'KZ'")
        con.execute("UPDATE figures SET value = value + 1000 WHERE source = 'population' AND region_code = 'KZ-75' "
                    "AND year(period_start) = 2024")
    recomputed = one(indicators.values(Database(changed)), "suicide_rate", NATION, "2024-01..2024-12")
    assert recomputed.value != -1 and recomputed.value == pytest.approx(
        one(indicators.compute_all(Database(changed)), "suicide_rate", NATION, "2024-01..2024-12").value)

    edited = tmp_path / "indicators.toml"
    edited.write_text(REAL_CATALOGUE.read_text(encoding="utf-8") + "\n# an analyst's note\n", encoding="utf-8")
    monkeypatch.setenv("CPM_INDICATORS", str(edited))
    assert one(indicators.values(Database(tampered)), "suicide_rate", NATION, "2024-01..2024-12").value == pytest.approx(
        one(computed, "suicide_rate", NATION, "2024-01..2024-12").value)
